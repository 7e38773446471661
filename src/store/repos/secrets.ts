import { type KeyRing, secretContext } from '../crypto.ts';
import type { Db } from './util.ts';

/**
 * Re-seals stored secrets (connections' tokens, workspaces' bot tokens, unfinished jobs' secrets): every
 * one not under the primary key (key rotation, step 2) and every one still in the legacy `v1` envelope,
 * which is read once and written as `v2` (bound to its column, tenant and row). `legacyOnly` re-seals only the `v1` ones (what the store does when it opens).
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
  // Jobs' secrets (short-lived: a Discord interaction token) of unfinished jobs; a finished job has none,
  // and none was ever sealed as `v1`.
  if (options.legacyOnly) return count;
  const jobs = await db.job.findMany({
    where: {
      secretEnc: { not: null },
      dedupeKey: { not: null },
      NOT: { secretEnc: { startsWith: `v2:${keys.primaryKeyId}:` } },
    },
    select: { id: true, tenantId: true, kind: true, dedupeKey: true, secretEnc: true },
  });
  for (const row of jobs) {
    if (row.secretEnc === null || row.dedupeKey === null) continue;
    const context = secretContext.job(row.tenantId, row.kind, row.dedupeKey);
    let resealed: string;
    try {
      resealed = reseal(row.secretEnc, context);
    } catch {
      continue; // its key is gone already: the job's worker does without it (repos/jobs.ts)
    }
    const result = await db.job.updateMany({
      where: { id: row.id, secretEnc: row.secretEnc },
      data: { secretEnc: resealed },
    });
    count += result.count;
  }
  return count;
}
