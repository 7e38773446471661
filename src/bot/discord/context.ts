/**
 * What every handler gets (`HandlerEnv`) and the helpers they share: who is asking (guild → workspace
 * and tenant, user → person, created on first sight), and how to answer after the deferral with
 * fallbacks when the 15-minute interaction token is dead.
 */
import type { APIGuildMember, APIInteraction, APIUser } from 'discord-api-types/v10';
import type { Person, Workspace } from '../../app/ports/store.ts';
import type { Locale } from '../../app/views.ts';
import { toLocale } from '../../app/views.ts';
import type { DiscordApi, DiscordMessageBody } from './api.ts';
import { DiscordCallError } from './api.ts';
import type { DiscordAdapterDeps } from './deps.ts';
import { accountOf } from './deps.ts';
import { EPHEMERAL } from './render.ts';

export interface HandlerEnv {
  readonly deps: DiscordAdapterDeps;
  readonly api: DiscordApi;
  readonly clock: () => number;
  readonly log: (line: string) => void;
  /** Shared tenant of the guilds in `tenantGuilds`; other guilds are refused (see `guildAllowed`). */
  readonly tenantId?: string;
  readonly tenantGuilds?: ReadonlySet<string>;
  readonly maxRoleMembers: number;
  /** Most people one request may name (`CONVENE_MAX_PARTICIPANTS`). */
  readonly maxParticipants: number;
}

/** Without a shared tenant every guild is served (its own tenant); with one, only the listed guilds. */
export function guildAllowed(env: Pick<HandlerEnv, 'tenantId' | 'tenantGuilds'>, guildId: string): boolean {
  return !env.tenantId || (env.tenantGuilds?.has(guildId) ?? false);
}

export interface DiscordContext {
  readonly workspace: Workspace;
  readonly person: Person;
  readonly userId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly locale: Locale;
  /** `member.permissions` of the caller in this channel. */
  readonly permissions: bigint;
}

/** The Manage Server (MANAGE_GUILD) permission bit. */
export const MANAGE_GUILD = 1n << 5n;
/** Administrator implies every permission. */
export const ADMINISTRATOR = 1n << 3n;

export function isServerManager(permissions: bigint): boolean {
  return (permissions & (MANAGE_GUILD | ADMINISTRATOR)) !== 0n;
}

export function localeOf(interaction: { locale?: string; guild_locale?: string }): Locale {
  return toLocale(interaction.locale ?? interaction.guild_locale);
}

export function displayName(user: APIUser, member?: Pick<APIGuildMember, 'nick'> | null): string {
  return member?.nick || user.global_name || user.username;
}

/** Null outside a guild (DMs): Convene works per server. */
export async function resolveContext(
  env: HandlerEnv,
  interaction: APIInteraction,
): Promise<DiscordContext | null> {
  const guildId = interaction.guild_id;
  const member = interaction.member;
  if (!guildId || !member || !guildAllowed(env, guildId)) return null;
  const workspace = await accountOf(env.deps).workspace({
    platform: 'discord',
    externalId: guildId,
    name: `Discord server ${guildId}`,
    ...(env.tenantId ? { tenantId: env.tenantId } : {}),
  });
  const person = await upsertUser(env, workspace, member.user, member);
  if (!person) return null;
  let permissions = 0n;
  try {
    permissions = BigInt(member.permissions ?? '0');
  } catch {
    permissions = 0n;
  }
  return {
    workspace,
    person,
    userId: member.user.id,
    guildId,
    channelId: interaction.channel?.id ?? interaction.channel_id ?? '',
    locale: localeOf(interaction),
    permissions,
  };
}

export async function upsertUser(
  env: HandlerEnv,
  workspace: Workspace,
  user: APIUser,
  member?: Pick<APIGuildMember, 'nick'> | null,
): Promise<Person | null> {
  return accountOf(env.deps).syncPerson({
    profile: {
      workspaceId: workspace.id,
      externalUserId: user.id,
      displayName: displayName(user, member),
      handle: user.username,
    },
  });
}

export type DeliveryRoute = 'original' | 'followup' | 'channel' | 'dm' | 'none';

function withoutFlags(body: DiscordMessageBody): DiscordMessageBody {
  const { flags: _flags, ...rest } = body;
  return rest;
}

/**
 * Replaces the deferred message (or the clicked message, for components). When the interaction token is
 * dead (the work outlived its 15 minutes), a PUBLIC body is posted in the channel with the bot token
 * (`publicFallback`), else — or if the bot cannot post there — it goes to the user by DM.
 */
export async function editOrFallback(
  env: HandlerEnv,
  interaction: { token: string },
  ctx: { channelId: string; userId: string },
  body: DiscordMessageBody,
  options: { publicFallback: boolean; fallbackPrefix?: string },
): Promise<{ route: DeliveryRoute; messageId: string | null }> {
  try {
    const message = await env.api.editOriginal(interaction.token, withoutFlags(body));
    return { route: 'original', messageId: message.id };
  } catch (error) {
    if (!(error instanceof DiscordCallError) || error.code !== 'token_expired') throw error;
    env.log(`discord: interaction token expired, delivering by ${options.publicFallback ? 'channel' : 'DM'}`);
  }
  const late: DiscordMessageBody = withoutFlags(
    options.fallbackPrefix ? { ...body, content: `${options.fallbackPrefix}\n${body.content ?? ''}` } : body,
  );
  if (options.publicFallback && ctx.channelId) {
    try {
      const message = await env.api.sendMessage(ctx.channelId, late);
      return { route: 'channel', messageId: message.id };
    } catch (error) {
      if (!(error instanceof DiscordCallError) || error.code !== 'missing_access') throw error;
      env.log('discord: cannot post in the channel (missing access), delivering by DM');
    }
  }
  return sendDmQuietly(env, ctx.userId, late);
}

/** An ephemeral follow-up; by DM when the token is dead. */
export async function replyPrivately(
  env: HandlerEnv,
  interaction: { token: string },
  userId: string,
  body: DiscordMessageBody,
): Promise<DeliveryRoute> {
  try {
    await env.api.followUp(interaction.token, { ...body, flags: EPHEMERAL });
    return 'followup';
  } catch (error) {
    if (!(error instanceof DiscordCallError) || error.code !== 'token_expired') throw error;
  }
  return (await sendDmQuietly(env, userId, withoutFlags(body))).route;
}

/** Drops the public "thinking…" message of a deferral and answers privately instead (errors). */
export async function replaceWithPrivateReply(
  env: HandlerEnv,
  interaction: { token: string },
  userId: string,
  body: DiscordMessageBody,
): Promise<DeliveryRoute> {
  try {
    await env.api.deleteOriginal(interaction.token);
  } catch (error) {
    if (!(error instanceof DiscordCallError)) throw error;
  }
  return replyPrivately(env, interaction, userId, body);
}

async function sendDmQuietly(
  env: HandlerEnv,
  userId: string,
  body: DiscordMessageBody,
): Promise<{ route: DeliveryRoute; messageId: string | null }> {
  try {
    const message = await env.api.sendDm(userId, body);
    return { route: 'dm', messageId: message.id };
  } catch (error) {
    if (
      error instanceof DiscordCallError &&
      (error.code === 'cannot_dm' || error.code === 'missing_access')
    ) {
      env.log(`discord: could not deliver to the user at all (${error.code})`);
      return { route: 'none', messageId: null };
    }
    throw error;
  }
}
