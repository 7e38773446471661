import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import { cancelBooking, type ManageBookingDeps, rescheduleBooking } from '../../src/app/manage-booking.ts';
import {
  CALENDAR_DELETE_JOB,
  CALENDAR_UPDATE_JOB,
  OUTBOX_GRACE_MS,
  runOutboxOnce,
} from '../../src/app/outbox.ts';
import type { BusyReader } from '../../src/app/ports/calendars.ts';
import type { Booking, EnqueueInput, Person, Preferences } from '../../src/app/ports/store.ts';
import { REMINDER_JOB } from '../../src/app/reminders.ts';
import type { Store } from '../../src/store/database.ts';
import { openTestStore } from '../store/backends.ts';
import {
  freeBusy,
  HOUR,
  NOW,
  RecordingCalendar,
  RecordingNotifier,
  type Seeded,
  SLOT1,
  SLOT2,
  seed,
} from './outbox-fixtures.ts';

// --- unit tests on in-memory ports ---------------------------------------------------------------

const T = '00000000-0000-4000-8000-000000000000';
const ANA = 'a0000000-0000-4000-8000-000000000001';
const LI = 'a0000000-0000-4000-8000-000000000002';
const ZOE = 'a0000000-0000-4000-8000-000000000003';
const OLGA = 'a0000000-0000-4000-8000-000000000004';

class MemoryBookings {
  readonly bookings = new Map<string, Booking>();
  readonly enqueued: EnqueueInput[] = [];
  readonly withdrawn: string[] = [];
  /** People busy in Convene at any time other than the booking's own (the DB guard's view). */
  readonly guardBusy = new Set<string>();
  readonly people = {
    get: async (_t: string, id: string): Promise<Person | null> => ({
      id,
      tenantId: T,
      displayName: { [ANA]: 'Ana', [LI]: 'Li', [ZOE]: 'Zoé', [OLGA]: 'Olga' }[id] ?? '?',
      email: null,
      identities: [],
    }),
  } as unknown as ManageBookingDeps['store']['people'];
  readonly preferences = {
    get: async (_t: string, id: string): Promise<Preferences | null> => ({
      personId: id,
      timeZone: id === LI ? 'America/New_York' : 'Europe/Paris',
      locale: id === ZOE ? 'fr-FR' : 'en-GB',
      workingHours: { rules: [], overrides: [] },
      tentativeFree: false,
      updatedAt: 0,
    }),
  } as unknown as ManageBookingDeps['store']['preferences'];
  readonly repo = {
    get: async (_t: string, id: string) => this.bookings.get(id) ?? null,
    cancel: async (
      _t: string,
      id: string,
      options: { withdrawJobs?: string; jobs?: (b: Booking) => readonly EnqueueInput[] } = {},
    ) => {
      const b = this.bookings.get(id);
      if (!b || b.status === 'cancelled') return false;
      const after = { ...b, status: 'cancelled' as const };
      this.bookings.set(id, after);
      if (options.withdrawJobs) this.withdrawn.push(options.withdrawJobs);
      this.enqueued.push(...(options.jobs?.(after) ?? []));
      return true;
    },
    reschedule: async (input: {
      bookingId: string;
      start: number;
      end: number;
      withdrawJobs?: string;
      jobs?: (b: Booking) => readonly EnqueueInput[];
    }) => {
      const b = this.bookings.get(input.bookingId);
      if (!b) return { ok: false as const, reason: 'not_found' as const };
      const busy = b.participantIds.filter((p) => this.guardBusy.has(p));
      if (busy.length > 0) return { ok: false as const, reason: 'conflict' as const, people: busy };
      const after = { ...b, start: input.start, end: input.end };
      this.bookings.set(b.id, after);
      if (input.withdrawJobs) this.withdrawn.push(input.withdrawJobs);
      this.enqueued.push(...(input.jobs?.(after) ?? []));
      return { ok: true as const, booking: after };
    },
  };
  store(): ManageBookingDeps['store'] {
    return {
      bookings: this.repo as unknown as ManageBookingDeps['store']['bookings'],
      people: this.people,
      preferences: this.preferences,
    };
  }
}

