/**
 * Pure iCalendar (RFC 5545) expansion: VEVENT text in, busy intervals for a range out. Titles,
 * descriptions and attendees are never read. Used by the ICS feed connector, the CalDAV connector
 * (recurrences are expanded client-side) and `convene expand`.
 *
 * Zone rules, in order, for a DATE-TIME value:
 *  1. `...Z` → UTC.
 *  2. `TZID=X` where X is a known IANA or Windows zone name (`resolveZone`, also old Mozilla
 *     "/mozilla.org/.../Europe/Berlin" ids) → the IANA tz database, via Luxon. Like Google Calendar and
 *     Thunderbird we prefer the maintained database over the file's `VTIMEZONE` copy of it.
 *  3. `TZID=X` with a custom name and a `VTIMEZONE` X in the file → that definition, via ical.js
 *     (RFC 5545 §3.2.19). ical.js resolves DST gaps/overlaps its own way (see README).
 *  4. No TZID (floating), or an unresolvable TZID (with a warning) → the floating zone: the calendar's
 *     `X-WR-TIMEZONE` if it names a known zone, else `options.defaultZone`, else UTC.
 * DATE values (all-day) are whole days in the floating zone.
 * Wall-clock times that do not exist (spring-forward gap) use the offset before the gap; times that
 * happen twice (fall-back) mean the first one.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.5
 */
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import type { Interval } from '../../core/interval.ts';
import { resolveZone } from '../time-zones.ts';
import { clipAndMerge } from './mapper.ts';

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;
type Time = InstanceType<typeof ICAL.Time>;
type Duration = InstanceType<typeof ICAL.Duration>;
type Period = InstanceType<typeof ICAL.Period>;
type Recur = InstanceType<typeof ICAL.Recur>;

export interface ExpandOptions {
  /** IANA zone for floating times and all-day dates when the calendar has no usable X-WR-TIMEZONE. Default UTC. */
  readonly defaultZone?: string;
  /** Recurrence steps per series (including those before the range) before giving up with a warning. */
  readonly maxIterationsPerSeries?: number;
  /** Recurrence steps for the whole file before giving up with a warning. */
  readonly maxIterationsTotal?: number;
}

export type IcsErrorCode = 'not_icalendar' | 'parse_error' | 'invalid_range';

export type ExpandResult =
  | { readonly ok: true; readonly busy: Interval[]; readonly warnings: string[] }
  | { readonly ok: false; readonly error: { readonly code: IcsErrorCode; readonly message: string } };

export const DEFAULT_MAX_ITERATIONS_PER_SERIES = 50_000;
export const DEFAULT_MAX_ITERATIONS_TOTAL = 1_000_000;

/** How the wall-clock fields of a time become an instant. */
type ZoneRef =
  | { readonly kind: 'ical' } // UTC or a VTIMEZONE from the file: ical.js knows the offsets
  | { readonly kind: 'iana'; readonly zone: string }; // wall clock in an IANA zone, computed by Luxon

interface Context {
  readonly range: Interval;
  readonly floatingZone: string;
  readonly warnings: string[];
  readonly maxPerSeries: number;
  budget: number;
}

export function expandIcs(text: string, range: Interval, options: ExpandOptions = {}): ExpandResult {
  if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.end <= range.start) {
    return fail('invalid_range', 'the range must have a finite start before its end');
  }
  if (!/^BEGIN:VCALENDAR\s*$/im.test(text)) {
    return fail('not_icalendar', 'not an iCalendar file (no BEGIN:VCALENDAR)');
  }
  const defaultZone = options.defaultZone ?? 'UTC';
  if (!resolveZone(defaultZone)) return fail('invalid_range', `unknown default zone "${defaultZone}"`);

  let roots: Component[];
  try {
    const parsed: unknown = ICAL.parse(text);
    // ical.js returns one jCal array for one VCALENDAR, an array of them for several.
    const jcals = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed];
    roots = jcals.map((jcal) => new ICAL.Component(jcal as never));
  } catch (error) {
    return fail('parse_error', `not a valid iCalendar file: ${firstLine(error)}`);
  }

  const warnings: string[] = [];
  const instances: Interval[] = [];
  let budget = options.maxIterationsTotal ?? DEFAULT_MAX_ITERATIONS_TOTAL;
  for (const root of roots) {
    if (root.name !== 'vcalendar') continue;
    const context: Context = {
      range,
      floatingZone: calendarZone(root, warnings) ?? resolveZone(defaultZone)!,
      warnings,
      maxPerSeries: options.maxIterationsPerSeries ?? DEFAULT_MAX_ITERATIONS_PER_SERIES,
      budget,
    };
    instances.push(...expandCalendar(root, context));
    budget = context.budget;
  }
  return { ok: true, busy: clipAndMerge(instances, range), warnings };
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
function calendarZone(root: Component, warnings: string[]): string | undefined {
  const name = root.getFirstPropertyValue('x-wr-timezone');
  if (typeof name !== 'string' || name === '') return undefined;
  const zone = zoneFromTzid(name);
  if (!zone)
    warnings.push(`X-WR-TIMEZONE "${name}" is not a known zone; floating times use the default zone`);
  return zone;
}

