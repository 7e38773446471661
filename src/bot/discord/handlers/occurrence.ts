/**
 * "Cancel <date> only" (`cv1:oc:<bookingId>:<start>`), "End the series after <date>"
 * (`cv1:oe:<bookingId>:<start>`) and "Move <date> only" (`cv1:om:<bookingId>:<start>`: new times for that
 * occurrence, privately, each a `cv1:ot:<bookingId>:<start>:<new start>` button whose click moves it)
 * under a series in `/meet cancel` and `/meet reschedule`; "Move <date> and following"
 * (`cv1:of:<bookingId>:<start>`, in `/meet reschedule`: new times for it and the later ones, privately,
 * each a `cv1:ft:<bookingId>:<start>:<new start>` button whose click splits the series there): through the
 * `cancelOccurrence` / `endSeries` / `occurrenceMoveOptions` / `moveOccurrence` / `followingMoveOptions` /
 * `moveFollowing` use cases, which look the booking up in this server's tenant (a forged id changes nothing),
 * re-check the clicker (organiser or participant) and that the start is one of the series' future
 * occurrences. The calendars change through the outbox; the others are DMed by the use case. The private
 * list gives way to the outcome; the meeting's message stays (the series goes on).
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, replyPrivately, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import {
  renderFollowingMoveOptions,
  renderOccurrenceMoveOptions,
  renderOccurrenceOutcome,
  textMessage,
} from '../render.ts';

export async function handleOccurrence(
  env: HandlerEnv,
  interaction: APIMessageComponentInteraction,
  target:
    | { op: 'cancel' | 'end' | 'move' | 'moveFollowing'; bookingId: string; occurrence: number }
    | { op: 'to' | 'followingTo'; bookingId: string; occurrence: number; start: number },
): Promise<void> {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  if (!ctx)
    return void (await replyPrivately(env, interaction, userId, textMessage(messages('en').notInGuild)));
  const { series } = env.deps;
  if (!series)
    return void (await replyPrivately(
      env,
      interaction,
      ctx.userId,
      textMessage(messages(ctx.locale).unknownAction),
    ));
  const input = {
    tenantId: ctx.workspace.tenantId,
    bookingId: target.bookingId,
    actorPersonId: ctx.person.id,
    occurrence: target.occurrence,
    now: env.clock(),
    locale: ctx.locale,
  };
  if (target.op === 'move' || target.op === 'moveFollowing') {
    const following = target.op === 'moveFollowing';
    const options = await (following ? series.followingMoveOptions(input) : series.moveOptions(input));
    const render = following ? renderFollowingMoveOptions : renderOccurrenceMoveOptions;
    return void (await replyPrivately(
      env,
      interaction,
      ctx.userId,
      options.ok ? render(options.view) : textMessage(options.error.message),
    ));
  }
  const result = await (target.op === 'to'
    ? series.moveOccurrence({ ...input, newStart: target.start })
    : target.op === 'followingTo'
      ? series.moveFollowing({ ...input, newStart: target.start })
      : target.op === 'cancel'
        ? series.cancelOccurrence(input)
        : series.endSeries(input));
  if (!result.ok)
    return void (await replyPrivately(env, interaction, ctx.userId, textMessage(result.error.message)));
  await editOrFallback(env, interaction, ctx, renderOccurrenceOutcome(result.view), {
    publicFallback: false,
  });
}
