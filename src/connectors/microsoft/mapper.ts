/**
 * Pure mappings between Convene's types and Graph's JSON. Subjects, bodies and locations that Graph may
 * return in `scheduleItems` are never read: only status and start/end leave this module.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { findWindows } from 'windows-iana';
import type {
  CalendarBusy,
  CalendarRef,
  EventDraft,
  EventRecurrence,
  RecurrenceCheck,
  RecurrenceWeekday,
  WrittenEvent,
} from '../../app/ports/provider.ts';
import { RECURRENCE_WEEKDAYS } from '../../app/ports/provider.ts';
import type { Interval } from '../../core/interval.ts';
import { checkCommon } from '../recurrence.ts';
import { resolveZone } from '../time-zones.ts';
import { scheduleErrorCode } from './errors.ts';

/** Graph's `dateTimeTimeZone`. @see https://learn.microsoft.com/graph/api/resources/datetimetimezone */
export interface GraphDateTimeTimeZone {
  readonly dateTime: string;
  readonly timeZone: string;
}

export interface GraphScheduleItem {
  readonly status?: string;
  readonly start?: GraphDateTimeTimeZone;
  readonly end?: GraphDateTimeTimeZone;
}

export interface GraphScheduleInformation {
  readonly scheduleId?: string;
  readonly availabilityView?: string;
  readonly scheduleItems?: readonly GraphScheduleItem[];
  readonly error?: { readonly message?: string; readonly responseCode?: string } | null;
}

export interface GraphCalendar {
  readonly id: string;
  readonly name?: string;
  readonly canEdit?: boolean;
  readonly isDefaultCalendar?: boolean;
}

export interface GraphEvent {
  readonly id: string;
  readonly iCalUId?: string;
  readonly '@odata.etag'?: string;
  readonly onlineMeeting?: { readonly joinUrl?: string | null } | null;
}

/**
 * Statuses that block time. `free` does not. `tentative` counts as busy (unless the person treats tentative
 * as free, see scheduleToBusy): proposing a slot over a meeting
 * someone has not declined yet is worse than skipping it. `workingElsewhere` counts as busy as well (the
 * project's rule) although Outlook's own availabilityView treats it as available; `unknown` is busy
 * because no information is not availability.
 * @see https://learn.microsoft.com/graph/api/resources/scheduleitem (status: freeBusyStatus)
 */
const BUSY_STATUSES = new Set(['tentative', 'busy', 'oof', 'workingelsewhere', 'unknown']);

/** The docs' concept page shows PascalCase ("Busy"), the API reference lowercase: compare case-insensitively. */
export function isBusyStatus(status: string | undefined): boolean {
  return status !== undefined && BUSY_STATUSES.has(status.toLowerCase());
}

/** availabilityView digits: 0 free, 1 tentative, 2 busy, 3 oof, 4 workingElsewhere. */
const BUSY_VIEW_DIGITS = new Set(['1', '2', '3', '4']);
const TENTATIVE_VIEW_DIGIT = '1';

/**
 * Parses a `dateTimeTimeZone` pair. Graph answers in the zone of the `Prefer: outlook.timezone` header
 * (UTC by default), and the zone may be a Windows name ("W. Europe Standard Time"), hence resolveZone.
 * dateTime has 7 fractional digits and no offset ("2030-03-05T09:00:00.0000000").
 */
