/**
 * Two-way sync per occurrence (issue #22) on the PGlite store with a scripted change source: a participant
 * moving or deleting ONE occurrence of a series in their calendar is noticed for that occurrence only (never
 * as a change of the whole meeting), Convene's own occurrence changes are echoes, and the organiser's
 * choices apply to that occurrence only (through ./manage-series.ts and `calendar.series` jobs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../../src/app/book-meeting.ts';
import {
  type CalendarSyncDeps,
  SYNC_ACTIONS,
  syncActionHandlers,
  syncWatch,
} from '../../../src/app/calendar-sync.ts';
import { cancelOccurrence, moveOccurrence } from '../../../src/app/manage-series.ts';
import { CALENDAR_SERIES_JOB, OUTBOX_GRACE_MS, runOutboxOnce } from '../../../src/app/outbox.ts';
import type { EventChange } from '../../../src/app/ports/changes.ts';
import type { Booking } from '../../../src/app/ports/store.ts';
import type { CalendarWatch } from '../../../src/app/ports/sync.ts';
import type { Store } from '../../../src/store/database.ts';
import { openTestStore } from '../../store/backends.ts';
import {
  freeBusy,
  HOUR,
  NOW,
  RecordingCalendar,
  type Seeded,
  SLOT1,
  SLOT2,
  seed,
} from '../outbox-fixtures.ts';
import { ActionNotifier, RecordingThreads, ScriptedSource, scriptedSources } from './fakes.ts';

let store: Store;
beforeAll(async () => {
  store = await openTestStore('pglite');
});
afterAll(async () => {
  await store?.close();
});

const DAY = 24 * HOUR;
/** Every Tuesday at 11:00 Paris, 6 times, from SLOT1 (Tue 24 Nov 2026; no DST change in the span). */
const OCC = Array.from({ length: 6 }, (_, i) => SLOT1.start + i * 7 * DAY);
const DURATION = SLOT1.end - SLOT1.start;

let counter = 0;
interface World {
  s: Seeded;
  booking: Booking;
  notifier: ActionNotifier;
  threads: RecordingThreads;
  source: ScriptedSource;
  watch: CalendarWatch;
  deps: CalendarSyncDeps;
  /** Li's recorded series event. */
  series: { eventId: string; iCalUID: string | null };
}

async function world(policy: 'ask' | 'follow' = 'ask'): Promise<World> {
  const s = await seed(store, `OS${++counter}`, [SLOT1, SLOT2], {
    zone: 'Europe/Paris',
    constraints: [],
    excluded: [],
    recurrence: { freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 1 }], count: 6 },
  });
  const calendar = new RecordingCalendar();
  for (const [person, connection] of s.connections) calendar.connections.set(person, connection);
  const notifier = new ActionNotifier();
  const booked = await bookMeeting(
    { store, busy: freeBusy, writer: calendar, notifier },
    { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now: NOW },
  );
  if (!booked.ok) throw new Error(booked.error.message);
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
    notifier,
    threads,
    source,
    watch,
    deps,
    series: { eventId: li.providerEventId, iCalUID: li.iCalUID },
  };
}

/** One occurrence of Li's series as a provider lists it: its own id, the series' id, its original start. */
const occurrence = (w: World, i: number, change: Partial<EventChange> = {}): EventChange => ({
  eventId: `${w.series.eventId}_${i}`,
  seriesEventId: w.series.eventId,
  occurrence: OCC[i]!,
  kind: 'changed',
  start: OCC[i]!,
  end: OCC[i]! + DURATION,
  ...change,
});
const movedBy = (w: World, i: number, by: number) =>
  occurrence(w, i, { start: OCC[i]! + by, end: OCC[i]! + by + DURATION });

async function sync(w: World, changes: EventChange[], options: { full?: boolean; at?: number } = {}) {
  w.source.pages.push({ changes, cursor: `c${w.source.queries.length + 1}`, full: options.full ?? false });
  return syncWatch(w.deps, w.s.tenantId, w.watch.id, options.at ?? NOW + HOUR);
}

const click = (w: World, action: string, value: string, now = NOW + 2 * HOUR) =>
  syncActionHandlers(w.deps)[action]!({ tenantId: w.s.tenantId, actorPersonId: w.s.ana, value, now });

