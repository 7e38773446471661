/** Helpers shared by the languages' recurrence tables (`./<tag>/recurrence.ts`). */
import { type Pattern, WB, WE, wordRegex } from '../text.ts';
import type { SeriesDay } from './types.ts';

export { alternation, numberValue } from './shared.ts';

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
