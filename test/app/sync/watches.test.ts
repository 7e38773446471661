/**
 * Watch lifecycle for push providers (Google-like channels, Graph-like subscriptions) on the PGlite
 * store with a scripted change source: opening with the HMAC secret, renewal before expiry (Google:
 * new channel then stop the old; Graph: renewWatch), rewatch requests, and the fallback to polling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALENDAR_POLL_JOB,
  CALENDAR_RECONCILE_JOB,
  CALENDAR_WATCH_JOB,
  channelSecret,
  createSyncQueue,
  ensureWatches,
  reconcileAtStart,
  type SyncSettings,
  syncJobHandlers,
} from '../../../src/app/calendar-sync/watches.ts';
import type { CalendarSyncDeps } from '../../../src/app/calendar-sync.ts';
import { runOutboxOnce } from '../../../src/app/outbox.ts';
import { ProviderError } from '../../../src/app/ports/provider-errors.ts';
import type { Store } from '../../../src/store/database.ts';
import { openTestStore } from '../../store/backends.ts';
import { HOUR, NOW, RecordingCalendar, seed } from '../outbox-fixtures.ts';
import { ActionNotifier, ScriptedSource, scriptedSources } from './fakes.ts';

let store: Store;
beforeAll(async () => {
  store = await openTestStore('pglite');
});
afterAll(async () => {
  await store?.close();
});

const SECRET = 'state-secret-state-secret-state-secret!';
const DAY = 24 * HOUR;
const PUSH: SyncSettings = {
  publicUrl: 'https://convene.example/',
  stateSecret: SECRET,
  watchTtlMs: 6 * DAY,
  renewBeforeMs: 12 * HOUR,
};

let n = 0;
async function setup(
  push: 'google' | 'graph' | null,
  settings: SyncSettings = PUSH,
  options: { tracked?: boolean } = {},
) {
  const s = await seed(store, `WA${++n}`);
  const connectionId = s.connections.get(s.li)!;
  // A booking whose event lives in Li's calendar: what the watch is for (an untracked calendar is not read).
  if (options.tracked !== false) {
    const booked = await store.bookings.bookSlot({
      tenantId: s.tenantId,
      people: [s.ana, s.li],
      start: NOW + DAY,
      end: NOW + DAY + HOUR,
      title: 'Sync',
      idempotencyKey: `watches-${n}`,
      organizerId: s.ana,
    });
    if (!booked.ok) throw new Error('setup: booking failed');
    await store.bookings.recordEvent(s.tenantId, booked.booking.id, {
      personId: s.li,
      calendarId: 'primary',
      connectionId,
      providerEventId: `ev-${n}`,
      iCalUID: null,
      status: 'created',
    });
  }
  const source = new ScriptedSource();
  source.push = push;
  source.expiresAt = NOW + 6 * DAY;
  const deps: CalendarSyncDeps = {
    store,
    sources: scriptedSources(store.connections, new Map([[connectionId, source]])),
    notifier: new ActionNotifier(),
  };
  const worker = {
    store,
    writer: new RecordingCalendar(),
    notifier: deps.notifier,
    handlers: syncJobHandlers(deps, settings),
  };
  const target = {
    tenantId: s.tenantId,
    connectionId,
    personId: s.li,
    provider: push === 'graph' ? ('microsoft' as const) : ('google' as const),
    writeCalendarId: 'primary',
    busyCalendarIds: ['primary'],
  };
  const [watch] = await ensureWatches(store, settings, target, NOW);
  /** Runs what is due until nothing is (a job may queue another, e.g. the first sync). */
  const run = async (now: number) => {
    for (let i = 0; i < 5; i++) {
      const r = await runOutboxOnce(worker, {
        worker: 'w',
        now,
        kinds: [CALENDAR_WATCH_JOB, 'calendar.sync', CALENDAR_POLL_JOB],
      });
      if (r.claimed === 0) return;
    }
  };
  return { s, source, watch: watch!, run, target, connectionId };
}

