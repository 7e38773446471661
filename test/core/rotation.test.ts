import { describe, expect, it } from 'vitest';
import {
  chooseMember,
  fairnessWindow,
  isActiveAt,
  type RotationBooking,
  type RotationMemberState,
  standings,
} from '../../src/core/rotation.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2, 9); // Monday 2 Nov 2026, 09:00 UTC
const window = { start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 11, 1), period: 'month' as const };

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function member(id: string, extra: Partial<RotationMemberState> = {}): RotationMemberState {
  return { id, name: id, weight: 1, priority: 0, joinedAt: 0, ...extra };
}

describe('fairnessWindow', () => {
  it('gives the local day, ISO week and month containing now', () => {
    const now = Date.UTC(2026, 10, 18, 23, 30); // Wed 18 Nov 23:30 UTC = Thu 19 Nov 00:30 in Paris
    expect(fairnessWindow(now, 'Europe/Paris', 'day')).toEqual({
      start: Date.UTC(2026, 10, 18, 23),
      end: Date.UTC(2026, 10, 19, 23),
      period: 'day',
    });
    expect(fairnessWindow(now, 'Europe/Paris', 'week')).toEqual({
      start: Date.UTC(2026, 10, 15, 23),
      end: Date.UTC(2026, 10, 22, 23),
      period: 'week',
    });
    expect(fairnessWindow(now, 'UTC', 'week').start).toBe(Date.UTC(2026, 10, 16));
    expect(fairnessWindow(now, 'America/New_York', 'month')).toEqual({
      start: Date.UTC(2026, 10, 1, 4),
      end: Date.UTC(2026, 11, 1, 5),
      period: 'month',
    });
  });

  it('spans 23 hours on a spring-forward day', () => {
    const w = fairnessWindow(Date.UTC(2026, 2, 29, 12), 'Europe/Paris', 'day');
    expect(w.end - w.start).toBe(23 * HOUR);
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(fairnessWindow(Date.UTC(2026, 10, 18, 5), 'Not/AZone', 'day').start).toBe(Date.UTC(2026, 10, 18));
  });
});

describe('isActiveAt', () => {
  it('honours the join date and the pause', () => {
    const m = member('a', { joinedAt: 100, pausedFrom: 200, pausedUntil: 300 });
    expect([99, 100, 199, 200, 299, 300].map((t) => isActiveAt(m, t))).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
    ]);
    expect(isActiveAt(member('b', { pausedUntil: 300 }), 250)).toBe(false);
    const open = member('c', { pausedFrom: 200 });
    expect([199, 200, 10_000].map((t) => isActiveAt(open, t))).toEqual([true, false, false]);
  });
});

