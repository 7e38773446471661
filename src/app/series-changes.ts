/**
 * What is left of a booked series (issue #22): its occurrences (the rule of its request, from the
 * booking's first start) minus those already cancelled and those at or after an end ("this and
 * following"), as recorded by the booking's `calendar.series` jobs (./outbox.ts: the booking keeps its
 * rule; the jobs are the record until they are pruned). Shared by the series buttons
 * (./manage-series.ts) and the upcoming list (./manage-booking.ts).
 */
import { CALENDAR_SERIES_JOB, jobKeyPrefixOfBooking, type SeriesJobPayload } from './outbox.ts';
import type { Booking, Repositories } from './ports/store.ts';
import { occurrenceStarts, seriesOf } from './series.ts';

/**
 * The occurrences already cancelled, and where the series was ended, from the booking's jobs. A job the
 * store cancelled is not a change. Bounded: one job per participant and change.
 */
export async function changedOccurrences(
  jobs: Pick<Repositories['jobs'], 'listByDedupePrefix'>,
  bookingId: string,
): Promise<{ cancelled: number[]; endFrom: number | null }> {
  const cancelled: number[] = [];
  let endFrom: number | null = null;
  for (const job of await jobs.listByDedupePrefix(jobKeyPrefixOfBooking(CALENDAR_SERIES_JOB, bookingId))) {
    const change = (job.payload as Partial<SeriesJobPayload> | null)?.change;
    if (job.status === 'cancelled' || !change || typeof change.originalStart !== 'number') continue;
    if (change.kind === 'cancel') cancelled.push(change.originalStart);
    if (change.kind === 'end') endFrom = Math.min(endFrom ?? change.originalStart, change.originalStart);
  }
  return { cancelled, endFrom };
}

/**
 * The original starts of the series' occurrences still on (not cancelled, before an end), or null when
 * the booking is not a series. Without the store's jobs, every occurrence of the rule. Bounded: at most
 * MAX_REMINDED_OCCURRENCES starts.
 */
export async function remainingOccurrences(
  store: Pick<Repositories, 'requests'> & Partial<Pick<Repositories, 'jobs'>>,
  booking: Booking,
): Promise<number[] | null> {
  if (!booking.proposalId) return null;
  const proposal = await store.requests.getProposal(booking.tenantId, booking.proposalId);
  const series = proposal ? seriesOf(await store.requests.get(booking.tenantId, proposal.requestId)) : null;
  if (!series) return null;
  const gone = store.jobs
    ? await changedOccurrences(store.jobs, booking.id)
    : { cancelled: [], endFrom: null };
  return occurrenceStarts(series.rule, booking.start, series.zone).filter(
    (s) => !gone.cancelled.includes(s) && (gone.endFrom === null || s < gone.endFrom),
  );
}
