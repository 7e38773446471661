import type { KeyRing } from '../crypto.ts';
import type { Db } from './util.ts';

/**
 * Key rotation, step 2: re-encrypts every stored secret not under the primary key. Each row is
 * rewritten only if it still holds the envelope that was read (a concurrent token refresh wins).
 */
export async function reencryptSecrets(db: Db, keys: KeyRing): Promise<number> {
  let count = 0;
  const connections = await db.calendarConnection.findMany({
    where: { tokensKeyId: { not: keys.primaryKeyId } },
    select: { id: true, tokensEnc: true },
  });
  for (const row of connections) {
    const result = await db.calendarConnection.updateMany({
      where: { id: row.id, tokensEnc: row.tokensEnc },
      data: { tokensEnc: keys.encrypt(keys.decrypt(row.tokensEnc)), tokensKeyId: keys.primaryKeyId },
    });
    count += result.count;
  }
  const workspaces = await db.workspace.findMany({
    where: { botTokenKeyId: { not: keys.primaryKeyId }, botTokenEnc: { not: null } },
    select: { id: true, botTokenEnc: true },
  });
  for (const row of workspaces) {
    if (row.botTokenEnc === null) continue;
    const result = await db.workspace.updateMany({
      where: { id: row.id, botTokenEnc: row.botTokenEnc },
      data: { botTokenEnc: keys.encrypt(keys.decrypt(row.botTokenEnc)), botTokenKeyId: keys.primaryKeyId },
    });
    count += result.count;
  }
  return count;
}
