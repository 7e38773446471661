/** A series in words (src/app/series.ts seriesLabel): its end names the last meeting, in each language. */
import { describe, expect, it } from 'vitest';
import { seriesLabel } from '../../src/app/series.ts';
import type { SeriesRule } from '../../src/core/series.ts';

const ZONE = 'Europe/Paris';
// Thursday 26 November 2026, 10:00 Paris.
const FIRST = Date.UTC(2026, 10, 26, 9);
const thursdays: SeriesRule = { freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 3 }] };

describe('seriesLabel', () => {
  it("names the last meeting's day, not the rule's UNTIL day (a default end three months on is a Tuesday)", () => {
    const rule = { ...thursdays, until: '2027-02-23' };
    expect(seriesLabel(rule, FIRST, ZONE, 'en')).toBe('every Thursday, until Thu 18 Feb');
    expect(seriesLabel(rule, FIRST, ZONE, 'fr')).toBe('chaque jeudi, jusqu’au jeu. 18 févr.');
    expect(seriesLabel(rule, FIRST, ZONE, 'de')).toBe('jeden Donnerstag, bis Do. 18 Feb.');
  });

  it('names the last meeting kept when the last dates are left out', () => {
    const rule = { ...thursdays, until: '2027-02-23', except: ['2027-02-18', '2027-02-11'] };
    expect(seriesLabel(rule, FIRST, ZONE, 'en')).toBe(
      'every Thursday, until Thu 4 Feb, except Thu 18 Feb and Thu 11 Feb',
    );
  });

  it("keeps the rule's UNTIL for a series too long to list", () => {
    const rule: SeriesRule = { freq: 'DAILY', interval: 1, until: '2036-02-23' };
    expect(seriesLabel(rule, FIRST, ZONE, 'en')).toBe('every day, until Sat 23 Feb');
  });
});
