/**
 * Admission of meeting requests after their ack, weighted by size, so that one requester's very large
 * request (many people, each a calendar read) cannot slow everyone else's:
 *
 * - every request runs under the shared limit (`concurrency`, first come first served);
 * - a heavy one (`weight` ≥ `heavyWeight`, the people it names) also waits for the heavy lane (one at a
 *   time by default) and then yields to ordinary requests: it starts once none is in progress, or after
 *   `maxDeferMs` at the latest (so a busy server still answers it, later).
 */
import pLimit from 'p-limit';

export interface RequestLanesOptions {
  /** Requests worked on at once. */
  readonly concurrency: number;
  /** From this weight (people named) a request is heavy. Default 20. */
  readonly heavyWeight?: number;
  /** Heavy requests worked on at once. Default 1. */
  readonly heavyConcurrency?: number;
  /** The longest a heavy request yields to ordinary ones (ms). Default 30,000. */
  readonly maxDeferMs?: number;
}

export type RequestLanes = <T>(work: () => Promise<T>, weight?: number) => Promise<T>;

export const DEFAULT_HEAVY_WEIGHT = 20;

export function createRequestLanes(options: RequestLanesOptions): RequestLanes {
  const shared = pLimit(Math.max(1, options.concurrency));
  const heavy = pLimit(Math.max(1, options.heavyConcurrency ?? 1));
  const heavyWeight = options.heavyWeight ?? DEFAULT_HEAVY_WEIGHT;
  const maxDeferMs = options.maxDeferMs ?? 30_000;
  let ordinary = 0;
  const idle = new Set<() => void>();
  /** Resolves once no ordinary request is queued or running, or after `maxDeferMs`. */
  const yieldToOrdinary = () =>
    ordinary === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            idle.delete(done);
            resolve();
          };
          const timer = setTimeout(done, maxDeferMs);
          timer.unref?.();
          idle.add(done);
        });
  return async <T>(work: () => Promise<T>, weight = 1): Promise<T> => {
    if (weight >= heavyWeight) {
      return heavy(async () => {
        await yieldToOrdinary();
        return shared(work);
      });
    }
    ordinary++;
    try {
      return await shared(work);
    } finally {
      ordinary--;
      if (ordinary === 0) for (const done of [...idle]) done();
    }
  };
}

/** People a `/meet` text names (Slack user mentions, distinct): the weight of the request. */
export function mentionWeight(text: string): number {
  return new Set(text.match(/<@[UW][A-Z0-9]+/g) ?? []).size;
}
