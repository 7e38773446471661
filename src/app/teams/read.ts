/**
 * Reading a team command: the chat text through the core parser (`core/rotation-command.ts`), its
 * problems turned into messages. The reply's language is the caller's choice or, by default, the
 * language of the command's head word (`team` → English, `équipe` → French).
 */
import type { TeamCommand, TeamCommandProblem, UsageOp } from '../../core/rotation-command.ts';
import { parseTeamCommand } from '../../core/rotation-command.ts';
import type { MessageKey, Msg } from '../i18n/index.ts';
import { msg } from '../i18n/index.ts';
import type { Locale } from '../views.ts';
import type { TeamCommandErrorCode } from './types.ts';

export type ReadCommand =
  | { readonly ok: true; readonly locale: Locale; readonly command: TeamCommand }
  | {
      readonly ok: false;
      readonly locale: Locale;
      readonly code: Extract<TeamCommandErrorCode, 'not_a_team_command' | 'invalid'>;
      readonly message: Msg;
    };

const USAGE: Readonly<Record<UsageOp, MessageKey>> = {
  grant: 'teams.usage.grant',
  revoke: 'teams.usage.revoke',
  create: 'teams.usage.create',
  rename: 'teams.usage.rename',
  delete: 'teams.usage.delete',
  unbind: 'teams.usage.unbind',
  add: 'teams.usage.add',
  remove: 'teams.usage.remove',
  weight: 'teams.usage.weight',
  priority: 'teams.usage.priority',
  mode: 'teams.usage.mode',
  window: 'teams.usage.window',
  series: 'teams.usage.series',
  pause: 'teams.usage.pause',
  resume: 'teams.usage.resume',
  bind: 'teams.usage.bind',
};

export function problemMessage(problem: TeamCommandProblem): Msg {
  switch (problem.code) {
    case 'unknown_command':
      return problem.word === null
        ? msg('teams.parse.unknown')
        : msg('teams.parse.unknownCommand', { word: problem.word });
    case 'no_team_name':
      return msg('teams.parse.noTeamName', { word: problem.word });
    case 'bad_team_name':
      return msg('teams.parse.badTeamName', { name: problem.name });
    case 'no_members':
      return msg('teams.parse.noMembers');
    case 'usage':
      return msg(USAGE[problem.op]);
  }
}

/** `locale`: the reply's language when the caller knows it (Discord: the user's client language). */
export function readTeamCommand(text: string, locale?: Locale): ReadCommand {
  const parsed = parseTeamCommand(text);
  if (!parsed)
    return {
      ok: false,
      locale: locale ?? 'en',
      code: 'not_a_team_command',
      message: msg('teams.notTeamCommand'),
    };
  const replyIn = locale ?? parsed.locale;
  if (!parsed.ok)
    return { ok: false, locale: replyIn, code: 'invalid', message: problemMessage(parsed.problem) };
  return { ok: true, locale: replyIn, command: parsed.command };
}
