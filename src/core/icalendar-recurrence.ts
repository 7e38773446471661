/**
 * iCalendar text of a recurring event, shared by the CalDAV writer (src/connectors/caldav/mapper.ts) and
 * the .ics offer (src/app/ics-offer.ts): the RRULE value, a bound on the last occurrence, and a VTIMEZONE
 * for times local to a zone. Pure: no I/O, no clock.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10
 */
import { DateTime } from 'luxon';

/** The parts of a recurrence the RRULE text needs (structurally the ports' `EventRecurrence`). */
export interface RecurrenceParts {
  readonly freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  readonly interval: number;
  readonly byDay?: readonly string[];
  readonly bySetPos?: number | readonly number[];
  /** The rank of each `byDay` weekday in the month (`BYDAY=1MO,3WE`), 0 for none. */
  readonly byDayRanks?: readonly number[];
  readonly byMonthDay?: number;
  readonly count?: number;
  /** Epoch ms. */
  readonly until?: number;
  /** The zone the series keeps its wall-clock time in (DTSTART's TZID; not part of the RRULE text). */
  readonly timeZone?: string;
}

/** `20270316T090000Z`: an instant in RFC 5545 UTC basic format. */
export function utcBasic(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The RRULE value (without `RRULE:`), e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6`. */
export function rruleText(rule: RecurrenceParts): string {
  const parts = [`FREQ=${rule.freq}`, `INTERVAL=${rule.interval}`];
  if (rule.byDay && rule.byDay.length > 0)
    parts.push(`BYDAY=${rule.byDay.map((d, i) => `${rule.byDayRanks?.[i] || ''}${d}`).join(',')}`);
  if (rule.bySetPos !== undefined) parts.push(`BYSETPOS=${[rule.bySetPos].flat().join(',')}`);
  if (rule.byMonthDay !== undefined) parts.push(`BYMONTHDAY=${rule.byMonthDay}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  // With a zoned DTSTART, UNTIL must be in UTC (RFC 5545 §3.3.10).
  if (rule.until !== undefined) parts.push(`UNTIL=${utcBasic(rule.until)}`);
  return parts.join(';');
}

const DAY = 86_400_000;

/** A generous bound on the last occurrence (for the VTIMEZONE's span): UNTIL, or COUNT periods, or 2 years. */
export function lastOccurrenceBound(rule: RecurrenceParts, start: number): number {
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
