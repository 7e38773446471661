/**
 * `/meet team …` (`/meet équipe …`, …): the admin and standings commands of team rotations, parsed from
 * chat text into a plain value. Pure; the language of the reply is the language of the command's head
 * word. The words of each language are in `parse/locales/<tag>/team.ts`; a malformed command is a
 * problem code, worded by the caller's message catalogue. Shown in English:
 *
 *   team list | team help
 *   team standings [team]
 *   team create <team> [round-robin|collective] [day|week|month]
 *   team rename <team> <new name>          team delete <team>
 *   team add <team> @member… [weight N] [priority N]
 *   team remove <team> @member…
 *   team weight <team> @member N           team priority <team> @member N
 *   team mode <team> round-robin|collective
 *   team window <team> day|week|month
 *   team series <team> fixed|rotate      (a recurring request: one member for the series, or turns)
 *   team pause <team> @member [until YYYY-MM-DD]     team resume <team> @member
 *   team bind <team> @group (Slack user group / Discord role)     team unbind <team>
 *   team admins | team grant @person… | team revoke @person…   (Convene admins, granted by chat admins)
 */
import type { Locale } from './locale.ts';
import { TEAM_WORDS, type TeamWords } from './parse/locales/team.ts';
import type { FairnessPeriod } from './rotation.ts';

export type TeamMode = 'round_robin' | 'collective';

/** A round-robin team's recurring requests: one member for the whole series, or turns per occurrence. */
export type SeriesRotation = 'fixed' | 'rotate';

export type MemberRef =
  | { readonly kind: 'slack_user' | 'discord_user'; readonly id: string; readonly raw: string }
  | { readonly kind: 'name'; readonly id: string; readonly raw: string };

export interface GroupRef {
  readonly kind: 'slack_group' | 'discord_role';
  readonly id: string;
  readonly raw: string;
}

export type TeamCommand =
  | { readonly op: 'help' }
  | { readonly op: 'list' }
  | { readonly op: 'admins' }
  | { readonly op: 'grant'; readonly members: readonly MemberRef[] }
  | { readonly op: 'revoke'; readonly members: readonly MemberRef[] }
  | { readonly op: 'standings'; readonly team: string | null }
  | {
      readonly op: 'create';
      readonly team: string;
      readonly mode?: TeamMode;
      readonly window?: FairnessPeriod;
    }
  | { readonly op: 'rename'; readonly team: string; readonly name: string }
  | { readonly op: 'delete'; readonly team: string }
  | {
      readonly op: 'add';
      readonly team: string;
      readonly members: readonly MemberRef[];
      readonly weight?: number;
      readonly priority?: number;
    }
  | { readonly op: 'remove'; readonly team: string; readonly members: readonly MemberRef[] }
  | {
      readonly op: 'weight' | 'priority';
      readonly team: string;
      readonly member: MemberRef;
      readonly value: number;
    }
  | { readonly op: 'mode'; readonly team: string; readonly mode: TeamMode }
  | { readonly op: 'window'; readonly team: string; readonly window: FairnessPeriod }
  | { readonly op: 'series'; readonly team: string; readonly rotation: SeriesRotation }
  | { readonly op: 'pause'; readonly team: string; readonly member: MemberRef; readonly until: string | null }
  | { readonly op: 'resume'; readonly team: string; readonly member: MemberRef }
  | { readonly op: 'bind'; readonly team: string; readonly group: GroupRef }
  | { readonly op: 'unbind'; readonly team: string };

export type TeamCommandOp = TeamCommand['op'];

/** The sub-commands that take arguments, each with its usage line. */
export type UsageOp = Exclude<TeamCommandOp, 'help' | 'list' | 'admins' | 'standings'>;

/** Why a team command could not be read; the caller words it (`word`, `name`: as typed). */
export type TeamCommandProblem =
  | { readonly code: 'unknown_command'; readonly word: string | null }
  | { readonly code: 'no_team_name'; readonly word: string }
  | { readonly code: 'bad_team_name'; readonly name: string }
  | { readonly code: 'no_members' }
  | { readonly code: 'usage'; readonly op: UsageOp };

