/**
 * A high-fidelity fake of the parts of Google OAuth 2.0 and Calendar API v3 that Convene uses.
 * TEST infrastructure only. It checks what the real service checks (bearer token validity, expiry and
 * scope; required fields; documented limits) and injects documented failures on demand.
 *
 * Control API (per test): `failNext`, `expireAccessTokens`, `revokeRefreshToken`, `setLatency`,
 * `setConferencePendingPolls`, `invalidateSyncTokens`, `denyNextConsent`; inspection: `requests`, `count`.
 *
 * Push channels (`events.watch`, `channels.stop`): the fake POSTs real notifications (no body, the
 * `X-Goog-*` headers) to the channel's address: `sync` first, then `exists` after every change to the
 * calendar's events (through the API or `userUpdate`/`userDelete`, "as the user"), `not_exists` when the
 * calendar goes. Hooks for hostile deliveries: `redeliver` (duplicate / out-of-order), `deliverForged`.
 * `settled()` waits for deliveries in flight; `deliveries` records each with the receiver's status.
 * @see https://developers.google.com/calendar/api/guides/push
 * @see https://developers.google.com/calendar/api/v3/reference
 * @see https://developers.google.com/identity/protocols/oauth2/web-server
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { occurrencesIn } from '../recurrence.ts';

export const SCOPE_FREEBUSY = 'https://www.googleapis.com/auth/calendar.freebusy';
export const SCOPE_EVENTS = 'https://www.googleapis.com/auth/calendar.events';
export const SCOPE_CALENDAR = 'https://www.googleapis.com/auth/calendar';
export const SCOPE_CALENDAR_READONLY = 'https://www.googleapis.com/auth/calendar.readonly';
const SCOPE_EVENTS_FREEBUSY = 'https://www.googleapis.com/auth/calendar.events.freebusy';
const SCOPE_CALENDARLIST_READONLY = 'https://www.googleapis.com/auth/calendar.calendarlist.readonly';
const SCOPE_EVENTS_READONLY = 'https://www.googleapis.com/auth/calendar.events.readonly';

/** Scopes each method accepts (from the `@googleapis/calendar` method docs). */
const FREEBUSY_SCOPES = [SCOPE_CALENDAR, SCOPE_EVENTS_FREEBUSY, SCOPE_FREEBUSY, SCOPE_CALENDAR_READONLY];
const CALENDAR_LIST_SCOPES = [SCOPE_CALENDAR, SCOPE_CALENDARLIST_READONLY, SCOPE_CALENDAR_READONLY];
const EVENTS_READ_SCOPES = [SCOPE_CALENDAR, SCOPE_EVENTS, SCOPE_EVENTS_READONLY, SCOPE_CALENDAR_READONLY];
const EVENTS_WRITE_SCOPES = [SCOPE_CALENDAR, SCOPE_EVENTS];

const DAY_MS = 86_400_000;
/** Undocumented but observed: freeBusy answers 400 "The requested time range is too long" past ~90 days. */
const FREEBUSY_MAX_RANGE_MS = 90 * DAY_MS;
const FREEBUSY_MAX_ITEMS = 50;

export interface FakeClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Empty: accept any redirect URI (registered URIs are checked otherwise). */
  readonly redirectUris: readonly string[];
}

export interface FakeCalendar {
  readonly id: string;
  summary: string;
  accessRole: 'owner' | 'writer' | 'reader' | 'freeBusyReader';
  primary: boolean;
  timeZone: string;
}

export interface FakeEvent {
  id: string;
  summary?: string;
  description?: string;
  /** Epoch ms, half-open. All-day events hold UTC midnights. */
  start: number;
  end: number;
  allDay: boolean;
  timeZone?: string;
  /** `RRULE:…` lines of a recurring event (expanded in freeBusy in `timeZone`). */
  recurrence?: string[];
  /**
   * An exception of a series (a moved or cancelled instance): the series' id and the instance's original
   * start. Stored under the instance id `<seriesId>_<UTC basic time>`, as Google names instances.
   * @see https://developers.google.com/calendar/api/guides/recurringevents (Modifying instances)
   */
  recurringEventId?: string;
  originalStart?: number;
  transparency: 'opaque' | 'transparent';
  status: 'confirmed' | 'tentative' | 'cancelled';
  attendees: Array<{ email: string; displayName?: string; optional?: boolean; responseStatus: string }>;
  conference?: { requestId: string; pendingPolls: number; meetCode: string };
  etag: string;
  sequence: number;
  iCalUID: string;
  created: number;
  updated: number;
  /** Monotonic change number (sync tokens remember the last one seen). */
  change: number;
  sendUpdates?: string;
}

export interface SeedInput {
  id: string;
  title?: string;
  start: number;
  end: number;
  transparent?: boolean;
  allDay?: boolean;
  status?: 'confirmed' | 'tentative' | 'cancelled';
}

export interface FakeChannel {
  readonly id: string;
  readonly resourceId: string;
  readonly calendarId: string;
  readonly address: string;
  readonly token: string | undefined;
  /** Epoch ms. */
  readonly expiration: number;
  /** The last X-Goog-Message-Number sent. */
  messageNumber: number;
  stopped: boolean;
}

export interface Delivery {
  readonly channelId: string;
  readonly state: 'sync' | 'exists' | 'not_exists';
  readonly messageNumber: number;
  /** The receiver's HTTP status, or 0 when the POST failed (connection refused, timeout). */
  readonly status: number;
  readonly headers: Record<string, string>;
}

export interface InjectedFailure {
  status: number;
  headers?: Record<string, string>;
  /** Raw JSON body; defaults to Google's error shape built from `reason`/`message`. */
  body?: unknown;
  reason?: string;
  message?: string;
  /**
   * Process the request normally (state changes happen) but answer with this failure instead, as
   * when a response is lost after the write committed (gateway timeout, dropped connection).
   */
  afterProcessing?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** `METHOD /route/pattern`, e.g. `POST /calendar/v3/calendars/:calendarId/events`. */
  readonly route: string;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  readonly status: number;
  /** The bearer token presented, if any (tests only; the fake is never run in production). */
  readonly bearer?: string;
}

interface AccessTokenRecord {
  expiresAt: number;
  scopes: string[];
  revoked: boolean;
}

interface RefreshTokenRecord {
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

interface AuthCodeRecord {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: string;
  offline: boolean;
  used: boolean;
  expiresAt: number;
}

export interface FakeGoogleOptions {
  /** Clock for token expiry; defaults to Date.now. */
  now?: () => number;
  /** calendarList page size (Google's default is 100; set small to exercise paging). */
  calendarListPageSize?: number;
  /** events.list default page size. */
  eventsPageSize?: number;
  /** Access token lifetime in seconds (Google: 3599). */
  accessTokenTtlSec?: number;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
}

type Handler = (req: Request, res: Response) => void | Promise<void>;

export class FakeGoogle {
  readonly clients = new Map<string, FakeClient>();
  readonly calendars = new Map<string, FakeCalendar>();
  readonly events = new Map<string, Map<string, FakeEvent>>();
  readonly requests: RecordedRequest[] = [];
  /** The query of each authorization request received (to assert scopes, PKCE, offline access). */
  readonly authorizationRequests: Array<Record<string, string>> = [];

  readonly #accessTokens = new Map<string, AccessTokenRecord>();
  readonly #refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly #codes = new Map<string, AuthCodeRecord>();
  readonly #failures = new Map<string, InjectedFailure[]>();
  readonly #now: () => number;
  readonly #calendarListPageSize: number;
  readonly #eventsPageSize: number;
  readonly #accessTokenTtlSec: number;
  #latencyMs = 0;
  #conferencePendingPolls = 0;
  #denyNextConsent = false;
  #change = 0;
  /** Sync tokens carry the generation they were minted in; an older one answers 410. */
  #syncGeneration = 0;
  readonly channels = new Map<string, FakeChannel>();
  readonly deliveries: Delivery[] = [];
  /** Per channel, the tail of its delivery chain (deliveries to one channel go out in order). */
  readonly #chains = new Map<string, Promise<void>>();
  #server: Server | undefined;
  #url = '';

