/**
 * What re-reading an ICS feed costs: change polls of an unchanged feed (304, or the same body from a
 * server without validators) are neither parsed nor diffed; free/busy reads of one feed share a download
 * and revalidate it conditionally; absurd validators and feeds that change on every request stay bounded.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventTimes } from '../../src/connectors/ics/changes.ts';
import { eventTimesOf } from '../../src/connectors/ics/changes.ts';
import { IcsProvider } from '../../src/connectors/ics/client.ts';
import { expandIcs } from '../../src/connectors/ics/expand.ts';
import { IcsExpander } from '../../src/connectors/ics/expand-pool.ts';
import {
  FeedDownloads,
  type FeedResponse,
  icsFeedCounters,
  MAX_VALIDATOR_CHARS,
} from '../../src/connectors/ics/feed-cache.ts';
import type { Interval } from '../../src/core/interval.ts';

// The feeds are served on loopback: let the address guard through for them (src/connectors/net).
const LOOPBACK = ['127.0.0.1/32'];

const T0 = Date.UTC(2030, 2, 4, 9);
const HOUR = 3_600_000;
const window = { start: T0 - 24 * HOUR, end: T0 + 30 * 24 * HOUR };
const range = { start: Date.UTC(2030, 2, 4), end: Date.UTC(2030, 2, 5) };
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function feed(events: { uid: string; start: number; end: number }[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(T0)}`,
      `DTSTART:${stamp(e.start)}`,
      `DTEND:${stamp(e.end)}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** An expander that counts its work and does it on the event loop (same results as the worker). */
class CountingExpander extends IcsExpander {
  parses = 0;
  expands = 0;
  override async eventTimes(text: string, options: { readonly defaultZone?: string } = {}) {
    this.parses++;
    return eventTimesOf(text, options.defaultZone ?? 'UTC') as EventTimes[];
  }
  override async expand(text: string, r: Interval) {
    this.expands++;
    const result = expandIcs(text, r);
    return result.ok
      ? { ok: true as const, busy: result.busy.map(({ start, end }) => ({ start, end })), warnings: [] }
      : { ok: false as const, error: result.error };
  }
}

interface FeedState {
  body: string;
  etag: string | null;
  lastModified: string | null;
  /** A new body on every request. */
  churn: boolean;
}
const feeds = new Map<string, FeedState>();
const seen = new Map<string, { headers: IncomingHttpHeaders; status: number }[]>();
let server: Server;
let base: string;
let churned = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const state = feeds.get(path);
    const log = seen.get(path) ?? [];
    seen.set(path, log);
    if (!state) {
      log.push({ headers: req.headers, status: 404 });
      return void res.writeHead(404).end();
    }
    const fresh =
      (state.etag !== null && req.headers['if-none-match'] === state.etag) ||
      (state.etag === null &&
        state.lastModified !== null &&
        req.headers['if-modified-since'] === state.lastModified);
    if (fresh) {
      log.push({ headers: req.headers, status: 304 });
      return void res.writeHead(304).end();
    }
    log.push({ headers: req.headers, status: 200 });
    const body = state.churn
      ? feed([{ uid: `u${++churned}`, start: T0 + churned * HOUR, end: T0 + (churned + 1) * HOUR }])
      : state.body;
    res.writeHead(200, {
      'content-type': 'text/calendar',
      ...(state.etag !== null ? { etag: state.etag } : {}),
      ...(state.lastModified !== null ? { 'last-modified': state.lastModified } : {}),
    });
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function serve(path: string, state: Partial<FeedState> & { body: string }): string {
  feeds.set(path, { etag: null, lastModified: null, churn: false, ...state });
  seen.delete(path);
  return `${base}${path}`;
}

