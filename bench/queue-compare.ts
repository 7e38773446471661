/**
 * Job queue throughput on the local PostgreSQL: Convene's queue (src/store/repos/jobs.ts, `FOR UPDATE
 * SKIP LOCKED`) against pg-boss and graphile-worker, which are NOT dependencies of Convene: install them
 * in a scratch directory and point QBENCH_DIR at it (without it only Convene's queue is measured):
 *
 *   mkdir -p /tmp/qbench && (cd /tmp/qbench && npm init -y && npm install pg-boss graphile-worker)
 *   QBENCH_DIR=/tmp/qbench node bench/queue-compare.ts
 *
 * Each queue gets a fresh database. Two phases, N jobs each (BENCH_JOBS, default 2000):
 * - enqueue: N single-job inserts, BENCH_CONCURRENCY (default 8) at a time (as bookings enqueue);
 * - process: BENCH_CONCURRENCY workers claim up to 10 jobs at a time and complete each job on its own
 *   (Convene's outbox completes per job), until none is left. graphile-worker has no public
 *   claim/complete call: its own runner (concurrency BENCH_CONCURRENCY, a no-op task) is timed from
 *   start until every job succeeded.
 * Environment: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres, an admin URL:
 * databases `convene_qbench_*` are created and dropped).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { generateKeyEntry } from '../src/store/crypto.ts';
import { openDatabase } from '../src/store/index.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const JOBS = Number(process.env.BENCH_JOBS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BATCH = 10;
const QBENCH_DIR = process.env.QBENCH_DIR?.trim();

interface Result {
  readonly queue: string;
  readonly enqueuePerSec: number;
  readonly processPerSec: number;
  readonly totalSec: number;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `convene_qbench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Runs `task(i)` for i in 0…n-1, `CONCURRENCY` at a time; returns the elapsed seconds. */
async function timed(n: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await task(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** `CONCURRENCY` loops claiming up to BATCH jobs and completing each, until a claim returns none. */
async function drain(
  claim: (worker: string) => Promise<readonly string[]>,
  complete: (id: string, worker: string) => Promise<unknown>,
) {
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      const worker = `w${w}`;
      for (;;) {
        const ids = await claim(worker);
        if (ids.length === 0) return;
        for (const id of ids) await complete(id, worker);
        done += ids.length;
      }
    }),
  );
  return { done, seconds: (performance.now() - started) / 1000 };
}

function result(queue: string, enqueueSec: number, processSec: number, done: number): Result {
  if (done !== JOBS) throw new Error(`${queue}: processed ${done} of ${JOBS} jobs`);
  return {
    queue,
    enqueuePerSec: JOBS / enqueueSec,
    processPerSec: JOBS / processSec,
    totalSec: enqueueSec + processSec,
  };
}

async function convene(): Promise<Result> {
  return withDatabase(async (url) => {
    const store = await openDatabase({
      databaseUrl: url,
      encryptionKeys: generateKeyEntry('qbench'),
      migrate: true,
      poolSize: CONCURRENCY + 2,
      log: () => undefined,
    });
    try {
      const now = Date.now();
      const enqueueSec = await timed(JOBS, (i) =>
        store.jobs.enqueue({ kind: 'bench.noop', payload: { i }, runAt: now, dedupeKey: `bench:${i}` }),
      );
      const processed = await drain(
        async (worker) =>
          (await store.jobs.claim(worker, { limit: BATCH, leaseMs: 60_000, kinds: ['bench.noop'] })).map(
            (job) => job.id,
          ),
        async (id, worker) => {
          if (!(await store.jobs.complete(id, worker))) throw new Error(`convene: job ${id} not completed`);
        },
      );
      return result('Convene (jobs.ts, SKIP LOCKED)', enqueueSec, processed.seconds, processed.done);
    } finally {
      await store.close();
    }
  });
}

