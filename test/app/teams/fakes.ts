/** In-memory ports for the team use case's unit tests: teams per tenant, people, an audit log that records. */

import type {
  Person,
  RotationRepository,
  Team,
  TeamMember,
  TeamResult,
} from '../../../src/app/ports/store.ts';
import type { TeamStore } from '../../../src/app/rotations.ts';

export interface AuditRecord {
  readonly tenantId: string;
  readonly actorId?: string | null;
  readonly actor: string;
  readonly action: string;
  readonly target?: string | null;
  readonly details?: Record<string, unknown>;
}

export function person(id: string, tenantId: string, displayName = id): Person {
  return { id, tenantId, displayName, email: null, identities: [] };
}

export function team(id: string, tenantId: string, name: string): Team {
  return {
    id,
    tenantId,
    name,
    mode: 'round_robin',
    fairnessWindow: 'month',
    timeZone: 'UTC',
    groupRef: null,
    members: [],
  };
}

/**
 * A store holding `teams` (any tenants) and `people`; writes are counted in `writes`. `failUpsertFor`:
 * person ids whose `upsertMember` the store refuses (`unknown_person`).
 */
export function fakeStore(options: {
  teams?: Team[];
  people?: Person[];
  admins?: Record<string, string[]>;
  failUpsertFor?: string[];
}) {
  const teams = [...(options.teams ?? [])];
  const people = options.people ?? [];
  const audit: AuditRecord[] = [];
  const writes: string[] = [];
  const findTeamCalls: { tenantId: string; name?: string }[] = [];
  const isAdminCalls: string[] = [];
  const update = (tenantId: string, id: string, change: (t: Team) => Team): TeamResult => {
    const i = teams.findIndex((t) => t.id === id && t.tenantId === tenantId);
    if (i < 0) return { ok: false, reason: 'not_found' };
    teams[i] = change(teams[i] as Team);
    return { ok: true, team: teams[i] as Team };
  };
  const rotations = {
    async isConveneAdmin(tenantId: string, personId: string) {
      isAdminCalls.push(personId);
      return options.admins?.[tenantId]?.includes(personId) ?? false;
    },
    async findTeam(tenantId: string, by: { name?: string; id?: string }) {
      findTeamCalls.push({ tenantId, ...(by.name !== undefined ? { name: by.name } : {}) });
      return teams.find((t) => t.tenantId === tenantId && (t.name === by.name || t.id === by.id)) ?? null;
    },
    async listTeams(tenantId: string) {
      return teams.filter((t) => t.tenantId === tenantId);
    },
    async renameTeam(tenantId: string, id: string, name: string) {
      writes.push(`rename ${id}`);
      return update(tenantId, id, (t) => ({ ...t, name }));
    },
    async deleteTeam(tenantId: string, id: string) {
      writes.push(`delete ${id}`);
      return update(tenantId, id, (t) => t).ok;
    },
    async upsertMember(
      tenantId: string,
      id: string,
      personId: string,
      settings: { weight?: number },
      at: number,
    ) {
      if (options.failUpsertFor?.includes(personId))
        return { ok: false, reason: 'unknown_person', people: [personId] } as const;
      writes.push(`upsert ${personId}`);
      return update(tenantId, id, (t) => ({
        ...t,
        members: [
          ...t.members.filter((m) => m.personId !== personId),
          {
            personId,
            weight: settings.weight ?? 1,
            priority: 0,
            active: true,
            joinedAt: at,
            pausedFrom: null,
            pausedUntil: null,
            lastAssignedAt: null,
            assignedCount: 0,
          } as TeamMember,
        ],
      }));
    },
  } as unknown as RotationRepository;
  const store: TeamStore = {
    rotations,
    audit: {
      async append(entry) {
        audit.push(entry);
        return { id: String(audit.length), at: 0, ...entry } as never;
      },
    },
    people: {
      async findByIdentity(_workspaceId: string, externalId: string) {
        return people.find((p) => p.id === externalId) ?? null;
      },
      async get(tenantId: string, id: string) {
        return people.find((p) => p.id === id && p.tenantId === tenantId) ?? null;
      },
    } as TeamStore['people'],
  };
  return { store, teams, audit, writes, findTeamCalls, isAdminCalls };
}
