import type { Prisma } from '@prisma/client';
import type {
  FairnessPeriod,
  RotationMode,
  RotationPick,
  RotationRepository,
  Team,
  TeamResult,
} from '../../app/ports/store.ts';
import { sqlState, UNIQUE_VIOLATION } from '../errors.ts';
import { type Db, isId, ms, msOrNull, TX_OPTIONS } from './util.ts';

const include = {
  members: { orderBy: [{ priority: 'desc' }, { personId: 'asc' }] },
} satisfies Prisma.RotationInclude;

interface MemberRow {
  personId: string;
  weight: number;
  priority: number;
  assignedCount: number;
  lastAssignedAt: Date | null;
  active: boolean;
}

interface TeamRow {
  id: string;
  tenantId: string;
  name: string;
  mode: string;
  fairnessWindow: string;
  timeZone: string;
  groupRef: string | null;
  seriesRotation: string;
  members: (MemberRow & { joinedAt: Date; pausedFrom: Date | null; pausedUntil: Date | null })[];
}

function toTeam(row: TeamRow): Team {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    mode: row.mode as RotationMode,
    fairnessWindow: row.fairnessWindow as FairnessPeriod,
    timeZone: row.timeZone,
    groupRef: row.groupRef,
    seriesRotation: row.seriesRotation === 'rotate' ? 'rotate' : 'fixed',
    members: row.members.map((m) => ({
      personId: m.personId,
      weight: m.weight,
      priority: m.priority,
      assignedCount: m.assignedCount,
      lastAssignedAt: msOrNull(m.lastAssignedAt),
      active: m.active,
      joinedAt: ms(m.joinedAt),
      pausedFrom: msOrNull(m.pausedFrom),
      pausedUntil: msOrNull(m.pausedUntil),
    })),
  };
}

function uniqueViolation(error: unknown): boolean {
  return sqlState(error) === UNIQUE_VIOLATION;
}

