/**
 * Issue #22, "move THIS AND FOLLOWING occurrences" (src/app/series-split.ts): the series is split as Google
 * and Outlook split it — a new series booking from the new time (the rule shifted by the move), the old one
 * ended before the moved occurrence. The rule shift itself (`planFollowing`) is pure and tested on its own:
 * time of day, a weekday change, DST between k and later dates, COUNT / UNTIL / no end, refusals.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  cancelOccurrence,
  followingMoveOptions,
  moveFollowing,
  seriesChoices,
} from '../../src/app/manage-series.ts';
import { CALENDAR_SERIES_JOB, CALENDAR_WRITE_JOB, draftFor } from '../../src/app/outbox.ts';
import type { Booking, Person } from '../../src/app/ports/store.ts';
import { REMINDER_JOB, type ReminderPayload } from '../../src/app/reminders.ts';
import { occurrenceStarts } from '../../src/app/series.ts';
import { planFollowing } from '../../src/app/series-split.ts';
import type { SeriesRule } from '../../src/core/series.ts';
import { type FakeBusyReader, type MemoryStore, TENANT } from './request-meeting.fakes.ts';
import {
  bookSeries as bookSeriesAt,
  NOW,
  PARIS,
  paris,
  seriesOfBooking,
  seriesWorld,
  WORK,
  wall,
} from './series-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('planFollowing: the new series of a split', () => {
  // Every Tuesday, 6 times, from Tue 5 Mar 2030 10:00 Paris: the clocks change on Sun 31 Mar.
  const weekly: SeriesRule = { freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 1 }], count: 6 };
  const first = paris('2030-03-05T10:00');
  const starts = occurrenceStarts(weekly, first, PARIS);
  const plan = (
    rule: SeriesRule,
    index: number,
    newStart: number,
    extra: Partial<Parameters<typeof planFollowing>[0]> = {},
  ) =>
    planFollowing({
      rule,
      zone: PARIS,
      starts: occurrenceStarts(rule, first, PARIS),
      index,
      newStart,
      duration: HOUR / 2,
      exceptions: [],
      ...extra,
    });

  it('shifts the weekday and the time, keeps the wall clock across DST, and reduces COUNT by k', () => {
    // k = Tue 19 Mar 10:00 (CET) moved to Wed 20 Mar 14:00: every later one to Wednesday 14:00 Paris,
    // including those after the change to summer time (12:00 UTC instead of 13:00).
    const result = plan(weekly, 2, paris('2030-03-20T14:00'));
    if (!result.ok) throw new Error(result.code);
    expect(result.rule).toEqual({ freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 2 }], count: 4 });
    expect(result.starts.map(wall)).toEqual([
      'Wed 20 Mar 14:00',
      'Wed 27 Mar 14:00',
      'Wed 3 Apr 14:00',
      'Wed 10 Apr 14:00',
    ]);
    expect(result.starts[2]! - result.starts[1]!).toBe(7 * DAY - HOUR);
    expect(result.following).toEqual(starts.slice(2));
    expect(result.seriesEndsAt).toBe(paris('2030-04-10T14:30'));
  });

  it('a day left out of the series (except 26 March) is carried as a cancelled date, shifted with the rest', () => {
    // Every Tuesday, 6 times counting the left-out 26 March (as EXDATE counts): 5, 12, 19, 2 Apr, 9 Apr.
    const except: SeriesRule = { ...weekly, except: ['2030-03-26'] };
    const kept = occurrenceStarts(except, first, PARIS);
    expect(kept.map(wall)).toEqual([
      'Tue 5 Mar 10:00',
      'Tue 12 Mar 10:00',
      'Tue 19 Mar 10:00',
      'Tue 2 Apr 10:00',
      'Tue 9 Apr 10:00',
    ]);
    // Booked, 26 March was recorded as a cancelled occurrence; 19 March and after move to Wednesday 14:00.
    const result = plan(except, 2, paris('2030-03-20T14:00'), {
      exceptions: [{ originalStart: paris('2030-03-26T10:00'), status: 'cancelled' }],
    });
    if (!result.ok) throw new Error(result.code);
    expect(result.rule).toEqual({ freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 2 }], count: 4 });
    expect(result.cancelled.map(wall)).toEqual(['Wed 27 Mar 14:00']);
    expect(result.starts.filter((s) => !result.cancelled.includes(s)).map(wall)).toEqual([
      'Wed 20 Mar 14:00',
      'Wed 3 Apr 14:00',
      'Wed 10 Apr 14:00',
    ]);
  });

  it('keeps UNTIL, moved to the last shifted date when the move pushes it past', () => {
    const until: SeriesRule = {
      freq: 'WEEKLY',
      interval: 1,
      byDay: [{ n: 0, weekday: 1 }],
      until: '2030-04-09',
    };
    // A later time the same day: UNTIL kept.
    const later = plan(until, 1, paris('2030-03-12T16:00'));
    if (!later.ok) throw new Error(later.code);
    expect(later.rule.until).toBe('2030-04-09');
    expect(later.rule.count).toBeUndefined();
    expect(later.starts.map(wall).at(-1)).toBe('Tue 9 Apr 16:00');
    // A day later: the last one (Tue 9 Apr) moves to Wed 10 Apr, so UNTIL does too (5 meetings, not 4).
    const dayLater = plan(until, 1, paris('2030-03-13T10:00'));
    if (!dayLater.ok) throw new Error(dayLater.code);
    expect(dayLater.rule.until).toBe('2030-04-10');
    expect(dayLater.starts.map(wall)).toEqual([
      'Wed 13 Mar 10:00',
      'Wed 20 Mar 10:00',
      'Wed 27 Mar 10:00',
      'Wed 3 Apr 10:00',
      'Wed 10 Apr 10:00',
    ]);
  });

  it('a series without end stays without end; its managed end moves with it', () => {
    const open: SeriesRule = { freq: 'WEEKLY', interval: 1 };
    const ends = paris('2031-01-01T10:30');
    const result = plan(open, 3, paris('2030-03-26T11:00'), { seriesEndsAt: ends });
    if (!result.ok) throw new Error(result.code);
    expect(result.rule).toEqual({ freq: 'WEEKLY', interval: 1 });
    expect(result.seriesEndsAt).toBe(ends + HOUR);
  });

  it('several weekdays shift together: Tue and Thu, Thursday moved to Friday, become Wed and Fri', () => {
    const twice: SeriesRule = {
      freq: 'WEEKLY',
      interval: 1,
      byDay: [
        { n: 0, weekday: 1 },
        { n: 0, weekday: 3 },
      ],
      count: 6,
    };
    // Occurrences: Tue 5, Thu 7, Tue 12, Thu 14, …; k = Thu 7 Mar moved to Fri 8 Mar.
    const result = plan(twice, 1, paris('2030-03-08T10:00'));
    if (!result.ok) throw new Error(result.code);
    expect(result.rule.byDay).toEqual([
      { n: 0, weekday: 2 },
      { n: 0, weekday: 4 },
    ]);
    expect(result.starts.map(wall)).toEqual([
      'Fri 8 Mar 10:00',
      'Wed 13 Mar 10:00',
      'Fri 15 Mar 10:00',
      'Wed 20 Mar 10:00',
      'Fri 22 Mar 10:00',
    ]);
  });

  it('refuses a monthly series on another day, and days that would regroup; a monthly time change is fine', () => {
    const monthly: SeriesRule = { freq: 'MONTHLY', interval: 1, byDay: [{ n: 1, weekday: 1 }], count: 4 };
    // First Tuesdays: 5 Mar, 2 Apr, 7 May, 4 Jun.
    expect(plan(monthly, 1, paris('2030-04-03T10:00'))).toEqual({ ok: false, code: 'following_day' });
    const sameDay = plan(monthly, 1, paris('2030-04-02T15:00'));
    if (!sameDay.ok) throw new Error(sameDay.code);
    expect(sameDay.starts.map(wall)).toEqual(['Tue 2 Apr 15:00', 'Tue 7 May 15:00', 'Tue 4 Jun 15:00']);
    // Every other week on Saturday and Sunday: the Sunday moved to Monday would split each pair across two
    // weeks (the rule's weeks start on Monday), so the dates would not be the old ones shifted.
    const weekend: SeriesRule = {
      freq: 'WEEKLY',
      interval: 2,
      byDay: [
        { n: 0, weekday: 5 },
        { n: 0, weekday: 6 },
      ],
      count: 6,
    };
    const saturday = paris('2030-03-09T10:00');
    expect(
      planFollowing({
        rule: weekend,
        zone: PARIS,
        starts: occurrenceStarts(weekend, saturday, PARIS),
        index: 1,
        newStart: paris('2030-03-11T10:00'),
        duration: HOUR,
        exceptions: [],
      }),
    ).toEqual({ ok: false, code: 'following_pattern' });
  });

  it('carries a later cancelled date to its shifted date, counts individually moved ones, stops at a later end', () => {
    const result = plan(weekly, 1, paris('2030-03-13T09:00'), {
      exceptions: [
        { originalStart: starts[0]!, status: 'cancelled' },
        { originalStart: starts[3]!, status: 'cancelled' },
        { originalStart: starts[2]!, status: 'moved', start: starts[2]! + HOUR, end: starts[2]! + 2 * HOUR },
        { originalStart: starts[5]!, status: 'ended' },
      ],
    });
    if (!result.ok) throw new Error(result.code);
    // Ended at the sixth: the new series has the 2nd to the 5th (4 meetings), the 4th cancelled.
    expect(result.rule.count).toBe(4);
    expect(result.starts.map(wall)).toEqual([
      'Wed 13 Mar 09:00',
      'Wed 20 Mar 09:00',
      'Wed 27 Mar 09:00',
      'Wed 3 Apr 09:00',
    ]);
    expect(result.cancelled.map(wall)).toEqual(['Wed 27 Mar 09:00']);
    expect(result.followed).toBe(1);
  });
});

// NOW is Monday 23 November 2026, 09:00 in Paris: "every tuesday" runs 14 Tuesdays, 24 Nov to 23 Feb.

describe('move this and following (use case)', () => {
  let store: MemoryStore;
  let busy: FakeBusyReader;
  let ana: Person;
  let li: Person;
  const dms: { personId: string; text: string }[] = [];
  const notifier = {
    dm: async (_t: string, personId: string, message: { text: string }) => {
      dms.push({ personId, text: message.text });
      return { ok: true as const };
    },
  };
  const deps = () => ({ store, busy, notifier });

  beforeEach(() => {
    ({ store, busy, ana, li } = seriesWorld({ li: { locale: 'fr' } }));
    dms.length = 0;
  });

  /** Books "every tuesday" at Tue 24 Nov 10:00 Paris, as a slot click does. */
  const bookSeries = () => bookSeriesAt({ store, busy, ana });
  const ruleOf = (booking: Booking) => seriesOfBooking(store, booking);
  const reminders = (bookingId: string, status = 'queued') =>
    store.jobRows.filter(
      (j) =>
        j.kind === REMINDER_JOB &&
        (j.payload as ReminderPayload).bookingId === bookingId &&
        j.status === status,
    );
  const move = (booking: Booking, occurrence: number, newStart: number, actor = li.id) =>
    moveFollowing(deps(), {
      tenantId: TENANT,
      bookingId: booking.id,
      actorPersonId: actor,
      occurrence,
      newStart,
      now: NOW,
      locale: 'en',
    });

  it('splits the series: a new series from the new time, the old one ended before k; a repeat does nothing twice', async () => {
    const old = await bookSeries();
    const k = paris('2026-12-08T10:00');
    const newStart = paris('2026-12-09T14:00');
    // The calendars show the series' own meetings: no obstacle to the new time.
    busy.busy.set(ana.id, [{ start: k, end: k + HOUR / 2 }]);
    const result = await move(old, k, newStart);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view).toMatchObject({
      kind: 'following_moved',
      bookingId: old.id,
      occurrence: k,
      start: newStart,
      end: newStart + HOUR / 2,
    });
    expect(result.view.headline).toBe(
      'Moved: “1:1” from Tue 8 Dec, 10:00–10:30 (Paris time) on to Wed 9 Dec, 14:00–14:30 (Paris time), this meeting and the following ones (every Wednesday, until Wed 24 Feb). The earlier meetings stay.',
    );
    // The new booking: same people, title, organiser; its request carries the shifted rule.
    const created = store.bookingRows.find((b) => b.id === result.view.newBookingId)!;
    expect(created).toMatchObject({ start: newStart, title: '1:1', organizerId: ana.id, status: 'booked' });
    expect([...created.participantIds].sort()).toEqual([ana.id, li.id].sort());
    const series = await ruleOf(created);
    expect(series?.rule).toEqual({
      freq: 'WEEKLY',
      interval: 1,
      byDay: [{ n: 0, weekday: 2 }],
      until: '2027-02-24',
    });
    const newStarts = occurrenceStarts(series!.rule, newStart, PARIS);
    expect(newStarts).toHaveLength(12);
    expect(created.seriesEndsAt).toBe(paris('2027-02-24T14:30'));
    // ONE recurring event per calendar for the new series (its write jobs; the draft says the rule).
    const writes = store.jobRows.filter(
      (j) => j.kind === CALENDAR_WRITE_JOB && (j.payload as { bookingId: string }).bookingId === created.id,
    );
    expect(writes).toHaveLength(2);
    const draft = await draftFor(store, created, li.id);
    expect(draft.recurrence).toMatchObject({ freq: 'WEEKLY', byDay: ['WE'], timeZone: PARIS });
    expect(draft.start).toBe(newStart);
    // The old series ends before k: recorded, one `end` job per calendar, reminders from k on withdrawn.
    expect(store.occurrenceRows.get(old.id)).toEqual([{ originalStart: k, status: 'ended' }]);
    const ends = store.jobRows.filter((j) => j.kind === CALENDAR_SERIES_JOB);
    expect(ends.map((j) => (j.payload as { change: unknown }).change)).toEqual([
      { kind: 'end', originalStart: k },
      { kind: 'end', originalStart: k },
    ]);
    const kept = reminders(old.id).map((j) => (j.payload as ReminderPayload).occurrence!);
    expect(new Set(kept.map(wall))).toEqual(new Set(['Tue 24 Nov 10:00', 'Tue 1 Dec 10:00']));
    expect(reminders(old.id, 'cancelled')).toHaveLength(2 * 12);
    // Reminders per occurrence of the new series, for both.
    expect(reminders(created.id)).toHaveLength(2 * 12);
    // Ana is told, in English and her zone.
    expect(dms).toHaveLength(1);
    expect(dms[0]).toMatchObject({ personId: ana.id });
    expect(dms[0]!.text).toContain('Li moved “1:1” from Tue 8 Dec, 10:00–10:30');

    // A repeated click: the same answer, nothing booked or queued twice.
    const jobs = store.jobRows.length;
    const again = await move(old, k, newStart);
    expect(again).toMatchObject({ ok: true, view: { alreadyMoved: true, newBookingId: created.id } });
    expect(store.bookingRows).toHaveLength(2);
    expect(store.jobRows.length).toBe(jobs);
  });

  it('a later cancelled date stays cancelled in the new series, with no reminder', async () => {
    const old = await bookSeries();
    const cancelled = paris('2026-12-22T10:00');
    const c = await cancelOccurrence(deps(), {
      tenantId: TENANT,
      bookingId: old.id,
      actorPersonId: ana.id,
      occurrence: cancelled,
      now: NOW,
    });
    expect(c.ok).toBe(true);
    const result = await move(old, paris('2026-12-08T10:00'), paris('2026-12-08T15:00'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.headline).toContain('1 cancelled date stays cancelled.');
    // Ana (Li moved it) is told so too.
    expect(dms.at(-1)).toMatchObject({ personId: ana.id });
    expect(dms.at(-1)!.text).toMatch(
      /^Li moved “1:1” from Tue 8 Dec.*\. 1 cancelled date stays cancelled\.$/,
    );
    const created = result.view.newBookingId!;
    const shifted = paris('2026-12-22T15:00');
    expect(store.occurrenceRows.get(created)).toEqual([{ originalStart: shifted, status: 'cancelled' }]);
    const cancels = store.jobRows.filter(
      (j) => j.kind === CALENDAR_SERIES_JOB && (j.payload as { bookingId: string }).bookingId === created,
    );
    expect(cancels.map((j) => (j.payload as { change: unknown }).change)).toEqual([
      { kind: 'cancel', originalStart: shifted },
      { kind: 'cancel', originalStart: shifted },
    ]);
    // Run after the new event's write.
    expect(cancels.every((j) => j.runAt > NOW)).toBe(true);
    const planned = reminders(created).map((j) => (j.payload as ReminderPayload).occurrence);
    expect(planned).not.toContain(shifted);
    expect(planned).toContain(paris('2026-12-15T15:00'));
  });

  it('refuses the first occurrence still on, a time before the previous one, a month day change; busy at the new first', async () => {
    const old = await bookSeries();
    const first = paris('2026-11-24T10:00');
    expect(await move(old, first, first + HOUR)).toMatchObject({
      ok: false,
      error: { code: 'first_occurrence' },
    });
    const k = paris('2026-12-08T10:00');
    // Before the previous one (Tue 1 Dec) ends.
    expect(await move(old, k, paris('2026-12-01T10:15'))).toMatchObject({
      ok: false,
      error: { code: 'following_before' },
    });
    // Li busy at the new first occurrence: refused, naming her.
    const newStart = paris('2026-12-09T14:00');
    busy.busy.set(li.id, [{ start: newStart, end: newStart + HOUR }]);
    expect(await move(old, k, newStart)).toMatchObject({
      ok: false,
      error: { code: 'slot_taken', busy: [li.id] },
    });
    expect(store.bookingRows).toHaveLength(1);
    expect(store.occurrenceRows.get(old.id) ?? []).toEqual([]);
    // Busy on a LATER one only: moved, and the clash named.
    busy.busy.set(li.id, [{ start: paris('2026-12-16T14:00'), end: paris('2026-12-16T15:00') }]);
    const moved = await move(old, k, newStart);
    if (!moved.ok) throw new Error(moved.error.message);
    expect(moved.view.headline).toContain(
      'Not everyone is free on 1 later meeting: Li is busy on Wed 16 Dec.',
    );
  });

  it('a team taking turns: the new series keeps who hosts which date; a member with no date left in the old one loses its event', async () => {
    const zoe = store.addPerson({ name: 'Zoé', handle: 'zoe', timeZone: PARIS, workingHours: WORK });
    const booked = await bookSeriesAt(
      { store, busy, ana },
      { text: '/meet @li @zoe 30m every tuesday "Support"' },
    );
    // Li hosts the 1st, 3rd, … Tuesdays, Zoé the 2nd, 4th, … (as a rotating team's booking records it).
    const i = store.bookingRows.findIndex((b) => b.id === booked.id);
    const old: Booking = {
      ...store.bookingRows[i]!,
      turns: { of: 2, byPerson: { [li.id]: 0, [zoe.id]: 1 } },
    };
    store.bookingRows[i] = old;
    const made: Parameters<typeof store.bookings.bookSlot>[0][] = [];
    const bookSlot = store.bookings.bookSlot;
    Object.assign(store.bookings, {
      bookSlot: (input: Parameters<typeof bookSlot>[0]) => {
        made.push(input);
        return bookSlot(input);
      },
    });
    // Zoé's Tue 1 Dec and the following ones move to 14:00.
    const k = paris('2026-12-01T10:00');
    const newStart = paris('2026-12-01T14:00');
    const result = await move(old, k, newStart, ana.id);
    if (!result.ok) throw new Error(result.error.message);
    // The new series starts with Zoé's date: she takes turn 0, Li turn 1 (held at his own first date).
    expect(made).toHaveLength(1);
    expect(made[0]!.turns).toEqual({ of: 2, byPerson: { [zoe.id]: 0, [li.id]: 1 } });
    expect(made[0]!.holds).toEqual({
      [li.id]: { start: newStart + 7 * DAY, end: newStart + 7 * DAY + HOUR / 2 },
    });
    // The old series: Li keeps 24 Nov (his event ends), Zoé has no date left before 1 Dec (hers is deleted).
    const changes = store.jobRows.filter((j) => (j.payload as { bookingId?: string }).bookingId === old.id);
    expect(
      changes
        .filter((j) => j.kind === CALENDAR_SERIES_JOB)
        .map((j) => (j.payload as { personId: string }).personId)
        .sort(),
    ).toEqual([ana.id, li.id].sort());
    expect(
      changes
        .filter((j) => j.kind === 'calendar.delete')
        .map((j) => (j.payload as { personId: string }).personId),
    ).toEqual([zoe.id]);
    // Reminders of the new series: each member on their own dates only.
    const own = (id: string) =>
      reminders(result.view.newBookingId!)
        .filter((j) => (j.payload as ReminderPayload).personId === id)
        .map((j) => wall((j.payload as ReminderPayload).occurrence!));
    expect(own(zoe.id).slice(0, 2)).toEqual(['Tue 1 Dec 14:00', 'Tue 15 Dec 14:00']);
    expect(own(li.id).slice(0, 2)).toEqual(['Tue 8 Dec 14:00', 'Tue 22 Dec 14:00']);
  });

  it('a series without end is checked up to the horizon a series request is (184 days), in one bounded read', async () => {
    const old = await bookSeries();
    // The request said no end: the series runs on (200 managed occurrences, almost four years).
    const series = await ruleOf(old);
    const proposal = await store.requests.getProposal(TENANT, old.proposalId!);
    const request = store.requestRows.get(proposal!.requestId)!;
    const { until: _, ...open } = series!.rule;
    store.requestRows.set(request.id, { ...request, criteria: { ...request.criteria!, recurrence: open } });
    const options = await followingMoveOptions(deps(), {
      tenantId: TENANT,
      bookingId: old.id,
      actorPersonId: ana.id,
      occurrence: paris('2026-12-08T10:00'),
      now: NOW,
      locale: 'en',
      count: 2,
    });
    if (!options.ok) throw new Error(options.error.message);
    // Tuesdays from 8 Dec 2026 before Wed 26 May 2027 (NOW + 184 days): 25 of them.
    expect(options.view.options.map((o) => o.total)).toEqual([25, 25]);
    const horizon = NOW + 184 * DAY;
    expect(Math.max(...busy.calls.map((c) => c.range.end))).toBeLessThanOrEqual(horizon + DAY);
    busy.calls.length = 0;
    const moved = await move(old, paris('2026-12-08T10:00'), paris('2026-12-08T15:00'));
    if (!moved.ok) throw new Error(moved.error.message);
    expect(busy.calls).toHaveLength(1);
    expect(busy.calls[0]).toMatchObject({ fresh: true });
    expect(busy.calls[0]!.range.end).toBeLessThanOrEqual(horizon + DAY);
  });

  it('offers times for this and following with how many of them are free, and the choice on the series', async () => {
    const old = await bookSeries();
    const k = paris('2026-12-08T10:00');
    // Li is busy on Tue 15 Dec 11:00: a time of 11:00 on Tuesdays clashes there.
    busy.busy.set(li.id, [{ start: paris('2026-12-15T11:00'), end: paris('2026-12-15T11:30') }]);
    const options = await followingMoveOptions(deps(), {
      tenantId: TENANT,
      bookingId: old.id,
      actorPersonId: ana.id,
      occurrence: k,
      now: NOW,
      locale: 'en',
      count: 8,
    });
    if (!options.ok) throw new Error(options.error.message);
    expect(options.view.headline).toBe(
      'New times for “1:1” from Tue 8 Dec on, this meeting and the following ones (now Tue 8 Dec, 10:00–10:30 (Paris time)):',
    );
    // Its own day first (three times), then the days around it; each says how many of the 12 are free.
    expect(options.view.options.map((o) => `${wall(o.start)}: ${o.reason}`)).toEqual([
      'Tue 8 Dec 10:30: free on all 12 Tuesdays',
      'Tue 8 Dec 11:00: free on 11 of 12 Tuesdays; Li is busy on Tue 15 Dec',
      'Tue 8 Dec 11:30: free on all 12 Tuesdays',
      'Mon 7 Dec 10:00: free on all 12 Mondays',
      'Wed 9 Dec 10:00: free on all 12 Wednesdays',
      'Mon 7 Dec 10:30: free on all 12 Mondays',
      'Thu 10 Dec 10:00: free on all 12 Thursdays',
      'Thu 10 Dec 10:30: free on all 12 Thursdays',
    ]);
    expect(options.view.options[1]).toMatchObject({ free: 11, total: 12 });
    // The series' choices offer it from the second occurrence on, not on the first still on.
    const choices = await seriesChoices(store, old, NOW, PARIS, 'en');
    expect(choices?.moveFollowing).toBeUndefined();
    const later = await seriesChoices(store, old, paris('2026-11-24T12:00'), PARIS, 'en');
    expect(later?.moveFollowing).toEqual({
      start: paris('2026-12-01T10:00'),
      label: 'Move Tue 1 Dec and following',
    });
  });
});
