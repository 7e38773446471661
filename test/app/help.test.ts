/** `/meet help` per surface and language, and how the playground recognises a request for it. */
import { describe, expect, it } from 'vitest';
import { helpLocale, helpText, SURFACES } from '../../src/app/help.ts';
import { LOCALES } from '../../src/core/locale.ts';

describe('helpText', () => {
  it('uses each surface’s own command syntax', () => {
    expect(helpText('slack', 'en')).toContain('`/meet settings`');
    expect(helpText('slack', 'fr')).toContain('`/meet réglages`');
    expect(helpText('discord', 'en')).toContain('`/meet new request: 30 min with @Ana next week`');
    // Discord's subcommands are registered in English: the French help keeps their names.
    expect(helpText('discord', 'fr')).toContain('`/meet settings zone: language: hours:`');
    expect(helpText('playground', 'en')).toContain('/meet @ana @li 30m next week "Roadmap"');
    expect(helpText('playground', 'en')).not.toContain('`');
  });

  it('is a different text for every surface and every language', () => {
    const texts = SURFACES.flatMap((surface) => LOCALES.map((locale) => helpText(surface, locale)));
    expect(new Set(texts).size).toBe(SURFACES.length * LOCALES.length);
    expect(helpText('playground', 'fr')).toContain('la semaine prochaine');
  });
});

describe('helpLocale', () => {
  it('tells a help request, and its language when the word has one', () => {
    expect(helpLocale('/meet help')).toBe('en');
    expect(helpLocale('  /meet   AIDE ')).toBe('fr');
    expect(helpLocale('/meet')).toBeNull();
    expect(helpLocale('/meet ?')).toBeNull();
    expect(helpLocale('/meet @ana 30m help')).toBeUndefined();
    expect(helpLocale('/meet @ana 30m')).toBeUndefined();
  });
});
