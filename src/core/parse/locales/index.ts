import type { Locale } from '../types.ts';
import { de } from './de/index.ts';
import { en } from './en/index.ts';
import { fr } from './fr/index.ts';
import type { Connectives, LocaleConfig } from './types.ts';

export const LOCALES: Readonly<Record<Locale, LocaleConfig>> = { en, fr, de };

/**
 * One connective list of every language as a regex alternation (longest first, escaped): the shared
 * refiners read them in any language, as a request may mix them.
 */
export function connectives(kind: keyof Connectives): string {
  const words = new Set(Object.values(LOCALES).flatMap((config) => config.connectives[kind]));
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}
