/**
 * CalDAV change detection by polling against a real Radicale: ctag first (an unchanged collection
 * costs one PROPFIND and no resource fetch), then ETags (only changed resources are fetched).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalDavProvider } from '../../src/connectors/caldav/client.ts';
import { editSeriesIcs } from '../../src/connectors/caldav/mapper.ts';
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

describe('CalDAV listChanges of one occurrence of a series (issue #22)', () => {
  const DAY = 24 * HOUR;
  /** Every Monday 10:00 Paris from Mon 4 March 2030, 6 times (the series is ONE resource). */
  const occurrence = (i: number) => T0 + i * 7 * DAY - (i >= 4 ? HOUR : 0); // DST on 31 March

  /** A participant's client rewriting the resource: RFC 5545 edits (an override, an EXDATE). */
  async function edit(url: string, change: Parameters<typeof editSeriesIcs>[1]): Promise<void> {
    const current = await fetch(url, { headers: { authorization: radicale.authorization } });
    const out = editSeriesIcs(await current.text(), change, T0);
    if (out.kind !== 'changed') throw new Error(`edit: ${out.kind}`);
    await put(url, out.text);
  }

  it('an override (RECURRENCE-ID) or a new EXDATE is THAT occurrence’s change; the series is unchanged', async () => {
    const collection = await radicale.mkcalendar('changes-series');
    const { provider } = counting();
    const written = await provider.createEvent({
      idempotencyKey: 'booking-s:person:a',
      calendarId: collection,
      title: 'Series',
      start: T0,
      end: T0 + HOUR,
      timeZone: 'Europe/Paris',
      attendees: [],
      conference: false,
      recurrence: { freq: 'WEEKLY', interval: 1, byDay: ['MO'], count: 6, timeZone: 'Europe/Paris' },
    });
    const first = await provider.changes.listChanges({ calendarId: collection, cursor: null, window });
    expect(first.changes).toEqual([
      expect.objectContaining({ eventId: written.eventId, kind: 'changed', start: T0, end: T0 + HOUR }),
    ]);
    expect(first.changes[0]!.occurrence).toBeUndefined();

    await edit(written.eventId, {
      kind: 'move',
      originalStart: occurrence(4),
      start: occurrence(4) + 2 * HOUR,
      end: occurrence(4) + 3 * HOUR,
    });
    await edit(written.eventId, { kind: 'cancel', originalStart: occurrence(2) });
    const next = await provider.changes.listChanges({ calendarId: collection, cursor: first.cursor, window });
    const ids = { eventId: written.eventId, seriesEventId: written.eventId, iCalUID: 'booking-s:person:a' };
    expect(next.changes.filter((c) => c.occurrence !== undefined)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ...ids,
          occurrence: occurrence(4),
          kind: 'changed',
          start: occurrence(4) + 2 * HOUR,
          end: occurrence(4) + 3 * HOUR,
        }),
        expect.objectContaining({ ...ids, occurrence: occurrence(2), kind: 'deleted' }),
      ]),
    );
    expect(next.changes.filter((c) => c.occurrence !== undefined)).toHaveLength(2);
    // The series itself is still listed at its own (unchanged) first occurrence, never at a moved time.
    expect(next.changes.filter((c) => c.occurrence === undefined)).toEqual([
      expect.objectContaining({ eventId: written.eventId, kind: 'changed', start: T0, end: T0 + HOUR }),
    ]);

    // Another edit elsewhere: the known exceptions are not reported again.
    await edit(written.eventId, { kind: 'cancel', originalStart: occurrence(5) });
    const again = await provider.changes.listChanges({ calendarId: collection, cursor: next.cursor, window });
    expect(again.changes.filter((c) => c.occurrence !== undefined)).toEqual([
      expect.objectContaining({ occurrence: occurrence(5), kind: 'deleted' }),
    ]);
  });
});
