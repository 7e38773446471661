/**
 * Series: the proposals of a recurring request (issue #22). Each candidate time of the first occurrence is
 * checked over the series (`searchSeries`, src/core/series.ts: working hours and busy time per occurrence,
 * in each person's zone, DST per occurrence) for every required person, and the candidates are ranked by
 * how many occurrences are fully free (ties keep the core ranking's order). Each proposal says its
 * conflicts ("free on 11 of 12 Tuesdays; Li is busy on Tue 15 Dec").
 *
 * Bounded: the series is checked up to `maxSeriesDays` from today and at most `MAX_SERIES_OCCURRENCES`
 * occurrences (a longer series is cut there and a note says so), over at most `MAX_SERIES_CANDIDATES`
 * candidates; busy time is read ONCE per request over that horizon (./propose.ts), never per occurrence.
 */

import type { Interval } from '../../core/interval.ts';
import { DAY, MINUTE } from '../../core/interval.ts';
import {
  MAX_SERIES_CANDIDATES,
  type SeriesCandidate,
  type SeriesParticipant,
  type SeriesRule,
  searchSeries,
} from '../../core/series.ts';
import { compileWorkingHours } from '../../core/working-hours.ts';
import { t } from '../i18n/index.ts';
import {
  conflictsByPerson,
  MAX_SERIES_DAYS,
  type SeriesHorizon,
  seriesHorizon,
  seriesLine,
} from '../series.ts';
import type { Locale, SlotSeriesView, SlotView } from '../views.ts';
import { dayLabel } from '../views.ts';
import type { RankedSlot } from './rank.ts';
import type { Member, RequestLimits } from './types.ts';

export { MAX_SERIES_CANDIDATES };

/** The most days ahead a series is checked (`RequestLimits.maxSeriesDays`, default `MAX_SERIES_DAYS`). */
export function maxSeriesDaysOf(limits: RequestLimits | undefined): number {
  const n = limits?.maxSeriesDays;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : MAX_SERIES_DAYS;
}

/** What a recurring request checks: the horizon, and the range busy time is read over (once). */
export interface SeriesPlan {
  readonly rule: SeriesRule;
  /** The zone the occurrences keep their wall-clock time in (the request's). */
  readonly zone: string;
  readonly horizon: SeriesHorizon;
  readonly maxDays: number;
  /** The first occurrence's window and every later occurrence up to the horizon. */
  readonly readRange: Interval;
}

export function planSeries(args: {
  readonly rule: SeriesRule;
  readonly zone: string;
  readonly window: Interval;
  readonly durationMinutes: number;
  readonly now: number;
  readonly limits: RequestLimits | undefined;
}): SeriesPlan {
  const maxDays = maxSeriesDaysOf(args.limits);
  const durationMs = args.durationMinutes * MINUTE;
  // The latest first occurrence starts before the window ends: its series reaches furthest.
  const horizon = seriesHorizon(args.rule, args.zone, args.window.end, durationMs, args.now, maxDays);
  return {
    rule: args.rule,
    zone: args.zone,
    horizon,
    maxDays,
    // `horizon` follows a first occurrence at the window's end, at that time of day: a day more covers every
    // candidate's time of day on the last occurrence's date.
    readRange: { start: args.window.start, end: Math.max(args.window.end, horizon.end + DAY) },
  };
}

/** The series note of a cut series ("This series runs past …: I checked … up to then only"), or null. */
export function seriesCutNote(plan: SeriesPlan, checked: number, locale: Locale): string | null {
  if (!plan.horizon.cut) return null;
  const noon = Date.parse(`${plan.horizon.lastDay}T12:00:00Z`);
  return t(locale, 'request.series.cut', {
    date: dayLabel(noon, 'UTC', locale),
    count: checked,
    days: plan.maxDays,
  });
}

/**
 * The candidates checked over the series and re-ranked: most fully free occurrences first, then fewest
 * person-conflicts, then the core ranking's order. `pool` is the core's ranking (best first).
 */
