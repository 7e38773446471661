/** Observability of the web server: request ids in JSON logs without secrets, /metrics, /readyz with migrations. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebServer } from '../../src/bot/web/server.ts';
import { createLogger } from '../../src/observability/log.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { databaseReady } from '../../src/store/readiness.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ destination }) };
}

async function serve(app: express.Express): Promise<string> {
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('observability', () => {
  it('logs one JSON line per request with its id, and never a token', async () => {
    const { lines, logger } = capture();
    const router = express.Router();
    router.post('/slack/events', (_req, res) => {
      logger.info({ botToken: 'xoxb-1-secret', title: 'Secret project' }, 'calling Slack with xoxb-1-secret');
      res.json({ ok: true });
    });
    const base = await serve(createWebServer({ routers: [{ router }], logger }));
    const response = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer abc.def', 'x-request-id': 'req-42' },
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const fresh = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    const freshId = fresh.headers.get('x-request-id');
    expect(freshId).toMatch(/^[0-9a-f-]{36}$/);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('xoxb-1-secret');
    expect(text).not.toContain('abc.def');
    expect(text).not.toContain('Secret project');
    const requests = lines.filter((l) => l.msg === 'http request');
    expect(requests.map((l) => [l.requestId, l.path, l.status])).toEqual([
      ['req-42', '/slack/events', 200],
      [freshId, '/healthz', 200],
    ]);
  });

  it('exposes the command latency series on /metrics after a chat request', async () => {
    const metrics = createMetrics();
    const router = express.Router();
    router.post('/discord/interactions', (_req, res) => void res.status(401).json({ error: 'x' }));
    let now = 1000;
    const base = await serve(createWebServer({ routers: [{ router }], metrics, clock: () => (now += 250) }));
    await fetch(`${base}/discord/interactions`, { method: 'POST' });
    metrics.bookings.inc({ outcome: 'booked' });
    const body = await (await fetch(`${base}/metrics`)).text();
    expect(body).toContain(
      'convene_command_duration_seconds_count{platform="discord",command="interactions"} 1',
    );
    expect(body).toContain(
      'convene_command_duration_seconds_sum{platform="discord",command="interactions"} 0.25',
    );
    expect(body).toContain('convene_bookings_total{outcome="booked"} 1');
    expect(body).toContain('# TYPE convene_provider_request_duration_seconds histogram');
    expect(body).toContain('# TYPE convene_job_lag_seconds histogram');
    expect(body).toContain('# TYPE convene_provider_errors_total counter');
  });

  it('/readyz is 503 while a migration is pending and 200 once all are applied', async () => {
    const all = (await import('../../src/store/migrate.ts')).loadMigrations();
    const applied = new Map<string, string>();
    const store = {
      async query<Row extends Record<string, unknown>>(sql: string): Promise<Row[]> {
        if (sql.includes('to_regclass')) return [{ present: true }] as unknown as Row[];
        if (sql.includes('_prisma_migrations'))
          return [...applied].map(([name, checksum]) => ({
            migration_name: name,
            checksum,
            finished_at: new Date(0),
            rolled_back_at: null,
          })) as unknown as Row[];
        return [] as Row[];
      },
    };
    const logs: string[] = [];
    const base = await serve(createWebServer({ ready: databaseReady(store), log: (l) => logs.push(l) }));
    const first = all[0]!;
    applied.set(first.name, first.checksum);
    expect((await fetch(`${base}/readyz`)).status).toBe(all.length > 1 ? 503 : 200);
    applied.set(first.name, 'tampered');
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect(logs.at(-1)).toMatch(new RegExp(`migrations not applied: .*${first.name}`));
    for (const m of all) applied.set(m.name, m.checksum);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
