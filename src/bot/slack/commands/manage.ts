/**
 * `/meet cancel` / `/meet reschedule` (`annuler` / `replanifier`): the caller's upcoming Convene
 * meetings, privately, each with the "Reschedule" and "Cancel meeting" buttons of the confirmation.
 */
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
  const fr = locale === 'fr';
  if (list.length === 0)
    return renderText(
      fr
        ? "Vous n'avez aucune réunion Convene à venir."
        : 'You have no upcoming meetings booked through Convene.',
    );
  const views = await Promise.all(list.map((b) => describeBooking(rt.deps.store, b, locale)));
  const intro =
    mode === 'cancel'
      ? fr
        ? 'Vos prochaines réunions : laquelle annuler ?'
        : 'Your upcoming meetings: which one to cancel?'
      : fr
        ? 'Vos prochaines réunions : laquelle replanifier ?'
        : 'Your upcoming meetings: which one to reschedule?';
  return renderUpcoming(intro, views, locale);
}
