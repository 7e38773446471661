import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import {
  CALENDAR_DELETE_JOB,
  CALENDAR_WRITE_JOB,
  DEFAULT_LEASE_MS,
  draftFor,
  OUTBOX_GRACE_MS,
  REAUTH_ATTEMPTS,
  runOutboxOnce,
  startWorkers,
} from '../../src/app/outbox.ts';
import type { Store } from '../../src/store/database.ts';
import { backoffMs } from '../../src/store/repos/jobs.ts';
import { openTestStore } from '../store/backends.ts';
import {
  freeBusy,
  NOW,
  RecordingCalendar,
  RecordingNotifier,
  type Seeded,
  SLOT1,
  seed,
} from './outbox-fixtures.ts';

let store: Store;
let s: Seeded;
let calendar: RecordingCalendar;
let notifier: RecordingNotifier;

beforeEach(async () => {
  store = await openTestStore('pglite');
  s = await seed(store);
  calendar = new RecordingCalendar();
  for (const [person, connection] of s.connections) calendar.connections.set(person, connection);
  notifier = new RecordingNotifier();
});
afterEach(async () => {
  await store?.close();
});

const book = (actor = s.li) =>
  bookMeeting(
    { store, busy: freeBusy, writer: calendar, notifier },
    { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: actor, now: NOW },
  );
const run = (now: number, worker = 'w1') =>
  runOutboxOnce(
    { store, writer: calendar, notifier },
    { worker, now, kinds: [CALENDAR_WRITE_JOB, CALENDAR_DELETE_JOB] },
  );
const writeJobsOf = (bookingId: string) =>
  store.jobs.listByDedupePrefix(`${CALENDAR_WRITE_JOB}:${bookingId}:`);

