/**
 * Working hours across DST switches, with hand-computed UTC instants (2030 rules):
 * - Europe/Paris: +01 → +02 on Sun 31 Mar at 02:00 local; +02 → +01 on Sun 27 Oct at 03:00 local.
 * - America/New_York: −05 → −04 on Sun 10 Mar at 02:00; −04 → −05 on Sun 3 Nov at 02:00.
 * - Australia/Sydney: +11 → +10 on Sun 7 Apr at 03:00; +10 → +11 on Sun 6 Oct at 02:00.
 * - America/St_Johns: −03:30 → −02:30 on Sun 10 Mar at 02:00; back on Sun 3 Nov at 02:00.
 * - Australia/Lord_Howe (30-minute DST): +11 → +10:30 on Sun 7 Apr at 02:00; +10:30 → +11 on Sun 6 Oct at 02:00.
 * Gap rule: a nonexistent wall time moves to the first instant after the gap. Overlap rule: an ambiguous
 * start takes the earlier instant, an ambiguous end the later one.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../src/core/interval.ts';
import { compileWorkingHours, expandWorkingHours } from '../../src/core/working-hours.ts';
import { offsetAt, wallToInstant, zoneOffsets } from '../../src/core/zone-offsets.ts';
import { refWallToInstant } from './reference.ts';

const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];

/** Working intervals of the local date `date` (expanded over a range around it, then filtered). */
function day(zone: string, date: string, start: string, end: string, days = ALL_DAYS): string[][] {
  const compiled = compileWorkingHours([{ days, start, end }]);
  if (!compiled.ok) throw new Error(compiled.error.message);
  const mid = Date.parse(`${date}T00:00:00Z`);
  const range = { start: mid - 3 * DAY, end: mid + 3 * DAY };
  const table = zoneOffsets(zone, range);
  // Keep the interval(s) that start on the local date.
  return expandWorkingHours(compiled.value, table, range)
    .filter((iv) => DateTime.fromMillis(iv.start, { zone }).toISODate() === date)
    .map((iv) => [new Date(iv.start).toISOString(), new Date(iv.end).toISOString()]);
}

const z = (s: string) => `${s}:00.000Z`;

describe('Europe/Paris', () => {
  it('spring forward (31 Mar 2030): hours stay local', () => {
    expect(day('Europe/Paris', '2030-03-30', '08:00', '12:00')).toEqual([
      [z('2030-03-30T07:00'), z('2030-03-30T11:00')],
    ]);
    expect(day('Europe/Paris', '2030-03-31', '08:00', '12:00')).toEqual([
      [z('2030-03-31T06:00'), z('2030-03-31T10:00')],
    ]);
    expect(day('Europe/Paris', '2030-03-31', '13:00', '17:00')).toEqual([
      [z('2030-03-31T11:00'), z('2030-03-31T15:00')],
    ]);
  });
  it('spring forward: a start inside the gap moves to 03:00 local; a range inside the gap is empty', () => {
    expect(day('Europe/Paris', '2030-03-31', '02:00', '06:00')).toEqual([
      [z('2030-03-31T01:00'), z('2030-03-31T04:00')],
    ]);
    expect(day('Europe/Paris', '2030-03-31', '02:30', '06:00')).toEqual([
      [z('2030-03-31T01:00'), z('2030-03-31T04:00')],
    ]);
    expect(day('Europe/Paris', '2030-03-31', '02:10', '02:50')).toEqual([]);
    // A full day (rule on Sundays only, so neighbours do not merge into it) is 23 hours long.
    expect(day('Europe/Paris', '2030-03-31', '00:00', '24:00', [0])).toEqual([
      [z('2030-03-30T23:00'), z('2030-03-31T22:00')],
    ]);
  });
  it('fall back (27 Oct 2030): hours stay local; ambiguous start earlier, ambiguous end later', () => {
    expect(day('Europe/Paris', '2030-10-27', '08:00', '12:00')).toEqual([
      [z('2030-10-27T07:00'), z('2030-10-27T11:00')],
    ]);
    expect(day('Europe/Paris', '2030-10-27', '13:00', '17:00')).toEqual([
      [z('2030-10-27T12:00'), z('2030-10-27T16:00')],
    ]);
    expect(day('Europe/Paris', '2030-10-27', '02:00', '06:00')).toEqual([
      [z('2030-10-27T00:00'), z('2030-10-27T05:00')],
    ]);
    expect(day('Europe/Paris', '2030-10-27', '00:00', '02:30')).toEqual([
      [z('2030-10-26T22:00'), z('2030-10-27T01:30')],
    ]);
    // A full day is 25 hours long.
    expect(day('Europe/Paris', '2030-10-27', '00:00', '24:00', [0])).toEqual([
      [z('2030-10-26T22:00'), z('2030-10-27T23:00')],
    ]);
  });
});

