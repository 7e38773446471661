/**
 * Use cases: move THIS AND FOLLOWING occurrences of a booked series (issue #22), as Google and Outlook do:
 * the series is SPLIT. Moving occurrence k (not the first still on) and every later one to a new time:
 *
 * 1. a NEW series booking starts at the new time: the same people, title, organiser and conversation, the
 *    same rule shifted by the wall-clock change in the series' zone (the time of day; a weekly rule's BYDAY
 *    by the same number of days as k moved; a monthly rule only to another time on the same day:
 *    `following_day` otherwise), ending where the old one ended (UNTIL kept, or moved to the last shifted
 *    date; COUNT less the occurrences before k; an end recorded later in the old series becomes a COUNT; no
 *    end stays none). The shifted rule must give exactly the following occurrences shifted by the move (a
 *    rule whose days would regroup, e.g. "every other week on Sat and Sun" moved a day later, is refused:
 *    `following_pattern`). It lives on a DERIVED request and proposal (a copy of the old request with the
 *    shifted rule, its proposal in the same chat message), booked through `bookings.bookSlot` as any slot
 *    click is (database guard, `calendar.write` jobs: ONE new recurring event per calendar, reminders per
 *    occurrence), so lists, reminders, two-way sync and the manage buttons treat it as any series booking;
 * 2. then the OLD series ends before k exactly as `endSeries` does (`endAt`).
 *
 * Later exceptions of the old series: a cancelled date stays cancelled in the new series (recorded and a
 * `calendar.series` cancel job, run after the new event is written); an individually moved date follows the
 * new time (the view says how many). Idempotent: the new booking's key names the old booking, k and the new
 * start, so a repeated click books nothing twice (it finishes the old series' end, which is idempotent, and
 * answers the same view with `alreadyMoved`).
 *
 * A participant whose calendar Convene does not write (kept in Convene: no calendar event recorded for
 * them on the old series) is offered the new series as an .ics, as a booking
 * confirmation offers it (`icsOffers`): in the view (`ics`, which the surfaces show under the headline)
 * and at the end of their DM.
 *
 * The live re-check reads busy time from the new start to the new series' last occurrence up to
 * `MAX_SERIES_DAYS` ahead, as a series request is checked (`fresh`), plus Convene's bookings; the old
 * series' own times from k on are not busy. The first new occurrence must be
 * free for everyone (`slot_taken`); later clashes are named in the view.
 */
import { DAY, type Interval } from '../core/interval.ts';
import { normalize, subtract } from '../core/intervals.ts';
import {
  expandSeries,
  type OccurrenceConflict,
  type SeriesRule,
  searchSeries,
  turnOf,
} from '../core/series.ts';
import { dayStart, localDay, toWall, wallToInstant, zoneOffsets } from '../core/zone-offsets.ts';
import { t } from './i18n/index.ts';
import {
  manageableBooking,
  notifyOthers,
  type RescheduleOptionView,
  rankedNewTimes,
} from './manage-booking.ts';
import {
  currentTime,
  endAt,
  failure,
  type IcsOfferView,
  load,
  type ManageSeriesDeps,
  type ManageSeriesErrorCode,
  type ManageSeriesResult,
  MOVE_WINDOW_DAYS,
  type MoveOccurrenceInput,
  type OccurrenceMoveOptionsInput,
  type OccurrenceMoveOptionsResult,
  SAME_DAY_SHARE,
} from './manage-series.ts';
import { OUTBOX_GRACE_MS, seriesJobs, writeJobs } from './outbox.ts';
import type { Booking, OccurrenceException, SeriesTurns } from './ports/store.ts';
import { reminderJobs, reminderLeads } from './reminders.ts';
import {
  conflictsByPerson,
  conflictText,
  MAX_REMINDED_OCCURRENCES,
  MAX_SERIES_DAYS,
  seriesLabel,
  seriesLine,
  seriesOf,
} from './series.ts';
import { liveOccurrences } from './series-changes.ts';
import { bookedTurns, seriesTurns, type TurnPlan, turnHolds, turnOfPerson } from './series-turns.ts';
import type { Locale } from './views.ts';
import { dayLabel, slotLabel } from './views.ts';

