/**
 * Use cases: cancel and reschedule a booking (from the confirmation's buttons or by command).
 *
 * Both are allowed to the organiser and the participants; everything else is a value. The calendar
 * side goes through the outbox (./outbox.ts), enqueued IN THE SAME TRANSACTION as the change:
 * - cancel: `calendar.delete` per participant (deletes the recorded provider event), queued reminders
 *   withdrawn; the other people are told by DM in their language.
 * - reschedule: availability re-checked live (`fresh`) for the new time, ignoring the meeting's own
 *   current time; the database guard moves the SAME booking (same participants, so a round-robin
 *   member stays assigned); `calendar.update` per participant updates the recorded provider event in
 *   place (`updateFor` with the recorded event id: no duplicate); reminders moved; others told by DM.
 */
import type { Participant as CoreParticipant } from '../core/availability.ts';
import { computeAvailability } from '../core/availability.ts';
import type { Interval } from '../core/interval.ts';
import { normalize, subtract } from '../core/intervals.ts';
import { rankProposals } from '../core/ranking.ts';
import type { WorkingHoursRule } from '../core/working-hours.ts';
import { dayStart, localDay } from '../core/zone-offsets.ts';
import { type MessageKey, type Msg, type MsgParams, msg, t } from './i18n/index.ts';
import { deleteJobs, jobKeyPrefixOfBooking, OUTBOX_GRACE_MS, seriesJobs, updateJobs } from './outbox.ts';
import type {
  BookingSummaryView,
  BusyReader,
  EventEditor,
  EventWriter,
  MeetingThreads,
  Notifier,
} from './ports/calendars.ts';
import type { Booking, OccurrenceException, Repositories } from './ports/store.ts';
import type { ReminderSettings } from './reminders.ts';
import { REMINDER_JOB, reminderJobs, reminderLeads } from './reminders.ts';
import { occurrenceStarts, ruleHoldsStart } from './series.ts';
import { attendedBy, bookingSeries, liveOccurrences, remainingOccurrences } from './series-changes.ts';
import { bookedTurns, turnHolds } from './series-turns.ts';
import type { Locale } from './views.ts';
import { slotLabel, toLocale } from './views.ts';

export interface ManageBookingDeps {
  /**
   * `requests` (and `jobs`): a series booking's rule. Rescheduled whole, its occurrences' reminders, its
   * last occurrence and its turns follow the new first one in local time, and its changed dates are
   * carried. Without it every booking is moved as one meeting.
   */
  readonly store: Pick<Repositories, 'bookings' | 'people' | 'preferences'> &
    Partial<Pick<Repositories, 'requests' | 'jobs'>>;
  readonly notifier: Notifier;
  /** Reschedule only: the live re-check of the new time. */
  readonly busy?: BusyReader;
  readonly reminders?: ReminderSettings;
  /** Unused here (the outbox worker writes); accepted so the same deps object can be shared. */
  readonly writer?: EventWriter & Partial<EventEditor>;
  /** The conversation the meeting was booked in hears what happened (best effort). */
  readonly threads?: MeetingThreads;
}

export type ManageBookingErrorCode =
  | 'unknown_booking'
  | 'not_allowed'
  | 'already_cancelled'
  | 'invalid_time'
  | 'slot_taken'
  | 'no_slot'
  /** A series whose first occurrence has started: not moved whole (move one date, or a date and following). */
  | 'series_begun';

export interface ManageBookingError {
  readonly code: ManageBookingErrorCode;
  readonly locale: Locale;
  /** The answer as a code with parameters (a surface may word it in another language with `render`). */
  readonly msg: Msg;
  /** `msg` worded in `locale`. */
  readonly message: string;
  /** `slot_taken`: who is busy at the new time (ids). */
  readonly busy?: readonly string[];
}

export interface ManagedBookingView {
  readonly kind: 'cancelled' | 'rescheduled';
  readonly locale: Locale;
  readonly bookingId: string;
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly headline: string;
  /** People told by DM (everyone but the actor) and those the DM could not reach. */
  readonly notified: readonly string[];
  readonly notNotified: readonly string[];
}

export type ManageBookingResult =
  | { readonly ok: true; readonly view: ManagedBookingView }
  | { readonly ok: false; readonly error: ManageBookingError };

