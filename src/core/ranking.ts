/**
 * Ranking: pick the best few slots to propose, not the first few.
 *
 * Each slot gets a cost (lower is better), in "hours of discomfort"-like units:
 * - comfort: for every attendee, how far the slot reaches outside their core hours (default 10:00–16:00
 *   in their own zone), in hours. The cost counts the WORST attendee twice and the SUM once, so two
 *   people 1 hour out beats one person 3 hours out: out-of-hours pain is shared across zones rather than
 *   always landing on the same person. An optional attendee who is free adds their hours to the sum
 *   only, capped at half the cost of missing them: a slot where everyone can come always ranks above one
 *   that loses an optional person, all else equal. In ROUND_ROBIN only the most comfortable available member counts
 *   (that member would host), plus any free optional attendees.
 * - each optional attendee who cannot come: +1.5; in ROUND_ROBIN, a small bonus for slots where more
 *   members are free (more room for the rotation): +0.25 × busy fraction.
 * - earlier dates are preferred mildly: +0.1 per day after the window start.
 * Then proposals are chosen greedily: each pick adds +4 to the other slots on the same booker-local day
 * (spread across days) and +50 to slots overlapping it (no near-duplicates unless nothing else is left).
 * Ties break on the earlier start, so equal inputs always give equal output.
 */
import type { ParticipantId, SchedulingMode, Slot } from './availability.ts';
import type { Interval } from './interval.ts';
import { DAY, MINUTE } from './interval.ts';
import { parseWallTime } from './working-hours.ts';
import type { ZoneCache } from './zone-offsets.ts';
import { toWall } from './zone-offsets.ts';

export interface RankedParticipant {
  readonly id: ParticipantId;
  readonly timeZone: string;
  readonly optional?: boolean;
}

export interface CoreHours {
  /** "HH:MM" local. */
  readonly start: string;
  /** "HH:MM" or "24:00" local. */
  readonly end: string;
}

export interface RankOptions {
  /** How many proposals to return. Default 5. */
  readonly count?: number;
  /** Preferred local hours for everyone. Default 10:00–16:00. */
  readonly coreHours?: CoreHours;
  /** Per-participant core hours overriding the default. */
  readonly coreHoursById?: ReadonlyMap<ParticipantId, CoreHours>;
}

export interface RankInput {
  readonly slots: readonly Slot[];
  readonly participants: readonly RankedParticipant[];
  readonly mode: SchedulingMode;
  readonly window: Interval;
  readonly bookerTimeZone: string;
  /** Offset tables covering the window (from `computeAvailability`, or `createZoneCache(window)`). */
  readonly zones: ZoneCache;
}

export type ProposalReason =
  | { readonly code: 'all_free'; readonly free: number; readonly total: number }
  | {
      readonly code: 'partial';
      readonly free: number;
      readonly total: number;
      readonly busy: readonly ParticipantId[];
    };

export interface Proposal {
  readonly rank: number;
  readonly start: number;
  readonly end: number;
  readonly available: readonly ParticipantId[];
  readonly reason: ProposalReason;
  /** "all 3 free", "2 of 3 free, li busy" (+ ", outside core hours for sam"). */
  readonly summary: string;
  /** Attendees for whom the slot reaches outside their core hours. */
  readonly outsideCoreHours: readonly ParticipantId[];
  /** Cost at the time of picking (lower is better), rounded to 3 decimals. */
  readonly score: number;
}

const W_WORST = 2;
const W_SUM = 1;
const W_MISSING_OPTIONAL = 1.5;
/** Most an optional attendee's out-of-hours load adds (half the cost of missing them). */
const OPTIONAL_COMFORT_CAP = W_MISSING_OPTIONAL / 2;
const W_ROTATION_BUSY = 0.25;
const W_DAY = 0.1;
const W_SAME_DAY = 4;
const W_OVERLAP = 50;

const DEFAULT_CORE: CoreHours = { start: '10:00', end: '16:00' };

function coreMinutes(core: CoreHours): { start: number; end: number } {
  const start = parseWallTime(core.start);
  const end = parseWallTime(core.end, true);
  if (start === undefined || end === undefined || end <= start)
    throw new TypeError(`invalid core hours ${core.start}-${core.end}`);
  return { start, end };
}

/** Hours by which a slot `[t, t + d)` reaches outside the core hours of a local day. */
function outsideHours(wallStart: number, durationMs: number, core: { start: number; end: number }): number {
  const startMin = (((wallStart % DAY) + DAY) % DAY) / MINUTE;
  const endMin = startMin + durationMs / MINUTE;
  const early = core.start > startMin ? core.start - startMin : 0;
  const late = endMin > core.end ? endMin - core.end : 0;
  return (early + late) / 60;
}

