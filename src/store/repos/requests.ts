import type {
  MeetingRequest,
  MeetingRequestRepository,
  MeetingRequestStatus,
  MessageRef,
  Proposal,
  ProposalStatus,
  RequestCriteria,
} from '../../app/ports/store.ts';
import { type Db, isId, ms, msOrNull, type Sql } from './util.ts';

interface RequestRow {
  id: string;
  tenantId: string;
  workspaceId: string;
  requesterId: string;
  title: string;
  durationMinutes: number;
  windowStart: Date;
  windowEnd: Date;
  status: string;
  channelId: string;
  messageId: string | null;
  threadId: string | null;
  createdAt: Date;
  criteria: unknown;
  participants: { personId: string; optional: boolean }[];
}

function toRequest(row: RequestRow): MeetingRequest {
  return {
    id: row.id,
    tenantId: row.tenantId,
    workspaceId: row.workspaceId,
    requesterId: row.requesterId,
    title: row.title,
    durationMinutes: row.durationMinutes,
    window: { start: ms(row.windowStart), end: ms(row.windowEnd) },
    participants: row.participants.map((p) => ({ personId: p.personId, optional: p.optional })),
    status: row.status as MeetingRequestStatus,
    message: { channelId: row.channelId, messageId: row.messageId, threadId: row.threadId },
    createdAt: ms(row.createdAt),
    criteria: toCriteria(row.criteria),
  };
}

/** The stored JSON, read defensively: a row written by another version may lack a part. */
function toCriteria(value: unknown): RequestCriteria | null {
  if (value === null || typeof value !== 'object') return null;
  const c = value as Partial<RequestCriteria>;
  if (typeof c.zone !== 'string') return null;
  return {
    zone: c.zone,
    constraints: Array.isArray(c.constraints) ? c.constraints : [],
    excluded: Array.isArray(c.excluded) ? c.excluded : [],
  };
}

interface ProposalRow {
  id: string;
  tenantId: string;
  requestId: string;
  status: string;
  channelId: string | null;
  messageId: string | null;
  expiresAt: Date | null;
  createdAt: Date;
  slots: { rank: number; startsAt: Date; endsAt: Date; score: number }[];
}

function toProposal(row: ProposalRow): Proposal {
  return {
    id: row.id,
    tenantId: row.tenantId,
    requestId: row.requestId,
    status: row.status as ProposalStatus,
    slots: [...row.slots]
      .sort((a, b) => a.rank - b.rank)
      .map((s) => ({ start: ms(s.startsAt), end: ms(s.endsAt), score: s.score })),
    message: row.channelId === null ? null : { channelId: row.channelId, messageId: row.messageId },
    expiresAt: msOrNull(row.expiresAt),
    createdAt: ms(row.createdAt),
  };
}

const requestInclude = { participants: { orderBy: { personId: 'asc' } } } as const;
const proposalInclude = { slots: true } as const;

