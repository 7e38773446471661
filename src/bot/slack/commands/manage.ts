/**
 * `/meet cancel` / `/meet reschedule` (`annuler` / `replanifier`): the caller's upcoming Convene
 * meetings, privately, each with the "Reschedule" and "Cancel meeting" buttons of the confirmation (and,
 * for a series, "Cancel <date> only" and "End the series after <date>").
 */
import { t } from '../../../app/i18n/index.ts';
import { describeBooking, upcomingBookings } from '../../../app/manage-booking.ts';
import { seriesChoices } from '../../../app/manage-series.ts';
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
  const now = rt.now();
  const zone = (await rt.deps.store.preferences.get(workspace.tenantId, person.id))?.timeZone ?? 'UTC';
  const views = await Promise.all(
    list.map(async (b) => ({
      ...(await describeBooking(rt.deps.store, b, locale, b.next)),
      // A series also gets "Cancel <date> only" / "End the series after <date>", dated in the caller's zone.
      series: await seriesChoices(rt.deps.store, b, now, zone, locale, person.id),
    })),
  );
  return renderUpcoming(t(locale, `account.upcoming.${mode}`), views, locale);
}
