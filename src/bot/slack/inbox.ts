/**
 * The durable inbox of the Slack requests whose work runs after the ack: a `/meet` meeting request and a
 * booking click. Convene acks at once (Slack's 3 s) and then works for up to seconds; a replica killed
 * in between used to lose the request silently (Slack got its 200 and does not retry). Now:
 *
 * - Just before the ack, the request is recorded as a job (`slack.inbox`) ALREADY CLAIMED by this
 *   process (`running`, lease `leaseMs`; one INSERT on the ack's path), then the work runs here as before
 *   (a process killed between an ack and a record made after it lost the request); the lease is renewed every
 *   third of it while the work runs, and the job is completed when it ends (success or handled failure).
 * - The process dies: the lease expires and any replica's outbox worker claims the job and runs the same
 *   listener on the recorded request, with a Web API client for the team's stored token (a private
 *   answer goes through `chat.postEphemeral`: the `response_url` is a capability and is not stored).
 * - The dedupe key is the delivery (trigger id; user, action and `action_ts`): a Slack retry or a double
 *   delivery landing on ANOTHER replica while the first still works finds the job and does nothing.
 * - At least once: a replica killed after the work's last Slack call but before completing the job has
 *   it run again (a duplicate proposals message; a booking click is idempotent). That window is the
 *   time of one UPDATE, against the seconds of work that used to be lost.
 * - Without a job repository (tests with partial stores) or when recording fails (database down), the
 *   work runs as before, not durable (logged).
 */
import { randomUUID } from 'node:crypto';
import type { Job } from '../../app/ports/store.ts';
import type { InboxUseCases } from '../../app/use-cases.ts';
import type { RespondFn, SlackApi } from './deps.ts';

export const SLACK_INBOX_JOB = 'slack.inbox';
/** Default lease of an inbox job: a live replica renews it every third, a dead one's expires. */
export const INBOX_LEASE_MS = 60_000;
/** Default retention of a finished inbox job (one per /meet and click): the worker loop prunes older ones. */
export const INBOX_RETENTION_MS = 24 * 3_600_000;

export type InboxListener = 'meet' | 'book';

export interface InboxPayload {
  readonly v: 1;
  readonly listener: InboxListener;
  readonly teamId: string;
  /** Tells the process that recorded the job apart from one that found it (a retry elsewhere). */
  readonly nonce: string;
  /** The listener's arguments without functions: `{command}` or `{body, action}`. */
  readonly args: Record<string, unknown>;
}

/** Thrown by the recording ack when another delivery of the same request already has it. */
export class AlreadyReceived extends Error {
  constructor() {
    super('this request is already being handled');
    this.name = 'AlreadyReceived';
  }
}

export interface Inbox {
  /**
   * An ack that records the request, then acks; throws `AlreadyReceived` when another delivery has
   * it. `finish()` completes the job (call it when the work ended, however it ended).
   */
  wrap<A extends (...args: never[]) => Promise<void>>(
    ack: A,
    key: string,
    payload: Omit<InboxPayload, 'v' | 'nonce'>,
  ): { ack: A; finish(): Promise<void> };
}

export function createInbox(options: {
  /** The inbox use cases (src/app/inbox.ts); none: the work runs, not durable. */
  readonly jobs: InboxUseCases | undefined;
  readonly leaseMs?: number;
  readonly clock: () => number;
  readonly log: (line: string) => void;
}): Inbox {
  const { jobs, clock, log } = options;
  const leaseMs = options.leaseMs ?? INBOX_LEASE_MS;
  const worker = `slack-inbox:${randomUUID()}`;
  return {
    wrap(ack, key, payload) {
      let jobId: string | null = null;
      let heartbeat: NodeJS.Timeout | undefined;
      const wrapped = (async (...args: never[]) => {
        if (!jobs) return ack(...args);
        const nonce = randomUUID();
        // Recorded BEFORE the ack: a replica killed between an ack and its record would lose the request
        // (Slack does not retry a request that got its 200). Killed before the ack, Slack retries; the retry
        // finds this record (AlreadyReceived) and the record's lease hands the work to a live replica.
        let already = false;
        try {
          const received = await jobs.receive({
            kind: SLACK_INBOX_JOB,
            key,
            payload: { v: 1, nonce, ...payload } satisfies InboxPayload,
            worker,
            leaseUntil: clock() + leaseMs,
          });
          if (received.status === 'already') already = true;
          else jobId = received.jobId;
        } catch (error) {
          log(`slack: request not recorded (it runs, not durable): ${(error as Error)?.message ?? error}`);
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
                log(`slack: lease of request ${held} not renewed: ${(error as Error)?.message ?? error}`),
              ),
          Math.max(1, Math.floor(leaseMs / 3)),
        );
        heartbeat.unref();
      }) as unknown as typeof ack;
      return {
        ack: wrapped,
        async finish() {
          if (heartbeat) clearInterval(heartbeat);
          if (!jobId || !jobs) return;
          const held = jobId;
          await jobs
            .complete({ jobId: held, worker })
            .catch((error: unknown) =>
              log(`slack: request ${held} not marked done: ${(error as Error)?.message ?? error}`),
            );
        },
      };
    },
  };
}

/** A `respond` for a request run again by a worker: the private answer goes through `chat.postEphemeral`. */
export function ephemeralRespond(client: SlackApi, channelId: string | undefined, userId: string): RespondFn {
  return async (message) => {
    if (!channelId) throw new Error('no channel to answer in');
    const { text, blocks } = message as { text?: string; blocks?: unknown };
    return client.chat.postEphemeral({
      channel: channelId,
      user: userId,
      text: text ?? '',
      ...(blocks ? { blocks } : {}),
    });
  };
}

export function inboxPayloadOf(job: Job): InboxPayload | null {
  const payload = job.payload as Partial<InboxPayload> | null;
  if (payload?.v !== 1 || typeof payload.teamId !== 'string' || !payload.args) return null;
  if (payload.listener !== 'meet' && payload.listener !== 'book') return null;
  return payload as InboxPayload;
}
