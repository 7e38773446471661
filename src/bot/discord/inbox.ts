/**
 * The durable inbox of the Discord interactions whose work runs after the HTTP answer and matters most:
 * `/meet new` (answered with a deferral, type 5) and a booking click (type 6). The mechanism is Slack's
 * (../inbox.ts): the interaction is recorded (`discord.inbox`, dedupe key its id) just before the HTTP
 * answer, already claimed by this process, its lease renewed while the work runs, the job completed when
 * the work ends; a replica killed in between leaves a job whose lease expires, and any replica's outbox
 * worker runs the same handler on the recorded interaction (`takeOver` in adapter.ts). A second delivery of
 * the same interaction id on another replica while the first works gets its HTTP answer and runs nothing.
 *
 * The interaction TOKEN is a capability (it edits the deferred response and sends follow-ups as the bot for
 * this interaction), valid 15 minutes from the interaction (Discord's docs). It is NOT in the job's payload:
 * it is the job's secret, sealed with the encryption keys like OAuth tokens, bound to this job, and erased
 * when the job completes (src/store/repos/jobs.ts). The replica taking over opens it and resolves the
 * user's deferred "thinking…" message (or the clicked proposals) in place, as the dead one would have; when
 * the token is dead by then, or did not open (its key left the ring), the handlers' own fallbacks post in the
 * channel with the bot token (context.ts, `editOrFallback`; api.ts refuses an empty token as expired). A
 * job recorded by an older build carries the token in its payload: it is still taken over. A finished
 * `discord.inbox` job is pruned `DISCORD_INBOX_RETENTION_MS` (15 minutes) after it ended; that retention
 * covers every accepted redelivery: the endpoint refuses a signature timestamp older than 5 minutes
 * (verify.ts).
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
  /** The interaction as delivered, without its token (the job's secret: see above). */
  readonly interaction: Omit<APIInteraction, 'token'> & { readonly token?: string };
}

export type DiscordInbox = Inbox<Omit<DiscordInboxPayload, 'v' | 'nonce'>>;

/** What the inbox records of an interaction: the payload without the token, and the token as the secret. */
export function recordOf(
  listener: DiscordInboxListener,
  interaction: APIInteraction,
): { payload: Omit<DiscordInboxPayload, 'v' | 'nonce'>; secret: string } {
  const { token, ...rest } = interaction;
  return { payload: { listener, interaction: rest }, secret: token };
}

export function createDiscordInbox(options: {
  readonly jobs: InboxUseCases | undefined;
  readonly leaseMs?: number;
  readonly clock: () => number;
  readonly log: (line: string) => void;
}): DiscordInbox {
  return createSurfaceInbox({ ...options, kind: DISCORD_INBOX_JOB, surface: 'discord' });
}

/**
 * The recorded interaction of a job, its token restored from the job's secret (or from the payload of a
 * job an older build recorded); an empty token when neither is there (the work falls back, see above).
 */
export function discordInboxPayloadOf(
  job: Job,
): { readonly listener: DiscordInboxListener; readonly interaction: APIInteraction } | null {
  const payload = job.payload as Partial<DiscordInboxPayload> | null;
  if (payload?.v !== 1 || !payload.interaction || typeof payload.interaction !== 'object') return null;
  if (payload.listener !== 'meet' && payload.listener !== 'book') return null;
  if (typeof payload.interaction.id !== 'string') return null;
  const legacy = typeof payload.interaction.token === 'string' ? payload.interaction.token : '';
  const token = job.secret ?? legacy;
  return {
    listener: payload.listener,
    interaction: { ...payload.interaction, token } as APIInteraction,
  };
}
