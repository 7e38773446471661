/**
 * Google Calendar change detection (`ChangeSource`): incremental `events.list` with sync tokens and
 * push channels (`events.watch` / `channels.stop`). Ids and times only: titles are never read.
 *
 * The cursor is Google's `nextSyncToken`, stored as is.
 * @see https://developers.google.com/calendar/api/guides/sync
 * @see https://developers.google.com/calendar/api/guides/push
 */
import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import type {
  ChangePage,
  ChangeQuery,
  ChangeSource,
  EventChange,
  WatchChannel,
  WatchRequest,
} from '../../app/ports/changes.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import { resolveZone } from '../time-zones.ts';
import type { GoogleCalendarClient } from './client.ts';
import { parseRfc3339, toRfc3339 } from './mapper.ts';

/** events.list page size (the API's maximum is 2500; 250 is its default ceiling for most callers). */
const PAGE_SIZE = 250;
/** Google caps a channel id at 64 characters. @see https://developers.google.com/calendar/api/guides/push#making-watch-requests */
const MAX_CHANNEL_ID = 64;

export class GoogleChangeSource implements ChangeSource {
  readonly #client: GoogleCalendarClient;
  readonly #clock: () => number;

  constructor(client: GoogleCalendarClient, clock: () => number = Date.now) {
    this.#client = client;
    this.#clock = clock;
  }

  async listChanges(query: ChangeQuery): Promise<ChangePage> {
    if (query.cursor !== null) {
      try {
        return await this.#list(query, query.cursor);
      } catch (error) {
        // An expired or invalidated sync token is 410 Gone (`fullSyncRequired`): drop it, list everything.
        // @see https://developers.google.com/calendar/api/guides/sync#full_sync_required_by_server
        if (!(error instanceof ProviderError && error.status === 410)) throw error;
      }
    }
    return this.#list(query, null);
  }

  async #list(query: ChangeQuery, syncToken: string | null): Promise<ChangePage> {
    const changes: EventChange[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const params: calendar_v3.Params$Resource$Events$List = {
        calendarId: query.calendarId,
        maxResults: PAGE_SIZE,
        // A recurring event comes back as ONE event (the series, its first occurrence's times), and each
        // modified or cancelled instance on its own, with `recurringEventId` and `originalStartTime`
        // (cancelled instances included even without showDeleted): one occurrence's change is reported
        // as that occurrence's, never as the series moving (a Convene series is one event, issue #22).
        // Expanding every instance (`singleEvents: true`) would list each occurrence of every recurring
        // event of the calendar on a full sync.
        // @see https://developers.google.com/calendar/api/v3/reference/events/list (singleEvents, showDeleted)
        // @see https://developers.google.com/calendar/api/guides/recurringevents
        singleEvents: false,
        ...(pageToken ? { pageToken } : {}),
        // With `syncToken`, timeMin/timeMax/updatedMin/orderBy/q/iCalUID are forbidden (400); deleted
        // events (`status: cancelled`) are always included.
        // @see https://developers.google.com/calendar/api/v3/reference/events/list (syncToken)
        ...(syncToken !== null
          ? { syncToken }
          : { timeMin: toRfc3339(query.window.start), timeMax: toRfc3339(query.window.end) }),
      };
      const page: calendar_v3.Schema$Events = await this.#client.call(
        'events.list',
        (options) => this.#client.api.events.list(params, options),
        query.signal,
      );
      const zone = resolveZone(page.timeZone) ?? 'UTC';
      for (const event of page.items ?? []) {
        const change = changeFromEvent(event, zone);
        if (change) changes.push(change);
      }
      if (page.nextPageToken) {
        pageToken = page.nextPageToken;
        continue;
      }
      // Only the last page carries `nextSyncToken`.
      // @see https://developers.google.com/calendar/api/guides/sync#initial_full_sync
      if (!page.nextSyncToken) {
        throw new ProviderError('google', 'unavailable', 'Google events.list ended without a nextSyncToken');
      }
      return { changes, cursor: page.nextSyncToken, full: syncToken === null };
    }
  }

  async watch(request: WatchRequest): Promise<WatchChannel> {
    if (request.channelId.length === 0 || request.channelId.length > MAX_CHANNEL_ID) {
      throw new ProviderError('google', 'invalid_request', 'Google channel ids are 1 to 64 characters');
    }
    const requestedExpiry = this.#clock() + Math.max(1, request.ttlMs);
    const channel: calendar_v3.Schema$Channel = await this.#client.call('events.watch', (options) =>
      this.#client.api.events.watch(
        {
          calendarId: request.calendarId,
          requestBody: {
            id: request.channelId,
            type: 'web_hook',
            address: request.address,
            // Echoed in X-Goog-Channel-Token on every notification: the webhook checks it.
            token: request.secret,
            // The default lifetime is one hour; always ask for ours (Google may shorten it).
            // @see https://developers.google.com/calendar/api/guides/push#making-watch-requests (expiration)
            expiration: String(requestedExpiry),
            params: { ttl: String(Math.max(1, Math.floor(request.ttlMs / 1000))) },
          },
        },
        options,
      ),
    );
    const expiresAt = Number(channel.expiration);
    return {
      channelId: channel.id ?? request.channelId,
      ...(channel.resourceId ? { resourceId: channel.resourceId } : {}),
      expiresAt: Number.isFinite(expiresAt) && expiresAt > 0 ? expiresAt : requestedExpiry,
    };
  }

  // No renewWatch: Google channels cannot be extended; the app opens a new channel before expiry
  // and stops the old one. @see https://developers.google.com/calendar/api/guides/push#renewing-notification-channels

  async stopWatch(channel: WatchChannel): Promise<void> {
    try {
      await this.#client.call('channels.stop', (options) =>
        this.#client.api.channels.stop(
          { requestBody: { id: channel.channelId, resourceId: channel.resourceId ?? null } },
          options,
        ),
      );
    } catch (error) {
      // Already stopped or expired: the goal is reached.
      // @see https://developers.google.com/calendar/api/guides/push#stopping-notifications
      if (error instanceof ProviderError && (error.status === 404 || error.status === 410)) return;
      throw error;
    }
  }
}

