/**
 * "More times" (`more:<proposalId>`): the organiser or a participant asks for more slots. The button
 * carries the proposal id only; the `moreTimes` use case answers from the stored request (never from
 * text in the button), and the original message is rewritten with the longer list (its place recorded
 * by the `recordMessage` use case).
 */
import { t } from '../../../app/i18n/index.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { requestUseCasesOf } from '../deps.ts';
import { errorCode, knownOrResolve } from '../people.ts';
import { ACTIONS, renderProposals } from '../render.ts';
import { beginAction } from './begin-action.ts';
import type { ActionArgs } from './book-slot.ts';

export async function moreTimes(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { channelId } = start;
  const { body, action, client, respond } = args;
  const locale = start.value.l;
  const privately = start.say;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return privately(NOT_INSTALLED[locale]);
  const proposalId = action.action_id.slice(`${ACTIONS.more}:`.length);
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!actor.ok) return privately(t(locale, 'chat.moreTimes.notAllowed'));
  const requests = requestUseCasesOf(rt.deps);
  const result = await requests.moreTimes({
    tenantId: workspace.tenantId,
    workspaceId: workspace.id,
    proposalId,
    actorPersonId: actor.person.id,
    now: rt.now(),
    locale,
  });
  if (!result.ok) return privately(result.error.message);
  const message = renderProposals(result.view);
  const ts = body.container?.message_ts;
  if (channelId && ts && !body.container?.is_ephemeral) {
    try {
      await client.chat.update({ channel: channelId, ts, text: message.text, blocks: message.blocks });
      await requests.recordMessage({
        tenantId: workspace.tenantId,
        requestId: result.view.requestId,
        proposalId: result.view.proposalId,
        message: { channelId, messageId: ts },
      });
      return;
    } catch (error) {
      rt.log(`slack: chat.update with more times failed: ${errorCode(error)}`);
    }
  }
  await respond({ replace_original: true, response_type: 'in_channel', ...message });
}
