/**
 * The `job` table (the durable queue). Written only by the statements of this module (src/store/README.md):
 * the id and `updated_at` come from the database (default `gen_random_uuid()`, trigger
 * `convene_touch_updated_at`), never from the caller.
 */
import type { Prisma } from '@prisma/client';
import type { EnqueueInput, Job, JobStatus } from '../../app/ports/store.ts';
import { ms } from '../repos/util.ts';
import { type ColumnMap, type Statement, selectList } from './columns.ts';

/** A type, not an interface: rows of `Sql` are records. */
export type JobRow = {
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
  /** The sealed secret (`EnqueueInput.secret`), opened by the repository; NULL once the job finished. */
  secretEnc: string | null;
  createdAt: Date;
};

const COLUMNS = {
  id: 'id',
  tenantId: 'tenant_id',
  kind: 'kind',
  payload: 'payload',
  status: 'status',
  attempts: 'attempts',
  maxAttempts: 'max_attempts',
  runAt: 'run_at',
  lastError: 'last_error',
  dedupeKey: 'dedupe_key',
  secretEnc: 'secret_enc',
  createdAt: 'created_at',
} as const satisfies ColumnMap<JobRow>;

const JOB = selectList(COLUMNS);

/** The job of a row; `secret` is the opened `secretEnc` (the repository opens it: it holds the keys). */
export function toJob(row: JobRow, secret: string | null = null): Job {
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
    secret,
  };
}

/** Delay before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … capped at 1 hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** `backoffMs` in SQL, of the row's `attempts`, as an interval. */
const BACKOFF = `(LEAST(30000 * power(2, GREATEST(0, attempts - 1)), 3600000) * interval '1 millisecond')`;

/** Statuses of a job that will not run again. */
export const FINISHED: readonly JobStatus[] = ['done', 'dead', 'cancelled'];

/** A new job; a job whose dedupe key exists is not inserted. Parameters: `insertParams`. */
const INSERT = `INSERT INTO job (tenant_id, kind, payload, run_at, max_attempts, dedupe_key, status, locked_by, locked_until, secret_enc)
  VALUES ($1::uuid, $2, $3::jsonb, $4::timestamptz, $5::int, $6::text, $7, $8, $9::timestamptz, $10::text)
  ON CONFLICT (dedupe_key) DO NOTHING`;

/** `secretEnc`: `input.secret` sealed by the repository (it holds the keys), or null. */
function insertParams(input: EnqueueInput, now: number, secretEnc: string | null): unknown[] {
  return [
    input.tenantId ?? null,
    input.kind,
    JSON.stringify(input.payload ?? null),
    new Date(input.runAt ?? now).toISOString(),
    input.maxAttempts ?? 8,
    input.dedupeKey ?? null,
    input.lease ? 'running' : 'queued',
    input.lease?.worker ?? null,
    input.lease ? new Date(input.lease.until).toISOString() : null,
    secretEnc,
  ];
}

/**
 * Withdraws the queued jobs whose dedupe key starts with $1. Only queued jobs: one being run is left
 * alone (its handler re-checks its subject). A finished job keeps no secret.
 */
const WITHDRAW = `UPDATE job SET status = 'cancelled', secret_enc = NULL WHERE starts_with(dedupe_key, $1) AND status = 'queued'`;

