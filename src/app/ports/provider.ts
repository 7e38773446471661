/**
 * The one interface every calendar connector implements (Google, Microsoft 365, CalDAV, ICS).
 * Connectors read free/busy only: `getBusy` returns intervals, never titles.
 * Expected per-calendar failures (a calendar not found, partial data) are values inside
 * `BusyResult`; outages and auth failures are thrown as `ProviderError` (see ./provider-errors.ts).
 */
import type { Interval } from '../../core/interval.ts';
import type { ChangeSource } from './changes.ts';

export type ProviderKind = 'google' | 'microsoft' | 'caldav' | 'ics';

export interface CalendarRef {
  /** Provider-specific calendar id (Google calendar id, Graph calendar id / mailbox, CalDAV collection URL, ICS URL). */
  readonly id: string;
  readonly name: string;
  readonly primary: boolean;
  /** Whether Convene may write events to it. ICS feeds are never writable. */
  readonly writable: boolean;
  readonly timeZone?: string;
  /**
   * False when the connector cannot read this calendar's busy times (Microsoft getSchedule reads a
   * mailbox's default calendar only): it cannot count as busy. Absent: readable.
   */
  readonly readsBusy?: boolean;
}

export interface BusyQuery {
  readonly calendarIds: readonly string[];
  /** Half-open epoch-ms range. Connectors chunk it under their provider's limits. */
  readonly range: Interval;
  readonly signal?: AbortSignal;
  /**
   * Events marked tentative: `busy` (default) or `free` (the person's "treat tentative as free").
   * Honoured where the provider tells tentative apart (ICS, CalDAV, Microsoft); Google's freeBusy does not.
   */
  readonly tentative?: 'busy' | 'free';
  /** A fresh read: no body a connector kept from a recent read of the same calendar (ICS shares them for seconds). */
  readonly fresh?: boolean;
}

export type CalendarBusy =
  | {
      readonly ok: true;
      readonly busy: readonly Interval[];
      /** Parts of the calendar that could not be read (the rest was), one line each, for `/meet status`. */
      readonly warnings?: readonly string[];
    }
  | { readonly ok: false; readonly error: { readonly code: CalendarErrorCode; readonly message: string } };

export type CalendarErrorCode = 'not_found' | 'forbidden' | 'too_many_calendars' | 'provider_error';

export interface BusyResult {
  /** One entry per requested calendar id. Busy lists are normalised (sorted, merged). */
  readonly calendars: Readonly<Record<string, CalendarBusy>>;
}

export interface Attendee {
  readonly email: string;
  readonly name?: string;
  readonly optional?: boolean;
}

export interface EventDraft {
  /**
   * Stable across retries of the same write: becomes the Google client-set event id,
   * the Graph `transactionId`, the CalDAV resource name (written with `If-None-Match: *`).
   */
  readonly idempotencyKey: string;
  readonly calendarId: string;
  readonly title: string;
  readonly description?: string;
  readonly start: number;
  readonly end: number;
  /** IANA zone the event is presented in (the organiser's). */
  readonly timeZone: string;
  readonly attendees: readonly Attendee[];
  /** Ask the provider for a video link (Google Meet, Teams) where it offers one. */
  readonly conference: boolean;
  /**
   * A recurring event (a series): `start`/`end` are the first occurrence; the rule repeats it at the same
   * wall-clock time in `recurrence.timeZone` (DST per occurrence). Absent: a single event.
   */
  readonly recurrence?: EventRecurrence;
}

/** RFC 5545 weekday codes, in RRULE order. */
export type RecurrenceWeekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export const RECURRENCE_WEEKDAYS: readonly RecurrenceWeekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The rule of a recurring event, as plain data (no provider type): the RRULE parts FREQ, INTERVAL, BYDAY,
 * BYSETPOS or BYMONTHDAY, and COUNT or UNTIL, plus the zone its wall-clock times are read in. Each
 * connector turns it into its provider's form (Google `recurrence`, Graph `patternedRecurrence`, CalDAV
 * RRULE with a VTIMEZONE), or refuses it as `recurrence_unsupported` (see `RecurrenceCheck`).
 */
export interface EventRecurrence {
  readonly freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  /** 1 = every period, 2 = every other one. */
  readonly interval: number;
  /** WEEKLY: the weekdays; MONTHLY with `bySetPos`: the weekday(s) of that rank ("first Monday"). */
  readonly byDay?: readonly RecurrenceWeekday[];
  /**
   * MONTHLY: the rank of `byDay` in the month, 1…5 or -1 (last), -2 (second to last); several ranks for
   * `the 2nd and 4th Tuesday` ([2, 4]), which Outlook cannot say (`checkRecurrence` refuses it).
   */
  readonly bySetPos?: number | readonly number[];
  /**
   * MONTHLY without `bySetPos`: the rank in the month of each weekday of `byDay`, in the same order, when
   * the ranks differ between weekdays (`the first Monday and the third Wednesday`: byDay [MO, WE],
   * byDayRanks [1, 3], RRULE BYDAY=1MO,3WE), which no BYSETPOS says. Outlook cannot say it either
   * (`checkRecurrence` refuses it).
   */
  readonly byDayRanks?: readonly number[];
  /** MONTHLY: the day of the month, 1…31. */
  readonly byMonthDay?: number;
  /** Number of occurrences (exclusive with `until`). */
  readonly count?: number;
  /** Last instant an occurrence may start at, epoch ms (exclusive with `count`). */
  readonly until?: number;
  /** IANA zone the occurrences keep their wall-clock time in (the event's `timeZone`). */
  readonly timeZone: string;
}

