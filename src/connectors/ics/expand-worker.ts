/**
 * Worker thread of `IcsExpander` (./expand-pool.ts): expands one feed at a time with `expandIcs`
 * (bounded by its step and time budgets) off the server's event loop, and answers with the merged busy
 * time and the warnings only; or lists a feed's event times (`eventTimesOf`, a full ical.js parse).
 */
import { parentPort } from 'node:worker_threads';
import type { Interval } from '../../core/interval.ts';
import { eventTimesOf } from './changes.ts';
import { type ExpandOptions, expandIcs } from './expand.ts';

/** Expand a feed over a range, or list its master events' times (change detection, ./changes.ts). */
export type ExpandJob =
  | {
      readonly kind: 'expand';
      readonly id: number;
      readonly text: string;
      readonly range: Interval;
      readonly options: ExpandOptions;
    }
  | { readonly kind: 'times'; readonly id: number; readonly text: string; readonly defaultZone: string };

parentPort?.on('message', (job: ExpandJob) => {
  try {
    if (job.kind === 'times') {
      parentPort?.postMessage({ id: job.id, result: eventTimesOf(job.text, job.defaultZone) });
      return;
    }
    const result = expandIcs(job.text, job.range, job.options);
    parentPort?.postMessage({
      id: job.id,
      result: result.ok ? { ok: true, busy: result.busy, warnings: result.warnings } : result,
    });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, crash: error instanceof Error ? error.message : String(error) });
  }
});
