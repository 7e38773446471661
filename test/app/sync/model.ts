/**
 * Model-based test of bookings and two-way sync (issue #20): fast-check commands drive random
 * interleavings of Convene (book, reschedule, cancel, the outbox worker, restarts), a participant (move,
 * shorten, delete or decline their event), the provider (transient and permanent failures, a write that
 * commits and then times out) and change detection (polls and push notifications, duplicated, or late:
 * a listing taken now and applied after other steps), with a clock moved around the outbox grace period
 * and the poll interval. After quiescence the invariants of the issue must hold (see `checkInvariants`).
 *
 * The calendar is `ModelCalendar`: an in-process provider with Google's semantics (client-set
 * idempotency key, event ids, an incremental cursor that lists changed and deleted events since the
 * last listing, a full listing on the first sync), so thousands of sequences run in minutes on the
 * real store (PGlite or PostgreSQL) and the real use cases.
 */
import fc from 'fast-check';
import { bookMeeting } from '../../../src/app/book-meeting.ts';
import {
  type CalendarSyncDeps,
  type ChangeSources,
  syncActionHandlers,
  syncWatch,
} from '../../../src/app/calendar-sync.ts';
import { cancelBooking, rescheduleBooking } from '../../../src/app/manage-booking.ts';
import { DEFAULT_LEASE_MS, OUTBOX_GRACE_MS, runOutboxOnce } from '../../../src/app/outbox.ts';
import type {
  DeleteOutcome,
  DmAction,
  EventEditor,
  EventTarget,
  EventWriter,
  MeetingThreads,
  Notifier,
  WriteOutcome,
} from '../../../src/app/ports/calendars.ts';
import type { ChangePage, ChangeQuery, ChangeSource, EventChange } from '../../../src/app/ports/changes.ts';
import type { EventDraft } from '../../../src/app/ports/provider.ts';
import type { Booking, CalendarConnection } from '../../../src/app/ports/store.ts';
import type { CalendarWatch } from '../../../src/app/ports/sync.ts';
import type { Store } from '../../../src/store/database.ts';
import { freeBusy, HOUR, NOW, type Seeded, seed } from '../outbox-fixtures.ts';

const MINUTE = 60_000;
/** The poll interval the model's clock moves around (a CalDAV watch polls every few minutes). */
export const POLL_MS = 5 * MINUTE;

export type Fault = 'transient' | 'permanent' | 'timeout_after_commit';

/** An event as the person's calendar holds it now. */
export interface LiveEvent {
  readonly eventId: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The calendars of one world: the in-process `ModelCalendar`, or the real connectors talking to the
 * Google fake, the Graph fake or Radicale (./model-providers.ts). Faults are armed here and spent by the
 * next writer call (`fault`) or the next listing (`listFault`), through the provider's own failure modes.
 */
export interface CalendarBackend {
  readonly name: string;
  /** Convene's writes (the outbox and the inline booking writes go through it). */
  readonly writer: EventWriter & EventEditor;
  /** Each person's connection id (the one Convene writes and syncs through). */
  readonly connections: Map<string, string>;
  /** The watch of each person: provider and calendar id. */
  watchOf(personId: string): { provider: CalendarWatch['provider']; calendarId: string };
  /** The change source of a stored connection, unheld (the model holds listings around it). */
  openSource(
    store: Store,
    tenantId: string,
    connectionId: string,
  ): Promise<{ connection: CalendarConnection; source: ChangeSource | null } | null>;
  /** The person's events as their calendar holds them (not through Convene). */
  live(personId: string): Promise<LiveEvent[]>;
  /** The participant changes their event in their own calendar app. */
  userEdit(personId: string, change: { start?: number; end?: number; deleted?: boolean }): Promise<boolean>;
  fault: Fault | null;
  listFault: boolean;
  /** Waits for anything the provider does in the background (push deliveries). */
  settle?(): Promise<void>;
}

interface CalEvent {
  readonly eventId: string;
  readonly personId: string;
  readonly key: string;
  start: number;
  end: number;
  deleted: boolean;
  /** Version of the last change (the incremental cursor lists versions above it). */
  version: number;
}

/** One provider for everyone: Google-like writes (idempotency key), edits, deletes and change listing. */
export class ModelCalendar implements EventWriter, EventEditor, CalendarBackend {
  readonly name = 'model';
  readonly writer = this;
  readonly events: CalEvent[] = [];
  readonly connections = new Map<string, string>();
  /** The next writer call (write, update or delete) of anyone fails this way. */
  fault: Fault | null = null;
  /** The next `listChanges` throws (an outage during a sync). */
  listFault = false;
  #version = 0;
  #ids = 0;