function listIds(ids: readonly ParticipantId[]): string {
  return ids.map(String).join(', ');
}

/** The best `count` slots with reasons. Pure and deterministic; see the module comment for the scoring. */
export function rankProposals(input: RankInput, options: RankOptions = {}): Proposal[] {
  const { slots, participants, mode, window, zones } = input;
  const count = options.count ?? 5;
  const defaultCore = coreMinutes(options.coreHours ?? DEFAULT_CORE);
  const people = participants.map((p) => ({
    id: p.id,
    optional: p.optional === true,
    zone: zones.get(p.timeZone),
    core: options.coreHoursById?.has(p.id) ? coreMinutes(options.coreHoursById.get(p.id)!) : defaultCore,
  }));
  const indexOf = new Map<ParticipantId, number>(people.map((p, i) => [p.id, i]));
  const optionalCount = people.filter((p) => p.optional).length;
  const memberCount = people.length - optionalCount;
  const booker = zones.get(input.bookerTimeZone);
  const firstDay = Math.floor(toWall(booker, window.start) / DAY);

  const n = slots.length;
  const base = new Float64Array(n);
  const day = new Float64Array(n);
  const outside: ParticipantId[][] = [];
  for (let k = 0; k < n; k++) {
    const slot = slots[k]!;
    const durationMs = slot.end - slot.start;
    let worst = 0;
    let sum = 0;
    let freeOptional = 0;
    let freeMembers = 0;
    let bestMember = Number.POSITIVE_INFINITY;
    let bestMemberId: ParticipantId | undefined;
    const out: ParticipantId[] = [];
    for (const id of slot.available) {
      const i = indexOf.get(id);
      if (i === undefined) continue;
      const p = people[i]!;
      const h = outsideHours(toWall(p.zone, slot.start), durationMs, p.core);
      if (mode === 'ROUND_ROBIN' && !p.optional) {
        freeMembers++;
        if (h < bestMember) {
          bestMember = h;
          bestMemberId = p.id;
        }
        continue;
      }
      if (h > 0) out.push(p.id);
      if (p.optional) {
        // An optional attendee who can come never costs more than one who cannot: their out-of-hours
        // load counts in the sum only, capped below the cost of missing them.
        freeOptional++;
        sum += Math.min(h, OPTIONAL_COMFORT_CAP);
        continue;
      }
      if (h > worst) worst = h;
      sum += h;
    }
    if (mode === 'ROUND_ROBIN' && bestMemberId !== undefined) {
      if (bestMember > 0) out.unshift(bestMemberId);
      if (bestMember > worst) worst = bestMember;
      sum += bestMember;
    }
    let cost = W_WORST * worst + W_SUM * sum + W_MISSING_OPTIONAL * (optionalCount - freeOptional);
    if (mode === 'ROUND_ROBIN' && memberCount > 0)
      cost += (W_ROTATION_BUSY * (memberCount - freeMembers)) / memberCount;
    day[k] = Math.floor(toWall(booker, slot.start) / DAY);
    cost += W_DAY * (day[k]! - firstDay);
    base[k] = cost;
    outside.push(out);
  }

  const extra = new Float64Array(n);
  const taken = new Uint8Array(n);
  const picked: Proposal[] = [];
  while (picked.length < count) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      if (taken[k]) continue;
      const c = base[k]! + extra[k]!;
      if (c < bestCost) {
        bestCost = c;
        best = k;
      }
    }
    if (best < 0) break;
    taken[best] = 1;
    const slot = slots[best]!;
    for (let k = 0; k < n; k++) {
      if (taken[k]) continue;
      if (day[k] === day[best]) extra[k] = extra[k]! + W_SAME_DAY;
      const other = slots[k]!;
      if (other.start < slot.end && other.end > slot.start) extra[k] = extra[k]! + W_OVERLAP;
    }
    const availableSet = new Set(slot.available);
    const busy = people.filter((p) => !availableSet.has(p.id)).map((p) => p.id);
    const total = people.length;
    const free = total - busy.length;
    const reason: ProposalReason =
      busy.length === 0 ? { code: 'all_free', free, total } : { code: 'partial', free, total, busy };
    let summary = busy.length === 0 ? `all ${total} free` : `${free} of ${total} free, ${listIds(busy)} busy`;
    const out = outside[best]!;
    if (out.length > 0) summary += `, outside core hours for ${listIds(out)}`;
    picked.push({
      rank: picked.length + 1,
      start: slot.start,
      end: slot.end,
      available: slot.available.slice(),
      reason,
      summary,
      outsideCoreHours: out,
      score: Math.round(bestCost * 1000) / 1000,
    });
  }
  return picked;
}
