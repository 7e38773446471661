/** Helpers shared by the languages' recurrence tables (`./<tag>/recurrence.ts`). */
import { type Pattern, WB, WE, wordRegex } from '../text.ts';
import { alternation } from './shared.ts';
import type { SeriesDay } from './types.ts';

export { alternation, numberValue } from './shared.ts';

/**
 * The option of an `ambiguous_recurrence` question that says no series at all (`le lundi`: every Monday, or
 * the next one?): chosen, the words keep their one-off reading.
 */
export const ONCE = 'ONCE';

/** A regex over a whole phrase, word-bounded at both ends. */
export const phrase = (source: string): Pattern => wordRegex(`${WB}(?:${source})${WE}`);

/** One weekday word or a list of them (`mon, wed and fri`): `day` must not capture. */
export const dayList = (day: string, joiners: string): string => `${day}(?:\\s*(?:,|${joiners})\\s*${day})*`;

/**
 * The weekdays named in a list, in order, without repeats; each word is read by `weekdayOf` (0 = Monday)
 * with ordinal `n` (0: every one).
 */
export function readDays(
  text: string | undefined,
  day: string,
  weekdayOf: (word: string) => number | undefined,
  n = 0,
): SeriesDay[] {
  const out: SeriesDay[] = [];
  if (!text) return out;
  for (const m of text.matchAll(new RegExp(`${WB}${day}${WE}`, 'giu'))) {
    const weekday = weekdayOf(m[0].toLowerCase());
    if (weekday !== undefined && !out.some((d) => d.weekday === weekday)) out.push({ n, weekday });
  }
  return out.sort((a, b) => a.weekday - b.weekday);
}

/** Reads a weekday from the first letters of its name, by a table of prefixes (`tu` → 1). */
export const byPrefix =
  (prefixes: readonly (readonly [string, number])[]) =>
  (word: string): number | undefined =>
    prefixes.find(([p]) => word.normalize('NFD').replace(/\p{M}/gu, '').startsWith(p))?.[1];

/** An interval or count between 1 and `max`, or `null`. */
export const small = (n: number | null, max = 52): number | null =>
  n !== null && Number.isInteger(n) && n >= 1 && n <= max ? n : null;

/** Monday to Friday (`every weekday`, `tous les jours ouvrés`, `werktags`). */
export const WORKING_DAYS: readonly SeriesDay[] = [0, 1, 2, 3, 4].map((weekday) => ({ n: 0, weekday }));

/** One ordinal word or a list of them (`2nd and 4th`, `le 2e et le 4e`): `ord` must not capture. */
export const ordinalList = (ord: string, joiners: string, article = ''): string =>
  `${ord}(?:\\s*(?:,|${joiners})\\s*${article ? `(?:(?:${article})\\s*)?` : ''}${ord})*`;

/**
 * The ordinals named in a list, in order, without repeats (`2nd and 4th` → 2, 4), read by the table
 * `ordinals` (word → rank in the month, negative from its end), each maybe followed by `suffix` (a plural).
 */
export function readOrdinals(
  text: string | undefined,
  ordinals: ReadonlyMap<string, number>,
  suffix = '',
): number[] {
  const out: number[] = [];
  if (!text) return out;
  const re = new RegExp(`${WB}(${alternation(ordinals.keys())})${suffix}${WE}`, 'giu');
  for (const m of text.matchAll(re)) {
    const n = ordinals.get(m[1]!.toLowerCase().replace(/[\s-]+/g, ' '));
    if (n !== undefined && !out.includes(n)) out.push(n);
  }
  return out;
}

/** Every weekday of `days` at every rank of `ranks` (`2nd and 4th tuesday` → 2TU, 4TU), ranks first. */
export const rankedDays = (ranks: readonly number[], days: readonly SeriesDay[]): SeriesDay[] =>
  ranks.flatMap((n) => days.map((d) => ({ n, weekday: d.weekday })));

/**
 * A monthly series on every weekday of `days` at every rank of `ranks` (`the first monday and wednesday`:
 * 1MO, 1WE), or `null` when a rank or a weekday is missing. Always every rank × every weekday, so that a
 * calendar can say it as positions among those weekdays' dates (BYSETPOS, see app/series.ts).
 */
