/**
 * Microsoft 365 calendars through Microsoft Graph v1.0 (delegated, work/school accounts).
 *
 * Calendar ids: a mailbox's default calendar is identified by its SMTP address — what getSchedule takes —
 * so colleagues' and rooms' mailboxes can be queried for free/busy too. Other calendars of the signed-in
 * user keep their Graph id (listed and writable, but getSchedule cannot read them: they come back from
 * getBusy as a per-calendar `provider_error`).
 */

import { DateTime } from 'luxon';
import type {
  BusyQuery,
  BusyResult,
  CalendarBusy,
  CalendarProvider,
  CalendarRef,
  EventDraft,
  EventRecurrence,
  OccurrenceRef,
  RecurrenceCheck,
  SeriesChangeResult,
  SeriesEditor,
  TokenSource,
  WrittenEvent,
} from '../../app/ports/provider.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import { DAY, type Interval } from '../../core/interval.ts';
import type { RetryPolicy } from '../retry.ts';
import { resolveZone } from '../time-zones.ts';
import { MicrosoftChangeSource } from './changes.ts';
import { type FetchLike, GRAPH_BASE_URL, GraphTransport } from './client.ts';
import {
  calendarToRef,
  checkGraphRecurrence,
  draftToGraphEvent,
  eventDateTime,
  type GraphCalendar,
  type GraphEvent,
  type GraphScheduleInformation,
  graphEventToWritten,
  normaliseBusy,
  parseGraphDateTime,
  type ScheduleWindow,
  scheduleToBusy,
  utcDateTime,
} from './mapper.ts';

/** "getSchedule can support looking up free/busy information for up to 20 entities at once." */
export const MAX_SCHEDULES_PER_CALL = 20;
/**
 * "The time period to look up must be less than 62 days" (else ErrorTimeIntervalTooBig): 61-day windows.
 * @see https://learn.microsoft.com/graph/outlook-get-free-busy-schedule#limits-and-error-conditions
 */
export const MAX_WINDOW_MS = 61 * DAY;

export interface MicrosoftCalendarProviderOptions {
  readonly tokenSource: TokenSource;
  /** The signed-in user's SMTP address: the id of their default calendar. */
  readonly mailbox: string;
  readonly baseUrl?: string;
  readonly fetch?: FetchLike;
  readonly clock?: () => number;
  readonly retryPolicy?: RetryPolicy;
  readonly maxConcurrency?: number;
  /** availabilityViewInterval in minutes (5 or 15; default 15). Busy times come from scheduleItems. */
  readonly availabilityViewInterval?: 5 | 15;
}

const SMTP = /^[^@\s]+@[^@\s]+$/;
const UTC_PREFER = 'outlook.timezone="UTC"';

export class MicrosoftCalendarProvider implements CalendarProvider {
  readonly kind = 'microsoft' as const;
  /** calendarView/delta and change-notification subscriptions (./changes.ts). */
  readonly changes: MicrosoftChangeSource;
  readonly #transport: GraphTransport;
  readonly #mailbox: string;
  readonly #interval: 5 | 15;

  constructor(options: MicrosoftCalendarProviderOptions) {
    this.#mailbox = options.mailbox;
    this.#interval = options.availabilityViewInterval ?? 15;
    this.#transport = new GraphTransport(options);
    this.changes = new MicrosoftChangeSource({
      transport: this.#transport,
      mailbox: options.mailbox,
      baseUrl: options.baseUrl ?? GRAPH_BASE_URL,
      ...(options.clock ? { clock: options.clock } : {}),
    });
  }

