/**
 * The model world (./model.ts) on real connectors (issue #20): Convene writes and lists through
 * `CalendarAccess` and the Google, Microsoft Graph or CalDAV connector, talking to the Google fake, the
 * Graph fake or a real Radicale. A participant's edits go straight to the provider, as the person would
 * in their calendar app (the fakes' `userUpdate`/`userDelete`; a PUT or DELETE on Radicale).
 *
 * Faults go through each provider's documented failure modes, armed just before the next writer call
 * (or listing) and cleared after it, so nothing leaks into a later step:
 * - Google: transient 503/500 `backendError`, 403 `rateLimitExceeded`/`userRateLimitExceeded` and
 *   `dailyLimitExceeded` (domain `usageLimits`); permanent 400 `invalid`; "times out after committing":
 *   the write is processed, then 503 (every attempt of the connector).
 * - Graph: transient 503, 429 with `Retry-After`; permanent 400 `ErrorInvalidRequest`; after
 *   committing: 504 after the request was handled.
 * - CalDAV (Radicale): a fetch wrapper answering 503 or dropping the connection before the request,
 *   507 (permanent: no storage left), or dropping the connection after Radicale committed the write.
 * Every transient failure is injected for every attempt of the connector's own retry, so Convene sees it.
 */
import ICAL from 'ical.js';
import type { EventTarget } from '../../../src/app/ports/calendars.ts';
import type { EventDraft } from '../../../src/app/ports/provider.ts';
import { CalendarAccess, createProviderFactory } from '../../../src/connectors/access/calendar-access.ts';
import type { RetryPolicy } from '../../../src/connectors/retry.ts';
import type { FakeGoogle, InjectedFailure as GoogleFailure } from '../../fakes/google/server.ts';
import type { FakeMicrosoft } from '../../fakes/microsoft/server.ts';
import type { InjectedFailure as GraphFailure } from '../../fakes/microsoft/state.ts';
import type { RadicaleServer } from '../../support/radicale.ts';
import type { BackendFactory, CalendarBackend, Fault, LiveEvent } from './model.ts';

const DAY = 24 * 3_600_000;
/** The connectors' own retries (no waiting): an injected transient failure is repeated this often. */
const ATTEMPTS = 2;
const noWait: RetryPolicy = {
  attempts: ATTEMPTS,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => {},
  random: () => 0,
};

export type ModelProvider = 'model' | 'google' | 'microsoft' | 'caldav';
export const PROVIDERS: readonly ModelProvider[] = ['model', 'google', 'microsoft', 'caldav'];

/** The fakes' clock: the world being run (one world at a time per test file). */
let clock: () => number = Date.now;
export const fakeClock = (): number => clock();

type Draft = Omit<EventDraft, 'calendarId'>;
type Op = 'write' | 'update' | 'delete' | 'list';

/** Shared by the three backends: arms the pending fault around the real connector's call. */
export abstract class RealBackend implements CalendarBackend {
  abstract readonly name: string;
  readonly connections = new Map<string, string>();
  /** Calendar id per person. */
  readonly calendars = new Map<string, string>();
  fault: Fault | null = null;
  listFault = false;
  /** Counts faults, to rotate through each provider's failure modes. */
  #faults = 0;
  access!: CalendarAccess;
  /** Failure answers the provider (or the CalDAV wrapper) gave to armed calls. */
  failedAnswers = 0;

  abstract arm(op: Op, fault: Fault, variant: number): void;
  abstract disarm(): void;
  abstract watchOf(personId: string): ReturnType<CalendarBackend['watchOf']>;
  abstract live(personId: string): Promise<LiveEvent[]>;
  abstract userEdit(
    personId: string,
    change: { start?: number; end?: number; deleted?: boolean },
  ): Promise<boolean>;

  async #armed<T>(op: Op, call: () => Promise<T>): Promise<T> {
    const fault = op === 'list' ? (this.listFault ? 'transient' : null) : this.fault;
    if (op === 'list') this.listFault = false;
    else this.fault = null;
    if (!fault) return call();
    this.arm(op, fault, this.#faults++);
    try {
      return await call();
    } finally {
      this.disarm();
    }
  }

  get writer(): CalendarBackend['writer'] {
    return {
      writeFor: (t: string, p: string, d: Draft) => this.#armed('write', () => this.access.writeFor(t, p, d)),
      updateFor: (t: string, p: string, target: EventTarget, d: Draft) =>
        this.#armed('update', () => this.access.updateFor(t, p, target, d)),
      deleteFor: (t: string, p: string, target: EventTarget) =>
        this.#armed('delete', () => this.access.deleteFor(t, p, target)),
    };
  }

