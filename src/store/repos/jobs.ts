import type { EnqueueInput, Job, JobRepository } from '../../app/ports/store.ts';
import { type KeyRing, secretContext } from '../crypto.ts';
import type { Statement } from '../sql/columns.ts';
import { type JobRow, jobSql, toJob as rowToJob } from '../sql/job.ts';
import { isId, ms, run as runIn, type Sql } from './util.ts';

export { backoffMs } from '../sql/job.ts';

/**
 * The durable queue: every statement is SQL of `../sql/job.ts` (src/store/README.md). A job's secret is
 * sealed with `keys` on the way in and opened on the way out (bound to the job's tenant, kind and dedupe
 * key); one that no longer opens (its key was dropped from the ring) reads as null, and the worker does
 * without it, as it does once the capability expired.
 */
export function jobRepository(sql: Sql, keys: KeyRing): JobRepository {
  const run = <Row extends Record<string, unknown>>(statement: Statement) => runIn<Row>(sql, statement);
  const seal = (input: EnqueueInput): string | null => {
    if (input.secret === undefined) return null;
    if (input.dedupeKey === undefined) throw new Error(`jobs: ${input.kind} has a secret but no dedupe key`);
    return keys.encrypt(input.secret, secretContext.job(input.tenantId ?? null, input.kind, input.dedupeKey));
  };
  const toJob = (row: JobRow): Job => {
    if (row.secretEnc === null || row.dedupeKey === null) return rowToJob(row);
    try {
      return rowToJob(
        row,
        keys.decrypt(row.secretEnc, secretContext.job(row.tenantId, row.kind, row.dedupeKey)),
      );
    } catch {
      return rowToJob(row);
    }
  };
  return {
    async enqueue(input) {
      const [row] = await run<JobRow>(jobSql.enqueue(input, Date.now(), seal(input)));
      const found =
        row ??
        (input.dedupeKey !== undefined
          ? (await run<JobRow>(jobSql.byDedupeKey(input.dedupeKey)))[0]
          : undefined);
      if (!found) throw new Error(`jobs: enqueue of ${input.kind} returned no row`);
      return toJob(found);
    },
    async claim(worker, options) {
      const now = options.now ?? Date.now();
      const claimed = await run<JobRow>(
        jobSql.claim(worker, now + options.leaseMs, now, options.kinds ?? null, options.limit),
      );
      return claimed
        .sort((a, b) => ms(a.runAt) - ms(b.runAt) || ms(a.createdAt) - ms(b.createdAt))
        .map(toJob);
    },
    async complete(jobId, worker) {
      if (!isId(jobId)) return false;
      return (await run(jobSql.complete(jobId, worker))).length === 1;
    },
    async extend(jobId, worker, until) {
      if (!isId(jobId)) return false;
      return (await run(jobSql.extend(jobId, worker, until))).length === 1;
    },
    async fail(jobId, worker, error, now = Date.now()) {
      if (!isId(jobId)) return null;
      const [row] = await run<JobRow>(jobSql.fail(jobId, worker, error, now));
      return row ? toJob(row) : null;
    },
    async cancelQueued(prefix) {
      if (prefix.length === 0) return 0;
      return (await run(jobSql.withdraw(prefix))).length;
    },
    async listByDedupePrefix(prefix) {
      return (await run<JobRow>(jobSql.listByDedupePrefix(prefix))).map(toJob);
    },
    async get(jobId) {
      if (!isId(jobId)) return null;
      const [row] = await run<JobRow>(jobSql.get(jobId));
      return row ? toJob(row) : null;
    },
    async pruneFinished(kind, before, limit) {
      if (limit <= 0) return 0;
      return (await run(jobSql.pruneFinished(kind, before, limit))).length;
    },
  };
}
