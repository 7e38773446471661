/**
 * An ended or split series stops counting as ongoing (issue #22): "End the series after" and the old part
 * of a "move this and following" shorten the booking's stored end (`seriesEndsAt`) to the end of the last
 * occurrence kept, so `listOngoingSeries` no longer lists it after that, and such series do not use up
 * the `MAX_LISTED_SERIES` an upcoming list reads. A series ended and then moved whole (before it began)
 * keeps its earlier end.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_LISTED_SERIES, rescheduleBooking, upcomingBookings } from '../../src/app/manage-booking.ts';
import { endSeries, moveFollowing } from '../../src/app/manage-series.ts';
import type { Booking, Person } from '../../src/app/ports/store.ts';
import { occurrenceStarts } from '../../src/app/series.ts';
import { type FakeBusyReader, type MemoryStore, TENANT } from './request-meeting.fakes.ts';
import {
  bookSeries as bookSeriesAt,
  NOW,
  PARIS,
  paris,
  seriesOfBooking,
  seriesWorld,
} from './series-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let store: MemoryStore;
let busy: FakeBusyReader;
let ana: Person;
let li: Person;
const notifier = { dm: async () => ({ ok: true as const }) };
const deps = () => ({ store, busy, notifier });

beforeEach(() => {
  ({ store, busy, ana, li } = seriesWorld());
});

/** Books "every tuesday" at Tue 24 Nov 10:00 Paris, as a slot click does, with its occurrences. */
async function bookSeries(): Promise<{ booking: Booking; starts: readonly number[] }> {
  const booking = await bookSeriesAt({ store, busy, ana });
  const series = (await seriesOfBooking(store, booking))!;
  return { booking, starts: occurrenceStarts(series.rule, booking.start, PARIS) };
}

const occurrence = (bookingId: string, at: number, now = NOW) => ({
  tenantId: TENANT,
  bookingId,
  actorPersonId: ana.id,
  occurrence: at,
  now,
  locale: 'en' as const,
});
const ongoing = async (after: number) =>
  (await store.bookings.listOngoingSeries(TENANT, li.id, after, MAX_LISTED_SERIES)).map((b) => b.id);
const endsAt = (id: string) => store.bookingRows.find((b) => b.id === id)?.seriesEndsAt;

describe('an ended or split series stops counting as ongoing', () => {
  it('ended after occurrence k: its stored end is k’s end, listed as ongoing until then, not after', async () => {
    const { booking, starts } = await bookSeries();
    expect(starts.length).toBeGreaterThan(4);
    expect(endsAt(booking.id)).toBe(starts.at(-1)! + HOUR / 2);
    // "End the series after" the second date: ended from the third on.
    const ended = await endSeries(deps(), occurrence(booking.id, starts[2]!));
    expect(ended).toMatchObject({ ok: true, view: { kind: 'series_ended' } });
    const kEnd = starts[1]! + HOUR / 2;
    expect(endsAt(booking.id)).toBe(kEnd);
    expect(await ongoing(kEnd - 1)).toContain(booking.id);
    expect(await ongoing(kEnd)).not.toContain(booking.id);
  });

  it('a kept date moved later keeps the series until that date; a cancelled last kept date does not', async () => {
    const { booking, starts } = await bookSeries();
    // The third date cancelled, the second moved two days later; then ended from the fourth on.
    await store.bookings.recordOccurrence(TENANT, booking.id, {
      originalStart: starts[2]!,
      status: 'cancelled',
    });
    const moved = starts[1]! + 2 * DAY;
    await store.bookings.recordOccurrence(TENANT, booking.id, {
      originalStart: starts[1]!,
      status: 'moved',
      start: moved,
      end: moved + HOUR / 2,
    });
    expect(await endSeries(deps(), occurrence(booking.id, starts[3]!))).toMatchObject({ ok: true });
    expect(endsAt(booking.id)).toBe(moved + HOUR / 2);
  });

  it('split at k: the old part ends with the date before k, the new series is the one listed', async () => {
    const { booking, starts } = await bookSeries();
    const k = starts[2]!;
    const moved = await moveFollowing(deps(), { ...occurrence(booking.id, k), newStart: k + DAY + 4 * HOUR });
    if (!moved.ok) throw new Error(moved.error.message);
    const before = starts[1]! + HOUR / 2;
    expect(endsAt(booking.id)).toBe(before);
    const after = await ongoing(before);
    expect(after).not.toContain(booking.id);
    expect(after).toContain(moved.view.newBookingId);
  });

  it('ended, then moved whole before it began: the end moves with it and stays early', async () => {
    const { booking, starts } = await bookSeries();
    expect(await endSeries(deps(), occurrence(booking.id, starts[2]!))).toMatchObject({ ok: true });
    // The same Tuesday an hour later: the dates kept (24 Nov, 1 Dec) are an hour later too.
    const moved = await rescheduleBooking(deps(), {
      tenantId: TENANT,
      bookingId: booking.id,
      actorPersonId: ana.id,
      newStart: starts[0]! + HOUR,
      now: NOW,
    });
    expect(moved).toMatchObject({ ok: true, view: { kind: 'rescheduled' } });
    const kEnd = starts[1]! + HOUR + HOUR / 2;
    expect(endsAt(booking.id)).toBe(kEnd);
    expect(await ongoing(kEnd)).not.toContain(booking.id);
  });

  it('ended series do not use up the listing limit: the series still going on is listed', async () => {
    // MAX_LISTED_SERIES series on Tuesdays from 24 Nov (first dates 00:00, 00:28, …), each ended after its
    // second date (1 Dec); then one still going on, booked after them (its first date later that day).
    const { booking: template, starts } = await bookSeries();
    const DURATION = 25 * 60_000;
    const bookAt = async (start: number, key: string) => {
      const booked = await store.bookings.bookSlot({
        tenantId: TENANT,
        people: [ana.id, li.id],
        start,
        end: start + DURATION,
        title: key,
        idempotencyKey: key,
        proposalId: template.proposalId,
        organizerId: ana.id,
        seriesEndsAt: start + (starts.at(-1)! - starts[0]!) + DURATION,
      });
      if (!booked.ok) throw new Error(booked.reason);
      return booked.booking;
    };
    // Only its request (the rule) is needed: the booking itself is taken out of the memory store.
    store.bookingRows.splice(store.bookingRows.indexOf(template), 1);
    const day = paris('2026-11-24T00:00');
    for (let i = 0; i < MAX_LISTED_SERIES; i++) {
      const ended = await bookAt(day + i * 28 * 60_000, `ended-${i}`);
      const third = ended.start + 14 * DAY;
      expect(await endSeries(deps(), occurrence(ended.id, third))).toMatchObject({ ok: true });
    }
    const going = await bookAt(paris('2026-11-24T23:30'), 'going');
    // Wednesday 2 Dec: every ended series is over; the one going on meets next on Tuesday 8 Dec.
    const now = paris('2026-12-02T12:00');
    expect(await ongoing(now)).toEqual([going.id]);
    const listed = await upcomingBookings(store, TENANT, li.id, now);
    expect(listed.map((b) => b.id)).toEqual([going.id]);
    expect(listed[0]?.next).toEqual({
      start: going.start + 14 * DAY,
      end: going.start + 14 * DAY + DURATION,
    });
  });
});
