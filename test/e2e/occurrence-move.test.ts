/**
 * Move ONE occurrence of a series from chat, end to end on the three writable providers (issue #22):
 * the Google fake, the Microsoft Graph fake and a real Radicale (CalDAV), each through the real
 * connectors, CalendarAccess and the outbox worker; Slack's side is the fake Web API sending signed
 * requests; the store on PGlite.
 *
 * For each provider two people with calendars there: Olga asks `/meet @ana 30m every tuesday "…"`, Ana
 * books the first time (one recurring event in each calendar); then Ana's `/meet reschedule` has
 * "Move Tue 22 Jan only", whose private list offers new times for that Tuesday first, and a click moves
 * it. Each participant's calendar then holds ONE recurring event with that occurrence overridden (Google
 * instance exception, Graph exception occurrence, CalDAV RECURRENCE-ID override in the same resource),
 * not a new single event: the old time is free, the new time busy, the next Tuesday untouched.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutboxOnce } from '../../src/app/outbox.ts';
import type { Notifier } from '../../src/app/ports/calendars.ts';
import type { Workspace } from '../../src/app/ports/store.ts';
import { CalendarAccess } from '../../src/connectors/access/calendar-access.ts';
import { createProviderFactory } from '../../src/connectors/access/providers.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import { HOUR } from '../../src/core/interval.ts';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../src/store/index.ts';
import { buttons, type Harness, startHarness, until } from '../bot/slack/harness.ts';
import { type FakeGoogle, startFakeGoogle } from '../fakes/google/server.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeMicrosoft } from '../fakes/microsoft/server.ts';
import { type RadicaleServer, startRadicale } from '../support/radicale.ts';

// Wednesday 16 January 2030, 10:00 UTC: "every tuesday" starts on Tuesday 22 January.
const START = Date.UTC(2030, 0, 16, 10);
const clock = () => START;
const WEEK = 7 * 24 * HOUR;
const retryPolicy: RetryPolicy = {
  attempts: 2,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => undefined,
  random: () => 0,
};

type Provider = 'google' | 'microsoft' | 'caldav';
const PROVIDERS: readonly Provider[] = ['google', 'microsoft', 'caldav'];

let store: Store;
let google: FakeGoogle;
let googleClientId: string;
let microsoft: FakeMicrosoft;
let radicale: RadicaleServer;
let h: Harness;
let workspace: Workspace;
let calendars: CalendarAccess;
const notifier: Notifier = { dm: async () => ({ ok: true }) };
/** Per provider: the two people (Slack user ids, person ids) and each one's calendar id. */
const people = new Map<Provider, { user: string; personId: string; calendarId: string }[]>();

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('e2e'),
    log: () => undefined,
  });
  const started = await startFakeGoogle({ now: clock });
  google = started.fake;
  googleClientId = started.client.clientId;
  microsoft = await FakeMicrosoft.start({ now: clock });
  radicale = await startRadicale();
  const providers = createProviderFactory({
    clock,
    google: {
      clientId: started.client.clientId,
      clientSecret: started.client.clientSecret,
      tokenEndpoint: google.endpoints.tokenUrl,
      revokeEndpoint: google.endpoints.revokeUrl,
      rootUrl: google.rootUrl,
      retryPolicy,
    },
    microsoft: {
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      authorityHost: microsoft.authorityHost,
      graphBaseUrl: microsoft.graphBaseUrl,
      fetch: microsoft.fetch,
      retryPolicy,
    },
    // Radicale listens on loopback, which the connector's address guard refuses unless allowed.
    caldav: { retry: retryPolicy, allowedNetworks: ['127.0.0.1/32'] },
  });
  calendars = new CalendarAccess({ connections: store.connections, providers, notifier, clock });
  h = await startHarness({ store, deps: { busy: calendars, writer: calendars, notifier, clock } });
  const team = h.fake.addTeam({ id: 'TOCC', name: 'Acme' });
  workspace = await store.workspaces.install({
    platform: 'slack',
    externalId: 'TOCC',
    name: 'Acme',
    botToken: team.botToken,
  });
  const tenantId = workspace.tenantId;
  for (const provider of PROVIDERS) {
    const pair = [];
    for (const [name, tz] of [
      ['olga', 'Europe/London'],
      ['ana', 'Europe/Paris'],
    ] as const) {
      const user = `U${name.toUpperCase()}${provider.slice(0, 1).toUpperCase()}`;
      h.fake.addUser('TOCC', {
        id: user,
        name: `${name}-${provider}`,
        real_name: `${name} (${provider})`,
        tz,
      });
      const person = (await store.people.upsertByIdentity({
        workspaceId: workspace.id,
        externalUserId: user,
        displayName: `${name} (${provider})`,
      }))!;
      await store.preferences.set(tenantId, person.id, {
        timeZone: tz,
        locale: 'en-GB',
        workingHours: { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], overrides: [] },
      });
      let calendarId: string;
      if (provider === 'google') {
        calendarId = `${name}@acme.test`;
        google.addCalendar({ id: calendarId, primary: false });
        const g = google.issueTokens({ clientId: googleClientId });
        await store.connections.save({
          tenantId,
          personId: person.id,
          provider: 'google',
          account: calendarId,
          busyCalendarIds: [calendarId],
          writeCalendarId: calendarId,
          secrets: {
            accessToken: g.access_token,
            refreshToken: g.refresh_token,
            expiresAt: START + HOUR,
            scope: g.scope,
          },
        });
      } else if (provider === 'microsoft') {
        calendarId = `${name}@contoso.test`;
        microsoft.addMailbox(calendarId);
        const m = microsoft.issueTokens(calendarId);
        await store.connections.save({
          tenantId,
          personId: person.id,
          provider: 'microsoft',
          account: calendarId,
          busyCalendarIds: [calendarId],
          writeCalendarId: calendarId,
          secrets: { accessToken: m.accessToken, refreshToken: m.refreshToken, expiresAt: START + HOUR },
        });
      } else {
        calendarId = await radicale.mkcalendar(`occmove-${name}`);
        await store.connections.save({
          tenantId,
          personId: person.id,
          provider: 'caldav',
          account: radicale.url,
          busyCalendarIds: [calendarId],
          writeCalendarId: calendarId,
          secrets: { username: radicale.username, password: radicale.password },
        });
      }
      pair.push({ user, personId: person.id, calendarId });
    }
    people.set(provider, pair);
  }
}, 90_000);

