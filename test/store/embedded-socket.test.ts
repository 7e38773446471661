/**
 * The embedded database (PGlite behind pglite-socket) checks no password, so it must not be reachable by
 * other local processes (issue #16: another local process read the people and workspaces through its
 * loopback TCP port). It listens on a Unix socket in a private directory: 0700 directory, 0600 socket,
 * no TCP port; another user's connection is refused by the kernel.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmbedded } from '../../src/store/embedded.ts';

/** Host (socket directory or TCP host) and port of a `postgresql://` URL, as `pg` reads it. */
function parse(url: string): { host?: string; port?: string } {
  const parsed = new URL(url);
  const host = parsed.searchParams.get('host') ?? parsed.hostname;
  return { host, port: parsed.port || '5432' };
}

/** Tries to open the server's socket (or TCP port) as uid/gid 65534 (nobody); resolves with what happened. */
function connectAsNobody(target: { path?: string; host?: string; port?: number }): string {
  const script = target.path
    ? `import socket\ns = socket.socket(socket.AF_UNIX)\ntry:\n  s.connect(${JSON.stringify(target.path)}); print('CONNECTED')\nexcept OSError as e:\n  print('REFUSED', e.errno)`
    : `import socket\ntry:\n  socket.create_connection((${JSON.stringify(target.host)}, ${target.port}), 2); print('CONNECTED')\nexcept OSError as e:\n  print('REFUSED', e.errno)`;
  const run = spawnSync('/usr/bin/python3', ['-c', script], { uid: 65534, gid: 65534, encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.trim();
}

describe('embedded database socket', () => {
  it('listens only on a Unix socket in a private directory (0700 dir, 0600 socket, no TCP port), removed at close', async () => {
    const server = await startEmbedded('memory://');
    const config = parse(server.url);
    try {
      // No TCP: the host is the socket directory.
      expect(config.host).toBe(server.socketDir);
      expect(config.host?.startsWith('/')).toBe(true);
      const socket = `${server.socketDir}/.s.PGSQL.5432`;
      const dir = statSync(server.socketDir);
      expect(dir.mode & 0o777).toBe(0o700);
      expect(dir.uid).toBe(process.getuid!());
      const sock = statSync(socket);
      expect(sock.isSocket()).toBe(true);
      expect(sock.mode & 0o777).toBe(0o600);
      // The owner connects.
      await new Promise<void>((resolve, reject) => {
        const client = connect(socket, () => {
          client.end();
          resolve();
        });
        client.on('error', reject);
      });
      // Another local user cannot (needs root to switch user, and a system python3 it may execute).
      if (process.getuid!() === 0 && existsSync('/usr/bin/python3')) {
        expect(connectAsNobody({ path: socket })).toMatch(/^REFUSED 13/); // EACCES
      }
    } finally {
      await server.close();
    }
    expect(existsSync(server.socketDir)).toBe(false);
  });

  it('another local user is refused (the previous loopback TCP port let any process in)', async () => {
    const server = await startEmbedded('memory://');
    try {
      const config = parse(server.url);
      const target = config.host?.startsWith('/')
        ? { path: `${config.host}/.s.PGSQL.5432` }
        : { host: config.host ?? '127.0.0.1', port: Number(config.port) };
      if (process.getuid!() === 0 && existsSync('/usr/bin/python3')) {
        expect(connectAsNobody(target)).toMatch(/^REFUSED/);
      } else {
        // Without root, the kernel's check cannot be exercised: the server must at least not be on TCP.
        expect(target.path).toBeDefined();
      }
    } finally {
      await server.close();
    }
  });
});
