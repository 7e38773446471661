/**
 * iCalendar (RFC 5545) expansion: VEVENT/VFREEBUSY text in, busy intervals for a range out. Titles,
 * descriptions and attendees are never read. Used by the ICS feed connector, the CalDAV connector
 * (recurrences are expanded client-side) and `convene expand`.
 *
 * Reading is liberal and per component: a line or a component that cannot be read becomes a warning
 * naming its UID and line, and the rest of the feed is still read. Accepted deviations: lowercase
 * names, a DATE written without `VALUE=DATE`, Google's trailing `;` in RRULE, unknown X- parameters
 * and parts, a component left open at the end of the calendar.
 *
 * Recurrences are expanded by our own engine (src/core/recurrence.ts, measured against the RFC 5545,
 * libical and python-dateutil vectors in test/fixtures/recurrence), on the wall clock of DTSTART's zone.
 * UNTIL in UTC is converted to that wall clock before comparing. Every series has a step budget and a
 * time budget, and the whole file has both too: a series that runs out is a warning, not a hang.
 *
 * Zone rules, in order, for a DATE-TIME value:
 *  1. `...Z` → UTC.
 *  2. `TZID=X` where X is a known IANA or Windows zone name (`resolveZone`, also old Mozilla
 *     "/mozilla.org/.../Europe/Berlin" ids) → the IANA tz database, via Luxon. Like Google Calendar and
 *     Thunderbird we prefer the maintained database over the file's `VTIMEZONE` copy of it.
 *  3. `TZID=X` with a custom name and a `VTIMEZONE` X in the file → that definition, via ical.js
 *     (RFC 5545 §3.2.19).
 *  4. No TZID (floating), or an unresolvable TZID (with a warning) → the floating zone: the calendar's
 *     `X-WR-TIMEZONE` if it names a known zone, else `options.defaultZone`, else UTC.
 * DATE values (all-day) are whole days in the floating zone.
 * Wall-clock times that do not exist (spring-forward gap) use the offset before the gap; times that
 * happen twice (fall-back) mean the first one.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.5
 */
import { performance } from 'node:perf_hooks';
import ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import type { Interval } from '../../core/interval.ts';
import { expandRule, parseDateValue, parseRule, type RecurrenceRule } from '../../core/recurrence.ts';
import { resolveZone } from '../time-zones.ts';
import { clipAndMerge } from './mapper.ts';

type IcalTimezone = InstanceType<typeof ICAL.Timezone>;

/**
 * The free/busy type of an interval (RFC 5545 §3.2.9 FBTYPE). A TENTATIVE event is BUSY-TENTATIVE,
 * Outlook's "out of office" BUSY-UNAVAILABLE.
 */
export type BusyType = 'BUSY' | 'BUSY-TENTATIVE' | 'BUSY-UNAVAILABLE';

export interface TypedInterval extends Interval {
  readonly type: BusyType;
}

export interface ExpandOptions {
  /** IANA zone for floating times and all-day dates when the calendar has no usable X-WR-TIMEZONE. Default UTC. */
  readonly defaultZone?: string;
  /** Steps (rule periods and candidates, including those before the range) per series before a warning. */
  readonly maxIterationsPerSeries?: number;
  /** Steps for the whole file before the remaining series are skipped with a warning. */
  readonly maxIterationsTotal?: number;
  /** Milliseconds one series may take before it is cut short with a warning. */
  readonly timeBudgetPerSeriesMs?: number;
  /** Milliseconds the whole file may take before the remaining components are skipped with a warning. */
  readonly timeBudgetTotalMs?: number;
  /** `free`: tentative events do not count as busy (a person's preference). Default `busy`. */
  readonly tentative?: 'busy' | 'free';
  /** Monotonic clock in ms (tests pin it). Default `performance.now`. */
  readonly clock?: () => number;
}

export type IcsErrorCode = 'not_icalendar' | 'parse_error' | 'invalid_range';

export type ExpandResult =
  | {
      readonly ok: true;
      /** Everything that blocks time, merged (tentative included unless `tentative: 'free'`). */
      readonly busy: Interval[];
      /** The same time split by free/busy type, each type merged on its own. */
      readonly intervals: TypedInterval[];
      readonly warnings: string[];
    }
  | { readonly ok: false; readonly error: { readonly code: IcsErrorCode; readonly message: string } };

