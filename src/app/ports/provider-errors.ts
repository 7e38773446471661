/**
 * Typed connector failures with stable codes. Thrown for outages and auth problems; per-calendar
 * expected outcomes travel as values in `BusyResult` instead.
 */
import type { ProviderKind } from './provider.ts';

export type ProviderErrorCode =
  /** The refresh token was revoked or expired (`invalid_grant`): the owner must link again. */
  | 'reauth_required'
  /** Consent or scope missing (`AADSTS65001`, `insufficientPermissions`). */
  | 'consent_required'
  /** Still rate limited after our bounded retries. */
  | 'rate_limited'
  /** 5xx, timeouts, network errors after our bounded retries. */
  | 'unavailable'
  | 'not_found'
  | 'conflict'
  /** The provider documents it as "this account may not write here" (Google `requiredAccessLevel`, Graph `ErrorAccessDenied`, CalDAV 403). */
  | 'read_only'
  /** The account's storage or mailbox quota is full (CalDAV 507, Graph `ErrorQuotaExceeded`): permanent until someone frees space. */
  | 'quota_exceeded'
  /** The account has no mailbox Graph can reach (`MailboxNotEnabledForRESTAPI`, on-premises or unlicensed). */
  | 'mailbox_unavailable'
  /** A refusal whose reason the provider does not document: retried, then reported, never taken for read-only. */
  | 'unknown'
  | 'invalid_request';

export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly provider: ProviderKind;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(
    provider: ProviderKind,
    code: ProviderErrorCode,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.provider = provider;
    this.code = code;
    this.status = options.status;
    this.retryable = code === 'rate_limited' || code === 'unavailable';
  }
}
