/**
 * Opening a stored connection for `CalendarAccess`: the provider of the connection, with (OAuth) a
 * `RefreshingTokenSource` whose rotated tokens are persisted; a dead grant marks the connection
 * `reauth_required` and DMs the owner a re-link link, once per grant. A CalDAV password the server stops
 * accepting (HTTP 401 on a read or a write) is a dead grant too: the DM links to the link page.
 */
import { createHash } from 'node:crypto';
import type { Notifier, RelinkReason, RelinkWording } from '../../app/ports/calendars.ts';
import type { CalendarProvider } from '../../app/ports/provider.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type { OAuthProviderKind, ProviderFactory } from '../../app/ports/provider-factory.ts';
import type {
  CalendarConnection,
  CalendarConnectionRepository,
  ConnectionSecrets,
} from '../../app/ports/store.ts';
import { RefreshingTokenSource } from '../oauth/token-source.ts';
import { describe } from './calls.ts';

export const LABELS: Record<CalendarConnection['provider'], string> = {
  google: 'Google Calendar',
  microsoft: 'Microsoft 365 calendar',
  caldav: 'CalDAV calendar',
  ics: 'calendar feed',
};

/** The connection's health detail per re-link reason (operators' wording, stored with the status). */
const HEALTH_DETAIL: Readonly<Record<RelinkReason, string>> = {
  password_rejected:
    'the server no longer accepts the saved password (an app-specific password may have been revoked)',
  consent_removed: 'permissions were removed',
  access_revoked: 'access was revoked or expired',
};

export interface ConnectionOpenerDeps {
  readonly connections: CalendarConnectionRepository;
  readonly providers: ProviderFactory;
  readonly notifier: Notifier;
  readonly relinkUrl?: (
    tenantId: string,
    personId: string,
    provider: OAuthProviderKind,
  ) => Promise<string | null>;
  /** A fresh link-page link (LinkPage.relinkUrl) for the re-link DM of a CalDAV connection; null → no link. */
  readonly pageRelinkUrl?: (tenantId: string, personId: string) => Promise<string | null>;
  /**
   * Words the re-link DM in the person's language (src/app/relink-notice.ts, wired by compose: this layer
   * may not import the catalogues). Without it the connection is still marked, but no DM is sent.
   */
  readonly relinkWording?: RelinkWording;
  readonly clock: () => number;
  readonly log?: (line: string) => void;
}

export class ConnectionOpener {
  readonly #deps: ConnectionOpenerDeps;
  readonly #clock: () => number;
  /** Re-link notices already sent, keyed by connection and the dead refresh token's hash. */
  readonly #relinkNoticed = new Map<string, Promise<void>>();

  constructor(deps: ConnectionOpenerDeps) {
    this.#deps = deps;
    this.#clock = deps.clock;
  }

