/**
 * `/meet calendars [change:]` (ephemeral): the caller's accounts and calendars by number, or a change
 * (`busy 1.1 1.3`, `write 1.2`) through the calendar-choice use case; worded by calendar-choice-text.ts.
 */
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { chatChoiceText } from '../../../app/calendar-choice-text.ts';
import { t } from '../../../app/i18n/index.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { readOptions, stringOption } from '../options.ts';
import { textMessage } from '../render.ts';

/** Discord markdown: a calendar's name is shown as written, never as formatting. */
export function escDiscord(text: string): string {
  return text.replace(/[\\*_~`|>[\]()#@]/g, (c) => `\\${c}`);
}

export async function handleCalendars(
  env: HandlerEnv,
  interaction: APIChatInputApplicationCommandInteraction,
) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const answer = (content: string) =>
    editOrFallback(env, interaction, { channelId: ctx?.channelId ?? '', userId }, textMessage(content), {
      publicFallback: false,
    });
  if (!ctx) return void (await answer(messages('en').notInGuild));
  const choice = env.deps.calendarChoice;
  if (!choice) return void (await answer(t(ctx.locale, 'common.linkingNotConfigured')));
  const result = await choice.chat({
    tenantId: ctx.workspace.tenantId,
    personId: ctx.person.id,
    text: stringOption(readOptions(interaction.data), 'change') ?? '',
    actor: `discord:${userId}`,
  });
  await answer(chatChoiceText(result, ctx.locale, escDiscord));
}
