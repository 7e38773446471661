/**
 * `calendar_connection`: the hot-path reads by SQL (src/store/README.md); written by Prisma only
 * (repos/connections.ts, repos/secrets.ts, repos/watches.ts).
 */
import type { CalendarConnection, CalendarProviderKind, ConnectionHealth } from '../../app/ports/store.ts';
import { msOrNull } from '../repos/util.ts';
import { type ColumnMap, type Statement, selectList } from './columns.ts';

export type ConnectionRow = {
  id: string;
  tenantId: string;
  personId: string;
  provider: string;
  account: string;
  busyCalendarIds: string[];
  writeCalendarId: string | null;
  tokensKeyId: string;
  status: string;
  statusDetail: string | null;
  lastSyncAt: Date | null;
};

const COLUMNS = {
  id: 'id',
  tenantId: 'tenant_id',
  personId: 'person_id',
  provider: 'provider',
  account: 'account',
  busyCalendarIds: 'busy_calendar_ids',
  writeCalendarId: 'write_calendar_id',
  tokensKeyId: 'tokens_key_id',
  status: 'status',
  statusDetail: 'status_detail',
  lastSyncAt: 'last_sync_at',
} as const satisfies ColumnMap<ConnectionRow>;

export type SealedRow = { id: string; tokensEnc: string };

const SEALED = { id: 'id', tokensEnc: 'tokens_enc' } as const satisfies ColumnMap<SealedRow>;

/** Also maps the rows Prisma reads (same fields). */
export function toConnection(row: ConnectionRow): CalendarConnection {
  return {
    id: row.id,
    tenantId: row.tenantId,
    personId: row.personId,
    provider: row.provider as CalendarProviderKind,
    account: row.account,
    busyCalendarIds: row.busyCalendarIds,
    writeCalendarId: row.writeCalendarId,
    status: row.status as ConnectionHealth,
    statusDetail: row.statusDetail,
    lastSyncAt: msOrNull(row.lastSyncAt),
    keyId: row.tokensKeyId,
  };
}

export const connectionSql = {
  /** Each person's connections in creation order. */
  listForPeople: (tenantId: string, personIds: readonly string[]): Statement => [
    `SELECT ${selectList(COLUMNS)} FROM calendar_connection
     WHERE tenant_id = $1::uuid AND person_id = ANY($2::uuid[]) ORDER BY person_id, created_at, id`,
    [tenantId, [...personIds]],
  ],
  sealed: (tenantId: string, connectionIds: readonly string[]): Statement => [
    `SELECT ${selectList(SEALED)} FROM calendar_connection WHERE tenant_id = $1::uuid AND id = ANY($2::uuid[])`,
    [tenantId, [...connectionIds]],
  ],
};
