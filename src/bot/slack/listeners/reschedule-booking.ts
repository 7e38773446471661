/**
 * "Reschedule" (`mresched:<bookingId>`): new times for the same people and duration (the
 * `rescheduleOptions` use case: the meeting's own time is not busy), privately to the clicker, one
 * button each (`mto:<bookingId>:<start>`). Organiser or participants only; the booking is looked up in
 * the clicking workspace's tenant.
 */
import { t } from '../../../app/i18n/index.ts';
import { rescheduleOptions } from '../../../app/manage-booking.ts';
import { NOT_INSTALLED, workspaceOf } from '../common.ts';
import type { SlackRuntime } from '../deps.ts';
import { manageDeps, parseBookingAction } from '../manage.ts';
import { knownOrResolve } from '../people.ts';
import { ACTIONS, renderRescheduleOptions, renderText } from '../render.ts';
import { beginAction } from './begin-action.ts';
import type { ActionArgs } from './book-slot.ts';

export async function rescheduleBookingAction(rt: SlackRuntime, args: ActionArgs): Promise<void> {
  const start = await beginAction(rt, args);
  if (!start) return;
  const { body, action, client } = args;
  const locale = start.value.l;
  const { privately } = start;
  const workspace = await workspaceOf(rt, body.team?.id);
  if (!workspace) return privately(renderText(NOT_INSTALLED[locale]));
  const bookingId = parseBookingAction(action.action_id, ACTIONS.manageReschedule);
  const actor = bookingId ? await knownOrResolve(rt, client, workspace, body.user.id) : null;
  if (!bookingId || !actor?.ok) return privately(renderText(t(locale, 'chat.button.invalidReschedule')));
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
