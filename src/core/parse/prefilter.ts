/**
 * A literal prefilter for regexes: what every match of a regex must contain (one of a few literal strings, or
 * a digit, and maybe more such sets), read once from its source, so that a regex that cannot match a text is
 * not run on it at all.
 *
 * Why: V8 compiles a regex on its first run, and the parser's rules are large case-insensitive Unicode
 * alternations (and chrono's are larger still): compiling the ~130 regexes one request meets cost about 60 ms,
 * most of `convene parse`'s start, for a request that matches a handful of them. `mayMatch(re, text)` is false
 * only when no match is possible (the text misses one of the clauses every match satisfies), so skipping the
 * regex then changes no result; a regex whose source is not understood, or that requires nothing literal,
 * is always run.
 *
 * What is read: literal characters in sequence (a run), groups, alternations (the union of what each branch
 * requires most selectively) and quantifiers with a minimum of one; a sequence requires each of its parts
 * (the `MAX_CLAUSES` most selective are kept); character classes, escapes such as `\s`, `.` and
 * backreferences end a run; lookarounds and anchors require nothing. With the `i` flag only ASCII literals are
 * kept, compared with the text folded as `fold` does: an ASCII letter matches only its two cases, plus, with
 * `u`, the Kelvin sign (K) for k and the long s (ſ) for s (simple case folding; test/parse/prefilter.test.ts
 * checks every code point against V8). The `v` flag and inline modifiers (`(?i:…)`) are not read.
 */

/** A text holds one of `literals`, or a digit when `digit`. */
export interface Clause {
  readonly literals: readonly string[];
  readonly digit: boolean;
}

/** Every match satisfies each clause; compared with the folded text when `folded`. */
export interface Requirement {
  readonly clauses: readonly Clause[];
  readonly folded: boolean;
}

/**
 * A clause while reading, with `strength`: the length of the shortest string that satisfies it, the longer
 * the more selective (a digit counts as half a character: requests often carry one, `30m`, `3pm`).
 */
interface Need extends Clause {
  readonly strength: number;
}

/** What a part of a pattern requires: each of these needs, most selective first (none: nothing known). */
type Needs = readonly Need[];

/** The most needs a sequence keeps: each costs a look through the text for every regex skipped or run. */
const MAX_CLAUSES = 3;

/** Not a pattern this reader understands: its regex is always run. */
class Unreadable extends Error {}

/** One term: a literal character (already folded), or an atom with what it requires. */
type Atom = { readonly char: string } | { readonly needs: Needs };

const NOTHING: Needs = [];
const DIGIT: Needs = [{ literals: [], digit: true, strength: 0.5 }];
const literalNeed = (text: string): Need => ({ literals: [text], digit: false, strength: text.length });

