/**
 * A local fake of Microsoft 365 for connector tests: the identity platform v2 (`/{tenant}/oauth2/v2.0/…`)
 * and the Graph v1.0 calendar endpoints Convene uses, served over TLS on 127.0.0.1 (port 0) because the
 * Graph SDK only sends `Authorization` to https hosts. TEST infrastructure, never product code.
 *
 * It checks what the real service checks (bearer validity and expiry, scopes, required fields, the
 * getSchedule limits, MailboxConcurrency) and injects documented failures on demand through the control
 * API below. Every request is recorded so tests can assert exact request counts.
 *
 *   const fake = await FakeMicrosoft.start();
 *   fake.addMailbox('ada@contoso.test');
 *   const tokens = fake.issueTokens('ada@contoso.test');
 *   fake.failNext('POST /v1.0/me/calendar/getSchedule', { status: 429, headers: { 'Retry-After': '2' } });
 *
 * Change detection: `calendarView/delta` (default and secondary calendars; `invalidateDeltaTokens` → 410),
 * `/subscriptions` with the validation handshake and real notification POSTs (`fake.subscriptions`:
 * `lifecycle`, `redeliver`, `forged`, `settled`), and `userUpdate`/`userDelete` to change events "as the user".
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type FetchLike, localCertificate, trustingFetch } from '../../support/tls.ts';
import { handleGraph, userChangeOccurrence } from './graph.ts';
import { type FakeRequest, type FakeResponse, graphError, header } from './http.ts';
import { handleAuthorize, handleToken, issue } from './identity.ts';
import {
  type AccessToken,
  type AuthCode,
  type FakeEvent,
  type InjectedFailure,
  type Mailbox,
  type OAuthApp,
  opaque,
  type RecordedRequest,
  type RefreshToken,
  type ShowAs,
} from './state.ts';
import { type ChangeType, FakeSubscriptions } from './subscriptions.ts';

export interface FakeState {
  origin: string;
  now: () => number;
  apps: Map<string, OAuthApp>;
  /** Keyed by lower-cased SMTP address. */
  mailboxes: Map<string, Mailbox>;
  codes: Map<string, AuthCode>;
  accessTokens: Map<string, AccessToken>;
  refreshTokens: Map<string, RefreshToken>;
  /** Every refresh token issued, oldest first. */
  issuedRefreshTokens: string[];
  /** Mailbox → AADSTS code every refresh for it fails with. */
  refreshFailures: Map<string, string>;
  consentRequired: boolean;
  signedIn: string | undefined;
  accessTokenLifetimeSeconds: number;
  calendarPageSize: number;
  deltaGeneration: number;
  /** When set, getSchedule answers in this zone whatever the Prefer header says. */
  responseTimeZone: string | undefined;
  scheduleWindows: Array<{ start: number; end: number; schedules: number; interval: number }>;
  transactionReplays: number;
  /** Called after every event write (subscriptions turn it into notifications). */
  onEventChange?: (mailbox: Mailbox, calendarId: string, eventId: string, changeType: ChangeType) => void;
}

export interface SeedEvent {
  id?: string;
  title: string;
  start: number;
  end: number;
  showAs?: ShowAs;
  /** Contract-suite alias for showAs: 'free'. */
  transparent?: boolean;
  allDay?: boolean;
  calendarId?: string;
  timeZone?: string;
}

export interface FakeMicrosoftOptions {
  now?: () => number;
  clientId?: string;
  clientSecret?: string;
  redirectUris?: string[];
}

export const FAKE_CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const FAKE_CLIENT_SECRET = 'fake-client-secret';
export const FAKE_REDIRECT_URI = 'https://convene.example/oauth/microsoft/callback';
export const DEFAULT_SCOPES = ['offline_access', 'User.Read', 'Calendars.ReadWrite'];

interface PendingFailure {
  route: string;
  failure: InjectedFailure;
  remaining: number;
}

export class FakeMicrosoft {
  readonly state: FakeState;
  readonly requests: RecordedRequest[] = [];
  /** PEM of the self-signed certificate (trust anchor for clients). */
  readonly ca: string;
  /** A fetch that trusts this fake's certificate (and nothing else). */
  readonly fetch: FetchLike;
  /** Change-notification subscriptions and their deliveries (handshake, notifications, lifecycle). */
  readonly subscriptions: FakeSubscriptions;
  readonly #server: Server;
  #failures: PendingFailure[] = [];
  #latencyMs = 0;
  #concurrencyLimit = 4;
  #concurrencyRetryAfter = '1';

