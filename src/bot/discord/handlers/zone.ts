/**
 * The "ask once" time-zone select (after DEFERRED_UPDATE_MESSAGE, type 6): stores the zone (keeping
 * language and working hours), then runs the request that was waiting in the picker and replaces the
 * picker with the proposals. Only the person who typed the request may answer it.
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import { render, t } from '../../../app/i18n/index.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, replyPrivately, resolveContext } from '../context.ts';
import { accountOf } from '../deps.ts';
import { messages } from '../messages.ts';
import { type PickerMessage, pendingRequestOf, textMessage } from '../render.ts';
import { runRequest } from './meet-new.ts';

export async function handleZoneSelect(env: HandlerEnv, interaction: APIMessageComponentInteraction) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  if (!ctx) {
    await replyPrivately(env, interaction, userId, textMessage(messages('en').notInGuild));
    return;
  }
  const m = messages(ctx.locale);
  const pending = pendingRequestOf(interaction.message as PickerMessage | undefined);
  if (pending.requesterUserId !== ctx.userId) {
    await replyPrivately(env, interaction, ctx.userId, textMessage(m.notYourPrompt));
    return;
  }
  const values = (interaction.data as { values?: unknown }).values;
  const zone = Array.isArray(values) && typeof values[0] === 'string' ? values[0] : '';
  // Only the zone changes: the stored language and working hours are kept.
  const saved = await accountOf(env.deps).savePreferences({
    tenantId: ctx.workspace.tenantId,
    personId: ctx.person.id,
    change: { timeZone: zone },
    defaults: { locale: ctx.locale },
  });
  if (!saved.ok) {
    const problems = saved.problems.map((p) => render(ctx.locale, p.message)).join('\n');
    await replyPrivately(env, interaction, ctx.userId, textMessage(problems));
    return;
  }
  if (!pending.text) {
    await editOrFallback(
      env,
      interaction,
      ctx,
      textMessage(t(ctx.locale, 'account.preferences.zoneSaved', { zone })),
      {
        publicFallback: false,
      },
    );
    return;
  }
  await runRequest(env, interaction, ctx, pending.text, zone);
}
