/**
 * In-memory ports for the meeting use-case tests (request-meeting*.test.ts, book-meeting*.test.ts):
 * the repositories the use cases touch, a scriptable BusyReader and a recording EventWriter. The
 * booking repository keeps the store's contract: idempotency key first, then all-or-nothing with no
 * overlapping active booking per person.
 */
import { randomUUID } from 'node:crypto';
import type { BusyGap, BusyReader, EventWriter, WriteOutcome } from '../../src/app/ports/calendars.ts';
import type { EventDraft } from '../../src/app/ports/provider.ts';
import type {
  Booking,
  BookingRepository,
  Job,
  JobRepository,
  MeetingRequest,
  MeetingRequestRepository,
  OccurrenceException,
  PendingQuestion,
  PendingQuestionRepository,
  Person,
  PersonRepository,
  Preferences,
  PreferencesRepository,
  Proposal,
} from '../../src/app/ports/store.ts';
import type { PeopleDirectory } from '../../src/app/request-meeting.ts';
import type { Interval } from '../../src/core/interval.ts';

export const TENANT = '00000000-0000-4000-8000-000000000001';
export const WORKSPACE = '00000000-0000-4000-8000-0000000000aa';

function unused(name: string): never {
  throw new Error(`${name} is not used by the meeting use cases`);
}

export interface FakePersonSpec {
  readonly name: string;
  readonly handle: string;
  readonly timeZone?: string;
  readonly locale?: string;
  readonly workingHours?: Preferences['workingHours'];
  /** Chat user id in WORKSPACE. */
  readonly chatId?: string;
}

export class MemoryStore {
  readonly persons = new Map<string, Person>();
  readonly prefs = new Map<string, Preferences>();
  readonly requestRows = new Map<string, MeetingRequest>();
  readonly proposalRows = new Map<string, Proposal>();
  readonly bookingRows: Booking[] = [];
  /** Occurrence exceptions of series bookings, by booking id. */
  readonly occurrenceRows = new Map<string, OccurrenceException[]>();
  readonly jobRows: Job[] = [];
  /** Per booking id: the persons holding their own range (`BookSlotInput.holds`), as the repository rows. */
  readonly holdRows = new Map<string, Readonly<Record<string, { start: number; end: number }>>>();
  /** Runs inside bookSlot before the conflict check (to simulate a concurrent winner). */
  beforeBook: (() => void) | undefined;

  addPerson(spec: FakePersonSpec): Person {
    const person: Person = {
      id: randomUUID(),
      tenantId: TENANT,
      displayName: spec.name,
      email: `${spec.handle}@example.test`,
      identities: [
        {
          workspaceId: WORKSPACE,
          platform: 'slack',
          externalUserId: spec.chatId ?? `U${spec.handle.toUpperCase()}`,
          handle: spec.handle,
        },
      ],
    };
    this.persons.set(person.id, person);
    if (spec.timeZone)
      this.prefs.set(person.id, {
        personId: person.id,
        timeZone: spec.timeZone,
        locale: spec.locale ?? 'en',
        workingHours: spec.workingHours ?? { rules: [], overrides: [] },
        tentativeFree: false,
        updatedAt: 0,
      });
    return person;
  }

  /** Adds a booking directly (someone else's meeting that already holds the time). */
  addBooking(people: readonly string[], range: Interval, key = randomUUID()): Booking {
    const booking: Booking = {
      id: randomUUID(),
      tenantId: TENANT,
      proposalId: null,
      organizerId: null,
      title: 'Earlier booking',
      start: range.start,
      end: range.end,
      status: 'booked',
      idempotencyKey: key,
      participantIds: [...people],
      events: [],
      createdAt: 0,
    };
    this.bookingRows.push(booking);
    return booking;
  }

  readonly people: PersonRepository = {
    upsertByIdentity: async () => unused('upsertByIdentity'),
    linkIdentity: async () => unused('linkIdentity'),
    get: async (tenantId, id) => {
      const p = this.persons.get(id);
      return p && p.tenantId === tenantId ? p : null;
    },
    findByIdentity: async (workspaceId, externalUserId) =>
      [...this.persons.values()].find((p) =>
        p.identities.some((i) => i.workspaceId === workspaceId && i.externalUserId === externalUserId),
      ) ?? null,
    findByIdentities: async (workspaceId, externalUserIds) => {
      const found = new Map<string, Person>();
      for (const id of externalUserIds) {
        const person = await this.people.findByIdentity(workspaceId, id);
        if (person) found.set(id, person);
      }
      return found;
    },
  };