export type ParsedTeamCommand =
  | { readonly ok: true; readonly locale: Locale; readonly command: TeamCommand }
  | { readonly ok: false; readonly locale: Locale; readonly problem: TeamCommandProblem };

const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Every language's words in one lookup: a verb is understood whatever the head word's language. */
function merged<T>(pick: (words: TeamWords) => Readonly<Record<string, T>>) {
  const all = new Map<string, T>();
  for (const words of Object.values(TEAM_WORDS))
    for (const [word, value] of Object.entries(pick(words))) if (!all.has(word)) all.set(word, value);
  return all;
}
const HEADS = new Map<string, Locale>(
  (Object.entries(TEAM_WORDS) as [Locale, TeamWords][]).flatMap(([locale, words]) =>
    words.heads.map((head): [string, Locale] => [head, locale]),
  ),
);
const OPS = merged((w) => w.ops);
const MODES = merged((w) => w.modes);
const WINDOWS = merged((w) => w.windows);
const SERIES = merged((w) => w.series);
const UNTIL = new Set(['', ...Object.values(TEAM_WORDS).flatMap((w) => w.until.map(fold))]);

const TEAM_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,39}$/u;

/** Null when the text is not a team command (it does not start with a head word: `team`, `équipe`, …). */
export function parseTeamCommand(text: string): ParsedTeamCommand | null {
  const tokens = text.trim().split(/\s+/u).filter(Boolean);
  const locale = HEADS.get(fold(tokens[0] ?? ''));
  if (locale === undefined) return null;
  const fail = (problem: TeamCommandProblem): ParsedTeamCommand => ({ ok: false, locale, problem });
  const usage = (op: UsageOp) => fail({ code: 'usage', op });
  const ok = (command: TeamCommand): ParsedTeamCommand => ({ ok: true, locale, command });

  const opWord = tokens[1];
  if (opWord === undefined) return ok({ op: 'help' });
  const op = OPS.get(fold(opWord));
  if (op === undefined) return fail({ code: 'unknown_command', word: opWord });
  if (op === 'help' || op === 'list' || op === 'admins') return ok({ op });
  const rest = tokens.slice(2);
  if (op === 'grant' || op === 'revoke') {
    const members = rest.map(memberRef);
    if (members.length === 0 || members.some((m) => m === null)) return usage(op);
    return ok(
      op === 'grant'
        ? { op, members: members as MemberRef[] }
        : { op: 'revoke', members: members as MemberRef[] },
    );
  }
  if (op === 'standings') {
    const team = rest[0] ?? null;
    return ok({ op, team: team === null ? null : stripAt(team) });
  }
  const rawTeam = rest[0];
  if (rawTeam === undefined) return fail({ code: 'no_team_name', word: opWord });
  if (!TEAM_NAME.test(stripAt(rawTeam))) return fail({ code: 'bad_team_name', name: rawTeam });
  const team = stripAt(rawTeam);
  const args = rest.slice(1);

  switch (op) {
    case 'create': {
      let mode: TeamMode | undefined;
      let window: FairnessPeriod | undefined;
      for (const arg of args) {
        const word = fold(arg);
        const asMode = MODES.get(word);
        const asWindow = WINDOWS.get(word);
        if (asMode) mode = asMode;
        else if (asWindow) window = asWindow;
        else return usage(op);
      }
      return ok({ op, team, ...(mode ? { mode } : {}), ...(window ? { window } : {}) });
    }
    case 'rename': {
      const name = args[0];
      if (args.length !== 1 || name === undefined || !TEAM_NAME.test(stripAt(name))) return usage(op);
      return ok({ op, team, name: stripAt(name) });
    }
    case 'delete':
    case 'unbind':
      if (args.length > 0) return usage(op);
      return ok({ op, team });
    case 'add':
    case 'remove': {
      const members: MemberRef[] = [];
      let weight: number | undefined;
      let priority: number | undefined;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i] as string;
        const option = OPS.get(fold(arg));
        if (op === 'add' && (option === 'weight' || option === 'priority')) {
          const value = integer(args[i + 1]);
          if (value === null || (option === 'weight' && value < 0)) return usage(op);
          if (option === 'weight') weight = value;
          else priority = value;
          i++;
          continue;
        }
        const member = memberRef(arg);
        if (!member) return usage(op);
        members.push(member);
      }
      if (members.length === 0) return fail({ code: 'no_members' });
      if (op === 'remove') return ok({ op, team, members });
      return ok({
        op,
        team,
        members,
        ...(weight !== undefined ? { weight } : {}),
        ...(priority !== undefined ? { priority } : {}),
      });
    }
    case 'weight':
    case 'priority': {
      const member = args[0] === undefined ? null : memberRef(args[0]);
      const value = integer(args[1]);
      if (!member || value === null || args.length !== 2 || (op === 'weight' && value < 0)) return usage(op);
      return ok({ op, team, member, value });
    }
    case 'mode': {
      const mode = args.length === 1 ? MODES.get(fold(args[0] as string)) : undefined;
      if (!mode) return usage(op);
      return ok({ op, team, mode });
    }
    case 'window': {
      const window = args.length === 1 ? WINDOWS.get(fold(args[0] as string)) : undefined;
      if (!window) return usage(op);
      return ok({ op, team, window });
    }
    case 'series': {
      const rotation = args.length === 1 ? SERIES.get(fold(args[0] as string)) : undefined;
      if (!rotation) return usage(op);
      return ok({ op, team, rotation });
    }
    case 'pause': {
      const member = args[0] === undefined ? null : memberRef(args[0]);
      const untilWords = args.slice(1).map(fold);
      let until: string | null = null;
      if (untilWords.length > 0) {
        const date = untilWords[untilWords.length - 1] as string;
        const lead = untilWords.slice(0, -1).join(' ');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !UNTIL.has(lead)) return usage(op);
        until = date;
      }
      if (!member) return usage(op);
      return ok({ op, team, member, until });
    }
    case 'resume': {
      const member = args.length === 1 ? memberRef(args[0] as string) : null;
      if (!member) return usage(op);
      return ok({ op, team, member });
    }
    case 'bind': {
      const group = args.length === 1 ? groupRef(args[0] as string) : null;
      if (!group) return usage(op);
      return ok({ op, team, group });
    }
  }
  return fail({ code: 'unknown_command', word: null });
}

