/**
 * Two-way sync by polling, end to end on a real CalDAV server: Convene books a meeting onto Li's
 * Radicale calendar (through CalendarAccess and the outbox), the poll job runs from the job table,
 * Li moves the event directly on Radicale (a PUT, as a calendar client would), and the next poll
 * notes the booking's thread and asks the organiser. An unchanged collection costs one PROPFIND.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../../src/app/book-meeting.ts';
import {
  CALENDAR_POLL_JOB,
  nextSlot,
  reconcileWatches,
  type SyncSettings,
  syncJobHandlers,
} from '../../../src/app/calendar-sync/watches.ts';
import { type CalendarSyncDeps, SYNC_ACTIONS, syncActionHandlers } from '../../../src/app/calendar-sync.ts';
import { OUTBOX_GRACE_MS, runOutboxOnce } from '../../../src/app/outbox.ts';
import { CalendarAccess, createProviderFactory } from '../../../src/connectors/access/calendar-access.ts';
import type { Store } from '../../../src/store/database.ts';
import { openTestStore } from '../../store/backends.ts';
import { type RadicaleServer, startRadicale } from '../../support/radicale.ts';
import { freeBusy, HOUR, NOW, seed } from '../outbox-fixtures.ts';
import { ActionNotifier, RecordingThreads } from './fakes.ts';

let radicale: RadicaleServer;
let store: Store;
beforeAll(async () => {
  [radicale, store] = await Promise.all([startRadicale(), openTestStore('pglite')]);
});
afterAll(async () => {
  await Promise.all([radicale?.stop(), store?.close()]);
});

const POLL = 5 * 60_000;

describe('CalDAV polling (Radicale)', () => {
  it('a move made on the server reaches the thread and the organiser at the next poll', async () => {
    const s = await seed(store, 'RAD1');
    // Only Li has a calendar: CalDAV on Radicale.
    for (const id of s.connections.values()) await store.connections.remove(s.tenantId, id);
    const collection = await radicale.mkcalendar('li-work');
    const li = (await store.connections.save({
      tenantId: s.tenantId,
      personId: s.li,
      provider: 'caldav',
      account: radicale.url,
      busyCalendarIds: [collection],
      writeCalendarId: collection,
      secrets: { username: radicale.username, password: radicale.password },
    }))!;

    const requests: string[] = [];
    const countingFetch = ((input: string | URL | Request, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    }) as typeof fetch;
    let now = NOW;
    const clock = () => now;
    const notifier = new ActionNotifier();
    const threads = new RecordingThreads();
    const calendars = new CalendarAccess({
      connections: store.connections,
      providers: createProviderFactory({ caldav: { fetch: countingFetch }, clock }),
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
    const settings: SyncSettings = { publicUrl: null, stateSecret: null, pollIntervalMs: POLL };
    const worker = { store, writer: calendars, notifier, handlers: syncJobHandlers(syncDeps, settings) };
    const run = () => runOutboxOnce(worker, { worker: 'w1', now });

    const booked = await bookMeeting(
      { store, busy: freeBusy, writer: calendars, notifier },
      { tenantId: s.tenantId, proposalId: s.proposalId, slotId: '1', actorPersonId: s.ana, now },
    );
    if (!booked.ok) throw new Error(booked.error.message);
    now += OUTBOX_GRACE_MS;
    await run();
    const booking = (await store.bookings.get(s.tenantId, booked.view.bookingId))!;
    const liEvent = booking.events.find((e) => e.personId === s.li && e.status === 'created')!;
    expect(liEvent.providerEventId).toMatch(new RegExp(`^${collection}`));

    // At start: a poll watch for Li's write calendar, its first poll queued at the watch's slot.
    await reconcileWatches(store, settings, now);
    const [watch] = await store.watches.listForConnection(s.tenantId, li.id);
    expect(watch).toMatchObject({ mode: 'poll', calendarId: collection, provider: 'caldav' });
    const slot = nextSlot(watch!.id, now, POLL);
    expect(await store.jobs.listByDedupePrefix(`${CALENDAR_POLL_JOB}:${watch!.id}:`)).toEqual([
      expect.objectContaining({ runAt: slot, status: 'queued' }),
    ]);

    // First poll: a full listing; Convene's own event at its booked time is no change.
    now = slot;
    notifier.sent.length = 0;
    await run();
    expect(notifier.sent).toEqual([]);
    expect(threads.notes).toEqual([]);
    expect((await store.watches.get(s.tenantId, watch!.id))!.cursor).not.toBeNull();
    expect((await store.connections.get(s.tenantId, li.id))!.lastSyncAt).toBe(slot);

    // Nothing changed: the next poll asks the ctag only (no listing, no resource fetched).
    now = slot + POLL;
    requests.length = 0;
    await run();
    expect(requests).toEqual([`PROPFIND ${collection}`]);

    // Li moves the meeting two hours later in their calendar app.
    const stamp = (ms: number) =>
      new Date(ms)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
    const moved = await fetch(liEvent.providerEventId!, {
      method: 'PUT',
      headers: { authorization: radicale.authorization, 'content-type': 'text/calendar' },
      body: [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Some client//EN',
        'BEGIN:VEVENT',
        `UID:${liEvent.iCalUID}`,
        `DTSTAMP:${stamp(now)}`,
        'DTSTART;TZID=Europe/Paris:20261124T130000',
        'DTEND;TZID=Europe/Paris:20261124T133000',
        'SUMMARY:Roadmap',
        'SEQUENCE:1',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    });
    expect([201, 204]).toContain(moved.status);

    now = slot + 2 * POLL;
    requests.length = 0;
    await run();
    // ctag changed → listing → one multiget of the one changed resource.
    expect(requests.map((r) => r.split(' ')[0])).toEqual(['PROPFIND', 'PROPFIND', 'REPORT']);
    expect(threads.notes).toEqual([
      {
        bookingId: booking.id,
        text: 'Li moved “Roadmap” in their calendar to Tue 24 Nov, 13:00–13:30 (Paris time) (booked for Tue 24 Nov, 11:00–11:30 (Paris time)). The organiser decides what happens next.',
      },
    ]);
    const [dm] = notifier.to(s.ana);
    expect(dm!.actions.map((a) => a.action)).toEqual([
      SYNC_ACTIONS.follow,
      SYNC_ACTIONS.restore,
      SYNC_ACTIONS.cancel,
    ]);
    expect(booking.start + 2 * HOUR).toBe(Date.UTC(2026, 10, 24, 12));

    // The next poll (same state) asks nothing again; the chain of polls continues.
    now = slot + 3 * POLL;
    await run();
    expect(notifier.to(s.ana)).toHaveLength(1);
    const polls = await store.jobs.listByDedupePrefix(`${CALENDAR_POLL_JOB}:${watch!.id}:`);
    expect(polls.filter((j) => j.status === 'queued').map((j) => j.runAt)).toEqual([slot + 4 * POLL]);
    expect(polls.filter((j) => j.status === 'done')).toHaveLength(4);

    // Li deletes it; the next poll asks again ("Keep without Li"); the organiser keeps the booked time,
    // and the outbox writes Li's event back on Radicale.
    const gone = await fetch(liEvent.providerEventId!, {
      method: 'DELETE',
      headers: { authorization: radicale.authorization },
    });
    expect(gone.status).toBeLessThan(300);
    now = slot + 4 * POLL;
    await run();
    const deletion = notifier.to(s.ana).at(-1)!;
    expect(deletion.actions.map((a) => a.label)).toEqual([
      'Keep without Li',
      'Keep Tue 24 Nov 11:00',
      'Cancel the meeting',
    ]);
    const keep = await syncActionHandlers(syncDeps)[SYNC_ACTIONS.restore]!({
      tenantId: s.tenantId,
      actorPersonId: s.ana,
      value: deletion.actions[1]!.value,
      now,
    });
    expect(keep.text).toMatch(/^Kept at Tue 24 Nov, 11:00–11:30 \(Paris time\)/);
    await run();
    const back = await fetch(liEvent.providerEventId!, {
      headers: { authorization: radicale.authorization },
    });
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('DTSTART:20261124T100000Z');
    // Convene's own rewrite is an echo at the next poll.
    const asked = notifier.to(s.ana).length;
    now = slot + 5 * POLL;
    await run();
    expect(notifier.to(s.ana)).toHaveLength(asked);
  });

  it("CalendarAccess.changeSource: the connector's change source; none for an unknown connection; a dead grant is not retried", async () => {
    const s = await seed(store, 'RAD2');
    const connection = (await store.connections.save({
      tenantId: s.tenantId,
      personId: s.li,
      provider: 'caldav',
      account: radicale.url,
      busyCalendarIds: [],
      writeCalendarId: null,
      secrets: { username: radicale.username, password: radicale.password },
    }))!;
    const calendars = new CalendarAccess({
      connections: store.connections,
      providers: createProviderFactory({}),
      notifier: new ActionNotifier(),
    });
    const opened = await calendars.changeSource(s.tenantId, connection.id);
    expect(opened?.connection.id).toBe(connection.id);
    expect(typeof opened?.source?.listChanges).toBe('function');
    expect(await calendars.changeSource(s.tenantId, s.li)).toBeNull();
    await store.connections.setHealth(s.tenantId, connection.id, { status: 'reauth_required' });
    await expect(calendars.changeSource(s.tenantId, connection.id)).rejects.toMatchObject({
      code: 'reauth_required',
    });
  });
});
