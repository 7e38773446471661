/**
 * Applying an authorised team command: each sub-command's store calls, its outcome and the changes it
 * made (for the audit step). Read-only commands make no change.
 */
import type { TeamCommand } from '../../core/rotation-command.ts';
import { msg } from '../i18n/index.ts';
import { changeAdmins, listAdmins } from './admins.ts';
import { teamChange } from './audit.ts';
import { visibleTeam } from './authorise.ts';
import { applyMemberCommand } from './members.ts';
import { applied, done, modeMsg, noTeam, periodMsg, seriesRotationMsg, storeRefusal } from './outcome.ts';
import { listTeams, showStandings } from './standings.ts';
import type { Applied, TeamScope } from './types.ts';

export async function applyTeamCommand(scope: TeamScope, command: TeamCommand): Promise<Applied> {
  switch (command.op) {
    case 'help':
      return applied(done(msg('teams.help')));
    case 'admins':
      return applied(await listAdmins(scope));
    case 'grant':
    case 'revoke':
      return changeAdmins(scope, command.op, command.members);
    case 'list':
      return applied(await listTeams(scope));
    case 'standings':
      return applied(await showStandings(scope, command.team));
    case 'create':
      return create(scope, command);
  }
  const team = await visibleTeam(scope, command.team);
  if (!team) return applied(noTeam(command.team));
  const { rotations } = scope.store;
  switch (command.op) {
    case 'rename': {
      const result = await rotations.renameTeam(scope.tenantId, team.id, command.name);
      if (!result.ok) return applied(storeRefusal(result, command.name));
      return applied(
        done(msg('teams.renamed', { from: team.name, to: result.team.name }), { team: result.team }),
        [teamChange('rename', result.team, { from: team.name, to: result.team.name })],
      );
    }
    case 'delete':
      await rotations.deleteTeam(scope.tenantId, team.id);
      return applied(done(msg('teams.deleted', { team: team.name })), [
        teamChange('delete', team, { members: team.members.length }),
      ]);
    case 'mode':
    case 'window':
    case 'series':
    case 'bind':
    case 'unbind': {
      const settings =
        command.op === 'mode'
          ? { mode: command.mode }
          : command.op === 'window'
            ? { fairnessWindow: command.window }
            : command.op === 'series'
              ? { seriesRotation: command.rotation }
              : { groupRef: command.op === 'bind' ? command.group.id : null };
      const result = await rotations.configureTeam(scope.tenantId, team.id, settings);
      if (!result.ok) return applied(storeRefusal(result, team.name));
      const message =
        command.op === 'mode'
          ? msg('teams.modeSet', { team: team.name, mode: modeMsg(command.mode) })
          : command.op === 'window'
            ? msg('teams.windowSet', { team: team.name, period: periodMsg(command.window) })
            : command.op === 'series'
              ? msg('teams.seriesSet', { team: team.name, rotation: seriesRotationMsg(command.rotation) })
              : command.op === 'bind'
                ? msg('teams.bound', { group: command.group.raw, team: team.name })
                : msg('teams.unbound', { team: team.name });
      return applied(done(message, { team: result.team }), [teamChange(command.op, result.team, settings)]);
    }
    default:
      return applyMemberCommand(scope, team, command);
  }
}

async function create(scope: TeamScope, command: Extract<TeamCommand, { op: 'create' }>): Promise<Applied> {
  const created = await scope.store.rotations.createTeam({
    tenantId: scope.tenantId,
    name: command.team,
    ...(command.mode ? { mode: command.mode } : {}),
    ...(command.window ? { fairnessWindow: command.window } : {}),
    timeZone: scope.zone,
  });
  if (!created.ok) return applied(storeRefusal(created, command.team));
  const { team } = created;
  return applied(
    done(
      msg('teams.created', {
        team: team.name,
        mode: modeMsg(team.mode),
        period: periodMsg(team.fairnessWindow),
      }),
      { team },
    ),
    [teamChange('create', team, { mode: team.mode, fairnessWindow: team.fairnessWindow })],
  );
}
