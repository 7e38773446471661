/**
 * Calendar ports the use cases depend on. `src/app/calendar-access.ts` implements them over the
 * stored connections and the connectors in `src/connectors`; tests and the demo use in-memory ones.
 */

import type { EventDraft, WrittenEvent } from '../../connectors/provider.ts';
import type { Interval } from '../../core/interval.ts';

/** Why a person's busy time is incomplete (reported to the organiser, never hidden). */
export interface BusyGap {
  readonly personId: string;
  readonly connectionId: string | null;
  readonly code:
    | 'not_linked'
    | 'reauth_required'
    | 'unavailable'
    | 'not_found'
    | 'timeout'
    | 'provider_error';
  readonly message: string;
}

export interface PersonBusy {
  readonly personId: string;
  /** Normalised (sorted, merged) busy intervals across all of the person's linked calendars. */
  readonly busy: readonly Interval[];
  /** False when at least one of the person's calendars could not be read. */
  readonly complete: boolean;
}

export interface BusyReadResult {
  readonly people: readonly PersonBusy[];
  readonly gaps: readonly BusyGap[];
}

export interface BusyReader {
  /**
   * Busy time of each person over `range`, all calendars read in parallel, each provider time-boxed.
   * `fresh: true` bypasses the cache (booking re-checks live availability).
   */
  busyFor(
    tenantId: string,
    personIds: readonly string[],
    range: Interval,
    options?: { fresh?: boolean; signal?: AbortSignal },
  ): Promise<BusyReadResult>;
}

export type WriteOutcome =
  | {
      readonly ok: true;
      readonly connectionId: string;
      /** The provider calendar the event lives in (what update and delete need later). */
      readonly calendarId: string;
      readonly event: WrittenEvent;
    }
  | {
      readonly ok: false;
      readonly connectionId: string | null;
      /** The calendar the write was aimed at, when one was chosen (so a retry's record replaces this one). */
      readonly calendarId?: string;
      readonly code: string;
      readonly message: string;
    };

export interface EventWriter {
  /** Writes the event to the person's write calendar (idempotent by `draft.idempotencyKey`). */
  writeFor(tenantId: string, personId: string, draft: Omit<EventDraft, 'calendarId'>): Promise<WriteOutcome>;
}

/** The recorded provider event of a person that `updateFor`/`deleteFor` act on. */
export interface EventTarget {
  readonly connectionId: string | null;
  readonly calendarId: string;
  readonly eventId: string;
}

export type DeleteOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Updating and deleting events Convene wrote (reschedule, cancel, compensation). The connectors'
 * `updateEvent`/`deleteEvent` are idempotent, so the outbox may retry these freely.
 */
export interface EventEditor {
  updateFor(
    tenantId: string,
    personId: string,
    target: EventTarget,
    draft: Omit<EventDraft, 'calendarId'>,
  ): Promise<WriteOutcome>;
  deleteFor(tenantId: string, personId: string, target: EventTarget): Promise<DeleteOutcome>;
}

/** Direct messages to a person on their chat platform (Slack DM, Discord DM, playground inbox). */
export interface Notifier {
  dm(
    tenantId: string,
    personId: string,
    message: { text: string; link?: { label: string; url: string } },
  ): Promise<{ ok: true } | { ok: false; code: string }>;
}