  async listCalendars(signal?: AbortSignal): Promise<CalendarRef[]> {
    const refs: CalendarRef[] = [];
    let next: string | undefined = '/me/calendars?$select=id,name,canEdit,isDefaultCalendar';
    while (next) {
      const url: string = next;
      const page = await this.#transport.send(
        'list calendars',
        'read',
        (api) => api(url).get() as Promise<{ value?: GraphCalendar[]; '@odata.nextLink'?: string }>,
        signal,
      );
      for (const calendar of page.value ?? []) refs.push(calendarToRef(calendar, this.#mailbox));
      // Absolute URL on the same origin; the SDK parses it and keeps auth on customHosts.
      // @see https://learn.microsoft.com/graph/paging
      next = page['@odata.nextLink'];
    }
    return refs;
  }

  async getBusy(query: BusyQuery): Promise<BusyResult> {
    const { range, signal } = query;
    const calendars: Record<string, CalendarBusy> = {};
    const ids = [...new Set(query.calendarIds)];
    const schedulable = ids.filter((id) => {
      if (SMTP.test(id)) return true;
      calendars[id] = {
        ok: false,
        error: {
          code: 'provider_error',
          message: 'getSchedule reads mailboxes (SMTP addresses) only, not secondary calendar ids',
        },
      };
      return false;
    });
    if (range.end <= range.start) {
      for (const id of schedulable) calendars[id] = { ok: true, busy: [] };
      return { calendars: ordered(ids, calendars) };
    }
    const collected = new Map<string, Interval[]>(schedulable.map((id) => [id, []]));
    const failed = new Map<string, Extract<CalendarBusy, { ok: false }>>();
    const calls: Array<Promise<void>> = [];
    for (const group of chunk(schedulable, MAX_SCHEDULES_PER_CALL)) {
      for (const window of windows(range, MAX_WINDOW_MS, this.#interval)) {
        calls.push(
          this.#schedule(group, window, signal).then((infos) => {
            group.forEach((id, index) => {
              // Answers come in request order, scheduleId echoing what we sent; match on it when present.
              const info =
                infos.find((i) => i.scheduleId?.toLowerCase() === id.toLowerCase()) ??
                (infos[index]?.scheduleId === undefined ? infos[index] : undefined);
              if (!info) {
                failed.set(id, {
                  ok: false,
                  error: { code: 'provider_error', message: 'getSchedule returned no entry' },
                });
                return;
              }
              const mapped = scheduleToBusy(info, window, query.tentative ?? 'busy');
              if (mapped.ok) collected.get(id)!.push(...mapped.busy);
              else if (!failed.has(id)) failed.set(id, mapped);
            });
          }),
        );
      }
    }
    // Wait for every call before failing, so no request is left running after getBusy has rejected.
    const settled = await Promise.allSettled(calls);
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    for (const id of schedulable) {
      calendars[id] = failed.get(id) ?? { ok: true, busy: normaliseBusy(collected.get(id)!, range) };
    }
    return { calendars: ordered(ids, calendars) };
  }

