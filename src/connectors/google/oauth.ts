/**
 * Google OAuth 2.0 for a web server app with PKCE: the consent URL, the code exchange and refresh
 * against the token endpoint. Uses `fetch` directly (no google-auth-library client) so the
 * `RefreshingTokenSource` stays the single place that refreshes. Tokens are never logged or put in
 * error messages.
 * @see https://developers.google.com/identity/protocols/oauth2/web-server
 */
import { createHash, randomBytes } from 'node:crypto';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type { OAuthTokens, RefreshingTokenSourceOptions } from '../oauth/token-source.ts';
import { RefreshingTokenSource } from '../oauth/token-source.ts';
import type { RetryPolicy } from '../retry.ts';
import { defaultRetryPolicy, parseRetryAfter, withRetry } from '../retry.ts';

export const GOOGLE_SCOPES = {
  /** Read free/busy only (no event details). */
  freebusy: 'https://www.googleapis.com/auth/calendar.freebusy',
  /** Create/change/delete events (booking). */
  events: 'https://www.googleapis.com/auth/calendar.events',
  /** List the user's calendars (names, access role) for the calendar picker. */
  calendarList: 'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
} as const;

/** The minimum Convene asks for: free/busy and event writes. */
export const DEFAULT_GOOGLE_SCOPES: readonly string[] = [GOOGLE_SCOPES.freebusy, GOOGLE_SCOPES.events];

export const GOOGLE_ENDPOINTS = {
  authorization: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
} as const;

export interface GoogleOAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default redirect URI (must be registered on the OAuth client). */
  readonly redirectUri?: string;
  /** Overrides for tests (the fake) — default to Google's. */
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly revokeEndpoint?: string;
  readonly fetch?: typeof fetch;
  readonly clock?: () => number;
  /** Retries for 429/5xx/network failures at the token endpoint (never for `invalid_grant`). */
  readonly retryPolicy?: RetryPolicy;
}

export interface AuthorizationUrlParams {
  readonly state: string;
  /** base64url(SHA-256(verifier)); see `createPkcePair`. */
  readonly codeChallenge: string;
  readonly redirectUri?: string;
  readonly scopes?: readonly string[];
  readonly loginHint?: string;
}

export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
}

/** A PKCE verifier (43 chars, unreserved alphabet) and its S256 challenge. @see https://www.rfc-editor.org/rfc/rfc7636#section-4.1 */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** True when the granted `scope` string covers every scope in `required` (users can untick scopes). */
export function hasScopes(
  granted: string | undefined,
  required: readonly string[] = DEFAULT_GOOGLE_SCOPES,
): boolean {
  const set = new Set((granted ?? '').split(/\s+/).filter(Boolean));
  return required.every((s) => set.has(s));
}

interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  token_type?: string;
  error?: string;
  error_description?: string;
}

export class GoogleOAuthClient {
  readonly #config: GoogleOAuthConfig;
  readonly #fetch: typeof fetch;
  readonly #clock: () => number;
  readonly #retryPolicy: RetryPolicy;
  /** Retry-After of rate-limited token responses, for the retry classifier. */
  readonly #retryAfter = new WeakMap<ProviderError, number>();

  constructor(config: GoogleOAuthConfig) {
    this.#config = config;
    this.#fetch = config.fetch ?? fetch;
    this.#clock = config.clock ?? Date.now;
    this.#retryPolicy = config.retryPolicy ?? defaultRetryPolicy;
  }

