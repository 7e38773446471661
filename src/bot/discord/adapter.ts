/**
 * Discord over HTTP interactions (no gateway: discord.js's `Client` cannot receive them), on Convene's
 * express server, so any replica can answer any interaction.
 *
 *   POST /discord/interactions
 *
 * 1. The raw body's Ed25519 signature is verified first; a bad or missing one gets 401 (Discord probes
 *    this and drops endpoints that accept forgeries).
 * 2. PING → PONG. Every other interaction is answered inline at once (well inside 3 s): `/meet help`
 *    directly; `/meet new` with a public deferral (type 5), the personal subcommands with an ephemeral
 *    one; button and select clicks with DEFERRED_UPDATE_MESSAGE (type 6); autocomplete with choices.
 * 3. The work then runs in the background and answers through the webhook endpoints with the
 *    interaction token (valid 15 minutes); see `context.ts` for what happens when it is dead.
 *    `/meet new` and a booking click are recorded first (inbox.ts): a replica that dies after its answer
 *    leaves them to another replica's worker (`jobHandlers`), and a second delivery of the same
 *    interaction on another replica runs nothing.
 *
 * Mount this router BEFORE any global `express.json()`: it needs the raw bytes.
 */
import type {
  APIApplicationCommandAutocompleteInteraction,
  APIChatInputApplicationCommandInteraction,
  APIInteraction,
  APIInteractionResponse,
  APIMessageComponentInteraction,
} from 'discord-api-types/v10';
import express from 'express';
import type { JobHandler } from '../../app/outbox.ts';
import { maxParticipantsOf } from '../../app/request-meeting.ts';
import { AlreadyReceived } from '../inbox.ts';
import { CommandRateLimiter, rateLimitedMessage } from '../rate-limit.ts';
import { DiscordApi } from './api.ts';
import { MEET_COMMAND } from './commands.ts';
import type { HandlerEnv } from './context.ts';
import { guildAllowed, localeOf, replyPrivately } from './context.ts';
import { parseCustomId } from './custom-id.ts';
import type { DiscordAdapterDeps, DiscordConfig } from './deps.ts';
import { inboxOf } from './deps.ts';
import { handleAnswerClick } from './handlers/answer-question.ts';
import { handleBookClick } from './handlers/book.ts';
import { handleCalendars } from './handlers/calendars.ts';
import { handleCancelBooking } from './handlers/cancel-booking.ts';
import { handleDmAction } from './handlers/dm-action.ts';
import { handleHelp } from './handlers/help.ts';
import { handleLink } from './handlers/link.ts';
import { handleMeetNew } from './handlers/meet-new.ts';
import { handleMoveBooking } from './handlers/move-booking.ts';
import { handleOccurrence } from './handlers/occurrence.ts';
import { handleRequestButton } from './handlers/request-buttons.ts';
import { handleRescheduleBooking } from './handlers/reschedule-booking.ts';
import { handleSettings, zoneChoices } from './handlers/settings.ts';
import { handleStatus } from './handlers/status.ts';
import { handleTeam } from './handlers/team.ts';
import { handleUnlink } from './handlers/unlink.ts';
import { handleUpcoming } from './handlers/upcoming.ts';
import { handleZoneSelect } from './handlers/zone.ts';
import {
  createDiscordInbox,
  DISCORD_INBOX_JOB,
  type DiscordInboxListener,
  discordInboxPayloadOf,
  recordOf,
} from './inbox.ts';
import { messages } from './messages.ts';
import { readOptions } from './options.ts';
import { EPHEMERAL, textMessage } from './render.ts';
import { createSignatureVerifier } from './verify.ts';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface DiscordAdapter {
  readonly router: express.Router;
  readonly api: DiscordApi;
  /** Resolves when every background task started so far has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
  /**
   * Job handlers for the outbox worker: `discord.inbox` runs an interaction whose replica died after
   * answering it (inbox.ts).
   */
  readonly jobHandlers: Readonly<Record<string, JobHandler>>;
}

/** `shown`: the work's outcome is shown (a request's proposals posted), its inbox record may be completed. */
type Work = (env: HandlerEnv, shown?: () => Promise<void>) => Promise<void>;
interface Decision {
  readonly response: APIInteractionResponse | { type: number; data?: unknown };
  readonly work?: Work;
  /** Recorded before the answer so that another replica finishes the work (inbox.ts). */
  readonly durable?: DiscordInboxListener;
}

