/** Shared pieces of `getBusy` for connectors that read each calendar on its own (CalDAV, ICS). */
import type { BusyQuery, BusyResult, CalendarBusy } from '../app/ports/provider.ts';

/** Reads every distinct requested calendar in parallel; each answer (busy or error value) under its id. */
export async function busyPerCalendar(
  query: BusyQuery,
  read: (calendarId: string) => Promise<CalendarBusy>,
): Promise<BusyResult> {
  const ids = [...new Set(query.calendarIds)];
  const entries = await Promise.all(
    ids.map(async (id): Promise<[string, CalendarBusy]> => [id, await read(id)]),
  );
  return { calendars: Object.fromEntries(entries) };
}