export interface CancelBookingInput {
  readonly tenantId: string;
  readonly bookingId: string;
  readonly actorPersonId: string;
  readonly now: number;
  readonly locale?: Locale;
}

export interface RescheduleBookingInput extends CancelBookingInput {
  /** New start, epoch ms; the duration is kept. */
  readonly newStart: number;
}

interface Loaded {
  readonly booking: Booking;
  readonly locale: Locale;
  readonly fail: (
    code: ManageBookingErrorCode,
    key: MessageKey,
    busy?: readonly string[],
  ) => ManageBookingResult;
}

async function load(
  deps: ManageBookingDeps,
  input: CancelBookingInput,
): Promise<{ ok: true; loaded: Loaded } | { ok: false; result: ManageBookingResult }> {
  const { store } = deps;
  const prefs = await store.preferences.get(input.tenantId, input.actorPersonId);
  const locale: Locale = input.locale ?? toLocale(prefs?.locale);
  const fail = (code: ManageBookingErrorCode, key: MessageKey, busy?: readonly string[]) =>
    ({
      ok: false,
      error: { code, locale, msg: msg(key), message: t(locale, key), ...(busy ? { busy } : {}) },
    }) as const;
  const booking = await store.bookings.get(input.tenantId, input.bookingId);
  if (!booking)
    return {
      ok: false,
      result: fail('unknown_booking', 'booking.error.unknownBooking'),
    };
  if (booking.organizerId !== input.actorPersonId && !booking.participantIds.includes(input.actorPersonId))
    return {
      ok: false,
      result: fail('not_allowed', 'booking.error.notAllowedToChange'),
    };
  if (booking.status === 'cancelled')
    return {
      ok: false,
      result: fail('already_cancelled', 'booking.error.alreadyCancelled'),
    };
  return { ok: true, loaded: { booking, locale, fail } };
}

/** The booking, if the actor may change it (organiser or participant, not cancelled); else the error. */
export async function manageableBooking(
  deps: Pick<ManageBookingDeps, 'store'>,
  input: CancelBookingInput,
): Promise<{ ok: true; booking: Booking; locale: Locale } | { ok: false; error: ManageBookingError }> {
  const loaded = await load(deps as ManageBookingDeps, input);
  if (loaded.ok) return { ok: true, booking: loaded.loaded.booking, locale: loaded.loaded.locale };
  const result = loaded.result;
  if (result.ok) throw new Error('manageableBooking: unexpected result');
  return { ok: false, error: result.error };
}

/**
 * DMs everyone of the booking but the actor, each in their language and time zone (`text` words it for
 * them). Shared by the whole-meeting changes here and the series' ones (./manage-series.ts,
 * ./series-split.ts).
 */
export async function notifyOthers(
  deps: Pick<ManageBookingDeps, 'notifier'> & {
    readonly store: Pick<Repositories, 'people' | 'preferences'>;
  },
  booking: Booking,
  actorPersonId: string,
  text: (locale: Locale, timeZone: string, actorName: string, personId: string) => string,
): Promise<{ notified: string[]; notNotified: string[] }> {
  const actor = await deps.store.people.get(booking.tenantId, actorPersonId);
  const actorName = actor?.displayName ?? '?';
  const people = [
    ...new Set([...(booking.organizerId ? [booking.organizerId] : []), ...booking.participantIds]),
  ];
  const notified: string[] = [];
  const notNotified: string[] = [];
  for (const personId of people) {
    if (personId === actorPersonId) continue;
    const prefs = await deps.store.preferences.get(booking.tenantId, personId);
    const sent = await deps.notifier.dm(booking.tenantId, personId, {
      text: text(toLocale(prefs?.locale), prefs?.timeZone ?? 'UTC', actorName, personId),
    });
    (sent.ok ? notified : notNotified).push(personId);
  }
  return { notified, notNotified };
}

/**
 * A reply in the booking's conversation; a missing thread or a chat failure never fails the change. Also
 * used by ./manage-series.ts (one occurrence moved).
 */