export function createDiscordAdapter(deps: DiscordAdapterDeps, config: DiscordConfig): DiscordAdapter {
  const verify = createSignatureVerifier(config.publicKey, deps.clock ?? Date.now);
  const api = new DiscordApi({
    applicationId: config.applicationId,
    botToken: config.botToken,
    ...(config.api ? { api: config.api } : {}),
    ...(config.maxRateLimitWaitMs !== undefined ? { maxRateLimitWaitMs: config.maxRateLimitWaitMs } : {}),
  });
  const log = deps.log ?? ((line: string) => console.error(line));
  const env: HandlerEnv = {
    deps,
    api,
    clock: deps.clock ?? Date.now,
    log,
    ...(config.tenantId
      ? { tenantId: config.tenantId, tenantGuilds: new Set(config.tenantGuilds ?? []) }
      : {}),
    maxRoleMembers: config.maxRoleMembers ?? 20,
    maxParticipants: maxParticipantsOf(config.limits),
  };
  const running = new Set<Promise<void>>();
  const limiter = config.rateLimit ? new CommandRateLimiter(config.rateLimit) : null;

  const inbox = createDiscordInbox({
    jobs: inboxOf(deps),
    ...(config.inboxLeaseMs !== undefined ? { leaseMs: config.inboxLeaseMs } : {}),
    clock: env.clock,
    log,
  });

  /** Runs the work; an unexpected failure is logged on one line and the user hears it privately. */
  const perform = async (interaction: APIInteraction, work: Work, shown?: () => Promise<void>) => {
    try {
      await work(env, shown);
    } catch (error) {
      // One line, no token (DiscordCallError messages never contain URLs).
      log(
        `discord: interaction ${interaction.id} failed: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)}`,
      );
      try {
        // A malformed (hostile) payload may carry a member without a user: never let that escape.
        const member = interaction.member as { user?: { id?: string } } | undefined;
        const userId = member?.user?.id ?? interaction.user?.id ?? '';
        await replyPrivately(env, interaction, userId, textMessage(messages(localeOf(interaction)).failed));
      } catch {
        // nothing more to try
      }
    }
  };
  const run = (interaction: APIInteraction, work: Work, finish?: () => Promise<void>) => {
    const task = (async () => {
      try {
        await perform(interaction, work, finish);
      } finally {
        await finish?.();
      }
    })();
    running.add(task);
    void task.finally(() => running.delete(task));
  };

  /** Runs a recorded interaction again, on this replica, for one whose replica died (inbox.ts). */
  const takeOver: JobHandler = async (job) => {
    const payload = discordInboxPayloadOf(job);
    if (!payload) return { kind: 'done' };
    const work = decide(payload.interaction, { takenOver: true }).work;
    if (!work) return { kind: 'done' };
    log(
      `discord: taking over interaction ${payload.interaction.id} (${payload.listener}) from a replica that stopped`,
    );
    await perform(payload.interaction, work);
    return { kind: 'done' };
  };

  const router = express.Router();
  router.post(INTERACTIONS_PATH, express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verify(req.get('x-signature-ed25519'), req.get('x-signature-timestamp'), body)) {
      res.status(401).json({ error: 'invalid request signature' });
      return;
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
    } catch {
      res.status(400).json({ error: 'the body must be JSON' });
      return;
    }
    if (!interaction || typeof interaction !== 'object' || typeof interaction.type !== 'number') {
      res.status(400).json({ error: 'not an interaction' });
      return;
    }
    // Every interaction but PING comes from a user (`member.user` in a guild, `user` in a DM).
    // @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
    if (interaction.type !== 1) {
      const member = interaction.member as { user?: { id?: unknown } } | undefined;
      const userId = member?.user?.id ?? interaction.user?.id;
      if (typeof userId !== 'string' || userId === '') {
        res.status(400).json({ error: 'an interaction must name its user' });
        return;
      }
    }
    // A shared tenant serves its listed guilds only: any other server that added the (public) bot gets a
    // polite refusal before anything is recorded — no workspace, no person, no admin rights.
    if (interaction.type !== 1 && interaction.guild_id && !guildAllowed(env, interaction.guild_id)) {
      const refusal = messages(localeOf(interaction)).guildNotAllowed;
      res
        .status(200)
        .json(
          interaction.type === 4
            ? { type: 8, data: { choices: [] } }
            : { type: 4, data: textMessage(refusal, { ephemeral: true }) },
        );
      return;
    }
    // Every user interaction counts (commands, buttons, selects, modals); PING and autocomplete (no I/O,
    // one per keystroke) do not.
    if (limiter && interaction.type !== 1 && interaction.type !== 4) {
      const user = interaction.member?.user?.id ?? interaction.user?.id ?? '';
      const limit = limiter.take('discord', interaction.guild_id ?? `dm:${user}`, user);
      if (!limit.ok) {
        const locale = localeOf(interaction);
        res
          .status(200)
          .json({ type: 4, data: textMessage(rateLimitedMessage(limit, locale), { ephemeral: true }) });
        return;
      }
    }
    const decision = decide(interaction);
    const answer = async () => {
      res.status(200).json(decision.response);
    };
    // Work that outlives the answer and matters most is recorded BEFORE it (inbox.ts).
    const record = decision.work && decision.durable ? recordOf(decision.durable, interaction) : null;
    const recorded = record
      ? inbox.wrap(answer, `interaction:${interaction.id}`, record.payload, record.secret)
      : null;
    try {
      await (recorded?.ack ?? answer)();
    } catch (error) {
      if (error instanceof AlreadyReceived) return; // another delivery of it is handled (inbox.ts)
      log(`discord: interaction ${interaction.id} not answered: ${(error as Error)?.message ?? error}`);
      await recorded?.finish();
      return;
    }
    if (decision.work) run(interaction, decision.work, recorded?.finish);
  });

  return {
    router,
    api,
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    jobHandlers: { [DISCORD_INBOX_JOB]: takeOver },
  };
}

