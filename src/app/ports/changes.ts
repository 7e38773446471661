/**
 * Change detection: the optional part of `CalendarProvider` that tells Convene when events in a
 * calendar changed, so that a meeting moved or deleted by a participant updates the booking.
 *
 * Two halves:
 * - `listChanges` (every connector that can): what changed since an opaque cursor. Google: incremental
 *   `events.list` with `syncToken` (410 → full resync). Graph: `calendarView/delta` following the stored
 *   deltaLink (410 / `syncStateNotFound` → full resync). CalDAV: collection ctag / sync-token, then
 *   per-resource ETags. ICS: the feed's ETag / Last-Modified, then per-UID fingerprints.
 * - `watch` / `renewWatch` / `stopWatch` (push providers only: Google `events.watch`, Graph
 *   subscriptions). CalDAV and ICS have no push: the app polls them with `listChanges`.
 *
 * Connectors report changes for ANY event in the calendar; the app keeps only Convene's own events
 * (matched by provider event id or iCalUID). No titles: an `EventChange` carries ids and times only.
 *
 * A recurring event (a series Convene wrote as ONE event, issue #22): a change of the series itself has
 * no `occurrence`; a change of ONE of its occurrences (an exception: moved, cancelled, deleted) carries
 * the occurrence's ORIGINAL start in `occurrence` and the series' event in `seriesEventId`, and must never
 * be reported as a change of the whole event (same iCalUID, other times).
 */
import type { Interval } from '../../core/interval.ts';

export interface EventChange {
  /** The provider event id (what `createEvent` returned as `eventId`). */
  readonly eventId: string;
  readonly iCalUID?: string;
  /**
   * `changed`: the event exists now with `start`/`end` (epoch ms; a moved event, or just a touch).
   * `deleted`: the event is gone, or cancelled / declined by the calendar's owner.
   */
  readonly kind: 'changed' | 'deleted';
  readonly start?: number;
  readonly end?: number;
  readonly etag?: string;
  /**
   * One occurrence of a series: its ORIGINAL start (epoch ms, where the rule puts it; Google
   * `originalStartTime`, Graph `originalStart`, CalDAV `RECURRENCE-ID` / `EXDATE`). `changed`: the
   * occurrence is now at `start`/`end`; `deleted`: that occurrence alone was cancelled or deleted.
   */
  readonly occurrence?: number;
  /** With `occurrence`: the series' own event id (what `createEvent` returned; Google `recurringEventId`, Graph `seriesMasterId`). */
  readonly seriesEventId?: string;
}

export interface ChangePage {
  readonly changes: readonly EventChange[];
  /** Opaque; store it and pass it to the next `listChanges`. Never shown to anyone. */
  readonly cursor: string;
  /**
   * True when this page is a FULL listing of the calendar over the window (first sync, or the old
   * cursor was refused: Google 410, Graph 410/`syncStateNotFound`, CalDAV invalid sync-token):
   * an event Convene wrote that is absent from `changes` was deleted.
   */
  readonly full: boolean;
}

export interface ChangeQuery {
  readonly calendarId: string;
  /** Null on the first sync. */
  readonly cursor: string | null;
  /** The window a full listing covers (a full sync lists events overlapping it). */
  readonly window: Interval;
  /**
   * The provider event ids Convene tracks in this calendar. A connector whose provider reports a deleted
   * occurrence by an id alone (Graph `@removed`) remembers, in its cursor, the occurrences of these
   * series it saw, to report the deletion as that occurrence's. Others ignore it.
   */
  readonly tracked?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface WatchRequest {
  readonly calendarId: string;
  /** Convene's public HTTPS endpoint for this provider's notifications. */
  readonly address: string;
  /** Random secret echoed back on every notification (Google channel token, Graph `clientState`, ≤ 128 chars). */
  readonly secret: string;
  /** Unique channel id Convene chose (Google requires one; Graph assigns its own, returned in `channelId`). */
  readonly channelId: string;
  /** Requested lifetime; providers cap it (Graph events < 7 days). */
  readonly ttlMs: number;
  /** Graph only: where lifecycle notifications go. */
  readonly lifecycleAddress?: string;
}

export interface WatchChannel {
  /** Google: the channel id Convene chose; Graph: the subscription id. */
  readonly channelId: string;
  /** Google's `resourceId` (needed by `channels.stop`). */
  readonly resourceId?: string;
  /** Epoch ms. Renew before it. */
  readonly expiresAt: number;
}

export interface ChangeSource {
  listChanges(query: ChangeQuery): Promise<ChangePage>;
  /** Push providers only. */
  watch?(request: WatchRequest): Promise<WatchChannel>;
  /** Graph: PATCH the subscription. Google has no renewal: the app opens a new channel and stops the old one. */
  renewWatch?(channel: WatchChannel, ttlMs: number): Promise<WatchChannel>;
  /** Stopping a channel that is already gone succeeds. */
  stopWatch?(channel: WatchChannel): Promise<void>;
}