describe('America/New_York', () => {
  it('spring forward (10 Mar 2030)', () => {
    expect(day('America/New_York', '2030-03-09', '08:00', '12:00')).toEqual([
      [z('2030-03-09T13:00'), z('2030-03-09T17:00')],
    ]);
    expect(day('America/New_York', '2030-03-10', '08:00', '12:00')).toEqual([
      [z('2030-03-10T12:00'), z('2030-03-10T16:00')],
    ]);
    expect(day('America/New_York', '2030-03-10', '13:00', '17:00')).toEqual([
      [z('2030-03-10T17:00'), z('2030-03-10T21:00')],
    ]);
    expect(day('America/New_York', '2030-03-10', '02:00', '06:00')).toEqual([
      [z('2030-03-10T07:00'), z('2030-03-10T10:00')],
    ]);
  });
  it('fall back (3 Nov 2030)', () => {
    expect(day('America/New_York', '2030-11-03', '08:00', '12:00')).toEqual([
      [z('2030-11-03T13:00'), z('2030-11-03T17:00')],
    ]);
    expect(day('America/New_York', '2030-11-03', '13:00', '17:00')).toEqual([
      [z('2030-11-03T18:00'), z('2030-11-03T22:00')],
    ]);
    expect(day('America/New_York', '2030-11-03', '01:00', '03:00')).toEqual([
      [z('2030-11-03T05:00'), z('2030-11-03T08:00')],
    ]);
    expect(day('America/New_York', '2030-11-03', '00:00', '01:30')).toEqual([
      [z('2030-11-03T04:00'), z('2030-11-03T06:30')],
    ]);
  });
});

describe('Australia/Sydney (southern hemisphere)', () => {
  it('fall back (7 Apr 2030)', () => {
    expect(day('Australia/Sydney', '2030-04-07', '08:00', '12:00')).toEqual([
      [z('2030-04-06T22:00'), z('2030-04-07T02:00')],
    ]);
    expect(day('Australia/Sydney', '2030-04-07', '13:00', '17:00')).toEqual([
      [z('2030-04-07T03:00'), z('2030-04-07T07:00')],
    ]);
    expect(day('Australia/Sydney', '2030-04-07', '02:00', '06:00')).toEqual([
      [z('2030-04-06T15:00'), z('2030-04-06T20:00')],
    ]);
  });
  it('spring forward (6 Oct 2030)', () => {
    expect(day('Australia/Sydney', '2030-10-06', '08:00', '12:00')).toEqual([
      [z('2030-10-05T21:00'), z('2030-10-06T01:00')],
    ]);
    expect(day('Australia/Sydney', '2030-10-06', '13:00', '17:00')).toEqual([
      [z('2030-10-06T02:00'), z('2030-10-06T06:00')],
    ]);
    expect(day('Australia/Sydney', '2030-10-06', '02:00', '06:00')).toEqual([
      [z('2030-10-05T16:00'), z('2030-10-05T19:00')],
    ]);
  });
});

describe('America/St_Johns (−03:30 offset)', () => {
  it('spring forward (10 Mar 2030)', () => {
    expect(day('America/St_Johns', '2030-03-10', '08:00', '12:00')).toEqual([
      [z('2030-03-10T10:30'), z('2030-03-10T14:30')],
    ]);
    expect(day('America/St_Johns', '2030-03-10', '13:00', '17:00')).toEqual([
      [z('2030-03-10T15:30'), z('2030-03-10T19:30')],
    ]);
    expect(day('America/St_Johns', '2030-03-10', '02:00', '06:00')).toEqual([
      [z('2030-03-10T05:30'), z('2030-03-10T08:30')],
    ]);
  });
  it('fall back (3 Nov 2030)', () => {
    expect(day('America/St_Johns', '2030-11-03', '08:00', '12:00')).toEqual([
      [z('2030-11-03T11:30'), z('2030-11-03T15:30')],
    ]);
    expect(day('America/St_Johns', '2030-11-03', '13:00', '17:00')).toEqual([
      [z('2030-11-03T16:30'), z('2030-11-03T20:30')],
    ]);
    expect(day('America/St_Johns', '2030-11-03', '01:00', '06:00')).toEqual([
      [z('2030-11-03T03:30'), z('2030-11-03T09:30')],
    ]);
  });
});

