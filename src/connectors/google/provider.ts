/**
 * Google Calendar as a `CalendarProvider`: free/busy via `freebusy.query` (never event titles),
 * calendar list, idempotent event writes with optional Google Meet, and change detection
 * (`changes`, see ./changes.ts).
 */
import type { calendar_v3 } from '@googleapis/calendar';
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
import type { Interval } from '../../core/interval.ts';
import { DAY } from '../../core/interval.ts';
import { checkCommon, endRuleBefore } from '../recurrence.ts';
import type { RetryPolicy } from '../retry.ts';
import { GoogleChangeSource } from './changes.ts';
import { GoogleCalendarClient } from './client.ts';
import { calendarErrorCode } from './errors.ts';
import {
  busyFromFreeBusy,
  calendarRefFromEntry,
  chunk,
  conferenceStatus,
  eventBodyFromDraft,
  eventIdFromKey,
  normalizeIntervals,
  splitRange,
  toRfc3339,
  writtenEventFrom,
} from './mapper.ts';

/**
 * freeBusy has no documented maximum range, but answers 400 "The requested time range is too long"
 * past about 90 days; 60-day windows stay well clear of it.
 * @see https://developers.google.com/calendar/api/v3/reference/freebusy/query
 */
export const FREEBUSY_MAX_WINDOW_MS = 60 * DAY;
/** `calendarExpansionMax`: at most 50 calendars per freeBusy request. @see https://developers.google.com/calendar/api/v3/reference/freebusy/query */
export const FREEBUSY_MAX_CALENDARS = 50;

export interface GoogleCalendarProviderOptions {
  readonly tokenSource: TokenSource;
  /** Calendar API root (ends with `/`); the fake's URL in tests. */
  readonly rootUrl?: string;
  readonly clock?: () => number;
  readonly retryPolicy?: RetryPolicy;
  /** freeBusy requests in flight at once (default 3). */
  readonly maxConcurrency?: number;
  /** events.get polls while Meet creation is `pending` (default 5); waits via `retryPolicy.sleep`. */
  readonly conferencePolls?: number;
  /** First wait between Meet polls in ms (doubles, capped by `retryPolicy.maxDelayMs`; default 500). */
  readonly conferencePollDelayMs?: number;
}

export class GoogleCalendarProvider implements CalendarProvider {
  readonly kind = 'google' as const;
  readonly client: GoogleCalendarClient;
  /** Incremental sync (`events.list` + sync tokens) and push channels (`events.watch`). */
  readonly changes: GoogleChangeSource;
  readonly #maxConcurrency: number;
  readonly #conferencePolls: number;
  readonly #conferencePollDelayMs: number;

  constructor(options: GoogleCalendarProviderOptions) {
    this.client = new GoogleCalendarClient(options);
    this.changes = new GoogleChangeSource(this.client, options.clock);
    this.#maxConcurrency = Math.max(1, options.maxConcurrency ?? 3);
    this.#conferencePolls = Math.max(0, options.conferencePolls ?? 5);
    this.#conferencePollDelayMs = options.conferencePollDelayMs ?? 500;
  }

  async listCalendars(signal?: AbortSignal): Promise<CalendarRef[]> {
    const calendars: CalendarRef[] = [];
    let pageToken: string | undefined;
    do {
      const page: calendar_v3.Schema$CalendarList = await this.client.call(
        'calendarList.list',
        (options) =>
          this.client.api.calendarList.list(
            { maxResults: 250, ...(pageToken ? { pageToken } : {}) },
            options,
          ),
        signal,
      );
      for (const entry of page.items ?? []) {
        const ref = calendarRefFromEntry(entry);
        if (ref) calendars.push(ref);
      }
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    return calendars;
  }

  /**
   * `query.tentative` is not honoured: freeBusy returns bare busy intervals without the events' status,
   * so a tentative event stays busy (the safe side).
   * @see https://developers.google.com/calendar/api/v3/reference/freebusy/query (calendars.(key).busy)
   */
  async getBusy(query: BusyQuery): Promise<BusyResult> {
    const ids = [...new Set(query.calendarIds)];
    const busy = new Map<string, Interval[]>(ids.map((id) => [id, []]));
    const failed = new Map<string, Extract<CalendarBusy, { ok: false }>>();
    // timeMax <= timeMin is a 400 timeRangeEmpty: an empty range is simply free, never sent.
    // @see https://developers.google.com/calendar/api/guides/errors#400_bad_request
    const windows =
      query.range.end > query.range.start ? splitRange(query.range, FREEBUSY_MAX_WINDOW_MS) : [];
    const tasks = windows.flatMap((window) =>
      chunk(ids, FREEBUSY_MAX_CALENDARS).map((batch) => ({ window, batch })),
    );

    await runLimited(tasks, this.#maxConcurrency, async ({ window, batch }) => {
      const response: calendar_v3.Schema$FreeBusyResponse = await this.client.call(
        'freebusy.query',
        (options) =>
          this.client.api.freebusy.query(
            {
              requestBody: {
                timeMin: toRfc3339(window.start),
                timeMax: toRfc3339(window.end),
                timeZone: 'UTC',
                calendarExpansionMax: FREEBUSY_MAX_CALENDARS,
                items: batch.map((id) => ({ id })),
              },
            },
            options,
          ),
        query.signal,
      );
      for (const id of batch) {
        const entry = response.calendars?.[id];
        // Per-calendar failures come back inside the 200 as `errors:[{reason}]`: values, not throws.
        // @see https://developers.google.com/calendar/api/v3/reference/freebusy/query (calendars.(key).errors)
        const reason = entry?.errors?.[0]?.reason ?? (entry ? undefined : 'missing');
        if (reason !== undefined) {
          if (!failed.has(id)) failed.set(id, { ok: false, error: calendarError(reason) });
          continue;
        }
        busy.get(id)!.push(...busyFromFreeBusy(entry, window));
      }
    });

    const calendars: Record<string, CalendarBusy> = {};
    for (const id of ids) {
      calendars[id] = failed.get(id) ?? { ok: true, busy: normalizeIntervals(busy.get(id) ?? []) };
    }
    return { calendars };
  }

