/**
 * Brute-force reference for slot search, written independently of src/core: Luxon for every time-zone
 * question, a per-slot check of every participant, linear scans over busy lists. Slow but obviously
 * right; tests compare the fast pipeline against it.
 */
import { DateTime } from 'luxon';

export interface RefRule {
  days?: number[];
  date?: string;
  start: string;
  end: string;
}
export interface RefParticipant {
  id: number | string;
  timeZone: string;
  workingHours: { days: number[]; start: string; end: string }[];
  dateOverrides?: { date: string; start: string; end: string }[];
  busy: { start: number; end: number }[];
  optional?: boolean;
}
export interface RefCase {
  window: { start: number; end: number };
  bookerTimeZone: string;
  durationMinutes: number;
  slotIntervalMinutes: number;
  minimumNoticeMinutes: number;
  now?: number;
  mode: 'COLLECTIVE' | 'ROUND_ROBIN';
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  participants: RefParticipant[];
}

const MIN = 60_000;

function offsetMs(zone: string, t: number): number {
  return DateTime.fromMillis(t, { zone }).offset * MIN;
}

/**
 * Instant of local wall time (y-m-d + minutes, minutes may reach 2880) with the documented choices:
 * nonexistent → first instant after the gap; ambiguous → earliest for starts, latest for ends.
 */
export function refWallToInstant(
  zone: string,
  date: DateTime,
  minutes: number,
  boundary: 'start' | 'end',
): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * MIN;
  const offsets = new Set<number>();
  for (let h = -30; h <= 30; h += 6) offsets.add(offsetMs(zone, wall + h * 3_600_000));
  const valid = [...offsets].map((o) => wall - o).filter((t) => offsetMs(zone, t) === wall - t);
  if (valid.length > 0) return boundary === 'start' ? Math.min(...valid) : Math.max(...valid);
  // Gap: the transition is between the two readings; find the first instant whose wall clock is >= wall.
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (mid + offsetMs(zone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const memo = new WeakMap<RefParticipant, Map<string, { start: number; end: number }[]>>();

/** Working ranges (UTC) of a participant that start on the local date `date` (memoised per participant). */
export function refWorkingRanges(p: RefParticipant, date: DateTime): { start: number; end: number }[] {
  const iso = date.toISODate() ?? '';
  let byDate = memo.get(p);
  if (!byDate) {
    byDate = new Map();
    memo.set(p, byDate);
  }
  const hit = byDate.get(iso);
  if (hit) return hit;
  const ranges = computeRanges(p, date, iso);
  byDate.set(iso, ranges);
  return ranges;
}

function computeRanges(p: RefParticipant, date: DateTime, iso: string): { start: number; end: number }[] {
  const overrides = (p.dateOverrides ?? []).filter((o) => o.date === iso);
  const weekday = date.weekday % 7; // Luxon: 1 = Monday … 7 = Sunday
  const rules = overrides.length > 0 ? overrides : p.workingHours.filter((r) => r.days.includes(weekday));
  const out: { start: number; end: number }[] = [];
  for (const r of rules) {
    const s = minutesOf(r.start);
    let e = minutesOf(r.end);
    if (e === s) continue;
    if (e < s) e += 1440;
    const start = refWallToInstant(p.timeZone, date, s, 'start');
    const end = refWallToInstant(p.timeZone, date, e, 'end');
    if (start < end) out.push({ start, end });
  }
  return out;
}

function covered(ranges: { start: number; end: number }[], from: number, to: number): boolean {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let reach = from;
  for (const r of sorted) {
    if (r.start > reach) break;
    if (r.end > reach) reach = r.end;
    if (reach >= to) return true;
  }
  return reach >= to;
}

export function refIsFree(c: RefCase, p: RefParticipant, t: number, end: number): boolean {
  const before = (c.bufferBeforeMinutes ?? 0) * MIN;
  const after = (c.bufferAfterMinutes ?? 0) * MIN;
  for (const b of p.busy) if (b.end > b.start && b.start - before < end && b.end + after > t) return false;
  const local = DateTime.fromMillis(t, { zone: p.timeZone }).startOf('day');
  const ranges: { start: number; end: number }[] = [];
  for (let k = -2; k <= 1; k++) ranges.push(...refWorkingRanges(p, local.plus({ days: k })));
  return covered(ranges, t, end);
}

/** All grid starts of the booker zone inside the window (every step from each local midnight). */
export function refGrid(c: RefCase): number[] {
  const out: number[] = [];
  let day = DateTime.fromMillis(c.window.start, { zone: c.bookerTimeZone }).startOf('day');
  while (day.toMillis() < c.window.end) {
    const next = day.plus({ days: 1 }).startOf('day').toMillis();
    for (let t = day.toMillis(); t < next; t += c.slotIntervalMinutes * MIN) out.push(t);
    day = day.plus({ days: 1 }).startOf('day');
  }
  return out;
}

export function refSlots(c: RefCase): { start: number; end: number; available: (number | string)[] }[] {
  const d = c.durationMinutes * MIN;
  const earliest = Math.max(c.window.start, (c.now ?? c.window.start) + c.minimumNoticeMinutes * MIN);
  const out: { start: number; end: number; available: (number | string)[] }[] = [];
  for (const t of refGrid(c)) {
    if (t < earliest || t + d > c.window.end) continue;
    const free = c.participants.map((p) => refIsFree(c, p, t, t + d));
    const required = c.participants.map((p, i) => ({ p, free: free[i] })).filter((x) => !x.p.optional);
    const ok = c.mode === 'COLLECTIVE' ? required.every((x) => x.free) : required.some((x) => x.free);
    if (ok)
      out.push({
        start: t,
        end: t + d,
        available: c.participants.filter((_, i) => free[i]).map((p) => p.id),
      });
  }
  return out;
}
