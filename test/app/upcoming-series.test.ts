/**
 * `/meet cancel` / `/meet reschedule` list a series while any occurrence is still ahead (issue #22): a
 * series booking's start/end are its FIRST occurrence, so a listing by them lost the series once that
 * one had passed, and with it the series' buttons. `upcomingBookings` also asks the store for the
 * person's ongoing series (`listOngoingSeries`: the stored end of the last occurrence is ahead), shows
 * each at its next occurrence as the booking's stored occurrence exceptions leave it (a moved one at its
 * new time, cancelled ones skipped, nothing from an end on) and orders by it; the series buttons
 * (`seriesChoices`) name the same occurrence by its ORIGINAL start. In-memory ports; the store's queries
 * are tested in test/store/repos.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  describeBooking,
  MAX_LISTED_SERIES,
  type UpcomingBooking,
  upcomingBookings,
} from '../../src/app/manage-booking.ts';
import { seriesChoices } from '../../src/app/manage-series.ts';
import type {
  Booking,
  MeetingRequest,
  OccurrenceException,
  Repositories,
} from '../../src/app/ports/store.ts';

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
  /** The series booking's stored occurrence exceptions (`BookingRepository.occurrences`). */
  exceptions: OccurrenceException[] = [];
  readonly seriesAsks: Array<{ after: number; limit: number }> = [];
  /** The bookings whose exceptions were read. */
  readonly exceptionReads: string[] = [];

  get repos(): Pick<Repositories, 'bookings' | 'requests'> {
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
        occurrences: async (_t: string, id: string) => {
          this.exceptionReads.push(id);
          return id === 'b-series' ? this.exceptions : [];
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
    } as unknown as Pick<Repositories, 'bookings' | 'requests'>;
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
    s.exceptions = [{ originalStart: OCCURRENCES[2]!, status: 'cancelled' }];
    const after = OCCURRENCES[1]! + DAY;
    expect((await upcomingBookings(s.repos, T, LI, after))[0]?.next?.start).toBe(OCCURRENCES[3]);
  });

  it('drops a series once its last occurrence has ended, or when what is left was cancelled', async () => {
    const s = new Store();
    s.rows = [booking()];
    expect(await upcomingBookings(s.repos, T, LI, LAST_END)).toEqual([]);
    expect(await upcomingBookings(s.repos, T, LI, LAST_END - 60_000)).toHaveLength(1);
    // A store that still hands the series over (its stored end is ahead) but the series ended earlier.
    s.exceptions = [{ originalStart: OCCURRENCES[2]!, status: 'ended' }];
    expect(await upcomingBookings(s.repos, T, LI, OCCURRENCES[1]! + DAY)).toEqual([]);
    // A cancelled series is never listed.
    s.exceptions = [];
    s.rows = [booking({ status: 'cancelled' })];
    expect(await upcomingBookings(s.repos, T, LI, OCCURRENCES[1]! + DAY)).toEqual([]);
  });

  it('lists a moved occurrence at its new time and orders by it; one exceptions read per series', async () => {
    const s = new Store();
    // 19 March moved to Friday 22 March 15:00 Paris (14:00 UTC); a single meeting on Thursday 21 March.
    const moved = Date.UTC(2030, 2, 22, 14);
    s.exceptions = [{ originalStart: OCCURRENCES[2]!, status: 'moved', start: moved, end: moved + HOUR }];
    s.rows = [booking(), single('thursday', Date.UTC(2030, 2, 21, 9))];
    const now = OCCURRENCES[1]! + DAY;
    const list = await upcomingBookings(s.repos, T, LI, now);
    expect(ids(list)).toEqual(['thursday', 'b-series']);
    expect(list[1]!.next).toEqual({ start: moved, end: moved + HOUR });
    expect(s.exceptionReads).toEqual(['b-series']);
    // Moved before the next occurrence of the rule: it is the next one, and the list is ordered by it.
    const early = Date.UTC(2030, 2, 18, 8);
    s.exceptions = [{ originalStart: OCCURRENCES[3]!, status: 'moved', start: early, end: early + HOUR / 2 }];
    const again = await upcomingBookings(s.repos, T, LI, now);
    expect(ids(again)).toEqual(['b-series', 'thursday']);
    expect(again[0]!.next).toEqual({ start: early, end: early + HOUR / 2 });
    // Once that moved time is over, the next one is the rule's 19 March.
    expect((await upcomingBookings(s.repos, T, LI, early + HOUR))[0]?.next?.start).toBe(OCCURRENCES[2]);
  });
});

