/** `/meet help` per surface and language, and how the playground recognises a request for it. */
import { describe, expect, it } from 'vitest';
import { helpLocale, helpText, SURFACES } from '../../src/app/help.ts';
import { meetCommand } from '../../src/bot/discord/commands.ts';
import { LOCALES } from '../../src/core/locale.ts';

describe('helpText', () => {
  it('uses each surface’s own command syntax', () => {
    expect(helpText('slack', 'en')).toContain('`/meet settings`');
    expect(helpText('slack', 'fr')).toContain('`/meet réglages`');
    expect(helpText('discord', 'en')).toContain('`/meet new request: 30 min with @Ana next week`');
    // Discord shows a French client the French names the commands are registered with (commands.ts).
    expect(helpText('discord', 'fr')).toContain('`/meet preferences zone: langue: heures:`');
    expect(helpText('discord', 'fr')).toContain('`/meet relier fournisseur:`');
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

describe('Discord help and the registered commands', () => {
  it('names, in each language, exactly the subcommands and options Discord shows that language', () => {
    const definition = meetCommand();
    const names = (locale: string) => {
      const out = new Set<string>();
      const walk = (options: readonly unknown[] | undefined) => {
        for (const o of (options ?? []) as {
          name: string;
          name_localizations?: Record<string, string>;
          options?: unknown[];
        }[]) {
          out.add(locale === 'en' ? o.name : (o.name_localizations?.[locale] ?? o.name));
          walk(o.options);
        }
      };
      walk(definition.options);
      return out;
    };
    for (const locale of LOCALES) {
      const text = helpText('discord', locale);
      const used = [...text.matchAll(/`\/meet ([a-z-]+)((?: [a-z0-9-]+:)*)/g)].flatMap((m) => [
        m[1]!,
        ...[...m[2]!.matchAll(/([a-z0-9-]+):/g)].map((o) => o[1]!),
      ]);
      expect(used.length, locale).toBeGreaterThan(5);
      for (const name of used) expect(names(locale).has(name), `${locale}: ${name}`).toBe(true);
    }
  });
});
