/**
 * Changing one occurrence of a booked series (src/app/manage-series.ts) and the outbox's `calendar.series`
 * jobs (src/app/outbox.ts), on in-memory ports. The connectors' side is the shared contract case
 * (test/connectors/contract.ts, "manages one occurrence of a written series").
 */
import { describe, expect, it } from 'vitest';
import {
  cancelOccurrence,
  endSeries,
  type ManageSeriesDeps,
  MOVE_WINDOW_DAYS,
  moveOccurrence,
  occurrenceMoveOptions,
} from '../../src/app/manage-series.ts';
import {
  CALENDAR_DELETE_JOB,
  CALENDAR_SERIES_JOB,
  type OutboxDeps,
  runOutboxOnce,
} from '../../src/app/outbox.ts';
import type {
  BusyReader,
  DeleteOutcome,
  EventTarget,
  SeriesChange,
  SeriesOccurrenceEditor,
} from '../../src/app/ports/calendars.ts';
import type {
  Booking,
  CalendarEventRecord,
  EnqueueInput,
  Job,
  MeetingRequest,
  OccurrenceException,
  Person,
  Preferences,
} from '../../src/app/ports/store.ts';
import { REMINDER_JOB, type ReminderPayload, reminderJobs } from '../../src/app/reminders.ts';
import { slotLabel } from '../../src/app/views.ts';

const T = '00000000-0000-4000-8000-000000000000';
const ANA = 'a0000000-0000-4000-8000-000000000001';
const LI = 'a0000000-0000-4000-8000-000000000002';
const ZOE = 'a0000000-0000-4000-8000-000000000003';
const OLGA = 'a0000000-0000-4000-8000-000000000004';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Tuesday 5 March 2030, 10:00 Paris (09:00 UTC): every other Tuesday, 6 times, across the March DST change. */
const FIRST = Date.UTC(2030, 2, 5, 9);
const OCCURRENCES = [
  Date.UTC(2030, 2, 5, 9),
  Date.UTC(2030, 2, 19, 9),
  Date.UTC(2030, 3, 2, 8),
  Date.UTC(2030, 3, 16, 8),
  Date.UTC(2030, 3, 30, 8),
  Date.UTC(2030, 4, 14, 8),
];
const NOW = Date.UTC(2030, 2, 1, 12);

function event(personId: string): CalendarEventRecord {
  return {
    id: `rec-${personId}`,
    personId,
    connectionId: `conn-${personId}`,
    calendarId: `cal-${personId}`,
    providerEventId: `series-${personId}`,
    iCalUID: null,
    status: 'created',
    lastError: null,
    expected: [[FIRST, FIRST + HOUR / 2]],
  };
}

function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'b-series',
    tenantId: T,
    proposalId: 'p-series',
    organizerId: ANA,
    title: '1:1',
    start: FIRST,
    end: FIRST + HOUR / 2,
    status: 'booked',
    idempotencyKey: 'key-series',
    participantIds: [ANA, LI, ZOE],
    events: [event(ANA), event(LI), event(ZOE)],
    createdAt: NOW - DAY,
    ...overrides,
  };
}

const SERIES_REQUEST = {
  id: 'r-series',
  tenantId: T,
  title: '1:1',
  criteria: {
    zone: 'Europe/Paris',
    constraints: [],
    excluded: [],
    recurrence: { freq: 'WEEKLY', interval: 2, byDay: [{ n: 0, weekday: 1 }], count: 6 },
  },
} as unknown as MeetingRequest;

/** Jobs as the store keeps them: a dedupe key enqueued twice is one job. */
class MemoryJobs {
  readonly jobs: Array<Job & { status: Job['status'] }> = [];
  async enqueue(input: EnqueueInput): Promise<Job> {
    const existing = input.dedupeKey ? this.jobs.find((j) => j.dedupeKey === input.dedupeKey) : undefined;
    if (existing) return existing;
    const job = {
      id: `job-${this.jobs.length + 1}`,
      tenantId: input.tenantId ?? null,
      kind: input.kind,
      payload: input.payload,
      status: 'queued' as Job['status'],
      attempts: 0,
      maxAttempts: input.maxAttempts ?? 5,
      runAt: input.runAt ?? 0,
      lastError: null,
      dedupeKey: input.dedupeKey ?? null,
    };
    this.jobs.push(job);
    return job;
  }
  async claim(_worker: string, options: { limit: number; now?: number; kinds?: readonly string[] }) {
    const due = this.jobs.filter(
      (j) =>
        j.status === 'queued' &&
        j.runAt <= (options.now ?? 0) &&
        (!options.kinds || options.kinds.includes(j.kind)),
    );
    return due.slice(0, options.limit).map((j) => {
      Object.assign(j, { status: 'running', attempts: j.attempts + 1 });
      return { ...j };
    });
  }
  async complete(id: string) {
    const job = this.jobs.find((j) => j.id === id);
    if (job) Object.assign(job, { status: 'done' });
    return true;
  }
  async fail(id: string, _worker: string, error: string, now = 0) {
    const job = this.jobs.find((j) => j.id === id);
    if (!job) return null;
    const dead = job.attempts >= job.maxAttempts;
    Object.assign(job, { status: dead ? 'dead' : 'queued', lastError: error, runAt: now + 60_000 });
    return { ...job };
  }
  async listByDedupePrefix(prefix: string) {
    return this.jobs.filter((j) => j.dedupeKey?.startsWith(prefix)).map((j) => ({ ...j }));
  }
  async cancelQueued(prefix: string) {
    const queued = this.jobs.filter((j) => j.status === 'queued' && j.dedupeKey?.startsWith(prefix));
    for (const j of queued) Object.assign(j, { status: 'cancelled' });
    return queued.length;
  }
  ofKind(kind: string) {
    return this.jobs.filter((j) => j.kind === kind);
  }
}

