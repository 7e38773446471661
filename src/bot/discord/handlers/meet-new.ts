/**
 * `/meet new request: … with: …` (after the public deferral, type 5).
 *
 * The use case takes free text, so the options become text: user options → `<@id>`, role options and
 * `<@&id>` typed in the request → `<@id>` of each (non-bot) member of the role (from a REST member
 * listing), plus the `request` string. Every mentioned user is created as a person on first sight, with
 * the name Discord gives, so the use case can resolve them. A requester without a stored time zone gets
 * the zone picker (asked once); the request rides along in the picker (see `handlers/zone.ts`).
 */
import type {
  APIChatInputApplicationCommandInteraction,
  APIGuildMember,
  APIInteractionDataResolvedGuildMember,
  APIUser,
} from 'discord-api-types/v10';
import type { Person } from '../../../app/ports/store.ts';
import { precheckRequest } from '../../../app/request/parse.ts';
import type { RequestMeetingResult } from '../../../app/request-meeting.ts';
import type { PresentUseCases } from '../../../app/use-cases.ts';
import { presentUseCases } from '../../../app/use-cases.ts';
import type { Locale } from '../../../app/views.ts';
import { DiscordCallError } from '../api.ts';
import { PARTICIPANT_OPTIONS } from '../commands.ts';
import type { DiscordContext, HandlerEnv } from '../context.ts';
import { editOrFallback, replaceWithPrivateReply, resolveContext, upsertUser } from '../context.ts';
import { messages } from '../messages.ts';
import { readOptions, stringOption } from '../options.ts';
import {
  renderProposals,
  renderQuestion,
  renderRequestError,
  renderZonePicker,
  textMessage,
} from '../render.ts';

const ROLE_MENTION = /<@&(\d{15,25})>/g;

type Built = { ok: true; text: string } | { ok: false; message: string };

export async function handleMeetNew(
  env: HandlerEnv,
  interaction: APIChatInputApplicationCommandInteraction,
  /** The proposals are posted: the interaction's inbox record is done (src/bot/inbox.ts). */
  shown?: () => Promise<void>,
) {
  const ctx = await resolveContext(env, interaction);
  const locale = ctx?.locale ?? 'en';
  const m = messages(locale);
  if (!ctx) {
    await replaceWithPrivateReply(env, interaction, interaction.user?.id ?? '', textMessage(m.notInGuild));
    return;
  }
  const built = await buildRequestText(env, ctx, interaction);
  if (!built.ok) {
    await replaceWithPrivateReply(env, interaction, ctx.userId, textMessage(built.message));
    return;
  }
  const prefs = await env.deps.store.preferences.get(ctx.workspace.tenantId, ctx.person.id);
  if (!prefs) {
    await editOrFallback(env, interaction, ctx, renderZonePicker(locale, ctx.userId, built.text), {
      publicFallback: false,
    });
    return;
  }
  await runRequest(env, interaction, ctx, built.text, prefs.timeZone, shown);
}

/** Runs the use case and replaces the deferred (or picker) message with the proposals. */
export async function runRequest(
  env: HandlerEnv,
  interaction: { token: string },
  ctx: DiscordContext,
  text: string,
  zone: string,
  shown?: () => Promise<void>,
): Promise<void> {
  const tenantId = ctx.workspace.tenantId;
  const result = await env.deps.meetings.request({
    tenantId,
    workspaceId: ctx.workspace.id,
    requesterPersonId: ctx.person.id,
    text,
    now: env.clock(),
    zone,
    locale: ctx.locale,
    message: { channelId: ctx.channelId, messageId: null },
  });
  await postResult(env, interaction, ctx, result, shown);
}

/**
 * Replaces the deferred message (or the clicked question) with the proposals, or with a question and its
 * answer buttons (`needs_answer`); other failures are told privately.
 */
export async function postResult(
  env: HandlerEnv,
  interaction: { token: string },
  ctx: DiscordContext,
  result: RequestMeetingResult,
  /** The proposals are posted: the interaction's inbox record is done (src/bot/inbox.ts). */
  shown?: () => Promise<void>,
): Promise<void> {
  const tenantId = ctx.workspace.tenantId;
  if (!result.ok) {
    const { pending } = result.error;
    if (pending) {
      // Asked, not guessed: the buttons answer for the requester only (others are refused politely).
      await editOrFallback(env, interaction, ctx, renderQuestion(result.error.message, pending), {
        publicFallback: true,
      });
      return;
    }
    await replaceWithPrivateReply(env, interaction, ctx.userId, renderRequestError(result.error));
    // No slot: the people without a calendar (named in the message) still get their link by DM.
    await presenter(env).nudgeUnlinked(nudger(env, ctx, ctx.locale), {
      tenantId,
      gaps: result.error.gaps ?? [],
      exceptPersonId: ctx.person.id,
    });
    return;
  }
  const view = result.view;
  await presenter(env).present(
    {
      async post(shown) {
        const sent = await editOrFallback(env, interaction, ctx, renderProposals(shown), {
          publicFallback: true,
        });
        return sent.messageId && (sent.route === 'original' || sent.route === 'channel')
          ? { channelId: ctx.channelId, messageId: sent.messageId }
          : null;
      },
      nudge: nudger(env, ctx, view.locale).nudge,
      ...(shown ? { shown } : {}),
    },
    { tenantId, view, exceptPersonId: ctx.person.id },
  );
}

