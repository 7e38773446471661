/** Language detection: French when its marker words and accents outweigh the English markers. */
import { LOCALES } from './locales/index.ts';
import { fold } from './text.ts';
import type { Locale } from './types.ts';

const MENTIONS_AND_QUOTES = /<[^<>]*>|@[\p{L}\p{M}\p{N}_.-]+|"[^"]*"|“[^”]*”|«[^»]*»/gu;
const FRENCH_LETTERS = /[àâçéèêëîïôûùüÿœ]/giu;

export function detectLocale(text: string): Locale {
  const plain = text.replace(MENTIONS_AND_QUOTES, ' ');
  const words = plain
    .split(/[^\p{L}\p{M}'’-]+/u)
    .map(fold)
    .filter(Boolean);
  let fr = (plain.match(FRENCH_LETTERS) ?? []).length;
  let en = 0;
  for (const word of words) {
    if (LOCALES.fr.markers.has(word)) fr++;
    if (LOCALES.en.markers.has(word)) en++;
  }
  return fr > en ? 'fr' : 'en';
}
