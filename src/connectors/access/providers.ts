/**
 * The real `ProviderFactory` (the port in src/app/ports/provider-factory.ts): builds the right
 * `CalendarProvider` for a stored connection, and hands out the OAuth side of Google and Microsoft
 * (consent URL, code exchange, refresh, account discovery, revocation) for linking.
 * `createProviderFactory` wires the real connectors; tests pass endpoint overrides (the fakes) or their
 * own factory.
 */

import type { TokenSource } from '../../app/ports/provider.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type { OAuthProvider, OAuthProviderKind, ProviderFactory } from '../../app/ports/provider-factory.ts';
import { CalDavProvider, type CalDavProviderOptions } from '../caldav/index.ts';
import { GOOGLE_SCOPES, GoogleCalendarProvider, GoogleOAuthClient } from '../google/index.ts';
import { IcsProvider } from '../ics/index.ts';
import {
  type FetchLike,
  DEFAULT_SCOPES as MICROSOFT_SCOPES,
  MicrosoftCalendarProvider,
  MicrosoftOAuthClient,
} from '../microsoft/index.ts';
import { RefreshingTokenSource } from '../oauth/token-source.ts';
import type { RetryPolicy } from '../retry.ts';

export type {
  DiscoveredAccount,
  OAuthProvider,
  OAuthProviderKind,
  ProviderFactory,
} from '../../app/ports/provider-factory.ts';

export interface GoogleConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly revokeEndpoint?: string;
  /** Calendar API root ending in `/` (a fake in tests). */
  readonly rootUrl?: string;
  readonly fetch?: typeof fetch;
  readonly retryPolicy?: RetryPolicy;
}

export interface MicrosoftConfig {
  readonly clientId: string;
  readonly clientSecret?: string;
  /** Entra tenant: `organizations` (default), `common`, or a tenant id. */
  readonly tenant?: string;
  readonly authorityHost?: string;
  /** Graph base URL ending in `/` (default `https://graph.microsoft.com/`). */
  readonly graphBaseUrl?: string;
  readonly fetch?: FetchLike;
  readonly retryPolicy?: RetryPolicy;
}

export interface ProviderFactoryConfig {
  readonly google?: GoogleConfig;
  readonly microsoft?: MicrosoftConfig;
  readonly caldav?: Pick<CalDavProviderOptions, 'fetch' | 'retry' | 'timeoutMs' | 'allowedNetworks'>;
  readonly ics?: {
    readonly fetch?: typeof fetch;
    readonly retry?: RetryPolicy;
    readonly allowedNetworks?: readonly string[];
  };
  readonly clock?: () => number;
}

/**
 * Google asks for free/busy + events + calendarList: `calendarList.list` (to find the primary calendar
 * and its zone) rejects a token holding only the two minimum scopes.
 */
export const GOOGLE_LINK_SCOPES: readonly string[] = [
  GOOGLE_SCOPES.freebusy,
  GOOGLE_SCOPES.events,
  GOOGLE_SCOPES.calendarList,
];
export const MICROSOFT_LINK_SCOPES: readonly string[] = MICROSOFT_SCOPES;

export function createProviderFactory(config: ProviderFactoryConfig): ProviderFactory {
  const clock = config.clock ?? Date.now;
  const google = config.google ? googleOAuth(config.google, clock) : null;
  const microsoft = config.microsoft ? microsoftOAuth(config.microsoft, clock) : null;
  return {
    oauth: (kind) => (kind === 'google' ? google : microsoft),
    forConnection(connection, secrets, tokenSource) {
      switch (connection.provider) {
        case 'google':
        case 'microsoft': {
          const oauth = connection.provider === 'google' ? google : microsoft;
          if (!oauth) {
            throw new ProviderError(
              connection.provider,
              'invalid_request',
              `${connection.provider} is not configured on this Convene server`,
            );
          }
          if (!tokenSource)
            throw new ProviderError(connection.provider, 'reauth_required', 'no OAuth tokens');
          return oauth.calendarProvider(tokenSource, connection.account);
        }
        case 'caldav':
          return new CalDavProvider({
            ...config.caldav,
            serverUrl: connection.account,
            credentials: {
              type: 'basic',
              username: secrets.username ?? '',
              password: secrets.password ?? '',
            },
            now: clock,
          });
        case 'ics':
          return new IcsProvider({
            ...config.ics,
            feeds: connection.busyCalendarIds.map((url) => ({ url })),
            now: clock,
          });
      }
    },
  };
}

function requireRefreshToken(kind: OAuthProviderKind, tokens: { refreshToken?: string }): string {
  if (!tokens.refreshToken) {
    throw new ProviderError(
      kind,
      'consent_required',
      'No refresh token returned: offline access was not granted',
    );
  }
  return tokens.refreshToken;
}