describe('Australia/Lord_Howe (30-minute DST shift)', () => {
  it('fall back (7 Apr 2030): 01:30–02:00 happens twice', () => {
    expect(day('Australia/Lord_Howe', '2030-04-07', '08:00', '12:00')).toEqual([
      [z('2030-04-06T21:30'), z('2030-04-07T01:30')],
    ]);
    expect(day('Australia/Lord_Howe', '2030-04-07', '13:00', '17:00')).toEqual([
      [z('2030-04-07T02:30'), z('2030-04-07T06:30')],
    ]);
    expect(day('Australia/Lord_Howe', '2030-04-07', '01:45', '06:00')).toEqual([
      [z('2030-04-06T14:45'), z('2030-04-06T19:30')],
    ]);
    expect(day('Australia/Lord_Howe', '2030-04-07', '00:00', '01:45')).toEqual([
      [z('2030-04-06T13:00'), z('2030-04-06T15:15')],
    ]);
  });
  it('spring forward (6 Oct 2030): 02:00–02:30 does not exist', () => {
    expect(day('Australia/Lord_Howe', '2030-10-06', '08:00', '12:00')).toEqual([
      [z('2030-10-05T21:00'), z('2030-10-06T01:00')],
    ]);
    expect(day('Australia/Lord_Howe', '2030-10-06', '13:00', '17:00')).toEqual([
      [z('2030-10-06T02:00'), z('2030-10-06T06:00')],
    ]);
    expect(day('Australia/Lord_Howe', '2030-10-06', '02:15', '06:00')).toEqual([
      [z('2030-10-05T15:30'), z('2030-10-05T19:00')],
    ]);
  });
});

describe('09:00–17:00 over a week containing a switch', () => {
  it('is exactly 8 hours of UTC time every day, 09:00 and 17:00 local', () => {
    for (const zone of ['Europe/Paris', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe']) {
      const compiled = compileWorkingHours([{ days: ALL_DAYS, start: '09:00', end: '17:00' }]);
      if (!compiled.ok) throw new Error('rule');
      const range = { start: Date.parse('2030-03-05T00:00:00Z'), end: Date.parse('2030-04-10T00:00:00Z') };
      const out = expandWorkingHours(compiled.value, zoneOffsets(zone, range), range);
      expect(out.length).toBeGreaterThan(30);
      for (const iv of out.slice(1, -1)) {
        expect(iv.end - iv.start).toBe(8 * HOUR);
        expect(DateTime.fromMillis(iv.start, { zone }).toFormat('HH:mm')).toBe('09:00');
        expect(DateTime.fromMillis(iv.end, { zone }).toFormat('HH:mm')).toBe('17:00');
      }
    }
  });
});

describe('offset tables agree with Luxon', () => {
  const zones = [
    'Europe/Paris',
    'America/New_York',
    'Australia/Sydney',
    'America/St_Johns',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/Sao_Paulo',
    'Pacific/Auckland',
    'Africa/Casablanca',
    'UTC',
  ];
  const range = { start: Date.parse('2030-01-01T00:00:00Z'), end: Date.parse('2031-01-01T00:00:00Z') };
  const tables = new Map(zones.map((zone) => [zone, zoneOffsets(zone, range)]));

  it('offsetAt matches Luxon at random instants of 2030', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: range.start, max: range.end - 1 }),
        (zone, t) => {
          expect(offsetAt(tables.get(zone)!, t)).toBe(DateTime.fromMillis(t, { zone }).offset * 60_000);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('wallToInstant matches the Luxon-based reference, gaps and overlaps included', () => {
    // Wall times near 00:00–03:30 on switch dates hit the gap/overlap often.
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(
          '2030-03-10',
          '2030-03-31',
          '2030-04-07',
          '2030-10-06',
          '2030-10-27',
          '2030-11-03',
          '2030-06-15',
        ),
        fc.integer({ min: 0, max: 4 * 60 }),
        fc.constantFrom('start' as const, 'end' as const),
        (zone, date, minutes, boundary) => {
          const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
          const expected = refWallToInstant(zone, DateTime.fromISO(date), minutes, boundary);
          expect(wallToInstant(tables.get(zone)!, wall, boundary)).toBe(expected);
        },
      ),
      { numRuns: 400 },
    );
  });
});
