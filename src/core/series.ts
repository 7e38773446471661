/**
 * Slot search over a series (issue #22): each candidate start of the first occurrence is checked against
 * every occurrence of the series, for every participant (working hours and busy time per occurrence), and
 * candidates are ranked by how many occurrences are fully free. Pure: zones and the series come in as
 * arguments; no clock.
 *
 * Occurrences keep the first one's wall-clock time in the organiser's zone (so a 10:00 Paris series stays
 * 10:00 Paris across DST), expanded by the RFC 5545 engine (`recurrence.ts`); each one is then checked in
 * every participant's own zone, so a New York colleague's hours move by an hour for the weeks where the
 * two zones change on different dates.
 *
 * Bounded: at most `maxCandidates` candidates and `maxOccurrences` occurrences per candidate; each
 * participant's busy time and working hours are laid out once as sorted, merged interval arrays over the
 * whole horizon, and every check is a binary search in them (candidates × occurrences × people × log n).
 */
import type { Interval } from './interval.ts';
import { DAY } from './interval.ts';
import { containedIn, type IntervalIndex, intervalIndex, overlapsAny } from './intervals.ts';
import type { SeriesDay } from './parse/types.ts';
import { expandRule, type RecurrenceRule } from './recurrence.ts';
import { type CompiledWorkingHours, expandWorkingHours } from './working-hours.ts';
import { toWall, wallDay, wallToInstant, zoneOffsets } from './zone-offsets.ts';

/** Default most occurrences checked per candidate. */
export const MAX_SERIES_OCCURRENCES = 200;
/** Default most candidates checked. */
export const MAX_SERIES_CANDIDATES = 100;
/** Steps the recurrence engine may take for one expansion. */
const MAX_EXPANSION_STEPS = 100_000;

/** The series part of a parsed request (`ParsedRecurrence`): FREQ, INTERVAL, BYDAY, COUNT or UNTIL. */
export interface SeriesRule {
  readonly freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  readonly interval: number;
  readonly byDay?: readonly SeriesDay[];
  readonly count?: number;
  /** Last local day (inclusive), `YYYY-MM-DD`, in the organiser's zone. */
  readonly until?: string;
  /**
   * Local days left out (`except december 28`), `YYYY-MM-DD` in the organiser's zone: no occurrence on
   * them (RFC 5545 EXDATE: a COUNT counts them before they are left out). At most `MAX_SERIES_EXCEPT` read.
   */
  readonly except?: readonly string[];
}

/**
 * Most days left out of one series (`except december 28, january 4…`), each one a calendar exception: the
 * parser keeps the first ones said and warns (`series_except_capped`); a stored rule is read up to it.
 */
export const MAX_SERIES_EXCEPT = 50;

/** The wall days (UTC midnight of each local date) a series leaves out. */
function exceptDays(rule: SeriesRule): Set<number> {
  const out = new Set<number>();
  for (const d of (rule.except ?? []).slice(0, MAX_SERIES_EXCEPT)) {
    const day = WALL_DAY(d);
    if (day !== undefined) out.add(wallDay(day));
  }
  return out;
}

/**
 * The occurrences the series would have on the days it leaves out (start instants, first at `first`),
 * which a calendar that was given the rule without them holds as exceptions (cancelled occurrences).
 */
export function leftOutStarts(
  rule: SeriesRule,
  first: number,
  zone: string,
  max = MAX_SERIES_OCCURRENCES,
): number[] {
  const skipped = exceptDays(rule);
  if (skipped.size === 0) return [];
  const { except: _, ...whole } = rule;
  const starts = expandSeries(whole, first, zone, max + skipped.size).starts;
  if (starts.length === 0) return [];
  const z = zoneOffsets(zone, { start: starts[0]! - DAY, end: starts[starts.length - 1]! + DAY });
  return starts.filter((start) => skipped.has(wallDay(toWall(z, start))));
}

export interface SeriesParticipant {
  readonly id: string;
  /** The person's IANA zone (their working hours are read in it). */
  readonly zone: string;
  /** Absent: available at any hour (only busy time counts). */
  readonly hours?: CompiledWorkingHours;
  /** Busy time, any order, may overlap. */
  readonly busy: readonly Interval[];
  /**
   * A round-robin member taking turns per occurrence (./series-rotation.ts): checked only on the
   * occurrences of their turn (`turnOf(index, of) === turn`). Absent: checked on every occurrence.
   */
  readonly turn?: { readonly turn: number; readonly of: number };
}

