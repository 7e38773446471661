/** The meeting title: the first quoted string, in "…", “…”, «…», „…“, »…«, '…' or ‘…’ quotes. */
import { matchAll, type Pattern, pattern, type Span } from './text.ts';

const QUOTES: readonly Pattern[] = [
  /"([^"]*)"/gu,
  /“([^”]*)”/gu,
  /«([^»]*)»/gu,
  // German: „…“ (or „…” as often typed), and »…«.
  /„([^“”]*)[“”]/gu,
  /»([^«]*)«/gu,
  // Single quotes only at word edges, so that apostrophes (l'après-midi, ana's) are left alone.
  pattern(String.raw`(?<![\p{L}\p{M}\p{N}])'([^'\n]*[^\s'])'(?![\p{L}\p{M}\p{N}])`, 'gu'),
  pattern(String.raw`(?<![\p{L}\p{M}\p{N}])‘([^’\n]*[^\s’])’(?![\p{L}\p{M}\p{N}])`, 'gu'),
];

export interface QuotedText {
  readonly value: string;
  readonly text: string;
  readonly span: Span;
}

/** Every quoted string in reading order; overlapping candidates keep the one that starts first. */
export function extractQuoted(masked: string): readonly QuotedText[] {
  const all = QUOTES.flatMap((re) =>
    matchAll(re, masked).map(({ match, span }) => ({
      value: (match[1] ?? '').replace(/\s+/gu, ' ').trim(),
      text: match[0],
      span,
    })),
  ).sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const kept: QuotedText[] = [];
  for (const q of all) {
    const last = kept[kept.length - 1];
    if (!last || q.span.start >= last.span.end) kept.push(q);
  }
  return kept;
}