export function parseGraphDateTime(value: GraphDateTimeTimeZone | undefined): number | undefined {
  if (!value || typeof value.dateTime !== 'string') return undefined;
  const zone = resolveZone(value.timeZone);
  if (!zone) return undefined;
  const parsed = DateTime.fromISO(value.dateTime, { zone });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** UTC wall time as Graph expects it for getSchedule's startTime/endTime. */
export function utcDateTime(ms: number): GraphDateTimeTimeZone {
  return {
    dateTime: DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS"),
    timeZone: 'UTC',
  };
}

/**
 * An instant in the organiser's zone for an event body. Graph accepts every Windows zone but only a short
 * list of IANA names, so the IANA zone is sent as its CLDR Windows equivalent, and the wall time is
 * computed in the zone Graph will read it in. Zones without a Windows equivalent fall back to UTC (the
 * instant is kept; only the zone the event is presented in is lost).
 * @see https://learn.microsoft.com/graph/api/resources/datetimetimezone
 */
export function eventDateTime(ms: number, ianaZone: string): GraphDateTimeTimeZone {
  const windows = findWindows(ianaZone)[0];
  const readAs = windows ? resolveZone(windows) : undefined;
  const [name, zone] = windows && readAs ? [windows, readAs] : ['UTC', 'UTC'];
  return { dateTime: DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: name };
}

/** Sorts, merges overlapping or touching intervals, clips to `range`, drops empty ones. */
export function normaliseBusy(intervals: readonly Interval[], range: Interval): Interval[] {
  const clipped = intervals
    .map((i) => ({ start: Math.max(i.start, range.start), end: Math.min(i.end, range.end) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Array<{ start: number; end: number }> = [];
  for (const i of clipped) {
    const last = merged.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** One window of one getSchedule call, needed to read availabilityView. */
export interface ScheduleWindow {
  readonly start: number;
  readonly end: number;
  readonly intervalMinutes: number;
}

/**
 * Busy intervals of one scheduleInformation (unclipped), or the per-calendar error it reports.
 * Falls back to availabilityView (at interval granularity) when scheduleItems are absent.
 */
export function scheduleToBusy(
  info: GraphScheduleInformation,
  window: ScheduleWindow,
  tentative: 'busy' | 'free' = 'busy',
): { ok: true; busy: Interval[] } | Extract<CalendarBusy, { ok: false }> {
  if (info.error) {
    return {
      ok: false,
      error: {
        code: scheduleErrorCode(info.error.responseCode),
        message: `getSchedule: ${info.error.responseCode ?? 'error'}${info.error.message ? `: ${info.error.message}` : ''}`,
      },
    };
  }
  const busy: Interval[] = [];
  if (Array.isArray(info.scheduleItems)) {
    for (const item of info.scheduleItems) {
      if (!isBusyStatus(item.status)) continue;
      if (tentative === 'free' && item.status?.toLowerCase() === 'tentative') continue;
      const start = parseGraphDateTime(item.start);
      const end = parseGraphDateTime(item.end);
      if (start === undefined || end === undefined) {
        const zone = item.start?.timeZone ?? item.end?.timeZone ?? '';
        return {
          ok: false,
          error: { code: 'provider_error', message: `getSchedule: unreadable time or zone "${zone}"` },
        };
      }
      if (end > start) busy.push({ start, end });
    }
    return { ok: true, busy };
  }
  const view = info.availabilityView ?? '';
  const step = window.intervalMinutes * 60_000;
  for (let i = 0; i < view.length; i++) {
    if (!BUSY_VIEW_DIGITS.has(view[i]!)) continue;
    if (tentative === 'free' && view[i] === TENTATIVE_VIEW_DIGIT) continue;
    const start = window.start + i * step;
    busy.push({ start, end: Math.min(window.end, start + step) });
  }
  return { ok: true, busy };
}

/** Convene's namespace for name-based UUIDs (fixed forever: changing it breaks idempotency of retries). */
const TRANSACTION_NAMESPACE = Buffer.from('6f1c2d0e9a8b4c7d8e5f1a2b3c4d5e6f', 'hex');

/**
 * Graph's `transactionId` for an idempotency key: a UUID v5 (SHA-1, RFC 9562 §5.5) of the key, so every
 * retry of the same write sends the same id and Graph creates no duplicate.
 * @see https://learn.microsoft.com/graph/api/resources/event (transactionId)
 */
export function transactionIdFor(idempotencyKey: string): string {
  const hash = createHash('sha1').update(TRANSACTION_NAMESPACE).update(idempotencyKey, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The JSON body of `POST …/events` (create) or `PATCH /me/events/{id}` (update). */
export function draftToGraphEvent(draft: EventDraft, mode: 'create' | 'update'): Record<string, unknown> {
  return {
    subject: draft.title,
    body: { contentType: 'text', content: draft.description ?? '' },
    start: eventDateTime(draft.start, draft.recurrence?.timeZone ?? draft.timeZone),
    end: eventDateTime(draft.end, draft.recurrence?.timeZone ?? draft.timeZone),
    showAs: 'busy',
    attendees: draft.attendees.map((a) => ({
      emailAddress: { address: a.email, ...(a.name ? { name: a.name } : {}) },
      type: a.optional ? 'optional' : 'required',
    })),
    // A tenant without Teams still creates the event; onlineMeeting.joinUrl is then null.
    // @see https://learn.microsoft.com/graph/api/user-post-events#example-2-create-and-enable-an-event-as-an-online-meeting
    ...(draft.conference ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
    ...(mode === 'create' ? { transactionId: transactionIdFor(draft.idempotencyKey) } : {}),
    ...(draft.recurrence ? { recurrence: patternedRecurrence(draft.recurrence, draft.start) } : {}),
  };
}

const GRAPH_DAYS: Readonly<Record<RecurrenceWeekday, string>> = {
  MO: 'monday',
  TU: 'tuesday',
  WE: 'wednesday',
  TH: 'thursday',
  FR: 'friday',
  SA: 'saturday',
  SU: 'sunday',
};
const GRAPH_INDEX: Readonly<Record<number, string>> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  [-1]: 'last',
};

/**
 * Whether Graph's `patternedRecurrence` can say this rule. It cannot: a zone without a Windows
 * equivalent (the series would drift by an hour across DST), a daily rule on some weekdays only every
 * other day or more, a monthly rank other than 1…4 or last, or BYSETPOS with BYMONTHDAY.
 * @see https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence
 * @see https://learn.microsoft.com/en-us/graph/api/resources/recurrencepattern
 */
export function checkGraphRecurrence(rule: EventRecurrence): RecurrenceCheck {
  const common = checkCommon(rule);
  if (!common.ok) return common;
  const no = (message: string): RecurrenceCheck => ({ ok: false, code: 'recurrence_unsupported', message });
  if (!findWindows(rule.timeZone)[0]) return no(`Outlook has no time zone for ${rule.timeZone}.`);
  if (rule.freq === 'DAILY' && rule.byDay?.length && rule.interval !== 1)
    return no('Outlook cannot repeat every few days on chosen weekdays only.');
  if (Array.isArray(rule.bySetPos) && rule.bySetPos.length > 1)
    return no(
      'Outlook repeats monthly on one ranked weekday only ("second Tuesday", not "second and fourth").',
    );
  if (rule.byDayRanks !== undefined)
    return no(
      'Outlook repeats monthly on one rank for all its weekdays ("first Monday", not "first Monday and third Wednesday").',
    );
  const rank = [rule.bySetPos].flat()[0];
  if (rank !== undefined && GRAPH_INDEX[rank] === undefined)
    return no('Outlook ranks weekdays in a month as first, second, third, fourth or last only.');
  if (rule.freq === 'MONTHLY' && rule.byDay?.length && rule.bySetPos === undefined)
    return no('Outlook repeats monthly on a ranked weekday ("first Monday") or a day of the month.');
  return { ok: true };
}

/**
 * The event's `recurrence`: pattern (daily, weekly, absoluteMonthly, relativeMonthly) and range
 * (numbered, endDate or noEnd), dates local to the series' zone, which is the event's start zone.
 * Weekly intervals count weeks from `firstDayOfWeek`: Monday, RFC 5545's default WKST.
 * Call `checkGraphRecurrence` first.
 * @see https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence
 */
export function patternedRecurrence(rule: EventRecurrence, start: number): Record<string, unknown> {
  const local = DateTime.fromMillis(start, { zone: rule.timeZone });
  const firstDay = RECURRENCE_WEEKDAYS[local.weekday - 1]!;
  const days = (rule.byDay?.length ? rule.byDay : [firstDay]).map((d) => GRAPH_DAYS[d]);
  let pattern: Record<string, unknown>;
  if (rule.freq === 'DAILY' && !rule.byDay?.length) pattern = { type: 'daily', interval: rule.interval };
  else if (rule.freq === 'DAILY' || rule.freq === 'WEEKLY')
    pattern = { type: 'weekly', interval: rule.interval, daysOfWeek: days, firstDayOfWeek: 'monday' };
  else if (rule.bySetPos !== undefined)
    pattern = {
      type: 'relativeMonthly',
      interval: rule.interval,
      daysOfWeek: days,
      index: GRAPH_INDEX[[rule.bySetPos].flat()[0]!],
    };
  else
    pattern = { type: 'absoluteMonthly', interval: rule.interval, dayOfMonth: rule.byMonthDay ?? local.day };
  const startDate = local.toFormat('yyyy-MM-dd');
  const recurrenceTimeZone = findWindows(rule.timeZone)[0] ?? 'UTC';
  const range =
    rule.count !== undefined
      ? { type: 'numbered', startDate, numberOfOccurrences: rule.count, recurrenceTimeZone }
      : rule.until !== undefined
        ? {
            type: 'endDate',
            startDate,
            endDate: DateTime.fromMillis(rule.until, { zone: rule.timeZone }).toFormat('yyyy-MM-dd'),
            recurrenceTimeZone,
          }
        : { type: 'noEnd', startDate, recurrenceTimeZone };
  return { pattern, range };
}

export function graphEventToWritten(event: GraphEvent): WrittenEvent {
  const joinUrl = event.onlineMeeting?.joinUrl;
  return {
    eventId: event.id,
    ...(event.iCalUId ? { iCalUID: event.iCalUId } : {}),
    ...(joinUrl ? { conferenceUrl: joinUrl } : {}),
    ...(event['@odata.etag'] ? { etag: event['@odata.etag'] } : {}),
  };
}

/**
 * Calendar ids: the default calendar is identified by the mailbox's SMTP address (what getSchedule takes),
 * every other calendar by its Graph id (writable through /me/calendars/{id}/events; getSchedule cannot
 * read it, see MicrosoftCalendarProvider.getBusy).
 */
export function calendarToRef(calendar: GraphCalendar, mailbox: string): CalendarRef {
  const primary = calendar.isDefaultCalendar === true;
  return {
    id: primary ? mailbox : calendar.id,
    name: calendar.name ?? (primary ? 'Calendar' : calendar.id),
    primary,
    writable: calendar.canEdit === true,
    // getSchedule reads a mailbox (its default calendar) only: a secondary calendar cannot count as busy.
    // @see https://learn.microsoft.com/graph/api/calendar-getschedule
    ...(primary ? {} : { readsBusy: false }),
  };
}
