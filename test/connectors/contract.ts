/**
 * The shared connector contract: every `CalendarProvider` (ICS, CalDAV, Google, Microsoft) runs these
 * cases against its own fixture. Usage, in `test/connectors/<provider>*.test.ts`:
 *
 *   defineProviderContract('google (fake API)', async () => ({ provider, calendarId, ... }), { changes: true });
 *
 * `changes: true` adds the change-detection case (`provider.changes`: full listing, then incremental).
 *
 * Lifecycle: `setup()` is called before EACH case and `teardown()` after it, so every case starts
 * from an empty calendar (`calendarId` holds no events until the case seeds it). Start expensive
 * things (a server) once in your test file's `beforeAll` and make `setup()` cheap (a fresh calendar).
 *
 * Time: all cases use fixed instants in March–August 2030 (no `Date.now()`). All-day events are
 * seeded with `start`/`end` at UTC midnights; a provider may present them in its calendar's zone,
 * so the case only requires one 24-hour busy block containing that UTC day's noon.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BusyResult,
  CalendarBusy,
  CalendarProvider,
  EventDraft,
  EventRecurrence,
} from '../../src/app/ports/provider.ts';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import type { Interval } from '../../src/core/interval.ts';
import { DAY, HOUR, MINUTE } from '../../src/core/interval.ts';

export interface SeedEvent {
  id: string;
  title: string;
  start: number;
  end: number;
  transparent?: boolean;
  allDay?: boolean;
}

export interface ContractFixture {
  provider: CalendarProvider;
  /** A calendar that exists and that the suite may seed and (if writable) write to. */
  calendarId: string;
  /** A calendar id the provider will report as not found / inaccessible. */
  missingCalendarId: string;
  /** Put events into the backing store directly (not through the provider). */
  seed(events: SeedEvent[]): Promise<void>;
  /** The events currently in the backing store for calendarId (to count duplicates after retried writes). */
  listStored(): Promise<Array<{ id: string; start: number; end: number }>>;
  capabilities: { write: boolean; maxRangeDays?: number };
  teardown(): Promise<void>;
}

/** Monday 4 March 2030, 00:00 UTC. */
export const CONTRACT_BASE = Date.UTC(2030, 2, 4);

const at = (day: number, hour: number, minute = 0): number =>
  CONTRACT_BASE + day * DAY + hour * HOUR + minute * MINUTE;

const iso = (ms: number): string => new Date(ms).toISOString();
const readable = (busy: readonly Interval[]): string[] => busy.map((b) => `${iso(b.start)}/${iso(b.end)}`);

function okBusy(result: BusyResult, calendarId: string): readonly Interval[] {
  const entry: CalendarBusy | undefined = result.calendars[calendarId];
  expect(entry, `BusyResult has no entry for ${calendarId}`).toBeDefined();
  if (!entry?.ok) {
    throw new Error(`expected ok busy for ${calendarId}, got ${JSON.stringify(entry)}`);
  }
  return entry.busy;
}

function draft(fixture: ContractFixture, key: string, start: number, end: number): EventDraft {
  return {
    idempotencyKey: key,
    calendarId: fixture.calendarId,
    title: 'Convene contract: planning sync',
    description: 'Written by the connector contract suite',
    start,
    end,
    timeZone: 'Europe/Paris',
    attendees: [{ email: 'ada@example.com', name: 'Ada' }],
    conference: false,
  };
}

export interface ContractOptions {
  /** Run the change-detection (ChangeSource) case: the connector implements `provider.changes`. */
  readonly changes?: boolean;
}

