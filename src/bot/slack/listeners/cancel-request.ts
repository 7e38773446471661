/**
 * "Cancel" (`cancel:<proposalId>`): the `cancel` request use case (organiser only, open proposals only)
 * closes the request; the message says who cancelled it. Any refusal is told privately, worded by the
 * catalogue in the language the button was rendered in.
 */
import { render } from '../../../app/i18n/index.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { requestUseCasesOf } from '../deps.ts';
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
  const privately = start.say;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return privately(NOT_INSTALLED[locale]);
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  const result = await requestUseCasesOf(rt.deps).cancel({
    tenantId: workspace.tenantId,
    workspaceId: workspace.id,
    proposalId: action.action_id.slice(`${ACTIONS.cancel}:`.length),
    actorPersonId: actor.ok ? actor.person.id : null,
  });
  if (!result.ok) return privately(render(locale, result.message));
  const message = renderCancelled(result.title, `<@${body.user.id}>`, locale);
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