const decisionsOf = async (w: World) =>
  (
    await store.query<{ kind: string; status: string; occurrence: Date | string | null }>(
      'SELECT kind, status, occurrence FROM sync_decision WHERE booking_id = $1 ORDER BY created_at, id',
      [w.booking.id],
    )
  ).map((d) => ({
    kind: d.kind,
    status: d.status,
    occurrence: d.occurrence === null ? null : new Date(d.occurrence).getTime(),
  }));

const seriesJobs = async (w: World) =>
  (await store.jobs.listByDedupePrefix(`${CALENDAR_SERIES_JOB}:${w.booking.id}:`)).filter(
    (j) => j.status === 'queued',
  );

describe('two-way sync of one occurrence of a series', () => {
  it('a participant moving one occurrence asks the organiser about THAT occurrence, never the whole meeting', async () => {
    const w = await world();
    const outcome = await sync(w, [movedBy(w, 2, 2 * HOUR)]);
    expect(outcome).toMatchObject({ code: 'synced', moved: 1, deleted: 0 });
    expect(await decisionsOf(w)).toEqual([{ kind: 'moved', status: 'open', occurrence: OCC[2] }]);
    const [dm] = w.notifier.to(w.s.ana);
    expect(dm!.text).toBe(
      'Li moved the Tue 8 Dec occurrence of “Roadmap” in their calendar to Tue 8 Dec, 13:00–13:30 (Paris time) ' +
        '(booked for Tue 8 Dec, 11:00–11:30 (Paris time)). Move this occurrence for everyone, keep its booked ' +
        'time, or cancel it only? The rest of the series stays.',
    );
    expect(dm!.actions.map((a) => [a.action, a.label])).toEqual([
      [SYNC_ACTIONS.follow, 'Move everyone’s Tue 8 Dec to Tue 8 Dec 13:00'],
      [SYNC_ACTIONS.restore, 'Keep Tue 8 Dec 11:00'],
      [SYNC_ACTIONS.cancel, 'Cancel Tue 8 Dec only'],
    ]);
    expect(w.threads.notes[0]!.text).toMatch(/^Li moved the Tue 8 Dec occurrence of “Roadmap”/);
    // The series event itself is untouched: still live, the booking at its first occurrence.
    const booking = (await store.bookings.get(w.s.tenantId, w.booking.id))!;
    expect(booking.start).toBe(SLOT1.start);
    expect(booking.events.find((e) => e.personId === w.s.li)!.status).toBe('created');
  });

  it('a participant deleting one occurrence: "Keep <date> without <name>" or "Cancel <date> only"; the series stays', async () => {
    const w = await world();
    // Google lists a deleted instance as `cancelled` with its original start; no times.
    const outcome = await sync(w, [
      {
        eventId: `${w.series.eventId}_3`,
        seriesEventId: w.series.eventId,
        occurrence: OCC[3]!,
        kind: 'deleted',
      },
    ]);
    expect(outcome).toMatchObject({ moved: 0, deleted: 1 });
    expect(await decisionsOf(w)).toEqual([{ kind: 'deleted', status: 'open', occurrence: OCC[3] }]);
    const [dm] = w.notifier.to(w.s.ana);
    expect(dm!.text).toContain('Li removed the Tue 15 Dec occurrence of “Roadmap” (Tue 15 Dec, 11:00–11:30');
    expect(dm!.actions.map((a) => [a.action, a.label])).toEqual([
      [SYNC_ACTIONS.without, 'Keep Tue 15 Dec without Li'],
      [SYNC_ACTIONS.restore, 'Keep Tue 15 Dec 11:00'],
      [SYNC_ACTIONS.cancel, 'Cancel Tue 15 Dec only'],
    ]);
    const booking = (await store.bookings.get(w.s.tenantId, w.booking.id))!;
    expect(booking.events.find((e) => e.personId === w.s.li)!.status).toBe('created');
  });

  it('untouched occurrences on a full listing are echoes, and the series is not taken for deleted', async () => {
    const w = await world();
    // A calendarView-style full page: the occurrences only, no series event (Graph lists no master).
    const outcome = await sync(
      w,
      OCC.map((_, i) => occurrence(w, i)),
      { full: true },
    );
    expect(outcome).toMatchObject({ moved: 0, deleted: 0, echoes: 6 });
    expect(await decisionsOf(w)).toEqual([]);
    expect(w.notifier.sent).toEqual([]);
    const booking = (await store.bookings.get(w.s.tenantId, w.booking.id))!;
    expect(booking.events.find((e) => e.personId === w.s.li)!.status).toBe('created');
  });

  it("Convene's own occurrence move and cancel are echoes (what it stored), before and after its jobs ran", async () => {
    const w = await world();
    const manage = { store, notifier: w.notifier, busy: freeBusy };
    const input = { tenantId: w.s.tenantId, bookingId: w.booking.id, actorPersonId: w.s.ana, now: NOW };
    expect(
      await moveOccurrence(manage, { ...input, occurrence: OCC[1]!, newStart: OCC[1]! + 3 * HOUR }),
    ).toMatchObject({
      ok: true,
    });
    expect(await cancelOccurrence(manage, { ...input, occurrence: OCC[4]! })).toMatchObject({ ok: true });
    w.notifier.sent.length = 0;
    // Not written yet (the old position), then written (the stored exception).
    const outcome = await sync(w, [
      occurrence(w, 1),
      movedBy(w, 1, 3 * HOUR),
      occurrence(w, 4),
      {
        eventId: `${w.series.eventId}_4`,
        seriesEventId: w.series.eventId,
        occurrence: OCC[4]!,
        kind: 'deleted',
      },
    ]);
    expect(outcome).toMatchObject({ moved: 0, deleted: 0, echoes: 4 });
    expect(await decisionsOf(w)).toEqual([]);
    expect(w.notifier.sent).toEqual([]);
    // A participant moving Convene's moved occurrence elsewhere is theirs again.
    expect(await sync(w, [movedBy(w, 1, 5 * HOUR)])).toMatchObject({ moved: 1 });
    expect(w.notifier.to(w.s.ana)[0]!.text).toContain('(booked for Tue 1 Dec, 14:00–14:30');
  });

  it('a series is still watched once its first occurrence is over (its later occurrences are not)', async () => {
    const w = await world();
    // Two days after the second occurrence: the booking's own times (the first occurrence) are long past.
    const at = OCC[1]! + 2 * DAY;
    expect(await sync(w, [movedBy(w, 3, HOUR)], { at })).toMatchObject({ code: 'synced', moved: 1 });
    expect(await decisionsOf(w)).toEqual([{ kind: 'moved', status: 'open', occurrence: OCC[3] }]);
    // An occurrence already over is nothing to decide.
    expect(await sync(w, [movedBy(w, 0, HOUR)], { at })).toMatchObject({ moved: 0 });
  });

  it('a single meeting (its request has criteria, no recurrence) is no longer watched once over', async () => {
    const s = await seed(store, `OS${++counter}`, [SLOT1, SLOT2], {
      zone: 'Europe/Paris',
      constraints: [],
      excluded: [],
    });
    const calendar = new RecordingCalendar();
    for (const [person, connection] of s.connections) calendar.connections.set(person, connection);
    const booked = await bookMeeting(
      { store, busy: freeBusy, writer: calendar, notifier: new ActionNotifier() },
      { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now: NOW },
    );
    if (!booked.ok) throw new Error(booked.error.message);
    await runOutboxOnce(
      { store, writer: calendar, notifier: new ActionNotifier() },
      { worker: 'w', now: NOW + OUTBOX_GRACE_MS },
    );
    const connectionId = s.connections.get(s.li)!;
    expect(await store.watches.trackedEvents(s.tenantId, { connectionId }, SLOT1.start)).toHaveLength(1);
    expect(await store.watches.trackedEvents(s.tenantId, { connectionId }, SLOT1.end + DAY)).toEqual([]);
    // The series of the other tests stays tracked after its first occurrence.
    const w = await world();
    const li = w.s.connections.get(w.s.li)!;
    expect(
      await store.watches.trackedEvents(w.s.tenantId, { connectionId: li }, SLOT1.end + DAY),
    ).toHaveLength(1);
  });

  it('a replayed page asks nothing twice; two occurrences are two questions', async () => {
    const w = await world();
    // Each sync at its own time (decisions are listed in the order they were opened).
    await sync(w, [movedBy(w, 2, 2 * HOUR)], { at: NOW + HOUR });
    await sync(w, [movedBy(w, 2, 2 * HOUR)], { at: NOW + 2 * HOUR });
    expect(w.notifier.to(w.s.ana)).toHaveLength(1);
    await sync(w, [movedBy(w, 3, HOUR)], { at: NOW + 3 * HOUR });
    expect(await decisionsOf(w)).toEqual([
      { kind: 'moved', status: 'open', occurrence: OCC[2] },
      { kind: 'moved', status: 'open', occurrence: OCC[3] },
    ]);
    // A newer move of the same occurrence supersedes its question only.
    await sync(w, [movedBy(w, 2, 4 * HOUR)], { at: NOW + 4 * HOUR });
    expect(await decisionsOf(w)).toEqual([
      { kind: 'moved', status: 'superseded', occurrence: OCC[2] },
      { kind: 'moved', status: 'open', occurrence: OCC[3] },
      { kind: 'moved', status: 'open', occurrence: OCC[2] },
    ]);
  });
});