async function pgBoss(dir: string): Promise<Result> {
  const module = (await import(pathToFileURL(join(dir, 'node_modules/pg-boss/dist/index.js')).href)) as {
    PgBoss?: new (options: object) => PgBossLike;
    default?: new (options: object) => PgBossLike;
  };
  const PgBoss = module.PgBoss ?? module.default;
  if (!PgBoss) throw new Error('pg-boss: no PgBoss export');
  return withDatabase(async (url) => {
    const boss = new PgBoss({
      connectionString: url,
      max: CONCURRENCY + 2,
      supervise: false,
      schedule: false,
    });
    boss.on('error', (error: unknown) => console.error(`pg-boss: ${String(error)}`));
    await boss.start();
    try {
      await boss.createQueue('bench');
      const enqueueSec = await timed(JOBS, (i) => boss.send('bench', { i }, { singletonKey: `bench:${i}` }));
      const processed = await drain(
        async () => (await boss.fetch('bench', { batchSize: BATCH })).map((job) => job.id),
        (id) => boss.complete('bench', id),
      );
      const version = (await import(pathToFileURL(join(dir, 'node_modules/pg-boss/package.json')).href, {
        with: { type: 'json' },
      })) as { default: { version: string } };
      return result(`pg-boss ${version.default.version}`, enqueueSec, processed.seconds, processed.done);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
}

interface PgBossLike {
  on(event: 'error', listener: (error: unknown) => void): void;
  start(): Promise<unknown>;
  stop(options?: object): Promise<void>;
  createQueue(name: string): Promise<void>;
  send(name: string, data: object, options?: object): Promise<string | null>;
  fetch(name: string, options: object): Promise<Array<{ id: string }>>;
  complete(name: string, id: string): Promise<unknown>;
}

async function graphileWorker(dir: string): Promise<Result> {
  const module = (await import(
    pathToFileURL(join(dir, 'node_modules/graphile-worker/dist/index.js')).href
  )) as {
    makeWorkerUtils(options: object): Promise<{
      migrate(): Promise<void>;
      addJob(task: string, payload: object, spec?: object): Promise<unknown>;
      release(): Promise<void>;
    }>;
    Logger: new (factory: () => () => void) => unknown;
    run(options: object): Promise<{
      events: { on(event: string, listener: () => void): void };
      stop(): Promise<void>;
    }>;
  };
  return withDatabase(async (url) => {
    const utils = await module.makeWorkerUtils({ connectionString: url });
    try {
      await utils.migrate();
      const enqueueSec = await timed(JOBS, (i) => utils.addJob('noop', { i }, { jobKey: `bench:${i}` }));
      let done = 0;
      const started = performance.now();
      let finished: () => void = () => undefined;
      const all = new Promise<void>((resolve) => {
        finished = resolve;
      });
      const runner = await module.run({
        connectionString: url,
        concurrency: CONCURRENCY,
        noHandleSignals: true,
        pollInterval: 1000,
        logger: new module.Logger(() => () => undefined),
        taskList: { noop: async () => undefined },
      });
      runner.events.on('job:success', () => {
        if (++done === JOBS) finished();
      });
      await all;
      const seconds = (performance.now() - started) / 1000;
      await runner.stop();
      const version = (await import(
        pathToFileURL(join(dir, 'node_modules/graphile-worker/package.json')).href,
        {
          with: { type: 'json' },
        }
      )) as { default: { version: string } };
      return result(`graphile-worker ${version.default.version}`, enqueueSec, seconds, done);
    } finally {
      await utils.release();
    }
  });
}

const results: Result[] = [await convene()];
if (QBENCH_DIR) {
  results.push(await pgBoss(QBENCH_DIR));
  results.push(await graphileWorker(QBENCH_DIR));
} else {
  console.log('QBENCH_DIR unset: pg-boss and graphile-worker not measured (see the header of this file)');
}
console.log(
  `${JOBS} jobs, ${CONCURRENCY} concurrent clients/workers, claim batch ${BATCH}, PostgreSQL ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')}`,
);
console.log('| queue | enqueue jobs/s | claim+complete jobs/s | total s |');
console.log('|---|---:|---:|---:|');
for (const r of results)
  console.log(
    `| ${r.queue} | ${r.enqueuePerSec.toFixed(0)} | ${r.processPerSec.toFixed(0)} | ${r.totalSec.toFixed(2)} |`,
  );
