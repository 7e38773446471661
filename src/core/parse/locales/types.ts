/**
 * What a language brings to the parser: chrono's parser for that language plus the small rule tables
 * of our own extractors (durations, parts of the day, week phrases, bound keywords, filler words).
 * Modelled on chrono's `src/locales/<lang>/configuration.ts`: the engine is shared, the words are not.
 */
import type { Chrono } from 'chrono-node';
import type { DateTime } from 'luxon';
import type { Pattern } from '../text.ts';
import type { Locale, SeriesDay } from '../types.ts';

export type { SeriesDay };

export interface DurationRule {
  /** Global, unicode, case-insensitive. */
  readonly pattern: Pattern;
  /** Minutes from the match, or `null` when the match is not a duration after all. */
  readonly minutes: (match: RegExpExecArray) => number | null;
  /** Digits followed by an hour unit (`15h`): read as a clock time after a time preposition instead. */
  readonly clockLike?: boolean;
}

export interface PartOfDayRule {
  readonly pattern: Pattern;
  /** `HH:mm` wall-clock range. */
  readonly start: string;
  readonly end: string;
  /** `this afternoon`, `ce soir`: also names today. */
  readonly today?: (match: RegExpExecArray) => boolean;
}

/** A named stretch of days (`next week`, `le mois prochain`) as local days `[start, end)`. */
export interface PeriodRule {
  readonly pattern: Pattern;
  readonly resolve: (match: RegExpExecArray, now: DateTime) => { start: DateTime; end: DateTime } | null;
}

/** A clock time (or a range, or alternatives) read before chrono: minutes since midnight. */
export interface ClockRule {
  readonly pattern: Pattern;
  readonly read: (match: RegExpExecArray) => readonly { start: number; end?: number }[] | null;
}

export interface TimeWordRule {
  readonly pattern: Pattern;
  /** Minutes since midnight. */
  readonly minutes: number;
}

/**
 * How a keyword bounds the date or time that follows it: `after` excludes it, `from` includes it,
 * `before` ends at its start, `until` ends at its end, `between` pairs it with the next one.
 * `except` (`except friday`, `sauf le matin`) is not supported: what follows is left unread, so it is
 * reported in `unrecognised` rather than wrongly used as the window.
 */
export type BoundKind = 'after' | 'from' | 'before' | 'until' | 'between' | 'except';

export interface BoundRule {
  readonly pattern: Pattern;
  readonly kind: BoundKind;
}

/** A time zone named in words (`Paris time`, `heure de Londres`, `Berliner Zeit`). */
export interface ZoneRule {
  readonly pattern: Pattern;
  /** The zone named, its candidates when several, `own` for the organiser's; `null` when not a zone after all. */
  readonly read: (
    match: RegExpExecArray,
  ) => { zone?: string; candidates?: readonly string[]; own?: true } | null;
}

/**
 * Small words the shared refiners look for, in every language at once (a request may mix them): each
 * list is joined with the other languages' into one pattern.
 */
export interface Connectives {
  /** Make separate days alternatives rather than a range to widen: `or`, `ou`, `oder`. */
  readonly alternative: readonly string[];
  /** May stand between two excluded mentions: `and`, `ni`, `noch`. */
  readonly joiners: readonly string[];
  /** May stand between a bound keyword and its mention: `before the 10th`, `vor dem 10.`. */
  readonly articles: readonly string[];
  /** Before a clock time: `at`, `à`, `um`. */
  readonly at: readonly string[];
  /** Named times that begin a time-first mention: `noon`, `midi`. */
  readonly namedTimes: readonly string[];
  /** Before a duration, make it an offset from now: `in 2 hours`, `dans une heure`. */
  readonly offset: readonly string[];
  /**
   * Right before a duration, say it is how long the meeting lasts: `for an hour`, `pendant une heure`,
   * `für eine Stunde` (read with the duration; `for 6 weeks` after a series is its end, read before).
   */
  readonly lasting: readonly string[];
  /** Right after a duration, say the same: `an hour long`, German `eine Stunde lang`. */
  readonly lastingAfter: readonly string[];
  /** Between those (or `in`) and a duration, or alone before it: `for about an hour`, `environ`, `etwa`. */
  readonly about: readonly string[];
}

/**
 * What one recurrence phrase says: how often (`every other tuesday`), how long (`for 6 weeks`, `until March`),
 * which days not (`except friday`), or that it must be asked (`twice a week`).
 */
