/**
 * What the connectors share about writing a recurring event (`EventRecurrence` of the event draft):
 * the RRULE text (Google `recurrence`, CalDAV `RRULE`), the checks every provider makes, and a VTIMEZONE
 * for a CalDAV resource whose times are local to a zone.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10
 */
import { DateTime, IANAZone } from 'luxon';
import type { EventRecurrence, RecurrenceCheck } from '../app/ports/provider.ts';
import { expandRule, parseRule } from '../core/recurrence.ts';
import { toWall, wallToInstant, zoneOffsets } from '../core/zone-offsets.ts';

/** `20270316T090000Z`: an instant in RFC 5545 UTC basic format. */
export function utcBasic(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Checks any provider makes: a known zone, a positive interval, at most one of COUNT/UNTIL, sane parts. */
export function checkCommon(rule: EventRecurrence): RecurrenceCheck {
  const no = (message: string): RecurrenceCheck => ({ ok: false, code: 'recurrence_unsupported', message });
  if (!IANAZone.isValidZone(rule.timeZone)) return no(`Unknown time zone ${rule.timeZone}.`);
  if (!Number.isInteger(rule.interval) || rule.interval < 1)
    return no('The interval must be a positive integer.');
  if (rule.count !== undefined && rule.until !== undefined)
    return no('A series ends by COUNT or UNTIL, not both.');
  if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1))
    return no('COUNT must be a positive integer.');
  if (rule.bySetPos !== undefined && (rule.freq !== 'MONTHLY' || !rule.byDay?.length))
    return no('BYSETPOS needs a monthly rule with BYDAY.');
  if (
    rule.byMonthDay !== undefined &&
    (rule.freq !== 'MONTHLY' || rule.byMonthDay < 1 || rule.byMonthDay > 31)
  )
    return no('BYMONTHDAY needs a monthly rule and a day 1…31.');
  return { ok: true };
}

/** The RRULE value (without `RRULE:`), e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6`. */
export function rruleText(rule: EventRecurrence): string {
  const parts = [`FREQ=${rule.freq}`, `INTERVAL=${rule.interval}`];
  if (rule.byDay && rule.byDay.length > 0) parts.push(`BYDAY=${rule.byDay.join(',')}`);
  if (rule.bySetPos !== undefined) parts.push(`BYSETPOS=${rule.bySetPos}`);
  if (rule.byMonthDay !== undefined) parts.push(`BYMONTHDAY=${rule.byMonthDay}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  // With a zoned DTSTART, UNTIL must be in UTC (RFC 5545 §3.3.10).
  if (rule.until !== undefined) parts.push(`UNTIL=${utcBasic(rule.until)}`);
  return parts.join(';');
}

const DAY = 86_400_000;

/** A generous bound on the last occurrence (for the VTIMEZONE's span): UNTIL, or COUNT periods, or 2 years. */
export function lastOccurrenceBound(rule: EventRecurrence, start: number): number {
  if (rule.until !== undefined) return rule.until + DAY;
  const period = rule.freq === 'DAILY' ? DAY : rule.freq === 'WEEKLY' ? 7 * DAY : 31 * DAY;
  if (rule.count !== undefined) return start + (rule.count + 1) * rule.interval * period;
  return start + 2 * 366 * DAY;
}

/** The zone's offset changes in `[from, to)`, to the minute. */
function transitions(zone: string, from: number, to: number): number[] {
  const offset = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  const out: number[] = [];
  const step = 6 * 3_600_000;
  for (let t = from; t < to; t += step) {
    const next = Math.min(t + step, to);
    if (offset(t) === offset(next)) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (mid === lo) break;
      if (offset(mid) === offset(lo)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`;
};

/**
 * A VTIMEZONE for `zone` covering `[from, to)`: one observance per offset change, each with its DTSTART
 * (local time before the change), TZOFFSETFROM and TZOFFSETTO, plus the observance in force at `from`.
 * Explicit observances (no RRULE) are valid RFC 5545 and exact for the span the series needs.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.6.5
 */
export function vtimezone(zone: string, from: number, to: number): string {
  const start = from - 366 * DAY;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (at: number, before: number, after: number) => {
    const dt = DateTime.fromMillis(at, { zone });
    const kind = dt.isInDST ? 'DAYLIGHT' : 'STANDARD';
    const local = DateTime.fromMillis(at + before * 60_000, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss");
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${local}`,
      `TZOFFSETFROM:${offsetText(before)}`,
      `TZOFFSETTO:${offsetText(after)}`,
      ...(dt.offsetNameShort ? [`TZNAME:${dt.offsetNameShort}`] : []),
      `END:${kind}`,
    );
  };
  const first = DateTime.fromMillis(start, { zone }).offset;
  observance(start, first, first);
  for (const t of transitions(zone, start, to)) {
    observance(t, DateTime.fromMillis(t - 60_000, { zone }).offset, DateTime.fromMillis(t, { zone }).offset);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/**
 * An `RRULE:` line (or a bare RRULE value) ended so that no occurrence starts at or after `before`: its
 * COUNT or a later UNTIL becomes `UNTIL=<before − 1 s in UTC>`; an UNTIL already earlier is kept. Other
 * parts are kept in order. `undefined` when the text is not an RRULE.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10 (UNTIL inclusive, UTC with a zoned DTSTART)
 */
export function endRuleBefore(line: string, before: number): string | undefined {
  const match = /^(RRULE:)?(.*)$/is.exec(line.trim());
  const value = match?.[2] ?? '';
  if (!/(^|;)FREQ=/i.test(value)) return undefined;
  const parts = value.split(';').filter((p) => p.length > 0);
  const limit = before - 1000;
  let until = limit;
  const kept: string[] = [];
  for (const part of parts) {
    const [name = '', raw = ''] = part.split('=');
    const key = name.toUpperCase();
    if (key === 'COUNT') continue;
    if (key === 'UNTIL') {
      const existing = parseUtcBasic(raw);
      if (existing !== undefined && existing < until) until = existing;
      continue;
    }
    kept.push(part);
  }
  kept.push(`UNTIL=${utcBasic(Math.floor(until / 1000) * 1000)}`);
  return `${match?.[1] ? 'RRULE:' : ''}${kept.join(';')}`;
}

/** `20300402T075959Z` (or a DATE `20300402`, read as that UTC day's end) → epoch ms. */
function parseUtcBasic(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  if (h === undefined) return Date.UTC(Number(y), Number(mo) - 1, Number(d), 23, 59, 59);
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

/**
 * Whether the series `RRULE:<rrule>` whose first occurrence starts at `first` (wall-clock time kept in
 * `zone`) has an occurrence starting at `at`. Bounded: the expansion stops at `at`.
 */
export function ruleOccursAt(rrule: string, first: number, zone: string, at: number): boolean {
  if (at === first) return true;
  if (at < first) return false;
  const parsed = parseRule(rrule.replace(/^RRULE:/i, ''));
  if (!parsed.ok) return false;
  const z = zoneOffsets(zone, { start: first - DAY, end: at + 2 * DAY });
  const until = parsed.rule.until;
  const untilWall = until
    ? until.utc
      ? toWall(z, until.wall)
      : until.isDate
        ? until.wall + DAY - 1
        : until.wall
    : undefined;
  const { instances } = expandRule(parsed.rule, {
    start: toWall(z, first),
    ...(untilWall !== undefined ? { untilWall } : {}),
    toWall: toWall(z, at) + DAY,
    maxSteps: 1_000_000,
  });
  return instances.some((wall) => wallToInstant(z, wall, 'start') === at);
}
