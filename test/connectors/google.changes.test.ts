/**
 * Google change detection against the fake: full sync over a window with paging, incremental sync
 * with the sync token (moves, deletions, no window parameters), 410 → full resync, all-day times,
 * and push channels (events.watch → real `sync` then `exists` POSTs; channels.stop, twice).
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSource } from '../../src/app/ports/changes.ts';
import { GoogleCalendarProvider, GoogleOAuthClient } from '../../src/connectors/google/index.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import { DAY, HOUR } from '../../src/core/interval.ts';
import type { FakeClient, FakeGoogle } from '../fakes/google/server.ts';
import { startFakeGoogle } from '../fakes/google/server.ts';
import { type Receiver, startReceiver } from '../support/receiver.ts';

const NOW = Date.UTC(2030, 0, 15, 12);
const clock = () => NOW;
const BASE = Date.UTC(2030, 2, 4);
const WINDOW = { start: BASE, end: BASE + 30 * DAY };
const LIST = 'GET /calendar/v3/calendars/:calendarId/events';
const WATCH = 'POST /calendar/v3/calendars/:calendarId/events/watch';
const STOP = 'POST /calendar/v3/channels/stop';
const CAL = 'team@group.calendar.google.com';
const noWait: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => {},
  random: () => 0,
};

let fake: FakeGoogle;
let client: FakeClient;
let receiver: Receiver;

beforeAll(async () => {
  ({ fake, client } = await startFakeGoogle({ now: clock, eventsPageSize: 2 }));
  receiver = await startReceiver();
});

afterAll(async () => {
  await fake.stop();
  await receiver.close();
});

beforeEach(async () => {
  fake.channels.clear();
  await fake.settled();
  for (const id of [...fake.calendars.keys()]) fake.removeCalendar(id);
  fake.resetControls();
  receiver.received.length = 0;
  fake.addCalendar({ id: CAL, summary: 'Team', accessRole: 'owner', timeZone: 'Europe/Paris' });
});

function provider(): GoogleCalendarProvider {
  const issued = fake.issueTokens({ clientId: client.clientId });
  const oauth = new GoogleOAuthClient({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    tokenEndpoint: fake.endpoints.tokenUrl,
    clock,
    retryPolicy: noWait,
  });
  const tokenSource = oauth.tokenSource({
    tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresAt: NOW + HOUR },
  });
  return new GoogleCalendarProvider({ tokenSource, rootUrl: fake.rootUrl, clock, retryPolicy: noWait });
}

const listQueries = () => fake.requests.filter((r) => r.route === LIST).map((r) => r.query);

function seedFive(): void {
  fake.seed(CAL, [
    { id: 'ev1', title: 'Secret title one', start: BASE + HOUR, end: BASE + 2 * HOUR },
    { id: 'ev2', start: BASE + DAY, end: BASE + DAY + HOUR },
    { id: 'ev3', start: BASE + 2 * DAY, end: BASE + 2 * DAY + HOUR },
    { id: 'ev4', start: BASE + 3 * DAY, end: BASE + 3 * DAY + HOUR },
    // Outside the window: not part of a full listing.
    { id: 'far', start: BASE + 60 * DAY, end: BASE + 60 * DAY + HOUR },
  ]);
}

describe('listChanges', () => {
  it('full sync: lists the window over every page, series unexpanded, and returns the sync token as cursor', async () => {
    seedFive();
    const page = await provider().changes.listChanges({ calendarId: CAL, cursor: null, window: WINDOW });
    expect(page.full).toBe(true);
    expect(page.changes.map((c) => [c.eventId, c.kind, c.start, c.end])).toEqual([
      ['ev1', 'changed', BASE + HOUR, BASE + 2 * HOUR],
      ['ev2', 'changed', BASE + DAY, BASE + DAY + HOUR],
      ['ev3', 'changed', BASE + 2 * DAY, BASE + 2 * DAY + HOUR],
      ['ev4', 'changed', BASE + 3 * DAY, BASE + 3 * DAY + HOUR],
    ]);
    expect(page.changes[0]).toMatchObject({ iCalUID: 'ev1@google.com', etag: expect.any(String) });
    expect(page.cursor).toMatch(/^st-/);
    // Page size 2: two pages, the second by pageToken with the same window.
    const queries = listQueries();
    expect(queries).toHaveLength(2);
    for (const q of queries) {
      expect(q).toMatchObject({
        timeMin: new Date(WINDOW.start).toISOString(),
        timeMax: new Date(WINDOW.end).toISOString(),
        // A series is one event; its exceptions come on their own (see the connector).
        singleEvents: 'false',
      });
      expect(q.syncToken).toBeUndefined();
    }
    expect(queries.slice(1).every((q) => typeof q.pageToken === 'string')).toBe(true);
    expect(JSON.stringify(page)).not.toContain('Secret title');
  });

  it('incremental: only what changed since the cursor, moves with new times, deletions as deleted, no window', async () => {
    seedFive();
    const google = provider();
    const first = await google.changes.listChanges({ calendarId: CAL, cursor: null, window: WINDOW });
    fake.userUpdate(CAL, 'ev2', { start: BASE + DAY + 3 * HOUR, end: BASE + DAY + 4 * HOUR });
    fake.userDelete(CAL, 'ev3');
    fake.resetControls();

    const next = await google.changes.listChanges({ calendarId: CAL, cursor: first.cursor, window: WINDOW });
    expect(next.full).toBe(false);
    expect(next.changes).toEqual([
      expect.objectContaining({
        eventId: 'ev2',
        kind: 'changed',
        start: BASE + DAY + 3 * HOUR,
        end: BASE + DAY + 4 * HOUR,
      }),
      expect.objectContaining({ eventId: 'ev3', kind: 'deleted' }),
    ]);
    expect(next.changes[1]!.start).toBeUndefined();
    expect(next.cursor).not.toBe(first.cursor);
    // The documented restrictions: with syncToken, no timeMin/timeMax (the fake answers 400 otherwise).
    const [query] = listQueries();
    expect(query).toMatchObject({ syncToken: first.cursor });
    expect(query!.timeMin).toBeUndefined();
    expect(query!.timeMax).toBeUndefined();

    const quiet = await google.changes.listChanges({ calendarId: CAL, cursor: next.cursor, window: WINDOW });
    expect(quiet).toMatchObject({ changes: [], full: false });
  });

  it('410 fullSyncRequired on an expired token → one full listing of the window, full: true', async () => {
    seedFive();
    const google = provider();
    const first = await google.changes.listChanges({ calendarId: CAL, cursor: null, window: WINDOW });
    fake.userDelete(CAL, 'ev1');
    fake.invalidateSyncTokens();
    fake.resetControls();

    const page = await google.changes.listChanges({ calendarId: CAL, cursor: first.cursor, window: WINDOW });
    expect(page.full).toBe(true);
    // A full listing: ev1 is simply absent (the app reads absence as deletion).
    expect(page.changes.map((c) => c.eventId)).toEqual(['ev2', 'ev3', 'ev4']);
    const statuses = fake.requests.filter((r) => r.route === LIST).map((r) => [r.status, r.query.syncToken]);
    expect(statuses[0]).toEqual([410, first.cursor]);
    expect(statuses.slice(1).every(([status, token]) => status === 200 && token === undefined)).toBe(true);
    // The fresh cursor works incrementally again.
    const after = await google.changes.listChanges({ calendarId: CAL, cursor: page.cursor, window: WINDOW });
    expect(after).toMatchObject({ full: false, changes: [] });
  });

  it('an injected 410 is a resync too; other failures still throw', async () => {
    seedFive();
    const google = provider();
    const first = await google.changes.listChanges({ calendarId: CAL, cursor: null, window: WINDOW });
    fake.failNext(LIST, { status: 410, reason: 'fullSyncRequired' });
    const page = await google.changes.listChanges({ calendarId: CAL, cursor: first.cursor, window: WINDOW });
    expect(page.full).toBe(true);
    expect(page.changes).toHaveLength(4);

    // An undocumented 403 reason is `unknown` (retried, then reported), never taken for read-only (#20).
    fake.failNext(LIST, { status: 403, reason: 'forbidden' });
    await expect(
      google.changes.listChanges({ calendarId: CAL, cursor: page.cursor, window: WINDOW }),
    ).rejects.toMatchObject({ name: 'ProviderError', code: 'unknown' });
  });

  it('maps all-day events to midnight in the calendar zone', async () => {
    fake.seed(CAL, [{ id: 'offsite', start: BASE + 2 * DAY, end: BASE + 3 * DAY, allDay: true }]);
    const page = await provider().changes.listChanges({ calendarId: CAL, cursor: null, window: WINDOW });
    const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toMillis();
    expect(page.changes).toEqual([
      expect.objectContaining({ eventId: 'offsite', start: paris('2030-03-06'), end: paris('2030-03-07') }),
    ]);
  });
});

describe('listChanges of one occurrence of a series (issue #22)', () => {
  /** Every Monday 10:00 Paris, 5 times, from Mon 4 March 2030 (09:00 UTC). */
  const FIRST = BASE + 9 * HOUR;
  const occurrence = (i: number) => FIRST + i * 7 * DAY;
  const series = async (google: GoogleCalendarProvider) =>
    google.createEvent({
      idempotencyKey: 'convene-series-1',
      calendarId: CAL,
      title: 'Team sync',
      start: FIRST,
      end: FIRST + HOUR,
      timeZone: 'Europe/Paris',
      attendees: [],
      conference: false,
      recurrence: { freq: 'WEEKLY', interval: 1, byDay: ['MO'], count: 5, timeZone: 'Europe/Paris' },
    });

  it('a moved or deleted instance is reported as THAT occurrence (original start, series id), never as the series', async () => {
    const google = provider();
    const written = await series(google);
    const first = await google.changes.listChanges({ calendarId: CAL, cursor: null, window: WINDOW });
    // The series itself, once, at its first occurrence.
    expect(first.changes.map((c) => [c.eventId, c.kind, c.start, c.occurrence])).toEqual([
      [written.eventId, 'changed', FIRST, undefined],
    ]);
    fake.userUpdateInstance(CAL, written.eventId, occurrence(2), {
      start: occurrence(2) + 2 * HOUR,
      end: occurrence(2) + 3 * HOUR,
    });
    fake.userDeleteInstance(CAL, written.eventId, occurrence(3));
    const next = await google.changes.listChanges({ calendarId: CAL, cursor: first.cursor, window: WINDOW });
    expect(next.changes).toEqual([
      expect.objectContaining({
        seriesEventId: written.eventId,
        occurrence: occurrence(2),
        kind: 'changed',
        start: occurrence(2) + 2 * HOUR,
        end: occurrence(2) + 3 * HOUR,
        iCalUID: written.iCalUID,
      }),
      expect.objectContaining({ seriesEventId: written.eventId, occurrence: occurrence(3), kind: 'deleted' }),
    ]);
    expect(next.changes.every((c) => c.eventId !== written.eventId)).toBe(true);
    // A full listing (a new cursor) shows the series once, the moved instance, and the cancelled one.
    const full = await google.changes.listChanges({ calendarId: CAL, cursor: null, window: WINDOW });
    expect(full.changes.map((c) => [c.kind, c.occurrence ?? null, c.start ?? null])).toEqual([
      ['changed', null, FIRST],
      ['changed', occurrence(2), occurrence(2) + 2 * HOUR],
      ['deleted', occurrence(3), null],
    ]);
  });
});