  liveNow(personId: string): CalEvent[] {
    return this.events.filter((e) => e.personId === personId && !e.deleted);
  }

  async live(personId: string): Promise<LiveEvent[]> {
    return this.liveNow(personId);
  }

  watchOf(_personId: string) {
    return { provider: 'google' as const, calendarId: 'primary' };
  }

  async openSource(store: Store, tenantId: string, connectionId: string) {
    const connection = await store.connections.get(tenantId, connectionId);
    if (!connection) return null;
    return { connection, source: new ModelSource(this, connection.personId) };
  }

  #bump(event: CalEvent): void {
    event.version = ++this.#version;
  }

  #take(): Fault | null {
    const f = this.fault;
    this.fault = null;
    return f;
  }

  #failed(f: Fault, personId: string): WriteOutcome {
    const code = f === 'permanent' ? 'invalid_request' : f === 'transient' ? 'unavailable' : 'timeout';
    return {
      ok: false,
      connectionId: this.connections.get(personId) ?? null,
      calendarId: 'primary',
      code,
      message: code,
    };
  }

  #ok(personId: string, event: CalEvent): WriteOutcome {
    return {
      ok: true,
      connectionId: this.connections.get(personId)!,
      calendarId: 'primary',
      event: { eventId: event.eventId },
    };
  }

  async writeFor(_t: string, personId: string, draft: Omit<EventDraft, 'calendarId'>): Promise<WriteOutcome> {
    const f = this.#take();
    if (f === 'transient' || f === 'permanent') return this.#failed(f, personId);
    // Google: a client-set event id; inserting a known id answers with the existing event.
    let event = this.events.find((e) => e.key === draft.idempotencyKey);
    if (!event) {
      event = {
        eventId: `ev${++this.#ids}`,
        personId,
        key: draft.idempotencyKey,
        start: draft.start,
        end: draft.end,
        deleted: false,
        version: 0,
      };
      this.events.push(event);
      this.#bump(event);
    }
    return f === 'timeout_after_commit' ? this.#failed(f, personId) : this.#ok(personId, event);
  }

  async updateFor(
    _t: string,
    personId: string,
    target: EventTarget,
    draft: Omit<EventDraft, 'calendarId'>,
  ): Promise<WriteOutcome> {
    const f = this.#take();
    if (f === 'transient' || f === 'permanent') return this.#failed(f, personId);
    const event = this.events.find((e) => e.eventId === target.eventId);
    if (!event) return { ok: false, connectionId: target.connectionId, code: 'not_found', message: 'gone' };
    // Google: patching a cancelled event brings it back.
    event.start = draft.start;
    event.end = draft.end;
    event.deleted = false;
    this.#bump(event);
    return f === 'timeout_after_commit' ? this.#failed(f, personId) : this.#ok(personId, event);
  }

  async deleteFor(_t: string, _personId: string, target: EventTarget): Promise<DeleteOutcome> {
    const f = this.#take();
    if (f === 'transient' || f === 'permanent')
      return { ok: false, code: f === 'permanent' ? 'invalid_request' : 'unavailable', message: f };
    const event = this.events.find((e) => e.eventId === target.eventId);
    if (event && !event.deleted) {
      event.deleted = true;
      this.#bump(event);
    }
    return f === 'timeout_after_commit' ? { ok: false, code: 'timeout', message: 'timeout' } : { ok: true };
  }

  /** The participant, in their own calendar. */
  async userEdit(personId: string, change: { start?: number; end?: number; deleted?: boolean }) {
    const [event] = this.liveNow(personId);
    if (!event) return false;
    if (change.start !== undefined) event.start = change.start;
    if (change.end !== undefined) event.end = change.end;
    if (change.deleted) event.deleted = true;
    this.#bump(event);
    return true;
  }

  /** The page a listing returns now (computed at call time, like a provider). */
  page(personId: string, cursor: string | null): ChangePage {
    if (this.listFault) {
      this.listFault = false;
      throw new Error('unavailable: listing failed');
    }
    const since = cursor === null ? null : Number(cursor);
    const mine = this.events.filter((e) => e.personId === personId);
    const changes: EventChange[] = (
      since === null ? mine.filter((e) => !e.deleted) : mine.filter((e) => e.version > since)
    ).map((e) =>
      e.deleted
        ? { eventId: e.eventId, kind: 'deleted' as const }
        : { eventId: e.eventId, kind: 'changed' as const, start: e.start, end: e.end },
    );
    return { changes, cursor: String(this.#version), full: since === null };
  }
}

class ModelSource implements ChangeSource {
  readonly calendar: ModelCalendar;
  readonly personId: string;
  constructor(calendar: ModelCalendar, personId: string) {
    this.calendar = calendar;
    this.personId = personId;
  }
  async listChanges(query: ChangeQuery): Promise<ChangePage> {
    return this.calendar.page(this.personId, query.cursor);
  }
}

/** A person's listings, holdable: the page is taken at call time and delivered later. */
class HeldSource {
  hold = false;
  readonly held: { release: () => void }[] = [];
  /** Wraps the provider's source (opened per sync, as the sync job does). */
  wrap(inner: ChangeSource): ChangeSource {
    return {
      listChanges: async (query: ChangeQuery): Promise<ChangePage> => {
        const page = await inner.listChanges(query);
        if (!this.hold) return page;
        await new Promise<void>((resolve) => this.held.push({ release: resolve }));
        return page;
      },
    };
  }
}

interface Dm {
  readonly personId: string;
  readonly text: string;
  readonly actions: readonly DmAction[];
}

export interface World {
  readonly store: Store;
  readonly tenantId: string;
  readonly ana: string;
  readonly li: string;
  readonly zoe: string;
  readonly people: readonly string[];
  readonly calendar: CalendarBackend;
  readonly sources: Map<string, HeldSource>;
  readonly watches: CalendarWatch[];
  readonly dms: Dm[];
  readonly notes: string[];
  readonly deps: CalendarSyncDeps;
  readonly notifier: Notifier;
  /** Starts shown in the channel's meeting message (confirmation, then each rewrite). */
  readonly shown: number[];
  now: number;
  bookingId: string | null;
  /** Participant edits that changed the event (each may be noticed at most once). */
  participantChanges: number;
  /** Syncs in flight (held listings). */
  readonly inFlight: Promise<unknown>[];
  readonly log: string[];
  restarts: number;
}

/** Makes a world's calendars: links the seeded people (new connections if needed). */
export type BackendFactory = (context: {
  readonly store: Store;
  readonly seeded: Seeded;
  readonly tag: string;
  /** The world's clock (the model moves it). */
  readonly clock: () => number;
  readonly notifier: Notifier;
}) => Promise<CalendarBackend>;

export const modelBackend: BackendFactory = async ({ seeded: s }) => {
  const calendar = new ModelCalendar();
  for (const [person, connection] of s.connections) calendar.connections.set(person, connection);
  return calendar;
};

export async function newWorld(
  store: Store,
  tag: string,
  policy: 'ask' | 'follow',
  backend: BackendFactory = modelBackend,
): Promise<World> {
  const s = await seed(store, tag);
  const world = { now: NOW } as World;
  const dms: Dm[] = [];
  const notes: string[] = [];
  const shown: number[] = [];
  const notifier: Notifier = {
    async dm(_t, personId, message) {
      dms.push({ personId, text: message.text, actions: message.actions ?? [] });
      return { ok: true };
    },
  };
  const calendar = await backend({ store, seeded: s, tag, clock: () => world.now, notifier });
  const threads: MeetingThreads = {
    async note(_t, _b, text) {
      notes.push(text);
      return { ok: true };
    },
    async showMoved(_t, _b, view) {
      shown.push(view.start);
      return { ok: true };
    },
  };
  const sources = new Map<string, HeldSource>();
  for (const person of [s.ana, s.li, s.zoe]) sources.set(person, new HeldSource());
  const changeSources: ChangeSources = {
    async open(tenantId, connectionId) {
      const opened = await calendar.openSource(store, tenantId, connectionId);
      if (!opened?.source) return opened;
      const held = sources.get(opened.connection.personId);
      return { connection: opened.connection, source: held ? held.wrap(opened.source) : opened.source };
    },
  };
  const deps: CalendarSyncDeps = {
    store,
    sources: changeSources,
    notifier,
    threads,
    busy: freeBusy,
    policy: () => policy,
  };
  const watches: CalendarWatch[] = [];
  for (const person of [s.ana, s.li, s.zoe]) {
    const watch = await store.watches.ensure({
      tenantId: s.tenantId,
      connectionId: calendar.connections.get(person)!,
      ...calendar.watchOf(person),
      mode: 'poll',
    });
    if (watch) watches.push(watch);
  }
  Object.assign(world, {
    store,
    tenantId: s.tenantId,
    ana: s.ana,
    li: s.li,
    zoe: s.zoe,
    people: [s.ana, s.li, s.zoe],
    calendar,
    sources,
    watches,
    dms,
    notes,
    deps,
    notifier,
    shown,
    now: NOW,
    bookingId: null,
    participantChanges: 0,
    inFlight: [],
    log: [],
    restarts: 0,
  } satisfies Omit<World, never>);
  // Convene books (the inline writes happen now; the outbox jobs wait out the grace period).
  const booked = await bookMeeting(
    { store, busy: freeBusy, writer: calendar.writer, notifier },
    { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now: NOW },
  );
  if (!booked.ok) throw new Error(`model: booking refused (${booked.error.message})`);
  world.bookingId = booked.view.bookingId;
  const booking = await store.bookings.get(s.tenantId, booked.view.bookingId);
  if (booking) shown.push(booking.start);
  return world;
}

export const booking = async (w: World): Promise<Booking> =>
  (await w.store.bookings.get(w.tenantId, w.bookingId!))!;

async function runOutbox(w: World, worker = 'w'): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const r = await runOutboxOnce(
      { store: w.store, writer: w.calendar.writer, notifier: w.notifier, log: () => undefined },
      { worker, now: w.now },
    );
    if (r.claimed === 0) return;
  }
}

