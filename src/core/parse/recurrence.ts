/**
 * Recurring requests (`every other tuesday for 6 weeks`): the language's frequency phrases, then, only when
 * one was found, its end phrases (alone, `until March` stays a window bound and `for 6 weeks` is left as it
 * is read today). The result is a plain structure convertible to an RFC 5545 RRULE (`toRRule`).
 */
import { DateTime } from 'luxon';
import { MAX_SERIES_EXCEPT } from '../series.ts';
import { ONCE } from './locales/recurrence-kit.ts';
import type { LocaleConfig, RecurrencePiece } from './locales/types.ts';
import { mask, matchAll, type Span } from './text.ts';
import type { ParsedRecurrence, SeriesDay } from './types.ts';

/** Default length of a series whose end was not said (`ParseContext.seriesHorizonMonths`). */
export const DEFAULT_SERIES_HORIZON_MONTHS = 3;
/** Most days looked at for the first occurrence (a monthly `last friday` is at most ~35 days away). */
const MAX_FIRST_DAYS = 400;

export interface FoundRecurrence {
  readonly piece: RecurrencePiece & { readonly freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' };
  readonly end?: RecurrencePiece;
  /** The frequency phrase first, then what else was read (the end, the days left out). */
  readonly spans: readonly Span[];
  readonly endSpan?: Span;
  /** The frequency phrase is left to the later extractors too (`RecurrenceRule.shared`). */
  readonly shared?: true;
  /** Dates left out (`except december 28`) and where they were said. */
  readonly exceptDates?: readonly { readonly month: number; readonly day: number }[];
  readonly exceptSpan?: Span;
  /** How many dates were said, when more than `MAX_SERIES_EXCEPT` (only the first ones are kept). */
  readonly exceptSaid?: number;
}

/** A series phrase with several readings (`bimonthly`), not settled by an answer: ask. */
export interface AskedRecurrence {
  readonly ask: readonly string[];
  readonly spans: readonly Span[];
}

/** A series phrase no calendar rule holds (`RecurrencePiece.unread`): its words are reported unread. */
export interface UnreadRecurrence {
  readonly unread: true;
  readonly spans: readonly Span[];
}

type Frequency = FoundRecurrence['piece'];

/** An `ambiguous_recurrence` option (`FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH`) as a piece, or null. */
export function readingOf(option: string): Frequency | null {
  const parts = new Map(option.split(';').map((p) => p.split('=') as [string, string]));
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') return null;
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const byDay: SeriesDay[] = [];
  for (const d of (parts.get('BYDAY') ?? '').split(',').filter(Boolean)) {
    const m = /^(-?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
    if (!m) return null;
    byDay.push({ n: Number(m[1] ?? 0), weekday: RFC_DAYS.indexOf(m[2]!) });
  }
  return Number.isInteger(interval) && interval >= 1
    ? { freq, interval, ...(byDay.length > 0 ? { byDay } : {}) }
    : null;
}

/**
 * A series without the weekdays said after it (`every day except friday`): a daily series becomes a
 * weekly one on the other days; a series on named weekdays loses them. `null` when that does not apply
 * (nothing would be left, or the series is not on days of the week): the words keep their usual reading.
 */
function without(piece: Frequency, except: readonly number[]): Frequency | null {
  const daily = piece.freq === 'DAILY' && (piece.interval ?? 1) === 1 && !piece.byDay?.length;
  const weekly = piece.freq === 'WEEKLY' && !!piece.byDay?.length && piece.byDay.every((d) => d.n === 0);
  if (!daily && !weekly) return null;
  const from = daily ? [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ n: 0, weekday })) : piece.byDay!;
  const byDay = from.filter((d) => !except.includes(d.weekday));
  if (byDay.length === 0 || byDay.length === from.length) return null;
  return { freq: 'WEEKLY', interval: daily ? 1 : (piece.interval ?? 1), byDay };
}

/**
 * The first frequency phrase, then (after it) the first end phrase and the weekdays left out, with what
 * they consumed. A phrase with several readings is settled by `answer` when it is one of them, else
 * asked (`AskedRecurrence`, its end phrase still consumed so that it is not read as something else).
 */
