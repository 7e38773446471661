/**
 * Several replicas on one PostgreSQL database during starts and rolling deploys:
 * - replicas started at once with `CONVENE_MIGRATE=1` on a fresh database all start, and each
 *   migration is applied exactly once (the advisory lock in store/migrate.ts);
 * - expand/contract: an OLDER build (one migration fewer) keeps starting and serving on a database a
 *   newer build has already migrated, as old replicas do while a rolling deploy replaces them.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabaseFromEnv, type Store } from '../../src/store/database.ts';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/store/migrate.ts';
import { createTestDatabase, TEST_KEYS } from './backends.ts';

describe('replicas and migrations (PostgreSQL)', () => {
  it('four replicas starting at once with CONVENE_MIGRATE=1 all start; each migration is applied once', async () => {
    const database = await createTestDatabase('postgres');
    const stores: Store[] = [];
    const lines: string[] = [];
    try {
      const env = {
        DATABASE_URL: database.url,
        CONVENE_ENCRYPTION_KEYS: TEST_KEYS,
        CONVENE_MIGRATE: '1',
        DATABASE_POOL_SIZE: '2',
      };
      const opened = await Promise.allSettled(
        Array.from({ length: 4 }, () => openDatabaseFromEnv(env, { log: (line) => lines.push(line) })),
      );
      for (const result of opened) if (result.status === 'fulfilled') stores.push(result.value);
      expect(opened.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
        'ok',
        'ok',
        'ok',
        'ok',
      ]);
      const rows = await stores[0]!.query<{ migration_name: string; n: number }>(
        `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name`,
      );
      const names = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      expect(rows.map((r) => r.migration_name).sort()).toEqual(names);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      // One replica applied them; the log says so once.
      expect(lines.filter((line) => line.startsWith('store: applied migrations')).length).toBe(1);
    } finally {
      for (const store of stores) await store.close();
      await database.drop();
    }
  }, 60_000);

  it('an older build keeps serving a database that a newer build already migrated (expand/contract)', async () => {
    const database = await createTestDatabase('postgres');
    const older = mkdtempSync(join(tmpdir(), 'convene-older-'));
    try {
      const newer = await database.open(); // migrates everything
      const names = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      for (const name of names.slice(0, -1))
        cpSync(join(DEFAULT_MIGRATIONS_DIR, name), join(older, name), { recursive: true });
      // The old replica does not migrate (it would have nothing to do) and does not refuse the newer schema.
      const old = await database.open({ migrate: false, migrationsDir: older });
      try {
        const [row] = await old.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
        expect(row?.n).toBe(names.length);
        expect((await old.workspaces.findByExternalId('slack', 'T-none')) ?? null).toBeNull();
      } finally {
        await old.close();
        await newer.close();
      }
    } finally {
      rmSync(older, { recursive: true, force: true });
      await database.drop();
    }
  }, 60_000);
});
