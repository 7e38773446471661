import { describe, expect, it } from 'vitest';
import type { EventRecurrence } from '../../src/app/ports/provider.ts';
import { checkGraphRecurrence, patternedRecurrence } from '../../src/connectors/microsoft/mapper.ts';
import { checkCommon, rruleText, vtimezone } from '../../src/connectors/recurrence.ts';

const weekly: EventRecurrence = {
  freq: 'WEEKLY',
  interval: 2,
  byDay: ['TU'],
  count: 6,
  timeZone: 'Europe/Paris',
};
// Tuesday 5 March 2030, 10:00 Paris.
const first = Date.UTC(2030, 2, 5, 9);

describe('writing a series: RRULE, patternedRecurrence, VTIMEZONE', () => {
  it('says the rule as an RRULE, UNTIL in UTC', () => {
    expect(rruleText(weekly)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6');
    expect(
      rruleText({
        freq: 'MONTHLY',
        interval: 1,
        byDay: ['MO'],
        bySetPos: 1,
        until: Date.UTC(2030, 5, 30, 22),
        timeZone: 'Europe/Paris',
      }),
    ).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=MO;BYSETPOS=1;UNTIL=20300630T220000Z');
  });

  it('maps to Graph patterns and ranges, dates local to the series zone', () => {
    expect(patternedRecurrence(weekly, first)).toEqual({
      pattern: { type: 'weekly', interval: 2, daysOfWeek: ['tuesday'], firstDayOfWeek: 'monday' },
      range: {
        type: 'numbered',
        startDate: '2030-03-05',
        numberOfOccurrences: 6,
        recurrenceTimeZone: 'Romance Standard Time',
      },
    });
    const monthly: EventRecurrence = {
      freq: 'MONTHLY',
      interval: 1,
      byDay: ['MO'],
      bySetPos: -1,
      until: Date.UTC(2030, 11, 31, 23, 30),
      timeZone: 'Europe/Paris',
    };
    expect(patternedRecurrence(monthly, first)).toEqual({
      pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday'], index: 'last' },
      // 23:30 UTC on 31 December is 1 January in Paris.
      range: {
        type: 'endDate',
        startDate: '2030-03-05',
        endDate: '2031-01-01',
        recurrenceTimeZone: 'Romance Standard Time',
      },
    });
    expect(
      patternedRecurrence({ freq: 'MONTHLY', interval: 3, timeZone: 'Europe/Paris' }, first).pattern,
    ).toEqual({
      type: 'absoluteMonthly',
      interval: 3,
      dayOfMonth: 5,
    });
  });

  it('answers recurrence_unsupported for what a provider cannot say, as a value', () => {
    expect(checkGraphRecurrence(weekly)).toEqual({ ok: true });
    expect(checkGraphRecurrence({ ...weekly, freq: 'MONTHLY', bySetPos: -2, byDay: ['MO'] })).toMatchObject({
      ok: false,
      code: 'recurrence_unsupported',
    });
    expect(
      checkGraphRecurrence({ ...weekly, freq: 'DAILY', interval: 2, byDay: ['MO', 'FR'] }),
    ).toMatchObject({
      ok: false,
      code: 'recurrence_unsupported',
    });
    // RRULE says both (Google, CalDAV); Graph ranks only 1…4 and last.
    expect(checkCommon({ ...weekly, freq: 'MONTHLY', bySetPos: -2, byDay: ['MO'] })).toEqual({ ok: true });
    expect(checkCommon({ ...weekly, interval: 0 })).toMatchObject({
      ok: false,
      code: 'recurrence_unsupported',
    });
    expect(checkCommon({ ...weekly, timeZone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      code: 'recurrence_unsupported',
    });
  });

  it('writes a VTIMEZONE with every Paris offset change the series crosses', () => {
    const text = vtimezone('Europe/Paris', first, Date.UTC(2030, 11, 1));
    expect(text).toContain('TZID:Europe/Paris');
    // 31 March 2030 02:00 local (+01:00 → +02:00) and 27 October 2030 03:00 local (+02:00 → +01:00).
    expect(text).toMatch(
      /BEGIN:DAYLIGHT\r\nDTSTART:20300331T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/,
    );
    expect(text).toMatch(
      /BEGIN:STANDARD\r\nDTSTART:20301027T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/,
    );
  });
});