describe('push watches', () => {
  it('Google: opens a channel with the HMAC secret, syncs once, renews by a new channel and stops the old', async () => {
    const { s, source, watch, run } = await setup('google');
    expect(watch.mode).toBe('push');
    await run(NOW);
    expect(source.watches).toHaveLength(1);
    const request = source.watches[0]!;
    expect(request).toMatchObject({
      calendarId: 'primary',
      address: 'https://convene.example/webhooks/google',
      secret: channelSecret(SECRET, watch.id),
      ttlMs: 6 * DAY,
    });
    expect(request.lifecycleAddress).toBeUndefined();
    const opened = (await store.watches.get(s.tenantId, watch.id))!;
    expect(opened).toMatchObject({
      channelId: request.channelId,
      resourceId: 'res-1',
      expiresAt: NOW + 6 * DAY,
    });
    // The initial sync ran (a first cursor).
    expect(source.queries).toHaveLength(1);
    expect((await store.watches.get(s.tenantId, watch.id))!.cursor).toBe('c0');

    await store.watches.noteMessage(watch.id, 7);
    const renewals = (await store.jobs.listByDedupePrefix(`${CALENDAR_WATCH_JOB}:${watch.id}:renew:`)).filter(
      (j) => j.status === 'queued',
    );
    expect(renewals.map((j) => j.runAt)).toEqual([NOW + 6 * DAY - 12 * HOUR]);
    source.expiresAt = NOW + 12 * DAY;
    await run(NOW + 6 * DAY - 12 * HOUR);
    expect(source.watches).toHaveLength(2);
    expect(source.stopped).toEqual([
      { channelId: request.channelId, resourceId: 'res-1', expiresAt: NOW + 6 * DAY },
    ]);
    const renewed = (await store.watches.get(s.tenantId, watch.id))!;
    expect(renewed.channelId).toBe(source.watches[1]!.channelId);
    expect(renewed.channelId).not.toBe(request.channelId);
    expect(renewed.lastMessageNumber).toBeNull();
    // The old channel no longer finds the watch (its notifications are refused).
    expect(await store.watches.findByChannel('google', request.channelId)).toBeNull();
  });

  it('Graph: the subscription id is the channel, lifecycle URL given, renewal PATCHes it', async () => {
    const { s, source, watch, run } = await setup('graph');
    await run(NOW);
    expect(source.watches[0]!.address).toBe('https://convene.example/webhooks/microsoft');
    expect(source.watches[0]!.lifecycleAddress).toBe('https://convene.example/webhooks/microsoft/lifecycle');
    expect((await store.watches.get(s.tenantId, watch.id))!.channelId).toBe(`${source.tag}sub-1`);
    expect(await store.watches.findByChannel('microsoft', `${source.tag}sub-1`)).toMatchObject({
      id: watch.id,
    });
    await run(NOW + 6 * DAY - 12 * HOUR);
    expect(source.renewed).toEqual([
      { channel: { channelId: `${source.tag}sub-1`, expiresAt: NOW + 6 * DAY }, ttlMs: 6 * DAY },
    ]);
    expect(source.watches).toHaveLength(1);
    expect((await store.watches.get(s.tenantId, watch.id))!.expiresAt).toBe(NOW + 12 * DAY);
  });

  it('rewatch requests: removed → a new subscription; missed → a sync only; reauthorization → renewal', async () => {
    const { s, source, watch, run } = await setup('graph');
    await run(NOW);
    const queue = createSyncQueue(store, () => NOW + HOUR);
    const current = (await store.watches.get(s.tenantId, watch.id))!;
    await queue.requestRewatch(current, 'removed');
    await run(NOW + HOUR);
    expect(source.watches).toHaveLength(2);
    expect((await store.watches.get(s.tenantId, watch.id))!.channelId).toBe(`${source.tag}sub-2`);
    const queries = source.queries.length;
    await queue.requestRewatch((await store.watches.get(s.tenantId, watch.id))!, 'missed');
    await run(NOW + HOUR);
    expect(source.queries.length).toBe(queries + 1);
    expect(source.watches).toHaveLength(2);
    await queue.requestRewatch((await store.watches.get(s.tenantId, watch.id))!, 'reauthorization_required');
    await run(NOW + HOUR);
    expect(source.renewed).toHaveLength(1);
  });

  it('falls back to polling without a public https URL, or when the provider refuses the address', async () => {
    const noUrl = await setup('google', { ...PUSH, publicUrl: 'http://localhost:3000' });
    expect(noUrl.watch.mode).toBe('poll');
    expect(await store.jobs.listByDedupePrefix(`${CALENDAR_WATCH_JOB}:${noUrl.watch.id}:`)).toEqual([]);
    expect(await store.jobs.listByDedupePrefix(`${CALENDAR_POLL_JOB}:${noUrl.watch.id}:`)).toHaveLength(1);

    const refused = await setup('google');
    refused.source.watchError = new ProviderError(
      'google',
      'invalid_request',
      'WebHook callback must be HTTPS',
    );
    await refused.run(NOW);
    expect((await store.watches.get(refused.s.tenantId, refused.watch.id))!.mode).toBe('poll');
    expect(await store.jobs.listByDedupePrefix(`${CALENDAR_POLL_JOB}:${refused.watch.id}:`)).toHaveLength(1);
    // Polling goes on by itself.
    const [poll] = await store.jobs.listByDedupePrefix(`${CALENDAR_POLL_JOB}:${refused.watch.id}:`);
    await refused.run(poll!.runAt);
    expect(refused.source.queries).toHaveLength(1);
    expect(
      (await store.jobs.listByDedupePrefix(`${CALENDAR_POLL_JOB}:${refused.watch.id}:`)).filter(
        (j) => j.status === 'queued',
      ),
    ).toHaveLength(1);
  });

  it('a calendar holding none of Convene events is not read: no provider call, its cursor dropped', async () => {
    const { s, source, watch, run } = await setup(null, { publicUrl: null }, { tracked: false });
    await store.watches.saveSync(s.tenantId, watch.id, 'old-cursor', NOW);
    const [poll] = await store.jobs.listByDedupePrefix(`${CALENDAR_POLL_JOB}:${watch.id}:`);
    await run(poll!.runAt);
    expect(source.queries).toHaveLength(0);
    expect((await store.watches.get(s.tenantId, watch.id))!.cursor).toBeNull();
    // Polling goes on; once a booking's event is in the calendar, the next poll lists the whole window.
    const queued = (await store.jobs.listByDedupePrefix(`${CALENDAR_POLL_JOB}:${watch.id}:`)).filter(
      (j) => j.status === 'queued',
    );
    expect(queued).toHaveLength(1);
    const booked = await store.bookings.bookSlot({
      tenantId: s.tenantId,
      people: [s.ana, s.li],
      start: NOW + 2 * DAY,
      end: NOW + 2 * DAY + HOUR,
      title: 'Later',
      idempotencyKey: `watches-idle-${n}`,
      organizerId: s.ana,
    });
    if (!booked.ok) throw new Error('booking failed');
    await store.bookings.recordEvent(s.tenantId, booked.booking.id, {
      personId: s.li,
      calendarId: 'primary',
      connectionId: watch.connectionId,
      providerEventId: 'ev-later',
      iCalUID: null,
      status: 'created',
    });
    await run(queued[0]!.runAt);
    expect(source.queries).toHaveLength(1);
    expect(source.queries[0]!.cursor ?? null).toBeNull();
  });

  it('at start: reconciles when nothing is scheduled, else leaves it to the scheduled job', async () => {
    const { s, watch } = await setup(null, { publicUrl: null });
    // A connection made behind Convene's back (no watch yet), e.g. restored from a backup.
    const extra = await store.connections.save({
      tenantId: s.tenantId,
      personId: s.zoe,
      provider: 'caldav',
      account: 'https://dav.example/zoe/',
      busyCalendarIds: ['/zoe/cal/'],
      writeCalendarId: '/zoe/cal/',
      secrets: { username: 'zoe', password: 'x' },
    });
    const watched = async () => (await store.watches.listForConnection(s.tenantId, extra!.id)).length;
    for (const job of await store.jobs.listByDedupePrefix(`${CALENDAR_RECONCILE_JOB}:`))
      await store.jobs.cancelQueued(job.dedupeKey!);
    expect(await reconcileAtStart(store, { publicUrl: null }, NOW)).toBe('reconciled');
    expect(await watched()).toBe(1);
    const scheduled = (await store.jobs.listByDedupePrefix(`${CALENDAR_RECONCILE_JOB}:`)).filter(
      (j) => j.status === 'queued',
    );
    expect(scheduled).toHaveLength(1);
    await store.watches.remove(
      s.tenantId,
      (await store.watches.listForConnection(s.tenantId, extra!.id))[0]!.id,
    );
    expect(await reconcileAtStart(store, { publicUrl: null }, NOW + HOUR / 2)).toBe('scheduled');
    expect(await watched()).toBe(0);
    expect(await store.watches.get(s.tenantId, watch.id)).not.toBeNull();
  });

  it('a connection whose write calendar changed loses the old watch; reconciling twice adds nothing', async () => {
    const { s, watch, target } = await setup(null, { publicUrl: null });
    const again = await ensureWatches(store, { publicUrl: null }, target, NOW);
    expect(again.map((w) => w.id)).toEqual([watch.id]);
    expect(await store.jobs.listByDedupePrefix(`${CALENDAR_POLL_JOB}:${watch.id}:`)).toHaveLength(1);
    const [moved] = await ensureWatches(
      store,
      { publicUrl: null },
      { ...target, writeCalendarId: 'work' },
      NOW,
    );
    expect(moved!.calendarId).toBe('work');
    expect(await store.watches.get(s.tenantId, watch.id)).toBeNull();
  });
});
