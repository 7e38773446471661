/**
 * Use cases: change one occurrence of a booked series (issue #22) — cancel it, move it, or end the series
 * there ("this and following") — from chat. The whole series is cancelled or moved by ./manage-booking.ts.
 *
 * The same people may do it as cancel/reschedule: the organiser and the participants (`manageableBooking`).
 * An occurrence is named by its ORIGINAL start (where the series' rule puts it). The calendar side goes
 * through the outbox (./outbox.ts): one `calendar.series` job per participant, which the worker applies
 * with the provider's exception mechanism on the ONE recorded series event (Google instance, Graph
 * occurrence, CalDAV EXDATE / RECURRENCE-ID / UNTIL) — never extra single events. Everyone else is told by
 * DM in their language and zone.
 *
 * The occurrence's queued reminders (one `reminder.dm` per participant and occurrence) are withdrawn; a
 * moved occurrence gets new ones at its new time.
 *
 * The booking keeps its rule; each change is also recorded as an occurrence exception of the booking
 * (`BookingRepository.recordOccurrence`: cancelled, moved to …, ended there), BEFORE its calendar jobs run.
 * That record is how a reminder planned at a moved time is found again (an occurrence moved twice, or
 * moved then cancelled), and how two-way sync tells Convene's own occurrence change from a participant's
 * (./calendar-sync.ts).
 */
import type { Interval } from '../core/interval.ts';
import { normalize, subtract } from '../core/intervals.ts';
import { turnOf } from '../core/series.ts';
import { dayStart, localDay } from '../core/zone-offsets.ts';
import { type MessageKey, type Msg, type MsgParams, msg, t } from './i18n/index.ts';
import type { IcsOfferLinks } from './ics-offer.ts';
import {
  type CancelBookingInput,
  type ManageBookingErrorCode,
  type ManagedBookingView,
  manageableBooking,
  noteInThread,
  notifyOthers,
  type RescheduleOptionView,
  rankedNewTimes,
} from './manage-booking.ts';
import { deleteJobs, jobKeyPrefixOfBooking, seriesJobs } from './outbox.ts';
import type { BusyReader, MeetingThreads, Notifier, SeriesChange } from './ports/calendars.ts';
import type { Booking, OccurrenceException, Repositories } from './ports/store.ts';
import {
  REMINDER_JOB,
  type ReminderPayload,
  type ReminderSettings,
  reminderJobs,
  reminderLeads,
} from './reminders.ts';
import { occurrenceStarts } from './series.ts';
import { attendedBy, bookingSeries, liveOccurrences, remainingOccurrences } from './series-changes.ts';
import type { Locale } from './views.ts';
import { dayLabel, slotLabel } from './views.ts';

export interface ManageSeriesDeps {
  readonly store: Pick<Repositories, 'bookings' | 'people' | 'preferences' | 'jobs' | 'requests'>;
  readonly notifier: Notifier;
  /** Move only: the live re-check of the new time. */
  readonly busy?: BusyReader;
  /** Lead times of the moved occurrence's new reminders (default lead without it). */
  readonly reminders?: ReminderSettings;
  /** The conversation the series was booked in hears of a moved occurrence (best effort). */
  readonly threads?: MeetingThreads;
  /**
   * Move this and following: links to the NEW series as an .ics for its participants whose calendar
   * Convene does not write (as the booking confirmation offers them, ./book-meeting.ts). Default: none.
   */
  readonly icsOffers?: IcsOfferLinks;
}

export type ManageSeriesErrorCode =
  | ManageBookingErrorCode
  | 'not_a_series'
  | 'unknown_occurrence'
  | 'occurrence_past'
  | 'first_occurrence'
  /** Move this and following (./series-split.ts): a monthly series moved to another day. */
  | 'following_day'
  /** Move this and following: the day would change the days the series repeats on (or its turns). */
  | 'following_pattern'
  /** Move this and following: the new time is not after the previous occurrence. */
  | 'following_before';

