/**
 * Test databases for the store suite, which runs on BOTH backends:
 * - `pglite`: the embedded database, in memory (or in a given directory);
 * - `postgres`: a fresh database `convene_test_<random>` on the server at `TEST_DATABASE_URL`
 *   (default `postgresql://postgres@127.0.0.1:5432/postgres`), dropped afterwards.
 * If the PostgreSQL server cannot be reached the suite FAILS with a message saying so: it never skips.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { type OpenDatabaseOptions, openDatabase, type Store } from '../../src/store/database.ts';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export const TEST_KEYS = `${generateKeyEntry('t1')}`;

export interface TestDatabase {
  /** PostgreSQL only: the URL of the fresh database. */
  readonly url: string | undefined;
  open(options?: Partial<OpenDatabaseOptions>): Promise<Store>;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL test server unreachable at ${TEST_DATABASE_URL} (${(error as Error).message}): start it (.ci/run does) or set TEST_DATABASE_URL — the store suite does not skip`,
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database (PostgreSQL) or a fresh in-memory PGlite. */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  const quiet = () => undefined;
  if (backend === 'pglite') {
    return {
      url: undefined,
      open: (options = {}) =>
        openDatabase({ dataDir: 'memory://', encryptionKeys: TEST_KEYS, log: quiet, ...options }),
      drop: async () => undefined,
    };
  }
  const name = `convene_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    open: (options = {}) =>
      openDatabase({
        databaseUrl: url.toString(),
        encryptionKeys: TEST_KEYS,
        migrate: true,
        log: quiet,
        ...options,
      }),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Opens a migrated store on a fresh database; `close()` also drops it. */
export async function openTestStore(
  backend: Backend,
  options: Partial<OpenDatabaseOptions> = {},
): Promise<Store> {
  const database = await createTestDatabase(backend);
  const store = await database.open(options);
  const close = store.close;
  return Object.assign(store, {
    close: async () => {
      await close();
      await database.drop();
    },
  });
}