  constructor(options: FakeGoogleOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#calendarListPageSize = options.calendarListPageSize ?? 100;
    this.#eventsPageSize = options.eventsPageSize ?? 250;
    this.#accessTokenTtlSec = options.accessTokenTtlSec ?? 3599;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return this.#url;
  }

  /** For `@googleapis/calendar`'s `rootUrl` (needs the trailing slash). */
  get rootUrl(): string {
    return `${this.#url}/`;
  }

  get endpoints() {
    return {
      authorizationUrl: `${this.#url}/o/oauth2/v2/auth`,
      tokenUrl: `${this.#url}/token`,
      revokeUrl: `${this.#url}/revoke`,
    };
  }

  async start(): Promise<this> {
    const app = this.#buildApp();
    await new Promise<void>((resolve, reject) => {
      // A deep accept queue: under load tests the server opens hundreds of connections at once, and a
      // dropped SYN costs the caller a 1 s retransmission that real Google would not cause.
      const server = app.listen(0, '127.0.0.1', 4096, (error?: Error) => (error ? reject(error) : resolve()));
      this.#server = server;
    });
    const address = this.#server!.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forget recorded requests, injected failures, latency and pending settings (state stays). */
  resetControls(): void {
    this.requests.length = 0;
    this.deliveries.length = 0;
    this.authorizationRequests.length = 0;
    this.#failures.clear();
    this.#latencyMs = 0;
    this.#conferencePendingPolls = 0;
    this.#denyNextConsent = false;
  }

  // ---------------------------------------------------------------- control API

  /**
   * Makes the next `times` requests matching `route` fail. `route` is `METHOD /path` with either the
   * route pattern (`POST /calendar/v3/calendars/:calendarId/events`) or the concrete path.
   */
  failNext(route: string, failure: InjectedFailure, times = 1): void {
    const queue = this.#failures.get(route) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.#failures.set(route, queue);
  }

  /** Every access token issued so far is now expired (the next API call with one gets 401). */
  expireAccessTokens(): void {
    for (const record of this.#accessTokens.values()) record.expiresAt = this.#now() - 1;
  }

  /** Revokes one refresh token, or all when none is given: the next refresh gets `invalid_grant`. */
  revokeRefreshToken(token?: string): void {
    for (const [value, record] of this.#refreshTokens) {
      if (token === undefined || value === token) record.revoked = true;
    }
  }

  /** Delay every response by `ms` (real time: use sparingly). */
  setLatency(ms: number): void {
    this.#latencyMs = ms;
  }

  /** New Meet conferences stay `pending` for the next `polls` events.get calls on that event. */
  setConferencePendingPolls(polls: number): void {
    this.#conferencePendingPolls = polls;
  }

  /** Every sync token issued so far answers 410 `fullSyncRequired`. */
  invalidateSyncTokens(): void {
    this.#syncGeneration += 1;
  }

  /** The next authorization request is denied (redirect with `error=access_denied`). */
  denyNextConsent(): void {
    this.#denyNextConsent = true;
  }

  /** Number of recorded requests for a route (`METHOD /pattern` or `METHOD /concrete/path`). */
  count(route: string): number {
    return this.requests.filter((r) => r.route === route || `${r.method} ${r.path}` === route).length;
  }

  // ---------------------------------------------------------------- state helpers

  addClient(client: Partial<FakeClient> = {}): FakeClient {
    const full: FakeClient = {
      clientId: client.clientId ?? `${randomBytes(6).toString('hex')}.apps.googleusercontent.com`,
      clientSecret: client.clientSecret ?? `GOCSPX-${randomBytes(12).toString('hex')}`,
      redirectUris: client.redirectUris ?? [],
    };
    this.clients.set(full.clientId, full);
    return full;
  }

  addCalendar(calendar: Partial<FakeCalendar> & { id: string }): FakeCalendar {
    const full: FakeCalendar = {
      id: calendar.id,
      summary: calendar.summary ?? calendar.id,
      accessRole: calendar.accessRole ?? 'owner',
      primary: calendar.primary ?? false,
      timeZone: calendar.timeZone ?? 'UTC',
    };
    this.calendars.set(full.id, full);
    if (!this.events.has(full.id)) this.events.set(full.id, new Map());
    return full;
  }

  removeCalendar(id: string): void {
    this.#notify(id, 'not_exists');
    this.calendars.delete(id);
    this.events.delete(id);
  }

  // ---------------------------------------------------------------- push channels (test hooks)

  /** The user moves an event in Google Calendar: the change is stored and live channels are told. */
  userUpdate(calendarId: string, eventId: string, times: { start: number; end: number }): FakeEvent {
    const event = this.#store(calendarId).get(eventId);
    if (!event) throw new Error(`fake google: no event ${eventId}`);
    event.start = times.start;
    event.end = times.end;
    event.sequence++;
    event.updated = this.#now();
    event.change = ++this.#change;
    event.etag = this.#etag();
    this.#notify(calendarId, 'exists');
    return event;
  }

  /** The user deletes an event: it becomes `cancelled` (listed by incremental sync) and channels are told. */
  userDelete(calendarId: string, eventId: string): void {
    const event = this.#store(calendarId).get(eventId);
    if (!event) throw new Error(`fake google: no event ${eventId}`);
    event.status = 'cancelled';
    event.updated = this.#now();
    event.change = ++this.#change;
    event.etag = this.#etag();
    this.#notify(calendarId, 'exists');
  }

  /**
   * The user moves ONE instance of a series in Google Calendar (the instance `<seriesId>_<original start>`
   * becomes an exception with `recurringEventId` and `originalStartTime`); channels are told.
   * @see https://developers.google.com/calendar/api/guides/recurringevents (Modifying instances)
   */
  userUpdateInstance(
    calendarId: string,
    seriesId: string,
    originalStart: number,
    times: { start: number; end: number },
  ): FakeEvent {
    const instance = this.#instance(calendarId, seriesId, originalStart);
    instance.status = 'confirmed';
    return this.userUpdate(calendarId, instance.id, times);
  }

  /** The user deletes ONE instance of a series: the instance becomes `cancelled` (the series stays). */
  userDeleteInstance(calendarId: string, seriesId: string, originalStart: number): void {
    const instance = this.#instance(calendarId, seriesId, originalStart);
    this.userDelete(calendarId, instance.id);
  }

  #instance(calendarId: string, seriesId: string, originalStart: number): FakeEvent {
    const calendar = this.calendars.get(calendarId);
    const id = `${seriesId}_${utcBasic(originalStart)}`;
    const instance = calendar
      ? (this.#store(calendarId).get(id) ?? this.#materializeInstance(calendar, id))
      : undefined;
    if (!instance) throw new Error(`fake google: series ${seriesId} has no instance at ${originalStart}`);
    return instance;
  }

  /**
   * Sends a notification again as Google may: a duplicate (same message number) or, with an older
   * number, an out-of-order one. Resolves with the receiver's status.
   */
  redeliver(channelId: string, messageNumber: number, state: Delivery['state'] = 'exists'): Promise<number> {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`fake google: no channel ${channelId}`);
    return this.#post(channel, state, messageNumber);
  }

  /**
   * A notification NOT sent by Google: to `address`, with whatever channel id / token an attacker
   * picked. Resolves with the receiver's status.
   */
  deliverForged(
    address: string,
    headers: {
      channelId: string;
      token?: string;
      resourceId?: string;
      state?: string;
      messageNumber?: number;
    },
  ): Promise<number> {
    return this.#send(address, {
      'X-Goog-Channel-ID': headers.channelId,
      ...(headers.token !== undefined ? { 'X-Goog-Channel-Token': headers.token } : {}),
      'X-Goog-Resource-ID': headers.resourceId ?? 'forged-resource',
      'X-Goog-Resource-State': headers.state ?? 'exists',
      'X-Goog-Message-Number': String(headers.messageNumber ?? 999_999),
    }).then((r) => r.status);
  }

