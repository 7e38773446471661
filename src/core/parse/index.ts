/**
 * `parseRequest`: reads a `/meet` request (in any language of `LOCALES`) into participants, duration, search
 * window, time-of-day constraints and title, keeping what the user said apart from what was implied.
 *
 * Pure and total: no clock, no I/O, never throws; expected problems (nobody to invite, a window in
 * the past…) come back as error values with stable codes, parameters and the language to word them in
 * (worded by the app's `parse` catalogue domain).
 *
 * The work is a chain of extractors over a masked copy of the text (each one blanks what it
 * consumed): title → mentions → durations → parts of the day → dates (periods, bound keywords,
 * chrono, clock words, days of the month), then refiners (`window.ts`) and the leftover words.
 */
import { DateTime, IANAZone } from 'luxon';
import { DAY } from '../interval.ts';
import { isLocale } from '../locale.ts';
import { MAX_SERIES_EXCEPT } from '../series.ts';
import { extractClockTimes } from './clock.ts';
import { extractDates, type Temporal } from './dates.ts';
import { DEFAULT_DURATION_MINUTES, extractDurations, MAX_DURATION_MINUTES } from './duration.ts';
import { detectLocale } from './language.ts';
import { leftoverWords } from './leftovers.ts';
import { LOCALES } from './locales/index.ts';
import type { LocaleConfig } from './locales/types.ts';
import { extractMentions } from './mentions.ts';
import { issueOf, type MessageParams } from './messages.ts';
import {
  DEFAULT_SERIES_HORIZON_MONTHS,
  extractRecurrence,
  firstSeriesDay,
  resolveRecurrence,
} from './recurrence.ts';
import { mask, type Span } from './text.ts';
import { extractPartsOfDay } from './time-of-day.ts';
import { extractQuoted } from './title.ts';
import type {
  ExcludedWindow,
  Locale,
  MeetingRequest,
  ParseContext,
  ParsedDuration,
  ParsedTimeZone,
  ParsedTitle,
  ParsedWindow,
  ParseError,
  ParseErrorCode,
  ParseIssue,
  ParseQuestion,
  ParseResult,
  ParseWarning,
  ParseWarningCode,
} from './types.ts';
import { DEFAULT_WINDOW_DAYS, type Exclusion, resolveWindow } from './window.ts';
import { extractZones } from './zone.ts';

export { DEFAULT_DURATION_MINUTES, MAX_DURATION_MINUTES } from './duration.ts';
export { formatParseJson, type ParseWording, toParseJson } from './json.ts';
export { ONCE } from './locales/recurrence-kit.ts';
export { DEFAULT_SERIES_HORIZON_MONTHS, readingOf, toRRule } from './recurrence.ts';
export type * from './types.ts';
export { DEFAULT_WINDOW_DAYS } from './window.ts';

/**
 * `IANAZone.isValidZone` builds an `Intl.DateTimeFormat` on every call (a sixth of a parse's CPU time);
 * the answers for the few zones a server sees are kept, at most `ZONE_CACHE_SIZE` of them.
 */
const ZONE_CACHE_SIZE = 256;
const zoneValidity = new Map<string, boolean>();
function validZone(zone: string): boolean {
  const known = zoneValidity.get(zone);
  if (known !== undefined) return known;
  const valid = IANAZone.isValidZone(zone);
  if (zoneValidity.size >= ZONE_CACHE_SIZE) zoneValidity.clear();
  zoneValidity.set(zone, valid);
  return valid;
}

/** Longest request read, in UTF-16 code units; longer ones are refused to bound the work. */
export const MAX_REQUEST_LENGTH = 1000;
/** Default look-ahead: a window must end within this many days from today (`ParseContext.maxWindowDays`). */
export const MAX_WINDOW_DAYS = 90;
/** Default most people one request may mention (`ParseContext.maxParticipants`). */
export const MAX_PARTICIPANTS = 50;

const limit = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;

/**
 * The checks that need no clock nor zone, for adapters to run BEFORE any platform call (users.info,
 * member listings, DMs): the length of the text and the number of distinct people it mentions.
 * Null when the request may go on; the same error `parseRequest` would give otherwise.
 */