export interface RecurrencePiece {
  readonly freq?: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  readonly interval?: number;
  readonly byDay?: readonly SeriesDay[];
  /** A number of occurrences (`6 times`). */
  readonly count?: number;
  /** A length from the first occurrence (`for 6 weeks`). */
  readonly length?: { readonly n: number; readonly unit: 'day' | 'week' | 'month' };
  /** The last month of the series, 1-12 (`until March`: through the end of the next March). */
  readonly untilMonth?: number;
  /** The last day of the series (`until 15 March`: the next such day, inclusive). */
  readonly untilDay?: { readonly month: number; readonly day: number };
  /** The last quarter of the series, 1-4 (`till end of Q1`: through the end of the next such quarter). */
  readonly untilQuarter?: number;
  /** Weekdays left out of the series, 0 = Monday (`every day except friday`). */
  readonly exceptDays?: readonly number[];
  /** Dates left out of the series, month 1-12 (`except december 28`): the next such day from the first. */
  readonly exceptDates?: readonly { readonly month: number; readonly day: number }[];
  /**
   * A phrase that says a series but not which one (`twice a week`, `bimonthly`): the readings to choose
   * from, each the RRULE parts FREQ, INTERVAL and BYDAY (`FREQ=MONTHLY;INTERVAL=2`). The parser asks
   * (`ambiguous_recurrence`) rather than guessing.
   */
  readonly ask?: readonly string[];
  /**
   * A series phrase no calendar rule holds (a list of ranked weekdays that reads as fewer than two pairs):
   * its words are reported unread (`unrecognised`) rather than read as one-off dates. (`the 1st monday and
   * the 3rd wednesday of the month` is a rule: MONTHLY, BYDAY=1MO,3WE.)
   */
  readonly unread?: true;
}

export interface RecurrenceRule {
  /** Global, unicode, case-insensitive. */
  readonly pattern: Pattern;
  /**
   * What the rule matched stays visible to the later extractors, which read it too (`jeden` in German
   * `jeden Morgen` is also what makes `Morgen` the morning rather than tomorrow).
   */
  readonly shared?: true;
  /** What the match says, or `null` when it is not a recurrence after all. */
  readonly read: (match: RegExpExecArray) => RecurrencePiece | null;
}

export interface LocaleConfig {
  readonly locale: Locale;
  /** chrono's casual parser for the language. */
  readonly chrono: Chrono;
  /** Number words (`two`, `deux`) for durations and week counts. */
  readonly numbers: ReadonlyMap<string, number>;
  /** Tried in order; an earlier rule's matches are no longer visible to later ones. */
  readonly durations: readonly DurationRule[];
  /** Anchored at the end of the text before a `clockLike` duration: `après 15h` is a time, not 15 hours. */
  readonly timePreposition: RegExp;
  /**
   * Whether a compact `15h`/`15h30` that is too long to be a meeting is read as a clock time (French
   * writes times that way: `demain 15h`) rather than reported as too long.
   */
  readonly compactClockTimes: boolean;
  readonly partsOfDay: readonly PartOfDayRule[];
  readonly periods: readonly PeriodRule[];
  readonly timeWords: readonly TimeWordRule[];
  /** Clock times chrono misses (`at 15h`, `half past two`, `à quinze heures`), read before parts of the day. */
  readonly clockTimes: readonly ClockRule[];
  /** Day of the month without a month (`the 12th`, `le 12`): group 1 is the day number. */
  readonly dayOfMonth: Pattern;
  readonly bounds: readonly BoundRule[];
  /** The whole gap between the two ends of `between … and …`. */
  readonly rangeJoiner: RegExp;
  /** `this monday`, `ce lundi`: a weekday that may be today. */
  readonly thisModifier: Pattern;
  /** `last friday`, `vendredi dernier`: a weekday in the past. */
  readonly lastModifier: Pattern;
  /** Weekday abbreviations that chrono accepts but that are too often ordinary words (`sun`, `mer`). */
  readonly weekdayAbbreviation: Pattern;
  /** Words that carry no meaning for scheduling and are never reported as unrecognised. */
  readonly fillers: ReadonlySet<string>;
  /** Words typical of the language, for detection. */
  readonly markers: ReadonlySet<string>;
  /** Letters typical of the language, for detection (global, unicode): `é`, `ß`. */
  readonly letters?: RegExp;
  readonly connectives: Connectives;
  /** Zones named in the language's words (IANA names, offsets and abbreviations are read in every language). */
  readonly zones: readonly ZoneRule[];
  /**
   * Recurring requests: `frequencies` (`every other tuesday`, tried in order, the first match wins) and,
   * only when one matched, `ends` (`for 6 weeks`, `until March`; otherwise they keep their usual reading).
   */
  readonly recurrence: {
    readonly frequencies: readonly RecurrenceRule[];
    readonly ends: readonly RecurrenceRule[];
    /**
     * Weekdays left out of a series on named days (`except friday`, `sauf le vendredi`), read after the
     * frequency; applied only when the series is daily or on named weekdays (otherwise they keep their
     * usual reading as an exclusion from the first occurrence's window).
     */
    readonly excepts?: readonly RecurrenceRule[];
  };
}
