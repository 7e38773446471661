/**
 * `/meet help` on each surface: the commands in that surface's syntax (Slack's `/meet <word>` in the
 * reader's language, Discord's slash-command options, the playground's request box), in the reader's
 * language. The wording is the catalogue's (`help.<surface>`).
 */
import type { Locale } from '../core/locale.ts';
import { LOCALES } from '../core/locale.ts';
import { t } from './i18n/index.ts';

export const SURFACES = ['slack', 'discord', 'playground'] as const;
export type Surface = (typeof SURFACES)[number];

export function helpText(surface: Surface, locale: Locale): string {
  return t(locale, `help.${surface}`);
}

/**
 * Whether `/meet <text>` asks for help: `undefined` when it does not; the language of its help word
 * (`aide` → French); `null` when it does in no particular language (`/meet`, `/meet ?`).
 */
export function helpLocale(text: string): Locale | null | undefined {
  const word = text
    .trim()
    .replace(/^\/meet\b/i, '')
    .trim()
    .toLowerCase();
  if (word === '') return null;
  const languages = LOCALES.filter((locale) => t(locale, 'help.words').split(' ').includes(word));
  if (languages.length === 0) return undefined;
  return languages.length === 1 ? (languages[0] ?? null) : null;
}
