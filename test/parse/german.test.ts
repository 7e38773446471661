/**
 * German end to end in the parser: language detection among every language (German, English, French,
 * mixed with mentions and quoted titles), a full German request, and messages worded in German.
 */

import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/app/request/parse.ts';
import { parseRequest } from '../../src/core/parse/index.ts';
import { detectLocale } from '../../src/core/parse/language.ts';

/** Wednesday 2026-11-25 10:00 in Berlin. */
const ctx = { now: Date.parse('2026-11-25T09:00:00Z'), zone: 'Europe/Berlin' };

describe('detectLocale', () => {
  it.each([
    ['/meet @ana 30 Min. nächste Woche', 'de'],
    ['/meet @ana morgen um 15 Uhr', 'de'],
    ['/meet @ana eine Stunde am Dienstag nachmittags', 'de'],
    ['/meet @ana übermorgen', 'de'],
    ['/meet @ana außer Montag', 'de'],
    ['/meet @ana zwischen dem 3. und 5. Dezember', 'de'],
    ['/meet @ana 30m next week', 'en'],
    ['/meet @ana tomorrow at 3pm', 'en'],
    ['/meet @ana the day after tomorrow', 'en'],
    ['/meet @ana 30 min la semaine prochaine', 'fr'],
    ['/meet @ana demain à 15h', 'fr'],
    ['/meet @ana après-midi', 'fr'],
  ] as const)('%s → %s', (text, locale) => {
    expect(detectLocale(text)).toBe(locale);
  });

  it('ignores mentions and quoted titles, in every quote style', () => {
    expect(detectLocale('/meet @morgen @dienstag 30m next week')).toBe('en');
    expect(detectLocale('<@U1|heute> <@U2|morgen> tomorrow')).toBe('en');
    expect(detectLocale('/meet @ana tomorrow „Besprechung morgen früh“')).toBe('en');
    expect(detectLocale('/meet @ana tomorrow »Besprechung am Dienstag«')).toBe('en');
    expect(detectLocale('/meet @ana nächste Woche "next week planning with the team"')).toBe('de');
    expect(detectLocale('/meet @ana demain « Point hebdo morgen »')).toBe('fr');
  });

  it('is English when nothing tells, or when languages tie', () => {
    expect(detectLocale('/meet @ana 30m')).toBe('en');
    expect(detectLocale('')).toBe('en');
    // One German marker against one English marker.
    expect(detectLocale('/meet @ana morgen tomorrow')).toBe('en');
  });

  it('picks the language with the most evidence in a mixed request', () => {
    expect(detectLocale('/meet @ana meeting nächste Woche am Dienstag')).toBe('de');
    expect(detectLocale('/meet @ana next week on tuesday, danke')).toBe('en');
  });
});

describe('parseRequest in German', () => {
  it('reads a whole request: people, duration, window, time of day, zone and title', () => {
    const result = parseRequest(
      '/meet @ana <@U123ABC|li> 1,5 Std. vormittags nächste Woche außer Montag Berliner Zeit „Q3-Rückblick“',
      ctx,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const r = result.request;
    expect(r.locale).toBe('de');
    expect(r.participants.map((p) => p.id)).toEqual(['ana', 'U123ABC']);
    expect(r.duration).toEqual({ minutes: 90, source: 'said', text: '1,5 Std.' });
    expect([r.window.start, r.window.end]).toEqual([
      Date.parse('2026-11-30T00:00:00+01:00'),
      Date.parse('2026-12-07T00:00:00+01:00'),
    ]);
    expect(r.constraints.map((c) => [c.start, c.end])).toEqual([['09:00', '12:00']]);
    expect(r.excluded?.map((e) => [e.start, e.end])).toEqual([
      [Date.parse('2026-11-30T00:00:00+01:00'), Date.parse('2026-12-01T00:00:00+01:00')],
    ]);
    expect(r.timeZone).toEqual({ value: 'Europe/Berlin', source: 'said', text: 'Berliner Zeit' });
    expect(r.title).toEqual({ value: 'Q3-Rückblick', source: 'said', text: '„Q3-Rückblick“' });
    expect(r.unrecognised).toEqual([]);
  });

  it('words its errors and questions in German', () => {
    const past = parseRequest('/meet @ana gestern', ctx);
    expect(past.ok).toBe(false);
    if (!past.ok) {
      expect(past.partial.locale).toBe('de');
      expect(past.errors[0]?.code).toBe('window_in_past');
      expect(parseText(past.errors[0]!)).toBe(
        '„gestern“ ist schon vorbei; wähle eine Zeit ab jetzt, etwa morgen oder nächste Woche.',
      );
    }
    const nobody = parseRequest('morgen um 15 Uhr IST', ctx);
    expect(nobody.ok).toBe(false);
    if (!nobody.ok) {
      expect(parseText(nobody.errors[0]!)).toMatch(/^Ich habe niemanden zum Einladen gefunden/);
      expect(parseText(nobody.partial.questions![0]!)).toBe(
        'Welche Zeitzone meinst du mit „IST“: Asia/Kolkata, Europe/Dublin, Asia/Jerusalem?',
      );
    }
  });

  it('answers a German request in another language when asked to', () => {
    const result = parseRequest('/meet morgen', { ...ctx, replyLocale: 'fr' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.partial.locale).toBe('de');
      expect(parseText(result.errors[0]!)).toMatch(/^Je n'ai trouvé personne à inviter/);
    }
  });

  it('does not read a weekday out of a word with an umlaut (chrono reads `fr` in `früh` as Friday)', () => {
    const result = parseRequest('/meet @ana beim Frühstück', ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.window.source).toBe('implied');
    expect(result.request.unrecognised).toEqual(['beim', 'Frühstück']);
  });
});
