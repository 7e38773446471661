/**
 * Move THIS AND FOLLOWING occurrences of a series from chat, end to end on the three writable providers
 * (issue #22): the Google fake, the Microsoft Graph fake and a real Radicale (CalDAV), each through the
 * real connectors, CalendarAccess and the outbox worker; Slack's side is the fake Web API sending signed
 * requests; the store on PGlite.
 *
 * For each provider two people with calendars there: Olga asks `/meet @ana 30m every tuesday "…"`, Ana
 * books the first time (one recurring event in each calendar). After the first meeting (Tue 22 Jan), Ana's
 * `/meet reschedule` has "Move Tue 29 Jan and following", whose private list offers new times (each saying
 * how many of the following meetings are free); she picks one on Wednesday 30 January. The series is
 * split as the providers split it: each calendar then holds the old recurring event ending before 29
 * January and ONE new recurring event from 30 January at the new time — the old times from 29 January
 * free, the new ones busy, 22 January untouched.
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
import { blockText, buttons, type Harness, startHarness, until } from '../bot/slack/harness.ts';
import { type FakeGoogle, startFakeGoogle } from '../fakes/google/server.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeMicrosoft } from '../fakes/microsoft/server.ts';
import { type RadicaleServer, startRadicale } from '../support/radicale.ts';

// Wednesday 16 January 2030, 10:00 UTC: "every tuesday" starts on Tuesday 22 January. The clock moves
// to Tuesday 22 January, 15:00 UTC (after the first meeting) before the split.
const START = Date.UTC(2030, 0, 16, 10);
let now = START;
const clock = () => now;
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
  const team = h.fake.addTeam({ id: 'TFOL', name: 'Acme' });
  workspace = await store.workspaces.install({
    platform: 'slack',
    externalId: 'TFOL',
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
      h.fake.addUser('TFOL', {
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
            expiresAt: START + 60 * 24 * HOUR,
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
          secrets: {
            accessToken: m.accessToken,
            refreshToken: m.refreshToken,
            expiresAt: START + 60 * 24 * HOUR,
          },
        });
      } else {
        calendarId = await radicale.mkcalendar(`following-${name}`);
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
      { worker: 'test', now: now + 2 * HOUR },
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
 * One participant's calendar as stored by the provider: its own events (series masters, not the
 * instances or overrides of one), whether each is a series, and their first starts in order.
 */
async function storedSeries(
  provider: Provider,
  calendarId: string,
): Promise<{ events: number; recurring: boolean; starts: number[] }> {
  if (provider === 'google') {
    const own = google.stored(calendarId).filter((e) => !e.recurringEventId);
    return {
      events: own.length,
      recurring: own.every((e) => (e.recurrence ?? []).length > 0),
      starts: own.map((e) => e.start).sort((a, b) => a - b),
    };
  }
  if (provider === 'microsoft') {
    const stored = microsoft.storedEvents(calendarId);
    return {
      events: stored.length,
      recurring: stored.every((e) => Boolean(e.recurrence)),
      starts: stored.map((e) => e.start).sort((a, b) => a - b),
    };
  }
  const resources = await caldavResources(calendarId);
  const masters = resources.map((text) =>
    new ICAL.Component(ICAL.parse(text) as never)
      .getAllSubcomponents('vevent')
      .find((e) => !e.hasProperty('recurrence-id')),
  );
  return {
    events: resources.length,
    recurring: masters.every((e) => e?.hasProperty('rrule') === true),
    starts: masters
      .map((e) => (e!.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>).toUnixTime() * 1000)
      .sort((a, b) => a - b),
  };
}

/**
 * Olga asks for a weekly series with Ana, Ana books it; after the first meeting, Ana moves Tuesday 29
 * January and the following ones to Wednesday from her `/meet reschedule`; both calendars on `provider`
 * are checked as stored and as free/busy.
 */
