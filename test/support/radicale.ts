/**
 * A real CalDAV server for tests: Radicale on a random loopback port, with a temporary storage folder
 * and htpasswd (plain) Basic auth, so the connector's Authorization header is really checked.
 * Missing Radicale is a loud failure, never a skip: `apt-get install -y radicale`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface RadicaleServer {
  /** Server root, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** `Basic ...` for the test user. */
  readonly authorization: string;
  /** Creates a calendar collection (MKCALENDAR) under the user's home; returns its absolute URL. */
  mkcalendar(name: string): Promise<string>;
  /** Rewrites the htpasswd file: from now on only `next` is accepted (Radicale reads it on every login). */
  setPassword(next: string): Promise<void>;
  stop(): Promise<void>;
}

export const RADICALE_MISSING =
  'Radicale is not installed, and the CalDAV tests need a real CalDAV server: run `apt-get install -y radicale` (Debian/Ubuntu) and re-run the tests.';

function findRadicale(): string | undefined {
  const candidates = [
    '/usr/bin/radicale',
    ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'radicale')),
  ];
  return candidates.find((path) => path && existsSync(path));
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RadicaleOptions {
  /** Path to the radicale executable; default: /usr/bin/radicale, then PATH. */
  readonly binary?: string;
}

export async function startRadicale(options: RadicaleOptions = {}): Promise<RadicaleServer> {
  const binary =
    options.binary === undefined ? findRadicale() : existsSync(options.binary) ? options.binary : undefined;
  if (!binary) throw new Error(RADICALE_MISSING);
  const dir = await mkdtemp(join(tmpdir(), 'convene-radicale-'));
  const username = 'alice';
  const password = 'correct horse battery staple';
  await writeFile(join(dir, 'users'), `${username}:${password}\n`);
  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const config = [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[logging]',
      'level = warning',
      '',
    ].join('\n');
    await writeFile(join(dir, 'config'), config);
    const child = spawn(binary, ['--config', join(dir, 'config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const url = `http://127.0.0.1:${port}/`;
    if (await waitUntilAnswering(url, child)) {
      const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      return {
        url,
        username,
        password,
        authorization,
        mkcalendar: async (name) => {
          const collection = new URL(`${username}/${encodeURIComponent(name)}/`, url).href;
          const response = await fetch(collection, { method: 'MKCALENDAR', headers: { authorization } });
          if (response.status !== 201) {
            throw new Error(
              `Radicale MKCALENDAR ${collection} answered ${response.status}: ${await response.text()}`,
            );
          }
          return collection;
        },
        setPassword: async (next) => {
          await writeFile(join(dir, 'users'), `${username}:${next}\n`);
        },
        stop: async () => {
          await stopChild(child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    lastError = stderr.trim().split('\n').slice(-3).join(' | ') || `exit code ${child.exitCode}`;
    await stopChild(child);
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`Radicale (${binary}) did not start: ${lastError}`);
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return false;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
