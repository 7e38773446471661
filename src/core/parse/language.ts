/**
 * Language detection: every language scores its marker words and its typical letters; the best score
 * wins, and a tie (or nothing at all) is `fallback` (English unless told: the parser's rule).
 */
import { LOCALES } from './locales/index.ts';
import { fold } from './text.ts';
import type { Locale } from './types.ts';

const MENTIONS_AND_QUOTES = /<[^<>]*>|@[\p{L}\p{M}\p{N}_.-]+|"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]|»[^«]*«/gu;

export function detectLocale(text: string, fallback: Locale = 'en'): Locale {
  const plain = text.replace(MENTIONS_AND_QUOTES, ' ');
  const words = plain
    .split(/[^\p{L}\p{M}'’-]+/u)
    .map(fold)
    .filter(Boolean);
  let best: Locale = 'en';
  let bestScore = 0;
  let tied = false;
  for (const config of Object.values(LOCALES)) {
    let score = config.letters ? (plain.match(config.letters) ?? []).length : 0;
    for (const word of words) if (config.markers.has(word)) score++;
    if (score > bestScore) {
      best = config.locale;
      bestScore = score;
      tied = false;
    } else if (score === bestScore) tied = true;
  }
  return tied || bestScore === 0 ? fallback : best;
}
