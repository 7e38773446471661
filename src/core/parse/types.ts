/**
 * Public types of the request parser (`parseRequest`). Instants are epoch milliseconds, windows are
 * half-open `[start, end)` like every `Interval` of the core; `toParseJson` renders them as ISO 8601
 * strings in the user's zone for the CLI and logs.
 */
import type { Interval } from '../interval.ts';

export type { Locale } from '../locale.ts';

import type { Locale } from '../locale.ts';

/** Whether a part of the request was written by the user or filled in by a default. */
export type Source = 'said' | 'implied';

export interface ParseContext {
  /** The reference instant ("now"), epoch ms. */
  readonly now: number;
  /** The organiser's IANA time zone, e.g. `Europe/Paris`. */
  readonly zone: string;
  /** Forces the language; detected from the text when absent. */
  readonly locale?: Locale;
  /**
   * The language of the messages (errors, warnings, questions) when it differs from the request's: the
   * person's chosen language, so a French speaker who types `tomorow` is answered in French.
   */
  readonly replyLocale?: Locale;
  /**
   * Longest look-ahead: the window must end by the end of the day `maxWindowDays` days after today (in
   * `zone`). Default `MAX_WINDOW_DAYS` (90). Bounds the work of every request, whatever the surface.
   */
  readonly maxWindowDays?: number;
  /** Most people one request may mention. Default `MAX_PARTICIPANTS` (50). */
  readonly maxParticipants?: number;
  /**
   * The requester's answers to earlier questions (`questions`): `zone` settles an `ambiguous_zone` question
   * whose options include it (the text is read in that zone); an answer no question offers is ignored.
   */
  readonly answers?: ParseAnswers;
  /** How long a series whose end was not said runs, in months from today. Default 3. */
  readonly seriesHorizonMonths?: number;
}

export interface ParseAnswers {
  /** An IANA zone among an `ambiguous_zone` question's options. */
  readonly zone?: string;
  /** A reading among an `ambiguous_recurrence` question's options (`FREQ=MONTHLY;INTERVAL=2`). */
  readonly recurrence?: string;
}

export type ParticipantKind = 'slack_user' | 'slack_group' | 'discord_user' | 'discord_role' | 'name';

export interface Participant {
  readonly kind: ParticipantKind;
  /** Platform id (`U123ABC`, `S123`, `123456789012345678`) or, for `name`, the name without `@`. */
  readonly id: string;
  /** The exact text it came from, e.g. `<@U123|ana>` or `@ana`. */
  readonly raw: string;
  /**
   * Said to be optional: `@ana?`, `@ana (optional)`, `optional @ana`, `@ana (facultatif)`, `facultatif @ana`.
   * Optional people are scored per slot but never required. Absent when required.
   */
  readonly optional?: true;
}

export interface ParsedDuration {
  readonly minutes: number;
  readonly source: Source;
  /** The exact span the duration was read from (only when said). */
  readonly text?: string;
}

export interface ParsedWindow extends Interval {
  readonly zone: string;
  readonly source: Source;
  /** The spans the window was read from, joined by a space (only when said). */
  readonly text?: string;
}

/**
 * A daily wall-clock range in the organiser's zone that the meeting must fit in, `HH:mm` to `HH:mm`
 * (`24:00` is the end of the day). All constraints apply together.
 */
export interface TimeOfDayConstraint {
  readonly kind: 'time_of_day';
  readonly start: string;
  readonly end: string;
  readonly text: string;
  /**
   * Alternatives (`10am or 2pm`, or what is left around an excluded `not in the morning`): the meeting
   * must fit one of them. `start`/`end` then span them all, for readers that know only one range.
   */
  readonly anyOf?: readonly { readonly start: string; readonly end: string }[];
}

export type Constraint = TimeOfDayConstraint;

export interface ParsedTitle {
  /** `null` when the request has no quoted title. */
  readonly value: string | null;
  readonly source: Source;
  readonly text?: string;
}

/** A time zone the request named (`3pm ET`, `14h heure de Paris`): the window and constraints are in it. */
export interface ParsedTimeZone {
  /** IANA name or a fixed offset such as `UTC+1`. */
  readonly value: string;
  readonly source: 'said';
  readonly text: string;
}

/**
 * Time removed from the window: said (`not friday`, `sauf le mercredi`) or the days between alternatives
 * (`tuesday or thursday`). Instants, half-open like every interval.
 */
export interface ExcludedWindow extends Interval {
  readonly text: string;
}

export type ParseQuestionCode = 'ambiguous_zone' | 'ambiguous_recurrence';

/**
 * Something the bot must ask rather than guess: an abbreviation naming several zones (`IST`), a series
 * phrase with several readings (`bimonthly`: every two months or twice a month?).
 */
export interface ParseQuestion {
  readonly code: ParseQuestionCode;
  /** The language to ask in (the reply language). The question is worded from `code` by the app (`parse` domain). */
  readonly locale: Locale;
  readonly text: string;
  /** What the question quotes when it is not `text` alone (two zones said: `CET / EST`). */
  readonly quoted?: string;
  /**
   * The possible answers: IANA zones for `ambiguous_zone`; for `ambiguous_recurrence`, readings as the RRULE
   * parts FREQ, INTERVAL and BYDAY (`FREQ=MONTHLY;INTERVAL=2`, `FREQ=WEEKLY;BYDAY=MO,TH`).
   */
  readonly options: readonly string[];
}

