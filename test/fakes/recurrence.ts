/**
 * Expands a recurring event the way a provider does for free/busy (Google freeBusy, Graph getSchedule
 * and calendarView): the occurrences keep the first one's wall-clock time in the series' zone. The fakes
 * use the RFC 5545 engine of src/core (the providers' own expansion is what the contract case checks).
 */
import { DAY, type Interval } from '../../src/core/interval.ts';
import { expandRule, parseRule } from '../../src/core/recurrence.ts';
import { toWall, wallToInstant, zoneOffsets } from '../../src/core/zone-offsets.ts';

/** Occurrences of `RRULE:<rule>` from the event `[start, end)` in `zone` that overlap `range`. */
export function occurrencesIn(
  rrule: string,
  start: number,
  end: number,
  zone: string,
  range: Interval,
): Interval[] {
  const parsed = parseRule(rrule);
  if (!parsed.ok) return [{ start, end }].filter((o) => o.end > range.start && o.start < range.end);
  const z = zoneOffsets(zone, { start: Math.min(start, range.start) - DAY, end: range.end + DAY });
  const startWall = toWall(z, start);
  const rangeEndWall = toWall(z, range.end) + DAY;
  const until = parsed.rule.until;
  const untilWall = until
    ? until.utc
      ? toWall(z, until.wall)
      : until.isDate
        ? until.wall + DAY - 1
        : until.wall
    : undefined;
  const { instances } = expandRule(parsed.rule, {
    start: startWall,
    ...(untilWall !== undefined ? { untilWall } : {}),
    toWall: rangeEndWall,
    maxSteps: 1_000_000,
  });
  const length = end - start;
  return instances
    .map((wall) => {
      const s = wallToInstant(z, wall, 'start');
      return { start: s, end: s + length };
    })
    .filter((o) => o.end > range.start && o.start < range.end);
}
