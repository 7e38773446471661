/**
 * ICS change detection over a loopback HTTP feed: ETag / If-None-Match (304 → no changes, nothing
 * parsed), Last-Modified / If-Modified-Since when the feed has no ETag, per-UID fingerprints.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IcsProvider } from '../../src/connectors/ics/client.ts';

const T0 = Date.UTC(2030, 2, 4, 9);
const HOUR = 3_600_000;
const window = { start: T0 - 24 * HOUR, end: T0 + 400 * 24 * HOUR };
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function feed(events: { uid: string; start: number; end: number; status?: string }[]): string {
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
      ...(e.status ? [`STATUS:${e.status}`] : []),
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

let server: Server;
let base: string;
const state = { body: '', etag: '"v1"' as string | null, lastModified: null as string | null };
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    if (state.etag && req.headers['if-none-match'] === state.etag) return void res.writeHead(304).end();
    if (!state.etag && state.lastModified && req.headers['if-modified-since'] === state.lastModified)
      return void res.writeHead(304).end();
    res.writeHead(200, {
      'content-type': 'text/calendar',
      ...(state.etag ? { etag: state.etag } : {}),
      ...(state.lastModified ? { 'last-modified': state.lastModified } : {}),
    });
    res.end(state.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('ICS listChanges (loopback feed)', () => {
  it('ETag: 304 means no changes; a changed body yields only what changed, removals as deletions', async () => {
    const url = `${base}/secret/feed.ics`;
    const provider = new IcsProvider({ allowedNetworks: ['127.0.0.1/32'], feeds: [{ url }], now: () => T0 });
    state.etag = '"v1"';
    state.lastModified = null;
    state.body = feed([
      { uid: 'a', start: T0, end: T0 + HOUR },
      { uid: 'b', start: T0 + 2 * HOUR, end: T0 + 3 * HOUR },
    ]);
    seen.length = 0;
    const first = await provider.changes.listChanges({ calendarId: url, cursor: null, window });
    expect(first.full).toBe(true);
    expect(first.changes).toEqual([
      { eventId: 'a', iCalUID: 'a', kind: 'changed', start: T0, end: T0 + HOUR },
      { eventId: 'b', iCalUID: 'b', kind: 'changed', start: T0 + 2 * HOUR, end: T0 + 3 * HOUR },
    ]);
    expect(seen[0]!['if-none-match']).toBeUndefined();

    const same = await provider.changes.listChanges({ calendarId: url, cursor: first.cursor, window });
    expect(same).toEqual({ changes: [], cursor: first.cursor, full: false });
    expect(seen[1]!['if-none-match']).toBe('"v1"');

    state.etag = '"v2"';
    state.body = feed([
      { uid: 'a', start: T0 + HOUR, end: T0 + 2 * HOUR },
      { uid: 'c', start: T0 + 5 * HOUR, end: T0 + 6 * HOUR, status: 'CANCELLED' },
    ]);
    const next = await provider.changes.listChanges({ calendarId: url, cursor: same.cursor, window });
    expect(next.full).toBe(false);
    expect(next.changes).toEqual([
      { eventId: 'a', iCalUID: 'a', kind: 'changed', start: T0 + HOUR, end: T0 + 2 * HOUR },
      { eventId: 'c', iCalUID: 'c', kind: 'deleted' },
      { eventId: 'b', iCalUID: 'b', kind: 'deleted' },
    ]);
  });

  it('Last-Modified when the feed has no ETag; unknown feeds are refused', async () => {
    const url = `${base}/other.ics`;
    const provider = new IcsProvider({ allowedNetworks: ['127.0.0.1/32'], feeds: [{ url }], now: () => T0 });
    state.etag = null;
    state.lastModified = 'Mon, 04 Mar 2030 09:00:00 GMT';
    state.body = feed([{ uid: 'x', start: T0, end: T0 + HOUR }]);
    seen.length = 0;
    const first = await provider.changes.listChanges({ calendarId: url, cursor: null, window });
    const again = await provider.changes.listChanges({ calendarId: url, cursor: first.cursor, window });
    expect(seen[1]!['if-modified-since']).toBe('Mon, 04 Mar 2030 09:00:00 GMT');
    expect(again.changes).toEqual([]);
    await expect(
      provider.changes.listChanges({ calendarId: `${base}/not-configured.ics`, cursor: null, window }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
