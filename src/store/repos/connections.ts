import type {
  CalendarConnection,
  CalendarConnectionRepository,
  CalendarProviderKind,
  ConnectionHealth,
  ConnectionSecrets,
} from '../../app/ports/store.ts';
import type { KeyRing } from '../crypto.ts';
import { StoreError } from '../errors.ts';
import { type Db, isId, msOrNull } from './util.ts';

interface Row {
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
}

function toConnection(row: Row): CalendarConnection {
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

/** Only known fields are kept, so nothing unexpected is serialised into the envelope. */
function sealSecrets(keys: KeyRing, secrets: ConnectionSecrets): { tokensEnc: string; tokensKeyId: string } {
  const clean: Record<string, string | number> = {};
  for (const field of [
    'accessToken',
    'refreshToken',
    'expiresAt',
    'username',
    'password',
    'scope',
  ] as const) {
    const value = secrets[field];
    if (value !== undefined) clean[field] = value;
  }
  return { tokensEnc: keys.encrypt(JSON.stringify(clean)), tokensKeyId: keys.primaryKeyId };
}

export function connectionRepository(db: Db, keys: KeyRing): CalendarConnectionRepository {
  const scoped = (tenantId: string, connectionId: string) =>
    isId(tenantId) && isId(connectionId) ? { id: connectionId, tenantId } : undefined;
  const update = async (tenantId: string, connectionId: string, data: Record<string, unknown>) => {
    const where = scoped(tenantId, connectionId);
    if (!where) return false;
    const result = await db.calendarConnection.updateMany({ where, data });
    return result.count === 1;
  };

  return {
    async save(input) {
      if (!isId(input.tenantId) || !isId(input.personId)) return null;
      const person = await db.person.findFirst({ where: { id: input.personId, tenantId: input.tenantId } });
      if (!person) return null;
      const data = {
        busyCalendarIds: [...input.busyCalendarIds],
        writeCalendarId: input.writeCalendarId,
        ...sealSecrets(keys, input.secrets),
        status: 'ok',
        statusDetail: null,
      };
      const row = await db.calendarConnection.upsert({
        where: {
          personId_provider_account: {
            personId: input.personId,
            provider: input.provider,
            account: input.account,
          },
        },
        create: {
          tenantId: input.tenantId,
          personId: input.personId,
          provider: input.provider,
          account: input.account,
          ...data,
        },
        update: data,
      });
      return toConnection(row);
    },
    async get(tenantId, connectionId) {
      const where = scoped(tenantId, connectionId);
      const row = where ? await db.calendarConnection.findFirst({ where }) : null;
      return row ? toConnection(row) : null;
    },
    async listForPerson(tenantId, personId) {
      if (!isId(tenantId) || !isId(personId)) return [];
      const rows = await db.calendarConnection.findMany({
        where: { tenantId, personId },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map(toConnection);
    },
    async secrets(tenantId, connectionId) {
      const where = scoped(tenantId, connectionId);
      const row = where
        ? await db.calendarConnection.findFirst({ where, select: { tokensEnc: true } })
        : null;
      if (!row) return null;
      const json = keys.decrypt(row.tokensEnc);
      try {
        return JSON.parse(json) as ConnectionSecrets;
      } catch (cause) {
        throw new StoreError('decrypt_failed', `secrets of connection ${connectionId} are not valid JSON`, {
          cause,
        });
      }
    },
    updateSecrets: (tenantId, connectionId, secrets) =>
      update(tenantId, connectionId, sealSecrets(keys, secrets)),
    selectCalendars: (tenantId, connectionId, selection) =>
      update(tenantId, connectionId, {
        busyCalendarIds: [...selection.busyCalendarIds],
        writeCalendarId: selection.writeCalendarId,
      }),
    setHealth: (tenantId, connectionId, health) =>
      update(tenantId, connectionId, {
        status: health.status,
        statusDetail: health.detail ?? null,
        ...(health.syncedAt !== undefined ? { lastSyncAt: new Date(health.syncedAt) } : {}),
      }),
    async remove(tenantId, connectionId) {
      const where = scoped(tenantId, connectionId);
      if (!where) return false;
      return (await db.calendarConnection.deleteMany({ where })).count === 1;
    },
  };
}