function zoneFromTzid(tzid: string): string | undefined {
  const direct = resolveZone(tzid.replace(/^"|"$/g, ''));
  if (direct) return direct;
  // Old Mozilla/Lightning files prefix the Olson name: "/mozilla.org/20050126_1/Europe/Berlin".
  const olson = /([A-Za-z_]+\/[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)?)$/.exec(tzid)?.[1];
  return olson ? resolveZone(olson) : undefined;
}

function expandCalendar(root: Component, context: Context): Interval[] {
  const events = root.getAllSubcomponents('vevent');
  // RECURRENCE-ID overrides replace the instance of their series at that original start.
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.4.4
  const overridden = new Map<string, Set<number>>();
  const out: Interval[] = [];
  for (const event of events) {
    const recurrenceId = event.getFirstProperty('recurrence-id');
    if (!recurrenceId) continue;
    const uid = String(event.getFirstPropertyValue('uid') ?? '');
    const original = recurrenceId.getFirstValue() as Time | null;
    if (!original) continue;
    if (recurrenceId.getParameter('range')) {
      context.warnings.push(`UID ${uid}: RANGE=THISANDFUTURE overrides are applied to one instance only`);
    }
    const originalMs = toInstant(original, zoneOf(recurrenceId, original, context), context);
    let set = overridden.get(uid);
    if (!set) {
      set = new Set();
      overridden.set(uid, set);
    }
    set.add(originalMs);
    if (isBusy(event)) {
      const single = singleInstance(event, context);
      if (single) out.push(single);
    }
  }
  for (const event of events) {
    if (event.getFirstProperty('recurrence-id')) continue;
    const uid = String(event.getFirstPropertyValue('uid') ?? '');
    // A cancelled or free master contributes nothing, but its overrides (handled above) may still be busy.
    if (!isBusy(event)) continue;
    try {
      out.push(...expandSeries(event, overridden.get(uid) ?? new Set(), context));
    } catch (error) {
      context.warnings.push(`UID ${uid}: skipped, cannot expand: ${firstLine(error)}`);
    }
  }
  return out;
}

/**
 * TRANSP:TRANSPARENT (free) and STATUS:CANCELLED do not block time.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.2.7
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.1.11
 */
