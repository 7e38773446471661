/** The words no extractor consumed, minus the language's filler words. */
import type { LocaleConfig } from './locales/types.ts';
import { fold } from './text.ts';

const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
/** French elision: `l'équipe` is checked as `équipe`, `d'` alone is a filler. */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu)['’]/iu;

export function leftoverWords(masked: string, config: LocaleConfig): string[] {
  const out: string[] = [];
  for (const token of masked.split(/\s+/u)) {
    const word = token.replace(EDGE_PUNCTUATION, '');
    if (word === '' || !/[\p{L}\p{N}]/u.test(word)) continue;
    const folded = fold(word);
    if (config.fillers.has(folded)) continue;
    const bare = folded.replace(ELISION, '');
    if (bare === '' || config.fillers.has(bare)) continue;
    out.push(word);
  }
  return out;
}
