/**
 * `proposal` and `proposal_slot`: written only by these statements (src/store/README.md); the id and
 * `updated_at` come from the database. Read by Prisma (`toProposal` maps its rows).
 */
import type { MessageRef, Proposal, ProposalStatus, ProposedSlot } from '../../app/ports/store.ts';
import { ms, msOrNull } from '../repos/util.ts';
import type { Statement } from './columns.ts';
import { CREATED } from './meeting-request.ts';

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

export function toProposal(row: ProposalRow): Proposal {
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

export const proposalSql = {
  /**
   * One statement (atomic): the request row is locked, its open proposal superseded, the new one and
   * its slots inserted. Nothing happens when the request is not this tenant's.
   */
  propose: (
    tenantId: string,
    requestId: string,
    proposal: { slots: readonly ProposedSlot[]; message?: MessageRef | null; expiresAt?: number | null },
  ): Statement => [
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
     SELECT ${CREATED} FROM inserted`,
    [
      tenantId,
      requestId,
      proposal.message?.channelId ?? null,
      proposal.message?.messageId ?? null,
      proposal.expiresAt == null ? null : new Date(proposal.expiresAt).toISOString(),
      proposal.slots.map((_, rank) => rank),
      proposal.slots.map((slot) => new Date(slot.start).toISOString()),
      proposal.slots.map((slot) => new Date(slot.end).toISOString()),
      proposal.slots.map((slot) => slot.score),
    ],
  ],
  setMessage: (tenantId: string, proposalId: string, message: MessageRef): Statement => [
    `UPDATE proposal SET channel_id = $3, message_id = $4 WHERE id = $1::uuid AND tenant_id = $2::uuid RETURNING id`,
    [proposalId, tenantId, message.channelId, message.messageId],
  ],
  setStatus: (tenantId: string, proposalId: string, status: ProposalStatus): Statement => [
    `UPDATE proposal SET status = $3 WHERE id = $1::uuid AND tenant_id = $2::uuid RETURNING id`,
    [proposalId, tenantId, status],
  ],
};
