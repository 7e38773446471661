/**
 * The Discord REST calls Convene makes, over `@discordjs/rest` (which queues per bucket and waits out
 * 429s itself, honouring `Retry-After`). Interaction follow-ups and `@original` edits go through the
 * webhook endpoints with the interaction token and NO bot token (`auth: false`): they are not subject
 * to the global rate limit, and a 401 there (expired token) must not make the client drop the bot token.
 *
 * Failures become `DiscordCallError` with a stable `code`; the Discord JSON error code is kept in
 * `discordCode`. Tokens never appear in messages.
 */
import { DiscordAPIError, RateLimitError, REST } from '@discordjs/rest';
import type {
  APIChannel,
  APIGuildMember,
  APIMessage,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';

export interface DiscordMessageBody {
  readonly content?: string;
  readonly components?: readonly unknown[];
  readonly embeds?: readonly unknown[];
  readonly flags?: number;
  readonly allowed_mentions?: { readonly parse?: readonly string[]; readonly users?: readonly string[] };
  /** A reply to a message of the same channel. */
  readonly message_reference?: { readonly message_id: string; readonly fail_if_not_exists?: boolean };
}

export type DiscordCallErrorCode =
  /** The interaction token is dead: more than 15 min old, or never acknowledged (10015, 50027, 401). */
  | 'token_expired'
  /** 10062: the initial response came too late (over 3 s) or the interaction is unknown. */
  | 'unknown_interaction'
  /** 40060 */
  | 'already_acknowledged'
  /** 50007: the user does not accept DMs from the bot. */
  | 'cannot_dm'
  /** 50001 / 50013: the bot cannot see or post in that channel. */
  | 'missing_access'
  /** 50035: a message or command the API refused (component limits, lengths). */
  | 'invalid_form'
  /** 30034: the daily application-command create limit is exhausted. */
  | 'daily_limit'
  | 'rate_limited'
  | 'unauthorized'
  | 'not_found'
  | 'failed';

export class DiscordCallError extends Error {
  readonly code: DiscordCallErrorCode;
  readonly status: number | null;
  readonly discordCode: number | null;
  constructor(
    code: DiscordCallErrorCode,
    message: string,
    status: number | null,
    discordCode: number | null,
  ) {
    super(message);
    this.name = 'DiscordCallError';
    this.code = code;
    this.status = status;
    this.discordCode = discordCode;
  }
}

/** Maps what `@discordjs/rest` throws to a `DiscordCallError` (URLs with tokens are not kept). */
export function classifyDiscordError(error: unknown): DiscordCallError {
  if (error instanceof DiscordCallError) return error;
  if (error instanceof RateLimitError) {
    return new DiscordCallError(
      'rate_limited',
      `rate limited on ${error.route} for ${Math.round(error.retryAfter / 1000)} s`,
      429,
      null,
    );
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : null;
    const status = error.status;
    const text =
      error.rawError && typeof error.rawError === 'object' && 'message' in error.rawError
        ? String((error.rawError as { message: unknown }).message)
        : `HTTP ${status}`;
    const message = `Discord ${status}${code !== null ? ` (${code})` : ''}: ${text}`;
    let kind: DiscordCallErrorCode = 'failed';
    if (code === 10015 || code === 50027) kind = 'token_expired';
    else if (code === 10062) kind = 'unknown_interaction';
    else if (code === 40060) kind = 'already_acknowledged';
    else if (code === 50007) kind = 'cannot_dm';
    else if (code === 50001 || code === 50013) kind = 'missing_access';
    else if (code === 50035) kind = 'invalid_form';
    else if (code === 30034) kind = 'daily_limit';
    else if (status === 401) kind = 'unauthorized';
    else if (status === 404) kind = 'not_found';
    else if (status === 429) kind = 'rate_limited';
    return new DiscordCallError(kind, message, status, code);
  }
  const message = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  return new DiscordCallError('failed', message, null, null);
}

/**
 * An interaction token that is not known (a taken-over interaction whose stored token did not open:
 * bot/discord/inbox.ts) is refused as an expired one, without a call: the callers' fallbacks post with the
 * bot token instead.
 */
function knownToken(token: string): void {
  if (token === '') throw new DiscordCallError('token_expired', 'no interaction token', null, null);
}

export interface DiscordApiOptions {
  readonly applicationId: string;
  readonly botToken: string;
  /** REST base, default Discord's; tests pass the fake's `…/api`. */
  readonly api?: string;
  /** Request timeout (ms), default 15 000. */
  readonly timeoutMs?: number;
  /**
   * Rate limits longer than this are thrown (`rate_limited`) instead of waited out. Default 30 s
   * (the user is waiting; a follow-up token lives 15 min).
   */
  readonly maxRateLimitWaitMs?: number;
}

export class DiscordApi {
  readonly applicationId: string;
  readonly #rest: REST;
  readonly #botToken: string;

  constructor(options: DiscordApiOptions) {
    this.applicationId = options.applicationId;
    this.#botToken = options.botToken;
    const maxWait = options.maxRateLimitWaitMs ?? 30_000;
    this.#rest = new REST({
      version: '10',
      ...(options.api ? { api: options.api } : {}),
      timeout: options.timeoutMs ?? 15_000,
      retries: 1,
      rejectOnRateLimit: (data) => data.retryAfter > maxWait,
    }).setToken(options.botToken);
  }

  /** Runs a call, mapping failures. Re-arms the bot token: a 401 on a bot call makes the client drop it. */
  async #call<T>(fn: (rest: REST) => Promise<unknown>): Promise<T> {
    try {
      return (await fn(this.#rest)) as T;
    } catch (error) {
      const mapped = classifyDiscordError(error);
      if (mapped.status === 401) this.#rest.setToken(this.#botToken);
      throw mapped;
    }
  }

  /** `POST /interactions/{id}/{token}/callback` (when not answering inline). */
  async respond(
    interactionId: string,
    token: string,
    response: { type: number; data?: unknown },
  ): Promise<void> {
    await this.#call((rest) =>
      rest.post(Routes.interactionCallback(interactionId, token), { body: response, auth: false }),
    );
  }

  /** `PATCH /webhooks/{app}/{token}/messages/@original`. */
  async editOriginal(token: string, message: DiscordMessageBody): Promise<APIMessage> {
    knownToken(token);
    return this.#call((rest) =>
      rest.patch(Routes.webhookMessage(this.applicationId, token, '@original'), {
        body: message,
        auth: false,
      }),
    );
  }

  /** `DELETE /webhooks/{app}/{token}/messages/@original`. */
  async deleteOriginal(token: string): Promise<void> {
    knownToken(token);
    await this.#call((rest) =>
      rest.delete(Routes.webhookMessage(this.applicationId, token, '@original'), { auth: false }),
    );
  }

  /** `POST /webhooks/{app}/{token}`: a follow-up (`flags: 64` = ephemeral). */
  async followUp(token: string, message: DiscordMessageBody): Promise<APIMessage> {
    knownToken(token);
    return this.#call((rest) =>
      rest.post(Routes.webhook(this.applicationId, token), { body: message, auth: false }),
    );
  }

  /** `POST /users/@me/channels`: the DM channel with a user (existing or new). */
  async openDm(userId: string): Promise<APIChannel> {
    return this.#call((rest) => rest.post(Routes.userChannels(), { body: { recipient_id: userId } }));
  }

  /** `POST /channels/{id}/messages` with the bot token. */
  async sendMessage(channelId: string, message: DiscordMessageBody): Promise<APIMessage> {
    return this.#call((rest) => rest.post(Routes.channelMessages(channelId), { body: message }));
  }

  /** DM a user: open the channel, then post. `cannot_dm` (50007) when the user does not accept DMs. */
  async sendDm(userId: string, message: DiscordMessageBody): Promise<APIMessage> {
    const channel = await this.openDm(userId);
    return this.sendMessage(channel.id, message);
  }

  /** `PATCH /channels/{id}/messages/{id}` with the bot token (the bot's own, non-ephemeral messages). */
  async editMessage(channelId: string, messageId: string, message: DiscordMessageBody): Promise<APIMessage> {
    return this.#call((rest) => rest.patch(Routes.channelMessage(channelId, messageId), { body: message }));
  }

  /** Every member of a guild (paged by 1000; needs the Server Members privileged intent). */
  async listMembers(guildId: string, max = 10_000): Promise<APIGuildMember[]> {
    const all: APIGuildMember[] = [];
    let after = '0';
    while (all.length < max) {
      const query = new URLSearchParams({ limit: '1000', after });
      const page = await this.#call<APIGuildMember[]>((rest) =>
        rest.get(Routes.guildMembers(guildId), { query }),
      );
      all.push(...page);
      const last = page[page.length - 1]?.user?.id;
      if (page.length < 1000 || !last) break;
      after = last;
    }
    return all;
  }

  async getCommands(guildId?: string): Promise<unknown[]> {
    return this.#call((rest) =>
      rest.get(
        guildId
          ? Routes.applicationGuildCommands(this.applicationId, guildId)
          : Routes.applicationCommands(this.applicationId),
      ),
    );
  }

  async putCommands(body: RESTPutAPIApplicationCommandsJSONBody, guildId?: string): Promise<unknown[]> {
    return this.#call((rest) =>
      rest.put(
        guildId
          ? Routes.applicationGuildCommands(this.applicationId, guildId)
          : Routes.applicationCommands(this.applicationId),
        { body },
      ),
    );
  }
}
