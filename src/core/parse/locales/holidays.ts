/**
 * Fixed-date holidays said as words where days are left out (`every monday except christmas`, `in december
 * except new year's eve`, `sauf la Saint-Sylvestre`, `außer Heiligabend`): each language's table of words
 * and dates (`./<tag>/holidays.ts`). Movable feasts (Easter, Pentecost…) are in no table: said, their words
 * stay unread (`unrecognised`) and the bot says so, rather than a wrong date being left out.
 */
import type { DateTime } from 'luxon';
import { type Pattern, WB, WE, wordRegex } from '../text.ts';
import type { PeriodRule } from './types.ts';

/** One holiday of a language's table, which lists a longer phrase before one it begins with. */
export interface Holiday {
  /** Regex source of its words, without capturing groups (`christmas(?:\\s+day)?`). */
  readonly words: string;
  readonly month: number;
  readonly day: number;
}

/**
 * Any holiday of a table, as one alternation without capturing groups, in the table's order: a table lists
 * the longer phrase first (`christmas eve` before `christmas`), as the first that matches is kept.
 */
export const holidayWords = (holidays: readonly Holiday[]): string =>
  `(?:${holidays.map((h) => `(?:${h.words})`).join('|')})`;

/** The holiday a phrase names in full (`Christmas Eve` → 24 December), or undefined. */
export function holidayOf(
  text: string,
  holidays: readonly Holiday[],
): { readonly month: number; readonly day: number } | undefined {
  const h = holidays.find((x) => new RegExp(`^(?:${x.words})$`, 'iu').test(text.trim()));
  return h ? { month: h.month, day: h.day } : undefined;
}

/**
 * The holidays and dates of a list (`december 24, christmas and new year's day`) in the order said: each
 * date by `dates` (its own reading, `null` when not a date after all), each holiday by its table.
 */
export function exceptList(
  text: string,
  dates: {
    readonly pattern: RegExp;
    readonly read: (m: RegExpExecArray) => { month: number; day: number } | null;
  },
  holidays: readonly Holiday[],
): { month: number; day: number }[] {
  const found: { at: number; date: { month: number; day: number } }[] = [];
  for (const m of text.matchAll(new RegExp(dates.pattern.source, 'giu'))) {
    const date = dates.read(m);
    if (date) found.push({ at: m.index, date });
  }
  for (const m of text.matchAll(new RegExp(`${WB}${holidayWords(holidays)}${WE}`, 'giu'))) {
    const date = holidayOf(m[0], holidays);
    if (date) found.push({ at: m.index, date });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.date);
}

/**
 * A holiday said after a word that leaves days out (`except christmas`, `sauf le jour de l'an`): the
 * next such day from today (inclusive) as a named period, which the bound keyword before it excludes
 * (as it does `except december 25`). Said elsewhere (`christmas party`), it is no period: not read.
 * `except` is the language's words that leave out (a regex source), `articles` what may stand between
 * them and the holiday, `joiners` what joins two holidays of a list.
 */
export function holidayPeriod(
  holidays: readonly Holiday[],
  except: string,
  articles: string,
  joiners: string,
): PeriodRule {
  const any = holidayWords(holidays);
  const gap = `\\s+(?:(?:${articles})\\s+)*`;
  const pattern: Pattern = wordRegex(
    `(?<=${WB}(?:${except})${gap}(?:${any}\\s*(?:,|${joiners})\\s*(?:(?:${articles})\\s+)*)*)${any}${WE}`,
  );
  return {
    pattern,
    resolve: (m, now) => {
      const date = holidayOf(m[0], holidays);
      if (!date) return null;
      const start = nextDay(now, date.month, date.day);
      return { start, end: start.plus({ days: 1 }) };
    },
  };
}

/** The next local day on or after `now`'s day that is `day` `month` (both fixed: no clamping needed). */
function nextDay(now: DateTime, month: number, day: number): DateTime {
  const today = now.startOf('day');
  const thisYear = today.set({ month, day });
  return thisYear < today ? thisYear.plus({ years: 1 }) : thisYear;
}
