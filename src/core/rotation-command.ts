/**
 * `/meet team …` (English) or `/meet équipe …` (French): the admin and standings commands of team
 * rotations, parsed from chat text into a plain value. Pure; the language of the reply is the language
 * of the command.
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
 *   team pause <team> @member [until YYYY-MM-DD]     team resume <team> @member
 *   team bind <team> @group (Slack user group / Discord role)     team unbind <team>
 *   team admins | team grant @person… | team revoke @person…   (Convene admins, granted by chat admins)
 */
import type { FairnessPeriod } from './rotation.ts';

export type TeamMode = 'round_robin' | 'collective';
export type CommandLocale = 'en' | 'fr';

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
  | { readonly op: 'pause'; readonly team: string; readonly member: MemberRef; readonly until: string | null }
  | { readonly op: 'resume'; readonly team: string; readonly member: MemberRef }
  | { readonly op: 'bind'; readonly team: string; readonly group: GroupRef }
  | { readonly op: 'unbind'; readonly team: string };

export type TeamCommandOp = TeamCommand['op'];

export type ParsedTeamCommand =
  | { readonly ok: true; readonly locale: CommandLocale; readonly command: TeamCommand }
  | { readonly ok: false; readonly locale: CommandLocale; readonly message: string };

const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const OPS: Record<string, TeamCommandOp> = {
  help: 'help',
  aide: 'help',
  list: 'list',
  liste: 'list',
  lister: 'list',
  standings: 'standings',
  classement: 'standings',
  create: 'create',
  creer: 'create',
  rename: 'rename',
  renommer: 'rename',
  delete: 'delete',
  supprimer: 'delete',
  add: 'add',
  ajouter: 'add',
  remove: 'remove',
  retirer: 'remove',
  weight: 'weight',
  poids: 'weight',
  priority: 'priority',
  priorite: 'priority',
  mode: 'mode',
  window: 'window',
  fenetre: 'window',
  pause: 'pause',
  resume: 'resume',
  reprendre: 'resume',
  bind: 'bind',
  lier: 'bind',
  admins: 'admins',
  administrateurs: 'admins',
  grant: 'grant',
  accorder: 'grant',
  revoke: 'revoke',
  revoquer: 'revoke',
  unbind: 'unbind',
  delier: 'unbind',
};

const MODES: Record<string, TeamMode> = {
  'round-robin': 'round_robin',
  round_robin: 'round_robin',
  roundrobin: 'round_robin',
  rr: 'round_robin',
  tournant: 'round_robin',
  'a-tour-de-role': 'round_robin',
  collective: 'collective',
  collectif: 'collective',
};

const WINDOWS: Record<string, FairnessPeriod> = {
  day: 'day',
  jour: 'day',
  week: 'week',
  semaine: 'week',
  month: 'month',
  mois: 'month',
};

const TEAM_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,39}$/u;

