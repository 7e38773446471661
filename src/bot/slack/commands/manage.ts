/**
 * `/meet cancel` / `/meet reschedule` (`annuler` / `replanifier`): the caller's upcoming Convene
 * meetings, privately, each with the "Reschedule" and "Cancel meeting" buttons of the confirmation.
 */
import { t } from '../../../app/i18n/index.ts';
import { describeBooking, upcomingBookings } from '../../../app/manage-booking.ts';
import type { Person, Workspace } from '../../../app/ports/store.ts';
import type { Locale } from '../../../app/views.ts';
import type { Block, SlackRuntime } from '../deps.ts';
import { renderText, renderUpcoming } from '../render.ts';

export async function upcomingList(
  rt: SlackRuntime,
  workspace: Workspace,
  person: Person,
  mode: 'cancel' | 'reschedule',
  locale: Locale,
): Promise<{ text: string; blocks: Block[] }> {
  const list = await upcomingBookings(rt.deps.store, workspace.tenantId, person.id, rt.now());
  if (list.length === 0) return renderText(t(locale, 'account.upcoming.none'));
  const views = await Promise.all(list.map((b) => describeBooking(rt.deps.store, b, locale)));
  return renderUpcoming(t(locale, `account.upcoming.${mode}`), views, locale);
}
