import { randomUUID } from 'node:crypto';
import type { EnqueueInput, Job, JobRepository, JobStatus } from '../../app/ports/store.ts';
import { type Db, isId, ms, type Sql } from './util.ts';

/** Delay before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … capped at 1 hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

interface Row {
  id: string;
  tenantId: string | null;
  kind: string;
  payload: unknown;
  status: string;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  dedupeKey: string | null;
}

function toJob(row: Row): Job {
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    payload: row.payload,
    status: row.status as JobStatus,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    runAt: ms(row.runAt),
    lastError: row.lastError,
    dedupeKey: row.dedupeKey,
  };
}

/** The row of a new job (also used by the bookings repository to enqueue inside its transaction). */
export function jobData(input: EnqueueInput) {
  return {
    tenantId: input.tenantId ?? null,
    kind: input.kind,
    payload: (input.payload ?? null) as object,
    runAt: new Date(input.runAt ?? Date.now()),
    maxAttempts: input.maxAttempts ?? 8,
    dedupeKey: input.dedupeKey ?? null,
    ...(input.lease
      ? { status: 'running', lockedBy: input.lease.worker, lockedUntil: new Date(input.lease.until) }
      : {}),
  };
}

/** Enqueues inside a transaction; jobs whose dedupe key already exists are skipped. */
export async function enqueueAll(tx: Pick<Db, 'job'>, inputs: readonly EnqueueInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.job.createMany({ data: inputs.map(jobData), skipDuplicates: true });
}

const JOB_COLUMNS = `id, tenant_id AS "tenantId", kind, payload, status, attempts, max_attempts AS "maxAttempts",
  run_at AS "runAt", last_error AS "lastError", dedupe_key AS "dedupeKey", created_at AS "createdAt"`;

type JobRow = Row & { createdAt: Date } & Record<string, unknown>;

export function jobRepository(db: Db, sql: Sql): JobRepository {
  const byDedupeKey = async (key: string) =>
    (await sql<JobRow>(`SELECT ${JOB_COLUMNS} FROM job WHERE dedupe_key = $1`, [key]))[0];
  return {
    async enqueue(input) {
      const data = jobData(input);
      // One statement (the scheduler enqueues often): a job whose dedupe key exists is not inserted, and the
      // existing one is returned. A key inserted by a transaction still open is waited for, then read.
      const params = [
        randomUUID(),
        data.tenantId,
        data.kind,
        JSON.stringify(data.payload ?? null),
        data.runAt.toISOString(),
        data.maxAttempts,
        data.dedupeKey,
        input.lease ? 'running' : 'queued',
        input.lease?.worker ?? null,
        input.lease ? new Date(input.lease.until).toISOString() : null,
      ];
      const [row] = await sql<JobRow>(
        `WITH inserted AS (
           INSERT INTO job (id, tenant_id, kind, payload, run_at, max_attempts, dedupe_key, status, locked_by, locked_until, updated_at)
           VALUES ($1::uuid, $2::uuid, $3, $4::jsonb, $5::timestamptz, $6, $7, $8, $9, $10::timestamptz, now())
           ON CONFLICT (dedupe_key) DO NOTHING
           RETURNING ${JOB_COLUMNS}
         )
         SELECT * FROM inserted
         UNION ALL
         SELECT ${JOB_COLUMNS} FROM job WHERE $7::text IS NOT NULL AND dedupe_key = $7 AND NOT EXISTS (SELECT 1 FROM inserted)`,
        params,
      );
      const found = row ?? (data.dedupeKey !== null ? await byDedupeKey(data.dedupeKey) : undefined);
      if (!found) throw new Error(`jobs: enqueue of ${data.kind} returned no row`);
      return toJob(found);
    },
    async claim(worker, options) {
      const now = new Date(options.now ?? Date.now());
      const until = new Date(now.getTime() + options.leaseMs);
      const kinds = options.kinds ? [...options.kinds] : null;
      const claimed = await sql<JobRow>(
        `UPDATE job SET status = 'running', locked_by = $1, locked_until = $2::timestamptz,
                attempts = attempts + 1, updated_at = $3::timestamptz
         WHERE id IN (
           SELECT id FROM job
           WHERE ((status = 'queued' AND run_at <= $3::timestamptz) OR (status = 'running' AND locked_until < $3::timestamptz))
             AND ($4::text[] IS NULL OR kind = ANY($4::text[]))
           ORDER BY run_at, created_at
           LIMIT $5
           FOR UPDATE SKIP LOCKED
         )
         RETURNING ${JOB_COLUMNS}`,
        [worker, until.toISOString(), now.toISOString(), kinds, options.limit],
      );
      return claimed
        .sort((a, b) => ms(a.runAt) - ms(b.runAt) || ms(a.createdAt) - ms(b.createdAt))
        .map(toJob);
    },
    async complete(jobId, worker) {
      if (!isId(jobId)) return false;
      const done = await sql(
        `UPDATE job SET status = 'done', locked_by = NULL, locked_until = NULL, updated_at = now()
         WHERE id = $1::uuid AND locked_by = $2 AND status = 'running' RETURNING id`,
        [jobId, worker],
      );
      return done.length === 1;
    },
    async extend(jobId, worker, until) {
      if (!isId(jobId)) return false;
      const extended = await sql(
        `UPDATE job SET locked_until = $3::timestamptz, updated_at = now()
         WHERE id = $1::uuid AND locked_by = $2 AND status = 'running' RETURNING id`,
        [jobId, worker, new Date(until).toISOString()],
      );
      return extended.length === 1;
    },
    async fail(jobId, worker, error, now = Date.now()) {
      if (!isId(jobId)) return null;
      const job = await db.job.findFirst({ where: { id: jobId, lockedBy: worker, status: 'running' } });
      if (!job) return null;
      const dead = job.attempts >= job.maxAttempts;
      const result = await db.job.updateMany({
        where: { id: jobId, lockedBy: worker, status: 'running', attempts: job.attempts },
        data: {
          status: dead ? 'dead' : 'queued',
          lastError: error.slice(0, 2000),
          lockedBy: null,
          lockedUntil: null,
          ...(dead ? {} : { runAt: new Date(now + backoffMs(job.attempts)) }),
        },
      });
      if (result.count !== 1) return null;
      return toJob(await db.job.findUniqueOrThrow({ where: { id: jobId } }));
    },
    async cancelQueued(prefix) {
      if (prefix.length === 0) return 0;
      const result = await db.job.updateMany({
        where: { dedupeKey: { startsWith: prefix }, status: 'queued' },
        data: { status: 'cancelled' },
      });
      return result.count;
    },
    async listByDedupePrefix(prefix) {
      const rows = await db.job.findMany({
        where: { dedupeKey: { startsWith: prefix } },
        orderBy: [{ createdAt: 'asc' }, { runAt: 'asc' }],
      });
      return rows.map(toJob);
    },
    async get(jobId) {
      if (!isId(jobId)) return null;
      const row = await db.job.findUnique({ where: { id: jobId } });
      return row ? toJob(row) : null;
    },
  };
}