afterAll(async () => {
  await h?.close();
  await google?.stop();
  await microsoft?.close();
  await radicale?.stop();
  await store?.close();
});

async function drainOutbox() {
  for (let i = 0; i < 6; i++) {
    const run = await runOutboxOnce(
      { store, writer: calendars, notifier, log: () => undefined },
      { worker: 'test', now: START + 2 * HOUR },
    );
    if (run.claimed === 0) return;
  }
}

/** The CalDAV collection's resources (one per stored event, a series with its overrides in one). */
async function caldavResources(collection: string): Promise<string[]> {
  const auth = { authorization: radicale.authorization };
  const listing = await fetch(collection, {
    method: 'PROPFIND',
    headers: { ...auth, depth: '1' },
    body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
  });
  const hrefs = [...(await listing.text()).matchAll(/<href>([^<]+\.ics)<\/href>/g)].map((m) => m[1]!);
  return Promise.all(
    hrefs.map(async (href) => (await fetch(new URL(href, collection), { headers: auth })).text()),
  );
}

/**
 * One participant's calendar as stored by the provider: how many events of its own, whether the one is
 * a series, and the overrides of its occurrences (original start → new start).
 */
async function storedSeries(
  provider: Provider,
  calendarId: string,
): Promise<{ events: number; recurring: boolean; overrides: Array<[number, number]> }> {
  if (provider === 'google') {
    const stored = google.stored(calendarId);
    const own = stored.filter((e) => !e.recurringEventId);
    return {
      events: own.length,
      recurring: own.every((e) => (e.recurrence ?? []).length > 0),
      overrides: stored
        .filter((e) => e.recurringEventId === own[0]?.id && e.originalStart !== undefined)
        .map((e) => [e.originalStart!, e.start]),
    };
  }
  if (provider === 'microsoft') {
    const stored = microsoft.storedEvents(calendarId);
    return {
      events: stored.length,
      recurring: stored.every((e) => Boolean(e.recurrence)),
      overrides: [...(stored[0]?.exceptions ?? new Map()).entries()]
        .filter(([, x]) => !x.cancelled)
        .map(([original, x]) => [original, x.start]),
    };
  }
  const resources = await caldavResources(calendarId);
  const events = resources.map((text) =>
    new ICAL.Component(ICAL.parse(text) as never).getAllSubcomponents('vevent'),
  );
  const time = (e: InstanceType<typeof ICAL.Component>, name: string) =>
    (e.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>).toUnixTime() * 1000;
  return {
    events: resources.length,
    recurring: events.every((vevents) => vevents.some((e) => e.hasProperty('rrule'))),
    overrides: (events[0] ?? [])
      .filter((e) => e.hasProperty('recurrence-id'))
      .map((e) => [time(e, 'recurrence-id'), time(e, 'dtstart')]),
  };
}

/**
 * Olga asks for a weekly series with Ana, Ana books it, then moves Tuesday 22 January only from her
 * `/meet reschedule`; both calendars on `provider` are checked as stored and as free/busy.
 */
