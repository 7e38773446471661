/**
 * The scheduling pipeline the app layer calls: availability for a group, then the ranked proposals.
 */
import type { AvailabilityError, AvailabilityRequest, Result, Slot } from './availability.ts';
import { computeAvailability } from './availability.ts';
import type { Proposal, RankOptions } from './ranking.ts';
import { rankProposals } from './ranking.ts';
import { parseWallTime } from './working-hours.ts';

export interface ScheduleResult {
  /** Every available slot, sorted by start. */
  readonly slots: readonly Slot[];
  /** The best few, best first. */
  readonly proposals: readonly Proposal[];
}

export type ScheduleError =
  | AvailabilityError
  | {
      readonly code: 'invalid_core_hours' | 'invalid_count';
      readonly path: string;
      readonly message: string;
    };

/** Computes the slots of `request` and ranks them; bad input comes back as `{ ok: false, error }`. */
export function schedule(
  request: AvailabilityRequest,
  options: RankOptions = {},
): Result<ScheduleResult, ScheduleError> {
  const count = options.count ?? 5;
  if (!Number.isInteger(count) || count < 0)
    return {
      ok: false,
      error: { code: 'invalid_count', path: 'count', message: 'count must be zero or more' },
    };
  const cores = [
    ...(options.coreHours ? [options.coreHours] : []),
    ...(options.coreHoursById?.values() ?? []),
  ];
  for (const core of cores) {
    const start = parseWallTime(core.start);
    const end = parseWallTime(core.end, true);
    if (start === undefined || end === undefined || end <= start)
      return {
        ok: false,
        error: {
          code: 'invalid_core_hours',
          path: 'coreHours',
          message: `core hours "${core.start}"-"${core.end}" must be "HH:MM" with end after start`,
        },
      };
  }
  const availability = computeAvailability(request);
  if (!availability.ok) return availability;
  const { slots, zones } = availability.value;
  const proposals = rankProposals(
    {
      slots,
      participants: request.participants,
      mode: request.mode,
      window: request.window,
      bookerTimeZone: request.bookerTimeZone,
      zones,
    },
    options,
  );
  return { ok: true, value: { slots, proposals } };
}