/** The split of a series at occurrence `index` to `newStart`, or why it cannot be made. */
export type FollowingPlan =
  | {
      readonly ok: true;
      /** The new series' rule. */
      readonly rule: SeriesRule;
      /** The new series' starts (at most MAX_REMINDED_OCCURRENCES). */
      readonly starts: readonly number[];
      /** The old series' following original starts (k first), up to a later recorded end. */
      readonly following: readonly number[];
      /** New starts that stay cancelled (a cancelled later date of the old series). */
      readonly cancelled: readonly number[];
      /** Later dates of the old series moved on their own: they now follow the new time. */
      readonly followed: number;
      /** When the new series' last (managed) occurrence ends. */
      readonly seriesEndsAt: number;
    }
  | { readonly ok: false; readonly code: 'following_day' | 'following_pattern' };

export interface FollowingPlanInput {
  readonly rule: SeriesRule;
  readonly zone: string;
  /** The old series' original starts (`occurrenceStarts` from its first). */
  readonly starts: readonly number[];
  /** k's index in `starts`. */
  readonly index: number;
  readonly newStart: number;
  readonly duration: number;
  readonly exceptions: readonly OccurrenceException[];
  /** The old booking's `seriesEndsAt` (a rule without end keeps its managed end, shifted). */
  readonly seriesEndsAt?: number | null;
}

const isoDay = (wall: number) => new Date(wall).toISOString().slice(0, 10);

/**
 * The new series of a split (see the module comment). Pure; bounded: two expansions of at most
 * MAX_REMINDED_OCCURRENCES starts.
 */
export function planFollowing(input: FollowingPlanInput): FollowingPlan {
  const { zone, newStart, duration, exceptions } = input;
  // Days left out of the old rule (`except december 28`) were recorded as cancelled occurrences when it was
  // booked (./book-meeting.ts): the split reads the whole rule, so they are carried as cancelled dates (a
  // shifted rule's own `except` would name the wrong days, and a COUNT counts them).
  const { except: leftOut, ...rule } = input.rule;
  const k = input.starts[input.index]!;
  const starts =
    leftOut && leftOut.length > 0
      ? expandSeries(rule, input.starts[0]!, zone, MAX_REMINDED_OCCURRENCES).starts
      : input.starts;
  const index = starts.indexOf(k);
  if (index < 0) return { ok: false, code: 'following_pattern' };
  const endedAt = Math.min(
    Number.POSITIVE_INFINITY,
    ...exceptions.filter((x) => x.status === 'ended' && x.originalStart > k).map((x) => x.originalStart),
  );
  const following = starts.slice(index).filter((s) => s < endedAt);
  const last = following[following.length - 1] ?? k;
  const z = zoneOffsets(zone, {
    start: Math.min(k, newStart) - 2 * DAY,
    end: Math.max(last, newStart) + (MOVE_WINDOW_DAYS + 40) * DAY,
  });
  const kWall = toWall(z, k);
  const newWall = toWall(z, newStart);
  const shift = newWall - kWall;
  const dayDelta = Math.floor(newWall / DAY) - Math.floor(kWall / DAY);
  if (rule.freq === 'MONTHLY' && dayDelta !== 0) return { ok: false, code: 'following_day' };
  const expected = following.map((s) => wallToInstant(z, toWall(z, s) + shift, 'start'));
  const { count: _c, until: _u, byDay, ...base } = rule;
  const shiftedDays = byDay?.map((d) => ({ n: d.n, weekday: (((d.weekday + dayDelta) % 7) + 7) % 7 }));
  const lastDay = isoDay(toWall(z, expected[expected.length - 1] ?? newStart));
  const end: Pick<SeriesRule, 'count' | 'until'> = Number.isFinite(endedAt)
    ? { count: following.length }
    : rule.count !== undefined
      ? { count: Math.max(1, rule.count - index) }
      : rule.until !== undefined
        ? { until: [rule.until, lastDay].sort()[1]! }
        : {};
  const next: SeriesRule = { ...base, ...(shiftedDays ? { byDay: shiftedDays } : {}), ...end };
  const actual = expandSeries(next, newStart, zone, MAX_REMINDED_OCCURRENCES).starts;
  // The old expansion was cut at MAX_REMINDED_OCCURRENCES (a rule without end): compare what both have.
  const bounded = starts.length < MAX_REMINDED_OCCURRENCES || Number.isFinite(endedAt);
  if (
    actual.length < expected.length ||
    (bounded && actual.length !== expected.length) ||
    expected.some((s, i) => actual[i] !== s)
  )
    return { ok: false, code: 'following_pattern' };
  const position = new Map(following.map((s, i) => [s, i] as const));
  const cancelled = exceptions.flatMap((x) => {
    const i = x.status === 'cancelled' ? position.get(x.originalStart) : undefined;
    return i === undefined ? [] : [actual[i]!];
  });
  const followed = exceptions.filter(
    (x) => x.status === 'moved' && x.originalStart > k && position.has(x.originalStart),
  ).length;
  const hasEnd = next.count !== undefined || next.until !== undefined;
  const seriesEndsAt =
    !hasEnd && input.seriesEndsAt != null
      ? input.seriesEndsAt + (newStart - k)
      : actual[actual.length - 1]! + duration;
  return { ok: true, rule: next, starts: actual, following, cancelled, followed, seriesEndsAt };
}

