/**
 * Moving a whole booked series (`rescheduleBooking` of a series booking, issue #22): its occurrences are its
 * rule's from the NEW first one, in the series' zone — the same wall-clock time on both sides of a DST
 * change, not the first occurrence's fixed shift. So the reminders of every later occurrence, the stored end
 * of its last occurrence (`seriesEndsAt`, what the lists read) and the own first occurrence a member taking
 * turns holds (the database guard) follow local time. A series moves whole only to another time of its first
 * day (its later dates would stay on the old days, and its recorded changes are carried place for place):
 * another day is refused. On the PGlite store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ManageBookingDeps,
  rescheduleBooking,
  rescheduleOptions,
} from '../../src/app/manage-booking.ts';
import { jobKeyPrefixOfBooking } from '../../src/app/outbox.ts';
import type { Booking } from '../../src/app/ports/store.ts';
import { REMINDER_JOB, type ReminderPayload } from '../../src/app/reminders.ts';
import { occurrenceStarts, ruleHoldsStart } from '../../src/app/series.ts';
import type { SeriesRule } from '../../src/core/series.ts';
import type { Store } from '../../src/store/database.ts';
import { openTestStore } from '../store/backends.ts';
import { freeBusy, NOW, RecordingNotifier, type Seeded, seed } from './outbox-fixtures.ts';

const ZONE = 'Europe/Paris';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HALF = HOUR / 2;
/** Tuesday 16 March 2027, 10:00 Paris (CET, 09:00 UTC). Paris moves to CEST on Sunday 28 March 2027. */
const FIRST = Date.UTC(2027, 2, 16, 9);
/** Every Tuesday, 4 times: 16 and 23 March (CET), 30 March and 6 April (CEST). */
const TUESDAYS: SeriesRule = { freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 1 }], count: 4 };

let store: Store;
let s: Seeded;
let notifier: RecordingNotifier;

afterEach(async () => {
  await store?.close();
});

async function setUp(rule: SeriesRule): Promise<void> {
  store = await openTestStore('pglite');
  s = await seed(store, 'MOVE', [{ start: FIRST, end: FIRST + HALF }], {
    zone: ZONE,
    constraints: [],
    excluded: [],
    recurrence: rule,
  });
  notifier = new RecordingNotifier();
}

async function bookSeries(rule: SeriesRule, turns?: Booking['turns']): Promise<Booking> {
  const starts = occurrenceStarts(rule, FIRST, ZONE);
  const booked = await store.bookings.bookSlot({
    tenantId: s.tenantId,
    people: [s.ana, s.li, s.zoe],
    start: FIRST,
    end: FIRST + HALF,
    seriesEndsAt: starts.at(-1)! + HALF,
    title: 'Weekly',
    idempotencyKey: 'series-move',
    proposalId: s.proposalId,
    organizerId: s.ana,
    ...(turns ? { turns, holds: { [s.zoe]: { start: starts[1]!, end: starts[1]! + HALF } } } : {}),
  });
  if (!booked.ok) throw new Error(booked.reason);
  return booked.booking;
}

const deps = (): ManageBookingDeps => ({ store, notifier });
const move = (booking: Booking, newStart: number) =>
  rescheduleBooking(deps(), {
    tenantId: s.tenantId,
    bookingId: booking.id,
    actorPersonId: s.ana,
    now: NOW,
    newStart,
  });

/** The queued reminders of the booking: occurrence start per person. */
async function reminders(bookingId: string): Promise<Map<string, number[]>> {
  const jobs = await store.jobs.listByDedupePrefix(jobKeyPrefixOfBooking(REMINDER_JOB, bookingId));
  const out = new Map<string, number[]>();
  for (const job of jobs) {
    if (job.status !== 'queued') continue;
    const p = job.payload as ReminderPayload;
    out.set(
      p.personId,
      [...(out.get(p.personId) ?? []), p.occurrence ?? p.start].sort((a, b) => a - b),
    );
  }
  return out;
}