  private constructor(server: Server, ca: string, state: FakeState) {
    this.#server = server;
    this.ca = ca;
    this.state = state;
    this.fetch = trustingFetch(ca);
    this.subscriptions = new FakeSubscriptions(state);
    state.onEventChange = (mailbox, calendarId, eventId, changeType) =>
      this.subscriptions.eventChanged(mailbox, calendarId, eventId, changeType);
  }

  static async start(options: FakeMicrosoftOptions = {}): Promise<FakeMicrosoft> {
    const { key, cert } = await localCertificate();
    const state: FakeState = {
      origin: '',
      now: options.now ?? Date.now,
      apps: new Map(),
      mailboxes: new Map(),
      codes: new Map(),
      accessTokens: new Map(),
      refreshTokens: new Map(),
      issuedRefreshTokens: [],
      refreshFailures: new Map(),
      consentRequired: false,
      signedIn: undefined,
      accessTokenLifetimeSeconds: 3599,
      calendarPageSize: 10,
      deltaGeneration: 0,
      responseTimeZone: undefined,
      scheduleWindows: [],
      transactionReplays: 0,
    };
    const clientId = options.clientId ?? FAKE_CLIENT_ID;
    state.apps.set(clientId, {
      clientId,
      clientSecret: options.clientSecret === undefined ? FAKE_CLIENT_SECRET : options.clientSecret,
      redirectUris: options.redirectUris ?? [FAKE_REDIRECT_URI],
    });
    let fake: FakeMicrosoft | undefined;
    const server = createServer({ key, cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request: FakeRequest = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', state.origin),
          headers: req.headers,
          rawBody: Buffer.concat(chunks),
        };
        fake!.#dispatch(request).then(
          (response) => {
            if (response.resetConnection) {
              req.socket.destroy();
              return;
            }
            const isText = typeof response.body === 'string';
            const payload =
              response.body === undefined
                ? undefined
                : isText
                  ? (response.body as string)
                  : JSON.stringify(response.body);
            const headers: Record<string, string> = { ...(response.headers ?? {}) };
            if (
              payload !== undefined &&
              !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
            ) {
              headers['content-type'] = isText
                ? 'text/plain; charset=utf-8'
                : 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
            }
            res.writeHead(response.status, headers);
            res.end(payload);
          },
          (error: unknown) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(`fake crashed: ${String(error)}`);
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    state.origin = `https://127.0.0.1:${port}`;
    fake = new FakeMicrosoft(server, cert, state);
    return fake;
  }

  /** https origin, e.g. `https://127.0.0.1:43123`. */
  get origin(): string {
    return this.state.origin;
  }

  /** What the Graph client takes as `baseUrl` (it appends `v1.0`). */
  get graphBaseUrl(): string {
    return `${this.state.origin}/`;
  }

  /** What the OAuth client takes as authority host (it appends `/{tenant}/oauth2/v2.0/…`). */
  get authorityHost(): string {
    return this.state.origin;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ---- tenant set-up -------------------------------------------------------------------------

  addMailbox(
    address: string,
    options: {
      displayName?: string;
      teams?: boolean;
      calendars?: Array<{ name: string; canEdit?: boolean }>;
    } = {},
  ): Mailbox {
    const mailbox: Mailbox = {
      address,
      displayName: options.displayName ?? address.split('@')[0]!,
      teams: options.teams ?? true,
      calendars: [
        { id: opaque('AAMkCal-', 12), name: 'Calendar', canEdit: true, isDefaultCalendar: true },
        ...(options.calendars ?? []).map((c) => ({
          id: opaque('AAMkCal-', 12),
          name: c.name,
          canEdit: c.canEdit ?? true,
          isDefaultCalendar: false,
        })),
      ],
      events: new Map(),
      tombstones: [],
      seq: 0,
      inFlight: 0,
      maxInFlight: 0,
    };
    this.state.mailboxes.set(address.toLowerCase(), mailbox);
    this.state.signedIn ??= address.toLowerCase();
    return mailbox;
  }

  removeMailbox(address: string): void {
    this.state.mailboxes.delete(address.toLowerCase());
  }

  mailbox(address: string): Mailbox {
    const mailbox = this.state.mailboxes.get(address.toLowerCase());
    if (!mailbox) throw new Error(`fake: no mailbox ${address}`);
    return mailbox;
  }

  /** The user the authorize endpoint signs in (auto-approved). */
  signInAs(address: string): void {
    this.state.signedIn = address.toLowerCase();
  }

  /** Tokens for a mailbox without going through /authorize (fixtures). */
  issueTokens(
    address: string,
    scopes: string[] = DEFAULT_SCOPES,
  ): { accessToken: string; refreshToken: string; expiresIn: number } {
    const body = issue(this.state, this.mailbox(address).address.toLowerCase(), FAKE_CLIENT_ID, scopes)
      .body as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
    };
    return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresIn: body.expires_in };
  }

