/**
 * A round-robin team's series that rotates per occurrence (issue #22): with N members taking turns, the
 * k-th occurrence goes to member k mod N. So that every member's calendar still holds ONE provider-native
 * recurring event, the series is split into N series, one per turn: turn i starts at occurrence i and
 * repeats every INTERVAL × N periods (its COUNT is its share of the series' COUNT; an UNTIL stays).
 *
 * This is exact only for rules with one occurrence per period at a fixed place in it: daily, weekly on
 * one day, monthly on one ordinal weekday ("the first Monday") or on a day of the month every month has
 * (1–28). Other rules (weekly on several days; monthly on the 29th–31st, which skips short months) are
 * refused with a code: the caller falls back to one member for the whole series and says so.
 * Pure: the zone and the first occurrence come in as arguments.
 */
import { DAY } from './interval.ts';
import { expandSeries, MAX_SERIES_OCCURRENCES, type SeriesRule } from './series.ts';
import { toWall, zoneOffsets } from './zone-offsets.ts';

/** Most members a series rotates between (each gets a series of its own). */
export const MAX_ROTATION_TURNS = 50;

export type RotationSplitRefusal =
  /** Weekly on several days: the turns would not repeat at a fixed interval. */
  | 'several_days_per_period'
  /** Monthly on the 29th, 30th or 31st: some months have no such day, so the turns would drift. */
  | 'month_day_not_every_month'
  /**
   * Days left out (`except december 28`): the turns would count occurrences the calendars still hold
   * (each turn's native series is written whole), so the hosts would disagree after the first such day.
   */
  | 'days_left_out'
  /** Fewer than two members, or more than `MAX_ROTATION_TURNS`. */
  | 'members';

export interface SeriesTurn {
  /** 0-based: the turn of occurrences `turn`, `turn + N`, `turn + 2N`, …. */
  readonly turn: number;
  /** The turn's first occurrence (occurrence `turn` of the series). */
  readonly first: number;
  /** The turn's own rule: INTERVAL × N, its share of the COUNT, the series' UNTIL. */
  readonly rule: SeriesRule;
}

export type RotationSplit =
  | { readonly ok: true; readonly turns: readonly SeriesTurn[] }
  | { readonly ok: false; readonly code: RotationSplitRefusal };

export { turnOf } from './series.ts';

/** Whether a series can rotate per occurrence with each turn a native recurring series (see the module comment). */
export function rotationRefusal(rule: SeriesRule, first: number, zone: string): RotationSplitRefusal | null {
  const days = rule.byDay ?? [];
  if (days.length > 1) return 'several_days_per_period';
  if (rule.except && rule.except.length > 0) return 'days_left_out';
  if (rule.freq === 'MONTHLY' && days.length === 0) {
    const wall = toWall(zoneOffsets(zone, { start: first - DAY, end: first + DAY }), first);
    if (new Date(wall).getUTCDate() > 28) return 'month_day_not_every_month';
  }
  return null;
}

/**
 * The series split into one series per turn, for `members` members (see the module comment). Turns
 * with no occurrence (a COUNT smaller than the team) are left out. Bounded: one expansion of at most
 * `members` occurrences.
 */
export function splitSeriesByTurn(
  rule: SeriesRule,
  first: number,
  zone: string,
  members: number,
): RotationSplit {
  if (!Number.isInteger(members) || members < 2 || members > MAX_ROTATION_TURNS)
    return { ok: false, code: 'members' };
  const refusal = rotationRefusal(rule, first, zone);
  if (refusal) return { ok: false, code: refusal };
  const interval = Math.max(1, Math.floor(rule.interval));
  // The first `members` occurrences start the turns (a series may have fewer).
  const firsts = expandSeries(rule, first, zone, Math.min(members, MAX_SERIES_OCCURRENCES)).starts;
  const turns: SeriesTurn[] = [];
  firsts.forEach((start, turn) => {
    const { count: _, ...rest } = rule;
    const share = rule.count !== undefined ? Math.ceil((rule.count - turn) / members) : undefined;
    if (share !== undefined && share < 1) return;
    turns.push({
      turn,
      first: start,
      rule: { ...rest, interval: interval * members, ...(share !== undefined ? { count: share } : {}) },
    });
  });
  return { ok: true, turns };
}
