import type { Preferences, PreferencesRepository } from '../../app/ports/store.ts';
import { type PreferencesRow, preferencesSql, toPreferences } from '../sql/preferences.ts';
import { type Db, isId, run, type Sql } from './util.ts';

export function preferencesRepository(db: Db, sql: Sql): PreferencesRepository {
  return {
    async get(tenantId, personId) {
      if (!isId(tenantId) || !isId(personId)) return null;
      const [row] = await run<PreferencesRow>(sql, preferencesSql.get(tenantId, personId));
      return row ? toPreferences(row) : null;
    },
    async getMany(tenantId, personIds) {
      const ids = [...new Set(personIds)].filter(isId);
      const found = new Map<string, Preferences>();
      if (!isId(tenantId) || ids.length === 0) return found;
      const rows = await run<PreferencesRow>(sql, preferencesSql.getMany(tenantId, ids));
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
