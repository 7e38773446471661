/**
 * Clock times chrono misses or misreads, read before the parts of the day so that `3 o'clock in the
 * afternoon` or `à 8h du matin` keep their meridiem: `at 15h`, `half past two`, `a quarter to noon`,
 * `between 2 and 4pm`, `10 or 11am`, `à quinze heures`, `midi et quart`, `entre 14 et 16 heures`.
 * Hours said without a meridiem in words or `o'clock` from 1 to 7 are afternoon hours (nobody books
 * 3 a.m. in words); bare digits (`at 3`) stay unread, as before, so the bot asks.
 */
import type { Temporal } from './dates.ts';
import type { ClockRule, LocaleConfig } from './locales/types.ts';
import { mask, matchAll, type Span } from './text.ts';

export function extractClockTimes(
  masked: string,
  config: LocaleConfig,
): { temporals: Temporal[]; spans: Span[] } {
  const temporals: Temporal[] = [];
  const spans: Span[] = [];
  let text = masked;
  for (const rule of config.clockTimes) {
    const found: Span[] = [];
    for (const { match, span } of matchAll(rule.pattern, text)) {
      const read = rule.read(match);
      if (!read || read.length === 0) continue;
      const valid = read.every((r) => valid24(r.start) && (r.end === undefined || valid24(r.end)));
      if (!valid) continue;
      for (const r of read) {
        temporals.push({
          span,
          text: match[0],
          start: { time: r.start },
          ...(r.end === undefined ? {} : { end: { time: r.end } }),
        });
      }
      found.push(span);
    }
    spans.push(...found);
    text = mask(text, found);
  }
  return { temporals, spans };
}

function valid24(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= 0 && minutes <= 24 * 60;
}

/** Afternoon for 1–7 when no meridiem was said (`at three`, `3 o'clock`). */
export function daytime(hour: number): number {
  return hour >= 1 && hour <= 7 ? hour + 12 : hour;
}

/** Applies `am`/`pm` to a 1–12 hour; `null` when the hour cannot take it. */
export function meridiem(hour: number, m: string | undefined): number | null {
  if (!m) return hour;
  if (hour < 1 || hour > 12) return null;
  const pm = m.toLowerCase().startsWith('p');
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

export type { ClockRule };
