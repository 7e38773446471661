/**
 * Linking a calendar from chat: the bot DMs a link to Convene's own web server
 * (`${publicBaseUrl}/oauth/<provider>/start?state=…`); `/start` sends the browser to the provider's
 * consent screen (PKCE S256, minimum scopes); `/callback` checks the state (signature, expiry, provider,
 * chat identity, single use), exchanges the code, picks the primary calendar for busy times and
 * writing, stores the connection (tokens encrypted by the store) and DMs the owner a confirmation.
 * Unlinking revokes the grant where the provider can and deletes the connection.
 *
 * Expected outcomes are values (`{ ok: false, code, message }`): the message is written for the person
 * in the browser or chat and says what to do next. Tokens never appear in messages or logs.
 */

import type { StateNonceStore } from './link/nonces.ts';
import { LINK_PROVIDERS, type LinkProviderKind, type LinkState, StateSigner } from './link/state.ts';
import type { Notifier } from './ports/calendars.ts';
import { ProviderError } from './ports/provider-errors.ts';
import type { OAuthProviderKind, ProviderFactory } from './ports/provider-factory.ts';
import type {
  AuditLogRepository,
  CalendarConnection,
  CalendarConnectionRepository,
  ChatPlatform,
  PersonRepository,
  WorkspaceRepository,
} from './ports/store.ts';

export type { LinkProviderKind } from './link/state.ts';

export const DEFAULT_STATE_TTL_MS = 15 * 60_000;

export const PROVIDER_LABELS: Readonly<Record<LinkProviderKind, string>> = {
  google: 'Google Calendar',
  microsoft: 'Microsoft 365 calendar',
};

export interface LinkCalendarDeps {
  readonly people: Pick<PersonRepository, 'get' | 'findByIdentity'>;
  /** Names the workspace on the link's confirmation page. */
  readonly workspaces?: Pick<WorkspaceRepository, 'get'>;
  readonly connections: Pick<CalendarConnectionRepository, 'save' | 'get' | 'secrets' | 'remove'>;
  readonly providers: ProviderFactory;
  readonly notifier: Notifier;
  readonly nonces: StateNonceStore;
  /** Convene's public origin (+ optional path prefix), e.g. `https://convene.example.org`. */
  readonly publicBaseUrl: string;
  /** `CONVENE_STATE_SECRET`: at least 32 bytes. */
  readonly stateSecret: string;
  readonly audit?: Pick<AuditLogRepository, 'append'>;
  readonly clock?: () => number;
  readonly stateTtlMs?: number;
  /** Called after a connection is saved (e.g. two-way sync starts watching its calendars). */
  readonly onLinked?: (connection: CalendarConnection) => void;
  /** Called after a connection is deleted (e.g. `CalendarAccess.invalidate`). */
  readonly onUnlinked?: (connectionId: string) => void;
  /** One line per event, no secrets. */
  readonly log?: (line: string) => void;
}

export interface StartLinkInput {
  readonly tenantId: string;
  readonly personId: string;
  readonly chatIdentity: { readonly workspaceId: string; readonly externalUserId: string };
  readonly provider: LinkProviderKind;
}

export type LinkFailureCode =
  | 'unknown_provider'
  | 'provider_not_configured'
  | 'unknown_person'
  | 'unconfirmed'
  | 'invalid_state'
  | 'expired_state'
  | 'replayed_state'
  | 'provider_mismatch'
  | 'other_user'
  | 'access_denied'
  | 'provider_denied'
  | 'missing_code'
  | 'exchange_failed'
  | 'discovery_failed';

export interface LinkFailure {
  readonly ok: false;
  readonly code: LinkFailureCode;
  /** For the person: what happened and how to retry. */
  readonly message: string;
}

export type StartLinkResult =
  | { readonly ok: true; readonly url: string; readonly expiresAt: number }
  | LinkFailure;

export type BeginAuthorizationResult =
  | {
      readonly ok: true;
      /** The provider's consent URL (302 target). */
      readonly redirectUrl: string;
      /** Signed value naming the chat identity, to keep in a cookie until the callback. */
      readonly browserBinding: string;
      readonly expiresAt: number;
      /** How long the binding cookie should live (until the state expires). */
      readonly bindingMaxAgeSeconds: number;
    }
  | LinkFailure;