describe('manage booking (in-memory ports)', () => {
  let mem: MemoryBookings;
  let notifier: RecordingNotifier;
  const booking: Booking = {
    id: 'b0000000-0000-4000-8000-000000000001',
    tenantId: T,
    proposalId: null,
    organizerId: ANA,
    title: 'Roadmap',
    start: SLOT1.start,
    end: SLOT1.end,
    status: 'booked',
    idempotencyKey: 'k',
    participantIds: [ANA, LI, ZOE],
    events: [],
    createdAt: NOW,
  };
  beforeEach(() => {
    mem = new MemoryBookings();
    mem.bookings.set(booking.id, booking);
    notifier = new RecordingNotifier();
  });
  const deps = (busy: BusyReader = freeBusy): ManageBookingDeps => ({ store: mem.store(), notifier, busy });
  const input = (actor: string) => ({ tenantId: T, bookingId: booking.id, actorPersonId: actor, now: NOW });

  it('refuses someone outside the meeting and an unknown booking, in the actor language', async () => {
    const r = await cancelBooking(deps(), input(OLGA));
    expect(r.ok === false && r.error.code).toBe('not_allowed');
    const unknown = await cancelBooking(deps(), {
      ...input(ZOE),
      bookingId: 'b0000000-0000-4000-8000-00000000ffff',
    });
    expect(unknown.ok === false && unknown.error.message).toBe("Cette réunion n'existe plus.");
    expect(mem.bookings.get(booking.id)?.status).toBe('booked');
    expect(notifier.sent).toHaveLength(0);
  });

  it('cancel: delete jobs and reminder withdrawal in the cancel, the others told in their language', async () => {
    const r = await cancelBooking(deps(), input(LI));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.view.headline).toMatch(/^Cancelled: “Roadmap”/);
    expect(mem.enqueued.map((j) => [j.kind, (j.payload as { personId: string }).personId])).toEqual([
      [CALENDAR_DELETE_JOB, ANA],
      [CALENDAR_DELETE_JOB, LI],
      [CALENDAR_DELETE_JOB, ZOE],
    ]);
    expect(mem.withdrawn).toEqual([`${REMINDER_JOB}:${booking.id}:`]);
    expect([...r.view.notified].sort()).toEqual([ANA, ZOE].sort());
    expect(notifier.to(ZOE)[0]).toMatch(/^Li a annulé « Roadmap »/);
    expect(notifier.to(ANA)[0]).toMatch(/^Li cancelled “Roadmap”/);
    expect(notifier.to(LI)).toHaveLength(0);
    const again = await cancelBooking(deps(), input(ANA));
    expect(again.ok === false && again.error.code).toBe('already_cancelled');
  });

  it('reschedule: re-checks live (ignoring its own time), keeps the people, moves update jobs and reminders', async () => {
    const calls: { fresh: boolean | undefined }[] = [];
    const busy: BusyReader = {
      async busyFor(_t, ids, _range, options) {
        calls.push({ fresh: options?.fresh });
        // Everyone's calendar holds the meeting itself, overlapping the new time by 15 minutes.
        return { people: ids.map((personId) => ({ personId, busy: [SLOT1], complete: true })), gaps: [] };
      },
    };
    const newStart = SLOT1.start + 15 * 60_000;
    const r = await rescheduleBooking(deps(busy), { ...input(ZOE), newStart });
    if (!r.ok) throw new Error(r.error.message);
    expect(calls).toEqual([{ fresh: true }]);
    expect(r.view.headline).toMatch(/^Déplacé : « Roadmap »/);
    expect([r.view.start, r.view.end]).toEqual([newStart, newStart + 30 * 60_000]);
    expect(mem.bookings.get(booking.id)?.participantIds).toEqual([ANA, LI, ZOE]);
    expect(mem.enqueued.filter((j) => j.kind === CALENDAR_UPDATE_JOB)).toHaveLength(3);
    const reminders = mem.enqueued.filter((j) => j.kind === REMINDER_JOB);
    expect(reminders.map((j) => j.runAt)).toEqual([1, 2, 3].map(() => newStart - 15 * 60_000));
    expect(mem.withdrawn).toEqual([`${REMINDER_JOB}:${booking.id}:`]);
    expect(notifier.to(LI)[0]).toMatch(/^Zoé moved “Roadmap” to .*\(was /);
  });

  it('reschedule: a busy participant or the database guard → slot_taken, nothing moved; the past is refused', async () => {
    const busy: BusyReader = {
      async busyFor(_t, ids) {
        return {
          people: ids.map((personId) => ({ personId, busy: personId === LI ? [SLOT2] : [], complete: true })),
          gaps: [],
        };
      },
    };
    const r = await rescheduleBooking(deps(busy), { ...input(ANA), newStart: SLOT2.start });
    expect(r.ok === false && r.error).toMatchObject({ code: 'slot_taken', busy: [LI] });
    mem.guardBusy.add(ZOE);
    const guarded = await rescheduleBooking(deps(), { ...input(ANA), newStart: SLOT2.start });
    expect(guarded.ok === false && guarded.error).toMatchObject({ code: 'slot_taken', busy: [ZOE] });
    const past = await rescheduleBooking(deps(), { ...input(ANA), newStart: NOW - HOUR });
    expect(past.ok === false && past.error.code).toBe('invalid_time');
    expect(mem.bookings.get(booking.id)?.start).toBe(SLOT1.start);
    expect(mem.enqueued).toHaveLength(0);
    expect(notifier.sent).toHaveLength(0);
  });
});