async function bookThenMoveOne(provider: Provider): Promise<void> {
  const [olga, ana] = people.get(provider)!;
  const channelId = `COCC${provider.toUpperCase()}`;
  await h.fake.command({
    teamId: 'TOCC',
    userId: olga!.user,
    channelId,
    text: `<@${ana!.user}|ana> 30m every tuesday "Weekly ${provider}"`,
  });
  const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals', 20_000);
  const book = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
  await h.fake.click({
    teamId: 'TOCC',
    userId: ana!.user,
    actionId: book.actionId,
    value: book.value,
    channelId,
    messageTs: message.ts,
  });
  await until(() => message.updates === 1, 'the confirmation', 20_000);
  const bookingId = buttons(message.blocks)
    .find((b) => b.actionId.startsWith('mcancel:'))!
    .actionId.split(':')[1]!;
  await drainOutbox();
  const booking = (await store.bookings.get(workspace.tenantId, bookingId))!;
  const first = booking.start;
  expect(new Date(first).toISOString().slice(0, 10)).toBe('2030-01-22');
  for (const p of [olga!, ana!])
    expect(await storedSeries(provider, p.calendarId)).toEqual({
      events: 1,
      recurring: true,
      overrides: [],
    });

  // Ana's /meet reschedule: the series has "Move Tue 22 Jan only".
  const sent = await h.fake.command({ teamId: 'TOCC', userId: ana!.user, channelId, text: 'reschedule' });
  const list = await until(() => h.fake.responsesTo(sent.responseId)[0], 'the list');
  const move = buttons(list.body.blocks as unknown[]).find((b) =>
    b.actionId.startsWith(`omove:${bookingId}:`),
  )!;
  expect(move).toMatchObject({ actionId: `omove:${bookingId}:${first}`, text: 'Move Tue 22 Jan only' });
  const asked = await h.fake.click({
    teamId: 'TOCC',
    userId: ana!.user,
    actionId: move.actionId,
    value: move.value,
    channelId,
    isEphemeral: true,
  });
  const times = await until(() => h.fake.responsesTo(asked.responseId)[0], 'the new times', 20_000);
  expect(times.body.response_type).toBe('ephemeral');
  const picks = buttons(times.body.blocks as unknown[]).filter((b) => b.actionId.startsWith('oto:'));
  expect(picks.length).toBeGreaterThan(0);
  const newStart = Number(picks[0]!.actionId.split(':')[3]);
  expect(picks[0]!.actionId).toBe(`oto:${bookingId}:${first}:${newStart}`);
  // Tuesday 22 January first (the same day), not the occurrence's own time.
  expect(new Date(newStart).toISOString().slice(0, 10)).toBe('2030-01-22');
  expect(newStart).not.toBe(first);

  // A forged pick (a start that is not one of the series' occurrences) is refused and changes nothing.
  const forged = await h.fake.click({
    teamId: 'TOCC',
    userId: ana!.user,
    actionId: `oto:${bookingId}:${first + 60_000}:${newStart}`,
    value: picks[0]!.value,
    channelId,
    isEphemeral: true,
  });
  const refused = await until(() => h.fake.responsesTo(forged.responseId)[0], 'the refusal', 20_000);
  expect(String(refused.body.text)).toBe('The series has no meeting at that time: pick one of its dates.');
  expect(await store.jobs.listByDedupePrefix(`calendar.series:${bookingId}:`)).toEqual([]);

  const picked = await h.fake.click({
    teamId: 'TOCC',
    userId: ana!.user,
    actionId: picks[0]!.actionId,
    value: picks[0]!.value,
    channelId,
    isEphemeral: true,
  });
  const answer = await until(() => h.fake.responsesTo(picked.responseId)[0], 'the answer', 20_000);
  expect(String(answer.body.text)).toMatch(/^Moved: “Weekly \w+” of Tue 22 Jan.* \(this meeting only\)\.$/);
  expect(answer.body.replace_original).toBe(true);
  await drainOutbox();

  // Each calendar: still ONE recurring event, the 22 January occurrence overridden to the new time.
  for (const p of [olga!, ana!])
    expect(await storedSeries(provider, p.calendarId)).toEqual({
      events: 1,
      recurring: true,
      overrides: [[first, newStart]],
    });
  // Read back as free/busy: the old time free, the new time busy, the next Tuesday untouched.
  const read = await calendars.busyFor(
    workspace.tenantId,
    [olga!.personId, ana!.personId],
    { start: first - 12 * HOUR, end: first + WEEK + HOUR },
    { fresh: true },
  );
  const at = (t: number) =>
    read.people.map((p) => (p.busy.some((b) => b.start <= t && b.end > t) ? 'busy' : 'free'));
  expect(read.people.every((p) => p.complete)).toBe(true);
  expect([at(first), at(newStart), at(first + WEEK)]).toEqual([
    ['free', 'free'],
    ['busy', 'busy'],
    ['busy', 'busy'],
  ]);
  // The booking itself is unchanged: the series keeps its rule and first start.
  expect((await store.bookings.get(workspace.tenantId, bookingId))?.start).toBe(first);
}

describe('move one occurrence of a series from chat (Slack), on each provider', () => {
  it('Google fake: a series booked from /meet, Tuesday 22 January moved from /meet reschedule, is one recurring event per calendar with that occurrence overridden', async () => {
    await bookThenMoveOne('google');
  }, 90_000);

  it('Graph fake: a series booked from /meet, Tuesday 22 January moved from /meet reschedule, is one recurring event per calendar with that occurrence overridden', async () => {
    await bookThenMoveOne('microsoft');
  }, 90_000);

  it('Radicale: a series booked from /meet, Tuesday 22 January moved from /meet reschedule, is one recurring event per calendar with that occurrence overridden', async () => {
    await bookThenMoveOne('caldav');
  }, 90_000);
});