export async function noteInThread(
  deps: Pick<ManageBookingDeps, 'threads'> & { readonly store: Pick<Repositories, 'people'> },
  booking: Booking,
  actorPersonId: string,
  text: (actorName: string) => string,
): Promise<void> {
  if (!deps.threads) return;
  const actor = await deps.store.people.get(booking.tenantId, actorPersonId);
  try {
    await deps.threads.note(booking.tenantId, booking.id, text(actor?.displayName ?? '?'));
  } catch {
    // Best effort: the change is committed and everyone was told by DM.
  }
}

/** The DM `key` worded for each recipient: `{who}` the actor, `{when}` (and `{was}`) in the recipient's zone. */
function dmText(
  key: MessageKey,
  title: string,
  now: { start: number; end: number },
  was?: { start: number; end: number },
): (locale: Locale, zone: string, who: string) => string {
  return (locale, zone, who) =>
    t(locale, key, {
      who,
      title,
      when: slotLabel(now.start, now.end, zone, locale),
      ...(was ? { was: slotLabel(was.start, was.end, zone, locale) } : {}),
    } satisfies MsgParams);
}

export async function cancelBooking(
  deps: ManageBookingDeps,
  input: CancelBookingInput,
): Promise<ManageBookingResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result;
  const { booking, locale, fail } = loaded.loaded;
  const cancelled = await deps.store.bookings.cancel(input.tenantId, booking.id, {
    withdrawJobs: jobKeyPrefixOfBooking(REMINDER_JOB, booking.id),
    jobs: (b) => deleteJobs(b, input.now),
  });
  if (!cancelled) return fail('already_cancelled', 'booking.error.alreadyCancelled');
  const { notified, notNotified } = await notifyOthers(
    deps,
    booking,
    input.actorPersonId,
    dmText('booking.cancelled.dm', booking.title, booking),
  );
  const actorZone =
    (await deps.store.preferences.get(input.tenantId, input.actorPersonId))?.timeZone ?? 'UTC';
  const when = slotLabel(booking.start, booking.end, actorZone, locale);
  await noteInThread(deps, booking, input.actorPersonId, (who) =>
    t(locale, 'booking.cancelled.thread', { who, when }),
  );
  return {
    ok: true,
    view: {
      kind: 'cancelled',
      locale,
      bookingId: booking.id,
      title: booking.title,
      start: booking.start,
      end: booking.end,
      headline: t(locale, 'booking.cancelled.headline', { title: booking.title, when }),
      notified,
      notNotified,
    },
  };
}

