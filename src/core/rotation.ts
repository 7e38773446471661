/**
 * Team rotations: who a round-robin booking goes to, and why. Pure: no I/O, no clock, inputs untouched.
 *
 * Fairness is measured inside a fairness window (the day, week or month containing `now`). Every booking
 * of the window is shared among the members ACTIVE at the moment it was made, in proportion to their
 * weights: a member's target is `Σ weight / (total weight of the active members)` over those bookings.
 * A member is active at `t` when `joinedAt <= t` and they are not paused at `t` (a pause is
 * `[pausedFrom, pausedUntil)`; with no `pausedFrom`, the member counts as active only from `pausedUntil`;
 * with no `pausedUntil`, the pause lasts until resumed).
 * Targets are therefore prorated by active time: a member added mid-window, or back from vacation,
 * starts level with everyone else instead of owing the whole window (they are not flooded). A booking
 * only counts for its member if they were active when it was made (otherwise it counts for nobody), so
 * counts and targets always sum to the same total.
 *
 * Choosing (smooth weighted round-robin): among the members both active now and available for the slot,
 * the largest shortfall `target − count` (this booking's share included) wins; ties go to the higher
 * priority, then to the least recently booked (never booked first), then to the member listed first.
 * On reschedule the pick is sticky: the member already booked keeps it while active and free.
 */
import { DateTime } from 'luxon';

export type FairnessPeriod = 'day' | 'week' | 'month';

export interface FairnessWindow {
  /** Inclusive start, epoch ms. */
  readonly start: number;
  /** Exclusive end, epoch ms. */
  readonly end: number;
  readonly period: FairnessPeriod;
}

export interface RotationMemberState {
  readonly id: string;
  /** Display name for the explanation; defaults to the id. */
  readonly name?: string;
  /** Relative share; 0 or less means the member never gets a booking. */
  readonly weight: number;
  /** Higher wins a tie on fairness. */
  readonly priority: number;
  readonly joinedAt: number;
  readonly pausedFrom?: number | null;
  readonly pausedUntil?: number | null;
  readonly lastBookedAt?: number | null;
}

export interface RotationBooking {
  readonly memberId: string;
  readonly at: number;
}

export interface RotationInput {
  readonly members: readonly RotationMemberState[];
  /** Past assignments; those outside the window (or after `now`) are ignored. */
  readonly history: readonly RotationBooking[];
  readonly window: FairnessWindow;
  readonly now: number;
}

export interface ChooseMemberInput extends RotationInput {
  /** Members free for the slot. */
  readonly availableIds: readonly string[];
  /** On reschedule: the member already booked keeps the meeting if they are active and free. */
  readonly stickyMemberId?: string | null;
}

export type ChoiceReasonCode = 'shortfall' | 'priority' | 'least_recent' | 'sticky';

/** Why a member was chosen (or nobody was), as a code and its parameters: worded by the `rotation` catalogue. */
export type ExplanationCode =
  | 'alone'
  | 'below'
  | 'closest'
  | 'sticky'
  | 'priority'
  | 'leastRecent'
  | 'nobody';

export interface Explanation {
  readonly code: ExplanationCode;
  readonly params: {
    /** The member's display name ('' for `nobody`). */
    readonly name: string;
    readonly period: FairnessPeriod;
    /** Bookings already counted in the window. */
    readonly count: number;
    /** Target in the window, one decimal at most. */
    readonly target: string;
    /** Distance to the target, one decimal at most. */
    readonly gap: string;
    readonly priority: number;
  };
}

/** An explanation stored by earlier versions: already worded, per language (German absent before it existed). */
export interface WordedExplanation {
  readonly en: string;
  readonly fr: string;
  readonly de?: string;
}

export function isWordedExplanation(value: Explanation | WordedExplanation): value is WordedExplanation {
  return !('code' in value);
}

export interface MemberChoice {
  readonly ok: true;
  readonly memberId: string;
  readonly reason: {
    readonly code: ChoiceReasonCode;
    /** `target − count`, this booking's share included. */
    readonly shortfall: number;
    /** Target in the window, this booking's share included. */
    readonly target: number;
    /** Bookings already counted for the member in the window. */
    readonly count: number;
  };
  readonly explanation: Explanation;
}

export interface NoMemberAvailable {
  readonly ok: false;
  readonly reason: 'nobody_available';
  readonly explanation: Explanation;
}

export interface Standing {
  readonly memberId: string;
  readonly name: string;
  readonly weight: number;
  readonly priority: number;
  readonly active: boolean;
  readonly count: number;
  readonly target: number;
  /** `target − count`: positive means below target. */
  readonly shortfall: number;
  readonly lastBookedAt: number | null;
}

const EPSILON = 1e-9;

/** The day, ISO week (Monday) or month of `zone` containing `now`; falls back to UTC on an invalid zone. */
export function fairnessWindow(now: number, zone: string, period: FairnessPeriod): FairnessWindow {
  let local = DateTime.fromMillis(now, { zone });
  if (!local.isValid) local = DateTime.fromMillis(now, { zone: 'UTC' });
  const start = local.startOf(period);
  return { start: start.toMillis(), end: start.plus({ [`${period}s`]: 1 }).toMillis(), period };
}

export function isActiveAt(member: RotationMemberState, at: number): boolean {
  if (at < member.joinedAt) return false;
  const from = member.pausedFrom ?? null;
  const until = member.pausedUntil ?? null;
  if (from === null && until === null) return true;
  return at < (from ?? Number.NEGATIVE_INFINITY) || at >= (until ?? Number.POSITIVE_INFINITY);
}

interface Tally {
  count: number;
  target: number;
  lastBookedAt: number | null;
}

