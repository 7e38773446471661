/**
 * Two-way sync use case on the PGlite store with a scripted change source: a participant's move or
 * deletion reaches the thread and the organiser (buttons), echoes of Convene's own writes do not, a
 * replayed page asks nothing twice, and the organiser's buttons do what they say exactly once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../../src/app/book-meeting.ts';
import {
  type CalendarSyncDeps,
  SYNC_ACTIONS,
  syncActionHandlers,
  syncWatch,
} from '../../../src/app/calendar-sync.ts';
import { rescheduleBooking } from '../../../src/app/manage-booking.ts';
import { CALENDAR_UPDATE_JOB, OUTBOX_GRACE_MS, runOutboxOnce } from '../../../src/app/outbox.ts';
import type { EventChange } from '../../../src/app/ports/changes.ts';
import type { Booking } from '../../../src/app/ports/store.ts';
import type { CalendarWatch } from '../../../src/app/ports/sync.ts';
import type { Store } from '../../../src/store/database.ts';
import { openTestStore } from '../../store/backends.ts';
import { freeBusy, HOUR, NOW, RecordingCalendar, type Seeded, SLOT1, seed } from '../outbox-fixtures.ts';
import { ActionNotifier, RecordingThreads, ScriptedSource, scriptedSources } from './fakes.ts';

let store: Store;
beforeAll(async () => {
  store = await openTestStore('pglite');
});
afterAll(async () => {
  await store?.close();
});

let counter = 0;
interface World {
  s: Seeded;
  booking: Booking;
  calendar: RecordingCalendar;
  notifier: ActionNotifier;
  threads: RecordingThreads;
  source: ScriptedSource;
  watch: CalendarWatch;
  deps: CalendarSyncDeps;
  /** Li's recorded event of the booking. */
  liEvent: { eventId: string; iCalUID: string | null };
}

async function world(policy: 'ask' | 'follow' = 'ask', options: { drain?: boolean } = {}): Promise<World> {
  const s = await seed(store, `SY${++counter}`);
  const calendar = new RecordingCalendar();
  for (const [person, connection] of s.connections) calendar.connections.set(person, connection);
  const notifier = new ActionNotifier();
  const booked = await bookMeeting(
    { store, busy: freeBusy, writer: calendar, notifier },
    { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now: NOW },
  );
  if (!booked.ok) throw new Error(booked.error.message);
  if (options.drain !== false)
    await runOutboxOnce({ store, writer: calendar, notifier }, { worker: 'w', now: NOW + OUTBOX_GRACE_MS });
  const booking = (await store.bookings.get(s.tenantId, booked.view.bookingId))!;
  const li = booking.events.find((e) => e.personId === s.li && e.status === 'created');
  if (!li?.providerEventId) throw new Error('li has no event');
  const source = new ScriptedSource();
  const liConnection = s.connections.get(s.li)!;
  const watch = (await store.watches.ensure({
    tenantId: s.tenantId,
    connectionId: liConnection,
    calendarId: li.calendarId,
    provider: 'google',
    mode: 'poll',
  }))!;
  const threads = new RecordingThreads();
  notifier.sent.length = 0;
  const deps: CalendarSyncDeps = {
    store,
    sources: scriptedSources(store.connections, new Map([[liConnection, source]])),
    notifier,
    threads,
    busy: freeBusy,
    policy: () => policy,
  };
  return {
    s,
    booking,
    calendar,
    notifier,
    threads,
    source,
    watch,
    deps,
    liEvent: { eventId: li.providerEventId, iCalUID: li.iCalUID },
  };
}

const moved = (w: World, by = 2 * HOUR): EventChange => ({
  eventId: w.liEvent.eventId,
  kind: 'changed',
  start: w.booking.start + by,
  end: w.booking.end + by,
});

async function sync(w: World, changes: EventChange[], options: { full?: boolean; at?: number } = {}) {
  w.source.pages.push({ changes, cursor: `c${w.source.queries.length + 1}`, full: options.full ?? false });
  return syncWatch(w.deps, w.s.tenantId, w.watch.id, options.at ?? NOW + HOUR);
}

const click = (w: World, action: string, actor: string, value: string, now = NOW + 2 * HOUR) =>
  syncActionHandlers(w.deps)[action]!({ tenantId: w.s.tenantId, actorPersonId: actor, value, now });

