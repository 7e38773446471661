/**
 * Free/busy cache per (connection, calendar, range) with a TTL on an injected clock. Bounded: past
 * `maxEntries` the oldest entries go first. `invalidate(connectionId)` drops a connection's entries
 * (after a write, an unlink, or a provider change notification).
 */
import type { Interval } from '../../core/interval.ts';

export interface BusyCacheOptions {
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly clock?: () => number;
}

interface Entry {
  readonly connectionId: string;
  readonly busy: readonly Interval[];
  readonly storedAt: number;
}

export const DEFAULT_CACHE_TTL_MS = 60_000;

export class BusyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #clock: () => number;

  constructor(options: BusyCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.#maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    this.#clock = options.clock ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(connectionId: string, calendarId: string, range: Interval): readonly Interval[] | undefined {
    const k = key(connectionId, calendarId, range);
    const entry = this.#entries.get(k);
    if (!entry) return undefined;
    if (this.#clock() - entry.storedAt >= this.#ttlMs) {
      this.#entries.delete(k);
      return undefined;
    }
    return entry.busy;
  }

  set(connectionId: string, calendarId: string, range: Interval, busy: readonly Interval[]): void {
    const k = key(connectionId, calendarId, range);
    this.#entries.delete(k);
    this.#entries.set(k, { connectionId, busy, storedAt: this.#clock() });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  invalidate(connectionId: string): void {
    for (const [k, entry] of this.#entries) if (entry.connectionId === connectionId) this.#entries.delete(k);
  }

  clear(): void {
    this.#entries.clear();
  }
}

function key(connectionId: string, calendarId: string, range: Interval): string {
  return JSON.stringify([connectionId, calendarId, range.start, range.end]);
}