  async openSource(_store: unknown, tenantId: string, connectionId: string) {
    const opened = await this.access.changeSource(tenantId, connectionId);
    if (!opened?.source) return opened;
    const source = opened.source;
    return {
      connection: opened.connection,
      source: {
        listChanges: (q: Parameters<typeof source.listChanges>[0]) =>
          this.#armed('list', () => source.listChanges(q)),
      },
    };
  }
}

// --- Google ---------------------------------------------------------------------------------------

const GOOGLE_TRANSIENT: GoogleFailure[] = [
  { status: 503, reason: 'backendError' },
  { status: 403, reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
  { status: 500, reason: 'backendError' },
  { status: 403, reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' },
  { status: 403, reason: 'dailyLimitExceeded', message: 'Daily Limit Exceeded' },
];
const GOOGLE_ROUTES: Record<Op, string> = {
  write: 'POST /calendar/v3/calendars/:calendarId/events',
  update: 'PATCH /calendar/v3/calendars/:calendarId/events/:eventId',
  delete: 'DELETE /calendar/v3/calendars/:calendarId/events/:eventId',
  list: 'GET /calendar/v3/calendars/:calendarId/events',
};

class GoogleBackend extends RealBackend {
  readonly name = 'google';
  readonly google: FakeGoogle;
  constructor(google: FakeGoogle) {
    super();
    this.google = google;
  }
  arm(op: Op, fault: Fault, variant: number): void {
    const failure: GoogleFailure =
      fault === 'permanent'
        ? { status: 400, reason: 'invalid', message: 'Invalid Value' }
        : fault === 'timeout_after_commit'
          ? { status: 503, reason: 'backendError', afterProcessing: true }
          : GOOGLE_TRANSIENT[variant % GOOGLE_TRANSIENT.length]!;
    this.google.requests.length = 0;
    this.google.failNext(GOOGLE_ROUTES[op], failure, fault === 'permanent' ? 1 : ATTEMPTS);
  }
  disarm(): void {
    this.failedAnswers += this.google.requests.filter((r) => r.status >= 400).length;
    this.google.resetControls();
  }
  watchOf(personId: string) {
    return { provider: 'google' as const, calendarId: this.calendars.get(personId)! };
  }
  async live(personId: string): Promise<LiveEvent[]> {
    return this.google
      .stored(this.calendars.get(personId)!)
      .filter((e) => e.status !== 'cancelled')
      .map((e) => ({ eventId: e.id, start: e.start, end: e.end }));
  }
  async userEdit(personId: string, change: { start?: number; end?: number; deleted?: boolean }) {
    const calendarId = this.calendars.get(personId)!;
    const [event] = await this.live(personId);
    if (!event) return false;
    if (change.deleted) this.google.userDelete(calendarId, event.eventId);
    else
      this.google.userUpdate(calendarId, event.eventId, {
        start: change.start ?? event.start,
        end: change.end ?? event.end,
      });
    return true;
  }
  async settle(): Promise<void> {
    await this.google.settled();
  }
}

export function googleBackend(google: FakeGoogle): BackendFactory {
  return async ({ store, seeded: s, tag, clock: worldClock, notifier }) => {
    clock = worldClock;
    google.requests.length = 0;
    google.deliveries.length = 0;
    const backend = new GoogleBackend(google);
    for (const person of [s.ana, s.li, s.zoe]) {
      const calendarId = `${person.slice(0, 12)}.${tag.toLowerCase()}@example.com`;
      google.addCalendar({ id: calendarId, accessRole: 'owner', primary: true });
      await store.connections.remove(s.tenantId, s.connections.get(person)!);
      const issued = google.issueTokens();
      const connection = await store.connections.save({
        tenantId: s.tenantId,
        personId: person,
        provider: 'google',
        account: calendarId,
        busyCalendarIds: [calendarId],
        writeCalendarId: calendarId,
        secrets: {
          accessToken: issued.access_token,
          refreshToken: issued.refresh_token,
          expiresAt: worldClock() + 30 * DAY,
        },
      });
      backend.connections.set(person, connection!.id);
      backend.calendars.set(person, calendarId);
    }
    backend.access = new CalendarAccess({
      connections: store.connections,
      providers: createProviderFactory({
        google: {
          clientId: 'convene-test.apps.googleusercontent.com',
          clientSecret: 'GOCSPX-test',
          tokenEndpoint: google.endpoints.tokenUrl,
          rootUrl: google.rootUrl,
          retryPolicy: noWait,
        },
        clock: worldClock,
      }),
      notifier,
      clock: worldClock,
    });
    return backend;
  };
}

// --- Microsoft Graph ------------------------------------------------------------------------------

const GRAPH_TRANSIENT: GraphFailure[] = [
  { status: 503, code: 'ServiceNotAvailable', headers: { 'Retry-After': '1' } },
  { status: 429, code: 'TooManyRequests', headers: { 'Retry-After': '2' } },
];
const GRAPH_ROUTES: Record<Op, string> = {
  write: 'POST /v1.0/*',
  update: 'PATCH /v1.0/*',
  delete: 'DELETE /v1.0/*',
  list: 'GET /v1.0/*',
};

class GraphBackend extends RealBackend {
  readonly name = 'microsoft';
  readonly graph: FakeMicrosoft;
  constructor(graph: FakeMicrosoft) {
    super();
    this.graph = graph;
  }
  arm(op: Op, fault: Fault, variant: number): void {
    const failure: GraphFailure =
      fault === 'permanent'
        ? { status: 400, code: 'ErrorInvalidRequest', message: 'The request is invalid.' }
        : fault === 'timeout_after_commit'
          ? { status: 504, code: 'GatewayTimeout', afterHandling: true }
          : GRAPH_TRANSIENT[variant % GRAPH_TRANSIENT.length]!;
    this.graph.requests.length = 0;
    this.graph.failNext(GRAPH_ROUTES[op], failure, fault === 'permanent' ? 1 : ATTEMPTS);
  }
  disarm(): void {
    this.failedAnswers += this.graph.requests.filter((r) => r.status >= 400).length;
    this.graph.requests.length = 0;
    this.graph.clearFailures();
  }
  watchOf(personId: string) {
    return { provider: 'microsoft' as const, calendarId: this.calendars.get(personId)! };
  }
  async live(personId: string): Promise<LiveEvent[]> {
    return this.graph
      .storedEvents(this.calendars.get(personId)!)
      .map((e) => ({ eventId: e.id, start: e.start, end: e.end }));
  }
  async userEdit(personId: string, change: { start?: number; end?: number; deleted?: boolean }) {
    const mailbox = this.calendars.get(personId)!;
    const [event] = await this.live(personId);
    if (!event) return false;
    if (change.deleted) this.graph.userDelete(mailbox, event.eventId);
    else
      this.graph.userUpdate(mailbox, event.eventId, {
        start: change.start ?? event.start,
        end: change.end ?? event.end,
      });
    return true;
  }
}

export function graphBackend(graph: FakeMicrosoft): BackendFactory {
  return async ({ store, seeded: s, tag, clock: worldClock, notifier }) => {
    clock = worldClock;
    graph.requests.length = 0;
    const backend = new GraphBackend(graph);
    for (const person of [s.ana, s.li, s.zoe]) {
      const mailbox = `${person.slice(0, 12)}.${tag.toLowerCase()}@contoso.test`;
      graph.addMailbox(mailbox);
      await store.connections.remove(s.tenantId, s.connections.get(person)!);
      const issued = graph.issueTokens(mailbox);
      const connection = await store.connections.save({
        tenantId: s.tenantId,
        personId: person,
        provider: 'microsoft',
        account: mailbox,
        busyCalendarIds: [mailbox],
        writeCalendarId: mailbox,
        secrets: {
          accessToken: issued.accessToken,
          refreshToken: issued.refreshToken,
          expiresAt: worldClock() + 30 * DAY,
        },
      });
      backend.connections.set(person, connection!.id);
      backend.calendars.set(person, mailbox);
    }
    backend.access = new CalendarAccess({
      connections: store.connections,
      providers: createProviderFactory({
        microsoft: {
          clientId: 'convene-test',
          authorityHost: graph.authorityHost,
          graphBaseUrl: graph.graphBaseUrl,
          fetch: graph.fetch,
          retryPolicy: noWait,
        },
        clock: worldClock,
      }),
      notifier,
      clock: worldClock,
    });
    return backend;
  };
}

// --- CalDAV (Radicale) ----------------------------------------------------------------------------

/** A dropped connection, as undici reports it. */
const dropped = () =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
  });

