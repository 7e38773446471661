/**
 * Refiners that turn the date and time mentions into one search window and daily time-of-day
 * constraints:
 * - a bound keyword right before a mention (`before friday`, `après 15h`) makes it a bound;
 * - `between A and B` and `A until B` pair two mentions into a range;
 * - a bare weekday names the next such day after today (`this monday` or `today` for today), a weekday
 *   next to a named week is that week's day (`tuesday next week`), `last friday` is in the past;
 * - plain days and periods are joined (first day to last), bounds then narrow them.
 */
import { DateTime } from 'luxon';
import { DAY } from '../interval.ts';
import type { BoundKeyword, Temporal, When } from './dates.ts';
import { connectives } from './locales/index.ts';
import type { BoundKind, LocaleConfig } from './locales/types.ts';
import { type Span, spanText } from './text.ts';
import type { PartOfDayHit } from './time-of-day.ts';
import { formatMinutes } from './time-of-day.ts';
import type { TimeOfDayConstraint } from './types.ts';

/** Length of the default window (from now), and of a window given only a start (`after friday`). */
export const DEFAULT_WINDOW_DAYS = 7;
const END_OF_DAY = 24 * 60;

export interface WindowInput {
  readonly original: string;
  readonly temporals: readonly Temporal[];
  readonly keywords: readonly BoundKeyword[];
  readonly partsOfDay: readonly PartOfDayHit[];
  readonly now: DateTime;
  readonly durationMinutes: number;
  readonly config: LocaleConfig;
}

export type WindowIssue =
  | { readonly code: 'contradictory_window' | 'window_in_past'; readonly text: string }
  | { readonly code: 'window_widened'; readonly text: string };

/**
 * Something to leave out, before it is laid over the final window: days (one, or every such weekday
 * when `weekday` is set), optionally only a time of day on them, or an instant (`except friday 3pm`).
 */
export interface Exclusion {
  readonly start: DateTime;
  readonly end: DateTime;
  readonly weekday?: number;
  /** Minutes since midnight, `[start, end)`, on each excluded day. */
  readonly tod?: { readonly start: number; readonly end: number };
  readonly text: string;
  /** Where it was said (`except friday`), for one that was (not the gaps between alternatives). */
  readonly span?: Span;
}

export interface WindowResolution {
  /**
   * `null` when nothing was said about dates: the caller uses the default window. `bounded` when its end
   * was said (`in January`, `next month`, `before friday`), not only its start (`from monday`).
   */
  readonly said: {
    readonly start: number;
    readonly end: number;
    readonly text: string;
    readonly bounded: boolean;
  } | null;
  readonly constraints: readonly TimeOfDayConstraint[];
  /** The spans used: mentions and their keywords (an excluded `except friday` is not). */
  readonly consumed: readonly Span[];
  readonly issues: readonly WindowIssue[];
  /** Said exclusions and the gaps between alternative days (`tuesday or thursday`). */
  readonly exclusions: readonly Exclusion[];
}

type Point =
  | { readonly kind: 'days'; readonly start: DateTime; readonly end: DateTime; readonly weekday?: number }
  | { readonly kind: 'time'; readonly minutes: number }
  | {
      readonly kind: 'instant';
      readonly at: DateTime;
      readonly day: DateTime;
      readonly minutes: number;
      /** Said time first (`11h demain`, `3pm tomorrow`) rather than day first (`friday 3pm`). */
      readonly timeFirst: boolean;
    };

/** A mention that starts with its clock time: `3pm tomorrow`, `à 11h demain`, `noon on friday`. */
const TIME_FIRST = new RegExp(`^(?:(?:${connectives('at')})\\s+)?(?:\\d|${connectives('namedTimes')})`, 'iu');

interface Tod {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly at: number;
}

interface Collector {
  readonly plain: { start: number; end: number; text: string }[];
  readonly lower: number[];
  readonly upper: number[];
  readonly exact: Tod[];
  readonly bounds: Tod[];
  readonly windowSpans: Span[];
  readonly exclusions: Exclusion[];
  /** Times of day to avoid every day: `not at noon`, `pas à midi`. */
  readonly avoid: Tod[];
}

/** What may stand between a bound keyword and its mention: `before the 10th`, `au plus tard le 4`. */
const KEYWORD_GAP = new RegExp(`^\\s*(?:(?:${connectives('articles')})\\s*)?$`, 'iu');