export interface ManageSeriesError {
  readonly code: ManageSeriesErrorCode;
  readonly locale: Locale;
  readonly msg: Msg;
  readonly message: string;
  /** `slot_taken`: who is busy at the new time (ids). */
  readonly busy?: readonly string[];
}

/** What a whole-booking change shows (./manage-booking.ts), for one occurrence. */
export interface ManagedOccurrenceView extends Omit<ManagedBookingView, 'kind'> {
  readonly kind: 'occurrence_cancelled' | 'occurrence_moved' | 'series_ended' | 'following_moved';
  /** The occurrence's original start. `start`/`end`: the new times of a move, else the occurrence's own. */
  readonly occurrence: number;
  /**
   * `following_moved` (./series-split.ts): the NEW series booking (from `start` on); `bookingId` is the old
   * one, which now ends before `occurrence`.
   */
  readonly newBookingId?: string;
  /** `following_moved`: a repeat of a move already made (nothing done twice). */
  readonly alreadyMoved?: boolean;
  /**
   * `following_moved`: the new series as an .ics (./ics-offer.ts) for each of its participants whose
   * calendar Convene does not write, as the booking confirmation offers it (`BookingParticipantView.ics`):
   * who, the link, and its label in the view's language. Absent when none is offered.
   */
  readonly ics?: readonly IcsOfferView[];
}

/** A participant's link to a series as an .ics, and its label. */
export interface IcsOfferView {
  readonly personId: string;
  readonly name: string;
  readonly url: string;
  readonly label: string;
}

export type ManageSeriesResult =
  | { readonly ok: true; readonly view: ManagedOccurrenceView }
  | { readonly ok: false; readonly error: ManageSeriesError };

export interface OccurrenceInput extends CancelBookingInput {
  /** The occurrence's ORIGINAL start, epoch ms. */
  readonly occurrence: number;
}

export interface MoveOccurrenceInput extends OccurrenceInput {
  /** New start, epoch ms; the duration is kept. */
  readonly newStart: number;
}

interface Loaded {
  readonly booking: Booking;
  readonly locale: Locale;
  readonly starts: readonly number[];
  readonly actorZone: string;
  /** The series' zone (its occurrences keep their wall-clock time there). */
  readonly zone: string;
  readonly exceptions: readonly OccurrenceException[];
  /** Where the occurrence is now: its new time when it was moved, otherwise its original time. */
  readonly current: Interval;
  /**
   * The booking as the occurrence sees it: a team taking turns per occurrence leaves out the members whose
   * turn it is not (they neither attend it nor hear of it); no turns left, so its reminders are for all.
   */
  readonly attending: Booking;
}

export function failure(
  locale: Locale,
  code: ManageSeriesErrorCode,
  key: MessageKey,
  busy?: readonly string[],
): ManageSeriesResult {
  return {
    ok: false,
    error: { code, locale, msg: msg(key), message: t(locale, key), ...(busy ? { busy } : {}) },
  };
}

