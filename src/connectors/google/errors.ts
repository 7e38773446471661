/**
 * Google Calendar API failures → retry decisions and typed `ProviderError`s.
 * Google's error body: `{error:{code,message,errors:[{domain,reason,message}],status}}`.
 * @see https://developers.google.com/calendar/api/guides/errors
 */

import type { ProviderErrorCode } from '../../app/ports/provider-errors.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type { RetryDecision } from '../retry.ts';
import { parseRetryAfter } from '../retry.ts';

export interface GoogleErrorInfo {
  /** HTTP status, undefined for network failures. */
  readonly status: number | undefined;
  /** First `errors[].reason` (e.g. `rateLimitExceeded`), if the body had one. */
  readonly reason: string | undefined;
  /** Its `errors[].domain` (`usageLimits`, `global`, `calendar`). */
  readonly domain: string | undefined;
  readonly message: string;
  readonly retryAfter: string | undefined;
  /** Node/fetch error code for transport failures (`ECONNRESET`, …). */
  readonly transportCode: string | undefined;
}

/**
 * 403 reasons that mean "slow down", not "forbidden" (every reason of the `usageLimits` domain is one).
 * @see https://developers.google.com/calendar/api/guides/errors#403_usage_limits_exceeded
 */
const RATE_LIMIT_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'dailyLimitExceeded',
  'dailyLimitExceededUnreg',
  'variableTermLimitExceeded',
  'variableTermExpiredDailyExceeded',
]);
/** 403 reasons documented as "this account may not write to this calendar / event". */
const READ_ONLY_REASONS = new Set([
  'requiredAccessLevel',
  'forbiddenForNonOrganizer',
  'writerAccessRequired',
]);
/** 403 reasons that are permanent refusals of this request (retrying changes nothing). */
const INVALID_REASONS = new Set(['forbiddenForServiceAccounts', 'malformedWorkingLocationEvent']);
/** 403 reasons that mean the token lacks a scope the user must grant. */
const CONSENT_REASONS = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);
const TRANSPORT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function headerValue(headers: unknown, name: string): string | undefined {
  if (!isObject(headers)) return undefined;
  // gaxios hands back a fetch `Headers` (not necessarily this realm's class); older versions a plain object.
  const getter = headers.get;
  if (typeof getter === 'function') return getter.call(headers, name) ?? undefined;
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return found ? String(found[1]) : undefined;
}

/** Reads status, reason and Retry-After from a gaxios error (or anything shaped like one). */
export function googleErrorInfo(error: unknown): GoogleErrorInfo {
  if (!isObject(error)) {
    return {
      status: undefined,
      reason: undefined,
      domain: undefined,
      message: String(error),
      retryAfter: undefined,
      transportCode: undefined,
    };
  }
  const response = isObject(error.response) ? error.response : undefined;
  const rawStatus = response?.status ?? error.status;
  const status = typeof rawStatus === 'number' && rawStatus > 0 ? rawStatus : undefined;
  let data = response?.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      // not JSON: keep the text out of messages (it could be anything)
      data = undefined;
    }
  }
  const body = isObject(data) && isObject(data.error) ? data.error : undefined;
  const first = Array.isArray(body?.errors) && isObject(body.errors[0]) ? body.errors[0] : undefined;
  const reason = typeof first?.reason === 'string' ? first.reason : undefined;
  const domain = typeof first?.domain === 'string' ? first.domain : undefined;
  const message =
    typeof body?.message === 'string'
      ? body.message
      : error instanceof Error
        ? error.message
        : 'unknown error';
  const codeOf = (value: unknown) =>
    isObject(value) && typeof value.code === 'string' ? (value.code as string) : undefined;
  const transportCode = status === undefined ? (codeOf(error) ?? codeOf(error.cause)) : undefined;
  return {
    status,
    reason,
    domain,
    message,
    retryAfter: headerValue(response?.headers, 'retry-after'),
    transportCode,
  };
}

export function isRateLimit(info: GoogleErrorInfo): boolean {
  return (
    info.status === 429 ||
    (info.status === 403 && (info.domain === 'usageLimits' || RATE_LIMIT_REASONS.has(info.reason ?? '')))
  );
}

/** What our `withRetry` should do with a failed Calendar request. */
export function classifyGoogleError(error: unknown, nowMs: number): RetryDecision {
  if (error instanceof ProviderError) return { retry: error.retryable };
  if (isObject(error) && error.name === 'AbortError') return { retry: false };
  const info = googleErrorInfo(error);
  const retryAfterMs = parseRetryAfter(info.retryAfter, nowMs);
  const withWait = (retry: boolean): RetryDecision =>
    retryAfterMs === undefined ? { retry } : { retry, retryAfterMs };
  if (isRateLimit(info)) return withWait(true);
  if (info.status !== undefined) return withWait(info.status >= 500);
  // Transport failure (no HTTP status): worth another attempt.
  return { retry: info.transportCode === undefined || TRANSPORT_CODES.has(info.transportCode) };
}

function codeFor(info: GoogleErrorInfo): ProviderErrorCode {
  const { status, reason } = info;
  if (status === undefined) return 'unavailable';
  if (isRateLimit(info)) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  switch (status) {
    case 401:
      // Still rejected after a refresh: the grant is gone.
      return 'reauth_required';
    case 403:
      // Only documented reasons decide; any other 403 (e.g. a `global` `forbidden` without more) is
      // `unknown`: retried, then reported, never silently "kept in Convene" as if read-only.
      if (CONSENT_REASONS.has(reason ?? '')) return 'consent_required';
      if (READ_ONLY_REASONS.has(reason ?? '')) return 'read_only';
      if (INVALID_REASONS.has(reason ?? '')) return 'invalid_request';
      return 'unknown';
    case 404:
    case 410:
      return 'not_found';
    case 409:
    case 412:
      return 'conflict';
    default:
      return 'invalid_request';
  }
}

/** Maps any failure from a Calendar request to a `ProviderError` (already-typed errors pass through). */
export function toProviderError(error: unknown, operation: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const info = googleErrorInfo(error);
  const detail =
    info.status === undefined ? `network error (${info.transportCode ?? 'unknown'})` : `${info.status}`;
  const reason = info.reason ? ` ${info.reason}` : '';
  return new ProviderError(
    'google',
    codeFor(info),
    `Google Calendar ${operation} failed: ${detail}${reason}: ${info.message}`,
    {
      ...(info.status !== undefined ? { status: info.status } : {}),
      // Not the gaxios error itself: its `config.headers` carries the bearer token, and causes get logged.
      cause: { status: info.status, reason: info.reason, transportCode: info.transportCode },
    },
  );
}

/** Per-calendar freeBusy error reasons → our per-calendar codes. */
export function calendarErrorCode(
  reason: string | undefined,
): 'not_found' | 'forbidden' | 'too_many_calendars' | 'provider_error' {
  switch (reason) {
    case 'notFound':
      return 'not_found';
    case 'forbidden':
    case 'accessDenied':
      return 'forbidden';
    case 'tooManyCalendarsRequested':
    case 'groupTooBig':
      return 'too_many_calendars';
    default:
      return 'provider_error';
  }
}
