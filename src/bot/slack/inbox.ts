/**
 * The durable inbox of the Slack requests whose work runs after the ack: a `/meet` meeting request and a
 * booking click (the mechanism, shared with Discord: ../inbox.ts).
 *
 * - The request is recorded (`slack.inbox`) just before the ack, already claimed by this process; a dead
 *   replica's lease expires and any replica's outbox worker runs the same listener on the recorded
 *   request, with a Web API client for the team's stored token (a private answer goes through
 *   `chat.postEphemeral`: the `response_url` is a capability and is not stored).
 * - The dedupe key is the delivery (trigger id; user, action and `action_ts`): a Slack retry or a double
 *   delivery landing on ANOTHER replica while the first still works finds the job and does nothing.
 * - At least once: a replica killed after the proposals are posted but before completing the job has it
 *   run again (a duplicate proposals message; a booking click is idempotent): src/bot/inbox.ts.
 */
import type { Job } from '../../app/ports/store.ts';
import type { InboxUseCases } from '../../app/use-cases.ts';
import { createSurfaceInbox, type Inbox as SurfaceInbox } from '../inbox.ts';
import type { RespondFn, SlackApi } from './deps.ts';

export { AlreadyReceived, INBOX_LEASE_MS } from '../inbox.ts';

export const SLACK_INBOX_JOB = 'slack.inbox';
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

export type Inbox = SurfaceInbox<Omit<InboxPayload, 'v' | 'nonce'>>;

export function createInbox(options: {
  /** The inbox use cases (src/app/inbox.ts); none: the work runs, not durable. */
  readonly jobs: InboxUseCases | undefined;
  readonly leaseMs?: number;
  readonly clock: () => number;
  readonly log: (line: string) => void;
}): Inbox {
  return createSurfaceInbox({ ...options, kind: SLACK_INBOX_JOB, surface: 'slack' });
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
