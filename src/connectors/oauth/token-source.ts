/**
 * A provider-neutral OAuth `TokenSource` (Google and Microsoft both use it): hands out the current
 * access token, refreshes it single-flight (N concurrent callers → one token-endpoint request),
 * persists rotated tokens through `onTokens`, and turns a dead refresh token into `reauth_required`
 * exactly once through `onReauthRequired`.
 *
 * Tokens are never logged or put into error messages.
 */

import type { TokenSource } from '../../app/ports/provider.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type { OAuthTokens, RefreshFunction, StoredTokens } from '../../app/ports/provider-factory.ts';

export type { OAuthTokens, RefreshFunction, StoredTokens } from '../../app/ports/provider-factory.ts';

export interface RefreshingTokenSourceOptions {
  readonly tokens: StoredTokens;
  readonly refresh: RefreshFunction;
  /** Persist rotated tokens (awaited before callers get the new access token). */
  readonly onTokens?: (tokens: StoredTokens) => void | Promise<void>;
  /** The refresh token is dead: mark the connection unhealthy and ask the owner to link again. Called once. */
  readonly onReauthRequired?: (error: ProviderError) => void | Promise<void>;
  /** Epoch-ms clock, injected so expiry is testable. */
  readonly clock?: () => number;
  /** Refresh this long before the stated expiry (default 60 s) to absorb clock skew and request latency. */
  readonly skewMs?: number;
}

export class RefreshingTokenSource implements TokenSource {
  #tokens: StoredTokens;
  #stale = false;
  #inFlight: Promise<StoredTokens> | undefined;
  #dead: ProviderError | undefined;
  readonly #options: RefreshingTokenSourceOptions;
  readonly #clock: () => number;
  readonly #skewMs: number;

  constructor(options: RefreshingTokenSourceOptions) {
    this.#options = options;
    this.#tokens = options.tokens;
    this.#clock = options.clock ?? Date.now;
    this.#skewMs = options.skewMs ?? 60_000;
  }

  /** The tokens currently held (e.g. to persist on shutdown). */
  get tokens(): StoredTokens {
    return this.#tokens;
  }

  /** True once a refresh failed with `reauth_required`; every later call rejects without a request. */
  get needsReauth(): boolean {
    return this.#dead !== undefined;
  }

  async accessToken(signal?: AbortSignal): Promise<string> {
    if (this.#dead) throw this.#dead;
    signal?.throwIfAborted();
    if (!this.#stale && this.#tokens.expiresAt - this.#skewMs > this.#clock()) {
      return this.#tokens.accessToken;
    }
    // Single flight: the refresh is shared and not tied to any one caller's signal; a caller that
    // aborts stops waiting but does not cancel the refresh the others are waiting for.
    this.#inFlight ??= this.#refresh().finally(() => {
      this.#inFlight = undefined;
    });
    const tokens = await abortable(this.#inFlight, signal);
    return tokens.accessToken;
  }

  invalidate(rejected: string): void {
    // Only the token that was rejected: if another caller already refreshed, keep the new one.
    if (rejected === this.#tokens.accessToken) this.#stale = true;
  }

  async #refresh(): Promise<StoredTokens> {
    let fresh: OAuthTokens;
    try {
      fresh = await this.#options.refresh(this.#tokens.refreshToken);
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'reauth_required') {
        this.#dead = error;
        await this.#options.onReauthRequired?.(error);
      }
      throw error;
    }
    const next: StoredTokens = {
      accessToken: fresh.accessToken,
      refreshToken: fresh.refreshToken ?? this.#tokens.refreshToken,
      expiresAt: fresh.expiresAt,
      ...((fresh.scope ?? this.#tokens.scope) ? { scope: fresh.scope ?? this.#tokens.scope } : {}),
    };
    this.#tokens = next;
    this.#stale = false;
    await this.#options.onTokens?.(next);
    return next;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
