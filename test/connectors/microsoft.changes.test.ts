/**
 * Microsoft change detection against the TLS Graph fake: calendarView/delta (full sync with pages,
 * incremental via the stored deltaLink, @removed, 410 / syncStateNotFound → full resync, secondary
 * calendars, a foreign cursor never followed) and subscriptions (validation handshake, clientState,
 * lifetime cap, PATCH renewal, DELETE twice, refused when the echo is wrong or too slow).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SUBSCRIPTION_MS } from '../../src/connectors/microsoft/changes.ts';
import { MicrosoftCalendarProvider } from '../../src/connectors/microsoft/provider.ts';
import { RefreshingTokenSource } from '../../src/connectors/oauth/token-source.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import { DAY, HOUR } from '../../src/core/interval.ts';
import { FakeMicrosoft } from '../fakes/microsoft/server.ts';
import { type Receiver, startReceiver } from '../support/receiver.ts';

const NOW = Date.UTC(2030, 3, 1, 8);
const BASE = Date.UTC(2030, 4, 6);
const WINDOW = { start: BASE, end: BASE + 30 * DAY };
const DELTA = 'GET /v1.0/me/calendarview/delta';
const SUBSCRIPTIONS = 'POST /v1.0/subscriptions';
const noWait: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => {},
  random: () => 0,
};

let fake: FakeMicrosoft;
let receiver: Receiver;
let counter = 0;
let mailbox: string;

beforeAll(async () => {
  fake = await FakeMicrosoft.start({ now: () => NOW });
  receiver = await startReceiver();
});

afterAll(async () => {
  await fake?.close();
  await receiver?.close();
});

/** The webhook side of the handshake: echo the decoded token as text/plain. */
const echo = (request: { url: URL }) => {
  const token = request.url.searchParams.get('validationToken');
  return token === null
    ? { status: 202 }
    : { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: token };
};

beforeEach(async () => {
  await fake.subscriptions.settled();
  counter += 1;
  mailbox = `sync-${counter}@contoso.test`;
  fake.addMailbox(mailbox, { calendars: [{ name: 'Projects' }] });
  fake.resetObservations();
  fake.clearFailures();
  fake.subscriptions.validationTimeoutMs = 10_000;
  receiver.received.length = 0;
  receiver.respond(echo);
});

function provider(): MicrosoftCalendarProvider {
  const issued = fake.issueTokens(mailbox);
  const tokenSource = new RefreshingTokenSource({
    tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: NOW + HOUR },
    clock: () => NOW,
    refresh: async () => {
      throw new Error('not needed');
    },
  });
  return new MicrosoftCalendarProvider({
    tokenSource,
    mailbox,
    baseUrl: fake.graphBaseUrl,
    fetch: fake.fetch,
    clock: () => NOW,
    retryPolicy: noWait,
  });
}

const deltaRequests = () => fake.requestsFor(DELTA);

describe('listChanges of one occurrence of a series (issue #22)', () => {
  /** Every Tuesday 10:00 Paris, 5 times, from Tue 7 May 2030 (08:00 UTC). */
  const FIRST = BASE + DAY + 8 * HOUR;
  const occurrence = (i: number) => FIRST + i * 7 * DAY;

  it('occurrences are reported with their series and original start; a moved or deleted one as THAT occurrence', async () => {
    const graph = provider();
    const written = await graph.createEvent({
      idempotencyKey: 'convene-series-graph',
      calendarId: mailbox,
      title: 'Team sync',
      start: FIRST,
      end: FIRST + HOUR,
      timeZone: 'Europe/Paris',
      attendees: [],
      conference: false,
      recurrence: { freq: 'WEEKLY', interval: 1, byDay: ['TU'], count: 5, timeZone: 'Europe/Paris' },
    });
    const tracked = [written.eventId];
    const first = await graph.changes.listChanges({
      calendarId: mailbox,
      cursor: null,
      window: WINDOW,
      tracked,
    });
    // The calendarView: the occurrences (in the window), never the series master as one event.
    expect(first.changes.map((c) => [c.seriesEventId, c.occurrence, c.start])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [written.eventId, occurrence(i), occurrence(i)]),
    );
    fake.userUpdateOccurrence(mailbox, written.eventId, occurrence(1), {
      start: occurrence(1) + 2 * HOUR,
      end: occurrence(1) + 3 * HOUR,
    });
    fake.userDeleteOccurrence(mailbox, written.eventId, occurrence(2));
    const next = await graph.changes.listChanges({
      calendarId: mailbox,
      cursor: first.cursor,
      window: WINDOW,
      tracked,
    });
    expect(next.full).toBe(false);
    expect(next.changes).toEqual([
      expect.objectContaining({
        seriesEventId: written.eventId,
        occurrence: occurrence(1),
        kind: 'changed',
        start: occurrence(1) + 2 * HOUR,
        end: occurrence(1) + 3 * HOUR,
      }),
      // Graph names a deleted occurrence by its id alone: the cursor remembered which one it was.
      expect.objectContaining({ seriesEventId: written.eventId, occurrence: occurrence(2), kind: 'deleted' }),
    ]);
    expect(next.changes.every((c) => c.eventId !== written.eventId && c.occurrence !== undefined)).toBe(true);
    // Nothing more to say; an untracked series' occurrences are not remembered (a bare deltaLink).
    const quiet = await graph.changes.listChanges({
      calendarId: mailbox,
      cursor: next.cursor,
      window: WINDOW,
    });
    expect(quiet.changes).toEqual([]);
    expect(quiet.cursor.startsWith(fake.origin)).toBe(true);
  });
});

