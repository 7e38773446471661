/**
 * Issue #22, "book anyway and move the clashing occurrences": a series time with conflicts on later
 * occurrences offers a third choice (slot id `<n>-move`) that books the series and moves each occurrence in
 * conflict to the nearest time everyone can make, through manage-series' `moveOccurrence` (one outbox
 * `calendar.series` job per participant, the occurrence's reminders following it). Occurrences with no
 * such time stay and are named. A repeat of the click books once and moves nothing again.
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

const ask = () => askSeries({ store, busy, ana });

const book = (proposalId: string, slotId: string, locale: 'en' | 'fr' | 'de' = 'en') =>
  bookMeeting(
    { store, busy, writer },
    { tenantId: TENANT, proposalId, slotId, actorPersonId: ana.id, now: NOW, locale },
  );

const seriesJobs = () => store.jobRows.filter((j) => j.kind === CALENDAR_SERIES_JOB);

/**
 * Li is busy on Tue 8 Dec 09:00–16:30 (a time the same day is free: 16:30) and from Sat 19 to Sun 27 Dec
 * (nothing within three days of Tue 22 Dec).
 */
function liBusy() {
  busy.busy.set(li.id, [
    { start: paris('2026-12-08T09:00'), end: paris('2026-12-08T16:30') },
    { start: paris('2026-12-19T00:00'), end: paris('2026-12-27T00:00') },
  ]);
}

