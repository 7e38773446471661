/** Building the outcomes of the team use case: successes and expected failures as values with a `Msg`. */
import type { Msg } from '../i18n/index.ts';
import { msg } from '../i18n/index.ts';
import type { Team, TeamResult } from '../ports/store.ts';
import type { Applied, StandingsView, TeamChange, TeamCommandErrorCode, TeamOutcome } from './types.ts';

export function done(
  message: Msg,
  extra: { team?: Team; standings?: StandingsView; lines?: readonly Msg[] } = {},
): TeamOutcome {
  return { ok: true, message, ...extra };
}

export type Refusal = Extract<TeamOutcome, { ok: false }>;

export function refuse(code: TeamCommandErrorCode, message: Msg): Refusal {
  return { ok: false, code, message };
}

export function applied(outcome: TeamOutcome, changes: readonly TeamChange[] = []): Applied {
  return { outcome, changes };
}

export function noTeam(name: string): Refusal {
  return refuse('not_found', msg('teams.notFound', { team: name }));
}

/** A store refusal (`TeamResult` not ok) as an outcome; `name`: the team or new name it is about. */
export function storeRefusal(result: Exclude<TeamResult, { ok: true }>, name: string): Refusal {
  switch (result.reason) {
    case 'not_found':
      return noTeam(name);
    case 'name_taken':
      return refuse('name_taken', msg('teams.nameTaken', { name }));
    case 'group_taken':
      return refuse('group_taken', msg('teams.groupTaken'));
    case 'not_member':
      return refuse('not_member', msg('teams.notMember'));
    case 'unknown_person':
      return refuse('unknown_member', msg('teams.unknownPerson'));
  }
}

/** The mode and fairness period as nested messages. */
export const modeMsg = (mode: Team['mode']): Msg => msg('teams.mode', { mode });
export const periodMsg = (period: Team['fairnessWindow']): Msg => msg('teams.period', { period });
/** How a round-robin team books a recurring request, as a nested message. */
export const seriesRotationMsg = (rotation: NonNullable<Team['seriesRotation']>): Msg =>
  msg('teams.seriesRotation', { rotation });