export async function rescheduleBooking(
  deps: ManageBookingDeps,
  input: RescheduleBookingInput,
): Promise<ManageBookingResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result;
  const { booking, locale, fail } = loaded.loaded;
  const series = await bookedSeries(deps, booking);
  if (begunSeries(booking, series, input.now)) return fail('series_begun', 'booking.error.seriesBegun');
  const duration = booking.end - booking.start;
  const range: Interval = { start: input.newStart, end: input.newStart + duration };
  if (!Number.isFinite(input.newStart) || input.newStart < input.now)
    return fail('invalid_time', 'booking.error.timeInPast');
  if (input.newStart === booking.start) return fail('invalid_time', 'booking.error.sameTime');
  // A series moves as a whole: its occurrences are its rule's from the new first one, in the series' zone
  // (the same wall-clock time across a DST change, not a fixed shift), and only to another time of its
  // first day: on another day its later dates would stay on the old days (the request's rule is kept), and
  // its recorded changes could no longer be carried place for place (`seriesMove`). Its days change by a
  // split (`moveFollowing`).
  if (series && localDay(input.newStart, series.zone) !== localDay(booking.start, series.zone))
    return fail('invalid_time', 'booking.error.seriesDay');
  const occurrences = series ? occurrenceStarts(series.rule, range.start, series.zone) : undefined;
  const lastStart = occurrences?.[occurrences.length - 1];
  const turns = series ? bookedTurns(series, { start: range.start, turns: booking.turns }) : null;

  const people = booking.participantIds;
  const slotTaken = (busy: readonly string[]) => fail('slot_taken', 'booking.error.timeNotFree', busy);
  // Live re-check. The meeting's own current time is not an obstacle (its calendar events are there).
  const own: Interval[] = [{ start: booking.start, end: booking.end }];
  if (deps.busy) {
    const read = await deps.busy.busyFor(input.tenantId, people, range, { fresh: true });
    const busy = read.people
      .filter((p) =>
        subtract(normalize([...p.busy]), own).some((b) => b.start < range.end && b.end > range.start),
      )
      .map((p) => p.personId);
    if (busy.length > 0) return slotTaken(busy.sort());
  }
  const leads = await reminderLeads(deps.reminders, input.tenantId, people);
  const moving = series ? await seriesMove(deps, booking, series, range.start) : null;
  // A series' end once moved: its rule's last occurrence, or earlier where the carried changes end it
  // sooner (an end made before the move: the lists must not count it as ongoing past its last date kept).
  const seriesEndsAt =
    lastStart !== undefined && moving
      ? Math.min(
          lastStart + duration,
          moving.starts.reduce((end, s) => (moving.gone(s) ? end : Math.max(end, s + duration)), range.end),
        )
      : undefined;
  const moved = await deps.store.bookings.reschedule({
    tenantId: input.tenantId,
    bookingId: booking.id,
    start: range.start,
    end: range.end,
    ...(seriesEndsAt !== undefined ? { seriesEndsAt } : {}),
    ...(turns ? { holds: turnHolds(turns, people, range.start, duration) } : {}),
    withdrawJobs: jobKeyPrefixOfBooking(REMINDER_JOB, booking.id),
    jobs: (b) => [
      ...updateJobs(b, input.now),
      ...(moving
        ? [
            // One reminder per occurrence still on (indexed in the whole rule: turns count them all).
            ...reminderJobs(b, leads, input.now, moving.starts).filter(
              (j) => !moving.gone((j.payload as { occurrence?: number }).occurrence ?? -1),
            ),
            // The updated event gets its cancelled dates and its end again, after the update.
            ...moving.calendar.flatMap((x) =>
              x.status === 'moved'
                ? []
                : seriesJobs(
                    b,
                    { kind: x.status === 'ended' ? 'end' : 'cancel', originalStart: x.originalStart },
                    input.now,
                  ).map((job) => ({ ...job, runAt: input.now + OUTBOX_GRACE_MS })),
            ),
          ]
        : reminderJobs(b, leads, input.now)),
    ],
  });
  if (!moved.ok) {
    if (moved.reason === 'conflict') return slotTaken(moved.people);
    if (moved.reason === 'cancelled') return fail('already_cancelled', 'booking.error.alreadyCancelled');
    if (moved.reason === 'not_found') return fail('unknown_booking', 'booking.error.unknownBooking');
    return fail('invalid_time', 'booking.error.invalidTime');
  }
  const after = moved.booking;
  if (moving)
    for (const x of moving.carried) await deps.store.bookings.recordOccurrence(after.tenantId, after.id, x);
  const { notified, notNotified } = await notifyOthers(
    deps,
    after,
    input.actorPersonId,
    dmText('booking.moved.dm', after.title, after, booking),
  );
  const actorZone =
    (await deps.store.preferences.get(input.tenantId, input.actorPersonId))?.timeZone ?? 'UTC';
  const when = slotLabel(after.start, after.end, actorZone, locale);
  const was = slotLabel(booking.start, booking.end, actorZone, locale);
  await noteInThread(deps, after, input.actorPersonId, (who) =>
    t(locale, 'booking.moved.thread', { who, when, was }),
  );
  return {
    ok: true,
    view: {
      kind: 'rescheduled',
      locale,
      bookingId: after.id,
      title: after.title,
      start: after.start,
      end: after.end,
      headline: t(locale, 'booking.moved.headline', { title: after.title, when }),
      notified,
      notNotified,
    },
  };
}

type SeriesOfBooking = NonNullable<Awaited<ReturnType<typeof bookingSeries>>>;

/** The booking's series (its request's rule and zone), or null (a single meeting, or no `requests`). */
function bookedSeries(deps: ManageBookingDeps, booking: Booking): Promise<SeriesOfBooking | null> {
  const { requests } = deps.store;
  return requests ? bookingSeries({ requests }, booking) : Promise.resolve(null);
}

/** The window `rescheduleOptions` searches for a series: its first day (in its zone) from now on. */
function seriesDay(series: { readonly zone: string }, booking: Booking, now: number): Interval {
  const day = localDay(booking.start, series.zone);
  return { start: Math.max(now, dayStart(day, series.zone)), end: dayStart(day + 1, series.zone) };
}

