/**
 * Graph and identity-platform failures → retry decisions and typed `ProviderError`s.
 * @see https://learn.microsoft.com/graph/errors
 * @see https://learn.microsoft.com/graph/throttling
 */

import type { CalendarErrorCode } from '../../app/ports/provider.ts';
import { ProviderError, type ProviderErrorCode } from '../../app/ports/provider-errors.ts';
import { parseRetryAfter, type RetryDecision } from '../retry.ts';

/** What we need from the SDK's `GraphError` (duck-typed: the SDK is CommonJS). */
export interface GraphFailure {
  /** HTTP status; -1 when no response arrived (network error, abort). */
  readonly status: number;
  /** Graph's `error.code` (e.g. `InvalidAuthenticationToken`), or the native error name. */
  readonly code: string | undefined;
  readonly retryAfter: string | null | undefined;
}

export function asGraphFailure(error: unknown): GraphFailure | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const e = error as {
    statusCode: unknown;
    code?: unknown;
    headers?: { get?: (name: string) => string | null };
  };
  if (typeof e.statusCode !== 'number') return undefined;
  return {
    status: e.statusCode,
    code: typeof e.code === 'string' ? e.code : undefined,
    retryAfter: typeof e.headers?.get === 'function' ? e.headers.get('retry-after') : undefined,
  };
}

/** A 401 from Graph: the access token was rejected (expired, revoked); refresh and try once more. */
export function isRejectedToken(error: unknown): boolean {
  return asGraphFailure(error)?.status === 401;
}

/**
 * 429 and 503/504 are retried honouring Retry-After; so are network errors (no response).
 * 400/401/403/404/409 are not (401 is handled once, above the retry loop, by refreshing the token).
 * @see https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling
 */
export function classifyGraphError(error: unknown, nowMs: number): RetryDecision {
  if (error instanceof ProviderError) return { retry: error.retryable };
  const failure = asGraphFailure(error);
  if (!failure) return { retry: false };
  if (failure.status === -1) return { retry: failure.code !== 'AbortError' };
  if (failure.status === 429 || failure.status === 503 || failure.status === 504) {
    const retryAfterMs = parseRetryAfter(failure.retryAfter, nowMs);
    return retryAfterMs === undefined ? { retry: true } : { retry: true, retryAfterMs };
  }
  return { retry: false };
}

export type GraphOperation = 'read' | 'write';

/** Graph/Exchange `error.code`s, by documented meaning. @see https://learn.microsoft.com/graph/errors#code-property */
const ACCESS_DENIED = new Set([
  'ErrorAccessDenied',
  'accessDenied',
  'AccessDenied',
  'ErrorInsufficientPermission',
]);
const MAILBOX_UNAVAILABLE = new Set([
  'MailboxNotEnabledForRESTAPI',
  'MailboxNotSupportedForRESTAPI',
  'ErrorMailboxNotEnabledForRESTAPI',
  'ResourceNotFound.MailboxNotEnabledForRESTAPI',
]);
const QUOTA_CODES = new Set(['ErrorQuotaExceeded', 'quotaLimitReached', 'ErrorMessageSizeExceeded']);
/** Throttling codes (with 429, or 503 `ServiceNotAvailable` handled as unavailable). @see https://learn.microsoft.com/graph/throttling */
const THROTTLE_CODES = new Set([
  'TooManyRequests',
  'ApplicationThrottled',
  'activityLimitReached',
  'ErrorServerBusy',
]);

/** Final mapping once retries are exhausted. Messages carry status and Graph code, never tokens. */
export function toProviderError(error: unknown, what: string, operation: GraphOperation): ProviderError {
  if (error instanceof ProviderError) return error;
  const failure = asGraphFailure(error);
  if (!failure) {
    return new ProviderError('microsoft', 'unavailable', `Graph ${what} failed`, { cause: error });
  }
  const { status, code } = failure;
  const detail = `Graph ${what} failed: ${status === -1 ? 'no response' : `HTTP ${status}`}${code ? ` ${code}` : ''}`;
  const make = (c: ProviderErrorCode) =>
    new ProviderError('microsoft', c, detail, { ...(status > 0 ? { status } : {}), cause: error });
  // Documented codes first, whatever the status they came with.
  if (code && MAILBOX_UNAVAILABLE.has(code)) return make('mailbox_unavailable');
  if (code && QUOTA_CODES.has(code)) return make('quota_exceeded');
  if (status === 429 || (code && THROTTLE_CODES.has(code))) return make('rate_limited');
  if (status === -1 || status >= 500) return make('unavailable');
  // Still 401 after one refresh: the grant no longer works for Graph; the owner must link again.
  if (status === 401) return make('reauth_required');
  // 403 ErrorAccessDenied: on a write, the calendar is read-only for this user (shared calendar);
  // on a read, the Calendars.Read(Write) permission was not consented. Another 403 is `unknown`
  // (retried, then reported), never taken for read-only.
  if (status === 403) {
    if (operation === 'read') return make('consent_required');
    return make(code && ACCESS_DENIED.has(code) ? 'read_only' : 'unknown');
  }
  if (status === 404) return make('not_found');
  if (status === 409 || status === 412) return make('conflict');
  return make('invalid_request');
}

/**
 * Per-schedule `freeBusyError.responseCode` → per-calendar error code. The codes are not documented
 * ("If getSchedule cannot identify a specified user or resource, it returns a single schedule item and
 * indicates the error"), so this matches by pattern and keeps unknown ones as `provider_error`.
 * @see https://learn.microsoft.com/graph/api/resources/freebusyerror
 * @see https://learn.microsoft.com/graph/outlook-get-free-busy-schedule#limits-and-error-conditions
 */
export function scheduleErrorCode(responseCode: string | undefined): CalendarErrorCode {
  const code = responseCode ?? '';
  if (/NotFound|InvalidRecipients|InvalidSmtpAddress|NonExistentMailbox|RecipientNotFound/i.test(code)) {
    return 'not_found';
  }
  if (/AccessDenied|NoFreeBusyAccess|Forbidden|Unauthorized/i.test(code)) return 'forbidden';
  return 'provider_error';
}
