/**
 * Span bookkeeping shared by the extractors. Each extractor reads a *masked* copy of the request where
 * the spans already consumed by earlier extractors are blanked out with spaces, so positions always
 * match the original text and no two extractors claim the same characters.
 */

export interface Span {
  /** UTF-16 offset of the first character. */
  readonly start: number;
  /** UTF-16 offset just past the last character. */
  readonly end: number;
}

/** Unicode-aware word boundaries (`\b` only knows ASCII): no letter, digit or underscore on that side. */
export const WB = '(?<![\\p{L}\\p{M}\\p{N}_])';
export const WE = '(?![\\p{L}\\p{M}\\p{N}_])';

/** Builds a case-insensitive, unicode, global regex from source with `WB`/`WE` already inlined. */
export function wordRegex(source: string): RegExp {
  return new RegExp(source, 'giu');
}

/** Replaces every character inside the spans by `fill` (one UTF-16 unit for one), keeping offsets. */
export function mask(text: string, spans: readonly Span[], fill = ' '): string {
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const span of spans) {
    for (let i = span.start; i < span.end && i < chars.length; i++) chars[i] = fill;
  }
  return chars.join('');
}

/** All matches of a global regex, with their spans. The regex is cloned, so its state is not touched. */
export function matchAll(re: RegExp, text: string): { match: RegExpExecArray; span: Span }[] {
  const out: { match: RegExpExecArray; span: Span }[] = [];
  const clone = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = clone.exec(text); m !== null; m = clone.exec(text)) {
    if (m[0].length === 0) {
      clone.lastIndex++;
      continue;
    }
    out.push({ match: m, span: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}

/** The original text of several spans, in reading order, joined by a space. */
export function spanText(text: string, spans: readonly Span[]): string {
  return [...spans]
    .sort((a, b) => a.start - b.start)
    .map((s) => text.slice(s.start, s.end).trim())
    .join(' ');
}

/** Lower-cases and folds the typographic apostrophe, for comparisons with word lists. */
export function fold(word: string): string {
  return word.toLowerCase().replace(/\u2019/g, "'");
}