/** The new series' turns (a team taking turns per occurrence): each member's turn shifted by k's index. */
function shiftedTurns(
  booking: Booking,
  index: number,
  rule: SeriesRule,
  zone: string,
  newStart: number,
): { people: string[]; plan: TurnPlan | null; turns?: SeriesTurns } | null {
  if (!booking.turns) return { people: [...booking.participantIds], plan: null };
  const { of, byPerson } = booking.turns;
  const shifted: Record<string, number> = {};
  for (const [id, turn] of Object.entries(byPerson)) shifted[id] = turnOf(turn - index, of);
  const plan = bookedTurns({ rule, zone }, { start: newStart, turns: { of, byPerson: shifted } });
  if (!plan) return null;
  // A member whose turn has no occurrence left in the new series is not part of it.
  const people = booking.participantIds.filter((id) => {
    const turn = shifted[id];
    return turn === undefined || plan.hosts[turn] === id;
  });
  return { people, plan, turns: seriesTurns(plan, people) };
}

/** The following occurrences' own times (original and current): not busy for the new time. */
function ownTimes(
  following: readonly number[],
  exceptions: readonly OccurrenceException[],
  duration: number,
): Interval[] {
  const set = new Set(following);
  return normalize([
    ...following.map((s) => ({ start: s, end: s + duration })),
    ...exceptions.flatMap((x) =>
      x.status === 'moved' && set.has(x.originalStart) ? [{ start: x.start, end: x.end }] : [],
    ),
  ]);
}

/** Busy time per person over `range`: calendars (`fresh` or cached) and Convene's bookings, less `own`. */
async function busyOf(
  deps: ManageSeriesDeps,
  tenantId: string,
  ids: readonly string[],
  range: Interval,
  own: readonly Interval[],
  fresh: boolean,
): Promise<Map<string, Interval[]>> {
  const [read, rows] = await Promise.all([
    deps.busy
      ? deps.busy.busyFor(tenantId, ids, range, fresh ? { fresh: true } : undefined)
      : { people: [] as { personId: string; busy: readonly Interval[] }[] },
    deps.store.bookings.busyForPeople(tenantId, ids, range),
  ]);
  return new Map(
    ids.map((id) => [
      id,
      subtract(
        normalize([...(read.people.find((p) => p.personId === id)?.busy ?? []), ...(rows.get(id) ?? [])]),
        [...own],
      ),
    ]),
  );
}

/**
 * How far ahead the new series is checked (as a series request is, `MAX_SERIES_DAYS`): the occurrences
 * starting before then.
 */
function checkedStarts(plan: Extract<FollowingPlan, { ok: true }>, now: number): readonly number[] {
  const horizon = now + MAX_SERIES_DAYS * DAY;
  const within = plan.starts.filter((s) => s < horizon);
  return within.length > 0 ? within : plan.starts.slice(0, 1);
}

