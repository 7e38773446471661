/**
 * Use cases of team rotations.
 *
 * - `runTeamCommand`: `/meet team …` from Slack or Discord. Changes (create/rename/delete, members,
 *   weight, priority, mode, fairness window, pause/resume, chat-group binding) need an admin — decided by
 *   the adapter (Slack: workspace admin/owner; Discord: Manage Server) and passed in `actor.isAdmin` —
 *   and each one is written to the audit log. `list`, `standings` and `help` are open to everyone.
 *   Expected outcomes (refusal, unknown team or member, name taken) are values with an en/fr message.
 * - `pickForSlots`: for a round-robin team, who each proposed slot would book, and why.
 * - `teamContext`: a team's members as the core sees them plus the window's assignment history.
 * - `bookingPeople` / `recordRotationBooking`: for the booking use case — who a round-robin slot books,
 *   and the assignment to record once it is booked.
 */
import { DateTime } from 'luxon';
import type {
  Explanation,
  FairnessWindow,
  MemberChoice,
  NoMemberAvailable,
  RotationMemberState,
  Standing,
} from '../core/rotation.ts';
import { chooseMember, fairnessWindow, formatAmount, standings } from '../core/rotation.ts';
import type { MemberRef, TeamCommand } from '../core/rotation-command.ts';
import { parseTeamCommand } from '../core/rotation-command.ts';
import type {
  AuditLogRepository,
  Person,
  PersonRepository,
  RotationAssignment,
  RotationRepository,
  Team,
  TeamResult,
} from './ports/store.ts';
import type { Locale } from './views.ts';

export interface TeamStore {
  readonly rotations: RotationRepository;
  readonly audit: Pick<AuditLogRepository, 'append'>;
  readonly people: Pick<PersonRepository, 'findByIdentity' | 'get'>;
}

export interface TeamActor {
  /** The acting person, when known. */
  readonly personId: string | null;
  /** For the audit log: `slack:U123`, `discord:123…`. */
  readonly label: string;
  /** Decided by the adapter: Slack workspace admin/owner, Discord Manage Server. */
  readonly isAdmin: boolean;
}

export interface TeamCommandDeps {
  readonly store: TeamStore;
  /**
   * Resolves a member mention to a person (adapters may create the person on first sight). Default:
   * chat mentions by identity in the workspace; `@name` is not resolved.
   */
  readonly resolveMember?: (ref: MemberRef) => Promise<Person | null>;
}

export interface TeamCommandInput {
  readonly tenantId: string;
  readonly workspaceId: string;
  /** Chat admins decide; people they granted Convene admin rights (`team grant`) may change teams too. */
  readonly actor: TeamActor;
  /** The text after `/meet`, starting with `team` / `équipe`. */
  readonly text: string;
  readonly now: number;
  /** The actor's IANA zone: pause dates and new teams' fairness windows use it. */
  readonly zone: string;
}

export type TeamCommandErrorCode =
  | 'not_a_team_command'
  | 'invalid'
  | 'forbidden'
  | 'not_found'
  | 'name_taken'
  | 'group_taken'
  | 'unknown_member'
  | 'not_member';

export interface StandingsView {
  readonly teamId: string;
  readonly teamName: string;
  readonly mode: Team['mode'];
  readonly window: FairnessWindow;
  readonly rows: readonly (Standing & { readonly paused: boolean })[];
}

export type TeamCommandResult =
  | {
      readonly ok: true;
      readonly locale: Locale;
      readonly op: TeamCommand['op'];
      /** Ready to post. */
      readonly message: string;
      readonly team?: Team;
      readonly standings?: StandingsView;
    }
  | {
      readonly ok: false;
      readonly locale: Locale;
      readonly code: TeamCommandErrorCode;
      readonly message: string;
    };

const READ_ONLY = new Set<TeamCommand['op']>(['help', 'list', 'standings', 'admins']);
/** Only chat admins (not Convene admins) grant or revoke Convene admin rights. */
const CHAT_ADMIN_ONLY = new Set<TeamCommand['op']>(['grant', 'revoke']);

