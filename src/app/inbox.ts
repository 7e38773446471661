/**
 * A surface's durable inbox (src/bot/inbox.ts: Slack's `/meet`, Discord's `/meet new` and their booking
 * clicks): a delivery is recorded as a job already claimed by the receiving process, its lease renewed
 * while the work runs, and the job completed when the work ends. A second delivery of the same request (a retry landing on
 * another replica) finds the first record. Surfaces call these instead of writing the job queue.
 */
import type { JobRepository } from './ports/store.ts';

export interface InboxDeps {
  readonly jobs: Pick<JobRepository, 'enqueue' | 'extend' | 'complete'>;
}

export interface ReceiveDeliveryInput {
  readonly kind: string;
  /** The delivery's identity (trigger id; user, action and time): a redelivery has the same. */
  readonly key: string;
  /** JSON-serialisable, no secret; `nonce` tells this delivery apart from a redelivery. */
  readonly payload: { readonly nonce: string } & Record<string, unknown>;
  /**
   * A short-lived capability the work needs when another replica takes it over (a Discord interaction's
   * token, valid 15 minutes: src/bot/discord/inbox.ts): stored sealed, erased when the job ends.
   */
  readonly secret?: string;
  readonly worker: string;
  /** Epoch ms: the lease's end (another worker takes the job over after it). */
  readonly leaseUntil: number;
}

export type ReceiveDeliveryResult =
  | { readonly status: 'recorded'; readonly jobId: string }
  /** Another delivery of the same request has it: do nothing. */
  | { readonly status: 'already' };

export async function receiveDelivery(
  deps: InboxDeps,
  input: ReceiveDeliveryInput,
): Promise<ReceiveDeliveryResult> {
  const job = await deps.jobs.enqueue({
    kind: input.kind,
    payload: input.payload,
    maxAttempts: 1,
    dedupeKey: `${input.kind}:${input.key}`,
    lease: { worker: input.worker, until: input.leaseUntil },
    ...(input.secret !== undefined ? { secret: input.secret } : {}),
  });
  const nonce = (job.payload as { nonce?: unknown } | null)?.nonce;
  return nonce === input.payload.nonce ? { status: 'recorded', jobId: job.id } : { status: 'already' };
}

/** Renews the lease of a recorded delivery while its work runs. */
export function renewDelivery(
  deps: InboxDeps,
  input: { readonly jobId: string; readonly worker: string; readonly leaseUntil: number },
): Promise<boolean> {
  return deps.jobs.extend(input.jobId, input.worker, input.leaseUntil);
}

/** The work of a recorded delivery ended (however it ended). */
export function completeDelivery(
  deps: InboxDeps,
  input: { readonly jobId: string; readonly worker: string },
): Promise<boolean> {
  return deps.jobs.complete(input.jobId, input.worker);
}
