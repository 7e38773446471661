import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDraft } from '../../src/app/ports/provider.ts';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import { CalDavProvider, type CalDavProviderOptions } from '../../src/connectors/caldav/client.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import { type RadicaleServer, startRadicale } from '../support/radicale.ts';
import { defineProviderContract, seedEventsToIcs } from './contract.ts';

let radicale: RadicaleServer;

beforeAll(async () => {
  radicale = await startRadicale();
});

afterAll(async () => {
  await radicale?.stop();
});

const sleeps: number[] = [];
const fastRetry: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  random: () => 0.5,
};

function provider(overrides: Partial<CalDavProviderOptions> = {}): CalDavProvider {
  return new CalDavProvider({
    // Test servers listen on loopback: opt it in past the address guard.
    allowedNetworks: ['127.0.0.1/32'],
    serverUrl: radicale.url,
    credentials: { type: 'basic', username: radicale.username, password: radicale.password },
    retry: fastRetry,
    now: () => Date.UTC(2030, 0, 1),
    ...overrides,
  });
}

/** Direct access to Radicale, bypassing the connector. */
async function putRaw(collection: string, name: string, ics: string): Promise<void> {
  const response = await fetch(new URL(name, collection), {
    method: 'PUT',
    headers: { authorization: radicale.authorization, 'content-type': 'text/calendar; charset=utf-8' },
    body: ics,
  });
  if (response.status !== 201 && response.status !== 204) {
    throw new Error(`seed PUT ${name} answered ${response.status}: ${await response.text()}`);
  }
}

async function listRaw(collection: string): Promise<Array<{ id: string; start: number; end: number }>> {
  const response = await fetch(collection, {
    method: 'PROPFIND',
    headers: { authorization: radicale.authorization, depth: '1' },
    body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
  });
  const xml = await response.text();
  const hrefs = [...xml.matchAll(/<href>([^<]+\.ics)<\/href>/g)].map((m) => m[1]!);
  const stored = [];
  for (const href of hrefs) {
    const text = await (
      await fetch(new URL(href, collection), { headers: { authorization: radicale.authorization } })
    ).text();
    const event = new ICAL.Component(ICAL.parse(text) as never).getFirstSubcomponent('vevent')!;
    const time = (name: string) =>
      (event.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>).toUnixTime() * 1000;
    stored.push({
      id: String(event.getFirstPropertyValue('uid')),
      start: time('dtstart'),
      end: time('dtend'),
    });
  }
  return stored;
}

let calendarCounter = 0;
defineProviderContract('caldav (Radicale, Basic auth)', async () => {
  const collection = await radicale.mkcalendar(`contract-${++calendarCounter}`);
  return {
    provider: provider(),
    calendarId: collection,
    missingCalendarId: new URL(`${radicale.username}/no-such-calendar/`, radicale.url).href,
    seed: async (events) => {
      for (const event of events) await putRaw(collection, `${event.id}.ics`, seedEventsToIcs([event]));
    },
    listStored: () => listRaw(collection),
    capabilities: { write: true },
    teardown: async () => {
      await fetch(collection, { method: 'DELETE', headers: { authorization: radicale.authorization } });
    },
  };
});

const span = (from: string, to: string) => ({ start: Date.parse(from), end: Date.parse(to) });

describe('test Radicale support', () => {
  it('fails loudly with the install command when Radicale is missing', async () => {
    await expect(startRadicale({ binary: '/nonexistent/radicale' })).rejects.toThrow(
      'run `apt-get install -y radicale`',
    );
  });
});

