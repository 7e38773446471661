/**
 * Resolve: the mentions of a request become people (chat mentions by identity, plain `@name` through the
 * directory), teams are expanded to their active members, and each person gets the zone and working hours
 * the search uses (preferences, else 09:00–17:00 Monday–Friday in the organiser's zone).
 */
import { isActiveAt } from '../../core/rotation.ts';
import { list, msg } from '../i18n/index.ts';
import type { Person, Team } from '../ports/store.ts';
import type { Locale } from '../views.ts';
import type {
  MeetingStore,
  Member,
  RequestFailure,
  RequestMeetingDeps,
  RequestMeetingInput,
  Resolved,
} from './types.ts';
import { DEFAULT_WORKING_HOURS, fail, maxParticipantsOf } from './types.ts';

/** A participant as the parser read it. */
export interface Mention {
  readonly kind: string;
  readonly id: string;
  readonly raw: string;
  readonly optional?: boolean;
}

export type ResolveResult = { ok: true; people: Resolved[]; team: Team | null } | RequestFailure;

/** The requester first, then every mentioned person once; a team brings in its active members. */
export async function resolveParticipants(
  deps: RequestMeetingDeps,
  input: Pick<RequestMeetingInput, 'tenantId' | 'workspaceId' | 'now'>,
  requester: Person,
  mentions: readonly Mention[],
  locale: Locale,
): Promise<ResolveResult> {
  const people: Resolved[] = [{ person: requester, requester: true }];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  const unsupported: string[] = [];
  const teams: Team[] = [];
  // Every chat mention looked up in one read when the store can.
  const userIds = mentions
    .filter((m) => m.kind === 'slack_user' || m.kind === 'discord_user')
    .map((m) => m.id);
  const known = await deps.store.people.findByIdentities(input.workspaceId, userIds);
  for (const mention of mentions) {
    let found: Person | null = null;
    const team = await findTeam(deps, input.tenantId, mention);
    if (team) {
      if (!teams.some((t) => t.id === team.id)) teams.push(team);
      continue;
    }
    if (mention.kind === 'slack_user' || mention.kind === 'discord_user') {
      found = known.get(mention.id) ?? null;
      if (found && found.tenantId !== input.tenantId) found = null;
    } else if (mention.kind === 'name') {
      const matches = deps.directory ? await deps.directory.findByName(input.tenantId, mention.id) : [];
      if (matches.length > 1) {
        ambiguous.push(mention.raw);
        continue;
      }
      found = matches[0] ?? null;
    } else {
      unsupported.push(mention.raw);
      continue;
    }
    if (!found) unknown.push(mention.raw);
    else if (!people.some((p) => p.person.id === found.id))
      people.push({ person: found, requester: false, ...(mention.optional ? { optional: true } : {}) });
  }
  if (unsupported.length > 0)
    return fail(
      locale,
      'unsupported_mention',
      msg('request.unsupportedMention', { mentions: unsupported.join(', ') }),
      { mentions: unsupported },
    );
  if (unknown.length > 0)
    return fail(
      locale,
      'unknown_participants',
      msg('request.unknownParticipants', { names: list(locale, unknown) }),
      { mentions: unknown },
    );
  if (ambiguous.length > 0)
    return fail(
      locale,
      'ambiguous_participants',
      msg('request.ambiguousParticipants', { names: list(locale, ambiguous) }),
      { mentions: ambiguous },
    );
  const team = teams[0] ?? null;
  if (teams.length > 1)
    return fail(
      locale,
      'unsupported_mention',
      msg('request.oneTeam', {
        teams: list(
          locale,
          teams.map((t) => t.name),
        ),
      }),
    );
  if (team) {
    const activeIds = activeMemberIds(team, input.now);
    const roundRobin = team.mode === 'round_robin';
    let added = 0;
    const cap = maxParticipantsOf(deps.limits);
    for (const id of activeIds) {
      // Past the cap the request is refused (proposeMeeting): no need to read the rest of the team.
      if (people.length - 1 > cap) break;
      if (people.some((p) => p.person.id === id)) continue;
      const person = await deps.store.people.get(input.tenantId, id);
      if (!person) continue;
      people.push({ person, requester: false, pool: roundRobin });
      added++;
    }
    if (added === 0) return fail(locale, 'no_slot', msg('request.teamEmpty', { team: team.name }));
  }
  return { ok: true, people, team };
}

/** The team's members who can be invited at `now`: active, with a weight, and not paused. */
export function activeMemberIds(team: Pick<Team, 'members'>, now: number): string[] {
  return team.members
    .filter((m) => m.active && m.weight > 0 && isActiveAt(memberState(m), now))
    .map((m) => m.personId);
}

/** A mention naming a team: `@name` of a Convene team, a Slack user group or Discord role bound to one. */
async function findTeam(
  deps: RequestMeetingDeps,
  tenantId: string,
  mention: { kind: string; id: string },
): Promise<Team | null> {
  if (!deps.rotations) return null;
  if (mention.kind === 'name') return deps.rotations.findTeam(tenantId, { name: mention.id });
  if (mention.kind === 'slack_group' || mention.kind === 'discord_role')
    return deps.rotations.findTeam(tenantId, { groupRef: mention.id });
  return null;
}

function memberState(m: Team['members'][number]) {
  return {
    id: m.personId,
    weight: m.weight,
    priority: m.priority,
    joinedAt: m.joinedAt,
    pausedFrom: m.pausedFrom,
    pausedUntil: m.pausedUntil,
  };
}

/** Each resolved person with their zone and working hours (one preferences read when the store can). */
export async function loadMembers(
  store: MeetingStore,
  tenantId: string,
  resolved: readonly Resolved[],
  fallbackZone: string,
): Promise<Member[]> {
  const many = await store.preferences.getMany(
    tenantId,
    resolved.map((r) => r.person.id),
  );
  return Promise.all(
    resolved.map(async ({ person, requester, pool, optional }) => {
      const prefs = many.get(person.id) ?? null;
      const hours = prefs && prefs.workingHours.rules.length > 0 ? prefs.workingHours : DEFAULT_WORKING_HOURS;
      return {
        person,
        name: person.displayName,
        // The requester's zone is the one the request was typed in; others use their stored zone.
        timeZone: requester ? fallbackZone : (prefs?.timeZone ?? fallbackZone),
        workingHours: hours,
        requester,
        pool: pool === true,
        // The requester is always needed, whatever the text says.
        optional: optional === true && !requester,
      };
    }),
  );
}