  /** Puts events straight into a calendar (default calendar unless `calendarId`). */
  seed(address: string, events: SeedEvent[]): FakeEvent[] {
    const mailbox = this.mailbox(address);
    return events.map((s) => {
      const calendarId = s.calendarId ?? mailbox.calendars.find((c) => c.isDefaultCalendar)!.id;
      mailbox.seq += 1;
      const event: FakeEvent = {
        id: s.id ?? opaque('AAMkAGI2TG93AAA=', 24),
        calendarId,
        subject: s.title,
        bodyContent: '',
        start: s.start,
        end: s.end,
        timeZone: s.timeZone ?? 'UTC',
        isAllDay: s.allDay ?? false,
        showAs: s.showAs ?? (s.transparent ? 'free' : 'busy'),
        transactionId: undefined,
        isOnlineMeeting: false,
        onlineMeetingProvider: 'unknown',
        joinUrl: null,
        attendees: [],
        iCalUId: opaque('040000008200E00074C5B7101A82E008', 16),
        changeKey: 1,
        seq: mailbox.seq,
      };
      mailbox.events.set(event.id, event);
      return event;
    });
  }

  /** Events stored in a calendar (default calendar unless `calendarId`), sorted by start. */
  storedEvents(address: string, calendarId?: string): FakeEvent[] {
    const mailbox = this.mailbox(address);
    const id = calendarId ?? mailbox.calendars.find((c) => c.isDefaultCalendar)!.id;
    return [...mailbox.events.values()]
      .filter((e) => e.calendarId === id)
      .sort((a, b) => a.start - b.start)
      .map((e) => ({ ...e, attendees: [...e.attendees] }));
  }

  /** The user moves an event in Outlook: stored, visible to delta, notified to subscriptions. */
  userUpdate(address: string, eventId: string, times: { start: number; end: number }): void {
    const mailbox = this.mailbox(address);
    const event = mailbox.events.get(eventId);
    if (!event) throw new Error(`fake: no event ${eventId}`);
    event.start = times.start;
    event.end = times.end;
    mailbox.seq += 1;
    event.seq = mailbox.seq;
    event.seriesSeq = mailbox.seq;
    event.changeKey += 1;
    this.subscriptions.eventChanged(mailbox, event.calendarId, event.id, 'updated');
  }

  /**
   * The user moves ONE occurrence of a series in Outlook (an exception; the series stays): visible to
   * delta as that occurrence, notified to subscriptions as an update of the series.
   */
  userUpdateOccurrence(
    address: string,
    seriesId: string,
    originalStart: number,
    times: { start: number; end: number },
  ): void {
    const mailbox = this.mailbox(address);
    const master = mailbox.events.get(seriesId);
    if (!master) throw new Error(`fake: no event ${seriesId}`);
    userChangeOccurrence(mailbox, master, originalStart, { cancelled: false, ...times });
    this.subscriptions.eventChanged(mailbox, master.calendarId, master.id, 'updated');
  }

  /** The user deletes ONE occurrence of a series in Outlook: `@removed` for delta, the series stays. */
  userDeleteOccurrence(address: string, seriesId: string, originalStart: number): void {
    const mailbox = this.mailbox(address);
    const master = mailbox.events.get(seriesId);
    if (!master) throw new Error(`fake: no event ${seriesId}`);
    userChangeOccurrence(mailbox, master, originalStart, { cancelled: true });
    this.subscriptions.eventChanged(mailbox, master.calendarId, master.id, 'updated');
  }