/** The booking (actor allowed, a series, the occurrence one of its future ones), or the refusal. */
export async function load(
  deps: ManageSeriesDeps,
  input: OccurrenceInput,
): Promise<{ ok: true; loaded: Loaded } | { ok: false; result: ManageSeriesResult }> {
  const allowed = await manageableBooking(deps, input);
  if (!allowed.ok) return { ok: false, result: { ok: false, error: allowed.error } };
  const { booking, locale } = allowed;
  const fail = (code: ManageSeriesErrorCode, key: MessageKey) => ({
    ok: false as const,
    result: failure(locale, code, key),
  });
  const series = await bookingSeries(deps.store, booking);
  if (!series) return fail('not_a_series', 'occurrences.error.notASeries');
  // Bounded: at most MAX_REMINDED_OCCURRENCES starts (the ones a series booking plans for).
  const starts = occurrenceStarts(series.rule, booking.start, series.zone);
  if (!Number.isFinite(input.occurrence) || !starts.includes(input.occurrence))
    return fail('unknown_occurrence', 'occurrences.error.unknownOccurrence');
  // Already cancelled, or past the series' end: no longer an occurrence to change.
  const exceptions = await deps.store.bookings.occurrences(booking.tenantId, booking.id);
  if (gone(exceptions, input.occurrence))
    return fail('unknown_occurrence', 'occurrences.error.unknownOccurrence');
  // Started already where it is now (a moved one's new time; its original time may have passed).
  const current = currentTime(exceptions, input.occurrence, booking.end - booking.start);
  if (current.start <= input.now) return fail('occurrence_past', 'occurrences.error.occurrencePast');
  const actorZone =
    (await deps.store.preferences.get(input.tenantId, input.actorPersonId))?.timeZone ?? 'UTC';
  const index = starts.indexOf(input.occurrence);
  const turns = booking.turns;
  const attending: Booking = turns
    ? (({ turns: _, ...rest }) => ({
        ...rest,
        participantIds: booking.participantIds.filter((id) => {
          const turn = turns.byPerson[id];
          return turn === undefined || turnOf(index, turns.of) === turn;
        }),
      }))(booking)
    : booking;
  return {
    ok: true,
    loaded: { booking, locale, starts, actorZone, zone: series.zone, exceptions, current, attending },
  };
}

/** Whether the occurrence at `originalStart` was cancelled, or the series ended at or before it. */
function gone(exceptions: readonly OccurrenceException[], originalStart: number): boolean {
  return exceptions.some(
    (x) =>
      (x.status === 'cancelled' && x.originalStart === originalStart) ||
      (x.status === 'ended' && x.originalStart <= originalStart),
  );
}

/** Where the occurrence at `originalStart` is now: its last move, otherwise its original time. */
export function currentTime(
  exceptions: readonly OccurrenceException[],
  originalStart: number,
  duration: number,
): Interval {
  const moved = exceptions.find((x) => x.status === 'moved' && x.originalStart === originalStart);
  return moved?.status === 'moved'
    ? { start: moved.start, end: moved.end }
    : { start: originalStart, end: originalStart + duration };
}

/** Enqueues the change's outbox jobs (one per participant; the dedupe key makes a repeat harmless). */
export async function enqueue(deps: ManageSeriesDeps, booking: Booking, change: SeriesChange, now: number) {
  for (const job of seriesJobs(booking, change, now)) await deps.store.jobs.enqueue(job);
}

/**
 * Withdraws the queued reminders of the occurrences `match` picks, by ORIGINAL start. A series' reminder
 * names the start it was planned for: a moved occurrence's reminders name its moved start, mapped back
 * to the original through the stored exceptions (so a second move, or a cancel after a move, finds them).
 * Bounded: a booking has at most participants × MAX_REMINDED_OCCURRENCES reminders.
 */
export async function withdrawReminders(
  deps: ManageSeriesDeps,
  booking: Booking,
  exceptions: readonly OccurrenceException[],
  match: (originalStart: number) => boolean,
): Promise<void> {
  const originalOf = new Map<number, number>();
  for (const x of exceptions) if (x.status === 'moved') originalOf.set(x.start, x.originalStart);
  const jobs = await deps.store.jobs.listByDedupePrefix(jobKeyPrefixOfBooking(REMINDER_JOB, booking.id));
  for (const job of jobs) {
    const p = job.payload as Partial<ReminderPayload> | null;
    if (job.status !== 'queued' || !job.dedupeKey || typeof p?.occurrence !== 'number') continue;
    const original = originalOf.get(p.occurrence) ?? p.occurrence;
    // The full key (its occurrence start last, fixed width) as the prefix withdraws that job only.
    if (p.start === booking.start && match(original)) await deps.store.jobs.cancelQueued(job.dedupeKey);
  }
}

