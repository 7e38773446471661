/**
 * `npm run bench`: slot search on generated `calbench-slots/v1` cases (bench/gen.mjs).
 *
 * Measures the whole pipeline from the parsed JSON object to ranked proposals: validation and conversion
 * (`readBenchCase`, including parsing every ISO instant), availability and ranking (`schedule`). JSON.parse
 * and file I/O are excluded. Each case is warmed up, then timed for a fixed time budget; we report the
 * first (cold) run, the median and the 90th percentile.
 *
 * Reference: a widely used open-source scheduler measured ~46 ms median for N=10×500 and ~2.9 s for
 * N=50×5000 on this machine; the target is at least 20× faster (< 2.3 ms and < 145 ms median).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { readBenchCase } from '../src/core/bench-format.ts';
import { schedule } from '../src/core/schedule.ts';

const GEN = fileURLToPath(new URL('./gen.mjs', import.meta.url));
const REFERENCE_MS: Record<string, number> = { '10x500': 46, '50x5000': 2900 };
const TARGET_SPEEDUP = 20;
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 1500);

function generate(args: string[]): unknown {
  return JSON.parse(execFileSync(process.execPath, [GEN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

function pipeline(doc: unknown): number {
  const request = readBenchCase(doc);
  if (!request.ok) throw new Error(request.error.message);
  const result = schedule(request.value);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.slots.length;
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

interface Measured {
  cold: number;
  median: number;
  p90: number;
  runs: number;
  slots: number;
}

function measure(doc: unknown): Measured {
  let t = performance.now();
  const slots = pipeline(doc);
  const cold = performance.now() - t;
  // Warm-up: at least 5 runs or ~20% of the budget.
  const warmUntil = performance.now() + BUDGET_MS * 0.2;
  for (let i = 0; i < 5 || performance.now() < warmUntil; i++) pipeline(doc);
  const times: number[] = [];
  const until = performance.now() + BUDGET_MS;
  while (times.length < 15 || (performance.now() < until && times.length < 2000)) {
    t = performance.now();
    pipeline(doc);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { cold, median: quantile(times, 0.5), p90: quantile(times, 0.9), runs: times.length, slots };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(3));
const pad = (s: string, n: number) => s.padEnd(n);

function line(label: string, m: Measured, ref?: number): string {
  let text = `${pad(label, 44)} median ${pad(`${fmt(m.median)} ms`, 11)} p90 ${pad(`${fmt(m.p90)} ms`, 11)} cold ${pad(`${fmt(m.cold)} ms`, 11)} runs ${pad(String(m.runs), 5)} slots ${pad(String(m.slots), 6)}`;
  if (ref !== undefined) {
    const speedup = ref / m.median;
    text += ` vs ref ${ref} ms: ${speedup.toFixed(0)}x ${speedup >= TARGET_SPEEDUP ? 'OK' : `BELOW ${TARGET_SPEEDUP}x`}`;
  }
  return text;
}

console.log(
  `convene slots bench — node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'} (${os.cpus().length} cores), budget ${BUDGET_MS} ms per case`,
);
console.log('pipeline: parsed JSON object → readBenchCase → computeAvailability → rankProposals (top 5)\n');

let failures = 0;
for (const [n, b] of [
  [10, 500],
  [50, 5000],
] as const) {
  for (const pool of ['overlap', 'global']) {
    for (const mode of ['COLLECTIVE', 'ROUND_ROBIN']) {
      const doc = generate([
        '--n',
        String(n),
        '--b',
        String(b),
        '--seed',
        '42',
        '--tz-pool',
        pool,
        '--mode',
        mode,
      ]);
      const m = measure(doc);
      const ref = REFERENCE_MS[`${n}x${b}`];
      if (ref !== undefined && ref / m.median < TARGET_SPEEDUP) failures++;
      console.log(line(`N=${n}×${b} ${pool} ${mode}`, m, ref));
    }
  }
}

console.log(
  '\nscaling (N=10, overlap, COLLECTIVE): time per busy interval should not grow faster than log n',
);
let base: number | undefined;
for (const b of [500, 1000, 2000, 4000, 8000]) {
  const doc = generate(['--n', '10', '--b', String(b), '--seed', '42']);
  const m = measure(doc);
  const total = 10 * b;
  const perItem = (m.median * 1e6) / total; // ns per busy interval
  base ??= perItem / Math.log2(total);
  const vsNLogN = perItem / Math.log2(total) / base;
  console.log(
    `${line(`N=10×${b} (${total} busy)`, m)} ${perItem.toFixed(0)} ns/busy, relative to n log n: ${vsNLogN.toFixed(2)}`,
  );
}

if (failures > 0) {
  console.log(`\n${failures} case(s) below the ${TARGET_SPEEDUP}x target`);
  process.exitCode = 1;
}
