/**
 * Rank: the core's group availability over the window (collective: everyone required; round-robin: one
 * pool member plus every individual; optional people scored, never required), filtered by the request's
 * time-of-day constraints and excluded days, then ranked (`src/core/ranking.ts`). When nothing fits, a
 * bounded search for why and for the closest change that would give a time.
 */
import { DateTime } from 'luxon';
import type { Participant as CoreParticipant } from '../../core/availability.ts';
import { computeAvailability } from '../../core/availability.ts';
import type { Interval } from '../../core/interval.ts';
import { HOUR, MINUTE } from '../../core/interval.ts';
import type { ExcludedWindow, TimeOfDayConstraint } from '../../core/parse/index.ts';
import { rankProposals } from '../../core/ranking.ts';
import type { WorkingHoursRule } from '../../core/working-hours.ts';
import type { Msg } from '../i18n/index.ts';
import { list, msg } from '../i18n/index.ts';
import type { Locale } from '../views.ts';
import { durationLabel, slotLabel } from '../views.ts';
import type { Member } from './types.ts';

type Availability = Extract<ReturnType<typeof computeAvailability>, { ok: true }>['value'];
export type CandidateSlot = Availability['slots'][number];
export type RankedSlot = ReturnType<typeof rankProposals>[number];

export interface SearchInput {
  readonly members: readonly Member[];
  readonly busyById: ReadonlyMap<string, readonly Interval[]>;
  /** The window searched (never starting in the past). */
  readonly window: Interval;
  readonly durationMinutes: number;
  /** Grid step of candidate starts. */
  readonly slotIntervalMinutes: number;
  /** The requester's zone. */
  readonly zone: string;
  readonly now: number;
  readonly roundRobin: boolean;
  readonly constraints: readonly TimeOfDayConstraint[];
  /** The zone the constraints are read in. */
  readonly constraintZone: string;
  readonly excluded: readonly ExcludedWindow[];
}

export type Search =
  | { readonly ok: false; readonly who: string | undefined; readonly error: string }
  | {
      readonly ok: true;
      readonly participants: readonly CoreParticipant[];
      readonly mode: 'ROUND_ROBIN' | 'COLLECTIVE';
      /** The usable slots, in the core's order. */
      readonly slots: readonly CandidateSlot[];
      readonly zones: Availability['zones'];
      /** The same search for other participants, window or duration (for the "no slot" explanation). */
      readonly run: (
        ps: readonly CoreParticipant[],
        w: Interval,
        minutes: number,
      ) => readonly CandidateSlot[];
    };

/** Core availability → the slots that fit the request; bad stored preferences name whose. */
export function searchSlots(input: SearchInput): Search {
  const { members, roundRobin } = input;
  const individuals = members.filter((m) => !m.pool);
  const participants: CoreParticipant[] = members.map((m) => ({
    id: m.person.id,
    timeZone: m.timeZone,
    workingHours: m.workingHours.rules as WorkingHoursRule[],
    dateOverrides: m.workingHours.overrides,
    busy: [...(input.busyById.get(m.person.id) ?? [])],
    // Round-robin: the pool members are the required ones (one of them must be free); the individuals are
    // all required too, checked below on each slot's `available`.
    ...((roundRobin && !m.pool) || m.optional ? { optional: true } : {}),
  }));
  const mode = roundRobin ? 'ROUND_ROBIN' : 'COLLECTIVE';
  const compute = (ps: readonly CoreParticipant[], w: Interval, minutes: number) =>
    computeAvailability({
      window: w,
      durationMinutes: minutes,
      slotIntervalMinutes: input.slotIntervalMinutes,
      bookerTimeZone: input.zone,
      mode,
      participants: [...ps],
      now: input.now,
    });
  const usable = (slots: readonly CandidateSlot[]) =>
    slots.filter(
      (s) =>
        fitsConstraints(s, input.constraints, input.constraintZone) &&
        !input.excluded.some((e) => s.start < e.end && e.start < s.end) &&
        (!roundRobin || individuals.every((m) => m.optional || s.available.includes(m.person.id))),
    );
  const availability = compute(participants, input.window, input.durationMinutes);
  if (!availability.ok) {
    // Bad stored preferences (a zone or working hours the core refuses): say whose.
    const index = /^participants\[(\d+)\]/.exec(availability.error.path)?.[1];
    const who = index === undefined ? undefined : members[Number(index)]?.name;
    return { ok: false, who, error: availability.error.message };
  }
  return {
    ok: true,
    participants,
    mode,
    slots: usable(availability.value.slots),
    zones: availability.value.zones,
    run: (ps, w, minutes) => {
      const r = compute(ps, w, minutes);
      return r.ok ? usable(r.value.slots) : [];
    },
  };
}

/** The best `count` slots, ranked (earliest, spread across days, fairness across zones). */
export function rankSlots(
  search: Extract<Search, { ok: true }>,
  window: Interval,
  zone: string,
  count: number,
): RankedSlot[] {
  return rankProposals(
    {
      slots: [...search.slots],
      participants: [...search.participants],
      mode: search.mode,
      window,
      bookerTimeZone: zone,
      zones: search.zones,
    },
    { count },
  );
}

/**
 * Every time-of-day constraint holds: the slot lies within `[start, end]` (or one of its `anyOf`
 * ranges) in local time of its start day, in the zone the request was read in.
 */