export async function runTeamCommand(
  deps: TeamCommandDeps,
  input: TeamCommandInput,
): Promise<TeamCommandResult> {
  const parsed = parseTeamCommand(input.text);
  if (!parsed)
    return {
      ok: false,
      locale: 'en',
      code: 'not_a_team_command',
      message: 'Not a team command: start with /meet team.',
    };
  const locale = parsed.locale;
  const t = (en: string, fr: string) => (locale === 'fr' ? fr : en);
  if (!parsed.ok) return { ok: false, locale, code: 'invalid', message: parsed.message };
  const command = parsed.command;
  const fail = (code: TeamCommandErrorCode, en: string, fr: string): TeamCommandResult => ({
    ok: false,
    locale,
    code,
    message: t(en, fr),
  });
  const done = (
    message: string,
    extra: { team?: Team; standings?: StandingsView } = {},
  ): TeamCommandResult => ({
    ok: true,
    locale,
    op: command.op,
    message,
    ...extra,
  });

  if (CHAT_ADMIN_ONLY.has(command.op) && !input.actor.isAdmin)
    return fail(
      'forbidden',
      'Only workspace admins and owners can grant or revoke Convene admin rights.',
      'Seuls les administrateurs et propriétaires de l’espace peuvent accorder ou retirer les droits d’administration de Convene.',
    );
  const granted =
    !input.actor.isAdmin &&
    input.actor.personId !== null &&
    !READ_ONLY.has(command.op) &&
    (await deps.store.rotations.isConveneAdmin(input.tenantId, input.actor.personId));
  if (!READ_ONLY.has(command.op) && !input.actor.isAdmin && !granted)
    return fail(
      'forbidden',
      'Only workspace admins can change teams (Slack: admins and owners; Discord: Manage Server). You can still use /meet team standings.',
      'Seuls les administrateurs peuvent modifier les équipes (Slack : administrateurs et propriétaires ; Discord : Gérer le serveur). Vous pouvez toujours utiliser /meet équipe classement.',
    );

  const { tenantId } = input;
  const rotations = deps.store.rotations;
  const audit = async (
    action: string,
    team: { id: string; name: string },
    details: Record<string, unknown> = {},
  ) => {
    await deps.store.audit.append({
      tenantId,
      actorId: input.actor.personId,
      actor: input.actor.label,
      action: `team.${action}`,
      target: team.id,
      details: { team: team.name, ...details },
    });
  };
  const noTeam = (name: string) =>
    fail(
      'not_found',
      `There is no team “${name}”: see /meet team list.`,
      `Il n'y a pas d'équipe « ${name} » : voir /meet équipe liste.`,
    );
  const failed = (result: Exclude<TeamResult, { ok: true }>, name: string) => {
    switch (result.reason) {
      case 'not_found':
        return noTeam(name);
      case 'name_taken':
        return fail(
          'name_taken',
          `A team is already called “${name}”: pick another name.`,
          `Une équipe s'appelle déjà « ${name} » : choisissez un autre nom.`,
        );
      case 'group_taken':
        return fail(
          'group_taken',
          'That group is already bound to another team: unbind it there first.',
          "Ce groupe est déjà lié à une autre équipe : déliez-le d'abord.",
        );
      case 'not_member':
        return fail(
          'not_member',
          'That person is not a member of the team.',
          "Cette personne n'est pas membre de l'équipe.",
        );
      case 'unknown_person':
        return fail(
          'unknown_member',
          'That person is not part of this workspace.',
          'Cette personne ne fait pas partie de cet espace.',
        );
    }
  };
  const resolve = async (
    refs: readonly MemberRef[],
  ): Promise<{ ok: true; people: Person[] } | { ok: false; result: TeamCommandResult }> => {
    const people: Person[] = [];
    const unknown: string[] = [];
    for (const ref of refs) {
      const person = deps.resolveMember
        ? await deps.resolveMember(ref)
        : ref.kind === 'name'
          ? null
          : await deps.store.people.findByIdentity(input.workspaceId, ref.id);
      if (person && person.tenantId === tenantId) people.push(person);
      else unknown.push(ref.raw);
    }
    if (unknown.length > 0)
      return {
        ok: false,
        result: fail(
          'unknown_member',
          `I don't know ${unknown.join(', ')}: mention them with a chat mention (type @ and pick from the list).`,
          `Je ne connais pas ${unknown.join(', ')} : mentionnez-les avec la mention du chat (@ puis choisir dans la liste).`,
        ),
      };
    return { ok: true, people };
  };

  if (command.op === 'help') return done(helpText(locale));
  if (command.op === 'admins') {
    const ids = await rotations.listAdmins(tenantId);
    const people = await Promise.all(ids.map((id) => deps.store.people.get(tenantId, id)));
    const names = people.flatMap((p) => (p ? [p.displayName] : []));
    return done(
      names.length === 0
        ? t(
            'No Convene admin granted: workspace admins and owners manage teams.',
            "Aucun administrateur Convene désigné : les administrateurs et propriétaires de l'espace gèrent les équipes.",
          )
        : t(
            `Convene admins (besides workspace admins): ${names.join(', ')}.`,
            `Administrateurs Convene (en plus des administrateurs de l'espace) : ${names.join(', ')}.`,
          ),
    );
  }
  if (command.op === 'grant' || command.op === 'revoke') {
    const resolved = await resolve(command.members);
    if (!resolved.ok) return resolved.result;
    const changed: string[] = [];
    for (const person of resolved.people) {
      const ok =
        command.op === 'grant'
          ? await rotations.grantAdmin(tenantId, person.id, input.actor.personId)
          : await rotations.revokeAdmin(tenantId, person.id);
      if (!ok) continue;
      changed.push(person.displayName);
      await deps.store.audit.append({
        tenantId,
        actorId: input.actor.personId,
        actor: input.actor.label,
        action: `admin.${command.op}`,
        target: person.id,
        details: { name: person.displayName },
      });
    }
    if (changed.length === 0)
      return done(
        command.op === 'grant'
          ? t('Nothing changed.', 'Rien n’a changé.')
          : t('They were not Convene admins.', 'Ces personnes n’étaient pas administrateurs Convene.'),
      );
    return done(
      command.op === 'grant'
        ? t(
            `${changed.join(', ')} can now manage teams.`,
            `${changed.join(', ')} peut maintenant gérer les équipes.`,
          )
        : t(
            `${changed.join(', ')} can no longer manage teams.`,
            `${changed.join(', ')} ne peut plus gérer les équipes.`,
          ),
    );
  }
  if (command.op === 'list') {
    const teams = await rotations.listTeams(tenantId);
    if (teams.length === 0)
      return done(
        t(
          'No team yet: an admin can create one with /meet team create <name>.',
          'Aucune équipe : un administrateur peut en créer une avec /meet équipe créer <nom>.',
        ),
      );
    return done(
      teams
        .map(
          (team) =>
            `• ${team.name} — ${modeLabel(team.mode, locale)}, ${team.members.length} ${t('members', 'membres')}`,
        )
        .join('\n'),
    );
  }
  if (command.op === 'standings') {
    const teams = command.team === null ? await rotations.listTeams(tenantId) : [];
    const team =
      command.team === null
        ? teams.length === 1
          ? teams[0]
          : undefined
        : await rotations.findTeam(tenantId, { name: command.team });
    if (!team)
      return command.team === null
        ? fail(
            'invalid',
            'Name the team: /meet team standings <team>.',
            "Nommez l'équipe : /meet équipe classement <équipe>.",
          )
        : noTeam(command.team);
    const view = await teamStandings(deps.store, tenantId, team, input.now);
    return done(standingsText(view, locale), { team, standings: view });
  }
  if (command.op === 'create') {
    const created = await rotations.createTeam({
      tenantId,
      name: command.team,
      ...(command.mode ? { mode: command.mode } : {}),
      ...(command.window ? { fairnessWindow: command.window } : {}),
      timeZone: input.zone,
    });
    if (!created.ok) return failed(created, command.team);
    await audit('create', created.team, {
      mode: created.team.mode,
      fairnessWindow: created.team.fairnessWindow,
    });
    return done(
      t(
        `Team “${created.team.name}” created (${modeLabel(created.team.mode, locale)}, fairness ${periodLabel(created.team.fairnessWindow, locale)}). Add members with /meet team add ${created.team.name} @someone.`,
        `Équipe « ${created.team.name} » créée (${modeLabel(created.team.mode, locale)}, équité ${periodLabel(created.team.fairnessWindow, locale)}). Ajoutez des membres avec /meet équipe ajouter ${created.team.name} @quelqu'un.`,
      ),
      { team: created.team },
    );
  }

  const team = await rotations.findTeam(tenantId, { name: command.team });
  if (!team) return noTeam(command.team);

  switch (command.op) {
    case 'rename': {
      const result = await rotations.renameTeam(tenantId, team.id, command.name);
      if (!result.ok) return failed(result, command.name);
      await audit('rename', result.team, { from: team.name, to: result.team.name });
      return done(
        t(
          `Team “${team.name}” is now “${result.team.name}”.`,
          `L'équipe « ${team.name} » s'appelle maintenant « ${result.team.name} ».`,
        ),
        {
          team: result.team,
        },
      );
    }
    case 'delete': {
      await rotations.deleteTeam(tenantId, team.id);
      await audit('delete', team, { members: team.members.length });
      return done(t(`Team “${team.name}” deleted.`, `Équipe « ${team.name} » supprimée.`));
    }
    case 'mode':
    case 'window':
    case 'unbind':
    case 'bind': {
      const settings =
        command.op === 'mode'
          ? { mode: command.mode }
          : command.op === 'window'
            ? { fairnessWindow: command.window }
            : { groupRef: command.op === 'bind' ? command.group.id : null };
      const result = await rotations.configureTeam(tenantId, team.id, settings);
      if (!result.ok) return failed(result, team.name);
      await audit(command.op, result.team, settings);
      const message =
        command.op === 'mode'
          ? t(
              `Team “${team.name}” is now ${modeLabel(command.mode, locale)}.`,
              `L'équipe « ${team.name} » est maintenant ${modeLabel(command.mode, locale)}.`,
            )
          : command.op === 'window'
            ? t(
                `Team “${team.name}” now balances bookings ${periodLabel(command.window, locale)}.`,
                `L'équipe « ${team.name} » équilibre maintenant les réservations ${periodLabel(command.window, locale)}.`,
              )
            : command.op === 'bind'
              ? t(
                  `Mentioning ${command.group.raw} in /meet now means team “${team.name}”.`,
                  `Mentionner ${command.group.raw} dans /meet désigne maintenant l'équipe « ${team.name} ».`,
                )
              : t(
                  `Team “${team.name}” is no longer bound to a chat group.`,
                  `L'équipe « ${team.name} » n'est plus liée à un groupe du chat.`,
                );
      return done(message, { team: result.team });
    }
    case 'add': {
      const resolved = await resolve(command.members);
      if (!resolved.ok) return resolved.result;
      let current: Team = team;
      for (const person of resolved.people) {
        const result = await rotations.upsertMember(
          tenantId,
          team.id,
          person.id,
          {
            ...(command.weight !== undefined ? { weight: command.weight } : {}),
            ...(command.priority !== undefined ? { priority: command.priority } : {}),
          },
          input.now,
        );
        if (!result.ok) return failed(result, team.name);
        current = result.team;
        const member = current.members.find((m) => m.personId === person.id);
        await audit('member.add', team, {
          personId: person.id,
          weight: member?.weight,
          priority: member?.priority,
        });
      }
      const names = resolved.people.map((p) => p.displayName).join(', ');
      return done(
        t(
          `${names} added to “${team.name}”. Newcomers start level with the team: they are not flooded with catch-up bookings.`,
          `${names} ${resolved.people.length > 1 ? 'ajoutés' : 'ajouté(e)'} à « ${team.name} ». Les nouveaux partent à égalité avec l'équipe : pas de rattrapage massif.`,
        ),
        { team: current },
      );
    }
    case 'remove': {
      const resolved = await resolve(command.members);
      if (!resolved.ok) return resolved.result;
      let current: Team = team;
      for (const person of resolved.people) {
        const result = await rotations.removeMember(tenantId, team.id, person.id);
        if (!result.ok) return failed(result, team.name);
        current = result.team;
        await audit('member.remove', team, { personId: person.id });
      }
      return done(
        t(
          `${resolved.people.map((p) => p.displayName).join(', ')} removed from “${team.name}”.`,
          `${resolved.people.map((p) => p.displayName).join(', ')} ${resolved.people.length > 1 ? 'retirés' : 'retiré(e)'} de « ${team.name} ».`,
        ),
        { team: current },
      );
    }
    case 'weight':
    case 'priority': {
      const resolved = await resolve([command.member]);
      if (!resolved.ok) return resolved.result;
      const person = resolved.people[0] as Person;
      if (!team.members.some((m) => m.personId === person.id))
        return failed({ ok: false, reason: 'not_member' }, team.name);
      const result = await rotations.upsertMember(
        tenantId,
        team.id,
        person.id,
        { [command.op]: command.value },
        input.now,
      );
      if (!result.ok) return failed(result, team.name);
      await audit(`member.${command.op}`, team, { personId: person.id, [command.op]: command.value });
      return done(
        command.op === 'weight'
          ? t(
              `${person.displayName} now has weight ${command.value} in “${team.name}”.`,
              `${person.displayName} a maintenant le poids ${command.value} dans « ${team.name} ».`,
            )
          : t(
              `${person.displayName} now has priority ${command.value} in “${team.name}”.`,
              `${person.displayName} a maintenant la priorité ${command.value} dans « ${team.name} ».`,
            ),
        { team: result.team },
      );
    }
    case 'pause': {
      const resolved = await resolve([command.member]);
      if (!resolved.ok) return resolved.result;
      const person = resolved.people[0] as Person;
      let until: number | null = null;
      if (command.until !== null) {
        const date = DateTime.fromISO(command.until, { zone: input.zone });
        if (!date.isValid)
          return fail(
            'invalid',
            `“${command.until}” is not a valid date.`,
            `« ${command.until} » n'est pas une date valide.`,
          );
        // Paused through that day: back the morning after.
        until = date.plus({ days: 1 }).startOf('day').toMillis();
        if (until <= input.now)
          return fail('invalid', 'That date is already past.', 'Cette date est déjà passée.');
      }
      const result = await rotations.pauseMember(tenantId, team.id, person.id, input.now, until);
      if (!result.ok) return failed(result, team.name);
      await audit('member.pause', team, { personId: person.id, from: input.now, until });
      return done(
        command.until === null
          ? t(
              `${person.displayName} is paused in “${team.name}” until resumed (/meet team resume ${team.name} @…).`,
              `${person.displayName} est en pause dans « ${team.name} » jusqu'à reprise (/meet équipe reprendre ${team.name} @…).`,
            )
          : t(
              `${person.displayName} is paused in “${team.name}” through ${command.until}; back with a fresh start, not a backlog.`,
              `${person.displayName} est en pause dans « ${team.name} » jusqu'au ${command.until} inclus ; au retour, pas de rattrapage massif.`,
            ),
        { team: result.team },
      );
    }
    case 'resume': {
      const resolved = await resolve([command.member]);
      if (!resolved.ok) return resolved.result;
      const person = resolved.people[0] as Person;
      const result = await rotations.resumeMember(tenantId, team.id, person.id, input.now);
      if (!result.ok) return failed(result, team.name);
      await audit('member.resume', team, { personId: person.id, at: input.now });
      return done(
        t(
          `${person.displayName} is back in “${team.name}”.`,
          `${person.displayName} est de retour dans « ${team.name} ».`,
        ),
        {
          team: result.team,
        },
      );
    }
  }
  return fail(
    'invalid',
    'Unknown team command: try /meet team help.',
    "Commande d'équipe inconnue : essayez /meet équipe aide.",
  );
}