async function syncAll(w: World, watches: readonly CalendarWatch[] = w.watches): Promise<void> {
  for (const watch of watches) {
    try {
      await syncWatch(w.deps, w.tenantId, watch.id, w.now);
    } catch {
      // A failed sync is a job retried later: the cursor did not move.
    }
  }
}

// --- commands -------------------------------------------------------------------------------------

type Model = { steps: number };
type Cmd = fc.AsyncCommand<Model, World>;

const cmd = (name: string, run: (w: World) => Promise<void>): Cmd => ({
  check: () => true,
  async run(_m, w) {
    w.log.push(name);
    await run(w);
  },
  toString: () => name,
});

const participantEdit = (name: string, edit: (e: { start: number; end: number }) => object) =>
  cmd(`li ${name}`, async (w) => {
    const [event] = await w.calendar.live(w.li);
    if (!event) return;
    if (await w.calendar.userEdit(w.li, edit(event))) w.participantChanges++;
  });

/** Every command the model draws from (see the file comment). */
export function commands(): fc.Arbitrary<Cmd>[] {
  return [
    fc
      .constantFrom(-120, -30, 30, 60, 180)
      .map((d) =>
        participantEdit(`moves ${d} min`, (e) => ({ start: e.start + d * MINUTE, end: e.end + d * MINUTE })),
      ),
    fc.constant(participantEdit('shortens by 15 min', (e) => ({ end: e.end - 15 * MINUTE }))),
    fc.constant(participantEdit('deletes', () => ({ deleted: true }))),
    fc.constant(participantEdit('declines', () => ({ deleted: true }))),
    fc.constantFrom(-1, 2, 5).map((h) =>
      cmd(`organiser reschedules ${h} h`, async (w) => {
        const b = await booking(w);
        const moved = await rescheduleBooking(
          { store: w.store, notifier: w.notifier, busy: freeBusy },
          {
            tenantId: w.tenantId,
            bookingId: b.id,
            actorPersonId: w.ana,
            now: w.now,
            newStart: b.start + h * HOUR,
          },
        );
        // The surface that moved it rewrites the meeting message (reschedule-pick does).
        if (moved.ok) w.shown.push(moved.view.start);
      }),
    ),
    fc.constant(
      cmd('organiser cancels', async (w) => {
        await cancelBooking(
          { store: w.store, notifier: w.notifier },
          { tenantId: w.tenantId, bookingId: w.bookingId!, actorPersonId: w.ana, now: w.now },
        );
      }),
    ),
    fc.constantFrom<Fault>('transient', 'permanent', 'timeout_after_commit').map((f) =>
      cmd(`provider: next write ${f}`, async (w) => {
        w.calendar.fault = f;
      }),
    ),
    fc.constant(
      cmd('provider: next listing fails', async (w) => {
        w.calendar.listFault = true;
      }),
    ),
    fc.constant(cmd('outbox runs', (w) => runOutbox(w))),
    fc.constant(
      cmd('restart: a worker dies holding the due jobs', async (w) => {
        w.restarts++;
        await w.store.jobs.claim(`dead-${w.restarts}`, { limit: 3, leaseMs: DEFAULT_LEASE_MS, now: w.now });
      }),
    ),
    fc.constantFrom('poll', 'push', 'push duplicated').map((kind) =>
      cmd(kind, async (w) => {
        const li = w.watches.filter((x) => x.connectionId === w.calendar.connections.get(w.li));
        await syncAll(w, kind === 'poll' ? w.watches : li);
        if (kind === 'push duplicated') await syncAll(w, li);
      }),
    ),
    fc.constant(
      cmd('late notification: a listing taken now is applied later', async (w) => {
        const source = w.sources.get(w.li)!;
        source.hold = true;
        const before = source.held.length;
        const watch = w.watches.find((x) => x.connectionId === w.calendar.connections.get(w.li))!;
        let finished = false;
        const running = syncWatch(w.deps, w.tenantId, watch.id, w.now)
          .catch(() => undefined)
          .finally(() => {
            finished = true;
          });
        w.inFlight.push(running);
        // Let the sync reach its listing (or finish: nothing to list) before anything else happens.
        while (!finished && source.held.length === before) await new Promise((r) => setTimeout(r, 1));
        source.hold = false;
      }),
    ),
    fc.constant(cmd('the late listing arrives', (w) => releaseHeld(w))),
    fc
      .constantFrom(
        OUTBOX_GRACE_MS - 1_000,
        OUTBOX_GRACE_MS,
        OUTBOX_GRACE_MS + 1_000,
        POLL_MS - 1_000,
        POLL_MS + 1_000,
        2_000,
      )
      .map((ms) =>
        cmd(`clock +${ms / 1000} s`, async (w) => {
          w.now += ms;
        }),
      ),
    fc.constantFrom('follow', 'restore', 'cancel', 'without').map((choice) =>
      cmd(`organiser clicks ${choice}`, async (w) => {
        const action = `sync.${choice}`;
        const dm = [...w.dms].reverse().find((d) => d.actions.some((a) => a.action === action));
        const button = dm?.actions.find((a) => a.action === action);
        if (!button) return;
        const reply = await syncActionHandlers(w.deps)[action]!({
          tenantId: w.tenantId,
          actorPersonId: w.ana,
          value: button.value,
          now: w.now,
        });
        // The answer replaces the buttons in the organiser's DM.
        w.dms.push({ personId: w.ana, text: reply.text, actions: [] });
      }),
    ),
  ];
}

