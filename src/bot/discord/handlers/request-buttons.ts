/**
 * "More times" (`cv1:more:<proposalId>`) and "Cancel" (`cv1:rc:<proposalId>`) under a request's proposals,
 * after the inline DEFERRED_UPDATE_MESSAGE (type 6). Ids only: the `requests` use cases read the stored
 * request in this server's workspace (a proposal of another server is unknown), decide who may click
 * (organiser or participants for more times, the organiser alone to cancel) and change it. This handler
 * renders the outcome: the clicked message is replaced, a refusal is told privately.
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import { render } from '../../../app/i18n/index.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, replyPrivately, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { renderCancelledRequest, renderProposals, textMessage } from '../render.ts';

export async function handleRequestButton(
  env: HandlerEnv,
  interaction: APIMessageComponentInteraction,
  target: { op: 'more' | 'cancel'; proposalId: string },
): Promise<void> {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  if (!ctx)
    return void (await replyPrivately(env, interaction, userId, textMessage(messages('en').notInGuild)));
  const { requests } = env.deps;
  if (!requests)
    return void (await replyPrivately(
      env,
      interaction,
      ctx.userId,
      textMessage(messages(ctx.locale).unknownAction),
    ));
  const scope = {
    tenantId: ctx.workspace.tenantId,
    workspaceId: ctx.workspace.id,
    proposalId: target.proposalId,
  };
  if (target.op === 'cancel') {
    const result = await requests.cancel({ ...scope, actorPersonId: ctx.person.id });
    if (!result.ok)
      return void (await replyPrivately(
        env,
        interaction,
        ctx.userId,
        textMessage(render(ctx.locale, result.message)),
      ));
    await editOrFallback(
      env,
      interaction,
      ctx,
      renderCancelledRequest(result.title, `<@${ctx.userId}>`, ctx.locale),
      {
        publicFallback: true,
      },
    );
    return;
  }
  const result = await requests.moreTimes({
    ...scope,
    actorPersonId: ctx.person.id,
    now: env.clock(),
    locale: ctx.locale,
  });
  if (!result.ok)
    return void (await replyPrivately(env, interaction, ctx.userId, textMessage(result.error.message)));
  const sent = await editOrFallback(env, interaction, ctx, renderProposals(result.view), {
    publicFallback: true,
  });
  if (sent.messageId && (sent.route === 'original' || sent.route === 'channel'))
    await requests.recordMessage({
      tenantId: scope.tenantId,
      requestId: result.view.requestId,
      proposalId: result.view.proposalId,
      message: { channelId: ctx.channelId, messageId: sent.messageId },
    });
}
