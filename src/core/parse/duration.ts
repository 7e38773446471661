/** Duration extraction, driven by each language's rule table. */
import type { LocaleConfig } from './locales/types.ts';
import { mask, matchAll, type Span } from './text.ts';

/** Longest meeting the parser accepts, in minutes (8 hours). */
export const MAX_DURATION_MINUTES = 8 * 60;
/** Used when the request does not say how long. */
export const DEFAULT_DURATION_MINUTES = 30;

export interface DurationHit {
  readonly minutes: number;
  readonly text: string;
  readonly span: Span;
}

const COMPACT_CLOCK = /^(\d{1,2})\s*h(?:\s*([0-5]\d))?$/iu;

/**
 * Every duration in the text, in reading order. Values are not validated here (0 or 12 hours are
 * returned as such, so the caller can explain what is wrong with them).
 */
export function extractDurations(masked: string, config: LocaleConfig): DurationHit[] {
  const hits: DurationHit[] = [];
  let text = masked;
  for (const rule of config.durations) {
    const accepted: Span[] = [];
    for (const { match, span } of matchAll(rule.pattern, text)) {
      const minutes = rule.minutes(match);
      if (minutes === null || !Number.isFinite(minutes)) continue;
      if (rule.clockLike && isClockTime(match[0], minutes, text.slice(0, span.start), config)) continue;
      hits.push({ minutes, text: match[0], span });
      accepted.push(span);
    }
    text = mask(text, accepted);
  }
  return hits.sort((a, b) => a.span.start - b.span.start);
}

/** `après 15h` (a preposition before it), or French `demain 15h` (too long to be a duration). */
function isClockTime(raw: string, minutes: number, before: string, config: LocaleConfig): boolean {
  if (config.timePreposition.test(before)) return true;
  if (!config.compactClockTimes || minutes <= MAX_DURATION_MINUTES) return false;
  const compact = COMPACT_CLOCK.exec(raw.trim());
  return compact !== null && Number(compact[1]) <= 23;
}
