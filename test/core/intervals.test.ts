import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Interval } from '../../src/core/interval.ts';
import {
  clip,
  fittingStarts,
  intersect,
  intersectAll,
  isNormalized,
  normalize,
  overlapping,
  pad,
  splitIntoSlots,
  subtract,
  totalLength,
  union,
} from '../../src/core/intervals.ts';

// Model: a list of intervals on a small integer grid is the set of integer points p with start <= p < end.
const SIZE = 40;
const toSet = (list: readonly Interval[]) => {
  const s = new Set<number>();
  for (const iv of list) for (let p = Math.max(0, iv.start); p < Math.min(SIZE + 10, iv.end); p++) s.add(p);
  return s;
};
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

// Arbitrary lists, including empty and inverted entries, unsorted and overlapping.
const intervalArb = fc.record({
  start: fc.integer({ min: 0, max: SIZE }),
  end: fc.integer({ min: 0, max: SIZE }),
});
const listArb = fc.array(intervalArb, { maxLength: 8 });

function deepFreeze(list: Interval[]): readonly Interval[] {
  for (const iv of list) Object.freeze(iv);
  return Object.freeze(list);
}

describe('interval algebra against a minute-grid set model', () => {
  it('normalize keeps the covered set and yields sorted, disjoint, non-adjacent intervals', () => {
    fc.assert(
      fc.property(listArb, (list) => {
        const out = normalize(deepFreeze(list));
        expect(isNormalized(out)).toBe(true);
        expect(sorted(toSet(out))).toEqual(sorted(toSet(list)));
      }),
    );
  });

  it('union is the set union', () => {
    fc.assert(
      fc.property(listArb, listArb, listArb, (a, b, c) => {
        const out = union(deepFreeze(a), deepFreeze(b), deepFreeze(c));
        expect(isNormalized(out)).toBe(true);
        expect(sorted(toSet(out))).toEqual(sorted(new Set([...toSet(a), ...toSet(b), ...toSet(c)])));
      }),
    );
  });

  it('intersect and intersectAll are the set intersection', () => {
    fc.assert(
      fc.property(fc.array(listArb, { minLength: 1, maxLength: 5 }), (lists) => {
        const frozen = lists.map(deepFreeze);
        const sets = lists.map(toSet);
        const expected = sorted(new Set([...sets[0]!].filter((p) => sets.every((s) => s.has(p)))));
        const all = intersectAll(frozen);
        expect(isNormalized(all)).toBe(true);
        expect(sorted(toSet(all))).toEqual(expected);
        if (lists.length === 2) expect(intersect(frozen[0]!, frozen[1]!)).toEqual(all);
      }),
    );
  });

  it('subtract is the set difference', () => {
    fc.assert(
      fc.property(listArb, listArb, (a, b) => {
        const out = subtract(deepFreeze(a), deepFreeze(b));
        const sb = toSet(b);
        expect(isNormalized(out)).toBe(true);
        expect(sorted(toSet(out))).toEqual(sorted(toSet(a)).filter((p) => !sb.has(p)));
      }),
    );
  });

  it('clip, pad and totalLength agree with the model', () => {
    fc.assert(
      fc.property(listArb, intervalArb, fc.nat(3), fc.nat(3), (list, range, before, after) => {
        const frozen = deepFreeze(list);
        const inRange = sorted(toSet(list)).filter((p) => p >= range.start && p < range.end);
        expect(sorted(toSet(clip(frozen, range)))).toEqual(inRange);
        expect(totalLength(frozen)).toBe(toSet(list).size);
        const padded = new Set<number>();
        for (const iv of list)
          if (iv.end > iv.start) for (let p = iv.start - before; p < iv.end + after; p++) padded.add(p);
        const out = pad(frozen, before, after);
        expect(isNormalized(out)).toBe(true);
        const points = new Set<number>();
        for (const iv of out) for (let p = iv.start; p < iv.end; p++) points.add(p);
        expect(sorted(points)).toEqual(sorted(padded));
      }),
    );
  });

  it('splitIntoSlots returns exactly the grid starts whose whole slot is covered', () => {
    const anchorsArb = fc
      .uniqueArray(fc.integer({ min: 0, max: SIZE }), { minLength: 1, maxLength: 4 })
      .map((a) => [...a].sort((x, y) => x - y));
    fc.assert(
      fc.property(
        listArb,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        anchorsArb,
        (free, duration, step, anchors) => {
          const set = toSet(free);
          const grid = new Set<number>();
          anchors.forEach((a, k) => {
            const next = anchors[k + 1] ?? SIZE + 10;
            for (let t = a; t < next; t += step) grid.add(t);
          });
          const expected = sorted(grid).filter((t) => {
            for (let p = t; p < t + duration; p++) if (!set.has(p)) return false;
            return true;
          });
          const out = splitIntoSlots(deepFreeze(free), duration, {
            anchors: Object.freeze(anchors),
            stepMs: step,
          });
          expect(out.map((s) => s.start)).toEqual(expected);
          for (const s of out) expect(s.end - s.start).toBe(duration);
          const candidates = sorted(grid);
          expect(fittingStarts(deepFreeze(free), duration, candidates).map((i) => candidates[i])).toEqual(
            expected,
          );
        },
      ),
    );
  });

  it('never mutates or reorders its inputs', () => {
    fc.assert(
      fc.property(listArb, listArb, (a, b) => {
        const snapshotA = structuredClone(a);
        const snapshotB = structuredClone(b);
        const fa = deepFreeze(a);
        const fb = deepFreeze(b);
        normalize(fa);
        union(fa, fb);
        intersect(fa, fb);
        intersectAll([fa, fb]);
        subtract(fa, fb);
        clip(fa, { start: 5, end: 30 });
        pad(fa, 2, 3);
        splitIntoSlots(fa, 3, { anchors: [0], stepMs: 2 });
        expect(a).toEqual(snapshotA);
        expect(b).toEqual(snapshotB);
      }),
    );
  });

  it('normalize is right on long lists (quicksort path) and on sorted, reversed and constant inputs', () => {
    const big = fc.array(
      fc.record({ start: fc.integer({ min: 0, max: 2000 }), len: fc.integer({ min: -5, max: 30 }) }),
      { minLength: 17, maxLength: 400 },
    );
    const points = (list: readonly Interval[]) => {
      const set = new Set<number>();
      for (const iv of list) for (let p = iv.start; p < iv.end; p++) set.add(p);
      return sorted(set);
    };
    fc.assert(
      fc.property(big, (raw) => {
        const list = raw.map((r) => ({ start: r.start, end: r.start + r.len }));
        const out = normalize(deepFreeze(list));
        expect(isNormalized(out)).toBe(true);
        expect(points(out)).toEqual(points(list));
      }),
      { numRuns: 60 },
    );
    const ascending = Array.from({ length: 3000 }, (_, i) => ({ start: i * 10, end: i * 10 + 5 }));
    for (const list of [
      ascending,
      [...ascending].reverse(),
      Array.from({ length: 3000 }, () => ({ start: 7, end: 9 })),
    ]) {
      const out = normalize(list);
      expect(out).toEqual(list[0]!.start === 7 ? [{ start: 7, end: 9 }] : ascending);
    }
  });

  it('overlapping keeps exactly the entries whose padded span meets the other list, in input order', () => {
    fc.assert(
      fc.property(listArb, listArb, fc.nat(3), fc.nat(3), (list, against, before, after) => {
        const set = toSet(against);
        const expected = list.filter((iv) => {
          if (!(iv.end > iv.start)) return false;
          for (let p = iv.start - before; p < iv.end + after; p++) if (set.has(p)) return true;
          return false;
        });
        expect(overlapping(deepFreeze(list), deepFreeze(against), before, after)).toEqual(expected);
      }),
    );
  });

  it('returns a new array even when the input is already normalised', () => {
    const input = deepFreeze([{ start: 0, end: 5 }]);
    const out = normalize(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });

  it('merges adjacent intervals and drops empty or inverted ones', () => {
    expect(
      normalize([
        { start: 10, end: 20 },
        { start: 0, end: 10 },
        { start: 30, end: 30 },
        { start: 50, end: 40 },
      ]),
    ).toEqual([{ start: 0, end: 20 }]);
  });
});