/** The gap between two excluded mentions: `monday and friday`, `lundi ou mardi`, `, `. */
const EXCLUSION_JOINER = new RegExp(`^[\\s,]*(?:${connectives('joiners')})?[\\s,]*$`, 'iu');
/** Words that make separate days alternatives rather than a range to widen: `or`, `ou`, `soit`. */
const ALTERNATIVE = new RegExp(
  `(?<![\\p{L}\\p{N}_])(?:${connectives('alternative')})(?![\\p{L}\\p{N}_])`,
  'iu',
);

export function resolveWindow(input: WindowInput): WindowResolution {
  const { original, temporals, keywords, config, now } = input;
  const keywordOf = new Map<Temporal, BoundKeyword>();
  for (const t of temporals) {
    const k = [...keywords]
      .reverse()
      .find((k) => k.span.end <= t.span.start && KEYWORD_GAP.test(original.slice(k.span.end, t.span.start)));
    if (k) keywordOf.set(t, k);
  }
  const period = temporals.find((t) => t.period)?.period;
  const refine = (w: When | undefined, text: string) => (w ? refineWeekday(w, text, now, period, config) : w);

  const c: Collector = {
    plain: [],
    lower: [],
    upper: [],
    exact: [],
    bounds: [],
    windowSpans: [],
    exclusions: [],
    avoid: [],
  };
  const consumed: Span[] = [];
  // Parts of the day right after an excluded day belong to it: `except friday afternoon`.
  const attached = new Map<Temporal, PartOfDayHit>();
  let lastExcluded: Temporal | null = null;
  for (let i = 0; i < temporals.length; i++) {
    const t = temporals[i]!;
    const u = temporals[i + 1];
    const k = keywordOf.get(t);
    if (
      k?.kind === 'except' ||
      (!k && lastExcluded && EXCLUSION_JOINER.test(original.slice(lastExcluded.span.end, t.span.start)))
    ) {
      consumed.push(t.span);
      if (k) consumed.push(k.span);
      const pod = input.partsOfDay.find(
        (p) =>
          !p.excluded && p.span.start >= t.span.end && original.slice(t.span.end, p.span.start).trim() === '',
      );
      if (pod) attached.set(t, pod);
      const before = c.exclusions.length;
      exclude(
        c,
        toPoint(t, refine(t.start, t.text)),
        pod,
        original.slice((k ?? t).span.start, t.span.end),
        input,
      );
      for (let j = before; j < c.exclusions.length; j++)
        c.exclusions[j] = { ...c.exclusions[j]!, span: { start: (k ?? t).span.start, end: t.span.end } };
      lastExcluded = t;
      continue;
    }
    lastExcluded = null;
    const uk = u ? keywordOf.get(u) : undefined;
    consumed.push(t.span);
    const a = toPoint(t, refine(t.start, t.text));
    const spanStart = k?.span.start ?? t.span.start;
    if (k) consumed.push(k.span);

    if (
      u &&
      k?.kind === 'between' &&
      !uk &&
      config.rangeJoiner.test(original.slice(t.span.end, u.span.start))
    ) {
      pair(c, a, toPoint(u, refine(u.start, u.text)), { start: spanStart, end: u.span.end }, original);
      consumed.push(u.span);
      i++;
      continue;
    }
    if (
      u &&
      uk?.kind === 'until' &&
      (!k || k.kind === 'from') &&
      original.slice(t.span.end, uk.span.start).trim() === ''
    ) {
      consumed.push(uk.span, u.span);
      pair(c, a, toPoint(u, refine(u.start, u.text)), { start: spanStart, end: u.span.end }, original);
      i++;
      continue;
    }
    const span = { start: spanStart, end: t.span.end };
    if (t.end) {
      pair(c, a, toPoint(t, refine(t.end, t.text)), span, original);
    } else {
      single(c, a, k?.kind, span, original, input);
    }
  }

  const attachedPods = new Set(attached.values());
  const partsOfDay = input.partsOfDay.filter((p) => !attachedPods.has(p));
  for (const pod of partsOfDay) {
    if (!pod.today || pod.excluded) continue;
    const today = now.startOf('day');
    c.plain.push({ start: today.toMillis(), end: today.plus({ days: 1 }).toMillis(), text: pod.text });
    c.windowSpans.push(pod.span);
  }

  const issues: WindowIssue[] = [];
  const constraints = timeOfDay(partsOfDay, c, input.durationMinutes, issues);
  const said = window(c, now, original, issues);
  return { said, constraints, consumed, issues, exclusions: c.exclusions };
}

