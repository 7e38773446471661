/**
 * A small in-memory cache of the Slack installations Bolt's `authorize` looks up on every request, so a
 * signed `/meet` is acked without waiting for a database connection (issue 10: with the pool busy with
 * proposal work, the lookup queued and acks passed Slack's 3 s).
 *
 * - Positive results only, for `ttlMs` (default 60 s), at most `maxEntries` teams (least recently
 *   used dropped first). A team that is not installed is looked up every time (an install is seen at once).
 * - Concurrent lookups of one team share one database read.
 * - Invalidated on a new install, a token rotation, `app_uninstalled` and `tokens_revoked`. With
 *   `shared`, an invalidation reaches the same cache of every replica on the database (PostgreSQL
 *   `NOTIFY`, app/ports/invalidations.ts); without it, only this process, and another replica may keep
 *   honouring an uninstalled workspace for up to the TTL.
 * - A lookup that started before an invalidation is not stored (a purge racing a read never leaves the
 *   old token cached).
 */

import type { CacheName, Invalidations } from '../../app/ports/invalidations.ts';

export const INSTALLATION_CACHE_TTL_MS = 60_000;
export const INSTALLATION_CACHE_MAX_ENTRIES = 10_000;

export interface InstallationCacheOptions {
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly clock?: () => number;
  /** Invalidations go to the cache `name` of every replica through `bus` (this one included). */
  readonly shared?: { readonly bus: Invalidations; readonly name: CacheName };
}

interface Entry<T> {
  readonly value: T;
  readonly expiresAt: number;
}

export class InstallationCache<T> {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #clock: () => number;
  /** Insertion order = recency order (an entry is re-inserted when read). */
  readonly #entries = new Map<string, Entry<T>>();
  readonly #inFlight = new Map<string, Promise<T | null>>();
  /** Bumped by every invalidation; a lookup started under an older epoch does not store its result. */
  #epoch = 0;
  readonly #shared: InstallationCacheOptions['shared'];
  readonly #unsubscribe: () => void;

  constructor(options: InstallationCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? INSTALLATION_CACHE_TTL_MS;
    this.#maxEntries = Math.max(1, options.maxEntries ?? INSTALLATION_CACHE_MAX_ENTRIES);
    this.#clock = options.clock ?? Date.now;
    this.#shared = options.shared;
    this.#unsubscribe =
      options.shared?.bus.subscribe(options.shared.name, (key) =>
        key === null ? this.clear() : this.#forget(key),
      ) ?? (() => undefined);
  }

  /** The cached value of `key`, else `load()` (shared by concurrent callers; non-null results cached). */
  get(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      if (entry.expiresAt > this.#clock()) {
        this.#entries.set(key, entry);
        return Promise.resolve(entry.value);
      }
    }
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    const epoch = this.#epoch;
    const loading = load().then(
      (value) => {
        if (this.#inFlight.get(key) === loading) this.#inFlight.delete(key);
        if (value !== null && epoch === this.#epoch) this.#store(key, value);
        return value;
      },
      (error: unknown) => {
        if (this.#inFlight.get(key) === loading) this.#inFlight.delete(key);
        throw error;
      },
    );
    this.#inFlight.set(key, loading);
    return loading;
  }

  /**
   * Forgets `key` (and makes every lookup already under way not store its result), here at once and,
   * when `shared`, on every other replica as soon as the notification arrives.
   */
  invalidate(key: string): void {
    if (this.#shared) this.#shared.bus.publish(this.#shared.name, key);
    else this.#forget(key);
  }

  /** Forgets everything (a replica that may have missed invalidations). */
  clear(): void {
    this.#epoch++;
    this.#entries.clear();
    this.#inFlight.clear();
  }

  /** Stops listening to other replicas' invalidations. */
  dispose(): void {
    this.#unsubscribe();
  }

  #forget(key: string): void {
    this.#epoch++;
    this.#entries.delete(key);
    this.#inFlight.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  #store(key: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#clock() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}