export const DEFAULT_MAX_ITERATIONS_PER_SERIES = 200_000;
export const DEFAULT_MAX_ITERATIONS_TOTAL = 2_000_000;
export const DEFAULT_TIME_BUDGET_PER_SERIES_MS = 100;
export const DEFAULT_TIME_BUDGET_TOTAL_MS = 5_000;
/** `expandIcsAsync` gives the event loop a turn after this much work. */
const SLICE_MS = 10;

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Content lines and components (RFC 5545 §3.1), with line numbers for warnings.

interface Prop {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
  readonly line: number;
}

interface Comp {
  readonly name: string;
  readonly line: number;
  readonly props: Prop[];
  readonly children: Comp[];
  /** The raw unfolded lines, for handing a VTIMEZONE to ical.js. */
  readonly raw: string[];
}

const NO_PARAMS: ReadonlyMap<string, string> = new Map();

function parseContentLine(text: string, line: number): Prop | undefined {
  // NAME *(";" PARAM) ":" VALUE, where a parameter value may be quoted and contain ':' or ';'.
  let i = 0;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  if (i === 0) return undefined;
  const name = text.slice(0, i).toUpperCase();
  if (text[i] === ':') return { name, params: NO_PARAMS, value: text.slice(i + 1), line };
  const params = new Map<string, string>();
  while (text[i] === ';') {
    const nameStart = ++i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    if (i === nameStart || text[i] !== '=') return undefined;
    const paramName = text.slice(nameStart, i).toUpperCase();
    i++;
    const values: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        const close = text.indexOf('"', i + 1);
        if (close < 0) return undefined;
        values.push(text.slice(i + 1, close));
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < text.length && !'";:,'.includes(text[i]!)) i++;
        values.push(text.slice(valueStart, i));
      }
      if (text[i] !== ',') break;
      i++;
    }
    params.set(paramName, values.join(','));
  }
  if (text[i] !== ':') return undefined;
  return { name, params, value: text.slice(i + 1), line };
}

/** A-Z, a-z, 0-9 and '-' (RFC 5545 §3.1 name characters). */
function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
}

/** Raw lines are only kept for VTIMEZONE blocks (handed to ical.js); nothing else needs them. */
function keepRaw(stack: readonly Comp[], content: string): void {
  for (const open of stack) if (open.name === 'VTIMEZONE') open.raw.push(content);
}

interface Parsed {
  readonly calendars: Comp[];
  readonly truncated: boolean;
}

function parseComponents(text: string, warnings: string[]): Parsed {
  const physical = text.split(/\r\n|\n|\r/);
  const calendars: Comp[] = [];
  const stack: Comp[] = [];
  let truncated = false;
  const handle = (content: string, line: number) => {
    if (content.trim() === '') return;
    const prop = parseContentLine(content, line);
    if (!prop) {
      warnings.push(`line ${line}: not an iCalendar content line, ignored`);
      return;
    }
    const top = stack[stack.length - 1];
    if (prop.name === 'BEGIN') {
      const comp: Comp = { name: prop.value.trim().toUpperCase(), line, props: [], children: [], raw: [] };
      if (top) top.children.push(comp);
      else if (comp.name === 'VCALENDAR') calendars.push(comp);
      else {
        warnings.push(`line ${line}: BEGIN:${comp.name} outside a VCALENDAR, ignored`);
        return;
      }
      keepRaw(stack, content);
      if (comp.name === 'VTIMEZONE') comp.raw.push(content);
      stack.push(comp);
      return;
    }
    if (prop.name === 'END') {
      const name = prop.value.trim().toUpperCase();
      const index = stack.map((c) => c.name).lastIndexOf(name);
      if (index < 0) {
        warnings.push(`line ${line}: END:${name} without BEGIN, ignored`);
        return;
      }
      for (const open of stack.slice(index + 1))
        warnings.push(
          `line ${open.line}: BEGIN:${open.name} has no END:${open.name}; read up to line ${line}`,
        );
      keepRaw(stack, content);
      stack.length = index;
      return;
    }
    if (!top) return;
    keepRaw(stack, content);
    top.props.push(prop);
  };
  let current = '';
  let currentLine = 0;
  for (let n = 0; n < physical.length; n++) {
    const raw = physical[n]!;
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && currentLine > 0) {
      current += raw.slice(1);
      continue;
    }
    if (currentLine > 0) handle(current, currentLine);
    current = raw;
    currentLine = n + 1;
  }
  if (currentLine > 0) handle(current, currentLine);
  if (stack.length > 0) truncated = true;
  return { calendars, truncated };
}

