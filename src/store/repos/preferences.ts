import type { Preferences, PreferencesRepository, WorkingHoursData } from '../../app/ports/store.ts';
import { type Db, isId, ms } from './util.ts';

export function preferencesRepository(db: Db): PreferencesRepository {
  return {
    async get(tenantId, personId) {
      if (!isId(tenantId) || !isId(personId)) return null;
      const row = await db.preferences.findFirst({ where: { personId, person: { tenantId } } });
      return row ? toPreferences(row) : null;
    },
    async getMany(tenantId, personIds) {
      const ids = [...new Set(personIds)].filter(isId);
      const found = new Map<string, Preferences>();
      if (!isId(tenantId) || ids.length === 0) return found;
      const rows = await db.preferences.findMany({ where: { personId: { in: ids }, person: { tenantId } } });
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
  updatedAt: Date;
}): Preferences {
  const hours = (row.workingHours ?? {}) as Partial<WorkingHoursData>;
  return {
    personId: row.personId,
    timeZone: row.timeZone,
    locale: row.locale,
    workingHours: { rules: hours.rules ?? [], overrides: hours.overrides ?? [] },
    updatedAt: ms(row.updatedAt),
  };
}
