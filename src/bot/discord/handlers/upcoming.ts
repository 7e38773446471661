/**
 * `/meet cancel` / `/meet reschedule` (ephemeral): the caller's next Convene meetings, each with the
 * "Reschedule" and "Cancel meeting" buttons of the confirmation.
 */
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { t } from '../../../app/i18n/index.ts';
import { describeBooking, upcomingBookings } from '../../../app/manage-booking.ts';
import { seriesChoices } from '../../../app/manage-series.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { renderUpcoming, textMessage } from '../render.ts';

export async function handleUpcoming(
  env: HandlerEnv,
  interaction: APIChatInputApplicationCommandInteraction,
  mode: 'cancel' | 'reschedule',
): Promise<void> {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const m = messages(ctx?.locale ?? 'en');
  const answer = (body: ReturnType<typeof textMessage>) =>
    editOrFallback(env, interaction, { channelId: ctx?.channelId ?? '', userId }, body, {
      publicFallback: false,
    });
  if (!ctx) return void (await answer(textMessage(m.notInGuild)));
  const { bookings } = env.deps.store;
  if (!bookings || !env.deps.manage) return void (await answer(textMessage(m.unknownAction)));
  // A series is listed at its next occurrence, also once its first one has passed.
  const list = await upcomingBookings(
    { ...env.deps.store, bookings },
    ctx.workspace.tenantId,
    ctx.person.id,
    env.clock(),
    5,
  );
  if (list.length === 0) return void (await answer(textMessage(t(ctx.locale, 'account.upcoming.none'))));
  const now = env.clock();
  const zone =
    (await env.deps.store.preferences.get(ctx.workspace.tenantId, ctx.person.id))?.timeZone ?? 'UTC';
  const views = await Promise.all(
    list.map(async (b) => ({
      ...(await describeBooking(env.deps.store, b, ctx.locale, b.next)),
      // A series (when its use cases are wired): "Move / Cancel <date> only", "End the series after <date>",
      // and in /meet reschedule "Move <date> and following".
      series: env.deps.series
        ? await seriesChoices(env.deps.store, b, now, zone, ctx.locale, ctx.person.id)
        : null,
    })),
  );
  await answer(renderUpcoming(t(ctx.locale, `account.upcoming.${mode}`), views, ctx.locale, mode));
}