  /** Resolves when every delivery started so far has been answered (or failed). */
  async settled(): Promise<void> {
    for (;;) {
      const before = [...this.#chains.values()];
      await Promise.all(before);
      const after = [...this.#chains.values()];
      if (after.length === before.length && after.every((chain, i) => chain === before[i])) return;
    }
  }

  /** Tells every live channel on the calendar that its events changed (one message each, in order). */
  #notify(calendarId: string, state: 'exists' | 'not_exists'): void {
    for (const channel of this.channels.values()) {
      if (channel.calendarId !== calendarId || channel.stopped) continue;
      // An expired channel sends nothing more. @see https://developers.google.com/calendar/api/guides/push#renewing-notification-channels
      if (channel.expiration <= this.#now()) continue;
      channel.messageNumber += 1;
      void this.#post(channel, state, channel.messageNumber);
    }
  }

  /** Queues one notification on the channel's chain; resolves with the receiver's status. */
  #post(channel: FakeChannel, state: Delivery['state'], messageNumber: number): Promise<number> {
    const headers: Record<string, string> = {
      'X-Goog-Channel-ID': channel.id,
      ...(channel.token !== undefined ? { 'X-Goog-Channel-Token': channel.token } : {}),
      'X-Goog-Channel-Expiration': new Date(channel.expiration).toUTCString(),
      'X-Goog-Resource-ID': channel.resourceId,
      'X-Goog-Resource-URI': `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(channel.calendarId)}/events?alt=json`,
      'X-Goog-Resource-State': state,
      'X-Goog-Message-Number': String(messageNumber),
    };
    const previous = this.#chains.get(channel.id) ?? Promise.resolve();
    const result = previous.then(async () => {
      const { status } = await this.#send(channel.address, headers);
      this.deliveries.push({ channelId: channel.id, state, messageNumber, status, headers });
      return status;
    });
    this.#chains.set(
      channel.id,
      result.then(
        () => undefined,
        () => undefined,
      ),
    );
    return result;
  }

  /** One POST without a body, as Google sends them. Never throws: a failed POST is status 0. */
  async #send(address: string, headers: Record<string, string>): Promise<{ status: number }> {
    try {
      const response = await fetch(address, {
        method: 'POST',
        headers: {
          ...headers,
          'User-Agent': 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)',
        },
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    } catch {
      return { status: 0 };
    }
  }

  /** Puts events straight into a calendar's store (bypassing the API and its id rules). */
  seed(calendarId: string, events: readonly SeedInput[]): void {
    const store = this.#store(calendarId);
    for (const input of events) {
      const now = this.#now();
      store.set(input.id, {
        id: input.id,
        summary: input.title ?? '',
        start: input.start,
        end: input.end,
        allDay: input.allDay ?? false,
        transparency: input.transparent ? 'transparent' : 'opaque',
        status: input.status ?? 'confirmed',
        attendees: [],
        etag: this.#etag(),
        sequence: 0,
        iCalUID: `${input.id}@google.com`,
        created: now,
        updated: now,
        change: ++this.#change,
      });
    }
  }

  /** Events in a calendar that are not cancelled. */
  stored(calendarId: string): FakeEvent[] {
    return [...(this.events.get(calendarId)?.values() ?? [])].filter((e) => e.status !== 'cancelled');
  }

  /** Mints tokens directly (as if the OAuth dance happened) for tests that do not exercise it. */
  issueTokens(options: { clientId?: string; scopes?: string[]; expiresInSec?: number } = {}): IssuedTokens {
    const scopes = options.scopes ?? [SCOPE_FREEBUSY, SCOPE_EVENTS, SCOPE_CALENDARLIST_READONLY];
    const clientId = options.clientId ?? [...this.clients.keys()][0] ?? 'test-client';
    const refresh = `1//${randomBytes(24).toString('base64url')}`;
    this.#refreshTokens.set(refresh, { clientId, scopes, revoked: false });
    const access = this.#mintAccessToken(scopes, options.expiresInSec);
    return {
      access_token: access,
      refresh_token: refresh,
      expires_in: options.expiresInSec ?? this.#accessTokenTtlSec,
      scope: scopes.join(' '),
      token_type: 'Bearer',
    };
  }

  // ---------------------------------------------------------------- internals

