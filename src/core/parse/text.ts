/**
 * Span bookkeeping shared by the extractors. Each extractor reads a *masked* copy of the request where
 * the spans already consumed by earlier extractors are blanked out with spaces, so positions always
 * match the original text and no two extractors claim the same characters.
 */

import { mayMatch } from './prefilter.ts';

export interface Span {
  /** UTF-16 offset of the first character. */
  readonly start: number;
  /** UTF-16 offset just past the last character. */
  readonly end: number;
}

/**
 * A word character, for word boundaries: the letters, combining marks and digits of the scripts people write
 * requests in, and `_`. Written as explicit ranges, not `[\p{L}\p{M}\p{N}_]`: V8 builds a Unicode property
 * class anew for every regex that uses one (about 1 ms each with this union), and the parser's ~100 boundary
 * regexes made the first request of a process — all of `convene parse` — cost about 100 ms more; these ranges
 * cost about 0.05 ms a regex. Blocks: Latin (Latin-1, Extended-A/B, IPA, Extended Additional), combining
 * diacritics, Greek, Cyrillic, Armenian, Hebrew, Arabic, the Indic scripts, Thai, Georgian, Hangul, kana, CJK,
 * full-width letters and digits. A letter of another script counts as a boundary, so a keyword written
 * against it with no space is still read as a word.
 */
export const WORD_CHAR =
  '[0-9A-Z_a-z\\u00AA\\u00B2\\u00B3\\u00B5\\u00B9\\u00BA\\u00BC-\\u00BE\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u036F' +
  '\\u0370-\\u03FF\\u0400-\\u052F\\u0531-\\u058F\\u0591-\\u05F2\\u0610-\\u06FF\\u0900-\\u0DFF\\u0E00-\\u0E7F' +
  '\\u10A0-\\u10FF\\u1100-\\u11FF\\u1AB0-\\u1AFF\\u1DC0-\\u1FFF\\u3041-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF' +
  '\\uAC00-\\uD7AF\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A]';
/** Unicode-aware word boundaries (`\b` only knows ASCII): no letter, digit or underscore on that side. */
export const WB = `(?<!${WORD_CHAR})`;
export const WE = `(?!${WORD_CHAR})`;

/**
 * A regex as the extractors hold it: its source and flags (a `RegExp` is one too). `matchAll` builds the
 * regex, and V8 parses and compiles it, only when it may match the text: most rules never match a given
 * request, and building the ~250 rules of the three languages up front cost more than a request's reading.
 */
export interface Pattern {
  readonly source: string;
  readonly flags: string;
}

/** A pattern from its source and flags (`String.raw` keeps a regex literal's backslashes). */
export function pattern(source: string, flags: string): Pattern {
  return { source, flags };
}

/** A case-insensitive, unicode, global pattern from source with `WB`/`WE` already inlined. */
export function wordRegex(source: string): Pattern {
  return { source, flags: 'giu' };
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

/**
 * All matches of a pattern (made global), with their spans. The regex is built anew from the source, so a
 * `RegExp`'s state is not touched; a pattern that cannot match the text (`mayMatch`) is not built at all,
 * and the search stops when the rest of the text cannot match: V8 compiles a regex to machine code on its
 * second run, which for the rules with Unicode classes costs more than reading the whole request.
 */
export function matchAll(re: Pattern, text: string): { match: RegExpExecArray; span: Span }[] {
  const out: { match: RegExpExecArray; span: Span }[] = [];
  if (!mayMatch(re, text)) return out;
  const clone = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = clone.exec(text); m !== null; m = clone.exec(text)) {
    if (m[0].length === 0) {
      clone.lastIndex++;
      continue;
    }
    out.push({ match: m, span: { start: m.index, end: m.index + m[0].length } });
    // A later match lies after this one (lookbehinds may read before it, but match nothing there).
    if (!mayMatch(re, text.slice(clone.lastIndex))) break;
  }
  return out;
}

const built = new WeakMap<Pattern, RegExp>();

/**
 * The first match of a pattern without `g` or `y` (a RegExp's own is used as it is), or null; the regex is
 * built and run only when the text may match it (`mayMatch`).
 */
export function firstMatch(p: Pattern, text: string): RegExpExecArray | null {
  if (!mayMatch(p, text)) return null;
  let re = p instanceof RegExp ? p : built.get(p);
  if (re === undefined) {
    re = new RegExp(p.source, p.flags);
    built.set(p, re);
  }
  return re.exec(text);
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
