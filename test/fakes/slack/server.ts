/**
 * A local fake of the Slack Web API for the adapter tests (test infrastructure, never product code).
 *
 * - `POST /api/<method>` for the methods Convene calls (auth.test, chat.postMessage, chat.postEphemeral,
 *   chat.update, views.open, views.publish, users.info, conversations.open, oauth.v2.access), form or
 *   JSON bodies, `Authorization: Bearer` (or a `token` field). Unknown/revoked tokens → `invalid_auth`.
 * - Block Kit limits are enforced (50 blocks per message, 100 per view, 25 elements per actions block,
 *   10 per context block, 255-char ids, 75-char button text, 2000-char button values, 3000-char section
 *   text, 24-char view title/submit/close, unique action ids): a violation → `invalid_blocks`.
 * - `POST /response/<id>` are the `response_url`s it issues (http://127.0.0.1:<port>/…), at most 5 uses.
 * - Failures can be injected per method: 429 with or without `Retry-After`, or any `error` code
 *   (`invalid_auth`, `user_not_in_channel`, `expired_trigger_id`, …).
 * - It also builds and signs the requests Slack sends to the app (commands, block actions, view
 *   submissions, events), with a forged or stale signature on demand.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface FakeSlackUser {
  id: string;
  name: string;
  real_name?: string;
  /** Slack's optional display name (often empty). */
  display_name?: string;
  tz?: string;
  locale?: string;
  email?: string;
  deleted?: boolean;
  is_admin?: boolean;
  is_bot?: boolean;
}

export interface FakeTeam {
  id: string;
  name: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** Granted bot scopes, sent in the `x-oauth-scopes` header of every answer (none when unset). */
  scopes?: string[];
}

export interface RecordedCall {
  method: string;
  token: string | null;
  params: Record<string, unknown>;
  ok: boolean;
  error?: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs?: string;
  /** How many times chat.update rewrote it. */
  updates: number;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface InjectedFailure {
  /** `ratelimited` as a 429; any other code as 200 `{ok:false,error}`. */
  error: string;
  /** Seconds, for 429; omitted → a 429 without `Retry-After`. */
  retryAfter?: number;
  /** Extra fields of the error body (e.g. `needed`). */
  extra?: Record<string, unknown>;
}

export interface OAuthGrant {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId?: string;
  refreshToken?: string;
  expiresIn?: number;
  /** Installing user. */
  userId?: string;
}

export interface SendOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the signature (forged requests). */
  signature?: string;
  /** Sign with this secret instead of the app's. */
  secret?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface AppResponse {
  status: number;
  text: string;
  elapsedMs: number;
}

const MAX = {
  messageBlocks: 50,
  viewBlocks: 100,
  actionsElements: 25,
  contextElements: 10,
  id: 255,
  buttonText: 75,
  buttonValue: 2000,
  sectionText: 3000,
  header: 150,
  viewText: 24,
  privateMetadata: 3000,
} as const;

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, FakeMessage>();
  readonly ephemerals: Array<{ channel: string; user: string; text: string; blocks: unknown[] }> = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly views: Array<{ method: string; userId?: string; view: Record<string, unknown> }> = [];
  readonly teams = new Map<string, FakeTeam>();
  readonly users = new Map<string, FakeSlackUser & { teamId: string }>();
  /** token → team id (bot tokens). */
  readonly #tokens = new Map<string, string>();
  readonly #refreshTokens = new Map<string, OAuthGrant>();
  readonly #codes = new Map<string, OAuthGrant>();
  readonly #failures = new Map<string, InjectedFailure[]>();
  readonly #responseUses = new Map<string, number>();
  readonly #triggers = new Map<string, 'fresh' | 'used'>();
  /** Channels where a user is not a member (chat.postEphemeral → user_not_in_channel). */
  readonly #notInChannel = new Set<string>();
  #server: Server | null = null;
  #port = 0;
  #ts = 1_700_000_000;
  #seq = 0;
  signingSecret: string;
  /** The app's events endpoint (where signed requests are sent). */
  target = '';
  clientId = '1111.2222';
  clientSecret = 'fake-slack-client-secret';
  /** Called with every Web API call once it is answered (the load benchmark times proposals with it). */
  onCall: ((call: RecordedCall) => void) | undefined;
  /** Called for every accepted `response_url` post (its id and body), e.g. to time an ephemeral answer. */
  onResponse: ((id: string, body: Record<string, unknown>) => void) | undefined;
  /** False: keep no `calls` log (long load runs); messages and responses are still kept. */
  recordCalls = true;
  /**
   * Like Slack's Events API: a request that got no 2xx (a connection error, or a non-2xx status such as
   * a load balancer's 502) is sent again, at once, up to this many times, with `X-Slack-Retry-Num` 1…n
   * and `X-Slack-Retry-Reason` (`connection_failed` / `http_error`). Slack waits about 1 and 5 minutes
   * before the 2nd and 3rd retries; the fake does not. 0 (default): no retry.
   */
  retries = 0;
  /** Requests sent to the app: first deliveries, retries, and requests still without a 2xx after the last retry. */
  readonly deliveries = { sent: 0, retried: 0, failed: 0 };

