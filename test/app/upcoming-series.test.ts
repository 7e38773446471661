/**
 * `/meet cancel` / `/meet reschedule` list a series while any occurrence is still ahead (issue #22): a
 * series booking's start/end are its FIRST occurrence, so a listing by them lost the series once that
 * one had passed, and with it the series' buttons. `upcomingBookings` also asks the store for the
 * person's ongoing series (`listOngoingSeries`: the stored end of the last occurrence is ahead), shows
 * each at its next occurrence (cancelled ones skipped) and orders by it. In-memory ports; the store's
 * query is tested in test/store/repos.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  describeBooking,
  MAX_LISTED_SERIES,
  type UpcomingBooking,
  upcomingBookings,
} from '../../src/app/manage-booking.ts';
import { seriesJobs } from '../../src/app/outbox.ts';
import type { Booking, Job, MeetingRequest, Repositories } from '../../src/app/ports/store.ts';

const T = '00000000-0000-4000-8000-000000000000';
const ANA = 'a0000000-0000-4000-8000-000000000001';
const LI = 'a0000000-0000-4000-8000-000000000002';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Tuesday 5 March 2030, 10:00 Paris: weekly on Tuesdays, 4 times (5, 12, 19, 26 March). */
const FIRST = Date.UTC(2030, 2, 5, 9);
const OCCURRENCES = [0, 7, 14, 21].map((d) => FIRST + d * DAY);
const LAST_END = OCCURRENCES[3]! + HOUR / 2;

function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'b-series',
    tenantId: T,
    proposalId: 'p-series',
    organizerId: ANA,
    title: 'Weekly',
    start: FIRST,
    end: FIRST + HOUR / 2,
    status: 'booked',
    idempotencyKey: 'k-series',
    participantIds: [ANA, LI],
    events: [],
    createdAt: FIRST - 7 * DAY,
    seriesEndsAt: LAST_END,
    ...overrides,
  };
}

const single = (id: string, start: number): Booking =>
  booking({ id, proposalId: `p-${id}`, title: id, start, end: start + HOUR, seriesEndsAt: null });

const SERIES_REQUEST = {
  id: 'r-series',
  tenantId: T,
  title: 'Weekly',
  criteria: {
    zone: 'Europe/Paris',
    constraints: [],
    excluded: [],
    recurrence: { freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 1 }], count: 4 },
  },
} as unknown as MeetingRequest;

class Store {
  rows: Booking[] = [];
  jobs: Job[] = [];
  readonly seriesAsks: Array<{ after: number; limit: number }> = [];

  get repos(): Pick<Repositories, 'bookings' | 'requests' | 'jobs'> {
    return {
      bookings: {
        listForPerson: async (_t: string, personId: string, range: { start: number; end: number }) =>
          this.rows.filter(
            (b) =>
              b.status === 'booked' &&
              b.participantIds.includes(personId) &&
              b.start < range.end &&
              b.end > range.start,
          ),
        listOngoingSeries: async (_t: string, personId: string, after: number, limit: number) => {
          this.seriesAsks.push({ after, limit });
          return this.rows
            .filter(
              (b) =>
                b.status === 'booked' &&
                b.participantIds.includes(personId) &&
                b.seriesEndsAt != null &&
                b.seriesEndsAt > after,
            )
            .slice(0, limit);
        },
      },
      requests: {
        getProposal: async (_t: string, id: string) => ({
          id,
          requestId: id === 'p-series' ? 'r-series' : 'r',
        }),
        get: async (_t: string, id: string) =>
          id === 'r-series'
            ? SERIES_REQUEST
            : ({ id, criteria: { zone: 'UTC' } } as unknown as MeetingRequest),
      },
      jobs: {
        listByDedupePrefix: async (prefix: string) =>
          this.jobs.filter((j) => j.dedupeKey?.startsWith(prefix)),
      },
    } as unknown as Pick<Repositories, 'bookings' | 'requests' | 'jobs'>;
  }
}

const ids = (list: readonly UpcomingBooking[]) => list.map((b) => b.id);

describe('upcomingBookings: a series is listed at its next occurrence', () => {
  it('keeps a series whose first occurrence has passed, at its next date, ordered by it', async () => {
    const s = new Store();
    // Between the second and third occurrences; a meeting before the next one and one after it.
    const now = OCCURRENCES[1]! + DAY;
    s.rows = [booking(), single('before', OCCURRENCES[2]! - DAY), single('after', OCCURRENCES[2]! + DAY)];
    const list = await upcomingBookings(s.repos, T, LI, now);
    expect(ids(list)).toEqual(['before', 'b-series', 'after']);
    const series = list[1]!;
    expect(series.next).toEqual({ start: OCCURRENCES[2], end: OCCURRENCES[2]! + HOUR / 2 });
    // The store was asked for the ongoing series only, bounded.
    expect(s.seriesAsks).toEqual([{ after: now, limit: MAX_LISTED_SERIES }]);
    // The list's description shows that next occurrence: Tuesday 19 March, 10:00 Paris.
    const view = await describeBooking(
      {
        people: { get: async () => null },
        preferences: { get: async () => ({ timeZone: 'Europe/Paris' }) },
      } as unknown as Pick<Repositories, 'people' | 'preferences'>,
      series,
      'en',
      series.next,
    );
    expect(view).toMatchObject({ start: OCCURRENCES[2], bookingId: 'b-series' });
    expect(view.label).toContain('Tue 19 Mar');
    expect(view.label).toContain('10:00');
  });

  it('an occurrence under way is still the next one; a cancelled one is skipped', async () => {
    const s = new Store();
    s.rows = [booking()];
    const during = OCCURRENCES[1]! + 10 * 60_000;
    expect((await upcomingBookings(s.repos, T, LI, during))[0]?.next?.start).toBe(OCCURRENCES[1]);
    // Cancelling 19 March only: the series is listed at 26 March.
    s.jobs = seriesJobs(booking(), { kind: 'cancel', originalStart: OCCURRENCES[2]! }, FIRST).map(
      (j, i) => ({ ...j, id: `j${i}`, status: 'queued', dedupeKey: j.dedupeKey ?? null }) as unknown as Job,
    );
    const after = OCCURRENCES[1]! + DAY;
    expect((await upcomingBookings(s.repos, T, LI, after))[0]?.next?.start).toBe(OCCURRENCES[3]);
  });

  it('drops a series once its last occurrence has ended, or when what is left was cancelled', async () => {
    const s = new Store();
    s.rows = [booking()];
    expect(await upcomingBookings(s.repos, T, LI, LAST_END)).toEqual([]);
    expect(await upcomingBookings(s.repos, T, LI, LAST_END - 60_000)).toHaveLength(1);
    // A store that still hands the series over (its stored end is ahead) but the series ended earlier.
    s.jobs = seriesJobs(booking(), { kind: 'end', originalStart: OCCURRENCES[2]! }, FIRST).map(
      (j, i) => ({ ...j, id: `j${i}`, status: 'queued', dedupeKey: j.dedupeKey ?? null }) as unknown as Job,
    );
    expect(await upcomingBookings(s.repos, T, LI, OCCURRENCES[1]! + DAY)).toEqual([]);
    // A cancelled series is never listed.
    s.jobs = [];
    s.rows = [booking({ status: 'cancelled' })];
    expect(await upcomingBookings(s.repos, T, LI, OCCURRENCES[1]! + DAY)).toEqual([]);
  });
});
