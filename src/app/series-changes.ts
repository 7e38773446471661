/**
 * What is left of a booked series (issue #22): its occurrences (the rule of its request, from the
 * booking's first start) as the booking's stored occurrence exceptions leave them
 * (`BookingRepository.occurrences`, recorded by ./manage-series.ts before its calendar jobs): a
 * cancelled one is gone, a moved one is at its new time, and from an `ended` one on nothing is left.
 * Shared by the series buttons (./manage-series.ts) and the upcoming list (./manage-booking.ts).
 */
import type { Interval } from '../core/interval.ts';
import { type SeriesRule, turnOf } from '../core/series.ts';
import type { Booking, OccurrenceException, Repositories } from './ports/store.ts';
import { occurrenceStarts, seriesOf } from './series.ts';

/** One occurrence still on: named by its ORIGINAL start (the id), held at `start`–`end` (moved or not). */
export interface LiveOccurrence extends Interval {
  readonly original: number;
  /** Its place in the rule's order (0 = the series' first occurrence), cancelled ones counted. */
  readonly index: number;
}

/**
 * The occurrences still on given the rule's original `starts`, the duration and the stored exceptions,
 * ordered by their current start (a moved one at its new time). Pure; bounded by `starts`.
 */
export function liveOccurrences(
  starts: readonly number[],
  duration: number,
  exceptions: readonly OccurrenceException[],
): LiveOccurrence[] {
  let endFrom = Number.POSITIVE_INFINITY;
  const cancelled = new Set<number>();
  const moved = new Map<number, Interval>();
  for (const x of exceptions) {
    if (x.status === 'ended') endFrom = Math.min(endFrom, x.originalStart);
    else if (x.status === 'cancelled') cancelled.add(x.originalStart);
    else if (x.status === 'moved') moved.set(x.originalStart, { start: x.start, end: x.end });
  }
  return starts
    .map((s, index) => ({ original: s, index, ...(moved.get(s) ?? { start: s, end: s + duration }) }))
    .filter((o) => o.original < endFrom && !cancelled.has(o.original))
    .sort((a, b) => a.start - b.start || a.original - b.original);
}

/**
 * The occurrences `personId` attends: all of them, unless the booking is a team's taking turns per
 * occurrence and the person is one of its members (./series-turns.ts), then their own turn's only.
 */
export function attendedBy(
  booking: Pick<Booking, 'turns'>,
  personId: string | undefined,
  occurrences: readonly LiveOccurrence[],
): LiveOccurrence[] {
  const turn = personId === undefined ? undefined : booking.turns?.byPerson[personId];
  if (turn === undefined || !booking.turns) return [...occurrences];
  const of = booking.turns.of;
  return occurrences.filter((o) => turnOf(o.index, of) === turn);
}

/**
 * The booking's series (its request's rule and the zone its occurrences keep their wall-clock time in), or
 * null for a single meeting. Bounded: one proposal and one request read.
 */
export async function bookingSeries(
  store: { readonly requests: Pick<Repositories['requests'], 'get' | 'getProposal'> },
  booking: Pick<Booking, 'tenantId' | 'proposalId'>,
): Promise<{ rule: SeriesRule; zone: string } | null> {
  if (!booking.proposalId) return null;
  const proposal = await store.requests.getProposal(booking.tenantId, booking.proposalId);
  return proposal ? seriesOf(await store.requests.get(booking.tenantId, proposal.requestId)) : null;
}

/**
 * The series' occurrences still on (`liveOccurrences`), or null when the booking is not a series.
 * Without `store.bookings`, every occurrence of the rule at its original time. Bounded: one request read
 * and one `occurrences` read; at most MAX_REMINDED_OCCURRENCES occurrences.
 */
export async function remainingOccurrences(
  store: Pick<Repositories, 'requests'> & Partial<Pick<Repositories, 'bookings'>>,
  booking: Booking,
): Promise<LiveOccurrence[] | null> {
  const series = await bookingSeries(store, booking);
  if (!series) return null;
  const exceptions = store.bookings ? await store.bookings.occurrences(booking.tenantId, booking.id) : [];
  return liveOccurrences(
    occurrenceStarts(series.rule, booking.start, series.zone),
    booking.end - booking.start,
    exceptions,
  );
}
