/**
 * The literal prefilter (src/core/parse/prefilter.ts) may skip a regex only when it cannot match: checked
 * against V8 itself for every regex the parser uses (its rules in every language, its own constants, chrono's
 * parsers) on every phrase of the table, their case variants and random texts made of the rules' words.
 */
import * as chronode from 'chrono-node/de';
import * as chronoen from 'chrono-node/en';
import * as chronofr from 'chrono-node/fr';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/core/parse/index.ts';
import { LOCALES } from '../../src/core/parse/locales/index.ts';
import { fold, mayMatch, readings, remembered, requirementOf } from '../../src/core/parse/prefilter.ts';
import { german } from './phrases.de.ts';
import { english } from './phrases.en.ts';
import { french } from './phrases.fr.ts';
import { requestText } from './phrases.ts';

/**
 * Every regex reachable from a value (the locale configurations are plain objects, arrays and maps): a
 * RegExp, or a pattern (`{ source, flags }`, text.ts) as a RegExp.
 */
function regexesIn(value: unknown, out: Map<string, RegExp>, seen = new Set<unknown>()): Map<string, RegExp> {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  const { source, flags } = value as { source?: unknown; flags?: unknown };
  if (typeof source === 'string' && typeof flags === 'string') {
    out.set(`${flags}/${source}`, value instanceof RegExp ? value : new RegExp(source, flags));
    return out;
  }
  const children = value instanceof Map || value instanceof Set ? [...value.values()] : Object.values(value);
  for (const child of children) regexesIn(child, out, seen);
  return out;
}

/** The regexes the parser runs or asks the prefilter about while it reads `texts` (read from V8 itself). */
function regexesSeen(texts: readonly string[]): Map<string, RegExp> {
  const found = new Map<string, RegExp>();
  const exec = RegExp.prototype.exec;
  const source = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source')!;
  const record = (re: RegExp) => found.set(`${re.flags}/${source.get!.call(re)}`, re);
  RegExp.prototype.exec = function (this: RegExp, text: string) {
    record(this);
    return exec.call(this, text);
  };
  Object.defineProperty(RegExp.prototype, 'source', {
    ...source,
    get(this: RegExp) {
      record(this);
      return source.get!.call(this);
    },
  });
  try {
    for (const text of texts) parseRequest(text, { now: Date.UTC(2026, 10, 25, 9), zone: 'Europe/Paris' });
  } finally {
    RegExp.prototype.exec = exec;
    Object.defineProperty(RegExp.prototype, 'source', source);
  }
  return found;
}

const phrases = [...english, ...french, ...german].map(requestText);
const chronoPatterns = [chronoen.casual, chronofr.casual, chronode.casual].flatMap((chrono) =>
  // Each parser builds its pattern from the context's options only; a context of the right shape will do.
  chrono.parsers.map((p) => p.pattern({ option: { forwardDate: true } } as never)),
);
const regexes = new Map([
  ...regexesIn(LOCALES, new Map()),
  ...regexesSeen(phrases),
  ...chronoPatterns.map((re) => [`${re.flags}/${re.source}`, re] as const),
]);
const all = [...regexes.values()];

/** Texts a regex matches must never be refused by the prefilter. */
function unsound(texts: readonly string[]): string[] {
  const wrong: string[] = [];
  for (const re of all) {
    const probe = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
    for (const text of texts) {
      if (probe.test(text) && !mayMatch(re, text)) wrong.push(`${probe} on ${JSON.stringify(text)}`);
    }
  }
  return wrong;
}