/** The new series checked against `busy` up to the horizon: its conflicts (cancelled dates left out). */
function conflictsOf(
  plan: Extract<FollowingPlan, { ok: true }>,
  zone: string,
  newStart: number,
  duration: number,
  people: readonly string[],
  turns: TurnPlan | null,
  busy: ReadonlyMap<string, Interval[]>,
  now: number,
): { conflicts: OccurrenceConflict[]; total: number } {
  const checked = checkedStarts(plan, now);
  const result = searchSeries({
    candidates: [newStart],
    durationMs: duration,
    rule: plan.rule,
    zone,
    maxOccurrences: checked.length,
    participants: people.map((id) => {
      const turn = turns ? turnOfPerson(turns, id) : null;
      return { id, zone, busy: busy.get(id) ?? [], ...(turn ? { turn } : {}) };
    }),
  });
  const cancelled = new Set(plan.cancelled);
  const conflicts = (result.candidates[0]?.conflicts ?? []).filter((c) => !cancelled.has(c.start));
  return { conflicts, total: checked.filter((s) => !cancelled.has(s)).length };
}

const KEYS = {
  following_day: 'occurrences.error.followingDay',
  following_pattern: 'occurrences.error.followingPattern',
} as const;

/** The idempotency key of a split: the old booking, k and the new start. */
export function followingKey(bookingId: string, occurrence: number, newStart: number): string {
  return `series-following:${bookingId}:${occurrence}:${newStart}`;
}

async function namesOf(deps: ManageSeriesDeps, tenantId: string, ids: readonly string[]) {
  const names = new Map<string, string>();
  for (const id of ids) names.set(id, (await deps.store.people.get(tenantId, id))?.displayName ?? '?');
  return (id: string) => names.get(id) ?? '?';
}

/**
 * Moves occurrence `occurrence` and every later one to start at `newStart` (see the module comment).
 * Refusals: those of `moveOccurrence` (not allowed, not a series, not one of its occurrences, started,
 * in the past, the same time, `slot_taken` at the new first occurrence), `first_occurrence` (no earlier
 * occurrence still on: reschedule the whole series), `following_before` (not after the previous
 * occurrence), `following_day` (a monthly series to another day), `following_pattern` (the days would
 * regroup, or a team's turns would no longer split).
 */
