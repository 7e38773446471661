import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSecret, createSyncQueue, createWatchLookup } from '../../src/app/calendar-sync/watches.ts';
import type { Booking, CalendarConnection, RequestCriteria } from '../../src/app/ports/store.ts';
import type { Store } from '../../src/store/database.ts';
import { BACKENDS, openTestStore } from './backends.ts';

const T0 = Date.UTC(2026, 5, 1, 8, 0);
const HOUR = 3_600_000;
const SECRET = 'a-state-secret-of-at-least-32-bytes!!';

describe.each(BACKENDS)('calendar watches and sync decisions on %s', (backend) => {
  let store: Store;
  let tenantId: string;
  let otherTenant: string;
  let workspaceId: string;
  let ana: string;
  let li: string;
  let conn: CalendarConnection;
  let otherConn: CalendarConnection;
  let booking: Booking;

  beforeAll(async () => {
    store = await openTestStore(backend);
    const ws = await store.workspaces.install({ platform: 'slack', externalId: 'T-watch-1', name: 'Acme' });
    const other = await store.workspaces.install({
      platform: 'slack',
      externalId: 'T-watch-2',
      name: 'Other',
    });
    tenantId = ws.tenantId;
    workspaceId = ws.id;
    otherTenant = other.tenantId;
    ana = (await store.people.upsertByIdentity({
      workspaceId: ws.id,
      externalUserId: 'U1',
      displayName: 'Ana',
    }))!.id;
    li = (await store.people.upsertByIdentity({
      workspaceId: ws.id,
      externalUserId: 'U2',
      displayName: 'Li',
    }))!.id;
    const olga = (await store.people.upsertByIdentity({
      workspaceId: other.id,
      externalUserId: 'U3',
      displayName: 'Olga',
    }))!.id;
    const save = (t: string, personId: string, provider: 'google' | 'caldav', account: string) =>
      store.connections.save({
        tenantId: t,
        personId,
        provider,
        account,
        busyCalendarIds: ['primary'],
        writeCalendarId: 'primary',
        secrets: { accessToken: 'x' },
      });
    conn = (await save(tenantId, li, 'google', 'li@example.com'))!;
    otherConn = (await save(otherTenant, olga, 'caldav', 'https://dav.example/'))!;
    const booked = await store.bookings.bookSlot({
      tenantId,
      people: [ana, li],
      start: T0 + 24 * HOUR,
      end: T0 + 25 * HOUR,
      title: 'Sync',
      idempotencyKey: 'watch-test-1',
      organizerId: ana,
    });
    if (!booked.ok) throw new Error('booking failed');
    booking = booked.booking;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('ensure is idempotent per (connection, calendar) and tenant-scoped; channels are found by provider', async () => {
    const input = {
      tenantId,
      connectionId: conn.id,
      calendarId: 'primary',
      provider: 'google' as const,
      mode: 'push' as const,
    };
    const [a, b] = await Promise.all([store.watches.ensure(input), store.watches.ensure(input)]);
    expect(a!.id).toBe(b!.id);
    expect(await store.watches.ensure({ ...input, tenantId: otherTenant })).toBeNull();
    expect(await store.watches.get(otherTenant, a!.id)).toBeNull();
    expect(
      await store.watches.setChannel(tenantId, a!.id, {
        mode: 'push',
        channelId: 'ch-1',
        resourceId: 'r-1',
        expiresAt: T0 + HOUR,
      }),
    ).toBe(true);
    expect(await store.watches.findByChannel('google', 'ch-1')).toMatchObject({
      id: a!.id,
      resourceId: 'r-1',
      expiresAt: T0 + HOUR,
    });
    expect(await store.watches.findByChannel('microsoft', 'ch-1')).toBeNull();
    expect(await store.watches.findByChannel('google', 'forged')).toBeNull();
    // A Graph batch: many ids, one query; unknown, other-provider and over-long ids are simply absent.
    const many = await store.watches.findManyByChannel('google', ['ch-1', 'forged', 'ch-1', 'x'.repeat(501)]);
    expect([...many.keys()]).toEqual(['ch-1']);
    expect(many.get('ch-1')?.id).toBe(a!.id);
    expect((await store.watches.findManyByChannel('microsoft', ['ch-1'])).size).toBe(0);
    expect((await store.watches.findManyByChannel('google', [])).size).toBe(0);
    expect(await store.watches.listForConnection(tenantId, conn.id)).toHaveLength(1);
    expect(await store.watches.listForConnection(otherTenant, conn.id)).toHaveLength(0);
  });

  it('message numbers only go up (duplicates and older ones refused); a new channel starts again', async () => {
    const w = (await store.watches.ensure({
      tenantId,
      connectionId: conn.id,
      calendarId: 'cal-msg',
      provider: 'google',
      mode: 'push',
    }))!;
    await store.watches.setChannel(tenantId, w.id, {
      mode: 'push',
      channelId: 'ch-msg-1',
      resourceId: null,
      expiresAt: T0,
    });
    expect(await store.watches.noteMessage(w.id, 1)).toBe(true);
    expect(await store.watches.noteMessage(w.id, 1)).toBe(false);
    expect(await store.watches.noteMessage(w.id, 5)).toBe(true);
    expect(await store.watches.noteMessage(w.id, 3)).toBe(false);
    expect((await store.watches.get(tenantId, w.id))!.lastMessageNumber).toBe(5);
    await store.watches.setChannel(tenantId, w.id, {
      mode: 'push',
      channelId: 'ch-msg-1',
      resourceId: null,
      expiresAt: T0 + HOUR,
    });
    expect((await store.watches.get(tenantId, w.id))!.lastMessageNumber).toBe(5); // renewed, same channel
    await store.watches.setChannel(tenantId, w.id, {
      mode: 'push',
      channelId: 'ch-msg-2',
      resourceId: null,
      expiresAt: T0,
    });
    expect((await store.watches.get(tenantId, w.id))!.lastMessageNumber).toBeNull();
    expect(await store.watches.noteMessage(w.id, 1)).toBe(true);
  });

  it('saveSync with `from` is a compare-and-set: a sync whose starting cursor was replaced saves nothing', async () => {
    const w = (await store.watches.ensure({
      tenantId,
      connectionId: conn.id,
      calendarId: 'cas',
      provider: 'google',
      mode: 'poll',
    }))!;
    expect(await store.watches.saveSync(tenantId, w.id, 'c1', T0, { from: null })).toBe(true);
    expect(await store.watches.saveSync(tenantId, w.id, 'stale', T0 + 1, { from: null })).toBe(false);
    expect((await store.watches.get(tenantId, w.id))!.cursor).toBe('c1');
    expect(await store.watches.saveSync(tenantId, w.id, 'c2', T0 + 2, { from: 'c1' })).toBe(true);
    expect((await store.watches.get(tenantId, w.id))!.cursor).toBe('c2');
  });

  it('saveSync stores the cursor and stamps the watch and the connection', async () => {
    const w = (await store.watches.ensure({
      tenantId,
      connectionId: conn.id,
      calendarId: 'cal-sync',
      provider: 'google',
      mode: 'poll',
    }))!;
    expect(await store.watches.saveSync(otherTenant, w.id, 'nope', T0)).toBe(false);
    expect(await store.watches.saveSync(tenantId, w.id, 'cursor-1', T0 + 5)).toBe(true);
    expect(await store.watches.get(tenantId, w.id)).toMatchObject({ cursor: 'cursor-1', lastSyncAt: T0 + 5 });
    expect((await store.connections.get(tenantId, conn.id))!.lastSyncAt).toBe(T0 + 5);
  });

  it('the sync queue dedupes: one job per generation, duplicates and older Google messages dropped', async () => {
    const w = (await store.watches.ensure({
      tenantId,
      connectionId: conn.id,
      calendarId: 'cal-queue',
      provider: 'google',
      mode: 'push',
    }))!;
    await store.watches.setChannel(tenantId, w.id, {
      mode: 'push',
      channelId: 'ch-queue',
      resourceId: null,
      expiresAt: T0,
    });
    const queue = createSyncQueue(store, () => T0);
    expect(await queue.requestSync(w, { messageNumber: 2 })).toBe('queued');
    expect(await queue.requestSync(w, { messageNumber: 2 })).toBe('duplicate');
    expect(await queue.requestSync(w, { messageNumber: 1 })).toBe('duplicate');
    expect(await queue.requestSync(w, { messageNumber: 3 })).toBe('duplicate'); // a sync is already queued
    expect(await queue.requestSync(w, {})).toBe('duplicate');
    expect(await store.jobs.listByDedupePrefix(`calendar.sync:${w.id}:`)).toHaveLength(1);
    await store.watches.beginSync(w.id); // the queued sync starts: later changes need a new one
    expect(await queue.requestSync(w, { messageNumber: 4 })).toBe('queued');
    expect(await store.jobs.listByDedupePrefix(`calendar.sync:${w.id}:`)).toHaveLength(2);
  });

  it('pruneJobs deletes only the finished poll/sync jobs of that watch before the time', async () => {
    const w = (await store.watches.ensure({
      tenantId,
      connectionId: conn.id,
      calendarId: 'cal-prune',
      provider: 'google',
      mode: 'poll',
    }))!;
    const mk = (key: string, runAt: number) =>
      store.jobs.enqueue({ kind: 'calendar.poll', tenantId, payload: {}, runAt, dedupeKey: key });
    const old = await mk(`calendar.poll:${w.id}:1`, T0);
    const recent = await mk(`calendar.poll:${w.id}:2`, T0 + 2 * HOUR);
    const queued = await mk(`calendar.poll:${w.id}:3`, T0 - HOUR);
    const other = await mk(`calendar.poll:${conn.id}:1`, T0);
    for (const job of [old, recent, other]) {
      await store.jobs.claim('pruner', {
        limit: 10,
        leaseMs: 1000,
        now: T0 + 3 * HOUR,
        kinds: ['calendar.poll'],
      });
      await store.jobs.complete(job.id, 'pruner');
    }
    expect(await store.watches.pruneJobs(w.id, T0 + HOUR)).toBe(1);
    expect(await store.jobs.get(old.id)).toBeNull();
    expect((await store.jobs.get(recent.id))!.status).toBe('done');
    expect(await store.jobs.get(queued.id)).not.toBeNull();
    expect((await store.jobs.get(other.id))!.status).toBe('done');
  });

  it('the lookup checks the secret of the named watch in constant time', async () => {
    const w = (await store.watches.findByChannel('google', 'ch-1'))!;
    const lookup = createWatchLookup(store.watches, SECRET);
    expect(lookup.secretMatches(w, channelSecret(SECRET, w.id))).toBe(true);
    expect(lookup.secretMatches(w, channelSecret('another-secret-another-secret-!!!!', w.id))).toBe(false);
    expect(lookup.secretMatches(w, channelSecret(SECRET, otherConn.id))).toBe(false);
    expect(lookup.secretMatches(w, '')).toBe(false);
  });

  it('tracked events are those Convene wrote for active bookings, per connection or person', async () => {
    await store.bookings.recordEvent(tenantId, booking.id, {
      personId: li,
      calendarId: 'primary',
      connectionId: conn.id,
      providerEventId: 'evt-1',
      iCalUID: 'uid-1',
      status: 'created',
      expected: [
        [booking.start - 3_600_000, booking.end - 3_600_000],
        [booking.start, booking.end],
      ],
    });
    const byConnection = await store.watches.trackedEvents(tenantId, { connectionId: conn.id }, T0);
    expect(byConnection).toEqual([
      {
        bookingId: booking.id,
        personId: li,
        connectionId: conn.id,
        calendarId: 'primary',
        providerEventId: 'evt-1',
        iCalUID: 'uid-1',
        status: 'created',
        // What Convene wrote or is writing (echo detection by content), in order.
        expected: [
          [booking.start - 3_600_000, booking.end - 3_600_000],
          [booking.start, booking.end],
        ],
        start: booking.start,
        end: booking.end,
      },
    ]);
    expect(await store.watches.trackedEvents(tenantId, { personId: li }, T0)).toHaveLength(1);
    expect(await store.watches.trackedEvents(otherTenant, { connectionId: conn.id }, T0)).toEqual([]);
    expect(await store.watches.trackedEvents(tenantId, { connectionId: conn.id }, booking.end)).toEqual([]);
  });

  it('a decision leaves open exactly once; a newer one supersedes it; it can be reopened', async () => {
    const open = (start: number) =>
      store.watches.openDecision({
        tenantId,
        bookingId: booking.id,
        personId: li,
        kind: 'moved',
        start,
        end: start + HOUR,
        bookingStart: booking.start,
        now: T0,
      });
    const first = (await open(T0 + 30 * HOUR))!;
    const second = (await open(T0 + 31 * HOUR))!;
    expect((await store.watches.getDecision(tenantId, first.id))!.status).toBe('superseded');
    expect((await store.watches.openDecisionFor(tenantId, booking.id, li))!.id).toBe(second.id);
    const clicks = await Promise.all([
      store.watches.resolveDecision(tenantId, second.id, 'followed', ana, T0 + 1),
      store.watches.resolveDecision(tenantId, second.id, 'cancelled', ana, T0 + 2),
    ]);
    expect(clicks.filter(Boolean)).toHaveLength(1);
    expect(await store.watches.getDecision(otherTenant, second.id)).toBeNull();
    expect(await store.watches.reopenDecision(tenantId, second.id)).toBe(true);
    expect((await store.watches.getDecision(tenantId, second.id))!.status).toBe('open');
    expect(
      await store.watches.openDecision({
        tenantId: otherTenant,
        bookingId: booking.id,
        personId: li,
        kind: 'deleted',
        start: null,
        end: null,
        bookingStart: 0,
        now: T0,
      }),
    ).toBeNull();
  });

  it('occurrence exceptions of a booking: upserted by original start, tenant scoped, tracked with its events', async () => {
    const o1 = booking.start + 7 * 24 * HOUR;
    const o2 = booking.start + 14 * 24 * HOUR;
    expect(
      await store.bookings.recordOccurrence(tenantId, booking.id, {
        originalStart: o1,
        status: 'moved',
        start: o1 + HOUR,
        end: o1 + 2 * HOUR,
      }),
    ).toBe(true);
    // Moved again: the record is replaced, not added.
    await store.bookings.recordOccurrence(tenantId, booking.id, {
      originalStart: o1,
      status: 'moved',
      start: o1 + 3 * HOUR,
      end: o1 + 4 * HOUR,
    });
    await store.bookings.recordOccurrence(tenantId, booking.id, { originalStart: o2, status: 'cancelled' });
    expect(
      await store.bookings.recordOccurrence(otherTenant, booking.id, { originalStart: o2, status: 'ended' }),
    ).toBe(false);
    const expected = [
      { originalStart: o1, status: 'moved', start: o1 + 3 * HOUR, end: o1 + 4 * HOUR },
      { originalStart: o2, status: 'cancelled' },
    ];
    expect(await store.bookings.occurrences(tenantId, booking.id)).toEqual(expected);
    expect(await store.bookings.occurrences(otherTenant, booking.id)).toEqual([]);
    const [tracked] = await store.watches.trackedEvents(tenantId, { connectionId: conn.id }, T0);
    expect(tracked!.exceptions).toEqual(expected);
  });

  it('decisions per occurrence: one open per occurrence, apart from the whole meeting; the latest whatever its status', async () => {
    const occurrence = booking.start + 7 * 24 * HOUR;
    const open = (at: number | null, start: number) =>
      store.watches.openDecision({
        tenantId,
        bookingId: booking.id,
        personId: li,
        kind: 'moved',
        start,
        end: start + HOUR,
        bookingStart: booking.start,
        occurrence: at,
        now: T0,
      });
    const whole = (await open(null, T0 + 40 * HOUR))!;
    const one = (await open(occurrence, occurrence + HOUR))!;
    expect(one.occurrence).toBe(occurrence);
    expect(whole.occurrence).toBeNull();
    // Both stay open: an occurrence's question does not supersede the whole meeting's.
    expect((await store.watches.openDecisionFor(tenantId, booking.id, li))!.id).toBe(whole.id);
    expect((await store.watches.openDecisionFor(tenantId, booking.id, li, occurrence))!.id).toBe(one.id);
    // The same question again: nothing new.
    expect(await open(occurrence, occurrence + HOUR)).toBeNull();
    await store.watches.resolveDecision(tenantId, one.id, 'kept', ana, T0 + 1);
    expect(await store.watches.openDecisionFor(tenantId, booking.id, li, occurrence)).toBeNull();
    expect(await store.watches.latestDecisionFor(tenantId, booking.id, li, occurrence)).toMatchObject({
      id: one.id,
      status: 'kept',
    });
    expect(await store.watches.latestDecisionFor(otherTenant, booking.id, li, occurrence)).toBeNull();
  });

  it('targets lists every connection of every tenant; removing a connection removes its watches', async () => {
    const targets = await store.watches.targets();
    expect(targets.map((t) => t.connectionId).sort()).toEqual([conn.id, otherConn.id].sort());
    expect(targets.find((t) => t.connectionId === otherConn.id)).toMatchObject({
      tenantId: otherTenant,
      provider: 'caldav',
      writeCalendarId: 'primary',
    });
    const w = (await store.watches.ensure({
      tenantId: otherTenant,
      connectionId: otherConn.id,
      calendarId: 'x',
      provider: 'caldav',
      mode: 'poll',
    }))!;
    await store.connections.remove(otherTenant, otherConn.id);
    expect(await store.watches.get(otherTenant, w.id)).toBeNull();
  });

  it('a series is tracked while its last occurrence (series_ends_at) or a later moved one has not ended; one booked before the column while its request has a rule', async () => {
    const WEEK = 7 * 24 * HOUR;
    const criteria = {
      zone: 'UTC',
      constraints: [],
      excluded: [],
      recurrence: { freq: 'WEEKLY', interval: 1, byDay: [], count: 4 },
    } as unknown as RequestCriteria;
    const series = async (key: string, start: number, seriesEndsAt?: number) => {
      const request = (await store.requests.create({
        tenantId,
        workspaceId,
        requesterId: ana,
        title: key,
        durationMinutes: 60,
        window: { start, end: start + HOUR },
        participants: [{ personId: li }],
        message: { channelId: 'C1', messageId: null },
        criteria,
      }))!;
      const proposal = (await store.requests.propose(tenantId, request.id, {
        slots: [{ start, end: start + HOUR, score: 1 }],
      }))!;
      const booked = await store.bookings.bookSlot({
        tenantId,
        people: [ana, li],
        start,
        end: start + HOUR,
        title: key,
        idempotencyKey: key,
        organizerId: ana,
        proposalId: proposal.id,
        ...(seriesEndsAt !== undefined ? { seriesEndsAt } : {}),
      });
      if (!booked.ok) throw new Error(`booking ${key} failed`);
      await store.bookings.recordEvent(tenantId, booked.booking.id, {
        personId: li,
        calendarId: 'primary',
        connectionId: conn.id,
        providerEventId: `evt-${key}`,
        iCalUID: null,
        status: 'created',
        expected: [[start, start + HOUR]],
      });
      return booked.booking;
    };
    // Four weekly occurrences from day 100: the last one ends 3 weeks and an hour after the first start.
    const start = T0 + 100 * 24 * HOUR;
    const lastEnd = start + 3 * WEEK + HOUR;
    const recorded = await series('series-recorded', start, lastEnd);
    // The same series booked before `series_ends_at` existed (null there), on another day.
    const legacy = await series('series-legacy', start + 24 * HOUR);
    expect(legacy.seriesEndsAt ?? null).toBeNull();
    const tracked = async (since: number) =>
      (await store.watches.trackedEvents(tenantId, { connectionId: conn.id }, since))
        .map((e) => e.bookingId)
        .filter((id) => id === recorded.id || id === legacy.id)
        .sort();
    // After the first occurrences, before the last: both.
    expect(await tracked(start + WEEK)).toEqual([recorded.id, legacy.id].sort());
    // Once the recorded series' last occurrence has ended it is no longer tracked; the older one still is.
    expect(await tracked(lastEnd)).toEqual([legacy.id]);
    // Its last occurrence moved a day later: tracked until that one has ended.
    await store.bookings.recordOccurrence(tenantId, recorded.id, {
      originalStart: start + 3 * WEEK,
      status: 'moved',
      start: start + 3 * WEEK + 24 * HOUR,
      end: lastEnd + 24 * HOUR,
    });
    expect(await tracked(lastEnd)).toEqual([recorded.id, legacy.id].sort());
    expect(await tracked(lastEnd + 24 * HOUR)).toEqual([legacy.id]);
  });
});