export function requestRepository(db: Db, sql: Sql): MeetingRequestRepository {
  /** One `UPDATE … RETURNING id` of a row of the tenant; true when it was found. */
  const update = async (statement: readonly [string, readonly unknown[]]) =>
    (await sql(statement[0], statement[1])).length === 1;

  return {
    async create(input) {
      const personIds = [...new Set([input.requesterId, ...input.participants.map((p) => p.personId)])];
      if (!isId(input.tenantId) || !isId(input.workspaceId) || !personIds.every(isId)) return null;
      const participants = [...input.participants].sort((a, b) =>
        a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
      );
      // One statement (atomic): foreign keys only prove the rows exist; the workspace and every person must
      // also belong to this tenant (a row's tenant never changes), else nothing is inserted.
      const [row] = await sql<{ id: string; createdAt: Date }>(
        `WITH allowed AS (
           SELECT 1 FROM workspace w
           WHERE w.id = $2::uuid AND w.tenant_id = $1::uuid
             AND (SELECT count(*) FROM person p WHERE p.id = ANY($11::uuid[]) AND p.tenant_id = $1::uuid) = $12
         ), request AS (
           INSERT INTO meeting_request (tenant_id, workspace_id, requester_id, title, duration_minutes,
                                        window_start, window_end, status, channel_id, message_id, thread_id,
                                        criteria)
           SELECT $1::uuid, $2::uuid, $3::uuid, $4, $5, $6::timestamptz, $7::timestamptz, 'open', $8, $9, $10, $15::jsonb
           FROM allowed
           RETURNING id, created_at
         ), participants AS (
           INSERT INTO request_participant (request_id, person_id, optional)
           SELECT request.id, u.person_id, u.optional
           FROM request, unnest($13::uuid[], $14::boolean[]) AS u(person_id, optional)
         )
         SELECT id, created_at AS "createdAt" FROM request`,
        [
          input.tenantId,
          input.workspaceId,
          input.requesterId,
          input.title,
          input.durationMinutes,
          new Date(input.window.start).toISOString(),
          new Date(input.window.end).toISOString(),
          input.message.channelId,
          input.message.messageId,
          input.message.threadId ?? null,
          personIds,
          personIds.length,
          participants.map((p) => p.personId),
          participants.map((p) => p.optional ?? false),
          input.criteria ? JSON.stringify(input.criteria) : null,
        ],
      );
      if (!row) return null;
      return {
        id: row.id,
        tenantId: input.tenantId,
        workspaceId: input.workspaceId,
        requesterId: input.requesterId,
        title: input.title,
        durationMinutes: input.durationMinutes,
        window: { start: input.window.start, end: input.window.end },
        participants: participants.map((p) => ({ personId: p.personId, optional: p.optional ?? false })),
        status: 'open',
        message: {
          channelId: input.message.channelId,
          messageId: input.message.messageId,
          threadId: input.message.threadId ?? null,
        },
        createdAt: ms(row.createdAt),
        criteria: input.criteria ?? null,
      };
    },
    async get(tenantId, requestId) {
      if (!isId(tenantId) || !isId(requestId)) return null;
      const row = await db.meetingRequest.findFirst({
        where: { id: requestId, tenantId },
        include: requestInclude,
      });
      return row ? toRequest(row) : null;
    },
    async setStatus(tenantId, requestId, status) {
      if (!isId(tenantId) || !isId(requestId)) return false;
      return update([
        `UPDATE meeting_request SET status = $3 WHERE id = $1::uuid AND tenant_id = $2::uuid RETURNING id`,
        [requestId, tenantId, status],
      ]);
    },
    async setMessage(tenantId, requestId, message: MessageRef) {
      if (!isId(tenantId) || !isId(requestId)) return false;
      return update([
        `UPDATE meeting_request SET channel_id = $3, message_id = $4, thread_id = $5
         WHERE id = $1::uuid AND tenant_id = $2::uuid RETURNING id`,
        [requestId, tenantId, message.channelId, message.messageId, message.threadId ?? null],
      ]);
    },
    async propose(tenantId, requestId, proposal) {
      if (!isId(tenantId) || !isId(requestId)) return null;
      const message = proposal.message ?? null;
      const expiresAt = proposal.expiresAt == null ? null : new Date(proposal.expiresAt).toISOString();
      // One statement (atomic): the request row is locked, its open proposal superseded, the new one and
      // its slots inserted. Nothing happens when the request is not this tenant's.
      const [row] = await sql<{ id: string; createdAt: Date }>(
        `WITH request AS (
           SELECT id FROM meeting_request WHERE id = $2::uuid AND tenant_id = $1::uuid FOR UPDATE
         ), superseded AS (
           UPDATE proposal SET status = 'superseded'
           -- The tenant narrows it to the (tenant_id, request_id) index: without it every proposal ever
           -- made was scanned on each new one (the load bench's PostgreSQL CPU grew run after run).
           WHERE tenant_id = $1::uuid AND request_id IN (SELECT id FROM request) AND status = 'open'
         ), proposed AS (
           UPDATE meeting_request SET status = 'proposed' WHERE id IN (SELECT id FROM request)
         ), inserted AS (
           INSERT INTO proposal (tenant_id, request_id, status, channel_id, message_id, expires_at)
           SELECT $1::uuid, request.id, 'open', $3, $4, $5::timestamptz FROM request
           RETURNING id, created_at
         ), slots AS (
           INSERT INTO proposal_slot (proposal_id, rank, starts_at, ends_at, score)
           SELECT inserted.id, u.rank, u.starts_at, u.ends_at, u.score
           FROM inserted, unnest($6::int[], $7::timestamptz[], $8::timestamptz[], $9::float8[])
                AS u(rank, starts_at, ends_at, score)
         )
         SELECT id, created_at AS "createdAt" FROM inserted`,
        [
          tenantId,
          requestId,
          message?.channelId ?? null,
          message?.messageId ?? null,
          expiresAt,
          proposal.slots.map((_, rank) => rank),
          proposal.slots.map((slot) => new Date(slot.start).toISOString()),
          proposal.slots.map((slot) => new Date(slot.end).toISOString()),
          proposal.slots.map((slot) => slot.score),
        ],
      );
      if (!row) return null;
      return {
        id: row.id,
        tenantId,
        requestId,
        status: 'open',
        slots: proposal.slots.map((slot) => ({ start: slot.start, end: slot.end, score: slot.score })),
        message: message === null ? null : { channelId: message.channelId, messageId: message.messageId },
        expiresAt: proposal.expiresAt ?? null,
        createdAt: ms(row.createdAt),
      };
    },
    async getProposal(tenantId, proposalId) {
      if (!isId(tenantId) || !isId(proposalId)) return null;
      const row = await db.proposal.findFirst({
        where: { id: proposalId, tenantId },
        include: proposalInclude,
      });
      return row ? toProposal(row) : null;
    },
    async setProposalMessage(tenantId, proposalId, message) {
      if (!isId(tenantId) || !isId(proposalId)) return false;
      return update([
        `UPDATE proposal SET channel_id = $3, message_id = $4 WHERE id = $1::uuid AND tenant_id = $2::uuid RETURNING id`,
        [proposalId, tenantId, message.channelId, message.messageId],
      ]);
    },
    async setProposalStatus(tenantId, proposalId, status) {
      if (!isId(tenantId) || !isId(proposalId)) return false;
      return update([
        `UPDATE proposal SET status = $3 WHERE id = $1::uuid AND tenant_id = $2::uuid RETURNING id`,
        [proposalId, tenantId, status],
      ]);
    },
  };
}
