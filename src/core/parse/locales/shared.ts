/** Helpers shared by the language tables. */
import type { DateTime } from 'luxon';
import { fold } from '../text.ts';

/** Regex alternation of the keys, longest first so `forty-five` wins over `forty`. */
export function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]/g, '[\\s-]'))
    .join('|');
}

/** `2`, `1.5`, `1,5` or a number word; `null` if it is neither. */
export function numberValue(raw: string | undefined, words: ReadonlyMap<string, number>): number | null {
  if (raw === undefined) return null;
  const t = fold(raw).trim().replace(/\s+/g, ' ');
  if (/^-?\d+(?:[.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return words.get(t) ?? words.get(t.replace(/\s/g, '-')) ?? null;
}

/** Minutes from an hours count and optional extra minutes; `null` for `1h75`-like nonsense. */
export function hoursAndMinutes(hours: number | null, minutes?: string): number | null {
  if (hours === null) return null;
  const extra = minutes === undefined ? 0 : Number(minutes);
  if (extra >= 60) return null;
  return Math.round(hours * 60 + (hours < 0 ? -extra : extra));
}

/** The ISO week (Monday 00:00 to next Monday 00:00, local) that contains `day`. */
export function weekOf(day: DateTime): { start: DateTime; end: DateTime } {
  const start = day.startOf('week');
  return { start, end: start.plus({ weeks: 1 }) };
}

/** From today 00:00 to the end of the current week (clipped to now later). */
export function restOfWeek(now: DateTime): { start: DateTime; end: DateTime } {
  return { start: now.startOf('day'), end: weekOf(now).end };
}

/** The coming Saturday and Sunday, or the rest of the weekend when it has begun. */
export function comingWeekend(now: DateTime, weeksAhead = 0): { start: DateTime; end: DateTime } {
  const saturday = now.startOf('week').plus({ days: 5, weeks: weeksAhead });
  const start = now.weekday >= 6 && weeksAhead === 0 ? now.startOf('day') : saturday;
  return { start, end: saturday.plus({ days: 2 }) };
}

/** Today and the `n` days after it (`the next 3 days`); `null` for a count out of 1..90. */
export function nextDays(n: number | null, now: DateTime): { start: DateTime; end: DateTime } | null {
  if (n === null || !Number.isInteger(n) || n < 1 || n > 90) return null;
  const start = now.startOf('day');
  return { start, end: start.plus({ days: n + 1 }) };
}

export function monthOf(day: DateTime, monthsAhead = 0): { start: DateTime; end: DateTime } {
  const start = day.startOf('month').plus({ months: monthsAhead });
  return { start, end: start.plus({ months: 1 }) };
}