export async function moveFollowing(
  deps: ManageSeriesDeps,
  input: MoveOccurrenceInput,
): Promise<ManageSeriesResult> {
  const allowed = await manageableBooking(deps, input);
  if (!allowed.ok) return { ok: false, error: allowed.error };
  const key = followingKey(input.bookingId, input.occurrence, input.newStart);
  const made = await deps.store.bookings.findByIdempotencyKey(input.tenantId, key);
  if (made && made.status === 'booked') return repeat(deps, input, allowed.booking, allowed.locale, made);

  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result;
  const { booking, locale, starts, actorZone, zone, exceptions, current } = loaded.loaded;
  const duration = booking.end - booking.start;
  const index = starts.indexOf(input.occurrence);
  const live = liveBefore(starts, exceptions, input.occurrence, duration);
  if (firstStillOn(live, index, booking.start, input.now))
    return failure(locale, 'first_occurrence', 'occurrences.error.followingFirst');
  if (!Number.isFinite(input.newStart) || input.newStart < input.now)
    return failure(locale, 'invalid_time', 'booking.error.timeInPast');
  if (input.newStart === current.start) return failure(locale, 'invalid_time', 'booking.error.sameTime');
  if (input.newStart < Math.max(...live.map((o) => o.end)))
    return failure(locale, 'following_before', 'occurrences.error.followingBefore');
  const series = await seriesOfBooking(deps, booking);
  if (!series) return failure(locale, 'not_a_series', 'occurrences.error.notASeries');
  const plan = planFollowing({
    rule: series.series.rule,
    zone,
    starts,
    index,
    newStart: input.newStart,
    duration,
    exceptions,
    seriesEndsAt: booking.seriesEndsAt ?? null,
  });
  if (!plan.ok) return failure(locale, plan.code, KEYS[plan.code]);
  const team = shiftedTurns(booking, index, plan.rule, zone, input.newStart);
  if (!team) return failure(locale, 'following_pattern', 'occurrences.error.followingPattern');
  const to: Interval = { start: input.newStart, end: input.newStart + duration };

  // The live re-check over the new series: its first occurrence free for everyone, later clashes named.
  let conflicts: OccurrenceConflict[] = [];
  if (deps.busy) {
    const range = { start: to.start, end: checkedStarts(plan, input.now).at(-1)! + duration };
    const busy = await busyOf(
      deps,
      input.tenantId,
      team.people,
      range,
      ownTimes(plan.following, exceptions, duration),
      true,
    );
    conflicts = conflictsOf(
      plan,
      zone,
      to.start,
      duration,
      team.people,
      team.plan,
      busy,
      input.now,
    ).conflicts;
    const first = conflicts.find((c) => c.index === 0);
    if (first)
      return failure(locale, 'slot_taken', 'booking.error.timeNotFree', first.people.map((p) => p.id).sort());
  }

  // The derived request and proposal: the old request with the shifted rule, in the same chat message.
  const { request, proposal } = series;
  const derived = await deps.store.requests.create({
    tenantId: input.tenantId,
    workspaceId: request.workspaceId,
    requesterId: request.requesterId,
    title: booking.title,
    durationMinutes: request.durationMinutes,
    window: { start: to.start, end: plan.seriesEndsAt },
    participants: team.people.map((personId) => ({ personId })),
    message: request.message,
    criteria: { ...request.criteria!, recurrence: plan.rule },
  });
  if (!derived) throw new Error('moveFollowing: the derived request was refused');
  const offered = await deps.store.requests.propose(input.tenantId, derived.id, {
    slots: [{ start: to.start, end: to.end, score: 0 }],
    message: proposal.message,
  });
  if (!offered) throw new Error('moveFollowing: the derived proposal was refused');
  const leads = await reminderLeads(deps.reminders, input.tenantId, team.people);
  const cancelled = new Set(plan.cancelled);
  const jobsOf = (b: Booking) => [
    ...writeJobs(b, input.now + OUTBOX_GRACE_MS),
    // Each member taking turns on their own dates (the turns as booked, whatever the store echoes back).
    ...reminderJobs(team.turns ? { ...b, turns: team.turns } : b, leads, input.now, plan.starts).filter(
      (j) => !cancelled.has((j.payload as { occurrence?: number }).occurrence ?? -1),
    ),
  ];
  const booked = await deps.store.bookings.bookSlot({
    tenantId: input.tenantId,
    people: team.people,
    start: to.start,
    end: to.end,
    title: booking.title,
    idempotencyKey: key,
    proposalId: offered.id,
    organizerId: booking.organizerId,
    seriesEndsAt: plan.seriesEndsAt,
    ...(team.plan && team.turns
      ? { turns: team.turns, holds: turnHolds(team.plan, team.people, to.start, duration) }
      : {}),
    jobs: jobsOf,
  });
  if (!booked.ok) {
    await deps.store.requests.setProposalStatus(input.tenantId, offered.id, 'superseded');
    await deps.store.requests.setStatus(input.tenantId, derived.id, 'cancelled');
    if (booked.reason === 'duplicate') return repeat(deps, input, booking, locale, booked.booking);
    if (booked.reason === 'conflict')
      return failure(locale, 'slot_taken', 'booking.error.timeNotFree', [...booked.people].sort());
    throw new Error(`moveFollowing: bookSlot refused the new series (${booked.reason})`);
  }
  const created = booked.booking;
  // Idempotent (dedupe keys): a no-op where bookSlot enqueued them in its transaction.
  for (const job of jobsOf(created)) await deps.store.jobs.enqueue(job);
  await deps.store.requests.setProposalStatus(input.tenantId, offered.id, 'accepted');
  await deps.store.requests.setStatus(input.tenantId, derived.id, 'booked');
  await carryCancelled(deps, created, plan.cancelled, input.now);
  // Then the old series ends before k (after the new one is booked: a refused booking ends nothing).
  await endAt(deps, booking, starts, exceptions, input.occurrence, input.now);
  const ics = await icsOffersOf(deps, booking, created, plan.seriesEndsAt, locale);

  const nameOf = await namesOf(deps, input.tenantId, team.people);
  const notes: string[] = [];
  if (conflicts.length > 0)
    notes.push(
      t(locale, 'occurrences.followingMoved.conflicts', {
        count: conflicts.length,
        conflicts: conflictText(conflictsByPerson(conflicts, nameOf), actorZone, locale),
      }),
    );
  if (plan.cancelled.length > 0)
    notes.push(t(locale, 'occurrences.followingMoved.keptCancelled', { count: plan.cancelled.length }));
  if (plan.followed > 0)
    notes.push(t(locale, 'occurrences.followingMoved.followed', { count: plan.followed }));
  const { notified, notNotified } = await notifyFollowing(
    deps,
    booking,
    input.actorPersonId,
    plan.rule,
    zone,
    to,
    current,
    plan,
    ics,
  );
  return {
    ok: true,
    view: {
      kind: 'following_moved',
      locale,
      bookingId: booking.id,
      newBookingId: created.id,
      ...(ics.length > 0 ? { ics } : {}),
      title: booking.title,
      occurrence: input.occurrence,
      ...to,
      headline: [
        t(locale, 'occurrences.followingMoved.headline', {
          title: booking.title,
          when: slotLabel(to.start, to.end, actorZone, locale),
          was: slotLabel(current.start, current.end, actorZone, locale),
          series: seriesLabel(plan.rule, to.start, zone, locale),
        }),
        ...notes,
      ].join(' '),
      notified,
      notNotified,
    },
  };
}