  readonly preferences: PreferencesRepository = {
    get: async (_tenantId, personId) => this.prefs.get(personId) ?? null,
    getMany: async (_tenantId, personIds) => {
      const found = new Map<string, Preferences>();
      for (const id of personIds) {
        const prefs = this.prefs.get(id);
        if (prefs) found.set(id, prefs);
      }
      return found;
    },
    set: async () => unused('preferences.set'),
  };

  readonly questionRows = new Map<string, PendingQuestion>();

  readonly questions: PendingQuestionRepository = {
    create: async (input) => {
      if (input.tenantId !== TENANT || !this.persons.has(input.requesterId)) return null;
      const row: PendingQuestion = { ...input, id: randomUUID(), answeredAt: null, createdAt: 0 };
      this.questionRows.set(row.id, row);
      return row;
    },
    get: async (tenantId, id) => {
      const row = this.questionRows.get(id);
      return row && row.tenantId === tenantId ? row : null;
    },
    claim: async (tenantId, id, now) => {
      const row = this.questionRows.get(id);
      if (!row || row.tenantId !== tenantId || row.answeredAt !== null || row.expiresAt <= now) return false;
      this.questionRows.set(id, { ...row, answeredAt: now });
      return true;
    },
  };

  readonly requests: MeetingRequestRepository = {
    create: async (input) => {
      const row: MeetingRequest = {
        id: randomUUID(),
        tenantId: input.tenantId,
        workspaceId: input.workspaceId,
        requesterId: input.requesterId,
        title: input.title,
        durationMinutes: input.durationMinutes,
        window: input.window,
        participants: input.participants.map((p) => ({
          personId: p.personId,
          optional: p.optional ?? false,
        })),
        status: 'open',
        message: input.message,
        createdAt: 0,
        criteria: input.criteria ?? null,
      };
      this.requestRows.set(row.id, row);
      return row;
    },
    get: async (tenantId, id) => {
      const r = this.requestRows.get(id);
      return r && r.tenantId === tenantId ? r : null;
    },
    setStatus: async (_t, id, status) => {
      const r = this.requestRows.get(id);
      if (!r) return false;
      this.requestRows.set(id, { ...r, status });
      return true;
    },
    setMessage: async () => unused('setMessage'),
    propose: async (tenantId, requestId, proposal) => {
      if (!this.requestRows.has(requestId)) return null;
      for (const [id, p] of this.proposalRows)
        if (p.requestId === requestId && p.status === 'open')
          this.proposalRows.set(id, { ...p, status: 'superseded' });
      const row: Proposal = {
        id: randomUUID(),
        tenantId,
        requestId,
        status: 'open',
        slots: [...proposal.slots],
        message: proposal.message ?? null,
        expiresAt: proposal.expiresAt ?? null,
        createdAt: 0,
      };
      this.proposalRows.set(row.id, row);
      return row;
    },
    getProposal: async (tenantId, id) => {
      const p = this.proposalRows.get(id);
      return p && p.tenantId === tenantId ? p : null;
    },
    setProposalMessage: async () => unused('setProposalMessage'),
    setProposalStatus: async (_t, id, status) => {
      const p = this.proposalRows.get(id);
      if (!p) return false;
      this.proposalRows.set(id, { ...p, status });
      return true;
    },
  };

