/**
 * `meeting_request` and `request_participant`: written only by these statements (src/store/README.md); the id
 * and `updated_at` come from the database. Read by Prisma (`toRequest` maps its rows).
 */
import type {
  CreateMeetingRequestInput,
  MeetingRequest,
  MeetingRequestStatus,
  MessageRef,
  RequestCriteria,
} from '../../app/ports/store.ts';
import { ms } from '../repos/util.ts';
import { type ColumnMap, type Statement, selectList } from './columns.ts';

/** What an insert returns (requests and proposals alike). */
export type CreatedRow = { id: string; createdAt: Date };

export const CREATED = selectList({
  id: 'id',
  createdAt: 'created_at',
} as const satisfies ColumnMap<CreatedRow>);

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

export function toRequest(row: RequestRow): MeetingRequest {
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
    ...(c.recurrence && typeof c.recurrence === 'object' && typeof c.recurrence.freq === 'string'
      ? { recurrence: c.recurrence }
      : {}),
  };
}

export const requestSql = {
  /**
   * One statement (atomic): foreign keys only prove the rows exist; the workspace and every person must
   * also belong to this tenant (a row's tenant never changes), else nothing is inserted.
   */
  create: (
    input: CreateMeetingRequestInput,
    personIds: readonly string[],
    participants: readonly { personId: string; optional?: boolean }[],
  ): Statement => [
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
     SELECT ${CREATED} FROM request`,
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
  ],
  setStatus: (tenantId: string, requestId: string, status: MeetingRequestStatus): Statement => [
    `UPDATE meeting_request SET status = $3 WHERE id = $1::uuid AND tenant_id = $2::uuid RETURNING id`,
    [requestId, tenantId, status],
  ],
  setMessage: (tenantId: string, requestId: string, message: MessageRef): Statement => [
    `UPDATE meeting_request SET channel_id = $3, message_id = $4, thread_id = $5
     WHERE id = $1::uuid AND tenant_id = $2::uuid RETURNING id`,
    [requestId, tenantId, message.channelId, message.messageId, message.threadId ?? null],
  ],
};
