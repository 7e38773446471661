/**
 * The provider webhooks driven by the fakes' REAL deliveries (Google channel POSTs, Graph handshakes,
 * change and lifecycle notifications) against in-memory WatchLookup / SyncQueue: `sync` acknowledged
 * only, duplicates and out-of-order message numbers queue nothing more, forged tokens / clientState are
 * refused with nothing queued, lifecycle notices ask for a rewatch, and the answer never waits for a
 * sync job (the queue's jobs here never complete).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarWatch, RewatchReason, SyncQueue, WatchLookup } from '../../../src/app/ports/sync.ts';
import { type CalendarWebhooks, createCalendarWebhooks } from '../../../src/bot/web/calendar-webhooks.ts';
import { createWebServer } from '../../../src/bot/web/server.ts';
import { GoogleCalendarProvider, GoogleOAuthClient } from '../../../src/connectors/google/index.ts';
import { MicrosoftCalendarProvider } from '../../../src/connectors/microsoft/provider.ts';
import { RefreshingTokenSource } from '../../../src/connectors/oauth/token-source.ts';
import type { RetryPolicy } from '../../../src/connectors/retry.ts';
import { DAY, HOUR } from '../../../src/core/interval.ts';
import { type FakeGoogle, startFakeGoogle } from '../../fakes/google/server.ts';
import { FakeMicrosoft } from '../../fakes/microsoft/server.ts';

const NOW = Date.UTC(2030, 3, 1, 8);
const BASE = Date.UTC(2030, 4, 6);
const KEY = 'webhook-test-state-secret';
const CAL = 'team@group.calendar.google.com';
const noWait: RetryPolicy = {
  attempts: 2,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => {},
  random: () => 0,
};

/** The channel secret as the app derives it: an HMAC of the watch id. */
const secretFor = (watch: { id: string }) => createHmac('sha256', KEY).update(watch.id).digest('base64url');

