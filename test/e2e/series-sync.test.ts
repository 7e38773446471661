/**
 * End to end, per provider (issue #22): a series booked through the real connectors (Google fake, Graph
 * fake, Radicale) as ONE recurring event per calendar; a participant edits ONE occurrence directly on the
 * provider (as in their calendar app); two-way sync notices that occurrence (not the whole meeting), the
 * organiser's DM offers the occurrence's choices, and the choice is applied on every participant's
 * calendar as the provider's exception of the series (no new single event); the next sync sees Convene's
 * own change as an echo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import {
  type CalendarSyncDeps,
  SYNC_ACTIONS,
  syncActionHandlers,
  syncWatch,
} from '../../src/app/calendar-sync.ts';
import { OUTBOX_GRACE_MS, runOutboxOnce } from '../../src/app/outbox.ts';
import type { DmAction, Notifier } from '../../src/app/ports/calendars.ts';
import type { Booking } from '../../src/app/ports/store.ts';
import type { CalendarWatch } from '../../src/app/ports/sync.ts';
import { editSeriesIcs } from '../../src/connectors/caldav/mapper.ts';
import type { Store } from '../../src/store/database.ts';
import { freeBusy, HOUR, NOW, type Seeded, SLOT1, SLOT2, seed } from '../app/outbox-fixtures.ts';
import {
  caldavBackend,
  fakeClock,
  googleBackend,
  graphBackend,
  type RealBackend,
} from '../app/sync/model-providers.ts';
import type { FakeGoogle } from '../fakes/google/server.ts';
import type { FakeMicrosoft } from '../fakes/microsoft/server.ts';
import { openTestStore } from '../store/backends.ts';
import type { RadicaleServer } from '../support/radicale.ts';
import { caldavHrefs, type ProviderFakes, startProviderFakes } from './harness/providers.ts';

const DAY = 24 * HOUR;
/** Every Tuesday 11:00 Paris, 4 times, from Tue 24 Nov 2026 (no DST change in the span). */
const OCC = Array.from({ length: 4 }, (_, i) => SLOT1.start + i * 7 * DAY);
const DURATION = SLOT1.end - SLOT1.start;
/** The participant moves the third occurrence two hours later. */
const MOVED = { start: OCC[2]! + 2 * HOUR, end: OCC[2]! + 2 * HOUR + DURATION };

let store: Store;
let fakes: ProviderFakes;
let google: FakeGoogle;
let graph: FakeMicrosoft;
let radicale: RadicaleServer;
beforeAll(async () => {
  store = await openTestStore('pglite');
  fakes = await startProviderFakes({ clock: fakeClock, accessTokenTtlSec: 90 * 86_400 });
  ({ google, microsoft: graph, radicale } = fakes);
}, 60_000);
afterAll(async () => {
  await fakes?.stop();
  await store?.close();
});

interface Dm {
  readonly personId: string;
  readonly text: string;
  readonly actions: readonly DmAction[];
}

interface World {
  readonly s: Seeded;
  readonly backend: RealBackend;
  readonly booking: Booking;
  readonly dms: Dm[];
  readonly deps: CalendarSyncDeps;
  readonly watch: CalendarWatch;
  /** Each participant's series event id. */
  readonly series: Map<string, string>;
  clock: number;
}

interface Provider {
  readonly name: 'google' | 'microsoft' | 'caldav';
  backend(): ReturnType<typeof googleBackend>;
  /** The participant moves ONE occurrence in their own calendar, on the provider. */
  userMove(
    w: World,
    personId: string,
    originalStart: number,
    to: { start: number; end: number },
  ): Promise<void>;
  /** The participant deletes ONE occurrence in their own calendar, on the provider. */
  userDelete(w: World, personId: string, originalStart: number): Promise<void>;
  /** What the provider holds for that person: the series' exceptions by original start, and how many events. */
  exceptions(
    w: World,
    personId: string,
  ): Promise<{ events: number; moved: Map<number, number>; cancelled: number[] }>;
}

