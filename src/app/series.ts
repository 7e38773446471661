/**
 * A series booking (issue #22): the recurrence a request said (`criteria.recurrence`, the parser's
 * `ParsedRecurrence` kept as a `SeriesRule`) becomes the event draft's `EventRecurrence` (one recurring
 * event per calendar), the occurrence starts (one reminder each), and its wording ("every other Tuesday,
 * 6 times") through the `booking` catalogue domain. Also the bound of a series search (`seriesHorizon`,
 * shared by the proposals and the click's re-check) and the wording of its conflicts ("free on 11 of 12
 * Tuesdays; Li is busy on Tue 3 Feb") through the `request` domain.
 */
import { DAY } from '../core/interval.ts';
import { ONCE, readingOf } from '../core/parse/index.ts';
import type { SeriesDay } from '../core/parse/types.ts';
import {
  type ConflictReason,
  expandSeries,
  MAX_SERIES_OCCURRENCES,
  type OccurrenceConflict,
  type SeriesRule,
} from '../core/series.ts';
import { toWall, wallToInstant, zoneOffsets } from '../core/zone-offsets.ts';
import { list, t } from './i18n/index.ts';
import type { EventRecurrence } from './ports/provider.ts';
import { RECURRENCE_WEEKDAYS } from './ports/provider.ts';
import type { MeetingRequest } from './ports/store.ts';
import { dayLabel, type Locale, weekdayName } from './views.ts';

/** Most occurrences a series booking plans reminders for. */
export const MAX_REMINDED_OCCURRENCES = 200;

/** The series of a stored request and the zone its occurrences keep their wall-clock time in, or null. */
export function seriesOf(request: MeetingRequest | null): { rule: SeriesRule; zone: string } | null {
  const rule = request?.criteria?.recurrence;
  return rule && request?.criteria ? { rule, zone: request.criteria.zone } : null;
}

/**
 * The draft's recurrence: FREQ, INTERVAL, BYDAY (ranked weekdays, "first Monday", "2nd and 4th Tuesday",
 * "first Monday and Wednesday", become BYDAY with BYSETPOS: the parser ranks every weekday said at every
 * rank said, so the ranks are positions among those weekdays' dates, see `setPositions`), COUNT, or UNTIL
 * as the last instant of the said local day.
 */
export function eventRecurrence(rule: SeriesRule, zone: string): EventRecurrence {
  const days = rule.byDay ?? [];
  const pairs = mixedRanks(days);
  const weekdays = pairs ? [] : [...new Set(days.map((d) => d.weekday))].sort((a, b) => a - b);
  const ranks = pairs
    ? []
    : setPositions([...new Set(days.filter((d) => d.n !== 0).map((d) => d.n))], weekdays.length);
  let until: number | undefined;
  if (rule.until !== undefined) {
    const wall = Date.parse(`${rule.until}T00:00:00Z`) + DAY;
    until = wallToInstant(zoneOffsets(zone, { start: wall - 2 * DAY, end: wall + DAY }), wall, 'start') - 1;
  }
  return {
    freq: rule.freq,
    interval: Math.max(1, Math.floor(rule.interval)),
    ...(weekdays.length > 0 ? { byDay: weekdays.map((d) => RECURRENCE_WEEKDAYS[d]!) } : {}),
    ...(pairs
      ? { byDay: pairs.map((d) => RECURRENCE_WEEKDAYS[d.weekday]!), byDayRanks: pairs.map((d) => d.n) }
      : {}),
    ...(ranks.length === 1 ? { bySetPos: ranks[0]! } : ranks.length > 1 ? { bySetPos: ranks } : {}),
    ...(rule.count !== undefined ? { count: rule.count } : until !== undefined ? { until } : {}),
    timeZone: zone,
  };
}

/**
 * The ranked weekdays of a monthly series when they are not every rank said × every weekday said
 * (`the first Monday and the third Wednesday`: 1MO, 3WE), which no BYSETPOS over those weekdays says:
 * they are written as they are (BYDAY=1MO,3WE). `null` for a product (`the first and third Monday and
 * Wednesday`), unranked days, or no days.
 */
export function mixedRanks(days: readonly SeriesDay[]): readonly SeriesDay[] | null {
  const ranked = days.filter((d) => d.n !== 0);
  if (ranked.length === 0) return null;
  const ranks = new Set(ranked.map((d) => d.n));
  const weekdays = new Set(ranked.map((d) => d.weekday));
  const product = [...ranks].every((n) =>
    [...weekdays].every((weekday) => ranked.some((d) => d.n === n && d.weekday === weekday)),
  );
  return product && ranked.length === days.length ? null : days;
}

