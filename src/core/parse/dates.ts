/**
 * Everything that says *when*: named periods (`next week`), bound keywords (`before`, `après`), then
 * chrono for dates and times, then the clock words and days of the month chrono leaves alone.
 *
 * chrono 2.10 does not understand IANA zone names (an unknown `timezone` silently falls back to the
 * machine's zone), so it is given the zone's UTC offset at `now`; only the wall-clock components it
 * reads (year, month, day, weekday, hour, minute) are used, and instants are built from them with
 * Luxon in the IANA zone, which keeps days right across DST changes.
 */
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import { DateTime } from 'luxon';
import { connectives } from './locales/index.ts';
import type { BoundKind, LocaleConfig } from './locales/types.ts';
import { firstMatch, mask, matchAll, type Span } from './text.ts';

/** A date (a local day or month) and/or a clock time, as said. */
export interface When {
  readonly date?: {
    /** Local midnight starting the day (or the month). */
    readonly day: DateTime;
    readonly unit: 'day' | 'month';
    /** Luxon weekday (1 = Monday) when only a weekday was said, so it can be re-anchored. */
    readonly weekday?: number;
  };
  /** Minutes since local midnight. */
  readonly time?: number;
}

export interface Temporal {
  readonly span: Span;
  readonly text: string;
  readonly start?: When;
  /** The other end of a range (`tuesday to thursday`, `de 14h à 16h`). */
  readonly end?: When;
  /** A named period, local days `[start, end)`. */
  readonly period?: { readonly start: DateTime; readonly end: DateTime };
}

export interface BoundKeyword {
  readonly kind: BoundKind;
  readonly span: Span;
}

export interface DateExtraction {
  readonly temporals: readonly Temporal[];
  readonly keywords: readonly BoundKeyword[];
}

const LETTER = /[\p{L}\p{M}]/u;
const BARE_SMALL_HOUR = new RegExp(`^(?:(?:${connectives('at')})\\s+)?0?[1-7]$`, 'iu');
const BARE_SMALL_HOUR_TAIL = new RegExp(`\\s+(?:(?:${connectives('at')})\\s+)?0?[1-7]$`, 'iu');

export function extractDates(
  masked: string,
  original: string,
  config: LocaleConfig,
  now: DateTime,
  /** Mentions read earlier (clock times, offsets from now). */
  earlier: readonly Temporal[] = [],
): DateExtraction {
  const temporals: Temporal[] = [...earlier];
  let text = masked;

  for (const rule of config.periods) {
    const spans: Span[] = [];
    for (const { match, span } of matchAll(rule.pattern, text)) {
      const period = rule.resolve(match, now);
      if (!period) continue;
      temporals.push({ span, text: match[0], period });
      spans.push(span);
    }
    text = mask(text, spans);
  }

  // Bound keywords are hidden from chrono behind a character it never reads through, so that
  // `tomorrow after 3pm` stays two mentions (a day, and a time bound) instead of one date-time.
  const keywords: BoundKeyword[] = [];
  let keywordText = text;
  for (const rule of config.bounds) {
    const found = matchAll(rule.pattern, keywordText);
    for (const { span } of found) keywords.push({ kind: rule.kind, span });
    keywordText = mask(
      keywordText,
      found.map((f) => f.span),
    );
  }
  keywords.sort((a, b) => a.span.start - b.span.start);
  const chronoInput = blockMerges(
    mask(
      text,
      keywords.map((k) => k.span),
      '|',
    ),
    original,
  );

  const chronoSpans: Span[] = [];
  for (const result of runChrono(chronoInput, config, now)) {
    // chrono's text may carry surrounding whitespace.
    const lead = result.text.length - result.text.trimStart().length;
    const span = { start: result.index + lead, end: result.index + result.text.trimEnd().length };
    if (span.end <= span.start) continue;
    // chrono's word edges are ASCII: `früh` must not give `fr` (Friday), nor `über` a `ber`.
    if (LETTER.test(chronoInput[span.end] ?? '') || LETTER.test(chronoInput[span.start - 1] ?? '')) continue;
    const raw = original.slice(span.start, span.end);
    if (firstMatch(config.weekdayAbbreviation, raw.trim())) continue;
    // "at 3": 3 in the morning is almost never meant; better asked about than guessed.
    if (BARE_SMALL_HOUR.test(raw.trim()) && !result.start.isCertain('meridiem')) continue;
    // "tomorrow at 4": keep the day, leave the bare hour unread (it is asked about).
    const bareTail = BARE_SMALL_HOUR_TAIL.exec(raw);
    if (bareTail && result.start.isCertain('hour') && !result.start.isCertain('meridiem') && !result.end) {
      const day = toWhen(result.start, now.zone)?.date;
      if (day) {
        const cut = { start: span.start, end: span.start + bareTail.index };
        temporals.push({ span: cut, text: original.slice(cut.start, cut.end), start: { date: day } });
        chronoSpans.push(cut);
      }
      continue;
    }
    let start = toWhen(result.start, now.zone);
    if (!start) continue;
    // "fri at 4:30": 1:00–6:59 without am/pm is an afternoon time (a leading zero, "04:30", keeps it).
    if (
      start.time !== undefined &&
      start.time >= 60 &&
      start.time < 7 * 60 &&
      !result.start.isCertain('meridiem') &&
      !result.end &&
      !/(?<!\d)0\d\s*[:h.]/u.test(raw)
    ) {
      start = { ...start, time: start.time + 12 * 60 };
    }
    const end = result.end ? toWhen(result.end, now.zone) : null;
    temporals.push(end ? { span, text: raw, start, end } : { span, text: raw, start });
    chronoSpans.push(span);
  }
  text = mask(text, chronoSpans);

  for (const rule of config.timeWords) {
    const found = matchAll(rule.pattern, text);
    for (const { match, span } of found)
      temporals.push({ span, text: match[0], start: { time: rule.minutes } });
    text = mask(
      text,
      found.map((f) => f.span),
    );
  }

  for (const { match, span } of matchAll(config.dayOfMonth, text)) {
    const day = nextDayOfMonth(Number(match[1]), now);
    if (day) temporals.push({ span, text: match[0], start: { date: { day, unit: 'day' } } });
  }

  temporals.sort((a, b) => a.span.start - b.span.start);
  return { temporals, keywords };
}

