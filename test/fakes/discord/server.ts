/**
 * A local fake of the parts of Discord Convene talks to, for tests (never product code):
 *
 * - It DELIVERS interactions like Discord does: signs `timestamp + body` with its own Ed25519 key pair,
 *   POSTs them to the bot's endpoint, and takes the inline HTTP answer as the initial response (only if
 *   it came within 3 s: otherwise the token is dead and later calls get 10062 / 10015).
 * - It SERVES the REST API under `/api/v10` (point `@discordjs/rest` at it with `api: fake.api`):
 *   interaction callbacks (10062 late/unknown, 40060 second ack), webhook follow-ups and `@original`
 *   edits (401/50027 after the 15-minute token life, measured on the injected clock), DMs
 *   (`POST /users/@me/channels`, 50007 for users who closed DMs), channel messages (50001 without
 *   access), guild member listing, command registration (global and per guild, with the daily create
 *   limit → 429 code 30034).
 * - Bot routes check `Authorization: Bot <token>`; every message is validated against the component
 *   limits (≤ 5 rows, ≤ 5 buttons or 1 select per row, `custom_id` 1–100 chars and unique, label ≤ 80,
 *   ≤ 25 select options) and rejected with 400/50035 like Discord; every request and message is recorded.
 * - Failures can be injected per route: 429 with `retry_after` (+ `Retry-After`, `X-RateLimit-Scope`,
 *   `X-RateLimit-Global`), or any status/code.
 */
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';

export const INTERACTION_ACK_MS = 3_000;
export const INTERACTION_TOKEN_MS = 15 * 60_000;
export const DEFAULT_DAILY_COMMAND_CREATES = 200;

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly global_name: string | null;
  readonly bot?: boolean;
}

export interface FakeMember {
  readonly user: FakeUser;
  readonly nick: string | null;
  readonly roles: readonly string[];
  /** Permission bitfield as a decimal string (what interactions carry in `member.permissions`). */
  readonly permissions: string;
}

export interface FakeChannel {
  readonly id: string;
  readonly guildId: string | null;
  /** DM channel: the recipient. */
  readonly recipientId?: string;
  /** False: the bot gets 50001 Missing Access when posting. */
  botCanSend: boolean;
}

export interface FakeMessage {
  readonly id: string;
  readonly channelId: string;
  content: string;
  components: unknown[];
  embeds: unknown[];
  flags: number;
  /** `bot`: posted with the bot token; `interaction`: an interaction response or follow-up. */
  readonly via: 'bot' | 'interaction';
  readonly interactionId: string | null;
  /** `message_reference.message_id`: the message this one replies to. */
  readonly replyTo: string | null;
  edits: number;
  deleted: boolean;
}

export interface FakeInteraction {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly createdAt: number;
  readonly createdWall: number;
  readonly channelId: string;
  /** The message a component was on (component interactions). */
  readonly componentMessageId: string | null;
  ack: { readonly type: number; readonly at: number; readonly via: 'inline' | 'callback' } | null;
  originalMessageId: string | null;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
  readonly at: number;
  readonly status: number;
}