describe('book and move the clashing occurrences', () => {
  it('offers "-move" next to "-anyway" on a series time with conflicts only', async () => {
    busy.busy.set(li.id, [{ start: paris('2026-12-08T09:00'), end: paris('2026-12-08T16:30') }]);
    const view = await ask();
    expect(view.slots[0]!.series).toMatchObject({ free: 14, bookSlotId: '1' });
    expect(view.slots[0]!.series!.moveSlotId).toBeUndefined();
    expect(view.slots[1]!.series).toMatchObject({ free: 13, bookSlotId: '2-anyway', moveSlotId: '2-move' });
  });

  it('books the series, moves what can move, names what stays; a repeat books once and moves nothing', async () => {
    const view = await ask();
    const first = view.slots.find((s) => wall(s.start) === 'Tue 24 Nov 10:00')!;
    expect(first.series).toMatchObject({ free: 14 });
    liBusy();
    // A plain click finds the conflicts that appeared since: "book anyway" and "book and move" offered.
    const plain = await book(view.proposalId, first.id);
    if (plain.ok) throw new Error('booked despite conflicts');
    expect(plain.error.code).toBe('series_conflict');
    expect(plain.error.anyway?.series).toMatchObject({
      bookSlotId: `${first.id}-anyway`,
      moveSlotId: `${first.id}-move`,
    });

    const moved = await book(view.proposalId, plain.error.anyway!.series!.moveSlotId!);
    if (!moved.ok) throw new Error(moved.error.message);
    const eighth = paris('2026-12-08T10:00');
    const twentySecond = paris('2026-12-22T10:00');
    expect(moved.view.seriesMoves).toEqual({
      moved: [{ occurrence: eighth, start: paris('2026-12-08T16:30'), end: paris('2026-12-08T17:00') }],
      stayed: [twentySecond],
      text:
        'Moved 1 occurrence in conflict: Tue 8 Dec to Tue 8 Dec, 16:30–17:00 (Paris time). ' +
        '1 occurrence stays as booked, with no time everyone can make within 3 days: Li is busy on Tue 22 Dec.',
    });
    expect(moved.view.seriesConflicts).toBeUndefined();
    expect(moved.view.headline).toMatch(/^Booked: “1:1”, every Tuesday/);
    // One booking, one recurring event per calendar.
    expect(store.bookingRows).toHaveLength(1);
    const booking = store.bookingRows[0]!;
    expect(booking.start).toBe(first.start);
    expect(writer.writes).toHaveLength(2);
    expect(writer.writes.every((w) => w.draft.recurrence?.freq === 'WEEKLY')).toBe(true);
    // The move goes through manage-series: one calendar.series job per participant, for 8 Dec only.
    expect(seriesJobs().map((j) => j.payload)).toEqual(
      [ana.id, li.id].map((personId) => ({
        bookingId: booking.id,
        personId,
        change: {
          kind: 'move',
          originalStart: eighth,
          start: paris('2026-12-08T16:30'),
          end: paris('2026-12-08T17:00'),
        },
      })),
    );
    // Reminders follow the moved occurrence: the old ones withdrawn, new ones at 16:30.
    const reminders = store.jobRows
      .filter((j) => j.kind === REMINDER_JOB)
      .map((j) => ({ status: j.status, p: j.payload as ReminderPayload }));
    expect(reminders.filter((r) => r.p.occurrence === eighth).every((r) => r.status === 'cancelled')).toBe(
      true,
    );
    expect(
      reminders.filter((r) => r.p.occurrence === paris('2026-12-08T16:30') && r.status === 'queued'),
    ).toHaveLength(2);
    // The occurrence that stays keeps its reminders.
    expect(reminders.filter((r) => r.p.occurrence === twentySecond && r.status === 'queued')).toHaveLength(2);

    // A repeat (double click, retried webhook, the "book anyway" button of the same time): the same
    // booking, nothing written or moved again.
    const jobsBefore = store.jobRows.length;
    for (const slotId of [`${first.id}-move`, `${first.id}-anyway`, first.id]) {
      const again = await book(view.proposalId, slotId);
      if (!again.ok) throw new Error(again.error.message);
      expect(again.view.alreadyBooked).toBe(true);
      expect(again.view.seriesMoves).toBeUndefined();
    }
    expect(store.bookingRows).toHaveLength(1);
    expect(writer.writes).toHaveLength(2);
    expect(store.jobRows).toHaveLength(jobsBefore);
  });

  it('two clicks racing: one booking, each occurrence moved once', async () => {
    const view = await ask();
    const first = view.slots.find((s) => wall(s.start) === 'Tue 24 Nov 10:00')!;
    // Tue 8 and Tue 15 Dec clash; both can move to 16:30 the same day.
    busy.busy.set(li.id, [
      { start: paris('2026-12-08T09:00'), end: paris('2026-12-08T16:30') },
      { start: paris('2026-12-15T09:00'), end: paris('2026-12-15T16:30') },
    ]);
    const [a, b] = await Promise.all([
      book(view.proposalId, `${first.id}-move`),
      book(view.proposalId, `${first.id}-move`),
    ]);
    if (!a.ok || !b.ok) throw new Error('a click failed');
    expect([a.view.alreadyBooked, b.view.alreadyBooked].sort()).toEqual([false, true]);
    const winner = a.view.alreadyBooked ? b.view : a.view;
    expect(winner.seriesMoves?.moved.map((m) => wall(m.start))).toEqual([
      'Tue 8 Dec 16:30',
      'Tue 15 Dec 16:30',
    ]);
    expect(store.bookingRows).toHaveLength(1);
    const originals = seriesJobs().map((j) => (j.payload as { change: { originalStart: number } }).change);
    // Two participants × two occurrences, each occurrence once per participant.
    expect(originals).toHaveLength(4);
    expect(new Set(originals.map((c) => c.originalStart))).toEqual(
      new Set([paris('2026-12-08T10:00'), paris('2026-12-15T10:00')]),
    );
  });

  it.each([
    [
      'fr',
      /^1 date en conflit déplacée : mar\.? 8 déc\.? au mar\.? 8 déc\.?, 16:30–17:00 \(heure de Paris\)\. 1 date reste inchangée, faute d’horaire libre pour tous à 3 jours près : Li n’est pas disponible le mar\.? 22 déc\.?\.$/,
    ],
    [
      'de',
      /^1 Termin mit Konflikt verschoben: Di\.? 8\.? Dez\.? auf Di\.? 8\.? Dez\.?, 16:30–17:00 \(Ortszeit Paris\)\. 1 Termin bleibt unverändert, ohne gemeinsame freie Zeit innerhalb von 3 Tagen: Li hat am Di\.? 22\.? Dez\.? keine Zeit\.$/,
    ],
  ] as const)('words the moves in %s', async (locale, text) => {
    const view = await ask();
    const first = view.slots.find((s) => wall(s.start) === 'Tue 24 Nov 10:00')!;
    liBusy();
    const booked = await book(view.proposalId, `${first.id}-move`, locale);
    if (!booked.ok) throw new Error(booked.error.message);
    expect(booked.view.seriesMoves?.text).toMatch(text);
  });

  it('a series without conflicts books as usual with "-move": nothing moved, nothing said', async () => {
    const view = await ask();
    const booked = await book(view.proposalId, `${view.slots[0]!.id}-move`);
    if (!booked.ok) throw new Error(booked.error.message);
    expect(booked.view.seriesMoves).toBeUndefined();
    expect(seriesJobs()).toHaveLength(0);
  });

  it('refuses a "-move" id that is not a slot', async () => {
    const view = await ask();
    for (const slotId of ['1-moved', 'move', '-move', '99-move']) {
      const r = await book(view.proposalId, slotId);
      expect(r.ok ? null : r.error.code).toBe('unknown_slot');
    }
  });
});
