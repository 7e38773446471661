/** The read-only team commands: `list` and `standings` (counts, targets and shortfalls of the window). */
import { formatAmount, standings } from '../../core/rotation.ts';
import type { Msg } from '../i18n/index.ts';
import { msg } from '../i18n/index.ts';
import type { Team } from '../ports/store.ts';
import { visibleTeam } from './authorise.ts';
import { teamContext } from './fairness.ts';
import { done, modeMsg, noTeam, refuse } from './outcome.ts';
import type { StandingsView, TeamOutcome, TeamScope, TeamStore } from './types.ts';

export async function teamStandings(
  store: Pick<TeamStore, 'rotations' | 'people'>,
  tenantId: string,
  team: Team,
  now: number,
): Promise<StandingsView> {
  const context = await teamContext(store, tenantId, team, now);
  const rows = standings({ members: context.members, history: context.history, window: context.window, now });
  return {
    teamId: team.id,
    teamName: team.name,
    mode: team.mode,
    window: context.window,
    rows: rows.map((r) => ({ ...r, paused: !r.active })),
  };
}

/** The standings as a heading and one line per member. */
export function standingsMessages(view: StandingsView): { message: Msg; lines: Msg[] } {
  const head = { team: view.teamName, period: view.window.period };
  if (view.rows.length === 0) return { message: msg('teams.standings.empty', head), lines: [] };
  const lines = view.rows.map((r) => {
    const gap = formatAmount(Math.abs(r.shortfall));
    const status =
      gap === '0'
        ? msg('teams.standings.onTarget')
        : msg(r.shortfall > 0 ? 'teams.standings.below' : 'teams.standings.above', { gap });
    return msg('teams.standings.row', {
      name: r.name,
      weight: r.weight,
      priority: r.priority,
      count: r.count,
      target: formatAmount(r.target),
      status,
      paused: r.paused ? 'yes' : 'no',
    });
  });
  return { message: msg('teams.standings.title', head), lines };
}

export async function listTeams(scope: TeamScope): Promise<TeamOutcome> {
  const teams = await scope.store.rotations.listTeams(scope.tenantId);
  if (teams.length === 0) return done(msg('teams.list.empty'));
  return done(msg('teams.list.title'), {
    lines: teams.map((team) =>
      msg('teams.list.row', { team: team.name, mode: modeMsg(team.mode), count: team.members.length }),
    ),
  });
}

/** `name` null: the only team, if there is exactly one. */
export async function showStandings(scope: TeamScope, name: string | null): Promise<TeamOutcome> {
  const teams = name === null ? await scope.store.rotations.listTeams(scope.tenantId) : [];
  const team = name === null ? (teams.length === 1 ? teams[0] : undefined) : await visibleTeam(scope, name);
  if (!team) return name === null ? refuse('invalid', msg('teams.standings.nameTheTeam')) : noTeam(name);
  const view = await teamStandings(scope.store, scope.tenantId, team, scope.now);
  const { message, lines } = standingsMessages(view);
  return done(message, { lines, team, standings: view });
}
