/**
 * Requests that must be refused: each row of `rejected.json` gives the input (optionally repeated),
 * the expected error code and the language the message must be in.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText, precheckRequest } from '../../src/app/request/parse.ts';
import { MAX_PARTICIPANTS, parseRequest } from '../../src/core/parse/index.ts';
import type { Locale } from '../../src/core/parse/types.ts';

interface Rejected {
  text: string;
  repeat?: number;
  code: string;
  locale: Locale;
}

const rows = JSON.parse(readFileSync(new URL('./rejected.json', import.meta.url), 'utf8')) as Rejected[];
const ctx = Object.freeze({ now: Date.parse('2026-11-23T10:00:00Z'), zone: 'Europe/Paris' });

/** Independent of the parser's own detection: words only one of the two languages uses. */
const FRENCH = /(?:\b(?:je|vous|une|des|les|pour|est|déjà|personne|durée|choisissez)\b|[éèàç])/iu;
const ENGLISH = /\b(?:I|me|who|the|is|you|like|say|couldn't|pick|time|check)\b/u;

describe('rejected requests', () => {
  it('covers every error code a request can produce', () => {
    expect(new Set(rows.map((r) => r.code))).toEqual(
      new Set([
        'empty_request',
        'text_too_long',
        'no_participants',
        'invalid_duration',
        'duration_too_long',
        'window_in_past',
        'contradictory_window',
        'window_too_far',
      ]),
    );
  });

  it.each(
    rows.map((r) => [`${r.code} ← ${JSON.stringify(r.text)}${r.repeat ? ` ×${r.repeat}` : ''}`, r] as const),
  )('%s', (_name, row) => {
    const text = row.text.repeat(row.repeat ?? 1);
    const result = parseRequest(text, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.partial.locale).toBe(row.locale);
    const error = result.errors.find((e) => e.code === row.code);
    expect(error, JSON.stringify(result.errors)).toBeDefined();
    for (const e of result.errors) {
      expect(parseText(e)).not.toMatch(/\n/);
      expect(parseText(e).length).toBeGreaterThan(20);
      if (row.locale === 'fr') expect(parseText(e)).toMatch(FRENCH);
      else {
        expect(parseText(e)).toMatch(ENGLISH);
        expect(parseText(e)).not.toMatch(FRENCH);
      }
    }
  });

  it('gives the same code in the other language with a different message', () => {
    const en = parseRequest('tomorrow', { ...ctx, locale: 'en' });
    const fr = parseRequest('tomorrow', { ...ctx, locale: 'fr' });
    expect(!en.ok && !fr.ok && [en.errors[0]?.code, fr.errors[0]?.code]).toEqual([
      'no_participants',
      'no_participants',
    ]);
    expect(!en.ok && !fr.ok && parseText(en.errors[0]!) !== parseText(fr.errors[0]!)).toBe(true);
  });

  it('quotes the offending text in duration and window errors', () => {
    const result = parseRequest('@ana 9 hours before tuesday after thursday', ctx);
    expect(!result.ok && result.errors.map((e) => [e.code, e.text])).toEqual([
      ['duration_too_long', '9 hours'],
      ['contradictory_window', 'before tuesday after thursday'],
    ]);
  });

  it('still returns what it could read next to the errors', () => {
    const result = parseRequest('next week "Budget" 45 min', ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).toEqual(['no_participants']);
    expect(result.partial.duration).toEqual({ minutes: 45, source: 'said', text: '45 min' });
    expect(result.partial.title?.value).toBe('Budget');
    expect(result.partial.window?.source).toBe('said');
  });

  it('refuses an invalid zone or clock as a value, without throwing', () => {
    const zone = parseRequest('@ana tomorrow', { now: ctx.now, zone: 'Mars/Base' });
    const now = parseRequest('@ana demain', { now: Number.NaN, zone: 'Europe/Paris' });
    expect(!zone.ok && zone.errors.map((e) => e.code)).toEqual(['invalid_context']);
    expect(!zone.ok && parseText(zone.errors[0]!)).toContain('Mars/Base');
    expect(!now.ok && [now.partial.locale, now.errors[0]?.code]).toEqual(['fr', 'invalid_context']);
  });
});

describe('the work budget of one request', () => {
  const people = (n: number, prefix = '@p') => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');

  it('refuses a window ending past the look-ahead, saying the limit, in the request language', () => {
    const en = parseRequest('/meet @a @b 30m between tomorrow and 2600-01-01', ctx);
    expect(!en.ok && en.errors.map((e) => e.code)).toEqual(['window_too_far']);
    expect(!en.ok && parseText(en.errors[0]!)).toContain('I can look up to 90 days ahead');
    const fr = parseRequest('@ana 30 min entre demain et le 1er janvier 2600', ctx);
    expect(!fr.ok && parseText(fr.errors[0]!)).toContain("Je peux chercher jusqu'à 90 jours à l'avance");
  });

  it('accepts a window ending on the 90th day, refuses the 91st, and honours a configured limit', () => {
    const last = parseRequest('@ana 30m in 90 days', ctx);
    expect(last.ok).toBe(true);
    expect(parseRequest('@ana 30m in 91 days', ctx).ok).toBe(false);
    const short = parseRequest('@ana 30m in 20 days', { ...ctx, maxWindowDays: 14 });
    expect(!short.ok && parseText(short.errors[0]!)).toContain('14 days');
    // The default window (a week) is clipped to a shorter configured look-ahead, never refused.
    const implied = parseRequest('@ana 30m', { ...ctx, maxWindowDays: 1 });
    expect(implied.ok && implied.request.window.end).toBeLessThanOrEqual(ctx.now + 2 * 86_400_000);
  });

  it('refuses more than the maximum number of people, before and while parsing', () => {
    expect(parseRequest(`${people(MAX_PARTICIPANTS)} 30m tomorrow`, ctx).ok).toBe(true);
    const over = parseRequest(`${people(MAX_PARTICIPANTS + 1)} 30m tomorrow`, ctx);
    expect(!over.ok && over.errors.map((e) => e.code)).toEqual(['too_many_participants']);
    expect(!over.ok && parseText(over.errors[0]!)).toContain('up to 50');
    const slack = Array.from({ length: 60 }, (_, i) => `<@U${String(i).padStart(3, '0')}A>`).join(' ');
    expect(precheckRequest(slack)?.code).toBe('too_many_participants');
    expect(precheckRequest(`${slack} demain`, { locale: 'fr' })?.message).toContain('60 personnes');
    expect(precheckRequest(`${people(3)} 30m`, { maxParticipants: 2 })?.code).toBe('too_many_participants');
    expect(precheckRequest(`${people(3)} 30m`)).toBeNull();
    // People named outside the text (Discord options) count too, once each.
    expect(
      precheckRequest('<@123456789012345678>', {
        maxParticipants: 2,
        extraIds: ['123456789012345678', '223456789012345678'],
      }),
    ).toBeNull();
    expect(precheckRequest('', { maxParticipants: 2, extraIds: ['1', '2', '3'] })?.code).toBe(
      'too_many_participants',
    );
    expect(precheckRequest('@ana 30m '.repeat(200))?.code).toBe('text_too_long');
  });
});
