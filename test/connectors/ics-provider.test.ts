import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import { IcsProvider } from '../../src/connectors/ics/client.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import { defineProviderContract, type SeedEvent, seedEventsToIcs } from './contract.ts';

/** Real HTTP on loopback; no real waiting between retries. */
const sleeps: number[] = [];
const fastRetry: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  random: () => 0.5,
};

const feeds = new Map<string, string>();
const hits = new Map<string, number>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    if (path === '/flaky.ics' && count <= 2) {
      res.writeHead(503, { 'retry-after': '1' }).end('try later');
      return;
    }
    if (path === '/down.ics') return void res.writeHead(502).end('bad gateway');
    if (path === '/secret.ics') return void res.writeHead(403).end('forbidden');
    if (path === '/gone.ics') return void res.writeHead(410).end('gone');
    if (path === '/html.ics')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    if (path === '/big.ics')
      return void res.writeHead(200).end(`BEGIN:VCALENDAR\r\n${'X-PAD:0123456789\r\n'.repeat(2000)}`);
    const body = path === '/flaky.ics' ? feeds.get('/stable.ics') : feeds.get(path);
    if (body === undefined) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let feedCounter = 0;
defineProviderContract('ics (feed over loopback HTTP)', async () => {
  const path = `/feeds/contract-${++feedCounter}.ics`;
  const seeded: SeedEvent[] = [];
  feeds.set(path, seedEventsToIcs(seeded));
  const calendarId = `${base}${path}`;
  return {
    provider: new IcsProvider({
      allowedNetworks: ['127.0.0.1/32'],
      feeds: [{ url: calendarId, name: 'Contract feed' }],
      retry: fastRetry,
    }),
    calendarId,
    missingCalendarId: `${base}/feeds/not-configured.ics`,
    seed: async (events) => {
      seeded.push(...events);
      feeds.set(path, seedEventsToIcs(seeded));
    },
    listStored: async () => seeded.map(({ id, start, end }) => ({ id, start, end })),
    capabilities: { write: false },
    teardown: async () => {
      feeds.delete(path);
    },
  };
});

describe('IcsProvider over HTTP', () => {
  const range = { start: Date.UTC(2030, 2, 4), end: Date.UTC(2030, 2, 5) };
  const meeting = {
    id: 'm',
    title: 'Board meeting',
    start: Date.UTC(2030, 2, 4, 9),
    end: Date.UTC(2030, 2, 4, 10),
  };

  it('reports each feed failure as its own value while the healthy feed still answers', async () => {
    feeds.set('/stable.ics', seedEventsToIcs([meeting]));
    const ids = ['stable', 'gone', 'secret', 'down', 'html', 'big'].map((n) => `${base}/${n}.ics`);
    const provider = new IcsProvider({
      // Test servers listen on loopback: opt it in past the address guard.
      allowedNetworks: ['127.0.0.1/32'],
      feeds: ids.map((url) => ({ url })),
      retry: fastRetry,
      maxBytes: 10_000,
    });
    sleeps.length = 0;
    const result = await provider.getBusy({ calendarIds: ids, range });
    const [stable, gone, secret, down, html, big] = ids.map((id) => result.calendars[id]);
    expect(stable).toEqual({ ok: true, busy: [{ start: meeting.start, end: meeting.end }] });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(secret).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(down).toMatchObject({
      ok: false,
      error: { code: 'provider_error', message: 'ICS feed unavailable (HTTP 502)' },
    });
    expect(html).toMatchObject({
      ok: false,
      error: { code: 'provider_error', message: expect.stringContaining('BEGIN:VCALENDAR') },
    });
    expect(big).toMatchObject({
      ok: false,
      error: { code: 'provider_error', message: expect.stringContaining('larger than 10000 bytes') },
    });
    // 502 is retried (3 attempts → 2 sleeps); 410 and 403 are final.
    expect(hits.get('/down.ics')).toBe(3);
    expect(hits.get('/gone.ics')).toBe(1);
    expect(hits.get('/secret.ics')).toBe(1);
    expect(JSON.stringify(result)).not.toContain('Board meeting');
  });

  it('retries a 503 honouring Retry-After and then succeeds', async () => {
    feeds.set('/stable.ics', seedEventsToIcs([meeting]));
    hits.delete('/flaky.ics');
    sleeps.length = 0;
    const id = `${base}/flaky.ics`;
    const result = await new IcsProvider({
      allowedNetworks: ['127.0.0.1/32'],
      feeds: [{ url: id }],
      retry: fastRetry,
    }).getBusy({
      calendarIds: [id],
      range,
    });
    expect(result.calendars[id]).toEqual({ ok: true, busy: [{ start: meeting.start, end: meeting.end }] });
    expect(hits.get('/flaky.ics')).toBe(3);
    // Retry-After: 1 → 1000 ms, above the jittered backoff (capped by maxDelayMs = 1000).
    expect(sleeps).toEqual([1_000, 1_000]);
  });

  it('fetches webcal:// feeds over https and refuses unusable URLs', async () => {
    const requested: string[] = [];
    const fakeFetch = (async (url: string | URL | Request) => {
      requested.push(String(url));
      return new Response(seedEventsToIcs([meeting]), { status: 200 });
    }) as typeof fetch;
    const id = 'webcal://calendar.example.org/private-abc123/basic.ics';
    const provider = new IcsProvider({ feeds: [{ url: id }], fetch: fakeFetch, retry: fastRetry });
    const result = await provider.getBusy({ calendarIds: [id], range });
    expect(requested).toEqual(['https://calendar.example.org/private-abc123/basic.ics']);
    expect(result.calendars[id]).toEqual({ ok: true, busy: [{ start: meeting.start, end: meeting.end }] });
    const [listed] = await provider.listCalendars();
    expect(listed).toEqual({ id, name: 'ICS feed (calendar.example.org)', primary: false, writable: false });
    expect(() => new IcsProvider({ feeds: [{ url: 'file:///etc/passwd' }] })).toThrow(ProviderError);
  });

  it('refuses every write with read_only', async () => {
    const provider = new IcsProvider({ feeds: [] });
    await expect(provider.updateEvent('x', {} as never)).rejects.toMatchObject({
      code: 'read_only',
      provider: 'ics',
    });
    await expect(provider.deleteEvent('x', 'y')).rejects.toMatchObject({
      code: 'read_only',
      provider: 'ics',
    });
  });

  it('rethrows when the caller aborts the query', async () => {
    feeds.set('/stable.ics', seedEventsToIcs([meeting]));
    const id = `${base}/stable.ics`;
    const controller = new AbortController();
    controller.abort();
    const provider = new IcsProvider({
      allowedNetworks: ['127.0.0.1/32'],
      feeds: [{ url: id }],
      retry: fastRetry,
    });
    await expect(
      provider.getBusy({ calendarIds: [id], range, signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