async function releaseHeld(w: World): Promise<void> {
  for (const source of w.sources.values()) for (const h of source.held.splice(0)) h.release();
  await Promise.all(w.inFlight.splice(0));
}

/** Lets every queued job, retry and lease run out, and every calendar be listed, with no new fault. */
export async function quiesce(w: World): Promise<void> {
  await releaseHeld(w);
  await w.calendar.settle?.();
  w.calendar.fault = null;
  w.calendar.listFault = false;
  for (let round = 0; round < 4; round++) {
    w.now += HOUR;
    await runOutbox(w);
    await syncAll(w);
    await w.calendar.settle?.();
  }
}

// --- invariants -----------------------------------------------------------------------------------

const DECISION_DM = /moved .* in their calendar|removed .* from their calendar/;

/** Throws with a description when an invariant of issue #20 does not hold. */
export async function checkInvariants(w: World): Promise<void> {
  const b = await booking(w);
  const fail = (what: string) => {
    const told = w.dms.map(
      (d) => `    to ${d.personId === w.ana ? 'Ana' : d.personId === w.li ? 'Li' : 'Zoé'}: ${d.text}`,
    );
    throw new Error(`${what}\n  steps: ${w.log.join(' → ')}\n  DMs:\n${told.join('\n')}`);
  };
  // No duplicate events: one event per person and booking at most.
  const live = new Map<string, LiveEvent[]>();
  for (const person of w.people) live.set(person, await w.calendar.live(person));
  for (const person of w.people) if (live.get(person)!.length > 1) fail(`duplicate events for ${person}`);
  const decisions = w.dms.filter((d) => d.personId === w.ana && DECISION_DM.test(d.text));
  // Every participant change is noticed at most once, and nothing else is taken for one.
  if (decisions.length > w.participantChanges)
    fail(`${decisions.length} change notices for ${w.participantChanges} participant changes`);
  const staleReports = w.dms.filter((d) => /could not be updated|n'a pas pu être mis à jour/.test(d.text));
  if (b.status === 'cancelled') {
    for (const person of w.people)
      if (live.get(person)!.length > 0) fail(`cancelled booking still in ${person}'s calendar`);
    return;
  }
  // Every message shows the current time.
  if (w.shown.at(-1) !== b.start)
    fail(
      `the meeting message shows ${new Date(w.shown.at(-1)!).toISOString()}, booked ${new Date(b.start).toISOString()}`,
    );
  const open = await w.store.watches.openDecisionFor(w.tenantId, b.id, w.li);
  for (const person of w.people) {
    if (!b.participantIds.includes(person)) continue;
    const [event] = live.get(person)!;
    const agrees = event !== undefined && event.start === b.start && event.end === b.end;
    if (agrees) continue;
    const name = person === w.ana ? 'Ana' : person === w.li ? 'Li' : 'Zoé';
    const reported = staleReports.some(
      (d) => d.text.includes(`${name}'s calendar`) || d.text.includes(`de ${name} n'a pas`),
    );
    if (person !== w.li) {
      if (!reported) fail(`${person}'s calendar disagrees with the booking and nobody was told (write lost)`);
      continue;
    }
    // Li: the calendar may differ only while the organiser's decision about exactly this state is open.
    if (reported) continue;
    // "Keep without Li" (clicked, or the `follow` policy after a deletion): Li's event stays gone.
    if (!event && !open && w.dms.some((d) => d.personId === w.ana && /without Li\b/.test(d.text))) continue;
    if (!open)
      fail('Li changed the event, the calendar disagrees with the booking, and no decision is pending');
    if (!event && open!.kind !== 'deleted')
      fail(`Li's event is gone but the open decision is "${open!.kind}"`);
    if (event && (open!.kind !== 'moved' || open!.start !== event.start || open!.end !== event.end))
      fail(`the open decision (${open!.kind}) does not describe Li's calendar`);
  }
}

/** Every command by its name (each arbitrary draws from a handful of constants). */
function commandsByName(): Map<string, Cmd> {
  const byName = new Map<string, Cmd>();
  for (const arbitrary of commands())
    for (const c of fc.sample(arbitrary, { numRuns: 200, seed: 1 })) byName.set(c.toString(), c);
  return byName;
}

/** Runs a fixed sequence (a shrunk counterexample turned into a regression test), then quiesces. */
export async function replay(w: World, names: readonly string[]): Promise<void> {
  const byName = commandsByName();
  for (const name of names) {
    const c = byName.get(name);
    if (!c) throw new Error(`model: unknown command "${name}"`);
    await c.run({ steps: 0 }, w);
  }
  await quiesce(w);
}
