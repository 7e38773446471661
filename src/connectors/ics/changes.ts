/**
 * Pure helpers of change detection over iCalendar text (CalDAV resources, ICS feeds): the times of each
 * event (its master VEVENT, i.e. without RECURRENCE-ID) keyed by UID, and the cursor encoding. Titles
 * are never read. Zone rules follow ./expand.ts: `Z` is UTC, a known TZID uses the tz database, a
 * floating time (or unknown TZID) uses `X-WR-TIMEZONE` / the default zone; DATE values are whole days.
 */
import ICAL from 'ical.js';
import { resolveZone } from '../time-zones.ts';
import { wallClockToInstant } from './expand.ts';

type Time = InstanceType<typeof ICAL.Time>;

export interface EventTimes {
  readonly uid: string;
  readonly start: number;
  readonly end: number;
  /** STATUS:CANCELLED: the event is gone for its attendees. */
  readonly cancelled: boolean;
}

function toInstant(time: Time, tzid: string | undefined, floatingZone: string): number {
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  if (time.isDate) return wallClockToInstant(Date.UTC(time.year, time.month - 1, time.day), floatingZone);
  if (time.zone?.tzid === 'UTC') return wall;
  const zone = tzid ? resolveZone(tzid) : undefined;
  return wallClockToInstant(wall, zone ?? floatingZone);
}

/** Master events by UID; unparsable text or events without times yield nothing. */
export function eventTimesOf(text: string, defaultZone = 'UTC'): EventTimes[] {
  let root: InstanceType<typeof ICAL.Component>;
  try {
    root = new ICAL.Component(ICAL.parse(text) as never);
  } catch {
    return [];
  }
  const calendarZone = root.getFirstPropertyValue('x-wr-timezone');
  const floating = (typeof calendarZone === 'string' ? resolveZone(calendarZone) : undefined) ?? defaultZone;
  const out: EventTimes[] = [];
  for (const event of root.getAllSubcomponents('vevent')) {
    if (event.getFirstProperty('recurrence-id')) continue;
    const uid = event.getFirstPropertyValue('uid');
    const startProp = event.getFirstProperty('dtstart');
    if (typeof uid !== 'string' || !startProp) continue;
    try {
      const startTime = startProp.getFirstValue() as Time;
      const start = toInstant(startTime, startProp.getParameter('tzid') as string | undefined, floating);
      const endProp = event.getFirstProperty('dtend');
      let end: number;
      if (endProp) {
        end = toInstant(
          endProp.getFirstValue() as Time,
          endProp.getParameter('tzid') as string | undefined,
          floating,
        );
      } else {
        const duration = event.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | null;
        end = duration ? start + duration.toSeconds() * 1000 : startTime.isDate ? start + 86_400_000 : start;
      }
      const status = String(event.getFirstPropertyValue('status') ?? '').toUpperCase();
      out.push({ uid, start, end, cancelled: status === 'CANCELLED' });
    } catch {
      // An event whose times cannot be read is left out (never guessed).
    }
  }
  return out;
}

/** Parses a cursor this connector wrote; anything else (corrupt, another connector's) is null. */
export function parseCursor<T extends object>(cursor: string | null, version: number): T | null {
  if (cursor === null) return null;
  try {
    const value = JSON.parse(cursor) as { v?: unknown };
    return value && typeof value === 'object' && value.v === version ? (value as T) : null;
  } catch {
    return null;
  }
}

/**
 * The occurrence exceptions of a recurring event in one resource (CalDAV: the series and its overrides
 * live in ONE resource): by ORIGINAL start, `x` for an occurrence removed (an EXDATE of the master, or an
 * override with STATUS:CANCELLED), else the override's `start/end`. Null when the text holds no series.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.1 (EXDATE)
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.4.4 (RECURRENCE-ID)
 */
export function occurrenceExceptionsOf(
  text: string,
  defaultZone = 'UTC',
): { readonly uid: string; readonly duration: number; readonly exceptions: Record<string, string> } | null {
  let root: InstanceType<typeof ICAL.Component>;
  try {
    root = new ICAL.Component(ICAL.parse(text) as never);
  } catch {
    return null;
  }
  const calendarZone = root.getFirstPropertyValue('x-wr-timezone');
  const floating = (typeof calendarZone === 'string' ? resolveZone(calendarZone) : undefined) ?? defaultZone;
  const events = root.getAllSubcomponents('vevent');
  const master = events.find((e) => !e.getFirstProperty('recurrence-id'));
  if (!master?.getFirstProperty('rrule')) return null;
  const uid = master.getFirstPropertyValue('uid');
  if (typeof uid !== 'string') return null;
  const instant = (property: InstanceType<typeof ICAL.Property>, value: unknown) =>
    toInstant(value as Time, property.getParameter('tzid') as string | undefined, floating);
  const timesOf = (event: InstanceType<typeof ICAL.Component>) => {
    const start = event.getFirstProperty('dtstart');
    const end = event.getFirstProperty('dtend');
    if (!start) return null;
    const s = instant(start, start.getFirstValue());
    if (end) return { start: s, end: instant(end, end.getFirstValue()) };
    const duration = event.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | null;
    return { start: s, end: duration ? s + duration.toSeconds() * 1000 : s };
  };
  try {
    const series = timesOf(master);
    if (!series) return null;
    const exceptions: Record<string, string> = {};
    for (const property of master.getAllProperties('exdate'))
      for (const value of property.getValues()) exceptions[String(instant(property, value))] = 'x';
    for (const event of events) {
      const id = event.getFirstProperty('recurrence-id');
      if (!id || event.getFirstPropertyValue('uid') !== uid) continue;
      const original = String(instant(id, id.getFirstValue()));
      const status = String(event.getFirstPropertyValue('status') ?? '').toUpperCase();
      const times = timesOf(event);
      if (status === 'CANCELLED' || !times) exceptions[original] = 'x';
      else exceptions[original] ??= `${times.start}/${times.end}`;
    }
    return { uid, duration: series.end - series.start, exceptions };
  } catch {
    return null; // Times that cannot be read are never guessed.
  }
}