// --- fairness -----------------------------------------------------------------------------------

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
  pick: { rotationId: string; personId: string; explanation: Explanation } | null;
}> {
  const pick = await store.rotations.pickFor(tenantId, proposalId, slotRank);
  if (!pick) return { people: [...people], pick: null };
  const team = await store.rotations.findTeam(tenantId, { id: pick.rotationId });
  const others = new Set((team?.members ?? []).map((m) => m.personId).filter((id) => id !== pick.personId));
  const kept = people.filter((id) => !others.has(id));
  if (!kept.includes(pick.personId)) kept.push(pick.personId);
  return {
    people: kept,
    pick: { rotationId: pick.rotationId, personId: pick.personId, explanation: pick.explanation },
  };
}

/** For the booking use case: counts the booking for the slot's pick (no-op when not round-robin). */
export async function recordRotationBooking(
  store: Pick<TeamStore, 'rotations'>,
  input: { tenantId: string; proposalId: string; slotRank: number; bookingId: string; at: number },
): Promise<boolean> {
  const pick = await store.rotations.pickFor(input.tenantId, input.proposalId, input.slotRank);
  if (!pick) return false;
  return store.rotations.recordAssignment(
    input.tenantId,
    pick.rotationId,
    pick.personId,
    input.at,
    input.bookingId,
  );
}

