/**
 * Microsoft identity platform v2 (authorization code + PKCE) for delegated Graph access.
 * @see https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
 * @see https://learn.microsoft.com/entra/identity-platform/refresh-tokens
 *
 * Refresh tokens ROLL: every redemption returns a new one (the old one is not revoked), so the caller
 * must persist the newest every time — `RefreshingTokenSource` does it through `onTokens`.
 * Tokens never appear in logs or error messages.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type { OAuthTokens, RefreshFunction } from '../oauth/token-source.ts';
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy, withRetry } from '../retry.ts';
import type { FetchLike } from './client.ts';

export const AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * Minimum delegated scopes. `offline_access` is what yields a refresh token; `Calendars.Read` would
 * suffice for getSchedule on work accounts, but creating events needs `Calendars.ReadWrite`.
 * @see https://learn.microsoft.com/graph/permissions-reference
 */
export const DEFAULT_SCOPES: readonly string[] = ['offline_access', 'User.Read', 'Calendars.ReadWrite'];

export interface MicrosoftOAuthConfig {
  readonly clientId: string;
  /** Confidential (web) app; omit for a public client. */
  readonly clientSecret?: string;
  /** `common`, `organizations`, or a tenant id / domain (default `organizations`: getSchedule needs work accounts). */
  readonly tenant?: string;
  /** Default redirect URI (must match the app registration exactly). */
  readonly redirectUri?: string;
  readonly authorityHost?: string;
  readonly fetch?: FetchLike;
  readonly clock?: () => number;
  /** Retries of the token endpoint on 429/5xx/network errors. */
  readonly retryPolicy?: RetryPolicy;
}

export interface AuthorizationRequest {
  readonly state: string;
  readonly codeChallenge: string;
  readonly redirectUri?: string;
  readonly scopes?: readonly string[];
  readonly loginHint?: string;
  readonly prompt?: 'select_account' | 'consent' | 'login' | 'none';
}

/** Tokens from the code exchange: always with a refresh token (offline_access). */
export interface InitialTokens extends OAuthTokens {
  readonly refreshToken: string;
}

/** PKCE pair with the S256 method. @see https://www.rfc-editor.org/rfc/rfc7636#section-4.2 */
export function createPkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

interface TokenEndpointError {
  readonly error?: string;
  readonly error_description?: string;
  readonly error_codes?: readonly number[];
  readonly suberror?: string;
}

class TokenHttpError extends Error {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: TokenEndpointError;
  constructor(status: number, retryAfter: string | null, body: TokenEndpointError) {
    super(`token endpoint HTTP ${status}`);
    this.status = status;
    this.retryAfter = retryAfter;
    this.body = body;
  }
}

export class MicrosoftOAuthClient {
  readonly #config: MicrosoftOAuthConfig;
  readonly #fetch: FetchLike;
  readonly #clock: () => number;

  constructor(config: MicrosoftOAuthConfig) {
    this.#config = config;
    this.#fetch = config.fetch ?? ((input, init) => fetch(input, init));
    this.#clock = config.clock ?? Date.now;
  }

  #endpoint(kind: 'authorize' | 'token'): string {
    const host = (this.#config.authorityHost ?? AUTHORITY_HOST).replace(/\/+$/, '');
    return `${host}/${encodeURIComponent(this.#config.tenant ?? 'organizations')}/oauth2/v2.0/${kind}`;
  }

