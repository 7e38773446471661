/**
 * How the use cases get at calendar providers: a `ProviderFactory` builds the right `CalendarProvider`
 * for a stored connection, and hands out the OAuth side of Google and Microsoft (consent URL, code
 * exchange, refresh, account discovery, revocation) for linking. The real one is
 * `createProviderFactory` in src/connectors/access/providers.ts, wired by src/compose.ts.
 */
import type { CalendarProvider, CalendarRef, TokenSource } from './provider.ts';
import type { CalendarConnection, ConnectionSecrets } from './store.ts';

export type OAuthProviderKind = 'google' | 'microsoft';

export interface OAuthTokens {
  readonly accessToken: string;
  /** Absent when the token endpoint did not rotate it (Google usually does not): keep the old one. */
  readonly refreshToken?: string;
  /** Epoch ms after which the access token must not be used. */
  readonly expiresAt: number;
  /** Space-separated granted scopes, when the endpoint reports them. */
  readonly scope?: string;
}

/** What the token source holds and persists: always has a refresh token. */
export interface StoredTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
  readonly scope?: string;
}

/** Exchanges a refresh token at the provider's token endpoint; throws `ProviderError('reauth_required')` on `invalid_grant`. */
export type RefreshFunction = (refreshToken: string, signal?: AbortSignal) => Promise<OAuthTokens>;

/** What linking learns about the account right after the code exchange. */
export interface DiscoveredAccount {
  /** Account e-mail (Google: the primary calendar id; Microsoft: the mailbox's SMTP address). */
  readonly account: string;
  readonly calendars: readonly CalendarRef[];
}

export interface OAuthProvider {
  readonly kind: OAuthProviderKind;
  /** Minimum scopes asked at consent. */
  readonly scopes: readonly string[];
  authorizationUrl(params: { state: string; codeChallenge: string; redirectUri: string }): string;
  /** Code → tokens; a refresh token is required (offline access), else `ProviderError('consent_required')`. */
  exchangeCode(
    code: string,
    verifier: string,
    redirectUri: string,
    signal?: AbortSignal,
  ): Promise<StoredTokens>;
  readonly refresh: RefreshFunction;
  /** A token source over freshly exchanged tokens (refreshing through `refresh`, expiry by `clock`). */
  tokenSource(tokens: StoredTokens, clock: () => number): TokenSource;
  discover(tokenSource: TokenSource, signal?: AbortSignal): Promise<DiscoveredAccount>;
  /**
   * Revokes the grant at the provider. `'not_supported'`: the provider has no revocation endpoint
   * for delegated refresh tokens (Microsoft: a user or admin revokes sessions/consent in Entra ID).
   */
  revoke(secrets: ConnectionSecrets, signal?: AbortSignal): Promise<'revoked' | 'not_supported'>;
  calendarProvider(tokenSource: TokenSource, account: string): CalendarProvider;
}

export interface ProviderFactory {
  /** Null when the provider is not configured (no client id/secret). */
  oauth(kind: OAuthProviderKind): OAuthProvider | null;
  /**
   * The provider for a stored connection. OAuth connections get `tokenSource` (built by the caller so
   * it can persist rotated tokens); CalDAV uses the stored username/password; ICS needs nothing.
   */
  forConnection(
    connection: CalendarConnection,
    secrets: ConnectionSecrets,
    tokenSource: TokenSource | null,
  ): CalendarProvider;
}

/** The OAuth client settings read from the environment (the factory takes more: endpoints, fetch, retry). */
export interface OAuthClientSettings {
  readonly google?: { readonly clientId: string; readonly clientSecret: string };
  readonly microsoft?: {
    readonly clientId: string;
    readonly clientSecret?: string;
    readonly tenant?: string;
  };
}