function isBusy(event: Component): boolean {
  const status = String(event.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return false;
  const transp = String(event.getFirstPropertyValue('transp') ?? '').toUpperCase();
  if (transp === 'TRANSPARENT') return false;
  // Outlook marks "show as free" with its own property (TRANSP is usually set too).
  // @see https://learn.microsoft.com/openspecs/exchange_server_protocols/ms-oxcical/cd68eae7-ed65-4dd3-8ea7-ad585c76c736 (X-MICROSOFT-CDO-BUSYSTATUS)
  const busyStatus = String(event.getFirstPropertyValue('x-microsoft-cdo-busystatus') ?? '').toUpperCase();
  return busyStatus !== 'FREE';
}

function zoneOf(property: Property, time: Time, context: Context): ZoneRef {
  if (time.isDate) return { kind: 'iana', zone: context.floatingZone };
  if (time.zone === ICAL.Timezone.utcTimezone || time.zone?.tzid === 'UTC') return { kind: 'ical' };
  const tzid = property.getParameter('tzid');
  if (typeof tzid !== 'string' || tzid === '') return { kind: 'iana', zone: context.floatingZone };
  const zone = zoneFromTzid(tzid);
  if (zone) return { kind: 'iana', zone };
  // ical.js resolved TZID against a VTIMEZONE in the file; otherwise it left the time floating.
  if (time.zone && time.zone !== ICAL.Timezone.localTimezone && time.zone.tzid === tzid)
    return { kind: 'ical' };
  warnOnce(
    context,
    `unknown TZID "${tzid}" without VTIMEZONE; its times are read in ${context.floatingZone}`,
  );
  return { kind: 'iana', zone: context.floatingZone };
}

function warnOnce(context: Context, message: string): void {
  if (!context.warnings.includes(message)) context.warnings.push(message);
}

/** Wall clock → epoch ms (see the module comment for gaps and overlaps). */
function toInstant(time: Time, ref: ZoneRef, _context: Context): number {
  if (ref.kind === 'ical') return time.toUnixTime() * 1000;
  const wall = Date.UTC(
    time.year,
    time.month - 1,
    time.day,
    time.isDate ? 0 : time.hour,
    time.isDate ? 0 : time.minute,
    time.isDate ? 0 : time.second,
  );
  return wallClockToInstant(wall, ref.zone);
}

const ianaZones = new Map<string, IANAZone>();

/**
 * `wall` is the local date-time written as if it were UTC. Offsets a day either side bracket any
 * transition near it; a candidate is valid when the zone really has that offset at that instant.
 * Several valid → the earlier (first occurrence); none (a gap) → the offset before the gap.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.5
 */
export function wallClockToInstant(wall: number, zoneName: string): number {
  let zone = ianaZones.get(zoneName);
  if (!zone) {
    zone = IANAZone.create(zoneName);
    ianaZones.set(zoneName, zone);
  }
  const before = zone.offset(wall - DAY_MS) * 60_000;
  const after = zone.offset(wall + DAY_MS) * 60_000;
  let best: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = wall - offset;
    if (zone.offset(candidate) * 60_000 === offset && (best === undefined || candidate < best))
      best = candidate;
  }
  return best ?? wall - before;
}

const DAY_MS = 86_400_000;

/** How long each instance lasts: whole (nominal) days on the wall clock plus an exact part in ms. */
interface Length {
  readonly days: number;
  readonly exactMs: number;
}

function lengthOf(event: Component, start: Time, startRef: ZoneRef, context: Context): Length {
  const dtend = event.getFirstProperty('dtend');
  const endValue = dtend?.getFirstValue() as Time | null | undefined;
  if (dtend && endValue) {
    if (start.isDate) {
      // All-day: DTEND is the exclusive end date.
      return { days: Math.max(0, daysBetween(start, endValue)), exactMs: 0 };
    }
    const startMs = toInstant(start, startRef, context);
    const endMs = toInstant(endValue, zoneOf(dtend, endValue, context), context);
    return { days: 0, exactMs: Math.max(0, endMs - startMs) };
  }
  const duration = event.getFirstPropertyValue('duration') as Duration | null;
  if (duration) {
    // DURATION days/weeks are nominal (same wall-clock time), hours/minutes/seconds exact.
    // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.6
    const sign = duration.isNegative ? -1 : 1;
    const days = sign * (duration.weeks * 7 + duration.days);
    const exactMs = sign * ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
    return days < 0 || exactMs < 0 ? { days: 0, exactMs: 0 } : { days, exactMs };
  }
  // Neither DTEND nor DURATION: a DATE start lasts one day, a DATE-TIME start takes no time.
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.6.1
  return start.isDate ? { days: 1, exactMs: 0 } : { days: 0, exactMs: 0 };
}

function daysBetween(start: Time, end: Time): number {
  const a = Date.UTC(start.year, start.month - 1, start.day);
  const b = Date.UTC(end.year, end.month - 1, end.day);
  return Math.round((b - a) / 86_400_000);
}

function instanceAt(start: Time, ref: ZoneRef, length: Length, context: Context): Interval {
  const startMs = toInstant(start, ref, context);
  let endMs = startMs;
  if (length.days > 0) {
    const end = start.clone();
    end.adjust(length.days, 0, 0, 0);
    endMs = toInstant(end, ref, context);
  }
  return { start: startMs, end: endMs + length.exactMs };
}

function singleInstance(event: Component, context: Context): Interval | undefined {
  const dtstart = event.getFirstProperty('dtstart');
  const start = dtstart?.getFirstValue() as Time | null | undefined;
  if (!dtstart || !start) {
    context.warnings.push(`UID ${event.getFirstPropertyValue('uid') ?? '?'}: VEVENT without DTSTART skipped`);
    return undefined;
  }
  const ref = zoneOf(dtstart, start, context);
  return instanceAt(start, ref, lengthOf(event, start, ref, context), context);
}