class Fixture {
  readonly jobs = new MemoryJobs();
  readonly dms: Array<{ personId: string; text: string }> = [];
  bookings = new Map<string, Booking>([['b-series', booking()]]);
  /** The booking's occurrence exceptions, as the store keeps them (one per original start). */
  readonly exceptions = new Map<number, OccurrenceException>();
  request: MeetingRequest | null = SERIES_REQUEST;
  busyAt: Record<string, Array<{ start: number; end: number }>> = {};
  /** Each person's zone (Li in New York, the others in Paris unless a test says otherwise). */
  zones: Record<string, string> = { [LI]: 'America/New_York' };
  /** The ranges the busy reader was asked for. */
  readonly reads: Array<{ start: number; end: number }> = [];
  /** Convene's other bookings, per person. */
  others: Record<string, Booking[]> = {};

  get store(): ManageSeriesDeps['store'] & OutboxDeps['store'] {
    return {
      bookings: {
        get: async (_t: string, id: string) => this.bookings.get(id) ?? null,
        listForPerson: async (_t: string, id: string) => this.others[id] ?? [],
        recordOccurrence: async (_t: string, id: string, x: OccurrenceException) => {
          if (!this.bookings.has(id)) return false;
          this.exceptions.set(x.originalStart, x);
          return true;
        },
        // As the repository: only earlier than the stored end, or where none was recorded.
        shortenSeriesEnd: async (_t: string, id: string, end: number) => {
          const b = this.bookings.get(id);
          if (!b || (b.seriesEndsAt != null && b.seriesEndsAt <= end)) return false;
          this.bookings.set(id, { ...b, seriesEndsAt: end });
          return true;
        },
        occurrences: async (_t: string, id: string) =>
          this.bookings.has(id)
            ? [...this.exceptions.values()].sort((a, b) => a.originalStart - b.originalStart)
            : [],
      },
      people: {
        get: async (_t: string, id: string): Promise<Person | null> => ({
          id,
          tenantId: T,
          displayName: { [ANA]: 'Ana', [LI]: 'Li', [ZOE]: 'Zoé', [OLGA]: 'Olga' }[id] ?? '?',
          email: null,
          identities: [],
        }),
      },
      preferences: {
        get: async (_t: string, id: string): Promise<Preferences | null> => ({
          personId: id,
          timeZone: this.zones[id] ?? 'Europe/Paris',
          locale: id === ZOE ? 'fr-FR' : id === LI ? 'de-DE' : 'en-GB',
          workingHours: { rules: [], overrides: [] },
          tentativeFree: false,
          updatedAt: 0,
        }),
      },
      jobs: this.jobs,
      requests: {
        getProposal: async (_t: string, id: string) =>
          id === 'p-series' ? { id, requestId: 'r-series' } : null,
        get: async () => this.request,
      },
    } as unknown as ManageSeriesDeps['store'] & OutboxDeps['store'];
  }

  readonly notifier = {
    dm: async (_t: string, personId: string, message: { text: string }) => {
      this.dms.push({ personId, text: message.text });
      return { ok: true as const };
    },
  };

  readonly busy: BusyReader = {
    busyFor: async (_t, people, range) => {
      this.reads.push({ start: range.start, end: range.end });
      return {
        people: people.map((personId) => ({ personId, busy: this.busyAt[personId] ?? [], complete: true })),
        gaps: [],
      };
    },
  };

  deps(): ManageSeriesDeps {
    return { store: this.store, notifier: this.notifier, busy: this.busy };
  }
}

const input = (occurrence: number, actorPersonId = LI) => ({
  tenantId: T,
  bookingId: 'b-series',
  actorPersonId,
  occurrence,
  now: NOW,
});

