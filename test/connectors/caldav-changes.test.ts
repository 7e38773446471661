/**
 * CalDAV change detection by polling against a real Radicale: ctag first (an unchanged collection
 * costs one PROPFIND and no resource fetch), then ETags (only changed resources are fetched).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalDavProvider } from '../../src/connectors/caldav/client.ts';
import { type RadicaleServer, startRadicale } from '../support/radicale.ts';

let radicale: RadicaleServer;
beforeAll(async () => {
  radicale = await startRadicale();
});
afterAll(async () => {
  await radicale?.stop();
});

const T0 = Date.UTC(2030, 2, 4, 9);
const HOUR = 3_600_000;
const window = { start: T0 - 24 * HOUR, end: T0 + 400 * 24 * HOUR };

function counting() {
  const requests: string[] = [];
  const provider = new CalDavProvider({
    // Test servers listen on loopback: opt it in past the address guard.
    allowedNetworks: ['127.0.0.1/32'],
    serverUrl: radicale.url,
    credentials: { type: 'basic', username: radicale.username, password: radicale.password },
    now: () => T0,
    fetch: ((input: string | URL | Request, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    }) as typeof fetch,
  });
  return { provider, requests };
}

function ics(uid: string, start: number, end: number, status = 'CONFIRMED'): string {
  const stamp = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(T0)}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(end)}`,
    `STATUS:${status}`,
    'SUMMARY:private title',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

async function put(url: string, body: string): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { authorization: radicale.authorization, 'content-type': 'text/calendar' },
    body,
  });
  expect([201, 204]).toContain(response.status);
}

describe('CalDAV listChanges (Radicale)', () => {
  it('lists everything first (full), then nothing without a fetch when the ctag is unchanged, then only what changed', async () => {
    const collection = await radicale.mkcalendar('changes-1');
    const { provider, requests } = counting();
    const written = await provider.createEvent({
      idempotencyKey: 'booking-1:person:a',
      calendarId: collection,
      title: 'Sync',
      start: T0,
      end: T0 + HOUR,
      timeZone: 'Europe/Paris',
      attendees: [],
      conference: false,
    });
    await put(new URL('other.ics', collection).href, ics('other', T0 + 5 * HOUR, T0 + 6 * HOUR));

    const first = await provider.changes.listChanges({ calendarId: collection, cursor: null, window });
    expect(first.full).toBe(true);
    expect(first.changes).toHaveLength(2);
    expect(first.changes.find((c) => c.eventId === written.eventId)).toMatchObject({
      kind: 'changed',
      iCalUID: 'booking-1:person:a',
      start: T0,
      end: T0 + HOUR,
    });

    requests.length = 0;
    const same = await provider.changes.listChanges({ calendarId: collection, cursor: first.cursor, window });
    expect(same).toEqual({ changes: [], cursor: first.cursor, full: false });
    expect(requests).toEqual([`PROPFIND ${collection}`]);

    // The participant moves Convene's event two hours later (a client rewrites the resource).
    await put(written.eventId, ics('booking-1:person:a', T0 + 2 * HOUR, T0 + 3 * HOUR));
    requests.length = 0;
    const moved = await provider.changes.listChanges({
      calendarId: collection,
      cursor: first.cursor,
      window,
    });
    expect(moved.full).toBe(false);
    expect(moved.changes).toEqual([
      expect.objectContaining({
        eventId: written.eventId,
        iCalUID: 'booking-1:person:a',
        kind: 'changed',
        start: T0 + 2 * HOUR,
        end: T0 + 3 * HOUR,
      }),
    ]);
    // ctag, listing, one multiget of the one changed resource.
    expect(requests.map((r) => r.split(' ')[0])).toEqual(['PROPFIND', 'PROPFIND', 'REPORT']);

    const gone = await fetch(written.eventId, {
      method: 'DELETE',
      headers: { authorization: radicale.authorization },
    });
    expect(gone.status).toBeLessThan(300);
    const deleted = await provider.changes.listChanges({
      calendarId: collection,
      cursor: moved.cursor,
      window,
    });
    expect(deleted.changes).toEqual([{ eventId: written.eventId, kind: 'deleted' }]);
  });

  it('reports a cancelled event as deleted, and a corrupt cursor as a full listing', async () => {
    const collection = await radicale.mkcalendar('changes-2');
    const { provider } = counting();
    const url = new URL('x.ics', collection).href;
    await put(url, ics('x', T0, T0 + HOUR));
    const first = await provider.changes.listChanges({ calendarId: collection, cursor: 'garbage', window });
    expect(first.full).toBe(true);
    await put(url, ics('x', T0, T0 + HOUR, 'CANCELLED'));
    const next = await provider.changes.listChanges({ calendarId: collection, cursor: first.cursor, window });
    expect(next.changes).toEqual([expect.objectContaining({ eventId: url, iCalUID: 'x', kind: 'deleted' })]);
  });
});
