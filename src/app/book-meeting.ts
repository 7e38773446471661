/**
 * Use case: a click on a proposed slot books it.
 *
 * 1. Only the organiser or a participant of the request may book (a value otherwise).
 * 2. The idempotency key is derived from proposal + slot: a double click, a retried webhook or two
 *    participants clicking the same button make ONE booking (the repeat gets the same confirmation).
 * 3. Live re-check with `fresh: true` (bypassing the busy cache), plus Convene's own bookings: a slot
 *    that is no longer free comes back as a value listing the proposal's slots that still are. A series
 *    is re-checked over every occurrence up to the request's horizon (the same single read, reaching
 *    further): a busy later occurrence answers `series_conflict` (which ones, "book anyway", the other
 *    free times); the slot id `<n>-anyway` books regardless (same booking key) and the confirmation
 *    names the occurrences in conflict; `<n>-move` ("book and move the clashing dates") books too, then
 *    moves each occurrence in conflict to the nearest time everyone can make (`bookAndMove`) and the
 *    confirmation says which moved where and which stayed.
 * 4. `bookings.bookSlot`: the database guard makes two bookings of one person's time impossible; a lost
 *    race is the same "slot taken" value.
 *    The SAME transaction enqueues the outbox: one `calendar.write` job per participant (due
 *    `OUTBOX_GRACE_MS` later) and the `reminder.dm` jobs (./reminders.ts). A process killed right after
 *    the commit leaves them queued; the worker of ./outbox.ts finishes the writes after a restart.
 * 5. Fast path: the writes are tried inline through the `EventWriter` (idempotent per booking and
 *    person) so the confirmation can show them; a recorded event makes its outbox job a no-op. What the
 *    outbox classifies `kept` (`read_only`, e.g. an ICS feed or the demo people; `no_write_calendar`, only
 *    read-only calendars linked; `not_linked`) is not a failure: the participant's view says
 *    `kept_in_convene` with that `reason`, the booking stands in Convene's store and still blocks that
 *    time for later requests. Wording: catalogue domain `booking` (src/app/i18n). Transient write
 *    failures are recorded (`calendar_event.status = failed`) and left to the outbox job (retries with
 *    backoff). A PERMANENT refusal (see `classifyWriteFailure`) cancels the booking at once
 *    (compensation: events already written deleted, everyone told by DM) and answers
 *    `calendar_refused`: never a half-booked meeting presented as booked.
 */
import { DAY, type Interval } from '../core/interval.ts';
import { normalize } from '../core/intervals.ts';
import { MAX_MOVE_DAYS, type PlannedMove, planOccurrenceMoves } from '../core/occurrence-move.ts';
import { leftOutStarts, type OccurrenceConflict, searchSeries } from '../core/series.ts';
import { compileWorkingHours } from '../core/working-hours.ts';
import { list, type MessageKey, type Msg, msg, t } from './i18n/index.ts';
import type { IcsOfferLinks } from './ics-offer.ts';
import { moveOccurrence } from './manage-series.ts';
import {
  CALENDAR_WRITE_JOB,
  classifyWriteFailure,
  compensateBooking,
  OUTBOX_GRACE_MS,
  seriesJobs,
  writeJobs,
} from './outbox.ts';
import type { BusyReader, EventWriter, Notifier } from './ports/calendars.ts';
import type { BookingMetrics } from './ports/metrics.ts';
import type {
  Booking,
  EnqueueInput,
  MeetingRequest,
  Person,
  Proposal,
  Repositories,
  WorkingHoursData,
} from './ports/store.ts';
import type { ReminderSettings } from './reminders.ts';
import { reminderJobs, reminderLeads } from './reminders.ts';
import { moveSlotId } from './request/series.ts';
import { DEFAULT_WORKING_HOURS, type RequestLimits } from './request/types.ts';
import type { MeetingStore } from './request-meeting.ts';
import { bookingPeople, recordRotationBooking } from './rotations.ts';
import {
  conflictsByPerson,
  conflictText,
  eventRecurrence,
  MAX_NAMED_DATES,
  MAX_SERIES_DAYS,
  occurrenceStarts,
  type SeriesHorizon,
  seriesHorizon,
  seriesLabel,
  seriesLine,
  seriesOf,
} from './series.ts';
import {
  bookedTurns,
  planTurns,
  seriesTurns,
  type TurnPlan,
  turnEvent,
  turnHolds,
  turnOfPerson,
  turnsLine,
} from './series-turns.ts';
import type {
  BookingParticipantView,
  BookingView,
  CalendarWriteReason,
  CalendarWriteStatus,
  Locale,
  SeriesMovesView,
  SlotView,
} from './views.ts';
import { dayLabel, slotLabel, toLocale } from './views.ts';

export interface BookMeetingDeps {
  readonly store: MeetingStore & Partial<Pick<Repositories, 'jobs' | 'rotations'>>;
  readonly busy: BusyReader;
  readonly writer: EventWriter;
  /** DMs of a compensation (a calendar refused the booking). Default: none sent. */
  readonly notifier?: Notifier;
  /**
   * Links to the meeting as an .ics for the participants whose calendar Convene cannot write (kept in
   * Convene), shown on the confirmation. Default: none offered.
   */
  readonly icsOffers?: IcsOfferLinks;
  /** Reminder lead time per person. Default: 15 minutes for everyone. */
  readonly reminders?: ReminderSettings;
  /** Booking outcomes and conflicts (src/observability/metrics.ts). */
  readonly metrics?: BookingMetrics;
  /** A series is re-checked up to `maxSeriesDays` from today (default as the request's, 184). */
  readonly limits?: Pick<RequestLimits, 'maxSeriesDays'>;
}