/**
 * What to answer inline (fast, no I/O) and what to do afterwards. `takenOver`: the interaction is run
 * again by a worker for a replica that stopped after answering it (inbox.ts).
 */
export function decide(interaction: APIInteraction, options: { takenOver?: boolean } = {}): Decision {
  const m = messages(localeOf(interaction));
  const unknown: Decision = {
    response: { type: 4, data: textMessage(m.unknownAction, { ephemeral: true }) },
  };
  switch (interaction.type) {
    case 1:
      return { response: { type: 1 } };
    case 2: {
      const command = interaction as APIChatInputApplicationCommandInteraction;
      if (command.data?.name !== MEET_COMMAND) return unknown;
      const sub = readOptions(command.data).subcommand;
      const privately = { type: 5, data: { flags: EPHEMERAL } };
      switch (sub) {
        case 'help':
          return { response: handleHelp(command) };
        case 'new':
          return {
            response: { type: 5 },
            work: (env, shown) => handleMeetNew(env, command, shown),
            durable: 'meet',
          };
        case 'link':
          return { response: privately, work: (env) => handleLink(env, command) };
        case 'unlink':
          return { response: privately, work: (env) => handleUnlink(env, command) };
        case 'status':
          return { response: privately, work: (env) => handleStatus(env, command) };
        case 'calendars':
          return { response: privately, work: (env) => handleCalendars(env, command) };
        case 'settings':
          return { response: privately, work: (env) => handleSettings(env, command) };
        case 'team':
          return { response: privately, work: (env) => handleTeam(env, command) };
        case 'cancel':
        case 'reschedule':
          return { response: privately, work: (env) => handleUpcoming(env, command, sub) };
        default:
          return unknown;
      }
    }
    case 3: {
      const component = interaction as APIMessageComponentInteraction;
      const id = parseCustomId(component.data?.custom_id);
      if (!id) return unknown;
      if (id.kind === 'book')
        return {
          response: { type: 6 },
          work: (env) => handleBookClick(env, component, id, options.takenOver ? { takenOver: true } : {}),
          durable: 'book',
        };
      if (id.kind === 'manage')
        return {
          response: { type: 6 },
          work: (env) =>
            id.op === 'reschedule'
              ? handleRescheduleBooking(env, component, id)
              : handleCancelBooking(env, component, { op: id.op, bookingId: id.bookingId }),
        };
      if (id.kind === 'occurrence')
        return { response: { type: 6 }, work: (env) => handleOccurrence(env, component, id) };
      if (id.kind === 'occurrenceTo' || id.kind === 'followingTo')
        return {
          response: { type: 6 },
          work: (env) =>
            handleOccurrence(env, component, {
              ...id,
              op: id.kind === 'occurrenceTo' ? 'to' : 'followingTo',
            }),
        };
      if (id.kind === 'move')
        return { response: { type: 6 }, work: (env) => handleMoveBooking(env, component, id) };
      if (id.kind === 'dm')
        return { response: { type: 6 }, work: (env) => handleDmAction(env, component, id) };
      if (id.kind === 'answer')
        return { response: { type: 6 }, work: (env) => handleAnswerClick(env, component, id) };
      if (id.kind === 'request')
        return { response: { type: 6 }, work: (env) => handleRequestButton(env, component, id) };
      return { response: { type: 6 }, work: (env) => handleZoneSelect(env, component) };
    }
    case 4: {
      const auto = interaction as APIApplicationCommandAutocompleteInteraction;
      const focused = findFocused(auto.data?.options);
      return { response: { type: 8, data: { choices: focused === null ? [] : zoneChoices(focused) } } };
    }
    default:
      return unknown;
  }
}

function findFocused(options: unknown): string | null {
  if (!Array.isArray(options)) return null;
  for (const option of options as { focused?: boolean; value?: unknown; options?: unknown }[]) {
    if (option.focused) return typeof option.value === 'string' ? option.value : '';
    const inner = findFocused(option.options);
    if (inner !== null) return inner;
  }
  return null;
}
