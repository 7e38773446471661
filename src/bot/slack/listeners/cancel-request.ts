/**
 * "Cancel" (`cancel:<proposalId>`): only the organiser may cancel an open request; the proposal is
 * closed and the message says who cancelled it. Anyone else gets a private explanation.
 */
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { errorCode, knownOrResolve } from '../people.ts';
import { ACTIONS, renderCancelled } from '../render.ts';
import { beginAction } from './begin-action.ts';
import type { ActionArgs } from './book-slot.ts';

export async function cancelRequest(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { channelId } = start;
  const { body, action, client, respond } = args;
  const locale = start.value.l;
  const fr = locale === 'fr';
  const privately = start.say;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return privately(NOT_INSTALLED[locale]);
  const { store } = rt.deps;
  const proposal = await store.requests.getProposal(
    workspace.tenantId,
    action.action_id.slice(`${ACTIONS.cancel}:`.length),
  );
  const request = proposal ? await store.requests.get(workspace.tenantId, proposal.requestId) : null;
  if (!proposal || !request)
    return privately(fr ? "Cette proposition n'existe plus." : 'This proposal no longer exists.');
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!actor.ok || actor.person.id !== request.requesterId)
    return privately(
      fr ? "Seul l'organisateur peut annuler cette demande." : 'Only the organiser can cancel this request.',
    );
  if (proposal.status !== 'open')
    return privately(
      proposal.status === 'accepted'
        ? fr
          ? 'Cette réunion est déjà réservée : utilisez son bouton « Annuler la réunion » ou /meet annuler.'
          : 'This meeting is already booked: use its “Cancel meeting” button or /meet cancel.'
        : fr
          ? 'Cette proposition est déjà close.'
          : 'This proposal is already closed.',
    );
  await store.requests.setProposalStatus(workspace.tenantId, proposal.id, 'expired');
  await store.requests.setStatus(workspace.tenantId, request.id, 'cancelled');
  const message = renderCancelled(request.title, `<@${body.user.id}>`, locale);
  const ts = body.container?.message_ts;
  if (channelId && ts && !body.container?.is_ephemeral) {
    try {
      await client.chat.update({ channel: channelId, ts, ...message });
      return;
    } catch (error) {
      rt.log(`slack: chat.update of the cancellation failed: ${errorCode(error)}`);
    }
  }
  await respond({ replace_original: true, response_type: 'in_channel', ...message });
}
