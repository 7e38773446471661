/**
 * Remembers delivery keys (`event_id`, `trigger_id`, `user:action_ts`) for a while so Slack retries
 * (`X-Slack-Retry-Num`) and double deliveries run a listener once. Bolt does not de-duplicate.
 *
 * Per process: with several replicas a retry can land elsewhere, which is why the booking itself is
 * idempotent (proposal + slot key) and guarded by the database; this only saves duplicate work and
 * duplicate messages on one replica.
 */
export class Deduper {
  readonly #seen = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #clock: () => number;

  constructor(options: { ttlMs?: number; maxEntries?: number; clock?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? 15 * 60_000;
    this.#max = options.maxEntries ?? 50_000;
    this.#clock = options.clock ?? Date.now;
  }

  /** True the first time `key` is offered within the TTL; false for repeats. */
  first(key: string): boolean {
    const now = this.#clock();
    const seenAt = this.#seen.get(key);
    if (seenAt !== undefined && now - seenAt < this.#ttlMs) return false;
    this.#seen.set(key, now);
    if (this.#seen.size > this.#max) {
      for (const [k, at] of this.#seen) {
        if (now - at >= this.#ttlMs || this.#seen.size > this.#max) this.#seen.delete(k);
        else break;
      }
    }
    return true;
  }
}
