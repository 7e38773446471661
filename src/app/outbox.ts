/**
 * The outbox: every calendar write of a booking is a durable job in the store's `job` table.
 *
 * - `calendar.write` (one per participant) is enqueued IN THE SAME TRANSACTION as the booking
 *   (`bookSlot({ jobs })`): a process killed between the commit and the writes leaves the jobs queued,
 *   and any worker finishes them after a restart. The write uses the booking's per-person idempotency
 *   key, so a write that reached the provider before the crash is not duplicated (the connectors
 *   return the existing event for a known key), and an event already recorded is never written again.
 * - `calendar.update` (reschedule) updates the recorded provider event IN PLACE (`updateFor`).
 * - `calendar.delete` (cancel, compensation) deletes the recorded provider event (idempotent).
 * - `calendar.series` (./manage-series.ts) changes one occurrence of a recorded series event (cancel, move,
 *   end the series there) through the provider's exception mechanism (`changeSeriesFor`, idempotent).
 *   A refusal does not cancel anything: the organiser and that person are told by DM that this calendar
 *   may still show the occurrence as it was.
 * - `reminder.dm` (see ./reminders.ts) shares the worker.
 *
 * Failure policy of a calendar write (documented in the README):
 * - `read_only`, `not_linked`, `no_write_calendar`: not a failure, the meeting is kept in Convene.
 * - transient (`unavailable`, `rate_limited`, timeouts, `unknown` and any unlisted code): retried with exponential
 *   backoff (`jobs.fail`); when the job runs out of attempts it is a permanent refusal.
 * - `reauth_required`: retried (the person may link again) up to `REAUTH_ATTEMPTS`, then permanent.
 * - `not_found`, `consent_required`, `invalid_request`, `conflict`, `quota_exceeded`,
 *   `mailbox_unavailable`: permanent at once.
 * - A permanent refusal of a WRITE compensates: the booking is cancelled (time freed), every event
 *   already written is deleted (`calendar.delete` jobs), its reminders withdrawn, and the organiser
 *   and the participants are told by DM, in their language, that the meeting is NOT booked.
 * - A permanent refusal of an UPDATE (reschedule) does not cancel the moved meeting (everyone was told
 *   the new time): the organiser and that person are told by DM that this calendar shows the old time.
 *
 * Delivery is at least once per job (a worker killed after the side effect but before `complete`
 * retries after the lease); the calendar side effects are idempotent, so the result is exactly once.
 */

import type {
  EventEditor,
  EventWriter,
  Notifier,
  SeriesChange,
  SeriesOccurrenceEditor,
  WriteOutcome,
} from './ports/calendars.ts';
import type { JobMetrics } from './ports/metrics.ts';
import type { EventDraft, WrittenEvent } from './ports/provider.ts';

export type { DeleteOutcome, EventEditor, EventTarget } from './ports/calendars.ts';

import { t } from './i18n/index.ts';
import type { Booking, CalendarEventRecord, EnqueueInput, Job, Repositories } from './ports/store.ts';
import { REMINDER_JOB, runReminderJob } from './reminders.ts';
import { eventRecurrence } from './series.ts';
import { bookingSeries } from './series-changes.ts';
import { bookedTurns, turnEvent } from './series-turns.ts';
import { slotLabel, toLocale } from './views.ts';

export const CALENDAR_WRITE_JOB = 'calendar.write';
export const CALENDAR_UPDATE_JOB = 'calendar.update';
export const CALENDAR_DELETE_JOB = 'calendar.delete';
export const CALENDAR_SERIES_JOB = 'calendar.series';
export const OUTBOX_KINDS = [
  CALENDAR_WRITE_JOB,
  CALENDAR_UPDATE_JOB,
  CALENDAR_DELETE_JOB,
  CALENDAR_SERIES_JOB,
  REMINDER_JOB,
];

/** A `reauth_required` write is retried this many times (giving the person time to link again). */
export const REAUTH_ATTEMPTS = 3;
/** Calendar jobs run this long after the booking unless the booking request wrote inline first. */
export const OUTBOX_GRACE_MS = 15_000;
export const DEFAULT_LEASE_MS = 60_000;

