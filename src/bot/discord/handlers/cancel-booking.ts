/**
 * "Cancel meeting" (`cv1:mc:<bookingId>`) asks privately for a confirmation (`cv1:mcy:<bookingId>`);
 * the confirmation cancels through the `cancelBooking` use case (organiser or participants only, the
 * booking looked up in this server's tenant: a forged id cancels nothing). The meeting's message becomes
 * "Cancelled by X", the confirmation step says what happened; the outbox deletes the calendar events,
 * the others are DMed and the meeting's thread told (by the use case).
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import { manageableBooking } from '../../../app/manage-booking.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, replyPrivately, resolveContext } from '../context.ts';
import { updateMeetingMessage } from '../manage.ts';
import { messages } from '../messages.ts';
import { renderCancelConfirm, renderCancelledMeeting, textMessage } from '../render.ts';

export async function handleCancelBooking(
  env: HandlerEnv,
  interaction: APIMessageComponentInteraction,
  target: { op: 'cancel' | 'confirm'; bookingId: string },
): Promise<void> {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  if (!ctx)
    return void (await replyPrivately(env, interaction, userId, textMessage(messages('en').notInGuild)));
  const m = messages(ctx.locale);
  const { manage } = env.deps;
  const { bookings } = env.deps.store;
  if (!manage || !bookings)
    return void (await replyPrivately(env, interaction, ctx.userId, textMessage(m.unknownAction)));
  const input = {
    tenantId: ctx.workspace.tenantId,
    bookingId: target.bookingId,
    actorPersonId: ctx.person.id,
    now: env.clock(),
    locale: ctx.locale,
  };
  if (target.op === 'cancel') {
    const allowed = await manageableBooking({ store: { ...env.deps.store, bookings } }, input);
    const body = allowed.ok
      ? renderCancelConfirm(allowed.booking.id, allowed.booking.title, ctx.locale)
      : textMessage(allowed.error.message);
    return void (await replyPrivately(env, interaction, ctx.userId, body));
  }
  const result = await manage.cancel(input);
  const outcome = result.ok ? result.view.headline : result.error.message;
  if (result.ok)
    await updateMeetingMessage(
      env,
      input.tenantId,
      target.bookingId,
      renderCancelledMeeting(result.view.headline, `<@${ctx.userId}>`, ctx.locale),
    );
  // The private confirmation step (the clicked message) gives way to the outcome: no second click.
  await editOrFallback(env, interaction, ctx, textMessage(outcome), { publicFallback: false });
}
