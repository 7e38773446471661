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
import { HOUR } from '../../src/core/interval.ts';
import { blockText, buttons, until } from '../bot/slack/harness.ts';
import {
  bookWeeklyFromSlack,
  caldavResources,
  drainOutbox as drain,
  freeBusyAt,
  type Provider,
  type SlackProvidersWorld,
  startSlackProvidersWorld,
} from './harness/providers.ts';

// Wednesday 16 January 2030, 10:00 UTC: "every tuesday" starts on Tuesday 22 January. The clock moves
// to Tuesday 22 January, 15:00 UTC (after the first meeting) before the split.
const START = Date.UTC(2030, 0, 16, 10);
let now = START;
const clock = () => now;
const WEEK = 7 * 24 * HOUR;

let w: SlackProvidersWorld;

beforeAll(async () => {
  w = await startSlackProvidersWorld({
    clock,
    teamId: 'TFOL',
    calendarPrefix: 'following',
    tokensExpireAt: START + 60 * 24 * HOUR,
  });
}, 90_000);

afterAll(async () => {
  await w?.close();
});

async function drainOutbox() {
  await drain(w, now + 2 * HOUR);
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
    const own = w.google.stored(calendarId).filter((e) => !e.recurringEventId);
    return {
      events: own.length,
      recurring: own.every((e) => (e.recurrence ?? []).length > 0),
      starts: own.map((e) => e.start).sort((a, b) => a - b),
    };
  }
  if (provider === 'microsoft') {
    const stored = w.microsoft.storedEvents(calendarId);
    return {
      events: stored.length,
      recurring: stored.every((e) => Boolean(e.recurrence)),
      starts: stored.map((e) => e.start).sort((a, b) => a - b),
    };
  }
  const resources = await caldavResources(w.radicale, calendarId);
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
  const { h, store, workspace, people } = w;
  const [olga, ana] = people.get(provider)!;
  const channelId = `CFOL${provider.toUpperCase()}`;
  const bookingId = await bookWeeklyFromSlack(w, provider, channelId);
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
  const { complete, at } = await freeBusyAt(w, [olga!.personId, ana!.personId], {
    start: first - 12 * HOUR,
    end: newStart + 2 * WEEK + HOUR,
  });
  expect(complete).toBe(true);
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
