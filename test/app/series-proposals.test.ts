/**
 * Issue #22, "slot search over the series", in the product: a recurring request's proposals are checked
 * over every occurrence (one busy read per request), ranked by how many occurrences are fully free, say
 * their conflicts in the request's language, and the click's re-check covers the whole series.
 */
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import type { Person } from '../../src/app/ports/store.ts';
import type { RequestLimits } from '../../src/app/request-meeting.ts';
import { requestMeeting } from '../../src/app/request-meeting.ts';
import { seriesLine } from '../../src/app/series.ts';
import type { Locale } from '../../src/app/views.ts';
import {
  type FakeBusyReader,
  FakeWriter,
  type MemoryStore,
  TENANT,
  WORKSPACE,
} from './request-meeting.fakes.ts';
import { NOW, PARIS, paris, seriesWorld } from './series-fixtures.ts';

// NOW is Monday 23 November 2026, 09:00 in Paris. "every tuesday" starts Tue 24 Nov and runs three
// months (the default horizon): 14 Tuesdays, up to Tue 23 Feb 2027.
const hhmm = (t: number) => DateTime.fromMillis(t, { zone: PARIS }).toFormat('HH:mm');

let store: MemoryStore;
let busy: FakeBusyReader;
let writer: FakeWriter;
let ana: Person;
let li: Person;

beforeEach(() => {
  ({ store, busy, ana, li } = seriesWorld());
  writer = new FakeWriter();
});

const ask = (text: string, extra: { replyLocale?: Locale; limits?: RequestLimits } = {}) =>
  requestMeeting(
    { store, busy, directory: store.directory, ...(extra.limits ? { limits: extra.limits } : {}) },
    {
      tenantId: TENANT,
      workspaceId: WORKSPACE,
      requesterPersonId: ana.id,
      text,
      now: NOW,
      zone: PARIS,
      ...(extra.replyLocale ? { replyLocale: extra.replyLocale } : {}),
    },
  );

const book = (proposalId: string, slotId: string, now = NOW) =>
  bookMeeting(
    { store, busy, writer },
    { tenantId: TENANT, proposalId, slotId, actorPersonId: ana.id, now, locale: 'en' },
  );

/** Li is busy on the third Tuesday (8 Dec) all day except 16:30–17:00. */
const liBusyOnThird = () =>
  busy.busy.set(li.id, [{ start: paris('2026-12-08T09:00'), end: paris('2026-12-08T16:30') }]);