describe('push channels', () => {
  it('events.watch sends our id, token and expiration; Google then POSTs sync (1) and exists (2)', async () => {
    fake.seed(CAL, [{ id: 'ev1', start: BASE + HOUR, end: BASE + 2 * HOUR }]);
    const google = provider();
    const address = `${receiver.url}/webhooks/google`;
    const channel = await google.changes.watch({
      calendarId: CAL,
      address,
      secret: 'channel-secret-1',
      channelId: 'chan-0001',
      ttlMs: 7 * DAY,
    });
    expect(channel).toEqual({
      channelId: 'chan-0001',
      resourceId: expect.any(String),
      expiresAt: NOW + 7 * DAY,
    });
    expect((google.changes as ChangeSource).renewWatch).toBeUndefined();
    const sent = fake.requests.find((r) => r.route === WATCH)!.body;
    expect(sent).toEqual({
      id: 'chan-0001',
      type: 'web_hook',
      address,
      token: 'channel-secret-1',
      expiration: String(NOW + 7 * DAY),
      params: { ttl: String(7 * 24 * 3600) },
    });

    await fake.settled();
    fake.userUpdate(CAL, 'ev1', { start: BASE + 5 * HOUR, end: BASE + 6 * HOUR });
    await fake.settled();
    const got = receiver.received.map((r) => ({
      path: r.url.pathname,
      body: r.body,
      id: r.headers['x-goog-channel-id'],
      token: r.headers['x-goog-channel-token'],
      resource: r.headers['x-goog-resource-id'],
      state: r.headers['x-goog-resource-state'],
      number: r.headers['x-goog-message-number'],
      expiration: r.headers['x-goog-channel-expiration'],
    }));
    const common = {
      path: '/webhooks/google',
      body: '',
      id: 'chan-0001',
      token: 'channel-secret-1',
      resource: channel.resourceId,
      expiration: new Date(NOW + 7 * DAY).toUTCString(),
    };
    expect(got).toEqual([
      { ...common, state: 'sync', number: '1' },
      { ...common, state: 'exists', number: '2' },
    ]);
  });

  it('channels.stop with id and resourceId ends deliveries; stopping again succeeds (404 is fine)', async () => {
    fake.seed(CAL, [{ id: 'ev1', start: BASE + HOUR, end: BASE + 2 * HOUR }]);
    const google = provider();
    const channel = await google.changes.watch({
      calendarId: CAL,
      address: `${receiver.url}/hook`,
      secret: 's',
      channelId: 'chan-stop',
      ttlMs: DAY,
    });
    await fake.settled();
    await google.changes.stopWatch(channel);
    expect(fake.requests.find((r) => r.route === STOP)?.body).toEqual({
      id: 'chan-stop',
      resourceId: channel.resourceId,
    });
    fake.userDelete(CAL, 'ev1');
    await fake.settled();
    expect(receiver.received.map((r) => r.headers['x-goog-resource-state'])).toEqual(['sync']);

    await expect(google.changes.stopWatch(channel)).resolves.toBeUndefined();
    expect(fake.requests.filter((r) => r.route === STOP).map((r) => r.status)).toEqual([204, 404]);
  });

  it('refuses a channel id longer than 64 characters before calling Google', async () => {
    const google = provider();
    await expect(
      google.changes.watch({
        calendarId: CAL,
        address: receiver.url,
        secret: 's',
        channelId: 'x'.repeat(65),
        ttlMs: DAY,
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(fake.count(WATCH)).toBe(0);
  });
});
