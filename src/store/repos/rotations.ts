import type { Prisma } from '@prisma/client';
import type { Rotation, RotationRepository, RotationStrategy } from '../../app/ports/store.ts';
import { type Db, isId, msOrNull, TX_OPTIONS } from './util.ts';

const include = {
  members: { orderBy: [{ priority: 'desc' }, { personId: 'asc' }] },
} satisfies Prisma.RotationInclude;

interface Row {
  id: string;
  tenantId: string;
  name: string;
  strategy: string;
  members: {
    personId: string;
    weight: number;
    priority: number;
    assignedCount: number;
    lastAssignedAt: Date | null;
    active: boolean;
  }[];
}

function toRotation(row: Row): Rotation {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    strategy: row.strategy as RotationStrategy,
    members: row.members.map((m) => ({
      personId: m.personId,
      weight: m.weight,
      priority: m.priority,
      assignedCount: m.assignedCount,
      lastAssignedAt: msOrNull(m.lastAssignedAt),
      active: m.active,
    })),
  };
}

export function rotationRepository(db: Db): RotationRepository {
  return {
    async save(input) {
      const ids = [...new Set(input.members.map((m) => m.personId))];
      const malformed = ids.filter((id) => !isId(id));
      if (malformed.length > 0) return { ok: false, reason: 'unknown_person', people: malformed };
      const known = await db.person.findMany({
        where: { tenantId: input.tenantId, id: { in: ids } },
        select: { id: true },
      });
      const unknown = ids.filter((id) => !known.some((k) => k.id === id));
      if (unknown.length > 0) return { ok: false, reason: 'unknown_person', people: unknown };
      const row = await db.$transaction(async (tx) => {
        const rotation = await tx.rotation.upsert({
          where: { tenantId_name: { tenantId: input.tenantId, name: input.name } },
          create: { tenantId: input.tenantId, name: input.name, strategy: input.strategy },
          update: { strategy: input.strategy },
        });
        await tx.rotationMember.deleteMany({ where: { rotationId: rotation.id, personId: { notIn: ids } } });
        for (const member of input.members) {
          const settings = {
            weight: member.weight ?? 1,
            priority: member.priority ?? 0,
            active: member.active ?? true,
          };
          await tx.rotationMember.upsert({
            where: { rotationId_personId: { rotationId: rotation.id, personId: member.personId } },
            create: { rotationId: rotation.id, personId: member.personId, ...settings },
            update: settings,
          });
        }
        return tx.rotation.findUniqueOrThrow({ where: { id: rotation.id }, include });
      }, TX_OPTIONS);
      return { ok: true, rotation: toRotation(row) };
    },
    async get(tenantId, rotationId) {
      if (!isId(tenantId) || !isId(rotationId)) return null;
      const row = await db.rotation.findFirst({ where: { id: rotationId, tenantId }, include });
      return row ? toRotation(row) : null;
    },
    async findByName(tenantId, name) {
      if (!isId(tenantId)) return null;
      const row = await db.rotation.findUnique({ where: { tenantId_name: { tenantId, name } }, include });
      return row ? toRotation(row) : null;
    },
    async recordAssignment(tenantId, rotationId, personId, at) {
      if (!isId(tenantId) || !isId(rotationId) || !isId(personId)) return false;
      const result = await db.rotationMember.updateMany({
        where: { rotationId, personId, rotation: { tenantId } },
        data: { assignedCount: { increment: 1 }, lastAssignedAt: new Date(at) },
      });
      return result.count === 1;
    },
  };
}
