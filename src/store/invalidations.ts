/**
 * Cross-replica cache invalidation over PostgreSQL `LISTEN/NOTIFY` (the port: app/ports/invalidations.ts).
 *
 * - One dedicated connection per process (outside the pool: a pooled connection would be handed to
 *   other queries) runs `LISTEN convene_invalidate`. A message is `{"o": origin, "c": cache, "k": key}`;
 *   a replica ignores its own messages (it already forgot the key locally when it published).
 * - `publish` sends `pg_notify` through the pool. PostgreSQL delivers a notification only when the
 *   sending transaction commits, in commit order, to every listening session of the database.
 * - The listening connection drops (server restart, failover, idle kill): it is re-opened with a
 *   backoff (1 s doubling to 30 s) and, once listening again, every cache forgets everything, since
 *   messages sent while nobody listened are lost. Caches are bounded by their TTL in any case.
 * - A key too long for a notification (PostgreSQL allows under 8000 bytes) becomes "forget everything".
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { CacheName, Invalidations } from '../app/ports/invalidations.ts';

export const INVALIDATION_CHANNEL = 'convene_invalidate';
const MAX_PAYLOAD_BYTES = 7_000;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export interface PgInvalidationsOptions {
  readonly url: string;
  /** Sends `SELECT pg_notify($1, $2)` (through the store's pool). */
  readonly notify: (channel: string, payload: string) => Promise<unknown>;
  readonly log: (line: string) => void;
  /** First reconnection delay (default 1 s; tests shorten it). */
  readonly retryMs?: number;
}

export interface PgInvalidations extends Invalidations {
  /** Opens the listening connection (a failure is logged and retried, never thrown). */
  start(): Promise<void>;
  /** Whether the listening connection is up. */
  readonly listening: boolean;
  close(): Promise<void>;
}

interface Message {
  readonly o: string;
  readonly c: string;
  readonly k: string | null;
}

function parse(payload: string | undefined): Message | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<Message>;
    if (typeof value.o !== 'string' || typeof value.c !== 'string') return null;
    if (value.k !== null && typeof value.k !== 'string') return null;
    return { o: value.o, c: value.c, k: value.k };
  } catch {
    return null;
  }
}

export function createPgInvalidations(options: PgInvalidationsOptions): PgInvalidations {
  const local = localInvalidations();
  const origin = randomUUID();
  const firstRetry = options.retryMs ?? RETRY_FIRST_MS;
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retryMs = firstRetry;
  let timer: NodeJS.Timeout | undefined;
  let everListened = false;

  const scheduleRetry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 10_000 });
    let failed = false;
    const lost = (error?: Error) => {
      if (failed) return;
      failed = true;
      if (client === next) {
        client = null;
        listening = false;
      }
      void next.end().catch(() => undefined);
      if (closed) return;
      options.log(
        `store: cache invalidation listener lost${error ? ` (${error.message})` : ''}; reconnecting`,
      );
      scheduleRetry();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (notice) => {
      const message = parse(notice.payload);
      if (!message || message.o === origin) return;
      local.deliver(message.c, message.k);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${INVALIDATION_CHANNEL}`);
    } catch (error) {
      lost(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    listening = true;
    retryMs = firstRetry;
    // Messages sent while nobody listened are lost: everything cached may be stale.
    if (everListened) local.deliverAll();
    everListened = true;
  };

  return {
    publish(cache: CacheName, key: string) {
      local.publish(cache, key);
      let payload = JSON.stringify({ o: origin, c: cache, k: key });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES)
        payload = JSON.stringify({ o: origin, c: cache, k: null });
      options.notify(INVALIDATION_CHANNEL, payload).catch((error: unknown) => {
        if (closed) return;
        options.log(
          `store: cache invalidation of ${cache} not sent to other replicas: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    },
    subscribe: (cache, forget) => local.subscribe(cache, forget),
    start: connect,
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const open = client;
      client = null;
      listening = false;
      await open?.end().catch(() => undefined);
    },
  };
}

/** Process-local delivery only: what a single process (PGlite, tests without a database) needs. */
export function localInvalidations(): Invalidations & {
  /** Delivers to local subscribers (also used by the PostgreSQL listener for messages of others). */
  deliver(cache: string, key: string | null): void;
  /** Every subscriber forgets everything. */
  deliverAll(): void;
} {
  const subscribers = new Map<string, Set<(key: string | null) => void>>();
  const deliver = (cache: string, key: string | null) => {
    for (const forget of subscribers.get(cache) ?? []) forget(key);
  };
  return {
    publish: (cache, key) => deliver(cache, key),
    subscribe(cache, forget) {
      const set = subscribers.get(cache) ?? new Set<(key: string | null) => void>();
      subscribers.set(cache, set);
      set.add(forget);
      return () => {
        set.delete(forget);
      };
    },
    deliver,
    deliverAll() {
      for (const cache of subscribers.keys()) deliver(cache, null);
    },
  };
}