  constructor(options: { signingSecret?: string } = {}) {
    this.signingSecret = options.signingSecret ?? randomBytes(16).toString('hex');
  }

  static async start(options: { signingSecret?: string } = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    const server = createServer((req, res) => {
      fake.#handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    // A deep accept queue (load tests open hundreds of connections at once; see the Google fake).
    server.listen(0, '127.0.0.1', 4096);
    await once(server, 'listening');
    const address = server.address();
    fake.#port = typeof address === 'object' && address ? address.port : 0;
    fake.#server = server;
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** For Bolt's `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  get authorizationUrl(): string {
    return `${this.url}/oauth/v2/authorize`;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  // --- set-up ---------------------------------------------------------------------------------

  addTeam(team: Partial<FakeTeam> & { id: string; name?: string }): FakeTeam {
    const full: FakeTeam = {
      name: team.name ?? team.id,
      botToken: team.botToken ?? `xoxb-${team.id}-${randomBytes(6).toString('hex')}`,
      botUserId: team.botUserId ?? `UB${team.id}`,
      botId: team.botId ?? `B${team.id}`,
      id: team.id,
      ...(team.scopes ? { scopes: team.scopes } : {}),
    };
    this.teams.set(full.id, full);
    this.#tokens.set(full.botToken, full.id);
    return full;
  }

  addUser(teamId: string, user: FakeSlackUser): void {
    this.users.set(user.id, { ...user, teamId });
  }

  revokeToken(token: string): void {
    this.#tokens.delete(token);
  }

  isTokenValid(token: string): boolean {
    return this.#tokens.has(token);
  }

  /** The next `times` calls of `method` fail this way. */
  fail(method: string, failure: InjectedFailure, times = 1): void {
    const list = this.#failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.#failures.set(method, list);
  }

  clearFailures(): void {
    this.#failures.clear();
  }

  setNotInChannel(channel: string, user: string): void {
    this.#notInChannel.add(`${channel}:${user}`);
  }

  /** An authorization code `oauth.v2.access` will exchange once. */
  addOAuthCode(code: string, grant: OAuthGrant): void {
    this.#codes.set(code, grant);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  okCallsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.ok);
  }

  message(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.get(`${channel}:${ts}`);
  }

  channelMessages(channel: string): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.channel === channel);
  }

  responsesTo(id: string): ResponseUrlPost[] {
    return this.responses.filter((r) => r.id === id);
  }

  newResponseUrl(): { id: string; url: string } {
    const id = `R${++this.#seq}`;
    return { id, url: `${this.url}/response/${id}` };
  }

  newTrigger(): string {
    const id = `${++this.#seq}.${randomBytes(4).toString('hex')}`;
    this.#triggers.set(id, 'fresh');
    return id;
  }

  // --- requests Slack sends to the app ---------------------------------------------------------

  sign(body: string, timestamp: number, secret = this.signingSecret): string {
    return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  }

  async send(body: string, contentType: string, options: SendOptions = {}): Promise<AppResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? this.sign(body, timestamp, options.secret),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
    }
    const started = performance.now();
    const target = this.target;
    const retries = options.retryNum === undefined ? this.retries : 0;
    this.deliveries.sent++;
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      try {
        const response = await fetch(target, { method: 'POST', headers, body });
        const text = await response.text();
        if ((response.status >= 200 && response.status < 300) || attempt >= retries) {
          if (response.status >= 300) this.deliveries.failed++;
          return { status: response.status, text, elapsedMs: performance.now() - started };
        }
        reason = 'http_error';
      } catch (error) {
        if (attempt >= retries) {
          this.deliveries.failed++;
          throw error;
        }
        reason = 'connection_failed';
      }
      this.deliveries.retried++;
      headers['x-slack-retry-num'] = String(attempt + 1);
      headers['x-slack-retry-reason'] = reason;
    }
  }

  /** A `/meet` slash command. Returns the response URL id and the trigger id it carried. */
  async command(
    input: { teamId: string; userId: string; channelId: string; text: string; command?: string },
    options: SendOptions = {},
  ): Promise<AppResponse & { responseId: string; triggerId: string }> {
    const response = this.newResponseUrl();
    const triggerId = this.newTrigger();
    const form = new URLSearchParams({
      token: 'deprecated-verification-token',
      team_id: input.teamId,
      team_domain: input.teamId.toLowerCase(),
      channel_id: input.channelId,
      channel_name: 'general',
      user_id: input.userId,
      user_name: this.users.get(input.userId)?.name ?? input.userId,
      command: input.command ?? '/meet',
      text: input.text,
      api_app_id: 'A0CONVENE',
      is_enterprise_install: 'false',
      response_url: response.url,
      trigger_id: triggerId,
    });
    const result = await this.send(form.toString(), 'application/x-www-form-urlencoded', options);
    return { ...result, responseId: response.id, triggerId };
  }

  /** A button click (`block_actions`) on a message (or a Home tab view). */
  async click(
    input: {
      teamId: string;
      userId: string;
      actionId: string;
      value?: string;
      channelId?: string;
      messageTs?: string;
      isEphemeral?: boolean;
      actionTs?: string;
      view?: { id: string; type: 'home' | 'modal' };
    },
    options: SendOptions = {},
  ): Promise<AppResponse & { responseId: string; actionTs: string }> {
    const response = this.newResponseUrl();
    const actionTs = input.actionTs ?? `${this.#ts++}.${String(++this.#seq).padStart(6, '0')}`;
    const message =
      input.channelId && input.messageTs ? this.message(input.channelId, input.messageTs) : undefined;
    const payload = {
      type: 'block_actions',
      team: { id: input.teamId, domain: input.teamId.toLowerCase() },
      user: {
        id: input.userId,
        username: this.users.get(input.userId)?.name ?? input.userId,
        team_id: input.teamId,
      },
      api_app_id: 'A0CONVENE',
      token: 'deprecated-verification-token',
      trigger_id: this.newTrigger(),
      response_url: response.url,
      container: input.view
        ? { type: 'view', view_id: input.view.id }
        : {
            type: 'message',
            message_ts: input.messageTs ?? '',
            channel_id: input.channelId ?? '',
            is_ephemeral: input.isEphemeral ?? false,
          },
      ...(input.channelId ? { channel: { id: input.channelId, name: 'general' } } : {}),
      ...(message ? { message: { ts: message.ts, text: message.text, blocks: message.blocks } } : {}),
      ...(input.view ? { view: { id: input.view.id, type: input.view.type } } : {}),
      state: { values: {} },
      actions: [
        {
          type: 'button',
          action_id: input.actionId,
          block_id: 'b',
          value: input.value ?? '',
          text: { type: 'plain_text', text: 'x' },
          action_ts: actionTs,
        },
      ],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const result = await this.send(body, 'application/x-www-form-urlencoded', options);
    return { ...result, responseId: response.id, actionTs };
  }

  /** A modal submission. */
  async submitView(
    input: {
      teamId: string;
      userId: string;
      callbackId: string;
      values: Record<string, Record<string, unknown>>;
      privateMetadata?: string;
    },
    options: SendOptions = {},
  ): Promise<AppResponse> {
    const payload = {
      type: 'view_submission',
      team: { id: input.teamId, domain: input.teamId.toLowerCase() },
      user: { id: input.userId, username: input.userId, team_id: input.teamId },
      api_app_id: 'A0CONVENE',
      token: 'deprecated-verification-token',
      trigger_id: this.newTrigger(),
      view: {
        id: `V${++this.#seq}`,
        type: 'modal',
        callback_id: input.callbackId,
        private_metadata: input.privateMetadata ?? '',
        state: { values: input.values },
        hash: 'h',
      },
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.send(body, 'application/x-www-form-urlencoded', options);
  }

  /** An Events API callback. */
  async event(
    input: { teamId: string; event: Record<string, unknown>; eventId?: string },
    options: SendOptions = {},
  ): Promise<AppResponse & { eventId: string }> {
    const eventId = input.eventId ?? `Ev${++this.#seq}`;
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: input.teamId,
      api_app_id: 'A0CONVENE',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: input.event,
      authorizations: [
        { team_id: input.teamId, user_id: this.teams.get(input.teamId)?.botUserId, is_bot: true },
      ],
    });
    const result = await this.send(body, 'application/json', options);
    return { ...result, eventId };
  }

  // --- the Web API ------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    if (url.pathname.startsWith('/response/')) {
      const id = url.pathname.slice('/response/'.length);
      const uses = (this.#responseUses.get(id) ?? 0) + 1;
      this.#responseUses.set(id, uses);
      if (uses > 5) return json(404, { ok: false, error: 'used_url' });
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const problem = body.blocks ? checkBlocks(body.blocks, MAX.messageBlocks) : null;
      if (problem) return json(400, { ok: false, error: 'invalid_blocks', errors: [problem] });
      this.responses.push({ id, body });
      this.onResponse?.(id, body);
      return json(200, { ok: true });
    }
    if (!url.pathname.startsWith('/api/')) return json(404, { ok: false, error: 'unknown_route' });
    const method = url.pathname.slice('/api/'.length);
    const params = parseBody(raw, req.headers['content-type'] ?? '');
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof params.token === 'string' ? params.token : null);
    const record: RecordedCall = { method, token, params, ok: false };
    if (this.recordCalls) this.calls.push(record);
    const reply = (body: Record<string, unknown>) => {
      record.ok = body.ok === true;
      if (typeof body.error === 'string') record.error = body.error;
      json(200, body);
      this.onCall?.(record);
    };

    const injected = this.#failures.get(method)?.shift();
    if (injected) {
      record.error = injected.error;
      if (injected.error === 'ratelimited')
        return json(
          429,
          { ok: false, error: 'ratelimited' },
          injected.retryAfter !== undefined ? { 'retry-after': String(injected.retryAfter) } : {},
        );
      return reply({ ok: false, error: injected.error, ...injected.extra });
    }

    if (method === 'oauth.v2.access') return reply(this.#oauthAccess(params, req));
    if (!token) return reply({ ok: false, error: 'not_authed' });
    const teamId = this.#tokens.get(token);
    if (!teamId) return reply({ ok: false, error: 'invalid_auth' });
    const team = this.teams.get(teamId);
    if (!team) return reply({ ok: false, error: 'invalid_auth' });
    // Slack sends the token's granted scopes with every Web API answer.
    if (team.scopes) res.setHeader('x-oauth-scopes', team.scopes.join(','));
    reply(this.#method(method, params, team));
  }

  #method(method: string, p: Record<string, unknown>, team: FakeTeam): Record<string, unknown> {
    const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
    const blocksOf = (v: unknown): unknown[] | string => {
      if (v === undefined || v === '') return [];
      const parsed = typeof v === 'string' ? safeJson(v) : v;
      return Array.isArray(parsed) ? parsed : 'invalid_blocks';
    };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${team.id.toLowerCase()}.slack.com/`,
          team: team.name,
          user: 'convene',
          team_id: team.id,
          user_id: team.botUserId,
          bot_id: team.botId,
          is_enterprise_install: false,
        };
      case 'users.info': {
        const user = this.users.get(str(p.user));
        if (!user || user.teamId !== team.id) return { ok: false, error: 'user_not_found' };
        const { teamId: _t, email, display_name: _d, ...rest } = user;
        return {
          ok: true,
          user: {
            ...rest,
            team_id: team.id,
            is_bot: user.is_bot ?? false,
            deleted: user.deleted ?? false,
            is_admin: user.is_admin ?? false,
            real_name: user.real_name ?? user.name,
            ...(user.tz ? { tz: user.tz, tz_label: user.tz, tz_offset: 0 } : {}),
            profile: {
              real_name: user.real_name ?? user.name,
              display_name: user.display_name ?? '',
              ...(email ? { email } : {}),
            },
          },
        };
      }
      case 'conversations.open': {
        const users = str(p.users);
        if (!users) return { ok: false, error: 'invalid_arguments' };
        for (const id of users.split(',')) {
          const user = this.users.get(id);
          if (!user || user.teamId !== team.id) return { ok: false, error: 'user_not_found' };
        }
        return { ok: true, channel: { id: `D${users.split(',').join('')}` } };
      }
      case 'chat.postMessage':
      case 'chat.update': {
        const channel = str(p.channel);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const blocks = blocksOf(p.blocks);
        if (typeof blocks === 'string') return { ok: false, error: blocks };
        const problem = checkBlocks(blocks, MAX.messageBlocks);
        if (problem) return { ok: false, error: 'invalid_blocks', errors: [problem] };
        if (!str(p.text) && blocks.length === 0) return { ok: false, error: 'no_text' };
        if (method === 'chat.update') {
          const message = this.messages.get(`${channel}:${str(p.ts)}`);
          if (!message) return { ok: false, error: 'message_not_found' };
          message.text = str(p.text);
          message.blocks = blocks;
          message.updates += 1;
          return { ok: true, channel, ts: message.ts, text: message.text };
        }
        const ts = `${this.#ts++}.${String(++this.#seq).padStart(6, '0')}`;
        const message: FakeMessage = { channel, ts, text: str(p.text), blocks, updates: 0 };
        if (p.thread_ts) message.threadTs = str(p.thread_ts);
        this.messages.set(`${channel}:${ts}`, message);
        return { ok: true, channel, ts, message: { text: message.text, ts } };
      }
      case 'chat.postEphemeral': {
        const channel = str(p.channel);
        const user = str(p.user);
        if (this.#notInChannel.has(`${channel}:${user}`)) return { ok: false, error: 'user_not_in_channel' };
        const blocks = blocksOf(p.blocks);
        if (typeof blocks === 'string') return { ok: false, error: blocks };
        const problem = checkBlocks(blocks, MAX.messageBlocks);
        if (problem) return { ok: false, error: 'invalid_blocks', errors: [problem] };
        this.ephemerals.push({ channel, user, text: str(p.text), blocks });
        return { ok: true, message_ts: `${this.#ts++}.000000` };
      }
      case 'views.open':
      case 'views.publish': {
        const view = (typeof p.view === 'string' ? safeJson(p.view) : p.view) as Record<
          string,
          unknown
        > | null;
        if (!view || typeof view !== 'object') return { ok: false, error: 'invalid_arguments' };
        if (method === 'views.open') {
          const trigger = str(p.trigger_id);
          const state = this.#triggers.get(trigger);
          if (!state) return { ok: false, error: 'invalid_trigger_id' };
          if (state === 'used') return { ok: false, error: 'exchanged_trigger_id' };
          this.#triggers.set(trigger, 'used');
        } else if (!str(p.user_id)) return { ok: false, error: 'invalid_arguments' };
        const problem = checkView(view, method === 'views.open' ? 'modal' : 'home');
        if (problem)
          return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [problem] } };
        const userId = method === 'views.publish' ? str(p.user_id) : undefined;
        this.views.push({ method, ...(userId ? { userId } : {}), view });
        return { ok: true, view: { id: `V${++this.#seq}`, ...view } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  #oauthAccess(p: Record<string, unknown>, req: IncomingMessage): Record<string, unknown> {
    // Client credentials: Basic auth or body fields.
    let clientId = typeof p.client_id === 'string' ? p.client_id : '';
    let clientSecret = typeof p.client_secret === 'string' ? p.client_secret : '';
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      clientId = id ?? '';
      clientSecret = secret ?? '';
    }
    if (clientId !== this.clientId || clientSecret !== this.clientSecret)
      return { ok: false, error: 'invalid_client_id' };
    let grant: OAuthGrant | undefined;
    if (p.grant_type === 'refresh_token') {
      grant = this.#refreshTokens.get(String(p.refresh_token));
      if (!grant) return { ok: false, error: 'invalid_refresh_token' };
      this.#refreshTokens.delete(String(p.refresh_token));
      // A new access token (the old one dies) and a new refresh token.
      this.revokeToken(grant.botToken);
      grant = {
        ...grant,
        botToken: `xoxe.xoxb-${grant.teamId}-${randomBytes(6).toString('hex')}`,
        refreshToken: `xoxe-1-${randomBytes(8).toString('hex')}`,
      };
    } else {
      grant = this.#codes.get(String(p.code));
      if (!grant) return { ok: false, error: 'invalid_code' };
      this.#codes.delete(String(p.code));
    }
    const team = this.addTeam({
      id: grant.teamId,
      name: grant.teamName,
      botToken: grant.botToken,
      ...(grant.botUserId ? { botUserId: grant.botUserId } : {}),
    });
    if (grant.refreshToken) this.#refreshTokens.set(grant.refreshToken, grant);
    return {
      ok: true,
      app_id: 'A0CONVENE',
      access_token: grant.botToken,
      token_type: 'bot',
      scope: 'commands,chat:write,im:write,users:read,users:read.email',
      bot_user_id: team.botUserId,
      team: { id: grant.teamId, name: grant.teamName },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: grant.userId ?? 'UINSTALLER' },
      ...(grant.refreshToken
        ? { refresh_token: grant.refreshToken, expires_in: grant.expiresIn ?? 43_200 }
        : {}),
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return (safeJson(raw) as Record<string, unknown>) ?? {};
  return Object.fromEntries(new URLSearchParams(raw));
}