function expandSeries(event: Component, overridden: ReadonlySet<number>, context: Context): Interval[] {
  const uid = String(event.getFirstPropertyValue('uid') ?? '?');
  const dtstart = event.getFirstProperty('dtstart');
  const start = dtstart?.getFirstValue() as Time | null | undefined;
  if (!dtstart || !start) {
    context.warnings.push(`UID ${uid}: VEVENT without DTSTART skipped`);
    return [];
  }
  const ref = zoneOf(dtstart, start, context);
  const length = lengthOf(event, start, ref, context);
  const rrules = event.getAllProperties('rrule');
  const rdates = event.getAllProperties('rdate');
  const out: Interval[] = [];
  const keep = (instance: Interval) => {
    if (
      instance.end > context.range.start &&
      instance.start < context.range.end &&
      instance.end > instance.start
    ) {
      out.push(instance);
    }
  };

  if (rrules.length === 0 && rdates.length === 0) {
    if (!overridden.has(toInstant(start, ref, context))) keep(instanceAt(start, ref, length, context));
    return out;
  }

  // EXDATE removes instances; matched by instant, or by local date when the EXDATE is a DATE.
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.1
  const excluded = new Set<number>();
  const excludedDays = new Set<string>();
  for (const exdate of event.getAllProperties('exdate')) {
    for (const value of exdate.getValues() as Time[]) {
      if (value.isDate && !start.isDate) excludedDays.add(dayKey(value));
      else excluded.add(toInstant(value, zoneOf(exdate, value, context), context));
    }
  }
  const seen = new Set<number>();
  const consider = (occurrence: Time, occurrenceRef: ZoneRef, explicitEnd?: number) => {
    const startMs = toInstant(occurrence, occurrenceRef, context);
    if (seen.has(startMs)) return;
    seen.add(startMs);
    if (excluded.has(startMs) || excludedDays.has(dayKey(occurrence)) || overridden.has(startMs)) return;
    keep(
      explicitEnd === undefined
        ? instanceAt(occurrence, occurrenceRef, length, context)
        : { start: startMs, end: explicitEnd },
    );
  };

  // RDATE adds instances: DATE, DATE-TIME or PERIOD (a PERIOD carries its own end).
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.2
  for (const rdate of rdates) {
    for (const value of rdate.getValues() as Array<Time | Period>) {
      if (value instanceof ICAL.Period) {
        const periodRef = zoneOf(rdate, value.start, context);
        const periodEnd = value.end
          ? toInstant(value.end, periodRef, context)
          : toInstant(value.start, periodRef, context) + durationMs(value.duration);
        consider(value.start, periodRef, periodEnd);
      } else {
        consider(value, zoneOf(rdate, value, context));
      }
    }
  }

  // DTSTART is always the first instance of the set, even if the rules would not produce it.
  // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.3
  consider(start, ref);
  for (const rrule of rrules) {
    const recur = boundUntil(rrule.getFirstValue() as Recur, ref);
    const iterator = recur.iterator(start);
    let steps = 0;
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (steps >= context.maxPerSeries || context.budget <= 0) {
        context.warnings.push(
          `UID ${uid}: stopped expanding after ${steps} occurrences (limit reached); later instances are missing`,
        );
        break;
      }
      steps++;
      context.budget--;
      // Occurrences come in start order; an infinite RRULE stops at the end of the range.
      if (toInstant(next, ref, context) >= context.range.end) break;
      consider(next, ref);
    }
  }
  return out;
}

function dayKey(time: Time): string {
  return `${time.year}-${time.month}-${time.day}`;
}

function durationMs(duration: Duration | undefined): number {
  return duration ? duration.toSeconds() * 1000 : 0;
}

/**
 * ical.js compares UNTIL with occurrences as if both were UTC; for a DTSTART whose zone only Luxon
 * knows (TZID without VTIMEZONE), re-express a UTC UNTIL in that zone's wall clock so the comparison holds.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10
 */
function boundUntil(recur: Recur, ref: ZoneRef): Recur {
  const until = recur.until;
  if (ref.kind !== 'iana' || !until || until.isDate || until.zone !== ICAL.Timezone.utcTimezone) return recur;
  const local = DateTime.fromMillis(until.toUnixTime() * 1000, { zone: ref.zone });
  const copy = recur.clone();
  copy.until = new ICAL.Time(
    {
      year: local.year,
      month: local.month,
      day: local.day,
      hour: local.hour,
      minute: local.minute,
      second: local.second,
      isDate: false,
    },
    ICAL.Timezone.localTimezone,
  );
  return copy;
}