export interface InjectedFailure {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface StoredCommand {
  readonly id: string;
  readonly application_id: string;
  readonly guild_id?: string;
  readonly name: string;
  readonly description: string;
  readonly options?: unknown[];
  readonly [key: string]: unknown;
}

export interface DeliveryResult {
  readonly status: number;
  readonly body: unknown;
  readonly interaction: FakeInteraction;
  readonly elapsedMs: number;
}

export interface DeliverOptions {
  /** `bad`: a signature made with another key; `tampered`: a valid signature over a different body; `missing`: no headers. */
  readonly signature?: 'valid' | 'bad' | 'tampered' | 'missing';
  /** The signed `X-Signature-Timestamp` (default: the fake's clock in seconds), e.g. to replay an old delivery. */
  readonly timestamp?: string;
}

export interface FakeDiscordOptions {
  readonly now?: () => number;
  readonly botToken?: string;
  readonly applicationId?: string;
}

interface Failure extends InjectedFailure {
  readonly method: string;
  readonly path: RegExp;
  times: number;
}

class Reply extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(`fake discord ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

const errors = {
  unauthorized: () => new Reply(401, { message: '401: Unauthorized', code: 0 }),
  unknownInteraction: () => new Reply(404, { message: 'Unknown interaction', code: 10062 }),
  alreadyAcked: () => new Reply(400, { message: 'Interaction has already been acknowledged.', code: 40060 }),
  unknownWebhook: () => new Reply(404, { message: 'Unknown Webhook', code: 10015 }),
  invalidWebhookToken: () => new Reply(401, { message: 'Invalid Webhook Token', code: 50027 }),
  unknownChannel: () => new Reply(404, { message: 'Unknown Channel', code: 10003 }),
  unknownMessage: () => new Reply(404, { message: 'Unknown Message', code: 10008 }),
  unknownUser: () => new Reply(404, { message: 'Unknown User', code: 10013 }),
  unknownGuild: () => new Reply(404, { message: 'Unknown Guild', code: 10004 }),
  cannotDm: () => new Reply(403, { message: 'Cannot send messages to this user', code: 50007 }),
  missingAccess: () => new Reply(403, { message: 'Missing Access', code: 50001 }),
  invalidForm: (errorsBody: Record<string, string>) =>
    new Reply(400, { message: 'Invalid Form Body', code: 50035, errors: errorsBody }),
};

let snowflakeCounter = 0n;
/** Unique 18/19-digit ids (what Discord's snowflakes look like to the parser). */
export function snowflake(): string {
  snowflakeCounter += 1n;
  return (
    1_100_000_000_000_000_000n +
    BigInt(Date.now() % 1_000_000) * 1_000_000n +
    snowflakeCounter
  ).toString();
}

/** Discord's checks on a message body (components, content); returns the 50035 errors, empty when valid. */
export function validateMessageBody(body: Record<string, unknown>): Record<string, string> {
  const problems: Record<string, string> = {};
  const content = body.content;
  if (content !== undefined && content !== null && (typeof content !== 'string' || content.length > 2000))
    problems.content = 'Must be 2000 or fewer in length.';
  const components = body.components;
  if (components === undefined || components === null) return problems;
  if (!Array.isArray(components)) return { components: 'Must be an array.' };
  if (components.length > 5) problems.components = 'Must be 5 or fewer in length.';
  const ids = new Set<string>();
  components.forEach((row: Record<string, unknown>, r) => {
    if (row?.type !== 1 || !Array.isArray(row.components)) {
      problems[`components.${r}`] = 'Top-level components must be action rows.';
      return;
    }
    const children = row.components as Record<string, unknown>[];
    if (children.length === 0 || children.length > 5)
      problems[`components.${r}.components`] = 'Must be between 1 and 5 in length.';
    const selects = children.filter((c) => c.type !== 2).length;
    if (selects > 0 && children.length > 1)
      problems[`components.${r}.components`] = 'A select menu must be alone in its action row.';
    children.forEach((c, i) => {
      const at = `components.${r}.components.${i}`;
      if (c.type === 2 && c.style === 5) {
        if (typeof c.url !== 'string' || !/^https?:\/\//.test(c.url)) problems[`${at}.url`] = 'Invalid URL.';
      } else {
        const id = c.custom_id;
        if (typeof id !== 'string' || id.length < 1 || id.length > 100)
          problems[`${at}.custom_id`] = 'Must be between 1 and 100 in length.';
        else if (ids.has(id)) problems[`${at}.custom_id`] = 'Component custom id cannot be duplicated.';
        else ids.add(id);
      }
      if (c.type === 2 && typeof c.label === 'string' && c.label.length > 80)
        problems[`${at}.label`] = 'Must be 80 or fewer in length.';
      if (c.type === 3) {
        const options = c.options;
        if (!Array.isArray(options) || options.length < 1 || options.length > 25)
          problems[`${at}.options`] = 'Must be between 1 and 25 in length.';
      }
    });
  });
  return problems;
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateCommand(command: Record<string, unknown>, index: number): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = command.name;
  if (typeof name !== 'string' || !COMMAND_NAME.test(name) || name !== name.toLowerCase())
    problems[`${index}.name`] = 'Invalid command name.';
  const description = command.description;
  if (typeof description !== 'string' || description.length < 1 || description.length > 100)
    problems[`${index}.description`] = 'Must be between 1 and 100 in length.';
  const options = command.options;
  if (options !== undefined && (!Array.isArray(options) || options.length > 25))
    problems[`${index}.options`] = 'Must be 25 or fewer in length.';
  return problems;
}

export class FakeDiscord {
  readonly botToken: string;
  readonly applicationId: string;
  /** Hex of the raw 32-byte public key (what the Developer Portal shows). */
  readonly publicKey: string;
  readonly requests: RecordedRequest[] = [];
  readonly messages = new Map<string, FakeMessage>();
  readonly interactions = new Map<string, FakeInteraction>();
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  /** guildId → userId → member. */
  readonly members = new Map<string, Map<string, FakeMember>>();
  readonly guilds = new Map<string, { id: string; name: string }>();
  /** Users who do not accept DMs from the bot (50007). */
  readonly dmClosed = new Set<string>();
  /** scope (`global` or guild id) → commands. */
  readonly commands = new Map<string, StoredCommand[]>();

  readonly #now: () => number;
  readonly #privateKey: KeyObject;
  readonly #otherKey: KeyObject;
  #server: Server | null = null;
  #url = '';
  #failures: Failure[] = [];
  /** scope → creates left today. */
  #createsLeft = new Map<string, number>();

  private constructor(options: FakeDiscordOptions) {
    this.#now = options.now ?? Date.now;
    this.botToken = options.botToken ?? `fake-bot-${randomBytes(12).toString('hex')}`;
    this.applicationId = options.applicationId ?? snowflake();
    const pair = generateKeyPairSync('ed25519');
    this.#privateKey = pair.privateKey;
    this.#otherKey = generateKeyPairSync('ed25519').privateKey;
    const jwk = pair.publicKey.export({ format: 'jwk' });
    this.publicKey = Buffer.from(jwk.x ?? '', 'base64url').toString('hex');
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    const server = fake.#app().listen(0, '127.0.0.1');
    await once(server, 'listening');
    fake.#server = server;
    fake.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** What to pass as `new REST({ api })`. */
  get api(): string {
    return `${this.#url}/api`;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.#server = null;
  }

  // --- world ----------------------------------------------------------------------------------

  addGuild(name = 'Guild'): { id: string; name: string } {
    const guild = { id: snowflake(), name };
    this.guilds.set(guild.id, guild);
    this.members.set(guild.id, new Map());
    return guild;
  }

  addChannel(guildId: string, options: { botCanSend?: boolean } = {}): FakeChannel {
    const channel: FakeChannel = { id: snowflake(), guildId, botCanSend: options.botCanSend ?? true };
    this.channels.set(channel.id, channel);
    return channel;
  }

  addUser(
    username: string,
    options: { globalName?: string; bot?: boolean; dmClosed?: boolean } = {},
  ): FakeUser {
    const user: FakeUser = {
      id: snowflake(),
      username,
      global_name: options.globalName ?? null,
      ...(options.bot ? { bot: true } : {}),
    };
    this.users.set(user.id, user);
    if (options.dmClosed) this.dmClosed.add(user.id);
    return user;
  }

  addMember(
    guildId: string,
    user: FakeUser,
    options: { roles?: string[]; nick?: string; permissions?: bigint } = {},
  ): FakeMember {
    const member: FakeMember = {
      user,
      nick: options.nick ?? null,
      roles: options.roles ?? [],
      permissions: (options.permissions ?? 0n).toString(),
    };
    const guild = this.members.get(guildId);
    if (!guild) throw new Error(`fake discord: unknown guild ${guildId}`);
    guild.set(user.id, member);
    return member;
  }

  member(guildId: string, userId: string): FakeMember {
    const member = this.members.get(guildId)?.get(userId);
    if (!member) throw new Error(`fake discord: ${userId} is not a member of ${guildId}`);
    return member;
  }

  // --- failure injection ----------------------------------------------------------------------

  /** The next `times` requests matching `method` + `path` (a regexp on the path after `/api/v10`) fail. */
  failNext(method: string, path: RegExp, failure: InjectedFailure, times = 1): void {
    this.#failures.push({ ...failure, method: method.toUpperCase(), path, times });
  }

  /** A 429 like Discord's: body `{message, retry_after, global}`, `Retry-After`, `X-RateLimit-Scope`. */
  rateLimitNext(
    method: string,
    path: RegExp,
    retryAfterSeconds: number,
    options: { global?: boolean; scope?: 'user' | 'global' | 'shared'; times?: number } = {},
  ): void {
    this.failNext(
      method,
      path,
      {
        status: 429,
        body: {
          message: 'You are being rate limited.',
          retry_after: retryAfterSeconds,
          global: !!options.global,
        },
        headers: {
          'Retry-After': String(retryAfterSeconds),
          'X-RateLimit-Scope': options.scope ?? (options.global ? 'global' : 'user'),
          ...(options.global ? { 'X-RateLimit-Global': 'true' } : {}),
        },
      },
      options.times ?? 1,
    );
  }

  clearFailures(): void {
    this.#failures = [];
  }

  /** Daily command creates left in a scope (`global` or a guild id); default 200. */
  setCommandCreatesLeft(scope: string, left: number): void {
    this.#createsLeft.set(scope, left);
  }

  // --- interactions ---------------------------------------------------------------------------

  /** A signed delivery of an interaction to the bot's endpoint, as Discord does it. */
  async deliver(
    endpoint: string,
    payload: Record<string, unknown>,
    options: DeliverOptions = {},
  ): Promise<DeliveryResult> {
    const id = String(payload.id);
    const interaction = this.interactions.get(id);
    if (!interaction)
      throw new Error('fake discord: build interactions with commandInteraction/componentInteraction');
    const body = JSON.stringify(payload);
    const timestamp = options.timestamp ?? String(Math.floor(this.#now() / 1000));
    const mode = options.signature ?? 'valid';
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (mode !== 'missing') {
      const key = mode === 'bad' ? this.#otherKey : this.#privateKey;
      const signed = mode === 'tampered' ? body.replace(/}$/, ',"x":1}') : body;
      headers['x-signature-ed25519'] = sign(null, Buffer.from(timestamp + signed), key).toString('hex');
      headers['x-signature-timestamp'] = timestamp;
    }
    const started = performance.now();
    const res = await fetch(endpoint, { method: 'POST', headers, body });
    const elapsedMs = performance.now() - started;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: kept as text
    }
    const late = elapsedMs > INTERACTION_ACK_MS || this.#now() - interaction.createdAt > INTERACTION_ACK_MS;
    if (res.status === 200 && !late && parsed && typeof parsed === 'object' && !interaction.ack) {
      const response = parsed as { type?: number; data?: Record<string, unknown> };
      if (typeof response.type === 'number' && response.type !== 1) {
        this.#acknowledge(interaction, response.type, response.data ?? {}, 'inline');
      }
    }
    return { status: res.status, body: parsed, interaction, elapsedMs };
  }

  /** An APPLICATION_COMMAND interaction payload (registered so its token can be used). */
  commandInteraction(input: {
    guildId: string | null;
    channelId: string;
    user: FakeUser;
    locale?: string;
    name?: string;
    subcommand?: string;
    options?: { name: string; type: number; value: string | number | boolean }[];
    resolved?: Record<string, unknown>;
  }): Record<string, unknown> {
    const interaction = this.#register(2, input.channelId, null);
    const options = input.options ?? [];
    const dataOptions = input.subcommand ? [{ name: input.subcommand, type: 1, options }] : options;
    return {
      ...this.#base(interaction, input),
      data: {
        id: snowflake(),
        name: input.name ?? 'meet',
        type: 1,
        options: dataOptions,
        ...(input.resolved ? { resolved: input.resolved } : {}),
      },
    };
  }

  /** A MESSAGE_COMPONENT interaction: a click (`values` for selects) on a recorded message. */
  componentInteraction(input: {
    guildId: string | null;
    user: FakeUser;
    messageId: string;
    customId: string;
    locale?: string;
    values?: string[];
  }): Record<string, unknown> {
    const message = this.messages.get(input.messageId);
    if (!message) throw new Error(`fake discord: unknown message ${input.messageId}`);
    const interaction = this.#register(3, message.channelId, message.id);
    return {
      ...this.#base(interaction, { ...input, channelId: message.channelId }),
      message: this.#messageJson(message),
      data: {
        custom_id: input.customId,
        component_type: input.values ? 3 : 2,
        ...(input.values ? { values: input.values } : {}),
      },
    };
  }

  ping(): Record<string, unknown> {
    const interaction = this.#register(1, '', null);
    return {
      id: interaction.id,
      application_id: this.applicationId,
      type: 1,
      token: interaction.token,
      version: 1,
    };
  }

  /** The `resolved` block Discord sends for user / member / role options. */
  resolvedFor(
    guildId: string,
    userIds: readonly string[],
    roles: readonly { id: string; name: string }[] = [],
  ) {
    const users: Record<string, FakeUser> = {};
    const members: Record<string, Omit<FakeMember, 'user'>> = {};
    for (const id of userIds) {
      const member = this.members.get(guildId)?.get(id);
      const user = member?.user ?? this.users.get(id);
      if (!user) throw new Error(`fake discord: unknown user ${id}`);
      users[id] = user;
      if (member) members[id] = { nick: member.nick, roles: member.roles, permissions: member.permissions };
    }
    const roleMap: Record<string, { id: string; name: string }> = {};
    for (const role of roles) roleMap[role.id] = role;
    return { users, members, ...(roles.length > 0 ? { roles: roleMap } : {}) };
  }

  /** Messages of a channel, oldest first (deleted ones left out). */
  channelMessages(channelId: string): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && !m.deleted);
  }

  /** The initial-response message of an interaction (the deferred "thinking" message, once edited). */
  original(interactionId: string): FakeMessage | undefined {
    const id = this.interactions.get(interactionId)?.originalMessageId;
    return id ? this.messages.get(id) : undefined;
  }

  count(method: string, path: RegExp): number {
    return this.requests.filter((r) => r.method === method && path.test(r.path)).length;
  }

  #register(type: number, channelId: string, componentMessageId: string | null): FakeInteraction {
    const interaction: FakeInteraction = {
      id: snowflake(),
      token: `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`,
      type,
      createdAt: this.#now(),
      createdWall: performance.now(),
      channelId,
      componentMessageId,
      ack: null,
      originalMessageId: null,
    };
    this.interactions.set(interaction.id, interaction);
    return interaction;
  }

  #base(
    interaction: FakeInteraction,
    input: { guildId: string | null; channelId: string; user: FakeUser; locale?: string },
  ): Record<string, unknown> {
    const who = input.guildId
      ? { member: { ...this.member(input.guildId, input.user.id), user: input.user } }
      : { user: input.user };
    return {
      id: interaction.id,
      application_id: this.applicationId,
      type: interaction.type,
      token: interaction.token,
      version: 1,
      channel_id: input.channelId,
      ...(input.guildId ? { guild_id: input.guildId, guild_locale: 'en-US' } : {}),
      locale: input.locale ?? 'en-US',
      app_permissions: '0',
      ...who,
    };
  }

  #acknowledge(
    interaction: FakeInteraction,
    type: number,
    data: Record<string, unknown>,
    via: 'inline' | 'callback',
  ): void {
    interaction.ack = { type, at: this.#now(), via };
    if (type === 4 || type === 5) {
      const message = this.#createMessage(
        interaction.channelId,
        type === 4 ? data : { content: '', flags: data.flags },
        'interaction',
        interaction.id,
      );
      interaction.originalMessageId = message.id;
    } else if (type === 6 || type === 7) {
      interaction.originalMessageId = interaction.componentMessageId;
      if (type === 7 && interaction.componentMessageId) {
        const message = this.messages.get(interaction.componentMessageId);
        if (message) this.#edit(message, data);
      }
    }
  }

  #createMessage(
    channelId: string,
    body: Record<string, unknown>,
    via: 'bot' | 'interaction',
    interactionId: string | null,
  ): FakeMessage {
    const message: FakeMessage = {
      id: snowflake(),
      channelId,
      content: typeof body.content === 'string' ? body.content : '',
      components: Array.isArray(body.components) ? body.components : [],
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      flags: typeof body.flags === 'number' ? body.flags : 0,
      via,
      interactionId,
      replyTo:
        typeof (body.message_reference as { message_id?: unknown } | undefined)?.message_id === 'string'
          ? String((body.message_reference as { message_id: string }).message_id)
          : null,
      edits: 0,
      deleted: false,
    };
    this.messages.set(message.id, message);
    return message;
  }

  #edit(message: FakeMessage, body: Record<string, unknown>): void {
    if (typeof body.content === 'string') message.content = body.content;
    if (Array.isArray(body.components)) message.components = body.components;
    if (Array.isArray(body.embeds)) message.embeds = body.embeds;
    message.edits += 1;
  }

  #messageJson(message: FakeMessage): Record<string, unknown> {
    return {
      id: message.id,
      channel_id: message.channelId,
      content: message.content,
      components: message.components,
      embeds: message.embeds,
      flags: message.flags,
      author: { id: this.applicationId, username: 'Convene', bot: true },
    };
  }

  // --- HTTP -----------------------------------------------------------------------------------

  #app(): express.Express {
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    const api = express.Router();
    app.use('/api/v10', api);

    api.use((req, res, next) => {
      const path = req.path; // express rewrites req.path once an error leaves the router
      const record = (status: number) =>
        this.requests.push({
          method: req.method,
          path,
          authorization: req.headers.authorization,
          body: req.body,
          at: this.#now(),
          status,
        });
      const failure = this.#failures.find(
        (f) => f.method === req.method && f.path.test(req.path) && f.times > 0,
      );
      if (failure) {
        failure.times -= 1;
        record(failure.status);
        res
          .status(failure.status)
          .set(failure.headers ?? {})
          .json(failure.body ?? {});
        return;
      }
      res.on('finish', () => record(res.statusCode));
      next();
    });

    const bot = (req: Request) => {
      if (req.headers.authorization !== `Bot ${this.botToken}`) throw errors.unauthorized();
    };
    const body = (req: Request): Record<string, unknown> =>
      req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    const checkMessage = (data: Record<string, unknown>) => {
      const problems = validateMessageBody(data);
      if (Object.keys(problems).length > 0) throw errors.invalidForm(problems);
    };
    const webhookInteraction = (req: Request): FakeInteraction => {
      if (req.params.app !== this.applicationId) throw errors.unknownWebhook();
      const interaction = [...this.interactions.values()].find((i) => i.token === req.params.token);
      if (!interaction?.ack) throw errors.unknownWebhook();
      if (this.#now() - interaction.createdAt > INTERACTION_TOKEN_MS) throw errors.invalidWebhookToken();
      return interaction;
    };
    const handle =
      (fn: (req: Request, res: Response) => void) => (req: Request, res: Response, next: NextFunction) => {
        try {
          fn(req, res);
        } catch (error) {
          next(error);
        }
      };

    api.post(
      '/interactions/:id/:token/callback',
      handle((req, res) => {
        const interaction = this.interactions.get(String(req.params.id));
        if (!interaction || interaction.token !== req.params.token) throw errors.unknownInteraction();
        if (interaction.ack) throw errors.alreadyAcked();
        if (this.#now() - interaction.createdAt > INTERACTION_ACK_MS) throw errors.unknownInteraction();
        const data = (body(req).data ?? {}) as Record<string, unknown>;
        checkMessage(data);
        this.#acknowledge(interaction, Number(body(req).type), data, 'callback');
        res.status(204).end();
      }),
    );

    api.patch(
      '/webhooks/:app/:token/messages/:message',
      handle((req, res) => {
        if (req.params.message !== '@original') throw errors.unknownMessage();
        const interaction = webhookInteraction(req);
        const message = interaction.originalMessageId
          ? this.messages.get(interaction.originalMessageId)
          : undefined;
        if (!message || message.deleted) throw errors.unknownMessage();
        checkMessage(body(req));
        this.#edit(message, body(req));
        res.json(this.#messageJson(message));
      }),
    );
    api.delete(
      '/webhooks/:app/:token/messages/:message',
      handle((req, res) => {
        if (req.params.message !== '@original') throw errors.unknownMessage();
        const interaction = webhookInteraction(req);
        const message = interaction.originalMessageId
          ? this.messages.get(interaction.originalMessageId)
          : undefined;
        if (!message || message.deleted) throw errors.unknownMessage();
        message.deleted = true;
        res.status(204).end();
      }),
    );
    api.post(
      '/webhooks/:app/:token',
      handle((req, res) => {
        const interaction = webhookInteraction(req);
        checkMessage(body(req));
        const message = this.#createMessage(interaction.channelId, body(req), 'interaction', interaction.id);
        res.json(this.#messageJson(message));
      }),
    );

    api.post(
      '/users/@me/channels',
      handle((req, res) => {
        bot(req);
        const recipient = String(body(req).recipient_id ?? '');
        const user = this.users.get(recipient);
        if (!user) throw errors.unknownUser();
        let channel = [...this.channels.values()].find((c) => c.recipientId === recipient);
        if (!channel) {
          channel = { id: snowflake(), guildId: null, recipientId: recipient, botCanSend: true };
          this.channels.set(channel.id, channel);
        }
        res.json({ id: channel.id, type: 1, recipients: [user] });
      }),
    );
    api.post(
      '/channels/:channel/messages',
      handle((req, res) => {
        bot(req);
        const channel = this.channels.get(String(req.params.channel));
        if (!channel) throw errors.unknownChannel();
        if (channel.recipientId && this.dmClosed.has(channel.recipientId)) throw errors.cannotDm();
        if (!channel.botCanSend) throw errors.missingAccess();
        checkMessage(body(req));
        // A reply must name a message of the same channel (unless `fail_if_not_exists: false`).
        // @see https://discord.com/developers/docs/resources/message#message-reference-structure
        const reference = body(req).message_reference as
          | { message_id?: string; fail_if_not_exists?: boolean }
          | undefined;
        if (reference?.message_id && reference.fail_if_not_exists !== false) {
          const target = this.messages.get(reference.message_id);
          if (!target || target.deleted || target.channelId !== channel.id)
            throw errors.invalidForm({ message_reference: 'Unknown message' });
        }
        res.json(this.#messageJson(this.#createMessage(channel.id, body(req), 'bot', null)));
      }),
    );
    api.patch(
      '/channels/:channel/messages/:message',
      handle((req, res) => {
        bot(req);
        const channel = this.channels.get(String(req.params.channel));
        if (!channel) throw errors.unknownChannel();
        if (!channel.botCanSend) throw errors.missingAccess();
        const message = this.messages.get(String(req.params.message));
        if (!message || message.deleted || message.channelId !== channel.id) throw errors.unknownMessage();
        checkMessage(body(req));
        this.#edit(message, body(req));
        res.json(this.#messageJson(message));
      }),
    );
    api.get(
      '/guilds/:guild/members',
      handle((req, res) => {
        bot(req);
        const members = this.members.get(String(req.params.guild));
        if (!members) throw errors.unknownGuild();
        const limit = Math.min(Math.max(Number(req.query.limit ?? 1), 1), 1000);
        const after = BigInt(String(req.query.after ?? '0'));
        const page = [...members.values()]
          .filter((m) => BigInt(m.user.id) > after)
          .sort((a, b) => (BigInt(a.user.id) < BigInt(b.user.id) ? -1 : 1))
          .slice(0, limit)
          .map((m) => ({ user: m.user, nick: m.nick, roles: m.roles }));
        res.json(page);
      }),
    );

    const scopeOf = (req: Request) => (req.params.guild ? String(req.params.guild) : 'global');
    const checkApp = (req: Request) => {
      bot(req);
      if (req.params.app !== this.applicationId) throw errors.missingAccess();
      if (req.params.guild && !this.guilds.has(String(req.params.guild))) throw errors.unknownGuild();
    };
    const listCommands = (req: Request, res: Response) => {
      checkApp(req);
      res.json(this.commands.get(scopeOf(req)) ?? []);
    };
    const putCommands = (req: Request, res: Response) => {
      checkApp(req);
      const list = Array.isArray(req.body) ? (req.body as Record<string, unknown>[]) : null;
      if (!list) throw errors.invalidForm({ _: 'Must be an array.' });
      if (list.length > 100) throw errors.invalidForm({ _: 'Must be 100 or fewer in length.' });
      const problems = Object.assign({}, ...list.map((c, i) => validateCommand(c, i)));
      if (Object.keys(problems).length > 0) throw errors.invalidForm(problems);
      const scope = scopeOf(req);
      const existing = this.commands.get(scope) ?? [];
      const creates = list.filter((c) => !existing.some((e) => e.name === c.name)).length;
      const left = this.#createsLeft.get(scope) ?? DEFAULT_DAILY_COMMAND_CREATES;
      if (creates > left) {
        throw new Reply(
          429,
          {
            message: `Max number of daily application command creates has been reached (${DEFAULT_DAILY_COMMAND_CREATES})`,
            retry_after: 86_400,
            global: false,
            code: 30034,
          },
          { 'Retry-After': '86400', 'X-RateLimit-Scope': 'shared' },
        );
      }
      this.#createsLeft.set(scope, left - creates);
      const stored = list.map((c) => ({
        ...c,
        id: existing.find((e) => e.name === c.name)?.id ?? snowflake(),
        application_id: this.applicationId,
        ...(scope === 'global' ? {} : { guild_id: scope }),
      })) as StoredCommand[];
      this.commands.set(scope, stored);
      res.json(stored);
    };
    // Get Current Application: what `convene doctor` compares the configured id and public key with.
    api.get(
      '/applications/@me',
      handle((req, res) => {
        bot(req);
        res.json({ id: this.applicationId, name: 'Convene', verify_key: this.publicKey, bot_public: true });
      }),
    );
    api.get('/applications/:app/commands', handle(listCommands));
    api.put('/applications/:app/commands', handle(putCommands));
    api.get('/applications/:app/guilds/:guild/commands', handle(listCommands));
    api.put('/applications/:app/guilds/:guild/commands', handle(putCommands));

    api.use((req: Request, res: Response) => {
      res.status(404).json({ message: `404: Not Found (${req.method} ${req.path})`, code: 0 });
    });
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof Reply) {
        res.status(error.status).set(error.headers).json(error.body);
        return;
      }
      res.status(500).json({ message: String(error), code: 0 });
    });
    return app;
  }
}
