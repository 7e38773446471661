/**
 * Single use of OAuth states: a nonce is consumed once, atomically; a second consume (a replayed
 * callback) is refused.
 *
 * Production needs this shared across instances and restarts: a table
 * `oauth_state_nonce (nonce text PRIMARY KEY, tenant_id uuid NOT NULL, expires_at timestamptz NOT NULL,
 * consumed_at timestamptz NOT NULL)` with `INSERT … ON CONFLICT DO NOTHING` (consumed ⇔ one row inserted)
 * and a periodic `DELETE … WHERE expires_at < now()`. Until the store has it, the in-memory
 * implementation below is used (correct for a single process; a restart forgets consumed nonces, but
 * a state also expires after 15 minutes and its code is single-use at the provider).
 */

export interface StateNonceStore {
  /** Marks the nonce used. True the first time, false if it was already used. */
  consume(nonce: string, expiresAt: number): Promise<boolean>;
  /** Whether the nonce was already used (for `/start`: refuse to restart a finished link). */
  isConsumed(nonce: string): Promise<boolean>;
}

export class InMemoryStateNonceStore implements StateNonceStore {
  readonly #used = new Map<string, number>();
  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  async consume(nonce: string, expiresAt: number): Promise<boolean> {
    this.#prune();
    if (this.#used.has(nonce)) return false;
    this.#used.set(nonce, expiresAt);
    return true;
  }

  async isConsumed(nonce: string): Promise<boolean> {
    return this.#used.has(nonce);
  }

  /** Expired nonces can go: their states are refused as expired anyway. */
  #prune(): void {
    const now = this.#clock();
    for (const [nonce, expiresAt] of this.#used) if (expiresAt <= now) this.#used.delete(nonce);
  }
}
