/**
 * Requests that must be refused: each row of `rejected.json` gives the input (optionally repeated),
 * the expected error code and the language the message must be in.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/core/parse/index.ts';
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
      expect(e.message).not.toMatch(/\n/);
      expect(e.message.length).toBeGreaterThan(20);
      if (row.locale === 'fr') expect(e.message).toMatch(FRENCH);
      else {
        expect(e.message).toMatch(ENGLISH);
        expect(e.message).not.toMatch(FRENCH);
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
    expect(!en.ok && !fr.ok && en.errors[0]?.message !== fr.errors[0]?.message).toBe(true);
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
    expect(!zone.ok && zone.errors[0]?.message).toContain('Mars/Base');
    expect(!now.ok && [now.partial.locale, now.errors[0]?.code]).toEqual(['fr', 'invalid_context']);
  });
});