function exclude(
  c: Collector,
  p: Point,
  pod: PartOfDayHit | undefined,
  text: string,
  input: WindowInput,
): void {
  const tod = pod ? { start: pod.start, end: pod.end } : undefined;
  if (p.kind === 'days') {
    c.exclusions.push({
      start: p.start,
      end: p.end,
      ...(p.weekday ? { weekday: p.weekday } : {}),
      ...(tod ? { tod } : {}),
      text,
    });
  } else if (p.kind === 'instant') {
    c.exclusions.push({ start: p.at, end: p.at.plus({ minutes: input.durationMinutes }), text });
  } else {
    // `not at noon`: that time, every day.
    c.avoid.push({ start: p.minutes, end: p.minutes + input.durationMinutes, text, at: 0 });
  }
}

function toPoint(t: Temporal, w: When | undefined): Point {
  if (t.period && !w) return { kind: 'days', start: t.period.start, end: t.period.end };
  const date = w?.date;
  if (date && w?.time !== undefined) {
    const at = date.day.set({ hour: Math.floor(w.time / 60), minute: w.time % 60 });
    return { kind: 'instant', at, day: date.day, minutes: w.time, timeFirst: TIME_FIRST.test(t.text.trim()) };
  }
  if (date) {
    const end = date.day.plus(date.unit === 'month' ? { months: 1 } : { days: 1 });
    return { kind: 'days', start: date.day, end, ...(date.weekday ? { weekday: date.weekday } : {}) };
  }
  return { kind: 'time', minutes: w?.time ?? 0 };
}

function refineWeekday(
  w: When,
  text: string,
  now: DateTime,
  period: Temporal['period'],
  config: LocaleConfig,
): When {
  const date = w.date;
  if (!date?.weekday) return w;
  const today = now.startOf('day');
  let day = date.day;
  if (config.lastModifier.test(text)) {
    const back = (today.weekday - date.weekday + 7) % 7 || 7;
    day = today.minus({ days: back });
  } else if (period) {
    const offset = (date.weekday - period.start.weekday + 7) % 7;
    const anchored = period.start.startOf('day').plus({ days: offset });
    if (anchored < period.end) day = anchored;
  } else if (+day.startOf('day') === +today && !config.thisModifier.test(text)) {
    day = day.plus({ weeks: 1 });
  }
  return { ...w, date: { ...date, day } };
}

function single(
  c: Collector,
  p: Point,
  kind: BoundKind | undefined,
  span: Span,
  original: string,
  input: WindowInput,
): void {
  const text = original.slice(span.start, span.end);
  if (p.kind === 'time') {
    if (kind === 'after' || kind === 'from')
      c.bounds.push({ start: p.minutes, end: END_OF_DAY, text, at: span.start });
    else if (kind === 'before' || kind === 'until')
      c.bounds.push({ start: 0, end: p.minutes === 0 ? END_OF_DAY : p.minutes, text, at: span.start });
    else c.exact.push({ start: p.minutes, end: p.minutes + input.durationMinutes, text, at: span.start });
    return;
  }
  c.windowSpans.push(span);
  if (p.kind === 'days') {
    const start = p.start.toMillis();
    const end = p.end.toMillis();
    if (kind === 'after') c.lower.push(end);
    else if (kind === 'from') c.lower.push(start);
    else if (kind === 'before') c.upper.push(start);
    else if (kind === 'until') c.upper.push(end);
    else c.plain.push({ start, end, text });
    return;
  }
  if ((kind === 'before' || kind === 'until') && !p.timeFirst) {
    // "before friday 3pm": a deadline.
    c.upper.push(p.at.toMillis());
    return;
  }
  c.plain.push({ start: p.day.toMillis(), end: p.day.plus({ days: 1 }).toMillis(), text });
  if (kind === 'before' || kind === 'until') {
    // "before 11am tomorrow", "avant 11h demain": that day, before that time.
    c.bounds.push({ start: 0, end: p.minutes === 0 ? END_OF_DAY : p.minutes, text, at: span.start });
    return;
  }
  if (kind === 'after' || kind === 'from') c.lower.push(p.at.toMillis());
  else c.exact.push({ start: p.minutes, end: p.minutes + input.durationMinutes, text, at: span.start });
}

