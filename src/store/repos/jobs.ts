import type { EnqueueInput, Job, JobRepository, JobStatus } from '../../app/ports/store.ts';
import { sqlState, UNIQUE_VIOLATION } from '../errors.ts';
import { type Db, isId, ms } from './util.ts';

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
  };
}

/** Enqueues inside a transaction; jobs whose dedupe key already exists are skipped. */
export async function enqueueAll(tx: Pick<Db, 'job'>, inputs: readonly EnqueueInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.job.createMany({ data: inputs.map(jobData), skipDuplicates: true });
}

export function jobRepository(db: Db): JobRepository {
  return {
    async enqueue(input) {
      const data = jobData(input);
      if (input.dedupeKey !== undefined) {
        const existing = await db.job.findUnique({ where: { dedupeKey: input.dedupeKey } });
        if (existing) return toJob(existing);
      }
      try {
        return toJob(await db.job.create({ data }));
      } catch (error) {
        if (input.dedupeKey !== undefined && sqlState(error) === UNIQUE_VIOLATION) {
          const existing = await db.job.findUnique({ where: { dedupeKey: input.dedupeKey } });
          if (existing) return toJob(existing);
        }
        throw error;
      }
    },
    async claim(worker, options) {
      const now = new Date(options.now ?? Date.now());
      const until = new Date(now.getTime() + options.leaseMs);
      const kinds = options.kinds ? [...options.kinds] : null;
      const claimed = await db.$queryRaw<{ id: string }[]>`
        UPDATE "job" SET "status" = 'running', "locked_by" = ${worker}, "locked_until" = ${until},
               "attempts" = "attempts" + 1, "updated_at" = ${now}
        WHERE "id" IN (
          SELECT "id" FROM "job"
          WHERE (("status" = 'queued' AND "run_at" <= ${now}) OR ("status" = 'running' AND "locked_until" < ${now}))
            AND (${kinds}::text[] IS NULL OR "kind" = ANY(${kinds}::text[]))
          ORDER BY "run_at", "created_at"
          LIMIT ${options.limit}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING "id"::text AS "id"`;
      if (claimed.length === 0) return [];
      const rows = await db.job.findMany({
        where: { id: { in: claimed.map((c) => c.id) } },
        orderBy: [{ runAt: 'asc' }, { createdAt: 'asc' }],
      });
      return rows.map(toJob);
    },
    async complete(jobId, worker) {
      if (!isId(jobId)) return false;
      const result = await db.job.updateMany({
        where: { id: jobId, lockedBy: worker, status: 'running' },
        data: { status: 'done', lockedBy: null, lockedUntil: null },
      });
      return result.count === 1;
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
