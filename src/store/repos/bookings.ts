import { Prisma } from '@prisma/client';
import type {
  Booking,
  BookingConversation,
  BookingRepository,
  BookingStatus,
  BookSlotResult,
  CalendarEventRecord,
  CalendarEventStatus,
  ExpectedTimes,
  OccurrenceException,
  RescheduleResult,
  SeriesTurns,
} from '../../app/ports/store.ts';
import { EXCLUSION_VIOLATION, sqlState, UNIQUE_VIOLATION } from '../errors.ts';
import { type BusyRow, bookingSql } from '../sql/booking.ts';
import { enqueueAll, withdrawQueued } from '../sql/job.ts';
import { type Db, isId, ms, rethrow, run, type Sql, TX_OPTIONS } from './util.ts';

const ACTIVE = ['held', 'booked'];
/** Expected times kept per event (bounded: a burst of reschedules keeps the latest). */
const MAX_EXPECTED = 8;
const include = {
  participants: { orderBy: { personId: 'asc' } },
  events: { orderBy: { createdAt: 'asc' } },
} as const;

interface EventRow {
  id: string;
  personId: string;
  connectionId: string | null;
  calendarId: string;
  providerEventId: string | null;
  iCalUid: string | null;
  status: string;
  lastError: string | null;
  expectedTimes: unknown;
}

/** The stored `expected_times` JSON, validated (anything malformed reads as nothing expected). */
export function expectedOf(json: unknown): ExpectedTimes[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((t): ExpectedTimes[] =>
    Array.isArray(t) && t.length === 2 && Number.isFinite(t[0]) && Number.isFinite(t[1])
      ? [[t[0] as number, t[1] as number]]
      : [],
  );
}

interface BookingRow {
  id: string;
  tenantId: string;
  proposalId: string | null;
  organizerId: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  seriesEndsAt?: Date | null;
  status: string;
  idempotencyKey: string;
  createdAt: Date;
  participants: { personId: string; turn?: number | null; turnOf?: number | null }[];
  events: EventRow[];
}

function toEvent(row: EventRow): CalendarEventRecord {
  return {
    id: row.id,
    personId: row.personId,
    connectionId: row.connectionId,
    calendarId: row.calendarId,
    providerEventId: row.providerEventId,
    iCalUID: row.iCalUid,
    status: row.status as CalendarEventStatus,
    lastError: row.lastError,
    expected: expectedOf(row.expectedTimes),
  };
}

function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    tenantId: row.tenantId,
    proposalId: row.proposalId,
    organizerId: row.organizerId,
    title: row.title,
    start: ms(row.startsAt),
    end: ms(row.endsAt),
    status: row.status as BookingStatus,
    idempotencyKey: row.idempotencyKey,
    participantIds: row.participants.map((p) => p.personId),
    events: row.events.map(toEvent),
    createdAt: ms(row.createdAt),
    ...(row.seriesEndsAt ? { seriesEndsAt: ms(row.seriesEndsAt) } : {}),
    ...turnsOf(row.participants),
  };
}

/** The members' turns of a series booking (`{}` when nobody takes turns; inconsistent rows read as none). */
function turnsOf(participants: BookingRow['participants']): { turns?: SeriesTurns } {
  const members = participants.filter((p) => p.turn != null && p.turnOf != null);
  const of = members[0]?.turnOf;
  if (of == null || members.some((p) => p.turnOf !== of)) return {};
  return { turns: { of, byPerson: Object.fromEntries(members.map((p) => [p.personId, p.turn!])) } };
}

/** A valid turn of `input.turns` for a person, or null (attends every occurrence). */
function turnFor(turns: SeriesTurns | undefined, personId: string): { turn: number; turnOf: number } | null {
  if (!turns || !Number.isInteger(turns.of) || turns.of < 2) return null;
  const turn = turns.byPerson[personId];
  return turn !== undefined && Number.isInteger(turn) && turn >= 0 && turn < turns.of
    ? { turn, turnOf: turns.of }
    : null;
}

