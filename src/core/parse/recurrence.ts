/**
 * Recurring requests (`every other tuesday for 6 weeks`): the language's frequency phrases, then, only when
 * one was found, its end phrases (alone, `until March` stays a window bound and `for 6 weeks` is left as it
 * is read today). The result is a plain structure convertible to an RFC 5545 RRULE (`toRRule`).
 */
import { DateTime } from 'luxon';
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
  readonly spans: readonly Span[];
  readonly endSpan?: Span;
}

/** The first frequency phrase and (after it) the first end phrase, with what they consumed. */
export function extractRecurrence(masked: string, config: LocaleConfig): FoundRecurrence | null {
  let found: { piece: FoundRecurrence['piece']; span: Span } | undefined;
  for (const rule of config.recurrence.frequencies) {
    for (const { match, span } of matchAll(rule.pattern, masked)) {
      const piece = rule.read(match);
      if (piece?.freq) {
        found = { piece: piece as FoundRecurrence['piece'], span };
        break;
      }
    }
    if (found) break;
  }
  if (!found) return null;
  const piece = found.piece;
  const rest = mask(masked, [found.span]);
  for (const rule of config.recurrence.ends) {
    for (const { match, span } of matchAll(rule.pattern, rest)) {
      const end = rule.read(match);
      if (end) return { piece, end, spans: [found.span, span], endSpan: span };
    }
  }
  return { piece, spans: [found.span] };
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
export function firstSeriesDay(from: DateTime, byDay: readonly SeriesDay[]): DateTime | null {
  let day = from.startOf('day');
  for (let i = 0; i < MAX_FIRST_DAYS; i++, day = day.plus({ days: 1 }))
    if (onSeriesDay(day, byDay)) return day;
  return null;
}

/**
 * The parsed recurrence: the end said (a count, a length from `first`, the end of a named month) or the
 * default horizon from `today` (`implied`).
 */
export function resolveRecurrence(
  found: FoundRecurrence,
  original: string,
  first: DateTime,
  today: DateTime,
  horizonMonths: number,
): ParsedRecurrence {
  const p = found.piece;
  const text = original.slice(found.spans[0]!.start, found.spans[0]!.end).trim();
  const base = {
    freq: p.freq,
    interval: p.interval ?? 1,
    ...(p.byDay && p.byDay.length > 0 ? { byDay: p.byDay } : {}),
    source: 'said' as const,
    text,
  };
  const end = found.end;
  const endText = found.endSpan ? original.slice(found.endSpan.start, found.endSpan.end).trim() : undefined;
  const iso = (d: DateTime) => d.toISODate()!;
  if (end?.count !== undefined) return { ...base, count: end.count, end: { source: 'said', text: endText! } };
  if (end?.length) {
    const last = first
      .startOf('day')
      .plus({ [`${end.length.unit}s`]: end.length.n })
      .minus({ days: 1 });
    return { ...base, until: iso(last), end: { source: 'said', text: endText! } };
  }
  if (end?.untilMonth !== undefined) {
    let month = today.startOf('month').set({ month: end.untilMonth });
    if (month < today.startOf('month')) month = month.plus({ years: 1 });
    return { ...base, until: iso(month.endOf('month')), end: { source: 'said', text: endText! } };
  }
  return {
    ...base,
    until: iso(today.startOf('day').plus({ months: horizonMonths })),
    end: { source: 'implied' },
  };
}

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
