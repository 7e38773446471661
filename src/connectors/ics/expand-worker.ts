/**
 * Worker thread of `IcsExpander` (./expand-pool.ts): expands one feed at a time with `expandIcs`
 * (bounded by its step and time budgets) off the server's event loop, and answers with the merged busy
 * time and the warnings only.
 */
import { parentPort } from 'node:worker_threads';
import type { Interval } from '../../core/interval.ts';
import { type ExpandOptions, expandIcs } from './expand.ts';

export interface ExpandJob {
  readonly id: number;
  readonly text: string;
  readonly range: Interval;
  readonly options: ExpandOptions;
}

parentPort?.on('message', (job: ExpandJob) => {
  try {
    const result = expandIcs(job.text, job.range, job.options);
    parentPort?.postMessage({
      id: job.id,
      result: result.ok ? { ok: true, busy: result.busy, warnings: result.warnings } : result,
    });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, crash: error instanceof Error ? error.message : String(error) });
  }
});
