/**
 * "Book and move the clashing occurrences" (issue #22): for each occurrence of a series that someone
 * cannot make, the nearest time the same people can all make: the same local day first (the times
 * closest to the occurrence's own time first), then one day before or after, and so on up to `maxDays`
 * days away. Days are the organiser's local days (the series' zone); working hours are read in each
 * person's own zone, busy time as given. Pure: no clock, zones and busy time come in as arguments.
 *
 * A moved occurrence never lands on a local day that already holds another occurrence of the series (an
 * original one or one already moved), never overlaps a time already chosen for another occurrence, and
 * never starts before `notBefore`. So nothing is moved twice and no two occurrences end up on one day.
 *
 * Bounded: per occurrence at most (2 × `maxDays` + 1) days × (one day / `stepMinutes`) candidate starts,
 * each checked by binary search in each person's busy and working-hours layout (laid out once for all the
 * occurrences); at most `maxMoves` occurrences are looked at.
 */
import type { Interval } from './interval.ts';
import { DAY, MINUTE } from './interval.ts';
import { containedIn, intervalIndex, overlapsAny } from './intervals.ts';
import type { SeriesParticipant } from './series.ts';
import { expandWorkingHours } from './working-hours.ts';
import { toWall, wallDay, wallToInstant, type ZoneOffsets, zoneOffsets } from './zone-offsets.ts';

/** Default most days before or after an occurrence its new time may be (±3: within the same week around it). */
export const MAX_MOVE_DAYS = 3;
/** The most `maxDays` may be. */
export const MAX_MOVE_DAYS_LIMIT = 7;
/** Default grid of the candidate times, counted from the occurrence's own time of day. */
export const MOVE_STEP_MINUTES = 15;
/** Default most occurrences one plan looks at. */
export const MAX_MOVES = 200;

export interface MovePlanInput {
  /** Every occurrence's start (original times): their local days are not used for a moved one. */
  readonly occurrences: readonly number[];
  /** The starts of the occurrences to move (each one of `occurrences`), in the order they are tried. */
  readonly clashing: readonly number[];
  readonly durationMs: number;
  /** The series' zone: the days "the same day", "the day after" are its local days. */
  readonly zone: string;
  /** Who must be free at the new time (each with their zone, working hours and busy time). */
  readonly participants: readonly SeriesParticipant[];
  /** ±days around an occurrence (0–7, default `MAX_MOVE_DAYS`). */
  readonly maxDays?: number;
  /** Candidate grid in minutes (5–60, default `MOVE_STEP_MINUTES`). */
  readonly stepMinutes?: number;
  /** No new time starts before this instant (the clock). */
  readonly notBefore?: number;
  readonly maxMoves?: number;
}

export interface PlannedMove {
  /** The occurrence's original start. */
  readonly occurrence: number;
  readonly start: number;
  readonly end: number;
}

export interface MovePlan {
  /** The occurrences given a new time, in the order of `clashing`. */
  readonly moved: readonly PlannedMove[];
  /** The occurrences left where they are: no time nearby that everyone can make (in order). */
  readonly stayed: readonly number[];
}

