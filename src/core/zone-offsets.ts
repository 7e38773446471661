/**
 * Fast UTC-offset tables for IANA zones over a bounded time range.
 *
 * Luxon is the reference for wall-clock arithmetic in this project (tests cross-check against it), but
 * one Luxon offset lookup costs ~10 µs, far too slow for the inner loops of slot search. Instead we ask
 * the platform's tz database (Intl, `timeZoneName: 'longOffset'`, ~1 µs) for the offset every 12 hours
 * across the range, binary-search each change down to the second, and then answer every lookup and every
 * wall-clock → instant conversion with plain arithmetic on that table. Tables are memoised per zone for
 * the life of the process (see `zoneOffsets`).
 *
 * Limitation (documented, not hit by any zone in the current tz database for dates after 1970): two
 * offset changes less than 12 hours apart that cancel out would be missed.
 */
import { IANAZone } from 'luxon';
import type { Interval } from './interval.ts';
import { DAY, HOUR, MINUTE } from './interval.ts';

const SAMPLE_STEP = 12 * HOUR;
/** Extra range covered on both sides so local days touching the range edges resolve correctly. */
const PAD = 3 * DAY;

const formatters = new Map<string, Intl.DateTimeFormat>();
const validity = new Map<string, boolean>();

/**
 * True for IANA zone names known to the runtime's tz database ("UTC", "Europe/Paris", ...). Raw offsets
 * such as "+05:00", which Intl also accepts, are rejected: working hours need a named zone to follow DST.
 */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string') return false;
  // Luxon builds a new Intl formatter on every call (~0.4 ms); answers are stable, so remember them.
  let valid = validity.get(zone);
  if (valid === undefined) {
    valid = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) && IANAZone.isValidZone(zone);
    if (validity.size < 10_000) validity.set(zone, valid);
  }
  return valid;
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's UTC offset in ms at instant `t`, straight from Intl ("1/2/2030, GMT+05:30" → 19 800 000). */
export function rawOffset(zone: string, t: number): number {
  const text = formatter(zone).format(t);
  const at = text.lastIndexOf('GMT');
  if (at < 0 || at + 3 === text.length) return 0;
  const sign = text.charCodeAt(at + 3) === 45 /* - */ || text.charCodeAt(at + 3) === 0x2212 ? -1 : 1;
  const parts = text.slice(at + 4).split(':');
  const h = Number(parts[0] ?? 0);
  const m = Number(parts[1] ?? 0);
  const s = Number(parts[2] ?? 0);
  return sign * (h * HOUR + m * MINUTE + s * 1000);
}

/**
 * Piecewise-constant offsets of one zone: `offsets[i]` applies from `changes[i]` (inclusive) until
 * `changes[i + 1]`; `changes[0]` is -Infinity. Valid inside `covered`; lookups outside it clamp to the
 * first/last known offset.
 */
export interface ZoneOffsets {
  readonly zone: string;
  readonly covered: Interval;
  readonly changes: readonly number[];
  readonly offsets: readonly number[];
}

/** Offsets of `zone` sampled over [from, to]: the offset at `from` and every change in (from, to]. */
function sample(
  zone: string,
  from: number,
  to: number,
): { initial: number; changes: number[]; offsets: number[] } {
  const initial = rawOffset(zone, from);
  const changes: number[] = [];
  const offsets: number[] = [];
  let prevT = from;
  let prevOffset = initial;
  for (let t = Math.min(from + SAMPLE_STEP, to); ; t = Math.min(t + SAMPLE_STEP, to)) {
    const o = rawOffset(zone, t);
    if (o !== prevOffset) {
      // First second in (prevT, t] with the new offset; offsets change on whole seconds.
      let lo = Math.floor(prevT / 1000);
      let hi = Math.floor(t / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (rawOffset(zone, mid * 1000) === prevOffset) lo = mid;
        else hi = mid;
      }
      changes.push(hi * 1000);
      offsets.push(o);
      prevOffset = o;
    }
    prevT = t;
    if (t >= to) break;
  }
  return { initial, changes, offsets };
}

/**
 * Process-wide memo: per zone, the table over the union of ranges asked so far, extended on demand.
 * The tz database does not change while the process runs, so this only saves repeated Intl calls; each
 * returned table is an immutable snapshot.
 */
const tables = new Map<string, ZoneOffsets>();

/** Offset table of `zone` covering `range` (padded by 3 days each side). `zone` must be valid. */
export function zoneOffsets(zone: string, range: Interval): ZoneOffsets {
  const from = range.start - PAD;
  const to = range.end + PAD;
  let table = tables.get(zone);
  if (table && table.covered.start <= from && table.covered.end >= to) return table;
  if (!table) {
    const s = sample(zone, from, to);
    table = {
      zone,
      covered: { start: from, end: to },
      changes: [Number.NEGATIVE_INFINITY, ...s.changes],
      offsets: [s.initial, ...s.offsets],
    };
  } else {
    let { changes, offsets } = table;
    let { start, end } = table.covered;
    if (from < start) {
      const s = sample(zone, from, start);
      changes = [Number.NEGATIVE_INFINITY, ...s.changes, ...changes.slice(1)];
      offsets = [s.initial, ...s.offsets, ...offsets.slice(1)];
      start = from;
    }
    if (to > end) {
      const s = sample(zone, end, to);
      changes = [...changes, ...s.changes];
      offsets = [...offsets, ...s.offsets];
      end = to;
    }
    table = { zone, covered: { start, end }, changes, offsets };
  }
  if (tables.size < 1000) tables.set(zone, table);
  return table;
}

