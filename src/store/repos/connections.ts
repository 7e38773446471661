import { randomUUID } from 'node:crypto';
import type { CalendarConnectionRepository, ConnectionSecrets } from '../../app/ports/store.ts';
import { type KeyRing, secretContext } from '../crypto.ts';
import { StoreError } from '../errors.ts';
import {
  type ConnectionRow,
  connectionSql,
  type SealedRow,
  toConnection,
} from '../sql/calendar-connection.ts';
import { type Db, isId, run, type Sql } from './util.ts';

/** Only known fields are kept, so nothing unexpected is serialised into the envelope. */
function sealSecrets(
  keys: KeyRing,
  tenantId: string,
  connectionId: string,
  secrets: ConnectionSecrets,
): { tokensEnc: string; tokensKeyId: string } {
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
  return {
    tokensEnc: keys.encrypt(JSON.stringify(clean), secretContext.connection(tenantId, connectionId)),
    tokensKeyId: keys.primaryKeyId,
  };
}

function openSecrets(
  keys: KeyRing,
  tenantId: string,
  connectionId: string,
  tokensEnc: string,
): ConnectionSecrets {
  const json = keys.decrypt(tokensEnc, secretContext.connection(tenantId, connectionId));
  try {
    return JSON.parse(json) as ConnectionSecrets;
  } catch (cause) {
    throw new StoreError('decrypt_failed', `secrets of connection ${connectionId} are not valid JSON`, {
      cause,
    });
  }
}

export function connectionRepository(db: Db, keys: KeyRing, sql: Sql): CalendarConnectionRepository {
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
        status: 'ok',
        statusDetail: null,
      };
      const identity = {
        personId_provider_account: {
          personId: input.personId,
          provider: input.provider,
          account: input.account,
        },
      };
      // The sealed tokens are bound to the row's id, so the id is known before the row is written.
      const existing = await db.calendarConnection.findUnique({ where: identity, select: { id: true } });
      const id = existing?.id ?? randomUUID();
      const sealed = sealSecrets(keys, input.tenantId, id, input.secrets);
      const row = existing
        ? await db.calendarConnection.update({ where: { id }, data: { ...data, ...sealed } })
        : await db.calendarConnection.create({
            data: {
              id,
              tenantId: input.tenantId,
              personId: input.personId,
              provider: input.provider,
              account: input.account,
              ...data,
              ...sealed,
            },
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
    async listForPeople(tenantId, personIds) {
      const ids = [...new Set(personIds)].filter(isId);
      if (!isId(tenantId) || ids.length === 0) return [];
      const rows = await run<ConnectionRow>(sql, connectionSql.listForPeople(tenantId, ids));
      return rows.map(toConnection);
    },
    async secretsMany(tenantId, connectionIds) {
      const ids = [...new Set(connectionIds)].filter(isId);
      const found = new Map<string, ConnectionSecrets>();
      if (!isId(tenantId) || ids.length === 0) return found;
      const rows = await run<SealedRow>(sql, connectionSql.sealed(tenantId, ids));
      for (const row of rows) {
        try {
          found.set(row.id, openSecrets(keys, tenantId, row.id, row.tokensEnc));
        } catch {
          // Left out: `secrets()` of this one connection throws the precise error.
        }
      }
      return found;
    },
    async markSynced(tenantId, connectionIds, syncedAt) {
      const ids = [...new Set(connectionIds)].filter(isId);
      if (!isId(tenantId) || ids.length === 0) return 0;
      // Prisma, like every other write of calendar_connection (src/store/README.md: a table is written one way).
      const result = await db.calendarConnection.updateMany({
        where: { tenantId, id: { in: ids } },
        data: { status: 'ok', statusDetail: null, lastSyncAt: new Date(syncedAt) },
      });
      return result.count;
    },
    async secrets(tenantId, connectionId) {
      const where = scoped(tenantId, connectionId);
      const row = where
        ? await db.calendarConnection.findFirst({ where, select: { tokensEnc: true } })
        : null;
      return row ? openSecrets(keys, tenantId, connectionId, row.tokensEnc) : null;
    },
    updateSecrets: (tenantId, connectionId, secrets) =>
      update(tenantId, connectionId, sealSecrets(keys, tenantId, connectionId, secrets)),
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
