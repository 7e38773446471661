/**
 * Calendar ports the use cases depend on. `src/connectors/access/calendar-access.ts` implements them over the
 * stored connections and the connectors in `src/connectors`; tests and the demo use in-memory ones.
 */

import type { Interval } from '../../core/interval.ts';
import type { Locale } from '../../core/locale.ts';
import type { CalendarRef, EventDraft, WrittenEvent } from './provider.ts';
import type { CalendarConnection } from './store.ts';

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

/** The calendars of one linked account, as its provider lists them now (several calendars per person). */
export interface ConnectionCalendars {
  /** Throws (a `ProviderError`) when the provider cannot be reached or the account must be linked again. */
  calendarsOf(connection: CalendarConnection, signal?: AbortSignal): Promise<readonly CalendarRef[]>;
}

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

/**
 * A change to one occurrence of a series Convene wrote (issue #22), the occurrence named by its ORIGINAL
 * start (epoch ms): cancel it, move it to `[start, end)`, or end the series before it (that occurrence
 * and every later one are gone).
 */
export type SeriesChange =
  | { readonly kind: 'cancel'; readonly originalStart: number }
  | { readonly kind: 'move'; readonly originalStart: number; readonly start: number; readonly end: number }
  /** A deleted occurrence put back at `[start, end)` (`SeriesEditor.restoreOccurrence`). */
  | { readonly kind: 'restore'; readonly originalStart: number; readonly start: number; readonly end: number }
  | { readonly kind: 'end'; readonly originalStart: number };

/**
 * Applies a `SeriesChange` to a person's recorded series event through the provider's exception
 * mechanism (`CalendarProvider.series`). Idempotent, so the outbox may retry it. Expected refusals are
 * values: `occurrence_not_found`, `first_occurrence`, `series_unsupported`, and the usual write codes.
 */
export interface SeriesOccurrenceEditor {
  changeSeriesFor(
    tenantId: string,
    personId: string,
    target: EventTarget,
    change: SeriesChange,
  ): Promise<DeleteOutcome>;
}

/**
 * A button in a DM. Clicking it runs the app handler registered under `action` (a `DmActionHandler`)
 * with `value`; chat adapters carry both opaquely (Slack `action_id`/`value`, Discord `custom_id`
 * `dm:<action>:<value>`, ≤ 100 chars), so `action` ≤ 24 and `value` ≤ 64 characters.
 */
export interface DmAction {
  readonly action: string;
  readonly value: string;
  readonly label: string;
  readonly style?: 'primary' | 'danger';
}

/**
 * Runs a DM button's action for the person who clicked it (the adapter resolved `actorPersonId` from
 * the clicking chat identity; the handler checks it may act). The returned text replaces the DM's
 * buttons, so a second click cannot run the action again.
 */
export type DmActionHandler = (input: {
  readonly tenantId: string;
  readonly actorPersonId: string;
  readonly value: string;
  readonly now: number;
}) => Promise<{ readonly text: string }>;

/** Direct messages to a person on their chat platform (Slack DM, Discord DM, playground inbox). */
export interface Notifier {
  dm(
    tenantId: string,
    personId: string,
    message: { text: string; link?: { label: string; url: string }; actions?: readonly DmAction[] },
  ): Promise<{ ok: true } | { ok: false; code: string }>;
}

/** Why a linked calendar must be linked again: a CalDAV password refused (HTTP 401), OAuth consent removed, or the grant revoked/expired. */
export type RelinkReason = 'password_rejected' | 'consent_removed' | 'access_revoked';

/** A re-link notice for one broken connection, as the connector layer reports it (codes, no wording). */
export interface RelinkNotice {
  readonly tenantId: string;
  readonly personId: string;
  readonly provider: 'google' | 'microsoft' | 'caldav' | 'ics';
  /** The account shown to the person (e-mail, username@host). */
  readonly account: string;
  readonly reason: RelinkReason;
}

/**
 * Words a re-link DM in the person's language (src/app/relink-notice.ts): the DM text and the label of
 * its link button. Passed to the connector layer from compose, which may not import the catalogues.
 */
export type RelinkWording = (notice: RelinkNotice) => Promise<{ text: string; linkLabel: string }>;

/**
 * The conversation a booking was made in (the Slack thread of the proposal message, the Discord channel
 * message). Used to keep it current when the meeting is cancelled, moved, or changed in a calendar.
 */
export interface MeetingThreads {
  /** Posts `text` as a reply in the booking's conversation; `no_thread` when none is recorded. */
  note(
    tenantId: string,
    bookingId: string,
    text: string,
  ): Promise<{ ok: true } | { ok: false; code: string }>;
  /**
   * Rewrites the booking's own message (the confirmation) at its current time, after a move made from
   * elsewhere (a DM button of two-way sync): the channel never keeps showing the old time.
   */
  showMoved?(
    tenantId: string,
    bookingId: string,
    view: BookingSummaryView,
    headline: string,
    movedBy: string,
  ): Promise<{ ok: true } | { ok: false; code: string }>;
}

/** A booking as the chat surfaces show it (built by `describeBooking` in manage-booking.ts). */
export interface BookingSummaryView {
  readonly locale: Locale;
  readonly bookingId: string;
  readonly title: string;
  readonly start: number;
  readonly end: number;
  /** In the organiser's zone. */
  readonly label: string;
  readonly participants: readonly { personId: string; name: string; timeZone: string; label: string }[];
}