export function extractRecurrence(
  masked: string,
  config: LocaleConfig,
  answer?: string,
): FoundRecurrence | AskedRecurrence | UnreadRecurrence | null {
  let found: { piece: RecurrencePiece; span: Span; shared?: true } | undefined;
  for (const rule of config.recurrence.frequencies) {
    for (const { match, span } of matchAll(rule.pattern, masked)) {
      const piece = rule.read(match);
      if (piece?.freq || piece?.ask || piece?.unread) {
        found = { piece, span, ...(rule.shared ? { shared: true as const } : {}) };
        break;
      }
    }
    if (found) break;
  }
  if (!found) return null;
  if (found.piece.unread) return { unread: true, spans: [found.span] };
  const daysLater =
    found.piece.freq === 'WEEKLY' && !found.piece.byDay?.length
      ? laterDays(masked, found.span, config)
      : null;
  const ask = found.piece.ask;
  // Answered `once`: no series, and nothing consumed (`le lundi` is read as the next Monday).
  if (ask && answer === ONCE && ask.includes(ONCE)) return null;
  const settled = ask && answer !== undefined && ask.includes(answer) ? readingOf(answer) : null;
  let piece: Frequency | null = ask
    ? settled
    : daysLater
      ? { ...(found.piece as Frequency), byDay: daysLater.byDay }
      : (found.piece as Frequency);
  const spans: Span[] = daysLater ? [found.span, daysLater.span] : [found.span];
  let rest = mask(masked, spans);
  let end: { piece: RecurrencePiece; span: Span } | undefined;
  for (const rule of config.recurrence.ends) {
    for (const { match, span } of matchAll(rule.pattern, rest)) {
      const read = rule.read(match);
      if (read) {
        end = { piece: read, span };
        break;
      }
    }
    if (end) break;
  }
  if (end) {
    spans.push(end.span);
    rest = mask(rest, [end.span]);
  }
  // Dates left out (`except december 28`): held by any series, each one a calendar exception.
  let dates: { dates: readonly { month: number; day: number }[]; said: number; span: Span } | undefined;
  if (piece)
    for (const rule of config.recurrence.excepts ?? []) {
      const hit = matchAll(rule.pattern, rest)
        .map(({ match, span }) => ({ read: rule.read(match), span }))
        .find((h) => h.read?.exceptDates?.length);
      if (hit) {
        const said = hit.read!.exceptDates!;
        dates = { dates: said.slice(0, MAX_SERIES_EXCEPT), said: said.length, span: hit.span };
        spans.push(hit.span);
        rest = mask(rest, [hit.span]);
        break;
      }
    }
  if (piece)
    for (const rule of config.recurrence.excepts ?? []) {
      const hit = matchAll(rule.pattern, rest)
        .map(({ match, span }) => ({ read: rule.read(match), span }))
        .find((h) => h.read?.exceptDays?.length);
      const kept = hit ? without(piece, hit.read!.exceptDays!) : null;
      if (hit && kept) {
        piece = kept;
        spans.push(hit.span);
        break;
      }
    }
  if (!piece) return ask ? { ask, spans } : null;
  return {
    piece,
    spans,
    ...(end ? { end: end.piece, endSpan: end.span } : {}),
    ...(found.shared ? { shared: true as const } : {}),
    ...(dates ? { exceptDates: dates.dates, exceptSpan: dates.span } : {}),
    ...(dates && dates.said > MAX_SERIES_EXCEPT ? { exceptSaid: dates.said } : {}),
  };
}

/**
 * The weekdays said after a weekly series on no day (`weekly 1:1 on thursdays`, `point hebdo … les jeudis`):
 * a later phrase that reads as a weekly series on those days, or null.
 */
function laterDays(
  masked: string,
  after: Span,
  config: LocaleConfig,
): { byDay: readonly SeriesDay[]; span: Span } | null {
  const rest = mask(masked, [{ start: 0, end: after.end }]);
  for (const rule of config.recurrence.frequencies) {
    if (rule.shared) continue;
    for (const { match, span } of matchAll(rule.pattern, rest)) {
      const piece = rule.read(match);
      if (
        piece?.freq === 'WEEKLY' &&
        (piece.interval ?? 1) === 1 &&
        piece.byDay?.length &&
        piece.byDay.every((d) => d.n === 0)
      )
        return { byDay: piece.byDay, span };
    }
  }
  return null;
}

/** Whether a local day is one of the series' days (ordinals counted in the month). */
function onSeriesDay(day: DateTime, byDay: readonly SeriesDay[]): boolean {
  return byDay.some((d) => {
    if (day.weekday - 1 !== d.weekday) return false;
    if (d.n > 0) return Math.ceil(day.day / 7) === d.n;
    if (d.n < 0)
      return (
        day.day + 7 * -d.n > (day.daysInMonth ?? 31) && day.day + 7 * (-d.n - 1) <= (day.daysInMonth ?? 31)
      );
    return true;
  });
}

/** The first local day from `from` (inclusive) on the series' days, or `null` within `MAX_FIRST_DAYS`. */
export function firstSeriesDay(
  from: DateTime,
  byDay: readonly SeriesDay[],
  /** Dates the series leaves out (`except december 28`): never its first day. */
  except: readonly { readonly month: number; readonly day: number }[] = [],
): DateTime | null {
  let day = from.startOf('day');
  for (let i = 0; i < MAX_FIRST_DAYS; i++, day = day.plus({ days: 1 }))
    if (onSeriesDay(day, byDay) && !except.some((x) => x.month === day.month && x.day === day.day))
      return day;
  return null;
}

/** Most months the default end is pushed back so that a long period still has a second occurrence. */
const MAX_IMPLIED_MONTHS = 25;

/** The next day on or after `today` that is day `day` of month `month` (clamped to the month's length). */
function nextDate(today: DateTime, month: number, day: number): DateTime {
  const on = (year: number) => {
    const m = DateTime.fromObject({ year, month, day: 1 }, { zone: today.zone });
    return m.set({ day: Math.min(day, m.daysInMonth ?? 28) });
  };
  const date = on(today.year);
  return date < today.startOf('day') ? on(today.year + 1) : date;
}

