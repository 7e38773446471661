/** `/meet status` (ephemeral): the caller's zone, language and calendars with their health. */
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { syncedAgo } from '../../../app/views.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { textMessage } from '../render.ts';

const LABELS = {
  google: 'Google Calendar',
  microsoft: 'Microsoft 365',
  caldav: 'CalDAV',
  ics: 'ICS',
} as const;

export async function handleStatus(env: HandlerEnv, interaction: APIChatInputApplicationCommandInteraction) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const m = messages(ctx?.locale ?? 'en');
  const answer = (content: string) =>
    editOrFallback(env, interaction, { channelId: ctx?.channelId ?? '', userId }, textMessage(content), {
      publicFallback: false,
    });
  if (!ctx) return void (await answer(m.notInGuild));
  const tenantId = ctx.workspace.tenantId;
  const [prefs, connections] = await Promise.all([
    env.deps.store.preferences.get(tenantId, ctx.person.id),
    env.deps.store.connections.listForPerson(tenantId, ctx.person.id),
  ]);
  const lines = [
    m.statusZone(prefs?.timeZone ?? null),
    m.statusLanguage(prefs?.locale ?? ctx.locale),
    m.statusTentative(prefs?.tentativeFree === true),
  ];
  if (connections.length === 0) lines.push(m.statusNone);
  const now = env.clock();
  for (const c of connections)
    lines.push(
      `${m.statusCalendar(LABELS[c.provider], c.account, c.status)}, ${syncedAgo(c.lastSyncAt, now, ctx.locale)}`,
    );
  await answer(m.status(lines));
}