/** The range one person's row holds (`BookSlotInput.holds`: a turn member's own first occurrence). */
interface Hold {
  readonly personId: string;
  readonly start: Date;
  readonly end: Date;
}

/**
 * Each person's hold: their own range from `holds` (keys outside `people` ignored), else `[start, end)`.
 * Null when a given range is not a finite non-empty range.
 */
function holdsOf(
  people: readonly string[],
  start: number,
  end: number,
  holds: Readonly<Record<string, { readonly start: number; readonly end: number }>> | undefined,
): Hold[] | null {
  const out: Hold[] = [];
  for (const personId of people) {
    const own = holds && Object.hasOwn(holds, personId) ? holds[personId] : undefined;
    const range = own ?? { start, end };
    if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.start >= range.end) return null;
    out.push({ personId, start: new Date(range.start), end: new Date(range.end) });
  }
  return out;
}

/** Thrown inside the transaction to roll it back and return a value. */
class Outcome {
  readonly result: BookSlotResult;
  constructor(result: BookSlotResult) {
    this.result = result;
  }
}

class Reschedule {
  readonly result: RescheduleResult;
  constructor(result: RescheduleResult) {
    this.result = result;
  }
}

export function bookingRepository(db: Db, sql: Sql): BookingRepository {
  const findByIdempotencyKey = async (tenantId: string, idempotencyKey: string) => {
    if (!isId(tenantId)) return null;
    const row = await db.booking.findUnique({
      where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } },
      include,
    });
    return row ? toBooking(row) : null;
  };

  /**
   * People with an active row (of another booking than `except`) overlapping their own hold: one read,
   * one clause per person (bounded by the booking's participants).
   */
  const overlapping = async (
    client: Pick<Db, 'bookingParticipant'>,
    holds: readonly Hold[],
    except?: string,
  ): Promise<string[]> => {
    if (holds.length === 0) return [];
    const rows = await client.bookingParticipant.findMany({
      where: {
        status: { in: ACTIVE },
        ...(except ? { bookingId: { not: except } } : {}),
        OR: holds.map((h) => ({ personId: h.personId, startsAt: { lt: h.end }, endsAt: { gt: h.start } })),
      },
      select: { personId: true },
      distinct: ['personId'],
    });
    return rows.map((r) => r.personId).sort();
  };

  return {
    findByIdempotencyKey,
    async conversation(tenantId, bookingId) {
      if (!isId(tenantId) || !isId(bookingId)) return null;
      const row = await db.booking.findFirst({
        where: { id: bookingId, tenantId },
        select: {
          proposal: {
            select: {
              channelId: true,
              messageId: true,
              request: {
                select: {
                  channelId: true,
                  messageId: true,
                  threadId: true,
                  workspace: { select: { id: true, platform: true } },
                },
              },
            },
          },
        },
      });
      const proposal = row?.proposal;
      if (!proposal) return null;
      const request = proposal.request;
      const channelId = proposal.channelId || request.channelId;
      const messageId = proposal.messageId ?? request.messageId;
      if (!channelId || !messageId) return null;
      return {
        platform: request.workspace.platform as BookingConversation['platform'],
        workspaceId: request.workspace.id,
        channelId,
        messageId,
        threadId: request.threadId,
      };
    },
    async bookSlot(input) {
      const { tenantId } = input;
      if (!Number.isFinite(input.start) || !Number.isFinite(input.end) || input.start >= input.end) {
        return { ok: false, reason: 'invalid_range' };
      }
      const people = [...new Set(input.people)].sort();
      const malformed = people.filter((id) => !isId(id));
      if (!isId(tenantId) || people.length === 0 || malformed.length > 0) {
        return { ok: false, reason: 'unknown_person', people: malformed };
      }
      const holds = holdsOf(people, input.start, input.end, input.holds);
      if (!holds) return { ok: false, reason: 'invalid_range' };
      const previous = await findByIdempotencyKey(tenantId, input.idempotencyKey);
      if (previous) return { ok: false, reason: 'duplicate', booking: previous };

      const start = new Date(input.start);
      const end = new Date(input.end);
      try {
        const row = await db.$transaction(async (tx) => {
          const known = await tx.person.findMany({
            where: { tenantId, id: { in: people } },
            select: { id: true },
          });
          const unknown = people.filter((id) => !known.some((k) => k.id === id));
          if (unknown.length > 0) throw new Outcome({ ok: false, reason: 'unknown_person', people: unknown });
          if (input.organizerId != null) {
            const organizer = isId(input.organizerId)
              ? await tx.person.findFirst({
                  where: { tenantId, id: input.organizerId },
                  select: { id: true },
                })
              : null;
            if (!organizer)
              throw new Outcome({ ok: false, reason: 'unknown_person', people: [input.organizerId] });
          }
          if (input.proposalId != null) {
            const proposal = isId(input.proposalId)
              ? await tx.proposal.findFirst({
                  where: { tenantId, id: input.proposalId },
                  select: { id: true },
                })
              : null;
            if (!proposal) throw new Outcome({ ok: false, reason: 'unknown_proposal' });
          }
          // Fast path for the common case; the exclusion constraint decides races.
          const busy = await overlapping(tx, holds);
          if (busy.length > 0) throw new Outcome({ ok: false, reason: 'conflict', people: busy });
          const created = await tx.booking.create({
            data: {
              tenantId,
              proposalId: input.proposalId ?? null,
              organizerId: input.organizerId ?? null,
              title: input.title,
              startsAt: start,
              endsAt: end,
              seriesEndsAt:
                input.seriesEndsAt != null && Number.isFinite(input.seriesEndsAt)
                  ? new Date(Math.max(input.seriesEndsAt, input.end))
                  : null,
              status: 'booked',
              idempotencyKey: input.idempotencyKey,
              participants: {
                create: holds.map((hold) => ({
                  personId: hold.personId,
                  tenantId,
                  startsAt: hold.start,
                  endsAt: hold.end,
                  status: 'booked',
                  ...(turnFor(input.turns, hold.personId) ?? {}),
                })),
              },
            },
            include,
          });
          if (input.jobs) await enqueueAll(tx, input.jobs(toBooking(created)));
          return created;
        }, TX_OPTIONS);
        return { ok: true, booking: toBooking(row) };
      } catch (error) {
        if (error instanceof Outcome) return error.result;
        const state = sqlState(error);
        if (state === EXCLUSION_VIOLATION) {
          const busy = await overlapping(db, holds);
          // The winner may already be cancelled again; the constraint still named the person.
          return {
            ok: false,
            reason: 'conflict',
            people: busy.length > 0 ? busy : conflictFromDetail(error, people),
          };
        }
        if (state === UNIQUE_VIOLATION) {
          const winner = await findByIdempotencyKey(tenantId, input.idempotencyKey);
          if (winner) return { ok: false, reason: 'duplicate', booking: winner };
        }
        return rethrow(error);
      }
    },
    async get(tenantId, bookingId) {
      if (!isId(tenantId) || !isId(bookingId)) return null;
      const row = await db.booking.findFirst({ where: { id: bookingId, tenantId }, include });
      return row ? toBooking(row) : null;
    },
    async listForPerson(tenantId, personId, range) {
      if (!isId(tenantId) || !isId(personId)) return [];
      const rows = await db.booking.findMany({
        where: {
          tenantId,
          status: 'booked',
          startsAt: { lt: new Date(range.end) },
          endsAt: { gt: new Date(range.start) },
          participants: { some: { personId } },
        },
        orderBy: { startsAt: 'asc' },
        include,
      });
      return rows.map(toBooking);
    },
    async listOngoingSeries(tenantId, personId, after, limit) {
      if (!isId(tenantId) || !isId(personId) || !Number.isFinite(after)) return [];
      const rows = await db.booking.findMany({
        where: {
          tenantId,
          status: 'booked',
          participants: { some: { personId } },
          OR: [
            { seriesEndsAt: { gt: new Date(after) } },
            // Booked before the end was recorded: ongoing until read (`recordSeriesEnd` fills it in).
            {
              seriesEndsAt: null,
              proposal: { request: { criteria: { path: ['recurrence'], not: Prisma.AnyNull } } },
            },
          ],
        },
        orderBy: { startsAt: 'asc' },
        take: Math.max(0, Math.min(Math.floor(limit), 200)),
        include,
      });
      return rows.map(toBooking);
    },
    async recordSeriesEnd(tenantId, bookingId, seriesEndsAt) {
      if (!isId(tenantId) || !isId(bookingId) || !Number.isFinite(seriesEndsAt)) return false;
      const result = await db.booking.updateMany({
        where: { id: bookingId, tenantId, seriesEndsAt: null },
        data: { seriesEndsAt: new Date(seriesEndsAt) },
      });
      return result.count === 1;
    },
    async shortenSeriesEnd(tenantId, bookingId, seriesEndsAt) {
      if (!isId(tenantId) || !isId(bookingId) || !Number.isFinite(seriesEndsAt)) return false;
      const end = new Date(seriesEndsAt);
      const result = await db.booking.updateMany({
        where: { id: bookingId, tenantId, OR: [{ seriesEndsAt: null }, { seriesEndsAt: { gt: end } }] },
        data: { seriesEndsAt: end },
      });
      return result.count === 1;
    },
    async busyForPeople(tenantId, personIds, range) {
      const ids = [...new Set(personIds)];
      const busy = new Map<string, { start: number; end: number }[]>(ids.map((id) => [id, []]));
      const valid = ids.filter(isId);
      if (!isId(tenantId) || valid.length === 0) return busy;
      const rows = await run<BusyRow>(sql, bookingSql.busyForPeople(tenantId, valid, range));
      for (const row of rows) busy.get(row.personId)?.push({ start: ms(row.startsAt), end: ms(row.endsAt) });
      for (const list of busy.values()) list.sort((a, b) => a.start - b.start);
      return busy;
    },
    async cancel(tenantId, bookingId, options = {}) {
      if (!isId(tenantId) || !isId(bookingId)) return false;
      return db.$transaction(async (tx) => {
        const result = await tx.booking.updateMany({
          where: { id: bookingId, tenantId, status: { not: 'cancelled' } },
          data: { status: 'cancelled' },
        });
        if (result.count !== 1) return false;
        await tx.bookingParticipant.updateMany({ where: { bookingId }, data: { status: 'released' } });
        if (options.withdrawJobs) {
          await withdrawQueued(tx, options.withdrawJobs);
        }
        if (options.jobs) {
          const row = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, include });
          await enqueueAll(tx, options.jobs(toBooking(row)));
        }
        return true;
      }, TX_OPTIONS);
    },
    async reschedule(input) {
      const { tenantId, bookingId } = input;
      if (!Number.isFinite(input.start) || !Number.isFinite(input.end) || input.start >= input.end) {
        return { ok: false, reason: 'invalid_range' };
      }
      if (!isId(tenantId) || !isId(bookingId)) return { ok: false, reason: 'not_found' };
      const start = new Date(input.start);
      const end = new Date(input.end);
      try {
        const row = await db.$transaction(async (tx) => {
          // Lock the booking row: a concurrent cancel or reschedule waits for us.
          const locked = await tx.$queryRaw<
            { status: string; starts_at: Date; series_ends_at: Date | null }[]
          >`
            SELECT "status", "starts_at", "series_ends_at" FROM "booking"
            WHERE "id" = ${bookingId}::uuid AND "tenant_id" = ${tenantId}::uuid
            FOR UPDATE`;
          const current = locked[0];
          if (!current) throw new Reschedule({ ok: false, reason: 'not_found' });
          if (current.status === 'cancelled') throw new Reschedule({ ok: false, reason: 'cancelled' });
          const participants = await tx.bookingParticipant.findMany({
            where: { bookingId },
            select: { personId: true, startsAt: true },
          });
          const moved = input.holds
            ? holdsOf(
                participants.map((p) => p.personId),
                input.start,
                input.end,
                input.holds,
              )
            : movedHolds(participants, ms(current.starts_at), input.start, input.end);
          if (!moved) throw new Reschedule({ ok: false, reason: 'invalid_range' });
          const busy = await overlapping(tx, moved, bookingId);
          if (busy.length > 0) throw new Reschedule({ ok: false, reason: 'conflict', people: busy });
          // Rows holding the booking's range move together; a row holding its own range keeps its offset
          // (or takes its given hold).
          await tx.bookingParticipant.updateMany({
            where: { bookingId, startsAt: current.starts_at },
            data: { startsAt: start, endsAt: end },
          });
          const before = new Map(participants.map((p) => [p.personId, ms(p.startsAt)]));
          for (const hold of moved)
            if (hold.start.getTime() !== input.start || before.get(hold.personId) !== ms(current.starts_at))
              await tx.bookingParticipant.update({
                where: { bookingId_personId: { bookingId, personId: hold.personId } },
                data: { startsAt: hold.start, endsAt: hold.end },
              });
          // A series moved as a whole: its last occurrence as given (its rule from the new first one, in
          // local time), else moved with its first.
          const seriesEnd =
            input.seriesEndsAt != null && Number.isFinite(input.seriesEndsAt)
              ? new Date(Math.max(input.seriesEndsAt, input.end))
              : current.series_ends_at
                ? new Date(ms(current.series_ends_at) + (input.start - ms(current.starts_at)))
                : null;
          const updated = await tx.booking.update({
            where: { id: bookingId },
            data: { startsAt: start, endsAt: end, ...(seriesEnd ? { seriesEndsAt: seriesEnd } : {}) },
            include,
          });
          if (input.withdrawJobs) {
            await withdrawQueued(tx, input.withdrawJobs);
          }
          if (input.jobs) await enqueueAll(tx, input.jobs(toBooking(updated)));
          return updated;
        }, TX_OPTIONS);
        return { ok: true, booking: toBooking(row) };
      } catch (error) {
        if (error instanceof Reschedule) return error.result;
        if (sqlState(error) === EXCLUSION_VIOLATION) {
          const booking = await db.booking.findFirst({
            where: { id: bookingId },
            include: { participants: { select: { personId: true, startsAt: true } } },
          });
          const participants = booking?.participants ?? [];
          const people = participants.map((p) => p.personId);
          const moved = !booking
            ? []
            : input.holds
              ? (holdsOf(people, input.start, input.end, input.holds) ?? [])
              : movedHolds(participants, ms(booking.startsAt), input.start, input.end);
          const busy = await overlapping(db, moved, bookingId);
          return {
            ok: false,
            reason: 'conflict',
            people: busy.length > 0 ? busy : conflictFromDetail(error, people),
          };
        }
        return rethrow(error);
      }
    },
    async recordEvent(tenantId, bookingId, event) {
      if (!isId(tenantId) || !isId(bookingId) || !isId(event.personId)) return null;
      const booking = await db.booking.findFirst({
        where: { id: bookingId, tenantId, participants: { some: { personId: event.personId } } },
        select: { id: true },
      });
      if (!booking) return null;
      const data = {
        // Not a stored connection id (a demo or test writer): nothing to link to.
        connectionId: isId(event.connectionId) ? event.connectionId : null,
        providerEventId: event.providerEventId ?? null,
        iCalUid: event.iCalUID ?? null,
        status: event.status,
        lastError: event.lastError ?? null,
        ...(event.expected
          ? { expectedTimes: event.expected.slice(-MAX_EXPECTED).map(([a, b]) => [a, b]) }
          : {}),
      };
      const row = await db.calendarEvent.upsert({
        where: {
          bookingId_personId_calendarId: {
            bookingId,
            personId: event.personId,
            calendarId: event.calendarId,
          },
        },
        create: { bookingId, personId: event.personId, calendarId: event.calendarId, ...data },
        update: data,
      });
      return toEvent(row);
    },
    async recordOccurrence(tenantId, bookingId, exception) {
      if (!isId(tenantId) || !isId(bookingId) || !Number.isFinite(exception.originalStart)) return false;
      const booking = await db.booking.findFirst({
        where: { id: bookingId, tenantId },
        select: { id: true },
      });
      if (!booking) return false;
      const data = {
        status: exception.status,
        startsAt: exception.status === 'moved' ? new Date(exception.start) : null,
        endsAt: exception.status === 'moved' ? new Date(exception.end) : null,
      };
      const originalStart = new Date(exception.originalStart);
      await db.$transaction(async (tx) => {
        await tx.bookingOccurrence.upsert({
          where: { bookingId_originalStart: { bookingId, originalStart } },
          create: { tenantId, bookingId, originalStart, ...data },
          update: data,
        });
        // Moved past the series' stored end: the series now ends there (the lists read it). A series
        // without a stored end (booked before it was recorded) is left to `recordSeriesEnd`.
        if (exception.status === 'moved')
          await tx.booking.updateMany({
            where: { id: bookingId, tenantId, seriesEndsAt: { lt: new Date(exception.end) } },
            data: { seriesEndsAt: new Date(exception.end) },
          });
      }, TX_OPTIONS);
      return true;
    },
    async occurrences(tenantId, bookingId) {
      if (!isId(tenantId) || !isId(bookingId)) return [];
      const rows = await db.bookingOccurrence.findMany({
        where: { tenantId, bookingId },
        orderBy: { originalStart: 'asc' },
      });
      return rows.flatMap(toOccurrence);
    },
  };
}

