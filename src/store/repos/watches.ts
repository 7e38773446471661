/**
 * Two-way sync state (`calendar_watch`, `sync_decision`) and the lookups change detection needs
 * (events Convene wrote per connection). Every query is tenant-scoped except the webhook entry points
 * (`findByChannel`, `noteMessage`, `generation`, `beginSync`), which only know a channel or watch id.
 */

import { Prisma } from '@prisma/client';
import type { ProviderKind } from '../../app/ports/provider.ts';
import type {
  CalendarWatch,
  SyncDecision,
  SyncDecisionStatus,
  TrackedEvent,
  WatchRepository,
} from '../../app/ports/sync.ts';
import { sqlState, UNIQUE_VIOLATION } from '../errors.ts';
import { jobSql } from '../sql/job.ts';
import { expectedOf, toOccurrence } from './bookings.ts';
import { type Db, isId, ms, msOrNull, type Sql, TX_OPTIONS } from './util.ts';

interface WatchRow {
  id: string;
  tenantId: string;
  connectionId: string;
  calendarId: string;
  provider: string;
  mode: string;
  channelId: string | null;
  resourceId: string | null;
  expiresAt: Date | null;
  cursor: string | null;
  lastMessageNumber: bigint | null;
  lastSyncAt: Date | null;
}

function toWatch(row: WatchRow): CalendarWatch {
  return {
    id: row.id,
    tenantId: row.tenantId,
    connectionId: row.connectionId,
    calendarId: row.calendarId,
    provider: row.provider as ProviderKind,
    mode: row.mode === 'push' ? 'push' : 'poll',
    channelId: row.channelId,
    resourceId: row.resourceId,
    expiresAt: msOrNull(row.expiresAt),
    cursor: row.cursor,
    lastMessageNumber: row.lastMessageNumber === null ? null : Number(row.lastMessageNumber),
    lastSyncAt: msOrNull(row.lastSyncAt),
  };
}