  /** One getSchedule call: ≤ 20 schedules, < 62 days, times in UTC both ways. */
  #schedule(
    schedules: string[],
    window: ScheduleWindow,
    signal?: AbortSignal,
  ): Promise<GraphScheduleInformation[]> {
    return this.#transport.send(
      'getSchedule',
      'read',
      async (api) => {
        const body = (await api('/me/calendar/getSchedule')
          // Without the header the answer is UTC too, but say so: a mailbox default must not leak in.
          // @see https://learn.microsoft.com/graph/api/calendar-getschedule#request-headers
          .header('Prefer', UTC_PREFER)
          .post({
            schedules,
            startTime: utcDateTime(window.start),
            endTime: utcDateTime(window.end),
            availabilityViewInterval: window.intervalMinutes,
          })) as { value?: GraphScheduleInformation[] };
        return body.value ?? [];
      },
      signal,
    );
  }

  /** What `patternedRecurrence` can say (see `checkGraphRecurrence`). */
  checkRecurrence(rule: EventRecurrence): RecurrenceCheck {
    return checkGraphRecurrence(rule);
  }

  async createEvent(draft: EventDraft): Promise<WrittenEvent> {
    const path = this.#eventsPath(draft.calendarId);
    const body = draftToGraphEvent(draft, 'create');
    // A retried POST with the same transactionId returns the event created first instead of a duplicate.
    // @see https://learn.microsoft.com/graph/api/resources/event#properties (transactionId)
    const event = await this.#transport.send(
      'create event',
      'write',
      (api) => api(path).post(body) as Promise<GraphEvent>,
    );
    return graphEventToWritten(event);
  }

  async updateEvent(eventId: string, draft: EventDraft): Promise<WrittenEvent> {
    const body = draftToGraphEvent(draft, 'update');
    const event = await this.#transport.send(
      'update event',
      'write',
      (api) => api(`/me/events/${encodeURIComponent(eventId)}`).patch(body) as Promise<GraphEvent>,
    );
    return graphEventToWritten(event);
  }

  async deleteEvent(_calendarId: string, eventId: string): Promise<void> {
    try {
      await this.#transport.send('delete event', 'write', (api) =>
        api(`/me/events/${encodeURIComponent(eventId)}`).delete(),
      );
    } catch (error) {
      // Already gone (deleted earlier, or by a retry whose first response was lost): success.
      if (error instanceof ProviderError && error.code === 'not_found') return;
      throw error;
    }
  }

  /**
   * Occurrences of a series through Graph's own: an occurrence (or exception) is listed by
   * `/events/{id}/instances` with its `originalStart`; PATCHing it makes an exception (moved), DELETEing it
   * cancels that occurrence only. Ending the series PATCHes the master's `recurrence.range` to an `endDate`.
   * Instances are listed by their CURRENT time, so one is looked for within `SEARCH_DAYS` of its original
   * start (a Convene move stays well inside that).
   * @see https://learn.microsoft.com/graph/api/event-list-instances
   * @see https://learn.microsoft.com/graph/api/resources/event (originalStart, type occurrence/exception)
   * @see https://learn.microsoft.com/graph/api/resources/recurrencerange (type endDate)
   */
  readonly series: SeriesEditor = {
    cancelOccurrence: async (ref) => {
      const found = await this.#occurrence(ref);
      // A cancelled occurrence is no longer listed (v1.0 has no `cancelledOccurrences`): not listed is
      // taken as already cancelled, so a retried cancel succeeds.
      if (!found) return { ok: true };
      try {
        await this.#transport.send('cancel occurrence', 'write', (api) =>
          api(`/me/events/${encodeURIComponent(found.id)}`).delete(),
        );
      } catch (error) {
        if (error instanceof ProviderError && error.code === 'not_found') return { ok: true };
        throw error;
      }
      return { ok: true };
    },
    moveOccurrence: async (ref, to) => {
      const found = await this.#occurrence(ref);
      if (!found) return occurrenceNotFound(ref);
      const zone = resolveZone(found.originalStartTimeZone) ?? 'UTC';
      const body = { start: eventDateTime(to.start, zone), end: eventDateTime(to.end, zone) };
      await this.#transport.send('move occurrence', 'write', (api) =>
        api(`/me/events/${encodeURIComponent(found.id)}`).patch(body),
      );
      return { ok: true };
    },
    endBefore: async (ref) => {
      const master = (await this.#transport.send('read series', 'read', (api) =>
        api(`/me/events/${encodeURIComponent(ref.eventId)}`)
          .select('id,start,recurrence,originalStartTimeZone')
          .get(),
      )) as GraphSeriesMaster;
      const first = parseGraphDateTime(master.start);
      const range = master.recurrence?.range;
      if (!master.recurrence || !range) return occurrenceNotFound(ref);
      if (first !== undefined && ref.originalStart <= first) {
        return {
          ok: false,
          code: 'first_occurrence',
          message: 'Ending the series before its first occurrence leaves nothing: cancel the event instead.',
        };
      }
      // endDate is inclusive and local to the series' zone: the day before the first occurrence removed
      // (the rules Convene writes have at most one occurrence a day).
      const zone =
        resolveZone(range.recurrenceTimeZone) ?? resolveZone(master.originalStartTimeZone) ?? 'UTC';
      const endDate = DateTime.fromMillis(ref.originalStart, { zone })
        .minus({ days: 1 })
        .toFormat('yyyy-MM-dd');
      if (range.type === 'endDate' && typeof range.endDate === 'string' && range.endDate <= endDate)
        return { ok: true };
      const recurrence = {
        pattern: master.recurrence.pattern,
        range: {
          type: 'endDate',
          startDate: range.startDate,
          endDate,
          ...(range.recurrenceTimeZone ? { recurrenceTimeZone: range.recurrenceTimeZone } : {}),
        },
      };
      await this.#transport.send('end series', 'write', (api) =>
        api(`/me/events/${encodeURIComponent(ref.eventId)}`).patch({ recurrence }),
      );
      return { ok: true };
    },
  };

  /** The occurrence or exception whose original start is `ref.originalStart`, if listed near it. */
  async #occurrence(ref: OccurrenceRef): Promise<GraphInstance | undefined> {
    const from = new Date(ref.originalStart - SEARCH_DAYS * DAY).toISOString();
    const to = new Date(ref.originalStart + SEARCH_DAYS * DAY).toISOString();
    const page = (await this.#transport.send('list occurrences', 'read', (api) =>
      api(`/me/events/${encodeURIComponent(ref.eventId)}/instances`)
        .query({ startDateTime: from, endDateTime: to })
        .select('id,originalStart,originalStartTimeZone,start,end,type')
        .top(200)
        .get(),
    )) as { value?: GraphInstance[] };
    return page.value?.find((i) => Date.parse(i.originalStart ?? '') === ref.originalStart);
  }

  #eventsPath(calendarId: string): string {
    if (calendarId.toLowerCase() === this.#mailbox.toLowerCase()) return '/me/events';
    if (SMTP.test(calendarId)) {
      throw new ProviderError('microsoft', 'read_only', 'Convene writes only to the signed-in mailbox');
    }
    return `/me/calendars/${encodeURIComponent(calendarId)}/events`;
  }
}