  readonly bookings: BookingRepository = {
    conversation: async () => null,
    bookSlot: async (input) => {
      const previous = this.bookingRows.find((b) => b.idempotencyKey === input.idempotencyKey);
      if (previous) return { ok: false, reason: 'duplicate', booking: previous };
      this.beforeBook?.();
      // Each person is held at their own range (`holds`), else at the booking's (as the repository rows).
      const busy = input.people.filter((id) => {
        const mine = input.holds?.[id] ?? input;
        return this.bookingRows.some((b) => {
          const theirs = this.holdRows.get(b.id)?.[id] ?? b;
          return (
            b.status === 'booked' &&
            b.participantIds.includes(id) &&
            theirs.start < mine.end &&
            theirs.end > mine.start
          );
        });
      });
      if (busy.length > 0) return { ok: false, reason: 'conflict', people: busy };
      const booking: Booking = {
        id: randomUUID(),
        tenantId: input.tenantId,
        proposalId: input.proposalId ?? null,
        organizerId: input.organizerId ?? null,
        title: input.title,
        start: input.start,
        end: input.end,
        status: 'booked',
        idempotencyKey: input.idempotencyKey,
        participantIds: [...new Set(input.people)],
        events: [],
        createdAt: 0,
        ...(input.seriesEndsAt != null ? { seriesEndsAt: input.seriesEndsAt } : {}),
        ...(input.turns ? { turns: input.turns } : {}),
      };
      this.bookingRows.push(booking);
      if (input.holds) this.holdRows.set(booking.id, input.holds);
      return { ok: true, booking };
    },
    get: async (_t, id) => this.bookingRows.find((b) => b.id === id) ?? null,
    findByIdempotencyKey: async (_t, key) => this.bookingRows.find((b) => b.idempotencyKey === key) ?? null,
    listForPerson: async (_t, personId, range) =>
      this.bookingRows.filter(
        (b) =>
          b.status === 'booked' &&
          b.participantIds.includes(personId) &&
          b.start < range.end &&
          b.end > range.start,
      ),
    listOngoingSeries: async (_t, personId, after, limit) =>
      this.bookingRows
        .filter(
          (b) =>
            b.status === 'booked' &&
            b.participantIds.includes(personId) &&
            b.seriesEndsAt != null &&
            b.seriesEndsAt > after,
        )
        .sort((a, b) => a.start - b.start)
        .slice(0, limit),
    busyForPeople: async (_t, personIds, range) => {
      // As the repository: the time each person holds (their own range for a member taking turns).
      const busy = new Map<string, { start: number; end: number }[]>();
      for (const id of personIds) {
        const held = this.bookingRows
          .filter((b) => b.status === 'booked' && b.participantIds.includes(id))
          .map((b) => this.holdRows.get(b.id)?.[id] ?? { start: b.start, end: b.end })
          .filter((h) => h.start < range.end && h.end > range.start);
        busy.set(id, held);
      }
      return busy;
    },
    cancel: async () => unused('cancel'),
    reschedule: async (input) => {
      // As the repository: the booking moves (a series' last occurrence as given, else with its first), queued jobs under
      // `withdrawJobs` are withdrawn and `jobs` enqueued (no overlap guard: the use-case tests need none).
      const i = this.bookingRows.findIndex((b) => b.id === input.bookingId);
      const current = this.bookingRows[i];
      if (!current) return { ok: false, reason: 'not_found' };
      if (current.status === 'cancelled') return { ok: false, reason: 'cancelled' };
      const shift = input.start - current.start;
      // A series' end as given (never before the first occurrence's), else moved with its first.
      const seriesEndsAt =
        input.seriesEndsAt != null
          ? Math.max(input.seriesEndsAt, input.end)
          : current.seriesEndsAt != null
            ? current.seriesEndsAt + shift
            : null;
      const moved: Booking = {
        ...current,
        start: input.start,
        end: input.end,
        ...(seriesEndsAt != null ? { seriesEndsAt } : {}),
      };
      this.bookingRows[i] = moved;
      if (input.withdrawJobs) await this.jobs.cancelQueued(input.withdrawJobs);
      for (const job of input.jobs?.(moved) ?? []) await this.jobs.enqueue(job);
      return { ok: true, booking: moved };
    },
    recordOccurrence: async (_t, bookingId, exception) => {
      if (!this.bookingRows.some((b) => b.id === bookingId)) return false;
      const kept = (this.occurrenceRows.get(bookingId) ?? []).filter(
        (x) => x.originalStart !== exception.originalStart,
      );
      this.occurrenceRows.set(bookingId, [...kept, exception]);
      // As the repository: a move past the series' stored end extends it.
      const i = this.bookingRows.findIndex((b) => b.id === bookingId);
      const b = this.bookingRows[i];
      if (b && exception.status === 'moved' && b.seriesEndsAt != null && b.seriesEndsAt < exception.end)
        this.bookingRows[i] = { ...b, seriesEndsAt: exception.end };
      return true;
    },
    recordSeriesEnd: async (_t, bookingId, seriesEndsAt) => {
      const i = this.bookingRows.findIndex((b) => b.id === bookingId && b.seriesEndsAt == null);
      if (i < 0) return false;
      this.bookingRows[i] = { ...this.bookingRows[i]!, seriesEndsAt };
      return true;
    },
    shortenSeriesEnd: async (_t, bookingId, seriesEndsAt) => {
      // As the repository: only earlier than the stored end, or where none was recorded.
      const i = this.bookingRows.findIndex(
        (b) => b.id === bookingId && (b.seriesEndsAt == null || b.seriesEndsAt > seriesEndsAt),
      );
      if (i < 0) return false;
      this.bookingRows[i] = { ...this.bookingRows[i]!, seriesEndsAt };
      return true;
    },
    occurrences: async (_t, bookingId) =>
      [...(this.occurrenceRows.get(bookingId) ?? [])].sort((a, b) => a.originalStart - b.originalStart),
    recordEvent: async (_t, bookingId, event) => {
      const i = this.bookingRows.findIndex((b) => b.id === bookingId);
      const booking = this.bookingRows[i];
      if (!booking) return null;
      const record = {
        id: randomUUID(),
        personId: event.personId,
        connectionId: event.connectionId ?? null,
        calendarId: event.calendarId,
        providerEventId: event.providerEventId ?? null,
        iCalUID: event.iCalUID ?? null,
        status: event.status,
        lastError: event.lastError ?? null,
        expected: event.expected ?? [],
      };
      this.bookingRows[i] = { ...booking, events: [...booking.events, record] };
      return record;
    },
  };