/**
 * Whether occurrence k (at `index` in the rule) is the first of the series still on, so the whole-series
 * reschedule moves it and the following ones. Not when the series has begun (its first start is past) and
 * k is not its first: the earlier dates were all cancelled, and a series begun is not moved whole
 * (`rescheduleBooking`: `series_begun`), so the split is how its dates move from k on.
 */
export function firstStillOn(
  live: readonly Interval[],
  index: number,
  seriesStart: number,
  now: number,
): boolean {
  return live.length === 0 && !(index > 0 && seriesStart <= now);
}

/** The occurrences still on before `occurrence` (by the rule's order), at their current times. */
function liveBefore(
  starts: readonly number[],
  exceptions: readonly OccurrenceException[],
  occurrence: number,
  duration: number,
): Interval[] {
  return liveOccurrences(starts, duration, exceptions).filter((o) => o.original < occurrence);
}

async function seriesOfBooking(deps: ManageSeriesDeps, booking: Booking) {
  const proposal = booking.proposalId
    ? await deps.store.requests.getProposal(booking.tenantId, booking.proposalId)
    : null;
  const request = proposal ? await deps.store.requests.get(booking.tenantId, proposal.requestId) : null;
  const series = seriesOf(request);
  return proposal && request && series ? { proposal, request, series } : null;
}

/** A cancelled later date of the old series stays cancelled: recorded, and cancelled in each calendar. */
async function carryCancelled(
  deps: ManageSeriesDeps,
  booking: Booking,
  cancelled: readonly number[],
  now: number,
): Promise<void> {
  for (const at of cancelled) {
    await deps.store.bookings.recordOccurrence(booking.tenantId, booking.id, {
      originalStart: at,
      status: 'cancelled',
    });
    // After the new event's write (the job retries until the event is written).
    for (const job of seriesJobs(booking, { kind: 'cancel', originalStart: at }, now))
      await deps.store.jobs.enqueue({ ...job, runAt: now + OUTBOX_GRACE_MS });
  }
}

/**
 * A repeat of a split already made (same key): the old series' end is made again (idempotent: a crash
 * between the new booking and the end leaves nothing half done), and the same view, `alreadyMoved`.
 */
