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
import type { ProviderKind } from '../../connectors/provider.ts';

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