describe('ICS change polls of an unchanged feed', () => {
  it('a 304 to the conditional poll: nothing parsed; free/busy reads revalidate and give the same busy time', async () => {
    const url = serve('/etag.ics', { body: feed([{ uid: 'a', start: T0, end: T0 + HOUR }]), etag: '"v1"' });
    const expander = new CountingExpander();
    let now = 0;
    const downloads = new FeedDownloads({ ttlMs: 10_000, clock: () => now });
    const provider = new IcsProvider({ feeds: [{ url }], expander, downloads, allowedNetworks: LOOPBACK });

    const first = await provider.changes.listChanges({ calendarId: url, cursor: null, window });
    expect(first.changes).toHaveLength(1);
    expect(expander.parses).toBe(1);
    const before = icsFeedCounters();
    const again = await provider.changes.listChanges({ calendarId: url, cursor: first.cursor, window });
    expect(again).toEqual({ changes: [], cursor: first.cursor, full: false });
    expect(seen.get('/etag.ics')!.map((r) => r.status)).toEqual([200, 304]);
    expect(seen.get('/etag.ics')![1]!.headers['if-none-match']).toBe('"v1"');
    expect(expander.parses).toBe(1);
    expect(icsFeedCounters().pollNotModified).toBe(before.pollNotModified + 1);

    const busy = await provider.getBusy({ calendarIds: [url], range });
    expect(busy.calendars[url]).toEqual({ ok: true, busy: [{ start: T0, end: T0 + HOUR }] });
    // Within the TTL of the first poll's download: no request at all.
    now = 5_000;
    expect((await provider.getBusy({ calendarIds: [url], range })).calendars[url]).toEqual(
      busy.calendars[url],
    );
    expect(seen.get('/etag.ics')).toHaveLength(2);
    // After it: a conditional request, answered 304, the kept body reused.
    now = 20_000;
    const revalidated = await provider.getBusy({ calendarIds: [url], range });
    expect(revalidated.calendars[url]).toEqual(busy.calendars[url]);
    expect(seen.get('/etag.ics')!.map((r) => r.status)).toEqual([200, 304, 304]);
    expect(seen.get('/etag.ics')![2]!.headers['if-none-match']).toBe('"v1"');
  });

  it('no validators and the same body: no parse, no diff; a changed body is noticed', async () => {
    const path = '/plain.ics';
    const url = serve(path, { body: feed([{ uid: 'a', start: T0, end: T0 + HOUR }]) });
    const expander = new CountingExpander();
    const provider = new IcsProvider({
      feeds: [{ url }],
      allowedNetworks: LOOPBACK,
      expander,
      downloads: new FeedDownloads({ ttlMs: 0 }),
    });

    const first = await provider.changes.listChanges({ calendarId: url, cursor: null, window });
    expect(first.full).toBe(true);
    const before = icsFeedCounters();
    const same = await provider.changes.listChanges({ calendarId: url, cursor: first.cursor, window });
    expect(same).toEqual({ changes: [], cursor: first.cursor, full: false });
    expect(seen.get(path)![1]!.headers['if-none-match']).toBeUndefined();
    expect(seen.get(path)![1]!.headers['if-modified-since']).toBeUndefined();
    expect(expander.parses).toBe(1);
    expect(icsFeedCounters().pollUnchanged).toBe(before.pollUnchanged + 1);

    feeds.get(path)!.body = feed([
      { uid: 'a', start: T0 + HOUR, end: T0 + 2 * HOUR },
      { uid: 'b', start: T0, end: T0 + HOUR },
    ]);
    const changed = await provider.changes.listChanges({ calendarId: url, cursor: same.cursor, window });
    expect(expander.parses).toBe(2);
    expect(changed.full).toBe(false);
    expect(changed.changes).toEqual([
      { eventId: 'a', iCalUID: 'a', kind: 'changed', start: T0 + HOUR, end: T0 + 2 * HOUR },
      { eventId: 'b', iCalUID: 'b', kind: 'changed', start: T0, end: T0 + HOUR },
    ]);
    // And the next identical body is skipped again, from the new cursor.
    const after = await provider.changes.listChanges({ calendarId: url, cursor: changed.cursor, window });
    expect(after).toEqual({ changes: [], cursor: changed.cursor, full: false });
    expect(expander.parses).toBe(2);
  });

  it('an ETag of absurd length is neither stored nor sent back; the body hash still skips the parse', async () => {
    const path = '/long-etag.ics';
    const body = feed([{ uid: 'a', start: T0, end: T0 + HOUR }]);
    const etag = `"${'e'.repeat(16_000)}"`;
    const url = serve(path, { body, etag });
    const expander = new CountingExpander();
    const downloads = new FeedDownloads({ ttlMs: 0 });
    const provider = new IcsProvider({ feeds: [{ url }], expander, downloads, allowedNetworks: LOOPBACK });

    const first = await provider.changes.listChanges({ calendarId: url, cursor: null, window });
    expect(first.cursor.length).toBeLessThan(body.length + MAX_VALIDATOR_CHARS);
    expect(first.cursor).not.toContain('eeee');
    const again = await provider.changes.listChanges({ calendarId: url, cursor: first.cursor, window });
    expect(seen.get(path)![1]!.headers['if-none-match']).toBeUndefined();
    expect(again.changes).toEqual([]);
    expect(expander.parses).toBe(1);

    await provider.getBusy({ calendarIds: [url], range });
    await provider.getBusy({ calendarIds: [url], range });
    // The free/busy reads did not send it either (each downloaded the body again: ttl 0).
    expect(
      seen
        .get(path)!
        .slice(2)
        .map((r) => [r.status, r.headers['if-none-match']]),
    ).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
  });

  it('a feed that changes on every request: each poll notices it, the cursor does not grow', async () => {
    const path = '/churn.ics';
    const url = serve(path, { body: '', churn: true });
    const expander = new CountingExpander();
    const provider = new IcsProvider({
      feeds: [{ url }],
      allowedNetworks: LOOPBACK,
      expander,
      downloads: new FeedDownloads({ ttlMs: 0 }),
    });
    let cursor: string | null = null;
    const sizes: number[] = [];
    for (let k = 0; k < 20; k++) {
      const page = await provider.changes.listChanges({ calendarId: url, cursor, window });
      // One new event, the previous one gone.
      expect(page.changes.map((c) => c.kind)).toEqual(k === 0 ? ['changed'] : ['changed', 'deleted']);
      cursor = page.cursor;
      sizes.push(cursor.length);
    }
    expect(expander.parses).toBe(20);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(16);
  });
});