describe('chooseMember', () => {
  it('picks the largest shortfall and explains it in English and French', () => {
    const history: RotationBooking[] = [
      { memberId: 'Ana', at: T0 },
      { memberId: 'Ana', at: T0 + HOUR },
      { memberId: 'Ana', at: T0 + 2 * HOUR },
      { memberId: 'Bo', at: T0 + 3 * HOUR },
    ];
    const result = chooseMember({
      members: [member('Ana'), member('Bo'), member('Li')],
      history,
      window,
      now: T0 + DAY,
      availableIds: ['Ana', 'Bo', 'Li'],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.memberId).toBe('Li');
    expect(result.reason).toEqual({
      code: 'shortfall',
      shortfall: expect.closeTo(5 / 3, 9),
      target: expect.closeTo(5 / 3, 9),
      count: 0,
    });
    // A code and its parameters: worded by the app's `rotation` catalogue.
    expect(result.explanation).toEqual({
      code: 'below',
      params: { name: 'Li', period: 'month', count: 0, target: '1.7', gap: '1.7', priority: 0 },
    });
  });

  it('only considers available, active members', () => {
    const members = [member('a'), member('b', { pausedFrom: T0, pausedUntil: T0 + 7 * DAY }), member('c')];
    const result = chooseMember({ members, history: [], window, now: T0 + DAY, availableIds: ['b', 'c'] });
    expect(result).toMatchObject({ ok: true, memberId: 'c' });
    if (result.ok) expect(result.explanation.code).toBe('alone');
    const none = chooseMember({ members, history: [], window, now: T0 + DAY, availableIds: ['b'] });
    expect(none).toMatchObject({ ok: false, reason: 'nobody_available' });
    if (!none.ok) expect(none.explanation.code).toBe('nobody');
  });

  it('breaks a fairness tie by priority, then by least recently booked', () => {
    const members = [
      member('a', { priority: 0 }),
      member('b', { priority: 3 }),
      member('c', { priority: 3 }),
    ];
    const history = [
      { memberId: 'b', at: T0 },
      { memberId: 'c', at: T0 + HOUR },
      { memberId: 'a', at: T0 + 2 * HOUR },
    ];
    const byPriority = chooseMember({ members, history, window, now: T0 + DAY, availableIds: ['a', 'b'] });
    expect(byPriority).toMatchObject({ ok: true, memberId: 'b', reason: { code: 'priority' } });
    if (byPriority.ok)
      expect(byPriority.explanation).toMatchObject({ code: 'priority', params: { name: 'b', priority: 3 } });
    const byRecency = chooseMember({
      members,
      history,
      window,
      now: T0 + DAY,
      availableIds: ['a', 'b', 'c'],
    });
    expect(byRecency).toMatchObject({ ok: true, memberId: 'b', reason: { code: 'least_recent' } });
    const stored = chooseMember({
      members: [member('x', { lastBookedAt: T0 - DAY }), member('y', { lastBookedAt: T0 - 2 * DAY })],
      history: [],
      window,
      now: T0,
      availableIds: ['x', 'y'],
    });
    expect(stored).toMatchObject({ ok: true, memberId: 'y', reason: { code: 'least_recent' } });
  });

  it('ignores bookings outside the window, in the future, or of removed members', () => {
    const members = [member('a'), member('b')];
    const history = [
      { memberId: 'a', at: window.start - 1 },
      { memberId: 'a', at: T0 + 5 * DAY },
      { memberId: 'gone', at: T0 },
      { memberId: 'b', at: T0 },
    ];
    const result = chooseMember({ members, history, window, now: T0 + DAY, availableIds: ['a', 'b'] });
    expect(result).toMatchObject({ ok: true, memberId: 'a', reason: { count: 0, target: 1 } });
  });

  it('keeps the booked member on reschedule when free, otherwise chooses again', () => {
    const members = [member('a'), member('b')];
    const history = [{ memberId: 'a', at: T0 }];
    const kept = chooseMember({
      members,
      history,
      window,
      now: T0 + DAY,
      availableIds: ['a', 'b'],
      stickyMemberId: 'a',
    });
    expect(kept).toMatchObject({ ok: true, memberId: 'a', reason: { code: 'sticky', count: 1 } });
    if (kept.ok) expect(kept.explanation).toMatchObject({ code: 'sticky', params: { name: 'a' } });
    const busy = chooseMember({
      members,
      history,
      window,
      now: T0 + DAY,
      availableIds: ['b'],
      stickyMemberId: 'a',
    });
    expect(busy).toMatchObject({ ok: true, memberId: 'b' });
  });

  it('does not mutate its inputs', () => {
    const members = [member('a'), member('b')];
    const history = [{ memberId: 'a', at: T0 }];
    const available = ['a', 'b'];
    const snapshot = JSON.stringify([members, history, available]);
    chooseMember({ members, history, window, now: T0 + DAY, availableIds: available });
    standings({ members, history, window, now: T0 + DAY });
    expect(JSON.stringify([members, history, available])).toBe(snapshot);
  });
});

describe('standings', () => {
  it('prorates the target of a member who joined mid-window', () => {
    const members = [member('a'), member('b'), member('late', { joinedAt: T0 + 10 * DAY })];
    const history: RotationBooking[] = [];
    for (let i = 0; i < 10; i++) history.push({ memberId: i % 2 ? 'a' : 'b', at: T0 + i * DAY });
    for (let i = 0; i < 3; i++)
      history.push({ memberId: ['a', 'b', 'late'][i] as string, at: T0 + (10 + i) * DAY });
    const rows = standings({ members, history, window, now: T0 + 20 * DAY });
    expect(rows.map((r) => [r.memberId, r.count, round(r.target), r.active])).toEqual([
      ['a', 6, 6, true],
      ['b', 6, 6, true],
      ['late', 1, 1, true],
    ]);
    expect(rows.every((r) => Math.abs(r.shortfall) < 1e-9)).toBe(true);
  });

  it('counts neither target nor bookings while a member is paused', () => {
    const members = [member('a', { pausedFrom: T0, pausedUntil: T0 + 5 * DAY }), member('b')];
    const history = [
      { memberId: 'b', at: T0 + DAY },
      { memberId: 'b', at: T0 + 2 * DAY },
      { memberId: 'a', at: T0 + 6 * DAY },
      { memberId: 'b', at: T0 + 7 * DAY },
    ];
    const rows = standings({ members, history, window, now: T0 + 3 * DAY });
    expect(rows.find((r) => r.memberId === 'a')).toMatchObject({ active: false, count: 0, target: 0 });
    const later = standings({ members, history, window, now: T0 + 8 * DAY });
    expect(later.map((r) => [r.memberId, r.count, round(r.target)])).toEqual([
      ['a', 1, 1],
      ['b', 3, 3],
    ]);
  });
});