  /**
   * The consent URL. `access_type=offline` + `prompt=consent` so Google returns a refresh token every
   * time (it only does at consent); PKCE S256.
   * @see https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient
   */
  authorizationUrl(params: AuthorizationUrlParams): string {
    const url = new URL(this.#config.authorizationEndpoint ?? GOOGLE_ENDPOINTS.authorization);
    const search = url.searchParams;
    search.set('client_id', this.#config.clientId);
    search.set('redirect_uri', this.#redirectUri(params.redirectUri));
    search.set('response_type', 'code');
    search.set('scope', [...(params.scopes ?? DEFAULT_GOOGLE_SCOPES)].join(' '));
    search.set('access_type', 'offline');
    search.set('prompt', 'consent');
    search.set('include_granted_scopes', 'true');
    search.set('state', params.state);
    search.set('code_challenge', params.codeChallenge);
    search.set('code_challenge_method', 'S256');
    if (params.loginHint) search.set('login_hint', params.loginHint);
    return url.toString();
  }

  /** Exchanges the authorization code (single use) for tokens. */
  exchangeCode(
    code: string,
    codeVerifier: string,
    redirectUri?: string,
    signal?: AbortSignal,
  ): Promise<OAuthTokens> {
    return this.#tokenRequest(
      'code exchange',
      {
        grant_type: 'authorization_code',
        code,
        code_verifier: codeVerifier,
        redirect_uri: this.#redirectUri(redirectUri),
      },
      signal,
    );
  }

  /** New access token for a refresh token; `invalid_grant` → `ProviderError('reauth_required')`. */
  refresh(refreshToken: string, signal?: AbortSignal): Promise<OAuthTokens> {
    return this.#tokenRequest(
      'token refresh',
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      signal,
    );
  }

  /** Revokes a token (access or refresh); an already-invalid token counts as revoked. */
  async revoke(token: string, signal?: AbortSignal): Promise<void> {
    const response = await this.#post(
      this.#config.revokeEndpoint ?? GOOGLE_ENDPOINTS.revoke,
      { token },
      signal,
    );
    if (response.ok || response.status === 400) return;
    throw new ProviderError(
      'google',
      response.status >= 500 ? 'unavailable' : 'invalid_request',
      `Google token revoke failed: ${response.status}`,
      {
        status: response.status,
      },
    );
  }

  /** A single-flight token source that refreshes through this client. */
  tokenSource(options: Omit<RefreshingTokenSourceOptions, 'refresh'>): RefreshingTokenSource {
    return new RefreshingTokenSource({
      clock: this.#clock,
      ...options,
      refresh: (refreshToken, signal) => this.refresh(refreshToken, signal),
    });
  }

  #redirectUri(override: string | undefined): string {
    const uri = override ?? this.#config.redirectUri;
    if (!uri) throw new Error('GoogleOAuthClient: no redirectUri configured');
    return uri;
  }

  #post(url: string, form: Record<string, string>, signal?: AbortSignal): Promise<Response> {
    return this.#fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      ...(signal ? { signal } : {}),
    });
  }

  async #tokenRequest(
    operation: string,
    form: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<OAuthTokens> {
    const body = { ...form, client_id: this.#config.clientId, client_secret: this.#config.clientSecret };
    return withRetry(
      () => this.#tokenAttempt(operation, body, signal),
      (error) =>
        error instanceof ProviderError && error.retryable
          ? {
              retry: true,
              ...(this.#retryAfter.has(error) ? { retryAfterMs: this.#retryAfter.get(error)! } : {}),
            }
          : { retry: false },
      this.#retryPolicy,
      signal,
    );
  }

  async #tokenAttempt(
    operation: string,
    body: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<OAuthTokens> {
    const url = this.#config.tokenEndpoint ?? GOOGLE_ENDPOINTS.token;
    let response: Response;
    try {
      response = await this.#post(url, body, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new ProviderError('google', 'unavailable', `Google ${operation} failed: network error`, {
        cause: { name: (error as Error)?.name },
      });
    }
    let json: TokenResponse = {};
    try {
      json = (await response.json()) as TokenResponse;
    } catch {
      // Non-JSON body (e.g. an HTML error page): judged by status below.
    }
    if (response.ok && json.access_token) {
      return {
        accessToken: json.access_token,
        ...(json.refresh_token ? { refreshToken: json.refresh_token } : {}),
        expiresAt: this.#clock() + (json.expires_in ?? 3600) * 1000,
        ...(json.scope ? { scope: json.scope } : {}),
      };
    }
    const status = response.status;
    const described = `Google ${operation} failed: ${status} ${json.error ?? 'no error code'}${json.error_description ? ` (${json.error_description})` : ''}`;
    // invalid_grant: the refresh token was revoked, expired (6 months unused, or 7 days for apps in
    // Testing status), or the code was already used. The owner must link again.
    // @see https://developers.google.com/identity/protocols/oauth2#expiration
    if (json.error === 'invalid_grant')
      throw new ProviderError('google', 'reauth_required', described, { status });
    if (status === 429 || status >= 500) {
      const error = new ProviderError('google', status === 429 ? 'rate_limited' : 'unavailable', described, {
        status,
      });
      const wait = parseRetryAfter(response.headers.get('retry-after'), this.#clock());
      if (wait !== undefined) this.#retryAfter.set(error, wait);
      throw error;
    }
    throw new ProviderError('google', 'invalid_request', described, { status });
  }
}