export interface BookMeetingInput {
  readonly tenantId: string;
  readonly proposalId: string;
  /**
   * `"3"`: the proposal's third slot. `"3-anyway"` (a series): book it even when later occurrences have
   * conflicts ("book anyway"; the confirmation names them). `"3-move"` (a series): book it and move each
   * later occurrence in conflict to a nearby time everyone can make ("book and move the clashing dates";
   * the confirmation says which moved and which stayed). All three make the same booking (one key).
   */
  readonly slotId: string;
  readonly actorPersonId: string;
  /** The clock, epoch ms. */
  readonly now: number;
  /** Language of the answer; default: the actor's stored locale, else English. */
  readonly locale?: Locale;
  /**
   * The same click run again by another process, the one that ran it first having stopped after its ack
   * (the Slack or Discord inbox's takeover, src/bot/inbox.ts): a booking already made for the slot may be
   * that first run's, which stopped before confirming it, so its headline is the confirmation's
   * ("Booked: …"), not "Already booked"; `alreadyBooked` stays true (nothing was booked now, nothing is
   * counted twice).
   */
  readonly rerun?: boolean;
}

export type BookMeetingErrorCode =
  | 'unknown_proposal'
  | 'unknown_slot'
  | 'not_allowed'
  | 'proposal_closed'
  | 'slot_taken'
  /**
   * A series whose first occurrence is free but some later ones are not (found by the click's re-check):
   * nothing booked; `anyway` books it regardless, `remaining` are the other free times.
   */
  | 'series_conflict'
  /** A calendar permanently refused the event: the booking was cancelled (nothing half-booked). */
  | 'calendar_refused';

export interface BookMeetingError {
  readonly code: BookMeetingErrorCode;
  readonly locale: Locale;
  /** The answer as a code with parameters (a surface may word it in another language with `render`). */
  readonly msg: Msg;
  /** `msg` worded in `locale`. */
  readonly message: string;
  /** For `slot_taken` and `series_conflict`: the proposal's other slots still free for everyone. */
  readonly remaining?: readonly SlotView[];
  /** For `series_conflict`: the clicked slot, its conflicts, and the "book anyway" id (`series.bookSlotId`). */
  readonly anyway?: SlotView;
}

export type BookMeetingResult =
  | { readonly ok: true; readonly view: BookingView }
  | { readonly ok: false; readonly error: BookMeetingError };

/** Job kind of the outbox's calendar writes (./outbox.ts). */
export { CALENDAR_WRITE_JOB };

/** Every job of a new booking: its calendar writes and its reminders. */
export function bookingJobs(
  booking: Booking,
  leads: ReadonlyMap<string, number>,
  now: number,
  occurrences?: readonly number[],
): EnqueueInput[] {
  return [...writeJobs(booking, now + OUTBOX_GRACE_MS), ...reminderJobs(booking, leads, now, occurrences)];
}

export function bookingIdempotencyKey(proposalId: string, slotId: string): string {
  return `proposal:${proposalId}:slot:${slotId}`;
}

/**
 * Books a slot (see the module comment). With `metrics`: `bookings{outcome}` counts each attempt that
 * made a new booking (`booked`), found the slot taken (`conflict`) or failed (`failed`: a calendar
 * refused it, or an outage); a repeat of a booked click is not counted again.
 */
export async function bookMeeting(
  deps: BookMeetingDeps,
  input: BookMeetingInput,
): Promise<BookMeetingResult> {
  const metrics = deps.metrics;
  if (!metrics) return book(deps, input);
  let result: BookMeetingResult;
  try {
    result = await book(deps, input);
  } catch (error) {
    metrics.bookings.inc({ outcome: 'failed' });
    throw error;
  }
  const outcome = result.ok
    ? result.view.alreadyBooked
      ? null
      : 'booked'
    : result.error.code === 'slot_taken' || result.error.code === 'series_conflict'
      ? 'conflict'
      : result.error.code === 'calendar_refused'
        ? 'failed'
        : null;
  if (outcome) metrics.bookings.inc({ outcome });
  return result;
}

/** What a booking attempt knows once the click is checked: shared by the steps below. */
interface Attempt {
  readonly deps: BookMeetingDeps;
  readonly input: BookMeetingInput;
  readonly locale: Locale;
  readonly proposal: Proposal;
  readonly request: MeetingRequest;
  /** The slot's index in the proposal (slot id − 1). */
  readonly index: number;
  readonly slot: Interval;
  /** Who this booking is for (a round-robin keeps only the member chosen for the slot). */
  readonly bookedIds: readonly string[];
  /** Optional attendees: never make a slot unavailable, booked only when free. */
  readonly optionalIds: ReadonlySet<string>;
  readonly people: readonly BookingPerson[];
  readonly key: string;
  /** The slot id without the "book anyway" suffix. */
  readonly slotId: string;
  /** "Book anyway" (or "book and move"): later occurrences in conflict do not stop the booking. */
  readonly anyway: boolean;
  /** "Book and move the clashing dates": the booking moves each later occurrence in conflict. */
  readonly move: boolean;
  /** A series: the occurrences the re-check covers (up to the horizon). */
  readonly series: { readonly zone: string; readonly horizon: SeriesHorizon } | null;
  /** A team taking turns per occurrence: who hosts which occurrences (null: everyone attends all). */
  readonly turns: TurnPlan | null;
}