function pair(c: Collector, a: Point, b: Point, span: Span, original: string): void {
  const text = original.slice(span.start, span.end);
  if (a.kind === 'time' && b.kind === 'time') {
    c.bounds.push({ start: a.minutes, end: b.minutes, text, at: span.start });
    return;
  }
  c.windowSpans.push(span);
  if (a.kind === 'instant' && (b.kind === 'time' || (b.kind === 'instant' && +b.day === +a.day))) {
    c.plain.push({ start: a.day.toMillis(), end: a.day.plus({ days: 1 }).toMillis(), text });
    c.bounds.push({ start: a.minutes, end: b.minutes, text, at: span.start });
    return;
  }
  if (a.kind === 'time' && b.kind === 'instant') {
    // "between 2pm and 4pm on wednesday": chrono reads the day with the second time.
    c.plain.push({ start: b.day.toMillis(), end: b.day.plus({ days: 1 }).toMillis(), text });
    c.bounds.push({ start: a.minutes, end: b.minutes, text, at: span.start });
    return;
  }
  let endPoint = b;
  if (a.kind === 'days' && b.kind === 'days' && b.weekday && b.end <= a.start) {
    endPoint = { ...b, start: b.start.plus({ weeks: 1 }), end: b.end.plus({ weeks: 1 }) };
  }
  const start = a.kind === 'days' ? a.start : a.kind === 'instant' ? a.at : null;
  const day = a.kind === 'days' ? a.start : a.kind === 'instant' ? a.day : null;
  let end: DateTime | null;
  if (endPoint.kind === 'days') end = endPoint.end;
  else if (endPoint.kind === 'instant') end = endPoint.at;
  else end = day ? day.set({ hour: Math.floor(endPoint.minutes / 60), minute: endPoint.minutes % 60 }) : null;
  const from =
    start ?? (endPoint.kind === 'time' ? null : endPoint.kind === 'days' ? endPoint.start : endPoint.day);
  if (!from || !end) return;
  if (a.kind === 'time' && endPoint.kind !== 'time') {
    // "3pm until friday": from that time on the first day.
    const first = (endPoint.kind === 'days' ? endPoint.start : endPoint.day).set({
      hour: Math.floor(a.minutes / 60),
      minute: a.minutes % 60,
    });
    c.plain.push({ start: first.toMillis(), end: end.toMillis(), text });
    return;
  }
  c.plain.push({ start: from.toMillis(), end: end.toMillis(), text });
}

function hull(tods: readonly Tod[]): Tod | null {
  if (tods.length === 0) return null;
  return {
    start: Math.min(...tods.map((t) => t.start)),
    end: Math.max(...tods.map((t) => t.end)),
    text: [...new Set(tods.map((t) => t.text))].join(' '),
    at: Math.min(...tods.map((t) => t.at)),
  };
}

/** Parts of the day are alternatives (joined), exact times too; bounds narrow both. */
function timeOfDay(
  pods: readonly PartOfDayHit[],
  c: Collector,
  durationMinutes: number,
  issues: WindowIssue[],
): TimeOfDayConstraint[] {
  const said = pods.filter((p) => !p.excluded);
  const podTods = said.map((p) => ({ start: p.start, end: p.end, text: p.text, at: p.span.start }));
  // `this afternoon at 3:20`, `tonight at 7`: a morning hour that only fits the part of the day as pm.
  const inPod = (m: number) => said.some((p) => m >= p.start && m < p.end);
  const exactTods = c.exact.map((t) => {
    const shift =
      t.start >= 60 && t.start < 12 * 60 && !inPod(t.start) && inPod(t.start + 12 * 60) ? 12 * 60 : 0;
    return { ...t, start: t.start + shift, end: Math.min(t.end + shift, END_OF_DAY) };
  });
  const withChoices = (tods: Tod[]): AltTod | null => {
    const h = hull(tods);
    if (!h) return null;
    const distinct = distinctRanges(tods);
    return distinct.length > 1 ? { ...h, anyOf: distinct } : h;
  };
  const avoided = [
    ...pods
      .filter((p) => p.excluded)
      .map((p) => ({ start: p.start, end: p.end, text: p.text, at: p.span.start })),
    ...c.avoid,
  ];
  const avoidTod: AltTod | null =
    avoided.length === 0
      ? null
      : {
          start: 0,
          end: END_OF_DAY,
          text: avoided.map((p) => p.text).join(' '),
          at: avoided[0]!.at,
          anyOf: complement(avoided),
        };
  const all = [withChoices(podTods), withChoices(exactTods), avoidTod, ...c.bounds]
    .filter((t): t is AltTod => t !== null)
    .sort((a, b) => a.at - b.at);
  if (all.length === 0) return [];
  const start = Math.max(...all.map((t) => t.start));
  const end = Math.min(...all.map((t) => t.end));
  const fits = (t: AltTod) =>
    (t.anyOf ?? [t]).some((r) => Math.min(end, r.end) - Math.max(start, r.start) >= durationMinutes);
  if (end - start < durationMinutes || !all.every(fits)) {
    issues.push({ code: 'contradictory_window', text: all.map((t) => t.text.trim()).join(' ') });
  }
  return all.map((t) => ({
    kind: 'time_of_day',
    start: formatMinutes(t.start),
    end: formatMinutes(t.end),
    text: t.text.trim(),
    ...(t.anyOf
      ? { anyOf: t.anyOf.map((r) => ({ start: formatMinutes(r.start), end: formatMinutes(r.end) })) }
      : {}),
  }));
}