/** What the link page shows before anything is bound: whose chat identity, in which workspace. */
export type DescribeLinkResult =
  | {
      readonly ok: true;
      readonly provider: LinkProviderKind;
      readonly platform: ChatPlatform | null;
      readonly workspaceName: string | null;
      /** `@handle` when known, else the display name. */
      readonly who: string;
      readonly displayName: string;
      /** Random value for a SameSite=Strict cookie, and the form field that must come back with it. */
      readonly confirmCookie: string;
      readonly confirmField: string;
      readonly expiresAt: number;
      readonly cookieMaxAgeSeconds: number;
    }
  | LinkFailure;

/** The page's confirmation, as the browser posts it back. */
export interface LinkConfirmation {
  /** The cookie set with the page. */
  readonly cookie: string | undefined;
  /** The form's hidden field. */
  readonly field: string | undefined;
}

export interface CompleteAuthorizationInput {
  readonly provider: string;
  readonly state: string | undefined;
  readonly code?: string | undefined;
  /** `error` / `error_description` query parameters from the provider. */
  readonly error?: string | undefined;
  readonly errorDescription?: string | undefined;
  /** The cookie set by `/start`, when the browser sent it back. */
  readonly browserBinding?: string | undefined;
}

export type CompleteAuthorizationResult =
  | {
      readonly ok: true;
      readonly provider: LinkProviderKind;
      readonly connection: CalendarConnection;
      readonly account: string;
      /** The chat identity the link was made for (a follow-up page, e.g. the calendar choice, binds it too). */
      readonly identity: { readonly workspaceId: string; readonly externalUserId: string };
    }
  | LinkFailure;

export interface UnlinkInput {
  readonly tenantId: string;
  readonly personId: string;
  readonly connectionId: string;
}

export type UnlinkResult =
  | {
      readonly ok: true;
      readonly connectionId: string;
      /** `not_supported`: Microsoft (no revocation of delegated refresh tokens); `failed`: deleted anyway. */
      readonly revocation: 'revoked' | 'not_supported' | 'not_applicable' | 'failed';
    }
  /** Unknown connection, or one that is not this person's in this tenant: nothing happened. */
  | { readonly ok: false; readonly code: 'not_found' };

const retryHint =
  'Ask Convene for a new link (for example `/convene link google`) and open it within 15 minutes.';

function failure(code: LinkFailureCode, message: string): LinkFailure {
  return { ok: false, code, message };
}

export class LinkCalendar {
  readonly #deps: LinkCalendarDeps;
  readonly #signer: StateSigner;
  readonly #clock: () => number;
  readonly #ttlMs: number;
  readonly #baseUrl: string;

  constructor(deps: LinkCalendarDeps) {
    this.#deps = deps;
    this.#signer = new StateSigner(deps.stateSecret);
    this.#clock = deps.clock ?? Date.now;
    this.#ttlMs = deps.stateTtlMs ?? DEFAULT_STATE_TTL_MS;
    this.#baseUrl = deps.publicBaseUrl.replace(/\/+$/, '');
  }

  /** Where the provider sends the browser back (must be registered on the OAuth client). */
  redirectUri(provider: LinkProviderKind): string {
    return `${this.#baseUrl}/oauth/${provider}/callback`;
  }