  readonly jobs: JobRepository = {
    enqueue: async (input) => {
      const existing = this.jobRows.find(
        (j) => input.dedupeKey !== undefined && j.dedupeKey === input.dedupeKey,
      );
      if (existing) return existing;
      const job: Job = {
        id: randomUUID(),
        tenantId: input.tenantId ?? null,
        kind: input.kind,
        payload: input.payload,
        status: 'queued',
        attempts: 0,
        maxAttempts: input.maxAttempts ?? 8,
        runAt: input.runAt ?? 0,
        lastError: null,
        dedupeKey: input.dedupeKey ?? null,
      };
      this.jobRows.push(job);
      return job;
    },
    claim: async () => unused('claim'),
    complete: async () => unused('complete'),
    extend: async () => unused('extend'),
    fail: async () => unused('fail'),
    get: async () => unused('jobs.get'),
    cancelQueued: async (prefix) => {
      let n = 0;
      this.jobRows.forEach((j, i) => {
        if (j.status !== 'queued' || !j.dedupeKey?.startsWith(prefix)) return;
        this.jobRows[i] = { ...j, status: 'cancelled' };
        n++;
      });
      return n;
    },
    listByDedupePrefix: async (prefix) => this.jobRows.filter((j) => j.dedupeKey?.startsWith(prefix)),
    pruneFinished: async () => unused('jobs.pruneFinished'),
  };

  /** Finds people by handle or first name, like the demo directory. */
  readonly directory: PeopleDirectory = {
    findByName: async (tenantId, name) => {
      const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      return [...this.persons.values()].filter(
        (p) =>
          p.tenantId === tenantId &&
          (p.identities.some((i) => i.handle !== null && fold(i.handle) === fold(name)) ||
            fold(p.displayName.split(' ')[0] ?? '') === fold(name)),
      );
    },
  };
}

export interface BusyCall {
  readonly personIds: readonly string[];
  readonly range: Interval;
  readonly fresh: boolean;
}

/** Busy per person id, changeable between calls; records every call. */
export class FakeBusyReader implements BusyReader {
  readonly busy = new Map<string, Interval[]>();
  readonly gaps: BusyGap[] = [];
  readonly calls: BusyCall[] = [];

  async busyFor(
    _tenantId: string,
    personIds: readonly string[],
    range: Interval,
    options?: { fresh?: boolean },
  ) {
    this.calls.push({ personIds: [...personIds], range, fresh: options?.fresh === true });
    return {
      people: personIds.map((id) => ({
        personId: id,
        busy: (this.busy.get(id) ?? []).filter((b) => b.start < range.end && b.end > range.start),
        complete: !this.gaps.some((g) => g.personId === id),
      })),
      gaps: this.gaps.filter((g) => personIds.includes(g.personId)),
    };
  }
}

/** Records writes; the outcome per person can be scripted (default: written). */
export class FakeWriter implements EventWriter {
  readonly writes: { personId: string; draft: Omit<EventDraft, 'calendarId'> }[] = [];
  readonly outcomes = new Map<string, WriteOutcome>();

  async writeFor(_tenantId: string, personId: string, draft: Omit<EventDraft, 'calendarId'>) {
    this.writes.push({ personId, draft });
    return (
      this.outcomes.get(personId) ?? {
        ok: true as const,
        connectionId: `conn-${personId}`,
        calendarId: `cal-${personId}`,
        event: { eventId: `evt-${this.writes.length}` },
      }
    );
  }
}