/** The `requests` use cases (bound by compose), else the presentation steps bound to the adapter's store. */
function presenter(env: HandlerEnv): PresentUseCases {
  return env.deps.requests ?? presentUseCases({ store: env.deps.store });
}

/** People without a linked calendar get one DM suggesting `/meet link` (50007 is fine: the organiser sees the gap). */
function nudger(
  env: HandlerEnv,
  ctx: DiscordContext,
  lang: Locale,
): { nudge(person: Person): Promise<void> } {
  return {
    async nudge(person) {
      const identity = person.identities.find(
        (i) => i.platform === 'discord' && i.workspaceId === ctx.workspace.id,
      );
      if (!identity) return;
      try {
        await env.api.sendDm(
          identity.externalUserId,
          textMessage(messages(lang).dmNotice(ctx.person.displayName)),
        );
      } catch (error) {
        if (!(error instanceof DiscordCallError)) throw error;
        env.log(`discord: could not DM a participant without a calendar (${error.code})`);
      }
    },
  };
}

/** Options → the free text the parser reads, with roles expanded to their members. */
export async function buildRequestText(
  env: HandlerEnv,
  ctx: DiscordContext,
  interaction: APIChatInputApplicationCommandInteraction,
): Promise<Built> {
  const m = messages(ctx.locale);
  const options = readOptions(interaction.data);
  const request = (stringOption(options, 'request') ?? '').trim();
  const resolved = interaction.data.resolved ?? {};
  const users = (resolved as { users?: Record<string, APIUser> }).users ?? {};
  const members =
    (resolved as { members?: Record<string, APIInteractionDataResolvedGuildMember> }).members ?? {};
  const roles = (resolved as { roles?: Record<string, { id: string; name: string }> }).roles ?? {};

  const userIds: string[] = [];
  const roleIds: string[] = [];
  for (const name of PARTICIPANT_OPTIONS) {
    const id = stringOption(options, name);
    if (!id) continue;
    if (roles[id]) roleIds.push(id);
    else if (users[id]) userIds.push(id);
  }
  for (const match of request.matchAll(ROLE_MENTION)) if (match[1]) roleIds.push(match[1]);
  if (!request && userIds.length === 0 && roleIds.length === 0) return { ok: false, message: m.requestEmpty };
  // The work budget before any Discord call or write: the text and the people it names, counted as typed.
  const refused = precheckRequest(request, {
    locale: ctx.locale,
    maxParticipants: env.maxParticipants,
    extraIds: userIds,
  });
  if (refused) return { ok: false, message: refused.message };

  // Users given as options (or mentioned in the text and resolved by Discord): known to Convene from now on.
  for (const [id, user] of Object.entries(users)) {
    if (user.bot) continue;
    await upsertUser(env, ctx.workspace, user, members[id] ?? null);
  }

  // Roles bound to a Convene team stay as `<@&id>`: the use case books the team (round-robin or collective).
  const teamRoles = new Set<string>();
  const rotations = env.deps.store.rotations;
  if (rotations)
    for (const id of new Set(roleIds))
      if (await rotations.findTeam(ctx.workspace.tenantId, { groupRef: id })) teamRoles.add(id);
  const expanded = new Map<string, string[]>();
  for (const id of teamRoles) expanded.set(id, [`<@&${id}>`]);
  if (roleIds.some((id) => !teamRoles.has(id))) {
    let all: APIGuildMember[];
    try {
      all = await env.api.listMembers(ctx.guildId);
    } catch (error) {
      if (error instanceof DiscordCallError && (error.code === 'missing_access' || error.status === 403))
        return { ok: false, message: m.membersUnavailable };
      throw error;
    }
    const people = new Set(userIds);
    const toUpsert: APIGuildMember[] = [];
    for (const roleId of new Set(roleIds.filter((id) => !teamRoles.has(id)))) {
      const label = roles[roleId] ? `@${roles[roleId].name}` : `<@&${roleId}>`;
      const inRole = all.filter((member) => member.user && !member.user.bot && member.roles.includes(roleId));
      if (inRole.length === 0) return { ok: false, message: m.roleEmpty(label) };
      if (inRole.length > env.maxRoleMembers)
        return { ok: false, message: m.roleTooBig(label, inRole.length) };
      for (const member of inRole) if (member.user.id !== ctx.userId) people.add(member.user.id);
      // Roles expanded: the people counted again before anyone is stored (no DMs beyond the budget).
      if (people.size > env.maxParticipants) {
        const tooMany = precheckRequest('', {
          locale: ctx.locale,
          maxParticipants: env.maxParticipants,
          extraIds: [...people],
        });
        if (tooMany) return { ok: false, message: tooMany.message };
      }
      toUpsert.push(...inRole);
      expanded.set(
        roleId,
        inRole.filter((member) => member.user.id !== ctx.userId).map((member) => `<@${member.user.id}>`),
      );
    }
    for (const member of toUpsert) await upsertUser(env, ctx.workspace, member.user, member);
  }
  const text = request.replace(ROLE_MENTION, (_all, id: string) => (expanded.get(id) ?? []).join(' '));
  const extra = [
    ...userIds.filter((id) => !users[id]?.bot).map((id) => `<@${id}>`),
    ...roleIds.filter((id) => !request.includes(`<@&${id}>`)).flatMap((id) => expanded.get(id) ?? []),
  ];
  return { ok: true, text: [text, ...extra].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim() };
}