/**
 * The rows of a booking moved from `from` to `[start, end)`: each row's start shifts by the same delta (a
 * turn member's own first occurrence keeps its offset from the series' first) and takes the new duration.
 */
function movedHolds(
  rows: readonly { personId: string; startsAt: Date }[],
  from: number,
  start: number,
  end: number,
): Hold[] {
  const shift = start - from;
  return rows.map((row) => {
    const own = ms(row.startsAt) + shift;
    return { personId: row.personId, start: new Date(own), end: new Date(own + (end - start)) };
  });
}

/** A stored occurrence exception (a malformed row reads as nothing). */
export function toOccurrence(row: {
  originalStart: Date;
  status: string;
  startsAt: Date | null;
  endsAt: Date | null;
}): OccurrenceException[] {
  const originalStart = ms(row.originalStart);
  if (row.status === 'cancelled' || row.status === 'ended') return [{ originalStart, status: row.status }];
  if (row.status === 'moved' && row.startsAt && row.endsAt)
    return [{ originalStart, status: 'moved', start: ms(row.startsAt), end: ms(row.endsAt) }];
  return [];
}

/** `Key (person_id, …)=(<uuid>, …) conflicts with …` → that uuid, if it is one of ours. */
function conflictFromDetail(error: unknown, people: readonly string[]): string[] {
  const text = JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})) ?? '';
  const causeDetail = (error as { cause?: { detail?: unknown } })?.cause?.detail;
  const haystack = `${typeof causeDetail === 'string' ? causeDetail : ''} ${text}`;
  return people.filter((id) => haystack.includes(id));
}
