/**
 * Single use of OAuth states: a nonce is consumed once, atomically; a second consume (a replayed
 * callback) is refused.
 *
 * The port is `StateNonceStore` (src/app/ports/store.ts). Production uses the store's `nonces`
 * repository (table `oauth_state_nonce`, `INSERT … ON CONFLICT DO NOTHING`: shared across instances
 * and restarts; `prune` deletes expired rows). The in-memory implementation below is correct for a
 * single process only (a restart forgets consumed nonces, but a state also expires after 15 minutes
 * and its code is single-use at the provider); tests use it.
 */
import type { StateNonceRepository } from '../ports/store.ts';

export type { StateNonceRepository, StateNonceStore } from '../ports/store.ts';

export class InMemoryStateNonceStore implements StateNonceRepository {
  readonly #used = new Map<string, { tenantId: string; expiresAt: number }>();
  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  async consume(nonce: string, tenantId: string, expiresAt: number, now?: number): Promise<boolean> {
    this.#prune(now ?? this.#clock());
    if (this.#used.has(nonce)) return false;
    this.#used.set(nonce, { tenantId, expiresAt });
    return true;
  }

  async isConsumed(nonce: string, tenantId: string): Promise<boolean> {
    return this.#used.get(nonce)?.tenantId === tenantId;
  }

  /** Expired nonces can go: their states are refused as expired anyway. */
  async prune(now?: number): Promise<number> {
    return this.#prune(now ?? this.#clock());
  }

  #prune(now: number): number {
    let removed = 0;
    for (const [nonce, { expiresAt }] of this.#used) {
      if (expiresAt <= now) {
        this.#used.delete(nonce);
        removed += 1;
      }
    }
    return removed;
  }
}
