/**
 * `npm run bench` (series part): the series slot search (`searchSeries`, issue #22) over people ×
 * occurrences × busy intervals per person × candidates, and how its median grows when each dimension is
 * doubled from a base case (8 people in Paris, London and New York with working hours, a weekly series of 50 occurrences,
 * 500 busy intervals each over the horizon, 32 candidate starts). The work is candidates × occurrences ×
 * people binary searches plus one layout of each person's busy time and working hours, so doubling
 * people, occurrences or candidates should about double the time, and doubling busy intervals should add
 * little (a log factor and the sort). Seeded, so every run times the same inputs; each case is warmed up,
 * then timed for `BENCH_SERIES_BUDGET_MS` (default 1000 ms).
 */
import { DateTime } from 'luxon';
import type { Interval } from '../src/core/interval.ts';
import { MINUTE } from '../src/core/interval.ts';
import { type SeriesParticipant, searchSeries } from '../src/core/series.ts';
import { compileWorkingHours } from '../src/core/working-hours.ts';

const BUDGET_MS = Number(process.env.BENCH_SERIES_BUDGET_MS ?? 1000);
const ZONE = 'Europe/Paris';
const ZONES = ['Europe/Paris', 'Europe/London', 'America/New_York'];
const FIRST = DateTime.fromISO('2027-01-05T00:00', { zone: ZONE });

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Size {
  readonly people: number;
  readonly occurrences: number;
  readonly busy: number;
  readonly candidates: number;
}

function makeCase(size: Size) {
  const random = prng(22);
  const hours = compileWorkingHours([{ days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' }]);
  if (!hours.ok) throw new Error(hours.error.message);
  const horizon = size.occurrences * 7 * 24 * 60; // minutes
  const participants: SeriesParticipant[] = Array.from({ length: size.people }, (_, i) => {
    const busy: Interval[] = Array.from({ length: size.busy }, () => {
      const start = FIRST.toMillis() + Math.floor(random() * (horizon / 15)) * 15 * MINUTE;
      return { start, end: start + (1 + Math.floor(random() * 8)) * 15 * MINUTE };
    });
    return { id: `p${i}`, zone: ZONES[i % ZONES.length]!, hours: hours.value, busy };
  });
  const candidates = Array.from(
    { length: size.candidates },
    (_, i) =>
      FIRST.plus({ hours: 8, minutes: (i * 15) % (12 * 60) }).toMillis() + Math.floor(i / 48) * MINUTE,
  );
  return {
    candidates,
    durationMs: 30 * MINUTE,
    rule: { freq: 'WEEKLY' as const, interval: 1, count: size.occurrences },
    zone: ZONE,
    participants,
    maxOccurrences: 200,
    maxCandidates: 200,
  };
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function measure(size: Size) {
  const input = makeCase(size);
  const cold0 = performance.now();
  let result = searchSeries(input);
  const cold = performance.now() - cold0;
  for (let i = 0; i < 3; i++) result = searchSeries(input);
  const times: number[] = [];
  const until = performance.now() + BUDGET_MS;
  while (performance.now() < until || times.length < 5) {
    const t0 = performance.now();
    result = searchSeries(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const best = result.candidates[0];
  return {
    cold,
    median: quantile(times, 0.5),
    p90: quantile(times, 0.9),
    runs: times.length,
    checks: size.candidates * size.occurrences * size.people,
    best: best ? `${best.free}/${best.occurrences}` : '-',
  };
}

const pad = (s: string, n: number) => s.padEnd(n);
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));
const BASE: Size = { people: 8, occurrences: 50, busy: 500, candidates: 32 };
const cases: [string, Size][] = [
  ['base', BASE],
  ['people ×2', { ...BASE, people: 16 }],
  ['people ×4', { ...BASE, people: 32 }],
  ['occurrences ×2', { ...BASE, occurrences: 100 }],
  ['occurrences ×4', { ...BASE, occurrences: 200 }],
  ['busy ×2', { ...BASE, busy: 1000 }],
  ['busy ×4', { ...BASE, busy: 2000 }],
  ['candidates ×2', { ...BASE, candidates: 64 }],
  ['candidates ×4', { ...BASE, candidates: 128 }],
  ['all ×2', { people: 16, occurrences: 100, busy: 1000, candidates: 64 }],
];

console.log(
  'series search: searchSeries (expand each candidate, lay out busy + working hours, check every occurrence)',
);
console.log(`budget ${BUDGET_MS} ms per case; growth = median / base median\n`);
let base = 0;
for (const [label, size] of cases) {
  const m = measure(size);
  if (label === 'base') base = m.median;
  const name = `${label} (${size.people}p × ${size.occurrences}occ × ${size.busy}busy × ${size.candidates}cand)`;
  console.log(
    `${pad(name, 52)} median ${pad(`${fmt(m.median)} ms`, 11)} p90 ${pad(`${fmt(m.p90)} ms`, 11)} cold ${pad(`${fmt(m.cold)} ms`, 11)} runs ${pad(String(m.runs), 5)} growth ${pad(`${(m.median / base).toFixed(2)}×`, 7)} ns/check ${((m.median * 1e6) / m.checks).toFixed(0)} best ${m.best}`,
  );
}