interface AltTod extends Tod {
  readonly anyOf?: readonly { readonly start: number; readonly end: number }[];
}

/** The ranges, sorted, overlapping ones merged. */
function distinctRanges(tods: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const t of [...tods].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && t.start <= last.end) last.end = Math.max(last.end, t.end);
    else out.push({ start: t.start, end: t.end });
  }
  return out;
}

/** The day minus the ranges: `not in the morning` leaves 00:00–09:00 and 12:00–24:00. */
function complement(tods: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let from = 0;
  for (const r of distinctRanges(tods)) {
    if (r.start > from) out.push({ start: from, end: r.start });
    from = Math.max(from, r.end);
  }
  if (from < END_OF_DAY) out.push({ start: from, end: END_OF_DAY });
  return out;
}

function window(
  c: Collector,
  nowTime: DateTime,
  original: string,
  issues: WindowIssue[],
): WindowResolution['said'] {
  const now = nowTime.toMillis();
  if (c.plain.length === 0 && c.lower.length === 0 && c.upper.length === 0) return null;
  const text = spanText(original, mergeSpans(c.windowSpans));
  // The most specific piece wins: in `tuesday next week` or `next month on the 12th`, the period only
  // anchors the day.
  const pieces = c.plain
    .filter(
      (p) =>
        !c.plain.some(
          (q) => q !== p && q.start >= p.start && q.end <= p.end && q.end - q.start < p.end - p.start,
        ),
    )
    .sort((a, b) => a.start - b.start);
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.POSITIVE_INFINITY;
  if (pieces.length > 0) {
    start = pieces[0]!.start;
    end = Math.max(...pieces.map((p) => p.end));
    let reach = pieces[0]!.end;
    const alternatives = ALTERNATIVE.test(original);
    for (const p of pieces.slice(1)) {
      if (p.start > reach) {
        if (alternatives) {
          // `tuesday or thursday`: the days between are not asked for.
          const zone = nowTime.zone;
          c.exclusions.push({
            start: DateTime.fromMillis(reach, { zone }),
            end: DateTime.fromMillis(p.start, { zone }),
            text: pieces.map((q) => q.text.trim()).join(' / '),
          });
        } else {
          issues.push({ code: 'window_widened', text: pieces.map((q) => q.text.trim()).join(', ') });
          break;
        }
      }
      reach = Math.max(reach, p.end);
    }
  }
  if (c.lower.length > 0) start = Math.max(start, ...c.lower);
  if (c.upper.length > 0) end = Math.min(end, ...c.upper);
  if (pieces.length === 0 && c.upper.length === 0) end = start + DEFAULT_WINDOW_DAYS * DAY;
  if (start >= end) {
    issues.push({ code: 'contradictory_window', text });
    return null;
  }
  if (end <= now) {
    issues.push({ code: 'window_in_past', text });
    return null;
  }
  return { start: Math.max(start, now), end, text, bounded: pieces.length > 0 || c.upper.length > 0 };
}

function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end)
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else out.push(s);
  }
  return out;
}
