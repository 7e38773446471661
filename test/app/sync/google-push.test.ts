/**
 * Two-way sync by push, end to end with the Google fake's real deliveries: Convene books onto Li's
 * (fake) Google calendar, opens a channel through the watch job, the fake POSTs notifications to the
 * real webhook router backed by the store's WatchLookup and SyncQueue, and the sync job asks the
 * organiser. Duplicates and out-of-order numbers queue nothing more; forged ones are refused.
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
import { type FakeGoogle, startFakeGoogle } from '../../fakes/google/server.ts';
import { openTestStore } from '../../store/backends.ts';
import { freeBusy, HOUR, NOW, seed } from '../outbox-fixtures.ts';
import { ActionNotifier, RecordingThreads } from './fakes.ts';

const KEY = 'push-test-state-secret-push-test-state-secret';
const CAL = 'li@example.com';
const noWait: RetryPolicy = {
  attempts: 2,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => {},
  random: () => 0,
};

let google: FakeGoogle;
let store: Store;
let server: Server;
let base: string;
let now = NOW;

beforeAll(async () => {
  ({ fake: google } = await startFakeGoogle({ now: () => now }));
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
  await google?.stop();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await store?.close();
});

describe('Google push (fake deliveries → webhook → SyncQueue → calendar.sync)', () => {
  it('a move in Google reaches the organiser once; duplicates, older numbers and forged notices queue nothing', async () => {
    google.addCalendar({ id: CAL, accessRole: 'owner', primary: true });
    const s = await seed(store, 'GP1');
    for (const id of s.connections.values()) await store.connections.remove(s.tenantId, id);
    const issued = google.issueTokens();
    const li = (await store.connections.save({
      tenantId: s.tenantId,
      personId: s.li,
      provider: 'google',
      account: CAL,
      busyCalendarIds: [CAL],
      writeCalendarId: CAL,
      secrets: {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
        expiresAt: NOW + 24 * HOUR,
      },
    }))!;
    const clock = () => now;
    const notifier = new ActionNotifier();
    const threads = new RecordingThreads();
    const calendars = new CalendarAccess({
      connections: store.connections,
      providers: createProviderFactory({
        google: {
          clientId: 'convene-test.apps.googleusercontent.com',
          clientSecret: 'GOCSPX-test',
          tokenEndpoint: google.endpoints.tokenUrl,
          rootUrl: google.rootUrl,
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
        await google.settled();
        if ((await runOutboxOnce(worker, { worker: 'w', now })).claimed === 0) return;
      }
    };

    const booked = await bookMeeting(
      { store, busy: freeBusy, writer: calendars, notifier },
      { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now },
    );
    if (!booked.ok) throw new Error(booked.error.message);
    now += OUTBOX_GRACE_MS;
    await drain();
    const booking = (await store.bookings.get(s.tenantId, booked.view.bookingId))!;
    const liEvent = booking.events.find((e) => e.personId === s.li && e.status === 'created')!;
    expect(google.stored(CAL).map((e) => e.id)).toContain(liEvent.providerEventId);

    // Linked: a push watch; the watch job opens the channel (Google sends its `sync` message), then
    // the first sync takes a cursor (Convene's own event is no change).
    const [watch] = await ensureWatches(
      store,
      settings,
      {
        tenantId: s.tenantId,
        connectionId: li.id,
        personId: s.li,
        provider: 'google',
        writeCalendarId: CAL,
        busyCalendarIds: [CAL],
      },
      now,
    );
    await drain();
    const opened = (await store.watches.get(s.tenantId, watch!.id))!;
    expect(opened.mode).toBe('push');
    const channel = google.channels.get(opened.channelId!)!;
    expect(channel).toMatchObject({
      address: `${base}/webhooks/google`,
      token: channelSecret(KEY, watch!.id),
    });
    expect(opened.cursor).not.toBeNull();
    // Google's first message on the channel found its watch (acknowledged, nothing queued for it).
    expect(google.deliveries.map((d) => [d.state, d.status])).toEqual([['sync', 200]]);
    expect(notifier.sent).toEqual([]);

    // Li moves the meeting in Google Calendar: the fake notifies, the webhook queues, the job syncs.
    notifier.sent.length = 0;
    google.userUpdate(CAL, liEvent.providerEventId!, {
      start: booking.start + 2 * HOUR,
      end: booking.end + 2 * HOUR,
    });
    await google.settled();
    const last = google.deliveries.at(-1)!;
    expect([last.state, last.status]).toEqual(['exists', 200]);
    expect(
      (await store.jobs.listByDedupePrefix(`${CALENDAR_SYNC_JOB}:${watch!.id}:`)).filter(
        (j) => j.status === 'queued',
      ),
    ).toHaveLength(1);
    // The same notice again, and an older one: nothing more queued.
    expect(await google.redeliver(opened.channelId!, last.messageNumber)).toBe(200);
    expect(await google.redeliver(opened.channelId!, last.messageNumber - 1)).toBe(200);
    // Forged: a wrong token, an unknown channel.
    expect(
      await google.deliverForged(`${base}/webhooks/google`, {
        channelId: opened.channelId!,
        token: 'guess',
        messageNumber: last.messageNumber + 5,
      }),
    ).toBe(401);
    expect(
      await google.deliverForged(`${base}/webhooks/google`, {
        channelId: 'nope',
        token: channelSecret(KEY, watch!.id),
      }),
    ).toBe(401);
    expect(
      (await store.jobs.listByDedupePrefix(`${CALENDAR_SYNC_JOB}:${watch!.id}:`)).filter(
        (j) => j.status === 'queued',
      ),
    ).toHaveLength(1);
    expect((await store.watches.get(s.tenantId, watch!.id))!.lastMessageNumber).toBe(last.messageNumber);

    await drain();
    expect(threads.notes.map((n) => n.text)).toEqual([
      'Li moved “Roadmap” in their calendar to Tue 24 Nov, 13:00–13:30 (Paris time) (booked for Tue 24 Nov, 11:00–11:30 (Paris time)). The organiser decides what happens next.',
    ]);
    const dms = notifier.to(s.ana);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.actions.map((a) => a.action)).toEqual([
      SYNC_ACTIONS.follow,
      SYNC_ACTIONS.restore,
      SYNC_ACTIONS.cancel,
    ]);
    expect((await store.connections.get(s.tenantId, li.id))!.lastSyncAt).toBe(now);
  });
});
