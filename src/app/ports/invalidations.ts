/**
 * Cross-replica cache invalidation. Several Convene replicas on one database each keep small
 * in-memory caches (Slack installations, `users.info` answers, calendar free/busy); a change seen by
 * one replica (a `user_change` event, an uninstall, a calendar write, a provider webhook) must reach
 * the caches of every replica, not only its own.
 *
 * - `publish(cache, key)` forgets `key` in the caches named `cache` of THIS process at once
 *   (synchronously, before it returns) and tells the other replicas (PostgreSQL `NOTIFY`, delivered
 *   after the publishing transaction's data is committed). Fire and forget: a failure is logged.
 * - `subscribe(cache, forget)` registers a forgetter; `forget(null)` means "forget everything":
 *   messages may have been missed (the listening connection dropped and was re-opened).
 * - On the embedded PGlite database (one process) only the local delivery exists.
 */

/** The caches that are shared this way. */
export type CacheName = 'slack.installation' | 'slack.user' | 'calendar.busy';

export interface Invalidations {
  publish(cache: CacheName, key: string): void;
  /** Returns the unsubscribe function. */
  subscribe(cache: CacheName, forget: (key: string | null) => void): () => void;
}
