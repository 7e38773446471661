/**
 * The stored end of a series (`booking.series_ends_at`, what `/meet cancel|reschedule` list by, issue #22):
 * - an occurrence moved later than it extends it (`recordOccurrence`), so the series is still listed until
 *   the moved occurrence is over;
 * - a series booked before the column existed (null) is listed as ongoing (`listOngoingSeries`: its request
 *   has a rule), and its end is filled in once read (`recordSeriesEnd`, only while null) — no data migration,
 *   so an older replica keeps serving during a rolling deploy (test/store/rolling-deploy.test.ts);
 * - `upcomingBookings` lists such a series at its next occurrence and records its end;
 * - a series ended early ("End the series after", the old part of a split) has its end shortened
 *   (`shortenSeriesEnd`: only ever earlier), so it is no longer listed as ongoing once its last kept
 *   occurrence is over; `endSeries` records it.
 * On both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upcomingBookings } from '../../src/app/manage-booking.ts';
import { endSeries } from '../../src/app/manage-series.ts';
import { occurrenceStarts } from '../../src/app/series.ts';
import type { SeriesRule } from '../../src/core/series.ts';
import type { Store } from '../../src/store/database.ts';
import { type Seeded, seed } from '../app/outbox-fixtures.ts';
import { BACKENDS, openTestStore } from './backends.ts';

const ZONE = 'Europe/Paris';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HALF = HOUR / 2;
/** Tuesday 16 March 2027, 10:00 Paris; every Tuesday, 4 times (16, 23, 30 March, 6 April). */
const FIRST = Date.UTC(2027, 2, 16, 9);
const RULE: SeriesRule = { freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 1 }], count: 4 };
const STARTS = occurrenceStarts(RULE, FIRST, ZONE);
const LAST_END = STARTS[3]! + HALF;