describe('calendar sync: detecting a participant change', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('a move notes the thread and asks the organiser with three buttons; the cursor and last sync are stored', async () => {
    const outcome = await sync(w, [moved(w)]);
    expect(outcome).toMatchObject({ code: 'synced', moved: 1, deleted: 0 });
    expect(w.threads.notes).toHaveLength(1);
    expect(w.threads.notes[0]!.text).toMatch(
      /^Li moved “Roadmap” in their calendar to Tue 24 Nov, 13:00–13:30 \(Paris time\) \(booked for Tue 24 Nov, 11:00–11:30/,
    );
    const [dm] = w.notifier.to(w.s.ana);
    expect(dm!.text).toContain('Move the meeting for everyone');
    expect(dm!.actions.map((a) => a.action)).toEqual([
      SYNC_ACTIONS.follow,
      SYNC_ACTIONS.restore,
      SYNC_ACTIONS.cancel,
    ]);
    expect(dm!.actions[0]!.label).toBe('Move everyone to Tue 24 Nov 13:00');
    expect(dm!.actions[1]!.label).toBe('Keep Tue 24 Nov 11:00');
    expect(dm!.actions.every((a) => a.value.length <= 64 && a.value === dm!.actions[0]!.value)).toBe(true);
    // Nobody else was told; the cursor and the sync time are kept.
    expect(w.notifier.sent).toHaveLength(1);
    const watch = (await store.watches.get(w.s.tenantId, w.watch.id))!;
    expect(watch.cursor).toBe('c1');
    expect(watch.lastSyncAt).toBe(NOW + HOUR);
    expect((await store.connections.get(w.s.tenantId, w.watch.connectionId))!.lastSyncAt).toBe(NOW + HOUR);
    expect(w.source.queries[0]!.cursor).toBeNull();
  });

  it('replaying the same page (a duplicate notification) asks nothing twice; a further move supersedes', async () => {
    await sync(w, [moved(w)]);
    await sync(w, [moved(w)]);
    expect(w.notifier.sent).toHaveLength(1);
    expect(w.threads.notes).toHaveLength(1);
    await sync(w, [moved(w, 3 * HOUR)]);
    expect(w.notifier.sent).toHaveLength(2);
    const first = w.notifier.sent[0]!.actions[0]!.value;
    expect((await store.watches.getDecision(w.s.tenantId, first))!.status).toBe('superseded');
    const answer = await click(w, SYNC_ACTIONS.follow, w.s.ana, first);
    expect(answer.text).toBe('Already decided: a newer change replaced this one.');
  });

  it('ignores echoes: the booked times, other events, and changes while Convene rewrites the event', async () => {
    const echo: EventChange = {
      eventId: w.liEvent.eventId,
      kind: 'changed',
      start: w.booking.start,
      end: w.booking.end,
    };
    const stranger: EventChange = { eventId: 'someone-elses-event', kind: 'deleted' };
    expect(await sync(w, [echo, stranger])).toMatchObject({ moved: 0, deleted: 0, echoes: 1 });
    // The organiser moves the meeting; before the outbox updates Li's event, Li's calendar still shows
    // the old time: that is not Li's doing.
    const r = await rescheduleBooking(
      { store, notifier: w.notifier, busy: freeBusy },
      {
        tenantId: w.s.tenantId,
        bookingId: w.booking.id,
        actorPersonId: w.s.ana,
        now: NOW,
        newStart: SLOT1.start + 4 * HOUR,
      },
    );
    expect(r.ok).toBe(true);
    w.notifier.sent.length = 0;
    expect(await sync(w, [echo])).toMatchObject({ moved: 0, echoes: 1 });
    expect(w.notifier.sent).toHaveLength(0);
    expect(w.threads.notes).toHaveLength(0);
  });

  it("a move made while the booking's write jobs still wait out the grace period is noticed (echo by content, not timing)", async () => {
    // Issue #20: the inline write succeeded, the calendar.write jobs stay queued for OUTBOX_GRACE_MS;
    // Li moves the event 5 s after booking. That is Li's change, not an echo of Convene's write.
    const fresh = await world('ask', { drain: false });
    const queued = await store.jobs.listByDedupePrefix(`calendar.write:${fresh.booking.id}:`);
    expect(queued.some((j) => j.status === 'queued')).toBe(true);
    const outcome = await sync(fresh, [moved(fresh)], { at: NOW + 5_000 });
    expect(outcome).toMatchObject({ moved: 1, echoes: 0 });
    expect(fresh.threads.notes).toHaveLength(1);
    expect(fresh.notifier.to(fresh.s.ana)).toHaveLength(1);
    // The write job then runs: the event is recorded already, nothing is rewritten over Li's move.
    await runOutboxOnce(
      { store, writer: fresh.calendar, notifier: fresh.notifier },
      { worker: 'w', now: NOW + OUTBOX_GRACE_MS },
    );
    expect(fresh.calendar.calls.filter((c) => c.op !== 'write' || c.personId === fresh.s.li)).toHaveLength(1);
  });

  it('the times the outbox is about to write are recorded before the provider call (a commit that times out is still an echo)', async () => {
    const r = await rescheduleBooking(
      { store, notifier: w.notifier, busy: freeBusy },
      {
        tenantId: w.s.tenantId,
        bookingId: w.booking.id,
        actorPersonId: w.s.ana,
        now: NOW,
        newStart: SLOT1.start + 4 * HOUR,
      },
    );
    expect(r.ok).toBe(true);
    w.calendar.failures.set(w.s.li, { code: 'timeout' });
    await runOutboxOnce({ store, writer: w.calendar, notifier: w.notifier }, { worker: 'w', now: NOW + 1 });
    const li = (await store.bookings.get(w.s.tenantId, w.booking.id))!.events.find(
      (e) => e.personId === w.s.li,
    )!;
    expect(li.expected).toEqual([
      [w.booking.start, w.booking.end],
      [SLOT1.start + 4 * HOUR, SLOT1.end + 4 * HOUR],
    ]);
  });

  it('two syncs of one calendar at once (two replicas, a late notification) ask the organiser once (model-found)', async () => {
    w.source.pages.push({ changes: [moved(w)], cursor: 'a', full: false });
    w.source.pages.push({ changes: [moved(w)], cursor: 'b', full: false });
    await Promise.all([
      syncWatch(w.deps, w.s.tenantId, w.watch.id, NOW + HOUR),
      syncWatch(w.deps, w.s.tenantId, w.watch.id, NOW + HOUR),
    ]);
    expect(w.notifier.to(w.s.ana)).toHaveLength(1);
    expect(w.threads.notes).toHaveLength(1);
  });

  it('a deletion marks the event deleted and offers "Keep without Li"', async () => {
    expect(await sync(w, [{ eventId: w.liEvent.eventId, kind: 'deleted' }])).toMatchObject({ deleted: 1 });
    const booking = (await store.bookings.get(w.s.tenantId, w.booking.id))!;
    expect(booking.events.find((e) => e.personId === w.s.li)!.status).toBe('deleted');
    const [dm] = w.notifier.to(w.s.ana);
    expect(dm!.actions.map((a) => [a.action, a.label])).toEqual([
      [SYNC_ACTIONS.without, 'Keep without Li'],
      [SYNC_ACTIONS.restore, 'Keep Tue 24 Nov 11:00'],
      [SYNC_ACTIONS.cancel, 'Cancel the meeting'],
    ]);
    expect(w.threads.notes[0]!.text).toMatch(/^Li removed “Roadmap” .* from their calendar\./);
    // Seen again (another page, a full listing): nothing new.
    await sync(w, [{ eventId: w.liEvent.eventId, kind: 'deleted' }]);
    await sync(w, [], { full: true });
    expect(w.notifier.sent).toHaveLength(1);
  });

  it('a full listing without the event means it was deleted; with it, nothing happened', async () => {
    const same: EventChange = { ...moved(w, 0) };
    expect(await sync(w, [same], { full: true })).toMatchObject({ moved: 0, deleted: 0 });
    expect(w.notifier.sent).toHaveLength(0);
    expect(await sync(w, [], { full: true })).toMatchObject({ deleted: 1 });
    expect(w.notifier.to(w.s.ana)[0]!.actions[0]!.action).toBe(SYNC_ACTIONS.without);
  });

  it('matches by iCalUID when the provider reports another event id', async () => {
    expect(w.liEvent.iCalUID).toBeNull(); // the recording calendar reports none: record one
    await store.bookings.recordEvent(w.s.tenantId, w.booking.id, {
      personId: w.s.li,
      calendarId: w.watch.calendarId,
      connectionId: w.watch.connectionId,
      providerEventId: w.liEvent.eventId,
      iCalUID: 'uid-li@convene',
      status: 'created',
    });
    const change = { ...moved(w), eventId: 'instance-id', iCalUID: 'uid-li@convene' };
    expect(await sync(w, [change])).toMatchObject({ moved: 1 });
  });

  it("an ICS feed of the person matches Convene's events by UID; its full listings never infer deletions", async () => {
    await store.bookings.recordEvent(w.s.tenantId, w.booking.id, {
      personId: w.s.li,
      calendarId: w.watch.calendarId,
      connectionId: w.watch.connectionId,
      providerEventId: w.liEvent.eventId,
      iCalUID: 'uid-li@convene',
      status: 'created',
    });
    const feed = (await store.connections.save({
      tenantId: w.s.tenantId,
      personId: w.s.li,
      provider: 'ics',
      account: 'https://feeds.example/li.ics',
      busyCalendarIds: ['https://feeds.example/li.ics'],
      writeCalendarId: null,
      secrets: {},
    }))!;
    const icsWatch = (await store.watches.ensure({
      tenantId: w.s.tenantId,
      connectionId: feed.id,
      calendarId: 'https://feeds.example/li.ics',
      provider: 'ics',
      mode: 'poll',
    }))!;
    const source = new ScriptedSource();
    const deps = { ...w.deps, sources: scriptedSources(store.connections, new Map([[feed.id, source]])) };
    source.pages.push({ changes: [], cursor: 'f1', full: true });
    expect(await syncWatch(deps, w.s.tenantId, icsWatch.id, NOW + HOUR)).toMatchObject({ deleted: 0 });
    source.pages.push({
      changes: [
        {
          eventId: 'uid-li@convene',
          iCalUID: 'uid-li@convene',
          kind: 'changed',
          start: w.booking.start + HOUR,
          end: w.booking.end + HOUR,
        },
      ],
      cursor: 'f2',
      full: false,
    });
    expect(await syncWatch(deps, w.s.tenantId, icsWatch.id, NOW + HOUR)).toMatchObject({ moved: 1 });
    expect(w.notifier.to(w.s.ana)).toHaveLength(1);
  });

  it('speaks French to a French organiser', async () => {
    await store.preferences.set(w.s.tenantId, w.s.ana, {
      timeZone: 'Europe/Paris',
      locale: 'fr-FR',
      workingHours: { rules: [], overrides: [] },
    });
    await sync(w, [moved(w)]);
    const [dm] = w.notifier.to(w.s.ana);
    expect(dm!.text).toMatch(/^Li a déplacé « Roadmap » dans son agenda : mar\. 24 nov\., 13:00–13:30/);
    expect(dm!.actions.map((a) => a.label)).toEqual([
      'Déplacer pour tous : mar. 24 nov. 13:00',
      'Garder mar. 24 nov. 11:00',
      'Annuler la réunion',
    ]);
    expect(w.threads.notes[0]!.text).toContain("L'organisateur choisit la suite.");
  });
});