export interface SeriesSearchInput {
  /** Start instants of the first occurrence to try. */
  readonly candidates: readonly number[];
  readonly durationMs: number;
  readonly rule: SeriesRule;
  /** The organiser's zone: occurrences keep the first one's wall-clock time in it. */
  readonly zone: string;
  readonly participants: readonly SeriesParticipant[];
  readonly maxOccurrences?: number;
  readonly maxCandidates?: number;
}

export type ConflictReason = 'busy' | 'outside_hours';

/** Who cannot make one occurrence, and why (busy wins when both apply). */
export interface OccurrenceConflict {
  /** 0 = the first occurrence. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** In the participants' order. */
  readonly people: readonly { readonly id: string; readonly reason: ConflictReason }[];
}

/** One candidate checked over the series: "free on 11 of 12 Tuesdays; Li is busy on 3 Feb" as data. */
export interface SeriesCandidate {
  readonly start: number;
  /** Occurrences checked (the series', up to `maxOccurrences`). */
  readonly occurrences: number;
  /** Occurrences where everyone is free. */
  readonly free: number;
  /** The other occurrences, in order. */
  readonly conflicts: readonly OccurrenceConflict[];
}

export interface SeriesSearchResult {
  /** Best first: most free occurrences, then fewest person-conflicts, then earliest. */
  readonly candidates: readonly SeriesCandidate[];
  /** Whether some candidates were left out (`maxCandidates`). */
  readonly candidatesCapped: boolean;
  /** Whether some series were cut at `maxOccurrences` (or the engine's step budget). */
  readonly occurrencesCapped: boolean;
}

const WALL_DAY = (iso: string): number | undefined => {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
};

/** The engine's rule for a series (week starting on Monday). */
export function toRecurrenceRule(rule: SeriesRule): RecurrenceRule {
  return {
    freq: rule.freq,
    interval: Math.max(1, Math.floor(rule.interval)),
    wkst: 0,
    ...(rule.byDay && rule.byDay.length > 0
      ? { byDay: rule.byDay.map((d) => ({ n: d.n, weekday: d.weekday })) }
      : {}),
    ...(rule.count !== undefined ? { count: rule.count } : {}),
  };
}

/**
 * Start instants of a series whose first occurrence starts at `first`, keeping its wall-clock time in
 * `zone` (a time in a DST gap moves to the end of the gap; in an overlap, the earlier instant). At most
 * `max`; `capped` when the series had more (or the engine ran out of steps).
 */
export function expandSeries(
  rule: SeriesRule,
  first: number,
  zone: string,
  max = MAX_SERIES_OCCURRENCES,
): { starts: number[]; capped: boolean } {
  const startWall = toWall(zoneOffsets(zone, { start: first - DAY, end: first + DAY }), first);
  const { walls, capped } = expandWalls(rule, startWall, max);
  return { starts: toInstants(walls, 0, first, zone), capped };
}

/** The series' wall times from `startWall` (at most `max`), and whether it had more. */
function expandWalls(rule: SeriesRule, startWall: number, max: number): { walls: number[]; capped: boolean } {
  const untilDay = rule.until !== undefined ? WALL_DAY(rule.until) : undefined;
  const untilWall = untilDay !== undefined ? untilDay + DAY - 1 : undefined;
  // Without UNTIL (COUNT only, or neither: bounded by `max`), stop after enough periods for `max + 1`.
  const span = rule.freq === 'DAILY' ? DAY : rule.freq === 'WEEKLY' ? 7 * DAY : 31 * DAY;
  const toWallEnd = untilWall ?? startWall + (max + 2) * span * Math.max(1, rule.interval);
  const skipped = exceptDays(rule);
  const expanded = expandRule(toRecurrenceRule(rule), {
    start: startWall,
    ...(untilWall !== undefined ? { untilWall } : {}),
    toWall: toWallEnd + skipped.size * span * Math.max(1, rule.interval),
    maxInstances: max + 1 + skipped.size,
    maxSteps: MAX_EXPANSION_STEPS,
  });
  const kept =
    skipped.size > 0 ? expanded.instances.filter((w) => !skipped.has(wallDay(w))) : expanded.instances;
  return {
    walls: kept.slice(0, max),
    capped: kept.length > max || expanded.exhausted !== undefined,
  };
}

/** Wall times shifted by `shift` as instants in `zone` (a gap moves forward, an overlap takes the earlier). */
function toInstants(walls: readonly number[], shift: number, first: number, zone: string): number[] {
  if (walls.length === 0) return [];
  const z = zoneOffsets(zone, { start: first - DAY, end: walls[walls.length - 1]! + shift + 2 * DAY });
  return walls.map((w) => wallToInstant(z, w + shift, 'start'));
}

