/**
 * Our own bounded retry with exponential backoff and jitter that honours `Retry-After`.
 * The SDKs do not cover this: gaxios never retries POST (freeBusy, insert) nor 403 rateLimitExceeded
 * and ignores Retry-After; Graph's RetryHandler is disabled in favour of this one so both behave alike.
 * @see https://developers.google.com/calendar/api/guides/errors#exponential_backoff
 * @see https://learn.microsoft.com/graph/throttling
 */

export interface RetryPolicy {
  /** Total attempts including the first (>= 1). */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Injected so tests run without real waiting. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** 0..1, injected so tests are deterministic. */
  readonly random: () => number;
}

export interface RetryDecision {
  readonly retry: boolean;
  /** Server-provided wait (Retry-After), in ms, if any. */
  readonly retryAfterMs?: number;
}

export const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
  sleep: realSleep,
  random: Math.random,
};

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date) into milliseconds.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Runs `operation` up to `policy.attempts` times. `classify` decides from the thrown error whether
 * another attempt is worth it; the last error is rethrown unchanged.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  policy: RetryPolicy = defaultRetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const decision = classify(error);
      if (!decision.retry || attempt >= policy.attempts || signal?.aborted) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const jittered = backoff / 2 + (policy.random() * backoff) / 2;
      const wait = Math.min(policy.maxDelayMs, Math.max(decision.retryAfterMs ?? 0, jittered));
      await policy.sleep(wait, signal);
    }
  }
}