describe('CalDAV on Radicale', () => {
  const spring = span('2030-03-01T00:00Z', '2030-05-01T00:00Z');
  const expectedSpring = [
    span('2030-03-11T08:00Z', '2030-03-11T09:00Z'),
    span('2030-03-13T15:00Z', '2030-03-13T16:00Z'), // RDATE
    span('2030-03-26T13:00Z', '2030-03-26T14:30Z'), // 25 March moved to Tuesday afternoon
    span('2030-04-01T07:00Z', '2030-04-01T08:00Z'), // after the switch to CEST
    span('2030-04-15T07:00Z', '2030-04-15T08:00Z'), // 18 March EXDATE'd, 8 April cancelled
  ];
  const recurring = readFileSync(
    new URL('../fixtures/ics/recurring-exceptions.ics', import.meta.url),
    'utf8',
  );

  it('reads a recurring event with EXDATE, a moved and a cancelled instance as exact busy time', async () => {
    const calendar = await radicale.mkcalendar('recurring');
    await putRaw(calendar, 'weekly-sync.ics', recurring);
    const result = await provider().getBusy({ calendarIds: [calendar], range: spring });
    expect(result.calendars[calendar]).toEqual({ ok: true, busy: expectedSpring });
    expect(JSON.stringify(result)).not.toMatch(/Weekly sync|secret project/);

    // Weekly REPORT chunks: the series is returned for several chunks and still counted once.
    const chunked = await provider({ maxRangeDays: 7 }).getBusy({ calendarIds: [calendar], range: spring });
    expect(chunked.calendars[calendar]).toEqual({ ok: true, busy: expectedSpring });

    // The moved instance is found by its new day, and its original slot is free.
    const tuesday = await provider().getBusy({
      calendarIds: [calendar],
      range: span('2030-03-25T00:00Z', '2030-03-27T00:00Z'),
    });
    expect(tuesday.calendars[calendar]).toEqual({
      ok: true,
      busy: [span('2030-03-26T13:00Z', '2030-03-26T14:30Z')],
    });
  });

  it('counts a tentative event as busy by default and as free with tentative: free (issue #15)', async () => {
    const calendar = await radicale.mkcalendar('tentative');
    const event = (uid: string, start: string, status: string | null) =>
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Convene test//EN',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20300101T000000Z',
        `DTSTART:${start}`,
        'DURATION:PT1H',
        ...(status ? [`STATUS:${status}`] : []),
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n');
    await putRaw(calendar, 'sure.ics', event('sure@convene.test', '20300311T090000Z', null));
    await putRaw(calendar, 'maybe.ics', event('maybe@convene.test', '20300311T140000Z', 'TENTATIVE'));
    const range = span('2030-03-11T00:00Z', '2030-03-12T00:00Z');
    const sure = span('2030-03-11T09:00Z', '2030-03-11T10:00Z');
    const maybe = span('2030-03-11T14:00Z', '2030-03-11T15:00Z');
    const busy = await provider().getBusy({ calendarIds: [calendar], range });
    expect(busy.calendars[calendar]).toEqual({ ok: true, busy: [sure, maybe] });
    const free = await provider().getBusy({ calendarIds: [calendar], range, tentative: 'free' });
    expect(free.calendars[calendar]).toEqual({ ok: true, busy: [sure] });
  });

  it('lists calendars by discovery from the server root', async () => {
    const calendar = await radicale.mkcalendar('Listed Calendar');
    const calendars = await provider().listCalendars();
    const listed = calendars.find((c) => c.id === calendar);
    expect(listed).toMatchObject({ id: calendar, writable: true });
    expect(calendars.filter((c) => c.primary)).toHaveLength(1);
  });

  it('maps a wrong password to reauth_required', async () => {
    const calendar = await radicale.mkcalendar('auth');
    const wrong = provider({ credentials: { type: 'basic', username: radicale.username, password: 'nope' } });
    await expect(wrong.getBusy({ calendarIds: [calendar], range: spring })).rejects.toMatchObject({
      name: 'ProviderError',
      code: 'reauth_required',
      status: 401,
    });
    await expect(wrong.listCalendars()).rejects.toMatchObject({ code: 'reauth_required' });
  });

  it('maps another user’s calendar to forbidden when reading and read_only when writing', async () => {
    const foreign = new URL('bob/private/', radicale.url).href;
    const result = await provider().getBusy({ calendarIds: [foreign], range: spring });
    expect(result.calendars[foreign]).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(provider().createEvent(draft(foreign, 'foreign-1'))).rejects.toMatchObject({
      code: 'read_only',
      status: 403,
    });
  });

  it('never sends credentials to another origin', async () => {
    const requested: string[] = [];
    const spy = (async (input: string | URL | Request, init?: RequestInit) => {
      requested.push(String(input));
      return fetch(input, init);
    }) as typeof fetch;
    const elsewhere = 'https://evil.example/alice/cal/';
    const result = await provider({ fetch: spy }).getBusy({ calendarIds: [elsewhere], range: spring });
    expect(result.calendars[elsewhere]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await expect(provider({ fetch: spy }).createEvent(draft(elsewhere, 'x'))).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(requested).toEqual([]);
  });

  it('retries a 503 with Retry-After, then gives up with unavailable', async () => {
    const calendar = await radicale.mkcalendar('flaky');
    await putRaw(calendar, 'weekly-sync.ics', recurring);
    let failures = 2;
    const flaky = (async (input: string | URL | Request, init?: RequestInit) => {
      if (failures-- > 0) return new Response('busy', { status: 503, headers: { 'retry-after': '2' } });
      return fetch(input, init);
    }) as typeof fetch;
    sleeps.length = 0;
    const result = await provider({ fetch: flaky }).getBusy({ calendarIds: [calendar], range: spring });
    expect(result.calendars[calendar]).toEqual({ ok: true, busy: expectedSpring });
    expect(sleeps).toEqual([2_000, 2_000]);

    let calls = 0;
    const down = (async () => {
      calls++;
      return new Response('down', { status: 502 });
    }) as typeof fetch;
    const failing = provider({ fetch: down }).getBusy({ calendarIds: [calendar], range: spring });
    await expect(failing).rejects.toBeInstanceOf(ProviderError);
    await expect(failing).rejects.toMatchObject({ code: 'unavailable', status: 502 });
    expect(calls).toBe(3);
  });

  it('does not duplicate an event when the response to the first PUT is lost', async () => {
    const calendar = await radicale.mkcalendar('lost-response');
    let dropped = false;
    const putStatuses: number[] = [];
    const lossy = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (init?.method === 'PUT') putStatuses.push(response.status);
      if (init?.method === 'PUT' && !dropped) {
        dropped = true; // the server stored it, the client never hears back
        throw new TypeError('fetch failed: socket hang up');
      }
      return response;
    }) as typeof fetch;
    const written = await provider({ fetch: lossy }).createEvent(draft(calendar, 'lost-1'));
    expect(dropped).toBe(true);
    // The retried PUT carried If-None-Match: * and the server refused to overwrite.
    expect(putStatuses).toEqual([201, 412]);
    expect(written.eventId).toBe(new URL('lost-1.ics', calendar).href);
    expect(written.iCalUID).toBe('lost-1');
    expect(written.etag).toEqual(expect.any(String));
    expect(await listRaw(calendar)).toEqual([
      { id: 'lost-1', start: draft(calendar, '').start, end: draft(calendar, '').end },
    ]);
  });

  it('reports a concurrent edit as conflict instead of overwriting it', async () => {
    const calendar = await radicale.mkcalendar('conflict');
    const caldav = provider();
    const written = await caldav.createEvent(draft(calendar, 'edited-1'));
    // Someone moves the event in their calendar app.
    const moved = {
      id: 'edited-1',
      title: 'Moved by a human',
      start: Date.UTC(2030, 5, 3, 15),
      end: Date.UTC(2030, 5, 3, 16),
    };
    await putRaw(calendar, 'edited-1.ics', seedEventsToIcs([moved]));
    await expect(caldav.updateEvent(written.eventId, draft(calendar, 'edited-1', 1))).rejects.toMatchObject({
      code: 'conflict',
      status: 412,
    });
    expect(await listRaw(calendar)).toEqual([{ id: 'edited-1', start: moved.start, end: moved.end }]);
    // A fresh connector (no remembered etag) updates the current version.
    const updated = await provider().updateEvent(written.eventId, draft(calendar, 'edited-1', 2));
    expect(updated.eventId).toBe(written.eventId);
    expect((await listRaw(calendar))[0]?.start).toBe(Date.UTC(2030, 5, 3, 11));
  });

  it('refreshes a rejected bearer token once, then reports reauth_required', async () => {
    const seen: string[] = [];
    const invalidated: string[] = [];
    let next = 1;
    const tokens = {
      accessToken: async () => `token-${next}`,
      invalidate: (rejected: string) => {
        invalidated.push(rejected);
        next++;
      },
    };
    const bearerOnly = (async (input: string | URL | Request, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      seen.push(auth);
      if (auth !== 'Bearer token-2') return new Response('expired', { status: 401 });
      // Radicale only speaks Basic: translate the valid bearer token into the test user's password.
      const headers = new Headers(init?.headers);
      headers.set('authorization', radicale.authorization);
      return fetch(input, { ...init, headers });
    }) as typeof fetch;
    const calendar = await radicale.mkcalendar('bearer');
    const caldav = provider({ fetch: bearerOnly, credentials: { type: 'bearer', tokens } });
    const result = await caldav.getBusy({ calendarIds: [calendar], range: spring });
    expect(result.calendars[calendar]).toEqual({ ok: true, busy: [] });
    expect(seen.slice(0, 2)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(invalidated).toEqual(['token-1']);

    next = 5; // a token the server rejects for good
    await expect(caldav.getBusy({ calendarIds: [calendar], range: spring })).rejects.toMatchObject({
      code: 'reauth_required',
    });
    expect(invalidated).toEqual(['token-1', 'token-5']);
  });
});

function draft(calendarId: string, key: string, hourShift = 0): EventDraft {
  return {
    idempotencyKey: key,
    calendarId,
    title:
      'Planning; with, escaping\\ and a very long title that needs folding when written as iCalendar text',
    start: Date.UTC(2030, 5, 3, 9 + hourShift),
    end: Date.UTC(2030, 5, 3, 10 + hourShift),
    timeZone: 'Europe/Paris',
    attendees: [{ email: 'ada@example.com' }],
    conference: false,
  };
}