async function repeat(
  deps: ManageSeriesDeps,
  input: MoveOccurrenceInput,
  booking: Booking,
  locale: Locale,
  made: Booking,
): Promise<ManageSeriesResult> {
  const series = await seriesOfBooking(deps, booking);
  const made_ = await seriesOfBooking(deps, made);
  if (!series || !made_) return failure(locale, 'not_a_series', 'occurrences.error.notASeries');
  const { rule, zone } = series.series;
  const starts = expandSeries(rule, booking.start, zone, MAX_REMINDED_OCCURRENCES).starts;
  const exceptions = await deps.store.bookings.occurrences(booking.tenantId, booking.id);
  if (starts.includes(input.occurrence))
    await endAt(deps, booking, starts, exceptions, input.occurrence, input.now);
  const actorZone =
    (await deps.store.preferences.get(input.tenantId, input.actorPersonId))?.timeZone ?? 'UTC';
  const was = currentTime(exceptions, input.occurrence, booking.end - booking.start);
  const ics = await icsOffersOf(deps, booking, made, made.seriesEndsAt ?? made.end, locale);
  return {
    ok: true,
    view: {
      kind: 'following_moved',
      locale,
      bookingId: booking.id,
      newBookingId: made.id,
      alreadyMoved: true,
      ...(ics.length > 0 ? { ics } : {}),
      title: booking.title,
      occurrence: input.occurrence,
      start: made.start,
      end: made.end,
      headline: t(locale, 'occurrences.followingMoved.headline', {
        title: booking.title,
        when: slotLabel(made.start, made.end, actorZone, locale),
        was: slotLabel(was.start, was.end, actorZone, locale),
        series: seriesLabel(made_.series.rule, made.start, zone, locale),
      }),
      notified: [],
      notNotified: [],
    },
  };
}

/**
 * DMs everyone but the actor: the new series from its first time, what became of the later changed dates,
 * and to a participant offered the new series as an .ics (`ics`), their link.
 */
function notifyFollowing(
  deps: ManageSeriesDeps,
  booking: Booking,
  actorPersonId: string,
  rule: SeriesRule,
  zone: string,
  to: Interval,
  was: Interval,
  plan: Pick<Extract<FollowingPlan, { ok: true }>, 'cancelled' | 'followed'>,
  ics: readonly IcsOfferView[],
): Promise<{ notified: string[]; notNotified: string[] }> {
  return notifyOthers(deps, booking, actorPersonId, (locale, own, who, personId) => {
    const offer = ics.find((o) => o.personId === personId);
    return [
      t(locale, 'occurrences.followingMoved.dm', {
        who,
        title: booking.title,
        when: slotLabel(to.start, to.end, own, locale),
        was: slotLabel(was.start, was.end, own, locale),
        series: seriesLabel(rule, to.start, zone, locale),
      }),
      // What became of the later dates changed on their own.
      ...(plan.cancelled.length > 0
        ? [t(locale, 'occurrences.followingMoved.keptCancelled', { count: plan.cancelled.length })]
        : []),
      ...(plan.followed > 0
        ? [t(locale, 'occurrences.followingMoved.followed', { count: plan.followed })]
        : []),
      // Kept in Convene: their own link to the new series.
      ...(offer ? [t(locale, 'occurrences.followingMoved.ics', { url: offer.url })] : []),
    ].join(' ');
  });
}

/**
 * The new series' .ics offers (`icsOffers`): one per participant of `created` whose calendar Convene does
 * not write. That is known from the old series `old`: no calendar event recorded for them on it (a written
 * one is `created`, a write to retry `failed`, one removed `deleted`; a booking writes at once and records
 * nothing for a calendar kept in Convene). A series itself made by a split writes through the outbox only:
 * split again before its writes ran (seconds), its participants all look kept and are all offered a link.
 * Each link lasts until a week after the new series' last occurrence (`end`), as at booking; a member
 * taking turns is served their turn. Bounded: one person read per participant offered a link.
 */
async function icsOffersOf(
  deps: ManageSeriesDeps,
  old: Booking,
  created: Booking,
  end: number,
  locale: Locale,
): Promise<IcsOfferView[]> {
  const { icsOffers } = deps;
  if (!icsOffers) return [];
  const recorded = new Set(old.events.map((e) => e.personId));
  const offers: IcsOfferView[] = [];
  for (const personId of created.participantIds) {
    if (recorded.has(personId)) continue;
    const url = icsOffers.urlFor({ tenantId: created.tenantId, bookingId: created.id, personId, end });
    if (!url) continue;
    const name = (await deps.store.people.get(created.tenantId, personId))?.displayName ?? '?';
    offers.push({ personId, name, url, label: t(locale, 'booking.calendar.addIcs') });
  }
  return offers.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * New times for occurrence k AND the following ones: the same people and duration, k's own day first (in
 * the series' zone), then the days around it up to `MOVE_WINDOW_DAYS` either side (a monthly series: its
 * own day only), ranked as `occurrenceMoveOptions` ranks them; a day that would regroup the series' days is
 * left out. Each option's `reason` says how many of the following occurrences are free at it ("free on 9
 * of 10 Tuesdays; Li is busy on Tue 3 Feb"), with `free` / `total`. The pick goes through `moveFollowing`
 * (which re-checks live). Refusals as `moveFollowing`'s; `no_slot` when nothing is free. Bounded: one busy
 * read of the window (the ranking) and one from it to the last new occurrence; at most `count` options
 * checked, one series search each.
 */