type Fail = (
  code: BookMeetingErrorCode,
  key: MessageKey,
  remaining?: readonly SlotView[],
) => BookMeetingResult;

async function book(deps: BookMeetingDeps, input: BookMeetingInput): Promise<BookMeetingResult> {
  const { store } = deps;
  const actor = await store.people.get(input.tenantId, input.actorPersonId);
  const actorPrefs = actor ? await store.preferences.get(input.tenantId, actor.id) : null;
  const locale: Locale = input.locale ?? toLocale(actorPrefs?.locale);
  const fail: Fail = (code, key, remaining) => ({
    ok: false,
    error: { code, locale, msg: msg(key), message: t(locale, key), ...(remaining ? { remaining } : {}) },
  });

  const checked = await checkClick(deps, input, locale, actor, fail);
  if (!checked.ok) return checked.result;
  const attempt = checked.attempt;
  const { proposal } = attempt;

  // A repeat of a click that already booked: the same confirmation, nothing booked twice.
  const previous = await store.bookings.findByIdempotencyKey(input.tenantId, attempt.key);
  if (previous && previous.status === 'booked')
    return confirmed(attempt, fail, previous, attempt.people, true);

  if (proposal.status !== 'open' || (proposal.expiresAt !== null && proposal.expiresAt <= input.now))
    return fail(
      'proposal_closed',
      proposal.status === 'accepted' ? 'booking.error.proposalAccepted' : 'booking.error.proposalExpired',
    );

  const { free, busyOf } = await recheck(attempt);
  if (!free[attempt.index]) {
    // A click of the same button may have booked it since the check above: then the slot is busy
    // because of that booking, and this click gets the same confirmation, not "just taken".
    const winner = await store.bookings.findByIdempotencyKey(input.tenantId, attempt.key);
    if (winner && winner.status === 'booked') return confirmed(attempt, fail, winner, attempt.people, true);
    deps.metrics?.bookingConflicts.inc({ stage: 'recheck' });
    return taken(attempt, fail, free);
  }
  // A series: every later occurrence too. A conflict stops a plain click (say which, offer "book anyway"
  // or another time); a "book anyway" click books and the confirmation names them.
  const clashes = seriesClashes(attempt, busyOf);
  if (clashes.length > 0 && !attempt.anyway) {
    deps.metrics?.bookingConflicts.inc({ stage: 'recheck' });
    return seriesConflict(attempt, clashes, free);
  }
  return guardAndWrite(attempt, fail, busyOf, clashes);
}

/** Step 1: the proposal, the actor's right to book it, the slot, and who is booked. */
async function checkClick(
  deps: BookMeetingDeps,
  input: BookMeetingInput,
  locale: Locale,
  actor: Person | null,
  fail: Fail,
): Promise<{ ok: true; attempt: Attempt } | { ok: false; result: BookMeetingResult }> {
  const { store } = deps;
  const { tenantId } = input;
  const refused = (result: BookMeetingResult) => ({ ok: false as const, result });
  const proposal = await store.requests.getProposal(tenantId, input.proposalId);
  const request = proposal ? await store.requests.get(tenantId, proposal.requestId) : null;
  if (!proposal || !request) return refused(fail('unknown_proposal', 'booking.error.unknownProposal'));
  const peopleIds = [request.requesterId, ...request.participants.map((p) => p.personId)].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  if (!actor || !peopleIds.includes(actor.id))
    return refused(fail('not_allowed', 'booking.error.notAllowed'));
  const said = /^([1-9]\d*)(-anyway|-move)?$/.exec(input.slotId);
  const slotId = said?.[1] ?? '';
  const index = said ? Number(slotId) - 1 : -1;
  const slot = proposal.slots[index];
  if (!slot) return refused(fail('unknown_slot', 'booking.error.unknownSlot'));

  // Round-robin: any team member may pick the time, but only the member chosen for that slot is booked
  // (the other members are dropped from this booking); no pick → everyone in the request.
  const { rotations } = store;
  const booking = rotations
    ? await bookingPeople({ rotations }, tenantId, proposal.id, index + 1, peopleIds)
    : { people: peopleIds, turns: [] };
  const bookedIds = booking.people;
  // A team taking turns per occurrence (./series-turns.ts): only when the series still splits.
  const series = seriesOf(request);
  const turns =
    series && booking.turns.length >= 2
      ? planTurns(series.rule, slot.start, series.zone, booking.turns)
      : null;
  return {
    ok: true,
    attempt: {
      deps,
      input,
      locale,
      proposal,
      request,
      index,
      slot,
      bookedIds,
      optionalIds: new Set(request.participants.filter((p) => p.optional).map((p) => p.personId)),
      people: await loadPeople(store, tenantId, bookedIds, request.requesterId),
      key: bookingIdempotencyKey(proposal.id, slotId),
      slotId,
      anyway: said?.[2] !== undefined,
      move: said?.[2] === '-move',
      series: seriesRange(deps, input, request, slot),
      turns: turns?.ok ? turns.plan : null,
    },
  };
}