/**
 * The BYSETPOS positions of ranks among `weekdays` weekdays' dates in a month: each run of 7 days from the
 * month's start (or end) holds each weekday once, so the n-th of each of d weekdays are positions
 * (n−1)·d+1 … n·d (`first Monday and Wednesday`: 1, 2; `last Monday and Wednesday`: −1, −2).
 */
export function setPositions(ranks: readonly number[], weekdays: number): number[] {
  if (weekdays <= 1) return [...ranks];
  return ranks
    .flatMap((n) =>
      Array.from({ length: weekdays }, (_, i) =>
        n > 0 ? (n - 1) * weekdays + 1 + i : -((-n - 1) * weekdays + 1 + i),
      ),
    )
    .sort((a, b) => (a > 0 && b > 0 ? a - b : a < 0 && b < 0 ? b - a : b - a));
}

/** Start instants of the series whose first occurrence starts at `first` (at most `max`). */
export function occurrenceStarts(
  rule: SeriesRule,
  first: number,
  zone: string,
  max = MAX_REMINDED_OCCURRENCES,
): number[] {
  return expandSeries(rule, first, zone, max).starts;
}

/**
 * Whether a series of `rule` can start at `start` (its wall clock in `zone`): a rule with BYDAY holds its
 * weekdays only (ranked ones, "first Monday", "last Friday", their rank in the month too), so a first
 * occurrence moved to another day would not be one of the rule's dates (the rule's later dates would stay
 * on the old day). A rule without BYDAY takes its day from its first occurrence: any start fits.
 */
export function ruleHoldsStart(rule: SeriesRule, start: number, zone: string): boolean {
  const days = rule.byDay ?? [];
  if (days.length === 0) return true;
  const wall = new Date(toWall(zoneOffsets(zone, { start: start - DAY, end: start + DAY }), start));
  const weekday = (wall.getUTCDay() + 6) % 7; // 0 = Monday, as SeriesDay
  const date = wall.getUTCDate();
  const monthDays = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + 1, 0)).getUTCDate();
  const rankFromEnd = -Math.ceil((monthDays - date + 1) / 7);
  return days.some(
    (d) => d.weekday === weekday && (d.n === 0 || d.n === Math.ceil(date / 7) || d.n === rankFromEnd),
  );
}

/** The rank of a weekday in the month as a word key (`booking.series.rank`): 2 → second, -2 → penultimate. */
const RANK_WORDS: Readonly<Record<number, string>> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  5: 'fifth',
  [-1]: 'last',
  [-2]: 'penultimate',
};

/**
 * How often a series repeats, in words: "every other Tuesday", "the second and fourth Tuesday of every month",
 * "every 3 months". A weekly series without days is on `firstWeekday` (0 = Monday), or "every other week"
 * when that is not known.
 */
export function patternLabel(rule: SeriesRule, locale: Locale, firstWeekday?: number): string {
  const interval = Math.max(1, Math.floor(rule.interval));
  const byDay =
    rule.byDay && rule.byDay.length > 0
      ? rule.byDay
      : firstWeekday !== undefined
        ? [{ n: 0, weekday: firstWeekday }]
        : [];
  // weekdayName counts from Sunday; SeriesDay from Monday.
  const days = list(
    locale,
    [...new Set(byDay.map((d) => d.weekday))].map((d) => weekdayName((d + 1) % 7, locale)),
  );
  const ranks = [...new Set(byDay.filter((d) => d.n !== 0).map((d) => d.n))];
  const pairs = rule.freq === 'MONTHLY' ? mixedRanks(byDay) : null;
  if (pairs)
    return t(locale, 'booking.series.monthlyOnPairs', {
      interval,
      pairs: list(
        locale,
        pairs.map((d) =>
          t(locale, 'booking.series.rankedDay', {
            rank: t(locale, 'booking.series.rank', { rank: RANK_WORDS[d.n] ?? 'other' }),
            day: weekdayName((d.weekday + 1) % 7, locale),
          }),
        ),
      ),
    });
  if (rule.freq === 'DAILY') return t(locale, 'booking.series.daily', { interval });
  if (rule.freq === 'WEEKLY')
    return byDay.length > 0
      ? t(locale, 'booking.series.weekly', { interval, days })
      : t(locale, 'booking.series.everyWeeks', { interval });
  if (ranks.length === 1 && [1, 2, 3, 4, -1].includes(ranks[0]!))
    return t(locale, 'booking.series.monthlyOn', { interval, days, rank: ranks[0]! });
  if (ranks.length > 0)
    return t(locale, 'booking.series.monthlyOnRanks', {
      interval,
      days,
      ranks: list(
        locale,
        ranks.map((n) => t(locale, 'booking.series.rank', { rank: RANK_WORDS[n] ?? 'other' })),
      ),
    });
  return t(locale, 'booking.series.monthly', { interval });
}

