import type { MeetingRequestRepository, MessageRef } from '../../app/ports/store.ts';
import type { Statement } from '../sql/columns.ts';
import { type CreatedRow, requestSql, toRequest } from '../sql/meeting-request.ts';
import { proposalSql, toProposal } from '../sql/proposal.ts';
import { type Db, isId, ms, run, type Sql } from './util.ts';

const requestInclude = { participants: { orderBy: { personId: 'asc' } } } as const;
const proposalInclude = { slots: true } as const;

export function requestRepository(db: Db, sql: Sql): MeetingRequestRepository {
  /** One `UPDATE … RETURNING id` of a row of the tenant; true when it was found. */
  const update = async (statement: Statement) => (await run(sql, statement)).length === 1;

  return {
    async create(input) {
      const personIds = [...new Set([input.requesterId, ...input.participants.map((p) => p.personId)])];
      if (!isId(input.tenantId) || !isId(input.workspaceId) || !personIds.every(isId)) return null;
      const participants = [...input.participants].sort((a, b) =>
        a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
      );
      const [row] = await run<CreatedRow>(sql, requestSql.create(input, personIds, participants));
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
      return update(requestSql.setStatus(tenantId, requestId, status));
    },
    async setMessage(tenantId, requestId, message: MessageRef) {
      if (!isId(tenantId) || !isId(requestId)) return false;
      return update(requestSql.setMessage(tenantId, requestId, message));
    },
    async propose(tenantId, requestId, proposal) {
      if (!isId(tenantId) || !isId(requestId)) return null;
      const message = proposal.message ?? null;
      const [row] = await run<CreatedRow>(sql, proposalSql.propose(tenantId, requestId, proposal));
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
      return update(proposalSql.setMessage(tenantId, proposalId, message));
    },
    async setProposalStatus(tenantId, proposalId, status) {
      if (!isId(tenantId) || !isId(proposalId)) return false;
      return update(proposalSql.setStatus(tenantId, proposalId, status));
    },
  };
}