  #store(calendarId: string): Map<string, FakeEvent> {
    const store = this.events.get(calendarId);
    if (!store) throw new Error(`fake google: no calendar ${calendarId}`);
    return store;
  }

  #etag(): string {
    return `"${3_000_000_000_000_000 + this.#change * 1000 + Math.floor(Math.random() * 1000)}"`;
  }

  #mintAccessToken(scopes: string[], expiresInSec = this.#accessTokenTtlSec): string {
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    this.#accessTokens.set(token, { expiresAt: this.#now() + expiresInSec * 1000, scopes, revoked: false });
    return token;
  }

  #buildApp() {
    const app = express();
    app.disable('x-powered-by');
    app.use(express.json({ limit: '1mb' }));
    app.use(express.urlencoded({ extended: false }));

    const route = (
      method: 'get' | 'post' | 'patch' | 'put' | 'delete',
      pattern: string,
      handler: Handler,
    ) => {
      const key = `${method.toUpperCase()} ${pattern}`;
      app[method](pattern, async (req: Request, res: Response, next: NextFunction) => {
        const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
        res.on('finish', () => {
          this.requests.push({
            method: req.method,
            path: req.path,
            route: key,
            query: { ...req.query },
            body: req.body,
            status: res.statusCode,
            ...(bearer ? { bearer } : {}),
          });
        });
        try {
          if (this.#latencyMs > 0) await new Promise((r) => setTimeout(r, this.#latencyMs));
          const failure = this.#takeFailure(key) ?? this.#takeFailure(`${req.method} ${req.path}`);
          if (failure?.afterProcessing) await this.#runDiscardingResponse(handler, req, res);
          if (failure) {
            for (const [name, value] of Object.entries(failure.headers ?? {})) res.setHeader(name, value);
            res
              .status(failure.status)
              .json(
                failure.body ??
                  googleError(
                    failure.status,
                    failure.reason ?? defaultReason(failure.status),
                    failure.message,
                  ),
              );
            return;
          }
          await handler(req, res);
        } catch (error) {
          next(error);
        }
      });
    };

    // -------- OAuth 2.0
    route('get', '/o/oauth2/v2/auth', (req, res) => this.#authorize(req, res));
    route('post', '/token', (req, res) => this.#token(req, res));
    route('post', '/revoke', (req, res) => this.#revoke(req, res));

    // -------- Calendar v3
    route('post', '/calendar/v3/freeBusy', (req, res) =>
      this.#api(req, res, FREEBUSY_SCOPES, this.#freeBusy),
    );
    route('get', '/calendar/v3/users/me/calendarList', (req, res) =>
      this.#api(req, res, CALENDAR_LIST_SCOPES, this.#calendarList),
    );
    route('post', '/calendar/v3/calendars/:calendarId/events', (req, res) =>
      this.#api(req, res, EVENTS_WRITE_SCOPES, this.#insertEvent),
    );
    route('get', '/calendar/v3/calendars/:calendarId/events', (req, res) =>
      this.#api(req, res, EVENTS_READ_SCOPES, this.#listEvents),
    );
    route('get', '/calendar/v3/calendars/:calendarId/events/:eventId/instances', (req, res) =>
      this.#api(req, res, EVENTS_READ_SCOPES, this.#instances),
    );
    route('get', '/calendar/v3/calendars/:calendarId/events/:eventId', (req, res) =>
      this.#api(req, res, EVENTS_READ_SCOPES, this.#getEvent),
    );
    route('patch', '/calendar/v3/calendars/:calendarId/events/:eventId', (req, res) =>
      this.#api(req, res, EVENTS_WRITE_SCOPES, this.#patchEvent),
    );
    route('delete', '/calendar/v3/calendars/:calendarId/events/:eventId', (req, res) =>
      this.#api(req, res, EVENTS_WRITE_SCOPES, this.#deleteEvent),
    );
    route('post', '/calendar/v3/calendars/:calendarId/events/watch', (req, res) =>
      this.#api(req, res, EVENTS_READ_SCOPES, this.#watchEvents),
    );
    route('post', '/calendar/v3/channels/stop', (req, res) =>
      this.#api(req, res, EVENTS_READ_SCOPES, this.#stopChannel),
    );

    app.use((req: Request, res: Response) => {
      res.status(404).json(googleError(404, 'notFound', `Not Found: ${req.method} ${req.path}`));
    });
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      const status =
        typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
          ? error.status
          : 500;
      res
        .status(status)
        .json(
          googleError(
            status,
            status === 400 ? 'parseError' : 'backendError',
            String((error as Error).message),
          ),
        );
    });
    return app;
  }

  /** Runs a handler for its side effects only: what it would have sent is dropped. */
  async #runDiscardingResponse(handler: Handler, req: Request, res: Response): Promise<void> {
    const sink = {
      status: () => sink,
      json: () => sink,
      send: () => sink,
      end: () => sink,
      type: () => sink,
      redirect: () => undefined,
      setHeader: () => sink,
      get: (name: string) => res.get(name),
    };
    await handler(req, sink as unknown as Response);
  }

  #takeFailure(key: string): InjectedFailure | undefined {
    const queue = this.#failures.get(key);
    const failure = queue?.shift();
    if (queue && queue.length === 0) this.#failures.delete(key);
    return failure;
  }

  // ---------------------------------------------------------------- OAuth endpoints

  #authorize(req: Request, res: Response): void {
    const q = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]));
    this.authorizationRequests.push(q);
    const client = q.client_id ? this.clients.get(q.client_id) : undefined;
    // Errors before the redirect URI is trusted are shown to the user, not redirected.
    if (!client) {
      res.status(401).type('text/plain').send('Error 401: invalid_client\nThe OAuth client was not found.');
      return;
    }
    const redirectUri = q.redirect_uri;
    if (!redirectUri || (client.redirectUris.length > 0 && !client.redirectUris.includes(redirectUri))) {
      res.status(400).type('text/plain').send('Error 400: redirect_uri_mismatch');
      return;
    }
    const back = new URL(redirectUri);
    const fail = (error: string) => {
      back.searchParams.set('error', error);
      if (q.state !== undefined) back.searchParams.set('state', q.state);
      res.redirect(302, back.toString());
    };
    if (q.response_type !== 'code') return void fail('unsupported_response_type');
    const scopes = (q.scope ?? '').split(/\s+/).filter(Boolean);
    if (scopes.length === 0) return void fail('invalid_scope');
    if (q.code_challenge_method && !q.code_challenge) return void fail('invalid_request');
    if (q.code_challenge_method && !['S256', 'plain'].includes(q.code_challenge_method)) {
      return void fail('invalid_request');
    }
    if (this.#denyNextConsent) {
      this.#denyNextConsent = false;
      return void fail('access_denied');
    }
    const code = `4/0${randomBytes(24).toString('base64url')}`;
    this.#codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      scopes,
      ...(q.code_challenge ? { codeChallenge: q.code_challenge } : {}),
      ...(q.code_challenge ? { codeChallengeMethod: q.code_challenge_method ?? 'plain' } : {}),
      offline: q.access_type === 'offline',
      used: false,
      expiresAt: this.#now() + 10 * 60_000,
    });
    back.searchParams.set('code', code);
    back.searchParams.set('scope', scopes.join(' '));
    if (q.state !== undefined) back.searchParams.set('state', q.state);
    res.redirect(302, back.toString());
  }

  #clientFromRequest(req: Request): FakeClient | undefined {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    let id = body.client_id;
    let secret = body.client_secret;
    const basic = /^Basic (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (basic) {
      const [user, pass] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      id = decodeURIComponent(user ?? '');
      secret = decodeURIComponent(pass ?? '');
    }
    const client = id ? this.clients.get(id) : undefined;
    return client && client.clientSecret === secret ? client : undefined;
  }

  #token(req: Request, res: Response): void {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const oauthError = (status: number, error: string, description: string) =>
      res.status(status).json({ error, error_description: description });
    const client = this.#clientFromRequest(req);
    if (!client) return void oauthError(401, 'invalid_client', 'Unauthorized');

    if (body.grant_type === 'authorization_code') {
      const code = body.code ? this.#codes.get(body.code) : undefined;
      if (!body.code) return void oauthError(400, 'invalid_request', 'Missing required parameter: code');
      if (!code || code.used || code.expiresAt <= this.#now() || code.clientId !== client.clientId) {
        return void oauthError(400, 'invalid_grant', 'Malformed auth code.');
      }
      if (body.redirect_uri !== code.redirectUri) {
        return void oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
      }
      if (code.codeChallenge) {
        const verifier = body.code_verifier;
        if (!verifier) return void oauthError(400, 'invalid_grant', 'Missing code verifier.');
        const expected =
          code.codeChallengeMethod === 'S256'
            ? createHash('sha256').update(verifier).digest('base64url')
            : verifier;
        if (expected !== code.codeChallenge)
          return void oauthError(400, 'invalid_grant', 'Invalid code verifier.');
      }
      code.used = true;
      const access = this.#mintAccessToken(code.scopes);
      const response: Record<string, unknown> = {
        access_token: access,
        expires_in: this.#accessTokenTtlSec,
        scope: code.scopes.join(' '),
        token_type: 'Bearer',
      };
      // Refresh tokens only come with access_type=offline.
      if (code.offline) {
        const refresh = `1//${randomBytes(24).toString('base64url')}`;
        this.#refreshTokens.set(refresh, { clientId: client.clientId, scopes: code.scopes, revoked: false });
        response.refresh_token = refresh;
      }
      res.json(response);
      return;
    }

    if (body.grant_type === 'refresh_token') {
      if (!body.refresh_token)
        return void oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
      const record = this.#refreshTokens.get(body.refresh_token);
      if (!record || record.revoked || record.clientId !== client.clientId) {
        return void oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      }
      const access = this.#mintAccessToken(record.scopes);
      res.json({
        access_token: access,
        expires_in: this.#accessTokenTtlSec,
        scope: record.scopes.join(' '),
        token_type: 'Bearer',
      });
      return;
    }
    oauthError(400, 'unsupported_grant_type', 'Invalid grant_type: ' + (body.grant_type ?? ''));
  }

  #revoke(req: Request, res: Response): void {
    const token =
      ((req.body ?? {}) as Record<string, string | undefined>).token ?? String(req.query.token ?? '');
    const access = this.#accessTokens.get(token);
    const refresh = this.#refreshTokens.get(token);
    if (!access && !refresh) {
      res.status(400).json({ error: 'invalid_token', error_description: 'Bad Request' });
      return;
    }
    if (access) access.revoked = true;
    if (refresh) refresh.revoked = true;
    res.status(200).json({});
  }

  // ---------------------------------------------------------------- Calendar API

  /** Bearer-token and scope checks shared by every Calendar API route. */
  async #api(
    req: Request,
    res: Response,
    scopes: readonly string[],
    handler: (req: Request, res: Response) => void,
  ): Promise<void> {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const record = bearer ? this.#accessTokens.get(bearer) : undefined;
    if (!record || record.revoked || record.expiresAt <= this.#now()) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
      res
        .status(401)
        .json(
          googleError(
            401,
            'authError',
            'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
            { location: 'Authorization', locationType: 'header', message: 'Invalid Credentials' },
          ),
        );
      return;
    }
    if (!record.scopes.some((s) => scopes.includes(s))) {
      res
        .status(403)
        .json(googleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'));
      return;
    }
    handler.call(this, req, res);
  }

  #freeBusy(req: Request, res: Response): void {
    const body = (req.body ?? {}) as {
      timeMin?: string;
      timeMax?: string;
      timeZone?: string;
      calendarExpansionMax?: number;
      groupExpansionMax?: number;
      items?: Array<{ id?: string }>;
    };
    if (!body.timeMin) return void res.status(400).json(googleError(400, 'required', 'Missing timeMin.'));
    if (!body.timeMax) return void res.status(400).json(googleError(400, 'required', 'Missing timeMax.'));
    const timeMin = parseRfc3339(body.timeMin);
    const timeMax = parseRfc3339(body.timeMax);
    if (timeMin === undefined) return void res.status(400).json(googleError(400, 'invalid', 'Bad Request'));
    if (timeMax === undefined) return void res.status(400).json(googleError(400, 'invalid', 'Bad Request'));
    // @see https://developers.google.com/calendar/api/guides/errors (timeRangeEmpty)
    if (timeMax <= timeMin) {
      return void res
        .status(400)
        .json(
          googleError(400, 'timeRangeEmpty', 'The specified time range is empty.', { location: 'timeMax' }),
        );
    }
    if (timeMax - timeMin > FREEBUSY_MAX_RANGE_MS) {
      return void res
        .status(400)
        .json(googleError(400, 'timeRangeTooLong', 'The requested time range is too long.'));
    }
    if (body.calendarExpansionMax !== undefined && body.calendarExpansionMax > FREEBUSY_MAX_ITEMS) {
      return void res
        .status(400)
        .json(googleError(400, 'invalid', 'Invalid value for calendarExpansionMax.'));
    }
    if (body.groupExpansionMax !== undefined && body.groupExpansionMax > 100) {
      return void res.status(400).json(googleError(400, 'invalid', 'Invalid value for groupExpansionMax.'));
    }
    const items = body.items ?? [];
    const calendars: Record<string, unknown> = {};
    items.forEach((item, index) => {
      const id = item.id ?? '';
      if (index >= FREEBUSY_MAX_ITEMS) {
        calendars[id] = {
          busy: [],
          errors: [{ domain: 'usageLimits', reason: 'tooManyCalendarsRequested' }],
        };
        return;
      }
      const calendar = this.calendars.get(id);
      if (!calendar) {
        calendars[id] = { busy: [], errors: [{ domain: 'global', reason: 'notFound' }] };
        return;
      }
      const busy: Array<{ start: number; end: number }> = [];
      for (const event of this.events.get(id)?.values() ?? []) {
        if (event.status === 'cancelled' || event.transparency === 'transparent') continue;
        const rrule = event.recurrence?.find((line) => /^RRULE:/i.test(line));
        if (rrule) {
          // A recurring event is busy at each occurrence, at its wall-clock time in the event's zone.
          // An instance with an exception (moved or cancelled) is the exception's business, not the rule's.
          const overridden = this.#exceptionsOf(id, event.id);
          for (const o of occurrencesIn(rrule, event.start, event.end, event.timeZone ?? calendar.timeZone, {
            start: timeMin,
            end: timeMax,
          }))
            if (!overridden.has(o.start))
              busy.push({ start: Math.max(o.start, timeMin), end: Math.min(o.end, timeMax) });
          continue;
        }
        if (event.end <= timeMin || event.start >= timeMax) continue;
        busy.push({ start: Math.max(event.start, timeMin), end: Math.min(event.end, timeMax) });
      }
      busy.sort((a, b) => a.start - b.start);
      const merged: Array<{ start: number; end: number }> = [];
      for (const b of busy) {
        const last = merged.at(-1);
        if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
        else merged.push({ ...b });
      }
      calendars[id] = {
        busy: merged.map((b) => ({ start: toRfc3339(b.start), end: toRfc3339(b.end) })),
      };
    });
    res.json({
      kind: 'calendar#freeBusy',
      timeMin: toRfc3339(timeMin),
      timeMax: toRfc3339(timeMax),
      calendars,
    });
  }

  #calendarList(req: Request, res: Response): void {
    const all = [...this.calendars.values()];
    const requested = Number(req.query.maxResults ?? this.#calendarListPageSize);
    const pageSize = Math.min(Number.isFinite(requested) ? requested : 100, this.#calendarListPageSize, 250);
    const offset = decodePageToken(req.query.pageToken);
    if (offset === undefined)
      return void res.status(400).json(googleError(400, 'invalid', 'Invalid page token.'));
    const page = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? encodePageToken(offset + pageSize) : undefined;
    res.json({
      kind: 'calendar#calendarList',
      etag: this.#etag(),
      items: page.map((c) => ({
        kind: 'calendar#calendarListEntry',
        id: c.id,
        summary: c.summary,
        timeZone: c.timeZone,
        accessRole: c.accessRole,
        ...(c.primary ? { primary: true } : {}),
      })),
      ...(next ? { nextPageToken: next } : { nextSyncToken: `cl-${this.#change}` }),
    });
  }

  #calendarFor(req: Request, res: Response, write: boolean): FakeCalendar | undefined {
    const id = String(req.params.calendarId);
    const calendar =
      id === 'primary' ? [...this.calendars.values()].find((c) => c.primary) : this.calendars.get(id);
    if (!calendar) {
      res.status(404).json(googleError(404, 'notFound', 'Not Found'));
      return undefined;
    }
    if (write && calendar.accessRole !== 'owner' && calendar.accessRole !== 'writer') {
      res
        .status(403)
        .json(googleError(403, 'requiredAccessLevel', 'You need to have writer access to this calendar.'));
      return undefined;
    }
    return calendar;
  }

  #insertEvent(req: Request, res: Response): void {
    const calendar = this.#calendarFor(req, res, true);
    if (!calendar) return;
    const store = this.#store(calendar.id);
    const body = (req.body ?? {}) as GoogleEventBody;
    const id = body.id ?? randomBase32Hex(26);
    // @see https://developers.google.com/calendar/api/v3/reference/events/insert (id: base32hex, 5-1024 chars)
    if (!/^[a-v0-9]{5,1024}$/.test(id)) {
      return void res.status(400).json(googleError(400, 'invalid', 'Invalid resource id value.'));
    }
    const times = parseEventTimes(body);
    if ('error' in times) return void res.status(400).json(googleError(400, times.reason, times.error));
    // A recurring event needs the zone its occurrences are read in.
    // @see https://developers.google.com/calendar/api/v3/reference/events (start.timeZone)
    if (body.recurrence?.length && !body.start?.timeZone) {
      return void res
        .status(400)
        .json(googleError(400, 'missingTimeZone', 'Missing time zone definition for start time.'));
    }
    if (store.has(id)) {
      return void res
        .status(409)
        .json(googleError(409, 'duplicate', 'The requested identifier already exists.'));
    }
    const conference = this.#conferenceFrom(req, body, undefined);
    if (conference && 'error' in conference) {
      return void res.status(400).json(googleError(400, 'invalid', conference.error));
    }
    const now = this.#now();
    const event: FakeEvent = {
      id,
      ...(body.summary != null ? { summary: body.summary } : {}),
      ...(body.description != null ? { description: body.description } : {}),
      start: times.start,
      end: times.end,
      allDay: times.allDay,
      ...(times.timeZone ? { timeZone: times.timeZone } : {}),
      ...(body.recurrence?.length ? { recurrence: [...body.recurrence] } : {}),
      transparency: body.transparency === 'transparent' ? 'transparent' : 'opaque',
      status: body.status === 'tentative' ? 'tentative' : 'confirmed',
      attendees: (body.attendees ?? []).map((a) => ({
        email: a.email ?? '',
        ...(a.displayName ? { displayName: a.displayName } : {}),
        ...(a.optional ? { optional: true } : {}),
        responseStatus: 'needsAction',
      })),
      ...(conference ? { conference } : {}),
      etag: '',
      sequence: 0,
      iCalUID: `${id}@google.com`,
      created: now,
      updated: now,
      change: ++this.#change,
      ...(typeof req.query.sendUpdates === 'string' ? { sendUpdates: req.query.sendUpdates } : {}),
    };
    event.etag = this.#etag();
    store.set(id, event);
    res.status(200).json(this.#eventJson(calendar, event));
    this.#notify(calendar.id, 'exists');
  }

  #conferenceFrom(
    req: Request,
    body: GoogleEventBody,
    existing: FakeEvent['conference'],
  ): FakeEvent['conference'] | { error: string } | undefined {
    // Without conferenceDataVersion=1 conferenceData is ignored.
    // @see https://developers.google.com/calendar/api/guides/create-events#conferencing
    if (String(req.query.conferenceDataVersion ?? '0') !== '1') return existing;
    const create = body.conferenceData?.createRequest;
    if (!create) return existing;
    if (!create.requestId) return { error: 'Invalid conference create request: missing requestId.' };
    if (create.conferenceSolutionKey?.type !== 'hangoutsMeet') {
      return { error: 'Invalid conference type value.' };
    }
    // A repeated requestId is ignored.
    if (existing && existing.requestId === create.requestId) return existing;
    return {
      requestId: create.requestId,
      pendingPolls: this.#conferencePendingPolls,
      meetCode: meetCode(),
    };
  }

  #eventJson(calendar: FakeCalendar, event: FakeEvent): Record<string, unknown> {
    const time = (ms: number) =>
      event.allDay
        ? { date: new Date(ms).toISOString().slice(0, 10) }
        : { dateTime: toRfc3339(ms), timeZone: event.timeZone ?? calendar.timeZone };
    const json: Record<string, unknown> = {
      kind: 'calendar#event',
      etag: event.etag,
      id: event.id,
      status: event.status,
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(event.id).toString('base64url')}`,
      created: new Date(event.created).toISOString(),
      updated: new Date(event.updated).toISOString(),
      iCalUID: event.iCalUID,
      sequence: event.sequence,
      ...(event.recurringEventId && event.originalStart !== undefined
        ? {
            recurringEventId: event.recurringEventId,
            originalStartTime: {
              dateTime: toRfc3339(event.originalStart),
              timeZone: event.timeZone ?? calendar.timeZone,
            },
          }
        : {}),
    };
    if (event.status === 'cancelled') return json;
    Object.assign(json, {
      ...(event.summary !== undefined ? { summary: event.summary } : {}),
      ...(event.description !== undefined ? { description: event.description } : {}),
      start: time(event.start),
      end: time(event.end),
      ...(event.transparency === 'transparent' ? { transparency: 'transparent' } : {}),
      ...(event.recurrence ? { recurrence: event.recurrence } : {}),
      ...(event.attendees.length > 0 ? { attendees: event.attendees } : {}),
    });
    const conference = event.conference;
    if (conference) {
      const pending = conference.pendingPolls > 0;
      json.conferenceData = {
        createRequest: {
          requestId: conference.requestId,
          conferenceSolutionKey: { type: 'hangoutsMeet' },
          status: { statusCode: pending ? 'pending' : 'success' },
        },
        ...(pending
          ? {}
          : {
              entryPoints: [
                {
                  entryPointType: 'video',
                  uri: `https://meet.google.com/${conference.meetCode}`,
                  label: `meet.google.com/${conference.meetCode}`,
                },
              ],
              conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
              conferenceId: conference.meetCode,
            }),
      };
      if (!pending) json.hangoutLink = `https://meet.google.com/${conference.meetCode}`;
    }
    return json;
  }

  #eventFor(req: Request, res: Response, calendar: FakeCalendar): FakeEvent | undefined {
    const id = String(req.params.eventId);
    const event = this.#store(calendar.id).get(id) ?? this.#materializeInstance(calendar, id);
    if (!event) {
      res.status(404).json(googleError(404, 'notFound', 'Not Found'));
      return undefined;
    }
    return event;
  }

  /** Original starts of the series' instances that have an exception (moved or cancelled). */
  #exceptionsOf(calendarId: string, seriesId: string): Set<number> {
    const out = new Set<number>();
    for (const e of this.events.get(calendarId)?.values() ?? []) {
      if (e.recurringEventId === seriesId && e.originalStart !== undefined) out.add(e.originalStart);
    }
    return out;
  }

  /** The series master of a calendar and its expanded occurrences (original starts) in `range`. */
  #occurrencesOf(calendar: FakeCalendar, master: FakeEvent, range: { start: number; end: number }) {
    const rrule = master.recurrence?.find((line) => /^RRULE:/i.test(line));
    if (!rrule || master.allDay) return [];
    return occurrencesIn(rrule, master.start, master.end, master.timeZone ?? calendar.timeZone, range);
  }

  /**
   * An instance id `<seriesId>_<YYYYMMDDTHHMMSSZ>` of an occurrence the rule produces, turned into a
   * stored exception on first touch (as Google does when an instance is modified).
   */
  #materializeInstance(calendar: FakeCalendar, id: string): FakeEvent | undefined {
    const m = /^(.+)_(\d{8}T\d{6}Z)$/.exec(id);
    if (!m) return undefined;
    const master = this.#store(calendar.id).get(m[1]!);
    if (!master?.recurrence || master.status === 'cancelled') return undefined;
    const b = m[2]!;
    const originalStart = Date.UTC(
      Number(b.slice(0, 4)),
      Number(b.slice(4, 6)) - 1,
      Number(b.slice(6, 8)),
      Number(b.slice(9, 11)),
      Number(b.slice(11, 13)),
      Number(b.slice(13, 15)),
    );
    const hit = this.#occurrencesOf(calendar, master, { start: originalStart, end: originalStart + 1 }).find(
      (o) => o.start === originalStart,
    );
    if (!hit) return undefined;
    const now = this.#now();
    const instance: FakeEvent = {
      ...master,
      id,
      start: hit.start,
      end: hit.end,
      attendees: master.attendees.map((a) => ({ ...a })),
      recurringEventId: master.id,
      originalStart,
      created: now,
      updated: now,
      change: ++this.#change,
    };
    delete instance.recurrence;
    delete instance.conference;
    instance.etag = this.#etag();
    this.#store(calendar.id).set(id, instance);
    return instance;
  }

  /**
   * events.instances: the instances of a series (exceptions applied), filtered by `originalStart` or
   * `timeMin`/`timeMax`; cancelled instances only with `showDeleted=true`.
   * @see https://developers.google.com/calendar/api/v3/reference/events/instances
   */
  #instances(req: Request, res: Response): void {
    const calendar = this.#calendarFor(req, res, false);
    if (!calendar) return;
    const master = this.#store(calendar.id).get(String(req.params.eventId));
    if (!master || master.status === 'cancelled')
      return void res.status(404).json(googleError(404, 'notFound', 'Not Found'));
    const originalStart =
      typeof req.query.originalStart === 'string' ? parseRfc3339(req.query.originalStart) : undefined;
    if (req.query.originalStart !== undefined && originalStart === undefined)
      return void res.status(400).json(googleError(400, 'invalid', 'Invalid value for originalStart.'));
    const timeMin = typeof req.query.timeMin === 'string' ? parseRfc3339(req.query.timeMin) : undefined;
    const timeMax = typeof req.query.timeMax === 'string' ? parseRfc3339(req.query.timeMax) : undefined;
    const showDeleted = String(req.query.showDeleted ?? 'false') === 'true';
    const range =
      originalStart !== undefined
        ? { start: originalStart, end: originalStart + 1 }
        : { start: timeMin ?? master.start, end: timeMax ?? master.start + 400 * DAY_MS };
    const store = this.#store(calendar.id);
    const items: Record<string, unknown>[] = [];
    for (const o of this.#occurrencesOf(calendar, master, range)) {
      if (originalStart !== undefined && o.start !== originalStart) continue;
      const id = `${master.id}_${utcBasic(o.start)}`;
      const exception = store.get(id);
      const instance: FakeEvent = exception ?? {
        ...master,
        id,
        start: o.start,
        end: o.end,
        recurringEventId: master.id,
        originalStart: o.start,
      };
      if (instance.status === 'cancelled' && !showDeleted) continue;
      const json = this.#eventJson(calendar, { ...instance, status: instance.status });
      delete json.recurrence;
      Object.assign(json, {
        id,
        recurringEventId: master.id,
        originalStartTime: { dateTime: toRfc3339(o.start), timeZone: master.timeZone ?? calendar.timeZone },
        ...(instance.status === 'cancelled'
          ? { start: { dateTime: toRfc3339(instance.start) }, end: { dateTime: toRfc3339(instance.end) } }
          : {}),
      });
      items.push(json);
      if (items.length >= 2500) break;
    }
    res.json({ kind: 'calendar#events', etag: this.#etag(), items });
  }

  #getEvent(req: Request, res: Response): void {
    const calendar = this.#calendarFor(req, res, false);
    if (!calendar) return;
    const event = this.#eventFor(req, res, calendar);
    if (!event) return;
    // Returns cancelled events too (status 'cancelled'), as the real API does.
    res.json(this.#eventJson(calendar, event));
    // Meet creation completes asynchronously: each poll brings it closer.
    if (event.conference && event.conference.pendingPolls > 0) event.conference.pendingPolls--;
  }

  #patchEvent(req: Request, res: Response): void {
    const calendar = this.#calendarFor(req, res, true);
    if (!calendar) return;
    const event = this.#eventFor(req, res, calendar);
    if (!event) return;
    const body = (req.body ?? {}) as GoogleEventBody;
    const merged: GoogleEventBody = {
      start:
        body.start ?? (event.allDay ? { date: isoDate(event.start) } : { dateTime: toRfc3339(event.start) }),
      end: body.end ?? (event.allDay ? { date: isoDate(event.end) } : { dateTime: toRfc3339(event.end) }),
    };
    const times = parseEventTimes(merged);
    if ('error' in times) return void res.status(400).json(googleError(400, times.reason, times.error));
    const conference = this.#conferenceFrom(req, body, event.conference);
    if (conference && 'error' in conference) {
      return void res.status(400).json(googleError(400, 'invalid', conference.error));
    }
    if (body.summary !== undefined) event.summary = body.summary ?? '';
    if (body.description !== undefined) event.description = body.description ?? '';
    if (body.attendees !== undefined) {
      event.attendees = (body.attendees ?? []).map((a) => ({
        email: a.email ?? '',
        ...(a.displayName ? { displayName: a.displayName } : {}),
        ...(a.optional ? { optional: true } : {}),
        responseStatus: 'needsAction',
      }));
    }
    if (body.transparency)
      event.transparency = body.transparency === 'transparent' ? 'transparent' : 'opaque';
    if (body.status === 'confirmed' || body.status === 'tentative') event.status = body.status;
    // Cancelling one instance: PATCH it with status "cancelled" (or DELETE it).
    // @see https://developers.google.com/calendar/api/guides/recurringevents (Modifying instances)
    if (body.status === 'cancelled' && event.recurringEventId) event.status = 'cancelled';
    if (body.recurrence !== undefined && !event.recurringEventId) {
      // A series' rule may be replaced (e.g. UNTIL trimmed to end it); an instance has no recurrence.
      if (body.recurrence?.length) event.recurrence = [...body.recurrence];
      else delete event.recurrence;
    }
    event.start = times.start;
    event.end = times.end;
    event.allDay = times.allDay;
    if (times.timeZone) event.timeZone = times.timeZone;
    if (conference) event.conference = conference;
    event.sequence++;
    event.updated = this.#now();
    event.change = ++this.#change;
    event.etag = this.#etag();
    if (typeof req.query.sendUpdates === 'string') event.sendUpdates = req.query.sendUpdates;
    res.json(this.#eventJson(calendar, event));
    this.#notify(calendar.id, 'exists');
  }

  #deleteEvent(req: Request, res: Response): void {
    const calendar = this.#calendarFor(req, res, true);
    if (!calendar) return;
    const event = this.#eventFor(req, res, calendar);
    if (!event) return;
    if (event.status === 'cancelled') {
      return void res.status(410).json(googleError(410, 'deleted', 'Resource has been deleted'));
    }
    event.status = 'cancelled';
    event.updated = this.#now();
    event.change = ++this.#change;
    event.etag = this.#etag();
    res.status(204).end();
    this.#notify(calendar.id, 'exists');
  }

  /**
   * events.watch: opens a channel and sends its `sync` message (number 1) once answered.
   * @see https://developers.google.com/calendar/api/v3/reference/events/watch
   */
  #watchEvents(req: Request, res: Response): void {
    const calendar = this.#calendarFor(req, res, false);
    if (!calendar) return;
    const body = (req.body ?? {}) as {
      id?: string;
      type?: string;
      address?: string;
      token?: string;
      expiration?: string | number;
      params?: { ttl?: string };
    };
    if (!body.id) return void res.status(400).json(googleError(400, 'required', 'Required: id'));
    // Channel ids are at most 64 characters. @see https://developers.google.com/calendar/api/guides/push
    if (body.id.length > 64)
      return void res.status(400).json(googleError(400, 'invalid', 'Invalid channel id.'));
    if (body.type !== 'web_hook' && body.type !== 'webhook') {
      return void res.status(400).json(googleError(400, 'invalid', 'Invalid value for type.'));
    }
    // Google requires https with a valid certificate; the fake deliberately accepts http too (§3.4).
    if (!body.address || !/^https?:\/\//.test(body.address)) {
      return void res.status(400).json(googleError(400, 'invalid', 'Invalid value for address.'));
    }
    if (this.channels.has(body.id)) {
      return void res.status(400).json(googleError(400, 'channelIdNotUnique', 'Channel id not unique.'));
    }
    const now = this.#now();
    const ttlSec = Number(body.params?.ttl);
    // Without `expiration` (or `params.ttl`) a channel lives 3600 s (platform-contracts §3.4).
    const requested =
      body.expiration !== undefined
        ? Number(body.expiration)
        : Number.isFinite(ttlSec) && ttlSec > 0
          ? now + ttlSec * 1000
          : now + 3_600_000;
    if (!Number.isFinite(requested) || requested <= now) {
      return void res.status(400).json(googleError(400, 'invalid', 'Invalid expiration.'));
    }
    const channel: FakeChannel = {
      id: body.id,
      resourceId: `res-${randomBytes(9).toString('base64url')}`,
      calendarId: calendar.id,
      address: body.address,
      token: body.token,
      expiration: requested,
      messageNumber: 1,
      stopped: false,
    };
    this.channels.set(channel.id, channel);
    res.json({
      kind: 'api#channel',
      id: channel.id,
      resourceId: channel.resourceId,
      resourceUri: `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(calendar.id)}/events?alt=json`,
      ...(channel.token !== undefined ? { token: channel.token } : {}),
      expiration: String(channel.expiration),
    });
    // The first message on a channel is `sync`. @see https://developers.google.com/calendar/api/guides/push#sync-message
    res.on('finish', () => void this.#post(channel, 'sync', 1));
  }

  /** channels.stop: needs the channel id AND its resourceId. @see https://developers.google.com/calendar/api/v3/reference/channels/stop */
  #stopChannel(req: Request, res: Response): void {
    const body = (req.body ?? {}) as { id?: string; resourceId?: string };
    const channel = body.id ? this.channels.get(body.id) : undefined;
    if (!channel || channel.stopped || channel.resourceId !== body.resourceId) {
      return void res
        .status(404)
        .json(googleError(404, 'notFound', `Channel '${body.id ?? ''}' not found for project.`));
    }
    channel.stopped = true;
    res.status(204).end();
  }

  #listEvents(req: Request, res: Response): void {
    const calendar = this.#calendarFor(req, res, false);
    if (!calendar) return;
    const q = req.query as Record<string, string | undefined>;
    const syncToken = q.syncToken;
    let since: number | undefined;
    if (syncToken !== undefined) {
      // @see https://developers.google.com/calendar/api/guides/sync (restricted parameters with syncToken)
      for (const banned of ['timeMin', 'timeMax', 'updatedMin', 'q', 'iCalUID', 'orderBy']) {
        if (q[banned] !== undefined) {
          return void res
            .status(400)
            .json(googleError(400, 'invalid', `The ${banned} parameter cannot be used with syncToken.`));
        }
      }
      const match = /^st-(.+)-(\d+)-g(\d+)$/.exec(syncToken);
      if (
        !match ||
        match[1] !== Buffer.from(calendar.id).toString('base64url') ||
        Number(match[3]) !== this.#syncGeneration
      ) {
        return void res
          .status(410)
          .json(
            googleError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.'),
          );
      }
      since = Number(match[2]);
    }
    const timeMin = q.timeMin ? parseRfc3339(q.timeMin) : undefined;
    const timeMax = q.timeMax ? parseRfc3339(q.timeMax) : undefined;
    const showDeleted = since !== undefined || q.showDeleted === 'true';
    // Without singleEvents, a series is listed as one event and its exceptions on their own; "cancelled
    // instances of recurring events (but not the underlying recurring event) will still be included if
    // showDeleted and singleEvents are both False". The fake does not expand series (singleEvents=true).
    // @see https://developers.google.com/calendar/api/v3/reference/events/list (showDeleted)
    const keepsCancelledInstances = q.singleEvents !== 'true';
    const all = [...this.#store(calendar.id).values()]
      .filter((e) => (since === undefined ? true : e.change > since))
      .filter(
        (e) =>
          showDeleted ||
          e.status !== 'cancelled' ||
          (keepsCancelledInstances && e.recurringEventId !== undefined),
      )
      .filter((e) => (timeMin === undefined ? true : e.end > timeMin))
      .filter((e) => (timeMax === undefined ? true : e.start < timeMax))
      .sort((a, b) => a.change - b.change);
    // maxResults is an upper bound: Google may return fewer per page (the fake: at most its page size).
    // @see https://developers.google.com/calendar/api/v3/reference/events/list (maxResults)
    const pageSize = Math.min(Number(q.maxResults) || this.#eventsPageSize, this.#eventsPageSize, 2500);
    const offset = decodePageToken(q.pageToken);
    if (offset === undefined)
      return void res.status(400).json(googleError(400, 'invalid', 'Invalid page token.'));
    const page = all.slice(offset, offset + pageSize);
    const hasMore = offset + pageSize < all.length;
    res.json({
      kind: 'calendar#events',
      etag: this.#etag(),
      summary: calendar.summary,
      timeZone: calendar.timeZone,
      accessRole: calendar.accessRole,
      items: page.map((e) => this.#eventJson(calendar, e)),
      ...(hasMore
        ? { nextPageToken: encodePageToken(offset + pageSize) }
        : {
            nextSyncToken: `st-${Buffer.from(calendar.id).toString('base64url')}-${this.#change}-g${this.#syncGeneration}`,
          }),
    });
  }
}

// ---------------------------------------------------------------- helpers

interface GoogleEventBody {
  id?: string;
  summary?: string | null;
  description?: string | null;
  start?: { dateTime?: string; date?: string; timeZone?: string };
  end?: { dateTime?: string; date?: string; timeZone?: string };
  transparency?: string;
  status?: string;
  recurrence?: string[];
  attendees?: Array<{ email?: string; displayName?: string; optional?: boolean }>;
  conferenceData?: {
    createRequest?: { requestId?: string; conferenceSolutionKey?: { type?: string } };
  };
}

/** The reason Google usually gives with a status (used when an injected failure names none). */
function defaultReason(status: number): string {
  const reasons: Record<number, string> = {
    400: 'badRequest',
    401: 'authError',
    403: 'forbidden',
    404: 'notFound',
    409: 'duplicate',
    410: 'deleted',
    412: 'conditionNotMet',
    429: 'rateLimitExceeded',
  };
  return reasons[status] ?? 'backendError';
}

/** Google's JSON error envelope. */
export function googleError(
  code: number,
  reason = 'backendError',
  message = 'Error',
  extra: Record<string, string> = {},
): { error: { code: number; message: string; errors: Array<Record<string, string>>; status: string } } {
  const domain =
    reason === 'rateLimitExceeded' ||
    reason === 'userRateLimitExceeded' ||
    reason === 'quotaExceeded' ||
    reason === 'dailyLimitExceeded'
      ? 'usageLimits'
      : reason === 'timeRangeEmpty' || reason === 'timeRangeTooLong' || reason === 'fullSyncRequired'
        ? 'calendar'
        : 'global';
  return {
    error: {
      code,
      message,
      errors: [{ domain, reason, message, ...extra }],
      status: STATUS_NAMES[code] ?? 'UNKNOWN',
    },
  };
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'ABORTED',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function parseRfc3339(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function toRfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** `20300402T080000Z`: how Google's instance ids end. */
function utcBasic(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseEventTimes(
  body: GoogleEventBody,
): { start: number; end: number; allDay: boolean; timeZone?: string } | { error: string; reason: string } {
  if (!body.start) return { error: 'Missing start time.', reason: 'required' };
  if (!body.end) return { error: 'Missing end time.', reason: 'required' };
  const allDay = body.start.date !== undefined;
  if (allDay !== (body.end.date !== undefined)) {
    return { error: 'Start and end times must either both be date or both be dateTime.', reason: 'invalid' };
  }
  const parse = (t: { dateTime?: string; date?: string }) =>
    t.date !== undefined
      ? /^\d{4}-\d{2}-\d{2}$/.test(t.date)
        ? Date.parse(`${t.date}T00:00:00Z`)
        : undefined
      : t.dateTime !== undefined
        ? parseRfc3339(t.dateTime)
        : undefined;
  const start = parse(body.start);
  const end = parse(body.end);
  if (start === undefined) return { error: 'Invalid start time.', reason: 'invalid' };
  if (end === undefined) return { error: 'Invalid end time.', reason: 'invalid' };
  if (end < start) return { error: 'The specified time range is empty.', reason: 'timeRangeEmpty' };
  const timeZone = body.start.timeZone;
  return { start, end, allDay, ...(timeZone ? { timeZone } : {}) };
}

function encodePageToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodePageToken(token: unknown): number | undefined {
  if (token === undefined || token === '') return 0;
  const match = /^o:(\d+)$/.exec(Buffer.from(String(token), 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function randomBase32Hex(length: number): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  return [...randomBytes(length)].map((b) => alphabet[b % 32]).join('');
}

function meetCode(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const pick = (n: number) => [...randomBytes(n)].map((b) => letters[b % 26]).join('');
  return `${pick(3)}-${pick(4)}-${pick(3)}`;
}

/** Starts a fake with one OAuth client registered. */
export async function startFakeGoogle(
  options: FakeGoogleOptions = {},
): Promise<{ fake: FakeGoogle; client: FakeClient }> {
  const fake = new FakeGoogle(options);
  const client = fake.addClient({
    clientId: 'convene-test.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-test',
  });
  await fake.start();
  return { fake, client };
}
