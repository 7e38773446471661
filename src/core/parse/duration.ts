/** Duration extraction, driven by each language's rule table. */
import { connectives } from './locales/index.ts';
import type { LocaleConfig } from './locales/types.ts';
import { firstMatch, mask, matchAll, pattern, type Span } from './text.ts';

/** Longest meeting the parser accepts, in minutes (8 hours). */
export const MAX_DURATION_MINUTES = 8 * 60;
/** Used when the request does not say how long. */
export const DEFAULT_DURATION_MINUTES = 30;

export interface DurationHit {
  readonly minutes: number;
  readonly text: string;
  readonly span: Span;
  /** `in 2 hours`, `dans une heure`: a time from now, not a length; the span includes `in`. */
  readonly offset?: true;
}

/** `about`, `environ`, `etwa` (maybe) between a connective and a duration. */
const ABOUT = `(?:\\s+(?:${connectives('about')}))?`;
/** `in`/`dans` (`in about`) right before a duration makes it an offset from now. */
const OFFSET_PREFIX = pattern(`(?<![\\p{L}\\p{N}_])(?:${connectives('offset')})${ABOUT}\\s*$`, 'iu');

/**
 * `for`, `pendant`, `für` (`for about`), or `about` alone, right before a duration: how long it lasts,
 * read with it; a connective ending in an apostrophe or a colon may touch it (`d'une durée d'une heure`).
 */
const LASTING_BEFORE = pattern(
  `(?<![\\p{L}\\p{N}_])(?:(?:${connectives('lasting')})${ABOUT}|${connectives('about')})(?:\\s+|(?<=['’:])\\s*)$`,
  'iu',
);
/** `long`/`lang` right after a duration (`an hour long`, `an hour-long`): read with it. */
const LASTING_AFTER = pattern(
  `^(?:\\s+|\\s*-\\s*)(?:${connectives('lastingAfter')})(?![\\p{L}\\p{N}_])`,
  'iu',
);

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
      const before = text.slice(0, span.start);
      if (rule.clockLike && isClockTime(match[0], minutes, before, config)) continue;
      const offset = firstMatch(OFFSET_PREFIX, before);
      if (offset) {
        hits.push({ minutes, text: match[0], span: { start: offset.index, end: span.end }, offset: true });
      } else {
        const lead = firstMatch(LASTING_BEFORE, before);
        const trail = firstMatch(LASTING_AFTER, text.slice(span.end));
        hits.push({
          minutes,
          text: match[0],
          span: { start: lead ? lead.index : span.start, end: span.end + (trail ? trail[0].length : 0) },
        });
      }
      accepted.push(span);
    }
    text = mask(text, accepted);
  }
  return hits.sort((a, b) => a.span.start - b.span.start);
}

/**
 * `après 15h` (a preposition before it), or French `demain 15h`, `jeudi 8h` (a compact hour from 7 on,
 * or too long to be a duration: nobody books a 7-hour meeting as `7h`).
 */
function isClockTime(raw: string, minutes: number, before: string, config: LocaleConfig): boolean {
  if (config.timePreposition.test(before)) return true;
  if (!config.compactClockTimes) return false;
  const compact = COMPACT_CLOCK.exec(raw.trim());
  if (compact === null || Number(compact[1]) > 23) return false;
  return minutes > MAX_DURATION_MINUTES || Number(compact[1]) >= 7;
}
