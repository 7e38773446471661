/** The Slack adapter answers in the language the command is written in, by the parser's detection. */
import { describe, expect, it } from 'vitest';
import { detectLocale } from '../../../src/bot/slack/common.ts';

describe('slack detectLocale', () => {
  it('recognises each language, German included', () => {
    expect(detectLocale('@ana 30m next week')).toBe('en');
    expect(detectLocale('@ana 30 min mardi prochain')).toBe('fr');
    expect(detectLocale('@ana 30 Min. nächsten Dienstag')).toBe('de');
  });

  it('reads the command words of each language', () => {
    expect(detectLocale('help', 'fr')).toBe('en');
    expect(detectLocale('aide')).toBe('fr');
    expect(detectLocale('réglages')).toBe('fr');
    expect(detectLocale('hilfe')).toBe('de');
    expect(detectLocale('einstellungen')).toBe('de');
  });

  it('falls back to the given language when nothing tells', () => {
    expect(detectLocale('', 'de')).toBe('de');
    expect(detectLocale('@ana 30m', 'fr')).toBe('fr');
    expect(detectLocale('@ana 30m')).toBe('en');
  });
});