export const monthlyOn = (ranks: readonly number[], days: readonly SeriesDay[], interval = 1) =>
  ranks.length === 0 || days.length === 0
    ? null
    : ({ freq: 'MONTHLY', interval, byDay: rankedDays(ranks, days) } as const);

/**
 * The rank and weekday pairs of a list (`the first monday and the first wednesday` → 1MO, 1WE), each an
 * ordinal of `ordinals` (maybe followed by `suffix`) then a weekday read by `weekdayOf`.
 */
export function readPairs(
  text: string | undefined,
  ordinals: ReadonlyMap<string, number>,
  day: string,
  weekdayOf: (word: string) => number | undefined,
  suffix = '',
): SeriesDay[] {
  const out: SeriesDay[] = [];
  if (!text) return out;
  const re = new RegExp(`${WB}(${alternation(ordinals.keys())})${suffix}\\s+(${day})${WE}`, 'giu');
  for (const m of text.matchAll(re)) {
    const n = ordinals.get(m[1]!.toLowerCase().replace(/[\s-]+/g, ' '));
    const weekday = weekdayOf(m[2]!.toLowerCase());
    if (n !== undefined && weekday !== undefined) out.push({ n, weekday });
  }
  return out;
}

/**
 * `the first monday and the first wednesday`: pairs of a rank and a weekday, read as `monthlyOn` when
 * they are every rank × every weekday (`1MO, 1WE`), else as those pairs themselves (`the 1st monday and
 * the 3rd wednesday`: 1MO, 3WE), ranks first (from the month's start, then from its end), then weekdays,
 * without repeats. `null` for fewer than two pairs.
 */
export function monthlyOnPairs(pairs: readonly SeriesDay[]) {
  if (pairs.length < 2 || pairs.some((p) => p.n === 0)) return null;
  const ranks = [...new Set(pairs.map((p) => p.n))];
  const days = [...new Set(pairs.map((p) => p.weekday))].sort((a, b) => a - b);
  const all = ranks.every((n) =>
    days.every((weekday) => pairs.some((p) => p.n === n && p.weekday === weekday)),
  );
  if (all)
    return monthlyOn(
      ranks,
      days.map((weekday) => ({ n: 0, weekday })),
    );
  const byDay = pairs
    .filter((p, i) => pairs.findIndex((q) => q.n === p.n && q.weekday === p.weekday) === i)
    .map((p) => ({ n: p.n, weekday: p.weekday }))
    .sort((a, b) => rankOrder(a.n) - rankOrder(b.n) || a.weekday - b.weekday);
  return { freq: 'MONTHLY', interval: 1, byDay } as const;
}

/** 1, 2, … 5 then -1, -2: ranks from the month's start before those from its end. */
const rankOrder = (n: number) => (n > 0 ? n : 100 - n);

/**
 * `once a month on thursday`: which Thursday of the month? The readings to ask (first … fourth, last), or
 * null when not one weekday.
 */
export function monthlyWhich(days: readonly SeriesDay[]): readonly string[] | undefined {
  const code = days.length === 1 ? ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][days[0]!.weekday] : undefined;
  return code ? ['1', '2', '3', '4', '-1'].map((n) => `FREQ=MONTHLY;BYDAY=${n}${code}`) : undefined;
}

/** `monday to thursday every week`: a weekly series on every day from the first to the last, or null. */
export function dayRange(from: readonly SeriesDay[], to: readonly SeriesDay[]) {
  const a = from[0]?.weekday;
  const b = to[0]?.weekday;
  if (a === undefined || b === undefined || b <= a) return null;
  return {
    freq: 'WEEKLY',
    interval: 1,
    byDay: Array.from({ length: b - a + 1 }, (_, i) => ({ n: 0, weekday: a + i })),
  } as const;
}

/** The weekdays (0 = Monday) of a list, for `except friday`: `null` when none is named. */
export const exceptOf = (days: readonly SeriesDay[]) =>
  days.length === 0 ? null : { exceptDays: days.map((d) => d.weekday) };
