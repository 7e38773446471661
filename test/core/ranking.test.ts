import { describe, expect, it } from 'vitest';
import type { Slot } from '../../src/core/availability.ts';
import { HOUR } from '../../src/core/interval.ts';
import type { RankInput } from '../../src/core/ranking.ts';
import { rankProposals } from '../../src/core/ranking.ts';
import { schedule } from '../../src/core/schedule.ts';
import { createZoneCache } from '../../src/core/zone-offsets.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString().slice(0, 16);
const WINDOW = { start: at('2030-03-04T00:00:00Z'), end: at('2030-03-08T00:00:00Z') };

function slot(start: string, available: (string | number)[], hours = 1): Slot {
  return { start: at(start), end: at(start) + hours * HOUR, available };
}

function input(
  slots: Slot[],
  participants: RankInput['participants'],
  extra: Partial<RankInput> = {},
): RankInput {
  return {
    slots,
    participants,
    mode: 'COLLECTIVE',
    window: WINDOW,
    bookerTimeZone: 'UTC',
    zones: createZoneCache(WINDOW),
    ...extra,
  };
}

const UTC_PAIR = [
  { id: 'ana', timeZone: 'UTC' },
  { id: 'ben', timeZone: 'UTC' },
];

describe('rankProposals', () => {
  it('spreads proposals across days instead of taking the first few', () => {
    const slots: Slot[] = [];
    for (const d of ['04', '05', '06'])
      for (const h of ['10', '11', '12', '13', '14'])
        slots.push(slot(`2030-03-${d}T${h}:00:00Z`, ['ana', 'ben']));
    const picks = rankProposals(input(slots, UTC_PAIR), { count: 3 });
    expect(picks.map((p) => iso(p.start))).toEqual([
      '2030-03-04T10:00',
      '2030-03-05T10:00',
      '2030-03-06T10:00',
    ]);
    expect(picks.map((p) => p.rank)).toEqual([1, 2, 3]);
  });

  it('prefers core hours over earlier out-of-hours times', () => {
    const slots = [
      slot('2030-03-04T07:00:00Z', ['ana', 'ben']),
      slot('2030-03-04T11:00:00Z', ['ana', 'ben']),
    ];
    const [first, second] = rankProposals(input(slots, UTC_PAIR), { count: 2 });
    expect(iso(first!.start)).toBe('2030-03-04T11:00');
    expect(first!.outsideCoreHours).toEqual([]);
    expect(iso(second!.start)).toBe('2030-03-04T07:00');
    expect(second!.outsideCoreHours).toEqual(['ana', 'ben']);
    expect(second!.summary).toBe('all 2 free, outside core hours for ana, ben');
  });

  it('shares out-of-hours pain across zones rather than loading one person', () => {
    // Core hours 10:00–12:00 local. Moscow is UTC+3, so its core hours are 07:00–09:00Z.
    const people = [
      { id: 'ana', timeZone: 'UTC' },
      { id: 'oleg', timeZone: 'Europe/Moscow' },
    ];
    const slots = [
      slot('2030-03-04T08:00:00Z', ['ana', 'oleg']), // ana 2 h early, oleg fine
      slot('2030-03-04T09:00:00Z', ['ana', 'oleg']), // ana 1 h early, oleg 1 h late
      slot('2030-03-04T10:00:00Z', ['ana', 'oleg']), // ana fine, oleg 2 h late
    ];
    const [best] = rankProposals(input(slots, people), {
      count: 1,
      coreHours: { start: '10:00', end: '12:00' },
    });
    expect(iso(best!.start)).toBe('2030-03-04T09:00');
    expect(best!.outsideCoreHours).toEqual(['ana', 'oleg']);
  });

  it('gives machine-readable reasons and a summary naming who is busy', () => {
    const people = [
      { id: 'ana', timeZone: 'UTC' },
      { id: 'ben', timeZone: 'UTC' },
      { id: 'li', timeZone: 'UTC', optional: true },
    ];
    const slots = [
      slot('2030-03-04T10:00:00Z', ['ana', 'ben']),
      slot('2030-03-05T10:00:00Z', ['ana', 'ben', 'li']),
    ];
    const picks = rankProposals(input(slots, people));
    // The later day wins because li can come; missing an optional attendee costs more than a day's delay.
    expect(picks.map((p) => [iso(p.start), p.reason, p.summary])).toEqual([
      ['2030-03-05T10:00', { code: 'all_free', free: 3, total: 3 }, 'all 3 free'],
      ['2030-03-04T10:00', { code: 'partial', free: 2, total: 3, busy: ['li'] }, '2 of 3 free, li busy'],
    ]);
  });

  it('an optional attendee who is free never ranks below the same slot without them, even out of hours (issue #20)', () => {
    const people = [
      { id: 'ana', timeZone: 'UTC' },
      { id: 'ben', timeZone: 'UTC' },
      { id: 'sam', timeZone: 'UTC', optional: true },
    ];
    // 08:00 is two hours before everyone's core hours, on both days; only Sam's availability differs.
    const slots = [
      slot('2030-03-04T08:00:00Z', ['ana', 'ben']),
      slot('2030-03-05T08:00:00Z', ['ana', 'ben', 'sam']),
    ];
    const picks = rankProposals(input(slots, people));
    expect(picks.map((p) => [iso(p.start), p.reason.code, p.summary])).toEqual([
      ['2030-03-05T08:00', 'all_free', 'all 3 free, outside core hours for ana, ben, sam'],
      ['2030-03-04T08:00', 'partial', '2 of 3 free, sam busy, outside core hours for ana, ben'],
    ]);
    // Sam far away (free at 04:00 his time): still better with him than without him.
    const far = [people[0]!, people[1]!, { id: 'sam', timeZone: 'Pacific/Honolulu', optional: true }];
    const nearNoon = [
      slot('2030-03-04T12:00:00Z', ['ana', 'ben']),
      slot('2030-03-05T12:00:00Z', ['ana', 'ben', 'sam']),
    ];
    expect(iso(rankProposals(input(nearNoon, far), { count: 1 })[0]!.start)).toBe('2030-03-05T12:00');
  });

  it('prefers earlier dates when everything else is equal, and is deterministic', () => {
    const slots = [
      slot('2030-03-04T12:00:00Z', ['ana', 'ben']),
      slot('2030-03-06T12:00:00Z', ['ana', 'ben']),
    ];
    const a = rankProposals(input(slots, UTC_PAIR), { count: 1 });
    expect(iso(a[0]!.start)).toBe('2030-03-04T12:00');
    expect(rankProposals(input(slots, UTC_PAIR), { count: 1 })).toEqual(a);
  });

  it('avoids overlapping proposals while other slots remain', () => {
    const slots = [
      slot('2030-03-04T10:00:00Z', ['ana', 'ben']),
      slot('2030-03-04T10:30:00Z', ['ana', 'ben']),
      slot('2030-03-04T11:00:00Z', ['ana', 'ben']),
    ];
    const picks = rankProposals(input(slots, UTC_PAIR), { count: 2 });
    expect(picks.map((p) => iso(p.start))).toEqual(['2030-03-04T10:00', '2030-03-04T11:00']);
  });

  it('round robin: scores the most comfortable free member and reports the busy ones', () => {
    const people = [
      { id: 'ana', timeZone: 'UTC' },
      { id: 'kai', timeZone: 'Asia/Tokyo' }, // UTC+9: 10:00Z is 19:00 in Tokyo
    ];
    const slots = [slot('2030-03-04T01:00:00Z', ['kai']), slot('2030-03-04T10:00:00Z', ['ana', 'kai'])];
    const picks = rankProposals(input(slots, people, { mode: 'ROUND_ROBIN' }), { count: 2 });
    expect(picks[0]).toMatchObject({ reason: { code: 'all_free', free: 2, total: 2 }, outsideCoreHours: [] });
    expect(iso(picks[0]!.start)).toBe('2030-03-04T10:00');
    expect(picks[1]).toMatchObject({
      reason: { code: 'partial', busy: ['ana'] },
      summary: '1 of 2 free, ana busy',
    });
  });
});

describe('schedule', () => {
  it('returns slots and proposals, and rejects bad core hours as a value', () => {
    const request = {
      window: { start: at('2030-03-04T00:00:00Z'), end: at('2030-03-07T00:00:00Z') },
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      bookerTimeZone: 'UTC',
      mode: 'COLLECTIVE' as const,
      participants: [
        {
          id: 'ana',
          timeZone: 'UTC',
          workingHours: [{ days: [1, 2, 3], start: '09:00', end: '17:00' }],
          busy: [],
        },
      ],
    };
    const ok = schedule(request, { count: 3 });
    if (!ok.ok) throw new Error(ok.error.message);
    expect(ok.value.slots).toHaveLength(3 * 16);
    expect(ok.value.proposals.map((p) => iso(p.start))).toEqual([
      '2030-03-04T10:00',
      '2030-03-05T10:00',
      '2030-03-06T10:00',
    ]);
    expect(schedule(request, { coreHours: { start: '16:00', end: '10:00' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_core_hours' },
    });
  });
});