class MemoryWatches implements WatchLookup {
  readonly byChannel = new Map<string, CalendarWatch>();
  /** Database round trips the router asked for. */
  lookups = 0;
  /** Milliseconds each lookup takes (a slow database). */
  delayMs = 0;
  add(watch: CalendarWatch): void {
    if (watch.channelId) this.byChannel.set(`${watch.provider}:${watch.channelId}`, watch);
  }
  async findByChannel(provider: 'google' | 'microsoft', channelId: string) {
    this.lookups += 1;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return this.byChannel.get(`${provider}:${channelId}`) ?? null;
  }
  async findManyByChannel(provider: 'google' | 'microsoft', channelIds: readonly string[]) {
    this.lookups += 1;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const found = new Map<string, CalendarWatch>();
    for (const id of channelIds) {
      const watch = this.byChannel.get(`${provider}:${id}`);
      if (watch) found.set(id, watch);
    }
    return found;
  }
  secretMatches(watch: CalendarWatch, presented: string): boolean {
    const expected = Buffer.from(secretFor(watch));
    const given = Buffer.from(presented);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** Jobs start and never finish: if the router awaited a sync, no answer would ever come back. */
class MemoryQueue implements SyncQueue {
  readonly jobs: Array<{ watchId: string; messageNumber?: number }> = [];
  readonly rewatches: Array<{ watchId: string; reason: RewatchReason }> = [];
  readonly #highest = new Map<string, number>();
  readonly #pending = new Set<string>();
  async requestSync(watch: CalendarWatch, notice: { readonly messageNumber?: number }) {
    const n = notice.messageNumber;
    if (n !== undefined) {
      if (n <= (this.#highest.get(watch.id) ?? 0)) return 'duplicate' as const;
      this.#highest.set(watch.id, n);
    } else if (this.#pending.has(watch.id)) {
      return 'duplicate' as const;
    }
    this.#pending.add(watch.id);
    this.jobs.push({ watchId: watch.id, ...(n !== undefined ? { messageNumber: n } : {}) });
    void new Promise<void>(() => {}); // the sync job: runs "forever"
    return 'queued' as const;
  }
  async requestRewatch(watch: CalendarWatch, reason: RewatchReason) {
    this.rewatches.push({ watchId: watch.id, reason });
  }
}

function watchRecord(over: Partial<CalendarWatch> & Pick<CalendarWatch, 'id' | 'provider'>): CalendarWatch {
  return {
    tenantId: 't1',
    connectionId: 'c1',
    calendarId: CAL,
    mode: 'push',
    channelId: null,
    resourceId: null,
    expiresAt: null,
    cursor: null,
    lastMessageNumber: null,
    lastSyncAt: null,
    ...over,
  };
}

let google: FakeGoogle;
let graph: FakeMicrosoft;
let server: Server;
let base: string;
let watches: MemoryWatches;
/** The queue of the current router (a MemoryQueue except in the failure cases, which read no jobs). */
let queue: MemoryQueue;
let hooks: CalendarWebhooks;
const lines: string[] = [];

/** The router under test is rebuilt per case; the server delegates to the current one. */
beforeAll(async () => {
  ({ fake: google } = await startFakeGoogle({ now: () => NOW }));
  graph = await FakeMicrosoft.start({ now: () => NOW });
  const app = createWebServer({
    routers: [{ router: ((req, res, next) => hooks.router(req, res, next)) as CalendarWebhooks['router'] }],
    log: () => undefined,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await google.stop();
  await graph.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function build(q: SyncQueue = new MemoryQueue(), ackDeadlineMs?: number): void {
  watches = new MemoryWatches();
  queue = q as MemoryQueue;
  lines.length = 0;
  hooks = createCalendarWebhooks({
    watches,
    queue,
    log: (line) => lines.push(line),
    ...(ackDeadlineMs !== undefined ? { ackDeadlineMs } : {}),
  });
}

beforeEach(async () => {
  await google.settled();
  await graph.subscriptions.settled();
  google.channels.clear();
  for (const id of [...google.calendars.keys()]) google.removeCalendar(id);
  google.resetControls();
  google.addCalendar({ id: CAL, accessRole: 'owner' });
  google.seed(CAL, [{ id: 'ev1', start: BASE + HOUR, end: BASE + 2 * HOUR }]);
  build();
});

function googleProvider(): GoogleCalendarProvider {
  const issued = google.issueTokens();
  const oauth = new GoogleOAuthClient({
    clientId: 'convene-test.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-test',
    tokenEndpoint: google.endpoints.tokenUrl,
    clock: () => NOW,
    retryPolicy: noWait,
  });
  const tokenSource = oauth.tokenSource({
    tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresAt: NOW + HOUR },
  });
  return new GoogleCalendarProvider({
    tokenSource,
    rootUrl: google.rootUrl,
    clock: () => NOW,
    retryPolicy: noWait,
  });
}

/** Opens a real channel on the fake; the watch is stored first (the sync message may arrive at once). */
async function openGoogleChannel(id = 'w-google-1'): Promise<{ watch: CalendarWatch; address: string }> {
  const channelId = `chan-${id}`;
  let watch = watchRecord({ id, provider: 'google', channelId });
  watches.add(watch);
  const address = `${base}/webhooks/google`;
  const channel = await googleProvider().changes.watch({
    calendarId: CAL,
    address,
    secret: secretFor(watch),
    channelId,
    ttlMs: 7 * DAY,
  });
  watch = { ...watch, resourceId: channel.resourceId ?? null, expiresAt: channel.expiresAt };
  watches.add(watch);
  await google.settled();
  return { watch, address };
}

const googleStatuses = () => google.deliveries.map((d) => [d.state, d.messageNumber, d.status]);

describe('POST /webhooks/google', () => {
  it('acknowledges the sync message without queueing; each change queues one sync with its number', async () => {
    const { watch } = await openGoogleChannel();
    expect(googleStatuses()).toEqual([['sync', 1, 200]]);
    expect(queue.jobs).toEqual([]);

    google.userUpdate(CAL, 'ev1', { start: BASE + 3 * HOUR, end: BASE + 4 * HOUR });
    google.userDelete(CAL, 'ev1');
    await google.settled();
    expect(googleStatuses()).toEqual([
      ['sync', 1, 200],
      ['exists', 2, 200],
      ['exists', 3, 200],
    ]);
    expect(queue.jobs).toEqual([
      { watchId: watch.id, messageNumber: 2 },
      { watchId: watch.id, messageNumber: 3 },
    ]);
    expect(hooks.stats.google).toMatchObject({ queued: 2, syncMessages: 1, refused: 0 });
  });

  it('a duplicate delivery and an older, out-of-order one are acknowledged and queue nothing more', async () => {
    const { watch } = await openGoogleChannel();
    google.userUpdate(CAL, 'ev1', { start: BASE + 3 * HOUR, end: BASE + 4 * HOUR });
    google.userUpdate(CAL, 'ev1', { start: BASE + 5 * HOUR, end: BASE + 6 * HOUR });
    await google.settled();
    expect(queue.jobs).toHaveLength(2);

    expect(await google.redeliver(`chan-${watch.id}`, 3)).toBe(200); // duplicate of the latest
    expect(await google.redeliver(`chan-${watch.id}`, 2)).toBe(200); // older, arriving late
    expect(queue.jobs.map((j) => j.messageNumber)).toEqual([2, 3]);
    expect(hooks.stats.google.duplicates).toBe(2);
  });

  it('refuses forged notifications (wrong or missing token, unknown channel, another resource) with 401; nothing queued', async () => {
    const { watch, address } = await openGoogleChannel();
    const channelId = `chan-${watch.id}`;
    const resourceId = watch.resourceId!;
    expect(await google.deliverForged(address, { channelId, token: 'guessed', resourceId })).toBe(401);
    expect(await google.deliverForged(address, { channelId, resourceId })).toBe(401);
    // Even a token that matches SOME watch is refused for a channel we do not know.
    expect(await google.deliverForged(address, { channelId: 'chan-unknown', token: secretFor(watch) })).toBe(
      401,
    );
    expect(
      await google.deliverForged(address, {
        channelId,
        token: secretFor(watch),
        resourceId: 'someone-elses',
      }),
    ).toBe(401);
    expect(queue.jobs).toEqual([]);
    expect(hooks.stats.google.refused).toBe(4);
    // The genuine token still works (refusals are per notification).
    expect(
      await google.deliverForged(address, {
        channelId,
        token: secretFor(watch),
        resourceId,
        messageNumber: 9,
      }),
    ).toBe(200);
    expect(queue.jobs).toEqual([{ watchId: watch.id, messageNumber: 9 }]);
    expect(lines.join('\n')).not.toContain(secretFor(watch));
    expect(lines.join('\n')).not.toContain('guessed');
  });

  it('answers 400 to a notification without the channel headers, and 413 to a body', async () => {
    const bare = await fetch(`${base}/webhooks/google`, { method: 'POST' });
    expect(bare.status).toBe(400);
    const big = await fetch(`${base}/webhooks/google`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-goog-channel-id': 'c' },
      body: 'x'.repeat(10_000),
    });
    expect(big.status).toBe(413);
    expect(await big.text()).not.toMatch(/at .*\.ts/);
  });

  it('a queue that does not answer in time gets 503 (Google redelivers); one that fails gets 500 without details', async () => {
    const hanging: SyncQueue = {
      requestSync: () => new Promise(() => {}),
      requestRewatch: () => new Promise(() => {}),
    };
    build(hanging, 20);
    const { address, watch } = await openGoogleChannel('w-slow');
    const token = secretFor(watch);
    const resourceId = watch.resourceId!;
    expect(await google.deliverForged(address, { channelId: 'chan-w-slow', token, resourceId })).toBe(503);

    build({
      requestSync: async () => {
        throw new Error('database down: postgres://user:hunter2@db');
      },
      requestRewatch: async () => {},
    });
    const again = await openGoogleChannel('w-broken');
    const response = await fetch(again.address, {
      method: 'POST',
      headers: {
        'x-goog-channel-id': 'chan-w-broken',
        'x-goog-channel-token': secretFor(again.watch),
        'x-goog-resource-state': 'exists',
        'x-goog-message-number': '5',
      },
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/at .*\.ts/);
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});

// ---------------------------------------------------------------- Microsoft Graph

let graphCounter = 0;

async function openGraphSubscription(): Promise<{ watch: CalendarWatch; mailbox: string; eventId: string }> {
  graphCounter += 1;
  const mailbox = `hooks-${graphCounter}@contoso.test`;
  graph.addMailbox(mailbox);
  const [event] = graph.seed(mailbox, [{ title: 'Private', start: BASE + HOUR, end: BASE + 2 * HOUR }]);
  const issued = graph.issueTokens(mailbox);
  const provider = new MicrosoftCalendarProvider({
    tokenSource: new RefreshingTokenSource({
      tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: NOW + HOUR },
      clock: () => NOW,
      refresh: async () => {
        throw new Error('not needed');
      },
    }),
    mailbox,
    baseUrl: graph.graphBaseUrl,
    fetch: graph.fetch,
    clock: () => NOW,
    retryPolicy: noWait,
  });
  // The watch id exists before Graph assigns the subscription id: the clientState derives from it.
  const draft = watchRecord({ id: `w-graph-${graphCounter}`, provider: 'microsoft', calendarId: mailbox });
  const channel = await provider.changes.watch({
    calendarId: mailbox,
    address: `${base}/webhooks/microsoft`,
    lifecycleAddress: `${base}/webhooks/microsoft/lifecycle`,
    secret: secretFor(draft),
    channelId: draft.id,
    ttlMs: 3 * DAY,
  });
  const watch = { ...draft, channelId: channel.channelId, expiresAt: channel.expiresAt };
  watches.add(watch);
  return { watch, mailbox, eventId: event!.id };
}

const graphDeliveries = (kind: string) =>
  graph.subscriptions.deliveries.filter((d) => d.kind === kind).map((d) => d.status);

describe('POST /webhooks/microsoft', () => {
  it('passes the validation handshake (both URLs) so Graph creates the subscription', async () => {
    graph.subscriptions.deliveries.length = 0;
    const { watch } = await openGraphSubscription();
    expect(graph.subscriptions.byId.has(watch.channelId!)).toBe(true);
    expect(graphDeliveries('validation')).toEqual([200, 200]);
    expect(queue.jobs).toEqual([]);
  });

  it('echoes the decoded token as text/plain and nothing else', async () => {
    const token = 'Validation: Testing client application reachability <b>&amp;</b>';
    const response = await fetch(`${base}/webhooks/microsoft?validationToken=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(token);
    const tooLong = await fetch(`${base}/webhooks/microsoft?validationToken=${'x'.repeat(2000)}`, {
      method: 'POST',
    });
    expect(tooLong.status).toBe(400);
  });

  it('queues one sync per notified subscription (202); a redelivery while it is pending queues nothing more', async () => {
    const { watch, mailbox, eventId } = await openGraphSubscription();
    graph.subscriptions.deliveries.length = 0;
    graph.userUpdate(mailbox, eventId, { start: BASE + 3 * HOUR, end: BASE + 4 * HOUR });
    await graph.subscriptions.settled();
    expect(graphDeliveries('notification')).toEqual([202]);
    expect(queue.jobs).toEqual([{ watchId: watch.id }]);

    expect(await graph.subscriptions.redeliver(watch.channelId!)).toBe(202);
    graph.userDelete(mailbox, eventId);
    await graph.subscriptions.settled();
    expect(queue.jobs).toEqual([{ watchId: watch.id }]);
    expect(hooks.stats.microsoft).toMatchObject({ queued: 1, duplicates: 2, forged: 0 });
  });

  it('drops forged notifications (wrong clientState, unknown subscription, malformed entries): 202, nothing queued', async () => {
    const { watch } = await openGraphSubscription();
    const entry = {
      subscriptionId: watch.channelId,
      changeType: 'updated',
      resource: 'Users/x/Events/y',
      resourceData: { id: 'y' },
      tenantId: 't',
    };
    const url = `${base}/webhooks/microsoft`;
    expect(await graph.subscriptions.forged(url, { value: [{ ...entry, clientState: 'guessed' }] })).toBe(
      202,
    );
    expect(await graph.subscriptions.forged(url, { value: [{ ...entry }] })).toBe(202);
    expect(
      await graph.subscriptions.forged(url, {
        value: [{ ...entry, subscriptionId: 'not-ours', clientState: secretFor(watch) }],
      }),
    ).toBe(202);
    expect(await graph.subscriptions.forged(url, { value: ['junk', null] })).toBe(202);
    expect(queue.jobs).toEqual([]);
    expect(hooks.stats.microsoft).toMatchObject({ forged: 2, unknown: 1, queued: 0 });
    // Not a notification at all.
    expect(await graph.subscriptions.forged(url, { nope: true })).toBe(400);
    const broken = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"value": [',
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(/at .*\.ts|SyntaxError/);
  });
});

describe('hostile Graph and Google deliveries: bounded work before authentication', () => {
  const graphEntry = (subscriptionId: string, clientState: string) => ({
    subscriptionId,
    clientState,
    changeType: 'updated',
    resource: 'Users/x/Events/y',
    resourceData: { id: 'y' },
    tenantId: 't',
  });
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('a body of 5,800 made-up subscription ids (as in the issue) is refused with 413 before any lookup (both URLs)', async () => {
    const value = Array.from({ length: 5800 }, (_, i) => ({ subscriptionId: `s${i}`, clientState: 'x' }));
    expect(JSON.stringify({ value }).length).toBeGreaterThan(200 * 1024);
    expect(JSON.stringify({ value }).length).toBeLessThan(256 * 1024);
    for (const path of ['/webhooks/microsoft', '/webhooks/microsoft/lifecycle']) {
      const started = performance.now();
      const response = await post(path, { value });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ code: 'too_many_notifications' });
      expect(performance.now() - started).toBeLessThan(1000);
    }
    expect(watches.lookups).toBe(0);
    expect(queue.jobs).toEqual([]);
  });

  it('a full batch (100 notifications, distinct ids) costs ONE lookup; implausible clientStates cost none', async () => {
    const { watch } = await openGraphSubscription();
    const value = [
      graphEntry(watch.channelId!, secretFor(watch)),
      ...Array.from({ length: 99 }, (_, i) => graphEntry(`made-up-${i}`, secretFor(watch))),
    ];
    expect(value).toHaveLength(100);
    watches.lookups = 0;
    expect((await post('/webhooks/microsoft', { value })).status).toBe(202);
    expect(watches.lookups).toBe(1);
    expect(queue.jobs).toEqual([{ watchId: watch.id }]);
    expect(hooks.stats.microsoft).toMatchObject({ unknown: 99, queued: 1 });

    watches.lookups = 0;
    const junk = Array.from({ length: 100 }, (_, i) => graphEntry(`made-up-${i}`, 'not a secret!'));
    expect((await post('/webhooks/microsoft', { value: junk })).status).toBe(202);
    expect(watches.lookups).toBe(0);
  });

  it('past the deadline the answer is 503 and no more work starts after it', async () => {
    let calls = 0;
    build(
      {
        requestSync: async () => {
          calls += 1;
          await new Promise((resolve) => setTimeout(resolve, 60));
          return 'queued' as const;
        },
        requestRewatch: async () => {},
      },
      20,
    );
    const subs = [
      await openGraphSubscription(),
      await openGraphSubscription(),
      await openGraphSubscription(),
    ];
    const value = subs.map(({ watch }) => graphEntry(watch.channelId!, secretFor(watch)));
    expect((await post('/webhooks/microsoft', { value })).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Only the sync already started when the deadline passed; the other two are not queued late.
    expect(calls).toBe(1);
  });

  it('Google: a slow lookup past the deadline gets 503 and queues nothing afterwards; a token that cannot be ours costs no lookup', async () => {
    const { address, watch } = await openGoogleChannel('w-slow-lookup');
    build(new MemoryQueue(), 20);
    watches.add(watch);
    watches.delayMs = 80;
    const token = secretFor(watch);
    expect(
      await google.deliverForged(address, {
        channelId: 'chan-w-slow-lookup',
        token,
        resourceId: watch.resourceId!,
      }),
    ).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(queue.jobs).toEqual([]);
    watches.delayMs = 0;
    watches.lookups = 0;
    const forged = await fetch(address, {
      method: 'POST',
      headers: {
        'x-goog-channel-id': 'chan-w-slow-lookup',
        'x-goog-channel-token': 'x'.repeat(300),
        'x-goog-resource-state': 'exists',
        'x-goog-message-number': '9',
      },
    });
    expect(forged.status).toBe(401);
    expect(watches.lookups).toBe(0);
  });
});

describe('POST /webhooks/microsoft/lifecycle', () => {
  it('reauthorizationRequired, missed and subscriptionRemoved each ask for a rewatch; forged ones do not', async () => {
    const { watch } = await openGraphSubscription();
    const id = watch.channelId!;
    expect(await graph.subscriptions.lifecycle(id, 'reauthorizationRequired')).toBe(202);
    expect(await graph.subscriptions.lifecycle(id, 'missed')).toBe(202);
    expect(
      await graph.subscriptions.forged(`${base}/webhooks/microsoft/lifecycle`, {
        value: [{ subscriptionId: id, clientState: 'guessed', lifecycleEvent: 'subscriptionRemoved' }],
      }),
    ).toBe(202);
    expect(await graph.subscriptions.lifecycle(id, 'subscriptionRemoved')).toBe(202);
    expect(queue.rewatches).toEqual([
      { watchId: watch.id, reason: 'reauthorization_required' },
      { watchId: watch.id, reason: 'missed' },
      { watchId: watch.id, reason: 'removed' },
    ]);
    expect(queue.jobs).toEqual([]);
    expect(hooks.stats.microsoft.forged).toBe(1);
  });
});
