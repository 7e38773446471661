/**
 * Messages: use cases return codes with parameters (`Msg`); surfaces word them with `t` / `render` in the
 * reader's language. Wording lives only in the catalogues (`./<locale>/<domain>.ts`), in ICU MessageFormat
 * through FormatJS's `intl-messageformat` (CLDR plural rules per language). A test checks that every
 * language has every key with the same parameters.
 *
 * Adding a language: a folder `./<tag>/` typed `Catalogue`, its tag in `src/core/locale.ts`, one line below.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../../core/locale.ts';
import type { Catalogue, MessageKey } from './catalogue.ts';
import { de } from './de/index.ts';
import { en } from './en/index.ts';
import { fr } from './fr/index.ts';

export type { Locale } from '../../core/locale.ts';
export { isLocale, LOCALES, toLocale } from '../../core/locale.ts';
export type { Catalogue, MessageKey } from './catalogue.ts';

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, fr, de };

/** A message as a use case returns it: a key and its parameters (which may be messages themselves). */
export interface Msg {
  readonly key: MessageKey;
  readonly params?: MsgParams;
}
export type MsgParam = string | number | Msg;
export type MsgParams = Readonly<Record<string, MsgParam>>;

export function msg(key: MessageKey, params?: MsgParams): Msg {
  return params === undefined ? { key } : { key, params };
}

export function isMsg(value: unknown): value is Msg {
  return typeof value === 'object' && value !== null && typeof (value as Msg).key === 'string';
}

// One compiled formatter per language and key: bounded by the catalogue's size.
const compiled = new Map<string, IntlMessageFormat>();

function formatter(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let f = compiled.get(id);
  if (f === undefined) {
    const source = CATALOGUES[locale][key];
    if (source === undefined) throw new Error(`i18n: no message '${key}' in '${locale}'`);
    // ignoreTag: `<@U123>` and `<https://…|text>` are chat markup, not ICU rich-text tags.
    f = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
    compiled.set(id, f);
  }
  return f;
}

/** The message `key` in `locale`, its parameters filled in (nested messages worded in the same language). */
export function t(locale: Locale, key: MessageKey, params?: MsgParams): string {
  const values: Record<string, string | number> = {};
  if (params !== undefined) {
    for (const [name, value] of Object.entries(params)) {
      values[name] = typeof value === 'object' ? render(locale, value) : value;
    }
  }
  return String(formatter(locale, key).format(values));
}

/** A use case's `Msg` worded in `locale`. */
export function render(locale: Locale, message: Msg): string {
  return t(locale, message.key, message.params);
}

// English as Convene writes it elsewhere (en-GB dates): no serial comma, "Ana, Li and Bo".
const LIST_TAG: Partial<Record<Locale, string>> = { en: 'en-GB' };

/** "Ana, Li and Bo" / "Ana, Li et Bo": the language's own list rules (CLDR, `Intl.ListFormat`). */
export function list(
  locale: Locale,
  items: readonly string[],
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  return new Intl.ListFormat(LIST_TAG[locale] ?? locale, { style: 'long', type }).format(items);
}

/** A translator bound to one language, for renderers that word many messages. */
export function translator(locale: Locale): (key: MessageKey, params?: MsgParams) => string {
  return (key, params) => t(locale, key, params);
}