const PROVIDERS: Provider[] = [
  {
    name: 'google',
    backend: () => googleBackend(google),
    async userMove(w, personId, originalStart, to) {
      google.userUpdateInstance(
        w.backend.calendars.get(personId)!,
        w.series.get(personId)!,
        originalStart,
        to,
      );
    },
    async userDelete(w, personId, originalStart) {
      google.userDeleteInstance(w.backend.calendars.get(personId)!, w.series.get(personId)!, originalStart);
    },
    async exceptions(w, personId) {
      const calendarId = w.backend.calendars.get(personId)!;
      const all = google.stored(calendarId);
      const seriesId = w.series.get(personId)!;
      const instances = [...(google.events.get(calendarId)?.values() ?? [])].filter(
        (e) => e.recurringEventId === seriesId && e.originalStart !== undefined,
      );
      return {
        events: all.filter((e) => e.recurringEventId === undefined).length,
        moved: new Map(
          instances.filter((e) => e.status !== 'cancelled').map((e) => [e.originalStart!, e.start]),
        ),
        cancelled: instances.filter((e) => e.status === 'cancelled').map((e) => e.originalStart!),
      };
    },
  },
  {
    name: 'microsoft',
    backend: () => graphBackend(graph),
    async userMove(w, personId, originalStart, to) {
      graph.userUpdateOccurrence(
        w.backend.calendars.get(personId)!,
        w.series.get(personId)!,
        originalStart,
        to,
      );
    },
    async userDelete(w, personId, originalStart) {
      graph.userDeleteOccurrence(w.backend.calendars.get(personId)!, w.series.get(personId)!, originalStart);
    },
    async exceptions(w, personId) {
      const all = graph.storedEvents(w.backend.calendars.get(personId)!);
      const master = all.find((e) => e.id === w.series.get(personId));
      const exceptions = [...(master?.exceptions ?? new Map())];
      return {
        events: all.length,
        moved: new Map(
          exceptions.flatMap(([original, x]) =>
            x.cancelled ? [] : [[original, x.start] as [number, number]],
          ),
        ),
        cancelled: exceptions.flatMap(([original, x]) => (x.cancelled ? [original] : [])),
      };
    },
  },
  {
    name: 'caldav',
    backend: () => caldavBackend(radicale),
    async userMove(w, personId, originalStart, to) {
      // The participant's client rewrites the ONE resource of the series with an override (RFC 5545).
      await radicaleEdit(w, personId, { kind: 'move', originalStart, ...to });
    },
    async userDelete(w, personId, originalStart) {
      // …or with an EXDATE.
      await radicaleEdit(w, personId, { kind: 'cancel', originalStart });
    },
    async exceptions(w, personId) {
      const collection = w.backend.calendars.get(personId)!;
      const hrefs = await caldavHrefs(radicale, collection);
      const text = await (
        await fetch(w.series.get(personId)!, { headers: { authorization: radicale.authorization } })
      ).text();
      const moved = new Map<number, number>();
      const cancelled: number[] = [];
      for (const block of text.split('BEGIN:VEVENT').slice(1)) {
        const id = /RECURRENCE-ID[^:]*:(\S+)/.exec(block)?.[1];
        const start = /\nDTSTART[^:]*:(\S+)/.exec(block)?.[1];
        if (id && start)
          moved.set(icsInstant(block, 'RECURRENCE-ID', id), icsInstant(block, 'DTSTART', start));
        for (const m of block.matchAll(/\nEXDATE[^:]*:(\S+)/g))
          for (const value of m[1]!.split(',')) cancelled.push(icsInstant(block, 'EXDATE', value));
      }
      return { events: hrefs.length, moved, cancelled };
    },
  },
];

/** A participant's client rewriting the series' resource (RFC 5545 edits), with If-Match. */
async function radicaleEdit(w: World, personId: string, edit: Parameters<typeof editSeriesIcs>[1]) {
  const url = w.series.get(personId)!;
  const auth = { authorization: radicale.authorization };
  const current = await fetch(url, { headers: auth });
  const etag = current.headers.get('etag');
  const edited = editSeriesIcs(await current.text(), edit, w.clock);
  if (edited.kind !== 'changed') throw new Error(`edit: ${edited.kind}`);
  const put = await fetch(url, {
    method: 'PUT',
    headers: { ...auth, ...(etag ? { 'if-match': etag } : {}), 'content-type': 'text/calendar' },
    body: edited.text,
  });
  expect(put.ok).toBe(true);
}

/** A DATE-TIME of the fixture's VEVENT (UTC `Z` or the Europe/Paris TZID the connector writes, CET here). */
function icsInstant(block: string, name: string, value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value)!;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (m[7] === 'Z') return wall;
  const tzid = new RegExp(`${name};TZID=([^:;]+)`).exec(block)?.[1];
  if (tzid !== 'Europe/Paris') throw new Error(`unexpected zone ${tzid}`);
  return wall - HOUR; // CET (November–December)
}

