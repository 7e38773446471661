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
import { HOUR } from '../../src/core/interval.ts';
import { buttons, until } from '../bot/slack/harness.ts';
import {
  bookWeeklyFromSlack,
  caldavResources,
  drainOutbox as drain,
  freeBusyAt,
  type Provider,
  type SlackProvidersWorld,
  startSlackProvidersWorld,
} from './harness/providers.ts';

// Wednesday 16 January 2030, 10:00 UTC: "every tuesday" starts on Tuesday 22 January.
const START = Date.UTC(2030, 0, 16, 10);
const clock = () => START;
const WEEK = 7 * 24 * HOUR;

let w: SlackProvidersWorld;

beforeAll(async () => {
  w = await startSlackProvidersWorld({
    clock,
    teamId: 'TOCC',
    calendarPrefix: 'occmove',
    tokensExpireAt: START + HOUR,
  });
}, 90_000);

afterAll(async () => {
  await w?.close();
});

async function drainOutbox() {
  await drain(w, START + 2 * HOUR);
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
    const stored = w.google.stored(calendarId);
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
    const stored = w.microsoft.storedEvents(calendarId);
    return {
      events: stored.length,
      recurring: stored.every((e) => Boolean(e.recurrence)),
      overrides: [...(stored[0]?.exceptions ?? new Map()).entries()]
        .filter(([, x]) => !x.cancelled)
        .map(([original, x]) => [original, x.start]),
    };
  }
  const resources = await caldavResources(w.radicale, calendarId);
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
  const { h, store, workspace, people } = w;
  const [olga, ana] = people.get(provider)!;
  const channelId = `COCC${provider.toUpperCase()}`;
  const bookingId = await bookWeeklyFromSlack(w, provider, channelId);
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
  const { complete, at } = await freeBusyAt(w, [olga!.personId, ana!.personId], {
    start: first - 12 * HOUR,
    end: first + WEEK + HOUR,
  });
  expect(complete).toBe(true);
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