export function defineProviderContract(
  name: string,
  setup: () => Promise<ContractFixture>,
  options: ContractOptions = {},
): void {
  describe(`${name} contract`, () => {
    let fixture: ContractFixture;

    beforeEach(async () => {
      fixture = await setup();
    });

    afterEach(async () => {
      await fixture?.teardown();
    });

    const busyFor = async (range: Interval, ids: readonly string[] = [fixture.calendarId]) =>
      fixture.provider.getBusy({ calendarIds: ids, range });

    it('returns seeded opaque events as busy: sorted, merged, clipped to the range', async () => {
      await fixture.seed([
        // Deliberately out of order; the first two overlap, the last two cross the range edges.
        { id: 'c-afternoon', title: 'Afternoon review', start: at(1, 14), end: at(1, 15) },
        { id: 'c-overlap-a', title: 'Standup', start: at(1, 10), end: at(1, 11) },
        { id: 'c-overlap-b', title: 'Design review', start: at(1, 10, 30), end: at(1, 12) },
        { id: 'c-early', title: 'Early call', start: at(1, 7), end: at(1, 9, 30) },
        { id: 'c-late', title: 'Late call', start: at(1, 17), end: at(1, 19) },
        { id: 'c-outside', title: 'Another day', start: at(3, 10), end: at(3, 11) },
      ]);
      const range = { start: at(1, 9), end: at(1, 18) };
      const result = await busyFor(range);
      expect(Object.keys(result.calendars)).toEqual([fixture.calendarId]);
      expect(readable(okBusy(result, fixture.calendarId))).toEqual(
        readable([
          { start: at(1, 9), end: at(1, 9, 30) },
          { start: at(1, 10), end: at(1, 12) },
          { start: at(1, 14), end: at(1, 15) },
          { start: at(1, 17), end: at(1, 18) },
        ]),
      );
    });

    it('returns an empty busy list for a range without events', async () => {
      await fixture.seed([{ id: 'e-other', title: 'Elsewhere', start: at(5, 10), end: at(5, 11) }]);
      const busy = okBusy(await busyFor({ start: at(1, 0), end: at(2, 0) }), fixture.calendarId);
      expect(busy).toEqual([]);
    });

    it('does not count transparent (free) events as busy', async () => {
      await fixture.seed([
        { id: 't-free', title: 'Focus time (free)', start: at(2, 9), end: at(2, 12), transparent: true },
        { id: 't-busy', title: 'Customer call', start: at(2, 13), end: at(2, 14) },
      ]);
      const busy = okBusy(await busyFor({ start: at(2, 0), end: at(3, 0) }), fixture.calendarId);
      expect(readable(busy)).toEqual(readable([{ start: at(2, 13), end: at(2, 14) }]));
    });

    it('counts an all-day event as busy for that whole day', async () => {
      await fixture.seed([{ id: 'a-day', title: 'Offsite', start: at(4, 0), end: at(5, 0), allDay: true }]);
      const busy = okBusy(await busyFor({ start: at(2, 0), end: at(7, 0) }), fixture.calendarId);
      expect(busy).toHaveLength(1);
      const block = busy[0]!;
      expect(block.end - block.start).toBe(DAY);
      expect(block.start).toBeLessThanOrEqual(at(4, 12));
      expect(block.end).toBeGreaterThan(at(4, 12));
    });

    it('never leaks event titles into the busy result', async () => {
      const titles = ['Secret: oncology appointment zq81', 'Confidential: layoffs planning zq82'];
      await fixture.seed([
        { id: 'p-1', title: titles[0]!, start: at(6, 9), end: at(6, 10) },
        { id: 'p-2', title: titles[1]!, start: at(6, 11), end: at(6, 12) },
      ]);
      const result = await busyFor({ start: at(6, 0), end: at(7, 0) });
      expect(okBusy(result, fixture.calendarId)).toHaveLength(2);
      const json = JSON.stringify(result);
      for (const title of titles) {
        expect(json).not.toContain(title);
        expect(json).not.toContain(title.split(': ')[1]!);
      }
    });

    it('reports an unknown calendar as a per-calendar not_found value without failing the known one', async () => {
      await fixture.seed([{ id: 'm-1', title: 'Known meeting', start: at(8, 10), end: at(8, 11) }]);
      const result = await busyFor({ start: at(8, 0), end: at(9, 0) }, [
        fixture.missingCalendarId,
        fixture.calendarId,
      ]);
      expect(Object.keys(result.calendars).sort()).toEqual(
        [fixture.calendarId, fixture.missingCalendarId].sort(),
      );
      const missing = result.calendars[fixture.missingCalendarId];
      expect(missing?.ok).toBe(false);
      if (missing && !missing.ok) {
        expect(missing.error.code).toBe('not_found');
        expect(missing.error.message).toEqual(expect.any(String));
        expect(missing.error.message.length).toBeGreaterThan(0);
      }
      expect(readable(okBusy(result, fixture.calendarId))).toEqual(
        readable([{ start: at(8, 10), end: at(8, 11) }]),
      );
    });

    it('answers a 150-day range (longer than provider limits) with events near both ends', async () => {
      const days = Math.max(150, (fixture.capabilities.maxRangeDays ?? 0) * 2 + 10);
      const range = { start: at(10, 0), end: at(10 + days, 0) };
      await fixture.seed([
        { id: 'l-first', title: 'First week', start: at(10, 8), end: at(10, 9) },
        {
          id: 'l-middle',
          title: 'Middle',
          start: at(10 + Math.floor(days / 2), 15),
          end: at(10 + Math.floor(days / 2), 16),
        },
        { id: 'l-last', title: 'Last day', start: at(10 + days - 1, 20), end: at(10 + days - 1, 21) },
        { id: 'l-after', title: 'After the range', start: at(10 + days, 8), end: at(10 + days, 9) },
      ]);
      const busy = okBusy(await busyFor(range), fixture.calendarId);
      expect(readable(busy)).toEqual(
        readable([
          { start: at(10, 8), end: at(10, 9) },
          { start: at(10 + Math.floor(days / 2), 15), end: at(10 + Math.floor(days / 2), 16) },
          { start: at(10 + days - 1, 20), end: at(10 + days - 1, 21) },
        ]),
      );
    });

    it('lists the calendar among listCalendars()', async () => {
      const calendars = await fixture.provider.listCalendars();
      const ids = calendars.map((c) => c.id);
      expect(ids).toContain(fixture.calendarId);
      expect(ids).not.toContain(fixture.missingCalendarId);
      const mine = calendars.find((c) => c.id === fixture.calendarId)!;
      expect(mine.writable).toBe(fixture.capabilities.write);
    });

    it('writes (create idempotently, update, delete twice) or refuses with read_only', async () => {
      const start = at(20, 9);
      const end = at(20, 10);
      const range = { start: at(20, 0), end: at(21, 0) };
      if (!fixture.capabilities.write) {
        const attempt = fixture.provider.createEvent(draft(fixture, 'contract-ro-1', start, end));
        await expect(attempt).rejects.toBeInstanceOf(ProviderError);
        await expect(attempt).rejects.toMatchObject({ code: 'read_only' });
        expect(await fixture.listStored()).toEqual([]);
        return;
      }

      const key = 'contract-write-0001';
      const first = await fixture.provider.createEvent(draft(fixture, key, start, end));
      const retried = await fixture.provider.createEvent(draft(fixture, key, start, end));
      expect(first.eventId.length).toBeGreaterThan(0);
      expect(retried.eventId).toBe(first.eventId);
      let stored = await fixture.listStored();
      expect(stored.map((s) => [s.start, s.end])).toEqual([[start, end]]);
      expect(readable(okBusy(await busyFor(range), fixture.calendarId))).toEqual(readable([{ start, end }]));

      const moved = await fixture.provider.updateEvent(
        first.eventId,
        draft(fixture, key, at(20, 14), at(20, 15)),
      );
      expect(moved.eventId).toBe(first.eventId);
      stored = await fixture.listStored();
      expect(stored.map((s) => [s.start, s.end])).toEqual([[at(20, 14), at(20, 15)]]);
      expect(readable(okBusy(await busyFor(range), fixture.calendarId))).toEqual(
        readable([{ start: at(20, 14), end: at(20, 15) }]),
      );

      await fixture.provider.deleteEvent(fixture.calendarId, first.eventId);
      expect(await fixture.listStored()).toEqual([]);
      expect(okBusy(await busyFor(range), fixture.calendarId)).toEqual([]);
      await expect(fixture.provider.deleteEvent(fixture.calendarId, first.eventId)).resolves.toBeUndefined();
    });

    it('writes one recurring event (every 2 weeks, COUNT=6, Europe/Paris across the March DST change): each occurrence busy at 10:00 Paris, the weeks between free', async () => {
      // Tuesday 5 March 2030, 10:00 Paris (09:00 UTC); Paris moves to summer time on Sunday 31 March.
      const first = Date.UTC(2030, 2, 5, 9);
      const rule: EventRecurrence = {
        freq: 'WEEKLY',
        interval: 2,
        byDay: ['TU'],
        count: 6,
        timeZone: 'Europe/Paris',
      };
      const series: EventDraft = {
        ...draft(fixture, 'contract-series-0001', first, first + 30 * MINUTE),
        recurrence: rule,
      };
      if (!fixture.capabilities.write) {
        await expect(fixture.provider.createEvent(series)).rejects.toMatchObject({ code: 'read_only' });
        expect(await fixture.listStored()).toEqual([]);
        return;
      }
      expect(fixture.provider.checkRecurrence?.(rule)).toEqual({ ok: true });
      // A rule no provider can say is a value, not an exception.
      expect(fixture.provider.checkRecurrence?.({ ...rule, until: at(80, 0) })).toMatchObject({
        ok: false,
        code: 'recurrence_unsupported',
      });
      await fixture.provider.createEvent(series);
      // ONE stored event, not six.
      expect((await fixture.listStored()).length).toBe(1);
      const occurrence = (y: number, m: number, d: number, utcHour: number) => ({
        start: Date.UTC(y, m - 1, d, utcHour),
        end: Date.UTC(y, m - 1, d, utcHour, 30),
      });
      // 10:00 Paris: 09:00 UTC before 31 March (CET), 08:00 UTC after (CEST).
      const expected = [
        occurrence(2030, 3, 5, 9),
        occurrence(2030, 3, 19, 9),
        occurrence(2030, 4, 2, 8),
        occurrence(2030, 4, 16, 8),
        occurrence(2030, 4, 30, 8),
        occurrence(2030, 5, 14, 8),
      ];
      // Through the seventh would-be occurrence (28 May): nothing after the sixth, nothing in the weeks between.
      const range = { start: Date.UTC(2030, 2, 4), end: Date.UTC(2030, 5, 1) };
      expect(readable(okBusy(await busyFor(range), fixture.calendarId))).toEqual(readable(expected));
      // A week between (Tuesday 26 March) read on its own is free.
      expect(
        okBusy(
          await busyFor({ start: Date.UTC(2030, 2, 26), end: Date.UTC(2030, 2, 27) }),
          fixture.calendarId,
        ),
      ).toEqual([]);
    });

    it("manages one occurrence of a written series through the provider's exceptions: cancel the 3rd, move the 4th by a day, end after the 5th (Europe/Paris, across the March DST change)", async () => {
      const editor = fixture.provider.series;
      if (!fixture.capabilities.write) {
        // A read-only connector has no series to manage.
        expect(editor).toBeUndefined();
        return;
      }
      expect(editor, 'a writable connector manages occurrences (provider.series)').toBeDefined();
      if (!editor) return;
      // Tuesday 5 March 2030, 10:00 Paris, every 2 weeks, 6 times (as the series case above).
      const first = Date.UTC(2030, 2, 5, 9);
      const series: EventDraft = {
        ...draft(fixture, 'contract-series-manage-0001', first, first + 30 * MINUTE),
        recurrence: { freq: 'WEEKLY', interval: 2, byDay: ['TU'], count: 6, timeZone: 'Europe/Paris' },
      };
      const written = await fixture.provider.createEvent(series);
      const slot = (y: number, m: number, d: number, utcHour: number) => ({
        start: Date.UTC(y, m - 1, d, utcHour),
        end: Date.UTC(y, m - 1, d, utcHour, 30),
      });
      // 10:00 Paris: 09:00 UTC before 31 March (CET), 08:00 UTC after (CEST).
      const o = [
        slot(2030, 3, 5, 9),
        slot(2030, 3, 19, 9),
        slot(2030, 4, 2, 8),
        slot(2030, 4, 16, 8),
        slot(2030, 4, 30, 8),
        slot(2030, 5, 14, 8),
      ] as const;
      const ref = (i: number) => ({
        calendarId: fixture.calendarId,
        eventId: written.eventId,
        originalStart: o[i]!.start,
      });
      const moved = { start: o[3].start + DAY, end: o[3].end + DAY };

      // Cancel the 3rd, move the 4th to the next day (Wednesday 17 April, same time), end after the 5th.
      // Each change is sent twice, as a retried outbox job would: the second one changes nothing.
      for (let attempt = 0; attempt < 2; attempt++) {
        expect(await editor.cancelOccurrence(ref(2))).toEqual({ ok: true });
        expect(await editor.moveOccurrence(ref(3), moved)).toEqual({ ok: true });
        expect(await editor.endBefore(ref(5))).toEqual({ ok: true });
      }

      const range = { start: Date.UTC(2030, 2, 4), end: Date.UTC(2030, 5, 1) };
      // Occurrences 1, 2 and 5 unchanged (on both sides of the DST change), 4 at its new time; 3 and 6 gone.
      expect(readable(okBusy(await busyFor(range), fixture.calendarId))).toEqual(
        readable([o[0], o[1], moved, o[4]]),
      );
      const freeAt = async (interval: Interval) =>
        expect(
          okBusy(await busyFor({ start: interval.start, end: interval.end }), fixture.calendarId),
          `expected free at ${iso(interval.start)}`,
        ).toEqual([]);
      await freeAt(o[2]); // the cancelled occurrence
      await freeAt(o[3]); // the moved occurrence's old time
      await freeAt(o[5]); // past the new end
      // The mutation this case is built to catch: a "move" that writes a new single event (and cancels
      // or keeps the occurrence) instead of the provider's override. The series stays ONE stored event.
      expect((await fixture.listStored()).length).toBe(1);

      // What cannot be done is a value: no occurrence on a Tuesday between (26 March)…
      const between = { ...ref(0), originalStart: Date.UTC(2030, 2, 26, 9) };
      expect(
        await editor.moveOccurrence(between, {
          start: between.originalStart + DAY,
          end: between.originalStart + DAY + 30 * MINUTE,
        }),
      ).toMatchObject({
        ok: false,
        code: 'occurrence_not_found',
      });
      // …and ending the series before its first occurrence leaves nothing (cancel the event instead).
      expect(await editor.endBefore(ref(0))).toMatchObject({ ok: false, code: 'first_occurrence' });
      expect(readable(okBusy(await busyFor(range), fixture.calendarId))).toEqual(
        readable([o[0], o[1], moved, o[4]]),
      );
    });

    it('puts a deleted occurrence back (restoreOccurrence), at its rule position or at another time; Graph cannot', async () => {
      const editor = fixture.provider.series;
      if (!fixture.capabilities.write || !editor) return;
      if (fixture.provider.kind === 'microsoft') {
        // Graph has no undelete of an occurrence: a deleted one is gone from the series.
        expect(editor.restoreOccurrence).toBeUndefined();
        return;
      }
      expect(editor.restoreOccurrence, 'this connector can put back a deleted occurrence').toBeDefined();
      if (!editor.restoreOccurrence) return;
      // Tuesday 2 April 2030, 10:00 Paris (CEST), weekly, 4 times.
      const first = Date.UTC(2030, 3, 2, 8);
      const written = await fixture.provider.createEvent({
        ...draft(fixture, 'contract-series-restore-0001', first, first + 30 * MINUTE),
        recurrence: { freq: 'WEEKLY', interval: 1, byDay: ['TU'], count: 4, timeZone: 'Europe/Paris' },
      });
      const o = [0, 1, 2, 3].map((w) => ({
        start: first + w * 7 * DAY,
        end: first + w * 7 * DAY + 30 * MINUTE,
      }));
      const ref = (i: number) => ({
        calendarId: fixture.calendarId,
        eventId: written.eventId,
        originalStart: o[i]!.start,
      });
      const range = { start: first - DAY, end: o[3]!.end + DAY };
      // A participant deletes the 2nd and 3rd occurrences (as the provider's exception).
      expect(await editor.cancelOccurrence(ref(1))).toEqual({ ok: true });
      expect(await editor.cancelOccurrence(ref(2))).toEqual({ ok: true });
      expect(readable(okBusy(await busyFor(range), fixture.calendarId))).toEqual(readable([o[0]!, o[3]!]));
      // Kept: the 2nd back at its own time, the 3rd back an hour later; each sent twice (a retried job).
      const later = { start: o[2]!.start + 60 * MINUTE, end: o[2]!.end + 60 * MINUTE };
      for (let attempt = 0; attempt < 2; attempt++) {
        expect(await editor.restoreOccurrence(ref(1), o[1]!)).toEqual({ ok: true });
        expect(await editor.restoreOccurrence(ref(2), later)).toEqual({ ok: true });
      }
      expect(readable(okBusy(await busyFor(range), fixture.calendarId))).toEqual(
        readable([o[0]!, o[1]!, later, o[3]!]),
      );
      // Still ONE stored series event; no occurrence of the rule at a Wednesday.
      expect((await fixture.listStored()).length).toBe(1);
      expect(
        await editor.restoreOccurrence({ ...ref(0), originalStart: o[0]!.start + DAY }, o[0]!),
      ).toMatchObject({ ok: false, code: 'occurrence_not_found' });
    });

    // ChangeSource (change detection): for connectors that declare `changes` in the contract options.
    if (!options.changes) return;
    it('change detection: a full listing of the window, then what Convene wrote and deleted since the cursor', async () => {
      const changes = fixture.provider.changes;
      expect(changes, 'the connector declares change detection but has no provider.changes').toBeDefined();
      if (!changes) return;
      const window = { start: at(30, 0), end: at(37, 0) };
      await fixture.seed([
        { id: 'ch-a', title: 'Change A', start: at(31, 9), end: at(31, 10) },
        { id: 'ch-b', title: 'Change B', start: at(32, 14), end: at(32, 15) },
      ]);
      const first = await changes.listChanges({ calendarId: fixture.calendarId, cursor: null, window });
      expect(first.full).toBe(true);
      expect(first.cursor.length).toBeGreaterThan(0);
      const times = first.changes.filter((c) => c.kind === 'changed').map((c) => [c.start, c.end]);
      expect(times).toEqual(
        expect.arrayContaining([
          [at(31, 9), at(31, 10)],
          [at(32, 14), at(32, 15)],
        ]),
      );
      expect(JSON.stringify(first)).not.toContain('Change A');
      if (!fixture.capabilities.write) return;

      const written = await fixture.provider.createEvent(
        draft(fixture, 'contract-changes-1', at(33, 9), at(33, 10)),
      );
      const second = await changes.listChanges({
        calendarId: fixture.calendarId,
        cursor: first.cursor,
        window,
      });
      expect(second.changes.filter((c) => c.eventId === written.eventId)).toEqual([
        expect.objectContaining({ kind: 'changed', start: at(33, 9), end: at(33, 10) }),
      ]);

      await fixture.provider.deleteEvent(fixture.calendarId, written.eventId);
      const third = await changes.listChanges({
        calendarId: fixture.calendarId,
        cursor: second.cursor,
        window,
      });
      const after = third.changes.filter((c) => c.eventId === written.eventId);
      // Incremental: reported deleted. Full (the cursor was refused): simply absent.
      if (third.full) expect(after.filter((c) => c.kind === 'changed')).toEqual([]);
      else expect(after.map((c) => c.kind)).toEqual(['deleted']);
    });
  });
}

/** iCalendar text for seeded events (used by the ICS and CalDAV fixtures to fill their stores). */
export function seedEventsToIcs(events: readonly SeedEvent[]): string {
  const stamp = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  const day = (ms: number) => stamp(ms).slice(0, 8);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Convene//contract seed//EN'];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.id}`, `DTSTAMP:${stamp(CONTRACT_BASE)}`);
    if (e.allDay) lines.push(`DTSTART;VALUE=DATE:${day(e.start)}`, `DTEND;VALUE=DATE:${day(e.end)}`);
    else lines.push(`DTSTART:${stamp(e.start)}`, `DTEND:${stamp(e.end)}`);
    lines.push(`SUMMARY:${e.title.replace(/[\\;,]/g, (c) => `\\${c}`)}`);
    if (e.transparent) lines.push('TRANSP:TRANSPARENT');
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}
