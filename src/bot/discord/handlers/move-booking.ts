/**
 * A new time picked (`cv1:mt:<bookingId>:<start>`): moves the SAME booking through `rescheduleBooking`
 * (live re-check, the database guard, the recorded provider events updated in place by the outbox,
 * reminders moved, the others DMed, the thread told). The meeting's message shows the new time in every
 * participant's zone; the private list of times gives way to the outcome. A lost race (`slot_taken`)
 * is said privately and the list stays. Forged ids change nothing (tenant and clicker checked).
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import { describeBooking } from '../../../app/manage-booking.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, replyPrivately, resolveContext } from '../context.ts';
import { updateMeetingMessage } from '../manage.ts';
import { messages } from '../messages.ts';
import { renderMovedMeeting, textMessage } from '../render.ts';

export async function handleMoveBooking(
  env: HandlerEnv,
  interaction: APIMessageComponentInteraction,
  target: { bookingId: string; start: number },
): Promise<void> {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  if (!ctx)
    return void (await replyPrivately(env, interaction, userId, textMessage(messages('en').notInGuild)));
  const { manage } = env.deps;
  const { bookings } = env.deps.store;
  if (!manage || !bookings)
    return void (await replyPrivately(
      env,
      interaction,
      ctx.userId,
      textMessage(messages(ctx.locale).unknownAction),
    ));
  const tenantId = ctx.workspace.tenantId;
  const result = await manage.reschedule({
    tenantId,
    bookingId: target.bookingId,
    actorPersonId: ctx.person.id,
    now: env.clock(),
    newStart: target.start,
    locale: ctx.locale,
  });
  if (!result.ok)
    return void (await replyPrivately(env, interaction, ctx.userId, textMessage(result.error.message)));
  const booking = await bookings.get(tenantId, target.bookingId);
  if (booking) {
    const view = await describeBooking(env.deps.store, booking, ctx.locale);
    await updateMeetingMessage(
      env,
      tenantId,
      booking.id,
      renderMovedMeeting(view, result.view.headline, `<@${ctx.userId}>`),
    );
  }
  await editOrFallback(env, interaction, ctx, textMessage(result.view.headline), { publicFallback: false });
}
