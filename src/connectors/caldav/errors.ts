/**
 * CalDAV status codes → Convene outcomes.
 *  - 401 → ProviderError `reauth_required` (the credentials are wrong or revoked: the owner must reconnect)
 *  - 403 → per-calendar `forbidden` when reading; ProviderError `read_only` when writing
 *  - 404/410 on a collection → per-calendar `not_found` when reading; ProviderError `not_found` when writing
 *  - 507 → ProviderError `quota_exceeded` (permanent: the account's storage is full)
 *  - 408/429/5xx/network → retried (bounded, honouring Retry-After), then ProviderError `rate_limited`/`unavailable`
 * @see https://www.rfc-editor.org/rfc/rfc4791#section-7.8 (calendar-query REPORT)
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15
 */
import { ProviderError } from '../../app/ports/provider-errors.ts';
import { ForbiddenAddressError } from '../net/user-fetch.ts';
import type { RetryDecision } from '../retry.ts';
import { parseRetryAfter } from '../retry.ts';

export class CalDavHttpError extends Error {
  readonly status: number;
  readonly method: string;
  readonly retryAfterMs: number | undefined;
  constructor(method: string, status: number, retryAfter: string | null, nowMs: number) {
    super(`CalDAV ${method} answered HTTP ${status}`);
    this.name = 'CalDavHttpError';
    this.method = method;
    this.status = status;
    this.retryAfterMs = parseRetryAfter(retryAfter, nowMs);
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 507);
}

export function classifyCalDavError(error: unknown): RetryDecision {
  if (error instanceof CalDavHttpError) {
    const retry = isRetryableStatus(error.status);
    return error.retryAfterMs === undefined ? { retry } : { retry, retryAfterMs: error.retryAfterMs };
  }
  if (error instanceof ProviderError) return { retry: false };
  if (error instanceof Error && error.name === 'AbortError') return { retry: false };
  // fetch() rejects with TypeError on network failures; our per-attempt timeout with TimeoutError.
  return { retry: error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError') };
}

/** Anything that is not a per-calendar value becomes a typed ProviderError. */
export function toProviderError(error: unknown, writing: boolean): unknown {
  if (error instanceof ProviderError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  if (error instanceof ForbiddenAddressError) {
    return new ProviderError('caldav', 'invalid_request', `the CalDAV address is refused: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof CalDavHttpError) {
    const status = error.status;
    const options = { status, cause: error };
    if (status === 401) {
      return new ProviderError(
        'caldav',
        'reauth_required',
        'the CalDAV server rejected the credentials (HTTP 401); reconnect the calendar',
        options,
      );
    }
    if (status === 403) {
      return writing
        ? new ProviderError(
            'caldav',
            'read_only',
            'the CalDAV server does not let this account write to that calendar (HTTP 403)',
            options,
          )
        : new ProviderError(
            'caldav',
            'consent_required',
            'the CalDAV server refused access (HTTP 403)',
            options,
          );
    }
    if (status === 404 || status === 410) {
      return new ProviderError(
        'caldav',
        'not_found',
        `the calendar or event does not exist (HTTP ${status})`,
        options,
      );
    }
    if (status === 409 || status === 412) {
      return new ProviderError(
        'caldav',
        'conflict',
        `the event changed on the server meanwhile (HTTP ${status})`,
        options,
      );
    }
    if (status === 429)
      return new ProviderError(
        'caldav',
        'rate_limited',
        'the CalDAV server is rate limiting (HTTP 429)',
        options,
      );
    if (status === 507) {
      // RFC 4918 §11.5 / RFC 4791 quota-not-exceeded: the account's storage is full; retrying will not help.
      return new ProviderError(
        'caldav',
        'quota_exceeded',
        'the CalDAV server has no storage left for this account (HTTP 507)',
        options,
      );
    }
    if (status >= 500 || status === 408) {
      return new ProviderError(
        'caldav',
        'unavailable',
        `the CalDAV server is unavailable (HTTP ${status})`,
        options,
      );
    }
    return new ProviderError(
      'caldav',
      'invalid_request',
      `the CalDAV server refused the request (HTTP ${status})`,
      options,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(
    'caldav',
    'unavailable',
    `the CalDAV server is unreachable (${message.split('\n')[0]})`,
    {
      cause: error,
    },
  );
}