/** DMs everyone of the booking but the actor: the catalogue's `key` with the new (and old) time in their zone. */
function notifyOthersOf(
  deps: ManageSeriesDeps,
  booking: Booking,
  actorPersonId: string,
  key: MessageKey,
  now: Interval,
  was?: Interval,
): Promise<{ notified: string[]; notNotified: string[] }> {
  return notifyOthers(deps, booking, actorPersonId, (locale, zone, who) =>
    t(locale, key, {
      who,
      title: booking.title,
      when: slotLabel(now.start, now.end, zone, locale),
      ...(was ? { was: slotLabel(was.start, was.end, zone, locale) } : {}),
    } satisfies MsgParams),
  );
}

/** Cancels one occurrence of a series; the others stay. */
export async function cancelOccurrence(
  deps: ManageSeriesDeps,
  input: OccurrenceInput,
): Promise<ManageSeriesResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result;
  const { locale, actorZone, exceptions, attending: booking } = loaded.loaded;
  const slot = { start: input.occurrence, end: input.occurrence + (booking.end - booking.start) };
  await deps.store.bookings.recordOccurrence(booking.tenantId, booking.id, {
    originalStart: input.occurrence,
    status: 'cancelled',
  });
  await enqueue(deps, booking, { kind: 'cancel', originalStart: input.occurrence }, input.now);
  await withdrawReminders(deps, booking, exceptions, (at) => at === input.occurrence);
  const { notified, notNotified } = await notifyOthersOf(
    deps,
    booking,
    input.actorPersonId,
    'occurrences.cancelled.dm',
    slot,
  );
  return {
    ok: true,
    view: {
      kind: 'occurrence_cancelled',
      locale,
      bookingId: booking.id,
      title: booking.title,
      occurrence: input.occurrence,
      ...slot,
      headline: t(locale, 'occurrences.cancelled.headline', {
        title: booking.title,
        when: slotLabel(slot.start, slot.end, actorZone, locale),
      }),
      notified,
      notNotified,
    },
  };
}

/**
 * Moves one occurrence (the duration is kept). The new time is re-checked live for the participants, the
 * occurrence's own time not counting as busy: its current time (where an earlier move put it, which is
 * where its calendar events are) and its original one. Moving it back to its original time is a move.
 */
export async function moveOccurrence(
  deps: ManageSeriesDeps,
  input: MoveOccurrenceInput,
): Promise<ManageSeriesResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result;
  const { attending: booking, locale, actorZone, exceptions, current } = loaded.loaded;
  const duration = booking.end - booking.start;
  const original = { start: input.occurrence, end: input.occurrence + duration };
  const was = current;
  const to = { start: input.newStart, end: input.newStart + duration };
  if (!Number.isFinite(input.newStart) || input.newStart < input.now)
    return failure(locale, 'invalid_time', 'booking.error.timeInPast');
  if (input.newStart === current.start) return failure(locale, 'invalid_time', 'booking.error.sameTime');
  if (deps.busy) {
    const read = await deps.busy.busyFor(input.tenantId, booking.participantIds, to, { fresh: true });
    const own = normalize([original, current]);
    const busy = read.people
      .filter((p) => subtract(normalize([...p.busy]), own).some((b) => b.start < to.end && b.end > to.start))
      .map((p) => p.personId);
    if (busy.length > 0) return failure(locale, 'slot_taken', 'booking.error.timeNotFree', busy.sort());
  }
  // Recorded before the calendar jobs run: a sync listing the moved occurrence meanwhile sees Convene's move.
  await deps.store.bookings.recordOccurrence(booking.tenantId, booking.id, {
    originalStart: input.occurrence,
    status: 'moved',
    ...to,
  });
  await enqueue(
    deps,
    booking,
    { kind: 'move', originalStart: input.occurrence, start: to.start, end: to.end },
    input.now,
  );
  await withdrawReminders(deps, booking, exceptions, (at) => at === input.occurrence);
  const leads = await reminderLeads(deps.reminders, input.tenantId, booking.participantIds);
  for (const job of reminderJobs(booking, leads, input.now, [to.start])) await deps.store.jobs.enqueue(job);
  const { notified, notNotified } = await notifyOthersOf(
    deps,
    booking,
    input.actorPersonId,
    'occurrences.moved.dm',
    to,
    was,
  );
  // Everyone's calendar changes: the booking's conversation hears it too (as a whole-meeting move does).
  await noteInThread(deps, booking, input.actorPersonId, (who) =>
    t(locale, 'occurrences.moved.thread', {
      who,
      date: dayLabel(input.occurrence, actorZone, locale),
      when: slotLabel(to.start, to.end, actorZone, locale),
      was: slotLabel(was.start, was.end, actorZone, locale),
    }),
  );
  return {
    ok: true,
    view: {
      kind: 'occurrence_moved',
      locale,
      bookingId: booking.id,
      title: booking.title,
      occurrence: input.occurrence,
      ...to,
      headline: t(locale, 'occurrences.moved.headline', {
        title: booking.title,
        when: slotLabel(to.start, to.end, actorZone, locale),
        was: slotLabel(was.start, was.end, actorZone, locale),
      }),
      notified,
      notNotified,
    },
  };
}