function googleOAuth(config: GoogleConfig, clock: () => number): OAuthProvider {
  const client = new GoogleOAuthClient({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ...(config.authorizationEndpoint ? { authorizationEndpoint: config.authorizationEndpoint } : {}),
    ...(config.tokenEndpoint ? { tokenEndpoint: config.tokenEndpoint } : {}),
    ...(config.revokeEndpoint ? { revokeEndpoint: config.revokeEndpoint } : {}),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.retryPolicy ? { retryPolicy: config.retryPolicy } : {}),
    clock,
  });
  const calendarProvider = (tokenSource: TokenSource) =>
    new GoogleCalendarProvider({
      tokenSource,
      clock,
      ...(config.rootUrl ? { rootUrl: config.rootUrl } : {}),
      ...(config.retryPolicy ? { retryPolicy: config.retryPolicy } : {}),
    });
  return {
    kind: 'google',
    scopes: GOOGLE_LINK_SCOPES,
    authorizationUrl: ({ state, codeChallenge, redirectUri }) =>
      client.authorizationUrl({ state, codeChallenge, redirectUri, scopes: GOOGLE_LINK_SCOPES }),
    async exchangeCode(code, verifier, redirectUri, signal) {
      const tokens = await client.exchangeCode(code, verifier, redirectUri, signal);
      return { ...tokens, refreshToken: requireRefreshToken('google', tokens) };
    },
    refresh: (refreshToken, signal) => client.refresh(refreshToken, signal),
    tokenSource(tokens, clock) {
      return new RefreshingTokenSource({ tokens, refresh: this.refresh, clock });
    },
    async discover(tokenSource, signal) {
      const calendars = await calendarProvider(tokenSource).listCalendars(signal);
      const primary = calendars.find((c) => c.primary);
      if (!primary)
        throw new ProviderError('google', 'not_found', 'The Google account has no primary calendar');
      return { account: primary.id, calendars };
    },
    async revoke(secrets, signal) {
      // Revoking the refresh token revokes the whole grant (and its access tokens).
      const token = secrets.refreshToken ?? secrets.accessToken;
      if (token) await client.revoke(token, signal);
      return 'revoked';
    },
    calendarProvider: (tokenSource) => calendarProvider(tokenSource),
  };
}

function microsoftOAuth(config: MicrosoftConfig, clock: () => number): OAuthProvider {
  const client = new MicrosoftOAuthClient({
    clientId: config.clientId,
    ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
    ...(config.tenant ? { tenant: config.tenant } : {}),
    ...(config.authorityHost ? { authorityHost: config.authorityHost } : {}),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.retryPolicy ? { retryPolicy: config.retryPolicy } : {}),
    clock,
  });
  const graphBaseUrl = config.graphBaseUrl ?? 'https://graph.microsoft.com/';
  const doFetch: FetchLike = config.fetch ?? ((input, init) => fetch(input, init));
  const calendarProvider = (tokenSource: TokenSource, mailbox: string) =>
    new MicrosoftCalendarProvider({
      tokenSource,
      mailbox,
      clock,
      ...(config.graphBaseUrl ? { baseUrl: config.graphBaseUrl } : {}),
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(config.retryPolicy ? { retryPolicy: config.retryPolicy } : {}),
    });
  return {
    kind: 'microsoft',
    scopes: MICROSOFT_LINK_SCOPES,
    authorizationUrl: ({ state, codeChallenge, redirectUri }) =>
      client.authorizationUrl({ state, codeChallenge, redirectUri, scopes: MICROSOFT_LINK_SCOPES }),
    async exchangeCode(code, verifier, redirectUri) {
      return client.exchangeCode(code, verifier, redirectUri);
    },
    refresh: client.refreshFunction,
    tokenSource(tokens, clock) {
      return new RefreshingTokenSource({ tokens, refresh: this.refresh, clock });
    },
    async discover(tokenSource, signal) {
      const mailbox = await defaultMailbox(doFetch, graphBaseUrl, tokenSource, signal);
      const calendars = await calendarProvider(tokenSource, mailbox).listCalendars(signal);
      return { account: mailbox, calendars };
    },
    // Microsoft has no endpoint revoking one delegated refresh token: the connection is deleted, and
    // the user (or an admin) can revoke Convene's consent/sessions in their account or Entra ID.
    revoke: async () => 'not_supported',
    calendarProvider,
  };
}

/**
 * The signed-in user's SMTP address, from the owner of their default calendar (`User.Read`-free:
 * `/me/calendars` returns `owner.address`), following `@odata.nextLink` pages.
 * @see https://learn.microsoft.com/graph/api/resources/calendar
 */
async function defaultMailbox(
  doFetch: FetchLike,
  graphBaseUrl: string,
  tokenSource: TokenSource,
  signal?: AbortSignal,
): Promise<string> {
  let next: string | undefined =
    `${graphBaseUrl.replace(/\/+$/, '')}/v1.0/me/calendars?$select=id,isDefaultCalendar,owner`;
  for (let page = 0; next && page < 20; page++) {
    const token = await tokenSource.accessToken(signal);
    let response: Response;
    try {
      response = await doFetch(next, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      throw new ProviderError('microsoft', 'unavailable', 'Graph calendar list failed: network error', {
        cause: { name: (cause as Error)?.name },
      });
    }
    if (!response.ok) {
      const code =
        response.status === 401
          ? 'reauth_required'
          : response.status === 403
            ? 'consent_required'
            : 'unavailable';
      throw new ProviderError('microsoft', code, `Graph calendar list failed: ${response.status}`, {
        status: response.status,
      });
    }
    const body = (await response.json()) as {
      value?: Array<{ isDefaultCalendar?: boolean; owner?: { address?: string } }>;
      '@odata.nextLink'?: string;
    };
    const owner = body.value?.find((c) => c.isDefaultCalendar)?.owner?.address;
    if (owner) return owner;
    next = body['@odata.nextLink'];
  }
  throw new ProviderError('microsoft', 'not_found', 'The Microsoft account has no default calendar');
}
