/**
 * A series rotating per occurrence between N members (src/core/series-rotation.ts): each turn's own series
 * (INTERVAL × N from occurrence `turn`) must hold exactly the occurrences `turn`, `turn + N`, … of the whole
 * series, over random rules, zones and DST changes; rules where that cannot hold are refused.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expandSeries, type SeriesRule } from '../../src/core/series.ts';
import { rotationRefusal, splitSeriesByTurn, turnOf } from '../../src/core/series-rotation.ts';

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney'];
const MAX = 400;

const ruleArb: fc.Arbitrary<{ rule: SeriesRule; firstDay: string }> = fc
  .record({
    kind: fc.constantFrom('DAILY', 'WEEKLY', 'WEEKLY_ON', 'MONTHLY', 'MONTHLY_NTH'),
    interval: fc.integer({ min: 1, max: 3 }),
    nth: fc.constantFrom(1, 2, 3, 4, -1),
    // Weekday of the first day (2027-03-01 is a Monday): the first occurrence is on the rule's day.
    day: fc.integer({ min: 0, max: 6 }),
    monthDay: fc.integer({ min: 1, max: 28 }),
    month: fc.constantFrom('2027-02', '2027-03', '2027-09', '2027-10'),
    end: fc.oneof(
      fc.integer({ min: 1, max: 30 }).map((count) => ({ count })),
      fc.integer({ min: 7, max: 300 }).map((days) => ({ days })),
    ),
  })
  .map((r) => {
    const monday = DateTime.fromISO(`${r.month}-01`).startOf('week');
    let firstDay = monday.plus({ days: r.day + 7 });
    if (r.kind === 'MONTHLY')
      firstDay = DateTime.fromISO(`${r.month}-${String(r.monthDay).padStart(2, '0')}`);
    if (r.kind === 'MONTHLY_NTH') {
      const start = DateTime.fromISO(`${r.month}-01`);
      const all = Array.from({ length: start.daysInMonth! }, (_, i) => start.plus({ days: i })).filter(
        (d) => d.weekday - 1 === r.day,
      );
      firstDay = r.nth === -1 ? all[all.length - 1]! : all[r.nth - 1]!;
    }
    const rule: SeriesRule = {
      freq: r.kind.startsWith('WEEKLY') ? 'WEEKLY' : r.kind.startsWith('MONTHLY') ? 'MONTHLY' : 'DAILY',
      interval: r.interval,
      ...(r.kind === 'WEEKLY_ON' ? { byDay: [{ n: 0, weekday: r.day }] } : {}),
      ...(r.kind === 'MONTHLY_NTH' ? { byDay: [{ n: r.nth, weekday: r.day }] } : {}),
      ...('count' in r.end
        ? { count: r.end.count }
        : { until: firstDay.plus({ days: r.end.days }).toISODate()! }),
    };
    return { rule, firstDay: firstDay.toISODate()! };
  });

describe('splitSeriesByTurn', () => {
  it('each turn holds exactly its occurrences of the series, over random rules, zones and DST', () => {
    fc.assert(
      fc.property(
        ruleArb,
        fc.constantFrom(...ZONES),
        fc.integer({ min: 6 * 4, max: 21 * 4 }),
        fc.integer({ min: 2, max: 6 }),
        ({ rule, firstDay }, zone, quarter, members) => {
          const first = DateTime.fromISO(firstDay, { zone })
            .plus({ minutes: quarter * 15 })
            .toMillis();
          const full = expandSeries(rule, first, zone, MAX);
          fc.pre(!full.capped);
          const split = splitSeriesByTurn(rule, first, zone, members);
          if (!split.ok) throw new Error(split.code);
          expect(split.turns.length).toBe(Math.min(members, full.starts.length));
          for (const t of split.turns) {
            expect(t.rule.interval).toBe(rule.interval * members);
            expect(expandSeries(t.rule, t.first, zone, MAX).starts).toEqual(
              full.starts.filter((_, k) => turnOf(k, members) === t.turn),
            );
          }
        },
      ),
      { numRuns: 200, seed: 22 },
    );
  });

  it('refuses rules whose turns would not be a fixed interval, and says why', () => {
    const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toMillis();
    const twoDays: SeriesRule = {
      freq: 'WEEKLY',
      interval: 1,
      byDay: [
        { n: 0, weekday: 0 },
        { n: 0, weekday: 3 },
      ],
      count: 8,
    };
    expect(splitSeriesByTurn(twoDays, paris('2027-03-01T10:00'), 'Europe/Paris', 2)).toEqual({
      ok: false,
      code: 'several_days_per_period',
    });
    // Days left out: each turn's native series would still hold them, so the hosts would disagree.
    const leftOut: SeriesRule = { freq: 'WEEKLY', interval: 1, count: 8, except: ['2027-03-15'] };
    expect(splitSeriesByTurn(leftOut, paris('2027-03-01T10:00'), 'Europe/Paris', 2)).toEqual({
      ok: false,
      code: 'days_left_out',
    });
    expect(
      splitSeriesByTurn({ ...leftOut, except: [] }, paris('2027-03-01T10:00'), 'Europe/Paris', 2).ok,
    ).toBe(true);
    // Monthly on the 31st skips the months without one: "every other month" from it would not be turns.
    const the31st: SeriesRule = { freq: 'MONTHLY', interval: 1, count: 6 };
    const first = paris('2027-01-31T10:00');
    expect(rotationRefusal(the31st, first, 'Europe/Paris')).toBe('month_day_not_every_month');
    const wrong = expandSeries({ ...the31st, interval: 2, count: 3 }, first, 'Europe/Paris').starts;
    const turn0 = expandSeries(the31st, first, 'Europe/Paris').starts.filter((_, k) => k % 2 === 0);
    expect(wrong).not.toEqual(turn0); // why it is refused
    expect(splitSeriesByTurn(the31st, first, 'Europe/Paris', 2)).toEqual({
      ok: false,
      code: 'month_day_not_every_month',
    });
    expect(splitSeriesByTurn({ freq: 'DAILY', interval: 1 }, first, 'Europe/Paris', 1)).toEqual({
      ok: false,
      code: 'members',
    });
  });

  it('shares a COUNT between the turns and leaves out turns without an occurrence', () => {
    const first = DateTime.fromISO('2027-03-02T10:00', { zone: 'Europe/Paris' }).toMillis();
    const split = splitSeriesByTurn({ freq: 'WEEKLY', interval: 2, count: 5 }, first, 'Europe/Paris', 3);
    if (!split.ok) throw new Error(split.code);
    expect(split.turns.map((t) => [t.turn, t.rule.count, t.rule.interval])).toEqual([
      [0, 2, 6],
      [1, 2, 6],
      [2, 1, 6],
    ]);
    const short = splitSeriesByTurn({ freq: 'WEEKLY', interval: 1, count: 2 }, first, 'Europe/Paris', 4);
    if (!short.ok) throw new Error(short.code);
    expect(short.turns.map((t) => t.turn)).toEqual([0, 1]);
  });
});
