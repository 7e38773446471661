/**
 * "Reschedule" (`cv1:mr:<bookingId>`): new times for the same people and duration (the meeting's own
 * time not busy), privately, one button each (`cv1:mt:<bookingId>:<start>`). Organiser or participants
 * only; the booking is looked up in this server's tenant.
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import type { HandlerEnv } from '../context.ts';
import { replyPrivately, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { renderRescheduleOptions, textMessage } from '../render.ts';

export async function handleRescheduleBooking(
  env: HandlerEnv,
  interaction: APIMessageComponentInteraction,
  target: { bookingId: string },
): Promise<void> {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  if (!ctx)
    return void (await replyPrivately(env, interaction, userId, textMessage(messages('en').notInGuild)));
  const { manage } = env.deps;
  if (!manage)
    return void (await replyPrivately(
      env,
      interaction,
      ctx.userId,
      textMessage(messages(ctx.locale).unknownAction),
    ));
  const result = await manage.options({
    tenantId: ctx.workspace.tenantId,
    bookingId: target.bookingId,
    actorPersonId: ctx.person.id,
    now: env.clock(),
    locale: ctx.locale,
  });
  await replyPrivately(
    env,
    interaction,
    ctx.userId,
    result.ok ? renderRescheduleOptions(result.view) : textMessage(result.error.message),
  );
}
