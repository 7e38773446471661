/**
 * Acceptance simulation for rotations: weights 1:1:2:4, random availability (seeded), 2,000 bookings
 * over a quarter with a monthly fairness window; and a member added mid-window is not flooded.
 * A naive chooser (target = weight share of the WHOLE window, no proration) is run through the same
 * checks to prove they can fail.
 */
import { describe, expect, it } from 'vitest';
import {
  type ChooseMemberInput,
  chooseMember,
  fairnessWindow,
  type RotationBooking,
  type RotationMemberState,
} from '../../src/core/rotation.ts';

const DAY = 86_400_000;
const QUARTER_START = Date.UTC(2026, 0, 1);
const QUARTER_END = Date.UTC(2026, 3, 1);

/** mulberry32: small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Chooser = (input: ChooseMemberInput) => string | null;

const convene: Chooser = (input) => {
  const result = chooseMember(input);
  return result.ok ? result.memberId : null;
};

/** Naive: target = weight share of every booking of the window, whenever the member joined. */
const naive: Chooser = (input) => {
  const inWindow = input.history.filter((b) => b.at >= input.window.start && b.at < input.window.end);
  const active = input.members.filter((m) => m.joinedAt <= input.now);
  const total = active.reduce((s, m) => s + m.weight, 0);
  let best: string | null = null;
  let bestShortfall = Number.NEGATIVE_INFINITY;
  for (const m of active) {
    if (!input.availableIds.includes(m.id)) continue;
    const count = inWindow.filter((b) => b.memberId === m.id).length;
    const shortfall = ((inWindow.length + 1) * m.weight) / total - count;
    if (shortfall > bestShortfall) {
      bestShortfall = shortfall;
      best = m.id;
    }
  }
  return best;
};

/** Random availability: each member free with probability 0.7, at least one free. */
function randomAvailable(random: () => number, ids: readonly string[]): string[] {
  for (;;) {
    const free = ids.filter(() => random() < 0.7);
    if (free.length > 0) return free;
  }
}

function simulate(
  choose: Chooser,
  members: readonly RotationMemberState[],
  times: readonly number[],
  seed: number,
): RotationBooking[] {
  const random = prng(seed);
  const history: RotationBooking[] = [];
  for (const now of times) {
    const window = fairnessWindow(now, 'Europe/Paris', 'month');
    const present = members.filter((m) => m.joinedAt <= now).map((m) => m.id);
    const memberId = choose({
      members,
      history,
      window,
      now,
      availableIds: randomAvailable(random, present),
    });
    if (memberId !== null) history.push({ memberId, at: now });
  }
  return history;
}

function bookingTimes(count: number, start: number, end: number, seed: number): number[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => start + Math.floor(random() * (end - start))).sort(
    (a, b) => a - b,
  );
}

const TEAM: RotationMemberState[] = [
  { id: 'ana', weight: 1, priority: 0, joinedAt: 0 },
  { id: 'bo', weight: 1, priority: 0, joinedAt: 0 },
  { id: 'chen', weight: 2, priority: 0, joinedAt: 0 },
  { id: 'dee', weight: 4, priority: 0, joinedAt: 0 },
];

function shares(history: readonly RotationBooking[], ids: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    ids.map((id) => [id, history.filter((b) => b.memberId === id).length / history.length]),
  );
}