interface DecisionRow {
  id: string;
  tenantId: string;
  bookingId: string;
  personId: string;
  kind: string;
  startsAt: Date | null;
  endsAt: Date | null;
  bookingStart: Date;
  occurrence: Date | null;
  status: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

function toDecision(row: DecisionRow): SyncDecision {
  return {
    id: row.id,
    tenantId: row.tenantId,
    bookingId: row.bookingId,
    personId: row.personId,
    kind: row.kind === 'deleted' ? 'deleted' : 'moved',
    start: msOrNull(row.startsAt),
    end: msOrNull(row.endsAt),
    bookingStart: ms(row.bookingStart),
    occurrence: msOrNull(row.occurrence),
    status: row.status as SyncDecisionStatus,
    decidedBy: row.decidedBy,
    decidedAt: msOrNull(row.decidedAt),
    createdAt: ms(row.createdAt),
  };
}

export function watchRepository(db: Db, sql: Sql): WatchRepository {
  const scoped = (tenantId: string, id: string) =>
    isId(tenantId) && isId(id) ? { id, tenantId } : undefined;
  const update = async (tenantId: string, id: string, data: Record<string, unknown>) => {
    const where = scoped(tenantId, id);
    if (!where) return false;
    return (await db.calendarWatch.updateMany({ where, data })).count === 1;
  };

  return {
    async ensure(input) {
      if (!isId(input.tenantId) || !isId(input.connectionId)) return null;
      const connection = await db.calendarConnection.findFirst({
        where: { id: input.connectionId, tenantId: input.tenantId },
        select: { id: true },
      });
      if (!connection) return null;
      const where = {
        connectionId_calendarId: { connectionId: input.connectionId, calendarId: input.calendarId },
      };
      const existing = await db.calendarWatch.findUnique({ where });
      if (existing) return toWatch(existing);
      try {
        return toWatch(
          await db.calendarWatch.create({
            data: {
              tenantId: input.tenantId,
              connectionId: input.connectionId,
              calendarId: input.calendarId,
              provider: input.provider,
              mode: input.mode,
            },
          }),
        );
      } catch (error) {
        // Created concurrently (two replicas reconciling at start): the first one wins.
        if (sqlState(error) !== UNIQUE_VIOLATION && (error as { code?: unknown }).code !== 'P2002')
          throw error;
        const row = await db.calendarWatch.findUnique({ where });
        return row ? toWatch(row) : null;
      }
    },
    async get(tenantId, watchId) {
      const where = scoped(tenantId, watchId);
      const row = where ? await db.calendarWatch.findFirst({ where }) : null;
      return row ? toWatch(row) : null;
    },
    async findByChannel(provider, channelId) {
      if (channelId.length === 0 || channelId.length > 500) return null;
      const row = await db.calendarWatch.findUnique({
        where: { provider_channelId: { provider, channelId } },
      });
      return row ? toWatch(row) : null;
    },
    async findManyByChannel(provider, channelIds) {
      const ids = [...new Set(channelIds)].filter((id) => id.length > 0 && id.length <= 500);
      const found = new Map<string, CalendarWatch>();
      if (ids.length === 0) return found;
      const rows = await db.calendarWatch.findMany({ where: { provider, channelId: { in: ids } } });
      for (const row of rows) if (row.channelId) found.set(row.channelId, toWatch(row));
      return found;
    },
    async listForConnection(tenantId, connectionId) {
      if (!isId(tenantId) || !isId(connectionId)) return [];
      const rows = await db.calendarWatch.findMany({
        where: { tenantId, connectionId },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map(toWatch);
    },
    async remove(tenantId, watchId) {
      const where = scoped(tenantId, watchId);
      if (!where) return false;
      return (await db.calendarWatch.deleteMany({ where })).count === 1;
    },
    async setChannel(tenantId, watchId, channel) {
      const where = scoped(tenantId, watchId);
      if (!where) return false;
      const result = await db.calendarWatch.updateMany({
        // Google numbers messages per channel: a new channel starts again from 1.
        where: { ...where, NOT: { channelId: channel.channelId ?? '' } },
        data: { lastMessageNumber: null },
      });
      void result;
      return update(tenantId, watchId, {
        mode: channel.mode,
        channelId: channel.channelId,
        resourceId: channel.resourceId,
        expiresAt: channel.expiresAt === null ? null : new Date(channel.expiresAt),
      });
    },
    async saveSync(tenantId, watchId, cursor, syncedAt, options = {}) {
      const where = scoped(tenantId, watchId);
      if (!where) return false;
      const at = new Date(syncedAt);
      return db.$transaction(async (tx) => {
        const watch = await tx.calendarWatch.findFirst({ where, select: { connectionId: true } });
        if (!watch) return false;
        // Compare-and-set: a sync whose starting cursor was replaced meanwhile saves nothing.
        const guard = 'from' in options ? { cursor: options.from ?? null } : {};
        const saved = await tx.calendarWatch.updateMany({
          where: { ...where, ...guard },
          data: { cursor, lastSyncAt: at },
        });
        if (saved.count === 0) return false;
        await tx.calendarConnection.updateMany({
          where: { id: watch.connectionId, tenantId },
          data: { lastSyncAt: at },
        });
        return true;
      }, TX_OPTIONS);
    },
    async noteMessage(watchId, n) {
      if (!isId(watchId) || !Number.isSafeInteger(n)) return false;
      const value = BigInt(n);
      const result = await db.calendarWatch.updateMany({
        where: { id: watchId, OR: [{ lastMessageNumber: null }, { lastMessageNumber: { lt: value } }] },
        data: { lastMessageNumber: value },
      });
      return result.count === 1;
    },
    async generation(watchId) {
      if (!isId(watchId)) return null;
      const row = await db.calendarWatch.findUnique({ where: { id: watchId }, select: { generation: true } });
      return row?.generation ?? null;
    },
    async beginSync(watchId) {
      if (!isId(watchId)) return null;
      // One statement (an UPDATE … RETURNING); a watch that is gone is null, not an error.
      const row = await db.calendarWatch
        .update({
          where: { id: watchId },
          data: { generation: { increment: 1 } },
          select: { generation: true },
        })
        .catch((error: unknown) => {
          if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return null;
          throw error;
        });
      return row?.generation ?? null;
    },
    async pruneJobs(watchId, before) {
      if (!isId(watchId)) return 0;
      const [text, params] = jobSql.pruneWatch(watchId, before);
      return (await sql(text, params)).length;
    },
    async targets() {
      const rows = await db.calendarConnection.findMany({
        select: {
          id: true,
          tenantId: true,
          personId: true,
          provider: true,
          writeCalendarId: true,
          busyCalendarIds: true,
        },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map((r) => ({
        tenantId: r.tenantId,
        connectionId: r.id,
        personId: r.personId,
        provider: r.provider as ProviderKind,
        writeCalendarId: r.writeCalendarId,
        busyCalendarIds: r.busyCalendarIds,
      }));
    },
    async trackedEvents(tenantId, scope, since) {
      if (!isId(tenantId)) return [];
      const filter =
        'connectionId' in scope
          ? isId(scope.connectionId)
            ? { connectionId: scope.connectionId }
            : undefined
          : isId(scope.personId)
            ? { personId: scope.personId }
            : undefined;
      if (!filter) return [];
      const at = new Date(since);
      const rows = await db.calendarEvent.findMany({
        where: {
          ...filter,
          status: { in: ['created', 'deleted'] },
          booking: {
            tenantId,
            status: 'booked',
            // A series (issue #22): the booking's times are its first occurrence; it is tracked while its
            // last occurrence (`series_ends_at`, set at booking time, shifted by a whole-series reschedule)
            // or one of its occurrences moved later has not ended.
            OR: [
              { endsAt: { gt: at } },
              { seriesEndsAt: { gt: at } },
              { occurrences: { some: { status: 'moved', endsAt: { gt: at } } } },
              // Series booked before `series_ends_at` existed (null there): any whose request has a rule.
              {
                seriesEndsAt: null,
                proposal: { request: { criteria: { path: ['recurrence'], not: Prisma.AnyNull } } },
              },
            ],
          },
        },
        include: {
          booking: {
            select: {
              startsAt: true,
              endsAt: true,
              // Bounded: one row per occurrence of the series.
              occurrences: { orderBy: { originalStart: 'asc' } },
            },
          },
        },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map((r): TrackedEvent => {
        const exceptions = r.booking.occurrences.flatMap(toOccurrence);
        return {
          bookingId: r.bookingId,
          personId: r.personId,
          connectionId: r.connectionId,
          calendarId: r.calendarId,
          providerEventId: r.providerEventId,
          iCalUID: r.iCalUid,
          status: r.status === 'deleted' ? 'deleted' : 'created',
          expected: expectedOf(r.expectedTimes),
          start: ms(r.booking.startsAt),
          end: ms(r.booking.endsAt),
          ...(exceptions.length > 0 ? { exceptions } : {}),
        };
      });
    },

    async openDecision(input) {
      if (!isId(input.tenantId) || !isId(input.bookingId) || !isId(input.personId)) return null;
      const booking = await db.booking.findFirst({
        where: { id: input.bookingId, tenantId: input.tenantId },
        select: { id: true },
      });
      if (!booking) return null;
      const at = new Date(input.now);
      return db.$transaction(async (tx) => {
        // Two syncs of one calendar at once (two replicas, a late notification) see the same change:
        // the booking's row lock serialises them, and the second finds the question already open.
        await tx.$queryRaw`SELECT id FROM booking WHERE id = ${input.bookingId}::uuid FOR UPDATE`;
        const occurrence = input.occurrence == null ? null : new Date(input.occurrence);
        const open = await tx.syncDecision.findFirst({
          where: { bookingId: input.bookingId, personId: input.personId, occurrence, status: 'open' },
          orderBy: { createdAt: 'desc' },
        });
        if (
          open &&
          open.kind === input.kind &&
          msOrNull(open.startsAt) === input.start &&
          msOrNull(open.endsAt) === input.end &&
          ms(open.bookingStart) === input.bookingStart
        )
          return null;
        // One open decision per (booking, person, occurrence): a newer change supersedes the older question.
        await tx.syncDecision.updateMany({
          where: { bookingId: input.bookingId, personId: input.personId, occurrence, status: 'open' },
          data: { status: 'superseded', decidedAt: at },
        });
        const row = await tx.syncDecision.create({
          data: {
            tenantId: input.tenantId,
            bookingId: input.bookingId,
            personId: input.personId,
            kind: input.kind,
            startsAt: input.start === null ? null : new Date(input.start),
            endsAt: input.end === null ? null : new Date(input.end),
            bookingStart: new Date(input.bookingStart),
            occurrence,
            createdAt: at,
          },
        });
        return toDecision(row);
      }, TX_OPTIONS);
    },
    async getDecision(tenantId, decisionId) {
      const where = scoped(tenantId, decisionId);
      const row = where ? await db.syncDecision.findFirst({ where }) : null;
      return row ? toDecision(row) : null;
    },
    async openDecisionFor(tenantId, bookingId, personId, occurrence = null) {
      if (!isId(tenantId) || !isId(bookingId) || !isId(personId)) return null;
      const row = await db.syncDecision.findFirst({
        where: {
          tenantId,
          bookingId,
          personId,
          occurrence: occurrence === null ? null : new Date(occurrence),
          status: 'open',
        },
        orderBy: { createdAt: 'desc' },
      });
      return row ? toDecision(row) : null;
    },
    async latestDecisionFor(tenantId, bookingId, personId, occurrence) {
      if (!isId(tenantId) || !isId(bookingId) || !isId(personId)) return null;
      const row = await db.syncDecision.findFirst({
        where: {
          tenantId,
          bookingId,
          personId,
          occurrence: occurrence === null ? null : new Date(occurrence),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      return row ? toDecision(row) : null;
    },
    async resolveDecision(tenantId, decisionId, status, by, at) {
      const where = scoped(tenantId, decisionId);
      if (!where) return false;
      const result = await db.syncDecision.updateMany({
        where: { ...where, status: 'open' },
        data: { status, decidedBy: by !== null && isId(by) ? by : null, decidedAt: new Date(at) },
      });
      return result.count === 1;
    },
    async reopenDecision(tenantId, decisionId) {
      const where = scoped(tenantId, decisionId);
      if (!where) return false;
      const result = await db.syncDecision.updateMany({
        where: { ...where, status: { not: 'superseded' } },
        data: { status: 'open', decidedBy: null, decidedAt: null },
      });
      return result.count === 1;
    },
  };
}
