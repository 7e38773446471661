import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTimesOf } from '../../src/connectors/ics/changes.ts';
import { IcsProvider } from '../../src/connectors/ics/client.ts';
import { expandIcs } from '../../src/connectors/ics/expand.ts';
import { IcsExpander, IcsExpanderBusy } from '../../src/connectors/ics/expand-pool.ts';

const DAY = 86_400_000;
const WINDOW = { start: Date.UTC(2030, 2, 4, 9, 30), end: Date.UTC(2030, 2, 4, 9, 30) + 90 * DAY };

/**
 * A pathological but valid feed: `events` open-ended daily series with exceptions and an overriding
 * instance each (the shape of the load benchmark's hostile feed); `salt` makes distinct contents.
 */
function hostileFeed(events: number, salt = ''): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//test//hostile${salt}//EN`,
    'X-WR-TIMEZONE:Europe/Paris',
  ];
  for (let k = 0; k < events; k++) {
    const minute = String((k * 7) % 60).padStart(2, '0');
    const hour = String(8 + (k % 10)).padStart(2, '0');
    lines.push(
      'BEGIN:VEVENT',
      `UID:h-${k}@test`,
      'DTSTAMP:20250101T000000Z',
      `DTSTART;TZID=Europe/Paris:20250101T${hour}${minute}00`,
      'DURATION:PT5M',
      `RRULE:FREQ=DAILY;INTERVAL=${1 + (k % 3)}`,
      `EXDATE;TZID=Europe/Paris:20250105T${hour}${minute}00`,
      'END:VEVENT',
      'BEGIN:VEVENT',
      `UID:h-${k}@test`,
      'DTSTAMP:20250101T000000Z',
      `RECURRENCE-ID;TZID=Europe/Paris:20250110T${hour}${minute}00`,
      `DTSTART;TZID=Europe/Paris:20250110T${String(8 + ((k + 1) % 10)).padStart(2, '0')}${minute}00`,
      'DURATION:PT10M',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

const SMALL = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'UID:one@test',
  'DTSTART:20300305T100000Z',
  'DTEND:20300305T110000Z',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const feeds = new Map<string, string>();
let server: Server;
let base: string;

beforeAll(async () => {
  for (let k = 0; k < 4; k++) feeds.set(`/hostile-${k}.ics`, hostileFeed(1500, String(k)));
  feeds.set('/small.ics', SMALL);
  server = createServer((req, res) => {
    const feed = feeds.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!feed) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/calendar' }).end(feed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('IcsExpander (worker thread, bounded queue, cache)', () => {
  it('keeps the event loop free while hostile feeds are read through the ICS connector', async () => {
    const expander = new IcsExpander({ size: 1, maxQueued: 8 });
    try {
      const urls = [0, 1, 2, 3].map((k) => `${base}/hostile-${k}.ics`);
      const provider = new IcsProvider({
        allowedNetworks: ['127.0.0.1/32'],
        feeds: urls.map((url) => ({ url })),
        expander,
      });
      // How busy the event loop is while four distinct hostile feeds are read at once: the share of
      // wall time it spends running code (not waiting), unaffected by other processes on the machine.
      const elu = performance.eventLoopUtilization();
      const started = performance.now();
      const reading = provider.getBusy({ calendarIds: urls, range: WINDOW });
      // Another request meanwhile: a small feed on another provider is read while the hostile ones are.
      let otherAt = 0;
      const other = new IcsProvider({
        allowedNetworks: ['127.0.0.1/32'],
        feeds: [{ url: `${base}/small.ics` }],
      })
        .getBusy({ calendarIds: [`${base}/small.ics`], range: WINDOW })
        .then((r) => {
          otherAt = performance.now();
          return r;
        });
      const [result, small] = await Promise.all([reading, other]);
      const hostileDone = performance.now();
      const busyShare = performance.eventLoopUtilization(elu).utilization;
      for (const url of urls) expect(result.calendars[url]?.ok).toBe(true);
      expect(small.calendars[`${base}/small.ics`]).toEqual({
        ok: true,
        busy: [{ start: Date.UTC(2030, 2, 5, 10), end: Date.UTC(2030, 2, 5, 11) }],
      });
      expect(expander.expansions).toBe(4);
      // The four expansions took a while, in the worker; the event loop stayed mostly idle meanwhile
      // (expanding on it, even in 10 ms slices, keeps it busy all along: utilization near 1).
      expect(hostileDone - started).toBeGreaterThan(400);
      expect(otherAt).toBeLessThan(hostileDone);
      expect(busyShare).toBeLessThan(0.5);
    } finally {
      await expander.close();
    }
  });

  it('gives the same busy time as expandIcs, clipped to the range asked', async () => {
    const expander = new IcsExpander();
    try {
      const text = hostileFeed(50);
      const pooled = await expander.expand(text, WINDOW, { defaultZone: 'UTC' });
      const direct = expandIcs(text, WINDOW, { defaultZone: 'UTC' });
      expect(direct.ok && pooled.ok).toBe(true);
      if (!direct.ok || !pooled.ok) return;
      expect(pooled.busy).toEqual(direct.busy);
      expect(pooled.busy.length).toBeGreaterThan(100);
      expect(pooled.busy[0]!.start).toBeGreaterThanOrEqual(WINDOW.start);
      expect(pooled.busy.at(-1)!.end).toBeLessThanOrEqual(WINDOW.end);
    } finally {
      await expander.close();
    }
  });

  it('expands a feed once for many reads on the same days, in flight or cached', async () => {
    const expander = new IcsExpander();
    try {
      const text = hostileFeed(200);
      // Three concurrent reads (one expansion shared), then a later one a few minutes on (cached).
      const results = await Promise.all([0, 1, 2].map(() => expander.expand(text, WINDOW)));
      const later = { start: WINDOW.start + 5 * 60_000, end: WINDOW.end + 5 * 60_000 };
      const cached = await expander.expand(text, later);
      expect(expander.expansions).toBe(1);
      expect(results[1]).toEqual(results[0]);
      const direct = expandIcs(text, later);
      expect(cached.ok && direct.ok && cached.busy).toEqual(direct.ok && direct.busy);
      // Other content is expanded on its own.
      await expander.expand(`${text}\r\n`, WINDOW);
      expect(expander.expansions).toBe(2);
    } finally {
      await expander.close();
    }
  });

  it('keeps at most cacheEntries results (least recently used goes first)', async () => {
    const expander = new IcsExpander({ cacheEntries: 1 });
    try {
      const a = hostileFeed(5, 'a');
      const b = hostileFeed(5, 'b');
      await expander.expand(a, WINDOW);
      await expander.expand(b, WINDOW);
      await expander.expand(a, WINDOW);
      expect(expander.expansions).toBe(3);
    } finally {
      await expander.close();
    }
  });

  it('refuses a feed past the queue bound, with a clear message through the connector', async () => {
    const expander = new IcsExpander({ size: 1, maxQueued: 1 });
    try {
      const running = expander.expand(feeds.get('/hostile-0.ics')!, WINDOW);
      const queued = expander.expand(feeds.get('/hostile-1.ics')!, WINDOW);
      expect(expander.queued).toBe(1);
      await expect(expander.expand(feeds.get('/hostile-2.ics')!, WINDOW)).rejects.toBeInstanceOf(
        IcsExpanderBusy,
      );
      const url = `${base}/hostile-3.ics`;
      const viaProvider = await new IcsProvider({
        allowedNetworks: ['127.0.0.1/32'],
        feeds: [{ url }],
        expander,
      }).getBusy({
        calendarIds: [url],
        range: WINDOW,
      });
      expect(viaProvider.calendars[url]).toEqual({
        ok: false,
        error: {
          code: 'provider_error',
          message: expect.stringMatching(
            /^ICS feed not read: too many calendar feeds are being read right now/,
          ),
        },
      });
      expect((await running).ok).toBe(true);
      expect((await queued).ok).toBe(true);
    } finally {
      await expander.close();
    }
  });

  it('drops a queued expansion whose reader gave up, and answers the reader with its abort reason', async () => {
    const expander = new IcsExpander({ size: 1, maxQueued: 4 });
    try {
      const running = expander.expand(feeds.get('/hostile-0.ics')!, WINDOW);
      const controller = new AbortController();
      const abandoned = expander.expand(feeds.get('/hostile-1.ics')!, WINDOW, { signal: controller.signal });
      controller.abort(new Error('read timed out'));
      await expect(abandoned).rejects.toThrow('read timed out');
      expect(expander.queued).toBe(0);
      await running;
      expect(expander.expansions).toBe(1);
    } finally {
      await expander.close();
    }
  });

  it('cuts a feed past its time budget with a warning, keeping what was expanded', async () => {
    const expander = new IcsExpander({ timeBudgetTotalMs: 1 });
    try {
      const result = await expander.expand(feeds.get('/hostile-0.ics')!, WINDOW);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.warnings.join('\n')).toMatch(/budget|skipped|time/i);
    } finally {
      await expander.close();
    }
  });

  it("lists a feed's event times for change detection in the worker, with the event loop free", async () => {
    const expander = new IcsExpander();
    try {
      const url = `${base}/hostile-0.ics`;
      const provider = new IcsProvider({ allowedNetworks: ['127.0.0.1/32'], feeds: [{ url }], expander });
      const elu = performance.eventLoopUtilization();
      const page = await provider.changes.listChanges({ calendarId: url, cursor: null, window: WINDOW });
      const busyShare = performance.eventLoopUtilization(elu).utilization;
      const direct = eventTimesOf(feeds.get('/hostile-0.ics')!, 'UTC');
      expect(page.full).toBe(true);
      expect(page.changes).toHaveLength(direct.length);
      expect(page.changes[0]).toEqual({
        eventId: direct[0]!.uid,
        iCalUID: direct[0]!.uid,
        kind: 'changed',
        start: direct[0]!.start,
        end: direct[0]!.end,
      });
      expect(expander.expansions).toBe(1);
      // eventTimesOf parses the whole feed with ical.js at once (about a second here): not on this thread.
      expect(busyShare).toBeLessThan(0.5);
    } finally {
      await expander.close();
    }
  });
});
