/**
 * Ranked weekdays of a series (issue #22 phrases `every 2nd and 4th tuesday`, `the second to last friday of
 * the month`): written to calendars as BYDAY with BYSETPOS over the same dates the search checked, refused
 * by Outlook where it cannot say them, and worded in every language.
 */
import { describe, expect, it } from 'vitest';
import { eventRecurrence, patternLabel, readingLabel, seriesLabel } from '../../src/app/series.ts';
import { checkGraphRecurrence } from '../../src/connectors/microsoft/mapper.ts';
import { checkCommon, rruleText } from '../../src/connectors/recurrence.ts';
import { expandRule, parseRule } from '../../src/core/recurrence.ts';
import type { SeriesRule } from '../../src/core/series.ts';

const ZONE = 'Europe/Paris';
// Tuesday 8 December 2026, 10:00 Paris (the second Tuesday of the month).
const FIRST = Date.UTC(2026, 11, 8, 9);
const secondAndFourth: SeriesRule = {
  freq: 'MONTHLY',
  interval: 1,
  byDay: [
    { n: 2, weekday: 1 },
    { n: 4, weekday: 1 },
  ],
  until: '2027-06-30',
};

/** The dates (UTC days) an RRULE value gives from 8 December 2026 through June 2027. */
function dates(rrule: string): string[] {
  const parsed = parseRule(rrule);
  if (!parsed.ok) throw new Error(rrule);
  const start = Date.UTC(2026, 11, 8, 10);
  return expandRule(parsed.rule, {
    start,
    toWall: Date.UTC(2027, 5, 30, 23),
    maxSteps: 100_000,
  }).instances.map((w) => new Date(w).toISOString().slice(0, 10));
}

describe('ranked weekdays written to calendars', () => {
  it('several ranks of one weekday become BYSETPOS with all of them, over the dates the search checks', () => {
    const rule = eventRecurrence(secondAndFourth, ZONE);
    expect(rule).toMatchObject({ freq: 'MONTHLY', byDay: ['TU'], bySetPos: [2, 4] });
    const written = rruleText({ ...rule, until: undefined });
    expect(written).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=TU;BYSETPOS=2,4');
    // The search expands the parser's BYDAY=2TU,4TU: the calendar gets the same dates.
    expect(dates(written)).toEqual(dates('FREQ=MONTHLY;BYDAY=2TU,4TU'));
    expect(dates(written).slice(0, 4)).toEqual(['2026-12-08', '2026-12-22', '2027-01-12', '2027-01-26']);
    expect(checkCommon(rule)).toEqual({ ok: true });
  });

  it('one rank of several weekdays (`first monday and wednesday`) becomes their positions, over the same dates', () => {
    const firstMoWe: SeriesRule = {
      freq: 'MONTHLY',
      interval: 1,
      byDay: [
        { n: 1, weekday: 0 },
        { n: 1, weekday: 2 },
      ],
    };
    const rule = eventRecurrence(firstMoWe, ZONE);
    expect(rule).toMatchObject({ freq: 'MONTHLY', byDay: ['MO', 'WE'], bySetPos: [1, 2] });
    const written = rruleText(rule);
    expect(written).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=MO,WE;BYSETPOS=1,2');
    expect(dates(written)).toEqual(dates('FREQ=MONTHLY;BYDAY=1MO,1WE'));
    // After the start (8 December): January's first Monday (4th) and first Wednesday (6th), February's 1st and 3rd.
    expect(dates(written).slice(1, 5)).toEqual(['2027-01-04', '2027-01-06', '2027-02-01', '2027-02-03']);
    const lastTwo = eventRecurrence(
      {
        freq: 'MONTHLY',
        interval: 1,
        byDay: [
          { n: -1, weekday: 0 },
          { n: -1, weekday: 4 },
        ],
      },
      ZONE,
    );
    expect(lastTwo.bySetPos).toEqual([-1, -2]);
    expect(dates(rruleText(lastTwo))).toEqual(dates('FREQ=MONTHLY;BYDAY=-1MO,-1FR'));
    // Outlook says one rank of one weekday only: refused rather than written as another series.
    expect(checkGraphRecurrence(rule)).toMatchObject({ ok: false, code: 'recurrence_unsupported' });
    expect(seriesLabel(firstMoWe, FIRST, ZONE, 'en')).toBe('the first Monday and Wednesday of every month');
  });

  it('a rank per weekday (`first monday and third wednesday`) is written as ranked BYDAY, over the same dates', () => {
    const mixed: SeriesRule = {
      freq: 'MONTHLY',
      interval: 1,
      byDay: [
        { n: 1, weekday: 0 },
        { n: 3, weekday: 2 },
      ],
    };
    const rule = eventRecurrence(mixed, ZONE);
    // No BYSETPOS over Mondays and Wednesdays says it (it would give 1MO, 1WE, 3MO, 3WE or a month's order).
    expect(rule).toMatchObject({ freq: 'MONTHLY', byDay: ['MO', 'WE'], byDayRanks: [1, 3] });
    expect(rule.bySetPos).toBeUndefined();
    const written = rruleText(rule);
    expect(written).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=1MO,3WE');
    // After the start (8 December): the third Wednesday of December, then each month's first Monday and third Wednesday.
    expect(dates(written).slice(1, 6)).toEqual([
      '2026-12-16',
      '2027-01-04',
      '2027-01-20',
      '2027-02-01',
      '2027-02-17',
    ]);
    expect(checkCommon(rule)).toEqual({ ok: true });
    expect(checkCommon({ ...rule, byDayRanks: [1] })).toMatchObject({ ok: false });
    expect(checkGraphRecurrence(rule)).toMatchObject({ ok: false, code: 'recurrence_unsupported' });
    expect(seriesLabel(mixed, FIRST, ZONE, 'en')).toBe(
      'the first Monday and the third Wednesday of every month',
    );
    expect(seriesLabel(mixed, FIRST, ZONE, 'fr')).toBe(
      'le premier lundi et le troisième mercredi de chaque mois',
    );
    expect(seriesLabel(mixed, FIRST, ZONE, 'de')).toBe(
      'am ersten Montag und am dritten Mittwoch jedes Monats',
    );
    expect(
      patternLabel(
        {
          ...mixed,
          byDay: [
            { n: 2, weekday: 1 },
            { n: -1, weekday: 3 },
          ],
        },
        'en',
      ),
    ).toBe('the second Tuesday and the last Thursday of every month');
  });

  it('Outlook refuses several ranks and second to last as a value; one rank still maps', () => {
    expect(checkGraphRecurrence(eventRecurrence(secondAndFourth, ZONE))).toMatchObject({
      ok: false,
      code: 'recurrence_unsupported',
    });
    const penultimate = eventRecurrence(
      { freq: 'MONTHLY', interval: 1, byDay: [{ n: -2, weekday: 4 }] },
      ZONE,
    );
    expect(penultimate.bySetPos).toBe(-2);
    expect(checkGraphRecurrence(penultimate)).toMatchObject({ ok: false, code: 'recurrence_unsupported' });
    const second = eventRecurrence({ freq: 'MONTHLY', interval: 1, byDay: [{ n: 2, weekday: 1 }] }, ZONE);
    expect(second.bySetPos).toBe(2);
    expect(checkGraphRecurrence(second)).toEqual({ ok: true });
  });
});

