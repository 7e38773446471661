/**
 * Pure mapping between Convene's types and Google Calendar v3 resources. Busy data only: event
 * titles are never read from Google (freeBusy does not return them, and nothing here maps them).
 */
import { createHash } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
import type { CalendarRef, EventDraft, WrittenEvent } from '../../app/ports/provider.ts';
import type { Interval } from '../../core/interval.ts';
import { rruleText } from '../recurrence.ts';

/** RFC 3339 in UTC, as freeBusy and events expect. */
export function toRfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

export function parseRfc3339(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/**
 * Deterministic client-set event id from the idempotency key: base32hex (lowercase, `[a-v0-9]`) of the
 * key's SHA-256, 52 chars. A retried insert with the same key then gets 409 instead of a duplicate.
 * @see https://developers.google.com/calendar/api/v3/reference/events/insert (id: base32hex, 5–1024 chars)
 */
export function eventIdFromKey(idempotencyKey: string): string {
  const bytes = createHash('sha256').update(idempotencyKey, 'utf8').digest();
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}

/** Sorts and merges overlapping or touching intervals, dropping empty ones. Does not mutate its input. */
export function normalizeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Array<{ start: number; end: number }> = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ start: interval.start, end: interval.end });
  }
  return merged;
}

/** Splits a half-open range into consecutive windows of at most `maxMs`. Empty for an empty range. */
export function splitRange(range: Interval, maxMs: number): Interval[] {
  const windows: Interval[] = [];
  for (let start = range.start; start < range.end; start += maxMs) {
    windows.push({ start, end: Math.min(range.end, start + maxMs) });
  }
  return windows;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One freeBusy calendar entry's busy periods, clipped to `window`. Unparseable periods are skipped. */
export function busyFromFreeBusy(
  entry: calendar_v3.Schema$FreeBusyCalendar | undefined,
  window: Interval,
): Interval[] {
  const out: Interval[] = [];
  for (const period of entry?.busy ?? []) {
    const start = parseRfc3339(period.start);
    const end = parseRfc3339(period.end);
    if (start === undefined || end === undefined) continue;
    const clipped = { start: Math.max(start, window.start), end: Math.min(end, window.end) };
    if (clipped.end > clipped.start) out.push(clipped);
  }
  return out;
}

export function calendarRefFromEntry(entry: calendar_v3.Schema$CalendarListEntry): CalendarRef | undefined {
  if (!entry.id) return undefined;
  return {
    id: entry.id,
    name: entry.summaryOverride ?? entry.summary ?? entry.id,
    primary: entry.primary === true,
    // @see https://developers.google.com/calendar/api/v3/reference/calendarList (accessRole)
    writable: entry.accessRole === 'owner' || entry.accessRole === 'writer',
    ...(entry.timeZone ? { timeZone: entry.timeZone } : {}),
  };
}

/** The event resource for insert/patch. The title is written (it is ours), never read back. */
export function eventBodyFromDraft(draft: EventDraft, withId: boolean): calendar_v3.Schema$Event {
  return {
    ...(withId ? { id: eventIdFromKey(draft.idempotencyKey) } : {}),
    summary: draft.title,
    ...(draft.description !== undefined ? { description: draft.description } : {}),
    // dateTime carries its UTC offset; timeZone says how Google presents it, and for a series the zone
    // the occurrences keep their wall-clock time in (required with `recurrence`).
    // @see https://developers.google.com/calendar/api/v3/reference/events (start.timeZone, recurrence[])
    start: { dateTime: toRfc3339(draft.start), timeZone: draft.recurrence?.timeZone ?? draft.timeZone },
    end: { dateTime: toRfc3339(draft.end), timeZone: draft.recurrence?.timeZone ?? draft.timeZone },
    ...(draft.recurrence ? { recurrence: [`RRULE:${rruleText(draft.recurrence)}`] } : {}),
    attendees: draft.attendees.map((a) => ({
      email: a.email,
      ...(a.name ? { displayName: a.name } : {}),
      ...(a.optional ? { optional: true } : {}),
    })),
    ...(draft.conference
      ? {
          // Needs conferenceDataVersion=1 on the request; a repeated requestId is ignored by Google.
          // @see https://developers.google.com/calendar/api/guides/create-events#conferencing
          conferenceData: {
            createRequest: {
              requestId: draft.idempotencyKey,
              conferenceSolutionKey: { type: 'hangoutsMeet' },
            },
          },
        }
      : {}),
  };
}

/** `pending` while Google is still creating the Meet conference. */
export function conferenceStatus(event: calendar_v3.Schema$Event): string | undefined {
  return event.conferenceData?.createRequest?.status?.statusCode ?? undefined;
}

export function conferenceUrl(event: calendar_v3.Schema$Event): string | undefined {
  if (event.hangoutLink) return event.hangoutLink;
  const video = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video');
  return video?.uri ?? undefined;
}

export function writtenEventFrom(event: calendar_v3.Schema$Event, fallbackId: string): WrittenEvent {
  const url = conferenceUrl(event);
  return {
    eventId: event.id ?? fallbackId,
    ...(event.iCalUID ? { iCalUID: event.iCalUID } : {}),
    ...(url ? { conferenceUrl: url } : {}),
    ...(event.etag ? { etag: event.etag } : {}),
  };
}
