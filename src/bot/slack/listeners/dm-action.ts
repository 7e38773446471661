/**
 * A DM button (`convene_dm_action:<action>`, value = the action's value; see `DmAction`): runs the
 * handler registered under `<action>` for the person behind the clicking Slack user in that workspace's
 * tenant, then replaces the DM's buttons with the handler's answer (so a second click cannot run it
 * again). An action nobody registered gets a polite private refusal; the handler checks the rest.
 */
import { t } from '../../../app/i18n/index.ts';
import { tellPrivately, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { errorCode, knownOrResolve } from '../people.ts';
import { ACTIONS, esc, renderText } from '../render.ts';
import type { ActionArgs } from './book-slot.ts';

export function parseDmAction(actionId: string): string | null {
  return new RegExp(`^${ACTIONS.dmAction}:([A-Za-z0-9_.-]{1,24})(?::\\d+)?$`).exec(actionId)?.[1] ?? null;
}

export async function dmAction(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  await args.ack();
  const { body, action, client, respond } = args;
  if (!rt.dedupe.first(`action:${body.user.id}:${action.action_ts}:${action.action_id}`)) return;
  const channelId = body.container?.channel_id ?? body.channel?.id;
  const workspace = await workspaceOf(rt, body.team?.id);
  const actor = workspace ? await knownOrResolve(rt, client, workspace, body.user.id) : null;
  const locale = actor?.ok ? actor.locale : 'en';
  const privately = (text: string) =>
    tellPrivately(
      rt,
      { client, respond, userId: body.user.id, ...(channelId ? { channelId } : {}) },
      renderText(text),
    );
  if (!workspace) return privately(t(locale, 'account.notInstalled'));
  const name = parseDmAction(action.action_id);
  const handler = name ? rt.deps.dmActions?.[name] : undefined;
  if (!handler || !Object.hasOwn(rt.deps.dmActions ?? {}, name ?? ''))
    return privately(t(locale, 'account.dmUnknownAction'));
  if (!actor?.ok) return privately(t(locale, 'account.slackAccountRefused'));
  const answer = await handler({
    tenantId: workspace.tenantId,
    actorPersonId: actor.person.id,
    value: action.value ?? '',
    now: rt.now(),
  });
  // The DM keeps its text; its buttons give way to the answer.
  const kept = (body.message?.blocks ?? []).filter((b) => b.type !== 'actions');
  const blocks = [
    ...kept,
    { type: 'section', text: { type: 'mrkdwn', text: esc(answer.text).slice(0, 3000) } },
  ];
  const ts = body.container?.message_ts;
  if (channelId && ts) {
    try {
      await client.chat.update({
        channel: channelId,
        ts,
        text: `${body.message?.text ?? ''}\n${answer.text}`.trim(),
        blocks,
      });
      return;
    } catch (error) {
      rt.log(`slack: chat.update of the DM failed: ${errorCode(error)}`);
    }
  }
  await respond({ replace_original: true, response_type: 'ephemeral', text: answer.text, blocks });
}
