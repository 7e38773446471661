/**
 * A new time picked (`mto:<bookingId>:<start>`): moves the SAME booking through `rescheduleBooking`
 * (live re-check, the database guard, `calendar.update` jobs that update the recorded provider events
 * in place, reminders moved, the others told by DM, the thread told). The meeting's message shows the
 * new time in every viewer's zone; the private list of times is replaced by the outcome. A lost race
 * (`slot_taken`) says so. The booking is looked up in the clicking workspace's tenant only, and the
 * clicker must be the organiser or a participant: a tampered id changes nothing.
 */
import { t } from '../../../app/i18n/index.ts';
import { describeBooking, rescheduleBooking } from '../../../app/manage-booking.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { manageDeps, parseMoveAction, updateBookingMessage } from '../manage.ts';
import { errorCode, knownOrResolve } from '../people.ts';
import { renderMoved, renderText } from '../render.ts';
import { beginAction } from './begin-action.ts';
import type { ActionArgs } from './book-slot.ts';

export async function reschedulePick(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { channelId } = start;
  const { body, action, client, respond } = args;
  const locale = start.value.l;
  const privately = start.say;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return privately(NOT_INSTALLED[locale]);
  const move = parseMoveAction(action.action_id);
  const actor = move ? await knownOrResolve(rt, client, workspace, body.user.id) : null;
  if (!move || !actor?.ok) return privately(t(locale, 'chat.button.invalidReschedule'));
  const result = await rescheduleBooking(manageDeps(rt), {
    tenantId: workspace.tenantId,
    bookingId: move.bookingId,
    actorPersonId: actor.person.id,
    now: rt.now(),
    newStart: move.start,
    locale,
  });
  if (!result.ok) return privately(result.error.message);
  const booking = await rt.deps.store.bookings.get(workspace.tenantId, move.bookingId);
  if (booking) {
    const summary = await describeBooking(rt.deps.store, booking, locale);
    const message = renderMoved(summary, result.view.headline, `<@${body.user.id}>`);
    const ts = body.container?.message_ts;
    if (channelId && ts && !body.container?.is_ephemeral) {
      try {
        await client.chat.update({ channel: channelId, ts, ...message });
        return;
      } catch (error) {
        rt.log(`slack: chat.update of the new time failed: ${errorCode(error)}`);
      }
    }
    await updateBookingMessage(rt, client, workspace, move.bookingId, message);
  }
  await respond({ replace_original: true, response_type: 'ephemeral', ...renderText(result.view.headline) });
}
