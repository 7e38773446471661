/**
 * "More times" (`more:<proposalId>`): the organiser or a participant asks for more slots. The button
 * carries the proposal id only; the `moreTimes` use case answers from the stored request (never from
 * text in the button), and the original message is rewritten with the longer list.
 */
import { moreTimes as moreTimesUseCase } from '../../../app/more-times.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { errorCode, knownOrResolve } from '../people.ts';
import { ACTIONS, renderProposals } from '../render.ts';
import { beginAction } from './begin-action.ts';
import type { ActionArgs } from './book-slot.ts';

export async function moreTimes(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { channelId } = start;
  const { body, action, client, respond } = args;
  const { value } = start;
  const fr = value.l === 'fr';
  const privately = start.say;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return privately(NOT_INSTALLED[value.l]);
  const proposalId = action.action_id.slice(`${ACTIONS.more}:`.length);
  const { store } = rt.deps;
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!actor.ok)
    return privately(
      fr
        ? "Seuls l'organisateur et les participants de cette réunion peuvent demander d'autres horaires."
        : 'Only the organiser or a participant of this meeting can ask for more times.',
    );
  const result = await moreTimesUseCase(
    {
      store,
      busy: rt.deps.busy,
      ...(rt.deps.directory ? { directory: rt.deps.directory } : {}),
      ...(rt.deps.limits ? { limits: rt.deps.limits } : {}),
      ...(store.rotations ? { rotations: store.rotations } : {}),
    },
    {
      tenantId: workspace.tenantId,
      workspaceId: workspace.id,
      proposalId,
      actorPersonId: actor.person.id,
      now: rt.now(),
      locale: value.l,
    },
  );
  if (!result.ok) return privately(result.error.message);
  const message = renderProposals(result.view);
  const ts = body.container?.message_ts;
  if (channelId && ts && !body.container?.is_ephemeral) {
    try {
      await client.chat.update({ channel: channelId, ts, text: message.text, blocks: message.blocks });
      const ref = { channelId, messageId: ts };
      await store.requests.setMessage(workspace.tenantId, result.view.requestId, ref);
      await store.requests.setProposalMessage(workspace.tenantId, result.view.proposalId, ref);
      return;
    } catch (error) {
      rt.log(`slack: chat.update with more times failed: ${errorCode(error)}`);
    }
  }
  await respond({ replace_original: true, response_type: 'in_channel', ...message });
}