/** A series: the occurrences of the clicked slot the re-check covers (the same horizon as the proposals). */
function seriesRange(
  deps: BookMeetingDeps,
  input: BookMeetingInput,
  request: MeetingRequest,
  slot: Interval,
): Attempt['series'] {
  const series = seriesOf(request);
  if (!series) return null;
  const n = deps.limits?.maxSeriesDays;
  const maxDays = typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : MAX_SERIES_DAYS;
  return {
    zone: series.zone,
    horizon: seriesHorizon(series.rule, series.zone, slot.start, slot.end - slot.start, input.now, maxDays),
  };
}

/** The later occurrences of the clicked slot where a required person is busy (from the live re-check). */
function seriesClashes(attempt: Attempt, busyOf: ReadonlyMap<string, Interval[]>): OccurrenceConflict[] {
  const { series, slot, bookedIds, optionalIds } = attempt;
  if (!series) return [];
  const result = searchSeries({
    candidates: [slot.start],
    durationMs: slot.end - slot.start,
    rule: series.horizon.rule,
    zone: series.zone,
    // Busy time only: working hours were checked when the times were proposed.
    // A member taking turns: their own occurrences only.
    participants: bookedIds
      .filter((id) => !optionalIds.has(id))
      .map((id) => {
        const turn = attempt.turns ? turnOfPerson(attempt.turns, id) : null;
        return { id, zone: series.zone, busy: busyOf.get(id) ?? [], ...(turn ? { turn } : {}) };
      }),
  });
  return (result.candidates[0]?.conflicts ?? []).filter((c) => c.index > 0);
}

/** Who cannot make which occurrences, in words (dates in the organiser's zone). */
function clashText(attempt: Attempt, clashes: readonly OccurrenceConflict[]): string {
  const nameOf = (id: string) => attempt.people.find((p) => p.person.id === id)?.person.displayName ?? '?';
  return conflictText(conflictsByPerson(clashes, nameOf), requesterZoneOf(attempt.people), attempt.locale);
}

const requesterZoneOf = (people: readonly BookingPerson[]) =>
  people.find((p) => p.requester)?.timeZone ?? 'UTC';

/** "Since these times were proposed, the series has a conflict: …": book anyway, or another time. */
function seriesConflict(
  attempt: Attempt,
  clashes: readonly OccurrenceConflict[],
  free: readonly boolean[],
): BookMeetingResult {
  const { locale, proposal, index, people } = attempt;
  const conflicts = clashText(attempt, clashes);
  const detail = msg('booking.error.seriesConflict', { count: clashes.length, conflicts });
  const slot = proposal.slots[index]!;
  // The first occurrence is still free for everyone; the series line says which later ones are not.
  const clicked = slotViewOf(
    slot,
    index,
    people,
    locale,
    t(locale, 'booking.slot.stillFree', { count: people.length }),
  );
  const occurrences = occurrenceCount(attempt);
  const nameOf = (id: string) => people.find((q) => q.person.id === id)?.person.displayName ?? '?';
  return {
    ok: false,
    error: {
      code: 'series_conflict',
      locale,
      msg: detail,
      message: t(locale, 'booking.error.seriesConflict', { count: clashes.length, conflicts }),
      remaining: remainingSlots(attempt, free, people),
      anyway: {
        ...clicked,
        series: {
          occurrences,
          free: occurrences - clashes.length,
          conflicts: clashes.map((c) => ({
            start: c.start,
            end: c.end,
            people: c.people.map((p) => ({ personId: p.id, name: nameOf(p.id), reason: p.reason })),
          })),
          line: seriesLine({
            rule: attempt.series!.horizon.rule,
            first: slot.start,
            seriesZone: attempt.series!.zone,
            zone: requesterZoneOf(people),
            occurrences,
            free: occurrences - clashes.length,
            conflicts: conflictsByPerson(clashes, nameOf),
            locale,
          }),
          bookSlotId: `${attempt.slotId}-anyway`,
          moveSlotId: moveSlotId(attempt.slotId),
        },
      },
    },
  };
}

/** How many occurrences of the clicked slot the re-check covers. */
function occurrenceCount(attempt: Attempt): number {
  if (!attempt.series) return 1;
  return occurrenceStarts(attempt.series.horizon.rule, attempt.slot.start, attempt.series.zone).length;
}

const overlaps = (list: readonly Interval[], s: Interval) =>
  list.some((b) => b.start < s.end && b.end > s.start);

/**
 * Step 2: the live re-check (`fresh`, bypassing the busy cache) plus Convene's own bookings: which of the
 * proposal's slots are still free for every required person (their first occurrence), and each booked
 * person's busy time (for a series, up to the clicked slot's last occurrence: `seriesClashes`).
 */
