/**
 * Cross-replica cache invalidation (store/invalidations.ts): two stores opened on ONE PostgreSQL
 * database stand for two replicas (each has its own pool and its own LISTEN connection). A `user_change`
 * seen by replica A must make replica B read `users.info` again, instead of serving the deactivated
 * user from its cache for up to 10 minutes. On the embedded database the delivery is in-process.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../bench/load-harness.ts';
import type { SlackRuntime, SlackUserInfo } from '../../src/bot/slack/deps.ts';
import { forgetUser } from '../../src/bot/slack/listeners/user-change.ts';
import { createUserInfoCache, userInfoKey } from '../../src/bot/slack/people.ts';
import type { Store } from '../../src/store/database.ts';
import { INVALIDATION_CHANNEL } from '../../src/store/invalidations.ts';
import { createTestDatabase, openTestStore, type TestDatabase } from './backends.ts';

describe('cache invalidation across replicas (PostgreSQL LISTEN/NOTIFY)', () => {
  let database: TestDatabase;
  let a: Store;
  let b: Store;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    a = await database.open();
    b = await database.open();
  }, 30_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('a key published on one replica is forgotten on the other, and once (at once) on the publisher', async () => {
    const seenA: (string | null)[] = [];
    const seenB: (string | null)[] = [];
    const offA = a.invalidations.subscribe('slack.installation', (key) => seenA.push(key));
    const offB = b.invalidations.subscribe('slack.installation', (key) => seenB.push(key));
    const other: (string | null)[] = [];
    const offOther = b.invalidations.subscribe('calendar.busy', (key) => other.push(key));
    try {
      a.invalidations.publish('slack.installation', 'T1');
      expect(seenA).toEqual(['T1']); // synchronous on the publisher
      expect(await waitFor(() => seenB.length > 0, 5_000)).toBe(true);
      expect(seenB).toEqual(['T1']);
      // A's own notification comes back to A's listener too: it must not be delivered twice.
      b.invalidations.publish('slack.installation', 'T2');
      expect(await waitFor(() => seenA.length > 1, 5_000)).toBe(true);
      expect(seenA).toEqual(['T1', 'T2']);
      expect(seenB).toEqual(['T1', 'T2']);
      expect(other).toEqual([]);
    } finally {
      offA();
      offB();
      offOther();
    }
  });

  it('a user_change received by replica A makes replica B ask users.info again', async () => {
    const userA = createUserInfoCache(Date.now, a.invalidations);
    const userB = createUserInfoCache(Date.now, b.invalidations);
    try {
      let deleted = false;
      let calls = 0;
      const usersInfo = async (): Promise<SlackUserInfo> => {
        calls++;
        return { id: 'U1', deleted };
      };
      const key = userInfoKey('T1', 'U1');
      expect((await userB.get(key, usersInfo))?.deleted).toBe(false);
      expect((await userB.get(key, usersInfo))?.deleted).toBe(false);
      expect(calls).toBe(1); // cached on B

      deleted = true; // deactivated in Slack; the user_change event reaches replica A only
      forgetUser({ users: userA } as unknown as SlackRuntime, {
        event: { user: { id: 'U1', team_id: 'T1' } },
        body: { team_id: 'T1' },
      });
      expect(await waitFor(async () => (await userB.get(key, usersInfo))?.deleted === true, 5_000)).toBe(
        true,
      );
      expect(calls).toBe(2);
    } finally {
      userA.dispose();
      userB.dispose();
    }
  });

  it('a replica whose listening connection dropped forgets everything once it listens again', async () => {
    const seen: (string | null)[] = [];
    const off = b.invalidations.subscribe('slack.user', (key) => seen.push(key));
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const listeners = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
        [`LISTEN ${INVALIDATION_CHANNEL}`],
      );
      expect(listeners.rows.length).toBe(2); // one per replica
      await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [
        listeners.rows.map((row) => row.pid),
      ]);
      // Messages sent while nobody listened may be lost: B forgets everything when it listens again.
      expect(await waitFor(() => seen.includes(null), 10_000)).toBe(true);
      seen.length = 0;
      await waitFor(async () => {
        const again = await admin.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
          [`LISTEN ${INVALIDATION_CHANNEL}`],
        );
        return again.rows.length === 2;
      }, 10_000);
      a.invalidations.publish('slack.user', 'T1:U9');
      expect(await waitFor(() => seen.includes('T1:U9'), 5_000)).toBe(true);
    } finally {
      off();
      await admin.end();
    }
  }, 30_000);
});

describe('cache invalidation on the embedded database (one process)', () => {
  it('is delivered in-process, synchronously', async () => {
    const store = await openTestStore('pglite');
    try {
      const seen: (string | null)[] = [];
      const off = store.invalidations.subscribe('calendar.busy', (key) => seen.push(key));
      store.invalidations.publish('calendar.busy', 'conn-1');
      expect(seen).toEqual(['conn-1']);
      off();
      store.invalidations.publish('calendar.busy', 'conn-2');
      expect(seen).toEqual(['conn-1']);
    } finally {
      await store.close();
    }
  }, 90_000); // opening PGlite (migrations included) takes tens of seconds on a loaded machine
});
