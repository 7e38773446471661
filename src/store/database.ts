/**
 * Opening the store: PostgreSQL when `DATABASE_URL` is set (refusing an unmigrated database), the
 * embedded PGlite in the data directory otherwise (migrated automatically). Returns the repositories
 * (the ports of src/app/ports/store.ts) and `close()`.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import pg from 'pg';
import type { Invalidations } from '../app/ports/invalidations.ts';
import type { Repositories } from '../app/ports/store.ts';
import type { KeyRing } from './crypto.ts';
import { KEY_CHECK_TEXT, KEYS_ENV, loadOrCreateKeyFile, parseKeyRing, secretContext } from './crypto.ts';
import { type EmbeddedServer, startEmbedded } from './embedded.ts';
import { ConfigError, redactUrl, StoreError, sqlState } from './errors.ts';
import { createPgInvalidations, localInvalidations } from './invalidations.ts';
import { applyMigrations, assertMigrated, loadMigrations } from './migrate.ts';
import { createRepositories } from './repos/index.ts';
import { reencryptSecrets } from './repos/secrets.ts';
import { rethrow } from './repos/util.ts';

export const DEFAULT_DATA_DIR = '.convene-data';
/** Default of `OpenDatabaseOptions.closeStepMs`. */
export const CLOSE_STEP_MS = 10_000;

export interface OpenDatabaseOptions {
  /** PostgreSQL URL. Absent: the embedded PGlite database in `dataDir`. */
  readonly databaseUrl?: string;
  /** Convene's data directory for the embedded database (default `.convene-data`); `memory://` = in memory, nothing kept. */
  readonly dataDir?: string;
  /** `CONVENE_ENCRYPTION_KEYS` spec. Required with `databaseUrl`; embedded default: a key file in `dataDir`. */
  readonly encryptionKeys?: string;
  /** PostgreSQL only: apply pending migrations instead of refusing to start (`npm run db:migrate`, tests). */
  readonly migrate?: boolean;
  /** PostgreSQL pool size (default 10). The embedded database always uses one connection. */
  readonly poolSize?: number;
  readonly migrationsDir?: string;
  /** How long `close()` waits for each step (Prisma, the pool, the embedded server) before giving up on it. */
  readonly closeStepMs?: number;
  /** Start-up notes (one line each, no secrets). Default: `console.error`. */
  readonly log?: (line: string) => void;
}

export interface Store extends Repositories {
  readonly backend: 'pglite' | 'postgres';
  /** Where the data lives, safe to print: a password-less URL or the data directory. */
  readonly location: string;
  readonly keyRing: KeyRing;
  /**
   * Cache invalidation shared by every process on this database (PostgreSQL `LISTEN/NOTIFY`; in-process
   * only on the embedded database, which one process uses). See store/invalidations.ts.
   */
  readonly invalidations: Invalidations;
  /** Re-encrypts every stored secret whose key is not the primary one; returns how many were rewritten. */
  reencryptSecrets(): Promise<number>;
  /** Raw SQL for diagnostics and tests (parameters as `$1…`). Not for use-case code. */
  query<Row extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Closes connections (and the embedded server, releasing the data directory). Idempotent. */
  close(): Promise<void>;
}

/** Connections per process to a PostgreSQL server when `DATABASE_POOL_SIZE` is unset. */
export const DEFAULT_POOL_SIZE = 20;

/**
 * Reads `DATABASE_URL`, `DATABASE_POOL_SIZE`, `CONVENE_DATA_DIR`, `CONVENE_ENCRYPTION_KEYS` and
 * `CONVENE_MIGRATE` (1: a PostgreSQL server is migrated at start, under the migration lock, so several
 * replicas may start at once) from `env`.
 */