async function recheck(
  attempt: Attempt,
): Promise<{ free: boolean[]; busyOf: ReadonlyMap<string, Interval[]> }> {
  const { deps, input, proposal, bookedIds, optionalIds } = attempt;
  const { tenantId } = input;
  // A series: the same single read reaches the clicked slot's last occurrence (up to the horizon); for
  // "book and move", the days around the last one too (where it may move).
  const range: Interval = {
    start: Math.min(...proposal.slots.map((s) => s.start)),
    end: Math.max(
      ...proposal.slots.map((s) => s.end),
      (attempt.series?.horizon.end ?? 0) + (attempt.series && attempt.move ? (MAX_MOVE_DAYS + 1) * DAY : 0),
    ),
  };
  const [read, booked] = await Promise.all([
    deps.busy.busyFor(tenantId, bookedIds, range, { fresh: true }),
    Promise.all(bookedIds.map((id) => deps.store.bookings.listForPerson(tenantId, id, range))),
  ]);
  const busyOf = new Map(
    bookedIds.map((id, i) => [
      id,
      normalize([
        ...(read.people.find((p) => p.personId === id)?.busy ?? []),
        ...(booked[i] ?? []).map((b) => ({ start: b.start, end: b.end })),
      ]),
    ]),
  );
  const busy = normalize(
    bookedIds.filter((id) => !optionalIds.has(id)).flatMap((id) => busyOf.get(id) ?? []),
  );
  return { free: proposal.slots.map((s) => s.start >= input.now && !overlaps(busy, s)), busyOf };
}

/** "Slot taken", with the proposal's other slots that are still free for everyone. */
function taken(
  attempt: Attempt,
  fail: Fail,
  free: readonly boolean[],
  people: readonly BookingPerson[] = attempt.people,
): BookMeetingResult {
  const remaining = remainingSlots(attempt, free, people);
  return fail(
    'slot_taken',
    remaining.length > 0 ? 'booking.error.slotTaken' : 'booking.error.slotTakenNoneLeft',
    remaining,
  );
}

/** The proposal's other slots whose first occurrence is still free for everyone. */
function remainingSlots(
  attempt: Attempt,
  free: readonly boolean[],
  people: readonly BookingPerson[],
): SlotView[] {
  const { proposal, locale, index } = attempt;
  const reason = t(locale, 'booking.slot.stillFree', { count: people.length });
  return proposal.slots.flatMap((s, i) =>
    i === index || !free[i] ? [] : [slotViewOf(s, i, people, locale, reason)],
  );
}

function slotViewOf(
  s: Interval,
  i: number,
  people: readonly BookingPerson[],
  locale: Locale,
  reason: string,
): SlotView {
  const requesterZone = requesterZoneOf(people);
  return {
    id: String(i + 1),
    rank: i + 1,
    start: s.start,
    end: s.end,
    label: slotLabel(s.start, s.end, requesterZone, locale),
    labels: people.map((p) => ({
      personId: p.person.id,
      name: p.person.displayName,
      timeZone: p.timeZone,
      text: slotLabel(s.start, s.end, p.timeZone, locale),
    })),
    reason,
    free: people.length,
    total: people.length,
  };
}

/** Writes each calendar and answers the confirmation, or `calendar_refused` when a calendar refused. */
async function confirmed(
  attempt: Attempt,
  fail: Fail,
  booking: Booking,
  people: readonly BookingPerson[],
  alreadyBooked: boolean,
  clashes: readonly OccurrenceConflict[] = [],
): Promise<BookMeetingResult> {
  const view = await confirmation(
    attempt.deps,
    attempt.input,
    attempt.locale,
    booking,
    people,
    alreadyBooked,
    seriesOf(attempt.request),
    clashes.length > 0
      ? t(attempt.locale, 'booking.seriesConflicts', {
          count: clashes.length,
          conflicts: clashText(attempt, clashes),
        })
      : undefined,
  );
  return view === 'refused' ? fail('calendar_refused', 'booking.error.calendarRefused') : { ok: true, view };
}

/**
 * Step 3: the database guard (`bookSlot`, which enqueues the outbox and reminder jobs in its transaction),
 * then the write-back and the confirmation (step 4). Optional attendees busy at the slot are left out.
 */
