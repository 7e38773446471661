import { randomUUID } from 'node:crypto';
import type { ChatPlatform, Workspace, WorkspaceRepository } from '../../app/ports/store.ts';
import { type KeyRing, secretContext } from '../crypto.ts';
import { type Db, isId, ms } from './util.ts';

interface Row {
  id: string;
  tenantId: string;
  platform: string;
  externalId: string;
  name: string;
  botTokenEnc: string | null;
  installedAt: Date;
}

export function toWorkspace(row: Row): Workspace {
  return {
    id: row.id,
    tenantId: row.tenantId,
    platform: row.platform as ChatPlatform,
    externalId: row.externalId,
    name: row.name,
    hasBotToken: row.botTokenEnc !== null,
    installedAt: ms(row.installedAt),
  };
}

export function workspaceRepository(db: Db, keys: KeyRing): WorkspaceRepository {
  return {
    async install(input) {
      // The sealed bot token is bound to the workspace's tenant and id.
      const token = (tenantId: string, workspaceId: string) =>
        input.botToken === undefined
          ? {}
          : input.botToken === null
            ? { botTokenEnc: null, botTokenKeyId: null }
            : {
                botTokenEnc: keys.encrypt(input.botToken, secretContext.workspace(tenantId, workspaceId)),
                botTokenKeyId: keys.primaryKeyId,
              };
      const existing = await db.workspace.findUnique({
        where: { platform_externalId: { platform: input.platform, externalId: input.externalId } },
      });
      if (existing) {
        const row = await db.workspace.update({
          where: { id: existing.id },
          data: { name: input.name, ...token(existing.tenantId, existing.id) },
        });
        return toWorkspace(row);
      }
      if (input.tenantId !== undefined && !isId(input.tenantId)) throw new Error('install: invalid tenantId');
      const row = await db.$transaction(async (tx) => {
        const tenantId = input.tenantId ?? (await tx.tenant.create({ data: { name: input.name } })).id;
        const id = randomUUID();
        const created = await tx.workspace.createMany({
          data: {
            id,
            tenantId,
            platform: input.platform,
            externalId: input.externalId,
            name: input.name,
            ...token(tenantId, id),
          },
          skipDuplicates: true,
        });
        if (created.count === 1) return tx.workspace.findUniqueOrThrow({ where: { id } });
        // Installed concurrently: the other install's row stands, its name and token are updated.
        const other = await tx.workspace.findUniqueOrThrow({
          where: { platform_externalId: { platform: input.platform, externalId: input.externalId } },
        });
        return tx.workspace.update({
          where: { id: other.id },
          data: { name: input.name, ...token(other.tenantId, other.id) },
        });
      });
      return toWorkspace(row);
    },
    async findByExternalId(platform, externalId) {
      const row = await db.workspace.findUnique({ where: { platform_externalId: { platform, externalId } } });
      return row ? toWorkspace(row) : null;
    },
    async get(tenantId, workspaceId) {
      if (!isId(tenantId) || !isId(workspaceId)) return null;
      const row = await db.workspace.findFirst({ where: { id: workspaceId, tenantId } });
      return row ? toWorkspace(row) : null;
    },
    async listForTenant(tenantId) {
      if (!isId(tenantId)) return [];
      const rows = await db.workspace.findMany({ where: { tenantId }, orderBy: { installedAt: 'asc' } });
      return rows.map(toWorkspace);
    },
    async botToken(tenantId, workspaceId) {
      if (!isId(tenantId) || !isId(workspaceId)) return null;
      const row = await db.workspace.findFirst({
        where: { id: workspaceId, tenantId },
        select: { botTokenEnc: true },
      });
      return row?.botTokenEnc
        ? keys.decrypt(row.botTokenEnc, secretContext.workspace(tenantId, workspaceId))
        : null;
    },
  };
}