  /** The user deletes an event in Outlook: a tombstone for delta, a `deleted` notification. */
  userDelete(address: string, eventId: string): void {
    const mailbox = this.mailbox(address);
    const event = mailbox.events.get(eventId);
    if (!event) throw new Error(`fake: no event ${eventId}`);
    mailbox.events.delete(eventId);
    mailbox.seq += 1;
    mailbox.tombstones.push({ id: eventId, calendarId: event.calendarId, seq: mailbox.seq });
    this.subscriptions.eventChanged(mailbox, event.calendarId, eventId, 'deleted');
  }

  // ---- failure injection ---------------------------------------------------------------------

  /**
   * The next `times` requests matching `route` (`'METHOD /path'`, case-insensitive, no query string;
   * a trailing `/*` matches any suffix) get `failure` instead of being handled.
   * Graph-shaped error bodies are built from `code`/`message` unless `body` is given.
   */
  failNext(route: string, failure: InjectedFailure, times = 1): void {
    this.#failures.push({ route: route.toLowerCase(), failure, remaining: times });
  }

  /** Drops failures queued by failNext that no request consumed. */
  clearFailures(): void {
    this.#failures = [];
  }

  /** Every access token issued so far is now expired (Graph answers 401 InvalidAuthenticationToken). */
  expireAccessTokens(): void {
    const past = this.state.now() - 1;
    for (const token of this.state.accessTokens.values()) token.expiresAt = past;
  }

  /** Every refresh of `address` (default: all mailboxes) fails with `invalid_grant` and this AADSTS code. */
  revokeRefreshToken(aadsts: 'AADSTS50173' | 'AADSTS700082' | string, address?: string): void {
    const targets = address ? [address.toLowerCase()] : [...this.state.mailboxes.keys()];
    for (const t of targets) this.state.refreshFailures.set(t, aadsts);
  }

  /** Token and authorize requests fail with AADSTS65001 (consent_required) until turned off. */
  requireConsent(required = true): void {
    this.state.consentRequired = required;
  }

  /** Delay before handling each Graph request (a slow mailbox; used to observe concurrency). */
  setLatency(ms: number): void {
    this.#latencyMs = ms;
  }

  setMailboxConcurrencyLimit(limit: number, retryAfterSeconds = '1'): void {
    this.#concurrencyLimit = limit;
    this.#concurrencyRetryAfter = retryAfterSeconds;
  }

  setCalendarPageSize(size: number): void {
    this.state.calendarPageSize = size;
  }

  setAccessTokenLifetime(seconds: number): void {
    this.state.accessTokenLifetimeSeconds = seconds;
  }

  /** getSchedule answers in this (e.g. Windows) zone regardless of the Prefer header. */
  respondInTimeZone(zone: string | undefined): void {
    this.state.responseTimeZone = zone;
  }

  /** Existing delta/skip tokens now get 410 Gone with a Location to resync from. */
  invalidateDeltaTokens(): void {
    this.state.deltaGeneration += 1;
  }

  // ---- observation ---------------------------------------------------------------------------

  /** Requests received for `route` (same syntax as failNext), including failed ones. */
  count(route: string): number {
    return this.requests.filter((r) => matches(route.toLowerCase(), r.route)).length;
  }

  requestsFor(route: string): RecordedRequest[] {
    return this.requests.filter((r) => matches(route.toLowerCase(), r.route));
  }

  /** Most requests ever in flight at once for a mailbox. */
  maxInFlight(address: string): number {
    return this.mailbox(address).maxInFlight;
  }

  /** Every refresh token issued, oldest first (rolling refresh tokens: one per redemption). */
  get issuedRefreshTokens(): readonly string[] {
    return this.state.issuedRefreshTokens;
  }

  resetObservations(): void {
    this.requests.length = 0;
    this.state.scheduleWindows.length = 0;
    for (const m of this.state.mailboxes.values()) m.maxInFlight = 0;
  }

  // ---- request handling ----------------------------------------------------------------------

