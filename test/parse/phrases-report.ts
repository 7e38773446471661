/**
 * Prints the phrase table's pass rate per class and language, and the rows that fail:
 * `node test/parse/phrases-report.ts [--fail]` (Node 24 runs TypeScript directly).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Locale } from '../../src/core/parse/index.ts';
import { parseRequest } from '../../src/core/parse/index.ts';
import { german } from './phrases.de.ts';
import { english } from './phrases.en.ts';
import { french } from './phrases.fr.ts';
import { NOW, normalise, type PhraseRow, reading, requestText, ZONE } from './phrases.ts';

const showFailures = process.argv.includes('--fail');
for (const [locale, rows] of [
  ['en', english],
  ['fr', french],
  ['de', german],
] as [Locale, PhraseRow[]][]) {
  const byClass = new Map<string, { rows: number; pass: number; known: number }>();
  for (const row of rows) {
    const got = reading(parseRequest(requestText(row), { now: NOW.toMillis(), zone: ZONE, locale }));
    const ok = isDeepStrictEqual(got, normalise(row.expect));
    const c = byClass.get(row.cls) ?? { rows: 0, pass: 0, known: 0 };
    c.rows++;
    if (ok) c.pass++;
    if (row.known) c.known++;
    byClass.set(row.cls, c);
    if (!ok && showFailures)
      console.log(
        `${locale} ${row.cls} | ${row.phrase} | want ${JSON.stringify(row.expect)} | got ${JSON.stringify(got)}`,
      );
  }
  let rowsTotal = 0;
  let passTotal = 0;
  for (const [cls, c] of byClass) {
    rowsTotal += c.rows;
    passTotal += c.pass;
    console.log(
      `${locale} ${cls.padEnd(13)} ${String(c.pass).padStart(3)}/${String(c.rows).padEnd(3)} known ${c.known}`,
    );
  }
  console.log(`${locale} ${'total'.padEnd(13)} ${String(passTotal).padStart(3)}/${rowsTotal}`);
}