// --- texts --------------------------------------------------------------------------------------

export function modeLabel(mode: Team['mode'], locale: Locale): string {
  if (mode === 'collective') return locale === 'fr' ? 'collectif (tout le monde)' : 'collective (everyone)';
  return locale === 'fr' ? 'tournant (une personne par réunion)' : 'round-robin (one member per meeting)';
}

export function periodLabel(period: Team['fairnessWindow'], locale: Locale): string {
  const en = { day: 'per day', week: 'per week', month: 'per month' } as const;
  const fr = { day: 'par jour', week: 'par semaine', month: 'par mois' } as const;
  return locale === 'fr' ? fr[period] : en[period];
}

export function standingsText(view: StandingsView, locale: Locale): string {
  const fr = locale === 'fr';
  const period = fr
    ? { day: "aujourd'hui", week: 'cette semaine', month: 'ce mois-ci' }[view.window.period]
    : { day: 'today', week: 'this week', month: 'this month' }[view.window.period];
  const head = fr
    ? `Classement de « ${view.teamName} » ${period}`
    : `Standings of “${view.teamName}” ${period}`;
  if (view.rows.length === 0) return `${head}: ${fr ? 'aucun membre.' : 'no members.'}`;
  const lines = view.rows.map((r) => {
    const gap = formatAmount(Math.abs(r.shortfall));
    const status =
      gap === '0'
        ? fr
          ? "à l'objectif"
          : 'on target'
        : r.shortfall > 0
          ? fr
            ? `${gap} sous l'objectif`
            : `${gap} below target`
          : fr
            ? `${gap} au-dessus`
            : `${gap} above target`;
    const paused = r.paused ? (fr ? ' — en pause' : ' — paused') : '';
    return fr
      ? `• ${r.name} (poids ${r.weight}, priorité ${r.priority}) : ${r.count} réservé${r.count > 1 ? 's' : ''}, objectif ${formatAmount(r.target)}, ${status}${paused}`
      : `• ${r.name} (weight ${r.weight}, priority ${r.priority}): ${r.count} booked, target ${formatAmount(r.target)}, ${status}${paused}`;
  });
  return `${head}${fr ? ' :' : ':'}\n${lines.join('\n')}`;
}

