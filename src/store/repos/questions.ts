import type { PendingQuestion, PendingQuestionRepository } from '../../app/ports/store.ts';
import { isId, ms, msOrNull, type Sql } from './util.ts';

type Row = {
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

const lang = (value: string | null) => (value === 'en' || value === 'fr' ? value : null);

function toQuestion(row: Row): PendingQuestion {
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

const COLUMNS = `id, tenant_id AS "tenantId", workspace_id AS "workspaceId", requester_id AS "requesterId", text,
  zone, locale, reply_locale AS "replyLocale", channel_id AS "channelId", message_id AS "messageId",
  thread_id AS "threadId", code, question_text AS "questionText", options, expires_at AS "expiresAt",
  answered_at AS "answeredAt", created_at AS "createdAt"`;

/** Expired questions dropped per `create` (a day after they expire): the table stays bounded. */
const PRUNE_BATCH = 100;

/** Requests waiting for the requester's answer (`pending_question`). */
export function questionRepository(sql: Sql): PendingQuestionRepository {
  return {
    async create(input) {
      if (!isId(input.tenantId) || !isId(input.workspaceId) || !isId(input.requesterId)) return null;
      await sql(
        `DELETE FROM pending_question WHERE id IN (
           SELECT id FROM pending_question WHERE expires_at < $1::timestamptz - interval '1 day' LIMIT ${PRUNE_BATCH})`,
        [new Date(input.expiresAt).toISOString()],
      );
      // One statement: the workspace and the requester must belong to the tenant, else nothing is inserted.
      const [row] = await sql<Row>(
        `INSERT INTO pending_question (tenant_id, workspace_id, requester_id, text, zone, locale, reply_locale,
                                       channel_id, message_id, thread_id, code, question_text, options, expires_at)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text[], $14::timestamptz
         WHERE EXISTS (SELECT 1 FROM workspace w WHERE w.id = $2::uuid AND w.tenant_id = $1::uuid)
           AND EXISTS (SELECT 1 FROM person p WHERE p.id = $3::uuid AND p.tenant_id = $1::uuid)
         RETURNING ${COLUMNS}`,
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
      );
      return row ? toQuestion(row) : null;
    },
    async get(tenantId, id) {
      if (!isId(tenantId) || !isId(id)) return null;
      const [row] = await sql<Row>(
        `SELECT ${COLUMNS} FROM pending_question WHERE id = $1::uuid AND tenant_id = $2::uuid`,
        [id, tenantId],
      );
      return row ? toQuestion(row) : null;
    },
    async claim(tenantId, id, now) {
      if (!isId(tenantId) || !isId(id)) return false;
      const at = new Date(now).toISOString();
      const rows = await sql(
        `UPDATE pending_question SET answered_at = $3::timestamptz
         WHERE id = $1::uuid AND tenant_id = $2::uuid AND answered_at IS NULL AND expires_at > $3::timestamptz
         RETURNING id`,
        [id, tenantId, at],
      );
      return rows.length === 1;
    },
  };
}