/**
 * Whether the booking is a series whose first occurrence has started. Moving such a series whole would
 * move its FIRST start: its past dates would leave the calendars and the record, a COUNT would start again,
 * and after a split (./series-split.ts) the dates moved to the new series would come back in this one. Its
 * dates are changed one at a time, or from one on (`moveFollowing`). A recorded series end says it is one;
 * else its request (without `requests`: not known, as before).
 */
function begunSeries(booking: Booking, series: SeriesOfBooking | null, now: number): boolean {
  return booking.start <= now && (booking.seriesEndsAt != null || series !== null);
}

/**
 * A series rescheduled whole: its occurrences' ORIGINAL starts move with its first, so the changes recorded
 * by original start (./manage-series.ts) are carried to the occurrence of the same place in the rule
 * (the i-th stays the i-th): a cancelled one stays cancelled, an end stays before the same occurrence, a
 * moved one follows the new time (as a split carries them, ./series-split.ts). Without this, the records
 * kept naming the old times: a cancelled date came back, and only the first occurrence was reminded of.
 * A series moves whole within its first day (`rescheduleBooking`), so no new original start is an old one; an
 * old record left at a time the series no longer has is made harmless (a cancel there is nothing; an end
 * would still end the series there, the earliest end counting, and a move would be served as an override by
 * ./ics-offer.ts). Null for a single meeting (or without `requests`). Bounded: two expansions of at most
 * MAX_REMINDED_OCCURRENCES starts (the rule without its left-out days: those are recorded as cancelled).
 */
async function seriesMove(
  deps: ManageBookingDeps,
  booking: Booking,
  series: SeriesOfBooking,
  newStart: number,
): Promise<{
  starts: readonly number[];
  carried: readonly OccurrenceException[];
  /** The carried changes of occurrences of the moved series (its calendar events get them again). */
  calendar: readonly OccurrenceException[];
  gone: (start: number) => boolean;
}> {
  const { except: _, ...whole } = series.rule;
  const was = occurrenceStarts(whole, booking.start, series.zone);
  const next = occurrenceStarts(whole, newStart, series.zone);
  const isNext = new Set(next);
  const place = new Map(was.map((s, i) => [s, i] as const));
  const exceptions = await deps.store.bookings.occurrences(booking.tenantId, booking.id);
  const carried = new Map<number, OccurrenceException>();
  for (const x of exceptions) {
    const i = place.get(x.originalStart);
    const at = i === undefined ? undefined : next[i];
    if (at !== undefined && x.status !== 'moved') carried.set(at, { originalStart: at, status: x.status });
  }
  const duration = booking.end - booking.start;
  for (const x of exceptions)
    if (!carried.has(x.originalStart) && x.status !== 'cancelled')
      carried.set(x.originalStart, { originalStart: x.originalStart, status: 'cancelled' });
  const left = new Set(liveOccurrences(next, duration, [...carried.values()]).map((o) => o.original));
  return {
    starts: next,
    carried: [...carried.values()],
    calendar: [...carried.values()].filter((x) => isNext.has(x.originalStart)),
    gone: (start) => !left.has(start),
  };
}

// --- reschedule options, upcoming bookings, the booking as seen by each participant ---------------

/** A booking with each participant's own-zone label (what a confirmation message shows). */
export type { BookingSummaryView } from './ports/calendars.ts';

/** `at`: the times to show instead of the booking's own (a series' next occurrence, `UpcomingBooking.next`). */
export async function describeBooking(
  store: Pick<Repositories, 'people' | 'preferences'>,
  booking: Booking,
  locale: Locale,
  at?: Interval,
): Promise<BookingSummaryView> {
  const when = at ?? { start: booking.start, end: booking.end };
  const participants: { personId: string; name: string; timeZone: string; label: string }[] = [];
  for (const id of booking.participantIds) {
    const [person, prefs] = await Promise.all([
      store.people.get(booking.tenantId, id),
      store.preferences.get(booking.tenantId, id),
    ]);
    const timeZone = prefs?.timeZone ?? 'UTC';
    participants.push({
      personId: id,
      name: person?.displayName ?? '?',
      timeZone,
      label: slotLabel(when.start, when.end, timeZone, locale),
    });
  }
  // The organiser first, then by name (as the confirmation orders them).
  participants.sort(
    (a, b) =>
      Number(b.personId === booking.organizerId) - Number(a.personId === booking.organizerId) ||
      a.name.localeCompare(b.name),
  );
  const organiserZone =
    participants.find((p) => p.personId === booking.organizerId)?.timeZone ??
    participants[0]?.timeZone ??
    'UTC';
  return {
    locale,
    bookingId: booking.id,
    title: booking.title,
    start: when.start,
    end: when.end,
    label: slotLabel(when.start, when.end, organiserZone, locale),
    participants,
  };
}