async function bookThenMoveFollowing(provider: Provider): Promise<void> {
  now = START;
  const [olga, ana] = people.get(provider)!;
  const channelId = `CFOL${provider.toUpperCase()}`;
  await h.fake.command({
    teamId: 'TFOL',
    userId: olga!.user,
    channelId,
    text: `<@${ana!.user}|ana> 30m every tuesday "Weekly ${provider}"`,
  });
  const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals', 20_000);
  const book = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
  await h.fake.click({
    teamId: 'TFOL',
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
  const k = first + WEEK;
  expect(new Date(first).toISOString().slice(0, 10)).toBe('2030-01-22');
  for (const p of [olga!, ana!])
    expect(await storedSeries(provider, p.calendarId)).toEqual({
      events: 1,
      recurring: true,
      starts: [first],
    });

  // Before the first meeting there is nothing to split: the whole-series reschedule does it.
  const before = await h.fake.command({ teamId: 'TFOL', userId: ana!.user, channelId, text: 'reschedule' });
  const early = await until(() => h.fake.responsesTo(before.responseId)[0], 'the list');
  expect(buttons(early.body.blocks as unknown[]).some((b) => b.actionId.startsWith('ofmove:'))).toBe(false);

  // After it: "Move Tue 29 Jan and following".
  now = Date.UTC(2030, 0, 22, 15);
  const sent = await h.fake.command({ teamId: 'TFOL', userId: ana!.user, channelId, text: 'reschedule' });
  const list = await until(() => h.fake.responsesTo(sent.responseId)[0], 'the list');
  const move = buttons(list.body.blocks as unknown[]).find((b) =>
    b.actionId.startsWith(`ofmove:${bookingId}:`),
  )!;
  expect(move).toMatchObject({ actionId: `ofmove:${bookingId}:${k}`, text: 'Move Tue 29 Jan and following' });
  const asked = await h.fake.click({
    teamId: 'TFOL',
    userId: ana!.user,
    actionId: move.actionId,
    value: move.value,
    channelId,
    isEphemeral: true,
  });
  const times = await until(() => h.fake.responsesTo(asked.responseId)[0], 'the new times', 20_000);
  expect(times.body.response_type).toBe('ephemeral');
  expect(String(times.body.text)).toMatch(
    /^New times for “Weekly \w+” from Tue 29 Jan on, this meeting and the following ones/,
  );
  const picks = buttons(times.body.blocks as unknown[]).filter((b) => b.actionId.startsWith('ofto:'));
  // Tuesday 29 January first, then the days around it; each says how many of the following are free.
  expect(new Date(Number(picks[0]!.actionId.split(':')[3])).toISOString().slice(0, 10)).toBe('2030-01-29');
  expect(blockText(times.body.blocks as unknown[])).toMatch(/free on all \d+ Tuesdays/);
  const wednesday = picks.find(
    (b) => new Date(Number(b.actionId.split(':')[3])).toISOString().slice(0, 10) === '2030-01-30',
  )!;
  const newStart = Number(wednesday.actionId.split(':')[3]);
  expect(wednesday.actionId).toBe(`ofto:${bookingId}:${k}:${newStart}`);
  expect(blockText(times.body.blocks as unknown[])).toMatch(/free on all \d+ Wednesdays/);

  const picked = await h.fake.click({
    teamId: 'TFOL',
    userId: ana!.user,
    actionId: wednesday.actionId,
    value: wednesday.value,
    channelId,
    isEphemeral: true,
  });
  const answer = await until(() => h.fake.responsesTo(picked.responseId)[0], 'the answer', 20_000);
  expect(String(answer.body.text)).toMatch(
    /^Moved: “Weekly \w+” from Tue 29 Jan.* on to Wed 30 Jan.*, this meeting and the following ones \(every Wednesday, until .*\)\. The earlier meetings stay\.$/,
  );
  expect(answer.body.replace_original).toBe(true);
  // The same click again: nothing done twice.
  const again = await h.fake.click({
    teamId: 'TFOL',
    userId: ana!.user,
    actionId: wednesday.actionId,
    value: wednesday.value,
    channelId,
    isEphemeral: true,
  });
  await until(() => h.fake.responsesTo(again.responseId)[0], 'the repeat', 20_000);
  await drainOutbox();

  // Each calendar: the old recurring event (from 22 January) and ONE new recurring event from 30 January.
  for (const p of [olga!, ana!])
    expect(await storedSeries(provider, p.calendarId)).toEqual({
      events: 2,
      recurring: true,
      starts: [first, newStart],
    });
  // Read back as free/busy: 22 January untouched, the old times from 29 January free, the new ones busy.
  const read = await calendars.busyFor(
    workspace.tenantId,
    [olga!.personId, ana!.personId],
    { start: first - 12 * HOUR, end: newStart + 2 * WEEK + HOUR },
    { fresh: true },
  );
  const at = (t: number) =>
    read.people.map((p) => (p.busy.some((b) => b.start <= t && b.end > t) ? 'busy' : 'free'));
  expect(read.people.every((p) => p.complete)).toBe(true);
  expect([
    at(first),
    at(k),
    at(k + WEEK),
    at(newStart),
    at(newStart + WEEK),
    at(newStart + 2 * WEEK),
  ]).toEqual([
    ['busy', 'busy'],
    ['free', 'free'],
    ['free', 'free'],
    ['busy', 'busy'],
    ['busy', 'busy'],
    ['busy', 'busy'],
  ]);
  // Two bookings: the old one (its first start kept, ended at 29 January) and the new series.
  const old = (await store.bookings.get(workspace.tenantId, bookingId))!;
  expect(old.start).toBe(first);
  expect(await store.bookings.occurrences(workspace.tenantId, bookingId)).toEqual([
    { originalStart: k, status: 'ended' },
  ]);
}

describe('move this and following occurrences of a series from chat (Slack), on each provider', () => {
  it('Google fake: a series booked from /meet, Tuesday 29 January and following moved to Wednesdays from /meet reschedule, is the old recurring event ending before it and one new recurring event', async () => {
    await bookThenMoveFollowing('google');
  }, 90_000);

  it('Graph fake: a series booked from /meet, Tuesday 29 January and following moved to Wednesdays from /meet reschedule, is the old recurring event ending before it and one new recurring event', async () => {
    await bookThenMoveFollowing('microsoft');
  }, 90_000);

  it('Radicale: a series booked from /meet, Tuesday 29 January and following moved to Wednesdays from /meet reschedule, is the old recurring event ending before it and one new recurring event', async () => {
    await bookThenMoveFollowing('caldav');
  }, 90_000);
});
