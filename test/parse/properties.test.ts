/** Property tests: any string, however odd, gives a well-formed result and never an exception. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/app/request/parse.ts';
import { LOCALES } from '../../src/core/locale.ts';
import {
  formatParseJson,
  MAX_DURATION_MINUTES,
  MAX_PARTICIPANTS,
  MAX_WINDOW_DAYS,
  parseRequest,
} from '../../src/core/parse/index.ts';
import type { ParseResult } from '../../src/core/parse/types.ts';

const KINDS = new Set(['slack_user', 'slack_group', 'discord_user', 'discord_role', 'name']);
const ERRORS = new Set([
  'empty_request',
  'text_too_long',
  'invalid_context',
  'no_participants',
  'invalid_duration',
  'duration_too_long',
  'window_in_past',
  'contradictory_window',
  'window_too_far',
  'too_many_participants',
]);
const WARNINGS = new Set([
  'broadcast_mention_ignored',
  'extra_title_ignored',
  'window_widened',
  'series_end_implied',
  'series_except_capped',
]);
const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Pieces that look like requests, to reach deep into the parser more often than random text does. */
const PIECES = [
  '<@',
  '<@!',
  '<@&',
  '<!subteam^',
  '<!here>',
  '|',
  '>',
  '@',
  '@ana',
  'U12AB',
  '123456789012345678',
  '"',
  '«',
  '»',
  "'",
  '“',
  '30m',
  '1h30',
  '1.5h',
  '-2h',
  '99h',
  'half an hour',
  'une demi-heure',
  'demain',
  'tomorrow',
  'next week',
  'la semaine prochaine',
  'between',
  'and',
  'entre',
  'et',
  'after',
  'before',
  'avant',
  'après',
  'until',
  "jusqu'à",
  '15h',
  '3pm',
  'noon',
  'midi',
  'monday',
  'mardi',
  'last',
  'dernier',
  'the 31st',
  'le 31',
  'mornings',
  'le matin',
  'in 3 weeks',
  'dans 99 semaines',
  'to',
  'au',
  ' ',
  ' ',
  '\u0000',
  '\u202e',
  '𝒜',
  'é',
  '\ud800',
  '12/31',
  'feb 30',
];

const requestLike = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 40 })
  .chain((pieces) => fc.shuffledSubarray(pieces, { minLength: pieces.length }))
  .map((pieces) => pieces.join(' '));

const contexts = fc.record({
  now: fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2090-01-01T00:00:00Z') }),
  zone: fc.constantFrom('Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'),
  locale: fc.constantFrom(undefined, 'en' as const, 'fr' as const),
});

function assertWellFormed(text: string, now: number, result: ParseResult): void {
  const oneLine = (m: string) => typeof m === 'string' && m.length > 0 && !m.includes('\n');
  for (const w of result.warnings) {
    expect(WARNINGS.has(w.code)).toBe(true);
    expect(oneLine(parseText(w))).toBe(true);
  }
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) {
      expect(ERRORS.has(e.code), e.code).toBe(true);
      expect(oneLine(parseText(e))).toBe(true);
    }
    expect(LOCALES).toContain(result.partial.locale);
    return;
  }
  const r = result.request;
  expect(LOCALES).toContain(r.locale);
  expect(r.participants.length).toBeGreaterThan(0);
  const keys = new Set<string>();
  for (const p of r.participants) {
    expect(KINDS.has(p.kind)).toBe(true);
    expect(p.id.length).toBeGreaterThan(0);
    expect(text.normalize('NFC')).toContain(p.raw);
    const key = `${p.kind}:${p.kind === 'name' ? p.id.toLowerCase() : p.id}`;
    expect(keys.has(key)).toBe(false);
    keys.add(key);
  }
  expect(Number.isInteger(r.duration.minutes)).toBe(true);
  expect(r.duration.minutes).toBeGreaterThan(0);
  expect(r.duration.minutes).toBeLessThanOrEqual(MAX_DURATION_MINUTES);
  expect(r.duration.source === 'said').toBe(r.duration.text !== undefined);
  expect(r.window.start).toBeGreaterThanOrEqual(now);
  expect(r.window.end).toBeGreaterThan(r.window.start);
  expect(Number.isFinite(r.window.end)).toBe(true);
  // The work budget: never more than the look-ahead (90 days, plus the rest of today), nor 50 people.
  expect(r.window.end).toBeLessThanOrEqual(now + (MAX_WINDOW_DAYS + 1) * 86_400_000 + 2 * 3_600_000);
  expect(r.participants.length).toBeLessThanOrEqual(MAX_PARTICIPANTS);
  for (const c of r.constraints) {
    expect(c.start).toMatch(HHMM);
    expect(c.end).toMatch(HHMM);
  }
  for (const word of r.unrecognised) expect(word.trim()).toBe(word);
  expect(r.title.source === 'said').toBe(r.title.value !== null);
}

describe('parseRequest on arbitrary input', () => {
  const property = (texts: fc.Arbitrary<string>) =>
    fc.property(texts, contexts, (text, ctx) => {
      const frozen = Object.freeze({ ...ctx });
      const result = parseRequest(text, frozen);
      assertWellFormed(text, ctx.now, result);
      expect(() => JSON.parse(formatParseJson(result, parseText))).not.toThrow();
    });

  it('never throws on unicode strings (grapheme clusters)', () => {
    fc.assert(property(fc.string({ unit: 'grapheme', maxLength: 200 })), { numRuns: 300 });
  });

  it('never throws on any code units, lone surrogates included, up to past the length cap', () => {
    fc.assert(property(fc.string({ unit: 'binary', maxLength: 1100, size: 'max' })), { numRuns: 60 });
  });

  it('never throws on request-like garbage (mentions, quotes, dates, durations)', () => {
    fc.assert(property(requestLike), { numRuns: 400 });
  });

  it('is deterministic: same text and context, same result', () => {
    fc.assert(
      fc.property(requestLike, contexts, (text, ctx) => {
        expect(formatParseJson(parseRequest(text, ctx), parseText)).toBe(
          formatParseJson(parseRequest(text, ctx), parseText),
        );
      }),
      { numRuns: 50 },
    );
  });
});