/** How far ahead `/meet cancel` and `/meet reschedule` list a person's meetings. */
export const UPCOMING_HORIZON_MS = 60 * 24 * 3_600_000;

/** Most ongoing series one list looks at (besides the bookings starting in the horizon). */
export const MAX_LISTED_SERIES = 50;

/** A listed booking; a series also names its next occurrence (what the list shows and orders by). */
export interface UpcomingBooking extends Booking {
  /**
   * A series: its next occurrence not over yet, at its current time (a moved one at its new time; cancelled
   * ones and those from an end on skipped).
   */
  readonly next?: Interval;
}

/**
 * The person's active Convene bookings that have not ended yet, soonest first (at most `limit`): the
 * bookings in the next `UPCOMING_HORIZON_MS`, and the series still going on whatever their first
 * occurrence (`listOngoingSeries`: the stored end of their last occurrence is ahead). A series is listed
 * at its next occurrence as its stored exceptions leave it (`remainingOccurrences`: moved ones at their
 * new time, cancelled ones and those from an end on skipped) and dropped when none is left in the
 * horizon. Without `store.requests` a series is listed by its first occurrence, as a single meeting. A
 * series booked before its end was recorded (`seriesEndsAt` null) is listed as ongoing by the store, its
 * rule expanded here, and its end recorded (`recordSeriesEnd`: once per such series).
 * Bounded: the horizon's bookings plus `MAX_LISTED_SERIES` series, one request and one `occurrences`
 * read each.
 */
export async function upcomingBookings(
  store: Pick<Repositories, 'bookings'> & Partial<Pick<Repositories, 'requests'>>,
  tenantId: string,
  personId: string,
  now: number,
  limit = 10,
): Promise<UpcomingBooking[]> {
  const horizon = now + UPCOMING_HORIZON_MS;
  const [soon, series] = await Promise.all([
    store.bookings.listForPerson(tenantId, personId, { start: now, end: horizon }),
    store.requests ? store.bookings.listOngoingSeries(tenantId, personId, now, MAX_LISTED_SERIES) : [],
  ]);
  const byId = new Map<string, Booking>();
  for (const b of [...soon, ...series]) if (b.status === 'booked') byId.set(b.id, b);
  const { requests } = store;
  const listed: UpcomingBooking[] = [];
  const ongoing = new Set(series.map((b) => b.id));
  for (const b of byId.values()) {
    // Only a series (recorded, or listed as ongoing by the store), or a booking whose first time has begun,
    // can be listed at another time: the others (single meetings ahead) need no request read.
    const maybeLater = b.seriesEndsAt != null || b.start <= now || ongoing.has(b.id);
    const left =
      requests && maybeLater ? await remainingOccurrences({ requests, bookings: store.bookings }, b) : null;
    if (!left) {
      if (b.end > now) listed.push(b);
      continue;
    }
    // Booked before its end was recorded: record it now (its occurrences as they are left), so that the
    // next lists read it (and drop the series once it is over) without expanding its rule again.
    if (b.seriesEndsAt == null)
      await store.bookings.recordSeriesEnd(
        tenantId,
        b.id,
        left.reduce((end, o) => Math.max(end, o.end), b.end),
      );
    // A member of a team taking turns: their own next date, not the series' (another member's).
    const next = attendedBy(b, personId, left).find((o) => o.end > now);
    if (next !== undefined && next.start < horizon)
      listed.push({ ...b, next: { start: next.start, end: next.end } });
  }
  return listed.sort((a, b) => (a.next ?? a).start - (b.next ?? b).start).slice(0, limit);
}

