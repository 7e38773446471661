/**
 * Fairness of round-robin teams, for the request and booking use cases: a team as the core sees it
 * (`teamContext`), who each proposed slot would book and why (`pickForSlots`), who a booked slot books
 * (`bookingPeople`) and the assignment recorded once it is booked (`recordRotationBooking`).
 */
import type {
  Explanation,
  FairnessWindow,
  MemberChoice,
  NoMemberAvailable,
  RotationMemberState,
  WordedExplanation,
} from '../../core/rotation.ts';
import { chooseMember, fairnessWindow } from '../../core/rotation.ts';
import type { PersonRepository, RotationAssignment, RotationRepository, Team } from '../ports/store.ts';
import type { TeamStore } from './types.ts';

export interface TeamContext {
  readonly team: Team;
  readonly window: FairnessWindow;
  readonly members: readonly RotationMemberState[];
  readonly history: readonly { memberId: string; at: number }[];
}

/** The team as the core sees it (names from the people), and the assignments of the current window. */
export async function teamContext(
  store: { rotations: Pick<RotationRepository, 'assignments'>; people: Pick<PersonRepository, 'get'> },
  tenantId: string,
  team: Team,
  now: number,
): Promise<TeamContext> {
  const window = fairnessWindow(now, team.timeZone, team.fairnessWindow);
  const [history, people] = await Promise.all([
    store.rotations.assignments(tenantId, team.id, { since: window.start, until: window.end }),
    Promise.all(team.members.map((m) => store.people.get(tenantId, m.personId))),
  ]);
  return {
    team,
    window,
    members: team.members
      .filter((m) => m.active)
      .map((m) => ({
        id: m.personId,
        name: people.find((p) => p?.id === m.personId)?.displayName ?? m.personId,
        weight: m.weight,
        priority: m.priority,
        joinedAt: m.joinedAt,
        pausedFrom: m.pausedFrom,
        pausedUntil: m.pausedUntil,
        lastBookedAt: m.lastAssignedAt,
      })),
    history: history.map((a: RotationAssignment) => ({ memberId: a.personId, at: a.at })),
  };
}

/** For each slot (its `available` member ids), who a round-robin booking would go to, and why. */
export function pickForSlots(
  context: Pick<TeamContext, 'members' | 'history' | 'window'>,
  now: number,
  slots: readonly { readonly available: readonly string[] }[],
  stickyPersonId?: string | null,
): (MemberChoice | NoMemberAvailable)[] {
  return slots.map((slot) =>
    chooseMember({
      members: context.members,
      history: context.history,
      window: context.window,
      now,
      availableIds: slot.available,
      ...(stickyPersonId ? { stickyMemberId: stickyPersonId } : {}),
    }),
  );
}

/**
 * For the booking use case: the people a slot of `proposalId` books. For a round-robin proposal, the
 * team members other than the slot's pick are dropped; otherwise `people` is returned as is.
 */
export async function bookingPeople(
  store: Pick<TeamStore, 'rotations'>,
  tenantId: string,
  proposalId: string,
  slotRank: number,
  people: readonly string[],
): Promise<{
  people: string[];
  pick: { rotationId: string; personId: string; explanation: Explanation | WordedExplanation } | null;
  /** A team taking turns per occurrence: the members booked, in turn order (empty otherwise). */
  turns: string[];
}> {
  const pick = await store.rotations.pickFor(tenantId, proposalId, slotRank);
  if (!pick) return { people: [...people], pick: null, turns: [] };
  const team = await store.rotations.findTeam(tenantId, { id: pick.rotationId });
  // Taking turns: every member in the turn order is booked (each for their own occurrences).
  const turns = [...(pick.turns ?? [])];
  const hosts = new Set(turns.length > 0 ? turns : [pick.personId]);
  const others = new Set((team?.members ?? []).map((m) => m.personId).filter((id) => !hosts.has(id)));
  const kept = people.filter((id) => !others.has(id));
  for (const id of hosts) if (!kept.includes(id)) kept.push(id);
  return {
    people: kept,
    pick: { rotationId: pick.rotationId, personId: pick.personId, explanation: pick.explanation },
    turns,
  };
}

/** For the booking use case: counts the booking for the slot's pick (no-op when not round-robin). */
export async function recordRotationBooking(
  store: Pick<TeamStore, 'rotations'>,
  input: { tenantId: string; proposalId: string; slotRank: number; bookingId: string; at: number },
): Promise<boolean> {
  const pick = await store.rotations.pickFor(input.tenantId, input.proposalId, input.slotRank);
  if (!pick) return false;
  // Taking turns per occurrence: one assignment per member for the series (not one per occurrence).
  const hosts = pick.turns && pick.turns.length > 0 ? pick.turns : [pick.personId];
  let recorded = true;
  for (const personId of hosts)
    recorded =
      (await store.rotations.recordAssignment(
        input.tenantId,
        pick.rotationId,
        personId,
        input.at,
        input.bookingId,
      )) && recorded;
  return recorded;
}