/**
 * A reading offered by an `ambiguous_recurrence` question (`FREQ=MONTHLY;INTERVAL=2`) in words ("every 2
 * months"); the option itself when it is not one.
 */
export function readingLabel(option: string, locale: Locale): string {
  if (option === ONCE) return t(locale, 'booking.series.once');
  const rule = readingOf(option);
  return rule ? patternLabel({ ...rule, interval: rule.interval ?? 1 }, locale) : option;
}

/** "every other Tuesday, 6 times" / "un mardi sur deux, 6 fois" / "jeden zweiten Dienstag, 6-mal". */
export function seriesLabel(rule: SeriesRule, first: number, zone: string, locale: Locale): string {
  const firstWeekday = (() => {
    const wall = toWall(zoneOffsets(zone, { start: first - DAY, end: first + DAY }), first);
    return (new Date(wall).getUTCDay() + 6) % 7; // 0 = Monday
  })();
  const noon = (iso: string) => {
    const wall = Date.parse(`${iso}T12:00:00Z`);
    return wallToInstant(zoneOffsets(zone, { start: wall - DAY, end: wall + DAY }), wall, 'start');
  };
  // "until" names the last meeting (`every Thursday, until Thu 18 Feb`), not the rule's UNTIL day, which
  // may be any weekday (a default end three months on): UNTIL itself when the series is too long to expand.
  const lastDate = (until: string) => {
    const { starts, capped } = expandSeries(rule, first, zone);
    return !capped && starts.length > 0 ? starts[starts.length - 1]! : noon(until);
  };
  const pattern = patternLabel(rule, locale, firstWeekday);
  const ended =
    rule.count !== undefined
      ? t(locale, 'booking.series.withCount', { pattern, count: rule.count })
      : rule.until !== undefined
        ? t(locale, 'booking.series.withUntil', {
            pattern,
            date: dayLabel(lastDate(rule.until), zone, locale),
          })
        : pattern;
  // The days left out are named (`…, except Mon 28 Dec`), at most `MAX_NAMED_DATES` of them.
  const except = (rule.except ?? []).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d));
  if (except.length === 0) return ended;
  const named = except.slice(0, MAX_NAMED_DATES).map((d) => dayLabel(noon(d), zone, locale));
  return t(locale, 'booking.series.withExcept', {
    pattern: ended,
    dates: list(locale, named),
    more: except.length - named.length,
  });
}

/** Default most days ahead a series is checked (`RequestLimits.maxSeriesDays`): about six months. */
export const MAX_SERIES_DAYS = 184;

/** A series checked up to a bound: the rule cut there (for the search) and whether it was cut. */
export interface SeriesHorizon {
  /** The rule, with an UNTIL at the horizon's last day when the series runs past it. */
  readonly rule: SeriesRule;
  /** The last instant checked (exclusive): the horizon, or the series' own end when earlier. */
  readonly end: number;
  /** The series runs past the horizon (or past `MAX_SERIES_OCCURRENCES`): only its start is checked. */
  readonly cut: boolean;
  /** The horizon's last local day (`YYYY-MM-DD`, the organiser's zone). */
  readonly lastDay: string;
}

/**
 * The part of a series one request checks: occurrences starting before `now + maxDays` (and at most
 * `MAX_SERIES_OCCURRENCES`), for a first occurrence starting no later than `latestFirst`. Bounded: one
 * expansion of at most `MAX_SERIES_OCCURRENCES + 1` starts.
 */