const KEPT_IN_CONVENE = new Set(['read_only', 'not_linked', 'no_write_calendar']);
const PERMANENT = new Set([
  // A series the calendar cannot express (e.g. a rule Outlook's patternedRecurrence cannot say).
  'recurrence_unsupported',
  // A series change the calendar cannot make (./manage-series.ts).
  'series_unsupported',
  'occurrence_not_found',
  'first_occurrence',
  'not_found',
  'consent_required',
  'invalid_request',
  'conflict',
  'forbidden',
  'quota_exceeded',
  'mailbox_unavailable',
]);

export type FailureClass = 'kept' | 'transient' | 'reauth' | 'permanent';

export function classifyWriteFailure(code: string): FailureClass {
  if (KEPT_IN_CONVENE.has(code)) return 'kept';
  if (code === 'reauth_required') return 'reauth';
  if (PERMANENT.has(code)) return 'permanent';
  return 'transient';
}

export type OutboxStore = Pick<Repositories, 'jobs' | 'bookings' | 'people' | 'preferences'> &
  Partial<Pick<Repositories, 'requests'>>;

/** Runs a job of another kind on the same worker (e.g. the calendar sync jobs of ./calendar-sync). */
export type JobHandler = (
  job: Job,
  now: number,
) => Promise<{ readonly kind: 'done' } | { readonly kind: 'retry'; readonly error: string }>;

export interface OutboxDeps {
  readonly store: OutboxStore;
  readonly writer: EventWriter & Partial<EventEditor> & Partial<SeriesOccurrenceEditor>;
  readonly notifier: Notifier;
  /** More job kinds for this worker, keyed by kind (claimed along with the outbox's own). */
  readonly handlers?: Readonly<Record<string, JobHandler>>;
  readonly log?: (line: string) => void;
  /** Job lag (claim time − due time) by kind (src/observability/metrics.ts). */
  readonly metrics?: JobMetrics;
}

export interface CalendarJobPayload {
  readonly bookingId: string;
  readonly personId: string;
}

export function personEventKey(booking: Pick<Booking, 'idempotencyKey'>, personId: string): string {
  return `${booking.idempotencyKey}:person:${personId}`;
}

/** Dedupe-key prefix of every job of a booking (`<kind>:<bookingId>:…`). */
export function jobKey(kind: string, bookingId: string, ...rest: (string | number)[]): string {
  return [kind, bookingId, ...rest].join(':');
}

/** The `calendar.write` jobs of a new booking (one per participant). */
export function writeJobs(booking: Booking, runAt: number): EnqueueInput[] {
  return booking.participantIds.map((personId) => ({
    kind: CALENDAR_WRITE_JOB,
    tenantId: booking.tenantId,
    payload: { bookingId: booking.id, personId } satisfies CalendarJobPayload,
    runAt,
    dedupeKey: jobKey(CALENDAR_WRITE_JOB, booking.id, personId),
  }));
}

/** The `calendar.update` jobs of a moved booking (one per participant and move, `now` the move's clock). */
export function updateJobs(booking: Booking, now: number): EnqueueInput[] {
  return booking.participantIds.map((personId) => ({
    kind: CALENDAR_UPDATE_JOB,
    tenantId: booking.tenantId,
    payload: { bookingId: booking.id, personId } satisfies CalendarJobPayload,
    runAt: now,
    dedupeKey: jobKey(CALENDAR_UPDATE_JOB, booking.id, personId, booking.start, now),
  }));
}

export interface SeriesJobPayload extends CalendarJobPayload {
  readonly change: SeriesChange;
}

/**
 * The `calendar.series` jobs of one series change (one per participant). The key names the change (and
 * for a move its new start and `now`, so moving again, or back, is a new job).
 */
export function seriesJobs(booking: Booking, change: SeriesChange, now: number): EnqueueInput[] {
  const what =
    change.kind === 'move'
      ? [change.kind, change.originalStart, change.start, now]
      : [change.kind, change.originalStart];
  return booking.participantIds.map((personId) => ({
    kind: CALENDAR_SERIES_JOB,
    tenantId: booking.tenantId,
    payload: { bookingId: booking.id, personId, change } satisfies SeriesJobPayload,
    runAt: now,
    dedupeKey: jobKey(CALENDAR_SERIES_JOB, booking.id, personId, ...what),
  }));
}

