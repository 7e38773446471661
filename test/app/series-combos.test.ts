/**
 * Issue #22: the series features where they COMBINE — move this and following (./series-split.ts) on a
 * series already changed (a date cancelled or moved, ended, left out), then changed again; reminders and
 * the upcoming list across the bookings a split leaves.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { IcsOffers } from '../../src/app/ics-offer.ts';
import { rescheduleBooking, rescheduleOptions } from '../../src/app/manage-booking.ts';
import {
  cancelOccurrence,
  endSeries,
  moveFollowing,
  moveOccurrence,
  seriesChoices,
} from '../../src/app/manage-series.ts';
import { CALENDAR_SERIES_JOB } from '../../src/app/outbox.ts';
import type { Booking, Person } from '../../src/app/ports/store.ts';
import { REMINDER_JOB, type ReminderPayload } from '../../src/app/reminders.ts';
import { remainingOccurrences } from '../../src/app/series-changes.ts';
import { type FakeBusyReader, type MemoryStore, TENANT } from './request-meeting.fakes.ts';
import { bookSeries as bookSeriesAt, NOW, PARIS, paris, seriesWorld, wall } from './series-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// NOW is Monday 23 November 2026, 09:00 in Paris: "every tuesday" runs 14 Tuesdays, 24 Nov to 23 Feb.

describe('series changes combined', () => {
  let store: MemoryStore;
  let busy: FakeBusyReader;
  let ana: Person;
  let li: Person;
  const notifier = { dm: async () => ({ ok: true as const }) };
  const deps = () => ({ store, busy, notifier });

  beforeEach(() => {
    ({ store, busy, ana, li } = seriesWorld());
  });

  /** Books "every tuesday" at Tue 24 Nov 10:00 Paris, as a slot click does. */
  const bookSeries = () => bookSeriesAt({ store, busy, ana });
  const row = (id: string) => store.bookingRows.find((b) => b.id === id)!;
  const base = (booking: Booking, occurrence: number) => ({
    tenantId: TENANT,
    bookingId: booking.id,
    actorPersonId: ana.id,
    occurrence,
    now: NOW,
    locale: 'en' as const,
  });
  const split = async (booking: Booking, occurrence: number, newStart: number) => {
    const r = await moveFollowing(deps(), { ...base(booking, occurrence), newStart });
    if (!r.ok) throw new Error(r.error.message);
    return row(r.view.newBookingId!);
  };
  /** Queued reminders as "person occurrence" lines, sorted. */
  const queued = () =>
    store.jobRows
      .filter((j) => j.kind === REMINDER_JOB && j.status === 'queued')
      .map((j) => {
        const p = j.payload as ReminderPayload;
        return `${p.personId === ana.id ? 'ana' : 'li'} ${wall(p.occurrence ?? p.start)}`;
      })
      .sort();

  const reschedule = (booking: Booking, newStart: number) =>
    rescheduleBooking(deps(), {
      tenantId: TENANT,
      bookingId: booking.id,
      actorPersonId: ana.id,
      newStart,
      now: NOW,
      locale: 'en',
    });
  const seriesChanges = (bookingId: string) =>
    store.jobRows
      .filter(
        (j) => j.kind === CALENDAR_SERIES_JOB && (j.payload as { bookingId: string }).bookingId === bookingId,
      )
      .map((j) => {
        const change = (j.payload as { change: { kind: string; originalStart: number } }).change;
        return `${change.kind} ${wall(change.originalStart)}`;
      });
  const listed = async (booking: Booking) =>
    (await remainingOccurrences(store, row(booking.id)))!.map((o) => wall(o.start));

  it('the new series of a split rescheduled whole: a reminder per date still on, its cancelled date and end follow', async () => {
    const a = await bookSeries();
    // Tue 8 Dec and following to Wednesdays 14:00 (B: 9 Dec … 24 Feb); B's 16 Dec cancelled, B ended from 3 Feb.
    const b = await split(a, paris('2026-12-08T10:00'), paris('2026-12-09T14:00'));
    expect((await cancelOccurrence(deps(), base(b, paris('2026-12-16T14:00')))).ok).toBe(true);
    expect((await endSeries(deps(), base(b, paris('2027-02-03T14:00')))).ok).toBe(true);
    const endsAt = row(b.id).seriesEndsAt!;
    const moved = await reschedule(b, paris('2026-12-09T15:00'));
    expect(moved.ok).toBe(true);
    const dates = [
      'Wed 9 Dec 15:00',
      'Wed 23 Dec 15:00',
      'Wed 30 Dec 15:00',
      'Wed 6 Jan 15:00',
      'Wed 13 Jan 15:00',
      'Wed 20 Jan 15:00',
      'Wed 27 Jan 15:00',
    ];
    // The list: 16 Dec still cancelled, nothing from 3 Feb on (before: 16 Dec back, and on to 24 Feb).
    expect(await listed(b)).toEqual(dates);
    // One reminder per person and date still on (before: one each, for 9 Dec only); A keeps its two.
    const ofB = queued().filter((line) => line.includes('Wed'));
    expect(ofB).toEqual([...dates.map((d) => `ana ${d}`), ...dates.map((d) => `li ${d}`)].sort());
    expect(queued().filter((line) => line.includes('Tue'))).toHaveLength(4);
    // The calendars: the updated event gets its cancelled date and its end again, after the update.
    expect(seriesChanges(b.id).slice(-4).sort()).toEqual([
      'cancel Wed 16 Dec 15:00',
      'cancel Wed 16 Dec 15:00',
      'end Wed 3 Feb 15:00',
      'end Wed 3 Feb 15:00',
    ]);
    expect(row(b.id).seriesEndsAt).toBe(endsAt + HOUR);
  });

  it('a date moved on its own follows the series moved whole, and is no longer served as moved', async () => {
    const a = await bookSeries();
    const b = await split(a, paris('2026-12-08T10:00'), paris('2026-12-09T14:00'));
    const m = await moveOccurrence(deps(), {
      ...base(b, paris('2026-12-16T14:00')),
      newStart: paris('2026-12-17T09:00'),
    });
    expect(m.ok).toBe(true);
    expect((await reschedule(b, paris('2026-12-09T15:00'))).ok).toBe(true);
    expect((await listed(b)).slice(0, 3)).toEqual([
      'Wed 9 Dec 15:00',
      'Wed 16 Dec 15:00',
      'Wed 23 Dec 15:00',
    ]);
    expect(queued()).toContain('li Wed 16 Dec 15:00');
    expect(queued()).not.toContain('li Thu 17 Dec 09:00');
    // The .ics offer: the series at 15:00, no override left for 17 Dec (it was served as moved there).
    const offers = new IcsOffers({
      bookings: store.bookings,
      requests: store.requests,
      publicBaseUrl: 'https://convene.test',
      stateSecret: 'x'.repeat(32),
      clock: () => NOW,
    });
    const url = offers.urlFor({ tenantId: TENANT, bookingId: b.id, personId: li.id, end: NOW + 120 * DAY })!;
    const served = await offers.serve(url.split('/ics/')[1]!);
    if (!served.ok) throw new Error(served.code);
    expect(served.calendar).toContain('DTSTART;TZID=Europe/Paris:20261209T150000');
    expect(served.calendar).not.toContain('RECURRENCE-ID');
  });

  it('a series already begun is not rescheduled whole (its past dates would go, the split-off dates come twice)', async () => {
    const a = await bookSeries();
    const b = await split(a, paris('2026-12-08T10:00'), paris('2026-12-09T14:00'));
    // Wed 2 Dec: A's 24 Nov and 1 Dec are over. Moving A whole to Tue 8 Dec 15:00 would restart it there
    // (history gone from the calendars, 8 Dec … again next to B's Wednesdays).
    const later = paris('2026-12-02T12:00');
    const moved = await rescheduleBooking(deps(), {
      tenantId: TENANT,
      bookingId: a.id,
      actorPersonId: ana.id,
      newStart: paris('2026-12-08T15:00'),
      now: later,
      locale: 'en',
    });
    expect(moved).toMatchObject({
      ok: false,
      error: {
        code: 'series_begun',
        message: 'This series has already begun: move one date, or a date and the following ones, instead.',
      },
    });
    expect(row(a.id).start).toBe(paris('2026-11-24T10:00'));
    const options = await rescheduleOptions(
      { ...deps(), busy },
      {
        tenantId: TENANT,
        bookingId: a.id,
        actorPersonId: li.id,
        now: later,
        locale: 'fr',
      },
    );
    expect(options).toMatchObject({ ok: false, error: { code: 'series_begun' } });
    // B, not begun yet, still can be (and a single meeting whatever the time).
    expect((await reschedule(b, paris('2026-12-09T15:00'))).ok).toBe(true);
  });

  it('a series whose first date was cancelled and is past: its next date and the following ones can move', async () => {
    const a = await bookSeries();
    expect((await cancelOccurrence(deps(), base(a, paris('2026-11-24T10:00')))).ok).toBe(true);
    // Wed 25 Nov: the series has begun (its first date is past), so it is not moved whole …
    const later = paris('2026-11-25T12:00');
    const whole = await rescheduleBooking(deps(), {
      tenantId: TENANT,
      bookingId: a.id,
      actorPersonId: ana.id,
      newStart: paris('2026-12-01T15:00'),
      now: later,
      locale: 'en',
    });
    expect(whole).toMatchObject({ ok: false, error: { code: 'series_begun' } });
    // … and "move 1 Dec and following" is offered and done (before: refused as the first date still on).
    const choices = await seriesChoices(store, row(a.id), later, PARIS, 'en');
    expect(choices?.moveFollowing).toEqual({
      start: paris('2026-12-01T10:00'),
      label: 'Move Tue 1 Dec and following',
    });
    const moved = await moveFollowing(deps(), {
      ...base(a, paris('2026-12-01T10:00')),
      newStart: paris('2026-12-01T15:00'),
      now: later,
    });
    if (!moved.ok) throw new Error(moved.error.message);
    expect(await listed(row(moved.view.newBookingId!))).toHaveLength(13);
    expect(await listed(a)).toEqual([]);
  });

  it("a series moves whole only to another time of its first day (its rule's days and end stay)", async () => {
    const a = await bookSeries();
    const b = await split(a, paris('2026-12-08T10:00'), paris('2026-12-09T14:00'));
    // B is every Wednesday: moved whole to Thu 10 Dec it was Thu 10 Dec, then Wednesdays again.
    expect(await reschedule(b, paris('2026-12-10T15:00'))).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_time',
        message:
          'A series moves whole only to another time of its first day: to change its days, cancel it and book a new one, or once it has begun, move a date and the following ones.',
      },
    });
    expect(row(b.id).start).toBe(paris('2026-12-09T14:00'));
    const options = await rescheduleOptions(
      { ...deps(), busy },
      { tenantId: TENANT, bookingId: b.id, actorPersonId: ana.id, now: NOW, locale: 'en', count: 8 },
    );
    if (!options.ok) throw new Error(options.error.message);
    expect(options.view.options.length).toBeGreaterThan(0);
    expect(new Set(options.view.options.map((o) => wall(o.start).slice(0, 9)))).toEqual(
      new Set(['Wed 9 Dec']),
    );
  });
});
