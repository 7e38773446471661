import type { ChatPlatform, Person, PersonRepository } from '../../app/ports/store.ts';
import { sqlState, UNIQUE_VIOLATION } from '../errors.ts';
import { type Db, isId, type Sql, TX_OPTIONS } from './util.ts';

const include = { identities: { orderBy: { createdAt: 'asc' } } } as const;

interface Row {
  id: string;
  tenantId: string;
  displayName: string;
  email: string | null;
  identities: { workspaceId: string; platform: string; externalUserId: string; handle: string | null }[];
}

function toPerson(row: Row): Person {
  return {
    id: row.id,
    tenantId: row.tenantId,
    displayName: row.displayName,
    email: row.email,
    identities: row.identities.map((i) => ({
      workspaceId: i.workspaceId,
      platform: i.platform as ChatPlatform,
      externalUserId: i.externalUserId,
      handle: i.handle,
    })),
  };
}

/** A person with their identities (oldest first) as one row: the raw-SQL reads of the hot path. */
const PERSON_COLUMNS = `p.id, p.tenant_id AS "tenantId", p.display_name AS "displayName", p.email,
  COALESCE((SELECT json_agg(json_build_object('workspaceId', i.workspace_id, 'platform', i.platform,
                                             'externalUserId', i.external_user_id, 'handle', i.handle)
                            ORDER BY i.created_at, i.id)
            FROM chat_identity i WHERE i.person_id = p.id), '[]'::json) AS identities`;

type SqlRow = Row & Record<string, unknown>;

export function personRepository(db: Db, sql: Sql): PersonRepository {
  const findByIdentity = async (workspaceId: string, externalUserId: string) => {
    if (!isId(workspaceId)) return null;
    const [row] = await sql<SqlRow>(
      `SELECT ${PERSON_COLUMNS} FROM chat_identity ci JOIN person p ON p.id = ci.person_id
       WHERE ci.workspace_id = $1::uuid AND ci.external_user_id = $2`,
      [workspaceId, externalUserId],
    );
    return row ? toPerson(row) : null;
  };

  return {
    findByIdentity,
    async findByIdentities(workspaceId, externalUserIds) {
      const found = new Map<string, Person>();
      const ids = [...new Set(externalUserIds)];
      if (!isId(workspaceId) || ids.length === 0) return found;
      const rows = await sql<SqlRow & { key: string }>(
        `SELECT ci.external_user_id AS key, ${PERSON_COLUMNS} FROM chat_identity ci JOIN person p ON p.id = ci.person_id
         WHERE ci.workspace_id = $1::uuid AND ci.external_user_id = ANY($2::text[])`,
        [workspaceId, ids],
      );
      for (const row of rows) found.set(row.key, toPerson(row));
      return found;
    },
    async upsertByIdentity(input) {
      if (!isId(input.workspaceId)) return null;
      const workspace = await db.workspace.findUnique({ where: { id: input.workspaceId } });
      if (!workspace) return null;
      const personData = {
        displayName: input.displayName,
        ...(input.email !== undefined ? { email: input.email } : {}),
      };
      const handle = input.handle === undefined ? {} : { handle: input.handle };
      const key = { workspaceId: input.workspaceId, externalUserId: input.externalUserId };
      for (let attempt = 0; ; attempt++) {
        try {
          const row = await db.$transaction(async (tx) => {
            const identity = await tx.chatIdentity.findUnique({ where: { workspaceId_externalUserId: key } });
            if (identity) {
              if (input.handle !== undefined) {
                await tx.chatIdentity.update({ where: { id: identity.id }, data: handle });
              }
              return tx.person.update({ where: { id: identity.personId }, data: personData, include });
            }
            return tx.person.create({
              data: {
                tenantId: workspace.tenantId,
                ...personData,
                identities: { create: { ...key, platform: workspace.platform, ...handle } },
              },
              include,
            });
          }, TX_OPTIONS);
          return toPerson(row);
        } catch (error) {
          // A concurrent first sight of the same identity won: update the person it created.
          if (attempt === 0 && sqlState(error) === UNIQUE_VIOLATION) continue;
          throw error;
        }
      }
    },
    async get(tenantId, personId) {
      if (!isId(tenantId) || !isId(personId)) return null;
      const [row] = await sql<SqlRow>(
        `SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = $1::uuid AND p.tenant_id = $2::uuid`,
        [personId, tenantId],
      );
      return row ? toPerson(row) : null;
    },
    async linkIdentity(tenantId, personId, identity) {
      if (!isId(tenantId) || !isId(personId) || !isId(identity.workspaceId))
        return { ok: false, reason: 'not_found' };
      const [person, workspace] = await Promise.all([
        db.person.findFirst({ where: { id: personId, tenantId } }),
        db.workspace.findFirst({ where: { id: identity.workspaceId, tenantId } }),
      ]);
      if (!person || !workspace) return { ok: false, reason: 'not_found' };
      const key = { workspaceId: identity.workspaceId, externalUserId: identity.externalUserId };
      const existing = await db.chatIdentity.findUnique({ where: { workspaceId_externalUserId: key } });
      if (existing && existing.personId !== personId)
        return { ok: false, reason: 'taken', personId: existing.personId };
      try {
        await db.chatIdentity.upsert({
          where: { workspaceId_externalUserId: key },
          create: { ...key, personId, platform: workspace.platform, handle: identity.handle ?? null },
          update: identity.handle === undefined ? {} : { handle: identity.handle },
        });
      } catch (error) {
        if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
        const winner = await db.chatIdentity.findUnique({ where: { workspaceId_externalUserId: key } });
        if (winner && winner.personId !== personId)
          return { ok: false, reason: 'taken', personId: winner.personId };
      }
      const row = await db.person.findUniqueOrThrow({ where: { id: personId }, include });
      return { ok: true, person: toPerson(row) };
    },
  };
}
