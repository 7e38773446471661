/**
 * How ICS feed failures become values. Each feed is its own server, so one feed failing never fails
 * the others: every outcome is a per-calendar `CalendarBusy` error, and only cancellation is thrown.
 */
import type { CalendarErrorCode } from '../../app/ports/provider.ts';
import { ForbiddenAddressError } from '../net/user-fetch.ts';
import type { RetryDecision } from '../retry.ts';
import { parseRetryAfter } from '../retry.ts';

/** A failed HTTP fetch of a feed; thrown inside the retry loop, turned into a value after it. */
export class FeedHttpError extends Error {
  readonly status: number;
  readonly retryAfterMs: number | undefined;
  constructor(status: number, retryAfter: string | null, nowMs: number) {
    super(`the feed answered HTTP ${status}`);
    this.name = 'FeedHttpError';
    this.status = status;
    this.retryAfterMs = parseRetryAfter(retryAfter, nowMs);
  }
}

/** 429, 5xx and network failures are worth another attempt; other statuses are final. */
export function classifyFeedError(error: unknown): RetryDecision {
  if (error instanceof FeedHttpError) {
    const retry = error.status === 429 || error.status === 408 || error.status >= 500;
    return error.retryAfterMs === undefined ? { retry } : { retry, retryAfterMs: error.retryAfterMs };
  }
  if (isAbort(error)) return { retry: false };
  // fetch() rejects with a TypeError for DNS, refused connections, TLS and resets.
  // @see https://fetch.spec.whatwg.org/#concept-network-error
  return { retry: error instanceof TypeError || isTimeout(error) };
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

export function feedErrorValue(error: unknown): { code: CalendarErrorCode; message: string } {
  if (error instanceof FeedHttpError) {
    if (error.status === 404 || error.status === 410) {
      return { code: 'not_found', message: `ICS feed not found (HTTP ${error.status}); check the URL` };
    }
    if (error.status === 401 || error.status === 403) {
      return {
        code: 'forbidden',
        message: `ICS feed refused access (HTTP ${error.status}); the secret link may have been reset`,
      };
    }
    return { code: 'provider_error', message: `ICS feed unavailable (HTTP ${error.status})` };
  }
  if (isTimeout(error)) return { code: 'provider_error', message: 'ICS feed did not answer in time' };
  if (error instanceof ForbiddenAddressError) {
    return { code: 'forbidden', message: `ICS feed address refused: ${error.message}` };
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'provider_error', message: `ICS feed unreachable (${message}${cause})`.split('\n')[0]! };
}