function tally(input: RotationInput): Map<string, Tally> {
  const { members, window, now } = input;
  const tallies = new Map<string, Tally>();
  for (const m of members) {
    if (!tallies.has(m.id)) tallies.set(m.id, { count: 0, target: 0, lastBookedAt: m.lastBookedAt ?? null });
  }
  const byId = new Map(members.map((m) => [m.id, m] as const));
  for (const booking of input.history) {
    const own = tallies.get(booking.memberId);
    if (own && booking.at <= now && (own.lastBookedAt === null || booking.at > own.lastBookedAt)) {
      own.lastBookedAt = booking.at;
    }
    if (booking.at < window.start || booking.at >= window.end || booking.at > now) continue;
    const member = byId.get(booking.memberId);
    if (!member || !isActiveAt(member, booking.at)) continue;
    const active = members.filter((m) => m.weight > 0 && isActiveAt(m, booking.at));
    const total = active.reduce((sum, m) => sum + m.weight, 0);
    if (total <= 0) continue;
    for (const m of active) {
      const t = tallies.get(m.id);
      if (t) t.target += m.weight / total;
    }
    if (own) own.count += 1;
  }
  return tallies;
}

/** Per member: bookings counted in the window, target and shortfall so far (no pending booking). */
export function standings(input: RotationInput): Standing[] {
  const tallies = tally(input);
  const seen = new Set<string>();
  const rows: Standing[] = [];
  for (const m of input.members) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    const t = tallies.get(m.id) ?? { count: 0, target: 0, lastBookedAt: null };
    rows.push({
      memberId: m.id,
      name: m.name ?? m.id,
      weight: m.weight,
      priority: m.priority,
      active: isActiveAt(m, input.now),
      count: t.count,
      target: t.target,
      shortfall: t.target - t.count,
      lastBookedAt: t.lastBookedAt,
    });
  }
  return rows;
}

interface Candidate {
  readonly member: RotationMemberState;
  readonly index: number;
  readonly count: number;
  readonly target: number;
  readonly shortfall: number;
  readonly lastBookedAt: number | null;
}

function compareCandidates(a: Candidate, b: Candidate): { order: number; code: ChoiceReasonCode } {
  if (Math.abs(a.shortfall - b.shortfall) > EPSILON) {
    return { order: b.shortfall - a.shortfall, code: 'shortfall' };
  }
  if (a.member.priority !== b.member.priority) {
    return { order: b.member.priority - a.member.priority, code: 'priority' };
  }
  const la = a.lastBookedAt ?? Number.NEGATIVE_INFINITY;
  const lb = b.lastBookedAt ?? Number.NEGATIVE_INFINITY;
  if (la !== lb) return { order: la < lb ? -1 : 1, code: 'least_recent' };
  return { order: a.index - b.index, code: 'least_recent' };
}

/** Who gets the booking `now` among `availableIds`, and why. */
export function chooseMember(input: ChooseMemberInput): MemberChoice | NoMemberAvailable {
  const tallies = tally(input);
  const available = new Set(input.availableIds);
  const active = input.members.filter((m) => m.weight > 0 && isActiveAt(m, input.now));
  const total = active.reduce((sum, m) => sum + m.weight, 0);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  input.members.forEach((member, index) => {
    if (seen.has(member.id)) return;
    seen.add(member.id);
    if (!available.has(member.id) || member.weight <= 0 || !isActiveAt(member, input.now)) return;
    const t = tallies.get(member.id) ?? { count: 0, target: 0, lastBookedAt: null };
    const target = t.target + member.weight / total;
    candidates.push({
      member,
      index,
      count: t.count,
      target,
      shortfall: target - t.count,
      lastBookedAt: t.lastBookedAt,
    });
  });
  if (candidates.length === 0) {
    return {
      ok: false,
      reason: 'nobody_available',
      explanation: {
        code: 'nobody',
        params: { name: '', period: input.window.period, count: 0, target: '0', gap: '0', priority: 0 },
      },
    };
  }
  const sticky = candidates.find((c) => c.member.id === input.stickyMemberId);
  if (sticky) {
    return {
      ok: true,
      memberId: sticky.member.id,
      reason: { code: 'sticky', shortfall: sticky.shortfall, target: sticky.target, count: sticky.count },
      explanation: explain(sticky, 'sticky', input.window.period, false),
    };
  }
  const sorted = [...candidates].sort((a, b) => compareCandidates(a, b).order);
  const best = sorted[0] as Candidate;
  const runnerUp = sorted[1];
  const code: ChoiceReasonCode = runnerUp ? compareCandidates(best, runnerUp).code : 'shortfall';
  return {
    ok: true,
    memberId: best.member.id,
    reason: { code, shortfall: best.shortfall, target: best.target, count: best.count },
    explanation: explain(best, code, input.window.period, runnerUp === undefined),
  };
}

/** One decimal at most: 2, 1.5, 0.3. */
export function formatAmount(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

function explain(
  best: Candidate,
  code: ChoiceReasonCode,
  period: FairnessPeriod,
  alone: boolean,
): Explanation {
  const params = {
    name: best.member.name ?? best.member.id,
    period,
    count: best.count,
    target: formatAmount(best.target),
    gap: formatAmount(Math.abs(best.shortfall)),
    priority: best.member.priority,
  };
  if (alone) return { code: 'alone', params };
  if (code === 'shortfall')
    return { code: best.shortfall > 0 && params.gap !== '0' ? 'below' : 'closest', params };
  if (code === 'sticky') return { code: 'sticky', params };
  if (code === 'priority') return { code: 'priority', params };
  return { code: 'leastRecent', params };
}