describe('calendar sync: the organiser decides', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  const decisionOf = (w: World) => w.notifier.to(w.s.ana)[0]!.actions[0]!.value;

  it('"Move everyone" reschedules the booking to the new time, once; others are refused', async () => {
    await sync(w, [moved(w)]);
    const id = decisionOf(w);
    const refused = await click(w, SYNC_ACTIONS.follow, w.s.li, id);
    expect(refused.text).toBe('Only the organiser of this meeting can choose.');
    expect((await store.watches.getDecision(w.s.tenantId, id))!.status).toBe('open');

    const answer = await click(w, SYNC_ACTIONS.follow, w.s.ana, id);
    expect(answer.text).toMatch(/^Moved: “Roadmap” to Tue 24 Nov, 13:00–13:30/);
    const after = (await store.bookings.get(w.s.tenantId, w.booking.id))!;
    expect(after.start).toBe(w.booking.start + 2 * HOUR);
    const updates = await store.jobs.listByDedupePrefix(`${CALENDAR_UPDATE_JOB}:${w.booking.id}:`);
    expect(updates.map((j) => (j.payload as { personId: string }).personId).sort()).toEqual(
      [...w.booking.participantIds].sort(),
    );
    expect(w.threads.notes.at(-1)!.text).toMatch(/^Meeting moved for everyone to Tue 24 Nov, 13:00–13:30/);
    // The confirmation in the channel shows the new time too, not only the thread and the DMs (#20).
    expect(w.threads.shown).toHaveLength(1);
    expect(w.threads.shown[0]).toMatchObject({ bookingId: w.booking.id, movedBy: 'Ana' });
    expect(w.threads.shown[0]!.view.start).toBe(after.start);
    expect(w.threads.shown[0]!.view.label).toMatch(/^Tue 24 Nov, 13:00–13:30/);

    const again = await click(w, SYNC_ACTIONS.follow, w.s.ana, id);
    expect(again.text).toBe('Already decided: everyone was moved.');
    expect((await store.bookings.get(w.s.tenantId, w.booking.id))!.start).toBe(after.start);
    // Li's event at the new time is no longer a change once the booking is there.
    w.notifier.sent.length = 0;
    await runOutboxOnce(
      { store, writer: w.calendar, notifier: w.notifier },
      { worker: 'w', now: NOW + 3 * HOUR },
    );
    expect(await sync(w, [moved(w)], { at: NOW + 3 * HOUR })).toMatchObject({ moved: 0, echoes: 1 });
  });

  it('"Move everyone" while Li (the mover) shows busy at the new time: Li\'s own moved event does not count', async () => {
    await sync(w, [moved(w)]);
    const busyAtNewTime: CalendarSyncDeps['busy'] = {
      async busyFor(_t, personIds) {
        return {
          people: personIds.map((personId) => ({
            personId,
            busy:
              personId === w.s.li
                ? [{ start: w.booking.start + 2 * HOUR, end: w.booking.end + 2 * HOUR }]
                : [],
            complete: true,
          })),
          gaps: [],
        };
      },
    };
    const deps = { ...w.deps, busy: busyAtNewTime };
    const answer = await syncActionHandlers(deps)[SYNC_ACTIONS.follow]!({
      tenantId: w.s.tenantId,
      actorPersonId: w.s.ana,
      value: decisionOf(w),
      now: NOW + 2 * HOUR,
    });
    expect(answer.text).toMatch(/^Moved:/);
  });

  it('"Move everyone" when someone else is busy then: refused, and the question stays open', async () => {
    await sync(w, [moved(w)]);
    const zoeBusy: CalendarSyncDeps['busy'] = {
      async busyFor(_t, personIds) {
        return {
          people: personIds.map((personId) => ({
            personId,
            busy:
              personId === w.s.zoe
                ? [{ start: w.booking.start + 2 * HOUR, end: w.booking.end + 2 * HOUR }]
                : [],
            complete: true,
          })),
          gaps: [],
        };
      },
    };
    const answer = await syncActionHandlers({ ...w.deps, busy: zoeBusy })[SYNC_ACTIONS.follow]!({
      tenantId: w.s.tenantId,
      actorPersonId: w.s.ana,
      value: decisionOf(w),
      now: NOW + 2 * HOUR,
    });
    expect(answer.text).toBe('That time is not free for everyone: pick another one.');
    expect((await store.watches.getDecision(w.s.tenantId, decisionOf(w)))!.status).toBe('open');
    expect((await store.bookings.get(w.s.tenantId, w.booking.id))!.start).toBe(w.booking.start);
  });

  it('"Keep" puts Li\'s event back at the booked time through the outbox', async () => {
    await sync(w, [moved(w)]);
    const answer = await click(w, SYNC_ACTIONS.restore, w.s.ana, decisionOf(w));
    expect(answer.text).toMatch(
      /^Kept at Tue 24 Nov, 11:00–11:30 \(Paris time\): Li's calendar is being put back/,
    );
    const jobs = await store.jobs.listByDedupePrefix(
      `${CALENDAR_UPDATE_JOB}:${w.booking.id}:${w.s.li}:restore:`,
    );
    expect(jobs).toHaveLength(1);
    w.calendar.calls.length = 0;
    await runOutboxOnce(
      { store, writer: w.calendar, notifier: w.notifier },
      { worker: 'w', now: NOW + 2 * HOUR },
    );
    expect(w.calendar.calls.filter((c) => c.personId === w.s.li)).toEqual([
      { op: 'update', personId: w.s.li, eventId: w.liEvent.eventId },
    ]);
    expect((await click(w, SYNC_ACTIONS.restore, w.s.ana, decisionOf(w))).text).toBe(
      'Already decided: the booked time was kept.',
    );
    expect((await store.bookings.get(w.s.tenantId, w.booking.id))!.start).toBe(w.booking.start);
  });

  it('"Keep" after a deletion writes Li\'s event again', async () => {
    await sync(w, [{ eventId: w.liEvent.eventId, kind: 'deleted' }]);
    await w.calendar.deleteFor(w.s.tenantId, w.s.li, {
      connectionId: w.watch.connectionId,
      calendarId: w.watch.calendarId,
      eventId: w.liEvent.eventId,
    });
    await click(w, SYNC_ACTIONS.restore, w.s.ana, decisionOf(w));
    w.calendar.calls.length = 0;
    await runOutboxOnce(
      { store, writer: w.calendar, notifier: w.notifier },
      { worker: 'w', now: NOW + 2 * HOUR },
    );
    expect(w.calendar.calls.filter((c) => c.personId === w.s.li).map((c) => c.op)).toContain('write');
    const booking = (await store.bookings.get(w.s.tenantId, w.booking.id))!;
    expect(booking.events.find((e) => e.personId === w.s.li)!.status).toBe('created');
  });

  it('"Cancel the meeting" cancels it for everyone, once', async () => {
    await sync(w, [moved(w)]);
    const answer = await click(w, SYNC_ACTIONS.cancel, w.s.ana, decisionOf(w));
    expect(answer.text).toMatch(/^Cancelled: “Roadmap”/);
    expect((await store.bookings.get(w.s.tenantId, w.booking.id))!.status).toBe('cancelled');
    expect((await click(w, SYNC_ACTIONS.cancel, w.s.ana, decisionOf(w))).text).toBe(
      'Already decided: the meeting was cancelled.',
    );
  });

  it('"Keep without Li" keeps the booking as it is', async () => {
    await sync(w, [{ eventId: w.liEvent.eventId, kind: 'deleted' }]);
    const answer = await click(w, SYNC_ACTIONS.without, w.s.ana, decisionOf(w));
    expect(answer.text).toBe('Kept at Tue 24 Nov, 11:00–11:30 (Paris time), without Li.');
    expect((await store.bookings.get(w.s.tenantId, w.booking.id))!.status).toBe('booked');
    expect(w.threads.notes.at(-1)!.text).toBe('The meeting goes ahead without Li.');
  });

  it('a choice made after the meeting moved otherwise no longer applies', async () => {
    await sync(w, [moved(w)]);
    await rescheduleBooking(
      { store, notifier: w.notifier },
      {
        tenantId: w.s.tenantId,
        bookingId: w.booking.id,
        actorPersonId: w.s.ana,
        now: NOW,
        newStart: SLOT1.start + 5 * HOUR,
      },
    );
    const answer = await click(w, SYNC_ACTIONS.follow, w.s.ana, decisionOf(w));
    expect(answer.text).toBe('The meeting changed since: this choice no longer applies.');
    expect((await store.bookings.get(w.s.tenantId, w.booking.id))!.start).toBe(SLOT1.start + 5 * HOUR);
  });

  it('unknown or foreign decision ids are refused', async () => {
    expect((await click(w, SYNC_ACTIONS.follow, w.s.ana, 'not-a-decision')).text).toBe(
      'This choice no longer exists.',
    );
    await sync(w, [moved(w)]);
    const other = await world();
    const answer = await syncActionHandlers(other.deps)[SYNC_ACTIONS.follow]!({
      tenantId: other.s.tenantId,
      actorPersonId: other.s.ana,
      value: decisionOf(w),
      now: NOW + 2 * HOUR,
    });
    expect(answer.text).toBe('This choice no longer exists.');
  });
});

describe('calendar sync: policy "follow"', () => {
  it('applies a move at once and tells the organiser; a deletion keeps the meeting without them', async () => {
    const w = await world('follow');
    await sync(w, [moved(w)]);
    expect((await store.bookings.get(w.s.tenantId, w.booking.id))!.start).toBe(w.booking.start + 2 * HOUR);
    const [dm] = w.notifier.to(w.s.ana);
    expect(dm!.actions).toEqual([]);
    expect(dm!.text).toMatch(
      /^Li moved “Roadmap” in their calendar .* Moved: “Roadmap” to Tue 24 Nov, 13:00–13:30/,
    );

    const d = await world('follow');
    await sync(d, [{ eventId: d.liEvent.eventId, kind: 'deleted' }]);
    expect((await store.bookings.get(d.s.tenantId, d.booking.id))!.status).toBe('booked');
    expect(d.notifier.to(d.s.ana)[0]!.text).toMatch(/Kept at .*, without Li\.$/);
  });
});