export function fitsConstraints(
  slot: Interval,
  constraints: readonly TimeOfDayConstraint[],
  zone: string,
): boolean {
  if (constraints.length === 0) return true;
  const start = DateTime.fromMillis(slot.start, { zone });
  const startMin = start.hour * 60 + start.minute;
  const endMin = startMin + (slot.end - slot.start) / MINUTE;
  const within = (range: { start: string; end: string }) => {
    const [sh, sm] = range.start.split(':').map(Number);
    const [eh, em] = range.end.split(':').map(Number);
    return startMin >= (sh ?? 0) * 60 + (sm ?? 0) && endMin <= (eh ?? 24) * 60 + (em ?? 0);
  };
  // `10am or 2pm`, `not in the morning`: the slot fits one of the alternatives.
  return constraints.every((c) => (c.anyOf ? c.anyOf.some(within) : within(c)));
}

/** Most relaxations tried for a "no slot" answer (each is one availability run over the window). */
export const MAX_RELAXATIONS = 8;

/**
 * Why no slot works and the closest relaxation: who is busy at the times that fit everyone's hours,
 * then the first of a shorter meeting, one busy person made optional, or one more week that gives a
 * time. At most `MAX_RELAXATIONS` availability runs.
 */
export async function explainNoSlot(args: {
  members: readonly Pick<Member, 'person' | 'name' | 'requester'>[];
  participants: readonly CoreParticipant[];
  window: Interval;
  durationMinutes: number;
  run: (ps: readonly CoreParticipant[], w: Interval, minutes: number) => readonly Interval[];
  zone: string;
  locale: Locale;
}): Promise<Msg> {
  const { members, participants, window, durationMinutes, zone, locale } = args;
  // Each availability run over a maximal request (many people, a long window) is tens of milliseconds of
  // CPU: the event loop gets a turn before each, so other people's acks are not held behind all of them.
  const run = async (ps: readonly CoreParticipant[], w: Interval, minutes: number) => {
    await nextTurn();
    return args.run(ps, w, minutes);
  };
  // The times that fit everyone's working hours and the request, ignoring busy time.
  const open = await run(
    participants.map((p) => ({ ...p, busy: [] })),
    window,
    durationMinutes,
  );
  const nameOf = (id: string) => members.find((m) => m.person.id === id)?.name ?? '?';
  const busyCount = new Map<string, number>();
  for (const p of participants) {
    if (p.optional) continue;
    const count = overlapping(open, p.busy);
    if (count > 0) busyCount.set(String(p.id), count);
  }
  const blockers = [...busyCount.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  let reason: Msg;
  if (open.length === 0) {
    reason = msg('request.noSlot.noCommonTime');
  } else {
    const all = blockers.filter((id) => busyCount.get(id) === open.length).map(nameOf);
    reason =
      all.length > 0
        ? msg('request.noSlot.busyAlways', { names: list(locale, all), count: all.length })
        : msg('request.noSlot.busyAtTimes', {
            names: list(locale, blockers.map(nameOf)),
            count: blockers.length,
          });
  }
  const first = (slots: readonly Interval[]) =>
    slots.length > 0 ? slotLabel(slots[0]!.start, slots[0]!.end, zone, locale) : null;
  let tries = 0;
  // A shorter meeting.
  for (const minutes of [Math.floor(durationMinutes / 2 / 15) * 15, 15].filter(
    (m, i, all) => m >= 15 && m < durationMinutes && all.indexOf(m) === i,
  )) {
    if (++tries > MAX_RELAXATIONS) break;
    const at = first(await run(participants, window, minutes));
    if (at) return msg('request.noSlot.shorter', { reason, duration: durationLabel(minutes, locale), at });
  }
  // One busy person made optional (never the requester).
  for (const id of blockers) {
    if (members.find((m) => m.person.id === id)?.requester) continue;
    if (++tries > MAX_RELAXATIONS) break;
    const at = first(
      await run(
        participants.map((p) => (p.id === id ? { ...p, optional: true } : p)),
        window,
        durationMinutes,
      ),
    );
    if (at) return msg('request.noSlot.optional', { reason, name: nameOf(id), at });
  }
  // One more week.
  if (++tries <= MAX_RELAXATIONS) {
    const wider = { start: window.start, end: window.end + 7 * 24 * HOUR };
    const at = first(await run(participants, wider, durationMinutes));
    if (at) return msg('request.noSlot.week', { reason, at });
  }
  return msg('request.noSlot.widen', { reason });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * How many of `slots` overlap at least one interval of `busy`: one sweep over the slots by end and the
 * busy intervals by start, O(n log n) instead of slots × busy.
 */
function overlapping(slots: readonly Interval[], busy: readonly Interval[]): number {
  if (slots.length === 0 || busy.length === 0) return 0;
  const sorted = [...busy].sort((a, b) => a.start - b.start);
  const byEnd = [...slots].sort((a, b) => a.end - b.end);
  let count = 0;
  let j = 0;
  // The furthest end among busy intervals that start before the current slot ends.
  let reach = Number.NEGATIVE_INFINITY;
  for (const slot of byEnd) {
    while (j < sorted.length && sorted[j]!.start < slot.end) {
      reach = Math.max(reach, sorted[j]!.end);
      j++;
    }
    if (reach > slot.start) count++;
  }
  return count;
}