const first = (comp: Comp, name: string) => comp.props.find((p) => p.name === name);
const all = (comp: Comp, name: string) => comp.props.filter((p) => p.name === name);

// ---------------------------------------------------------------------------------------------
// Zones and values.

/** How the wall-clock fields of a time become an instant. */
type ZoneRef =
  | { readonly kind: 'utc' }
  | { readonly kind: 'iana'; readonly zone: string }
  | { readonly kind: 'vtimezone'; readonly tz: IcalTimezone };

interface CalContext {
  readonly floatingZone: string;
  readonly vtimezones: ReadonlyMap<string, IcalTimezone>;
  readonly warnings: string[];
}

/** A DATE or DATE-TIME value: its wall time, whether it is a DATE, and the zone it is read in. */
interface TimeValue {
  readonly wall: number;
  readonly isDate: boolean;
  readonly ref: ZoneRef;
}

class ComponentError extends Error {}

/** TZID → IANA zone, memoised: checking a zone name builds an Intl formatter, far too slow per property. */
const tzidCache = new Map<string, string | null>();
function zoneFromTzid(tzid: string): string | undefined {
  const cached = tzidCache.get(tzid);
  if (cached !== undefined) return cached ?? undefined;
  const zone = lookUpTzid(tzid);
  if (tzidCache.size >= 1_000) tzidCache.clear();
  tzidCache.set(tzid, zone ?? null);
  return zone;
}

function lookUpTzid(tzid: string): string | undefined {
  const direct = resolveZone(tzid.replace(/^"|"$/g, ''));
  if (direct) return direct;
  // Old Mozilla/Lightning files prefix the Olson name: "/mozilla.org/20050126_1/Europe/Berlin".
  const olson = /([A-Za-z_]+\/[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)?)$/.exec(tzid)?.[1];
  return olson ? resolveZone(olson) : undefined;
}

function refFor(prop: Prop, utc: boolean, isDate: boolean, context: CalContext): ZoneRef {
  if (isDate) return { kind: 'iana', zone: context.floatingZone };
  if (utc) return { kind: 'utc' };
  const tzid = prop.params.get('TZID');
  if (tzid === undefined || tzid === '') return { kind: 'iana', zone: context.floatingZone };
  const zone = zoneFromTzid(tzid);
  if (zone) return { kind: 'iana', zone };
  const custom = context.vtimezones.get(tzid);
  if (custom) return { kind: 'vtimezone', tz: custom };
  warnOnce(
    context,
    `unknown TZID "${tzid}" without VTIMEZONE; its times are read in ${context.floatingZone}`,
  );
  return { kind: 'iana', zone: context.floatingZone };
}

function warnOnce(context: CalContext, message: string): void {
  if (!context.warnings.includes(message)) context.warnings.push(message);
}

/** One DATE/DATE-TIME (a DATE without `VALUE=DATE` is accepted too). */
function timeOf(prop: Prop, raw: string, context: CalContext): TimeValue {
  const parsed = parseDateValue(raw);
  if (!parsed)
    throw new ComponentError(
      `line ${prop.line}: ${prop.name} "${raw.slice(0, 40)}" is not a date or date-time`,
    );
  return { wall: parsed.wall, isDate: parsed.isDate, ref: refFor(prop, parsed.utc, parsed.isDate, context) };
}

function valuesOf(prop: Prop): string[] {
  return prop.value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const ianaZones = new Map<string, IANAZone>();
function iana(zoneName: string): IANAZone {
  let zone = ianaZones.get(zoneName);
  if (!zone) {
    zone = IANAZone.create(zoneName);
    ianaZones.set(zoneName, zone);
  }
  return zone;
}

/**
 * `wall` is the local date-time written as if it were UTC. Offsets a day either side bracket any
 * transition near it; a candidate is valid when the zone really has that offset at that instant.
 * Several valid → the earlier (first occurrence); none (a gap) → the offset before the gap.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.5
 */
export function wallClockToInstant(wall: number, zoneName: string): number {
  const before = offsetAt(zoneName, wall - DAY_MS);
  const after = offsetAt(zoneName, wall + DAY_MS);
  let best: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = wall - offset;
    if (offsetAt(zoneName, candidate) === offset && (best === undefined || candidate < best))
      best = candidate;
  }
  return best ?? wall - before;
}