const bounded = (value: number | undefined, fallback: number, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

/**
 * Candidate starts near `occurrence`, best first: by days away (0, then 1, …), then by how far the time
 * of day is from the occurrence's own (in grid steps), then the day after before the day before, then the
 * earlier instant. Each start lies on its target local day, on the grid of the occurrence's time of day.
 */
export function nearbyStarts(occurrence: number, z: ZoneOffsets, maxDays: number, stepMs: number): number[] {
  const wall = toWall(z, occurrence);
  const day = wallDay(wall);
  const timeOfDay = wall - day * DAY;
  const out: number[] = [];
  const seen = new Set<number>();
  for (let away = 0; away <= maxDays; away++) {
    const ring: { start: number; k: number; after: boolean }[] = [];
    for (const d of away === 0 ? [0] : [-away, away]) {
      const target = day + d;
      // Every grid time of the target day: the occurrence's time of day ± k steps.
      const below = Math.floor(timeOfDay / stepMs);
      const above = Math.floor((DAY - 1 - timeOfDay) / stepMs);
      for (let k = -below; k <= above; k++) {
        const at = target * DAY + timeOfDay + k * stepMs;
        const start = wallToInstant(z, at, 'start');
        // A wall time that does not exist that day (in a DST gap) is no candidate; a time that happens
        // twice (DST overlap) is its earlier instant.
        if (toWall(z, start) === at) ring.push({ start, k: Math.abs(k), after: d > 0 });
      }
    }
    ring.sort((a, b) => a.k - b.k || Number(b.after) - Number(a.after) || a.start - b.start);
    for (const c of ring)
      if (!seen.has(c.start)) {
        seen.add(c.start);
        out.push(c.start);
      }
  }
  return out;
}

/**
 * New times for the clashing occurrences (see the module comment). Each occurrence is tried in the order
 * given; a time chosen for one is taken into account for the next (no overlap, not the same day).
 */
export function planOccurrenceMoves(input: MovePlanInput): MovePlan {
  const maxDays = bounded(input.maxDays, MAX_MOVE_DAYS, 0, MAX_MOVE_DAYS_LIMIT);
  const stepMs = bounded(input.stepMinutes, MOVE_STEP_MINUTES, 5, 60) * MINUTE;
  const maxMoves = bounded(input.maxMoves, MAX_MOVES, 1, 10_000);
  const duration = input.durationMs;
  const known = new Set(input.occurrences);
  const clashing = [...new Set(input.clashing)].filter((s) => known.has(s) && Number.isFinite(s));
  const tried = clashing.slice(0, maxMoves);
  if (tried.length === 0 || !(duration > 0)) return { moved: [], stayed: tried };
  const lo = tried.reduce((m, s) => Math.min(m, s), Number.POSITIVE_INFINITY) - (maxDays + 2) * DAY;
  const hi = tried.reduce((m, s) => Math.max(m, s), Number.NEGATIVE_INFINITY) + (maxDays + 2) * DAY;
  const all = input.occurrences.filter(Number.isFinite);
  const z = zoneOffsets(input.zone, {
    start: all.reduce((m, s) => Math.min(m, s), lo) - DAY,
    end: all.reduce((m, s) => Math.max(m, s), hi) + DAY,
  });
  const range: Interval = { start: lo, end: hi + duration };
  const people = input.participants.map((p) => ({
    busy: intervalIndex(p.busy.filter((b) => b.end > range.start && b.start < range.end)),
    hours: p.hours
      ? intervalIndex(
          expandWorkingHours(p.hours, zoneOffsets(p.zone, { start: lo - 2 * DAY, end: hi + 2 * DAY }), {
            start: lo - DAY,
            end: hi + DAY + duration,
          }),
        )
      : null,
  }));
  // The local day of each occurrence, by original start; a moved occurrence's day follows it.
  const dayOf = new Map<number, number>();
  for (const s of all) dayOf.set(s, wallDay(toWall(z, s)));
  const chosen: Interval[] = [];
  const moved: PlannedMove[] = [];
  const stayed: number[] = [];
  for (const occurrence of tried) {
    const otherDays = new Set<number>();
    for (const [s, d] of dayOf) if (s !== occurrence) otherDays.add(d);
    const found = nearbyStarts(occurrence, z, maxDays, stepMs).find((start) => {
      const end = start + duration;
      if (start === occurrence) return false;
      if (input.notBefore !== undefined && start < input.notBefore) return false;
      if (otherDays.has(wallDay(toWall(z, start)))) return false;
      if (chosen.some((c) => c.start < end && c.end > start)) return false;
      return people.every(
        (p) => !overlapsAny(p.busy, start, end) && (p.hours === null || containedIn(p.hours, start, end)),
      );
    });
    if (found === undefined) {
      stayed.push(occurrence);
      continue;
    }
    chosen.push({ start: found, end: found + duration });
    dayOf.set(occurrence, wallDay(toWall(z, found)));
    moved.push({ occurrence, start: found, end: found + duration });
  }
  // Occurrences past `maxMoves` are not looked at: they stay.
  return { moved, stayed: [...stayed, ...clashing.slice(maxMoves)] };
}
