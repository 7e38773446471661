/** `/meet status` (ephemeral): the caller's zone, language and calendars with their health. */
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { statusLines } from '../../../app/account-command.ts';
import { calendarsText } from '../../../app/calendar-choice-text.ts';
import { t } from '../../../app/i18n/index.ts';
import { CALENDAR_NAMES } from '../../../app/preferences.ts';
import { syncedAgo } from '../../../app/views.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, resolveContext } from '../context.ts';
import { accountOf } from '../deps.ts';
import { messages } from '../messages.ts';
import { textMessage } from '../render.ts';
import { escDiscord } from './calendars.ts';

export async function handleStatus(env: HandlerEnv, interaction: APIChatInputApplicationCommandInteraction) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const answer = (content: string) =>
    editOrFallback(env, interaction, { channelId: ctx?.channelId ?? '', userId }, textMessage(content), {
      publicFallback: false,
    });
  if (!ctx) return void (await answer(messages('en').notInGuild));
  const { locale } = ctx;
  const status = await accountOf(env.deps).status({
    tenantId: ctx.workspace.tenantId,
    personId: ctx.person.id,
  });
  const lines = statusLines(status, locale);
  if (status.connections.length === 0) lines.push(t(locale, 'account.status.none'));
  const now = env.clock();
  for (const c of status.connections)
    lines.push(
      `${t(locale, 'account.status.calendar', { label: CALENDAR_NAMES[c.provider], account: c.account, status: c.status })}, ${syncedAgo(c.lastSyncAt, now, locale)}`,
    );
  // Then the accounts' calendars by number, and how to change them (`/meet calendars`).
  const list = await env.deps.calendarChoice?.list({
    tenantId: ctx.workspace.tenantId,
    personId: ctx.person.id,
  });
  if (list && list.accounts.length > 0) lines.push('', calendarsText(list, locale, escDiscord));
  await answer(lines.join('\n'));
}