let counter = 0;
async function world(provider: Provider): Promise<World> {
  const tag = `SE${provider.name.slice(0, 2).toUpperCase()}${++counter}`;
  const s = await seed(store, tag, [SLOT1, SLOT2], {
    zone: 'Europe/Paris',
    constraints: [],
    excluded: [],
    recurrence: { freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 1 }], count: 4 },
  });
  const dms: Dm[] = [];
  const notifier: Notifier = {
    async dm(_t, personId, message) {
      dms.push({ personId, text: message.text, actions: message.actions ?? [] });
      return { ok: true };
    },
  };
  const w = { clock: NOW } as World;
  const backend = (await provider.backend()({
    store,
    seeded: s,
    tag,
    clock: () => w.clock,
    notifier,
  })) as RealBackend;
  const booked = await bookMeeting(
    { store, busy: freeBusy, writer: backend.access, notifier },
    { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now: NOW },
  );
  if (!booked.ok) throw new Error(booked.error.message);
  w.clock = NOW + OUTBOX_GRACE_MS;
  await runOutboxOnce({ store, writer: backend.access, notifier }, { worker: 'w', now: w.clock });
  const booking = (await store.bookings.get(s.tenantId, booked.view.bookingId))!;
  const series = new Map(
    booking.events.filter((e) => e.status === 'created').map((e) => [e.personId, e.providerEventId!]),
  );
  expect(series.size).toBe(booking.participantIds.length);
  const { provider: kind, calendarId } = backend.watchOf(s.li);
  const watch = (await store.watches.ensure({
    tenantId: s.tenantId,
    connectionId: backend.connections.get(s.li)!,
    calendarId,
    provider: kind,
    mode: 'poll',
  }))!;
  const deps: CalendarSyncDeps = {
    store,
    sources: { open: (t, c) => backend.openSource(store, t, c) },
    notifier,
    busy: freeBusy,
  };
  return Object.assign(w, { s, backend, booking, dms, deps, watch, series });
}

/** Moves the world's clock an hour on (the fakes read it too). */
function tick(w: World): number {
  w.clock += HOUR;
  return w.clock;
}

const sync = (w: World) => syncWatch(w.deps, w.s.tenantId, w.watch.id, tick(w));

