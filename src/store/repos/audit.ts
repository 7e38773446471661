import type { AuditEntry, AuditLogRepository } from '../../app/ports/store.ts';
import { type Db, isId, ms } from './util.ts';

interface Row {
  id: bigint;
  tenantId: string;
  actorId: string | null;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
  at: Date;
}

function toEntry(row: Row): AuditEntry {
  return {
    id: row.id.toString(),
    tenantId: row.tenantId,
    actorId: row.actorId,
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: (row.details ?? {}) as Record<string, unknown>,
    at: ms(row.at),
  };
}

export function auditRepository(db: Db): AuditLogRepository {
  return {
    async append(entry) {
      const row = await db.auditEntry.create({
        data: {
          tenantId: entry.tenantId,
          actorId: entry.actorId ?? null,
          actor: entry.actor,
          action: entry.action,
          target: entry.target ?? null,
          details: (entry.details ?? {}) as object,
        },
      });
      return toEntry(row);
    },
    async list(tenantId, options = {}) {
      if (!isId(tenantId)) return [];
      const rows = await db.auditEntry.findMany({
        where: {
          tenantId,
          ...(options.before !== undefined ? { at: { lt: new Date(options.before) } } : {}),
        },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: Math.min(Math.max(options.limit ?? 100, 1), 1000),
      });
      return rows.map(toEntry);
    },
  };
}
