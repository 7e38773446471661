/** Series slot search (issue #22): occurrences, DST, working hours per occurrence, conflicts as data, caps. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../src/core/interval.ts';
import {
  expandSeries,
  leftOutStarts,
  MAX_SERIES_EXCEPT,
  searchSeries,
  toRecurrenceRule,
} from '../../src/core/series.ts';
import { compileWorkingHours } from '../../src/core/working-hours.ts';

const PARIS = 'Europe/Paris';
const at = (iso: string, zone = PARIS) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone = PARIS) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
const hours = (start: string, end: string, days = [1, 2, 3, 4, 5]) => {
  const c = compileWorkingHours([{ days, start, end }]);
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
};

describe('expandSeries', () => {
  it('keeps the wall-clock time in the organiser zone across the March DST change', () => {
    const { starts } = expandSeries(
      { freq: 'WEEKLY', interval: 2, byDay: [{ n: 0, weekday: 1 }], until: '2027-04-30' },
      at('2027-03-16T10:00'),
      PARIS,
    );
    expect(starts.map((s) => local(s))).toEqual([
      '2027-03-16 10:00',
      '2027-03-30 10:00',
      '2027-04-13 10:00',
      '2027-04-27 10:00',
    ]);
    // The UTC time moves by an hour after 28 March.
    expect(new Date(starts[0]!).toISOString()).toBe('2027-03-16T09:00:00.000Z');
    expect(new Date(starts[1]!).toISOString()).toBe('2027-03-30T08:00:00.000Z');
  });

  it('reads ordinals in the month and COUNT', () => {
    const { starts } = expandSeries(
      { freq: 'MONTHLY', interval: 1, byDay: [{ n: 1, weekday: 0 }], count: 3 },
      at('2026-12-07T09:30'),
      PARIS,
    );
    expect(starts.map((s) => local(s))).toEqual(['2026-12-07 09:30', '2027-01-04 09:30', '2027-02-01 09:30']);
  });

  it('holds a different rank per weekday (`the first monday and the third wednesday`: 1MO, 3WE)', () => {
    const rule = {
      freq: 'MONTHLY',
      interval: 1,
      byDay: [
        { n: 1, weekday: 0 },
        { n: 3, weekday: 2 },
      ],
      until: '2027-03-31',
    } as const;
    const { starts } = expandSeries(rule, at('2026-12-07T09:30'), PARIS);
    // Not the first and third of both (2 and 21 December, 6 January…): each weekday at its own rank.
    expect(starts.map((s) => local(s))).toEqual([
      '2026-12-07 09:30',
      '2026-12-16 09:30',
      '2027-01-04 09:30',
      '2027-01-20 09:30',
      '2027-02-01 09:30',
      '2027-02-17 09:30',
      '2027-03-01 09:30',
      '2027-03-17 09:30',
    ]);
    // The search checks those occurrences: busy on the third Wednesday of January only.
    const result = searchSeries({
      candidates: [at('2026-12-07T09:30')],
      durationMs: 30 * MINUTE,
      rule,
      zone: PARIS,
      participants: [
        {
          id: 'li',
          zone: PARIS,
          busy: [
            { start: at('2027-01-20T09:00'), end: at('2027-01-20T10:00') },
            { start: at('2027-01-06T09:00'), end: at('2027-01-06T10:00') },
          ],
        },
      ],
    });
    expect(result.candidates.map((c) => [c.free, c.occurrences, c.conflicts.map((x) => x.index)])).toEqual([
      [7, 8, [3]],
    ]);
  });

  it('caps the occurrences and says so', () => {
    const daily = expandSeries(
      { freq: 'DAILY', interval: 1, until: '2030-01-01' },
      at('2026-12-01T09:00'),
      PARIS,
      50,
    );
    expect([daily.starts.length, daily.capped]).toEqual([50, true]);
    const short = expandSeries({ freq: 'DAILY', interval: 1, count: 5 }, at('2026-12-01T09:00'), PARIS, 50);
    expect([short.starts.length, short.capped]).toEqual([5, false]);
  });

  it('converts to the engine rule with a Monday week start', () => {
    expect(toRecurrenceRule({ freq: 'WEEKLY', interval: 2, byDay: [{ n: 0, weekday: 3 }] })).toEqual({
      freq: 'WEEKLY',
      interval: 2,
      wkst: 0,
      byDay: [{ n: 0, weekday: 3 }],
    });
  });
});

describe('days left out of a series (`except december 28`)', () => {
  const mondays = { freq: 'WEEKLY' as const, interval: 1, byDay: [{ n: 0, weekday: 0 }] };

  it('skips them in the occurrences; a COUNT counts them first (RFC 5545 EXDATE)', () => {
    const until = expandSeries(
      { ...mondays, until: '2027-01-11', except: ['2026-12-28', '2027-01-04'] },
      at('2026-12-14T10:00'),
      PARIS,
    );
    expect(until.starts.map((s) => local(s))).toEqual([
      '2026-12-14 10:00',
      '2026-12-21 10:00',
      '2027-01-11 10:00',
    ]);
    const counted = expandSeries(
      { ...mondays, count: 4, except: ['2026-12-28'] },
      at('2026-12-14T10:00'),
      PARIS,
    );
    expect(counted.starts.map((s) => local(s))).toEqual([
      '2026-12-14 10:00',
      '2026-12-21 10:00',
      '2027-01-04 10:00',
    ]);
    // The occurrences a calendar given the whole rule holds as exceptions.
    expect(
      leftOutStarts(
        { ...mondays, until: '2027-01-11', except: ['2026-12-28', '2027-01-04'] },
        at('2026-12-14T10:00'),
        PARIS,
      ).map((s) => local(s)),
    ).toEqual(['2026-12-28 10:00', '2027-01-04 10:00']);
    expect(leftOutStarts({ ...mondays, until: '2027-01-11' }, at('2026-12-14T10:00'), PARIS)).toEqual([]);
  });

  it('reads at most MAX_SERIES_EXCEPT of them from a stored rule: the later ones stay in the series', () => {
    // A daily series over 70 days whose rule lists 60 days left out (more than any request can keep).
    const days = Array.from(
      { length: 60 },
      (_, i) => DateTime.fromISO('2027-01-01', { zone: PARIS }).plus({ days: i }).toISODate()!,
    );
    const rule = { freq: 'DAILY' as const, interval: 1, until: '2027-03-11', except: days };
    const first = at('2027-01-01T10:00');
    const left = leftOutStarts(rule, first, PARIS).map((s) => local(s).slice(0, 10));
    expect(left).toEqual(days.slice(0, MAX_SERIES_EXCEPT));
    const kept = expandSeries(rule, first, PARIS).starts.map((s) => local(s).slice(0, 10));
    expect(kept).toHaveLength(70 - MAX_SERIES_EXCEPT);
    expect(kept.slice(0, 10)).toEqual(days.slice(MAX_SERIES_EXCEPT));
  });

  it('checks no one on them, and offers no first occurrence on them', () => {
    const rule = { ...mondays, until: '2027-01-11', except: ['2026-12-28'] };
    const result = searchSeries({
      candidates: [at('2026-12-14T10:00'), at('2026-12-28T10:00')],
      durationMs: 30 * MINUTE,
      rule,
      zone: PARIS,
      // Busy on the day left out only: every occurrence searched is free.
      participants: [
        { id: 'ana', zone: PARIS, busy: [{ start: at('2026-12-28T09:00'), end: at('2026-12-28T12:00') }] },
      ],
    });
    expect(result.candidates.map((c) => local(c.start))).toEqual(['2026-12-14 10:00']);
    expect(result.candidates[0]).toMatchObject({ occurrences: 4, free: 4, conflicts: [] });
  });
});

describe('searchSeries', () => {
  const rule = { freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 1 }], count: 12 } as const;
  const tue = (n: number, time: string) =>
    DateTime.fromISO(`2027-01-05T${time}`, { zone: PARIS }).plus({ weeks: n }).toMillis();

  it('ranks candidates by free occurrences and says who is busy on which one', () => {
    const result = searchSeries({
      candidates: [tue(0, '10:00'), tue(0, '14:00')],
      durationMs: 30 * MINUTE,
      rule,
      zone: PARIS,
      participants: [
        { id: 'ana', zone: PARIS, hours: hours('09:00', '17:00'), busy: [] },
        {
          id: 'li',
          zone: PARIS,
          hours: hours('09:00', '17:00'),
          busy: [
            { start: tue(4, '09:45'), end: tue(4, '10:15') },
            { start: tue(1, '14:00'), end: tue(1, '15:00') },
            { start: tue(7, '13:00'), end: tue(7, '16:00') },
          ],
        },
      ],
    });
    expect(result.candidates.map((c) => [local(c.start), c.free, c.occurrences])).toEqual([
      ['2027-01-05 10:00', 11, 12],
      ['2027-01-05 14:00', 10, 12],
    ]);
    expect(result.candidates[0]!.conflicts).toEqual([
      { index: 4, start: tue(4, '10:00'), end: tue(4, '10:30'), people: [{ id: 'li', reason: 'busy' }] },
    ]);
    expect(result.candidates[1]!.conflicts.map((c) => c.index)).toEqual([1, 7]);
    expect([result.candidatesCapped, result.occurrencesCapped]).toEqual([false, false]);
  });

  it('checks a member taking turns only on the occurrences of their turn (issue #22)', () => {
    // Ana takes occurrences 0, 2, 4, …; Li 1, 3, 5, …; Bo (the organiser) every one.
    const result = searchSeries({
      candidates: [tue(0, '10:00')],
      durationMs: 30 * MINUTE,
      rule: { ...rule, count: 6 },
      zone: PARIS,
      participants: [
        { id: 'bo', zone: PARIS, busy: [{ start: tue(5, '10:00'), end: tue(5, '11:00') }] },
        {
          id: 'ana',
          zone: PARIS,
          turn: { turn: 0, of: 2 },
          // Busy on Li's turns (1, 3) only, and on her own turn 4.
          busy: [1, 3, 4].map((n) => ({ start: tue(n, '10:00'), end: tue(n, '10:30') })),
        },
        {
          id: 'li',
          zone: PARIS,
          turn: { turn: 1, of: 2 },
          hours: hours('09:00', '17:00'),
          // Busy on Ana's turns (0, 2) only.
          busy: [0, 2].map((n) => ({ start: tue(n, '10:00'), end: tue(n, '10:30') })),
        },
      ],
    });
    const [c] = result.candidates;
    expect(c!.conflicts.map((o) => [o.index, o.people.map((p) => p.id)])).toEqual([
      [4, ['ana']],
      [5, ['bo']],
    ]);
    expect([c!.free, c!.occurrences]).toEqual([4, 6]);
  });

  it('checks working hours per occurrence in each person’s zone, across the weeks the zones change apart', () => {
    // 15:00 Paris is 09:00 New York, except between 14 and 28 March 2027 (New York already on summer time): 10:00.
    // With New York hours starting at 09:30, only those two weeks work.
    const result = searchSeries({
      candidates: [at('2027-03-02T15:00')],
      durationMs: HOUR,
      rule: { freq: 'WEEKLY', interval: 1, until: '2027-04-06' },
      zone: PARIS,
      participants: [{ id: 'bo', zone: 'America/New_York', hours: hours('09:30', '17:00'), busy: [] }],
    });
    const only = result.candidates[0]!;
    expect(only.occurrences).toBe(6);
    expect(only.free).toBe(2);
    expect(only.conflicts.map((c) => local(c.start))).toEqual([
      '2027-03-02 15:00',
      '2027-03-09 15:00',
      '2027-03-30 15:00',
      '2027-04-06 15:00',
    ]);
    expect(only.conflicts[0]!.people).toEqual([{ id: 'bo', reason: 'outside_hours' }]);
  });

  it('caps the candidates, dropping the latest, and ignores duplicates and non-finite ones', () => {
    const result = searchSeries({
      candidates: [tue(0, '11:00'), tue(0, '10:00'), tue(0, '10:00'), Number.NaN, tue(0, '12:00')],
      durationMs: 30 * MINUTE,
      rule,
      zone: PARIS,
      participants: [],
      maxCandidates: 2,
    });
    expect(result.candidates.map((c) => local(c.start))).toEqual(['2027-01-05 10:00', '2027-01-05 11:00']);
    expect(result.candidatesCapped).toBe(true);
  });

  it('does not change its caller’s arrays', () => {
    const candidates = [tue(0, '11:00'), tue(0, '10:00')];
    const busy = [
      { start: tue(2, '11:00'), end: tue(2, '12:00') },
      { start: tue(1, '10:00'), end: tue(1, '10:30') },
    ];
    const copy = JSON.stringify([candidates, busy]);
    searchSeries({
      candidates,
      durationMs: 30 * MINUTE,
      rule,
      zone: PARIS,
      participants: [{ id: 'a', zone: PARIS, busy }],
    });
    expect(JSON.stringify([candidates, busy])).toBe(copy);
  });
});
