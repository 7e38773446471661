/**
 * "More times" (`more:<proposalId>`): the organiser or a participant asks for more slots. The request
 * is run again with more proposals (same text, same organiser), the old proposal is superseded, and the
 * original message is rewritten with the longer list.
 */
import { requestMeeting } from '../../../app/request-meeting.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { errorCode, knownOrResolve } from '../people.ts';
import { ACTIONS, renderProposals, renderQuestion } from '../render.ts';
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
  const proposal = await store.requests.getProposal(workspace.tenantId, proposalId);
  const request = proposal ? await store.requests.get(workspace.tenantId, proposal.requestId) : null;
  if (!proposal || !request || !value.t)
    return privately(
      fr
        ? "Cette proposition n'existe plus : refaites la demande avec /meet."
        : 'This proposal no longer exists: ask again with /meet.',
    );
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  const allowed = [request.requesterId, ...request.participants.map((p) => p.personId)];
  if (!actor.ok || !allowed.includes(actor.person.id))
    return privately(
      fr
        ? "Seuls l'organisateur et les participants de cette réunion peuvent demander d'autres horaires."
        : 'Only the organiser or a participant of this meeting can ask for more times.',
    );
  if (proposal.status !== 'open')
    return privately(fr ? 'Cette proposition est close.' : 'This proposal is closed.');
  const prefs = await store.preferences.get(workspace.tenantId, request.requesterId);
  const result = await requestMeeting(
    {
      store,
      busy: rt.deps.busy,
      proposalCount: Math.min((value.n ?? 5) + 5, 40),
      ...(rt.deps.directory ? { directory: rt.deps.directory } : {}),
      ...(rt.deps.store.rotations ? { rotations: rt.deps.store.rotations } : {}),
      ...(rt.deps.store.questions ? { questions: rt.deps.store.questions } : {}),
    },
    {
      tenantId: workspace.tenantId,
      workspaceId: workspace.id,
      requesterPersonId: request.requesterId,
      text: value.t,
      now: rt.now(),
      zone: prefs?.timeZone ?? 'UTC',
      locale: value.l,
      message: request.message,
    },
  );
  if (!result.ok) {
    const { pending } = result.error;
    // A request that needed an answer asks again, with buttons.
    if (pending) return start.privately(renderQuestion(result.error.message, pending, result.error.locale));
    return privately(result.error.message);
  }
  await store.requests.setProposalStatus(workspace.tenantId, proposal.id, 'superseded');
  await store.requests.setStatus(workspace.tenantId, request.id, 'cancelled');
  const message = renderProposals(result.view, value.t);
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