export function seriesHorizon(
  rule: SeriesRule,
  zone: string,
  latestFirst: number,
  durationMs: number,
  now: number,
  maxDays: number,
): SeriesHorizon {
  const bound = now + maxDays * DAY;
  const z = zoneOffsets(zone, { start: bound - 2 * DAY, end: bound + DAY });
  const lastDay = new Date(toWall(z, bound - 1)).toISOString().slice(0, 10);
  const cutRule: SeriesRule =
    rule.until !== undefined && rule.until <= lastDay ? rule : { ...rule, until: lastDay };
  const full = expandSeries(rule, latestFirst, zone, MAX_SERIES_OCCURRENCES);
  const kept = expandSeries(cutRule, latestFirst, zone, MAX_SERIES_OCCURRENCES);
  const cut = full.capped || full.starts.length > kept.starts.length;
  const last = kept.starts[kept.starts.length - 1] ?? latestFirst;
  return { rule: cutRule, end: last + durationMs, cut, lastDay };
}

/** The plural the series' dates are counted in: "Tuesdays" for a weekly series on one day, else occurrences. */
function dayUnit(rule: SeriesRule, first: number, zone: string): string {
  if (rule.freq !== 'WEEKLY' || (rule.byDay && rule.byDay.length > 1)) return 'any';
  const weekday =
    rule.byDay?.[0]?.weekday ??
    (new Date(toWall(zoneOffsets(zone, { start: first - DAY, end: first + DAY }), first)).getUTCDay() + 6) %
      7;
  return UNIT_DAYS[weekday] ?? 'any';
}

const UNIT_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Most people, and dates per person, a conflict line names before "and N more". */
export const MAX_NAMED_PEOPLE = 3;
export const MAX_NAMED_DATES = 3;

/** One person's conflicts over a series, for the wording. */
export interface PersonConflicts {
  readonly name: string;
  readonly reason: ConflictReason;
  readonly starts: readonly number[];
}

/** Conflicts per person and reason, in order of first appearance. */
export function conflictsByPerson(
  conflicts: readonly OccurrenceConflict[],
  nameOf: (id: string) => string,
): PersonConflicts[] {
  const out = new Map<string, { name: string; reason: ConflictReason; starts: number[] }>();
  for (const c of conflicts)
    for (const p of c.people) {
      const key = `${p.id}:${p.reason}`;
      let entry = out.get(key);
      if (!entry) {
        entry = { name: nameOf(p.id), reason: p.reason, starts: [] };
        out.set(key, entry);
      }
      entry.starts.push(c.start);
    }
  return [...out.values()];
}

/**
 * "Li is busy on Tue 3 Feb; Ana is outside working hours on Tue 10 Feb, Tue 17 Feb and 2 more": up to
 * `MAX_NAMED_PEOPLE` people and `MAX_NAMED_DATES` dates each (in `zone`), then "and N more".
 */
export function conflictText(people: readonly PersonConflicts[], zone: string, locale: Locale): string {
  const named = people.slice(0, MAX_NAMED_PEOPLE).map((p) => {
    const shown = p.starts.slice(0, MAX_NAMED_DATES).map((s) => dayLabel(s, zone, locale));
    const more = p.starts.length - shown.length;
    const dates = list(locale, [
      ...shown,
      ...(more > 0 ? [t(locale, 'request.series.moreDates', { count: more })] : []),
    ]);
    return t(locale, p.reason === 'busy' ? 'request.series.busyOn' : 'request.series.outsideOn', {
      name: p.name,
      dates,
      count: p.starts.length,
    });
  });
  const others = people.length - named.length;
  if (others > 0) named.push(t(locale, 'request.series.morePeople', { count: others }));
  return named.join(t(locale, 'request.series.separator'));
}

/**
 * A series candidate in words: "free on all 12 Tuesdays", or "free on 11 of 12 Tuesdays; Li is busy on
 * Tue 3 Feb" (dates in `zone`).
 */
export function seriesLine(args: {
  readonly rule: SeriesRule;
  readonly first: number;
  readonly seriesZone: string;
  readonly zone: string;
  readonly occurrences: number;
  readonly free: number;
  readonly conflicts: readonly PersonConflicts[];
  readonly locale: Locale;
}): string {
  const { locale } = args;
  const day = dayUnit(args.rule, args.first, args.seriesZone);
  if (args.conflicts.length === 0 || args.free === args.occurrences)
    return t(locale, 'request.series.allFree', { total: args.occurrences, day });
  return t(locale, 'request.series.someFree', {
    free: args.free,
    total: args.occurrences,
    day,
    conflicts: conflictText(args.conflicts, args.zone, locale),
  });
}