describe('listChanges (calendarView/delta)', () => {
  it('full sync: every nextLink page up to the deltaLink (the cursor), UTC times, no subjects', async () => {
    const seeded = fake.seed(
      mailbox,
      Array.from({ length: 55 }, (_, i) => ({
        title: `Private subject ${i}`,
        start: BASE + i * HOUR,
        end: BASE + i * HOUR + HOUR / 2,
      })),
    );
    fake.seed(mailbox, [{ title: 'Outside', start: BASE + 60 * DAY, end: BASE + 60 * DAY + HOUR }]);
    const page = await provider().changes.listChanges({ calendarId: mailbox, cursor: null, window: WINDOW });
    expect(page.full).toBe(true);
    expect(page.changes).toHaveLength(55);
    expect(page.changes[7]).toEqual({
      eventId: seeded[7]!.id,
      iCalUID: seeded[7]!.iCalUId,
      etag: expect.any(String),
      kind: 'changed',
      start: BASE + 7 * HOUR,
      end: BASE + 7 * HOUR + HOUR / 2,
    });
    expect(page.cursor.startsWith(`${fake.origin}/v1.0/me/calendarView/delta?$deltatoken=`)).toBe(true);
    const requests = deltaRequests();
    expect(requests).toHaveLength(2);
    expect(requests[0]!.query).toContain('startDateTime=2030-05-06T00%3A00%3A00.000Z');
    expect(requests[1]!.query).toContain('$skiptoken=');
    expect(String(requests[0]!.headers.prefer)).toContain('odata.maxpagesize=50');
    expect(String(requests[0]!.headers.prefer)).toContain('outlook.timezone="UTC"');
    expect(JSON.stringify(page)).not.toContain('Private subject');
  });

  it('incremental: follows the stored deltaLink; moves, deletions (@removed) and creations', async () => {
    const [a, b] = fake.seed(mailbox, [
      { title: 'A', start: BASE + HOUR, end: BASE + 2 * HOUR },
      { title: 'B', start: BASE + DAY, end: BASE + DAY + HOUR },
    ]);
    const graph = provider();
    const first = await graph.changes.listChanges({ calendarId: mailbox, cursor: null, window: WINDOW });
    fake.userUpdate(mailbox, a!.id, { start: BASE + 3 * HOUR, end: BASE + 4 * HOUR });
    fake.userDelete(mailbox, b!.id);
    fake.resetObservations();

    const next = await graph.changes.listChanges({
      calendarId: mailbox,
      cursor: first.cursor,
      window: WINDOW,
    });
    expect(next.full).toBe(false);
    expect(next.changes).toEqual([
      expect.objectContaining({
        eventId: a!.id,
        kind: 'changed',
        start: BASE + 3 * HOUR,
        end: BASE + 4 * HOUR,
      }),
      expect.objectContaining({ eventId: b!.id, kind: 'deleted' }),
    ]);
    expect(deltaRequests().map((r) => r.query)).toEqual([expect.stringContaining('$deltatoken=')]);
    const quiet = await graph.changes.listChanges({
      calendarId: mailbox,
      cursor: next.cursor,
      window: WINDOW,
    });
    expect(quiet).toMatchObject({ full: false, changes: [] });
  });

  it('410 Gone (Location) → one full listing of the window, full: true', async () => {
    const [a] = fake.seed(mailbox, [
      { title: 'A', start: BASE + HOUR, end: BASE + 2 * HOUR },
      { title: 'B', start: BASE + DAY, end: BASE + DAY + HOUR },
    ]);
    const graph = provider();
    const first = await graph.changes.listChanges({ calendarId: mailbox, cursor: null, window: WINDOW });
    fake.userDelete(mailbox, a!.id);
    fake.invalidateDeltaTokens();
    fake.resetObservations();
    const page = await graph.changes.listChanges({
      calendarId: mailbox,
      cursor: first.cursor,
      window: WINDOW,
    });
    expect(page.full).toBe(true);
    expect(page.changes.map((c) => c.kind)).toEqual(['changed']);
    expect(deltaRequests().map((r) => r.status)).toEqual([410, 200]);
    expect(deltaRequests()[1]!.query).toContain('startDateTime=');
  });

  it('a 4xx syncStateNotFound is a resync too; other 4xx still throw', async () => {
    fake.seed(mailbox, [{ title: 'A', start: BASE + HOUR, end: BASE + 2 * HOUR }]);
    const graph = provider();
    const first = await graph.changes.listChanges({ calendarId: mailbox, cursor: null, window: WINDOW });
    fake.failNext(DELTA, { status: 400, code: 'syncStateNotFound', message: 'The sync state is not found.' });
    const page = await graph.changes.listChanges({
      calendarId: mailbox,
      cursor: first.cursor,
      window: WINDOW,
    });
    expect(page).toMatchObject({ full: true, changes: [expect.objectContaining({ kind: 'changed' })] });

    fake.failNext(DELTA, { status: 400, code: 'BadRequest' });
    await expect(
      graph.changes.listChanges({ calendarId: mailbox, cursor: page.cursor, window: WINDOW }),
    ).rejects.toMatchObject({ name: 'ProviderError', code: 'invalid_request' });
  });

  it('a secondary calendar uses its own delta; a cursor on another origin is never followed', async () => {
    const projects = fake.mailbox(mailbox).calendars.find((c) => !c.isDefaultCalendar)!;
    const [own] = fake.seed(mailbox, [
      { title: 'P', start: BASE + HOUR, end: BASE + 2 * HOUR, calendarId: projects.id },
    ]);
    fake.seed(mailbox, [{ title: 'Default', start: BASE + HOUR, end: BASE + 2 * HOUR }]);
    const graph = provider();
    const page = await graph.changes.listChanges({
      calendarId: projects.id,
      cursor: 'https://attacker.example/v1.0/me/calendarView/delta?$deltatoken=x',
      window: WINDOW,
    });
    expect(page).toMatchObject({ full: true, changes: [expect.objectContaining({ eventId: own!.id })] });
    expect(page.changes).toHaveLength(1);
    expect(fake.requests.map((r) => r.path)).toEqual([
      `/v1.0/me/calendars/${encodeURIComponent(projects.id)}/calendarView/delta`,
    ]);
  });
});