describe('prefilter', () => {
  it('reads what most of the parser’s regexes require, and some of chrono’s', () => {
    const read = all.filter((re) => requirementOf(re.source, re.flags) !== null);
    // Not asserted to the unit: the share shows the prefilter is in use (it skips most regexes of a request).
    expect(all.length).toBeGreaterThan(300);
    expect(read.length / all.length).toBeGreaterThan(0.6);
  });

  it('never refuses a phrase of the table that a regex matches, nor its upper- and lower-case forms', () => {
    const texts = phrases.flatMap((t) => [t, t.toUpperCase(), t.toLowerCase()]);
    expect(unsound(texts)).toEqual([]);
  });

  it('folds as V8 does: the Kelvin sign and the long s match k and s case-insensitively with u', () => {
    expect(mayMatch(/week/iu, 'WEE\u212A')).toBe(true);
    expect(/week/iu.test('WEE\u212A')).toBe(true);
    expect(mayMatch(/best/iu, 'BE\u017FT')).toBe(true);
    expect(/best/iu.test('BE\u017FT')).toBe(true);
    // Without i, case counts.
    expect(mayMatch(/Morgen/u, 'morgen')).toBe(false);
    expect(mayMatch(/Morgen/u, 'am Morgen')).toBe(true);
    // Every code point that V8 matches, case-insensitively with u, to an ASCII letter or digit folds to it.
    const mismatches: string[] = [];
    const any = /[a-z0-9]/iu;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      if (!any.test(s)) continue;
      for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') {
        if (new RegExp(c, 'iu').test(s) && fold(s) !== c) mismatches.push(`${c} ~ U+${cp.toString(16)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('requires nothing from what may match nothing: optional parts, empty branches, lookarounds, classes', () => {
    /** The literals of each clause, most selective first (a digit as `\\d`). */
    const read = (source: string, flags: string) =>
      requirementOf(source, flags)?.clauses.map((c) => [...c.literals, ...(c.digit ? ['\\d'] : [])]) ?? null;
    expect(read('(?:next)?\\s*week', 'iu')).toEqual([['week']]);
    expect(read('a|', 'u')).toBeNull();
    expect(read('(?<=after\\s)x', 'u')).toEqual([['x']]);
    expect(read('(?=tomorrow)', 'u')).toBeNull();
    expect(read('[abc]+', 'u')).toBeNull();
    expect(read('(\\w+)\\s\\1', 'u')).toBeNull();
    expect(read('(?<n>x*)\\k<n>', 'u')).toBeNull();
    // A sequence requires each of its parts: here a digit and an h.
    expect(read('\\d{1,2}\\s*h', 'iu')).toEqual([['h'], ['\\d']]);
    expect(read('(\\d{1,2})(?:am|pm)?', 'i')).toEqual([['\\d']]);
    expect(read('(?:tues|tue)day|mardi', 'iu')).toEqual([['day', 'mardi']]);
    expect(read('(?:in|within)\\s+(?:two|\\d+)\\s+(?:days?|weeks?)', 'iu')).toEqual([
      ['day', 'week'],
      ['in', 'within'],
      ['two', '\\d'],
    ]);
    // Non-ASCII letters are not literals case-insensitively (É, é): the rest of the word is.
    expect(read('après', 'iu')).toEqual([['apr'], ['s']]);
    expect(read('après', 'u')).toEqual([['après']]);
    // Without u, `{` and `]` that are no syntax are literal characters: never required here, which is safe.
    expect(read('a{b}', '')).toEqual([['a'], ['b']]);
    expect(read('(?i:x)', 'u')).toBeNull();
    expect(read('x', 'v')).toBeNull();
  });

  it('never refuses random texts made of the rules’ own words that a regex matches', () => {
    const words = [
      ...new Set(phrases.flatMap((p) => p.split(/\s+/u)).filter((w) => w !== '' && !w.startsWith('/'))),
    ];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(' ', ',', '-', ':', 'h', '3', '15')), {
        maxLength: 8,
      })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.array(text, { minLength: 20, maxLength: 20 }), (texts) => {
        expect(unsound(texts)).toEqual([]);
      }),
      { numRuns: 20, seed: 21 },
    );
  });

  it('gives its readings back and takes them back as they are (the CLI takes the build’s)', () => {
    const read = requirementOf('(?:mardi|tuesday)\\s+prochain', 'iu');
    expect(readings()).toContainEqual(['iu', '(?:mardi|tuesday)\\s+prochain', read!.clauses]);
    // A reading taken back is trusted, not read again: this one (made up) says `zzz` is required.
    remembered([['iu', 'taken\\s+back', [{ literals: ['zzz'], digit: false }]]]);
    expect(mayMatch(/taken\s+back/iu, 'taken back')).toBe(false);
    expect(mayMatch(/taken\s+back/iu, 'zzz taken back')).toBe(true);
    // A regex read earlier keeps its own reading.
    remembered([['iu', '(?:mardi|tuesday)\\s+prochain', [{ literals: ['zzz'], digit: false }]]]);
    expect(requirementOf('(?:mardi|tuesday)\\s+prochain', 'iu')).toBe(read);
  });
});