/** Orders needs most selective first: the stronger, else the one with fewer strings. */
function bySelectivity(a: Need, b: Need): number {
  return (
    b.strength - a.strength || a.literals.length + (a.digit ? 1 : 0) - (b.literals.length + (b.digit ? 1 : 0))
  );
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isHex = (c: string) => /^[0-9A-Fa-f]$/.test(c);

/**
 * Scanners run by V8 at the reading position (sticky), so that the words of an alternation are read natively,
 * not a character at a time (character classes are skipped with `indexOf`). `ASCII_PLAIN` leaves non-ASCII
 * characters to `term` (case-insensitively they are no literal).
 */
const PLAIN = /[^\\^$.*+?()[\]{}|]+/y;
const ASCII_PLAIN = /[^\\^$.*+?()[\]{}|\u0080-\uffff]+/y;
const QUANTIFIER = /[*+?]|\{\d+(?:,\d*)?\}/y;
const SURROGATE_PAIR_END = /[\ud800-\udbff][\udc00-\udfff]$/;
const BACKSLASH = 0x5c;
const PIPE = 0x7c;
const CLOSE = 0x29;

/** A recursive-descent reader of a regex source (the syntax of `new RegExp(source, flags)`, which succeeded). */
class Reader {
  private at = 0;
  private readonly source: string;
  private readonly ignoreCase: boolean;
  private readonly unicode: boolean;
  private readonly plain: RegExp;

  constructor(source: string, flags: string) {
    if (flags.includes('v')) throw new Unreadable('v flag');
    this.source = source;
    this.ignoreCase = flags.includes('i');
    this.unicode = flags.includes('u');
    this.plain = this.ignoreCase ? ASCII_PLAIN : PLAIN;
  }

  read(): Needs {
    const needs = this.disjunction();
    if (this.at !== this.source.length) throw new Unreadable(`unexpected ) at ${this.at}`);
    return needs;
  }

  private peek(offset = 0): string {
    return this.source[this.at + offset] ?? '';
  }

  /** The length of what `scanner` matches at the reading position (0: nothing). */
  private scan(scanner: RegExp): number {
    scanner.lastIndex = this.at;
    return scanner.test(this.source) ? scanner.lastIndex - this.at : 0;
  }

  private disjunction(): Needs {
    const first = this.alternative();
    if (this.source.charCodeAt(this.at) !== PIPE) return first;
    // The union of each branch's most selective need (a repeated string is harmless), or nothing when a
    // branch needs nothing.
    let union: { literals: string[]; digit: boolean; strength: number } | null =
      first[0] === undefined ? null : { ...first[0], literals: [...first[0].literals] };
    while (this.source.charCodeAt(this.at) === PIPE) {
      this.at++;
      const next = this.alternative()[0];
      if (union === null) continue;
      if (next === undefined) {
        union = null;
        continue;
      }
      union.literals.push(...next.literals);
      union.digit ||= next.digit;
      union.strength = Math.min(union.strength, next.strength);
    }
    return union === null ? NOTHING : [union];
  }

  /** A sequence of terms: its literal runs and its terms' needs, the `MAX_CLAUSES` most selective. */
  private alternative(): Needs {
    const needs: Need[] = [];
    let run = '';
    for (;;) {
      const c = this.source.charCodeAt(this.at);
      if (Number.isNaN(c) || c === PIPE || c === CLOSE) break;
      const plain = this.scan(this.plain);
      if (plain > 0) {
        // Plain characters extend the run, except the last one when a quantifier applies to it.
        let end = this.at + plain;
        const next = this.source[end];
        if (next === '*' || next === '+' || next === '?' || (next === '{' && this.scanAt(QUANTIFIER, end))) {
          end -= this.unicode && SURROGATE_PAIR_END.test(this.source.slice(this.at, end)) ? 2 : 1;
        }
        if (end > this.at) {
          const text = this.source.slice(this.at, end);
          run += this.ignoreCase ? text.toLowerCase() : text;
          this.at = end;
          continue;
        }
      }
      const atom = this.term();
      const quantifier = this.quantifier();
      if (atom !== null && quantifier === null && 'char' in atom) {
        run += atom.char;
        continue;
      }
      // Anything else ends the run (an assertion matches no character: it requires nothing).
      if (run !== '') needs.push(literalNeed(run));
      run = '';
      if (atom === null || (quantifier?.min ?? 1) < 1) continue;
      if ('char' in atom) needs.push(literalNeed(atom.char));
      else needs.push(...atom.needs);
    }
    if (run !== '') needs.push(literalNeed(run));
    return needs.length <= 1 ? needs : needs.sort(bySelectivity).slice(0, MAX_CLAUSES);
  }

  private scanAt(scanner: RegExp, at: number): boolean {
    scanner.lastIndex = at;
    return scanner.test(this.source);
  }

  /** `{min}` of a quantifier when one follows (lazy or not), else null. */
  private quantifier(): { min: number } | null {
    const c = this.peek();
    if (c !== '*' && c !== '+' && c !== '?' && c !== '{') return null;
    const length = this.scan(QUANTIFIER);
    // Without `u`, a `{` that is no quantifier is a literal, read as the next term.
    if (length === 0) return null;
    const min =
      c === '*' || c === '?' ? 0 : c === '+' ? 1 : Number(/\d+/.exec(this.source.slice(this.at))![0]);
    this.at += length;
    if (this.peek() === '?') this.at++;
    return { min };
  }

  /** One term: an atom, or null for an assertion (`^`, `$`, `\b`, lookarounds). */
  private term(): Atom | null {
    const c = this.peek();
    switch (c) {
      case '^':
      case '$':
        this.at++;
        return null;
      case '.':
        this.at++;
        return { needs: NOTHING };
      case '[':
        return this.characterClass();
      case '(':
        return this.group();
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        throw new Unreadable(`quantifier without an atom at ${this.at}`);
      case '{':
      case '}':
      case ']':
        // Literal without `u` (a syntax error with it): not used as a literal here, which is always safe.
        this.at++;
        return { needs: NOTHING };
      default:
        return this.literal(this.readCodePoint());
    }
  }

  private readCodePoint(): string {
    const char = this.unicode
      ? String.fromCodePoint(this.source.codePointAt(this.at)!)
      : this.source[this.at]!;
    this.at += char.length;
    return char;
  }

  /** A literal character: kept as is, or lower-cased when the regex ignores case and it is ASCII. */
  private literal(char: string): Atom {
    if (!this.ignoreCase) return char.length === 1 ? { char } : { needs: [literalNeed(char)] };
    if (char.length === 1 && char.charCodeAt(0) < 0x80) return { char: char.toLowerCase() };
    // Case-insensitive non-ASCII letters have equivalents this reader does not track: nothing required.
    return { needs: NOTHING };
  }

  private characterClass(): Atom {
    // The first `]` not escaped (classes do not nest without `v`).
    const start = this.at;
    let end = this.source.indexOf(']', start + 1);
    for (;;) {
      if (end < 0) throw new Unreadable(`unterminated class at ${start}`);
      let backslashes = 0;
      while (this.source.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) break;
      end = this.source.indexOf(']', end + 1);
    }
    this.at = end + 1;
    const body = this.source.slice(start + 1, end);
    return { needs: body === '0-9' || body === '\\d' ? DIGIT : NOTHING };
  }

  private group(): Atom | null {
    const start = this.at;
    this.at++; // (
    let assertion = false;
    if (this.peek() === '?') {
      const kind = this.source.slice(this.at, this.at + 3);
      if (kind.startsWith('?:')) this.at += 2;
      else if (kind.startsWith('?=') || kind.startsWith('?!')) {
        this.at += 2;
        assertion = true;
      } else if (kind === '?<=' || kind === '?<!') {
        this.at += 3;
        assertion = true;
      } else if (kind.startsWith('?<')) {
        const close = this.source.indexOf('>', this.at);
        if (close < 0) throw new Unreadable(`unterminated group name at ${start}`);
        this.at = close + 1;
      } else throw new Unreadable(`group kind ${kind} at ${start}`);
    }
    const needs = this.disjunction();
    if (this.peek() !== ')') throw new Unreadable(`unterminated group at ${start}`);
    this.at++;
    return assertion ? null : { needs };
  }

  private escape(): Atom | null {
    this.at++; // backslash
    const c = this.peek();
    if (c === '') throw new Unreadable('trailing backslash');
    this.at++;
    switch (c) {
      case 'b':
      case 'B':
        return null;
      case 'd':
        return { needs: DIGIT };
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return { needs: NOTHING };
      case 'p':
      case 'P':
        if (this.unicode && this.peek() === '{') {
          const close = this.source.indexOf('}', this.at);
          if (close < 0) throw new Unreadable('unterminated property escape');
          this.at = close + 1;
        }
        return { needs: NOTHING };
      case 'k':
        // A named backreference (or, without `u` and named groups, a literal k): may match nothing.
        if (this.peek() === '<') {
          const close = this.source.indexOf('>', this.at);
          if (close < 0 || /[()|[\]\\]/.test(this.source.slice(this.at, close))) {
            throw new Unreadable('unexpected \\k');
          }
          this.at = close + 1;
        }
        return { needs: NOTHING };
      case 'u':
        if (this.unicode && this.peek() === '{') {
          const close = this.source.indexOf('}', this.at);
          if (close < 0) throw new Unreadable('unterminated code point escape');
          this.at = close + 1;
        } else if ([0, 1, 2, 3].every((i) => isHex(this.peek(i)))) this.at += 4;
        return { needs: NOTHING };
      case 'x':
        if (isHex(this.peek()) && isHex(this.peek(1))) this.at += 2;
        return { needs: NOTHING };
      case 'c':
        if (/^[A-Za-z]$/.test(this.peek())) this.at++;
        return { needs: NOTHING };
      case 't':
        return this.literal('\t');
      case 'n':
        return this.literal('\n');
      case 'r':
        return this.literal('\r');
      case 'f':
        return this.literal('\f');
      case 'v':
        return this.literal('\v');
      default:
        if (isDigit(c)) {
          // A backreference (or, without `u`, an octal escape): may match nothing.
          while (isDigit(this.peek())) this.at++;
          return { needs: NOTHING };
        }
        // An identity escape (`\.`, `\/`, `\-`…): the character itself. A high surrogate with `u` is a pair.
        this.at--;
        return this.literal(this.readCodePoint());
    }
  }
}

/** At most this many sources are remembered (the parser's own rules and chrono's are a few hundred). */
const CACHE_SIZE = 2048;
/** By flags, then by source (the same source string comes back, its hash already computed). */
const cache = new Map<string, Map<string, Requirement | null>>();
let cached = 0;

function remember(flags: string, source: string, requirement: Requirement | null): void {
  if (cached >= CACHE_SIZE) {
    cache.clear();
    cached = 0;
  }
  let byFlags = cache.get(flags);
  if (byFlags === undefined) {
    byFlags = new Map();
    cache.set(flags, byFlags);
  }
  byFlags.set(source, requirement);
  cached++;
}

/** What every match of a regex with this source and these flags contains; null when nothing is known. */
export function requirementOf(source: string, flags: string): Requirement | null {
  const known = cache.get(flags)?.get(source);
  if (known !== undefined) return known;
  let requirement: Requirement | null = null;
  try {
    const needs = new Reader(source, flags).read();
    if (needs.length > 0) {
      const clauses = needs.map(({ literals, digit }) => ({ literals: [...new Set(literals)], digit }));
      requirement = { clauses, folded: flags.includes('i') };
    }
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
  }
  remember(flags, source, requirement);
  return requirement;
}

/** One reading, as JSON keeps it: flags, source, and the clauses (null: nothing required). */
export type Reading = readonly [flags: string, source: string, clauses: readonly Clause[] | null];

/**
 * Every reading made so far in this process. scripts/build-cli.mjs saves those of a few requests in each
 * language next to the CLI's bundle, and `convene parse` takes them back (`remembered`): reading ~110
 * sources cost a cold process about 10 ms, a fifth of its request, and the bundle's regexes are those the
 * build read.
 */
export function readings(): Reading[] {
  const out: Reading[] = [];
  for (const [flags, bySource] of cache) {
    for (const [source, requirement] of bySource) out.push([flags, source, requirement?.clauses ?? null]);
  }
  return out;
}

/** Takes back readings made by `readings` (from the same source code: a reading is not checked). */
export function remembered(list: readonly Reading[]): void {
  for (const [flags, source, clauses] of list) {
    if (cache.get(flags)?.has(source)) continue;
    remember(flags, source, clauses === null ? null : { clauses, folded: flags.includes('i') });
  }
}

/**
 * The text as a case-insensitive regex sees ASCII literals: ASCII letters lower-cased, the Kelvin sign and
 * the long s folded to `k` and `s` (the only other characters `/…/iu` matches with an ASCII letter). Other
 * characters are left alone: they never match an ASCII literal. Length is kept.
 */
export function fold(text: string): string {
  return text.replace(/[A-Z\u212A\u017F]/g, (c) =>
    c === '\u212A' ? 'k' : c === '\u017F' ? 's' : c.toLowerCase(),
  );
}

let lastText = '';
let lastFolded = '';

/** False only when `re` cannot match anywhere in `text` (see the top of this file); true when it may. */
export function mayMatch(re: { readonly source: string; readonly flags: string }, text: string): boolean {
  const requirement = requirementOf(re.source, re.flags);
  if (requirement === null) return true;
  let haystack = text;
  if (requirement.folded) {
    if (text !== lastText) {
      lastText = text;
      lastFolded = fold(text);
    }
    haystack = lastFolded;
  }
  return requirement.clauses.every(
    (clause) =>
      clause.literals.some((literal) => haystack.includes(literal)) || (clause.digit && /[0-9]/.test(text)),
  );
}
