import { type KeyRing, secretContext } from '../crypto.ts';
import type { Db } from './util.ts';

/**
 * Re-seals stored secrets: every one not under the primary key (key rotation, step 2) and every one
 * still in the legacy `v1` envelope, which is read once and written as `v2` (bound to its column,
 * tenant and row). `legacyOnly` re-seals only the `v1` ones (what the store does when it opens).
 * Each row is rewritten only if it still holds the envelope that was read (a concurrent token refresh wins).
 */
export async function reencryptSecrets(
  db: Db,
  keys: KeyRing,
  options: { readonly legacyOnly?: boolean } = {},
): Promise<number> {
  let count = 0;
  const legacy = { startsWith: 'v1:' };
  const reseal = (envelope: string, context: string) =>
    keys.encrypt(
      keys.isLegacy(envelope) ? keys.openLegacy(envelope) : keys.decrypt(envelope, context),
      context,
    );
  const connections = await db.calendarConnection.findMany({
    where: options.legacyOnly
      ? { tokensEnc: legacy }
      : { OR: [{ tokensKeyId: { not: keys.primaryKeyId } }, { tokensEnc: legacy }] },
    select: { id: true, tenantId: true, tokensEnc: true },
  });
  for (const row of connections) {
    const context = secretContext.connection(row.tenantId, row.id);
    const result = await db.calendarConnection.updateMany({
      where: { id: row.id, tokensEnc: row.tokensEnc },
      data: { tokensEnc: reseal(row.tokensEnc, context), tokensKeyId: keys.primaryKeyId },
    });
    count += result.count;
  }
  const workspaces = await db.workspace.findMany({
    where: options.legacyOnly
      ? { botTokenEnc: legacy }
      : {
          OR: [
            { botTokenKeyId: { not: keys.primaryKeyId }, botTokenEnc: { not: null } },
            { botTokenEnc: legacy },
          ],
        },
    select: { id: true, tenantId: true, botTokenEnc: true },
  });
  for (const row of workspaces) {
    if (row.botTokenEnc === null) continue;
    const context = secretContext.workspace(row.tenantId, row.id);
    const result = await db.workspace.updateMany({
      where: { id: row.id, botTokenEnc: row.botTokenEnc },
      data: { botTokenEnc: reseal(row.botTokenEnc, context), botTokenKeyId: keys.primaryKeyId },
    });
    count += result.count;
  }
  return count;
}