// --- store-backed ---------------------------------------------------------------------------------

describe('manage booking (PGlite store + outbox)', () => {
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
  const book = async () => {
    const r = await bookMeeting(
      { store, busy: freeBusy, writer: calendar, notifier },
      { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now: NOW },
    );
    if (!r.ok) throw new Error(r.error.message);
    return r.view.bookingId;
  };
  const run = (now: number) => runOutboxOnce({ store, writer: calendar, notifier }, { worker: 'w', now });
  const deps = () => ({ store, notifier, busy: freeBusy, writer: calendar });

  it('reschedule updates the same provider events in place (no duplicates) and moves the reminders', async () => {
    const id = await book();
    const before = calendar
      .live()
      .map((e) => e.eventId)
      .sort();
    expect(before).toHaveLength(3);
    const r = await rescheduleBooking(deps(), {
      tenantId: s.tenantId,
      bookingId: id,
      actorPersonId: s.li,
      newStart: SLOT2.start,
      now: NOW + HOUR,
    });
    if (!r.ok) throw new Error(r.error.message);
    // The time moved in the store; the calendar follows through the outbox.
    expect(await store.bookings.listForPerson(s.tenantId, s.zoe, SLOT1)).toHaveLength(0);
    expect((await store.bookings.get(s.tenantId, id))?.start).toBe(SLOT2.start);
    await run(NOW + HOUR);
    expect(calendar.calls.filter((c) => c.op === 'update')).toHaveLength(3);
    const after = calendar.live();
    expect(after.map((e) => e.eventId).sort()).toEqual(before);
    expect(after.every((e) => e.start === SLOT2.start && e.end === SLOT2.end)).toBe(true);
    // The pending writes of the booking (the grace period) write nothing new either.
    await run(NOW + HOUR + OUTBOX_GRACE_MS);
    expect(calendar.events()).toHaveLength(3);
    const reminders = await store.jobs.listByDedupePrefix(`${REMINDER_JOB}:${id}:`);
    expect(reminders.filter((j) => j.status === 'cancelled')).toHaveLength(3);
    expect(reminders.filter((j) => j.status === 'queued').map((j) => j.runAt)).toEqual(
      [1, 2, 3].map(() => SLOT2.start - 15 * 60_000),
    );
    expect(notifier.to(s.zoe)[0]).toMatch(/^Li a déplacé « Roadmap »/);

    // The database guard: a meeting of Zoé's at the next time makes it "taken".
    const other = await store.bookings.bookSlot({
      tenantId: s.tenantId,
      people: [s.zoe],
      start: SLOT1.start,
      end: SLOT1.end,
      title: 'Other',
      idempotencyKey: 'other',
    });
    expect(other.ok).toBe(true);
    const back = await rescheduleBooking(deps(), {
      tenantId: s.tenantId,
      bookingId: id,
      actorPersonId: s.ana,
      newStart: SLOT1.start,
      now: NOW + HOUR,
    });
    expect(back.ok === false && back.error).toMatchObject({ code: 'slot_taken', busy: [s.zoe] });
  });

  it('a calendar that refuses the update: the moved meeting stands, the organiser and that person are told', async () => {
    const id = await book();
    calendar.failures.set(s.zoe, { code: 'not_found' });
    const r = await rescheduleBooking(deps(), {
      tenantId: s.tenantId,
      bookingId: id,
      actorPersonId: s.li,
      newStart: SLOT2.start,
      now: NOW + HOUR,
    });
    if (!r.ok) throw new Error(r.error.message);
    const result = await run(NOW + HOUR);
    expect(result.compensated).toBe(1);
    expect((await store.bookings.get(s.tenantId, id))?.status).toBe('booked');
    expect(notifier.to(s.zoe).at(-1)).toContain("montre encore l'ancien horaire");
    expect(notifier.to(s.ana).at(-1)).toContain("Zoé's calendar could not be updated");
    expect(calendar.live(s.li)[0]?.start).toBe(SLOT2.start);
  });

  it('cancel deletes the provider events through the outbox and frees the time', async () => {
    const id = await book();
    const r = await cancelBooking(deps(), {
      tenantId: s.tenantId,
      bookingId: id,
      actorPersonId: s.zoe,
      now: NOW,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.view.headline).toMatch(/^Annulé : « Roadmap »/);
    expect(await store.bookings.listForPerson(s.tenantId, s.li, SLOT1)).toHaveLength(0);
    await run(NOW + OUTBOX_GRACE_MS);
    expect(calendar.live()).toHaveLength(0);
    const booking = await store.bookings.get(s.tenantId, id);
    expect(booking?.events.map((e) => e.status)).toEqual(['deleted', 'deleted', 'deleted']);
    expect(calendar.calls.filter((c) => c.op === 'write')).toHaveLength(3); // the inline ones only
  });
});