describe.each(BACKENDS)('the stored end of a series on %s', (backend) => {
  let store: Store;
  let s: Seeded;
  let single: Seeded;
  let n = 0;

  beforeAll(async () => {
    store = await openTestStore(backend);
    s = await seed(store, 'ENDS', [{ start: FIRST, end: FIRST + HALF }], {
      zone: ZONE,
      constraints: [],
      excluded: [],
      recurrence: RULE,
    });
    single = await seed(store, 'ENDS1', [{ start: FIRST, end: FIRST + HALF }]);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  /** A series of `s` (its request has the rule), with its end recorded or not (`null`: booked before). */
  const book = async (seriesEndsAt: number | null, start = FIRST, from: Seeded = s) => {
    n += 1;
    const booked = await store.bookings.bookSlot({
      tenantId: from.tenantId,
      people: [from.ana, from.li],
      start,
      end: start + HALF,
      ...(seriesEndsAt !== null ? { seriesEndsAt } : {}),
      title: 'Weekly',
      idempotencyKey: `ends-${n}`,
      proposalId: from.proposalId,
      organizerId: from.ana,
    });
    if (!booked.ok) throw new Error(booked.reason);
    return booked.booking;
  };
  const ongoing = async (after: number, from: Seeded = s) =>
    (await store.bookings.listOngoingSeries(from.tenantId, from.li, after, 10)).map((b) => b.id);

  it('an occurrence moved past the stored end extends it; one moved earlier leaves it', async () => {
    const booking = await book(LAST_END);
    // The last occurrence (6 April) moved to Thursday 8 April, 15:00 Paris (13:00 UTC).
    const moved = Date.UTC(2027, 3, 8, 13);
    expect(
      await store.bookings.recordOccurrence(s.tenantId, booking.id, {
        originalStart: STARTS[3]!,
        status: 'moved',
        start: moved,
        end: moved + HALF,
      }),
    ).toBe(true);
    expect((await store.bookings.get(s.tenantId, booking.id))?.seriesEndsAt).toBe(moved + HALF);
    // Still listed after the rule's last end, until the moved occurrence is over.
    expect(await ongoing(LAST_END + DAY)).toContain(booking.id);
    expect(await ongoing(moved + HALF)).not.toContain(booking.id);
    // The second occurrence moved a day earlier: the end stays.
    await store.bookings.recordOccurrence(s.tenantId, booking.id, {
      originalStart: STARTS[1]!,
      status: 'moved',
      start: STARTS[1]! - DAY,
      end: STARTS[1]! - DAY + HALF,
    });
    expect((await store.bookings.get(s.tenantId, booking.id))?.seriesEndsAt).toBe(moved + HALF);
    await store.bookings.cancel(s.tenantId, booking.id);
  });

  it('a series booked before its end was recorded is listed as ongoing until its end is filled in', async () => {
    const legacy = await book(null, FIRST + 7 * DAY * 10);
    // A single meeting with no end recorded is not a series (its request has no rule).
    const meeting = await book(null, FIRST, single);
    const later = LAST_END + 100 * DAY;
    expect(await ongoing(later)).toContain(legacy.id);
    expect(await ongoing(later, single)).not.toContain(meeting.id);
    // Filled in once: a recorded end is never overwritten.
    expect(await store.bookings.recordSeriesEnd(s.tenantId, legacy.id, LAST_END)).toBe(true);
    expect(await store.bookings.recordSeriesEnd(s.tenantId, legacy.id, later + DAY)).toBe(false);
    expect(await store.bookings.recordSeriesEnd(single.tenantId, legacy.id, LAST_END)).toBe(false);
    expect((await store.bookings.get(s.tenantId, legacy.id))?.seriesEndsAt).toBe(LAST_END);
    expect(await ongoing(later)).not.toContain(legacy.id);
    await store.bookings.cancel(s.tenantId, legacy.id);
    await store.bookings.cancel(single.tenantId, meeting.id);
  });

  it('shortenSeriesEnd ends a series earlier, never later, fills a missing end, tenant scoped', async () => {
    const booking = await book(LAST_END);
    const second = STARTS[1]! + HALF;
    expect(await store.bookings.shortenSeriesEnd(single.tenantId, booking.id, second)).toBe(false);
    expect(await store.bookings.shortenSeriesEnd(s.tenantId, booking.id, LAST_END + DAY)).toBe(false);
    expect((await store.bookings.get(s.tenantId, booking.id))?.seriesEndsAt).toBe(LAST_END);
    expect(await store.bookings.shortenSeriesEnd(s.tenantId, booking.id, second)).toBe(true);
    expect((await store.bookings.get(s.tenantId, booking.id))?.seriesEndsAt).toBe(second);
    // Listed until its new end, no longer after it.
    expect(await ongoing(second - 1)).toContain(booking.id);
    expect(await ongoing(second)).not.toContain(booking.id);
    // A series booked before its end was recorded gets one.
    const legacy = await book(null, FIRST + 7 * DAY * 20);
    expect(await store.bookings.shortenSeriesEnd(s.tenantId, legacy.id, legacy.end)).toBe(true);
    expect((await store.bookings.get(s.tenantId, legacy.id))?.seriesEndsAt).toBe(legacy.end);
    await store.bookings.cancel(s.tenantId, booking.id);
    await store.bookings.cancel(s.tenantId, legacy.id);
  });

  it('endSeries after the second occurrence: listed as ongoing until the second is over, not after', async () => {
    const booking = await book(LAST_END);
    const ended = await endSeries(
      { store, notifier: { dm: async () => ({ ok: true as const }) } },
      {
        tenantId: s.tenantId,
        bookingId: booking.id,
        actorPersonId: s.ana,
        occurrence: STARTS[2]!,
        now: FIRST - DAY,
      },
    );
    expect(ended).toMatchObject({ ok: true, view: { kind: 'series_ended' } });
    const secondEnd = STARTS[1]! + HALF;
    expect((await store.bookings.get(s.tenantId, booking.id))?.seriesEndsAt).toBe(secondEnd);
    expect(await ongoing(secondEnd - 1)).toContain(booking.id);
    expect(await ongoing(secondEnd)).not.toContain(booking.id);
    await store.bookings.cancel(s.tenantId, booking.id);
  });

  it('upcomingBookings lists it at its next occurrence and records where it ends', async () => {
    const legacy = await book(null);
    // Between the second and third occurrences (its first is long past, outside the list's horizon).
    const now = STARTS[1]! + DAY;
    const list = await upcomingBookings(store, s.tenantId, s.li, now);
    const found = list.find((b) => b.id === legacy.id);
    expect(found?.next).toEqual({ start: STARTS[2], end: STARTS[2]! + HALF });
    expect((await store.bookings.get(s.tenantId, legacy.id))?.seriesEndsAt).toBe(LAST_END);
    // Once over, it is dropped without expanding its rule again.
    expect((await upcomingBookings(store, s.tenantId, s.li, LAST_END)).map((b) => b.id)).not.toContain(
      legacy.id,
    );
    expect(await ongoing(LAST_END)).not.toContain(legacy.id);
    await store.bookings.cancel(s.tenantId, legacy.id);
  });
});