export function rotationRepository(db: Db): RotationRepository {
  return {
    async recordAssignment(tenantId, rotationId, personId, at, bookingId = null) {
      if (!isId(tenantId) || !isId(rotationId) || !isId(personId)) return false;
      if (bookingId !== null && !isId(bookingId)) return false;
      return db.$transaction(async (tx) => {
        const result = await tx.rotationMember.updateMany({
          where: { rotationId, personId, rotation: { tenantId } },
          data: { assignedCount: { increment: 1 }, lastAssignedAt: new Date(at) },
        });
        if (result.count !== 1) return false;
        await tx.rotationAssignment.create({ data: { rotationId, personId, bookingId, at: new Date(at) } });
        return true;
      }, TX_OPTIONS);
    },
    async listTeams(tenantId) {
      if (!isId(tenantId)) return [];
      const rows = await db.rotation.findMany({ where: { tenantId }, include, orderBy: { name: 'asc' } });
      return rows.map(toTeam);
    },
    async findTeam(tenantId, key) {
      if (!isId(tenantId)) return null;
      if (key.id !== undefined) {
        if (!isId(key.id)) return null;
        const row = await db.rotation.findFirst({ where: { id: key.id, tenantId }, include });
        return row ? toTeam(row) : null;
      }
      if (key.groupRef !== undefined) {
        const row = await db.rotation.findFirst({ where: { tenantId, groupRef: key.groupRef }, include });
        return row ? toTeam(row) : null;
      }
      if (key.name !== undefined) {
        const exact = await db.rotation.findUnique({
          where: { tenantId_name: { tenantId, name: key.name } },
          include,
        });
        if (exact) return toTeam(exact);
        const loose = await db.rotation.findMany({
          where: { tenantId, name: { equals: key.name, mode: 'insensitive' } },
          include,
          take: 2,
        });
        return loose.length === 1 && loose[0] ? toTeam(loose[0]) : null;
      }
      return null;
    },
    async createTeam(input) {
      if (!isId(input.tenantId)) return { ok: false, reason: 'not_found' };
      try {
        const row = await db.rotation.create({
          data: {
            tenantId: input.tenantId,
            name: input.name,
            strategy: 'weighted',
            mode: input.mode ?? 'round_robin',
            fairnessWindow: input.fairnessWindow ?? 'month',
            timeZone: input.timeZone ?? 'UTC',
            groupRef: input.groupRef ?? null,
          },
          include,
        });
        return { ok: true, team: toTeam(row) };
      } catch (error) {
        if (!uniqueViolation(error)) throw error;
        const byName = await db.rotation.findUnique({
          where: { tenantId_name: { tenantId: input.tenantId, name: input.name } },
        });
        return { ok: false, reason: byName ? 'name_taken' : 'group_taken' };
      }
    },
    async renameTeam(tenantId, rotationId, name) {
      return update(tenantId, rotationId, { name }, 'name_taken');
    },
    async deleteTeam(tenantId, rotationId) {
      if (!isId(tenantId) || !isId(rotationId)) return false;
      const result = await db.rotation.deleteMany({ where: { id: rotationId, tenantId } });
      return result.count === 1;
    },
    async configureTeam(tenantId, rotationId, settings) {
      const data: Prisma.RotationUpdateInput = {};
      if (settings.mode !== undefined) data.mode = settings.mode;
      if (settings.fairnessWindow !== undefined) data.fairnessWindow = settings.fairnessWindow;
      if (settings.timeZone !== undefined) data.timeZone = settings.timeZone;
      if (settings.groupRef !== undefined) data.groupRef = settings.groupRef;
      if (settings.seriesRotation !== undefined) data.seriesRotation = settings.seriesRotation;
      return update(tenantId, rotationId, data, 'group_taken');
    },
    async upsertMember(tenantId, rotationId, personId, settings, at) {
      if (!isId(tenantId) || !isId(rotationId)) return { ok: false, reason: 'not_found' };
      const person = isId(personId)
        ? await db.person.findFirst({ where: { id: personId, tenantId }, select: { id: true } })
        : null;
      if (!person) return { ok: false, reason: 'unknown_person', people: [personId] };
      const rotation = await db.rotation.findFirst({
        where: { id: rotationId, tenantId },
        select: { id: true },
      });
      if (!rotation) return { ok: false, reason: 'not_found' };
      const changes = {
        ...(settings.weight !== undefined ? { weight: settings.weight } : {}),
        ...(settings.priority !== undefined ? { priority: settings.priority } : {}),
      };
      await db.rotationMember.upsert({
        where: { rotationId_personId: { rotationId, personId } },
        create: { rotationId, personId, joinedAt: new Date(at), ...changes },
        update: changes,
      });
      return team(tenantId, rotationId);
    },
    async removeMember(tenantId, rotationId, personId) {
      return memberUpdate(tenantId, rotationId, personId, null);
    },
    async pauseMember(tenantId, rotationId, personId, from, until) {
      return memberUpdate(tenantId, rotationId, personId, {
        pausedFrom: new Date(from),
        pausedUntil: until === null ? null : new Date(until),
      });
    },
    async resumeMember(tenantId, rotationId, personId, at) {
      if (!isId(tenantId) || !isId(rotationId) || !isId(personId)) return { ok: false, reason: 'not_found' };
      const member = await db.rotationMember.findFirst({
        where: { rotationId, personId, rotation: { tenantId } },
      });
      if (!member) return team(tenantId, rotationId, 'not_member');
      const pausedNow =
        member.pausedFrom !== null &&
        ms(member.pausedFrom) <= at &&
        (member.pausedUntil === null || ms(member.pausedUntil) > at);
      // A pause that has not started yet is simply withdrawn.
      const data =
        member.pausedFrom !== null && ms(member.pausedFrom) > at
          ? { pausedFrom: null, pausedUntil: null }
          : pausedNow
            ? { pausedUntil: new Date(at) }
            : {};
      return memberUpdate(tenantId, rotationId, personId, data);
    },
    async savePicks(tenantId, proposalId, picks) {
      if (!isId(tenantId) || !isId(proposalId)) return false;
      if (picks.some((p) => !isId(p.rotationId) || !isId(p.personId) || !(p.turns ?? []).every(isId)))
        return false;
      const proposal = await db.proposal.findFirst({
        where: { id: proposalId, tenantId },
        select: { id: true },
      });
      if (!proposal) return false;
      const rotationIds = [...new Set(picks.map((p) => p.rotationId))];
      const owned = await db.rotation.count({ where: { tenantId, id: { in: rotationIds } } });
      if (owned !== rotationIds.length) return false;
      await db.$transaction(async (tx) => {
        await tx.rotationPick.deleteMany({ where: { proposalId } });
        await tx.rotationPick.createMany({
          data: picks.map((p) => ({
            proposalId,
            slotRank: p.slotRank,
            rotationId: p.rotationId,
            personId: p.personId,
            code: p.code,
            explanation: storedExplanation(p.explanation),
            turns: [...(p.turns ?? [])],
          })),
        });
      }, TX_OPTIONS);
      return true;
    },
    async pickFor(tenantId, proposalId, slotRank) {
      if (!isId(tenantId) || !isId(proposalId) || !Number.isInteger(slotRank)) return null;
      const row = await db.rotationPick.findFirst({
        where: { proposalId, slotRank, proposal: { tenantId } },
      });
      if (!row) return null;
      return {
        proposalId: row.proposalId,
        slotRank: row.slotRank,
        rotationId: row.rotationId,
        personId: row.personId,
        code: row.code,
        explanation: readExplanation(row.explanation),
        ...(row.turns.length > 0 ? { turns: row.turns } : {}),
      };
    },
    async grantAdmin(tenantId, personId, grantedBy) {
      if (!isId(tenantId) || !isId(personId) || (grantedBy !== null && !isId(grantedBy))) return false;
      const person = await db.person.findFirst({ where: { id: personId, tenantId }, select: { id: true } });
      if (!person) return false;
      await db.conveneAdmin.upsert({
        where: { personId },
        create: { tenantId, personId, grantedBy },
        update: {},
      });
      return true;
    },
    async revokeAdmin(tenantId, personId) {
      if (!isId(tenantId) || !isId(personId)) return false;
      const result = await db.conveneAdmin.deleteMany({ where: { tenantId, personId } });
      return result.count === 1;
    },
    async isConveneAdmin(tenantId, personId) {
      if (!isId(tenantId) || !isId(personId)) return false;
      return (await db.conveneAdmin.count({ where: { tenantId, personId } })) === 1;
    },
    async listAdmins(tenantId) {
      if (!isId(tenantId)) return [];
      const rows = await db.conveneAdmin.findMany({
        where: { tenantId },
        orderBy: [{ grantedAt: 'asc' }, { personId: 'asc' }],
      });
      return rows.map((r) => r.personId);
    },
    async assignments(tenantId, rotationId, range) {
      if (!isId(tenantId) || !isId(rotationId)) return [];
      const rows = await db.rotationAssignment.findMany({
        where: {
          rotationId,
          rotation: { tenantId },
          at: { gte: new Date(range.since), lt: new Date(range.until) },
        },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      });
      return rows.map((r) => ({
        rotationId: r.rotationId,
        personId: r.personId,
        bookingId: r.bookingId,
        at: ms(r.at),
      }));
    },
  };

  async function team(tenantId: string, rotationId: string, failure?: 'not_member'): Promise<TeamResult> {
    const row = await db.rotation.findFirst({ where: { id: rotationId, tenantId }, include });
    if (!row) return { ok: false, reason: 'not_found' };
    if (failure) return { ok: false, reason: failure };
    return { ok: true, team: toTeam(row) };
  }

  async function update(
    tenantId: string,
    rotationId: string,
    data: Prisma.RotationUpdateInput,
    conflict: 'name_taken' | 'group_taken',
  ): Promise<TeamResult> {
    if (!isId(tenantId) || !isId(rotationId)) return { ok: false, reason: 'not_found' };
    try {
      const result = await db.rotation.updateMany({ where: { id: rotationId, tenantId }, data });
      if (result.count !== 1) return { ok: false, reason: 'not_found' };
    } catch (error) {
      if (!uniqueViolation(error)) throw error;
      return { ok: false, reason: conflict };
    }
    return team(tenantId, rotationId);
  }

  /** `data` null deletes the member. */
  async function memberUpdate(
    tenantId: string,
    rotationId: string,
    personId: string,
    data: Prisma.RotationMemberUpdateManyMutationInput | null,
  ): Promise<TeamResult> {
    if (!isId(tenantId) || !isId(rotationId)) return { ok: false, reason: 'not_found' };
    if (!isId(personId)) return team(tenantId, rotationId, 'not_member');
    const where = { rotationId, personId, rotation: { tenantId } };
    const result =
      data === null
        ? await db.rotationMember.deleteMany({ where })
        : await db.rotationMember.updateMany({ where, data });
    return team(tenantId, rotationId, result.count === 1 ? undefined : 'not_member');
  }
}

/** A pick's explanation as JSON: code + parameters (worded when shown). */
function storedExplanation(explanation: RotationPick['explanation']): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(explanation)) as Prisma.InputJsonObject;
}

/** Code + parameters; picks stored by earlier versions hold the worded sentences per language. */
function readExplanation(value: Prisma.JsonValue): RotationPick['explanation'] {
  const json = (value ?? {}) as Record<string, unknown>;
  if (typeof json.code === 'string' && typeof json.params === 'object' && json.params !== null)
    return json as unknown as RotationPick['explanation'];
  return {
    en: String(json.en ?? ''),
    fr: String(json.fr ?? ''),
    ...(typeof json.de === 'string' ? { de: json.de } : {}),
  };
}
