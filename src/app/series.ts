/**
 * A series booking (issue #22): the recurrence a request said (`criteria.recurrence`, the parser's
 * `ParsedRecurrence` kept as a `SeriesRule`) becomes the event draft's `EventRecurrence` (one recurring
 * event per calendar), the occurrence starts (one reminder each), and its wording ("every other Tuesday,
 * 6 times") through the `booking` catalogue domain.
 */
import { DAY } from '../core/interval.ts';
import { expandSeries, type SeriesRule } from '../core/series.ts';
import { toWall, wallToInstant, zoneOffsets } from '../core/zone-offsets.ts';
import { list, t } from './i18n/index.ts';
import type { EventRecurrence } from './ports/provider.ts';
import { RECURRENCE_WEEKDAYS } from './ports/provider.ts';
import type { MeetingRequest } from './ports/store.ts';
import { dayLabel, type Locale, weekdayName } from './views.ts';

/** Most occurrences a series booking plans reminders for. */
export const MAX_REMINDED_OCCURRENCES = 200;

/** The series of a stored request and the zone its occurrences keep their wall-clock time in, or null. */
export function seriesOf(request: MeetingRequest | null): { rule: SeriesRule; zone: string } | null {
  const rule = request?.criteria?.recurrence;
  return rule && request?.criteria ? { rule, zone: request.criteria.zone } : null;
}

/**
 * The draft's recurrence: FREQ, INTERVAL, BYDAY (an ordinal weekday, "first Monday", becomes BYDAY with
 * BYSETPOS), COUNT, or UNTIL as the last instant of the said local day.
 */
export function eventRecurrence(rule: SeriesRule, zone: string): EventRecurrence {
  const days = rule.byDay ?? [];
  const ranked = days.find((d) => d.n !== 0);
  let until: number | undefined;
  if (rule.until !== undefined) {
    const wall = Date.parse(`${rule.until}T00:00:00Z`) + DAY;
    until = wallToInstant(zoneOffsets(zone, { start: wall - 2 * DAY, end: wall + DAY }), wall, 'start') - 1;
  }
  return {
    freq: rule.freq,
    interval: Math.max(1, Math.floor(rule.interval)),
    ...(days.length > 0 ? { byDay: days.map((d) => RECURRENCE_WEEKDAYS[d.weekday]!) } : {}),
    ...(ranked ? { bySetPos: ranked.n } : {}),
    ...(rule.count !== undefined ? { count: rule.count } : until !== undefined ? { until } : {}),
    timeZone: zone,
  };
}

/** Start instants of the series whose first occurrence starts at `first` (at most `max`). */
export function occurrenceStarts(
  rule: SeriesRule,
  first: number,
  zone: string,
  max = MAX_REMINDED_OCCURRENCES,
): number[] {
  return expandSeries(rule, first, zone, max).starts;
}

/** "every other Tuesday, 6 times" / "un mardi sur deux, 6 fois" / "jeden zweiten Dienstag, 6-mal". */
export function seriesLabel(rule: SeriesRule, first: number, zone: string, locale: Locale): string {
  const firstWeekday = (() => {
    const wall = toWall(zoneOffsets(zone, { start: first - DAY, end: first + DAY }), first);
    return (new Date(wall).getUTCDay() + 6) % 7; // 0 = Monday
  })();
  const byDay = rule.byDay && rule.byDay.length > 0 ? rule.byDay : [{ n: 0, weekday: firstWeekday }];
  // weekdayName counts from Sunday; SeriesDay from Monday.
  const days = list(
    locale,
    byDay.map((d) => weekdayName((d.weekday + 1) % 7, locale)),
  );
  const interval = Math.max(1, Math.floor(rule.interval));
  const ranked = byDay.find((d) => d.n !== 0);
  const pattern =
    rule.freq === 'DAILY'
      ? t(locale, 'booking.series.daily', { interval })
      : rule.freq === 'WEEKLY'
        ? t(locale, 'booking.series.weekly', { interval, days })
        : ranked
          ? t(locale, 'booking.series.monthlyOn', { interval, days, rank: ranked.n })
          : t(locale, 'booking.series.monthly', { interval });
  if (rule.count !== undefined) return t(locale, 'booking.series.withCount', { pattern, count: rule.count });
  if (rule.until !== undefined) {
    const wall = Date.parse(`${rule.until}T12:00:00Z`);
    const at = wallToInstant(zoneOffsets(zone, { start: wall - DAY, end: wall + DAY }), wall, 'start');
    return t(locale, 'booking.series.withUntil', { pattern, date: dayLabel(at, zone, locale) });
  }
  return pattern;
}
