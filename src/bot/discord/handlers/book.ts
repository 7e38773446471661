/**
 * A click on a proposed slot (after the inline DEFERRED_UPDATE_MESSAGE, type 6): books through the same
 * use case as Slack and replaces the proposals with the confirmation by editing the clicked message
 * through the click's own token (so a click long after `/meet` — its token long dead — still works).
 *
 * Tenant isolation: the proposal must belong to this guild's workspace; anything else is refused
 * without touching it. If this click's token dies while booking (over 15 minutes), the confirmation is
 * posted in the channel with the bot token (or DMed if the bot cannot post there).
 *
 * A click taken over from a replica that stopped after answering it (`takenOver`, ../inbox.ts) that finds
 * the slot booked is confirmed as booked ("Booked: …", bookMeeting's `rerun`), not "Already booked": the
 * booking may be the stopped run's, made before it could confirm it. Nothing is booked or counted twice.
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import { presentUseCases } from '../../../app/use-cases.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, replyPrivately, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { renderBooking, renderBookingError, textMessage } from '../render.ts';

export async function handleBookClick(
  env: HandlerEnv,
  interaction: APIMessageComponentInteraction,
  target: { proposalId: string; slotId: string },
  options: { takenOver?: boolean } = {},
): Promise<void> {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  if (!ctx) {
    await replyPrivately(env, interaction, userId, textMessage(messages('en').notInGuild));
    return;
  }
  const m = messages(ctx.locale);
  const { store } = env.deps;
  const tenantId = ctx.workspace.tenantId;
  const proposal = await store.requests.getProposal(tenantId, target.proposalId);
  const request = proposal ? await store.requests.get(tenantId, proposal.requestId) : null;
  if (!proposal || !request || request.workspaceId !== ctx.workspace.id) {
    env.log(`discord: refused a click on a proposal outside guild ${ctx.guildId}`);
    await replyPrivately(env, interaction, ctx.userId, textMessage(m.otherGuild));
    return;
  }
  const result = await env.deps.meetings.book({
    tenantId,
    proposalId: proposal.id,
    slotId: target.slotId,
    actorPersonId: ctx.person.id,
    now: env.clock(),
    locale: ctx.locale,
    ...(options.takenOver ? { rerun: true } : {}),
  });
  if (!result.ok) {
    await replyPrivately(env, interaction, ctx.userId, renderBookingError(result.error, proposal.id));
    return;
  }
  const body = renderBooking(result.view);
  const sent = await editOrFallback(env, interaction, ctx, body, { publicFallback: true });
  if (sent.route === 'channel' && interaction.message) {
    // The token died: strip the buttons from the proposals with the bot token (best effort).
    try {
      await env.api.editMessage(interaction.message.channel_id, interaction.message.id, {
        content: interaction.message.content,
        components: [],
      });
    } catch (error) {
      env.log(
        `discord: could not remove the proposal buttons (${(error as { code?: string }).code ?? 'error'})`,
      );
    }
  }
  await (env.deps.requests ?? presentUseCases({ store })).confirmationShown({
    tenantId,
    actorPersonId: ctx.person.id,
    actor: `discord:${ctx.userId}`,
    bookingId: result.view.bookingId,
    via: sent.route,
    alreadyBooked: result.view.alreadyBooked,
  });
}