  async #dispatch(req: FakeRequest): Promise<FakeResponse> {
    const path = req.url.pathname;
    const route = `${req.method} ${path}`.toLowerCase();
    const record: RecordedRequest = {
      method: req.method,
      path,
      route,
      query: req.url.search,
      mailbox: undefined,
      status: 0,
      body: parseMaybeJson(req),
      headers: { ...req.headers, authorization: req.headers.authorization ? '[redacted]' : undefined },
    };
    this.requests.push(record);
    const response = await this.#route(req, route, record);
    record.status = response.status;
    return response;
  }

  async #route(req: FakeRequest, route: string, record: RecordedRequest): Promise<FakeResponse> {
    const identity = /^\/[^/]+\/oauth2\/v2\.0\/(authorize|token)$/.exec(req.url.pathname);
    if (identity) {
      const injected = this.#takeFailure(route);
      if (injected) return failureResponse(injected);
      if (identity[1] === 'authorize' && req.method === 'GET') return handleAuthorize(this.state, req);
      if (identity[1] === 'token' && req.method === 'POST') return handleToken(this.state, req);
      return { status: 405, body: { error: 'invalid_request' } };
    }
    if (!req.url.pathname.startsWith('/v1.0/')) {
      return graphError(400, 'BadRequest', 'Invalid version: only v1.0 is implemented by the fake.');
    }
    // Authentication first, as Graph does: 401 InvalidAuthenticationToken.
    // @see https://learn.microsoft.com/graph/errors
    const authorization = header(req, 'authorization') ?? '';
    const bearer = /^Bearer (\S+)$/.exec(authorization)?.[1];
    if (!bearer) {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', {
        'www-authenticate':
          'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
      });
    }
    const token = this.state.accessTokens.get(bearer);
    if (!token || token.revoked) {
      return graphError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed.');
    }
    if (token.expiresAt <= this.state.now()) {
      return graphError(
        401,
        'InvalidAuthenticationToken',
        'Lifetime validation failed, the token is expired.',
      );
    }
    const mailbox = this.state.mailboxes.get(token.mailbox);
    if (!mailbox) return graphError(404, 'ErrorMailboxNotFound', 'The mailbox could not be found.');
    record.mailbox = mailbox.address;
    const injected = this.#takeFailure(route);
    if (injected && !injected.afterHandling) return failureResponse(injected);
    // Outlook allows 4 concurrent requests per app per mailbox.
    // @see https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits
    if (mailbox.inFlight >= this.#concurrencyLimit) {
      return graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', {
        'retry-after': this.#concurrencyRetryAfter,
      });
    }
    mailbox.inFlight += 1;
    mailbox.maxInFlight = Math.max(mailbox.maxInFlight, mailbox.inFlight);
    try {
      if (this.#latencyMs > 0) await delay(this.#latencyMs);
      const top = req.url.pathname.slice('/v1.0/'.length).split('/').filter(Boolean);
      if (top[0]?.toLowerCase() === 'subscriptions' && top.length <= 2) {
        const handled = await this.subscriptions.handle(
          req,
          mailbox,
          token.scopes,
          top[1] === undefined ? undefined : decodeURIComponent(top[1]),
        );
        return injected ? failureResponse(injected) : handled;
      }
      const segments = req.url.pathname
        .slice('/v1.0/'.length)
        .split('/')
        .filter(Boolean)
        .map((s) => decodeURIComponent(s));
      const handled = handleGraph({ state: this.state, req, mailbox, scopes: token.scopes, segments });
      // afterHandling: the change happened but the client sees the failure (a lost response).
      return injected ? failureResponse(injected) : handled;
    } finally {
      mailbox.inFlight -= 1;
    }
  }

  #takeFailure(route: string): InjectedFailure | undefined {
    const pending = this.#failures.find((f) => f.remaining > 0 && matches(f.route, route));
    if (!pending) return undefined;
    pending.remaining -= 1;
    this.#failures = this.#failures.filter((f) => f.remaining > 0);
    return pending.failure;
  }
}

function failureResponse(failure: InjectedFailure): FakeResponse {
  const { status, headers, body, code, message } = failure;
  if (failure.resetConnection) return { status: 0, resetConnection: true };
  if (body !== undefined) return { status, ...(headers ? { headers } : {}), body };
  return graphError(status, code ?? defaultCode(status), message ?? `Injected ${status}.`, headers);
}

function defaultCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 401) return 'InvalidAuthenticationToken';
  if (status === 503) return 'ServiceNotAvailable';
  if (status === 504) return 'GatewayTimeout';
  if (status === 404) return 'ErrorItemNotFound';
  return 'generalException';
}

function matches(pattern: string, route: string): boolean {
  return pattern.endsWith('/*') ? route.startsWith(pattern.slice(0, -1)) : pattern === route;
}

function parseMaybeJson(req: FakeRequest): unknown {
  if (req.rawBody.length === 0) return undefined;
  const type = header(req, 'content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(req.rawBody.toString('utf8')));
  }
  if (!type.includes('json')) return undefined;
  try {
    return JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
}
