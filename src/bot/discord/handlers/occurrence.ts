/**
 * "Cancel <date> only" (`cv1:oc:<bookingId>:<start>`) and "End the series after <date>"
 * (`cv1:oe:<bookingId>:<start>`) under a series in `/meet cancel`: through the `cancelOccurrence` /
 * `endSeries` use cases, which look the booking up in this server's tenant (a forged id changes nothing),
 * re-check the clicker (organiser or participant) and that the start is one of the series' future
 * occurrences. The calendars change through the outbox; the others are DMed by the use case. The private
 * list gives way to the outcome; the meeting's message stays (the series goes on).
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, replyPrivately, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { textMessage } from '../render.ts';

export async function handleOccurrence(
  env: HandlerEnv,
  interaction: APIMessageComponentInteraction,
  target: { op: 'cancel' | 'end'; bookingId: string; occurrence: number },
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
  const result = await (target.op === 'cancel' ? series.cancelOccurrence(input) : series.endSeries(input));
  if (!result.ok)
    return void (await replyPrivately(env, interaction, ctx.userId, textMessage(result.error.message)));
  await editOrFallback(env, interaction, ctx, textMessage(result.view.headline), { publicFallback: false });
}
