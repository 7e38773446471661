/**
 * Provider refusals are classified from each provider's DOCUMENTED reasons (issue #20): a quota or
 * throttling reason is retryable, a documented "no write access" is read-only (kept in Convene), and
 * anything undocumented is `unknown`, which the outbox retries and then reports, never "kept".
 */
import { describe, expect, it } from 'vitest';
import { classifyWriteFailure } from '../../src/app/outbox.ts';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import { CalDavHttpError, toProviderError as caldavError } from '../../src/connectors/caldav/errors.ts';
import { toProviderError as googleError } from '../../src/connectors/google/errors.ts';
import { toProviderError as graphError } from '../../src/connectors/microsoft/errors.ts';

const gaxios = (status: number, domain: string, reason: string) => ({
  response: { status, data: { error: { code: status, message: reason, errors: [{ domain, reason }] } } },
});
const graph = (statusCode: number, code: string) => ({ statusCode, code });

describe('Google Calendar refusals', () => {
  it.each([
    ['usageLimits', 'dailyLimitExceeded', 'rate_limited', 'transient'],
    ['usageLimits', 'userRateLimitExceeded', 'rate_limited', 'transient'],
    ['usageLimits', 'someFutureLimit', 'rate_limited', 'transient'],
    ['calendar', 'requiredAccessLevel', 'read_only', 'kept'],
    ['calendar', 'forbiddenForNonOrganizer', 'read_only', 'kept'],
    ['global', 'insufficientPermissions', 'consent_required', 'permanent'],
    ['calendar', 'forbiddenForServiceAccounts', 'invalid_request', 'permanent'],
    ['global', 'forbidden', 'unknown', 'transient'],
    ['global', 'somethingNew', 'unknown', 'transient'],
  ])('403 %s/%s → %s (outbox: %s)', (domain, reason, code, outbox) => {
    const error = googleError(gaxios(403, domain, reason), 'insert');
    expect(error.code).toBe(code);
    expect(classifyWriteFailure(error.code)).toBe(outbox);
  });
});

describe('Microsoft Graph refusals', () => {
  it.each([
    [403, 'ErrorAccessDenied', 'read_only', 'kept'],
    [404, 'MailboxNotEnabledForRESTAPI', 'mailbox_unavailable', 'permanent'],
    [403, 'MailboxNotSupportedForRESTAPI', 'mailbox_unavailable', 'permanent'],
    [403, 'ErrorQuotaExceeded', 'quota_exceeded', 'permanent'],
    [429, 'TooManyRequests', 'rate_limited', 'transient'],
    [403, 'ApplicationThrottled', 'rate_limited', 'transient'],
    [403, 'ExtensionError', 'unknown', 'transient'],
    [503, 'ServiceNotAvailable', 'unavailable', 'transient'],
  ])('%i %s on a write → %s (outbox: %s)', (status, code, expected, outbox) => {
    const error = graphError(graph(status, code), 'create event', 'write');
    expect(error.code).toBe(expected);
    expect(classifyWriteFailure(error.code)).toBe(outbox);
  });

  it('a 403 on a read is missing consent, whatever the code', () => {
    expect(graphError(graph(403, 'ErrorAccessDenied'), 'getSchedule', 'read').code).toBe('consent_required');
  });
});

describe('CalDAV refusals', () => {
  it.each([
    [403, 'read_only', 'kept'],
    [507, 'quota_exceeded', 'permanent'],
    [503, 'unavailable', 'transient'],
  ])('HTTP %i on a write → %s (outbox: %s)', (status, code, outbox) => {
    const error = caldavError(new CalDavHttpError('PUT', status, null, 0), true) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe(code);
    expect(classifyWriteFailure(error.code)).toBe(outbox);
  });
});