async function guardAndWrite(
  attempt: Attempt,
  fail: Fail,
  busyOf: ReadonlyMap<string, Interval[]>,
  clashes: readonly OccurrenceConflict[] = [],
): Promise<BookMeetingResult> {
  const { deps, input, proposal, request, slot, index, key, bookedIds, optionalIds } = attempt;
  const { store } = deps;
  const { tenantId } = input;
  const attending = bookedIds.filter((id) => !optionalIds.has(id) || !overlaps(busyOf.get(id) ?? [], slot));
  const attendingSet = new Set(attending);
  const people = attempt.people.filter((p) => attendingSet.has(p.person.id));

  const leads = await reminderLeads(deps.reminders, tenantId, attending);
  // A series: one reminder per occurrence (./series.ts).
  const series = seriesOf(request);
  const occurrences = series ? occurrenceStarts(series.rule, slot.start, series.zone) : undefined;
  const booked = await store.bookings.bookSlot({
    tenantId,
    people: attending,
    start: slot.start,
    end: slot.end,
    title: request.title,
    idempotencyKey: key,
    proposalId: proposal.id,
    organizerId: request.requesterId,
    // A series: when its last (managed) occurrence ends, so /meet cancel|reschedule keep listing it.
    ...(occurrences && occurrences.length > 0
      ? { seriesEndsAt: occurrences[occurrences.length - 1]! + (slot.end - slot.start) }
      : {}),
    ...(attempt.turns
      ? {
          turns: seriesTurns(attempt.turns, attending),
          // Each member is held at their own first occurrence, not at the series' first (issue #22).
          holds: turnHolds(attempt.turns, attending, slot.start, slot.end - slot.start),
        }
      : {}),
    jobs: (b) => bookingJobs(b, leads, input.now, occurrences),
  });
  if (!booked.ok) {
    if (booked.reason === 'duplicate') return confirmed(attempt, fail, booked.booking, people, true);
    if (booked.reason === 'conflict') {
      deps.metrics?.bookingConflicts.inc({ stage: 'database' });
      // Two clicks of the same button racing: the other one booked it, under our key.
      const winner = await store.bookings.findByIdempotencyKey(tenantId, key);
      if (winner && winner.status === 'booked') return confirmed(attempt, fail, winner, people, true);
      return taken(attempt, fail, (await recheck(attempt)).free, people);
    }
    throw new Error(`bookMeeting: bookSlot refused the booking (${booked.reason})`);
  }
  // Idempotent (dedupe keys): a no-op where bookSlot enqueued them in its transaction.
  if (store.jobs)
    for (const job of bookingJobs(booked.booking, leads, input.now, occurrences))
      await store.jobs.enqueue(job);
  // Days left out of the series (`except december 28`): the calendars get the whole rule, then each such
  // occurrence cancelled as the provider's exception (the `calendar.series` job of a cancelled occurrence),
  // recorded first, as `cancelOccurrence` does. No reminder was planned for them (they are not occurrences).
  if (series)
    for (const originalStart of leftOutStarts(series.rule, booked.booking.start, series.zone)) {
      await store.bookings.recordOccurrence(tenantId, booked.booking.id, {
        originalStart,
        status: 'cancelled',
      });
      if (store.jobs)
        for (const job of seriesJobs(booked.booking, { kind: 'cancel', originalStart }, input.now))
          await store.jobs.enqueue(job);
    }
  const { rotations } = store;
  if (rotations)
    await recordRotationBooking(
      { rotations },
      { tenantId, proposalId: proposal.id, slotRank: index + 1, bookingId: booked.booking.id, at: input.now },
    );
  await store.requests.setProposalStatus(tenantId, proposal.id, 'accepted');
  await store.requests.setStatus(tenantId, request.id, 'booked');
  if (attempt.move && clashes.length > 0 && store.jobs)
    return bookAndMove(attempt, fail, booked.booking, people, clashes, busyOf, store.jobs);
  return confirmed(attempt, fail, booked.booking, people, false, clashes);
}

/** Most moves a confirmation names before "and N more". */
const MAX_NAMED_MOVES = MAX_NAMED_DATES;

/** DMs of the moves: none (the confirmation, in the conversation, names them). */
const NO_DMS = { dm: async () => ({ ok: true as const }) };

/**
 * "Book and move the clashing dates", once the booking is made (step 3): the calendars are written and
 * the confirmation built (step 4), then each later occurrence in conflict is given the nearest time every
 * required person can make (src/core/occurrence-move.ts: the same day first, then up to `MAX_MOVE_DAYS`
 * days around it, working hours in each person's zone, from the busy time of the click's re-check: no
 * further read) and moved through `moveOccurrence` (./manage-series.ts: the outbox's `calendar.series`
 * job makes it the provider's exception of the ONE series event; the occurrence's reminders follow it).
 * Occurrences with no such time stay and are named. Only the click that made the booking moves anything:
 * a repeat, or a click that lost the race, finds the booking and moves nothing. Bounded: the occurrences
 * the re-check covered, at most one move each.
 */
async function bookAndMove(
  attempt: Attempt,
  fail: Fail,
  booking: Booking,
  people: readonly BookingPerson[],
  clashes: readonly OccurrenceConflict[],
  busyOf: ReadonlyMap<string, Interval[]>,
  jobs: Repositories['jobs'],
): Promise<BookMeetingResult> {
  const { deps, input, request, series, optionalIds, locale } = attempt;
  const result = await confirmed(attempt, fail, booking, people, false);
  if (!result.ok || !series) return result;
  const plan = planOccurrenceMoves({
    occurrences: occurrenceStarts(series.horizon.rule, booking.start, series.zone),
    clashing: clashes.map((c) => c.start),
    durationMs: booking.end - booking.start,
    zone: series.zone,
    participants: people
      .filter((p) => !optionalIds.has(p.person.id))
      .map((p) => {
        const hours = compileWorkingHours(p.hours.rules, p.hours.overrides);
        return {
          id: p.person.id,
          zone: p.timeZone,
          ...(hours.ok ? { hours: hours.value } : {}),
          busy: busyOf.get(p.person.id) ?? [],
        };
      }),
    notBefore: input.now,
    maxDays: MAX_MOVE_DAYS,
  });
  const { store } = deps;
  const manage = {
    store: {
      bookings: store.bookings,
      people: store.people,
      preferences: store.preferences,
      requests: store.requests,
      jobs,
    },
    notifier: NO_DMS,
    ...(deps.reminders ? { reminders: deps.reminders } : {}),
  };
  const moved: PlannedMove[] = [];
  const stayed = [...plan.stayed];
  for (const move of plan.moved) {
    // The organiser: always allowed to change the booking (a round-robin clicker may not be in it).
    const done = await moveOccurrence(manage, {
      tenantId: input.tenantId,
      bookingId: booking.id,
      actorPersonId: request.requesterId,
      occurrence: move.occurrence,
      newStart: move.start,
      now: input.now,
      locale,
    });
    if (done.ok) moved.push(move);
    else stayed.push(move.occurrence);
  }
  stayed.sort((a, b) => a - b);
  return {
    ok: true,
    view: { ...result.view, seriesMoves: movesView(attempt, moved, stayed, clashes) },
  };
}

