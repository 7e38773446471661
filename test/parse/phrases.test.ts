/**
 * Runs the phrase table (issue #19): every row's reading must equal its expected reading, or, for a
 * row marked as a known misreading, the reading recorded with it (so a change either way is seen).
 */
import { describe, expect, it } from 'vitest';
import { type Locale, parseRequest } from '../../src/core/parse/index.ts';
import { german } from './phrases.de.ts';
import { english } from './phrases.en.ts';
import { french } from './phrases.fr.ts';
import { NOW, normalise, type PhraseRow, reading, requestText, ZONE } from './phrases.ts';

function run(rows: readonly PhraseRow[], locale: Locale) {
  for (const row of rows) {
    it(`${row.cls}: ${row.phrase}${row.known ? ' (known misreading)' : ''}`, () => {
      const got = reading(parseRequest(requestText(row), { now: NOW.toMillis(), zone: ZONE, locale }));
      expect(got).toEqual(normalise(row.known ? row.known.got : row.expect));
    });
  }
}

describe('phrase table, English', () => {
  it('holds at least 300 rows, each class present', () => {
    expect(english.length).toBeGreaterThanOrEqual(300);
    expect(new Set(english.map((r) => r.cls)).size).toBe(12);
  });
  run(english, 'en');
});

describe('phrase table, French', () => {
  it('holds at least 300 rows, each class present', () => {
    expect(french.length).toBeGreaterThanOrEqual(300);
    expect(new Set(french.map((r) => r.cls)).size).toBe(12);
  });
  run(french, 'fr');
});

describe('phrase table, German', () => {
  it('holds at least 120 rows, each class present', () => {
    expect(german.length).toBeGreaterThanOrEqual(120);
    expect(new Set(german.map((r) => r.cls)).size).toBe(12);
  });
  run(german, 'de');
});

describe('phrase table, known misreadings', () => {
  it('each carries a reason and differs from its expected reading', () => {
    for (const row of [...english, ...french, ...german].filter((r) => r.known)) {
      expect(row.known!.reason.length, row.phrase).toBeGreaterThan(10);
      expect(normalise(row.known!.got), row.phrase).not.toEqual(normalise(row.expect));
    }
  });
});
