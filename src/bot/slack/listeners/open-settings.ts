/** The "Open settings" button (Home tab, or the fallback after an expired `trigger_id`): opens the modal. */

import { isLocale } from '../../../core/locale.ts';
import { openSettings, settingsView } from '../commands/settings.ts';
import { tellPrivately, workspaceOf } from '../common.ts';
import { accountOf, type SlackRuntime } from '../deps.ts';
import { knownOrResolve } from '../people.ts';
import type { ActionArgs } from './book-slot.ts';

export async function openSettingsAction(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  await args.ack();
  const { body, action, client, respond } = args;
  if (!rt.dedupe.first(`action:${body.user.id}:${action.action_ts}:${action.action_id}`)) return;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace || !body.trigger_id) return;
  const me = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!me.ok) return;
  const locale = isLocale(action.value) ? action.value : me.locale;
  const prefs = await accountOf(rt.deps).preferences({
    tenantId: workspace.tenantId,
    personId: me.person.id,
  });
  const opened = await openSettings(
    rt,
    client,
    body.trigger_id,
    settingsView(prefs, me.zone, locale),
    locale,
  );
  const channelId = body.container?.channel_id ?? body.channel?.id;
  if (!opened.ok)
    await tellPrivately(
      rt,
      { client, respond, userId: body.user.id, ...(channelId ? { channelId } : {}) },
      opened.fallback,
    );
}
