/**
 * Microsoft Graph change detection (`ChangeSource`): `calendarView/delta` for what changed, and
 * change-notification subscriptions (create, PATCH renewal, DELETE) for when to look. Ids and times
 * only: subjects are never read.
 *
 * The cursor is the whole `@odata.deltaLink` URL, as the docs ask; it is only ever followed on the
 * configured Graph origin (a stored cursor never sends the bearer token anywhere else).
 *
 * A series (issue #22): calendarView delta lists its occurrences and exceptions (`type`, `seriesMasterId`,
 * `originalStart`), never the master, and a deleted occurrence as `@removed` with its id alone. Each
 * occurrence is reported with its original start and series id; to report a deletion as THAT occurrence's,
 * the cursor also remembers the occurrence ids of the series the app tracks (`ChangeQuery.tracked`):
 * JSON `{ v: 2, link, occ: { <occurrence id>: [<series id>, <original start>] } }` (a bare deltaLink, the
 * older form, is still read).
 * @see https://learn.microsoft.com/graph/delta-query-events
 * @see https://learn.microsoft.com/graph/api/resources/event (type, seriesMasterId, originalStart)
 * @see https://learn.microsoft.com/graph/api/event-delta
 * @see https://learn.microsoft.com/graph/change-notifications-delivery-webhooks
 */

import type {
  ChangePage,
  ChangeQuery,
  ChangeSource,
  EventChange,
  WatchChannel,
  WatchRequest,
} from '../../app/ports/changes.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import { MINUTE } from '../../core/interval.ts';
import type { GraphTransport } from './client.ts';
import { asGraphFailure } from './errors.ts';
import { type GraphDateTimeTimeZone, parseGraphDateTime } from './mapper.ts';

/**
 * Outlook event subscriptions live at most 10,080 minutes (under 7 days); ask for a little less so
 * clock skew never makes Graph refuse the request.
 * @see https://learn.microsoft.com/graph/api/resources/subscription#subscription-lifetime
 */
export const MAX_SUBSCRIPTION_MS = (10_080 - 15) * MINUTE;
/** `clientState` is at most 128 characters. @see https://learn.microsoft.com/graph/api/resources/subscription#properties */
export const MAX_CLIENT_STATE = 128;
/**
 * Most occurrence ids a cursor remembers (about 200 bytes each): beyond it a deleted occurrence of a tracked
 * series is missed (never taken for anything else).
 */
export const MAX_REMEMBERED_OCCURRENCES = 2_000;
/** Delta page size asked for (`Prefer: odata.maxpagesize`); Graph may send fewer. */
const DELTA_PAGE_SIZE = 50;

interface DeltaItem {
  readonly id?: string;
  readonly type?: string;
  readonly seriesMasterId?: string;
  /** Occurrences and exceptions: the start the rule gave them (UTC, ISO 8601). */
  readonly originalStart?: string;
  readonly iCalUId?: string;
  readonly '@odata.etag'?: string;
  readonly '@removed'?: { readonly reason?: string };
  readonly isCancelled?: boolean;
  readonly responseStatus?: { readonly response?: string };
  readonly start?: GraphDateTimeTimeZone;
  readonly end?: GraphDateTimeTimeZone;
}

interface DeltaPage {
  readonly value?: readonly DeltaItem[];
  readonly '@odata.nextLink'?: string;
  readonly '@odata.deltaLink'?: string;
}

interface GraphSubscription {
  readonly id: string;
  readonly expirationDateTime?: string;
}

export interface MicrosoftChangeSourceOptions {
  readonly transport: GraphTransport;
  /** The signed-in mailbox (SMTP): the id of its default calendar. */
  readonly mailbox: string;
  /** Graph root the transport uses (ends with `/`); delta links are followed only on its origin. */
  readonly baseUrl: string;
  readonly clock?: () => number;
}

export class MicrosoftChangeSource implements ChangeSource {
  readonly #transport: GraphTransport;
  readonly #mailbox: string;
  readonly #origin: string;
  readonly #clock: () => number;

  constructor(options: MicrosoftChangeSourceOptions) {
    this.#transport = options.transport;
    this.#mailbox = options.mailbox;
    this.#origin = new URL(options.baseUrl).origin;
    this.#clock = options.clock ?? Date.now;
  }

  async listChanges(query: ChangeQuery): Promise<ChangePage> {
    const tracked = new Set(query.tracked ?? []);
    const cursor = parseDeltaCursor(query.cursor);
    if (cursor && this.#onGraph(cursor.link)) {
      try {
        return await this.#follow(cursor.link, false, tracked, cursor.occ, query.signal);
      } catch (error) {
        if (!mustResync(error)) throw error;
      }
    }
    const start = new Date(query.window.start).toISOString();
    const end = new Date(query.window.end).toISOString();
    const first = `${this.#calendarPath(query.calendarId)}/calendarView/delta?startDateTime=${encodeURIComponent(start)}&endDateTime=${encodeURIComponent(end)}`;
    return this.#follow(first, true, tracked, {}, query.signal);
  }