describe.each(PROVIDERS)(
  '$name: a participant edits ONE occurrence of a series in their calendar',
  (provider) => {
    it('sync asks the organiser about that occurrence; "Move everyone’s" writes it as each calendar’s exception', async () => {
      const w = await world(provider);
      // The first sync (a full listing) finds Convene's series untouched.
      expect(await sync(w)).toMatchObject({ code: 'synced', moved: 0, deleted: 0 });
      expect(w.dms).toEqual([]);

      await provider.userMove(w, w.s.li, OCC[2]!, MOVED);
      expect(await sync(w)).toMatchObject({ code: 'synced', moved: 1, deleted: 0 });
      const [dm] = w.dms.filter((d) => d.personId === w.s.ana);
      expect(dm!.text).toMatch(
        /^Li moved the Tue 8 Dec occurrence of “Roadmap” in their calendar to Tue 8 Dec, 13:00/,
      );
      expect(dm!.actions.map((a) => a.label)).toEqual([
        'Move everyone’s Tue 8 Dec to Tue 8 Dec 13:00',
        'Keep Tue 8 Dec 11:00',
        'Cancel Tue 8 Dec only',
      ]);
      // The whole meeting is untouched: same start, Li's series still live.
      const booking = (await store.bookings.get(w.s.tenantId, w.booking.id))!;
      expect(booking.start).toBe(SLOT1.start);
      expect(booking.events.filter((e) => e.status === 'created')).toHaveLength(
        booking.participantIds.length,
      );

      const reply = await syncActionHandlers(w.deps)[SYNC_ACTIONS.follow]!({
        tenantId: w.s.tenantId,
        actorPersonId: w.s.ana,
        value: dm!.actions[0]!.value,
        now: tick(w),
      });
      expect(reply.text).toMatch(/Roadmap/);
      const ran = await runOutboxOnce(
        { store, writer: w.backend.access, notifier: w.deps.notifier },
        { worker: 'w', now: w.clock, kinds: ['calendar.series'] },
      );
      expect(ran).toMatchObject({
        claimed: booking.participantIds.length,
        done: booking.participantIds.length,
      });
      // Every participant's calendar: still ONE series event, the third occurrence moved as its exception.
      for (const person of booking.participantIds) {
        const held = await provider.exceptions(w, person);
        expect({ person, events: held.events, moved: [...held.moved], cancelled: held.cancelled }).toEqual({
          person,
          events: 1,
          moved: [[OCC[2], MOVED.start]],
          cancelled: [],
        });
      }
      // Convene's own change read back from Li's calendar: an echo, nothing asked.
      const before = w.dms.length;
      expect(await sync(w)).toMatchObject({ moved: 0, deleted: 0 });
      expect(w.dms).toHaveLength(before);
    });

    it('a deleted occurrence: "Cancel <date> only" cancels it in every calendar as the series’ exception', async () => {
      const w = await world(provider);
      expect(await sync(w)).toMatchObject({ code: 'synced', moved: 0, deleted: 0 });
      await provider.userDelete(w, w.s.li, OCC[1]!);
      expect(await sync(w)).toMatchObject({ code: 'synced', moved: 0, deleted: 1 });
      const [dm] = w.dms.filter((d) => d.personId === w.s.ana);
      expect(dm!.text).toMatch(/^Li removed the Tue 1 Dec occurrence of “Roadmap” \(Tue 1 Dec, 11:00–11:30/);
      expect(dm!.actions.map((a) => [a.action, a.label])).toEqual([
        [SYNC_ACTIONS.without, 'Keep Tue 1 Dec without Li'],
        [SYNC_ACTIONS.restore, 'Keep Tue 1 Dec 11:00'],
        [SYNC_ACTIONS.cancel, 'Cancel Tue 1 Dec only'],
      ]);
      // Li's series is still live (only that occurrence is gone).
      const booking = (await store.bookings.get(w.s.tenantId, w.booking.id))!;
      expect(booking.events.filter((e) => e.status === 'created')).toHaveLength(
        booking.participantIds.length,
      );
      await syncActionHandlers(w.deps)[SYNC_ACTIONS.cancel]!({
        tenantId: w.s.tenantId,
        actorPersonId: w.s.ana,
        value: dm!.actions.find((a) => a.action === SYNC_ACTIONS.cancel)!.value,
        now: tick(w),
      });
      const ran = await runOutboxOnce(
        { store, writer: w.backend.access, notifier: w.deps.notifier },
        { worker: 'w', now: w.clock, kinds: ['calendar.series'] },
      );
      expect(ran).toMatchObject({
        claimed: booking.participantIds.length,
        done: booking.participantIds.length,
      });
      for (const person of booking.participantIds) {
        const held = await provider.exceptions(w, person);
        expect({ person, events: held.events, moved: [...held.moved], cancelled: held.cancelled }).toEqual({
          person,
          events: 1,
          moved: [],
          cancelled: [OCC[1]],
        });
      }
      const before = w.dms.length;
      expect(await sync(w)).toMatchObject({ moved: 0, deleted: 0 });
      expect(w.dms).toHaveLength(before);
    });

    it('a deleted occurrence: "Keep <time>" puts it back in that calendar (Google, CalDAV); Graph cannot and says so', async () => {
      const w = await world(provider);
      expect(await sync(w)).toMatchObject({ code: 'synced', moved: 0, deleted: 0 });
      await provider.userDelete(w, w.s.li, OCC[1]!);
      expect(await sync(w)).toMatchObject({ code: 'synced', moved: 0, deleted: 1 });
      const [dm] = w.dms.filter((d) => d.personId === w.s.ana);
      const keep = dm!.actions.find((a) => a.action === SYNC_ACTIONS.restore)!;
      expect(keep.label).toBe('Keep Tue 1 Dec 11:00');
      await syncActionHandlers(w.deps)[SYNC_ACTIONS.restore]!({
        tenantId: w.s.tenantId,
        actorPersonId: w.s.ana,
        value: keep.value,
        now: tick(w),
      });
      const ran = await runOutboxOnce(
        { store, writer: w.backend.access, notifier: w.deps.notifier },
        { worker: 'w', now: w.clock, kinds: ['calendar.series'] },
      );
      const held = await provider.exceptions(w, w.s.li);
      if (provider.name === 'microsoft') {
        // Graph has no undelete of an occurrence: the job is refused, and the organiser and Li are told.
        expect(ran).toMatchObject({ claimed: 1, compensated: 1 });
        expect(held.cancelled).toEqual([OCC[1]]);
        const told = w.dms.slice(-2);
        expect(told.map((d) => d.personId).sort()).toEqual([w.s.ana, w.s.li].sort());
        for (const d of told) expect(d.text).toMatch(/could not be made in Li's calendar/);
        return;
      }
      expect(ran).toMatchObject({ claimed: 1, done: 1 });
      // Back in Li's ONE series event at its own time (Google: the instance confirmed again; CalDAV: no EXDATE).
      expect({ events: held.events, cancelled: held.cancelled }).toEqual({ events: 1, cancelled: [] });
      expect([...held.moved].filter(([, at]) => at !== OCC[1])).toEqual([]);
      // Read back: Convene's own change, nothing asked again.
      const before = w.dms.length;
      expect(await sync(w)).toMatchObject({ moved: 0, deleted: 0 });
      expect(w.dms).toHaveLength(before);
    });
  },
);
