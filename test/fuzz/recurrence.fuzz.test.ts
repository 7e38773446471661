/**
 * Fuzz test of recurrence expansion (issue #15): random RRULEs (every part, at every FREQ, with
 * negative indexes, BYSETPOS, WKST, COUNT, UNTIL) from random DTSTARTs, and random feeds made of such
 * events mixed with bad lines. Every expansion must finish within its budget, never throw, and give
 * well-formed instances. CPU time of this thread is judged (test/support/cpu-time.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandIcs } from '../../src/connectors/ics/expand.ts';
import { expandRule, parseRule } from '../../src/core/recurrence.ts';
import { timeCallWithin } from '../support/cpu-time.ts';

const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const signed = (max: number) => fc.integer({ min: -max, max }).filter((n) => n !== 0);
const list = (arb: fc.Arbitrary<number | string>, max = 4) => fc.array(arb, { minLength: 1, maxLength: max });
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateArb = fc
  .record({
    y: fc.integer({ min: 1990, max: 2040 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ y, m, d, h, mi }) => ({ date: `${y}${pad(m)}${pad(d)}`, time: `T${pad(h)}${pad(mi)}00` }));

const ruleArb = fc
  .record(
    {
      FREQ: fc.constantFrom(...FREQS),
      INTERVAL: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 100_000 })),
      COUNT: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 999_999_999 })),
      UNTIL: dateArb.map(({ date, time }) => `${date}${time}Z`),
      WKST: fc.constantFrom(...DAYS),
      BYDAY: list(
        fc
          .tuple(fc.option(signed(53), { nil: undefined }), fc.constantFrom(...DAYS))
          .map(([n, d]) => `${n ?? ''}${d}`),
      ),
      BYMONTHDAY: list(signed(31)),
      BYYEARDAY: list(signed(366)),
      BYWEEKNO: list(signed(53)),
      BYMONTH: list(fc.integer({ min: 1, max: 12 })),
      BYHOUR: list(fc.integer({ min: 0, max: 23 }), 24),
      BYMINUTE: list(fc.integer({ min: 0, max: 59 }), 60),
      BYSECOND: list(fc.integer({ min: 0, max: 60 }), 60),
      BYSETPOS: list(signed(366)),
    },
    { requiredKeys: ['FREQ'] },
  )
  .map((parts) =>
    Object.entries(parts)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`)
      .join(';'),
  );

const dtstartArb = fc
  .tuple(dateArb, fc.constantFrom('date', 'floating', 'utc', 'paris', 'new-york', 'lord-howe'))
  .map(([{ date, time }, kind]) => {
    switch (kind) {
      case 'date':
        return `DTSTART;VALUE=DATE:${date}`;
      case 'floating':
        return `DTSTART:${date}${time}`;
      case 'utc':
        return `DTSTART:${date}${time}Z`;
      case 'paris':
        return `DTSTART;TZID=Europe/Paris:${date}${time}`;
      case 'new-york':
        return `DTSTART;TZID=America/New_York:${date}${time}`;
      default:
        return `DTSTART;TZID=Australia/Lord_Howe:${date}${time}`;
    }
  });

const eventArb = fc
  .tuple(fc.nat(1000), dtstartArb, ruleArb, fc.constantFrom('DURATION:PT1H', 'DURATION:P1D', 'DURATION:PT1S'))
  .map(([uid, dtstart, rule, duration]) => [
    'BEGIN:VEVENT',
    `UID:fuzz-${uid}@convene.test`,
    dtstart,
    duration,
    `RRULE:${rule}`,
    'END:VEVENT',
  ]);

const GARBAGE = [
  'RRULE:FREQ=',
  'DTSTART:2030',
  'BEGIN:VEVENT',
  'END:VEVENT',
  'EXDATE:x',
  'RDATE;VALUE=PERIOD:a/b',
  ':',
  'FREEBUSY:20300101T000000Z/P',
];
const feedArb = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: eventArb },
      { weight: 1, arbitrary: fc.constantFrom(...GARBAGE).map((l) => [l]) },
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((parts) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...parts.flat(), 'END:VCALENDAR'].join('\r\n'));

const rangeArb = fc
  .tuple(
    fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
    fc.integer({ min: 1, max: 120 }),
  )
  .map(([start, days]) => ({ start, end: start + days * 86_400_000 }));

/** Budgets given to the expansion, and the slack allowed over them for the work between two checks. */
const SERIES_MS = 10;
const TOTAL_MS = 50;
const SLACK_MS = 50;

describe('recurrence fuzz', () => {
  it('the engine stays within its step budget and returns ascending instances that respect COUNT and UNTIL', () => {
    fc.assert(
      fc.property(ruleArb, dateArb, fc.boolean(), (text, { date, time }, isDate) => {
        const parsed = parseRule(text);
        if (!parsed.ok) return;
        const start = Date.parse(
          `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}${isDate ? 'T00:00:00' : `${time.slice(0, 3)}:${time.slice(3, 5)}:00`}Z`,
        );
        const untilWall = parsed.rule.until?.wall;
        const result = expandRule(parsed.rule, {
          start,
          isDate,
          untilWall,
          toWall: start + 400 * 86_400_000,
          maxInstances: 500,
          maxSteps: 20_000,
        });
        // One check may overshoot by one day's candidates (at most 86,400 times of day).
        expect(result.steps).toBeLessThanOrEqual(20_000 + 86_400);
        const list = result.instances;
        if (parsed.rule.count !== 0 && (untilWall === undefined || untilWall >= start))
          expect(list[0]).toBe(start);
        for (let i = 1; i < list.length; i++) expect(list[i]!).toBeGreaterThan(list[i - 1]!);
        if (parsed.rule.count !== undefined) expect(list.length).toBeLessThanOrEqual(parsed.rule.count);
        if (untilWall !== undefined)
          for (const w of list) expect(w).toBeLessThanOrEqual(Math.max(untilWall, start));
        if (isDate) for (const w of list) expect(w % 86_400_000).toBe(0);
      }),
      { numRuns: 3_000 },
    );
  });

  it(`every feed expansion finishes within its time budget (${TOTAL_MS} ms + ${SLACK_MS} ms) and never throws`, () => {
    let slowest = 0;
    fc.assert(
      fc.property(feedArb, rangeArb, (text, range) => {
        const { value, time } = timeCallWithin(
          () => expandIcs(text, range, { timeBudgetPerSeriesMs: SERIES_MS, timeBudgetTotalMs: TOTAL_MS }),
          TOTAL_MS + SLACK_MS,
        );
        slowest = Math.max(slowest, time.cpuMs);
        expect(time.cpuMs).toBeLessThan(TOTAL_MS + SLACK_MS);
        expect(value.ok).toBe(true);
        if (!value.ok) return;
        for (const b of value.busy) {
          expect(b.start).toBeGreaterThanOrEqual(range.start);
          expect(b.end).toBeLessThanOrEqual(range.end);
          expect(b.end).toBeGreaterThan(b.start);
        }
        for (const w of value.warnings) expect(w).not.toContain('\n');
      }),
      { numRuns: 400 },
    );
    console.log(`recurrence fuzz: slowest feed expansion ${slowest.toFixed(1)} ms CPU`);
  });
});