describe('ICS change polls without validators', () => {
  it('share a free/busy read of the same feed made seconds before; the content hash still skips the parse', async () => {
    const path = '/shared.ics';
    const url = serve(path, { body: feed([{ uid: 'a', start: T0, end: T0 + HOUR }]) });
    const expander = new CountingExpander();
    let now = 0;
    const downloads = new FeedDownloads({ ttlMs: 10_000, clock: () => now });
    const provider = new IcsProvider({ feeds: [{ url }], expander, downloads, allowedNetworks: LOOPBACK });
    const before = icsFeedCounters();
    await provider.getBusy({ calendarIds: [url], range });
    const first = await provider.changes.listChanges({ calendarId: url, cursor: null, window });
    expect(first.changes).toHaveLength(1);
    expect(seen.get(path)).toHaveLength(1);
    now = 60_000;
    const again = await provider.changes.listChanges({ calendarId: url, cursor: first.cursor, window });
    expect(again).toEqual({ changes: [], cursor: first.cursor, full: false });
    expect(seen.get(path)).toHaveLength(2);
    expect(expander.parses).toBe(1);
    const after = icsFeedCounters();
    expect(after.busyDownloads - before.busyDownloads).toBe(1);
    expect(after.pollShared - before.pollShared).toBe(1);
    expect(after.pollDownloads - before.pollDownloads).toBe(1);
    expect(after.pollUnchanged - before.pollUnchanged).toBe(1);
  });
});

describe('FeedDownloads', () => {
  const ok = (text: string, etag: string | null = null): FeedResponse => ({
    status: 200,
    text,
    etag,
    lastModified: null,
  });

  it('shares one request among concurrent reads and within the TTL, then asks again', async () => {
    let now = 0;
    const downloads = new FeedDownloads({ ttlMs: 1_000, clock: () => now });
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetchFeed = async () => {
      calls++;
      await gate;
      return ok(`body ${calls}`);
    };
    const text = async () => (await downloads.get('https://x/a.ics', fetchFeed)).text;
    const reads = Array.from({ length: 5 }, text);
    release();
    expect(await Promise.all(reads)).toEqual(Array(5).fill('body 1'));
    now = 999;
    expect(await text()).toBe('body 1');
    now = 1_000;
    expect(await text()).toBe('body 2');
    expect(calls).toBe(2);
    // A fresh read asks again even within the TTL.
    now = 1_001;
    expect((await downloads.get('https://x/a.ics', fetchFeed, { fresh: true })).text).toBe('body 3');
    expect(calls).toBe(3);
  });

  it("a reader's abort ends only its own wait; a failure is not kept", async () => {
    const downloads = new FeedDownloads();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const controller = new AbortController();
    const fetchFeed = async () => {
      await gate;
      return ok('body');
    };
    const aborted = downloads.get('https://x/b.ics', fetchFeed, { signal: controller.signal });
    const other = downloads.get('https://x/b.ics', fetchFeed);
    controller.abort(new Error('gave up'));
    await expect(aborted).rejects.toThrow('gave up');
    release();
    expect((await other).text).toBe('body');

    await expect(
      downloads.get('https://x/c.ics', async () => {
        throw new Error('HTTP 502');
      }),
    ).rejects.toThrow('HTTP 502');
    expect((await downloads.get('https://x/c.ics', async () => ok('recovered'))).text).toBe('recovered');
  });

  it('keeps a bounded number of bodies and characters; an oversized body is handed out, not kept', async () => {
    const downloads = new FeedDownloads({ maxEntries: 3, maxChars: 1_000 });
    for (let k = 0; k < 10; k++) await downloads.get(`https://x/${k}.ics`, async () => ok('x'.repeat(300)));
    expect(downloads.size).toBe(3);
    expect(downloads.chars).toBe(900);
    const huge = await downloads.get('https://x/huge.ics', async () => ok('y'.repeat(5_000)));
    expect(huge.text).toHaveLength(5_000);
    expect(downloads.size).toBeLessThanOrEqual(3);
    expect(downloads.chars).toBeLessThanOrEqual(1_000);
    // An absurd validator is not kept: the next request after the TTL is unconditional.
    let now = 0;
    const timed = new FeedDownloads({ ttlMs: 10, clock: () => now });
    await timed.get('https://x/e.ics', async () => ok('body', `"${'e'.repeat(MAX_VALIDATOR_CHARS + 1)}"`));
    now = 100;
    const sent: Record<string, string>[] = [];
    await timed.get('https://x/e.ics', async (conditions) => {
      sent.push(conditions);
      return ok('body');
    });
    expect(sent).toEqual([{}]);
  });
});