/** Whether a connector can write a rule: a value, never an exception. */
export type RecurrenceCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'recurrence_unsupported'; readonly message: string };

export interface WrittenEvent {
  readonly eventId: string;
  readonly iCalUID?: string;
  readonly conferenceUrl?: string;
  readonly etag?: string;
}

export interface CalendarProvider {
  readonly kind: ProviderKind;
  listCalendars(signal?: AbortSignal): Promise<CalendarRef[]>;
  getBusy(query: BusyQuery): Promise<BusyResult>;
  /** Creating twice with the same idempotency key yields one event (the second call returns it). */
  createEvent(draft: EventDraft): Promise<WrittenEvent>;
  updateEvent(eventId: string, draft: EventDraft): Promise<WrittenEvent>;
  /**
   * Whether `createEvent` can write this rule as one recurring event; the writer asks first and answers
   * `recurrence_unsupported` instead of calling `createEvent`. Absent: the connector writes no series.
   */
  checkRecurrence?(rule: EventRecurrence): RecurrenceCheck;
  /** Deleting an event that is already gone succeeds. */
  deleteEvent(calendarId: string, eventId: string): Promise<void>;
  /**
   * Changes to one occurrence of a series Convene wrote (`createEvent` with `recurrence`), through the
   * provider's own exception mechanism (Google instance, Graph occurrence, CalDAV RECURRENCE-ID/EXDATE/
   * UNTIL): the series stays ONE event. Absent: the connector cannot manage occurrences.
   */
  readonly series?: SeriesEditor;
  /** Change detection (./changes.ts); absent where the connector cannot report changes. */
  readonly changes?: ChangeSource;
}

/** One occurrence of a written series: the series' event and the occurrence's ORIGINAL start instant. */
export interface OccurrenceRef {
  readonly calendarId: string;
  /** The series' event id, as `createEvent` returned it. */
  readonly eventId: string;
  /** Epoch ms: where the rule put the occurrence (before any move). */
  readonly originalStart: number;
}

/**
 * What a series change came to, as a value. `occurrence_not_found`: the rule has no occurrence at that
 * original start (or it was cancelled before, for a move). `first_occurrence`: ending a series before its
 * first occurrence would leave nothing — cancel the whole event instead.
 */
export type SeriesChangeResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: 'occurrence_not_found' | 'first_occurrence';
      readonly message: string;
    };

/**
 * Occurrence-level changes to a written series. Every method is idempotent (the outbox retries): cancelling
 * an occurrence already cancelled, moving one already at the new time, or ending a series already ended
 * there succeeds.
 */
export interface SeriesEditor {
  /** Removes one occurrence (Google: instance `status: cancelled`; Graph: DELETE the occurrence; CalDAV: EXDATE). */
  cancelOccurrence(ref: OccurrenceRef): Promise<SeriesChangeResult>;
  /** Moves one occurrence to `[start, end)` (Google: PATCH the instance; Graph: PATCH the occurrence; CalDAV: RECURRENCE-ID override). */
  moveOccurrence(ref: OccurrenceRef, to: Interval): Promise<SeriesChangeResult>;
  /**
   * Puts back a DELETED occurrence at `[start, end)` (a participant removed it from their calendar; the
   * organiser chose to keep it): Google PATCHes the cancelled instance back to `confirmed`; CalDAV drops
   * the EXDATE (with a RECURRENCE-ID override when not at its rule position). Absent where the provider
   * cannot: Graph has no undelete of an occurrence (a deleted one is gone from the series).
   */
  restoreOccurrence?(ref: OccurrenceRef, to: Interval): Promise<SeriesChangeResult>;
  /**
   * Ends the series before `ref.originalStart`: that occurrence and every later one are gone, the earlier
   * ones (and their exceptions) stay ("this and following", or "end after the previous one").
   */
  endBefore(ref: OccurrenceRef): Promise<SeriesChangeResult>;
}

/** Supplies OAuth access tokens; refresh is the token source's business (single-flight). */
export interface TokenSource {
  accessToken(signal?: AbortSignal): Promise<string>;
  /** Called after the provider rejected the current token (401); the next accessToken() refreshes. */
  invalidate(rejected: string): void;
}