export async function followingMoveOptions(
  deps: ManageSeriesDeps,
  input: OccurrenceMoveOptionsInput,
): Promise<OccurrenceMoveOptionsResult> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded.result as OccurrenceMoveOptionsResult;
  const { booking, attending, locale, actorZone, zone, current, starts, exceptions } = loaded.loaded;
  const fail = (code: ManageSeriesErrorCode, key: Parameters<typeof failure>[2]) =>
    failure(locale, code, key) as OccurrenceMoveOptionsResult;
  const duration = booking.end - booking.start;
  const index = starts.indexOf(input.occurrence);
  const live = liveBefore(starts, exceptions, input.occurrence, duration);
  if (firstStillOn(live, index, booking.start, input.now))
    return fail('first_occurrence', 'occurrences.error.followingFirst');
  const series = await seriesOfBooking(deps, booking);
  if (!series) return fail('not_a_series', 'occurrences.error.notASeries');
  const rule = series.series.rule;
  const day = localDay(current.start, zone);
  const around = rule.freq === 'MONTHLY' ? 0 : MOVE_WINDOW_DAYS;
  const notBefore = Math.max(input.now, ...live.map((o) => o.end));
  const window: Interval = {
    start: Math.max(notBefore, dayStart(day - around, zone)),
    end: dayStart(day + around + 1, zone),
  };
  const count = input.count ?? 5;
  const original: Interval = { start: input.occurrence, end: input.occurrence + duration };
  const ranked = await rankedNewTimes(deps, {
    tenantId: input.tenantId,
    booking: attending,
    duration,
    actorZone,
    locale,
    now: input.now,
    window,
    own: [current, original],
    current: current.start,
    count,
    band: (start) => Math.abs(localDay(start, zone) - day),
    perBand: SAME_DAY_SHARE,
  });
  const planned = ranked.flatMap((option) => {
    const plan = planFollowing({
      rule,
      zone,
      starts,
      index,
      newStart: option.start,
      duration,
      exceptions,
      seriesEndsAt: booking.seriesEndsAt ?? null,
    });
    if (!plan.ok) return [];
    const team = shiftedTurns(booking, index, plan.rule, zone, option.start);
    return team ? [{ option, plan, team }] : [];
  });
  // A day that would regroup the series' days is left out (fewer times then, never other days instead).
  const kept = planned;
  if (kept.length === 0) return fail('no_slot', 'occurrences.error.noOtherTime');
  const lastEnd = Math.max(...kept.map((p) => checkedStarts(p.plan, input.now).at(-1)! + duration));
  const busy = await busyOf(
    deps,
    input.tenantId,
    booking.participantIds,
    { start: window.start, end: lastEnd },
    ownTimes(starts.slice(index), exceptions, duration),
    false,
  );
  const nameOf = await namesOf(deps, input.tenantId, booking.participantIds);
  const options: RescheduleOptionView[] = kept.map(({ option, plan, team }) => {
    const { conflicts, total } = conflictsOf(
      plan,
      zone,
      option.start,
      duration,
      team.people,
      team.plan,
      busy,
      input.now,
    );
    const free = total - conflicts.length;
    return {
      ...option,
      free,
      total,
      reason: seriesLine({
        rule: plan.rule,
        first: option.start,
        seriesZone: zone,
        zone: actorZone,
        occurrences: total,
        free,
        conflicts: conflictsByPerson(conflicts, nameOf),
        locale,
      }),
    };
  });
  return {
    ok: true,
    view: {
      locale,
      bookingId: booking.id,
      title: booking.title,
      occurrence: input.occurrence,
      headline: t(locale, 'occurrences.followingOptions.headline', {
        title: booking.title,
        date: dayLabel(current.start, actorZone, locale),
        now: slotLabel(current.start, current.end, actorZone, locale),
      }),
      options,
    },
  };
}