function helpText(locale: Locale): string {
  return locale === 'fr'
    ? [
        'Équipes (administrateurs pour les modifications) :',
        '• /meet équipe liste · /meet équipe classement <équipe>',
        '• /meet équipe créer <équipe> [tournant|collectif] [jour|semaine|mois]',
        '• /meet équipe renommer <équipe> <nom> · /meet équipe supprimer <équipe>',
        '• /meet équipe ajouter|retirer <équipe> @membre… [poids N] [priorité N]',
        '• /meet équipe poids|priorité <équipe> @membre N',
        '• /meet équipe mode <équipe> tournant|collectif · /meet équipe fenêtre <équipe> jour|semaine|mois',
        "• /meet équipe pause <équipe> @membre [jusqu'au AAAA-MM-JJ] · /meet équipe reprendre <équipe> @membre",
        '• /meet équipe lier <équipe> @groupe · /meet équipe délier <équipe>',
        '• /meet équipe administrateurs · /meet équipe accorder|révoquer @personne',
        'Puis : /meet @<équipe> 30m demain',
      ].join('\n')
    : [
        'Teams (changes need an admin):',
        '• /meet team list · /meet team standings <team>',
        '• /meet team create <team> [round-robin|collective] [day|week|month]',
        '• /meet team rename <team> <name> · /meet team delete <team>',
        '• /meet team add|remove <team> @member… [weight N] [priority N]',
        '• /meet team weight|priority <team> @member N',
        '• /meet team mode <team> round-robin|collective · /meet team window <team> day|week|month',
        '• /meet team pause <team> @member [until YYYY-MM-DD] · /meet team resume <team> @member',
        '• /meet team bind <team> @user-group-or-role · /meet team unbind <team>',
        '• /meet team admins · /meet team grant|revoke @person',
        'Then: /meet @<team> 30m tomorrow',
      ].join('\n');
}
