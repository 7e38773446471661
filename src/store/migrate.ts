/**
 * The migration runner: applies `prisma/migrations/<name>/migration.sql` in name order and records
 * them in Prisma's own `_prisma_migrations` table (same columns, same SHA-256 checksum), so the
 * history is one and the same for this runner and the Prisma CLI.
 *
 * Prisma 6.19's CLI cannot run `migrate deploy` through the pg driver adapter (it fails on the `name`
 * column type, prisma/prisma#27403), and the CLI is a dev dependency anyway: Convene migrates itself.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { ConfigError } from './errors.ts';

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations/', import.meta.url));

export interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export function loadMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface Queryable {
  query: pg.ClientBase['query'];
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Advisory lock key shared by every Convene migrator (so two starting processes never race): session
 * level, so it is released when the migrating process dies. It needs a real session: behind PgBouncer
 * in transaction mode, migrate through a direct connection.
 */
const LOCK_KEY = 72_707_301;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
  /** Recorded as started but never finished (a failed migration). */
  readonly failed: readonly string[];
  /** Applied, but the file changed since. */
  readonly modified: readonly string[];
  /** Recorded in the database but not present in this build (a newer Convene migrated it). */
  readonly unknown: readonly string[];
}

export async function migrationStatus(
  db: Queryable,
  migrations: readonly Migration[],
): Promise<MigrationStatus> {
  const exists = await db.query<{ present: boolean }>(
    `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`,
  );
  const rows: AppliedRow[] = exists.rows[0]?.present
    ? (
        await db.query<AppliedRow>(
          'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
        )
      ).rows
    : [];
  const live = rows.filter((row) => row.rolled_back_at === null);
  const known = new Set(migrations.map((m) => m.name));
  const applied: string[] = [];
  const pending: string[] = [];
  const failed: string[] = [];
  const modified: string[] = [];
  for (const migration of migrations) {
    const records = live.filter((row) => row.migration_name === migration.name);
    const done = records.find((row) => row.finished_at !== null);
    if (done) {
      applied.push(migration.name);
      if (done.checksum !== migration.checksum) modified.push(migration.name);
    } else if (records.length > 0) {
      failed.push(migration.name);
    } else {
      pending.push(migration.name);
    }
  }
  const unknown = [...new Set(live.map((row) => row.migration_name))].filter((name) => !known.has(name));
  return { applied, pending, failed, modified, unknown };
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock. Returns the names
 * applied. Several replicas starting at once: the first migrates, the others wait for the lock, then
 * find nothing pending.
 */
export async function applyMigrations(
  db: Queryable,
  migrations: readonly Migration[],
  where: string,
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const free = await db.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_KEY]);
  if (!free.rows[0]?.locked) {
    log(`store: another process is migrating ${where}; waiting for it`);
    await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  }
  try {
    await db.query(CREATE_TABLE);
    const status = await migrationStatus(db, migrations);
    assertConsistent(status, where);
    const done: string[] = [];
    for (const migration of migrations) {
      if (!status.pending.includes(migration.name)) continue;
      const id = randomUUID();
      await db.query('BEGIN');
      try {
        await db.query(migration.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, now(), 1)`,
          [id, migration.checksum, migration.name],
        );
        await db.query('COMMIT');
      } catch (cause) {
        await db.query('ROLLBACK').catch(() => undefined);
        const detail = cause instanceof Error ? cause.message : String(cause);
        throw new ConfigError(
          'database_migration_failed',
          `Migration ${migration.name} failed on ${where}: ${detail}`,
          { cause },
        );
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
  }
}

/** Refuses (ConfigError) unless every migration of this build is applied and unmodified. */
export async function assertMigrated(
  db: Queryable,
  migrations: readonly Migration[],
  where: string,
): Promise<void> {
  const status = await migrationStatus(db, migrations);
  assertConsistent(status, where);
  if (status.pending.length > 0) {
    throw new ConfigError(
      'database_not_migrated',
      `Database at ${where} is not migrated (missing ${status.pending.join(', ')}): run "npm run db:migrate" with DATABASE_URL set to it`,
    );
  }
}

function assertConsistent(status: MigrationStatus, where: string): void {
  if (status.failed.length > 0) {
    throw new ConfigError(
      'database_migration_failed',
      `Database at ${where} has a failed migration (${status.failed.join(', ')}): fix the database by hand, then delete its row from "_prisma_migrations"`,
    );
  }
  if (status.modified.length > 0) {
    throw new ConfigError(
      'database_migration_failed',
      `Database at ${where} was migrated with a different version of ${status.modified.join(', ')}: migrations must never be edited once applied`,
    );
  }
}
