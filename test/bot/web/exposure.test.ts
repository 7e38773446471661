/**
 * What the web server exposes by default (issue #16): the playground only when asked for or on a
 * loopback address outside production (never in the container image), and /metrics only with its
 * bearer token or, without one, to loopback clients not relayed by a proxy.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress, metricsAllowed, playgroundDecision } from '../../../src/bot/web/exposure.ts';
import { createWebServer } from '../../../src/bot/web/server.ts';
import { createMetrics } from '../../../src/observability/metrics.ts';

/** The ENV lines of the production image, as the container sees them. */
function dockerEnv(): NodeJS.ProcessEnv {
  const text = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8');
  const lines = text.split('\n');
  const last = lines.findLastIndex((l) => /^FROM\s/.test(l));
  const env: NodeJS.ProcessEnv = {};
  for (const line of lines.slice(last)) {
    const m = /^ENV\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    for (const pair of m[1]!.split(/\s+/)) {
      const [k, v] = pair.split('=');
      if (k) env[k] = v ?? '';
    }
  }
  return env;
}

describe('the playground default', () => {
  it('is on for `npm start` from a fresh clone (no config, 127.0.0.1)', () => {
    expect(playgroundDecision({}, { chat: false, host: '127.0.0.1' }).on).toBe(true);
    expect(playgroundDecision({ NODE_ENV: 'development' }, { chat: false, host: 'localhost' }).on).toBe(true);
    expect(playgroundDecision({}, { chat: false, host: '::1' }).on).toBe(true);
  });

  it('is off on a public address, in production, or with a chat platform, unless asked for', () => {
    expect(playgroundDecision({}, { chat: false, host: '0.0.0.0' })).toEqual({
      on: false,
      reason: 'HOST 0.0.0.0 is not a loopback address',
    });
    expect(playgroundDecision({ NODE_ENV: 'production' }, { chat: false, host: '127.0.0.1' }).on).toBe(false);
    expect(playgroundDecision({}, { chat: true, host: '127.0.0.1' }).on).toBe(false);
    expect(playgroundDecision({ CONVENE_PLAYGROUND: '0' }, { chat: false, host: '127.0.0.1' }).on).toBe(
      false,
    );
    const asked = { CONVENE_PLAYGROUND: '1', NODE_ENV: 'production' };
    expect(playgroundDecision(asked, { chat: true, host: '0.0.0.0' }).on).toBe(true);
  });

  it('is off in the container image (NODE_ENV=production, HOST=0.0.0.0, not enabled)', () => {
    const env = dockerEnv();
    expect(env.NODE_ENV).toBe('production');
    expect(env.CONVENE_PLAYGROUND ?? '').not.toBe('1');
    expect(playgroundDecision(env, { chat: false, host: env.HOST ?? '127.0.0.1' }).on).toBe(false);
  });

  it('`node src/main.ts` as in the image (NODE_ENV=production, no chat) serves no playground', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'convene-exposure-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CONVENE_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
    };
    for (const name of Object.keys(env))
      if (/^(SLACK_|DISCORD_|DATABASE_URL|CONVENE_PLAYGROUND|CONVENE_ENCRYPTION_KEYS)/.test(name))
        delete env[name];
    env.NODE_ENV = 'production';
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: resolve(import.meta.dirname, '../../..'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL in 90 s:\n${output}`)), 90_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const m = /Convene is listening on (http:\/\/\S+)/.exec(output);
          if (m) {
            clearTimeout(timer);
            done(m[1]!);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => fail(new Error(`exited with ${code}:\n${output}`)));
      });
      expect(output).toContain('playground off (NODE_ENV=production');
      expect((await fetch(`${url}/playground/api/demo`)).status).toBe(404);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost'])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['0.0.0.0', '::', '10.0.0.5', '::ffff:10.0.0.5', '192.168.1.1', '', undefined])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
  });
});

describe('/metrics', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
  });
  async function serve(metricsToken?: string): Promise<string> {
    const app = createWebServer({ metrics: createMetrics(), ...(metricsToken ? { metricsToken } : {}) });
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  }

  it('with a token: 401 without it or with a wrong one, the series with it', async () => {
    const url = await serve('s3cret-metrics-token-0123');
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await none.text()).includes('convene_')).toBe(false);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: 'Bearer s3cret-metrics-token-0123' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('convene_command_duration_seconds');
  });

  it('without a token: served to this machine, refused (403) when relayed by a proxy or from elsewhere', async () => {
    const url = await serve();
    expect((await fetch(url)).status).toBe(200);
    const relayed = await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.status).toBe(403);
    expect(((await relayed.json()) as { error: { message: string } }).error.message).toContain(
      'CONVENE_METRICS_TOKEN',
    );
    const remote = { get: () => undefined, socket: { remoteAddress: '::ffff:10.1.2.3' } };
    expect(metricsAllowed(remote as never, undefined)).toBe(false);
    const local = { get: () => undefined, socket: { remoteAddress: '::ffff:127.0.0.1' } };
    expect(metricsAllowed(local as never, undefined)).toBe(true);
  });
});