  /** Google takes any RRULE in `recurrence[]`: only the common checks apply. */
  checkRecurrence(rule: EventRecurrence): RecurrenceCheck {
    return checkCommon(rule);
  }

  async createEvent(draft: EventDraft): Promise<WrittenEvent> {
    const eventId = eventIdFromKey(draft.idempotencyKey);
    let event: calendar_v3.Schema$Event;
    try {
      event = await this.client.call('events.insert', (options) =>
        this.client.api.events.insert(
          {
            calendarId: draft.calendarId,
            // conferenceData is ignored unless conferenceDataVersion=1.
            // @see https://developers.google.com/calendar/api/v3/reference/events/insert
            ...(draft.conference ? { conferenceDataVersion: 1 } : {}),
            sendUpdates: 'all',
            requestBody: eventBodyFromDraft(draft, true),
          },
          options,
        ),
      );
    } catch (error) {
      // 409 on a client-set id: an earlier attempt (or call) with this idempotency key already created
      // it. Return that event instead of a duplicate.
      // @see https://developers.google.com/calendar/api/guides/errors#409_the_requested_identifier_already_exists
      if (!(error instanceof ProviderError && error.status === 409)) throw error;
      event = await this.#get(draft.calendarId, eventId);
      if (event.status === 'cancelled') {
        throw new ProviderError(
          'google',
          'conflict',
          'Google Calendar events.insert: the event for this idempotency key was created and then deleted',
          { status: 409 },
        );
      }
    }
    if (draft.conference) event = await this.#awaitConference(draft.calendarId, event);
    return writtenEventFrom(event, eventId);
  }

  async updateEvent(eventId: string, draft: EventDraft): Promise<WrittenEvent> {
    let event = await this.client.call('events.patch', (options) =>
      this.client.api.events.patch(
        {
          calendarId: draft.calendarId,
          eventId,
          ...(draft.conference ? { conferenceDataVersion: 1 } : {}),
          sendUpdates: 'all',
          requestBody: eventBodyFromDraft(draft, false),
        },
        options,
      ),
    );
    if (draft.conference) event = await this.#awaitConference(draft.calendarId, event);
    return writtenEventFrom(event, eventId);
  }

  async deleteEvent(calendarId: string, eventId: string): Promise<void> {
    try {
      await this.client.call('events.delete', (options) =>
        this.client.api.events.delete({ calendarId, eventId, sendUpdates: 'all' }, options),
      );
    } catch (error) {
      // 410 Gone: already deleted; 404: never existed or purged. Either way the goal is reached.
      // @see https://developers.google.com/calendar/api/guides/errors#410_gone
      if (error instanceof ProviderError && (error.status === 404 || error.status === 410)) return;
      throw error;
    }
  }

