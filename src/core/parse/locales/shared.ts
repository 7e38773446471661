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

export type Part = 'early' | 'mid' | 'late' | 'first-half' | 'second-half';

/** Early (1st–10th), mid (11th–20th) or late (21st–end) part of the month starting at `month`. */
export function partOfMonth(part: Part, month: DateTime): { start: DateTime; end: DateTime } {
  const start = month.startOf('month');
  if (part === 'first-half') return { start, end: start.set({ day: 16 }) };
  if (part === 'second-half') return { start: start.set({ day: 16 }), end: start.plus({ months: 1 }) };
  if (part === 'early') return { start, end: start.set({ day: 11 }) };
  if (part === 'mid') return { start: start.set({ day: 11 }), end: start.set({ day: 21 }) };
  return { start: start.set({ day: 21 }), end: start.plus({ months: 1 }) };
}

/** Early (Mon–Tue), mid (Wed–Thu) or late (Thu–Fri) part of the working week containing `day`. */
export function partOfWeek(part: Part, day: DateTime): { start: DateTime; end: DateTime } {
  const monday = day.startOf('week');
  const [from, to] = part === 'early' || part === 'first-half' ? [0, 2] : part === 'mid' ? [2, 4] : [3, 5];
  return { start: monday.plus({ days: from }), end: monday.plus({ days: to }) };
}

/** The next month numbered `month` (1–12), this one included. */
export function namedMonth(month: number, now: DateTime): DateTime {
  const candidate = now.startOf('month').set({ month });
  return candidate < now.startOf('month') ? candidate.plus({ years: 1 }) : candidate;
}

/** The single local day `n` days from today. */
export function dayFromToday(n: number | null, now: DateTime): { start: DateTime; end: DateTime } | null {
  if (n === null || !Number.isInteger(n) || n < 0 || n > 366) return null;
  const start = now.startOf('day').plus({ days: n });
  return { start, end: start.plus({ days: 1 }) };
}

/** From today to `n` weeks later (`the next 3 weeks`); `null` for a count out of 1..13. */
export function nextWeeks(n: number | null, now: DateTime): { start: DateTime; end: DateTime } | null {
  if (n === null || !Number.isInteger(n) || n < 1 || n > 13) return null;
  const start = now.startOf('day');
  return { start, end: start.plus({ weeks: n }) };
}

/** The next day numbered `n` (today included), skipping months too short for it. */
export function nextDayNumbered(n: number, now: DateTime, month?: number): DateTime | null {
  if (!Number.isInteger(n) || n < 1 || n > 31) return null;
  const today = now.startOf('day');
  for (let i = 0; i < 13; i++) {
    const m = today.startOf('month').plus({ months: i });
    if (month !== undefined && m.month !== month) continue;
    if (n > (m.daysInMonth ?? 0)) continue;
    const day = m.set({ day: n });
    if (day >= today) return day;
  }
  return null;
}

/** Days `a` to `b` (inclusive) of one month, the next such range from today. */
export function dayRange(
  a: number,
  b: number,
  now: DateTime,
  month?: number,
): { start: DateTime; end: DateTime } | null {
  if (b < a) return null;
  const first = nextDayNumbered(b, now, month);
  if (!first || a > (first.daysInMonth ?? 0)) return null;
  const start = first.set({ day: a });
  return { start, end: first.plus({ days: 1 }) };
}

/** The next `weekday` (1 = Monday) after today, or today's when `today` is true. */
export function nextWeekday(weekday: number, now: DateTime, includeToday = false): DateTime {
  const today = now.startOf('day');
  let offset = (weekday - today.weekday + 7) % 7;
  if (offset === 0 && !includeToday) offset = 7;
  return today.plus({ days: offset });
}

/** `monday to wednesday`: from the next first weekday to the following second one. */
export function weekdayRange(a: number, b: number, now: DateTime): { start: DateTime; end: DateTime } {
  const start = nextWeekday(a, now);
  const span = (b - a + 7) % 7;
  return { start, end: start.plus({ days: span + 1 }) };
}