function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string'
    ? (value as { text: string }).text
    : '';
}

/** The first Block Kit violation, or null. */
export function checkBlocks(blocks: unknown, maxBlocks: number): string | null {
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > maxBlocks) return `no more than ${maxBlocks} items allowed [json-pointer:/blocks]`;
  const actionIds = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    const b = block as Record<string, unknown>;
    const at = `[json-pointer:/blocks/${i}]`;
    if (typeof b.type !== 'string') return `missing type ${at}`;
    if (typeof b.block_id === 'string' && b.block_id.length > MAX.id) return `block_id too long ${at}`;
    if (b.type === 'section') {
      if (textOf(b.text).length > MAX.sectionText) return `section text too long ${at}`;
      if (!b.text && !b.fields) return `section needs text or fields ${at}`;
    }
    if (b.type === 'header' && textOf(b.text).length > MAX.header) return `header too long ${at}`;
    const elements: unknown[] = [];
    if (b.type === 'actions') {
      if (!Array.isArray(b.elements) || b.elements.length === 0) return `actions needs elements ${at}`;
      if (b.elements.length > MAX.actionsElements)
        return `no more than ${MAX.actionsElements} items allowed ${at}/elements`;
      elements.push(...b.elements);
    }
    if (b.type === 'context') {
      if (!Array.isArray(b.elements) || b.elements.length > MAX.contextElements)
        return `context needs 1-${MAX.contextElements} elements ${at}`;
    }
    if (b.type === 'input' && b.element) elements.push(b.element);
    if (b.accessory) elements.push(b.accessory);
    for (const element of elements) {
      const e = element as Record<string, unknown>;
      if (typeof e.action_id === 'string') {
        if (e.action_id.length > MAX.id) return `action_id too long ${at}`;
        if (actionIds.has(e.action_id)) return `duplicate action_id ${e.action_id} ${at}`;
        actionIds.add(e.action_id);
      }
      if (e.type === 'button') {
        if (textOf(e.text).length > MAX.buttonText) return `button text too long ${at}`;
        if (textOf(e.text).length === 0) return `button text empty ${at}`;
        if (typeof e.value === 'string' && e.value.length > MAX.buttonValue)
          return `button value too long ${at}`;
      }
    }
  }
  return null;
}

function checkView(view: Record<string, unknown>, type: 'modal' | 'home'): string | null {
  if (view.type !== type) return `view type must be ${type}`;
  const problem = checkBlocks(view.blocks, MAX.viewBlocks);
  if (problem) return problem;
  if (type === 'modal') {
    if (!textOf(view.title) || textOf(view.title).length > MAX.viewText) return 'title must be 1-24 chars';
    for (const key of ['submit', 'close'] as const)
      if (view[key] && textOf(view[key]).length > MAX.viewText) return `${key} must be at most 24 chars`;
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > MAX.privateMetadata)
    return 'private_metadata too long';
  if (typeof view.callback_id === 'string' && view.callback_id.length > MAX.id) return 'callback_id too long';
  return null;
}