describe('outbox: calendar writes', () => {
  it('enqueues one write per participant with the booking; after the inline writes the jobs are no-ops', async () => {
    const result = await book();
    if (!result.ok) throw new Error(result.error.message);
    const jobs = await writeJobsOf(result.view.bookingId);
    expect(jobs.map((j) => (j.payload as { personId: string }).personId).sort()).toEqual(
      [s.ana, s.li, s.zoe].sort(),
    );
    expect(jobs.every((j) => j.status === 'queued' && j.runAt === NOW + OUTBOX_GRACE_MS)).toBe(true);
    expect(calendar.live()).toHaveLength(3);

    // Not due yet.
    expect((await run(NOW + 1000)).claimed).toBe(0);
    const writesBefore = calendar.calls.length;
    const done = await run(NOW + OUTBOX_GRACE_MS);
    expect(done).toMatchObject({ claimed: 3, done: 3, retried: 0, compensated: 0 });
    expect(calendar.calls.length).toBe(writesBefore); // recorded events: nothing written again
    expect((await writeJobsOf(result.view.bookingId)).every((j) => j.status === 'done')).toBe(true);
    expect((await run(NOW + 10 * OUTBOX_GRACE_MS)).claimed).toBe(0);
  });

  it('retries a transient failure with backoff, then writes once and records the event', async () => {
    calendar.failures.set(s.zoe, { code: 'unavailable', message: 'HTTP 503' });
    const result = await book();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.participants.find((p) => p.personId === s.zoe)?.calendar).toBe('failed');

    const first = await run(NOW + OUTBOX_GRACE_MS);
    expect(first).toMatchObject({ claimed: 3, retried: 1, compensated: 0 });
    const [zoeJob] = (await writeJobsOf(result.view.bookingId)).filter(
      (j) => (j.payload as { personId: string }).personId === s.zoe,
    );
    expect(zoeJob?.status).toBe('queued');
    expect(zoeJob?.runAt).toBe(NOW + OUTBOX_GRACE_MS + backoffMs(1));

    calendar.failures.delete(s.zoe);
    expect((await run(NOW + OUTBOX_GRACE_MS + 1000)).claimed).toBe(0); // still backing off
    const second = await run(NOW + OUTBOX_GRACE_MS + backoffMs(1));
    expect(second).toMatchObject({ claimed: 1, done: 1 });
    expect(calendar.live(s.zoe)).toHaveLength(1);
    const booking = await store.bookings.get(s.tenantId, result.view.bookingId);
    expect(booking?.events.find((e) => e.personId === s.zoe)?.status).toBe('created');
    expect(booking?.status).toBe('booked');
  });

  it('a worker killed between claiming a job and recording the write: after the lease another worker finishes it, exactly one event', async () => {
    calendar.failures.set(s.zoe, { code: 'unavailable', message: 'HTTP 503' });
    const result = await book();
    if (!result.ok) throw new Error(result.error.message);
    calendar.failures.delete(s.zoe);
    const due = NOW + OUTBOX_GRACE_MS;
    // Worker "dead" claims every due write, then dies: for Zoe it had reached the provider (the event
    // exists under the booking's per-person key) but never recorded it nor completed the job.
    const claimed = await store.jobs.claim('dead', {
      limit: 20,
      leaseMs: DEFAULT_LEASE_MS,
      now: due,
      kinds: [CALENDAR_WRITE_JOB],
    });
    expect(claimed).toHaveLength(3);
    const booking = (await store.bookings.get(s.tenantId, result.view.bookingId))!;
    await calendar.writeFor(s.tenantId, s.zoe, await draftFor(store, booking, s.zoe));
    expect(calendar.live(s.zoe)).toHaveLength(1);

    // While the lease holds, nobody else runs them.
    expect((await run(due + 1000, 'w2')).claimed).toBe(0);
    const after = await run(due + DEFAULT_LEASE_MS + 1, 'w2');
    expect(after).toMatchObject({ claimed: 3, done: 3, retried: 0, compensated: 0 });
    // The retried write returned the event the dead worker created: no duplicate, and it is recorded.
    expect(calendar.live(s.zoe)).toHaveLength(1);
    for (const person of [s.ana, s.li, s.zoe]) expect(calendar.live(person)).toHaveLength(1);
    const final = (await store.bookings.get(s.tenantId, result.view.bookingId))!;
    expect(final.status).toBe('booked');
    expect(final.events.find((e) => e.personId === s.zoe)).toMatchObject({
      status: 'created',
      providerEventId: calendar.live(s.zoe)[0]!.eventId,
    });
    expect((await writeJobsOf(result.view.bookingId)).every((j) => j.status === 'done')).toBe(true);
  });

  it('a read-only calendar is kept in Convene: the job completes, nothing is cancelled', async () => {
    calendar.failures.set(s.li, { code: 'read_only' });
    const result = await book();
    if (!result.ok) throw new Error(result.error.message);
    const run1 = await run(NOW + OUTBOX_GRACE_MS);
    expect(run1).toMatchObject({ claimed: 3, done: 3, compensated: 0 });
    expect((await store.bookings.get(s.tenantId, result.view.bookingId))?.status).toBe('booked');
  });

  it('a permanent refusal in the worker compensates: booking cancelled, written events deleted, everyone told in their language', async () => {
    // Zoé's write fails transiently inline, then her calendar is gone for good.
    calendar.failures.set(s.zoe, { code: 'unavailable' });
    const result = await book();
    if (!result.ok) throw new Error(result.error.message);
    expect(calendar.live()).toHaveLength(2);
    calendar.failures.set(s.zoe, { code: 'not_found', message: 'calendar deleted' });

    const r = await run(NOW + OUTBOX_GRACE_MS);
    expect(r.compensated).toBe(1);
    const booking = await store.bookings.get(s.tenantId, result.view.bookingId);
    expect(booking?.status).toBe('cancelled');
    // The time is free again.
    expect(await store.bookings.listForPerson(s.tenantId, s.ana, SLOT1)).toHaveLength(0);
    // Deletions are outbox jobs too.
    await run(NOW + OUTBOX_GRACE_MS);
    expect(calendar.live()).toHaveLength(0);
    expect(notifier.to(s.ana)[0]).toContain('is NOT booked');
    expect(notifier.to(s.ana)[0]).toContain('Zoé');
    expect(notifier.to(s.zoe)[0]).toContain("n'est PAS réservé");
    expect(notifier.to(s.li)).toHaveLength(1);
    // Reminders were withdrawn in the same transaction.
    const reminders = await store.jobs.listByDedupePrefix(`reminder.dm:${booking!.id}:`);
    expect(reminders.length).toBe(3);
    expect(reminders.every((j) => j.status === 'cancelled')).toBe(true);
  });

  it('reauth_required is retried, then compensated after REAUTH_ATTEMPTS attempts', async () => {
    calendar.failures.set(s.li, { code: 'reauth_required' });
    const result = await book();
    if (!result.ok) throw new Error(result.error.message);
    let now = NOW + OUTBOX_GRACE_MS;
    for (let attempt = 1; attempt < REAUTH_ATTEMPTS; attempt++) {
      const r = await run(now);
      expect(r.compensated).toBe(0);
      expect((await store.bookings.get(s.tenantId, result.view.bookingId))?.status).toBe('booked');
      now += backoffMs(attempt);
    }
    const last = await run(now);
    expect(last.compensated).toBe(1);
    expect((await store.bookings.get(s.tenantId, result.view.bookingId))?.status).toBe('cancelled');
  });

  it('a permanent refusal during the booking itself answers calendar_refused (never "booked")', async () => {
    calendar.failures.set(s.zoe, { code: 'not_found' });
    const result = await book(s.zoe);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('calendar_refused');
    expect(result.error.message).toContain('Non réservé');
    const booking = (await store.bookings.listForPerson(s.tenantId, s.ana, SLOT1))[0];
    expect(booking).toBeUndefined();
    await run(NOW + OUTBOX_GRACE_MS);
    expect(calendar.live()).toHaveLength(0);
    expect(notifier.to(s.ana)[0]).toContain('is NOT booked');
  });

  it('startWorkers runs the jobs with the injected clock and timer, and stops', async () => {
    const result = await book();
    if (!result.ok) throw new Error(result.error.message);
    let sleeps = 0;
    let wake: (() => void) | undefined;
    const idle = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const workers = startWorkers(
      { store, writer: calendar, notifier },
      {
        worker: 'loop',
        clock: () => NOW + OUTBOX_GRACE_MS,
        sleep: async (_ms, signal) => {
          sleeps++;
          wake?.();
          await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
        },
      },
    );
    await idle;
    await workers.stop();
    expect(sleeps).toBe(1);
    expect((await writeJobsOf(result.view.bookingId)).every((j) => j.status === 'done')).toBe(true);
  });
  it('startWorkers prunes finished jobs past their retention when idle, a bounded batch per pass', async () => {
    const now = Date.now();
    const kind = 'test.inbox';
    for (const key of ['i:1', 'i:2']) {
      await store.jobs.enqueue({ kind, payload: {}, runAt: now - 1000, dedupeKey: key, maxAttempts: 1 });
    }
    for (const j of await store.jobs.claim('w', { limit: 5, leaseMs: 60_000, now, kinds: [kind] }))
      await store.jobs.complete(j.id, 'w');
    const pass = async (clock: number) => {
      let wake: (() => void) | undefined;
      const idle = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const workers = startWorkers(
        { store, writer: calendar, notifier },
        {
          worker: 'loop',
          clock: () => clock,
          retention: { [kind]: 24 * 3_600_000 },
          pruneBatch: 1,
          sleep: async (_ms, signal) => {
            wake?.();
            await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
          },
        },
      );
      await idle;
      await workers.stop();
      return (await store.jobs.listByDedupePrefix('i:')).length;
    };
    // Within the retention: kept. Past it: one per idle pass (pruneBatch 1).
    expect(await pass(now + 3_600_000)).toBe(2);
    expect(await pass(now + 25 * 3_600_000)).toBe(1);
    expect(await pass(now + 25 * 3_600_000)).toBe(0);
  });
});