describe('subscriptions', () => {
  it('creates after the handshake (both URLs), caps the lifetime, and Graph then notifies changes', async () => {
    const [event] = fake.seed(mailbox, [{ title: 'A', start: BASE + HOUR, end: BASE + 2 * HOUR }]);
    const graph = provider();
    const channel = await graph.changes.watch({
      calendarId: mailbox,
      address: `${receiver.url}/webhooks/microsoft`,
      lifecycleAddress: `${receiver.url}/webhooks/microsoft/lifecycle`,
      secret: 's'.repeat(128),
      channelId: 'ignored-by-graph',
      ttlMs: 30 * DAY,
    });
    expect(channel).toEqual({ channelId: expect.any(String), expiresAt: NOW + MAX_SUBSCRIPTION_MS });
    expect(fake.subscriptions.byId.has(channel.channelId)).toBe(true);
    expect(fake.requestsFor(SUBSCRIPTIONS)[0]!.body).toEqual({
      changeType: 'created,updated,deleted',
      notificationUrl: `${receiver.url}/webhooks/microsoft`,
      lifecycleNotificationUrl: `${receiver.url}/webhooks/microsoft/lifecycle`,
      resource: 'me/events',
      expirationDateTime: new Date(NOW + MAX_SUBSCRIPTION_MS).toISOString(),
      clientState: 's'.repeat(128),
    });
    expect(receiver.received.map((r) => [r.url.pathname, r.url.searchParams.has('validationToken')])).toEqual(
      [
        ['/webhooks/microsoft', true],
        ['/webhooks/microsoft/lifecycle', true],
      ],
    );

    receiver.received.length = 0;
    fake.userUpdate(mailbox, event!.id, { start: BASE + 5 * HOUR, end: BASE + 6 * HOUR });
    await fake.subscriptions.settled();
    expect(receiver.received).toHaveLength(1);
    const note = JSON.parse(receiver.received[0]!.body) as { value: Array<Record<string, unknown>> };
    expect(note.value[0]).toMatchObject({
      subscriptionId: channel.channelId,
      changeType: 'updated',
      clientState: 's'.repeat(128),
      resourceData: { id: event!.id },
    });
  });

  it('is refused when the endpoint echoes a wrong token, or answers too late', async () => {
    const graph = provider();
    const request = {
      calendarId: mailbox,
      address: `${receiver.url}/webhooks/microsoft`,
      secret: 'secret',
      channelId: 'x',
      ttlMs: DAY,
    };
    receiver.respond(() => ({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: 'not-the-token',
    }));
    await expect(graph.changes.watch(request)).rejects.toMatchObject({
      code: 'invalid_request',
      status: 400,
    });
    // The fake's 10 s limit, shortened here; the endpoint never answers at all.
    fake.subscriptions.validationTimeoutMs = 50;
    receiver.respond(() => new Promise(() => {}));
    await expect(graph.changes.watch(request)).rejects.toMatchObject({
      code: 'invalid_request',
      status: 400,
    });
    expect([...fake.subscriptions.byId.values()].filter((s) => s.mailbox === mailbox)).toEqual([]);
  });

  it('refuses a clientState over 128 characters without calling Graph', async () => {
    await expect(
      provider().changes.watch({
        calendarId: mailbox,
        address: receiver.url,
        secret: 'x'.repeat(129),
        channelId: 'c',
        ttlMs: DAY,
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(fake.count(SUBSCRIPTIONS)).toBe(0);
  });

  it('renews with PATCH (capped), deletes with DELETE, and a second delete succeeds', async () => {
    const graph = provider();
    const projects = fake.mailbox(mailbox).calendars.find((c) => !c.isDefaultCalendar)!;
    const channel = await graph.changes.watch({
      calendarId: projects.id,
      address: `${receiver.url}/webhooks/microsoft`,
      secret: 'secret',
      channelId: 'x',
      ttlMs: DAY,
    });
    expect(fake.subscriptions.byId.get(channel.channelId)?.resource).toBe(
      `me/calendars/${encodeURIComponent(projects.id)}/events`,
    );
    expect(channel.expiresAt).toBe(NOW + DAY);
    const renewed = await graph.changes.renewWatch(channel, 3 * DAY);
    expect(renewed).toEqual({ channelId: channel.channelId, expiresAt: NOW + 3 * DAY });
    expect(fake.requestsFor(`PATCH /v1.0/subscriptions/${channel.channelId}`)[0]!.body).toEqual({
      expirationDateTime: new Date(NOW + 3 * DAY).toISOString(),
    });
    expect(fake.subscriptions.byId.get(channel.channelId)?.expiration).toBe(NOW + 3 * DAY);

    await graph.changes.stopWatch(renewed);
    await expect(graph.changes.stopWatch(renewed)).resolves.toBeUndefined();
    expect(fake.requestsFor(`DELETE /v1.0/subscriptions/${channel.channelId}`).map((r) => r.status)).toEqual([
      204, 404,
    ]);
    // Renewing a subscription Graph no longer has: not_found (the app then subscribes again).
    await expect(graph.changes.renewWatch(renewed, DAY)).rejects.toMatchObject({ code: 'not_found' });
  });
});