describe('seriesChoices: the buttons name the next occurrence still on, by its original start', () => {
  const choices = (s: Store, now: number) => seriesChoices(s.repos, booking(), now, 'Europe/Paris', 'en');

  it('labels a moved occurrence with its new date and keeps its original start as the id', async () => {
    const s = new Store();
    const now = OCCURRENCES[1]! + DAY;
    // 19 March (Tuesday) moved to Friday 22 March.
    const moved = Date.UTC(2030, 2, 22, 14);
    s.exceptions = [{ originalStart: OCCURRENCES[2]!, status: 'moved', start: moved, end: moved + HOUR / 2 }];
    const view = await choices(s, now);
    expect(view?.next.start).toBe(OCCURRENCES[2]);
    expect(view?.move.start).toBe(OCCURRENCES[2]);
    // Its first occurrence has passed: no longer moved whole. Before it, it still is.
    expect(view?.begun).toBe(true);
    expect((await choices(s, FIRST - DAY))?.begun).toBe(false);
    expect(view?.next.label).toContain('22 Mar');
    expect(view?.move.label).toContain('22 Mar');
    expect(view?.next.label).not.toContain('19 Mar');
    // "End the series after Fri 22 Mar" ends from 26 March on.
    expect(view?.endFrom).toMatchObject({ start: OCCURRENCES[3] });
    expect(view?.endFrom?.label).toContain('22 Mar');
  });

  it('skips a cancelled occurrence, offers no end after the last one, and nothing after an end', async () => {
    const s = new Store();
    const now = OCCURRENCES[1]! + DAY;
    s.exceptions = [{ originalStart: OCCURRENCES[2]!, status: 'cancelled' }];
    const view = await choices(s, now);
    expect(view?.next.start).toBe(OCCURRENCES[3]);
    expect(view?.next.label).toContain('26 Mar');
    expect(view?.endFrom).toBeUndefined();
    s.exceptions = [{ originalStart: OCCURRENCES[2]!, status: 'ended' }];
    expect(await choices(s, now)).toBeNull();
    // The moved occurrence is next while its new time is ahead, even once its original time has passed.
    const moved = OCCURRENCES[1]! + 2 * DAY;
    s.exceptions = [{ originalStart: OCCURRENCES[1]!, status: 'moved', start: moved, end: moved + HOUR / 2 }];
    expect((await choices(s, now))?.next.start).toBe(OCCURRENCES[1]);
  });
});

describe('a team taking turns per occurrence: a member sees their own dates', () => {
  const SAM = 'a0000000-0000-4000-8000-000000000003';
  // Li hosts the 1st and 3rd Tuesdays (turn 0), Sam the 2nd and 4th (turn 1); Ana organises and attends all.
  const turns = booking({
    participantIds: [ANA, LI, SAM],
    turns: { of: 2, byPerson: { [LI]: 0, [SAM]: 1 } },
  });
  const store = () => {
    const s = new Store();
    s.rows = [turns];
    return s;
  };

  it('lists the series at the member’s own next date; the organiser at the series’ next one', async () => {
    const now = FIRST - DAY;
    const next = async (personId: string) =>
      (await upcomingBookings(store().repos, T, personId, now)).map((b) => b.next?.start);
    expect(await next(LI)).toEqual([OCCURRENCES[0]]);
    expect(await next(SAM)).toEqual([OCCURRENCES[1]]);
    expect(await next(ANA)).toEqual([OCCURRENCES[0]]);
    // Once Sam's first date has passed, Sam's next one is the fourth Tuesday (Li's third comes before it).
    const later = OCCURRENCES[1]! + DAY;
    expect((await upcomingBookings(store().repos, T, SAM, later)).map((b) => b.next?.start)).toEqual([
      OCCURRENCES[3],
    ]);
  });

  it('offers the member their own date to cancel or move; "end after" still ends the series from the next date', async () => {
    const now = FIRST + DAY;
    const sam = await seriesChoices(store().repos, turns, now, 'Europe/Paris', 'en', SAM);
    expect(sam?.next.start).toBe(OCCURRENCES[1]);
    expect(sam?.move.start).toBe(OCCURRENCES[1]);
    // "End the series after Tue 12 Mar" ends from the 19th on (Li's date), for everyone.
    expect(sam?.endFrom?.start).toBe(OCCURRENCES[2]);
    const li = await seriesChoices(store().repos, turns, now, 'Europe/Paris', 'en', LI);
    expect(li?.next.start).toBe(OCCURRENCES[2]);
    expect(li?.endFrom?.start).toBe(OCCURRENCES[3]);
    const ana = await seriesChoices(store().repos, turns, now, 'Europe/Paris', 'en', ANA);
    expect(ana?.next.start).toBe(OCCURRENCES[1]);
  });
});
