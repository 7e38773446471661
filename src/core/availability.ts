/**
 * Group availability: which grid-aligned slots of a window work for a group.
 *
 * Per person: free = working hours − (busy widened by the buffers). A candidate start `t` is on the grid
 * (every `slotIntervalMinutes` from each local midnight of `bookerTimeZone`), `t >= max(window.start,
 * now + notice)` and `t + duration <= window.end`. Then, by mode:
 * - COLLECTIVE: `[t, t + duration)` lies inside the free time of every required participant. Optional
 *   participants never remove a slot; each slot lists which of them can attend.
 * - ROUND_ROBIN: `[t, t + duration)` lies inside the free time of at least ONE required participant (the
 *   members of the rotation) — a slot is never stitched together from several people's free time.
 *   Optional participants are reported as in COLLECTIVE.
 * `available` lists, in input order, every participant (required or optional) free for the whole slot.
 */
import type { Interval } from './interval.ts';
import { MINUTE } from './interval.ts';
import { fittingStarts, forEachGridSlot, intersectAll, overlapping, pad, subtract } from './intervals.ts';
import type { CompiledWorkingHours, DateOverride, WorkingHoursRule } from './working-hours.ts';
import { compileWorkingHours, expandWorkingHours } from './working-hours.ts';
import type { ZoneCache } from './zone-offsets.ts';
import { createZoneCache, isValidTimeZone, localMidnights } from './zone-offsets.ts';

export type ParticipantId = string | number;
export type SchedulingMode = 'COLLECTIVE' | 'ROUND_ROBIN';

export interface Participant {
  readonly id: ParticipantId;
  /** IANA zone of the working hours (and of the comfort scoring in ranking). */
  readonly timeZone: string;
  readonly workingHours: readonly WorkingHoursRule[];
  readonly dateOverrides?: readonly DateOverride[];
  /** Busy time, half-open epoch ms; may overlap and be unsorted. */
  readonly busy: readonly Interval[];
  /** Optional attendees are scored, never required. Default false. */
  readonly optional?: boolean;
}

export interface AvailabilityRequest {
  readonly window: Interval;
  readonly durationMinutes: number;
  /** Grid step from each local midnight of `bookerTimeZone`. */
  readonly slotIntervalMinutes: number;
  readonly bookerTimeZone: string;
  readonly mode: SchedulingMode;
  readonly participants: readonly Participant[];
  /** Earliest start is `now + minimumNoticeMinutes` (and never before `window.start`). Default 0. */
  readonly minimumNoticeMinutes?: number;
  /** The clock; defaults to `window.start` (the benchmark format counts notice from there). */
  readonly now?: number;
  /** Free margin required before each busy interval (it is widened by this much). Default 0. */
  readonly bufferBeforeMinutes?: number;
  /** Free margin required after each busy interval. Default 0. */
  readonly bufferAfterMinutes?: number;
}

export interface Slot {
  readonly start: number;
  readonly end: number;
  /** Participants (input order) free for the whole slot. */
  readonly available: readonly ParticipantId[];
}

export type AvailabilityErrorCode =
  | 'invalid_time_zone'
  | 'invalid_working_hours'
  | 'invalid_window'
  | 'invalid_duration'
  | 'invalid_interval'
  | 'invalid_notice'
  | 'invalid_buffer'
  | 'duplicate_participant'
  | 'no_required_participants'
  | 'too_much_work';