/** The `calendar.delete` jobs of a cancelled booking (one per participant). */
export function deleteJobs(booking: Booking, runAt: number): EnqueueInput[] {
  return booking.participantIds.map((personId) => ({
    kind: CALENDAR_DELETE_JOB,
    tenantId: booking.tenantId,
    payload: { bookingId: booking.id, personId } satisfies CalendarJobPayload,
    runAt,
    dedupeKey: jobKey(CALENDAR_DELETE_JOB, booking.id, personId),
  }));
}

export async function draftFor(
  store: Pick<Repositories, 'people' | 'preferences'> & Partial<Pick<Repositories, 'requests'>>,
  booking: Booking,
  personId: string,
): Promise<Omit<EventDraft, 'calendarId'>> {
  // A series booking is written as ONE recurring event (the request's recurrence, ./series.ts).
  const series = store.requests ? await bookingSeries({ requests: store.requests }, booking) : null;
  const people = await Promise.all(
    booking.participantIds.map((id) => store.people.get(booking.tenantId, id)),
  );
  const organiserPrefs = booking.organizerId
    ? await store.preferences.get(booking.tenantId, booking.organizerId)
    : null;
  // A member taking turns per occurrence: ONE recurring event for their turn (./series-turns.ts).
  const turns = bookedTurns(series, booking);
  const own = turns ? turnEvent(turns, personId, booking.end - booking.start) : null;
  return {
    idempotencyKey: personEventKey(booking, personId),
    title: booking.title,
    start: own?.start ?? booking.start,
    end: own?.end ?? booking.end,
    timeZone: organiserPrefs?.timeZone ?? 'UTC',
    attendees: people.flatMap((p) => (p?.email ? [{ email: p.email, name: p.displayName }] : [])),
    conference: true,
    ...(own
      ? { recurrence: own.recurrence }
      : series
        ? { recurrence: eventRecurrence(series.rule, series.zone) }
        : {}),
  };
}

function liveEvent(booking: Booking, personId: string): CalendarEventRecord | undefined {
  return booking.events.find(
    (e) => e.personId === personId && e.status === 'created' && e.providerEventId !== null,
  );
}

function removedByParticipant(booking: Booking, personId: string): boolean {
  return booking.events.some(
    (e) => e.personId === personId && e.status === 'deleted' && e.providerEventId !== null,
  );
}

/**
 * Records a confirmed write of the event's current times (the only times now expected of it): the booking's,
 * or a member's own turn's first occurrence (`draft`).
 */
async function record(
  store: OutboxStore,
  booking: Booking,
  personId: string,
  connectionId: string,
  calendarId: string,
  event: WrittenEvent,
  draft: Pick<EventDraft, 'start' | 'end'> = booking,
): Promise<void> {
  await store.bookings.recordEvent(booking.tenantId, booking.id, {
    personId,
    calendarId,
    connectionId,
    providerEventId: event.eventId,
    iCalUID: event.iCalUID ?? null,
    status: 'created',
    expected: [[draft.start, draft.end]],
  });
}

export interface OutboxRunResult {
  readonly claimed: number;
  readonly done: number;
  readonly retried: number;
  readonly dead: number;
  readonly compensated: number;
}

type JobResult =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly error: string }
  | { readonly kind: 'compensate'; readonly error: string };

/**
 * Claims the due outbox and reminder jobs once and runs them. `now` is the clock (epoch ms); `worker`
 * names this process (a replica id): concurrent workers never get the same job (SKIP LOCKED).
 */