/** Null when the text is not a team command (it does not start with `team` / `équipe`). */
export function parseTeamCommand(text: string): ParsedTeamCommand | null {
  const tokens = text.trim().split(/\s+/u).filter(Boolean);
  const head = fold(tokens[0] ?? '');
  if (head !== 'team' && head !== 'teams' && head !== 'equipe' && head !== 'equipes') return null;
  const locale: CommandLocale = head.startsWith('equipe') ? 'fr' : 'en';
  const t = (en: string, fr: string) => (locale === 'fr' ? fr : en);
  const fail = (en: string, fr: string): ParsedTeamCommand => ({ ok: false, locale, message: t(en, fr) });
  const usage = (en: string, fr: string) => fail(`Usage: /meet team ${en}`, `Syntaxe : /meet équipe ${fr}`);
  const ok = (command: TeamCommand): ParsedTeamCommand => ({ ok: true, locale, command });

  const opWord = tokens[1];
  if (opWord === undefined) return ok({ op: 'help' });
  const op = OPS[fold(opWord)];
  if (op === undefined)
    return fail(
      `Unknown team command “${opWord}”: try /meet team help.`,
      `Commande d'équipe inconnue « ${opWord} » : essayez /meet équipe aide.`,
    );
  if (op === 'help' || op === 'list' || op === 'admins') return ok({ op });
  const rest = tokens.slice(2);
  if (op === 'grant' || op === 'revoke') {
    const members = rest.map(memberRef);
    if (members.length === 0 || members.some((m) => m === null))
      return usage(`${opWord} @person…`, `${opWord} @personne…`);
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
  if (rawTeam === undefined || !TEAM_NAME.test(stripAt(rawTeam)))
    return rawTeam === undefined
      ? fail(
          `Name the team: /meet team ${opWord} <team> …`,
          `Nommez l'équipe : /meet équipe ${opWord} <équipe> …`,
        )
      : fail(
          `“${rawTeam}” is not a valid team name: letters, digits, - _ . (up to 40), no spaces.`,
          `« ${rawTeam} » n'est pas un nom d'équipe valide : lettres, chiffres, - _ . (40 au plus), sans espace.`,
        );
  const team = stripAt(rawTeam);
  const args = rest.slice(1);

  switch (op) {
    case 'create': {
      let mode: TeamMode | undefined;
      let window: FairnessPeriod | undefined;
      for (const arg of args) {
        const word = fold(arg);
        if (MODES[word]) mode = MODES[word];
        else if (WINDOWS[word]) window = WINDOWS[word];
        else
          return usage(
            'create <team> [round-robin|collective] [day|week|month]',
            'créer <équipe> [tournant|collectif] [jour|semaine|mois]',
          );
      }
      return ok({ op, team, ...(mode ? { mode } : {}), ...(window ? { window } : {}) });
    }
    case 'rename': {
      const name = args[0];
      if (args.length !== 1 || name === undefined || !TEAM_NAME.test(stripAt(name)))
        return usage('rename <team> <new name>', 'renommer <équipe> <nouveau nom>');
      return ok({ op, team, name: stripAt(name) });
    }
    case 'delete':
    case 'unbind':
      if (args.length > 0) return usage(`${opWord} <team>`, `${opWord} <équipe>`);
      return ok({ op, team });
    case 'add':
    case 'remove': {
      const members: MemberRef[] = [];
      let weight: number | undefined;
      let priority: number | undefined;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i] as string;
        const word = fold(arg);
        if (op === 'add' && (OPS[word] === 'weight' || OPS[word] === 'priority')) {
          const value = integer(args[i + 1]);
          if (value === null || (OPS[word] === 'weight' && value < 0))
            return usage(
              'add <team> @member… [weight N] [priority N]',
              'ajouter <équipe> @membre… [poids N] [priorité N]',
            );
          if (OPS[word] === 'weight') weight = value;
          else priority = value;
          i++;
          continue;
        }
        const member = memberRef(arg);
        if (!member)
          return op === 'add'
            ? usage(
                'add <team> @member… [weight N] [priority N]',
                'ajouter <équipe> @membre… [poids N] [priorité N]',
              )
            : usage('remove <team> @member…', 'retirer <équipe> @membre…');
        members.push(member);
      }
      if (members.length === 0) return fail('Mention at least one member.', 'Mentionnez au moins un membre.');
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
      if (!member || value === null || args.length !== 2 || (op === 'weight' && value < 0))
        return op === 'weight'
          ? usage('weight <team> @member N (N ≥ 0)', 'poids <équipe> @membre N (N ≥ 0)')
          : usage('priority <team> @member N', 'priorité <équipe> @membre N');
      return ok({ op, team, member, value });
    }
    case 'mode': {
      const mode = args.length === 1 ? MODES[fold(args[0] as string)] : undefined;
      if (!mode) return usage('mode <team> round-robin|collective', 'mode <équipe> tournant|collectif');
      return ok({ op, team, mode });
    }
    case 'window': {
      const window = args.length === 1 ? WINDOWS[fold(args[0] as string)] : undefined;
      if (!window) return usage('window <team> day|week|month', 'fenêtre <équipe> jour|semaine|mois');
      return ok({ op, team, window });
    }
    case 'pause': {
      const member = args[0] === undefined ? null : memberRef(args[0]);
      const untilWords = args.slice(1).map(fold);
      let until: string | null = null;
      if (untilWords.length > 0) {
        const date = untilWords[untilWords.length - 1] as string;
        const lead = untilWords.slice(0, -1).join(' ');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !['until', "jusqu'au", 'jusquau', 'au', ''].includes(lead))
          return usage(
            'pause <team> @member [until YYYY-MM-DD]',
            "pause <équipe> @membre [jusqu'au AAAA-MM-JJ]",
          );
        until = date;
      }
      if (!member)
        return usage(
          'pause <team> @member [until YYYY-MM-DD]',
          "pause <équipe> @membre [jusqu'au AAAA-MM-JJ]",
        );
      return ok({ op, team, member, until });
    }
    case 'resume': {
      const member = args.length === 1 ? memberRef(args[0] as string) : null;
      if (!member) return usage('resume <team> @member', 'reprendre <équipe> @membre');
      return ok({ op, team, member });
    }
    case 'bind': {
      const group = args.length === 1 ? groupRef(args[0] as string) : null;
      if (!group)
        return usage(
          'bind <team> @user-group (Slack) or @role (Discord)',
          'lier <équipe> @groupe (Slack) ou @rôle (Discord)',
        );
      return ok({ op, team, group });
    }
  }
  return fail(
    'Unknown team command: try /meet team help.',
    "Commande d'équipe inconnue : essayez /meet équipe aide.",
  );
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
