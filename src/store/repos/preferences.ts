import type { Preferences, PreferencesRepository, WorkingHoursData } from '../../app/ports/store.ts';
import { type Db, isId, ms, type Sql } from './util.ts';

const PREFERENCES = `SELECT f.person_id AS "personId", f.time_zone AS "timeZone", f.locale,
  f.working_hours AS "workingHours", f.tentative_free AS "tentativeFree", f.updated_at AS "updatedAt"
  FROM preferences f JOIN person p ON p.id = f.person_id`;

type PrefRow = Parameters<typeof toPreferences>[0] & Record<string, unknown>;

export function preferencesRepository(db: Db, sql: Sql): PreferencesRepository {
  return {
    async get(tenantId, personId) {
      if (!isId(tenantId) || !isId(personId)) return null;
      const [row] = await sql<PrefRow>(
        `${PREFERENCES} WHERE f.person_id = $1::uuid AND p.tenant_id = $2::uuid`,
        [personId, tenantId],
      );
      return row ? toPreferences(row) : null;
    },
    async getMany(tenantId, personIds) {
      const ids = [...new Set(personIds)].filter(isId);
      const found = new Map<string, Preferences>();
      if (!isId(tenantId) || ids.length === 0) return found;
      const rows = await sql<PrefRow>(
        `${PREFERENCES} WHERE f.person_id = ANY($1::uuid[]) AND p.tenant_id = $2::uuid`,
        [ids, tenantId],
      );
      for (const row of rows) found.set(row.personId, toPreferences(row));
      return found;
    },
    async set(tenantId, personId, prefs) {
      if (!isId(tenantId) || !isId(personId)) return null;
      const person = await db.person.findFirst({ where: { id: personId, tenantId }, select: { id: true } });
      if (!person) return null;
      const data = {
        timeZone: prefs.timeZone,
        locale: prefs.locale,
        workingHours: {
          rules: prefs.workingHours.rules.map((r) => ({ days: [...r.days], start: r.start, end: r.end })),
          overrides: prefs.workingHours.overrides.map((o) => ({ date: o.date, start: o.start, end: o.end })),
        },
        ...(prefs.tentativeFree !== undefined ? { tentativeFree: prefs.tentativeFree } : {}),
      };
      const row = await db.preferences.upsert({
        where: { personId },
        create: { personId, ...data },
        update: data,
      });
      return toPreferences(row);
    },
  };
}

function toPreferences(row: {
  personId: string;
  timeZone: string;
  locale: string;
  workingHours: unknown;
  tentativeFree: boolean;
  updatedAt: Date;
}): Preferences {
  const hours = (row.workingHours ?? {}) as Partial<WorkingHoursData>;
  return {
    personId: row.personId,
    timeZone: row.timeZone,
    locale: row.locale,
    workingHours: { rules: hours.rules ?? [], overrides: hours.overrides ?? [] },
    tentativeFree: row.tentativeFree === true,
    updatedAt: ms(row.updatedAt),
  };
}