/** Days either side of the occurrence's own day `occurrenceMoveOptions` looks at. */
export const MOVE_WINDOW_DAYS = 3;
/** Times offered from the occurrence's own day before the days around it are looked at. */
export const SAME_DAY_SHARE = 3;

export interface OccurrenceMoveOptionsInput extends OccurrenceInput {
  /** How many times to offer. Default 5. */
  readonly count?: number;
}

export interface OccurrenceMoveOptionsView {
  readonly locale: Locale;
  readonly bookingId: string;
  readonly title: string;
  /** The occurrence's original start (what the pick passes back to `moveOccurrence`). */
  readonly occurrence: number;
  readonly headline: string;
  /** Best first: the occurrence's own day, then the days around it (nearest first). */
  readonly options: readonly RescheduleOptionView[];
}

export type OccurrenceMoveOptionsResult =
  | { readonly ok: true; readonly view: OccurrenceMoveOptionsView }
  | { readonly ok: false; readonly error: ManageSeriesError };

/**
 * New times for ONE occurrence of a series: the same people and duration, on the occurrence's own day
 * (where it is now: a moved one's new day) first (in the series' zone), then the days around it, nearest first, up to `MOVE_WINDOW_DAYS` either
 * side (never before now). Ranked like `rescheduleOptions` (working hours and zones, calendars and
 * Convene's other bookings busy; the occurrence's own time — current and original — is NOT busy). The pick goes through
 * `moveOccurrence`, which re-checks live. Refusals are `moveOccurrence`'s: not allowed, not a series,
 * not one of its occurrences, already started; `no_slot` when nothing is free. Bounded: one busy read of
 * 2 × MOVE_WINDOW_DAYS + 1 days.
 */
export async function occurrenceMoveOptions(
  deps: ManageSeriesDeps,
  input: OccurrenceMoveOptionsInput,
): Promise<OccurrenceMoveOptionsResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result as OccurrenceMoveOptionsResult;
  const { attending: booking, locale, actorZone, zone, current } = loaded.loaded;
  const duration = booking.end - booking.start;
  // Its own time, not busy: where it is now (moved or not) and where the rule put it.
  const own: Interval = current;
  const original: Interval = { start: input.occurrence, end: input.occurrence + duration };
  const day = localDay(own.start, zone);
  const window: Interval = {
    start: Math.max(input.now, dayStart(day - MOVE_WINDOW_DAYS, zone)),
    end: dayStart(day + MOVE_WINDOW_DAYS + 1, zone),
  };
  const options = await rankedNewTimes(deps, {
    tenantId: input.tenantId,
    booking,
    duration,
    actorZone,
    locale,
    now: input.now,
    window,
    own: [own, original],
    current: own.start,
    count: input.count ?? 5,
    band: (start) => Math.abs(localDay(start, zone) - day),
    perBand: SAME_DAY_SHARE,
  });
  if (options.length === 0)
    return failure(locale, 'no_slot', 'occurrences.error.noOtherTime') as OccurrenceMoveOptionsResult;
  return {
    ok: true,
    view: {
      locale,
      bookingId: booking.id,
      title: booking.title,
      occurrence: input.occurrence,
      headline: t(locale, 'occurrences.moveOptions.headline', {
        title: booking.title,
        now: slotLabel(own.start, own.end, actorZone, locale),
      }),
      options,
    },
  };
}

