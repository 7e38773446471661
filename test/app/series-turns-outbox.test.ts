/**
 * A series booked with members taking turns per occurrence (issue #22, `Booking.turns`): the outbox writes
 * each member ONE recurring event for their own turn (their turn's first start and rule), the organiser and
 * fixed participants the whole series; reminders go to a member for their own occurrences only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingJobs } from '../../src/app/book-meeting.ts';
import { CALENDAR_WRITE_JOB, OUTBOX_GRACE_MS, runOutboxOnce } from '../../src/app/outbox.ts';
import type { EventDraft } from '../../src/app/ports/provider.ts';
import type { Booking } from '../../src/app/ports/store.ts';
import { REMINDER_JOB, reminderJobs } from '../../src/app/reminders.ts';
import { occurrenceStarts } from '../../src/app/series.ts';
import type { SeriesRule } from '../../src/core/series.ts';
import type { Store } from '../../src/store/database.ts';
import { openTestStore } from '../store/backends.ts';
import { NOW, RecordingCalendar, RecordingNotifier, type Seeded, SLOT1, seed } from './outbox-fixtures.ts';

const ZONE = 'Europe/Paris';
const WEEK = 7 * 24 * 3_600_000;
const rule: SeriesRule = { freq: 'WEEKLY', interval: 1, count: 4 };

let store: Store;
let s: Seeded;
let calendar: RecordingCalendar;
const drafts = new Map<string, Omit<EventDraft, 'calendarId'>>();

beforeEach(async () => {
  store = await openTestStore('pglite');
  s = await seed(store, 'TURNS', [SLOT1], { zone: ZONE, constraints: [], excluded: [], recurrence: rule });
  calendar = new RecordingCalendar();
  for (const [person, connection] of s.connections) calendar.connections.set(person, connection);
  drafts.clear();
});
afterEach(async () => {
  await store?.close();
});

/** Ana organises; Li takes turn 0 (occurrences 0 and 2), Zoé turn 1 (occurrences 1 and 3). */
async function bookWithTurns(): Promise<Booking> {
  const occurrences = occurrenceStarts(rule, SLOT1.start, ZONE);
  const booked = await store.bookings.bookSlot({
    tenantId: s.tenantId,
    people: [s.ana, s.li, s.zoe],
    start: SLOT1.start,
    end: SLOT1.end,
    seriesEndsAt: occurrences.at(-1)! + (SLOT1.end - SLOT1.start),
    title: 'Support',
    idempotencyKey: 'turns',
    proposalId: s.proposalId,
    organizerId: s.ana,
    turns: { of: 2, byPerson: { [s.li]: 0, [s.zoe]: 1 } },
    jobs: (booking) => bookingJobs(booking, new Map(), NOW, occurrences),
  });
  if (!booked.ok) throw new Error(booked.reason);
  return booked.booking;
}

describe('a series with members taking turns', () => {
  it('writes each member their own turn as one recurring event, the organiser the whole series', async () => {
    const booking = await bookWithTurns();
    const writer = {
      writeFor: (tenantId: string, personId: string, draft: Omit<EventDraft, 'calendarId'>) => {
        drafts.set(personId, draft);
        return calendar.writeFor(tenantId, personId, draft);
      },
    };
    const done = await runOutboxOnce(
      { store, writer, notifier: new RecordingNotifier() },
      { worker: 'w1', now: NOW + OUTBOX_GRACE_MS, kinds: [CALENDAR_WRITE_JOB] },
    );
    expect(done).toMatchObject({ claimed: 3, done: 3 });
    expect(drafts.get(s.ana)).toMatchObject({
      start: SLOT1.start,
      recurrence: { freq: 'WEEKLY', interval: 1, count: 4 },
    });
    expect(drafts.get(s.li)).toMatchObject({
      start: SLOT1.start,
      end: SLOT1.end,
      recurrence: { freq: 'WEEKLY', interval: 2, count: 2 },
    });
    expect(drafts.get(s.zoe)).toMatchObject({
      start: SLOT1.start + WEEK,
      end: SLOT1.end + WEEK,
      recurrence: { freq: 'WEEKLY', interval: 2, count: 2 },
    });
    // Two-way sync expects Zoé's event at her own first occurrence.
    const after = await store.bookings.get(s.tenantId, booking.id);
    expect(after?.events.find((e) => e.personId === s.zoe)?.expected).toEqual([
      [SLOT1.start + WEEK, SLOT1.end + WEEK],
    ]);
  });

  it('reminds a member of their own occurrences only; the organiser of every one', async () => {
    const booking = await bookWithTurns();
    const occurrences = occurrenceStarts(rule, SLOT1.start, ZONE);
    const jobs = reminderJobs(booking, new Map(), NOW, occurrences);
    const of = (personId: string) =>
      jobs
        .filter((j) => j.kind === REMINDER_JOB && (j.payload as { personId: string }).personId === personId)
        .map((j) => (j.payload as { occurrence: number }).occurrence);
    expect(of(s.ana)).toEqual(occurrences);
    expect(of(s.li)).toEqual([occurrences[0], occurrences[2]]);
    expect(of(s.zoe)).toEqual([occurrences[1], occurrences[3]]);
  });
});