/**
 * The zone's UTC offset in ms at an instant. Luxon asks Intl each time (microseconds a call), so the
 * offset is cached per zone and UTC day when it is the same at both ends of the day (no transition
 * that day); days with a transition ask Luxon for the exact instant.
 */
const offsetCache = new Map<string, Map<number, number>>();
function offsetAt(zoneName: string, instant: number): number {
  let cache = offsetCache.get(zoneName);
  if (!cache) {
    cache = new Map();
    offsetCache.set(zoneName, cache);
  }
  // Keys: month index m ≥ 0 for a whole 32-day block, -1 - day for a single day.
  const block = Math.floor(instant / BLOCK_MS);
  let offset = cache.get(block);
  if (offset === undefined) {
    offset = uniformOffset(zoneName, block * BLOCK_MS, BLOCK_MS, 4);
    remember(cache, block, offset);
  }
  if (!Number.isNaN(offset)) return offset;
  const day = Math.floor(instant / DAY_MS);
  let dayOffset = cache.get(-1 - day);
  if (dayOffset === undefined) {
    dayOffset = uniformOffset(zoneName, day * DAY_MS, DAY_MS, 1);
    remember(cache, -1 - day, dayOffset);
  }
  return Number.isNaN(dayOffset) ? iana(zoneName).offset(instant) * 60_000 : dayOffset;
}

/** 32-day blocks: no zone changes its offset and back within a quarter of one. */
const BLOCK_MS = 32 * DAY_MS;

/** The offset over [from, from + length) if it is the same at `parts` + 1 evenly spaced points, else NaN. */
function uniformOffset(zoneName: string, from: number, length: number, parts: number): number {
  const zone = iana(zoneName);
  const first = zone.offset(from);
  for (let i = 1; i <= parts; i++) {
    if (zone.offset(from + Math.min(length - 1, (i * length) / parts)) !== first) return Number.NaN;
  }
  return first * 60_000;
}

function remember(cache: Map<number, number>, key: number, offset: number): void {
  if (cache.size >= 100_000) cache.clear();
  cache.set(key, offset);
}

function toInstant(wall: number, ref: ZoneRef): number {
  if (ref.kind === 'utc') return wall;
  if (ref.kind === 'iana') return wallClockToInstant(wall, ref.zone);
  const d = new Date(wall);
  const time = new ICAL.Time(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      isDate: false,
    },
    ref.tz,
  );
  return time.toUnixTime() * 1000;
}

/** Instant → wall clock in a zone (unique, unlike the other way). */
function toWall(instant: number, ref: ZoneRef): number {
  if (ref.kind === 'utc') return instant;
  if (ref.kind === 'iana') return instant + offsetAt(ref.zone, instant);
  const time = ICAL.Time.epochTime.clone();
  time.fromUnixTime(Math.floor(instant / 1000));
  const local = time.convertToZone(ref.tz);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

interface Duration {
  readonly days: number;
  readonly exactMs: number;
}

/** RFC 5545 §3.3.6: weeks and days are nominal (wall-clock days), hours/minutes/seconds exact. */
function parseDuration(text: string): Duration | undefined {
  const m = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text.trim());
  if (!m || text.trim().length <= 2) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  return {
    days: sign * (Number(m[2] ?? 0) * 7 + Number(m[3] ?? 0)),
    exactMs: sign * ((Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0)) * 1000,
  };
}

// ---------------------------------------------------------------------------------------------
// Expansion.

interface Budget {
  steps: number;
  readonly deadline: number;
  readonly clock: () => number;
}

interface Settings {
  readonly range: Interval;
  readonly maxPerSeries: number;
  readonly timePerSeries: number;
  readonly tentativeFree: boolean;
}

/**
 * The whole expansion as a generator that yields between components, so the async form can give
 * the event loop a turn and the sync form can run it to the end.
 */
