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

/** Whether `/meet <text>` asks for help on the playground: empty, or a help word of any language. */
export function asksForHelp(text: string): boolean {
  const word = text
    .trim()
    .replace(/^\/meet\b/i, '')
    .trim()
    .toLowerCase();
  return word === '' || LOCALES.some((locale) => t(locale, 'help.words').split(' ').includes(word));
}
