import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import { cancelBooking } from '../../src/app/manage-booking.ts';
import { runOutboxOnce } from '../../src/app/outbox.ts';
import type { Notifier } from '../../src/app/ports/calendars.ts';
import { DEFAULT_REMINDER_LEAD_MINUTES, REMINDER_JOB, reminderJobs } from '../../src/app/reminders.ts';
import type { Store } from '../../src/store/database.ts';
import { createTestDatabase, openTestStore, type TestDatabase } from '../store/backends.ts';
import {
  freeBusy,
  HOUR,
  NOW,
  RecordingCalendar,
  RecordingNotifier,
  type Seeded,
  SLOT1,
  seed,
} from './outbox-fixtures.ts';

const MIN = 60_000;

describe('reminders (PGlite)', () => {
  let store: Store;
  let s: Seeded;
  let calendar: RecordingCalendar;
  let notifier: RecordingNotifier;
  beforeEach(async () => {
    store = await openTestStore('pglite');
    s = await seed(store);
    calendar = new RecordingCalendar();
    for (const [p, c] of s.connections) calendar.connections.set(p, c);
    notifier = new RecordingNotifier();
  });
  afterEach(async () => {
    await store?.close();
  });
  const run = (now: number) =>
    runOutboxOnce({ store, writer: calendar, notifier }, { worker: 'w', now, kinds: [REMINDER_JOB] });
  const book = async (leads?: Record<string, number | null>) => {
    const result = await bookMeeting(
      {
        store,
        busy: freeBusy,
        writer: calendar,
        notifier,
        ...(leads ? { reminders: { leadMinutes: async (_t, id) => leads[id] ?? null } } : {}),
      },
      { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now: NOW },
    );
    if (!result.ok) throw new Error(result.error.message);
    return result.view.bookingId;
  };

  it(`DMs each participant ${DEFAULT_REMINDER_LEAD_MINUTES} minutes before, once, in their language and zone`, async () => {
    await book();
    expect((await run(SLOT1.start - 16 * MIN)).claimed).toBe(0);
    const r = await run(SLOT1.start - 15 * MIN);
    expect(r).toMatchObject({ claimed: 3, done: 3 });
    expect(notifier.to(s.zoe)).toEqual([expect.stringMatching(/^Rappel : « Roadmap » commence dans 15 min/)]);
    expect(notifier.to(s.li)).toEqual([expect.stringMatching(/^Reminder: “Roadmap” starts in 15 min/)]);
    // Li reads it in New York time, Ana in Paris time.
    expect(notifier.to(s.li)[0]).not.toEqual(notifier.to(s.ana)[0]);
    expect((await run(SLOT1.start - 5 * MIN)).claimed).toBe(0);
    expect(notifier.sent).toHaveLength(3);
  });

  it('uses the per-person lead time (0 = no reminder)', async () => {
    const id = await book({ [s.li]: 60, [s.zoe]: 0 });
    const jobs = await store.jobs.listByDedupePrefix(`${REMINDER_JOB}:${id}:`);
    expect(
      Object.fromEntries(jobs.map((j) => [(j.payload as { personId: string }).personId, j.runAt])),
    ).toEqual({
      [s.ana]: SLOT1.start - 15 * MIN,
      [s.li]: SLOT1.start - 60 * MIN,
    });
  });

  it('a cancelled meeting sends no reminder (its jobs are withdrawn)', async () => {
    const id = await book();
    const cancelled = await cancelBooking(
      { store, notifier },
      { tenantId: s.tenantId, bookingId: id, actorPersonId: s.li, now: NOW + HOUR },
    );
    expect(cancelled.ok).toBe(true);
    const jobs = await store.jobs.listByDedupePrefix(`${REMINDER_JOB}:${id}:`);
    expect(jobs.map((j) => j.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const before = notifier.sent.length;
    expect((await run(SLOT1.start - 15 * MIN)).claimed).toBe(0);
    expect(notifier.sent.length).toBe(before);
  });
});

describe('reminders: two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: Store;
  let b: Store;
  let s: Seeded;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    a = await database.open();
    b = await database.open();
    s = await seed(a, 'REPLICAS');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('each reminder is delivered exactly once', async () => {
    const BOOKINGS = 12;
    const people = [s.ana, s.li, s.zoe];
    const leads = new Map(people.map((p) => [p, 15 * MIN]));
    // One-minute meetings back to back: every reminder is due at `now`, no meeting has started.
    for (let i = 0; i < BOOKINGS; i++) {
      const booked = await a.bookings.bookSlot({
        tenantId: s.tenantId,
        people,
        start: NOW + 2 * HOUR + i * MIN,
        end: NOW + 2 * HOUR + (i + 1) * MIN,
        title: `Meeting ${i}`,
        idempotencyKey: `replicas-${i}`,
        organizerId: s.ana,
        jobs: (booking) => reminderJobs(booking, leads, NOW),
      });
      expect(booked.ok).toBe(true);
    }
    const now = NOW + 2 * HOUR - MIN;
    const delivered: { worker: string; personId: string; text: string }[] = [];
    const notifierOf = (worker: string): Notifier => ({
      async dm(_tenantId, personId, message) {
        await new Promise((r) => setTimeout(r, 2)); // a real DM takes time: let the replicas interleave
        delivered.push({ worker, personId, text: message.text });
        return { ok: true };
      },
    });
    const calendar = new RecordingCalendar();
    // Two replicas (two stores = two connection pools, two worker ids) drain the queue concurrently.
    const replica = async (worker: string, store: Store) => {
      let claimed = 0;
      for (;;) {
        const r = await runOutboxOnce(
          { store, writer: calendar, notifier: notifierOf(worker) },
          { worker, now, limit: 2 },
        );
        if (r.claimed === 0) return claimed;
        claimed += r.claimed;
      }
    };
    const [na, nb] = await Promise.all([replica('replica-a', a), replica('replica-b', b)]);
    console.log(`[replicas] replica-a ran ${na}, replica-b ran ${nb}, delivered ${delivered.length}`);
    expect(na + nb).toBe(BOOKINGS * people.length);
    expect(delivered).toHaveLength(BOOKINGS * people.length);
    const keys = delivered.map((d) => `${d.personId}|${/Meeting \d+/.exec(d.text)?.[0]}`);
    expect(new Set(keys).size).toBe(BOOKINGS * people.length);
    for (let i = 0; i < BOOKINGS; i++)
      for (const p of people) expect(keys.filter((k) => k === `${p}|Meeting ${i}`)).toHaveLength(1);
    // Nothing left to run on either replica.
    expect(
      (await runOutboxOnce({ store: b, writer: calendar, notifier: notifierOf('x') }, { worker: 'x', now }))
        .claimed,
    ).toBe(0);
  }, 60_000);
});
