/**
 * Days left out of a series (`every tuesday except december 8`): the search checks no one on them, the
 * confirmation names them, and the booking writes the whole rule to the calendars then cancels each such
 * occurrence as the provider's exception (recorded, one `calendar.series` cancel job per participant), with
 * no reminder planned for it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import { CALENDAR_SERIES_JOB } from '../../src/app/outbox.ts';
import type { Person } from '../../src/app/ports/store.ts';
import { REMINDER_JOB, type ReminderPayload } from '../../src/app/reminders.ts';
import { type FakeBusyReader, FakeWriter, type MemoryStore, TENANT } from './request-meeting.fakes.ts';
import { askSeries, NOW, paris, seriesWorld, wall } from './series-fixtures.ts';

// NOW is Monday 23 November 2026, 09:00 in Paris: "every tuesday" runs 14 Tuesdays, 24 Nov to 23 Feb.

let store: MemoryStore;
let busy: FakeBusyReader;
let writer: FakeWriter;
let ana: Person;
let li: Person;

beforeEach(() => {
  ({ store, busy, ana, li } = seriesWorld());
  writer = new FakeWriter();
});

const ask = (text: string) => askSeries({ store, busy, ana }, text);

describe('a series with days left out', () => {
  it('is searched without them, and booked as the whole rule with each of them cancelled', async () => {
    // Li is away all of Tuesday 8 December: left out of the series, it is no conflict.
    busy.busy.set(li.id, [{ start: paris('2026-12-08T00:00'), end: paris('2026-12-09T00:00') }]);
    const view = await ask('/meet @li 30m every tuesday except december 8 "1:1"');
    const first = view.slots.find((s) => wall(s.start) === 'Tue 24 Nov 10:00')!;
    expect(first.series).toMatchObject({ occurrences: 13, free: 13 });

    const booked = await bookMeeting(
      { store, busy, writer },
      { tenantId: TENANT, proposalId: view.proposalId, slotId: first.id, actorPersonId: ana.id, now: NOW },
    );
    if (!booked.ok) throw new Error(booked.error.message);
    expect(booked.view.headline).toMatch(/^Booked: “1:1”, every Tuesday, until .*, except Tue 8 Dec, from /u);
    const booking = store.bookingRows[0]!;
    // The calendars get the whole rule (one recurring event each)…
    expect(writer.writes).toHaveLength(2);
    expect(writer.writes.every((w) => w.draft.recurrence?.freq === 'WEEKLY')).toBe(true);
    // …then 8 December cancelled as their exception: recorded first, one job per participant.
    const eighth = paris('2026-12-08T10:00');
    expect(store.occurrenceRows.get(booking.id)).toEqual([{ originalStart: eighth, status: 'cancelled' }]);
    expect(store.jobRows.filter((j) => j.kind === CALENDAR_SERIES_JOB).map((j) => j.payload)).toEqual(
      [ana.id, li.id].map((personId) => ({
        bookingId: booking.id,
        personId,
        change: { kind: 'cancel', originalStart: eighth },
      })),
    );
    // No reminder for it; the other 13 Tuesdays have theirs (one per participant).
    const reminded = store.jobRows
      .filter((j) => j.kind === REMINDER_JOB)
      .map((j) => (j.payload as ReminderPayload).occurrence);
    expect(reminded).not.toContain(eighth);
    expect(new Set(reminded).size).toBe(13);
  });

  it('leaves nothing out, and cancels nothing, without such days', async () => {
    const view = await ask('/meet @li 30m every tuesday "1:1"');
    const first = view.slots.find((s) => wall(s.start) === 'Tue 24 Nov 10:00')!;
    expect(first.series).toMatchObject({ occurrences: 14 });
    const booked = await bookMeeting(
      { store, busy, writer },
      { tenantId: TENANT, proposalId: view.proposalId, slotId: first.id, actorPersonId: ana.id, now: NOW },
    );
    if (!booked.ok) throw new Error(booked.error.message);
    expect(booked.view.headline).not.toMatch(/except/u);
    expect(store.occurrenceRows.size).toBe(0);
    expect(store.jobRows.filter((j) => j.kind === CALENDAR_SERIES_JOB)).toEqual([]);
  });
});
