/**
 * Loads the recurrence test vectors of test/fixtures/recurrence/ (RFC 5545 examples, libical, python-dateutil):
 * blocks of `# title`, `DTSTART…`, `RRULE:…`, optional `EXDATE…`/`RDATE…`, and `INSTANCES:` (wall-clock times
 * in DTSTART's zone). Shared by test/core/recurrence-vectors.test.ts and bench/recurrence-compare.ts.
 */
import { readFileSync } from 'node:fs';

export type Suite = 'rfc5545' | 'libical' | 'dateutil';

export interface Vector {
  readonly suite: Suite;
  readonly title: string;
  /** The raw content lines (DTSTART, RRULE, EXDATE, RDATE) as they appear in the file. */
  readonly lines: readonly string[];
  readonly dtstart: string;
  readonly tzid?: string;
  readonly rrule: string;
  /** As printed by the suite. */
  readonly printed: readonly string[];
  /**
   * What RFC 5545 requires: DTSTART is the first instance and counts towards COUNT, even when the rule
   * does not produce it (libical and dateutil leave it out). Same as `printed` when DTSTART is in the rule.
   */
  readonly expected: readonly string[];
  readonly dtstartForced: boolean;
  /** COUNT or UNTIL: the list is the whole series. Otherwise it is the first instances of an infinite one. */
  readonly complete: boolean;
}

export function loadVectors(suite: Suite): Vector[] {
  const text = readFileSync(new URL(`../fixtures/recurrence/${suite}.txt`, import.meta.url), 'utf8');
  const vectors: Vector[] = [];
  for (const block of text.split(/\r?\n\s*\r?\n/)) {
    const lines = block.split(/\r?\n/).filter((l) => l.trim() !== '');
    const title =
      lines
        .filter((l) => l.startsWith('#'))
        .at(-1)
        ?.slice(1)
        .trim() ?? '';
    const content = lines.filter((l) => !l.startsWith('#'));
    const dtstartLine = content.find((l) => /^DTSTART[;:]/i.test(l));
    const rruleLine = content.find((l) => /^RRULE:/i.test(l));
    const instancesLine = content.find((l) => /^INSTANCES:/i.test(l));
    if (!dtstartLine || !rruleLine || !instancesLine) continue;
    const dtstart = dtstartLine.slice(dtstartLine.lastIndexOf(':') + 1).trim();
    const tzid = /TZID=([^:;]+)/i.exec(dtstartLine)?.[1];
    const rrule = rruleLine.slice('RRULE:'.length).trim();
    const printed = instancesLine
      .slice('INSTANCES:'.length)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const excludesStart = content.some((l) => /^EXDATE/i.test(l) && l.endsWith(dtstart));
    const count = /COUNT=(\d+)/i.exec(rrule)?.[1];
    const dtstartForced = !excludesStart && !printed.includes(dtstart);
    let expected = dtstartForced ? [dtstart, ...printed] : printed;
    if (dtstartForced && count !== undefined) expected = expected.slice(0, Number(count));
    vectors.push({
      suite,
      title,
      lines: content.filter((l) => !/^INSTANCES:/i.test(l)),
      dtstart,
      tzid,
      rrule,
      printed,
      expected,
      dtstartForced,
      complete: /COUNT=|UNTIL=/i.test(rrule),
    });
  }
  return vectors;
}

/** `19970902T090000` → wall ms (the local fields written as UTC). */
export function wallOf(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?Z?$/.exec(value);
  if (!m) throw new Error(`not a date-time: ${value}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

/** Wall ms → the vector's own notation: DATE, floating/zoned DATE-TIME, or UTC with Z, like `like`. */
export function formatLike(wall: number, like: string): string {
  const iso = new Date(wall).toISOString();
  const date = iso.slice(0, 10).replaceAll('-', '');
  if (like.length === 8) return date;
  return `${date}T${iso.slice(11, 19).replaceAll(':', '')}${like.endsWith('Z') ? 'Z' : ''}`;
}
