/**
 * "Cancel meeting" (`mcancel:<bookingId>`), after Slack's confirm dialog: cancels through the
 * `cancelBooking` use case (organiser or participants only; the booking is looked up in the clicking
 * workspace's tenant, so a button naming another tenant's booking cancels nothing). The calendar events
 * are deleted by the outbox, the others told by DM, the booking's thread hears it. The meeting's
 * message becomes "Cancelled by X"; from an ephemeral list (`/meet cancel`) the list item is replaced
 * and the recorded meeting message is rewritten too.
 */
import { t } from '../../../app/i18n/index.ts';
import { cancelBooking } from '../../../app/manage-booking.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { manageDeps, parseBookingAction, updateBookingMessage } from '../manage.ts';
import { errorCode, knownOrResolve } from '../people.ts';
import { ACTIONS, renderCancelled, renderText } from '../render.ts';
import { beginAction } from './begin-action.ts';
import type { ActionArgs } from './book-slot.ts';

export async function cancelBookingAction(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { channelId } = start;
  const { body, action, client, respond } = args;
  const locale = start.value.l;
  const privately = start.say;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return privately(NOT_INSTALLED[locale]);
  const bookingId = parseBookingAction(action.action_id, ACTIONS.manageCancel);
  if (!bookingId) return privately(t(locale, 'chat.button.invalidCancel'));
  const actor = await knownOrResolve(rt, client, workspace, body.user.id);
  if (!actor.ok) return privately(t(locale, 'chat.slack.cannotManage'));
  const result = await cancelBooking(manageDeps(rt), {
    tenantId: workspace.tenantId,
    bookingId,
    actorPersonId: actor.person.id,
    now: rt.now(),
    locale,
  });
  if (!result.ok) return privately(result.error.message);
  const message = renderCancelled(result.view.headline, `<@${body.user.id}>`, locale);
  const ts = body.container?.message_ts;
  if (channelId && ts && !body.container?.is_ephemeral) {
    try {
      await client.chat.update({ channel: channelId, ts, ...message });
      return;
    } catch (error) {
      rt.log(`slack: chat.update of the cancellation failed: ${errorCode(error)}`);
    }
  }
  await updateBookingMessage(rt, client, workspace, bookingId, message);
  await respond({ replace_original: true, response_type: 'ephemeral', ...renderText(result.view.headline) });
}