/** "Moved 2 occurrences in conflict: Tue 8 Dec to Wed 9 Dec, 10:00–10:30 …; 1 occurrence stays …". */
function movesView(
  attempt: Attempt,
  moved: readonly PlannedMove[],
  stayed: readonly number[],
  clashes: readonly OccurrenceConflict[],
): SeriesMovesView {
  const { locale, people } = attempt;
  const zone = requesterZoneOf(people);
  const parts: string[] = [];
  if (moved.length > 0) {
    const named = moved.slice(0, MAX_NAMED_MOVES).map((m) =>
      t(locale, 'booking.seriesMove', {
        was: dayLabel(m.occurrence, zone, locale),
        when: slotLabel(m.start, m.end, zone, locale),
      }),
    );
    const more = moved.length - named.length;
    parts.push(
      t(locale, 'booking.seriesMoved', {
        count: moved.length,
        moves: list(locale, [
          ...named,
          ...(more > 0 ? [t(locale, 'request.series.moreDates', { count: more })] : []),
        ]),
      }),
    );
  }
  if (stayed.length > 0)
    parts.push(
      t(locale, 'booking.seriesStayed', {
        count: stayed.length,
        days: MAX_MOVE_DAYS,
        conflicts: clashText(
          attempt,
          clashes.filter((c) => stayed.includes(c.start)),
        ),
      }),
    );
  return {
    moved: moved.map((m) => ({ occurrence: m.occurrence, start: m.start, end: m.end })),
    stayed,
    text: parts.join(' '),
  };
}

interface BookingPerson {
  readonly person: Person;
  readonly timeZone: string;
  readonly requester: boolean;
  /** Their working hours (the default ones when they set none): where a clashing occurrence may move. */
  readonly hours: WorkingHoursData;
}

async function loadPeople(
  store: MeetingStore,
  tenantId: string,
  ids: readonly string[],
  requesterId: string,
): Promise<BookingPerson[]> {
  const out: BookingPerson[] = [];
  for (const id of ids) {
    const [person, prefs] = await Promise.all([
      store.people.get(tenantId, id),
      store.preferences.get(tenantId, id),
    ]);
    if (!person) continue;
    out.push({
      person,
      timeZone: prefs?.timeZone ?? 'UTC',
      requester: id === requesterId,
      hours: prefs && prefs.workingHours.rules.length > 0 ? prefs.workingHours : DEFAULT_WORKING_HOURS,
    });
  }
  // The store does not keep mention order: the organiser first, then by name, so every view agrees.
  return out.sort(
    (a, b) =>
      Number(b.requester) - Number(a.requester) || a.person.displayName.localeCompare(b.person.displayName),
  );
}