describe('series proposals', () => {
  it('ranks the time free on every occurrence first, and words the others’ conflicts in en/fr/de', async () => {
    liBusyOnThird();
    const result = await ask('/meet @li 30m every tuesday "1:1"');
    if (!result.ok) throw new Error(result.error.message);
    const { slots } = result.view;
    expect(slots.length).toBe(5);
    // The first occurrence's day, but the only time Li is free on 8 Dec too.
    expect(DateTime.fromMillis(slots[0]!.start, { zone: PARIS }).toISODate()).toBe('2026-11-24');
    expect(hhmm(slots[0]!.start)).toBe('16:30');
    expect(slots[0]!.series).toMatchObject({ occurrences: 14, free: 14, conflicts: [], bookSlotId: '1' });
    expect(slots[0]!.series!.line).toBe('free on all 14 Tuesdays');
    // The others clash on the third Tuesday: said, and booked with "book anyway".
    const second = slots[1]!;
    expect(second.series).toMatchObject({ occurrences: 14, free: 13, bookSlotId: '2-anyway' });
    expect(second.series!.conflicts).toEqual([
      {
        start: second.start + 14 * 24 * 3600_000,
        end: second.end + 14 * 24 * 3600_000,
        people: [{ personId: li.id, name: 'Li', reason: 'busy' }],
      },
    ]);
    expect(second.series!.line).toBe('free on 13 of 14 Tuesdays; Li is busy on Tue 8 Dec');

    const fr = await ask('/meet @li 30m every tuesday "1:1"', { replyLocale: 'fr' });
    const de = await ask('/meet @li 30m every tuesday "1:1"', { replyLocale: 'de' });
    if (!fr.ok || !de.ok) throw new Error('fr/de request failed');
    expect(fr.view.slots[0]!.series!.line).toBe('libre pour les 14 mardis');
    expect(fr.view.slots[1]!.series!.line).toMatch(
      /^libre pour 13 mardis sur 14 ; Li n’est pas disponible le mar\.? 8 déc\.?$/,
    );
    expect(de.view.slots[0]!.series!.line).toBe('an allen 14 Dienstagen frei');
    expect(de.view.slots[1]!.series!.line).toMatch(
      /^an 13 von 14 Dienstagen frei; Li hat am Di\.? 8\.? Dez\.? keine Zeit$/,
    );
  });

  it('reads busy time once per participant per request, over the whole series', async () => {
    liBusyOnThird();
    const result = await ask('/meet @li 30m every tuesday');
    if (!result.ok) throw new Error(result.error.message);
    expect(busy.calls).toHaveLength(1);
    expect([...busy.calls[0]!.personIds].sort()).toEqual([ana.id, li.id].sort());
    // From the first occurrence's window to the whole last Tuesday (23 Feb 2027), not beyond the next day.
    expect(busy.calls[0]!.range.start).toBeLessThanOrEqual(paris('2026-11-24T09:00'));
    expect(busy.calls[0]!.range.end).toBeGreaterThanOrEqual(paris('2027-02-23T17:00'));
    expect(busy.calls[0]!.range.end).toBeLessThanOrEqual(paris('2027-02-25T00:00'));
    // So a conflict on the last Tuesday counts.
    busy.busy.set(li.id, [{ start: paris('2027-02-23T09:00'), end: paris('2027-02-23T16:30') }]);
    const last = await ask('/meet @li 30m every tuesday');
    if (!last.ok) throw new Error(last.error.message);
    expect(hhmm(last.view.slots[0]!.start)).toBe('16:30');
    expect(last.view.slots[1]!.series!.line).toBe('free on 13 of 14 Tuesdays; Li is busy on Tue 23 Feb');
  });

  it('checks a series longer than the horizon only up to it, and says so', async () => {
    const result = await ask('/meet @li 30m every tuesday', { limits: { maxSeriesDays: 30 } });
    if (!result.ok) throw new Error(result.error.message);
    // Tuesdays before 23 Dec 09:00: 24 Nov, 1, 8, 15 and 22 Dec.
    expect(result.view.slots[0]!.series).toMatchObject({ occurrences: 5, free: 5 });
    expect(result.view.notes).toContain(
      'This series runs past Wed 23 Dec: I checked its occurrences up to then only (5 occurrences; one search looks at most 30 days ahead).',
    );
    // Busy time is not read past the horizon either.
    expect(busy.calls).toHaveLength(1);
    expect(busy.calls[0]!.range.end).toBeLessThanOrEqual(paris('2026-12-23T09:00'));
  });

  it('a plain click re-checks every occurrence: a conflict that appeared since is named, nothing booked', async () => {
    const result = await ask('/meet @li 30m every tuesday "1:1"');
    if (!result.ok) throw new Error(result.error.message);
    const first = result.view.slots[0]!;
    expect(first.series).toMatchObject({ free: 14, bookSlotId: '1' });
    // Since the proposal, Li became busy on the fifth Tuesday (22 Dec) at that time.
    const fifth = first.start + 28 * 24 * 3600_000;
    busy.busy.set(li.id, [{ start: fifth, end: fifth + 3600_000 }]);

    const clicked = await book(result.view.proposalId, '1');
    if (clicked.ok) throw new Error('booked despite a conflict on the fifth Tuesday');
    expect(clicked.error.code).toBe('series_conflict');
    expect(clicked.error.message).toBe(
      'Since these times were proposed, the series has a conflict: Li is busy on Tue 22 Dec. Book anyway, or pick another time.',
    );
    expect(clicked.error.anyway?.series).toMatchObject({
      bookSlotId: '1-anyway',
      free: 13,
      occurrences: 14,
      line: 'free on 13 of 14 Tuesdays; Li is busy on Tue 22 Dec',
    });
    expect(clicked.error.remaining?.map((s) => s.id)).toEqual(['2', '3', '4', '5']);
    expect(store.bookingRows).toHaveLength(0);
    // One read for the click too (fresh), reaching the last occurrence.
    const recheck = busy.calls.filter((c) => c.fresh);
    expect(recheck).toHaveLength(1);
    expect(recheck[0]!.range.end).toBeGreaterThanOrEqual(first.start + 13 * 7 * 24 * 3600_000);

    // "Book anyway": booked once, as a series, and the confirmation names the clash.
    const anyway = await book(result.view.proposalId, '1-anyway');
    if (!anyway.ok) throw new Error(anyway.error.message);
    expect(anyway.view.seriesConflicts).toBe(
      'Booked anyway, with 1 occurrence in conflict: Li is busy on Tue 22 Dec.',
    );
    expect(store.bookingRows).toHaveLength(1);
    expect(writer.writes[0]!.draft.recurrence).toMatchObject({ freq: 'WEEKLY' });
    // The booking keeps when its last (14th) occurrence ends: /meet cancel|reschedule list it until then.
    expect(store.bookingRows[0]!.seriesEndsAt).toBe(first.start + 13 * 7 * 24 * 3600_000 + 30 * 60_000);
    // The plain button of the same slot is now the same booking (one idempotency key).
    const again = await book(result.view.proposalId, '1');
    expect(again.ok && again.view.alreadyBooked).toBe(true);
    expect(store.bookingRows).toHaveLength(1);
  });

  it('a proposed time with known conflicts books with "book anyway" and the confirmation names them', async () => {
    liBusyOnThird();
    const result = await ask('/meet @li 30m every tuesday "1:1"');
    if (!result.ok) throw new Error(result.error.message);
    const second = result.view.slots[1]!;
    const booked = await book(result.view.proposalId, second.series!.bookSlotId);
    if (!booked.ok) throw new Error(booked.error.message);
    expect(booked.view.seriesConflicts).toBe(
      'Booked anyway, with 1 occurrence in conflict: Li is busy on Tue 8 Dec.',
    );
    expect(booked.view.start).toBe(second.start);
  });

  it('names a few people and dates, then "and N more", in en/fr/de', () => {
    const tuesday = (i: number) => paris('2026-11-24T10:00') + i * 7 * 24 * 3600_000;
    const people = [
      { name: 'Li', reason: 'busy' as const, starts: [1, 2, 3, 4, 5].map(tuesday) },
      { name: 'Sam', reason: 'outside_hours' as const, starts: [tuesday(2)] },
      { name: 'Zoé', reason: 'busy' as const, starts: [tuesday(6)] },
      { name: 'Bob', reason: 'busy' as const, starts: [tuesday(7)] },
      { name: 'Eve', reason: 'busy' as const, starts: [tuesday(8)] },
    ];
    const line = (locale: Locale) =>
      seriesLine({
        rule: { freq: 'WEEKLY', interval: 1, byDay: [{ n: 0, weekday: 1 }] },
        first: tuesday(0),
        seriesZone: PARIS,
        zone: PARIS,
        occurrences: 12,
        free: 4,
        conflicts: people,
        locale,
      });
    expect(line('en')).toBe(
      'free on 4 of 12 Tuesdays; Li is busy on Tue 1 Dec, Tue 8 Dec, Tue 15 Dec and 2 more; ' +
        'Sam is outside working hours on Tue 8 Dec; Zoé is busy on Tue 5 Jan; 2 more people have conflicts',
    );
    expect(line('fr')).toMatch(
      /^libre pour 4 mardis sur 12 ; Li n’est pas disponible les mar\.? 1 déc\.?, mar\.? 8 déc\.?, mar\.? 15 déc\.? et 2 autres ; Sam est hors de ses heures de travail le mar\.? 8 déc\.? ; Zoé n’est pas disponible le mar\.? 5 janv\.? ; 2 autres personnes ont des conflits$/,
    );
    expect(line('de')).toMatch(
      /^an 4 von 12 Dienstagen frei; Li hat am Di\.? 1\.? Dez\.?, Di\.? 8\.? Dez\.?, Di\.? 15\.? Dez\.? und 2 weiteren Terminen keine Zeit; Sam ist am Di\.? 8\.? Dez\.? außerhalb der Arbeitszeit; Zoé hat am Di\.? 5\.? Jan\.? keine Zeit; 2 weitere Personen haben Konflikte$/,
    );
    // A series on several days counts occurrences.
    expect(
      seriesLine({
        rule: {
          freq: 'WEEKLY',
          interval: 1,
          byDay: [
            { n: 0, weekday: 0 },
            { n: 0, weekday: 3 },
          ],
        },
        first: tuesday(0),
        seriesZone: PARIS,
        zone: PARIS,
        occurrences: 24,
        free: 24,
        conflicts: [],
        locale: 'de',
      }),
    ).toBe('an allen 24 Terminen frei');
  });

  it('a request that does not repeat is unchanged: no series line, one read over its window', async () => {
    const result = await ask('/meet @li 30m next week');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.slots.every((s) => s.series === undefined)).toBe(true);
    expect(busy.calls).toHaveLength(1);
    expect(busy.calls[0]!.range.end).toBeLessThanOrEqual(paris('2026-12-07T00:00'));
  });
});