  /** Follows `@odata.nextLink` pages until the `@odata.deltaLink`, which becomes the cursor. */
  async #follow(
    url: string,
    full: boolean,
    tracked: ReadonlySet<string>,
    known: Readonly<Record<string, OccurrenceMemo>>,
    signal?: AbortSignal,
  ): Promise<ChangePage> {
    const changes: EventChange[] = [];
    // A full listing starts the memory over (what it lists is all there is).
    const occ: Record<string, OccurrenceMemo> = full ? {} : { ...known };
    let remembered = Object.keys(occ).length;
    let next = url;
    for (;;) {
      const current = next;
      const page = await this.#transport.send(
        'calendarView delta',
        'read',
        (api) =>
          api(current)
            // UTC times; pages as large as Graph allows us. @see https://learn.microsoft.com/graph/api/event-delta#request-headers
            .header('Prefer', `outlook.timezone="UTC", odata.maxpagesize=${DELTA_PAGE_SIZE}`)
            .get() as Promise<DeltaPage>,
        signal,
      );
      for (const item of page.value ?? []) {
        const memo = item.id ? occ[item.id] : undefined;
        if (item.id && item['@removed'] && memo) {
          // A deleted occurrence of a tracked series: only its id comes back.
          delete occ[item.id];
          remembered--;
          changes.push({ eventId: item.id, kind: 'deleted', seriesEventId: memo[0], occurrence: memo[1] });
          continue;
        }
        const change = changeFromDeltaItem(item);
        if (!change) continue;
        if (
          change.occurrence !== undefined &&
          change.seriesEventId &&
          tracked.has(change.seriesEventId) &&
          (change.eventId in occ || remembered < MAX_REMEMBERED_OCCURRENCES)
        ) {
          if (!(change.eventId in occ)) remembered++;
          occ[change.eventId] = [change.seriesEventId, change.occurrence];
        }
        changes.push(change);
      }
      const nextLink = page['@odata.nextLink'];
      if (nextLink) {
        if (!this.#onGraph(nextLink)) throw offOrigin();
        next = nextLink;
        continue;
      }
      const deltaLink = page['@odata.deltaLink'];
      if (!deltaLink || !this.#onGraph(deltaLink)) throw offOrigin();
      // Only occurrences of series still tracked are remembered (bounded by Convene's series).
      for (const [id, [series]] of Object.entries(occ)) if (!tracked.has(series)) delete occ[id];
      const cursor =
        Object.keys(occ).length > 0
          ? JSON.stringify({ v: 2, link: deltaLink, occ } satisfies DeltaCursor)
          : deltaLink;
      return { changes, cursor, full };
    }
  }

  async watch(request: WatchRequest): Promise<WatchChannel> {
    if (request.secret.length === 0 || request.secret.length > MAX_CLIENT_STATE) {
      throw new ProviderError(
        'microsoft',
        'invalid_request',
        'Graph clientState must be 1 to 128 characters',
      );
    }
    const body = {
      changeType: 'created,updated,deleted',
      notificationUrl: request.address,
      ...(request.lifecycleAddress ? { lifecycleNotificationUrl: request.lifecycleAddress } : {}),
      resource: this.#resource(request.calendarId),
      expirationDateTime: this.#expiry(request.ttlMs),
      clientState: request.secret,
    };
    // Graph validates notificationUrl (and lifecycleNotificationUrl) with a handshake before answering:
    // a webhook that does not echo the validationToken within 10 s makes this fail with 400.
    // @see https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation
    const created = await this.#transport.send(
      'create subscription',
      'write',
      (api) => api('/subscriptions').post(body) as Promise<GraphSubscription>,
    );
    return this.#channel(created, body.expirationDateTime);
  }

  async renewWatch(channel: WatchChannel, ttlMs: number): Promise<WatchChannel> {
    const expirationDateTime = this.#expiry(ttlMs);
    // @see https://learn.microsoft.com/graph/api/subscription-update
    const updated = await this.#transport.send(
      'renew subscription',
      'write',
      (api) =>
        api(`/subscriptions/${encodeURIComponent(channel.channelId)}`).patch({
          expirationDateTime,
        }) as Promise<GraphSubscription>,
    );
    return this.#channel(updated, expirationDateTime);
  }

  async stopWatch(channel: WatchChannel): Promise<void> {
    try {
      await this.#transport.send('delete subscription', 'write', (api) =>
        api(`/subscriptions/${encodeURIComponent(channel.channelId)}`).delete(),
      );
    } catch (error) {
      // Already removed (expired, or deleted by Graph with a subscriptionRemoved notice): success.
      if (error instanceof ProviderError && error.status === 404) return;
      throw error;
    }
  }

  #expiry(ttlMs: number): string {
    return new Date(this.#clock() + Math.min(Math.max(MINUTE, ttlMs), MAX_SUBSCRIPTION_MS)).toISOString();
  }

  #channel(subscription: GraphSubscription, requested: string): WatchChannel {
    const expiresAt = Date.parse(subscription.expirationDateTime ?? requested);
    return {
      channelId: subscription.id,
      expiresAt: Number.isNaN(expiresAt) ? Date.parse(requested) : expiresAt,
    };
  }

  #isMailbox(calendarId: string): boolean {
    return calendarId.toLowerCase() === this.#mailbox.toLowerCase();
  }

  #calendarPath(calendarId: string): string {
    return this.#isMailbox(calendarId) ? '/me' : `/me/calendars/${encodeURIComponent(calendarId)}`;
  }

  /** @see https://learn.microsoft.com/graph/api/resources/subscription#resources-supported (Outlook event) */
  #resource(calendarId: string): string {
    return this.#isMailbox(calendarId)
      ? 'me/events'
      : `me/calendars/${encodeURIComponent(calendarId)}/events`;
  }

  #onGraph(url: string): boolean {
    try {
      return new URL(url).origin === this.#origin;
    } catch {
      return false;
    }
  }
}

