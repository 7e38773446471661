/**
 * `node bench/count-queries.ts`: PostgreSQL transactions per `/meet` (10 participants) on the load
 * benchmark's server, one request at a time: cold (free/busy never read) and warm (same people again).
 * Counts `pg_stat_database.xact_commit + xact_rollback` of the benchmark database (every statement
 * outside an explicit transaction is one transaction), minus the counter's own query.
 */
import { createWorld, DEFAULT_DATABASE_URL, sendMeet, waitFor } from './load-harness.ts';

const N = Number(process.argv[2] ?? 10);
const world = await createWorld({ adminUrl: process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL });
try {
  await world.seedPeople(N * 10 + 20);
  const server = await world.startServer();
  const xacts = async () => {
    const [row] = await world.store.query<{ n: number }>(
      'SELECT (xact_commit + xact_rollback)::int AS n FROM pg_stat_database WHERE datname = current_database()',
    );
    return row?.n ?? 0;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 700)); // stats are flushed ≤ 500 ms
  const group = (g: number) => Array.from({ length: 10 }, (_, k) => g * 10 + k + 1);
  let channel = 0;
  const one = async (g: number) => {
    const name = `CQ${++channel}`;
    await sendMeet(world, server, group(g), name);
    await waitFor(() => world.posted.has(name), 30_000);
  };
  await one(N + 1); // warm-up (JIT, connections, installation)
  // Background work (job workers polling) runs all the time: measured idle, then subtracted.
  await settle();
  const idleFrom = await xacts();
  const idleStart = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  await settle();
  const idlePerMs = ((await xacts()) - idleFrom - 1) / (performance.now() - idleStart);
  console.log(`idle: ${(idlePerMs * 1000).toFixed(1)} transactions/s (job workers)`);
  for (const phase of ['cold', 'warm'] as const) {
    await settle();
    const before = await xacts();
    const started = performance.now();
    for (let g = 0; g < N; g++) await one(g);
    await settle();
    const after = await xacts();
    const background = idlePerMs * (performance.now() - started);
    // −1: the counter's own `before` query is counted by the `after` snapshot.
    console.log(
      `${phase}: ${((after - before - 1 - background) / N).toFixed(1)} transactions per /meet (${N} requests, background subtracted)`,
    );
  }
  await server.stop();
} finally {
  await world.close();
}