export function rankOverSeries(args: {
  readonly plan: SeriesPlan;
  readonly pool: readonly RankedSlot[];
  readonly members: readonly Member[];
  readonly busyById: ReadonlyMap<string, readonly Interval[]>;
  readonly durationMinutes: number;
  readonly roundRobin: boolean;
  readonly count: number;
  /**
   * A round-robin team taking turns per occurrence (../series-turns.ts): a candidate's members in turn
   * order (empty: one member hosts). Each is checked on their turn's occurrences only (member i:
   * occurrences i, i + N, …). Candidates with the same order are checked together.
   */
  readonly turnsOf?: (slot: RankedSlot) => readonly string[];
}): { ranked: RankedSlot[]; byStart: ReadonlyMap<number, SeriesCandidate> } {
  const { plan, pool, members, busyById } = args;
  const groups = new Map<string, { turns: readonly string[]; starts: number[] }>();
  for (const slot of pool.slice(0, MAX_SERIES_CANDIDATES)) {
    const turns = args.turnsOf?.(slot) ?? [];
    const key = turns.join(',');
    const group = groups.get(key) ?? { turns, starts: [] };
    group.starts.push(slot.start);
    groups.set(key, group);
  }
  const hours = new Map(
    members.map((m) => [m.person.id, compileWorkingHours(m.workingHours.rules, m.workingHours.overrides)]),
  );
  const checked = [...groups.values()].flatMap(({ turns, starts }) => {
    // Required people only: optional people never make a time unavailable; a round-robin pool's members
    // are picked per slot (one of them hosts), so the series is checked for the individuals; members
    // taking turns, each on their own occurrences.
    const participants: SeriesParticipant[] = members
      .filter((m) => !m.optional && !(args.roundRobin && m.pool && !turns.includes(m.person.id)))
      .map((m) => {
        const compiled = hours.get(m.person.id)!;
        const turn = turns.indexOf(m.person.id);
        return {
          id: m.person.id,
          zone: m.timeZone,
          ...(compiled.ok ? { hours: compiled.value } : {}),
          busy: busyById.get(m.person.id) ?? [],
          ...(turn >= 0 ? { turn: { turn, of: turns.length } } : {}),
        };
      });
    return searchSeries({
      candidates: starts,
      durationMs: args.durationMinutes * MINUTE,
      rule: plan.horizon.rule,
      zone: plan.zone,
      participants,
      maxCandidates: MAX_SERIES_CANDIDATES,
    }).candidates;
  });
  const result = { candidates: checked };
  const byStart = new Map(result.candidates.map((c) => [c.start, c] as const));
  const clashes = (c: SeriesCandidate | undefined) =>
    c ? c.conflicts.reduce((n, o) => n + o.people.length, 0) : Number.POSITIVE_INFINITY;
  const order = pool
    .map((slot, i) => ({ slot, i, c: byStart.get(slot.start) }))
    .filter((x) => x.c !== undefined)
    .sort((a, b) => b.c!.free - a.c!.free || clashes(a.c) - clashes(b.c) || a.i - b.i);
  return { ranked: order.slice(0, args.count).map((x) => x.slot), byStart };
}

/** The series part of a slot's view: counts, conflicts, the line, and the id its button books with. */
export function seriesSlotView(args: {
  readonly slot: Pick<SlotView, 'id' | 'start'>;
  readonly candidate: SeriesCandidate;
  readonly plan: Pick<SeriesPlan, 'rule' | 'zone'>;
  readonly nameOf: (id: string) => string;
  /** The zone the dates are said in (the requester's). */
  readonly zone: string;
  readonly locale: Locale;
}): SlotSeriesView {
  const { candidate, nameOf, locale } = args;
  const people = conflictsByPerson(candidate.conflicts, nameOf);
  return {
    occurrences: candidate.occurrences,
    free: candidate.free,
    conflicts: candidate.conflicts.map((c) => ({
      start: c.start,
      end: c.end,
      people: c.people.map((p) => ({ personId: p.id, name: nameOf(p.id), reason: p.reason })),
    })),
    line: seriesLine({
      rule: args.plan.rule,
      first: args.slot.start,
      seriesZone: args.plan.zone,
      zone: args.zone,
      occurrences: candidate.occurrences,
      free: candidate.free,
      conflicts: people,
      locale,
    }),
    bookSlotId: candidate.conflicts.length > 0 ? anywaySlotId(args.slot.id) : args.slot.id,
    ...(candidate.conflicts.length > 0 ? { moveSlotId: moveSlotId(args.slot.id) } : {}),
  };
}

/** The slot id of a "book anyway" click (`bookMeeting` books it despite conflicts on later occurrences). */
export const ANYWAY_SUFFIX = '-anyway';

export function anywaySlotId(slotId: string): string {
  return `${slotId}${ANYWAY_SUFFIX}`;
}

/**
 * The slot id of a "book and move the clashing dates" click (`bookMeeting` books the series and moves each
 * occurrence in conflict to a nearby time everyone can make). Same booking as the slot's other ids.
 */
export const MOVE_SUFFIX = '-move';

export function moveSlotId(slotId: string): string {
  return `${slotId}${MOVE_SUFFIX}`;
}
