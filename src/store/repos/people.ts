import type { Person, PersonRepository } from '../../app/ports/store.ts';
import { sqlState, UNIQUE_VIOLATION } from '../errors.ts';
import { type PersonRow, personSql, toPerson } from '../sql/person.ts';
import { type Db, isId, run, type Sql, TX_OPTIONS } from './util.ts';

const include = { identities: { orderBy: { createdAt: 'asc' } } } as const;

export function personRepository(db: Db, sql: Sql): PersonRepository {
  const findByIdentity = async (workspaceId: string, externalUserId: string) => {
    if (!isId(workspaceId)) return null;
    const [row] = await run<PersonRow>(sql, personSql.byIdentity(workspaceId, externalUserId));
    return row ? toPerson(row) : null;
  };

  return {
    findByIdentity,
    async findByIdentities(workspaceId, externalUserIds) {
      const found = new Map<string, Person>();
      const ids = [...new Set(externalUserIds)];
      if (!isId(workspaceId) || ids.length === 0) return found;
      const rows = await run<PersonRow & { key: string }>(sql, personSql.byIdentities(workspaceId, ids));
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
      const [row] = await run<PersonRow>(sql, personSql.get(tenantId, personId));
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
