/**
 * `npm run bench:cli`: how long the `convene` command takes to start and answer, run as a user runs it
 * (`node bin/convene.js …`, a new process each time), against `node -e 0` (Node's own start). Each command
 * runs from the bundle (dist/cli/main.js, built first by scripts/build-cli.mjs when missing or stale) and
 * from the TypeScript sources (CONVENE_FROM_SOURCES=1, what a clone without a build runs); after one
 * warm-up run each (Node's compile cache), `BENCH_CLI_RUNS` runs (default 15), interleaved, and the
 * medians of wall time and of CPU time (user + system of the child, from bash's `time`) are printed with
 * the overhead over `node -e 0`.
 *
 * Budget: the bundled `--version`, `--help`, `parse` and `slots` start in under `BENCH_CLI_BUDGET_MS`
 * (default 100) of wall time over `node -e 0`; the run exits 1 when one does not. Times on a busy machine
 * are longer: run it on a quiet one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);
const BUDGET_MS = Number(process.env.BENCH_CLI_BUDGET_MS ?? 100);
const NODE = process.execPath;

const COMMANDS: { name: string; args: string[]; exit: number }[] = [
  { name: '--version', args: ['--version'], exit: 0 },
  { name: '--help', args: ['--help'], exit: 0 },
  {
    name: 'parse --json',
    args: ['parse', '--json', '@ana 30m tomorrow', '--now', '2026-12-07T09:00:00Z', '--tz', 'Europe/Paris'],
    exit: 0,
  },
  { name: 'slots --json', args: ['slots', '--input', 'bench/sample-slots.json', '--json'], exit: 0 },
];

/** One run: wall and CPU milliseconds of `node <args>`, timed by bash's `time` (getrusage of the child). */
function once(args: string[], env: NodeJS.ProcessEnv, exit: number): { wall: number; cpu: number } {
  const quoted = [NODE, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%3R %3U %3S'; time ${quoted} >/dev/null 2>&1`], {
    cwd: ROOT,
    env: { ...process.env, CONVENE_ENV_FILE: 'none', ...env },
    encoding: 'utf8',
  });
  if (r.status !== exit) throw new Error(`node ${args.join(' ')} exited ${r.status}, expected ${exit}`);
  const [wall, user, sys] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [
    number,
    number,
    number,
  ];
  return { wall: wall * 1000, cpu: (user + sys) * 1000 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// The bundle must be current, or the "bundle" rows would time the sources.
const probe = execFileSync(
  NODE,
  ['--input-type=module', '-e', `import { entry } from './bin/entry.js'; console.log(entry('cli/main'))`],
  { cwd: ROOT, encoding: 'utf8' },
).trim();
if (!probe.endsWith('/dist/cli/main.js')) {
  process.stdout.write('the CLI bundle is missing or stale: building it (node scripts/build-cli.mjs)\n');
  execFileSync(NODE, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

interface Row {
  readonly label: string;
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
  readonly exit: number;
  readonly budget: boolean;
  readonly wall: number[];
  readonly cpu: number[];
}
const rows: Row[] = [
  { label: 'node -e 0', args: ['-e', '0'], env: {}, exit: 0, budget: false, wall: [], cpu: [] },
];
for (const c of COMMANDS) {
  for (const [from, env] of [
    ['bundle', { CONVENE_FROM_SOURCES: '0' }],
    ['sources', { CONVENE_FROM_SOURCES: '1' }],
  ] as const) {
    rows.push({
      label: `convene ${c.name} (${from})`,
      args: ['bin/convene.js', ...c.args],
      env,
      exit: c.exit,
      budget: from === 'bundle',
      wall: [],
      cpu: [],
    });
  }
}
for (const row of rows) once(row.args, row.env, row.exit); // warm-up: compile cache, file cache
for (let i = 0; i < RUNS; i++) {
  for (const row of rows) {
    const t = once(row.args, row.env, row.exit);
    row.wall.push(t.wall);
    row.cpu.push(t.cpu);
  }
}

const base = { wall: median(rows[0]!.wall), cpu: median(rows[0]!.cpu) };
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
const [load1] = loadavg();
process.stdout.write(
  `CLI start, median of ${RUNS} runs (Node ${process.version}), overhead = median minus node -e 0's\n` +
    `load average ${load1!.toFixed(2)} on ${availableParallelism()} cores at the end (a busy machine inflates wall times most)\n` +
    `${'command'.padEnd(34)}${'wall'.padStart(8)}${'cpu'.padStart(9)}${'wall over'.padStart(11)}${'cpu over'.padStart(10)}\n`,
);
let over = false;
for (const row of rows) {
  const wall = median(row.wall);
  const cpu = median(row.cpu);
  const late = row.budget && wall - base.wall >= BUDGET_MS;
  over ||= late;
  process.stdout.write(
    `${row.label.padEnd(34)}${ms(wall)}${ms(cpu).padStart(9)}${ms(wall - base.wall).padStart(11)}${ms(cpu - base.cpu).padStart(10)}${late ? `  over ${BUDGET_MS} ms` : ''}\n`,
  );
}
if (over) {
  process.stdout.write(`a bundled command starts ${BUDGET_MS} ms or more after node -e 0\n`);
  process.exitCode = 1;
}
