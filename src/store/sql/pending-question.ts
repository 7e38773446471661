/**
 * The `pending_question` table: read and written only by these statements (src/store/README.md); the id comes
 * from the database default.
 */
import type { CreatePendingQuestionInput, PendingQuestion } from '../../app/ports/store.ts';
import { isLocale } from '../../core/locale.ts';
import { ms, msOrNull } from '../repos/util.ts';
import { type ColumnMap, type Statement, selectList } from './columns.ts';

export type QuestionRow = {
  id: string;
  tenantId: string;
  workspaceId: string;
  requesterId: string;
  text: string;
  zone: string;
  locale: string | null;
  replyLocale: string | null;
  channelId: string;
  messageId: string | null;
  threadId: string | null;
  code: string;
  questionText: string;
  options: string[];
  expiresAt: Date;
  answeredAt: Date | null;
  createdAt: Date;
};

const COLUMNS = {
  id: 'id',
  tenantId: 'tenant_id',
  workspaceId: 'workspace_id',
  requesterId: 'requester_id',
  text: 'text',
  zone: 'zone',
  locale: 'locale',
  replyLocale: 'reply_locale',
  channelId: 'channel_id',
  messageId: 'message_id',
  threadId: 'thread_id',
  code: 'code',
  questionText: 'question_text',
  options: 'options',
  expiresAt: 'expires_at',
  answeredAt: 'answered_at',
  createdAt: 'created_at',
} as const satisfies ColumnMap<QuestionRow>;

const QUESTION = selectList(COLUMNS);

const lang = (value: string | null) => (isLocale(value) ? value : null);

export function toQuestion(row: QuestionRow): PendingQuestion {
  return {
    id: row.id,
    tenantId: row.tenantId,
    workspaceId: row.workspaceId,
    requesterId: row.requesterId,
    text: row.text,
    zone: row.zone,
    locale: lang(row.locale),
    replyLocale: lang(row.replyLocale),
    message: { channelId: row.channelId, messageId: row.messageId, threadId: row.threadId },
    code: row.code,
    questionText: row.questionText,
    options: row.options,
    expiresAt: ms(row.expiresAt),
    answeredAt: msOrNull(row.answeredAt),
    createdAt: ms(row.createdAt),
  };
}

/** Expired questions dropped per `create` (a day after they expire): the table stays bounded. */
const PRUNE_BATCH = 100;

export const questionSql = {
  pruneExpired: (expiresAt: number): Statement => [
    `DELETE FROM pending_question WHERE id IN (
       SELECT id FROM pending_question WHERE expires_at < $1::timestamptz - interval '1 day' LIMIT ${PRUNE_BATCH})`,
    [new Date(expiresAt).toISOString()],
  ],
  /** One statement: the workspace and the requester must belong to the tenant, else nothing is inserted. */
  insert: (input: CreatePendingQuestionInput): Statement => [
    `INSERT INTO pending_question (tenant_id, workspace_id, requester_id, text, zone, locale, reply_locale,
                                   channel_id, message_id, thread_id, code, question_text, options, expires_at)
     SELECT $1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text[], $14::timestamptz
     WHERE EXISTS (SELECT 1 FROM workspace w WHERE w.id = $2::uuid AND w.tenant_id = $1::uuid)
       AND EXISTS (SELECT 1 FROM person p WHERE p.id = $3::uuid AND p.tenant_id = $1::uuid)
     RETURNING ${QUESTION}`,
    [
      input.tenantId,
      input.workspaceId,
      input.requesterId,
      input.text,
      input.zone,
      input.locale,
      input.replyLocale,
      input.message.channelId,
      input.message.messageId,
      input.message.threadId ?? null,
      input.code,
      input.questionText,
      input.options,
      new Date(input.expiresAt).toISOString(),
    ],
  ],
  get: (tenantId: string, id: string): Statement => [
    `SELECT ${QUESTION} FROM pending_question WHERE id = $1::uuid AND tenant_id = $2::uuid`,
    [id, tenantId],
  ],
  /** Answered once: only while unanswered and unexpired. */
  claim: (tenantId: string, id: string, now: number): Statement => [
    `UPDATE pending_question SET answered_at = $3::timestamptz
     WHERE id = $1::uuid AND tenant_id = $2::uuid AND answered_at IS NULL AND expires_at > $3::timestamptz
     RETURNING id`,
    [id, tenantId, new Date(now).toISOString()],
  ],
};