export function precheckRequest(
  text: string,
  options: {
    readonly locale?: Locale;
    readonly maxParticipants?: number;
    /** People named outside the text (chat options, expanded roles), by platform id. */
    readonly extraIds?: readonly string[];
  } = {},
): ParseError | null {
  const input = typeof text === 'string' ? text.normalize('NFC') : '';
  const locale: Locale = isLocale(options.locale)
    ? options.locale
    : detectLocale(input.slice(0, MAX_REQUEST_LENGTH));
  if (input.length > MAX_REQUEST_LENGTH)
    return issueOf('text_too_long', locale, { length: input.length, max: MAX_REQUEST_LENGTH });
  const max = limit(options.maxParticipants, MAX_PARTICIPANTS);
  const ids = new Set(options.extraIds ?? []);
  let count = ids.size;
  for (const p of extractMentions(input).participants) if (!ids.has(p.id)) count++;
  if (count > max) return issueOf('too_many_participants', locale, { count, max });
  return null;
}

export function parseRequest(text: string, ctx: ParseContext): ParseResult {
  const input = typeof text === 'string' ? text.normalize('NFC') : '';
  const locale: Locale = isLocale(ctx?.locale)
    ? ctx.locale
    : detectLocale(input.slice(0, MAX_REQUEST_LENGTH));
  const replyLocale: Locale = isLocale(ctx?.replyLocale) ? ctx.replyLocale : locale;
  const issue = <C extends ParseErrorCode | ParseWarningCode>(code: C, params: MessageParams = {}) =>
    issueOf(code, replyLocale, params);
  const fail = (errors: ParseError[], partial: Partial<MeetingRequest> = {}, warnings: ParseWarning[] = []) =>
    ({ ok: false, errors, partial: { ...partial, locale }, warnings }) as const;

  if (input.length > MAX_REQUEST_LENGTH) {
    return fail([issue('text_too_long', { length: input.length, max: MAX_REQUEST_LENGTH })]);
  }
  if (typeof ctx?.zone !== 'string' || !validZone(ctx.zone)) {
    return fail([issue('invalid_context', { zone: String(ctx?.zone) })]);
  }
  const organiserNow = DateTime.fromMillis(Number.isFinite(ctx.now) ? ctx.now : Number.NaN, {
    zone: ctx.zone,
  });
  if (!organiserNow.isValid) return fail([issue('invalid_context', { variant: 'now' })]);
  if (!/[\p{L}\p{N}]/u.test(input)) return fail([issue('empty_request')]);

  const config = LOCALES[locale];
  const errors: ParseError[] = [];
  const warnings: ParseWarning[] = [];
  const consumed: Span[] = [];
  let masked = input;
  const consume = (spans: readonly Span[]) => {
    consumed.push(...spans);
    masked = mask(masked, spans);
  };

  // The slash command itself, when the adapter passes it along (`/meet …`).
  const command = /^\s*\/[\p{L}][\p{L}\p{N}_-]*/u.exec(masked);
  if (command) consume([{ start: 0, end: command[0].length }]);

  // Title first, so that a quoted "@ana" or "1h" is part of it.
  const quoted = extractQuoted(masked);
  consume(quoted.map((q) => q.span));
  const first = quoted.find((q) => q.value !== '');
  const title: ParsedTitle = first
    ? { value: first.value, source: 'said', text: first.text }
    : { value: null, source: 'implied' };
  for (const extra of quoted.filter((q) => q !== first && q.value !== '')) {
    warnings.push(issue('extra_title_ignored', { text: extra.text }));
  }

  const mentions = extractMentions(masked);
  consume(mentions.spans);
  for (const raw of mentions.broadcasts) warnings.push(issue('broadcast_mention_ignored', { text: raw }));
  const participants = mentions.participants;
  const maxParticipants = limit(ctx.maxParticipants, MAX_PARTICIPANTS);
  if (participants.length === 0) errors.push(issue('no_participants'));
  else if (participants.length > maxParticipants)
    errors.push(issue('too_many_participants', { count: participants.length, max: maxParticipants }));

  // A zone named in the request: the window and the times of day are read in it.
  const zones = extractZones(masked, config);
  consume(zones.map((z) => z.span));
  const questions: ParseQuestion[] = [];
  let timeZone: ParsedTimeZone | undefined;
  for (const z of zones) {
    if (z.candidates) {
      questions.push({
        code: 'ambiguous_zone',
        locale: replyLocale,
        text: z.text.trim(),
        options: z.candidates,
      });
    } else if (z.zone && !timeZone) {
      timeZone = { value: z.zone, source: 'said', text: z.text.trim() };
    } else if (z.zone && timeZone && z.zone !== timeZone.value) {
      questions.push({
        code: 'ambiguous_zone',
        locale: replyLocale,
        // Two zones said: the question quotes both.
        quoted: `${timeZone.text} / ${z.text.trim()}`,
        text: z.text.trim(),
        options: [timeZone.value, z.zone],
      });
    }
  }
  // An answer to an earlier question settles it: the text is read in the chosen zone.
  const answered = typeof ctx.answers?.zone === 'string' ? ctx.answers.zone : undefined;
  const settled = answered ? questions.filter((q) => q.options.includes(answered)) : [];
  if (answered && settled.length > 0) {
    for (const q of settled) questions.splice(questions.indexOf(q), 1);
    timeZone = { value: answered, source: 'said', text: settled[0]!.text };
  }
  const zone = timeZone?.value ?? ctx.zone;
  const now = organiserNow.setZone(zone);

  // A recurring request (`every other tuesday for 6 weeks`), before durations read `2 weeks` as one.
  // A series word of another supported language (`weekly sync mensuel`, a mixed request detected as
  // English) is read in that language rather than left to vanish among the other words.
  let extracted = extractRecurrence(masked, config, ctx.answers?.recurrence);
  for (const other of Object.values(LOCALES)) {
    if (extracted || other === config) continue;
    extracted = extractRecurrence(masked, other, ctx.answers?.recurrence);
  }
  const series = extracted && 'piece' in extracted ? extracted : null;
  if (extracted) consume(series?.shared ? extracted.spans.slice(1) : extracted.spans);
  // A series no calendar rule holds: its words are kept from the other extractors and reported unread.
  const unreadSeries = extracted && 'unread' in extracted ? extracted.spans : [];
  // `bimonthly`, `twice a week`: several readings, asked rather than guessed.
  if (extracted && 'ask' in extracted) {
    const said = extracted.spans[0]!;
    questions.push({
      code: 'ambiguous_recurrence',
      locale: replyLocale,
      text: input.slice(said.start, said.end).trim(),
      options: extracted.ask,
    });
  }

  const found = extractDurations(masked, config);
  consume(found.map((d) => d.span));
  const durations = found.filter((d) => !d.offset);
  const duration = readDuration(durations, config, issue, errors);
  // `in 2 hours`, `dans une heure`: that time today (or tomorrow, late in the evening).
  const offsets: Temporal[] = found
    .filter((d) => d.offset && d.minutes > 0 && d.minutes <= MAX_DURATION_MINUTES)
    .map((d) => {
      const at = now.plus({ minutes: d.minutes }).startOf('minute');
      return {
        span: d.span,
        text: input.slice(d.span.start, d.span.end),
        start: { date: { day: at.startOf('day'), unit: 'day' }, time: at.hour * 60 + at.minute },
      };
    });

  const clocks = extractClockTimes(masked, config);
  consume(clocks.spans);

  const partsOfDay = extractPartsOfDay(masked, config);
  consume(partsOfDay.map((p) => p.span));

  const dates = extractDates(masked, input, config, now, [...offsets, ...clocks.temporals]);
  const resolved = resolveWindow({
    original: input,
    temporals: dates.temporals,
    keywords: dates.keywords,
    partsOfDay,
    now,
    durationMinutes: duration?.minutes ?? DEFAULT_DURATION_MINUTES,
    config,
  });
  // A series keeps what is left out only as far as its first occurrence is searched: a weekday left out of
  // a weekly series on no named day (the series keeps the first one's weekday); anything else (`except
  // december 28`, `except friday afternoon` on a daily series) would hold for one date only, so its words
  // are left unread (`unrecognised`) rather than silently dropped for the other occurrences.
  const heldBySeries = (e: Exclusion) =>
    e.weekday !== undefined && !e.tod && series?.piece.freq === 'WEEKLY' && !series.piece.byDay?.length;
  const unheld = series ? resolved.exclusions.filter((e) => e.span && !heldBySeries(e)) : [];
  consume(
    resolved.consumed.filter((s) => !unheld.some((e) => s.start >= e.span!.start && s.end <= e.span!.end)),
  );
  for (const i of resolved.issues) {
    if (i.code === 'window_widened') warnings.push(issue(i.code, { text: i.text }));
    else errors.push(issue(i.code, { text: i.text }));
  }
  // The look-ahead bound: every window ends by the end of the day `maxWindowDays` days from today.
  const maxWindowDays = limit(ctx.maxWindowDays, MAX_WINDOW_DAYS);
  const horizon = now
    .startOf('day')
    .plus({ days: maxWindowDays + 1 })
    .toMillis();
  const tooFar = resolved.said !== null && resolved.said.end > horizon;
  if (tooFar) errors.push(issue('window_too_far', { text: resolved.said!.text, max: maxWindowDays }));
  // A series on named days: the first occurrence's day, from tomorrow, or within the window said with it
  // (`every tuesday in January`, `every monday starting next week`).
  const seriesDays = series?.piece.byDay && series.piece.byDay.length > 0 ? series.piece.byDay : null;
  const firstDay = !seriesDays
    ? null
    : !resolved.said
      ? firstSeriesDay(now.startOf('day').plus({ days: 1 }), seriesDays, series?.exceptDates)
      : firstSeriesDay(DateTime.fromMillis(resolved.said.start, { zone }), seriesDays, series?.exceptDates);
  // A series on no named days bounded by a window (`every day next week`): its first occurrence is in
  // the window's first period, so that the series covers the window.
  const firstPeriod =
    series && !seriesDays && resolved.said?.bounded
      ? DateTime.fromMillis(resolved.said.start, { zone })
          .startOf('day')
          .plus(
            series.piece.freq === 'DAILY'
              ? { days: 1 }
              : series.piece.freq === 'WEEKLY'
                ? { weeks: 1 }
                : { months: 1 },
          )
      : null;
  const firstWindow =
    firstDay && resolved.said
      ? {
          start: Math.max(firstDay.toMillis(), resolved.said.start),
          end: Math.min(firstDay.plus({ days: 1 }).toMillis(), resolved.said.end),
        }
      : firstDay
        ? { start: firstDay.toMillis(), end: firstDay.plus({ days: 1 }).toMillis() }
        : firstPeriod && resolved.said
          ? { start: resolved.said.start, end: Math.min(firstPeriod.toMillis(), resolved.said.end) }
          : null;
  const window: ParsedWindow | undefined = tooFar
    ? undefined
    : firstWindow &&
        firstWindow.start < firstWindow.end &&
        !resolved.issues.some((i) => i.code !== 'window_widened')
      ? {
          ...firstWindow,
          zone,
          source: 'said',
          text: resolved.said?.text ?? input.slice(series!.spans[0]!.start, series!.spans[0]!.end).trim(),
        }
      : resolved.said
        ? {
            start: resolved.said.start,
            end: resolved.said.end,
            zone,
            source: 'said',
            text: resolved.said.text,
          }
        : resolved.issues.some((i) => i.code !== 'window_widened')
          ? undefined
          : {
              start: now.toMillis(),
              end: Math.min(now.toMillis() + DEFAULT_WINDOW_DAYS * DAY, horizon),
              zone,
              source: 'implied',
            };

  const horizonMonths = limit(ctx.seriesHorizonMonths, DEFAULT_SERIES_HORIZON_MONTHS);
  // A window no longer than one period of a series on no named day (`tuesday every week`, `monthly on the
  // 15th`, `le mardi toutes les deux semaines`) says where the first occurrence is, not where the series
  // ends (it would otherwise be a series of one).
  const bounds =
    !!resolved.said?.bounded &&
    (!!seriesDays ||
      !series ||
      DateTime.fromMillis(resolved.said.end, { zone }) >
        DateTime.fromMillis(resolved.said.start, { zone }).plus(periodOf(series.piece)));
  const resolvedSeries =
    series && window
      ? resolveRecurrence(series, input, DateTime.fromMillis(window.start, { zone }), now, horizonMonths, {
          // `every tuesday next month`: the window said bounds the series when no end was said.
          ...(bounds && resolved.said
            ? { bound: { end: DateTime.fromMillis(resolved.said.end, { zone }), text: resolved.said.text } }
            : {}),
          latestFirst: DateTime.fromMillis(window.end - 1, { zone }),
        })
      : undefined;
  const recurrence = resolvedSeries?.recurrence;
  if (recurrence && recurrence.end.source === 'implied')
    warnings.push(
      issue('series_end_implied', {
        text: recurrence.text,
        until: recurrence.until!,
        months: resolvedSeries?.months ?? horizonMonths,
      }),
    );

  if (recurrence && series?.exceptSaid !== undefined)
    warnings.push(issue('series_except_capped', { count: series.exceptSaid, max: MAX_SERIES_EXCEPT }));

  const request = {
    locale,
    participants,
    ...(duration ? { duration } : {}),
    ...(window ? { window } : {}),
    constraints: resolved.constraints,
    title,
    unrecognised: leftoverWords(
      unreadSeries.reduce(
        (text, s) => text.slice(0, s.start) + input.slice(s.start, s.end) + text.slice(s.end),
        masked,
      ),
      config,
    ),
    ...(timeZone ? { timeZone } : {}),
    ...(window ? { excluded: excludedWindows(resolved.exclusions, window) } : {}),
    ...(questions.length > 0 ? { questions } : {}),
    ...(recurrence ? { recurrence } : {}),
  };
  if (errors.length > 0 || !duration || !window) return fail(errors, request, warnings);
  return { ok: true, request: { ...request, duration, window }, warnings };
}