export interface RescheduleOptionsInput extends CancelBookingInput {
  /** How many times to offer. Default 5. */
  readonly count?: number;
  /** How far ahead to look. Default 14 days. */
  readonly horizonMs?: number;
}

export interface RescheduleOptionView {
  readonly start: number;
  readonly end: number;
  /** In the actor's zone. */
  readonly label: string;
  /** Each participant's own zone. */
  readonly labels: readonly { personId: string; name: string; timeZone: string; text: string }[];
  /**
   * "Move this and following" (`followingMoveOptions`, ./series-split.ts): how many of the following
   * occurrences are free at this time, in words ("free on 9 of 10 Tuesdays; Li is busy on Tue 3 Feb"),
   * and the counts.
   */
  readonly reason?: string;
  readonly free?: number;
  readonly total?: number;
}

export interface RescheduleOptionsView {
  readonly locale: Locale;
  readonly bookingId: string;
  readonly title: string;
  readonly headline: string;
  readonly options: readonly RescheduleOptionView[];
}

export type RescheduleOptionsResult =
  | { readonly ok: true; readonly view: RescheduleOptionsView }
  | { readonly ok: false; readonly error: ManageBookingError };

const DEFAULT_HOURS = { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], overrides: [] };

/**
 * New times for the same people and duration, ranked as a request's proposals are: working hours and
 * zones from preferences, busy time from the calendars and Convene's other bookings — the meeting's own
 * current time is NOT busy (its events are there). The pick goes through `rescheduleBooking`, which
 * re-checks live.
 */
export async function rescheduleOptions(
  deps: ManageBookingDeps & { readonly busy: BusyReader },
  input: RescheduleOptionsInput,
): Promise<RescheduleOptionsResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result as RescheduleOptionsResult;
  const { booking, locale, fail } = loaded.loaded;
  const series = await bookedSeries(deps, booking);
  if (begunSeries(booking, series, input.now))
    return fail('series_begun', 'booking.error.seriesBegun') as RescheduleOptionsResult;
  const actorZone =
    (await deps.store.preferences.get(input.tenantId, input.actorPersonId))?.timeZone ?? 'UTC';
  const options = await rankedNewTimes(deps, {
    tenantId: input.tenantId,
    booking,
    duration: booking.end - booking.start,
    actorZone,
    locale,
    now: input.now,
    window: (series && seriesDay(series, booking, input.now)) ?? {
      start: input.now,
      end: input.now + (input.horizonMs ?? 14 * 24 * 3_600_000),
    },
    own: [{ start: booking.start, end: booking.end }],
    current: booking.start,
    count: input.count ?? 5,
    // A series on set weekdays moves to one of its days only (what `rescheduleBooking` accepts).
    ...(series ? { accept: (start: number) => ruleHoldsStart(series.rule, start, series.zone) } : {}),
  });
  if (options.length === 0) return fail('no_slot', 'booking.error.noOtherTime') as RescheduleOptionsResult;
  const now = slotLabel(booking.start, booking.end, actorZone, locale);
  return {
    ok: true,
    view: {
      locale,
      bookingId: booking.id,
      title: booking.title,
      headline: t(locale, 'booking.rescheduleOptions.headline', { title: booking.title, now }),
      options,
    },
  };
}

/** What `rankedNewTimes` searches: one booking's people, a window, and the meeting's own time(s). */
export interface NewTimesQuery {
  readonly tenantId: string;
  readonly booking: Booking;
  /** The duration of the time to find (ms). */
  readonly duration: number;
  readonly actorZone: string;
  readonly locale: Locale;
  readonly now: number;
  readonly window: Interval;
  /** The meeting's own current time(s): not busy (its calendar events are there). */
  readonly own: readonly Interval[];
  /** The start offered today: never offered again. */
  readonly current: number;
  readonly count: number;
  /**
   * Optional bands (0 first): times of band 0 are offered before band 1 and so on, each band ranked on
   * its own, at most `perBand` from a band before the next is looked at; leftovers fill up to `count`.
   */
  readonly band?: (start: number) => number;
  readonly perBand?: number;
  /** Optional: only the starts it accepts are offered (a series on set weekdays: those days). */
  readonly accept?: (start: number) => boolean;
}