interface Prepared {
  readonly id: string;
  readonly busy: IntervalIndex;
  /** `null`: any hour. */
  readonly hours: IntervalIndex | null;
  /** `null`: every occurrence. */
  readonly turn: { readonly turn: number; readonly of: number } | null;
}

/** Which turn (member index) occurrence `index` (0 = the first) belongs to, with `members` turns. */
export function turnOf(index: number, members: number): number {
  return ((index % members) + members) % members;
}

/** Checks every candidate over the series and ranks them (see the module comment). */
export function searchSeries(input: SeriesSearchInput): SeriesSearchResult {
  const maxOccurrences = positive(input.maxOccurrences, MAX_SERIES_OCCURRENCES);
  const maxCandidates = positive(input.maxCandidates, MAX_SERIES_CANDIDATES);
  const tried = [...new Set(input.candidates.filter(Number.isFinite))].sort((a, b) => a - b);
  const candidatesCapped = tried.length > maxCandidates;
  const starts = tried.slice(0, maxCandidates);
  let occurrencesCapped = false;
  // Candidates on the same local day share their dates: the series is expanded once per day and shifted
  // by each candidate's time of day (UNTIL is a whole day, so the time does not change the dates).
  const startZone =
    starts.length > 0
      ? zoneOffsets(input.zone, { start: starts[0]! - DAY, end: starts[starts.length - 1]! + DAY })
      : null;
  const byDay = new Map<number, { wall: number; walls: number[] }>();
  // A first occurrence on a day the series leaves out is no candidate.
  const skipped = exceptDays(input.rule);
  const kept =
    skipped.size > 0 ? starts.filter((first) => !skipped.has(wallDay(toWall(startZone!, first)))) : starts;
  const series = kept.map((first) => {
    const wall = toWall(startZone!, first);
    let day = byDay.get(wallDay(wall));
    if (!day) {
      const e = expandWalls(input.rule, wall, maxOccurrences);
      if (e.capped) occurrencesCapped = true;
      day = { wall, walls: e.walls };
      byDay.set(wallDay(wall), day);
    }
    return { first, starts: toInstants(day.walls, wall - day.wall, first, input.zone) };
  });
  const all = series.flatMap((s) => s.starts);
  if (all.length === 0) return { candidates: [], candidatesCapped, occurrencesCapped };
  const range: Interval = {
    start: Math.min(...series.map((s) => s.starts[0] ?? Number.POSITIVE_INFINITY)),
    end: Math.max(...series.map((s) => s.starts[s.starts.length - 1] ?? 0)) + input.durationMs,
  };
  const people: Prepared[] = input.participants.map((p) => ({
    id: p.id,
    turn: validTurn(p.turn),
    busy: intervalIndex(p.busy.filter((b) => b.end > range.start && b.start < range.end)),
    hours: p.hours
      ? intervalIndex(
          expandWorkingHours(
            p.hours,
            zoneOffsets(p.zone, { start: range.start - DAY, end: range.end + DAY }),
            {
              start: range.start - DAY,
              end: range.end + DAY,
            },
          ),
        )
      : null,
  }));

  const ranked = series.map(({ first, starts: occ }): SeriesCandidate & { clashes: number } => {
    const conflicts: OccurrenceConflict[] = [];
    let clashes = 0;
    occ.forEach((start, index) => {
      const end = start + input.durationMs;
      const who: { id: string; reason: ConflictReason }[] = [];
      for (const p of people) {
        if (p.turn && turnOf(index, p.turn.of) !== p.turn.turn) continue;
        if (overlapsAny(p.busy, start, end)) who.push({ id: p.id, reason: 'busy' });
        else if (p.hours && !containedIn(p.hours, start, end))
          who.push({ id: p.id, reason: 'outside_hours' });
      }
      if (who.length > 0) {
        clashes += who.length;
        conflicts.push({ index, start, end, people: who });
      }
    });
    return { start: first, occurrences: occ.length, free: occ.length - conflicts.length, conflicts, clashes };
  });
  ranked.sort((a, b) => b.free - a.free || a.clashes - b.clashes || a.start - b.start);
  return {
    candidates: ranked.map(({ clashes: _, ...c }) => c),
    candidatesCapped,
    occurrencesCapped,
  };
}

/** A usable turn (`of` ≥ 1, `turn` in 0..of-1), or null: a participant with a bad one is checked on every occurrence. */
function validTurn(turn: SeriesParticipant['turn']): { turn: number; of: number } | null {
  if (!turn) return null;
  const { turn: t, of } = turn;
  return Number.isInteger(of) && of >= 1 && Number.isInteger(t) && t >= 0 && t < of ? { turn: t, of } : null;
}

const positive = (value: number | undefined, fallback: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;