/** One period of a series (`every 2 weeks`: 2 weeks). */
const periodOf = (p: { readonly freq: 'DAILY' | 'WEEKLY' | 'MONTHLY'; readonly interval?: number }) => ({
  [p.freq === 'DAILY' ? 'days' : p.freq === 'WEEKLY' ? 'weeks' : 'months']: p.interval ?? 1,
});

/** Most days an exclusion is laid over: bounds the work for `except monday` over a long window. */
const MAX_EXCLUDED_DAYS = 400;
/** Most excluded windows kept (each slot is checked against them). */
const MAX_EXCLUDED_WINDOWS = 500;

/** The exclusions as instants inside the window: every such weekday, a time of day on each day… */
function excludedWindows(exclusions: readonly Exclusion[], window: ParsedWindow): ExcludedWindow[] {
  const out: ExcludedWindow[] = [];
  for (const e of exclusions) {
    if (out.length >= MAX_EXCLUDED_DAYS * 2) break;
    const text = e.text.trim();
    const daily = e.weekday !== undefined || (e.tod !== undefined && +e.start === +e.end);
    if (!daily && !e.tod) {
      out.push({ start: e.start.toMillis(), end: e.end.toMillis(), text });
      continue;
    }
    const first = DateTime.fromMillis(window.start, { zone: window.zone }).startOf('day');
    const from = daily ? first : e.start.setZone(window.zone).startOf('day');
    const to = daily ? window.end : e.end.toMillis();
    for (
      let i = 0, day = from;
      i < MAX_EXCLUDED_DAYS && day.toMillis() < to;
      i++, day = day.plus({ days: 1 })
    ) {
      if (e.weekday !== undefined && day.weekday !== e.weekday) continue;
      const start = e.tod ? day.plus({ minutes: e.tod.start }) : day;
      const end = e.tod ? day.plus({ minutes: e.tod.end }) : day.plus({ days: 1 });
      out.push({ start: start.toMillis(), end: end.toMillis(), text });
    }
  }
  return out
    .map((x) => ({ ...x, start: Math.max(x.start, window.start), end: Math.min(x.end, window.end) }))
    .filter((x) => x.end > x.start)
    .sort((a, b) => a.start - b.start)
    .slice(0, MAX_EXCLUDED_WINDOWS);
}

