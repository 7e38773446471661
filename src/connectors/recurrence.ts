/**
 * What the connectors share about writing a recurring event (`EventRecurrence` of the event draft):
 * the checks every provider makes; the RRULE text (Google `recurrence`, CalDAV `RRULE`) and the VTIMEZONE
 * of a CalDAV resource whose times are local to a zone live in src/core/icalendar-recurrence.ts (the .ics
 * offer of a series emits the same).
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10
 */
import { IANAZone } from 'luxon';
import type { EventRecurrence, RecurrenceCheck } from '../app/ports/provider.ts';
import { expandRule, parseRule } from '../core/recurrence.ts';
import { toWall, wallToInstant, zoneOffsets } from '../core/zone-offsets.ts';

export {
  lastOccurrenceBound,
  rruleText,
  utcBasic,
  vtimezone,
} from '../core/icalendar-recurrence.ts';

import { utcBasic } from '../core/icalendar-recurrence.ts';

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
    rule.byDayRanks !== undefined &&
    (rule.freq !== 'MONTHLY' ||
      rule.bySetPos !== undefined ||
      rule.byDayRanks.length !== (rule.byDay?.length ?? 0) ||
      rule.byDayRanks.some((n) => !Number.isInteger(n) || n === 0 || n < -5 || n > 5))
  )
    return no('Ranked weekdays need a monthly rule without BYSETPOS, one rank (1…5, -1…-5) per weekday.');
  if (
    rule.byMonthDay !== undefined &&
    (rule.freq !== 'MONTHLY' || rule.byMonthDay < 1 || rule.byMonthDay > 31)
  )
    return no('BYMONTHDAY needs a monthly rule and a day 1…31.');
  return { ok: true };
}

const DAY = 86_400_000;

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