/** A weekday of a series, 0 = Monday … 6 = Sunday (RFC 5545 order), `n` its ordinal in the month (0: every one). */
export interface SeriesDay {
  readonly n: number;
  readonly weekday: number;
}

/**
 * A recurring request (`every other tuesday for 6 weeks`), convertible to an RFC 5545 RRULE (`toRRule`):
 * FREQ, INTERVAL, BYDAY (with ordinals for `the first monday of the month`), and COUNT or UNTIL. The
 * window is then the first occurrence's search window. A series always ends: when no end was said, it
 * runs to the default horizon (`end.source` `implied`, with the warning `series_end_implied`).
 */
export interface ParsedRecurrence {
  readonly freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  /**
   * 1 = every period, 2 = every other one. Quarterly and yearly series are monthly ones every 3 and 12
   * months (the same RFC 5545 dates as FREQ=YEARLY from the first occurrence, which every calendar takes).
   */
  readonly interval: number;
  /**
   * Absent: the first occurrence's weekday (or day of the month). Ranked days (`n` ≠ 0) are on one weekday
   * only, at one rank or several (`2nd and 4th tuesday`: 2TU, 4TU), so calendars get them as BYSETPOS.
   */
  readonly byDay?: readonly SeriesDay[];
  readonly count?: number;
  /** The last local day of the series (inclusive), `YYYY-MM-DD` in the window's zone. */
  readonly until?: string;
  /**
   * Local days left out of the series (`every monday except december 28`), `YYYY-MM-DD` in the window's
   * zone, sorted, at most `MAX_SERIES_EXCEPT`: no occurrence is searched or booked on them.
   */
  readonly except?: readonly string[];
  /** The words that said them (`except december 28`). */
  readonly exceptText?: string;
  readonly source: 'said';
  /** The frequency phrase. */
  readonly text: string;
  /**
   * Whether the end (`count`/`until`) was said (`for 6 weeks`, `until 15 March`, or the window said with the
   * series: `every tuesday in January`, whose text it then is) or is the default horizon (pushed back for a
   * long period so that a second occurrence fits: `quarterly`, `yearly`).
   */
  readonly end: { readonly source: Source; readonly text?: string };
}

export interface MeetingRequest {
  readonly locale: Locale;
  readonly participants: readonly Participant[];
  readonly duration: ParsedDuration;
  readonly window: ParsedWindow;
  readonly constraints: readonly Constraint[];
  readonly title: ParsedTitle;
  /** Words no parser understood (filler words excluded), so the bot can ask rather than guess. */
  readonly unrecognised: readonly string[];
  /** A zone the request named; absent when it named none (the organiser's zone applies). */
  readonly timeZone?: ParsedTimeZone;
  /** Time to leave out of the window; absent or empty when none. */
  readonly excluded?: readonly ExcludedWindow[];
  /** What the bot should ask before proposing; absent or empty when nothing. */
  readonly questions?: readonly ParseQuestion[];
  /** Present only for a recurring request. */
  readonly recurrence?: ParsedRecurrence;
}

export type ParseErrorCode =
  | 'empty_request'
  | 'text_too_long'
  | 'invalid_context'
  | 'no_participants'
  | 'invalid_duration'
  | 'duration_too_long'
  | 'window_in_past'
  | 'contradictory_window'
  | 'window_too_far'
  | 'too_many_participants';

export type ParseWarningCode =
  | 'broadcast_mention_ignored'
  | 'extra_title_ignored'
  | 'window_widened'
  | 'series_end_implied'
  | 'series_except_capped';

export interface ParseIssue<C extends string = string> {
  readonly code: C;
  /**
   * The language to word it in (the reply language). The core says what is wrong, as a code with
   * parameters; the app words it, one actionable sentence per code (`src/app/i18n/<locale>/parse.ts`).
   */
  readonly locale: Locale;
  /** What the sentence needs besides `text`. */
  readonly params: ParseMessageParams;
  /** The part of the request the issue is about, when there is one. */
  readonly text?: string;
}

/** Parameters of a parser issue's message. Codes are stable; wording lives in the app's catalogues. */
export interface ParseMessageParams {
  /** The user's text the message is about. */
  readonly text?: string;
  /** Several user texts (e.g. conflicting durations). */
  readonly list?: readonly string[];
  readonly length?: number;
  readonly max?: number;
  readonly count?: number;
  readonly zone?: string;
  /** The last day of a series, `YYYY-MM-DD` (`series_end_implied`). */
  readonly until?: string;
  /** A number of months (`series_end_implied`: the default horizon). */
  readonly months?: number;
  /**
   * Selects a variant of the message: `several` durations, a duration that reads as a `clock` time
   * (`25h`: maybe "at 25h" was meant), an invalid `now`.
   */
  readonly variant?: 'several' | 'clock' | 'now';
}

export type ParseError = ParseIssue<ParseErrorCode>;
export type ParseWarning = ParseIssue<ParseWarningCode>;

/** What could be read from a request that was rejected; `locale` is always there. */
export type PartialRequest = { readonly locale: Locale } & Partial<Omit<MeetingRequest, 'locale'>>;

export type ParseResult =
  | { readonly ok: true; readonly request: MeetingRequest; readonly warnings: readonly ParseWarning[] }
  | {
      readonly ok: false;
      readonly errors: readonly ParseError[];
      readonly partial: PartialRequest;
      readonly warnings: readonly ParseWarning[];
    };
