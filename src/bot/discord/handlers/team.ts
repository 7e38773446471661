/**
 * `/meet team …` (ephemeral): team rotations from Discord. Changes need Manage Server (or Administrator)
 * in the channel's permissions; the options become the text of `/meet team …` and go through the same
 * use case as Slack (`deps.teams`: admin check, audit log), answered in the user's client language.
 */
import type { APIChatInputApplicationCommandInteraction, APIUser } from 'discord-api-types/v10';
import { t } from '../../../app/i18n/index.ts';
import type { Person } from '../../../app/ports/store.ts';
import { renderTeamResult } from '../../../app/rotations.ts';
import { TEAM_SUBCOMMANDS } from '../commands.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, isServerManager, resolveContext, upsertUser } from '../context.ts';
import { messages } from '../messages.ts';
import { textMessage } from '../render.ts';

interface RawOption {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly value?: unknown;
  readonly options?: unknown;
}

/** The subcommand inside the `team` group and its option values. */
export function teamOptions(
  interaction: APIChatInputApplicationCommandInteraction,
): { sub: string; values: Map<string, string | number> } | null {
  const top = (interaction.data?.options ?? []) as readonly RawOption[];
  const group = top[0];
  if (group?.name !== 'team' || !Array.isArray(group.options)) return null;
  const sub = (group.options as readonly RawOption[])[0];
  if (!sub || typeof sub.name !== 'string') return null;
  const values = new Map<string, string | number>();
  for (const option of Array.isArray(sub.options) ? (sub.options as readonly RawOption[]) : []) {
    if (typeof option.name !== 'string') continue;
    if (typeof option.value === 'string' || typeof option.value === 'number')
      values.set(option.name, option.value);
  }
  return { sub: sub.name, values };
}

/**
 * The options as `/meet team …` text: the subcommand names are the English command words; the reply's
 * language is passed to the use case separately.
 */
export function teamText(sub: string, values: ReadonlyMap<string, string | number>): string {
  const get = (name: string) => {
    const v = values.get(name);
    return v === undefined ? '' : String(v).trim();
  };
  const user = get('member') ? `<@${get('member')}>` : '';
  const words: string[] = ['team', sub];
  switch (sub) {
    case 'list':
      break;
    case 'create':
      words.push(get('name'), get('mode'), get('window'));
      break;
    case 'rename':
      words.push(get('team'), get('name'));
      break;
    case 'add':
      words.push(get('team'), user);
      if (get('weight')) words.push('weight', get('weight'));
      if (get('priority')) words.push('priority', get('priority'));
      break;
    case 'weight':
    case 'priority':
      words.push(get('team'), user, get('value'));
      break;
    case 'mode':
      words.push(get('team'), get('mode'));
      break;
    case 'window':
      words.push(get('team'), get('window'));
      break;
    case 'series':
      words.push(get('team'), get('series'));
      break;
    case 'pause':
      words.push(get('team'), user);
      if (get('until')) words.push('until', get('until'));
      break;
    case 'bind':
      words.push(get('team'), get('role') ? `<@&${get('role')}>` : '');
      break;
    default:
      // standings, delete, unbind, remove, resume
      words.push(get('team'), user);
  }
  return words.filter(Boolean).join(' ');
}

export async function handleTeam(env: HandlerEnv, interaction: APIChatInputApplicationCommandInteraction) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const locale = ctx?.locale ?? 'en';
  const answer = (content: string) =>
    editOrFallback(env, interaction, { channelId: ctx?.channelId ?? '', userId }, textMessage(content), {
      publicFallback: false,
    });
  if (!ctx) return void (await answer(messages(locale).notInGuild));
  const { teams } = env.deps;
  if (!teams) return void (await answer(t(locale, 'teams.unavailable')));
  const parsed = teamOptions(interaction);
  if (!parsed || !TEAM_SUBCOMMANDS[parsed.sub]) return void (await answer(messages(locale).unknownAction));
  const users = ((interaction.data.resolved as { users?: Record<string, APIUser> } | undefined)?.users ??
    {}) as Record<string, APIUser>;
  const members = (
    interaction.data.resolved as { members?: Record<string, { nick?: string | null }> } | undefined
  )?.members;
  const prefs = await env.deps.store.preferences.get(ctx.workspace.tenantId, ctx.person.id);
  const result = await teams.run({
    tenantId: ctx.workspace.tenantId,
    workspaceId: ctx.workspace.id,
    actor: {
      personId: ctx.person.id,
      label: `discord:${ctx.userId}`,
      isAdmin: isServerManager(ctx.permissions),
    },
    text: teamText(parsed.sub, parsed.values),
    locale,
    now: env.clock(),
    zone: prefs?.timeZone ?? 'UTC',
    resolveMember: async (ref): Promise<Person | null> => {
      if (ref.kind !== 'discord_user') return null;
      const user = users[ref.id];
      if (user && !user.bot) return upsertUser(env, ctx.workspace, user, members?.[ref.id] ?? null);
      return env.deps.store.people.findByIdentity(ctx.workspace.id, ref.id);
    },
  });
  await answer(renderTeamResult(result));
}