function* expandSteps(
  text: string,
  range: Interval,
  options: ExpandOptions,
  unmerged = false,
): Generator<void, ExpandResult, void> {
  if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.end <= range.start) {
    return fail('invalid_range', 'the range must have a finite start before its end');
  }
  if (!/^BEGIN:VCALENDAR\s*$/im.test(text)) {
    return fail('not_icalendar', 'not an iCalendar file (no BEGIN:VCALENDAR)');
  }
  const defaultZone = options.defaultZone ?? 'UTC';
  const floatingDefault = zoneFromTzid(defaultZone);
  if (!floatingDefault || !resolveZone(defaultZone))
    return fail('invalid_range', `unknown default zone "${defaultZone}"`);
  const warnings: string[] = [];
  const { calendars, truncated } = parseComponents(text, warnings);
  if (truncated && !/^END:VCALENDAR\s*$/im.test(text)) {
    return fail(
      'parse_error',
      'not a valid iCalendar file: it is cut off (BEGIN:VCALENDAR without END:VCALENDAR)',
    );
  }
  const clock = options.clock ?? (() => performance.now());
  const budget: Budget = {
    steps: options.maxIterationsTotal ?? DEFAULT_MAX_ITERATIONS_TOTAL,
    deadline: clock() + (options.timeBudgetTotalMs ?? DEFAULT_TIME_BUDGET_TOTAL_MS),
    clock,
  };
  const settings: Settings = {
    range,
    maxPerSeries: options.maxIterationsPerSeries ?? DEFAULT_MAX_ITERATIONS_PER_SERIES,
    timePerSeries: options.timeBudgetPerSeriesMs ?? DEFAULT_TIME_BUDGET_PER_SERIES_MS,
    tentativeFree: options.tentative === 'free',
  };
  const instances: TypedInterval[] = [];
  for (const calendar of calendars) {
    const context: CalContext = {
      floatingZone: calendarZone(calendar, warnings) ?? floatingDefault,
      vtimezones: vtimezonesOf(calendar, warnings),
      warnings,
    };
    yield* expandCalendar(calendar, context, settings, budget, instances);
  }
  if (unmerged) {
    const sorted = [...instances].sort((a, b) => a.start - b.start || a.end - b.end);
    return { ok: true, busy: [], intervals: sorted, warnings };
  }
  const busy = clipAndMerge(
    instances.filter((i) => !(settings.tentativeFree && i.type === 'BUSY-TENTATIVE')),
    range,
  );
  const typed: TypedInterval[] = [];
  for (const type of ['BUSY', 'BUSY-UNAVAILABLE', 'BUSY-TENTATIVE'] as const) {
    for (const iv of clipAndMerge(
      instances.filter((i) => i.type === type),
      range,
    ))
      typed.push({ ...iv, type });
  }
  typed.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ok: true, busy, intervals: typed, warnings };
}

