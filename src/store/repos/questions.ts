import type { PendingQuestionRepository } from '../../app/ports/store.ts';
import { type QuestionRow, questionSql, toQuestion } from '../sql/pending-question.ts';
import { isId, run, type Sql } from './util.ts';

/** Requests waiting for the requester's answer (`pending_question`, all SQL: ../sql/pending-question.ts). */
export function questionRepository(sql: Sql): PendingQuestionRepository {
  return {
    async create(input) {
      if (!isId(input.tenantId) || !isId(input.workspaceId) || !isId(input.requesterId)) return null;
      await run(sql, questionSql.pruneExpired(input.expiresAt));
      const [row] = await run<QuestionRow>(sql, questionSql.insert(input));
      return row ? toQuestion(row) : null;
    },
    async get(tenantId, id) {
      if (!isId(tenantId) || !isId(id)) return null;
      const [row] = await run<QuestionRow>(sql, questionSql.get(tenantId, id));
      return row ? toQuestion(row) : null;
    },
    async claim(tenantId, id, now) {
      if (!isId(tenantId) || !isId(id)) return false;
      return (await run(sql, questionSql.claim(tenantId, id, now))).length === 1;
    },
  };
}