type IssueFactory = <C extends ParseErrorCode | ParseWarningCode>(
  code: C,
  params?: MessageParams,
) => ParseIssue<C>;

function readDuration(
  hits: ReturnType<typeof extractDurations>,
  config: LocaleConfig,
  issue: IssueFactory,
  errors: ParseError[],
): ParsedDuration | null {
  if (hits.length === 0) return { minutes: DEFAULT_DURATION_MINUTES, source: 'implied' };
  const values = new Set(hits.map((h) => h.minutes));
  if (values.size > 1) {
    errors.push({ ...issue('invalid_duration', { variant: 'several', list: hits.map((h) => h.text) }) });
    return null;
  }
  const hit = hits[0]!;
  const text = hit.text.trim();
  if (hit.minutes <= 0) {
    errors.push(issue('invalid_duration', { text }));
    return null;
  }
  if (hit.minutes > MAX_DURATION_MINUTES) {
    // `25h` may be a clock time (`à 25h`, French): the message may say so, in the languages where it reads so.
    const clock = config.compactClockTimes && /^\d{1,2}\s*h(?:\s*[0-5]\d)?$/iu.test(text);
    errors.push(
      issue('duration_too_long', {
        text,
        max: MAX_DURATION_MINUTES / 60,
        ...(clock ? { variant: 'clock' } : {}),
      }),
    );
    return null;
  }
  return { minutes: hit.minutes, source: 'said', text };
}
