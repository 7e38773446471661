/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in a data directory, served by
 * pglite-socket so the ordinary `pg` driver and Prisma adapter talk to it.
 *
 * PGlite does not check passwords (every startup message is accepted), so the server never listens on
 * TCP, where any local process could connect: it listens on a Unix socket (`.s.PGSQL.5432`) in a private
 * directory created for this process (mode 0700, the socket itself 0600). Only this user can connect;
 * another local user's connection is refused by the kernel (EACCES). The directory is removed at close.
 *
 * PGlite is ONE backend session: the socket server multiplexes connections at the message level,
 * so two connections could interleave their unnamed prepared statements. The store's pool therefore
 * has `max: 1` (concurrency is queued in the pool). The server still accepts a few connections so
 * that a replacement connection is not refused while a discarded one is being torn down.
 *
 * A lock file (`convene.lock`, holding the pid) keeps a second process off the same directory;
 * a lock left by a dead process is taken over.
 */
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ConfigError } from './errors.ts';

export interface EmbeddedServer {
  /** `postgresql://postgres@localhost/postgres?host=<private socket dir>` (Unix socket, owner only). */
  readonly url: string;
  /** The Unix socket's directory (mode 0700). */
  readonly socketDir: string;
  readonly dataDir: string;
  close(): Promise<void>;
}

export const LOCK_FILE = 'convene.lock';
export const PGLITE_SUBDIR = 'pglite';
/** What `pg` looks for in the socket directory (`host=<dir>`, default port 5432). */
const SOCKET_NAME = '.s.PGSQL.5432';

/**
 * `dataDir` is Convene's data directory (PGlite lives in `<dataDir>/pglite`), or `memory://` for a
 * throw-away in-memory database (tests).
 */
export async function startEmbedded(dataDir: string): Promise<EmbeddedServer> {
  const inMemory = dataDir === 'memory://';
  const dir = inMemory ? dataDir : resolve(dataDir);
  const releaseLock = inMemory ? () => undefined : acquireLock(dir);
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  let socketDir: string | undefined;
  try {
    db = await PGlite.create({
      dataDir: inMemory ? 'memory://' : join(dir, PGLITE_SUBDIR),
      extensions: { btree_gist },
    });
    // Short path (a Unix socket path is limited to ~100 bytes), private to this user: mkdtemp makes it 0700.
    socketDir = mkdtempSync(join(tmpdir(), 'convene-db-'));
    chmodSync(socketDir, 0o700);
    const socketPath = join(socketDir, SOCKET_NAME);
    server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
    await server.start();
    chmodSync(socketPath, 0o600);
  } catch (cause) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
    releaseLock();
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ConfigError('data_dir_unusable', `Cannot open the embedded database in ${dir}: ${detail}`, {
      cause,
    });
  }
  const started = server;
  const database = db;
  const privateDir = socketDir;
  let closed: Promise<void> | undefined;
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(privateDir)}&sslmode=disable`,
    socketDir: privateDir,
    dataDir: dir,
    close() {
      closed ??= (async () => {
        try {
          await started.stop();
          await database.close();
        } finally {
          rmSync(privateDir, { recursive: true, force: true });
          releaseLock();
        }
      })();
      return closed;
    },
  };
}

/** Takes `<dir>/convene.lock` for this process or throws `ConfigError('data_dir_locked')`. Returns the release function. */
export function acquireLock(dir: string): () => void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw new ConfigError(
      'data_dir_unusable',
      `Cannot create Convene's data directory ${dir}: ${describe(cause)}`,
      {
        cause,
      },
    );
  }
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ConfigError('data_dir_unusable', `Cannot write the lock file ${path}: ${describe(cause)}`, {
          cause,
        });
      }
      const holder = readPid(path);
      if (holder !== undefined && isAlive(holder)) {
        throw new ConfigError(
          'data_dir_locked',
          `Convene's data directory ${dir} is already in use by process ${holder}${holder === process.pid ? ' (this process)' : ''}: stop it first, or set CONVENE_DATA_DIR to another directory`,
        );
      }
      // Stale (dead pid) or unreadable half-written lock: take it over.
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return () => {
      if (readPid(path) === process.pid) rmSync(path, { force: true });
    };
  }
  throw new ConfigError(
    'data_dir_locked',
    `Could not take the lock ${path}: another process keeps recreating it`,
  );
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
