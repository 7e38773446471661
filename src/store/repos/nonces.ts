import type { StateNonceRepository } from '../../app/ports/store.ts';
import { sqlState } from '../errors.ts';
import { type Db, isId, rethrow } from './util.ts';

/**
 * Consumed OAuth state nonces (`oauth_state_nonce`). `consume` is one `INSERT … ON CONFLICT DO NOTHING`:
 * of any number of concurrent calls for one nonce (on any instance), exactly one inserts the row and
 * gets true.
 */
export function nonceRepository(db: Db): StateNonceRepository {
  return {
    async consume(nonce, tenantId, expiresAt, now = Date.now()) {
      if (!isId(tenantId) || nonce.length === 0) return false;
      try {
        const { count } = await db.oauthStateNonce.createMany({
          data: [{ nonce, tenantId, expiresAt: new Date(expiresAt), consumedAt: new Date(now) }],
          skipDuplicates: true,
        });
        return count === 1;
      } catch (error) {
        // The tenant no longer exists (foreign key): its states are refused.
        if (sqlState(error) === '23503' || (error as { code?: unknown }).code === 'P2003') return false;
        return rethrow(error);
      }
    },
    async isConsumed(nonce, tenantId) {
      if (!isId(tenantId)) return false;
      return (await db.oauthStateNonce.count({ where: { nonce, tenantId } })) > 0;
    },
    async prune(now = Date.now()) {
      return (await db.oauthStateNonce.deleteMany({ where: { expiresAt: { lte: new Date(now) } } })).count;
    },
  };
}