export function openDatabaseFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Omit<OpenDatabaseOptions, 'databaseUrl' | 'dataDir' | 'encryptionKeys'> = {},
): Promise<Store> {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const dataDir = env.CONVENE_DATA_DIR?.trim() || undefined;
  const encryptionKeys = env[KEYS_ENV]?.trim() || undefined;
  const poolSize = env.DATABASE_POOL_SIZE?.trim() ? Number(env.DATABASE_POOL_SIZE.trim()) : undefined;
  const migrate = /^(?:1|true|yes)$/i.test(env.CONVENE_MIGRATE?.trim() ?? '');
  return openDatabase({
    ...(poolSize !== undefined && Number.isInteger(poolSize) && poolSize >= 1 ? { poolSize } : {}),
    ...(migrate ? { migrate } : {}),
    ...overrides,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(dataDir ? { dataDir } : {}),
    ...(encryptionKeys ? { encryptionKeys } : {}),
  });
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Store> {
  const log = options.log ?? ((line: string) => console.error(line));
  const migrations = loadMigrations(options.migrationsDir);
  let embedded: EmbeddedServer | undefined;
  let url: string;
  let location: string;
  let keyRing: KeyRing;

  if (options.databaseUrl !== undefined) {
    url = options.databaseUrl;
    location = checkDatabaseUrl(url);
    keyRing = parseKeyRing(options.encryptionKeys);
  } else {
    const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
    const inMemory = dataDir === 'memory://';
    // Parse a configured key before touching the directory: a bad key must not leave a lock behind.
    const configuredKeys =
      options.encryptionKeys !== undefined ? parseKeyRing(options.encryptionKeys) : undefined;
    embedded = await startEmbedded(dataDir);
    try {
      keyRing =
        configuredKeys ??
        (inMemory ? parseKeyRing(`memory:${randomKey()}`) : loadOrCreateKeyFile(embedded.dataDir, log));
    } catch (error) {
      await embedded.close();
      throw error;
    }
    url = embedded.url;
    location = inMemory ? 'PGlite in memory' : `PGlite in ${resolve(dataDir)}`;
  }

  const pool = new pg.Pool({
    connectionString: url,
    max: embedded ? 1 : (options.poolSize ?? DEFAULT_POOL_SIZE),
    idleTimeoutMillis: embedded ? 0 : 10_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client's socket error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => log(`store: idle database connection failed: ${error.message}`));

  // Closing never waits forever: a connection a stuck caller still holds would keep `pool.end()` (and
  // the embedded server, which waits for its sockets) pending, and a shutdown must end. After
  // `closeStepMs` a step is abandoned with a log line; the process exit then drops the sockets.
  const closeStepMs = options.closeStepMs ?? CLOSE_STEP_MS;
  const bounded = (what: string, work: Promise<unknown>) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        log(`store: ${what} did not finish within ${closeStepMs} ms; closing anyway`);
        resolve();
      }, closeStepMs);
      timer.unref();
      void work
        .catch(() => undefined)
        .finally(() => {
          clearTimeout(timer);
          resolve();
        });
    });
  const cleanup = async () => {
    await bounded('releasing database connections', pool.end());
    if (embedded) await bounded('stopping the embedded database', embedded.close());
  };

  try {
    const client = await pool.connect().catch((cause: unknown) => {
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw new ConfigError('database_unreachable', `Cannot reach the database at ${location}: ${detail}`, {
        cause,
      });
    });
    try {
      if (embedded || options.migrate) {
        const applied = await applyMigrations(client, migrations, location, log);
        if (applied.length > 0) log(`store: applied migrations ${applied.join(', ')} to ${location}`);
      } else {
        await assertMigrated(client, migrations, location);
      }
      await checkKeys(client, keyRing, location);
    } finally {
      client.release();
    }
  } catch (error) {
    await cleanup();
    throw error;
  }

  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closing: Promise<void> | undefined;
  const run = async <Row extends Record<string, unknown>>(
    sql: string,
    params: readonly unknown[],
    prepared: boolean,
  ) => {
    if (closing) throw new StoreError('closed', 'the store is closed');
    // Not `pool.query`: it discards the connection on any SQL error, and the embedded server has one.
    const client = await pool.connect().catch(rethrow);
    let broken: Error | undefined;
    try {
      // The repositories' statements are a fixed set: each is prepared once per connection (named by a hash
      // of its text) so PostgreSQL parses and plans it once, not on every `/meet`.
      const result = prepared
        ? await client.query<Row>({ text: sql, values: [...params], name: statementName(sql) })
        : await client.query<Row>(sql, [...params]);
      return result.rows;
    } catch (error) {
      // A socket failure or a server shutting the session down: the connection is not given back.
      const state = sqlState(error);
      if (state === undefined || state.startsWith('08') || state.startsWith('57'))
        broken = error instanceof Error ? error : new Error(String(error));
      return rethrow(error);
    } finally {
      client.release(broken);
    }
  };
  const query = <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) =>
    run<Row>(sql, params, false);
  const repos = createRepositories(prisma, keyRing, (sql, params = []) => run(sql, params, true));
  try {
    // Upgrade step: tokens sealed in the legacy v1 envelope are read once and re-sealed as v2.
    const resealed = await reencryptSecrets(prisma, keyRing, { legacyOnly: true });
    if (resealed > 0)
      log(`store: re-sealed ${resealed} stored secret(s) in the v2 format (bound to their row)`);
  } catch (error) {
    await prisma.$disconnect().catch(() => undefined);
    await cleanup();
    throw error;
  }
  const listener = embedded
    ? null
    : createPgInvalidations({
        url,
        notify: (channel, payload) => run('SELECT pg_notify($1, $2)', [channel, payload], true),
        log,
      });
  await listener?.start();
  return {
    ...repos,
    backend: embedded ? 'pglite' : 'postgres',
    location,
    keyRing,
    invalidations: listener ?? localInvalidations(),
    reencryptSecrets: () => reencryptSecrets(prisma, keyRing),
    query,
    close() {
      closing ??= (async () => {
        await bounded('closing the cache invalidation listener', listener?.close() ?? Promise.resolve());
        await bounded('disconnecting the Prisma client', prisma.$disconnect());
        await cleanup();
      })();
      return closing;
    },
  };
}

function checkDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      'database_url_invalid',
      'DATABASE_URL is not a URL: expected postgresql://user:password@host:5432/database',
    );
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new ConfigError(
      'database_url_invalid',
      `DATABASE_URL must start with postgresql:// (got ${parsed.protocol}//): Convene stores its data in PostgreSQL, or in the embedded database when DATABASE_URL is unset`,
    );
  }
  return redactUrl(url);
}

/**
 * Every key id of the ring must decrypt its check value (recorded on first use), and every key id
 * that encrypted stored secrets must be in the ring: a wrong or missing key stops the start.
 */
async function checkKeys(db: pg.PoolClient, keyRing: KeyRing, location: string): Promise<void> {
  const known = await db.query<{ key_id: string; check_value: string }>(
    'SELECT key_id, check_value FROM encryption_key WHERE key_id = ANY($1)',
    [keyRing.keyIds],
  );
  for (const keyId of keyRing.keyIds) {
    const row = known.rows.find((r) => r.key_id === keyId);
    if (row) {
      let ok = false;
      try {
        ok =
          (keyRing.isLegacy(row.check_value)
            ? keyRing.openLegacy(row.check_value)
            : keyRing.decrypt(row.check_value, secretContext.keyCheck(keyId))) === KEY_CHECK_TEXT;
      } catch {
        ok = false;
      }
      if (ok && keyRing.isLegacy(row.check_value)) {
        await db.query('UPDATE encryption_key SET check_value = $2 WHERE key_id = $1 AND check_value = $3', [
          keyId,
          keyRing.encrypt(KEY_CHECK_TEXT, secretContext.keyCheck(keyId), keyId),
          row.check_value,
        ]);
      }
      if (!ok) {
        throw new ConfigError(
          'encryption_key_mismatch',
          `${KEYS_ENV}: key ${keyId} is not the key ${keyId} that encrypted the tokens in ${location}: restore the original key material for ${keyId}`,
        );
      }
    } else {
      await db.query(
        'INSERT INTO encryption_key (key_id, check_value) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [keyId, keyRing.encrypt(KEY_CHECK_TEXT, secretContext.keyCheck(keyId), keyId)],
      );
    }
  }
  const used = await db.query<{ key_id: string }>(
    `SELECT tokens_key_id AS key_id FROM calendar_connection
     UNION SELECT bot_token_key_id FROM workspace WHERE bot_token_key_id IS NOT NULL`,
  );
  const missing = used.rows.map((r) => r.key_id).filter((id) => !keyRing.keyIds.includes(id));
  if (missing.length > 0) {
    throw new ConfigError(
      'encryption_key_unknown',
      `${KEYS_ENV} lacks key ${missing.join(', ')}, which encrypted tokens in ${location}: list it after the new key (rotation keeps old keys until "npm run db:rekey" has run)`,
    );
  }
}

function randomKey(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32))).toString('base64');
}

/** A prepared statement's name: stable for one SQL text (PostgreSQL keeps up to 63 bytes of a name). */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `convene_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    // The repositories' texts are a fixed set; the bound only guards against a caller building texts.
    if (statementNames.size < 1_000) statementNames.set(sql, name);
  }
  return name;
}
const statementNames = new Map<string, string>();