/**
 * The stored delta state is gone: 410 Gone (with a Location to start over), or "a 40X-series error
 * with error codes such as `syncStateNotFound`". Either way: a full listing of the window.
 * @see https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset
 */
function mustResync(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return false;
  if (error.status === 410) return true;
  const code = asGraphFailure(error.cause)?.code ?? '';
  return error.status !== undefined && error.status >= 400 && error.status < 500 && /^syncState/i.test(code);
}

function offOrigin(): ProviderError {
  return new ProviderError(
    'microsoft',
    'unavailable',
    'Graph delta returned a link outside the Graph origin',
  );
}

/** A remembered occurrence of a tracked series: [series id, original start]. */
type OccurrenceMemo = readonly [string, number];

interface DeltaCursor {
  readonly v: 2;
  readonly link: string;
  readonly occ: Readonly<Record<string, OccurrenceMemo>>;
}

/** The stored cursor: a bare deltaLink (no occurrence remembered), or the JSON form. */
function parseDeltaCursor(
  cursor: string | null,
): { link: string; occ: Record<string, OccurrenceMemo> } | null {
  if (cursor === null) return null;
  if (!cursor.startsWith('{')) return { link: cursor, occ: {} };
  try {
    const value = JSON.parse(cursor) as Partial<DeltaCursor>;
    if (value?.v !== 2 || typeof value.link !== 'string') return null;
    const occ: Record<string, OccurrenceMemo> = {};
    for (const [id, memo] of Object.entries(value.occ ?? {}))
      if (Array.isArray(memo) && typeof memo[0] === 'string' && typeof memo[1] === 'number')
        occ[id] = [memo[0], memo[1]];
    return { link: value.link, occ };
  } catch {
    return null;
  }
}

/** One delta entry → an `EventChange` (ids and times only). */
export function changeFromDeltaItem(item: DeltaItem): EventChange | undefined {
  if (!item.id) return undefined;
  // An occurrence or exception of a series: its series and ORIGINAL start. One without them is never
  // taken for a whole event (an exception has its own iCalUId).
  const ofSeries = item.type === 'occurrence' || item.type === 'exception';
  const occurrence = ofSeries && item.originalStart ? Date.parse(item.originalStart) : Number.NaN;
  if (ofSeries && (!item.seriesMasterId || !Number.isFinite(occurrence))) return undefined;
  // A master is never in a calendarView; if one comes, its own times say nothing of its occurrences.
  if (item.type === 'seriesMaster') return undefined;
  const ids = {
    eventId: item.id,
    ...(item.iCalUId ? { iCalUID: item.iCalUId } : {}),
    ...(item['@odata.etag'] ? { etag: item['@odata.etag'] } : {}),
    ...(ofSeries ? { seriesEventId: item.seriesMasterId!, occurrence } : {}),
  };
  // Deletions (and events leaving the window) come as `@removed`. @see https://learn.microsoft.com/graph/api/event-delta#response
  if (item['@removed']) return { ...ids, kind: 'deleted' };
  // Cancelled by the organiser, or declined by the mailbox owner: off for Convene.
  if (item.isCancelled === true || item.responseStatus?.response === 'declined') {
    return { ...ids, kind: 'deleted' };
  }
  const start = parseGraphDateTime(item.start);
  const end = parseGraphDateTime(item.end);
  return {
    ...ids,
    kind: 'changed',
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
  };
}