  /** A link to DM to the person: opens Convene's `/start`, which redirects to the provider. */
  async startLink(input: StartLinkInput): Promise<StartLinkResult> {
    if (!LINK_PROVIDERS.includes(input.provider)) {
      return failure('unknown_provider', 'Convene can link Google or Microsoft 365 calendars.');
    }
    if (!this.#deps.providers.oauth(input.provider)) return notConfigured(input.provider);
    const person = await this.#deps.people.findByIdentity(
      input.chatIdentity.workspaceId,
      input.chatIdentity.externalUserId,
    );
    if (!person || person.id !== input.personId || person.tenantId !== input.tenantId) {
      return failure('unknown_person', 'This chat account is not known to Convene in this workspace.');
    }
    const expiresAt = this.#clock() + this.#ttlMs;
    const token = this.#signer.sign({
      tenantId: input.tenantId,
      personId: input.personId,
      workspaceId: input.chatIdentity.workspaceId,
      externalUserId: input.chatIdentity.externalUserId,
      provider: input.provider,
      nonce: StateSigner.nonce(),
      expiresAt,
    });
    const url = new URL(`${this.#baseUrl}/oauth/${input.provider}/start`);
    url.searchParams.set('state', token);
    return { ok: true, url: url.toString(), expiresAt };
  }

  /** A fresh link for a person's first chat identity (re-link DMs); null when none can be made. */
  async relinkUrl(tenantId: string, personId: string, provider: OAuthProviderKind): Promise<string | null> {
    const person = await this.#deps.people.get(tenantId, personId);
    const identity = person?.identities[0];
    if (!identity) return null;
    const result = await this.startLink({
      tenantId,
      personId,
      chatIdentity: { workspaceId: identity.workspaceId, externalUserId: identity.externalUserId },
      provider,
    });
    return result.ok ? result.url : null;
  }

  /**
   * `GET /oauth/<provider>/start`: checks the state and says whose chat identity and which workspace the
   * link binds, for a page the person must confirm (a link forwarded to someone else is not followed
   * blindly). Nothing is bound or consumed here.
   */
  async describeLink(provider: string, stateToken: string | undefined): Promise<DescribeLinkResult> {
    const checked = await this.#checkState(provider, stateToken);
    if (!checked.ok) return checked;
    const { state, kind } = checked;
    if (await this.#deps.nonces.isConsumed(state.nonce, state.tenantId)) return replayed();
    const person = await this.#deps.people.findByIdentity(state.workspaceId, state.externalUserId);
    if (!person || person.id !== state.personId || person.tenantId !== state.tenantId) return otherUser();
    if (!this.#deps.providers.oauth(kind)) return notConfigured(kind);
    const identity = person.identities.find(
      (i) => i.workspaceId === state.workspaceId && i.externalUserId === state.externalUserId,
    );
    const workspace = await this.#deps.workspaces?.get(state.tenantId, state.workspaceId);
    const confirmCookie = StateSigner.browserSecret();
    return {
      ok: true,
      provider: kind,
      platform: identity?.platform ?? null,
      workspaceName: workspace?.name ?? null,
      who: identity?.handle ? `@${identity.handle}` : person.displayName,
      displayName: person.displayName,
      confirmCookie,
      confirmField: this.#signer.confirmation(state.nonce, confirmCookie),
      expiresAt: state.expiresAt,
      cookieMaxAgeSeconds: Math.max(0, Math.floor((state.expiresAt - this.#clock()) / 1000)),
    };
  }

  /**
   * `POST /oauth/<provider>/start`: the person confirmed the page of `describeLink`; checks the state and
   * that confirmation, then returns the provider's consent URL.
   */
  async beginAuthorization(
    provider: string,
    stateToken: string | undefined,
    confirmation: LinkConfirmation,
  ): Promise<BeginAuthorizationResult> {
    const checked = await this.#checkState(provider, stateToken);
    if (!checked.ok) return checked;
    const { state, kind } = checked;
    if (!this.#signer.confirmationMatches(state.nonce, confirmation.cookie, confirmation.field)) {
      return failure(
        'unconfirmed',
        `This link must be confirmed on its own page, in the browser that opened it. Nothing was linked. Open the link again and check whose chat account it names before you continue.`,
      );
    }
    if (await this.#deps.nonces.isConsumed(state.nonce, state.tenantId)) return replayed();
    const mismatch = await this.#checkIdentity(state);
    if (mismatch) return mismatch;
    const oauth = this.#deps.providers.oauth(kind);
    if (!oauth) return notConfigured(kind);
    const redirectUrl = oauth.authorizationUrl({
      state: stateToken as string,
      codeChallenge: this.#signer.pkceChallenge(state.nonce),
      redirectUri: this.redirectUri(kind),
    });
    return {
      ok: true,
      redirectUrl,
      browserBinding: this.#signer.bindIdentity(state),
      expiresAt: state.expiresAt,
      bindingMaxAgeSeconds: Math.max(0, Math.floor((state.expiresAt - this.#clock()) / 1000)),
    };
  }

  /** `/oauth/<provider>/callback`: verifies everything, then exchanges, discovers, stores, confirms. */
  async completeAuthorization(input: CompleteAuthorizationInput): Promise<CompleteAuthorizationResult> {
    if (input.error !== undefined) {
      if (input.error === 'access_denied') {
        return failure(
          'access_denied',
          `You declined access, so no calendar was linked. To link it after all, ${lowerFirst(retryHint)}`,
        );
      }
      this.#log(`link: provider returned error ${sanitize(input.error)}`);
      return failure(
        'provider_denied',
        `The calendar provider refused the request (${sanitize(input.error)}). Nothing was linked. ${retryHint}`,
      );
    }
    const checked = await this.#checkState(input.provider, input.state);
    if (!checked.ok) return checked;
    const { state, kind } = checked;
    if (input.browserBinding !== undefined) {
      const bound = this.#signer.boundIdentity(input.browserBinding);
      if (
        !bound ||
        bound.workspaceId !== state.workspaceId ||
        bound.externalUserId !== state.externalUserId
      ) {
        return otherUser();
      }
    }
    const mismatch = await this.#checkIdentity(state);
    if (mismatch) return mismatch;
    if (!input.code) {
      return failure(
        'missing_code',
        `The provider did not send an authorization code. Nothing was linked. ${retryHint}`,
      );
    }
    const oauth = this.#deps.providers.oauth(kind);
    if (!oauth) return notConfigured(kind);
    // Consume before the exchange: two racing callbacks with one state cannot both proceed.
    if (!(await this.#deps.nonces.consume(state.nonce, state.tenantId, state.expiresAt, this.#clock()))) {
      return replayed();
    }

    let tokens: Awaited<ReturnType<typeof oauth.exchangeCode>>;
    try {
      tokens = await oauth.exchangeCode(
        input.code,
        this.#signer.pkceVerifier(state.nonce),
        this.redirectUri(kind),
      );
    } catch (error) {
      this.#log(`link: ${kind} code exchange failed: ${errorCode(error)}`);
      const hint =
        error instanceof ProviderError && error.code === 'consent_required'
          ? 'Convene needs offline access to your calendar (allow every permission on the consent screen).'
          : 'The sign-in could not be completed.';
      return failure('exchange_failed', `${hint} Nothing was linked. ${retryHint}`);
    }

    let account: string;
    let calendars: Awaited<ReturnType<typeof oauth.discover>>['calendars'];
    try {
      const source = oauth.tokenSource(tokens, this.#clock);
      ({ account, calendars } = await oauth.discover(source));
    } catch (error) {
      this.#log(`link: ${kind} account discovery failed: ${errorCode(error)}`);
      const hint =
        error instanceof ProviderError && error.code === 'consent_required'
          ? 'Convene could not list your calendars: allow every permission on the consent screen.'
          : `Convene could not read your calendar list from ${PROVIDER_LABELS[kind]}.`;
      return failure('discovery_failed', `${hint} Nothing was linked. ${retryHint}`);
    }

    const primary = calendars.find((c) => c.primary) ?? calendars[0];
    if (!primary) {
      return failure(
        'discovery_failed',
        `Your ${PROVIDER_LABELS[kind]} account has no calendar to read. Nothing was linked.`,
      );
    }
    const connection = await this.#deps.connections.save({
      tenantId: state.tenantId,
      personId: state.personId,
      provider: kind,
      account,
      busyCalendarIds: [primary.id],
      writeCalendarId: primary.writable ? primary.id : null,
      secrets: {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: tokens.expiresAt,
        ...(tokens.scope ? { scope: tokens.scope } : {}),
      },
    });
    if (!connection) {
      return failure(
        'unknown_person',
        'Your Convene account no longer exists in this workspace. Nothing was linked.',
      );
    }
    this.#log(`link: ${kind} connection ${connection.id} saved for person ${state.personId}`);
    this.#deps.onLinked?.(connection);
    await this.#deps.audit
      ?.append({
        tenantId: state.tenantId,
        actorId: state.personId,
        actor: `chat:${state.externalUserId}`,
        action: 'calendar.linked',
        target: connection.id,
        details: { provider: kind },
      })
      .catch((error: unknown) => this.#log(`link: audit append failed: ${errorCode(error)}`));
    const dm = await this.#deps.notifier
      .dm(state.tenantId, state.personId, {
        text: `Your ${PROVIDER_LABELS[kind]} (${account}) is linked. Convene will read your free/busy times from "${primary.name}"${primary.writable ? ' and add meetings you book there' : ''}.`,
      })
      .catch(() => ({ ok: false as const, code: 'exception' }));
    if (!dm.ok) this.#log(`link: confirmation DM failed: ${dm.code}`);
    return {
      ok: true,
      provider: kind,
      connection,
      account,
      identity: { workspaceId: state.workspaceId, externalUserId: state.externalUserId },
    };
  }

  /** Revokes the grant at the provider (Google) and deletes the connection. */
  async unlink(input: UnlinkInput): Promise<UnlinkResult> {
    const connection = await this.#deps.connections.get(input.tenantId, input.connectionId);
    if (!connection || connection.personId !== input.personId) return { ok: false, code: 'not_found' };
    let revocation: 'revoked' | 'not_supported' | 'not_applicable' | 'failed' = 'not_applicable';
    if (connection.provider === 'google' || connection.provider === 'microsoft') {
      const oauth = this.#deps.providers.oauth(connection.provider);
      try {
        const secrets = await this.#deps.connections.secrets(input.tenantId, connection.id);
        revocation = oauth && secrets ? await oauth.revoke(secrets) : 'failed';
      } catch (error) {
        // Deleted anyway: the person asked to be unlinked; the grant can still be removed at the provider.
        this.#log(`unlink: ${connection.provider} revoke failed for ${connection.id}: ${errorCode(error)}`);
        revocation = 'failed';
      }
    }
    const removed = await this.#deps.connections.remove(input.tenantId, connection.id);
    if (!removed) return { ok: false, code: 'not_found' };
    this.#deps.onUnlinked?.(connection.id);
    await this.#deps.audit
      ?.append({
        tenantId: input.tenantId,
        actorId: input.personId,
        actor: `person:${input.personId}`,
        action: 'calendar.unlinked',
        target: connection.id,
        details: { provider: connection.provider, revocation },
      })
      .catch((error: unknown) => this.#log(`unlink: audit append failed: ${errorCode(error)}`));
    return { ok: true, connectionId: connection.id, revocation };
  }

  async #checkState(
    provider: string,
    token: string | undefined,
  ): Promise<{ ok: true; state: LinkState; kind: LinkProviderKind } | LinkFailure> {
    if (!isLinkProvider(provider)) {
      return failure('unknown_provider', 'This link names a calendar provider Convene does not know.');
    }
    if (!token)
      return failure('invalid_state', `This link is incomplete (no state). Nothing was linked. ${retryHint}`);
    const checked = this.#signer.verify(token, this.#clock());
    if (!checked.ok) {
      if (checked.reason === 'expired') {
        return failure(
          'expired_state',
          `This link has expired (links are valid for 15 minutes). Nothing was linked. ${retryHint}`,
        );
      }
      return failure(
        'invalid_state',
        `This link is not valid (it was altered or not made by this Convene server). Nothing was linked. ${retryHint}`,
      );
    }
    if (checked.state.provider !== provider) {
      return failure(
        'provider_mismatch',
        `This link was made for ${checked.state.provider === 'page' || checked.state.provider === 'calendars' ? 'the link page' : PROVIDER_LABELS[checked.state.provider]}, not ${PROVIDER_LABELS[provider]}. Nothing was linked. ${retryHint}`,
      );
    }
    return { ok: true, state: checked.state, kind: provider };
  }

  /** The state's chat identity must still be the person it names, in the same tenant. */
  async #checkIdentity(state: LinkState): Promise<LinkFailure | null> {
    const person = await this.#deps.people.findByIdentity(state.workspaceId, state.externalUserId);
    if (!person || person.id !== state.personId || person.tenantId !== state.tenantId) return otherUser();
    return null;
  }

  #log(line: string): void {
    this.#deps.log?.(line);
  }
}

function isLinkProvider(value: string): value is LinkProviderKind {
  return (LINK_PROVIDERS as readonly string[]).includes(value);
}

function notConfigured(kind: LinkProviderKind): LinkFailure {
  return failure(
    'provider_not_configured',
    `${PROVIDER_LABELS[kind]} linking is not set up on this Convene server. Ask your Convene administrator to configure it.`,
  );
}

function replayed(): LinkFailure {
  return failure('replayed_state', `This link was already used. Nothing more was linked. ${retryHint}`);
}

function otherUser(): LinkFailure {
  return failure(
    'other_user',
    `This link was made for another Convene user. Nothing was linked. Ask Convene for your own link (for example \`/convene link google\`).`,
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Provider-supplied error codes are echoed only if they look like codes. */
function sanitize(value: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : 'unknown_error';
}

function errorCode(error: unknown): string {
  if (error instanceof ProviderError)
    return `${error.provider}/${error.code}${error.status ? ` (${error.status})` : ''}`;
  return error instanceof Error ? error.name : 'unknown';
}