describe('manage one occurrence of a series (use cases)', () => {
  it('cancels one occurrence: one calendar.series job per participant, the others told in their language', async () => {
    const f = new Fixture();
    const result = await cancelOccurrence(f.deps(), input(OCCURRENCES[2]!));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.view).toMatchObject({ kind: 'occurrence_cancelled', start: OCCURRENCES[2] });
    // Li (the actor) reads German; 2 April, 10:00 Paris is 04:00 in New York.
    expect(result.view.headline).toContain('1:1');
    expect(result.view.headline).toContain('04:00');
    expect(result.view.locale).toBe('de');
    const jobs = f.jobs.ofKind(CALENDAR_SERIES_JOB);
    expect(jobs.map((j) => (j.payload as { personId: string }).personId).sort()).toEqual(
      [ANA, LI, ZOE].sort(),
    );
    for (const job of jobs)
      expect((job.payload as { change: SeriesChange }).change).toEqual({
        kind: 'cancel',
        originalStart: OCCURRENCES[2],
      });
    // Everyone but the actor, each in their language and zone: Zoé in French, Ana in English, 10:00 Paris.
    expect(f.dms.map((d) => d.personId).sort()).toEqual([ANA, ZOE].sort());
    expect(f.dms.find((d) => d.personId === ZOE)!.text).toContain('cette réunion seulement');
    expect(f.dms.find((d) => d.personId === ANA)!.text).toContain('this meeting only');
    expect(f.dms.find((d) => d.personId === ANA)!.text).toContain('10:00');
    // Clicking again adds no second job (the dedupe key names the change).
    await cancelOccurrence(f.deps(), input(OCCURRENCES[2]!));
    expect(f.jobs.ofKind(CALENDAR_SERIES_JOB)).toHaveLength(3);
  });

  it('a team taking turns: occurrence k touches the organiser and the member whose turn k is, no one else', async () => {
    const f = new Fixture();
    // Ana organises; Li takes occurrences 0, 2, 4 and Zoé 1, 3, 5.
    f.bookings.set('b-series', booking({ turns: { of: 2, byPerson: { [LI]: 0, [ZOE]: 1 } } }));
    const people = () =>
      f.jobs
        .ofKind(CALENDAR_SERIES_JOB)
        .map((j) => (j.payload as { personId: string }).personId)
        .sort();
    expect((await cancelOccurrence(f.deps(), input(OCCURRENCES[3]!, ANA))).ok).toBe(true);
    expect(people()).toEqual([ANA, ZOE].sort());
    expect(f.dms.map((d) => d.personId)).toEqual([ZOE]);
    // Moving Li's occurrence 2: Zoé busy at the new time is no obstacle; Li and Ana get the change and
    // reminders at the new time.
    const occurrence = OCCURRENCES[2]!;
    const newStart = occurrence + DAY;
    f.busyAt[ZOE] = [{ start: newStart, end: newStart + HOUR }];
    f.jobs.jobs.length = 0;
    f.dms.length = 0;
    expect((await moveOccurrence(f.deps(), { ...input(occurrence, ANA), newStart })).ok).toBe(true);
    expect(people()).toEqual([ANA, LI].sort());
    expect(f.dms.map((d) => d.personId)).toEqual([LI]);
    expect(
      f.jobs
        .ofKind(REMINDER_JOB)
        .map((j) => (j.payload as ReminderPayload).personId)
        .sort(),
    ).toEqual([ANA, LI].sort());
    // Ending the series from occurrence 1: Zoé's turn starts there (her event is deleted); Li's ends.
    f.jobs.jobs.length = 0;
    expect((await endSeries(f.deps(), input(OCCURRENCES[1]!, ANA))).ok).toBe(true);
    expect(people()).toEqual([ANA, LI].sort());
    expect(
      f.jobs.ofKind(CALENDAR_DELETE_JOB).map((j) => (j.payload as { personId: string }).personId),
    ).toEqual([ZOE]);
  });

  it('refuses what is not an occurrence of a future series, as values, enqueuing nothing', async () => {
    const f = new Fixture();
    // Someone outside the meeting.
    expect(await cancelOccurrence(f.deps(), input(OCCURRENCES[2]!, OLGA))).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    // A Tuesday between two occurrences.
    expect(await cancelOccurrence(f.deps(), input(OCCURRENCES[2]! - 7 * DAY))).toMatchObject({
      ok: false,
      error: { code: 'unknown_occurrence' },
    });
    // After the last one (COUNT=6).
    expect(
      await moveOccurrence(f.deps(), { ...input(OCCURRENCES[5]! + 14 * DAY), newStart: NOW + DAY }),
    ).toMatchObject({
      ok: false,
      error: { code: 'unknown_occurrence' },
    });
    // One that has started.
    expect(
      await cancelOccurrence(f.deps(), { ...input(OCCURRENCES[0]!), now: OCCURRENCES[0]! + 60_000 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'occurrence_past' },
    });
    // A cancelled booking.
    f.bookings.set('b-series', booking({ status: 'cancelled' }));
    expect(await endSeries(f.deps(), input(OCCURRENCES[3]!))).toMatchObject({
      ok: false,
      error: { code: 'already_cancelled' },
    });
    // A single meeting, not a series: worded in the actor's language (German for Li).
    f.bookings.set('b-series', booking());
    f.request = {
      ...SERIES_REQUEST,
      criteria: { ...SERIES_REQUEST.criteria!, recurrence: undefined },
    } as MeetingRequest;
    const single = await cancelOccurrence(f.deps(), input(OCCURRENCES[0]!));
    expect(single).toMatchObject({ ok: false, error: { code: 'not_a_series' } });
    if (!single.ok) expect(single.error.message).toContain('keine Serie');
    expect(f.jobs.jobs).toEqual([]);
    expect(f.dms).toEqual([]);
  });

  it('moves one occurrence after a live check: busy elsewhere refuses, its own old time does not count', async () => {
    const f = new Fixture();
    const occurrence = OCCURRENCES[3]!; // Tuesday 16 April, 10:00 Paris (CEST)
    const newStart = occurrence + DAY;
    // Ana's calendar shows the occurrence itself (not an obstacle) …
    f.busyAt[ANA] = [{ start: occurrence, end: occurrence + HOUR / 2 }];
    // … Zoé is busy at the new time.
    f.busyAt[ZOE] = [{ start: newStart, end: newStart + HOUR }];
    expect(await moveOccurrence(f.deps(), { ...input(occurrence), newStart })).toMatchObject({
      ok: false,
      error: { code: 'slot_taken', busy: [ZOE] },
    });
    expect(f.jobs.jobs).toEqual([]);
    f.busyAt[ZOE] = [];
    // A move to the past or onto itself is refused.
    expect(await moveOccurrence(f.deps(), { ...input(occurrence), newStart: NOW - HOUR })).toMatchObject({
      ok: false,
      error: { code: 'invalid_time' },
    });
    expect(await moveOccurrence(f.deps(), { ...input(occurrence), newStart: occurrence })).toMatchObject({
      ok: false,
      error: { code: 'invalid_time' },
    });
    const moved = await moveOccurrence(f.deps(), { ...input(occurrence), newStart });
    expect(moved).toMatchObject({
      ok: true,
      view: { kind: 'occurrence_moved', start: newStart, end: newStart + HOUR / 2 },
    });
    const changes = f.jobs
      .ofKind(CALENDAR_SERIES_JOB)
      .map((j) => (j.payload as { change: SeriesChange }).change);
    expect(changes).toEqual(
      Array(3).fill({ kind: 'move', originalStart: occurrence, start: newStart, end: newStart + HOUR / 2 }),
    );
    // Ana's DM names both times, in Paris time: Tue 16 Apr 10:00 → Wed 17 Apr 10:00.
    const ana = f.dms.find((d) => d.personId === ANA)!.text;
    expect(ana).toMatch(/16.*10:00.*17.*10:00/s);
  });

  it("a moved occurrence is noted in the booking's thread too (the actor's language), best effort", async () => {
    const f = new Fixture();
    const occurrence = OCCURRENCES[3]!; // Tuesday 16 April, 10:00 Paris (CEST)
    const newStart = occurrence + DAY;
    const notes: Array<{ bookingId: string; text: string }> = [];
    const threads = {
      note: async (_t: string, bookingId: string, text: string) => {
        notes.push({ bookingId, text });
        return { ok: true as const };
      },
    };
    // Ana (English, Paris) moves it: everyone's calendar changes, so the conversation hears it.
    const moved = await moveOccurrence({ ...f.deps(), threads }, { ...input(occurrence, ANA), newStart });
    expect(moved.ok).toBe(true);
    expect(notes).toEqual([
      {
        bookingId: 'b-series',
        text: 'Ana moved the Tue 16 Apr meeting to Wed 17 Apr, 10:00–10:30 (Paris time) (was Tue 16 Apr, 10:00–10:30 (Paris time)); the rest of the series stays.',
      },
    ]);
    // A chat failure never fails the move (the change is committed, everyone was told by DM).
    const failing = {
      note: async () => {
        throw new Error('chat down');
      },
    };
    const again = await moveOccurrence(
      { ...f.deps(), threads: failing },
      { ...input(OCCURRENCES[4]!, ANA), newStart: OCCURRENCES[4]! + DAY },
    );
    expect(again.ok).toBe(true);
  });

  it('moves an occurrence by a quarter of an hour although the calendars show the occurrence itself there', async () => {
    const f = new Fixture();
    const occurrence = OCCURRENCES[4]!;
    const newStart = occurrence + HOUR / 4;
    // Every calendar shows the occurrence at its current time: that overlaps the new time, but is no obstacle.
    for (const p of [ANA, LI, ZOE]) f.busyAt[p] = [{ start: occurrence, end: occurrence + HOUR / 2 }];
    expect(await moveOccurrence(f.deps(), { ...input(occurrence), newStart })).toMatchObject({
      ok: true,
      view: { start: newStart },
    });
    // Something else there still is one (a fresh series: this one is at the new time now).
    const g = new Fixture();
    for (const p of [ANA, LI, ZOE]) g.busyAt[p] = [{ start: occurrence, end: occurrence + HOUR / 2 }];
    g.busyAt[LI] = [{ start: occurrence + HOUR / 2, end: occurrence + HOUR }];
    expect(await moveOccurrence(g.deps(), { ...input(occurrence), newStart })).toMatchObject({
      ok: false,
      error: { code: 'slot_taken', busy: [LI] },
    });
  });

  it('ends the series before an occurrence ("this and following"); from the first one it refuses (cancel the series)', async () => {
    const f = new Fixture();
    expect(await endSeries(f.deps(), input(OCCURRENCES[0]!))).toMatchObject({
      ok: false,
      error: { code: 'first_occurrence' },
    });
    const ended = await endSeries(f.deps(), input(OCCURRENCES[5]!, ANA));
    expect(ended).toMatchObject({ ok: true, view: { kind: 'series_ended', start: OCCURRENCES[5] } });
    expect(
      f.jobs.ofKind(CALENDAR_SERIES_JOB).map((j) => (j.payload as { change: SeriesChange }).change),
    ).toEqual(Array(3).fill({ kind: 'end', originalStart: OCCURRENCES[5] }));
    // Li reads German.
    expect(f.dms.find((d) => d.personId === LI)!.text).toContain('beendet');
  });
});

