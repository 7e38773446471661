/** `/meet status`: which calendars are linked, their health and last sync (private to the asker). */
import { statusDetailText } from '../../../app/access-status.ts';
import type { CalendarConnection } from '../../../app/ports/store.ts';
import { type Locale, syncedAgo } from '../../../app/views.ts';
import { esc, HEALTH_EMOJI } from '../render.ts';

const PROVIDER: Record<CalendarConnection['provider'], string> = {
  google: 'Google Calendar',
  microsoft: 'Microsoft 365',
  caldav: 'CalDAV',
  ics: 'ICS',
};

/** `now`: the caller's clock, for "last synced 3 min ago". */
export function connectionLine(c: CalendarConnection, locale: Locale, now: number): string {
  const health =
    locale === 'fr'
      ? { ok: 'OK', reauth_required: 'à relier de nouveau (`/meet lier`)', error: 'en erreur' }[c.status]
      : { ok: 'OK', reauth_required: 'must be linked again (`/meet link`)', error: 'failing' }[c.status];
  const synced = syncedAgo(c.lastSyncAt, now, locale);
  const detail = c.statusDetail ? ` (${esc(statusDetailText(c.statusDetail, locale))})` : '';
  return `${HEALTH_EMOJI[c.status]} *${PROVIDER[c.provider]}* ${esc(c.account)}: ${health}${detail}, ${synced}`;
}

export function statusText(connections: readonly CalendarConnection[], locale: Locale, now: number): string {
  if (connections.length === 0)
    return locale === 'fr'
      ? 'Aucun agenda relié : tapez `/meet lier` pour en relier un. En attendant, Convene vous suppose libre pendant vos heures de travail.'
      : 'No calendar linked: type `/meet link` to link one. Until then Convene assumes you are free during your working hours.';
  const head = locale === 'fr' ? '*Vos agendas reliés*' : '*Your linked calendars*';
  return [head, ...connections.map((c) => connectionLine(c, locale, now))].join('\n');
}