/** One listed event → an `EventChange` (ids and times only). Undefined when it carries no id. */
export function changeFromEvent(event: calendar_v3.Schema$Event, zone: string): EventChange | undefined {
  if (!event.id) return undefined;
  // An instance of a recurring event (an exception: moved, or cancelled): the series' id and the
  // instance's ORIGINAL start. Its iCalUID is the series' own.
  // @see https://developers.google.com/calendar/api/v3/reference/events#recurringEventId
  // @see https://developers.google.com/calendar/api/v3/reference/events#originalStartTime
  const occurrence = event.recurringEventId ? eventTime(event.originalStartTime, zone) : undefined;
  if (event.recurringEventId && occurrence === undefined) return undefined; // Never taken for the series.
  const ids = {
    eventId: event.id,
    ...(event.iCalUID ? { iCalUID: event.iCalUID } : {}),
    ...(event.etag ? { etag: event.etag } : {}),
    ...(occurrence !== undefined ? { occurrence, seriesEventId: event.recurringEventId! } : {}),
  };
  // Deleted events come back with `status: cancelled` (and little else).
  // @see https://developers.google.com/calendar/api/v3/reference/events#status
  if (event.status === 'cancelled') return { ...ids, kind: 'deleted' };
  // The calendar's owner declined it: for Convene the meeting is off for them.
  if (event.attendees?.some((a) => a.self === true && a.responseStatus === 'declined')) {
    return { ...ids, kind: 'deleted' };
  }
  const start = eventTime(event.start, zone);
  const end = eventTime(event.end, zone);
  return {
    ...ids,
    kind: 'changed',
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
  };
}

/** `dateTime` (with offset) or all-day `date` (midnight in the event's or the calendar's zone). */
function eventTime(time: calendar_v3.Schema$EventDateTime | undefined, zone: string): number | undefined {
  if (!time) return undefined;
  if (time.dateTime) return parseRfc3339(time.dateTime);
  if (time.date) {
    const local = DateTime.fromISO(time.date, { zone: resolveZone(time.timeZone) ?? zone });
    return local.isValid ? local.toMillis() : undefined;
  }
  return undefined;
}
