/**
 * "Reschedule" (`mresched:<bookingId>`): new times for the same people and duration (the
 * `rescheduleOptions` use case: the meeting's own time is not busy), privately to the clicker, one
 * button each (`mto:<bookingId>:<start>`). Organiser or participants only; the booking is looked up in
 * the clicking workspace's tenant.
 */
import { rescheduleOptions } from '../../../app/manage-booking.ts';
import { NOT_INSTALLED, tellPrivately, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { manageDeps, parseBookingAction } from '../manage.ts';
import { knownOrResolve } from '../people.ts';
import { ACTIONS, decodeValue, renderRescheduleOptions, renderText } from '../render.ts';
import type { ActionArgs } from './book-slot.ts';

export async function rescheduleBookingAction(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  await args.ack();
  const { body, action, client, respond } = args;
  if (!rt.dedupe.first(`action:${body.user.id}:${action.action_ts}:${action.action_id}`)) return;
  const { l: locale } = decodeValue(action.value);
  const channelId = body.container?.channel_id ?? body.channel?.id;
  const privately = (message: { text: string; blocks?: readonly Record<string, unknown>[] }) =>
    tellPrivately(
      rt,
      { client, respond, userId: body.user.id, ...(channelId ? { channelId } : {}) },
      message,
    );
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return privately(renderText(NOT_INSTALLED[locale]));
  const bookingId = parseBookingAction(action.action_id, ACTIONS.manageReschedule);
  const actor = bookingId ? await knownOrResolve(rt, client, workspace, body.user.id) : null;
  if (!bookingId || !actor?.ok)
    return privately(
      renderText(
        locale === 'fr'
          ? 'Ce bouton est invalide : utilisez /meet replanifier.'
          : 'This button is not valid: use /meet reschedule.',
      ),
    );
  const result = await rescheduleOptions(manageDeps(rt), {
    tenantId: workspace.tenantId,
    bookingId,
    actorPersonId: actor.person.id,
    now: rt.now(),
    locale,
  });
  if (!result.ok) return privately(renderText(result.error.message));
  return privately(renderRescheduleOptions(result.view));
}