export async function runOutboxOnce(
  deps: OutboxDeps,
  options: { worker: string; now: number; limit?: number; leaseMs?: number; kinds?: readonly string[] },
): Promise<OutboxRunResult> {
  const { store } = deps;
  const jobs = await store.jobs.claim(options.worker, {
    limit: options.limit ?? 20,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    now: options.now,
    kinds: options.kinds ?? [...OUTBOX_KINDS, ...Object.keys(deps.handlers ?? {})],
  });
  let done = 0;
  let retried = 0;
  let dead = 0;
  let compensated = 0;
  for (const job of jobs)
    deps.metrics?.jobLag.observe({ kind: job.kind }, Math.max(0, options.now - job.runAt) / 1000);
  for (const job of jobs) {
    let result: JobResult;
    try {
      result = await runJob(deps, job, options.now);
    } catch (error) {
      // An outage (database, notifier): retry later.
      result = { kind: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
    if (result.kind === 'retry') {
      const after = await store.jobs.fail(job.id, options.worker, result.error, options.now);
      if (after?.status === 'dead') {
        dead++;
        const why = `gave up after ${after.attempts} attempts: ${result.error}`;
        if (job.kind === CALENDAR_WRITE_JOB) {
          await compensate(deps, job, why, options.now);
          compensated++;
        } else if (job.kind === CALENDAR_UPDATE_JOB) {
          await reportStaleEvent(deps, job, why);
          compensated++;
        } else if (job.kind === CALENDAR_SERIES_JOB) {
          await reportSeriesNotChanged(deps, job, why);
          compensated++;
        }
      } else retried++;
      continue;
    }
    if (result.kind === 'compensate') {
      if (job.kind === CALENDAR_WRITE_JOB) await compensate(deps, job, result.error, options.now);
      else if (job.kind === CALENDAR_SERIES_JOB) await reportSeriesNotChanged(deps, job, result.error);
      else await reportStaleEvent(deps, job, result.error);
      compensated++;
    }
    await store.jobs.complete(job.id, options.worker);
    done++;
  }
  return { claimed: jobs.length, done, retried, dead, compensated };
}

/**
 * A moved meeting whose event could not be updated in one calendar: the booking stands at its new
 * time in Convene (everyone was told the new time), but that calendar still shows the old one. The
 * organiser and that person are told by DM, in their language.
 */
async function reportStaleEvent(deps: OutboxDeps, job: Job, reason: string): Promise<void> {
  const payload = payloadOf(job);
  if (!payload || !job.tenantId) return;
  const { store } = deps;
  const booking = await store.bookings.get(job.tenantId, payload.bookingId);
  if (booking?.status !== 'booked') return;
  deps.log?.(`outbox: event of ${payload.personId} for booking ${booking.id} not updated (${reason})`);
  const person = await store.people.get(job.tenantId, payload.personId);
  const recipients = [...new Set([...(booking.organizerId ? [booking.organizerId] : []), payload.personId])];
  for (const personId of recipients) {
    const prefs = await store.preferences.get(job.tenantId, personId);
    const locale = toLocale(prefs?.locale);
    const when = slotLabel(booking.start, booking.end, prefs?.timeZone ?? 'UTC', locale);
    const text = t(locale, 'booking.outbox.staleEvent', {
      title: booking.title,
      when,
      name: person?.displayName ?? '?',
    });
    await deps.notifier.dm(job.tenantId, personId, { text });
  }
}

/**
 * A series change one calendar refused: nothing is undone (everyone was told), but the organiser and that
 * person are told by DM, in their language, that this calendar may still show the occurrence as it was.
 */
async function reportSeriesNotChanged(deps: OutboxDeps, job: Job, reason: string): Promise<void> {
  const payload = payloadOf(job);
  const change = seriesChangeOf(job);
  if (!payload || !change || !job.tenantId) return;
  const { store } = deps;
  const booking = await store.bookings.get(job.tenantId, payload.bookingId);
  if (booking?.status !== 'booked') return;
  deps.log?.(
    `outbox: series change of ${payload.personId} for booking ${booking.id} not applied (${reason})`,
  );
  const person = await store.people.get(job.tenantId, payload.personId);
  const recipients = [...new Set([...(booking.organizerId ? [booking.organizerId] : []), payload.personId])];
  const duration = booking.end - booking.start;
  for (const personId of recipients) {
    const prefs = await store.preferences.get(job.tenantId, personId);
    const locale = toLocale(prefs?.locale);
    const when = slotLabel(
      change.originalStart,
      change.originalStart + duration,
      prefs?.timeZone ?? 'UTC',
      locale,
    );
    const text = t(locale, 'occurrences.outbox.notChanged', {
      title: booking.title,
      when,
      name: person?.displayName ?? '?',
    });
    await deps.notifier.dm(job.tenantId, personId, { text });
  }
}

function seriesChangeOf(job: Job): SeriesChange | null {
  const change = (job.payload as Partial<SeriesJobPayload> | null)?.change;
  if (!change || typeof change.originalStart !== 'number') return null;
  if (change.kind === 'cancel' || change.kind === 'end') return change;
  if (
    (change.kind === 'move' || change.kind === 'restore') &&
    typeof change.start === 'number' &&
    typeof change.end === 'number'
  )
    return change;
  return null;
}

function payloadOf(job: Job): CalendarJobPayload | null {
  const p = job.payload as Partial<CalendarJobPayload> | null;
  return p && typeof p.bookingId === 'string' && typeof p.personId === 'string'
    ? { bookingId: p.bookingId, personId: p.personId }
    : null;
}

async function runJob(deps: OutboxDeps, job: Job, now: number): Promise<JobResult> {
  if (job.kind === REMINDER_JOB) return runReminderJob(deps, job, now);
  const handler = deps.handlers?.[job.kind];
  if (handler) return handler(job, now);
  const payload = payloadOf(job);
  if (!payload || !job.tenantId) return { kind: 'done' };
  const booking = await deps.store.bookings.get(job.tenantId, payload.bookingId);
  if (!booking) return { kind: 'done' };
  if (job.kind === CALENDAR_WRITE_JOB) return runWrite(deps, job, booking, payload.personId);
  if (job.kind === CALENDAR_UPDATE_JOB) return runUpdate(deps, job, booking, payload.personId);
  if (job.kind === CALENDAR_DELETE_JOB) return runDelete(deps, booking, payload.personId);
  if (job.kind === CALENDAR_SERIES_JOB) return runSeriesChange(deps, job, booking, payload.personId);
  return { kind: 'done' };
}

function failureResult(job: Job, outcome: Extract<WriteOutcome, { ok: false }>): JobResult {
  const error = `${outcome.code}: ${outcome.message}`.slice(0, 500);
  const kind = classifyWriteFailure(outcome.code);
  if (kind === 'kept') return { kind: 'done' };
  if (kind === 'permanent') return { kind: 'compensate', error };
  if (kind === 'reauth' && job.attempts >= REAUTH_ATTEMPTS) return { kind: 'compensate', error };
  return { kind: 'retry', error };
}

async function runWrite(deps: OutboxDeps, job: Job, booking: Booking, personId: string): Promise<JobResult> {
  const { store } = deps;
  if (booking.status !== 'booked' || liveEvent(booking, personId)) return { kind: 'done' };
  // The event was written and the participant has since deleted it (two-way sync recorded it and the
  // organiser decides, or the `follow` policy kept the meeting without them): a write job still queued
  // from the booking must not put it back. Only "Keep the original time" writes it again (an update job).
  if (removedByParticipant(booking, personId)) return { kind: 'done' };
  const draft = await draftFor(store, booking, personId);
  const outcome = await deps.writer.writeFor(booking.tenantId, personId, draft);
  if (!outcome.ok) {
    const result = failureResult(job, outcome);
    if (result.kind !== 'done')
      await store.bookings.recordEvent(booking.tenantId, booking.id, {
        personId,
        calendarId: outcome.calendarId ?? outcome.connectionId ?? 'unknown',
        connectionId: outcome.connectionId,
        status: 'failed',
        lastError: `${outcome.code}: ${outcome.message}`.slice(0, 500),
      });
    return result;
  }
  await record(store, booking, personId, outcome.connectionId, outcome.calendarId, outcome.event, draft);
  // Cancelled while we wrote: the delete job may have run before our event existed.
  const after = await store.bookings.get(booking.tenantId, booking.id);
  if (after && after.status === 'cancelled') {
    await store.jobs.enqueue({
      ...deleteJobs(after, 0).find((j) => (j.payload as CalendarJobPayload).personId === personId)!,
      dedupeKey: jobKey(CALENDAR_DELETE_JOB, booking.id, personId, 'late'),
    });
  }
  return { kind: 'done' };
}

async function runUpdate(deps: OutboxDeps, job: Job, booking: Booking, personId: string): Promise<JobResult> {
  const { store, writer } = deps;
  if (booking.status !== 'booked') return { kind: 'done' };
  const draft = await draftFor(store, booking, personId);
  let event = liveEvent(booking, personId);
  if (!event) {
    // Never recorded: the write job writes the current time. But the first write may have reached the
    // provider without being recorded (a crash): writing with the same key returns that event.
    const written = await writer.writeFor(booking.tenantId, personId, draft);
    if (!written.ok) return failureResult(job, written);
    await record(store, booking, personId, written.connectionId, written.calendarId, written.event, draft);
    const again = await store.bookings.get(booking.tenantId, booking.id);
    event = again ? liveEvent(again, personId) : undefined;
    if (!event) return { kind: 'done' };
  }
  if (!writer.updateFor)
    return { kind: 'compensate', error: 'unsupported: the event writer cannot update events' };
  // Announce the times about to be written BEFORE the call: a sync listing the event in between (or a
  // provider that commits and then times out) sees Convene's own write, not a participant's move.
  const expecting = [...event.expected.filter(([s, e]) => s !== draft.start || e !== draft.end)];
  await store.bookings.recordEvent(booking.tenantId, booking.id, {
    personId,
    calendarId: event.calendarId,
    connectionId: event.connectionId,
    providerEventId: event.providerEventId,
    iCalUID: event.iCalUID,
    status: 'created',
    expected: [...expecting, [draft.start, draft.end]],
  });
  const outcome = await writer.updateFor(
    booking.tenantId,
    personId,
    { connectionId: event.connectionId, calendarId: event.calendarId, eventId: event.providerEventId! },
    draft,
  );
  if (!outcome.ok) return failureResult(job, outcome);
  await record(store, booking, personId, outcome.connectionId, outcome.calendarId, outcome.event, draft);
  return { kind: 'done' };
}

async function runSeriesChange(
  deps: OutboxDeps,
  job: Job,
  booking: Booking,
  personId: string,
): Promise<JobResult> {
  const change = seriesChangeOf(job);
  if (!change || booking.status !== 'booked') return { kind: 'done' };
  const event = liveEvent(booking, personId);
  if (!event) {
    // Removed by the participant: nothing to change. Not written yet: the write job comes first.
    if (removedByParticipant(booking, personId)) return { kind: 'done' };
    return { kind: 'retry', error: 'the series is not written to this calendar yet' };
  }
  if (!deps.writer.changeSeriesFor)
    return { kind: 'compensate', error: 'unsupported: the event writer cannot change occurrences' };
  const outcome = await deps.writer.changeSeriesFor(
    booking.tenantId,
    personId,
    { connectionId: event.connectionId, calendarId: event.calendarId, eventId: event.providerEventId! },
    change,
  );
  if (outcome.ok) return { kind: 'done' };
  // Cancelling an occurrence that is not there (any more) reaches the goal; so does a calendar that is gone.
  if (change.kind === 'cancel' && outcome.code === 'occurrence_not_found') return { kind: 'done' };
  if (['not_found', 'not_linked', 'read_only'].includes(outcome.code)) return { kind: 'done' };
  return failureResult(job, { ...outcome, connectionId: event.connectionId });
}

async function runDelete(deps: OutboxDeps, booking: Booking, personId: string): Promise<JobResult> {
  const { store, writer } = deps;
  const events = booking.events.filter(
    (e) => e.personId === personId && e.status === 'created' && e.providerEventId !== null,
  );
  for (const event of events) {
    if (!writer.deleteFor)
      return { kind: 'retry', error: 'unsupported: the event writer cannot delete events' };
    const target = {
      connectionId: event.connectionId,
      calendarId: event.calendarId,
      eventId: event.providerEventId!,
    };
    const outcome = await writer.deleteFor(booking.tenantId, personId, target);
    // A calendar that is gone or read-only has nothing left to delete.
    if (!outcome.ok && !['not_found', 'not_linked', 'read_only'].includes(outcome.code))
      return { kind: 'retry', error: `${outcome.code}: ${outcome.message}` };
    await store.bookings.recordEvent(booking.tenantId, booking.id, {
      personId,
      calendarId: event.calendarId,
      connectionId: event.connectionId,
      providerEventId: event.providerEventId,
      iCalUID: event.iCalUID,
      status: 'deleted',
    });
  }
  return { kind: 'done' };
}

/**
 * A calendar permanently refused a booking's write: cancel the booking (freeing the time), delete
 * what was written, withdraw its reminders, and tell everyone by DM that it is NOT booked.
 */
export async function compensate(deps: OutboxDeps, job: Job, reason: string, now: number): Promise<void> {
  const payload = payloadOf(job);
  if (!payload || !job.tenantId) return;
  await compensateBooking(deps, job.tenantId, payload.bookingId, payload.personId, reason, now);
}

export async function compensateBooking(
  deps: {
    readonly store: Pick<Repositories, 'bookings' | 'people' | 'preferences'>;
    readonly notifier: Notifier;
    readonly log?: (line: string) => void;
  },
  tenantId: string,
  bookingId: string,
  refusedPersonId: string,
  reason: string,
  now: number,
): Promise<boolean> {
  const { store } = deps;
  const cancelled = await store.bookings.cancel(tenantId, bookingId, {
    withdrawJobs: jobKeyPrefixOfBooking(REMINDER_JOB, bookingId),
    jobs: (b) => deleteJobs(b, now),
  });
  if (!cancelled) return false; // Already cancelled (by another job's compensation, or by a person).
  deps.log?.(`outbox: booking ${bookingId} cancelled: ${refusedPersonId}'s calendar refused it (${reason})`);
  const booking = await store.bookings.get(tenantId, bookingId);
  if (!booking) return true;
  const refused = await store.people.get(tenantId, refusedPersonId);
  const name = refused?.displayName ?? '?';
  const recipients = [
    ...new Set([...(booking.organizerId ? [booking.organizerId] : []), ...booking.participantIds]),
  ];
  for (const personId of recipients) {
    const prefs = await store.preferences.get(tenantId, personId);
    const locale = toLocale(prefs?.locale);
    const when = slotLabel(booking.start, booking.end, prefs?.timeZone ?? 'UTC', locale);
    const text = t(locale, 'booking.outbox.notBooked', { title: booking.title, when, name });
    const sent = await deps.notifier.dm(tenantId, personId, { text });
    if (!sent.ok) deps.log?.(`outbox: could not DM ${personId} (${sent.code})`);
  }
  return true;
}

export function jobKeyPrefixOfBooking(kind: string, bookingId: string): string {
  return `${kind}:${bookingId}:`;
}

export interface WorkerLoopOptions {
  readonly worker: string;
  /** Pause between runs when nothing was due. Default 5 s. */
  readonly idleMs?: number;
  readonly clock?: () => number;
  /** Injectable timer (tests). Resolves after `ms` or when `signal` aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * Finished jobs of these kinds are deleted once older than their retention (ms): at most `pruneBatch`
   * (default 500) per kind on each pass that found nothing due, so the work per pass stays bounded.
   */
  readonly retention?: Readonly<Record<string, number>>;
  readonly pruneBatch?: number;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Runs the outbox and reminder jobs until `stop()`: `runOutboxOnce` again at once while it finds
 * work, after `idleMs` otherwise. An outage is logged and retried after `idleMs`.
 */
export function startWorkers(deps: OutboxDeps, options: WorkerLoopOptions): { stop(): Promise<void> } {
  const controller = new AbortController();
  const clock = options.clock ?? (() => Date.now());
  const sleep = options.sleep ?? defaultSleep;
  const idleMs = options.idleMs ?? 5_000;
  const loop = (async () => {
    while (!controller.signal.aborted) {
      let claimed = 0;
      try {
        claimed = (await runOutboxOnce(deps, { worker: options.worker, now: clock() })).claimed;
      } catch (error) {
        deps.log?.(`outbox: run failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (claimed === 0 && !controller.signal.aborted) {
        for (const [kind, retentionMs] of Object.entries(options.retention ?? {})) {
          try {
            await deps.store.jobs.pruneFinished(kind, clock() - retentionMs, options.pruneBatch ?? 500);
          } catch (error) {
            deps.log?.(
              `outbox: pruning ${kind} failed: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }
        await sleep(idleMs, controller.signal);
      }
    }
  })();
  return {
    async stop() {
      controller.abort();
      await loop;
    },
  };
}
