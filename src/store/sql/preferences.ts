/** `preferences`: the hot-path reads by SQL (src/store/README.md); written by Prisma only (repos/preferences.ts). */
import type { Preferences, WorkingHoursData } from '../../app/ports/store.ts';
import { ms } from '../repos/util.ts';
import { type ColumnMap, type Statement, selectList } from './columns.ts';

export type PreferencesRow = {
  personId: string;
  timeZone: string;
  locale: string;
  workingHours: unknown;
  tentativeFree: boolean;
  updatedAt: Date;
};

const COLUMNS = {
  personId: 'person_id',
  timeZone: 'time_zone',
  locale: 'locale',
  workingHours: 'working_hours',
  tentativeFree: 'tentative_free',
  updatedAt: 'updated_at',
} as const satisfies ColumnMap<PreferencesRow>;

/** The tenant is the person's: `f` is the preferences, `p` the person. */
const PREFERENCES = `SELECT ${selectList(COLUMNS, 'f')} FROM preferences f JOIN person p ON p.id = f.person_id`;

export function toPreferences(row: PreferencesRow): Preferences {
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

export const preferencesSql = {
  get: (tenantId: string, personId: string): Statement => [
    `${PREFERENCES} WHERE f.person_id = $1::uuid AND p.tenant_id = $2::uuid`,
    [personId, tenantId],
  ],
  getMany: (tenantId: string, personIds: readonly string[]): Statement => [
    `${PREFERENCES} WHERE f.person_id = ANY($1::uuid[]) AND p.tenant_id = $2::uuid`,
    [[...personIds], tenantId],
  ],
};
