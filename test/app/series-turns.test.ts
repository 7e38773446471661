/**
 * A round-robin team taking turns per occurrence (issue #22): the search checks each member on their own
 * turn only; each member's calendar gets their turn's recurring event; who attends occurrence k; the
 * confirmation's "who hosts which dates" in every language.
 */
import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/app/ports/store.ts';
import type { RankedSlot } from '../../src/app/request/rank.ts';
import { planSeries, rankOverSeries } from '../../src/app/request/series.ts';
import type { Member } from '../../src/app/request/types.ts';
import {
  attends,
  hostOf,
  planTurns,
  type TurnPlan,
  turnEvent,
  turnHolds,
  turnsLine,
} from '../../src/app/series-turns.ts';
import type { SeriesRule } from '../../src/core/series.ts';

const ZONE = 'Europe/Paris';
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
// Tuesday 1 December 2026, 10:00 Paris; now is the Monday before.
const FIRST = Date.UTC(2026, 11, 1, 9);
const NOW = Date.UTC(2026, 10, 30, 8);
const tue = (n: number) => FIRST + n * WEEK;
const weekly = (count?: number): SeriesRule => ({
  freq: 'WEEKLY',
  interval: 1,
  byDay: [{ n: 0, weekday: 1 }],
  ...(count !== undefined ? { count } : {}),
});

function plan(rule: SeriesRule, members: readonly string[]): TurnPlan {
  const p = planTurns(rule, FIRST, ZONE, members);
  if (!p.ok) throw new Error(p.code);
  return p.plan;
}

describe('planTurns', () => {
  it('gives member i occurrences i, i + N, …: hosts, attendance and each member’s own recurring event', () => {
    const p = plan(weekly(5), ['ana', 'li']);
    expect([0, 1, 2, 3, 4].map((k) => hostOf(p, k))).toEqual(['ana', 'li', 'ana', 'li', 'ana']);
    // The organiser attends every occurrence; a member only their own.
    expect([0, 1, 2].map((k) => attends(p, 'org', k))).toEqual([true, true, true]);
    expect([0, 1, 2].map((k) => attends(p, 'li', k))).toEqual([false, true, false]);
    expect(turnEvent(p, 'ana', HOUR)).toMatchObject({
      start: tue(0),
      end: tue(0) + HOUR,
      recurrence: { freq: 'WEEKLY', interval: 2, byDay: ['TU'], count: 3, timeZone: ZONE },
    });
    expect(turnEvent(p, 'li', HOUR)).toMatchObject({
      start: tue(1),
      recurrence: { freq: 'WEEKLY', interval: 2, count: 2 },
    });
    expect(turnEvent(p, 'org', HOUR)).toBeNull();
  });

  it("holds each booked member at their own first occurrence when it is not the series' first", () => {
    const p = plan(weekly(6), ['ana', 'li', 'bo']);
    // Ana's turn starts at the first occurrence (she holds the booking's range); the organiser has no turn;
    // Bo was not booked (left out): no hold.
    expect(turnHolds(p, ['org', 'ana', 'li'], FIRST, HOUR)).toEqual({
      li: { start: tue(1), end: tue(1) + HOUR },
    });
    expect(turnHolds(p, ['li', 'bo'], FIRST, 30 * 60_000)).toEqual({
      li: { start: tue(1), end: tue(1) + 30 * 60_000 },
      bo: { start: tue(2), end: tue(2) + 30 * 60_000 },
    });
  });

  it('refuses rules that do not split and fewer than two members (one member hosts the series)', () => {
    const twoDays: SeriesRule = {
      freq: 'WEEKLY',
      interval: 1,
      byDay: [
        { n: 0, weekday: 1 },
        { n: 0, weekday: 3 },
      ],
    };
    expect(planTurns(twoDays, FIRST, ZONE, ['ana', 'li'])).toEqual({
      ok: false,
      code: 'several_days_per_period',
    });
    expect(planTurns(weekly(4), FIRST, ZONE, ['ana', 'ana'])).toEqual({ ok: false, code: 'members' });
  });
});

describe('turnsLine', () => {
  it('says who hosts which dates, in each language, with the rest counted', () => {
    const p = plan(weekly(10), ['ana', 'li']);
    const names = (id: string) => (id === 'ana' ? 'Ana' : 'Li');
    expect(turnsLine(p, names, ZONE, 'en')).toBe(
      'Turns: Ana on Tue 1 Dec, Tue 15 Dec, Tue 29 Dec and 2 more; Li on Tue 8 Dec, Tue 22 Dec, Tue 5 Jan and 2 more.',
    );
    expect(turnsLine(plan(weekly(4), ['ana', 'li']), names, ZONE, 'fr')).toMatch(
      /^Tours : Ana le mar\. 1 déc\.? et mar\. 15 déc\.? ; Li le mar\. 8 déc\.? et mar\. 22 déc\.?\.$/,
    );
    expect(turnsLine(plan(weekly(), ['ana', 'li']), names, ZONE, 'de')).toMatch(
      /^Reihenfolge: Ana am Di\.? 1\.? Dez\.?, Di\.? 15\.? Dez\.?, Di\.? 29\.? Dez\.? und so weiter; Li am .* und so weiter\.$/,
    );
  });
});

describe('rankOverSeries with turns', () => {
  const member = (id: string, extra: Partial<Member> = {}): Member => ({
    person: { id, displayName: id } as Person,
    name: id,
    timeZone: ZONE,
    workingHours: { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], overrides: [] },
    requester: false,
    pool: true,
    optional: false,
    ...extra,
  });
  const members = [member('org', { requester: true, pool: false }), member('ana'), member('li')];
  const series = planSeries({
    rule: weekly(6),
    zone: ZONE,
    window: { start: FIRST - HOUR, end: FIRST + 3 * HOUR },
    durationMinutes: 30,
    now: NOW,
    limits: undefined,
  });
  const slot = (start: number) => ({ start, end: start + 30 * 60_000, score: 1 }) as unknown as RankedSlot;
  const busy = (weeks: readonly number[], at = 0) =>
    weeks.map((n) => ({ start: tue(n) + at, end: tue(n) + at + HOUR }));

  it('a member busy on a turn that is not theirs does not block; busy on their own turn does', () => {
    // 10:00: Ana is busy on Li's Tuesdays (1, 3, 5), Li on Ana's (0, 2, 4): free on every turn.
    // 12:00: Li is busy on her own Tuesday 3.
    const busyById = new Map([
      ['ana', busy([1, 3, 5])],
      ['li', [...busy([0, 2, 4]), ...busy([3], 2 * HOUR)]],
    ]);
    const args = {
      plan: series,
      pool: [slot(tue(0) + 2 * HOUR), slot(tue(0))],
      members,
      busyById,
      durationMinutes: 30,
      roundRobin: true,
      count: 5,
    };
    const turns = rankOverSeries({ ...args, turnsOf: () => ['ana', 'li'] });
    expect(turns.ranked.map((s) => s.start)).toEqual([tue(0), tue(0) + 2 * HOUR]);
    expect(turns.byStart.get(tue(0))).toMatchObject({ occurrences: 6, free: 6, conflicts: [] });
    expect(turns.byStart.get(tue(0) + 2 * HOUR)!.conflicts).toEqual([
      expect.objectContaining({ index: 3, people: [{ id: 'li', reason: 'busy' }] }),
    ]);
    // Without turns the pool's members are not checked over the series (one of them hosts it).
    const fixed = rankOverSeries(args);
    expect(fixed.byStart.get(tue(0) + 2 * HOUR)!.conflicts).toEqual([]);
  });
});
