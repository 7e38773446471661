/** `/meet unlink [provider:] [account:]` (ephemeral): unlinks the caller's calendars through the linking use case. */
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { accountByWord } from '../../../app/calendar-choice.ts';
import { t } from '../../../app/i18n/index.ts';
import { unlinkCalendars } from '../../../app/unlink-calendars.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { readOptions, stringOption } from '../options.ts';
import { textMessage } from '../render.ts';

export async function handleUnlink(env: HandlerEnv, interaction: APIChatInputApplicationCommandInteraction) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const answer = (content: string) =>
    editOrFallback(env, interaction, { channelId: ctx?.channelId ?? '', userId }, textMessage(content), {
      publicFallback: false,
    });
  if (!ctx) return void (await answer(messages('en').notInGuild));
  const link = env.deps.link;
  if (!link) return void (await answer(t(ctx.locale, 'common.linkingNotConfigured')));
  const options = readOptions(interaction.data);
  const provider = stringOption(options, 'provider');
  // `account:` — one account, by its number in `/meet calendars` (an unknown number unlinks nothing).
  const number = options.values.get('account');
  const connectionId =
    typeof number === 'number'
      ? (accountByWord(
          await env.deps.store.connections.listForPerson(ctx.workspace.tenantId, ctx.person.id),
          String(number),
        ) ?? 'none')
      : null;
  const result = await unlinkCalendars(
    { store: env.deps.store, linking: link },
    {
      tenantId: ctx.workspace.tenantId,
      personId: ctx.person.id,
      ...(connectionId ? { connectionId } : provider ? { provider } : { all: true }),
    },
  );
  const count = result.ok ? result.unlinked.length : 0;
  await answer(t(ctx.locale, 'account.unlink.count', { count }));
}