/**
 * Ends the series before `occurrence`: it and every later one are cancelled ("this and following"); the
 * earlier ones stay. From the first occurrence that is the whole series: `cancelBooking` does that.
 */
export async function endSeries(deps: ManageSeriesDeps, input: OccurrenceInput): Promise<ManageSeriesResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result;
  const { booking, locale, starts, actorZone, exceptions } = loaded.loaded;
  if (input.occurrence === starts[0])
    return failure(locale, 'first_occurrence', 'occurrences.error.firstOccurrence');
  const slot = { start: input.occurrence, end: input.occurrence + (booking.end - booking.start) };
  await endAt(deps, booking, starts, exceptions, input.occurrence, input.now);
  const { notified, notNotified } = await notifyOthersOf(
    deps,
    booking,
    input.actorPersonId,
    'occurrences.ended.dm',
    slot,
  );
  return {
    ok: true,
    view: {
      kind: 'series_ended',
      locale,
      bookingId: booking.id,
      title: booking.title,
      occurrence: input.occurrence,
      ...slot,
      headline: t(locale, 'occurrences.ended.headline', {
        title: booking.title,
        when: slotLabel(slot.start, slot.end, actorZone, locale),
      }),
      notified,
      notNotified,
    },
  };
}

/**
 * The series' calendar and store side of an end before `occurrence` (`endSeries`, and the old series of a
 * "move this and following", ./series-split.ts): the `ended` record, the series' stored end shortened to
 * the end of the last occurrence it keeps (`shortenSeriesEnd`: the lists no longer count it as ongoing
 * after that), the `end` jobs, a turn member with no date left has their turn's event deleted, the
 * reminders from `occurrence` on withdrawn. Idempotent (an upsert, an end only ever made earlier, dedupe
 * keys, withdrawing what is queued).
 */
export async function endAt(
  deps: ManageSeriesDeps,
  booking: Booking,
  starts: readonly number[],
  exceptions: readonly OccurrenceException[],
  occurrence: number,
  now: number,
): Promise<void> {
  await deps.store.bookings.recordOccurrence(booking.tenantId, booking.id, {
    originalStart: occurrence,
    status: 'ended',
  });
  // The occurrences kept (a moved one at its new time, cancelled ones left out): the last one's end, never
  // before the first occurrence's (as a booked series' end is; nothing kept ends it there).
  const kept = liveOccurrences(starts, booking.end - booking.start, [
    ...exceptions,
    { originalStart: occurrence, status: 'ended' },
  ]);
  await deps.store.bookings.shortenSeriesEnd(
    booking.tenantId,
    booking.id,
    kept.reduce((end, o) => Math.max(end, o.end), booking.end),
  );
  // A team taking turns: a member whose turn starts at or after this occurrence has no date left, so their
  // turn's event is deleted (ending it before its first occurrence would leave nothing); the others' end.
  const index = starts.indexOf(occurrence);
  const byPerson = booking.turns?.byPerson ?? {};
  const over = booking.participantIds.filter((id) => (byPerson[id] ?? -1) >= index);
  const rest = booking.participantIds.filter((id) => !over.includes(id));
  await enqueue(deps, { ...booking, participantIds: rest }, { kind: 'end', originalStart: occurrence }, now);
  for (const job of deleteJobs({ ...booking, participantIds: over }, now)) await deps.store.jobs.enqueue(job);
  await withdrawReminders(deps, booking, exceptions, (at) => at >= occurrence);
}