/** Writes the booking to each calendar (idempotently) and renders the confirmation. */
async function confirmation(
  deps: BookMeetingDeps,
  input: BookMeetingInput,
  locale: Locale,
  booking: Booking,
  people: readonly BookingPerson[],
  alreadyBooked: boolean,
  series: ReturnType<typeof seriesOf> = null,
  seriesConflicts?: string,
): Promise<BookingView | 'refused'> {
  const organiserZone = people.find((p) => p.requester)?.timeZone ?? 'UTC';
  // A series is ONE recurring event per calendar (not one event per occurrence); a member taking turns gets
  // their own turn's (`Booking.turns`).
  const recurrence = series ? eventRecurrence(series.rule, series.zone) : undefined;
  const turns = bookedTurns(series, booking);
  const attendees = people.flatMap((p) =>
    p.person.email ? [{ email: p.person.email, name: p.person.displayName }] : [],
  );
  const views: BookingParticipantView[] = [];
  const lastStart = series
    ? (occurrenceStarts(series.rule, booking.start, series.zone).at(-1) ?? booking.start)
    : booking.start;
  const lastEnd = lastStart + (booking.end - booking.start);
  let conferenceUrl: string | undefined;
  for (const p of people) {
    // A member taking turns: ONE recurring event for their own turn (its first start, its rule).
    const own = turns ? turnEvent(turns, p.person.id, booking.end - booking.start) : null;
    const recorded = booking.events.find((e) => e.personId === p.person.id && e.status === 'created');
    let calendar: CalendarWriteStatus;
    let reason: CalendarWriteReason | undefined;
    if (recorded) {
      calendar = 'written';
    } else {
      const outcome = await deps.writer.writeFor(input.tenantId, p.person.id, {
        idempotencyKey: `${booking.idempotencyKey}:person:${p.person.id}`,
        title: booking.title,
        start: own?.start ?? booking.start,
        end: own?.end ?? booking.end,
        timeZone: organiserZone,
        attendees,
        // A video link where the provider offers one (Google Meet, Teams); CalDAV ignores it.
        conference: true,
        ...(own ? { recurrence: own.recurrence } : recurrence ? { recurrence } : {}),
      });
      if (outcome.ok) {
        calendar = 'written';
        conferenceUrl ??= outcome.event.conferenceUrl;
        await deps.store.bookings.recordEvent(input.tenantId, booking.id, {
          personId: p.person.id,
          calendarId: outcome.calendarId,
          connectionId: outcome.connectionId,
          providerEventId: outcome.event.eventId,
          iCalUID: outcome.event.iCalUID ?? null,
          status: 'created',
          expected: [own ? [own.start, own.end] : [booking.start, booking.end]],
        });
      } else if (classifyWriteFailure(outcome.code) === 'kept') {
        // As the outbox classifies it: a calendar Convene may not write to is not a failure.
        calendar = 'kept_in_convene';
        reason = keptReason(outcome.code);
      } else if (classifyWriteFailure(outcome.code) === 'permanent') {
        await compensateBooking(
          {
            store: deps.store,
            notifier: deps.notifier ?? { dm: async () => ({ ok: true }) },
          },
          input.tenantId,
          booking.id,
          p.person.id,
          `${outcome.code}: ${outcome.message}`,
          input.now,
        );
        return 'refused';
      } else {
        calendar = 'failed';
        reason = 'will_retry';
        await deps.store.bookings.recordEvent(input.tenantId, booking.id, {
          personId: p.person.id,
          calendarId: outcome.calendarId ?? outcome.connectionId ?? 'unknown',
          connectionId: outcome.connectionId,
          status: 'failed',
          lastError: `${outcome.code}: ${outcome.message}`.slice(0, 500),
        });
        await deps.store.jobs?.enqueue({
          kind: CALENDAR_WRITE_JOB,
          tenantId: input.tenantId,
          payload: { bookingId: booking.id, personId: p.person.id },
          dedupeKey: `${CALENDAR_WRITE_JOB}:${booking.id}:${p.person.id}`,
        });
      }
    }
    // Kept in Convene: offer the meeting as an .ics to add by hand (a series: its recurring event, the
    // link valid until a week after the last occurrence).
    const icsUrl =
      calendar === 'kept_in_convene'
        ? deps.icsOffers?.urlFor({
            tenantId: input.tenantId,
            bookingId: booking.id,
            personId: p.person.id,
            end: lastEnd,
          })
        : null;
    views.push({
      personId: p.person.id,
      name: p.person.displayName,
      timeZone: p.timeZone,
      label: slotLabel(own?.start ?? booking.start, own?.end ?? booking.end, p.timeZone, locale),
      calendar,
      ...(reason ? { reason, note: t(locale, REASON_KEYS[reason]) } : {}),
      ...(icsUrl ? { ics: { url: icsUrl, label: t(locale, 'booking.calendar.addIcs') } } : {}),
    });
  }
  const headlineParams = {
    title: booking.title,
    when: slotLabel(booking.start, booking.end, organiserZone, locale),
    names: list(
      locale,
      people.map((p) => p.person.displayName),
    ),
  };
  const nameOf = (id: string) => people.find((p) => p.person.id === id)?.person.displayName ?? '?';
  const already = alreadyBooked && input.rerun !== true;
  const headline = series
    ? t(locale, already ? 'booking.headline.alreadyBookedSeries' : 'booking.headline.bookedSeries', {
        ...headlineParams,
        series: seriesLabel(series.rule, booking.start, series.zone, locale),
      }) + (turns ? ` ${turnsLine(turns, nameOf, organiserZone, locale)}` : '')
    : t(locale, already ? 'booking.headline.alreadyBooked' : 'booking.headline.booked', headlineParams);
  const slotId = booking.idempotencyKey.split(':slot:')[1] ?? input.slotId;
  return {
    kind: 'booked',
    locale,
    bookingId: booking.id,
    proposalId: booking.proposalId ?? input.proposalId,
    slotId,
    title: booking.title,
    start: booking.start,
    end: booking.end,
    alreadyBooked,
    headline,
    participants: views,
    ...(conferenceUrl ? { conferenceUrl } : {}),
    ...(seriesConflicts ? { seriesConflicts } : {}),
  };
}

/** Why a participant's calendar was not written, worded in the reader's language. */
const REASON_KEYS: Readonly<Record<CalendarWriteReason, MessageKey>> = {
  read_only: 'booking.calendar.readOnly',
  no_write_calendar: 'booking.calendar.noWriteCalendar',
  not_linked: 'booking.calendar.notLinked',
  will_retry: 'booking.calendar.willRetry',
};

/** The reason code of a write the outbox classifies `kept` (a read-only or missing calendar). */
function keptReason(code: string): CalendarWriteReason {
  if (code === 'not_linked' || code === 'no_write_calendar') return code;
  return 'read_only';
}