class CalDavBackend extends RealBackend {
  readonly name = 'caldav';
  readonly radicale: RadicaleServer;
  /** The failure the next matching requests get (through the connector's fetch). */
  #armed: { op: Op; fault: Fault; variant: number; remaining: number } | null = null;
  constructor(radicale: RadicaleServer) {
    super();
    this.radicale = radicale;
  }
  arm(op: Op, fault: Fault, variant: number): void {
    this.#armed = { op, fault, variant, remaining: fault === 'permanent' ? 1 : ATTEMPTS };
  }
  disarm(): void {
    this.#armed = null;
  }
  readonly fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const a = this.#armed;
    const hit =
      a !== null &&
      a.remaining > 0 &&
      (a.op === 'list'
        ? method === 'PROPFIND' || method === 'REPORT'
        : method === 'PUT' || method === 'DELETE');
    if (!hit) return fetch(input, init);
    a.remaining--;
    this.failedAnswers++;
    if (a.fault === 'permanent') return new Response('Insufficient Storage', { status: 507 });
    if (a.fault === 'transient') {
      if (a.variant % 2 === 1) throw dropped();
      return new Response('Service Unavailable', { status: 503, headers: { 'retry-after': '1' } });
    }
    // Committed, then the answer is lost.
    const response = await fetch(input, init);
    await response.arrayBuffer();
    throw dropped();
  }) as typeof fetch;

  watchOf(personId: string) {
    return { provider: 'caldav' as const, calendarId: this.calendars.get(personId)! };
  }
  async #resources(personId: string): Promise<{ href: string; text: string; etag: string | null }[]> {
    const collection = this.calendars.get(personId)!;
    const auth = { authorization: this.radicale.authorization };
    const response = await fetch(collection, {
      method: 'PROPFIND',
      headers: { ...auth, depth: '1' },
      body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
    });
    const xml = await response.text();
    const hrefs = [...xml.matchAll(/<href>([^<]+\.ics)<\/href>/g)].map((m) => m[1]!);
    const out = [];
    for (const href of hrefs) {
      const url = new URL(href, collection).href;
      const got = await fetch(url, { headers: auth });
      out.push({ href: url, text: await got.text(), etag: got.headers.get('etag') });
    }
    return out;
  }
  async live(personId: string): Promise<LiveEvent[]> {
    return (await this.#resources(personId)).map(({ href, text }) => {
      const event = new ICAL.Component(ICAL.parse(text) as never).getFirstSubcomponent('vevent')!;
      const time = (name: string) =>
        (event.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>).toUnixTime() * 1000;
      return { eventId: href, start: time('dtstart'), end: time('dtend') };
    });
  }
  async userEdit(personId: string, change: { start?: number; end?: number; deleted?: boolean }) {
    const [resource] = await this.#resources(personId);
    if (!resource) return false;
    const auth = { authorization: this.radicale.authorization };
    const ifMatch: Record<string, string> = resource.etag ? { 'if-match': resource.etag } : {};
    if (change.deleted) {
      const r = await fetch(resource.href, { method: 'DELETE', headers: { ...auth, ...ifMatch } });
      if (!r.ok) throw new Error(`model: Radicale DELETE answered ${r.status}`);
      return true;
    }
    const calendar = new ICAL.Component(ICAL.parse(resource.text) as never);
    const event = calendar.getFirstSubcomponent('vevent')!;
    const set = (name: string, ms: number) => {
      event.removeAllProperties(name);
      event.addPropertyWithValue(name, ICAL.Time.fromJSDate(new Date(ms), true));
    };
    const time = (name: string) =>
      (event.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>).toUnixTime() * 1000;
    const start = change.start ?? time('dtstart');
    const end = change.end ?? time('dtend');
    set('dtstart', start);
    set('dtend', end);
    const sequence = Number(event.getFirstPropertyValue('sequence') ?? 0);
    event.updatePropertyWithValue('sequence', sequence + 1);
    const r = await fetch(resource.href, {
      method: 'PUT',
      headers: { ...auth, ...ifMatch, 'content-type': 'text/calendar; charset=utf-8' },
      body: calendar.toString(),
    });
    if (!r.ok) throw new Error(`model: Radicale PUT answered ${r.status}`);
    return true;
  }
}

export function caldavBackend(radicale: RadicaleServer): BackendFactory {
  return async ({ store, seeded: s, tag, clock: worldClock, notifier }) => {
    clock = worldClock;
    const backend = new CalDavBackend(radicale);
    for (const person of [s.ana, s.li, s.zoe]) {
      const collection = await radicale.mkcalendar(`${tag.toLowerCase()}-${person.slice(0, 8)}`);
      await store.connections.remove(s.tenantId, s.connections.get(person)!);
      const connection = await store.connections.save({
        tenantId: s.tenantId,
        personId: person,
        provider: 'caldav',
        account: radicale.url,
        busyCalendarIds: [collection],
        writeCalendarId: collection,
        secrets: { username: radicale.username, password: radicale.password },
      });
      backend.connections.set(person, connection!.id);
      backend.calendars.set(person, collection);
    }
    backend.access = new CalendarAccess({
      connections: store.connections,
      providers: createProviderFactory({
        caldav: { fetch: backend.fetch, retry: noWait },
        clock: worldClock,
      }),
      notifier,
      clock: worldClock,
    });
    return backend;
  };
}