  #redirectUri(override: string | undefined): string {
    const uri = override ?? this.#config.redirectUri;
    if (!uri) throw new ProviderError('microsoft', 'invalid_request', 'No redirect URI configured');
    return uri;
  }

  /** The URL to send the user to; Microsoft redirects back with `code` and `state`. */
  authorizationUrl(request: AuthorizationRequest): string {
    const url = new URL(this.#endpoint('authorize'));
    const params = url.searchParams;
    params.set('client_id', this.#config.clientId);
    params.set('response_type', 'code');
    params.set('redirect_uri', this.#redirectUri(request.redirectUri));
    params.set('response_mode', 'query');
    params.set('scope', (request.scopes ?? DEFAULT_SCOPES).join(' '));
    params.set('state', request.state);
    params.set('code_challenge', request.codeChallenge);
    params.set('code_challenge_method', 'S256');
    if (request.loginHint) params.set('login_hint', request.loginHint);
    if (request.prompt) params.set('prompt', request.prompt);
    return url.toString();
  }

  /** Redeems the authorization code (with the PKCE verifier). */
  async exchangeCode(code: string, codeVerifier: string, redirectUri?: string): Promise<InitialTokens> {
    const tokens = await this.#token({
      grant_type: 'authorization_code',
      code,
      code_verifier: codeVerifier,
      redirect_uri: this.#redirectUri(redirectUri),
    });
    if (!tokens.refreshToken) {
      throw new ProviderError(
        'microsoft',
        'consent_required',
        'No refresh token returned: offline_access was not granted',
      );
    }
    return { ...tokens, refreshToken: tokens.refreshToken };
  }

  /** Redeems a refresh token; the answer carries a NEW refresh token that must replace the old one. */
  refresh(refreshToken: string, signal?: AbortSignal): Promise<OAuthTokens> {
    return this.#token({ grant_type: 'refresh_token', refresh_token: refreshToken }, signal);
  }

  /** `refresh` as the shared RefreshingTokenSource wants it. */
  get refreshFunction(): RefreshFunction {
    return (refreshToken, signal) => this.refresh(refreshToken, signal);
  }

  async #token(fields: Record<string, string>, signal?: AbortSignal): Promise<OAuthTokens> {
    const form = new URLSearchParams({ client_id: this.#config.clientId, ...fields });
    if (this.#config.clientSecret) form.set('client_secret', this.#config.clientSecret);
    const policy = this.#config.retryPolicy ?? defaultRetryPolicy;
    let body: Record<string, unknown>;
    try {
      body = await withRetry(
        async () => {
          const response = await this.#fetch(this.#endpoint('token'), {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
            body: form.toString(),
            ...(signal ? { signal } : {}),
          });
          const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
          if (!response.ok)
            throw new TokenHttpError(response.status, response.headers.get('retry-after'), json);
          return json;
        },
        (error) => {
          if (signal?.aborted) return { retry: false };
          if (error instanceof TokenHttpError) {
            if (error.status !== 429 && error.status < 500) return { retry: false };
            const retryAfterMs = parseRetryAfter(error.retryAfter, this.#clock());
            return retryAfterMs === undefined ? { retry: true } : { retry: true, retryAfterMs };
          }
          return { retry: true };
        },
        policy,
        signal,
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw tokenError(error);
    }
    const accessToken = body.access_token;
    const expiresIn = Number(body.expires_in);
    if (typeof accessToken !== 'string' || !Number.isFinite(expiresIn)) {
      throw new ProviderError(
        'microsoft',
        'unavailable',
        'Token endpoint answered without access_token/expires_in',
      );
    }
    return {
      accessToken,
      expiresAt: this.#clock() + expiresIn * 1000,
      ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
      ...(typeof body.scope === 'string' ? { scope: body.scope } : {}),
    };
  }
}

/** The AADSTS number of a token-endpoint error (from error_codes, else the description's prefix). */
export function aadstsCode(body: TokenEndpointError): number | undefined {
  const first = body.error_codes?.[0];
  if (typeof first === 'number') return first;
  const match = /AADSTS(\d+)/.exec(body.error_description ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Token-endpoint failures → ProviderError. invalid_grant (AADSTS700082 expired by inactivity, AADSTS50173
 * revoked e.g. after a password reset, …) → reauth_required; AADSTS65001 (no consent) → consent_required,
 * even when it arrives as invalid_grant.
 * @see https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
function tokenError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (!(error instanceof TokenHttpError)) {
    return new ProviderError('microsoft', 'unavailable', 'Token endpoint unreachable', { cause: error });
  }
  const { status, body } = error;
  const code = aadstsCode(body);
  const label = `${body.error ?? 'error'}${code ? ` (AADSTS${code})` : ''}`;
  const make = (c: ConstructorParameters<typeof ProviderError>[1], message: string) =>
    new ProviderError('microsoft', c, `${message}: ${label}`, { status });
  if (code === 65001 || body.suberror === 'consent_required' || body.error === 'consent_required') {
    return make('consent_required', 'Consent missing for the requested scopes');
  }
  if (body.error === 'invalid_grant' || body.error === 'interaction_required') {
    return make('reauth_required', 'Microsoft refused the grant; the owner must link the account again');
  }
  if (status === 429) return make('rate_limited', 'Token endpoint throttled');
  if (status >= 500) return make('unavailable', 'Token endpoint failed');
  return make('invalid_request', 'Token request rejected');
}