/**
 * Characters consumed by earlier extractors (a mention, a duration…) become `|` too: chrono would
 * otherwise merge `tomorrow <@U1> at 3pm` into one result whose text spans the mention.
 */
function blockMerges(masked: string, original: string): string {
  let out = '';
  for (let i = 0; i < masked.length; i++) {
    const ch = masked[i]!;
    out += ch === ' ' && !/\s/u.test(original[i] ?? ' ') ? '|' : ch === '’' ? "'" : ch;
  }
  return out;
}

function runChrono(input: string, config: LocaleConfig, now: DateTime): ParsedResult[] {
  if (!/[\p{L}\p{N}]/u.test(input)) return [];
  try {
    return config.chrono.parse(
      input,
      { instant: new Date(now.toMillis()), timezone: now.offset },
      { forwardDate: true },
    );
  } catch {
    // chrono is a third-party parser: whatever it cannot read stays in `unrecognised`.
    return [];
  }
}

function toWhen(c: ParsedComponents, zone: DateTime['zone']): When | null {
  const hasDay = c.isCertain('day') || c.isCertain('weekday');
  const hasMonth = c.isCertain('month');
  const hasTime = c.isCertain('hour');
  let date: When['date'];
  if (hasDay || hasMonth) {
    const day = DateTime.fromObject(
      {
        year: c.get('year') ?? undefined,
        month: c.get('month') ?? undefined,
        day: hasDay ? (c.get('day') ?? 1) : 1,
      },
      { zone },
    );
    if (!day.isValid) return null;
    const weekday = c.isCertain('weekday') && !c.isCertain('day') ? c.get('weekday') : null;
    date = {
      day,
      unit: hasDay ? 'day' : 'month',
      ...(weekday === null ? {} : { weekday: weekday === 0 ? 7 : weekday }),
    };
  }
  const time = hasTime ? (c.get('hour') ?? 0) * 60 + (c.get('minute') ?? 0) : undefined;
  if (!date && time === undefined) return null;
  return { ...(date ? { date } : {}), ...(time === undefined ? {} : { time }) };
}

/** The next local day (today included) numbered `n` in its month, skipping months too short for it. */
function nextDayOfMonth(n: number, now: DateTime): DateTime | null {
  if (!Number.isInteger(n) || n < 1 || n > 31) return null;
  const today = now.startOf('day');
  for (let i = 0; i < 12; i++) {
    const month = today.startOf('month').plus({ months: i });
    if (n > (month.daysInMonth ?? 0)) continue;
    const day = month.set({ day: n });
    if (day >= today) return day;
  }
  return null;
}