/**
 * The parsed recurrence: the end said (a count, a length from `first`, a day, the end of a named month
 * or quarter), else the end of the window said with it (`every tuesday in January`: `bound`, exclusive),
 * else the default horizon from `today` (`implied`), pushed back by whole months (`months`) when the series'
 * period is longer, so that a series always has a second occurrence (`every 3 months`, `yearly`).
 */
export function resolveRecurrence(...args: Parameters<typeof resolveSeries>): {
  recurrence: ParsedRecurrence;
  months?: number;
} {
  const resolved = resolveSeries(...args);
  const { except, until } = resolved.recurrence;
  // A date left out after the series' last day is no exception of it.
  if (!except || until === undefined || except.every((d) => d <= until)) return resolved;
  const kept = except.filter((d) => d <= until);
  const { except: _, exceptText, ...rest } = resolved.recurrence;
  return {
    ...resolved,
    recurrence: kept.length > 0 ? { ...rest, except: kept, ...(exceptText ? { exceptText } : {}) } : rest,
  };
}

function resolveSeries(
  found: FoundRecurrence,
  original: string,
  first: DateTime,
  today: DateTime,
  horizonMonths: number,
  more: {
    /** The window said with the series, which bounds it when no end was said. */
    readonly bound?: { readonly end: DateTime; readonly text: string };
    /** The latest day the first occurrence may be on (the last day of its window). */
    readonly latestFirst?: DateTime;
  } = {},
): { recurrence: ParsedRecurrence; months?: number } {
  const p = found.piece;
  const text = original.slice(found.spans[0]!.start, found.spans[0]!.end).trim();
  // Each date left out is its next such day from today (`except december 28`).
  const except = [
    ...new Set((found.exceptDates ?? []).map((d) => iso(nextDate(today, d.month, d.day)))),
  ].sort();
  const base = {
    freq: p.freq,
    interval: p.interval ?? 1,
    ...(p.byDay && p.byDay.length > 0 ? { byDay: p.byDay } : {}),
    ...(except.length > 0
      ? {
          except,
          exceptText: original.slice(found.exceptSpan!.start, found.exceptSpan!.end).trim(),
        }
      : {}),
    source: 'said' as const,
    text,
  };
  const end = found.end;
  const endText = found.endSpan ? original.slice(found.endSpan.start, found.endSpan.end).trim() : undefined;
  const said = (until: DateTime) => ({
    recurrence: { ...base, until: iso(until), end: { source: 'said' as const, text: endText! } },
  });
  if (end?.count !== undefined)
    return { recurrence: { ...base, count: end.count, end: { source: 'said', text: endText! } } };
  if (end?.length)
    return said(
      first
        .startOf('day')
        .plus({ [`${end.length.unit}s`]: end.length.n })
        .minus({ days: 1 }),
    );
  const lastMonth = end?.untilMonth ?? (end?.untilQuarter !== undefined ? end.untilQuarter * 3 : undefined);
  if (lastMonth !== undefined) {
    let month = today.startOf('month').set({ month: lastMonth });
    if (month < today.startOf('month')) month = month.plus({ years: 1 });
    return said(month.endOf('month'));
  }
  if (end?.untilDay) return said(nextDate(today, end.untilDay.month, end.untilDay.day));
  const bound = more.bound;
  if (bound)
    return {
      recurrence: {
        ...base,
        until: iso(bound.end.minus({ milliseconds: 1 })),
        end: { source: 'said', text: bound.text },
      },
    };
  const period = { [p.freq === 'DAILY' ? 'days' : p.freq === 'WEEKLY' ? 'weeks' : 'months']: base.interval };
  const second = (more.latestFirst ?? first).startOf('day').plus(period);
  let months = horizonMonths;
  while (months < MAX_IMPLIED_MONTHS && today.startOf('day').plus({ months }) < second) months++;
  return {
    recurrence: {
      ...base,
      until: iso(today.startOf('day').plus({ months })),
      end: { source: 'implied' },
    },
    months,
  };
}

const iso = (d: DateTime) => d.toISODate()!;

const RFC_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The RRULE value of a parsed recurrence (RFC 5545 §3.3.10): `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=…`.
 * UNTIL is the end of the last day in `zone`, in UTC (as the RFC requires with a zoned DTSTART).
 */
export function toRRule(r: ParsedRecurrence, zone: string): string {
  const parts = [`FREQ=${r.freq}`];
  if (r.interval !== 1) parts.push(`INTERVAL=${r.interval}`);
  if (r.byDay && r.byDay.length > 0)
    parts.push(`BYDAY=${r.byDay.map((d) => `${d.n === 0 ? '' : d.n}${RFC_DAYS[d.weekday]}`).join(',')}`);
  if (r.count !== undefined) parts.push(`COUNT=${r.count}`);
  else if (r.until !== undefined) {
    const until = DateTime.fromISO(r.until, { zone }).endOf('day').set({ millisecond: 0 }).toUTC();
    parts.push(`UNTIL=${until.toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
  }
  return parts.join(';');
}