describe('rescheduling a whole series across a DST change', () => {
  beforeEach(() => setUp(TUESDAYS));

  it('10:00 moved to 11:00 in March: every later occurrence is reminded at 11:00 local, after the change too', async () => {
    const booking = await bookSeries(TUESDAYS);
    const moved = await move(booking, FIRST + HOUR);
    expect(moved.ok).toBe(true);
    // 11:00 Paris: 10:00 UTC in CET (16, 23 March), 09:00 UTC in CEST (30 March, 6 April).
    const elevens = [
      Date.UTC(2027, 2, 16, 10),
      Date.UTC(2027, 2, 23, 10),
      Date.UTC(2027, 2, 30, 9),
      Date.UTC(2027, 3, 6, 9),
    ];
    const planned = await reminders(booking.id);
    for (const person of [s.ana, s.li, s.zoe]) expect(planned.get(person)).toEqual(elevens);
    const after = await store.bookings.get(s.tenantId, booking.id);
    expect(after?.seriesEndsAt).toBe(elevens[3]! + HALF);
  });

  it('moved over the change (a later Tuesday) is refused: a series moves whole only within its first day', async () => {
    const booking = await bookSeries(TUESDAYS);
    // From Tue 16 March 10:00 CET to Tue 30 March 10:00 CEST: another day, although one of the rule's.
    const refused = await move(booking, Date.UTC(2027, 2, 30, 8));
    expect(refused.ok === false && refused.error.msg.key).toBe('booking.error.seriesDay');
    const after = await store.bookings.get(s.tenantId, booking.id);
    expect(after?.start).toBe(FIRST);
    expect(after?.seriesEndsAt).toBe(Date.UTC(2027, 3, 6, 8) + HALF);
  });

  it("a member taking turns holds their own first occurrence at the series' new local time after the move", async () => {
    const rule: SeriesRule = { freq: 'WEEKLY', interval: 1, count: 4 };
    await store.close();
    await setUp(rule);
    // Li takes the odd occurrences (turn 0), Zoé the even ones (turn 1): she holds 23 March 10:00 CET.
    const booking = await bookSeries(rule, { of: 2, byPerson: { [s.li]: 0, [s.zoe]: 1 } });
    const held = async (at: number) =>
      (await store.bookings.busyForPeople(s.tenantId, [s.zoe], { start: at, end: at + HALF })).get(s.zoe);
    expect(await held(Date.UTC(2027, 2, 23, 9))).toEqual([
      { start: Date.UTC(2027, 2, 23, 9), end: Date.UTC(2027, 2, 23, 9) + HALF },
    ]);
    // The series moved to 14:00 on its first day: Zoé's first is now 23 March 14:00 CET (13:00 UTC).
    const moved = await move(booking, FIRST + 4 * HOUR);
    expect(moved.ok).toBe(true);
    const zoeFirst = Date.UTC(2027, 2, 23, 13);
    expect(await held(zoeFirst)).toEqual([{ start: zoeFirst, end: zoeFirst + HALF }]);
    expect(await held(Date.UTC(2027, 2, 23, 9))).toEqual([]);
  });
});

describe('rescheduling a series on set weekdays to another day', () => {
  beforeEach(() => setUp(TUESDAYS));

  it('is refused clearly, in the actor language; the series stays where it was', async () => {
    const booking = await bookSeries(TUESDAYS);
    // Wednesday 17 March, 10:00: the rule's later dates would stay on Tuesdays.
    const refused = await move(booking, FIRST + DAY);
    expect(refused.ok === false && refused.error.code).toBe('invalid_time');
    expect(refused.ok === false && refused.error.msg.key).toBe('booking.error.seriesDay');
    expect(refused.ok === false && refused.error.message).toContain('only to another time of its first day');
    const after = await store.bookings.get(s.tenantId, booking.id);
    expect(after?.start).toBe(FIRST);
    expect(notifier.sent).toHaveLength(0);
    // Another time of its first Tuesday is fine.
    expect((await move(booking, FIRST + 2 * HOUR)).ok).toBe(true);
  });
});

describe('ruleHoldsStart: the days a rule with BYDAY can start on', () => {
  const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 9);
  it('weekly: its weekdays; monthly ranked: the weekday at that rank; no BYDAY: any day', () => {
    const tueThu: SeriesRule = {
      freq: 'WEEKLY',
      interval: 1,
      byDay: [
        { n: 0, weekday: 1 },
        { n: 0, weekday: 3 },
      ],
    };
    expect(ruleHoldsStart(tueThu, at(2027, 3, 16), ZONE)).toBe(true); // Tuesday
    expect(ruleHoldsStart(tueThu, at(2027, 3, 18), ZONE)).toBe(true); // Thursday
    expect(ruleHoldsStart(tueThu, at(2027, 3, 17), ZONE)).toBe(false); // Wednesday
    // The first Monday of the month: 1 March 2027 yes, 8 March no; the last Friday: 26 March yes, 19 no.
    const firstMonday: SeriesRule = { freq: 'MONTHLY', interval: 1, byDay: [{ n: 1, weekday: 0 }] };
    expect(ruleHoldsStart(firstMonday, at(2027, 3, 1), ZONE)).toBe(true);
    expect(ruleHoldsStart(firstMonday, at(2027, 3, 8), ZONE)).toBe(false);
    const lastFriday: SeriesRule = { freq: 'MONTHLY', interval: 1, byDay: [{ n: -1, weekday: 4 }] };
    expect(ruleHoldsStart(lastFriday, at(2027, 3, 26), ZONE)).toBe(true);
    expect(ruleHoldsStart(lastFriday, at(2027, 3, 19), ZONE)).toBe(false);
    // The weekday is the series zone's: 00:30 Tuesday in Paris is Monday in UTC.
    expect(ruleHoldsStart(TUESDAYS, Date.UTC(2027, 2, 15, 23, 30), ZONE)).toBe(true);
    expect(ruleHoldsStart({ freq: 'WEEKLY', interval: 1 }, at(2027, 3, 17), ZONE)).toBe(true);
  });
});

describe('the new times offered for a series on set weekdays', () => {
  beforeEach(() => setUp(TUESDAYS));

  it('are on its days only (what the reschedule accepts)', async () => {
    const booking = await bookSeries(TUESDAYS);
    const now = Date.UTC(2027, 2, 8, 6); // Monday 8 March: two weeks ahead hold 9 working days
    const offered = await rescheduleOptions(
      { ...deps(), busy: freeBusy },
      { tenantId: s.tenantId, bookingId: booking.id, actorPersonId: s.ana, now, count: 5 },
    );
    expect(offered.ok).toBe(true);
    const starts = offered.ok ? offered.view.options.map((o) => o.start) : [];
    expect(starts.length).toBeGreaterThan(0);
    for (const start of starts) expect(ruleHoldsStart(TUESDAYS, start, ZONE)).toBe(true);
    expect((await move(booking, starts[0]!)).ok).toBe(true);
  });
});