describe("the organiser's choice on one occurrence", () => {
  const decisionOf = async (w: World) => w.notifier.to(w.s.ana)[0]!.actions[0]!.value;

  it('"Move everyone’s <date>" moves that occurrence for everyone (calendar.series jobs), once', async () => {
    const w = await world();
    await sync(w, [movedBy(w, 2, 2 * HOUR)]);
    const id = await decisionOf(w);
    const reply = await click(w, SYNC_ACTIONS.follow, id);
    expect(reply.text).toMatch(/Roadmap/);
    expect(await store.bookings.occurrences(w.s.tenantId, w.booking.id)).toEqual([
      {
        originalStart: OCC[2],
        status: 'moved',
        start: OCC[2]! + 2 * HOUR,
        end: OCC[2]! + 2 * HOUR + DURATION,
      },
    ]);
    const jobs = await seriesJobs(w);
    expect(jobs.map((j) => (j.payload as { personId: string }).personId).sort()).toEqual(
      [...w.booking.participantIds].sort(),
    );
    expect(jobs.every((j) => (j.payload as { change: { kind: string } }).change.kind === 'move')).toBe(true);
    expect(w.threads.notes.at(-1)!.text).toBe(
      'The Tue 8 Dec occurrence moved for everyone to Tue 8 Dec, 13:00–13:30 (Paris time); the rest of the series stays.',
    );
    // The booking (its rule, its first occurrence) is unchanged; a second click is "already decided".
    expect((await store.bookings.get(w.s.tenantId, w.booking.id))!.start).toBe(SLOT1.start);
    expect((await click(w, SYNC_ACTIONS.follow, id)).text).toMatch(/^Already decided: everyone was moved/);
    // Li's calendar now shows what Convene stored: an echo.
    expect(await sync(w, [movedBy(w, 2, 2 * HOUR)])).toMatchObject({ moved: 0, echoes: 1 });
  });

  it('"Keep <time>" puts that occurrence back in the participant’s calendar only (one calendar.series job)', async () => {
    const w = await world();
    await sync(w, [movedBy(w, 2, 2 * HOUR)]);
    const reply = await click(w, SYNC_ACTIONS.restore, await decisionOf(w));
    expect(reply.text).toBe(
      "Kept at Tue 8 Dec, 11:00–11:30 (Paris time): Li's calendar is being put back to that time.",
    );
    const jobs = await seriesJobs(w);
    expect(jobs.map((j) => j.payload)).toEqual([
      {
        bookingId: w.booking.id,
        personId: w.s.li,
        change: { kind: 'move', originalStart: OCC[2], start: OCC[2], end: OCC[2]! + DURATION },
      },
    ]);
    expect(await store.bookings.occurrences(w.s.tenantId, w.booking.id)).toEqual([]);
  });

  it('"Cancel <date> only" cancels that occurrence for everyone; the series stays booked', async () => {
    const w = await world();
    await sync(w, [movedBy(w, 2, 2 * HOUR)]);
    await click(w, SYNC_ACTIONS.cancel, await decisionOf(w));
    expect(await store.bookings.occurrences(w.s.tenantId, w.booking.id)).toEqual([
      { originalStart: OCC[2], status: 'cancelled' },
    ]);
    const jobs = await seriesJobs(w);
    expect(jobs).toHaveLength(w.booking.participantIds.length);
    expect(jobs.every((j) => (j.payload as { change: { kind: string } }).change.kind === 'cancel')).toBe(
      true,
    );
    expect((await store.bookings.get(w.s.tenantId, w.booking.id))!.status).toBe('booked');
    expect(w.threads.notes.at(-1)!.text).toBe(
      'The Tue 8 Dec occurrence is cancelled; the rest of the series stays.',
    );
  });

  it('"Keep <time>" after a deletion puts that occurrence back in the participant’s calendar (a `restore` job)', async () => {
    const w = await world();
    const deleted: EventChange = {
      eventId: `${w.series.eventId}_3`,
      seriesEventId: w.series.eventId,
      occurrence: OCC[3]!,
      kind: 'deleted',
    };
    await sync(w, [deleted]);
    const restore = w.notifier.to(w.s.ana)[0]!.actions.find((a) => a.action === SYNC_ACTIONS.restore);
    const reply = await click(w, SYNC_ACTIONS.restore, restore!.value);
    expect(reply.text).toBe(
      "Kept at Tue 15 Dec, 11:00–11:30 (Paris time): Li's calendar is being put back to that time.",
    );
    expect(await decisionsOf(w)).toEqual([{ kind: 'deleted', status: 'restored', occurrence: OCC[3] }]);
    // Li's calendar only; the provider's exception restore of the ONE series event (never a new event).
    const jobs = await seriesJobs(w);
    expect(jobs.map((j) => j.payload)).toEqual([
      {
        bookingId: w.booking.id,
        personId: w.s.li,
        change: { kind: 'restore', originalStart: OCC[3], start: OCC[3], end: OCC[3]! + DURATION },
      },
    ]);
    const applied: unknown[] = [];
    const writer = Object.assign(new RecordingCalendar(), {
      changeSeriesFor: async (_t: string, personId: string, target: unknown, change: unknown) => {
        applied.push({ personId, target, change });
        return { ok: true as const };
      },
    });
    await runOutboxOnce(
      { store, writer, notifier: w.notifier },
      { worker: 'w', now: NOW + 3 * HOUR, kinds: [CALENDAR_SERIES_JOB] },
    );
    // (Jobs left queued by the other cases of this store run too: only this booking's are looked at.)
    expect(applied.filter((a) => (a as { personId: string }).personId === w.s.li)).toEqual([
      {
        personId: w.s.li,
        target: expect.objectContaining({ eventId: w.series.eventId }),
        change: { kind: 'restore', originalStart: OCC[3], start: OCC[3], end: OCC[3]! + DURATION },
      },
    ]);
    // Convene stored nothing for the occurrence (it is on for everyone); back at its time it is an echo.
    expect(await store.bookings.occurrences(w.s.tenantId, w.booking.id)).toEqual([]);
    expect(await sync(w, [occurrence(w, 3)])).toMatchObject({ moved: 0, deleted: 0, echoes: 1 });
    expect(w.notifier.to(w.s.ana)).toHaveLength(1);
  });

  it('"Keep <date> without <name>" after a deletion changes nothing in any calendar', async () => {
    const w = await world();
    await sync(w, [
      {
        eventId: `${w.series.eventId}_3`,
        seriesEventId: w.series.eventId,
        occurrence: OCC[3]!,
        kind: 'deleted',
      },
    ]);
    const reply = await click(w, SYNC_ACTIONS.without, await decisionOf(w));
    expect(reply.text).toBe('Kept at Tue 15 Dec, 11:00–11:30 (Paris time), without Li.');
    expect(await seriesJobs(w)).toEqual([]);
    expect(await decisionsOf(w)).toEqual([{ kind: 'deleted', status: 'kept', occurrence: OCC[3] }]);
    expect(w.threads.notes.at(-1)!.text).toBe('The Tue 15 Dec occurrence goes ahead without Li.');
    // Seen again: already decided, nothing new asked.
    await sync(w, [
      {
        eventId: `${w.series.eventId}_3`,
        seriesEventId: w.series.eventId,
        occurrence: OCC[3]!,
        kind: 'deleted',
      },
    ]);
    expect(w.notifier.to(w.s.ana)).toHaveLength(1);
  });

  it('the `follow` policy moves that occurrence for everyone at once and tells the organiser', async () => {
    const w = await world('follow');
    expect(await sync(w, [movedBy(w, 1, HOUR)])).toMatchObject({ moved: 1 });
    expect(await decisionsOf(w)).toEqual([{ kind: 'moved', status: 'followed', occurrence: OCC[1] }]);
    expect(await store.bookings.occurrences(w.s.tenantId, w.booking.id)).toEqual([
      { originalStart: OCC[1], status: 'moved', start: OCC[1]! + HOUR, end: OCC[1]! + HOUR + DURATION },
    ]);
    const [dm] = w.notifier.to(w.s.ana);
    expect(dm!.actions).toEqual([]);
    expect(dm!.text).toMatch(/^Li moved the Tue 1 Dec occurrence of “Roadmap”/);
  });
});
