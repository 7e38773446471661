/**
 * An answer button (`cv1:ask:<questionId>:<choice>`, after the inline DEFERRED_UPDATE_MESSAGE, type 6):
 * the requester picks what Convene asked about (which zone `IST` means). The button carries ids only;
 * the request is read back in this guild's tenant and run again with the answer (`answerQuestion`), and
 * the question message becomes the proposals. Anyone else, a second click or an expired question gets a
 * private message; the question is left as it is.
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import type { HandlerEnv } from '../context.ts';
import { replyPrivately, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { textMessage } from '../render.ts';
import { postResult } from './meet-new.ts';

export async function handleAnswerClick(
  env: HandlerEnv,
  interaction: APIMessageComponentInteraction,
  target: { questionId: string; choice: number },
): Promise<void> {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  if (!ctx) {
    await replyPrivately(env, interaction, userId, textMessage(messages('en').notInGuild));
    return;
  }
  const answer = env.deps.meetings.answer;
  if (!answer) {
    await replyPrivately(env, interaction, ctx.userId, textMessage(messages(ctx.locale).unknownAction));
    return;
  }
  const answered = await answer({
    tenantId: ctx.workspace.tenantId,
    questionId: target.questionId,
    choice: target.choice,
    actorPersonId: ctx.person.id,
    now: env.clock(),
    locale: ctx.locale,
  });
  if (!answered.ok) {
    await replyPrivately(
      env,
      interaction,
      ctx.userId,
      textMessage(answered.refused.message, { ephemeral: true }),
    );
    return;
  }
  // The proposals go where the request was typed (the question's message is this one, edited).
  const channelId = answered.question.message.channelId || ctx.channelId;
  await postResult(env, interaction, { ...ctx, channelId }, answered.result);
}
