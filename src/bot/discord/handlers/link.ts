/**
 * `/meet link provider:` (after an ephemeral deferral): the link goes by DM (`POST /users/@me/channels`
 * then a message with a link button). When the user does not accept DMs (50007), the ephemeral answer
 * carries the link instead — only they can see it.
 */
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { t } from '../../../app/i18n/index.ts';
import { PROVIDER_LABELS } from '../../../app/link-calendar.ts';
import { DiscordCallError } from '../api.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { readOptions, stringOption } from '../options.ts';
import { linkButtonRow, textMessage } from '../render.ts';

export async function handleLink(env: HandlerEnv, interaction: APIChatInputApplicationCommandInteraction) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const locale = ctx?.locale ?? 'en';
  const button = t(locale, 'account.link.button');
  const answer = (content: string, link?: string) =>
    editOrFallback(
      env,
      interaction,
      { channelId: ctx?.channelId ?? '', userId },
      { ...textMessage(content), ...(link ? { components: [linkButtonRow(button, link)] } : {}) },
      { publicFallback: false },
    );
  if (!ctx) return void (await answer(messages('en').notInGuild));
  const page = env.deps.linkPage;
  if (page) {
    // Convene's link page offers every calendar kind the server supports (the provider option is moot).
    const started = await page.startLink({
      tenantId: ctx.workspace.tenantId,
      personId: ctx.person.id,
      chatIdentity: { workspaceId: ctx.workspace.id, externalUserId: ctx.userId },
    });
    if (!started.ok) return void (await answer(t(locale, 'common.linkingNotConfigured')));
    const pageButton = t(locale, 'link.chat.button');
    try {
      await env.api.sendDm(ctx.userId, {
        ...textMessage(t(locale, 'link.chat.dm')),
        components: [linkButtonRow(pageButton, started.url)],
      });
      await answer(t(locale, 'link.chat.sent'));
    } catch (error) {
      if (!(error instanceof DiscordCallError) || error.code !== 'cannot_dm') throw error;
      await editOrFallback(
        env,
        interaction,
        { channelId: ctx.channelId, userId },
        {
          ...textMessage(t(locale, 'link.chat.fallback')),
          components: [linkButtonRow(pageButton, started.url)],
        },
        { publicFallback: false },
      );
    }
    return;
  }
  if (!env.deps.link) return void (await answer(t(locale, 'common.linkingNotConfigured')));
  const provider = stringOption(readOptions(interaction.data), 'provider');
  if (provider !== 'google' && provider !== 'microsoft')
    return void (await answer(t(locale, 'common.linkingNotConfigured')));
  const label = PROVIDER_LABELS[provider];
  const started = await env.deps.link.startLink({
    tenantId: ctx.workspace.tenantId,
    personId: ctx.person.id,
    chatIdentity: { workspaceId: ctx.workspace.id, externalUserId: ctx.userId },
    provider,
  });
  if (!started.ok) return void (await answer(started.message));
  try {
    await env.api.sendDm(ctx.userId, {
      ...textMessage(t(locale, 'account.link.dmText', { provider: label })),
      components: [linkButtonRow(button, started.url)],
    });
    await answer(t(locale, 'account.link.dm', { provider: label }));
  } catch (error) {
    if (!(error instanceof DiscordCallError) || error.code !== 'cannot_dm') throw error;
    await answer(t(locale, 'account.link.fallback', { provider: label }), started.url);
  }
}