/**
 * The ranking shared by `rescheduleOptions` and `occurrenceMoveOptions` (./manage-series.ts): one busy
 * read for the window, Convene's other bookings of the people, working hours per person (default
 * Monday–Friday 09:00–17:00), `computeAvailability` then `rankProposals`. Bounded by the window.
 */
export async function rankedNewTimes(
  deps: Pick<ManageBookingDeps, 'store'> & { readonly busy?: BusyReader },
  q: NewTimesQuery,
): Promise<RescheduleOptionView[]> {
  const { store } = deps;
  const { booking, window, actorZone, locale } = q;
  const durationMinutes = Math.round(q.duration / 60_000);
  const ids = booking.participantIds;
  const [read, booked] = await Promise.all([
    deps.busy
      ? deps.busy.busyFor(q.tenantId, ids, window)
      : { people: ids.map((personId) => ({ personId, busy: [] })) },
    Promise.all(ids.map((id) => store.bookings.listForPerson(q.tenantId, id, window))),
  ]);
  const members = await Promise.all(
    ids.map(async (id, i) => {
      const [person, prefs] = await Promise.all([
        store.people.get(q.tenantId, id),
        store.preferences.get(q.tenantId, id),
      ]);
      const calendars = subtract(
        normalize([...(read.people.find((p) => p.personId === id)?.busy ?? [])]),
        normalize([...q.own]),
      );
      const others = (booked[i] ?? [])
        .filter((b) => b.id !== booking.id)
        .map((b) => ({ start: b.start, end: b.end }));
      const hours = prefs && prefs.workingHours.rules.length > 0 ? prefs.workingHours : DEFAULT_HOURS;
      return {
        name: person?.displayName ?? '?',
        participant: {
          id,
          timeZone: prefs?.timeZone ?? actorZone,
          workingHours: hours.rules as WorkingHoursRule[],
          dateOverrides: hours.overrides,
          busy: normalize([...calendars, ...others]),
        } satisfies CoreParticipant,
      };
    }),
  );
  const participants = members.map((m) => m.participant);
  if (window.end <= window.start) return [];
  const availability = computeAvailability({
    window,
    durationMinutes,
    slotIntervalMinutes: 30,
    bookerTimeZone: actorZone,
    mode: 'COLLECTIVE',
    participants,
    now: q.now,
  });
  if (!availability.ok) return [];
  const slots = availability.value.slots.filter(
    (s) => s.start !== q.current && (q.accept?.(s.start) ?? true),
  );
  if (slots.length === 0) return [];
  const rank = (among: typeof slots, count: number) =>
    among.length === 0 || count <= 0
      ? []
      : rankProposals(
          {
            slots: among,
            participants,
            mode: 'COLLECTIVE',
            window,
            bookerTimeZone: actorZone,
            zones: availability.value.zones,
          },
          { count },
        );
  let ranked: { start: number; end: number }[];
  if (!q.band) ranked = rank(slots, q.count);
  else {
    const bands = new Map<number, typeof slots>();
    for (const s of slots) {
      const b = q.band(s.start);
      bands.set(b, [...(bands.get(b) ?? []), s]);
    }
    const order = [...bands.keys()].sort((a, b) => a - b);
    const picked: { start: number; end: number }[] = [];
    const perBand = q.perBand ?? q.count;
    for (const b of order)
      picked.push(...rank(bands.get(b) ?? [], Math.min(perBand, q.count - picked.length)));
    // Fewer than `count` from the bands' shares: the bands' next best, in band order.
    for (const b of order) {
      if (picked.length >= q.count) break;
      const rest = (bands.get(b) ?? []).filter((s) => !picked.some((p) => p.start === s.start));
      const more = rank(rest, q.count - picked.length);
      // Kept in band order: a band's extra times go after its first share, before the later bands'.
      const at = picked.findLastIndex((p) => (q.band?.(p.start) ?? 0) <= b) + 1;
      picked.splice(at, 0, ...more);
    }
    ranked = picked.slice(0, q.count);
  }
  return ranked.map((p) => ({
    start: p.start,
    end: p.end,
    label: slotLabel(p.start, p.end, actorZone, locale),
    labels: members.map((m) => ({
      personId: m.participant.id,
      name: m.name,
      timeZone: m.participant.timeZone,
      text: slotLabel(p.start, p.end, m.participant.timeZone, locale),
    })),
  }));
}
