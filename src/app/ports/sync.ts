/**
 * Ports of two-way sync (change detection for the events Convene wrote).
 *
 * - A `CalendarWatch` is one watched calendar of one connection: `push` (Google channel, Graph
 *   subscription) or `poll` (CalDAV, ICS; also the fallback when a push channel cannot be opened).
 * - Provider webhooks (src/bot/web/calendar-webhooks.ts) only authenticate a notification against its
 *   watch and queue work (`SyncQueue`): they answer within 3 s, the sync itself runs as a durable job.
 * - The channel secret (Google channel token, Graph `clientState`) is never stored: it is an HMAC of
 *   the WATCH id (not the channel id: Graph assigns the subscription id only after `clientState` was
 *   sent) under the server's state secret, so `secretMatches` recomputes and compares it in constant
 *   time. Look the watch up first (`findByChannel`), then check the secret against it.
 */
import type { ProviderKind } from './provider.ts';
import type { ExpectedTimes, OccurrenceException } from './store.ts';

export interface CalendarWatch {
  readonly id: string;
  readonly tenantId: string;
  readonly connectionId: string;
  readonly calendarId: string;
  readonly provider: ProviderKind;
  readonly mode: 'push' | 'poll';
  /** Push: Google channel id (Convene's) or Graph subscription id. */
  readonly channelId: string | null;
  /** Google's `resourceId` of the channel. */
  readonly resourceId: string | null;
  /** Push: epoch ms the channel/subscription expires. */
  readonly expiresAt: number | null;
  /** Opaque `ChangePage.cursor` of the last sync (null before the first). */
  readonly cursor: string | null;
  /** Google: highest `X-Goog-Message-Number` seen (older or equal numbers are duplicates). */
  readonly lastMessageNumber: number | null;
  readonly lastSyncAt: number | null;
}

export interface WatchLookup {
  /** The watch a push notification names; null when unknown (forged, or already stopped). */
  findByChannel(provider: 'google' | 'microsoft', channelId: string): Promise<CalendarWatch | null>;
  /** The watches a batch of push notifications names, in ONE query (keyed by channel id; unknown ids absent). */
  findManyByChannel(
    provider: 'google' | 'microsoft',
    channelIds: readonly string[],
  ): Promise<ReadonlyMap<string, CalendarWatch>>;
  /** Constant-time check of the secret a notification presents (Google token, Graph clientState) for its watch. */
  secretMatches(watch: CalendarWatch, presented: string): boolean;
}

export type RewatchReason = 'removed' | 'reauthorization_required' | 'missed' | 'expired';

export interface SyncQueue {
  /**
   * Queues a sync of the watch as a durable job (idempotent: a notification delivered twice queues
   * one job). `messageNumber` (Google) lets the queue drop duplicates and out-of-order older ones.
   * Must be quick: webhooks call it before answering.
   */
  requestSync(
    watch: CalendarWatch,
    notice: { readonly messageNumber?: number },
  ): Promise<'queued' | 'duplicate'>;
  /** Graph lifecycle notifications and expired channels: recreate the channel, then resync (a job). */
  requestRewatch(watch: CalendarWatch, reason: RewatchReason): Promise<void>;
}

// --- store ------------------------------------------------------------------------------------

export interface EnsureWatchInput {
  readonly tenantId: string;
  readonly connectionId: string;
  readonly calendarId: string;
  readonly provider: ProviderKind;
  readonly mode: 'push' | 'poll';
}

/** A connection as the watch reconciliation sees it (every tenant, at start). */
export interface WatchTarget {
  readonly tenantId: string;
  readonly connectionId: string;
  readonly personId: string;
  readonly provider: ProviderKind;
  readonly writeCalendarId: string | null;
  readonly busyCalendarIds: readonly string[];
}

/** A calendar event Convene wrote for an active booking, as change detection matches it. */
export interface TrackedEvent {
  readonly bookingId: string;
  readonly personId: string;
  readonly connectionId: string | null;
  readonly calendarId: string;
  readonly providerEventId: string | null;
  readonly iCalUID: string | null;
  readonly status: 'created' | 'deleted';
  /** What Convene wrote or is writing to it (see `CalendarEventRecord.expected`). */
  readonly expected: readonly ExpectedTimes[];
  /** The booking's current times (a series: its first occurrence). */
  readonly start: number;
  readonly end: number;
  /** A series: what Convene did to single occurrences (`BookingRepository.occurrences`). */
  readonly exceptions?: readonly OccurrenceException[];
}

export type SyncDecisionStatus = 'open' | 'followed' | 'restored' | 'cancelled' | 'kept' | 'superseded';