/** Index of the table segment containing `t`. */
function segmentAt(z: ZoneOffsets, t: number): number {
  const c = z.changes;
  let i = c.length - 1;
  while (i > 0 && c[i]! > t) i--;
  return i;
}

/** UTC offset in ms at instant `t`. */
export function offsetAt(z: ZoneOffsets, t: number): number {
  return z.offsets[segmentAt(z, t)]!;
}

/** Local wall-clock time at `t`, encoded as epoch ms "as if the wall clock were UTC". */
export function toWall(z: ZoneOffsets, t: number): number {
  return t + offsetAt(z, t);
}

/**
 * How a wall-clock time that does not map to exactly one instant is resolved:
 * - In a spring-forward gap (e.g. 02:30 in Europe/Paris on the last Sunday of March) the time does not
 *   exist; both `'start'` and `'end'` resolve to the first instant after the gap (the transition, 03:00
 *   local). So a 02:00–06:00 rule that day is 03:00–06:00 local, and a rule entirely inside the gap is empty.
 * - In a fall-back overlap (e.g. 02:30 in Europe/Paris on the last Sunday of October, which happens
 *   twice) `'start'` takes the earlier instant and `'end'` the later one, so a window is never shortened.
 */
export type WallBoundary = 'start' | 'end';

/** The instant of wall-clock time `wall` (epoch ms as if UTC) in the table's zone, see {@link WallBoundary}. */
export function wallToInstant(z: ZoneOffsets, wall: number, boundary: WallBoundary): number {
  const { changes, offsets } = z;
  // Candidates are segments whose offset maps `wall` back inside the segment itself. Offsets differ by
  // at most a day, so only segments near `wall - offset` can match; start from the segment of a guess.
  let i = segmentAt(z, wall - offsets[0]!);
  let lo = i;
  while (lo > 0 && changes[lo]! > wall - 2 * DAY) lo--;
  let hi = i;
  while (hi + 1 < changes.length && changes[hi + 1]! <= wall + 2 * DAY) hi++;
  let best = Number.NaN;
  for (i = lo; i <= hi; i++) {
    const t = wall - offsets[i]!;
    const segStart = changes[i]!;
    const segEnd = i + 1 < changes.length ? changes[i + 1]! : Number.POSITIVE_INFINITY;
    if (t >= segStart && t < segEnd) {
      if (Number.isNaN(best)) best = t;
      else best = boundary === 'start' ? Math.min(best, t) : Math.max(best, t);
    }
  }
  if (!Number.isNaN(best)) return best;
  // In a gap: the transition whose "before" offset puts `wall` at or after it and whose "after" offset
  // puts it before it. Return the transition instant: the first instant after the gap.
  for (i = Math.max(lo, 1); i <= hi; i++) {
    const change = changes[i]!;
    if (wall - offsets[i - 1]! >= change && wall - offsets[i]! < change) return change;
  }
  // Unreachable for a consistent table; fall back to the nearest offset.
  return wall - offsets[segmentAt(z, wall - offsets[0]!)]!;
}

/**
 * A per-computation memo of offset tables, so participants sharing a zone (and the ranking step) reuse
 * one table. Pure: it only caches deterministic tz-database answers for one range.
 */
export interface ZoneCache {
  readonly range: Interval;
  get(zone: string): ZoneOffsets;
}

export function createZoneCache(range: Interval): ZoneCache {
  const tables = new Map<string, ZoneOffsets>();
  return {
    range,
    get(zone) {
      let z = tables.get(zone);
      if (!z) {
        z = zoneOffsets(zone, range);
        tables.set(zone, z);
      }
      return z;
    },
  };
}

/** Days since 1970-01-01 of a wall-clock time (epoch-ms-as-UTC encoding). */
export function wallDay(wall: number): number {
  return Math.floor(wall / DAY);
}

/** The local day number (days since the epoch, wall clock) of instant `at` in `zone`. */
export function localDay(at: number, zone: string): number {
  return wallDay(toWall(zoneOffsets(zone, { start: at - DAY, end: at + DAY }), at));
}

/** The instant local day number `day` starts in `zone` (its first instant when midnight is in a DST gap). */
export function dayStart(day: number, zone: string): number {
  const wall = day * DAY;
  return wallToInstant(zoneOffsets(zone, { start: wall - 2 * DAY, end: wall + 2 * DAY }), wall, 'start');
}

/**
 * The instants of the local midnights (start of each local day) of `zone` from the day containing
 * `range.start` through the day containing `range.end`. A midnight that falls in a DST gap resolves to
 * the first instant of that day.
 */
export function localMidnights(z: ZoneOffsets, range: Interval): number[] {
  const first = wallDay(toWall(z, range.start));
  const last = wallDay(toWall(z, range.end));
  const out: number[] = [];
  for (let d = first; d <= last; d++) out.push(wallToInstant(z, d * DAY, 'start'));
  return out;
}
