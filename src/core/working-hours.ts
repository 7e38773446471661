/**
 * Working hours: weekly wall-clock rules in a person's IANA zone plus per-date overrides, expanded per
 * LOCAL day into UTC intervals. Because rules are applied to each local date and converted separately,
 * a 09:00–17:00 rule stays 09:00–17:00 local on DST switch days.
 *
 * Rule semantics (also in the README):
 * - `days`: 0 = Sunday … 6 = Saturday, in the person's zone. Several rules (or several ranges for one day)
 *   are allowed; overlapping ranges merge.
 * - `start`/`end` are "HH:MM" (00:00–23:59); `end` may also be "24:00" = the next local midnight.
 * - `end` equal to `start` is an empty range ("00:00"–"00:00" is how a day off is written).
 * - `end` before `start` is an overnight range ending the next local day ("22:00"–"06:00"); it belongs to
 *   the date it starts on, even if the next date has an override.
 * - A date override (`date` "YYYY-MM-DD", local) replaces that date's weekly ranges entirely; several
 *   overrides for one date combine; "00:00"–"00:00" alone makes the date a day off.
 * - Wall times that fall in a DST gap or overlap are resolved as documented at {@link WallBoundary}:
 *   a nonexistent time moves to the first instant after the gap; an ambiguous start takes the earlier
 *   instant and an ambiguous end the later one, so a range is never shortened by an overlap.
 */
import type { Interval } from './interval.ts';
import { DAY, MINUTE } from './interval.ts';
import { normalize } from './intervals.ts';
import type { ZoneOffsets } from './zone-offsets.ts';
import { toWall, wallDay, wallToInstant } from './zone-offsets.ts';

export type { WallBoundary } from './zone-offsets.ts';

export interface WorkingHoursRule {
  /** Local weekdays, 0 = Sunday … 6 = Saturday. */
  readonly days: readonly number[];
  /** "HH:MM" local wall-clock time. */
  readonly start: string;
  /** "HH:MM" or "24:00"; before `start` = overnight, equal to `start` = empty. */
  readonly end: string;
}

export interface DateOverride {
  /** Local calendar date "YYYY-MM-DD". */
  readonly date: string;
  readonly start: string;
  readonly end: string;
}

export interface WorkingHoursError {
  readonly code: 'invalid_working_hours';
  /** Path of the offending field relative to the schedule, e.g. `workingHours[0].end`. */
  readonly path: string;
  readonly message: string;
}

/** Minutes after local midnight for "HH:MM" (and "24:00" when `allow24`), or undefined if malformed. */
export function parseWallTime(text: string, allow24 = false): number | undefined {
  if (typeof text !== 'string' || !/^\d\d:\d\d$/.test(text)) return undefined;
  const h = Number(text.slice(0, 2));
  const m = Number(text.slice(3));
  if (allow24 && h === 24 && m === 0) return 1440;
  if (h > 23 || m > 59) return undefined;
  return h * 60 + m;
}

/** Days since 1970-01-01 for a valid "YYYY-MM-DD" calendar date, else undefined. */
export function parseLocalDate(text: string): number | undefined {
  if (typeof text !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(text)) return undefined;
  const y = Number(text.slice(0, 4));
  const mo = Number(text.slice(5, 7));
  const d = Number(text.slice(8));
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return undefined;
  return ms / DAY;
}

/** A range in minutes after local midnight of its date; `end` may exceed 1440 (overnight). */
interface MinuteRange {
  readonly start: number;
  readonly end: number;
}

/** Working hours with times parsed, ready for repeated expansion. */
export interface CompiledWorkingHours {
  /** Index = weekday (0 = Sunday); sorted, non-empty ranges. */
  readonly weekly: readonly (readonly MinuteRange[])[];
  /** Local day number (days since 1970-01-01) → ranges replacing the weekly rule (possibly none). */
  readonly overrides: ReadonlyMap<number, readonly MinuteRange[]>;
}

function toRange(start: number, end: number): MinuteRange | undefined {
  if (end === start) return undefined;
  return { start, end: end < start ? end + 1440 : end };
}

/** Validates and parses rules and overrides; errors name the offending field. */
export function compileWorkingHours(
  rules: readonly WorkingHoursRule[],
  overrides: readonly DateOverride[] = [],
): { ok: true; value: CompiledWorkingHours } | { ok: false; error: WorkingHoursError } {
  const fail = (path: string, message: string) =>
    ({ ok: false, error: { code: 'invalid_working_hours', path, message } }) as const;
  const weekly: MinuteRange[][] = [[], [], [], [], [], [], []];
  for (const [i, rule] of rules.entries()) {
    const start = parseWallTime(rule.start);
    if (start === undefined) return fail(`workingHours[${i}].start`, `"${rule.start}" is not a time "HH:MM"`);
    const end = parseWallTime(rule.end, true);
    if (end === undefined)
      return fail(`workingHours[${i}].end`, `"${rule.end}" is not a time "HH:MM" (or "24:00")`);
    if (!Array.isArray(rule.days)) return fail(`workingHours[${i}].days`, 'must be an array of weekdays 0-6');
    for (const [k, day] of rule.days.entries()) {
      if (!Number.isInteger(day) || day < 0 || day > 6)
        return fail(`workingHours[${i}].days[${k}]`, `${JSON.stringify(day)} is not a weekday 0 (Sunday)-6`);
      const range = toRange(start, end);
      if (range) weekly[day]!.push(range);
    }
  }
  for (const list of weekly) list.sort((a, b) => a.start - b.start || a.end - b.end);
  const byDate = new Map<number, MinuteRange[]>();
  for (const [i, o] of overrides.entries()) {
    const day = parseLocalDate(o.date);
    if (day === undefined) return fail(`dateOverrides[${i}].date`, `"${o.date}" is not a date "YYYY-MM-DD"`);
    const start = parseWallTime(o.start);
    if (start === undefined) return fail(`dateOverrides[${i}].start`, `"${o.start}" is not a time "HH:MM"`);
    const end = parseWallTime(o.end, true);
    if (end === undefined)
      return fail(`dateOverrides[${i}].end`, `"${o.end}" is not a time "HH:MM" (or "24:00")`);
    let list = byDate.get(day);
    if (!list) {
      list = [];
      byDate.set(day, list);
    }
    const range = toRange(start, end);
    if (range) list.push(range);
  }
  return { ok: true, value: { weekly, overrides: byDate } };
}

/**
 * Working intervals (UTC, normalised) overlapping `range`, clipped to it. Expands each local date from
 * the day before `range.start` (for overnight ranges) to the day of `range.end`: the only time-zone work
 * is one offset-table lookup per range boundary, so this is cheap enough to run per request.
 * `zone` must cover `range` (see `zoneOffsets`).
 */
export function expandWorkingHours(
  hours: CompiledWorkingHours,
  zone: ZoneOffsets,
  range: Interval,
): Interval[] {
  const first = wallDay(toWall(zone, range.start)) - 1;
  const last = wallDay(toWall(zone, range.end));
  const out: Interval[] = [];
  for (let d = first; d <= last; d++) {
    const ranges = hours.overrides.get(d) ?? hours.weekly[(((d + 4) % 7) + 7) % 7]!; // 1970-01-01 was a Thursday
    const midnight = d * DAY;
    for (const r of ranges) {
      let start = wallToInstant(zone, midnight + r.start * MINUTE, 'start');
      let end = wallToInstant(zone, midnight + r.end * MINUTE, 'end');
      if (start < range.start) start = range.start;
      if (end > range.end) end = range.end;
      if (start < end) out.push({ start, end });
    }
  }
  return normalize(out);
}