/** What a participant did to a booking's event, and what the organiser chose (DM buttons). */
export interface SyncDecision {
  readonly id: string;
  readonly tenantId: string;
  readonly bookingId: string;
  readonly personId: string;
  readonly kind: 'moved' | 'deleted';
  /** Moved: the participant's new times. */
  readonly start: number | null;
  readonly end: number | null;
  /** The booking's start when the change was seen. */
  readonly bookingStart: number;
  /**
   * A series: the ORIGINAL start of the one occurrence the participant changed (the choices apply to it
   * only); null for the whole meeting.
   */
  readonly occurrence: number | null;
  readonly status: SyncDecisionStatus;
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  readonly createdAt: number;
}

export interface WatchRepository {
  /** Creates the watch of (connection, calendar) or returns the existing one (mode updated). Null when the connection is not in the tenant. */
  ensure(input: EnsureWatchInput): Promise<CalendarWatch | null>;
  get(tenantId: string, watchId: string): Promise<CalendarWatch | null>;
  findByChannel(provider: 'google' | 'microsoft', channelId: string): Promise<CalendarWatch | null>;
  /** One query for many channel ids (a Graph batch); ids longer than 500 characters are ignored. */
  findManyByChannel(
    provider: 'google' | 'microsoft',
    channelIds: readonly string[],
  ): Promise<Map<string, CalendarWatch>>;
  listForConnection(tenantId: string, connectionId: string): Promise<CalendarWatch[]>;
  remove(tenantId: string, watchId: string): Promise<boolean>;
  /** Records the open channel (or, with `mode: 'poll'`, clears it). */
  setChannel(
    tenantId: string,
    watchId: string,
    channel: {
      mode: 'push' | 'poll';
      channelId: string | null;
      resourceId: string | null;
      expiresAt: number | null;
    },
  ): Promise<boolean>;
  /**
   * Stores the cursor of a successful sync and stamps `lastSyncAt` (watch and connection). `null` drops the
   * cursor: the next sync lists the whole window.
   */
  saveSync(
    tenantId: string,
    watchId: string,
    cursor: string | null,
    syncedAt: number,
    /** `from`: save only if the stored cursor is still this one (false otherwise: another sync moved it). */
    options?: { readonly from?: string | null },
  ): Promise<boolean>;
  /** Raises `lastMessageNumber` to `n` atomically; false when `n` is not above it (a duplicate or older notification). */
  noteMessage(watchId: string, n: number): Promise<boolean>;
  /** The generation queued syncs share (see `beginSync`). */
  generation(watchId: string): Promise<number | null>;
  /** Starts a sync: bumps the generation, so notifications from now on queue a new job. */
  beginSync(watchId: string): Promise<number | null>;
  /** Deletes the finished (`done`) poll and sync jobs of a watch that ran before `before`; returns how many. */
  pruneJobs(watchId: string, before: number): Promise<number>;
  /** Every connection of every tenant (start-up reconciliation of watches). */
  targets(): Promise<WatchTarget[]>;
  /**
   * Events Convene wrote (status created or deleted) for active (`booked`) bookings ending after
   * `since` (a series: whatever its first occurrence, as later ones may still come): of one connection,
   * or (ICS feeds, matched by UID) of one person.
   */
  trackedEvents(
    tenantId: string,
    scope: { connectionId: string } | { personId: string },
    since: number,
  ): Promise<TrackedEvent[]>;

  // Organiser decisions.
  /** Opens the question (superseding an older one); null when this very question is already open. */
  openDecision(input: {
    tenantId: string;
    bookingId: string;
    personId: string;
    kind: 'moved' | 'deleted';
    start: number | null;
    end: number | null;
    bookingStart: number;
    /** A series' occurrence (original start); absent or null: the whole meeting. */
    occurrence?: number | null;
    now: number;
  }): Promise<SyncDecision | null>;
  getDecision(tenantId: string, decisionId: string): Promise<SyncDecision | null>;
  /** The open decision of (booking, person, occurrence — null: the whole meeting), if any. */
  openDecisionFor(
    tenantId: string,
    bookingId: string,
    personId: string,
    occurrence?: number | null,
  ): Promise<SyncDecision | null>;
  /**
   * The newest decision of (booking, person, occurrence), whatever its status: a change already decided
   * (kept without them, put back) and listed again is not asked twice.
   */
  latestDecisionFor(
    tenantId: string,
    bookingId: string,
    personId: string,
    occurrence: number | null,
  ): Promise<SyncDecision | null>;
  /** Moves an open decision to `status` exactly once: false when it was no longer open (a double click). */
  resolveDecision(
    tenantId: string,
    decisionId: string,
    status: Exclude<SyncDecisionStatus, 'open'>,
    by: string | null,
    at: number,
  ): Promise<boolean>;
  /** Reopens a decision whose action failed (e.g. the new time was taken). */
  reopenDecision(tenantId: string, decisionId: string): Promise<boolean>;
}