function stripAt(word: string): string {
  return word.startsWith('@') ? word.slice(1) : word;
}

function integer(word: string | undefined): number | null {
  if (word === undefined || !/^-?\d{1,4}$/.test(word)) return null;
  return Number(word);
}

export function memberRef(word: string): MemberRef | null {
  const slack = /^<@([UW][A-Z0-9]{2,20})(?:\|[^<>]*)?>$/.exec(word);
  if (slack?.[1]) return { kind: 'slack_user', id: slack[1], raw: word };
  const discord = /^<@!?(\d{15,21})>$/.exec(word);
  if (discord?.[1]) return { kind: 'discord_user', id: discord[1], raw: word };
  const name = /^@([\p{L}\p{N}][\p{L}\p{N}_.-]{0,79})$/u.exec(word);
  if (name?.[1]) return { kind: 'name', id: name[1], raw: word };
  return null;
}

export function groupRef(word: string): GroupRef | null {
  const slack = /^<!subteam\^([A-Z0-9]+)(?:\|[^<>]*)?>$/.exec(word);
  if (slack?.[1]) return { kind: 'slack_group', id: slack[1], raw: word };
  const role = /^<@&(\d{15,21})>$/.exec(word);
  if (role?.[1]) return { kind: 'discord_role', id: role[1], raw: word };
  return null;
}
