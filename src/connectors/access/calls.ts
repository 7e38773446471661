/**
 * One provider call of `CalendarAccess`: time-boxed (an abort signal that fires after the timeout or when
 * the caller aborts) and measured (latency by provider, operation and outcome; failures counted by code).
 */
import type { ProviderMetrics } from '../../app/ports/metrics.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type { CalendarConnection } from '../../app/ports/store.ts';

export type ProviderOperation = 'getBusy' | 'createEvent' | 'updateEvent' | 'deleteEvent';

export class Timeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Runs `work` with an abort signal that fires after `timeoutMs` or when `outer` aborts. */
export async function timeBoxed<T>(
  work: (signal: AbortSignal) => Promise<T>,
  outer: AbortSignal | undefined,
  timeoutMs: number,
): Promise<T> {
  outer?.throwIfAborted();
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Timeout(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

/** Runs `work`, recording its duration and, when it fails, its error code (nothing without `metrics`). */
export async function measured<T>(
  metrics: ProviderMetrics | undefined,
  monotonic: (() => number) | undefined,
  provider: CalendarConnection['provider'],
  operation: ProviderOperation,
  work: () => Promise<T>,
): Promise<T> {
  if (!metrics) return work();
  const now = monotonic ?? (() => performance.now());
  const started = now();
  try {
    const result = await work();
    metrics.providerDuration.observe({ provider, operation, outcome: 'ok' }, (now() - started) / 1000);
    return result;
  } catch (error) {
    const code =
      error instanceof Timeout
        ? 'timeout'
        : error instanceof ProviderError
          ? error.code
          : (error as { name?: unknown })?.name === 'AbortError'
            ? 'aborted'
            : 'unexpected';
    metrics.providerDuration.observe(
      { provider, operation, outcome: code === 'timeout' ? 'timeout' : 'error' },
      (now() - started) / 1000,
    );
    metrics.providerErrors.inc({ provider, operation, code });
    throw error;
  }
}

/** An error for the logs: provider/code (status), or the error's name — never a message with secrets. */
export function describe(error: unknown): string {
  if (error instanceof ProviderError)
    return `${error.provider}/${error.code}${error.status ? ` (${error.status})` : ''}`;
  return error instanceof Error ? error.name : 'unknown';
}