/** How far from its original start an occurrence is looked for (Graph lists instances by current time). */
export const SEARCH_DAYS = 45;

interface GraphInstance {
  readonly id: string;
  /** DateTimeOffset, UTC ("2030-04-16T08:00:00Z"). */
  readonly originalStart?: string;
  readonly originalStartTimeZone?: string;
}

interface GraphSeriesMaster {
  readonly start?: { dateTime: string; timeZone: string };
  readonly originalStartTimeZone?: string;
  readonly recurrence?: {
    readonly pattern: unknown;
    readonly range?: {
      readonly type?: string;
      readonly startDate?: string;
      readonly endDate?: string;
      readonly recurrenceTimeZone?: string;
    };
  } | null;
}

function occurrenceNotFound(ref: OccurrenceRef): SeriesChangeResult {
  return {
    ok: false,
    code: 'occurrence_not_found',
    message: `The series has no occurrence at ${new Date(ref.originalStart).toISOString()}.`,
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function windows(range: Interval, maxMs: number, intervalMinutes: number): ScheduleWindow[] {
  const out: ScheduleWindow[] = [];
  for (let start = range.start; start < range.end; start += maxMs) {
    out.push({ start, end: Math.min(range.end, start + maxMs), intervalMinutes });
  }
  return out;
}

/** Result keys in the order the caller asked for them. */
function ordered(
  ids: readonly string[],
  calendars: Record<string, CalendarBusy>,
): Record<string, CalendarBusy> {
  const out: Record<string, CalendarBusy> = {};
  for (const id of ids) out[id] = calendars[id]!;
  return out;
}
