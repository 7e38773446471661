/** The member commands of a team: add, remove, weight, priority, pause and resume. */
import { DateTime } from 'luxon';
import type { MemberRef, TeamCommand } from '../../core/rotation-command.ts';
import { msg } from '../i18n/index.ts';
import type { Person, Team } from '../ports/store.ts';
import { teamChange } from './audit.ts';
import { resolveMembers } from './authorise.ts';
import { applied, done, refuse, storeRefusal } from './outcome.ts';
import type { Applied, TeamChange, TeamScope } from './types.ts';

type MemberCommand = Extract<
  TeamCommand,
  { op: 'add' | 'remove' | 'weight' | 'priority' | 'pause' | 'resume' }
>;

export async function applyMemberCommand(
  scope: TeamScope,
  team: Team,
  command: MemberCommand,
): Promise<Applied> {
  const refs: readonly MemberRef[] =
    command.op === 'add' || command.op === 'remove' ? command.members : [command.member];
  const resolved = await resolveMembers(scope, refs);
  if (!resolved.ok) return applied(resolved.outcome);
  const { people } = resolved;
  switch (command.op) {
    case 'add':
      return add(scope, team, command, people);
    case 'remove':
      return remove(scope, team, people);
    case 'weight':
    case 'priority':
      return setNumber(scope, team, command, people[0] as Person);
    case 'pause':
      return pause(scope, team, command.until, people[0] as Person);
    case 'resume':
      return resume(scope, team, people[0] as Person);
  }
}

async function add(
  scope: TeamScope,
  team: Team,
  command: Extract<TeamCommand, { op: 'add' }>,
  people: readonly Person[],
): Promise<Applied> {
  const changes: TeamChange[] = [];
  let current: Team = team;
  for (const person of people) {
    const result = await scope.store.rotations.upsertMember(
      scope.tenantId,
      team.id,
      person.id,
      {
        ...(command.weight !== undefined ? { weight: command.weight } : {}),
        ...(command.priority !== undefined ? { priority: command.priority } : {}),
      },
      scope.now,
    );
    if (!result.ok) return applied(storeRefusal(result, team.name), changes);
    current = result.team;
    const member = current.members.find((m) => m.personId === person.id);
    changes.push(
      teamChange('member.add', team, {
        personId: person.id,
        weight: member?.weight,
        priority: member?.priority,
      }),
    );
  }
  const names = people.map((p) => p.displayName).join(', ');
  return applied(done(msg('teams.added', { names, team: team.name }), { team: current }), changes);
}

async function remove(scope: TeamScope, team: Team, people: readonly Person[]): Promise<Applied> {
  const changes: TeamChange[] = [];
  let current: Team = team;
  for (const person of people) {
    const result = await scope.store.rotations.removeMember(scope.tenantId, team.id, person.id);
    if (!result.ok) return applied(storeRefusal(result, team.name), changes);
    current = result.team;
    changes.push(teamChange('member.remove', team, { personId: person.id }));
  }
  const names = people.map((p) => p.displayName).join(', ');
  return applied(done(msg('teams.removed', { names, team: team.name }), { team: current }), changes);
}

async function setNumber(
  scope: TeamScope,
  team: Team,
  command: Extract<TeamCommand, { op: 'weight' | 'priority' }>,
  person: Person,
): Promise<Applied> {
  if (!team.members.some((m) => m.personId === person.id))
    return applied(storeRefusal({ ok: false, reason: 'not_member' }, team.name));
  const result = await scope.store.rotations.upsertMember(
    scope.tenantId,
    team.id,
    person.id,
    { [command.op]: command.value },
    scope.now,
  );
  if (!result.ok) return applied(storeRefusal(result, team.name));
  const params = { name: person.displayName, value: command.value, team: team.name };
  return applied(
    done(msg(command.op === 'weight' ? 'teams.weightSet' : 'teams.prioritySet', params), {
      team: result.team,
    }),
    [teamChange(`member.${command.op}`, team, { personId: person.id, [command.op]: command.value })],
  );
}

async function pause(
  scope: TeamScope,
  team: Team,
  untilDate: string | null,
  person: Person,
): Promise<Applied> {
  let until: number | null = null;
  if (untilDate !== null) {
    const date = DateTime.fromISO(untilDate, { zone: scope.zone });
    if (!date.isValid) return applied(refuse('invalid', msg('teams.badDate', { date: untilDate })));
    // Paused through that day: back the morning after.
    until = date.plus({ days: 1 }).startOf('day').toMillis();
    if (until <= scope.now) return applied(refuse('invalid', msg('teams.pastDate')));
  }
  const result = await scope.store.rotations.pauseMember(
    scope.tenantId,
    team.id,
    person.id,
    scope.now,
    until,
  );
  if (!result.ok) return applied(storeRefusal(result, team.name));
  const params = { name: person.displayName, team: team.name };
  return applied(
    done(
      untilDate === null
        ? msg('teams.paused', params)
        : msg('teams.pausedUntil', { ...params, date: untilDate }),
      { team: result.team },
    ),
    [teamChange('member.pause', team, { personId: person.id, from: scope.now, until })],
  );
}

async function resume(scope: TeamScope, team: Team, person: Person): Promise<Applied> {
  const result = await scope.store.rotations.resumeMember(scope.tenantId, team.id, person.id, scope.now);
  if (!result.ok) return applied(storeRefusal(result, team.name));
  return applied(
    done(msg('teams.resumed', { name: person.displayName, team: team.name }), { team: result.team }),
    [teamChange('member.resume', team, { personId: person.id, at: scope.now })],
  );
}
