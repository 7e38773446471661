/**
 * Two-way sync by Graph subscription, end to end with the Microsoft fake's real deliveries: the watch
 * job creates the subscription (validation handshake answered by the real webhook router), a change
 * notification with the clientState derived from the watch id queues a sync in the store, the sync asks
 * the organiser; a redelivery queues nothing more, a forged clientState is refused, a `missed`
 * lifecycle notice resyncs and `subscriptionRemoved` opens a new subscription.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../../src/app/book-meeting.ts';
import {
  channelSecret,
  createSyncQueue,
  createWatchLookup,
  ensureWatches,
  type SyncSettings,
  syncJobHandlers,
} from '../../../src/app/calendar-sync/watches.ts';
import { CALENDAR_SYNC_JOB, type CalendarSyncDeps, SYNC_ACTIONS } from '../../../src/app/calendar-sync.ts';
import { OUTBOX_GRACE_MS, runOutboxOnce } from '../../../src/app/outbox.ts';
import { createCalendarWebhooks } from '../../../src/bot/web/calendar-webhooks.ts';
import { createWebServer } from '../../../src/bot/web/server.ts';
import { CalendarAccess, createProviderFactory } from '../../../src/connectors/access/calendar-access.ts';
import type { RetryPolicy } from '../../../src/connectors/retry.ts';
import type { Store } from '../../../src/store/database.ts';
import { FakeMicrosoft } from '../../fakes/microsoft/server.ts';
import { openTestStore } from '../../store/backends.ts';
import { freeBusy, HOUR, NOW, seed } from '../outbox-fixtures.ts';
import { ActionNotifier, RecordingThreads } from './fakes.ts';

const KEY = 'graph-test-state-secret-graph-test-state-secret';
const MAILBOX = 'li@contoso.test';
const noWait: RetryPolicy = {
  attempts: 2,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => {},
  random: () => 0,
};

let graph: FakeMicrosoft;
let store: Store;
let server: Server;
let base: string;
let now = NOW;

beforeAll(async () => {
  graph = await FakeMicrosoft.start({ now: () => now });
  store = await openTestStore('pglite');
  const app = createWebServer({
    routers: [
      {
        router: createCalendarWebhooks({
          watches: createWatchLookup(store.watches, KEY),
          queue: createSyncQueue(store, () => now),
        }).router,
      },
    ],
    log: () => undefined,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await graph?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await store?.close();
});

describe('Graph subscriptions (fake deliveries → webhook → SyncQueue → calendar.sync)', () => {
  it('a move in Outlook reaches the organiser once; redelivery and forged notices queue nothing; lifecycle handled', async () => {
    graph.addMailbox(MAILBOX);
    const s = await seed(store, 'GR1');
    for (const id of s.connections.values()) await store.connections.remove(s.tenantId, id);
    const issued = graph.issueTokens(MAILBOX);
    const li = (await store.connections.save({
      tenantId: s.tenantId,
      personId: s.li,
      provider: 'microsoft',
      account: MAILBOX,
      busyCalendarIds: [MAILBOX],
      writeCalendarId: MAILBOX,
      secrets: {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresAt: NOW + 24 * HOUR,
      },
    }))!;
    const clock = () => now;
    const notifier = new ActionNotifier();
    const threads = new RecordingThreads();
    const calendars = new CalendarAccess({
      connections: store.connections,
      providers: createProviderFactory({
        microsoft: {
          clientId: 'convene-test',
          authorityHost: graph.authorityHost,
          graphBaseUrl: graph.graphBaseUrl,
          fetch: graph.fetch,
          retryPolicy: noWait,
        },
        clock,
      }),
      notifier,
      clock,
    });
    const syncDeps: CalendarSyncDeps = {
      store,
      sources: { open: (t, c) => calendars.changeSource(t, c) },
      notifier,
      threads,
      busy: freeBusy,
    };
    const settings: SyncSettings = { publicUrl: base, stateSecret: KEY, allowInsecurePush: true };
    const worker = { store, writer: calendars, notifier, handlers: syncJobHandlers(syncDeps, settings) };
    const drain = async () => {
      for (let i = 0; i < 5; i++) {
        await graph.subscriptions.settled();
        if ((await runOutboxOnce(worker, { worker: 'w', now })).claimed === 0) return;
      }
    };
    const queuedSyncs = async (watchId: string) =>
      (await store.jobs.listByDedupePrefix(`${CALENDAR_SYNC_JOB}:${watchId}:`)).filter(
        (j) => j.status === 'queued',
      ).length;

    const booked = await bookMeeting(
      { store, busy: freeBusy, writer: calendars, notifier },
      { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now },
    );
    if (!booked.ok) throw new Error(booked.error.message);
    now += OUTBOX_GRACE_MS;
    await drain();
    const booking = (await store.bookings.get(s.tenantId, booked.view.bookingId))!;
    const liEvent = booking.events.find((e) => e.personId === s.li && e.status === 'created')!;
    expect(liEvent.providerEventId).toBeTruthy();

    const [watch] = await ensureWatches(
      store,
      settings,
      {
        tenantId: s.tenantId,
        connectionId: li.id,
        personId: s.li,
        provider: 'microsoft',
        writeCalendarId: MAILBOX,
        busyCalendarIds: [MAILBOX],
      },
      now,
    );
    await drain();
    const opened = (await store.watches.get(s.tenantId, watch!.id))!;
    expect(opened.mode).toBe('push');
    const subscription = graph.subscriptions.byId.get(opened.channelId!)!;
    expect(subscription.clientState).toBe(channelSecret(KEY, watch!.id));
    expect(subscription.lifecycleNotificationUrl).toBe(`${base}/webhooks/microsoft/lifecycle`);
    expect(opened.cursor).not.toBeNull();
    expect(notifier.sent).toEqual([]);

    graph.userUpdate(MAILBOX, liEvent.providerEventId!, {
      start: booking.start + 2 * HOUR,
      end: booking.end + 2 * HOUR,
    });
    await graph.subscriptions.settled();
    expect(await queuedSyncs(watch!.id)).toBe(1);
    expect(await graph.subscriptions.redeliver(opened.channelId!)).toBe(202);
    expect(await queuedSyncs(watch!.id)).toBe(1);

    await drain();
    // A notice with a guessed clientState is acknowledged (Graph expects 202) but queues nothing.
    expect(
      await graph.subscriptions.forged(`${base}/webhooks/microsoft`, {
        value: [
          { subscriptionId: opened.channelId, clientState: 'guessed', changeType: 'updated', resource: 'x' },
        ],
      }),
    ).toBe(202);
    expect(await queuedSyncs(watch!.id)).toBe(0);
    expect(threads.notes).toHaveLength(1);
    const dms = notifier.to(s.ana);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.actions.map((a) => a.action)).toEqual([
      SYNC_ACTIONS.follow,
      SYNC_ACTIONS.restore,
      SYNC_ACTIONS.cancel,
    ]);

    // Lifecycle: `missed` resyncs (nothing new to say), `subscriptionRemoved` opens a new subscription.
    await graph.subscriptions.lifecycle(opened.channelId!, 'missed');
    expect(await queuedSyncs(watch!.id)).toBe(1);
    await drain();
    expect(notifier.to(s.ana)).toHaveLength(1);
    await graph.subscriptions.lifecycle(opened.channelId!, 'subscriptionRemoved');
    await drain();
    const reopened = (await store.watches.get(s.tenantId, watch!.id))!;
    expect(reopened.channelId).not.toBe(opened.channelId);
    expect(graph.subscriptions.byId.has(reopened.channelId!)).toBe(true);
  });
});
