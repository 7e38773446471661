/**
 * The durable inbox of the Discord interactions whose work runs after the HTTP answer and matters most:
 * `/meet new` (answered with a deferral, type 5) and a booking click (type 6). The mechanism is Slack's
 * (../inbox.ts): the interaction is recorded (`discord.inbox`, dedupe key its id) just before the HTTP
 * answer, already claimed by this process, its lease renewed while the work runs, the job completed when
 * the work ends; a replica killed in between leaves a job whose lease expires, and any replica's outbox
 * worker runs the same handler on the recorded interaction (`takeOver` in adapter.ts). A second delivery of
 * the same interaction id on another replica while the first works gets its HTTP answer and runs nothing.
 *
 * The interaction TOKEN is stored in the job's payload. It is a capability (it edits the deferred response
 * and sends follow-ups as the bot for this interaction) but a short one: Discord makes it valid 15 minutes
 * from the interaction. Stored, the replica taking over resolves the user's deferred "thinking…" message
 * (or the clicked proposals) in place, as the dead one would have; when the token is dead by then, the
 * handlers' own fallbacks post in the channel with the bot token (context.ts, `editOrFallback`). A finished
 * `discord.inbox` job is pruned `DISCORD_INBOX_RETENTION_MS` (15 minutes) after it ended, so a token stays
 * in the database for at most that long after its work (it is dead by then anyway); a job whose replica
 * died keeps it until a worker takes it over and completes it. That retention still covers every accepted
 * redelivery: the endpoint refuses a signature timestamp older than 5 minutes (verify.ts).
 */
import type { APIInteraction } from 'discord-api-types/v10';
import type { Job } from '../../app/ports/store.ts';
import type { InboxUseCases } from '../../app/use-cases.ts';
import { createSurfaceInbox, type Inbox } from '../inbox.ts';
import { MAX_SIGNATURE_AGE_MS } from './verify.ts';

export const DISCORD_INBOX_JOB = 'discord.inbox';
/** The interaction token's life (Discord's docs): finished jobs, and the tokens in them, are pruned after it. */
export const DISCORD_INBOX_RETENTION_MS = Math.max(15 * 60_000, MAX_SIGNATURE_AGE_MS);

export type DiscordInboxListener = 'meet' | 'book';

export interface DiscordInboxPayload {
  readonly v: 1;
  readonly listener: DiscordInboxListener;
  /** Tells the process that recorded the job apart from one that found it (a redelivery elsewhere). */
  readonly nonce: string;
  /** The interaction as delivered (its token included: see above). */
  readonly interaction: APIInteraction;
}

export type DiscordInbox = Inbox<Omit<DiscordInboxPayload, 'v' | 'nonce'>>;

export function createDiscordInbox(options: {
  readonly jobs: InboxUseCases | undefined;
  readonly leaseMs?: number;
  readonly clock: () => number;
  readonly log: (line: string) => void;
}): DiscordInbox {
  return createSurfaceInbox({ ...options, kind: DISCORD_INBOX_JOB, surface: 'discord' });
}

export function discordInboxPayloadOf(job: Job): DiscordInboxPayload | null {
  const payload = job.payload as Partial<DiscordInboxPayload> | null;
  if (payload?.v !== 1 || !payload.interaction || typeof payload.interaction !== 'object') return null;
  if (payload.listener !== 'meet' && payload.listener !== 'book') return null;
  if (typeof payload.interaction.id !== 'string' || typeof payload.interaction.token !== 'string')
    return null;
  return payload as DiscordInboxPayload;
}