describe('rotation simulation (acceptance)', () => {
  for (const seed of [1, 7, 2026]) {
    it(`2,000 bookings over a quarter, weights 1:1:2:4: every share within 5% of its target (seed ${seed})`, () => {
      const times = bookingTimes(2000, QUARTER_START, QUARTER_END, seed);
      const history = simulate(convene, TEAM, times, seed + 1);
      expect(history).toHaveLength(2000);
      const got = shares(
        history,
        TEAM.map((m) => m.id),
      );
      const total = TEAM.reduce((s, m) => s + m.weight, 0);
      for (const m of TEAM) {
        const target = m.weight / total;
        const share = got[m.id] as number;
        expect(Math.abs(share - target) / target, `${m.id}: ${share} vs ${target}`).toBeLessThanOrEqual(0.05);
      }
    });
  }

  it('the share check fails for a chooser that ignores weights (it can fail)', () => {
    const times = bookingTimes(2000, QUARTER_START, QUARTER_END, 3);
    const random = prng(4);
    const history = times.map((at) => {
      const free = randomAvailable(
        random,
        TEAM.map((m) => m.id),
      );
      return { memberId: free[Math.floor(random() * free.length)] as string, at };
    });
    const got = shares(
      history,
      TEAM.map((m) => m.id),
    );
    const deviations = TEAM.map((m) => Math.abs((got[m.id] as number) - m.weight / 8) / (m.weight / 8));
    expect(Math.max(...deviations)).toBeGreaterThan(0.05);
  });

  const JOIN = Date.UTC(2026, 0, 16);
  const LATE_TEAM: RotationMemberState[] = [
    { id: 'ana', weight: 1, priority: 0, joinedAt: 0 },
    { id: 'bo', weight: 1, priority: 0, joinedAt: 0 },
    { id: 'chen', weight: 2, priority: 0, joinedAt: 0 },
    { id: 'dee', weight: 4, priority: 0, joinedAt: JOIN },
  ];

  function weekAfterJoin(choose: Chooser, seed: number): { assigned: number; share: number } {
    const times = bookingTimes(700, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 31), seed);
    const history = simulate(choose, LATE_TEAM, times, seed + 1);
    const week = history.filter((b) => b.at >= JOIN && b.at < JOIN + 7 * DAY);
    return { assigned: week.filter((b) => b.memberId === 'dee').length, share: (week.length * 4) / 8 };
  }

  for (const seed of [11, 12, 13]) {
    it(`a member added mid-month gets no more than their share the following week (seed ${seed})`, () => {
      const { assigned, share } = weekAfterJoin(convene, seed);
      expect(share).toBeGreaterThan(50);
      expect(assigned).toBeLessThanOrEqual(Math.ceil(share) + 1);
      expect(assigned).toBeGreaterThanOrEqual(Math.floor(share * 0.8));
    });
  }

  it('a member back from a week of vacation is not flooded the week after', () => {
    const from = Date.UTC(2026, 0, 8);
    const until = Date.UTC(2026, 0, 15);
    const members: RotationMemberState[] = TEAM.map((m) =>
      m.id === 'dee' ? { ...m, pausedFrom: from, pausedUntil: until } : m,
    );
    const times = bookingTimes(700, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 31), 21);
    const random = prng(22);
    const history: RotationBooking[] = [];
    for (const now of times) {
      const paused = now >= from && now < until;
      const present = members.filter((m) => !(paused && m.id === 'dee')).map((m) => m.id);
      const choice = chooseMember({
        members,
        history,
        window: fairnessWindow(now, 'Europe/Paris', 'month'),
        now,
        availableIds: randomAvailable(random, present),
      });
      if (choice.ok) history.push({ memberId: choice.memberId, at: now });
    }
    expect(history.filter((b) => b.at >= from && b.at < until && b.memberId === 'dee')).toEqual([]);
    const week = history.filter((b) => b.at >= until && b.at < until + 7 * DAY);
    const assigned = week.filter((b) => b.memberId === 'dee').length;
    expect(assigned).toBeLessThanOrEqual(Math.ceil(week.length / 2) + 1);
    expect(assigned).toBeGreaterThanOrEqual(Math.floor((week.length / 2) * 0.8));
  });

  it('the late-joiner check fails without proration (it can fail)', () => {
    const { assigned, share } = weekAfterJoin(naive, 11);
    expect(assigned).toBeGreaterThan(Math.ceil(share) + 1);
  });
});