describe('new times for one occurrence (occurrenceMoveOptions)', () => {
  /** Tuesday 16 April 2030, 10:00 Paris (CEST, UTC+2). */
  const OCC = OCCURRENCES[3]!;
  /** The local (Paris, CEST) day of the month of an instant. */
  const parisDate = (at: number) => new Date(at + 2 * HOUR).getUTCDate();
  /** Saturday 13 April 00:00 Paris to Saturday 20 April 00:00 Paris: the occurrence's day ± 3 days. */
  const WINDOW = { start: Date.UTC(2030, 3, 12, 22), end: Date.UTC(2030, 3, 19, 22) };

  it("offers the occurrence's own day first, then the days around it, from one busy read of ±3 days; the pick moves it", async () => {
    const f = new Fixture();
    const result = await occurrenceMoveOptions(f.deps(), input(OCC));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(MOVE_WINDOW_DAYS).toBe(3);
    expect(f.reads).toEqual([WINDOW]);
    const { options } = result.view;
    // Li (New York) and the others (Paris) share 15:00–17:00 Paris on weekdays: Tuesday's first, three of them.
    expect(options).toHaveLength(5);
    expect(options.slice(0, 3).map((o) => parisDate(o.start))).toEqual([16, 16, 16]);
    for (const o of options.slice(3)) expect([15, 17]).toContain(parisDate(o.start));
    for (const o of options) {
      expect(o.start).toBeGreaterThanOrEqual(WINDOW.start);
      expect(o.end).toBeLessThanOrEqual(WINDOW.end);
      expect(o.end - o.start).toBe(HOUR / 2);
      expect(o.start).not.toBe(OCC);
    }
    // Worded for Li (German, New York time); each participant's own zone too.
    expect(result.view.occurrence).toBe(OCC);
    expect(result.view.headline).toContain('nur dieser Termin');
    expect(result.view.headline).toContain('04:00');
    expect(options[0]!.labels.map((l) => l.timeZone).sort()).toEqual(
      ['America/New_York', 'Europe/Paris', 'Europe/Paris'].sort(),
    );
    // Offering changes nothing; the pick goes through moveOccurrence.
    expect(f.jobs.jobs).toEqual([]);
    const moved = await moveOccurrence(f.deps(), { ...input(OCC), newStart: options[0]!.start });
    expect(moved).toMatchObject({ ok: true, view: { kind: 'occurrence_moved', start: options[0]!.start } });
  });

  it("counts the occurrence's own time as free and everything else (calendars, Convene's other bookings) as busy", async () => {
    const f = new Fixture();
    f.zones = {}; // everyone in Paris: 09:00–17:00 Paris on weekdays
    f.bookings.set('b-series', booking({ end: FIRST + HOUR })); // a one-hour series
    const ownTime = { start: OCC, end: OCC + HOUR }; // 08:00–09:00 UTC
    for (const p of [ANA, LI, ZOE]) f.busyAt[p] = [ownTime];
    // Ana is busy on Tuesday but for 07:30–09:30 UTC (09:30–11:30 Paris), which the occurrence itself fills.
    f.busyAt[ANA] = [
      { start: Date.UTC(2030, 3, 16, 7), end: Date.UTC(2030, 3, 16, 7, 30) },
      ownTime,
      { start: Date.UTC(2030, 3, 16, 9, 30), end: Date.UTC(2030, 3, 16, 15) },
    ];
    // Zoé has another Convene meeting all Wednesday.
    f.others[ZOE] = [
      booking({ id: 'b-other', start: Date.UTC(2030, 3, 17, 7), end: Date.UTC(2030, 3, 17, 15) }),
    ];
    const result = await occurrenceMoveOptions(f.deps(), input(OCC));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const starts = result.view.options.map((o) => o.start);
    // Tuesday: 09:30 and 10:30 Paris, both overlapping the occurrence's own hour (10:00 itself is its time).
    expect(starts.slice(0, 2).sort()).toEqual([Date.UTC(2030, 3, 16, 7, 30), Date.UTC(2030, 3, 16, 8, 30)]);
    // Then Monday (Wednesday is taken by Zoé's other meeting).
    expect(starts.slice(2).map(parisDate)).toEqual([15, 15, 15]);
  });

  it('never offers a time before now: the window starts now when the occurrence is close', async () => {
    const f = new Fixture();
    const now = Date.UTC(2030, 3, 15, 14); // Monday 16:00 Paris
    const result = await occurrenceMoveOptions(f.deps(), { ...input(OCC), now });
    expect(f.reads).toEqual([{ start: now, end: WINDOW.end }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const o of result.view.options) expect(o.start).toBeGreaterThanOrEqual(now);
    expect(result.view.options.map((o) => parisDate(o.start)).slice(0, 3)).toEqual([16, 16, 16]);
  });

  it('refuses as values (not allowed, unknown or past occurrence, not a series, nothing free), reading nothing', async () => {
    const f = new Fixture();
    expect(await occurrenceMoveOptions(f.deps(), input(OCC, OLGA))).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect(await occurrenceMoveOptions(f.deps(), input(OCC - 7 * DAY))).toMatchObject({
      ok: false,
      error: { code: 'unknown_occurrence' },
    });
    expect(
      await occurrenceMoveOptions(f.deps(), { ...input(OCCURRENCES[0]!), now: OCCURRENCES[0]! + 60_000 }),
    ).toMatchObject({ ok: false, error: { code: 'occurrence_past' } });
    f.request = {
      ...SERIES_REQUEST,
      criteria: { ...SERIES_REQUEST.criteria!, recurrence: undefined },
    } as MeetingRequest;
    expect(await occurrenceMoveOptions(f.deps(), input(OCC))).toMatchObject({
      ok: false,
      error: { code: 'not_a_series' },
    });
    expect(f.reads).toEqual([]);
    // A series whose ±3 days are all taken: no_slot, worded in Li's German.
    f.request = SERIES_REQUEST;
    f.busyAt[ZOE] = [WINDOW];
    const none = await occurrenceMoveOptions(f.deps(), input(OCC));
    expect(none).toMatchObject({ ok: false, error: { code: 'no_slot' } });
    if (!none.ok) expect(none.error.message).toContain('drei Tagen');
    expect(f.jobs.jobs).toEqual([]);
    expect(f.dms).toEqual([]);
  });
});

class RecordingSeriesEditor implements SeriesOccurrenceEditor {
  readonly calls: Array<{ personId: string; target: EventTarget; change: SeriesChange }> = [];
  /** Scripted answers per person. */
  readonly answers = new Map<string, DeleteOutcome>();
  async changeSeriesFor(
    _tenantId: string,
    personId: string,
    target: EventTarget,
    change: SeriesChange,
  ): Promise<DeleteOutcome> {
    this.calls.push({ personId, target, change });
    return this.answers.get(personId) ?? { ok: true };
  }
}

describe('an occurrence already moved: its current time is its own', () => {
  /** Tuesday 16 April 2030, 10:00 Paris (08:00 UTC), moved to Wednesday 17 April, same time. */
  const OCC = OCCURRENCES[3]!;
  const MOVED = OCC + DAY;
  const parisDate = (at: number) => new Date(at + 2 * HOUR).getUTCDate();

  async function movedOnce(f: Fixture, length = HOUR / 2) {
    const r = await moveOccurrence(f.deps(), { ...input(OCC), newStart: MOVED });
    expect(r).toMatchObject({ ok: true, view: { start: MOVED, end: MOVED + length } });
    f.dms.length = 0;
    f.reads.length = 0;
  }

  it('a second move is re-checked with the moved time not busy; the DM names the moved time as the old one', async () => {
    const f = new Fixture();
    await movedOnce(f);
    // Every calendar now shows the occurrence at its moved time.
    for (const p of [ANA, LI, ZOE]) f.busyAt[p] = [{ start: MOVED, end: MOVED + HOUR / 2 }];
    const later = MOVED + HOUR / 4;
    expect(await moveOccurrence(f.deps(), { ...input(OCC), newStart: later })).toMatchObject({
      ok: true,
      view: { kind: 'occurrence_moved', occurrence: OCC, start: later },
    });
    expect(f.exceptions.get(OCC)).toMatchObject({ status: 'moved', start: later });
    // Ana (Paris): was Wed 17 Apr 10:00, now 10:15.
    expect(f.dms.find((d) => d.personId === ANA)!.text).toMatch(/17.*10:00.*17.*10:15/s);
  });

  it('moving it onto its current time is refused; back to its original time is a move', async () => {
    const f = new Fixture();
    await movedOnce(f);
    expect(await moveOccurrence(f.deps(), { ...input(OCC), newStart: MOVED })).toMatchObject({
      ok: false,
      error: { code: 'invalid_time' },
    });
    expect(await moveOccurrence(f.deps(), { ...input(OCC), newStart: OCC })).toMatchObject({
      ok: true,
      view: { start: OCC, end: OCC + HOUR / 2 },
    });
    expect(f.exceptions.get(OCC)).toMatchObject({ status: 'moved', start: OCC });
  });

  it('is still changeable once its original time has passed, while its moved time is ahead', async () => {
    const f = new Fixture();
    await movedOnce(f);
    const now = OCC + HOUR; // Tuesday, after the original time, before Wednesday's
    expect(await cancelOccurrence(f.deps(), { ...input(OCC), now })).toMatchObject({
      ok: true,
      view: { kind: 'occurrence_cancelled', occurrence: OCC },
    });
    // Once its moved time has begun, it has started.
    const g = new Fixture();
    await movedOnce(g);
    expect(await cancelOccurrence(g.deps(), { ...input(OCC), now: MOVED })).toMatchObject({
      ok: false,
      error: { code: 'occurrence_past' },
    });
  });

  it('offers times around its moved day first, its moved time free, and names that time', async () => {
    const f = new Fixture();
    f.zones = {}; // everyone in Paris: 09:00–17:00 Paris on weekdays
    f.bookings.set('b-series', booking({ end: FIRST + HOUR })); // a one-hour series
    await movedOnce(f, HOUR);
    // Wednesday 17 April (UTC): busy 07:00–08:00 and 09:30–15:00, and the moved occurrence 08:00–09:00.
    const wed = (h: number, m = 0) => Date.UTC(2030, 3, 17, h, m);
    for (const p of [ANA, LI, ZOE])
      f.busyAt[p] = [
        { start: wed(7), end: wed(8) },
        { start: MOVED, end: MOVED + HOUR },
        { start: wed(9, 30), end: wed(15) },
      ];
    const result = await occurrenceMoveOptions(f.deps(), input(OCC));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // The moved day's window: Sunday 14 to Saturday 20 April, Paris.
    expect(f.reads).toEqual([{ start: Date.UTC(2030, 3, 13, 22), end: Date.UTC(2030, 3, 20, 22) }]);
    const starts = result.view.options.map((o) => o.start);
    // On Wednesday only 10:30 Paris fits (overlapping the occurrence's own hour); 10:00 is where it is.
    expect(starts[0]).toBe(wed(8, 30));
    expect(starts.filter((x) => parisDate(x) === 17)).toEqual([wed(8, 30)]);
    expect(starts).not.toContain(MOVED);
    expect(result.view.occurrence).toBe(OCC);
    expect(result.view.headline).toContain(slotLabel(MOVED, MOVED + HOUR, 'Europe/Paris', 'de'));
  });
});

describe('outbox: calendar.series jobs', () => {
  const outbox = (f: Fixture, editor: RecordingSeriesEditor): OutboxDeps => ({
    store: f.store,
    writer: {
      writeFor: async () => ({ ok: false, connectionId: null, code: 'unexpected', message: '' }),
      changeSeriesFor: editor.changeSeriesFor.bind(editor),
    },
    notifier: f.notifier,
  });

  it("applies each participant's change to their recorded series event (one call each, the series' event id)", async () => {
    const f = new Fixture();
    const editor = new RecordingSeriesEditor();
    await moveOccurrence(f.deps(), { ...input(OCCURRENCES[3]!), newStart: OCCURRENCES[3]! + DAY });
    f.dms.length = 0;
    const run = await runOutboxOnce(outbox(f, editor), { worker: 'w', now: NOW });
    expect(run).toMatchObject({ claimed: 3, done: 3, retried: 0, compensated: 0 });
    expect(editor.calls.map((c) => [c.personId, c.target.eventId, c.target.connectionId]).sort()).toEqual(
      [ANA, LI, ZOE].map((p) => [p, `series-${p}`, `conn-${p}`]).sort(),
    );
    expect(
      editor.calls.every((c) => c.change.kind === 'move' && c.change.originalStart === OCCURRENCES[3]),
    ).toBe(true);
    expect(f.dms).toEqual([]);
  });

  it('a calendar refusing a move tells the organiser and that person (nothing undone); a cancel already gone is done', async () => {
    const f = new Fixture();
    const editor = new RecordingSeriesEditor();
    editor.answers.set(ZOE, { ok: false, code: 'occurrence_not_found', message: 'no occurrence' });
    await moveOccurrence(f.deps(), { ...input(OCCURRENCES[3]!), newStart: OCCURRENCES[3]! + DAY });
    f.dms.length = 0;
    const run = await runOutboxOnce(outbox(f, editor), { worker: 'w', now: NOW });
    expect(run).toMatchObject({ claimed: 3, done: 3, compensated: 1 });
    expect(f.dms.map((d) => d.personId).sort()).toEqual([ANA, ZOE].sort());
    expect(f.dms.find((d) => d.personId === ZOE)!.text).toContain("l'agenda de Zoé");
    expect(f.bookings.get('b-series')!.status).toBe('booked');

    // Cancelling an occurrence the calendar no longer has reaches the goal: no DM.
    f.dms.length = 0;
    await cancelOccurrence(f.deps(), input(OCCURRENCES[2]!));
    f.dms.length = 0;
    const again = await runOutboxOnce(outbox(f, editor), { worker: 'w', now: NOW + 1 });
    expect(again).toMatchObject({ claimed: 3, done: 3, compensated: 0 });
    expect(f.dms).toEqual([]);
  });

  it('waits (retries) while the series is not written to a calendar yet, then applies the change', async () => {
    const f = new Fixture();
    const editor = new RecordingSeriesEditor();
    f.bookings.set('b-series', booking({ events: [event(ANA), event(LI)] }));
    await endSeries(f.deps(), input(OCCURRENCES[4]!));
    const first = await runOutboxOnce(outbox(f, editor), { worker: 'w', now: NOW });
    expect(first).toMatchObject({ claimed: 3, done: 2, retried: 1 });
    expect(editor.calls.map((c) => c.personId).sort()).toEqual([ANA, LI].sort());
    f.bookings.set('b-series', booking());
    const second = await runOutboxOnce(outbox(f, editor), { worker: 'w', now: NOW + 120_000 });
    expect(second).toMatchObject({ claimed: 1, done: 1 });
    expect(editor.calls.at(-1)).toMatchObject({
      personId: ZOE,
      change: { kind: 'end', originalStart: OCCURRENCES[4] },
    });
  });
});

describe('reminders of the changed occurrences', () => {
  const reminded = (f: Fixture) =>
    f.jobs
      .ofKind(REMINDER_JOB)
      .filter((j) => j.status === 'queued')
      .map((j) => (j.payload as ReminderPayload).occurrence);
  const count = (list: (number | undefined)[], at: number) => list.filter((x) => x === at).length;

  it('withdraws the cancelled occurrence’s reminders, moves the moved one’s, withdraws those past a new end', async () => {
    const f = new Fixture();
    // As booking the series planned them: one per participant and occurrence, 15 minutes before.
    const leads = new Map([ANA, LI, ZOE].map((p) => [p, 15 * 60_000]));
    for (const job of reminderJobs(booking(), leads, NOW - DAY, OCCURRENCES)) await f.jobs.enqueue(job);
    expect(reminded(f)).toHaveLength(18);

    await cancelOccurrence(f.deps(), input(OCCURRENCES[2]!));
    expect(count(reminded(f), OCCURRENCES[2]!)).toBe(0);
    expect(reminded(f)).toHaveLength(15);

    const newStart = OCCURRENCES[3]! + DAY;
    await moveOccurrence(f.deps(), { ...input(OCCURRENCES[3]!), newStart });
    expect(count(reminded(f), OCCURRENCES[3]!)).toBe(0);
    expect(count(reminded(f), newStart)).toBe(3);
    const moved = f.jobs
      .ofKind(REMINDER_JOB)
      .filter((j) => j.status === 'queued' && (j.payload as ReminderPayload).occurrence === newStart);
    expect(moved.every((j) => j.runAt === newStart - 15 * 60_000)).toBe(true);

    await endSeries(f.deps(), input(OCCURRENCES[4]!));
    expect(count(reminded(f), OCCURRENCES[4]!)).toBe(0);
    expect(count(reminded(f), OCCURRENCES[5]!)).toBe(0);
    // The first two, and the moved one (its original start is before the end), are still reminded.
    expect([...new Set(reminded(f))].sort()).toEqual([OCCURRENCES[0], OCCURRENCES[1], newStart].sort());
  });

  it('an occurrence moved twice keeps only the reminders of its last time; cancelling it then withdraws those', async () => {
    const f = new Fixture();
    const leads = new Map([ANA, LI, ZOE].map((p) => [p, 15 * 60_000]));
    for (const job of reminderJobs(booking(), leads, NOW - DAY, OCCURRENCES)) await f.jobs.enqueue(job);
    const occurrence = OCCURRENCES[3]!;
    const first = occurrence + DAY;
    const second = occurrence + 2 * DAY;
    await moveOccurrence(f.deps(), { ...input(occurrence), newStart: first });
    expect(f.exceptions.get(occurrence)).toEqual({
      originalStart: occurrence,
      status: 'moved',
      start: first,
      end: first + HOUR / 2,
    });
    expect(count(reminded(f), first)).toBe(3);
    // A later clock: the second move's reminders get their own keys.
    await moveOccurrence(f.deps(), { ...input(occurrence), now: NOW + HOUR, newStart: second });
    expect(count(reminded(f), first)).toBe(0);
    expect(count(reminded(f), second)).toBe(3);
    expect(f.exceptions.get(occurrence)).toMatchObject({ status: 'moved', start: second });
    await cancelOccurrence(f.deps(), { ...input(occurrence), now: NOW + 2 * HOUR });
    expect(count(reminded(f), second)).toBe(0);
    expect(f.exceptions.get(occurrence)).toEqual({ originalStart: occurrence, status: 'cancelled' });
    // Cancelled: no longer an occurrence to move.
    expect(
      await moveOccurrence(f.deps(), { ...input(occurrence), now: NOW + 3 * HOUR, newStart: first }),
    ).toMatchObject({ ok: false, error: { code: 'unknown_occurrence' } });
    expect(reminded(f)).toHaveLength(15);
  });

  it('ending the series records where it ends; an occurrence after the end can no longer be changed', async () => {
    const f = new Fixture();
    await endSeries(f.deps(), input(OCCURRENCES[4]!));
    expect(f.exceptions.get(OCCURRENCES[4]!)).toEqual({ originalStart: OCCURRENCES[4], status: 'ended' });
    expect(await cancelOccurrence(f.deps(), input(OCCURRENCES[5]!))).toMatchObject({
      ok: false,
      error: { code: 'unknown_occurrence' },
    });
  });
});