  /** Builds the provider of a connection, with a token source that persists rotations. */
  async open(
    connection: CalendarConnection,
    preloaded?: ConnectionSecrets,
  ): Promise<{ provider: CalendarProvider; grantKey: string }> {
    const secrets = preloaded ?? (await this.#deps.connections.secrets(connection.tenantId, connection.id));
    if (!secrets)
      throw new ProviderError(connection.provider, 'not_found', 'The connection no longer exists');
    if (connection.provider !== 'google' && connection.provider !== 'microsoft') {
      // CalDAV: the grant is the stored password, so a re-linked connection (same row, new password)
      // gets a notice of its own if that password stops working too.
      return {
        provider: this.#deps.providers.forConnection(connection, secrets, null),
        grantKey: grantKeyOf(
          connection.id,
          connection.provider === 'caldav' && secrets.password
            ? `${secrets.username ?? ''}:${secrets.password}`
            : undefined,
        ),
      };
    }
    const oauth = this.#deps.providers.oauth(connection.provider);
    if (!oauth) {
      throw new ProviderError(
        connection.provider,
        'invalid_request',
        `${LABELS[connection.provider]} is not configured on this server`,
      );
    }
    if (!secrets.refreshToken || !secrets.accessToken) {
      throw new ProviderError(
        connection.provider,
        'reauth_required',
        'The stored connection has no OAuth tokens',
      );
    }
    const grantKey = grantKeyOf(connection.id, secrets.refreshToken);
    const tokenSource = new RefreshingTokenSource({
      tokens: {
        accessToken: secrets.accessToken,
        refreshToken: secrets.refreshToken,
        expiresAt: secrets.expiresAt ?? 0,
        ...(secrets.scope ? { scope: secrets.scope } : {}),
      },
      refresh: oauth.refresh,
      clock: this.#clock,
      onTokens: async (tokens) => {
        const next: ConnectionSecrets = { ...secrets, ...tokens };
        const saved = await this.#deps.connections.updateSecrets(connection.tenantId, connection.id, next);
        if (!saved)
          this.#log(`calendar-access: rotated tokens of ${connection.id} not saved (connection gone)`);
      },
      onReauthRequired: (error) => this.needsRelink(connection, error, grantKey),
    });
    return { provider: this.#deps.providers.forConnection(connection, secrets, tokenSource), grantKey };
  }

  /**
   * Marks the connection `reauth_required` and DMs the owner a re-link link, once per dead grant
   * (`grantKey` = connection + hash of the refresh token): the token source and the caller's catch both
   * report the same failure, concurrent reads too; a re-linked connection has a new grant.
   */
  needsRelink(connection: CalendarConnection, error: ProviderError, grantKey: string): Promise<void> {
    const existing = this.#relinkNoticed.get(grantKey);
    if (existing) return existing;
    const notice = this.#sendRelink(connection, error);
    this.#relinkNoticed.set(grantKey, notice);
    return notice;
  }

  async #sendRelink(connection: CalendarConnection, error: ProviderError): Promise<void> {
    const { tenantId, personId } = connection;
    const reason: RelinkReason =
      connection.provider === 'caldav'
        ? 'password_rejected'
        : error.code === 'consent_required'
          ? 'consent_removed'
          : 'access_revoked';
    try {
      // The health detail is for operators (logs, /meet status codes), not the person's DM.
      await this.#deps.connections.setHealth(tenantId, connection.id, {
        status: 'reauth_required',
        detail: `${error.code}: ${HEALTH_DETAIL[reason]}`,
      });
    } catch (cause) {
      this.#log(`calendar-access: could not mark ${connection.id} reauth_required: ${describe(cause)}`);
    }
    const wording = this.#deps.relinkWording;
    if (!wording) {
      this.#log(`calendar-access: re-link DM for ${connection.id} not sent: no wording wired`);
      return;
    }
    const provider = connection.provider;
    let url: string | null = null;
    if ((provider === 'google' || provider === 'microsoft') && this.#deps.relinkUrl) {
      url = await this.#deps.relinkUrl(tenantId, personId, provider).catch(() => null);
    } else if (provider === 'caldav' && this.#deps.pageRelinkUrl) {
      url = await this.#deps.pageRelinkUrl(tenantId, personId).catch(() => null);
    }
    const result = await wording({ tenantId, personId, provider, account: connection.account, reason })
      .then(({ text, linkLabel }) =>
        this.#deps.notifier.dm(
          tenantId,
          personId,
          url ? { text, link: { label: linkLabel, url } } : { text },
        ),
      )
      .catch(() => ({ ok: false as const, code: 'exception' }));
    if (!result.ok) this.#log(`calendar-access: re-link DM for ${connection.id} failed: ${result.code}`);
  }

  #log(line: string): void {
    this.#deps.log?.(line);
  }
}

/** A connection's grant: its id and a hash of its refresh token (a re-linked connection has a new one). */
export function grantKeyOf(connectionId: string, refreshToken?: string): string {
  return `${connectionId}:${refreshToken ? createHash('sha256').update(refreshToken).digest('base64url') : '-'}`;
}

export function isRelinkError(error: unknown): error is ProviderError {
  return (
    error instanceof ProviderError && (error.code === 'reauth_required' || error.code === 'consent_required')
  );
}
