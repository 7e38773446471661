/**
 * The durable inbox of a chat surface's requests whose work runs after the platform's answer (Slack's
 * `/meet` and booking clicks, bot/slack/inbox.ts; Discord's `/meet new` and booking clicks,
 * bot/discord/inbox.ts). The surface answers at once (Slack's 3 s ack, Discord's deferral) and then
 * works for up to seconds; a replica killed in between used to lose the request silently (neither
 * platform delivers it again). Now:
 *
 * - Just before the answer, the request is recorded as a job (the surface's kind) ALREADY CLAIMED by this
 *   process (`running`, lease `leaseMs`; one INSERT on the answer's path), then the work runs here as
 *   before (a process killed between an answer and a record made after it lost the request); the lease is
 *   renewed every third of it while the work runs, and the job is completed when it ends (success or
 *   handled failure).
 * - The process dies: the lease expires and any replica's outbox worker claims the job and runs the
 *   surface's handler for the kind (`takeOver` in each adapter) on the recorded request.
 * - The dedupe key is the delivery's identity: a redelivery landing on ANOTHER replica while the first
 *   still works finds the job (the wrapped answer throws `AlreadyReceived`) and does nothing.
 * - At least once: a replica killed after the work's visible outcome but before completing the job has it
 *   run again. A meeting request completes its job as soon as the platform answered its proposals' post
 *   (`ProposalSurface.shown`), before recording where they are and nudging people without a calendar by
 *   DM: the window is that answer's way back and one UPDATE (CI's three-replica kill test found two
 *   proposals messages in a channel when it also spanned two recording UPDATEs and the nudges). A booking
 *   click run again is idempotent.
 * - Without the inbox use cases (tests with partial stores) or when recording fails (database down), the
 *   work runs as before, not durable (logged).
 */
import { randomUUID } from 'node:crypto';
import type { InboxUseCases } from '../app/use-cases.ts';

/** Default lease of an inbox job: a live replica renews it every third, a dead one's expires. */
export const INBOX_LEASE_MS = 60_000;

/** Thrown by the recording answer when another delivery of the same request already has it. */
export class AlreadyReceived extends Error {
  constructor() {
    super('this request is already being handled');
    this.name = 'AlreadyReceived';
  }
}

export interface Inbox<D extends Record<string, unknown>> {
  /**
   * An answer (`ack`) that records the request, then answers; throws `AlreadyReceived` when another
   * delivery has it. `finish()` completes the job (call it when the work ended, however it ended).
   * The job's payload is `{ v: 1, nonce, ...payload }`; `secret` (a short-lived capability the work
   * needs) is stored sealed beside it and erased when the job is completed.
   */
  wrap<A extends (...args: never[]) => Promise<void>>(
    ack: A,
    key: string,
    payload: D,
    secret?: string,
  ): { ack: A; finish(): Promise<void> };
}

export function createSurfaceInbox<D extends Record<string, unknown>>(options: {
  /** The job kind (`slack.inbox`, `discord.inbox`): the worker's handler for it takes a request over. */
  readonly kind: string;
  /** Prefix of the log lines and of the worker name (`slack`, `discord`). */
  readonly surface: string;
  /** The inbox use cases (src/app/inbox.ts); none: the work runs, not durable. */
  readonly jobs: InboxUseCases | undefined;
  readonly leaseMs?: number;
  readonly clock: () => number;
  readonly log: (line: string) => void;
}): Inbox<D> {
  const { kind, surface, jobs, clock, log } = options;
  const leaseMs = options.leaseMs ?? INBOX_LEASE_MS;
  const worker = `${surface}-inbox:${randomUUID()}`;
  return {
    wrap(ack, key, payload, secret) {
      let jobId: string | null = null;
      let finished: Promise<void> | undefined;
      let heartbeat: NodeJS.Timeout | undefined;
      const wrapped = (async (...args: never[]) => {
        if (!jobs) return ack(...args);
        const nonce = randomUUID();
        // Recorded BEFORE the answer: a replica killed between an answer and its record would lose the
        // request (the platform does not deliver an answered request again). Killed before the answer, a
        // redelivery finds this record (AlreadyReceived) and the record's lease hands the work to a live
        // replica.
        let already = false;
        try {
          const received = await jobs.receive({
            kind,
            key,
            payload: { v: 1, nonce, ...payload },
            worker,
            leaseUntil: clock() + leaseMs,
            ...(secret !== undefined ? { secret } : {}),
          });
          if (received.status === 'already') already = true;
          else jobId = received.jobId;
        } catch (error) {
          log(
            `${surface}: request not recorded (it runs, not durable): ${(error as Error)?.message ?? error}`,
          );
        }
        await ack(...args);
        if (already) throw new AlreadyReceived();
        if (!jobId) return;
        const held = jobId;
        heartbeat = setInterval(
          () =>
            void jobs
              .renew({ jobId: held, worker, leaseUntil: clock() + leaseMs })
              .catch((error: unknown) =>
                log(
                  `${surface}: lease of request ${held} not renewed: ${(error as Error)?.message ?? error}`,
                ),
              ),
          Math.max(1, Math.floor(leaseMs / 3)),
        );
        heartbeat.unref();
      }) as unknown as typeof ack;
      return {
        ack: wrapped,
        // Once: the work may call it as soon as its outcome is shown (`ProposalSurface.shown`), and the
        // adapter calls it again when the work ends.
        finish() {
          finished ??= (async () => {
            if (heartbeat) clearInterval(heartbeat);
            if (!jobId || !jobs) return;
            const held = jobId;
            await jobs
              .complete({ jobId: held, worker })
              .catch((error: unknown) =>
                log(`${surface}: request ${held} not marked done: ${(error as Error)?.message ?? error}`),
              );
          })();
          return finished;
        },
      };
    },
  };
}