  /**
   * Occurrences of a series, through Google's instances: an occurrence is found by its ORIGINAL start
   * (`events.instances?originalStart=`, which also yields its instance id `<eventId>_<UTC basic time>`);
   * a PATCH of that instance makes the exception (moved, or `status: cancelled`). Ending the series
   * trims the master's RRULE with UNTIL, as Google's guide does for "all following" changes.
   * @see https://developers.google.com/calendar/api/guides/recurringevents (Modifying instances)
   * @see https://developers.google.com/calendar/api/v3/reference/events/instances
   */
  readonly series: SeriesEditor = {
    cancelOccurrence: async (ref) => {
      const instance = await this.#instance(ref);
      if (!instance?.id) return occurrenceNotFound(ref);
      if (instance.status === 'cancelled') return { ok: true };
      await this.#patchInstance(ref.calendarId, instance.id, { status: 'cancelled' });
      return { ok: true };
    },
    moveOccurrence: async (ref, to) => {
      const instance = await this.#instance(ref);
      if (!instance?.id || instance.status === 'cancelled') return occurrenceNotFound(ref);
      const timeZone = instance.start?.timeZone ?? 'UTC';
      await this.#patchInstance(ref.calendarId, instance.id, {
        start: { dateTime: toRfc3339(to.start), timeZone },
        end: { dateTime: toRfc3339(to.end), timeZone },
      });
      return { ok: true };
    },
    restoreOccurrence: async (ref, to) => {
      // `showDeleted` lists the cancelled instance; a PATCH back to `confirmed` restores it.
      const instance = await this.#instance(ref);
      if (!instance?.id) return occurrenceNotFound(ref);
      const at = (t: calendar_v3.Schema$EventDateTime | undefined) => Date.parse(t?.dateTime ?? '');
      if (instance.status !== 'cancelled' && at(instance.start) === to.start && at(instance.end) === to.end)
        return { ok: true };
      const timeZone = instance.start?.timeZone ?? 'UTC';
      await this.#patchInstance(ref.calendarId, instance.id, {
        status: 'confirmed',
        start: { dateTime: toRfc3339(to.start), timeZone },
        end: { dateTime: toRfc3339(to.end), timeZone },
      });
      return { ok: true };
    },
    endBefore: async (ref) => {
      const master = await this.#get(ref.calendarId, ref.eventId);
      const first = Date.parse(master.start?.dateTime ?? '');
      if (Number.isFinite(first) && ref.originalStart <= first) {
        return {
          ok: false,
          code: 'first_occurrence',
          message: 'Ending the series before its first occurrence leaves nothing: cancel the event instead.',
        };
      }
      const lines = master.recurrence ?? [];
      const recurrence = lines.map((line) => endRuleBefore(line, ref.originalStart) ?? line);
      if (recurrence.every((line, i) => line === lines[i])) return { ok: true };
      await this.client.call('events.patch', (options) =>
        this.client.api.events.patch(
          {
            calendarId: ref.calendarId,
            eventId: ref.eventId,
            sendUpdates: 'all',
            requestBody: { recurrence },
          },
          options,
        ),
      );
      return { ok: true };
    },
  };

  /** The instance at `ref.originalStart`, cancelled ones included (a retried cancel finds its own). */
  async #instance(ref: OccurrenceRef): Promise<calendar_v3.Schema$Event | undefined> {
    const page = await this.client.call('events.instances', (options) =>
      this.client.api.events.instances(
        {
          calendarId: ref.calendarId,
          eventId: ref.eventId,
          originalStart: toRfc3339(ref.originalStart),
          showDeleted: true,
        },
        options,
      ),
    );
    return page.items?.find((i) => Date.parse(i.originalStartTime?.dateTime ?? '') === ref.originalStart);
  }

  async #patchInstance(
    calendarId: string,
    instanceId: string,
    requestBody: calendar_v3.Schema$Event,
  ): Promise<void> {
    await this.client.call('events.patch', (options) =>
      this.client.api.events.patch(
        { calendarId, eventId: instanceId, sendUpdates: 'all', requestBody },
        options,
      ),
    );
  }

  #get(calendarId: string, eventId: string): Promise<calendar_v3.Schema$Event> {
    return this.client.call('events.get', (options) =>
      this.client.api.events.get({ calendarId, eventId }, options),
    );
  }

  /**
   * Meet creation is asynchronous: while `createRequest.status.statusCode` is `pending`, poll
   * events.get a bounded number of times; give up without a link rather than fail the booking.
   * @see https://developers.google.com/calendar/api/v3/reference/events#conferenceData.createRequest.status.statusCode
   */
  async #awaitConference(
    calendarId: string,
    first: calendar_v3.Schema$Event,
  ): Promise<calendar_v3.Schema$Event> {
    let event = first;
    const policy = this.client.retryPolicy;
    for (let poll = 0; poll < this.#conferencePolls && conferenceStatus(event) === 'pending'; poll++) {
      await policy.sleep(Math.min(policy.maxDelayMs, this.#conferencePollDelayMs * 2 ** poll));
      event = await this.#get(calendarId, event.id ?? '');
    }
    return event;
  }
}

function occurrenceNotFound(ref: OccurrenceRef): SeriesChangeResult {
  return {
    ok: false,
    code: 'occurrence_not_found',
    message: `The series has no occurrence at ${new Date(ref.originalStart).toISOString()}.`,
  };
}

function calendarError(reason: string): { code: ReturnType<typeof calendarErrorCode>; message: string } {
  const code = reason === 'missing' ? 'provider_error' : calendarErrorCode(reason);
  const message =
    code === 'not_found'
      ? 'Calendar not found, or not shared with this Google account (freeBusy notFound)'
      : reason === 'missing'
        ? 'Google freeBusy response did not include this calendar'
        : `Google freeBusy could not read this calendar (${reason})`;
  return { code, message };
}

/** Runs `work` over `items` with at most `limit` in flight; stops starting new ones after a failure. */
async function runLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejection = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejection) throw rejection.reason;
}