/**
 * A chat surface's series buttons for a booking, worded and dated in the viewer's zone and language. Each
 * `start` is the occurrence's ORIGINAL start (its id for `cancelOccurrence` / `moveOccurrence` /
 * `endSeries`); the label shows where it is now (a moved one's new date).
 */
export interface SeriesChoicesView {
  /** The next occurrence not started yet: "Cancel <date> only" (`cancelOccurrence`). */
  readonly next: { readonly start: number; readonly label: string };
  /** The same occurrence: "Move <date> only" (`occurrenceMoveOptions`, then `moveOccurrence`). */
  readonly move: { readonly start: number; readonly label: string };
  /**
   * The first occurrence of the rule after `next` still on, when there is one: "End the series after
   * <next's date>" is `endSeries` from this one (`next` stays).
   */
  readonly endFrom?: { readonly start: number; readonly label: string };
  /**
   * The same occurrence: "Move <date> and following" (`followingMoveOptions`, then `moveFollowing`), when it
   * is not the first occurrence still on (from the first, the whole-series reschedule does it).
   */
  readonly moveFollowing?: { readonly start: number; readonly label: string };
  /**
   * Its first occurrence has started: the series is no longer moved whole (`rescheduleBooking` refuses
   * `series_begun`), so the surfaces leave out its "Reschedule" button (its dates move one at a time or
   * from one on).
   */
  readonly begun: boolean;
}

/**
 * The series buttons of a booking, or null when it is not a series or has no occurrence left to change.
 * The occurrences are the stored exceptions' (`remainingOccurrences`): a moved one at its new time (and
 * ordered by it), a cancelled one skipped, nothing from an end on.
 * Only ids and times go into the buttons: the click goes through `cancelOccurrence` / `endSeries`, which
 * re-check who may do it and that the occurrence is one of the series' future ones.
 * Bounded: at most MAX_REMINDED_OCCURRENCES starts are expanded; one `occurrences` read.
 */
export async function seriesChoices(
  store: Pick<Repositories, 'requests'> & Partial<Pick<Repositories, 'bookings'>>,
  booking: Booking,
  now: number,
  zone: string,
  locale: Locale,
  viewerId?: string,
): Promise<SeriesChoicesView | null> {
  if (booking.status !== 'booked') return null;
  const left = await remainingOccurrences(store, booking);
  if (!left) return null;
  // Not started yet where it is now (what `load` checks); a member of a team taking turns: their own next
  // date (`viewerId`), as the list shows it.
  const next = attendedBy(booking, viewerId, left).find((o) => o.start > now);
  if (next === undefined) return null;
  // "This and following" is by the rule's order (`endSeries` ends from an original start on).
  const after = left
    .filter((o) => o.original > next.original)
    .reduce<(typeof left)[number] | undefined>((a, o) => (a && a.original < o.original ? a : o), undefined);
  const date = (at: number) => dayLabel(at, zone, locale);
  // An earlier date still on, or (a series begun, not moved whole) any earlier date of the rule.
  const earlier = left.some((o) => o.original < next.original) || (next.index > 0 && booking.start <= now);
  return {
    next: {
      start: next.original,
      label: t(locale, 'occurrences.button.cancelOne', { date: date(next.start) }),
    },
    move: {
      start: next.original,
      label: t(locale, 'occurrences.button.moveOne', { date: date(next.start) }),
    },
    ...(after !== undefined
      ? {
          endFrom: {
            start: after.original,
            label: t(locale, 'occurrences.button.endAfter', { date: date(next.start) }),
          },
        }
      : {}),
    ...(earlier
      ? {
          moveFollowing: {
            start: next.original,
            label: t(locale, 'occurrences.button.moveFollowing', { date: date(next.start) }),
          },
        }
      : {}),
    begun: booking.start <= now,
  };
}

export { followingMoveOptions, moveFollowing } from './series-split.ts';