/** Expands synchronously. Bounded by the step and time budgets; prefer `expandIcsAsync` on a server. */
export function expandIcs(text: string, range: Interval, options: ExpandOptions = {}): ExpandResult {
  const steps = expandSteps(text, range, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Every instance on its own (not clipped, not merged) in `intervals`; `busy` is empty. For tests and tools. */
export function expandIcsInstances(text: string, range: Interval, options: ExpandOptions = {}): ExpandResult {
  const steps = expandSteps(text, range, options, true);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Same result as `expandIcs`, giving the event loop a turn whenever about 10 ms of work has run,
 * so one large or hostile feed never stalls other requests. An aborted `signal` rejects with its reason.
 */
export async function expandIcsAsync(
  text: string,
  range: Interval,
  options: ExpandOptions & { readonly signal?: AbortSignal } = {},
): Promise<ExpandResult> {
  const steps = expandSteps(text, range, options);
  let sliceStart = performance.now();
  for (;;) {
    // A caller that gave up (its read timed out) stops the work too, at the next component.
    options.signal?.throwIfAborted();
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

function fail(code: IcsErrorCode, message: string): ExpandResult {
  return { ok: false, error: { code, message } };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? 'unknown error';
}

/**
 * Apple and Google feeds name the calendar's zone in X-WR-TIMEZONE; Apple writes floating times meaning it.
 * @see https://github.com/niccokunzmann/x-wr-timezone (the de-facto semantics of this non-standard property)
 */
function calendarZone(calendar: Comp, warnings: string[]): string | undefined {
  const name = first(calendar, 'X-WR-TIMEZONE')?.value.trim();
  if (!name) return undefined;
  const zone = zoneFromTzid(name);
  if (!zone)
    warnings.push(`X-WR-TIMEZONE "${name}" is not a known zone; floating times use the default zone`);
  return zone;
}

/** VTIMEZONE definitions, read by ical.js one by one (a bad one is a warning). */
function vtimezonesOf(calendar: Comp, warnings: string[]): Map<string, IcalTimezone> {
  const out = new Map<string, IcalTimezone>();
  for (const vtz of calendar.children.filter((c) => c.name === 'VTIMEZONE')) {
    const tzid = first(vtz, 'TZID')?.value.trim();
    if (!tzid || zoneFromTzid(tzid)) continue; // known names use the tz database (rule 2)
    try {
      const component = new ICAL.Component(ICAL.parse(vtz.raw.join('\r\n')) as never);
      out.set(tzid, new ICAL.Timezone(component));
    } catch (error) {
      warnings.push(`line ${vtz.line}: VTIMEZONE "${tzid}" cannot be read: ${firstLine(error)}`);
    }
  }
  return out;
}

function uidOf(comp: Comp): string {
  return first(comp, 'UID')?.value.trim() || '?';
}

/**
 * The free/busy type of an event, or undefined when it does not block time.
 * TRANSP:TRANSPARENT (free) and STATUS:CANCELLED do not block time; STATUS:TENTATIVE is BUSY-TENTATIVE.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.2.7
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.1.11
 * @see https://learn.microsoft.com/openspecs/exchange_server_protocols/ms-oxcical/cd68eae7-ed65-4dd3-8ea7-ad585c76c736 (X-MICROSOFT-CDO-BUSYSTATUS)
 */
function busyTypeOf(event: Comp): BusyType | undefined {
  const status = (first(event, 'STATUS')?.value ?? '').trim().toUpperCase();
  if (status === 'CANCELLED') return undefined;
  const transp = (first(event, 'TRANSP')?.value ?? '').trim().toUpperCase();
  if (transp === 'TRANSPARENT') return undefined;
  const outlook = (first(event, 'X-MICROSOFT-CDO-BUSYSTATUS')?.value ?? '').trim().toUpperCase();
  if (outlook === 'FREE') return undefined;
  if (outlook === 'OOF') return 'BUSY-UNAVAILABLE';
  if (outlook === 'TENTATIVE' || status === 'TENTATIVE') return 'BUSY-TENTATIVE';
  return 'BUSY';
}

function* expandCalendar(
  calendar: Comp,
  context: CalContext,
  settings: Settings,
  budget: Budget,
  out: TypedInterval[],
): Generator<void, void, void> {
  const events = calendar.children.filter((c) => c.name === 'VEVENT');
  let skipped = 0;
  const outOfBudget = () => budget.steps <= 0 || budget.clock() > budget.deadline;
  // RECURRENCE-ID overrides replace the instance of their series at that original start.
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.4.4
  const overridden = new Map<string, Set<number>>();
  for (const event of events) {
    const recurrenceId = first(event, 'RECURRENCE-ID');
    if (!recurrenceId) continue;
    const uid = uidOf(event);
    try {
      const original = timeOf(recurrenceId, recurrenceId.value.trim(), context);
      if (recurrenceId.params.get('RANGE')) {
        context.warnings.push(`UID ${uid}: RANGE=THISANDFUTURE overrides are applied to one instance only`);
      }
      let set = overridden.get(uid);
      if (!set) {
        set = new Set();
        overridden.set(uid, set);
      }
      // A DATE RECURRENCE-ID (even against a DATE-TIME series, a common slip) names its whole local day.
      set.add(original.isDate ? dayKeyOf(original.wall) : toInstant(original.wall, original.ref));
      const type = busyTypeOf(event);
      if (type) {
        const single = singleInstance(event, context);
        if (single) out.push({ ...single, type });
      }
    } catch (error) {
      componentWarning(context, event, error);
    }
    yield;
  }
  for (const event of events) {
    if (first(event, 'RECURRENCE-ID')) continue;
    if (outOfBudget()) {
      skipped++;
      continue;
    }
    // A cancelled or free master contributes nothing, but its overrides (handled above) may still be busy.
    const type = busyTypeOf(event);
    if (!type) continue;
    try {
      for (const iv of expandSeries(
        event,
        overridden.get(uidOf(event)) ?? new Set(),
        context,
        settings,
        budget,
      ))
        out.push({ ...iv, type });
    } catch (error) {
      componentWarning(context, event, error);
    }
    yield;
  }
  for (const fb of calendar.children.filter((c) => c.name === 'VFREEBUSY')) {
    try {
      out.push(...freeBusyOf(fb, context));
    } catch (error) {
      componentWarning(context, fb, error);
    }
    yield;
  }
  if (skipped > 0) {
    context.warnings.push(
      `${skipped} event${skipped === 1 ? '' : 's'} not read: the time or work limit for this calendar was reached`,
    );
  }
}

function componentWarning(context: CalContext, comp: Comp, error: unknown): void {
  const where = error instanceof ComponentError ? '' : ` (line ${comp.line})`;
  context.warnings.push(`UID ${uidOf(comp)}${where}: skipped, cannot be read: ${firstLine(error)}`);
}

/** Each FREEBUSY period with its FBTYPE (default BUSY); FREE periods are left out. §3.8.2.6 */
function freeBusyOf(fb: Comp, context: CalContext): TypedInterval[] {
  const out: TypedInterval[] = [];
  for (const prop of all(fb, 'FREEBUSY')) {
    const fbtype = (prop.params.get('FBTYPE') ?? 'BUSY').toUpperCase();
    if (fbtype === 'FREE') continue;
    const type: BusyType =
      fbtype === 'BUSY-TENTATIVE'
        ? 'BUSY-TENTATIVE'
        : fbtype === 'BUSY-UNAVAILABLE'
          ? 'BUSY-UNAVAILABLE'
          : 'BUSY';
    for (const value of valuesOf(prop)) {
      const period = periodOf(prop, value, context);
      if (period.end > period.start) out.push({ ...period, type });
    }
  }
  return out;
}

function periodOf(prop: Prop, value: string, context: CalContext): Interval {
  const [startText, endText] = value.split('/');
  if (!startText || !endText)
    throw new ComponentError(`line ${prop.line}: "${value.slice(0, 40)}" is not a period`);
  const start = timeOf(prop, startText, context);
  const startMs = toInstant(start.wall, start.ref);
  const duration = parseDuration(endText);
  if (duration)
    return {
      start: startMs,
      end: toInstant(start.wall + duration.days * DAY_MS, start.ref) + duration.exactMs,
    };
  const end = timeOf(prop, endText, context);
  return { start: startMs, end: toInstant(end.wall, end.ref) };
}

/** How long each instance lasts: whole (nominal) days on the wall clock plus an exact part in ms. */
function lengthOf(event: Comp, start: TimeValue, context: CalContext): Duration {
  const dtend = first(event, 'DTEND');
  if (dtend) {
    const end = timeOf(dtend, dtend.value.trim(), context);
    if (start.isDate) return { days: Math.max(0, Math.round((end.wall - start.wall) / DAY_MS)), exactMs: 0 };
    const ms = toInstant(end.wall, end.ref) - toInstant(start.wall, start.ref);
    return { days: 0, exactMs: Math.max(0, ms) };
  }
  const durationProp = first(event, 'DURATION');
  if (durationProp) {
    const duration = parseDuration(durationProp.value);
    if (!duration)
      throw new ComponentError(
        `line ${durationProp.line}: DURATION "${durationProp.value.slice(0, 40)}" is not a duration`,
      );
    return duration.days < 0 || duration.exactMs < 0 ? { days: 0, exactMs: 0 } : duration;
  }
  // Neither DTEND nor DURATION: a DATE start lasts one day, a DATE-TIME start takes no time.
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.6.1
  return start.isDate ? { days: 1, exactMs: 0 } : { days: 0, exactMs: 0 };
}

function instanceAt(wall: number, ref: ZoneRef, length: Duration): Interval {
  const start = toInstant(wall, ref);
  const end = length.days > 0 ? toInstant(wall + length.days * DAY_MS, ref) : start;
  return { start, end: end + length.exactMs };
}

function dtstartOf(event: Comp, context: CalContext): TimeValue {
  const dtstart = first(event, 'DTSTART');
  if (!dtstart) throw new ComponentError(`line ${event.line}: VEVENT without DTSTART`);
  return timeOf(dtstart, dtstart.value.trim(), context);
}

function singleInstance(event: Comp, context: CalContext): Interval | undefined {
  const start = dtstartOf(event, context);
  return instanceAt(start.wall, start.ref, lengthOf(event, start, context));
}

/** A number that cannot collide with an instant: DATE exclusions and overrides match by local day. */
const dayKeyOf = (wall: number) => -1 - Math.floor(wall / DAY_MS);

function expandSeries(
  event: Comp,
  overridden: ReadonlySet<number>,
  context: CalContext,
  settings: Settings,
  budget: Budget,
): Interval[] {
  const uid = uidOf(event);
  const start = dtstartOf(event, context);
  const length = lengthOf(event, start, context);
  const { range } = settings;
  const rrules = all(event, 'RRULE');
  const rdates = all(event, 'RDATE');
  const out: Interval[] = [];
  const keep = (instance: Interval) => {
    if (instance.end > range.start && instance.start < range.end && instance.end > instance.start)
      out.push(instance);
  };
  if (rrules.length === 0 && rdates.length === 0) {
    const startMs = toInstant(start.wall, start.ref);
    if (!overridden.has(startMs)) keep(instanceAt(start.wall, start.ref, length));
    return out;
  }

  // EXDATE removes instances; matched by instant, or by local date when the EXDATE is a DATE.
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.1
  const excluded = new Set<number>();
  for (const exdate of all(event, 'EXDATE')) {
    for (const value of valuesOf(exdate)) {
      try {
        const time = timeOf(exdate, value, context);
        if (time.isDate && !start.isDate) excluded.add(dayKeyOf(time.wall));
        else excluded.add(toInstant(time.wall, time.ref));
      } catch (error) {
        context.warnings.push(`UID ${uid}: ${firstLine(error)}; that exclusion is ignored`);
      }
    }
  }
  const seen = new Set<number>();
  const consider = (wall: number, ref: ZoneRef, explicitEnd?: number) => {
    const startMs = toInstant(wall, ref);
    if (seen.has(startMs)) return;
    seen.add(startMs);
    const day = dayKeyOf(wall);
    if (excluded.has(startMs) || excluded.has(day) || overridden.has(startMs) || overridden.has(day)) return;
    keep(explicitEnd === undefined ? instanceAt(wall, ref, length) : { start: startMs, end: explicitEnd });
  };

  // RDATE adds instances: DATE, DATE-TIME or PERIOD (a PERIOD carries its own end).
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.2
  for (const rdate of rdates) {
    for (const value of valuesOf(rdate)) {
      try {
        if (value.includes('/')) {
          const period = periodOf(rdate, value, context);
          const [startText] = value.split('/');
          const time = timeOf(rdate, startText!, context);
          consider(time.wall, time.ref, period.end);
        } else {
          const time = timeOf(rdate, value, context);
          consider(time.wall, time.ref);
        }
      } catch (error) {
        context.warnings.push(`UID ${uid}: ${firstLine(error)}; that date is ignored`);
      }
    }
  }

  // DTSTART is always the first instance of the set, even if the rules would not produce it.
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.3
  consider(start.wall, start.ref);
  const lengthMs = length.days * DAY_MS + length.exactMs;
  for (const rrule of rrules) {
    const parsed = parseRule(rrule.value);
    if (!parsed.ok) throw new ComponentError(`line ${rrule.line}: RRULE cannot be read: ${parsed.error}`);
    const rule = parsed.rule;
    const seriesDeadline = Math.min(budget.deadline, budget.clock() + settings.timePerSeries);
    const maxSteps = Math.min(settings.maxPerSeries, Math.max(0, budget.steps));
    // Wall-clock window: the range widened by the zone's offset (≤ 1 day) and the instance length.
    const fromWall = range.start - lengthMs - 2 * DAY_MS;
    const result = expandRule(rule, {
      start: start.wall,
      isDate: start.isDate,
      untilWall: untilWall(rule, start),
      fromWall,
      toWall: range.end + 2 * DAY_MS,
      maxSteps,
      shouldStop: () => budget.clock() > seriesDeadline,
    });
    budget.steps -= result.steps;
    let exhausted = result.exhausted;
    for (let i = 0; i < result.instances.length; i++) {
      const wall = result.instances[i]!;
      if (toInstant(wall, start.ref) >= range.end) break;
      consider(wall, start.ref);
      if ((i & 4095) === 4095 && budget.clock() > seriesDeadline) {
        exhausted = 'time';
        break;
      }
    }
    if (exhausted) {
      context.warnings.push(
        `UID ${uid} (line ${rrule.line}): stopped expanding, the ${exhausted === 'steps' ? 'work' : 'time'} limit for one series was reached; later instances are missing`,
      );
    }
  }
  return out;
}

/**
 * UNTIL as a wall time in DTSTART's zone. A UTC UNTIL is an instant: converting it to the zone's wall
 * clock keeps the comparison exact even across DST (RFC 5545 §3.3.10). A DATE UNTIL includes that day.
 */
function untilWall(rule: RecurrenceRule, start: TimeValue): number | undefined {
  const until = rule.until;
  if (!until) return undefined;
  if (until.isDate) return until.wall + DAY_MS - 1;
  if (until.utc) return toWall(until.wall, start.ref);
  return until.wall;
}
