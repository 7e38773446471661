import type {
  MeetingRequest,
  MeetingRequestRepository,
  MeetingRequestStatus,
  MessageRef,
  Proposal,
  ProposalStatus,
} from '../../app/ports/store.ts';
import { type Db, isId, ms, msOrNull, TX_OPTIONS } from './util.ts';

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

export function requestRepository(db: Db): MeetingRequestRepository {
  const updateRequest = async (tenantId: string, requestId: string, data: Record<string, unknown>) => {
    if (!isId(tenantId) || !isId(requestId)) return false;
    return (await db.meetingRequest.updateMany({ where: { id: requestId, tenantId }, data })).count === 1;
  };
  const updateProposal = async (tenantId: string, proposalId: string, data: Record<string, unknown>) => {
    if (!isId(tenantId) || !isId(proposalId)) return false;
    return (await db.proposal.updateMany({ where: { id: proposalId, tenantId }, data })).count === 1;
  };

  return {
    async create(input) {
      const personIds = [...new Set([input.requesterId, ...input.participants.map((p) => p.personId)])];
      if (!isId(input.tenantId) || !isId(input.workspaceId) || !personIds.every(isId)) return null;
      // Foreign keys only prove the rows exist; they must also belong to this tenant (a row's tenant
      // never changes, so checking before the insert is enough).
      const workspaces = await db.workspace.count({
        where: { id: input.workspaceId, tenantId: input.tenantId },
      });
      if (workspaces !== 1) return null;
      const people = await db.person.count({ where: { id: { in: personIds }, tenantId: input.tenantId } });
      if (people !== personIds.length) return null;
      const row = await db.meetingRequest.create({
        data: {
          tenantId: input.tenantId,
          workspaceId: input.workspaceId,
          requesterId: input.requesterId,
          title: input.title,
          durationMinutes: input.durationMinutes,
          windowStart: new Date(input.window.start),
          windowEnd: new Date(input.window.end),
          channelId: input.message.channelId,
          messageId: input.message.messageId,
          threadId: input.message.threadId ?? null,
          participants: {
            create: input.participants.map((p) => ({ personId: p.personId, optional: p.optional ?? false })),
          },
        },
        include: requestInclude,
      });
      return toRequest(row);
    },
    async get(tenantId, requestId) {
      if (!isId(tenantId) || !isId(requestId)) return null;
      const row = await db.meetingRequest.findFirst({
        where: { id: requestId, tenantId },
        include: requestInclude,
      });
      return row ? toRequest(row) : null;
    },
    setStatus: (tenantId, requestId, status) => updateRequest(tenantId, requestId, { status }),
    setMessage: (tenantId, requestId, message: MessageRef) =>
      updateRequest(tenantId, requestId, {
        channelId: message.channelId,
        messageId: message.messageId,
        threadId: message.threadId ?? null,
      }),
    async propose(tenantId, requestId, proposal) {
      if (!isId(tenantId) || !isId(requestId)) return null;
      return db.$transaction(async (tx) => {
        const request = await tx.meetingRequest.findFirst({ where: { id: requestId, tenantId } });
        if (!request) return null;
        await tx.proposal.updateMany({
          where: { requestId, status: 'open' },
          data: { status: 'superseded' },
        });
        await tx.meetingRequest.update({ where: { id: requestId }, data: { status: 'proposed' } });
        const row = await tx.proposal.create({
          data: {
            tenantId,
            requestId,
            channelId: proposal.message?.channelId ?? null,
            messageId: proposal.message?.messageId ?? null,
            expiresAt: proposal.expiresAt == null ? null : new Date(proposal.expiresAt),
            slots: {
              create: proposal.slots.map((slot, rank) => ({
                rank,
                startsAt: new Date(slot.start),
                endsAt: new Date(slot.end),
                score: slot.score,
              })),
            },
          },
          include: proposalInclude,
        });
        return toProposal(row);
      }, TX_OPTIONS);
    },
    async getProposal(tenantId, proposalId) {
      if (!isId(tenantId) || !isId(proposalId)) return null;
      const row = await db.proposal.findFirst({
        where: { id: proposalId, tenantId },
        include: proposalInclude,
      });
      return row ? toProposal(row) : null;
    },
    setProposalMessage: (tenantId, proposalId, message) =>
      updateProposal(tenantId, proposalId, { channelId: message.channelId, messageId: message.messageId }),
    setProposalStatus: (tenantId, proposalId, status) => updateProposal(tenantId, proposalId, { status }),
  };
}
