/**
 * The languages Convene speaks, in one place. A language is added by a folder of parser rules
 * (`src/core/parse/locales/<tag>/`), a folder of message catalogues (`src/app/i18n/<tag>/`) and its tag here.
 */
export const LOCALES = ['en', 'fr', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A BCP 47 tag (`fr-FR`, `fr`, `FR_ca`, Slack's `fr-FR`, Discord's `fr`) → the supported language of its
 * primary subtag; anything else (unsupported, empty, not a string) → `fallback`.
 */
export function toLocale(tag: string | null | undefined, fallback: Locale = 'en'): Locale {
  if (typeof tag !== 'string') return fallback;
  const primary = tag.trim().toLowerCase().split(/[-_]/, 1)[0] ?? '';
  return isLocale(primary) ? primary : fallback;
}