describe('ranked weekdays and asked readings in words', () => {
  it('names every rank, second to last included, in each language', () => {
    expect(seriesLabel({ ...secondAndFourth, until: undefined }, FIRST, ZONE, 'en')).toBe(
      'the second and the fourth Tuesday of every month',
    );
    expect(seriesLabel({ ...secondAndFourth, until: undefined }, FIRST, ZONE, 'fr')).toBe(
      'le deuxième et le quatrième mardi de chaque mois',
    );
    expect(seriesLabel({ ...secondAndFourth, until: undefined }, FIRST, ZONE, 'de')).toBe(
      'am zweiten und am vierten Dienstag jedes Monats',
    );
    const penultimate: SeriesRule = { freq: 'MONTHLY', interval: 1, byDay: [{ n: -2, weekday: 4 }] };
    expect(patternLabel(penultimate, 'en')).toBe('the second to last Friday of every month');
    expect(patternLabel(penultimate, 'fr')).toBe('l’avant-dernier vendredi de chaque mois');
  });

  it('words the readings a question offers', () => {
    expect(readingLabel('FREQ=MONTHLY;INTERVAL=2', 'en')).toBe('every other month');
    expect(readingLabel('FREQ=WEEKLY;INTERVAL=2', 'en')).toBe('every other week');
    expect(readingLabel('FREQ=WEEKLY;BYDAY=MO,TH', 'en')).toBe('every Monday and Thursday');
    expect(readingLabel('FREQ=MONTHLY;BYDAY=1TU,3TU', 'fr')).toBe(
      'le premier et le troisième mardi de chaque mois',
    );
    expect(readingLabel('FREQ=MONTHLY;INTERVAL=24', 'de')).toBe('alle 24 Monate');
    expect(readingLabel('not a rule', 'en')).toBe('not a rule');
  });
});