/** The statements, as [text, parameters] pairs for the store's `Sql` (all but the transaction helpers). */
export const jobSql = {
  /**
   * One statement (the scheduler enqueues often): the new job, or the existing one of its dedupe key. A
   * key inserted by a transaction still open is waited for; the caller reads it again if this is empty.
   */
  enqueue: (input: EnqueueInput, now: number, secretEnc: string | null = null) =>
    [
      `WITH inserted AS (${INSERT} RETURNING ${JOB})
       SELECT * FROM inserted
       UNION ALL
       SELECT ${JOB} FROM job WHERE $6::text IS NOT NULL AND dedupe_key = $6 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      insertParams(input, now, secretEnc),
    ] satisfies Statement,
  byDedupeKey: (key: string) => [`SELECT ${JOB} FROM job WHERE dedupe_key = $1`, [key]] satisfies Statement,
  get: (id: string) => [`SELECT ${JOB} FROM job WHERE id = $1::uuid`, [id]] satisfies Statement,
  listByDedupePrefix: (prefix: string) =>
    [
      `SELECT ${JOB} FROM job WHERE starts_with(dedupe_key, $1) ORDER BY created_at, run_at`,
      [prefix],
    ] satisfies Statement,
  claim: (worker: string, until: number, now: number, kinds: readonly string[] | null, limit: number) =>
    [
      `UPDATE job SET status = 'running', locked_by = $1, locked_until = $2::timestamptz, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM job
         WHERE ((status = 'queued' AND run_at <= $3::timestamptz) OR (status = 'running' AND locked_until < $3::timestamptz))
           AND ($4::text[] IS NULL OR kind = ANY($4::text[]))
         ORDER BY run_at, created_at
         LIMIT $5
         FOR UPDATE SKIP LOCKED
       )
       RETURNING ${JOB}`,
      [worker, new Date(until).toISOString(), new Date(now).toISOString(), kinds ? [...kinds] : null, limit],
    ] satisfies Statement,
  complete: (id: string, worker: string) =>
    [
      `UPDATE job SET status = 'done', locked_by = NULL, locked_until = NULL, secret_enc = NULL
       WHERE id = $1::uuid AND locked_by = $2 AND status = 'running' RETURNING id`,
      [id, worker],
    ] satisfies Statement,
  extend: (id: string, worker: string, until: number) =>
    [
      `UPDATE job SET locked_until = $3::timestamptz
       WHERE id = $1::uuid AND locked_by = $2 AND status = 'running' RETURNING id`,
      [id, worker, new Date(until).toISOString()],
    ] satisfies Statement,
  /** Queued again after `backoffMs(attempts)` from `now`, or `dead` after the last attempt; one statement. */
  fail: (id: string, worker: string, error: string, now: number) =>
    [
      `UPDATE job SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
              last_error = $3, locked_by = NULL, locked_until = NULL,
              secret_enc = CASE WHEN attempts >= max_attempts THEN NULL ELSE secret_enc END,
              run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE $4::timestamptz + ${BACKOFF} END
       WHERE id = $1::uuid AND locked_by = $2 AND status = 'running'
       RETURNING ${JOB}`,
      [id, worker, error.slice(0, 2000), new Date(now).toISOString()],
    ] satisfies Statement,
  withdraw: (prefix: string) => [`${WITHDRAW} RETURNING id`, [prefix]] satisfies Statement,
  /** At most `limit` finished jobs of `kind` last written before `before` are deleted. */
  pruneFinished: (kind: string, before: number, limit: number) =>
    [
      `DELETE FROM job WHERE id IN (
         SELECT id FROM job
         WHERE kind = $1 AND status = ANY($2::text[]) AND updated_at < $3::timestamptz
         LIMIT $4
         FOR UPDATE SKIP LOCKED
       )
       RETURNING id`,
      [kind, [...FINISHED], new Date(before).toISOString(), limit],
    ] satisfies Statement,
  /** The done jobs of a calendar watch (polls and syncs) that ran before `before`. */
  pruneWatch: (watchId: string, before: number) =>
    [
      `DELETE FROM job
       WHERE status = 'done' AND run_at < $2::timestamptz
         AND (starts_with(dedupe_key, 'calendar.poll:' || $1 || ':') OR starts_with(dedupe_key, 'calendar.sync:' || $1 || ':'))
       RETURNING id`,
      [watchId, new Date(before).toISOString()],
    ] satisfies Statement,
};

/**
 * Enqueues inside a Prisma transaction (a booking and its jobs commit together); duplicates are skipped.
 * No secret here: a job with one is enqueued through the repository, which seals it.
 */
export async function enqueueAll(
  tx: Prisma.TransactionClient,
  inputs: readonly EnqueueInput[],
  now = Date.now(),
): Promise<void> {
  for (const input of inputs) {
    if (input.secret !== undefined)
      throw new Error(`jobs: ${input.kind} has a secret; enqueue it through jobs.enqueue`);
    await tx.$executeRawUnsafe(INSERT, ...insertParams(input, now, null));
  }
}

/** `withdraw` inside a Prisma transaction; returns how many jobs were withdrawn. */
export function withdrawQueued(tx: Prisma.TransactionClient, prefix: string): Promise<number> {
  return tx.$executeRawUnsafe(WITHDRAW, prefix);
}