export interface AvailabilityError {
  readonly code: AvailabilityErrorCode;
  /** Field path, e.g. `participants[3].timeZone`. */
  readonly path: string;
  readonly message: string;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export interface Availability {
  readonly slots: Slot[];
  /** Free time per participant (input order), clipped to the bookable range. */
  readonly free: readonly (readonly Interval[])[];
  /** Offset tables used, reusable by ranking. */
  readonly zones: ZoneCache;
}

/** Longest window searched (whatever the caller): one year and a day. */
export const MAX_AVAILABILITY_WINDOW_DAYS = 366;
/** Most (candidate start × participant) cells one search may hold in memory. */
export const MAX_CANDIDATE_CELLS = 20_000_000;

function checkRequest(req: AvailabilityRequest): AvailabilityError | undefined {
  const bad = (code: AvailabilityErrorCode, path: string, message: string) => ({ code, path, message });
  const { window } = req;
  if (!Number.isFinite(window.start) || !Number.isFinite(window.end) || !(window.end > window.start))
    return bad('invalid_window', 'window', 'window.end must be after window.start');
  if (!Number.isInteger(req.durationMinutes) || req.durationMinutes < 1)
    return bad('invalid_duration', 'durationMinutes', 'durationMinutes must be a positive whole number');
  if (!Number.isInteger(req.slotIntervalMinutes) || req.slotIntervalMinutes < 1)
    return bad(
      'invalid_interval',
      'slotIntervalMinutes',
      'slotIntervalMinutes must be a positive whole number',
    );
  const notice = req.minimumNoticeMinutes ?? 0;
  if (!Number.isFinite(notice) || notice < 0)
    return bad('invalid_notice', 'minimumNoticeMinutes', 'minimumNoticeMinutes must be zero or more');
  for (const key of ['bufferBeforeMinutes', 'bufferAfterMinutes'] as const) {
    const v = req[key] ?? 0;
    if (!Number.isFinite(v) || v < 0) return bad('invalid_buffer', key, `${key} must be zero or more`);
  }
  if (!isValidTimeZone(req.bookerTimeZone))
    return bad(
      'invalid_time_zone',
      'bookerTimeZone',
      `"${req.bookerTimeZone}" is not a valid IANA time zone (e.g. "Europe/Paris")`,
    );
  // The work budget: bounded whatever the input (a window to the year 9999 would exhaust memory).
  const span = window.end - window.start;
  if (span > MAX_AVAILABILITY_WINDOW_DAYS * 24 * 60 * MINUTE)
    return bad(
      'too_much_work',
      'window',
      `the window is longer than ${MAX_AVAILABILITY_WINDOW_DAYS} days; search a shorter one`,
    );
  const cells = Math.ceil(span / (req.slotIntervalMinutes * MINUTE)) * Math.max(1, req.participants.length);
  if (cells > MAX_CANDIDATE_CELLS)
    return bad(
      'too_much_work',
      'slotIntervalMinutes',
      `${Math.ceil(span / (req.slotIntervalMinutes * MINUTE))} candidate starts × ${req.participants.length} participants is over the ${MAX_CANDIDATE_CELLS} limit; use a shorter window, a coarser slotIntervalMinutes or fewer participants`,
    );
  const seen = new Set<ParticipantId>();
  let required = 0;
  for (const [i, p] of req.participants.entries()) {
    if (seen.has(p.id)) return bad('duplicate_participant', `participants[${i}].id`, `duplicate id ${p.id}`);
    seen.add(p.id);
    if (!isValidTimeZone(p.timeZone))
      return bad(
        'invalid_time_zone',
        `participants[${i}].timeZone`,
        `"${p.timeZone}" is not a valid IANA time zone (e.g. "Europe/Paris")`,
      );
    if (!p.optional) required++;
  }
  if (required === 0)
    return bad('no_required_participants', 'participants', 'at least one participant must be required');
  return undefined;
}

/** Validates a request and computes its slots; expected problems come back as `{ ok: false, error }`. */
export function computeAvailability(req: AvailabilityRequest): Result<Availability, AvailabilityError> {
  const invalid = checkRequest(req);
  if (invalid) return { ok: false, error: invalid };
  const compiled: CompiledWorkingHours[] = [];
  for (const [i, p] of req.participants.entries()) {
    const c = compileWorkingHours(p.workingHours, p.dateOverrides ?? []);
    if (!c.ok)
      return {
        ok: false,
        error: { code: c.error.code, path: `participants[${i}].${c.error.path}`, message: c.error.message },
      };
    compiled.push(c.value);
  }
  return { ok: true, value: availabilityOf(req, compiled) };
}

function availabilityOf(req: AvailabilityRequest, compiled: readonly CompiledWorkingHours[]): Availability {
  const durationMs = req.durationMinutes * MINUTE;
  const stepMs = req.slotIntervalMinutes * MINUTE;
  const now = req.now ?? req.window.start;
  const earliest = Math.max(req.window.start, now + (req.minimumNoticeMinutes ?? 0) * MINUTE);
  const bookable: Interval = { start: earliest, end: req.window.end };
  const zones = createZoneCache(req.window);
  const before = (req.bufferBeforeMinutes ?? 0) * MINUTE;
  const after = (req.bufferAfterMinutes ?? 0) * MINUTE;
  const people = req.participants;

  const free: Interval[][] = people.map((p, i) => {
    if (!(bookable.end > bookable.start)) return [];
    const hours = expandWorkingHours(compiled[i]!, zones.get(p.timeZone), bookable);
    if (hours.length === 0) return hours;
    return subtract(hours, pad(overlapping(p.busy, hours, before, after), before, after));
  });
  const anchors = localMidnights(zones.get(req.bookerTimeZone), { start: earliest, end: req.window.end });
  const grid = { anchors, stepMs };
  const requiredIdx: number[] = [];
  for (const [i, p] of people.entries()) if (!p.optional) requiredIdx.push(i);

  // Candidate starts (sorted) and a people × candidates matrix of "free for the whole slot".
  const starts: number[] = [];
  if (req.mode === 'COLLECTIVE') {
    const common = intersectAll(requiredIdx.map((i) => free[i]!));
    forEachGridSlot(common, durationMs, grid, (t) => void starts.push(t));
  } else {
    forEachGridSlot([bookable], durationMs, grid, (t) => void starts.push(t));
  }
  const g = starts.length;
  const n = people.length;
  const isFree = new Uint8Array(g * n); // [candidate * n + person]
  const requiredFree = new Uint32Array(g);
  for (let i = 0; i < n; i++) {
    const optional = people[i]!.optional === true;
    if (req.mode === 'COLLECTIVE' && !optional) {
      for (let k = 0; k < g; k++) isFree[k * n + i] = 1;
      continue;
    }
    for (const k of fittingStarts(free[i]!, durationMs, starts)) {
      isFree[k * n + i] = 1;
      if (!optional) requiredFree[k]!++;
    }
  }
  const slots: Slot[] = [];
  for (let k = 0; k < g; k++) {
    // ROUND_ROBIN keeps a candidate only when one required member alone is free for all of it.
    if (req.mode === 'ROUND_ROBIN' && requiredFree[k] === 0) continue;
    const available: ParticipantId[] = [];
    for (let i = 0, row = k * n; i < n; i++) if (isFree[row + i]) available.push(people[i]!.id);
    slots.push({ start: starts[k]!, end: starts[k]! + durationMs, available });
  }
  return { slots, free, zones };
}
