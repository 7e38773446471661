/**
 * Convene's link page: the DM link (`<base>/link?state=…`, the same signed, expiring, single-use,
 * identity-bound state as OAuth linking, kind `page`) opens a page naming the chat identity and
 * workspace it binds and offering every calendar kind this server supports:
 *
 *  - Google / Microsoft 365 (only when configured): a form posting to `/oauth/<provider>/start` with a
 *    fresh OAuth state for the same identity, so the OAuth flow of link-calendar.ts runs unchanged;
 *  - Apple iCloud and any CalDAV server (unless `CONVENE_LINK_CALDAV=0`): address or e-mail, username and
 *    app-specific password posted over the page (never chat) → discovery with a live check → the
 *    credentials saved in the connection's secrets (sealed by the store like OAuth tokens);
 *  - an ICS feed (unless `CONVENE_LINK_ICS=0`): fetched and validated, saved read-only.
 *
 * The forms carry a double-submit confirmation (a SameSite=Strict cookie and a MAC of the state's nonce
 * and that cookie), so only a POST from the page this browser was shown passes. A failed attempt (wrong
 * password…) leaves the link usable; a successful one consumes it. Results are codes and messages
 * (`Msg`); the page words them in the reader's language.
 */

import {
  type AccountView,
  CHOICE_ERROR_KEYS,
  type ChooseCalendarsInput,
  type ChooseCalendarsResult,
  type ListAccountsResult,
  MAX_CALENDARS_SHOWN,
} from '../calendar-choice.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { type Locale, type Msg, msg, t, toLocale } from '../i18n/index.ts';
import type { CalendarLinkProbes, LinkableCalendar } from '../ports/calendar-link.ts';
import type { Notifier } from '../ports/calendars.ts';
import type { OAuthProviderKind } from '../ports/provider-factory.ts';
import type {
  AuditLogRepository,
  CalendarConnection,
  CalendarConnectionRepository,
  ChatPlatform,
  PersonRepository,
  PreferencesRepository,
  WorkspaceRepository,
} from '../ports/store.ts';
import type { StateNonceStore } from './nonces.ts';
import { type LinkState, StateSigner } from './state.ts';

export const PAGE_STATE_TTL_MS = 15 * 60_000;

/** The kinds a page can offer, in the order it shows them. */
export type LinkPageKind = 'google' | 'microsoft' | 'icloud' | 'caldav' | 'ics';

export interface LinkPageSettings {
  /** CalDAV (iCloud and any server) offered: default true (`CONVENE_LINK_CALDAV=0` turns it off). */
  readonly caldav: boolean;
  /** ICS feeds offered: default true (`CONVENE_LINK_ICS=0`). */
  readonly ics: boolean;
}

export interface LinkPageDeps {
  readonly people: Pick<PersonRepository, 'get' | 'findByIdentity'>;
  readonly workspaces?: Pick<WorkspaceRepository, 'get'>;
  readonly preferences?: Pick<PreferencesRepository, 'get'>;
  readonly connections: Pick<CalendarConnectionRepository, 'save'>;
  readonly nonces: StateNonceStore;
  readonly notifier: Notifier;
  readonly probes: CalendarLinkProbes;
  /** Whether an OAuth provider is configured (Google/Microsoft appear only then). */
  readonly oauthConfigured: (kind: OAuthProviderKind) => boolean;
  readonly settings: LinkPageSettings;
  readonly publicBaseUrl: string;
  readonly stateSecret: string;
  readonly audit?: Pick<AuditLogRepository, 'append'>;
  readonly clock?: () => number;
  readonly stateTtlMs?: number;
  readonly onLinked?: (connection: CalendarConnection) => void;
  readonly log?: (line: string) => void;
  /**
   * The calendar choice (src/app/calendar-choice.ts): with it, a successful link offers a form to choose
   * the busy calendars and the one that receives new meetings (`POST /link/calendars`).
   */
  readonly choice?: {
    choose(input: ChooseCalendarsInput): Promise<ChooseCalendarsResult>;
    list(input: { tenantId: string; personId: string }): Promise<ListAccountsResult>;
  };
}

export type LinkPageFailureCode =
  | 'invalid_state'
  | 'expired_state'
  | 'replayed_state'
  | 'other_user'
  | 'unknown_person'
  | 'unconfirmed'
  | 'kind_disabled'
  | 'missing_field'
  | 'caldav_failed'
  | 'ics_failed'
  | 'no_calendars'
  | 'choice_refused';

export interface LinkPageFailure {
  readonly ok: false;
  readonly code: LinkPageFailureCode;
  readonly message: Msg;
  /** The link can still be used (show the page again with the message). */
  readonly retry: boolean;
  /** The link's reader language, when the state named a known person. */
  readonly locale?: Locale;
  /** What failed, for logs (never shown). */
  readonly detail?: string;
  /** A refused calendar choice: the account as it stands, to show the form again. */
  readonly account?: AccountView;
}

export interface PageOAuthForm {
  readonly action: string;
  readonly state: string;
  readonly confirm: string;
}

export type DescribePageResult =
  | {
      readonly ok: true;
      readonly locale: Locale | null;
      readonly platform: ChatPlatform | null;
      readonly workspaceName: string | null;
      readonly who: string;
      readonly displayName: string;
      readonly kinds: readonly LinkPageKind[];
      /** The forms of the OAuth kinds (a fresh state each, confirmed with the same cookie). */
      readonly oauth: Partial<Record<OAuthProviderKind, PageOAuthForm>>;
      readonly confirmCookie: string;
      readonly confirmField: string;
      readonly cookieMaxAgeSeconds: number;
    }
  | LinkPageFailure;

export interface PageConfirmation {
  readonly state: string | undefined;
  readonly cookie: string | undefined;
  readonly field: string | undefined;
}

export interface LinkCalDavInput extends PageConfirmation {
  /** iCloud: the server is Apple's, the username the Apple ID. */
  readonly service: 'icloud' | 'other';
  /** A server address or an e-mail address. */
  readonly address: string | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
}

export interface LinkIcsInput extends PageConfirmation {
  readonly url: string | undefined;
}

/** The calendar-choice form of a page: a single-use state of kind `calendars`, confirmed by the page's cookie. */
export interface PageChoiceForm {
  readonly state: string;
  readonly confirm: string;
  /** Seconds the form stays valid (the page cookie is renewed for as long). */
  readonly maxAgeSeconds: number;
}

export type LinkPageSuccess = {
  readonly ok: true;
  readonly kind: 'caldav' | 'ics';
  readonly locale: Locale | null;
  readonly connection: CalendarConnection;
  readonly account: string;
  /** At most `MAX_CALENDARS_SHOWN` (`hidden` more). */
  readonly calendars: readonly LinkableCalendar[];
  readonly hidden: number;
  /** The form choosing this account's calendars (absent when the server has no calendar choice). */
  readonly choice?: PageChoiceForm;
};

export interface ChooseOnPageInput extends PageConfirmation {
  readonly connectionId: string | undefined;
  readonly busy: readonly string[];
  /** The calendar that receives new meetings; '' or absent: none of this account's. */
  readonly write: string | undefined;
}

export type ChooseOnPageResult =
  | {
      readonly ok: true;
      readonly locale: Locale | null;
      readonly account: AccountView;
      readonly writeMovedFrom: string | null;
    }
  | LinkPageFailure;

export type LinkPageResult = LinkPageSuccess | LinkPageFailure;

export const ICLOUD_SERVER = 'https://caldav.icloud.com/';

function failure(
  code: LinkPageFailureCode,
  key: MessageKey,
  options: { retry?: boolean; params?: Readonly<Record<string, string | number>>; detail?: string } = {},
): LinkPageFailure {
  return {
    ok: false,
    code,
    message: msg(key, options.params),
    retry: options.retry ?? false,
    ...(options.detail ? { detail: options.detail } : {}),
  };
}

export class LinkPage {
  readonly #deps: LinkPageDeps;
  readonly #signer: StateSigner;
  readonly #clock: () => number;
  readonly #baseUrl: string;

  constructor(deps: LinkPageDeps) {
    this.#deps = deps;
    this.#signer = new StateSigner(deps.stateSecret);
    this.#clock = deps.clock ?? Date.now;
    this.#baseUrl = deps.publicBaseUrl.replace(/\/+$/, '');
  }

  /** The kinds this server offers (OAuth ones only when configured). */
  kinds(): LinkPageKind[] {
    const out: LinkPageKind[] = [];
    if (this.#deps.oauthConfigured('google')) out.push('google');
    if (this.#deps.oauthConfigured('microsoft')) out.push('microsoft');
    if (this.#deps.settings.caldav) out.push('icloud', 'caldav');
    if (this.#deps.settings.ics) out.push('ics');
    return out;
  }

  /** The link to DM: `<base>/link?state=…`; null when the identity is not this person's. */
  async startLink(input: {
    tenantId: string;
    personId: string;
    chatIdentity: { workspaceId: string; externalUserId: string };
  }): Promise<{ ok: true; url: string; expiresAt: number } | { ok: false; code: 'unknown_person' }> {
    const person = await this.#deps.people.findByIdentity(
      input.chatIdentity.workspaceId,
      input.chatIdentity.externalUserId,
    );
    if (!person || person.id !== input.personId || person.tenantId !== input.tenantId) {
      return { ok: false, code: 'unknown_person' };
    }
    const expiresAt = this.#clock() + (this.#deps.stateTtlMs ?? PAGE_STATE_TTL_MS);
    const token = this.#signer.sign({
      tenantId: input.tenantId,
      personId: input.personId,
      workspaceId: input.chatIdentity.workspaceId,
      externalUserId: input.chatIdentity.externalUserId,
      provider: 'page',
      nonce: StateSigner.nonce(),
      expiresAt,
    });
    const url = new URL(`${this.#baseUrl}/link`);
    url.searchParams.set('state', token);
    return { ok: true, url: url.toString(), expiresAt };
  }

  /**
   * A fresh link for a person's first chat identity, for re-link DMs (a CalDAV password the server no
   * longer accepts); null when none can be made.
   */
  async relinkUrl(tenantId: string, personId: string): Promise<string | null> {
    const person = await this.#deps.people.get(tenantId, personId);
    const identity = person?.identities[0];
    if (!identity) return null;
    const result = await this.startLink({
      tenantId,
      personId,
      chatIdentity: { workspaceId: identity.workspaceId, externalUserId: identity.externalUserId },
    });
    return result.ok ? result.url : null;
  }

  /** `GET /link?state=…`: whose link, and the forms of every kind offered. Nothing is bound here. */
  async describe(stateToken: string | undefined): Promise<DescribePageResult> {
    const checked = await this.#check(stateToken);
    if (!checked.ok) return checked;
    const { state, locale, platform, who, displayName } = checked;
    const workspace = await this.#deps.workspaces?.get(state.tenantId, state.workspaceId);
    const confirmCookie = StateSigner.browserSecret();
    const kinds = this.kinds();
    const oauth: Partial<Record<OAuthProviderKind, PageOAuthForm>> = {};
    for (const kind of ['google', 'microsoft'] as const) {
      if (!kinds.includes(kind)) continue;
      // A state of its own for the provider, same identity and expiry: /oauth/<kind>/start checks it
      // with the same confirmation cookie (set for /oauth too), then sends the browser to the consent screen.
      const nonce = StateSigner.nonce();
      oauth[kind] = {
        action: `/oauth/${kind}/start`,
        state: this.#signer.sign({ ...state, provider: kind, nonce }),
        confirm: this.#signer.confirmation(nonce, confirmCookie),
      };
    }
    return {
      ok: true,
      locale,
      platform,
      workspaceName: workspace?.name ?? null,
      who,
      displayName,
      kinds,
      oauth,
      confirmCookie,
      confirmField: this.#signer.confirmation(state.nonce, confirmCookie),
      cookieMaxAgeSeconds: Math.max(0, Math.floor((state.expiresAt - this.#clock()) / 1000)),
    };
  }

  /** `POST /link/caldav`: discovery, live check, then the connection (credentials sealed by the store). */
  async linkCalDav(input: LinkCalDavInput): Promise<LinkPageResult> {
    const confirmed = await this.#confirmed(input);
    if (!confirmed.ok) return confirmed;
    const { state, locale } = confirmed;
    const withLocale = (f: LinkPageFailure): LinkPageFailure => (locale ? { ...f, locale } : f);
    if (!this.#deps.settings.caldav) return withLocale(failure('kind_disabled', 'link.page.disabled'));
    const address = input.address?.trim() ?? '';
    const password = input.password ?? '';
    let username = input.username?.trim() ?? '';
    if (input.service === 'icloud' && !username) username = address;
    if (!username && address.includes('@') && !address.includes('/')) username = address;
    if ((!address && input.service !== 'icloud') || !username || !password) {
      return withLocale(failure('missing_field', 'link.page.missingField', { retry: true }));
    }
    const isEmail = /^[^\s/@]+@[^\s/@]+$/.test(address);
    const probe = await this.#deps.probes.discoverCalDav({
      ...(input.service === 'icloud'
        ? { server: ICLOUD_SERVER }
        : isEmail
          ? { email: address }
          : { server: address }),
      username,
      password,
    });
    if (!probe.ok) {
      this.#log(`link-page: caldav discovery failed: ${probe.error.code} (${probe.error.detail})`);
      return withLocale({
        ok: false,
        code: 'caldav_failed',
        message: msg(probe.error.key as MessageKey, probe.error.params),
        retry: true,
        detail: probe.error.code,
      });
    }
    const calendars = probe.account.calendars;
    if (calendars.length === 0) {
      return withLocale(
        failure('no_calendars', 'link.page.noCalendars', {
          retry: true,
          params: { host: hostOf(probe.account.serverUrl) },
        }),
      );
    }
    // Default: the person's own calendars (those they can write) count as busy; the first writable
    // receives new meetings. Read-only calendars (subscriptions, others' shares) are left out unless
    // there is nothing else.
    const own = calendars.filter((c) => c.writable);
    const busy = (own.length > 0 ? own : calendars).map((c) => c.id);
    const write = own[0]?.id ?? null;
    if (!(await this.#consume(state))) return withLocale(replayed());
    const connection = await this.#deps.connections.save({
      tenantId: state.tenantId,
      personId: state.personId,
      provider: 'caldav',
      account: probe.account.serverUrl,
      busyCalendarIds: busy,
      writeCalendarId: write,
      secrets: { username, password },
    });
    if (!connection) return withLocale(failure('unknown_person', 'link.page.otherUser'));
    await this.#linked(state, connection, 'caldav');
    const primary = calendars.find((c) => c.id === (write ?? busy[0]));
    const label = input.service === 'icloud' ? 'Apple iCloud' : hostOf(probe.account.serverUrl);
    await this.#dm(state, locale, 'link.dm.caldav', {
      account: label,
      calendar: primary?.name ?? '',
      count: busy.length,
      writes: write ? 'yes' : 'no',
    });
    return {
      ok: true,
      kind: 'caldav',
      locale,
      connection,
      account: label,
      ...this.#shown(calendars),
      ...this.#choiceForm(state, input.cookie),
    };
  }

  /** `POST /link/ics`: fetched and validated before it is saved, read-only. */
  async linkIcs(input: LinkIcsInput): Promise<LinkPageResult> {
    const confirmed = await this.#confirmed(input);
    if (!confirmed.ok) return confirmed;
    const { state, locale } = confirmed;
    const withLocale = (f: LinkPageFailure): LinkPageFailure => (locale ? { ...f, locale } : f);
    if (!this.#deps.settings.ics) return withLocale(failure('kind_disabled', 'link.page.disabled'));
    const url = input.url?.trim() ?? '';
    if (!url) return withLocale(failure('missing_field', 'link.page.missingField', { retry: true }));
    const probe = await this.#deps.probes.validateIcs(url);
    if (!probe.ok) {
      this.#log(`link-page: ics validation failed: ${probe.error.code} (${probe.error.detail})`);
      return withLocale({
        ok: false,
        code: 'ics_failed',
        message: msg(probe.error.key as MessageKey, probe.error.params),
        retry: true,
        detail: probe.error.code,
      });
    }
    if (!(await this.#consume(state))) return withLocale(replayed());
    const connection = await this.#deps.connections.save({
      tenantId: state.tenantId,
      personId: state.personId,
      provider: 'ics',
      account: probe.feed.url,
      busyCalendarIds: [probe.feed.url],
      writeCalendarId: null,
      secrets: {},
    });
    if (!connection) return withLocale(failure('unknown_person', 'link.page.otherUser'));
    await this.#linked(state, connection, 'ics');
    const name = probe.feed.name ?? hostOf(probe.feed.url);
    await this.#dm(state, locale, 'link.dm.ics', { name });
    return {
      ok: true,
      kind: 'ics',
      locale,
      connection,
      account: name,
      calendars: [{ id: probe.feed.url, name, writable: false }],
      hidden: 0,
      ...this.#choiceForm(state, input.cookie),
    };
  }

  /**
   * `POST /link/calendars`: the choice made on the page after a link (state of kind `calendars`, the
   * page's cookie and MAC). A refused choice (a read-only meeting calendar…) leaves the form usable; a
   * saved one consumes the state.
   */
  async chooseCalendars(input: ChooseOnPageInput): Promise<ChooseOnPageResult> {
    const confirmed = await this.#confirmed(input, 'calendars');
    if (!confirmed.ok) return confirmed;
    const { state, locale } = confirmed;
    const withLocale = (f: LinkPageFailure): LinkPageFailure => (locale ? { ...f, locale } : f);
    const choice = this.#deps.choice;
    if (!choice || !input.connectionId) return withLocale(failure('missing_field', 'link.page.missingField'));
    const who = { tenantId: state.tenantId, personId: state.personId };
    const result = await choice.choose({
      ...who,
      connectionId: input.connectionId,
      busy: input.busy,
      write: input.write ? input.write : null,
      actor: `link-page:${state.externalUserId}`,
    });
    if (!result.ok) {
      const listed = await choice.list(who);
      const account = listed.accounts.find((a) => a.connectionId === input.connectionId);
      return withLocale({
        ...failure('choice_refused', CHOICE_ERROR_KEYS[result.code], {
          retry: account !== undefined && account.calendars !== null,
          params: result.params,
          detail: result.code,
        }),
        ...(account ? { account } : {}),
      });
    }
    if (!(await this.#consume(state))) return withLocale(replayed());
    return { ok: true, locale, account: result.account, writeMovedFrom: result.writeMovedFrom };
  }

  /**
   * The calendar choice of one account as a page of its own (after an OAuth link, whose result page is
   * not this one): `<base>/link/calendars?state=…&account=<id>`, a single-use state of kind `calendars`
   * bound to the chat identity. Null without a calendar choice.
   */
  choiceLink(input: {
    tenantId: string;
    personId: string;
    workspaceId: string;
    externalUserId: string;
    connectionId: string;
  }): string | null {
    if (!this.#deps.choice) return null;
    const token = this.#signer.sign({
      tenantId: input.tenantId,
      personId: input.personId,
      workspaceId: input.workspaceId,
      externalUserId: input.externalUserId,
      provider: 'calendars',
      nonce: StateSigner.nonce(),
      expiresAt: this.#clock() + (this.#deps.stateTtlMs ?? PAGE_STATE_TTL_MS),
    });
    const url = new URL(`${this.#baseUrl}/link/calendars`);
    url.searchParams.set('state', token);
    url.searchParams.set('account', input.connectionId);
    return url.toString();
  }

  /** `GET /link/calendars?state=…&account=…`: the account's calendars and a fresh confirmation cookie. */
  async describeChoice(
    token: string | undefined,
    connectionId: string | undefined,
  ): Promise<
    | {
        ok: true;
        locale: Locale | null;
        account: AccountView;
        form: PageChoiceForm;
        confirmCookie: string;
      }
    | LinkPageFailure
  > {
    const checked = await this.#check(token, 'calendars');
    if (!checked.ok) return checked;
    const { state, locale } = checked;
    const withLocale = (f: LinkPageFailure): LinkPageFailure => (locale ? { ...f, locale } : f);
    const listed = this.#deps.choice
      ? await this.#deps.choice.list({ tenantId: state.tenantId, personId: state.personId })
      : null;
    const account = listed?.accounts.find((a) => a.connectionId === connectionId);
    if (!account) return withLocale(failure('choice_refused', 'calendars.error.unknownAccount'));
    if (!account.calendars)
      return withLocale(
        failure('choice_refused', 'calendars.error.unavailable', { params: { account: account.account } }),
      );
    const confirmCookie = StateSigner.browserSecret();
    return {
      ok: true,
      locale,
      account,
      confirmCookie,
      form: {
        state: token!,
        confirm: this.#signer.confirmation(state.nonce, confirmCookie),
        maxAgeSeconds: Math.max(0, Math.floor((state.expiresAt - this.#clock()) / 1000)),
      },
    };
  }

  /** Whether `token` is a usable choice form state of this person (for showing the form again). */
  async choiceFormFor(token: string | undefined, cookie: string | undefined): Promise<PageChoiceForm | null> {
    const checked = await this.#check(token, 'calendars');
    if (!checked.ok || !token || !cookie) return null;
    return {
      state: token,
      confirm: this.#signer.confirmation(checked.state.nonce, cookie),
      maxAgeSeconds: Math.max(0, Math.floor((checked.state.expiresAt - this.#clock()) / 1000)),
    };
  }

  /** The calendars a page shows (bounded). */
  #shown(calendars: readonly LinkableCalendar[]): { calendars: LinkableCalendar[]; hidden: number } {
    return {
      calendars: calendars.slice(0, MAX_CALENDARS_SHOWN),
      hidden: Math.max(0, calendars.length - MAX_CALENDARS_SHOWN),
    };
  }

  /** A fresh single-use state of kind `calendars` for the same identity, confirmed by the same cookie. */
  #choiceForm(state: LinkState, cookie: string | undefined): { choice?: PageChoiceForm } {
    if (!this.#deps.choice || !cookie) return {};
    const ttl = this.#deps.stateTtlMs ?? PAGE_STATE_TTL_MS;
    const nonce = StateSigner.nonce();
    const token = this.#signer.sign({
      ...state,
      provider: 'calendars',
      nonce,
      expiresAt: this.#clock() + ttl,
    });
    return {
      choice: {
        state: token,
        confirm: this.#signer.confirmation(nonce, cookie),
        maxAgeSeconds: Math.floor(ttl / 1000),
      },
    };
  }

  async #check(
    token: string | undefined,
    kind: 'page' | 'calendars' = 'page',
  ): Promise<
    | {
        ok: true;
        state: LinkState;
        locale: Locale | null;
        platform: ChatPlatform | null;
        who: string;
        displayName: string;
      }
    | LinkPageFailure
  > {
    if (!token) return failure('invalid_state', 'link.page.invalid');
    const checked = this.#signer.verify(token, this.#clock());
    if (!checked.ok) {
      return checked.reason === 'expired'
        ? failure('expired_state', 'link.page.expired')
        : failure('invalid_state', 'link.page.invalid');
    }
    const state = checked.state;
    if (state.provider !== kind) return failure('invalid_state', 'link.page.invalid');
    const person = await this.#deps.people.findByIdentity(state.workspaceId, state.externalUserId);
    if (!person || person.id !== state.personId || person.tenantId !== state.tenantId) {
      return failure('other_user', 'link.page.otherUser');
    }
    const prefs = await this.#deps.preferences?.get(state.tenantId, state.personId);
    const locale = prefs ? toLocale(prefs.locale) : null;
    if (await this.#deps.nonces.isConsumed(state.nonce, state.tenantId)) {
      return { ...replayed(), ...(locale ? { locale } : {}) };
    }
    const identity = person.identities.find(
      (i) => i.workspaceId === state.workspaceId && i.externalUserId === state.externalUserId,
    );
    return {
      ok: true,
      state,
      locale,
      platform: identity?.platform ?? null,
      who: identity?.handle ? `@${identity.handle}` : person.displayName,
      displayName: person.displayName,
    };
  }

  async #confirmed(
    input: PageConfirmation,
    kind: 'page' | 'calendars' = 'page',
  ): Promise<{ ok: true; state: LinkState; locale: Locale | null } | LinkPageFailure> {
    const checked = await this.#check(input.state, kind);
    if (!checked.ok) return checked;
    if (!this.#signer.confirmationMatches(checked.state.nonce, input.cookie, input.field)) {
      return {
        ...failure('unconfirmed', 'link.page.unconfirmed'),
        ...(checked.locale ? { locale: checked.locale } : {}),
      };
    }
    return { ok: true, state: checked.state, locale: checked.locale };
  }

  async #consume(state: LinkState): Promise<boolean> {
    return this.#deps.nonces.consume(state.nonce, state.tenantId, state.expiresAt, this.#clock());
  }

  async #linked(state: LinkState, connection: CalendarConnection, kind: 'caldav' | 'ics'): Promise<void> {
    this.#log(`link-page: ${kind} connection ${connection.id} saved for person ${state.personId}`);
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
      .catch(() => this.#log('link-page: audit append failed'));
  }

  async #dm(
    state: LinkState,
    locale: Locale | null,
    key: MessageKey,
    params: Record<string, string | number>,
  ): Promise<void> {
    const sent = await this.#deps.notifier
      .dm(state.tenantId, state.personId, { text: t(locale ?? 'en', key, params) })
      .catch(() => ({ ok: false as const, code: 'exception' }));
    if (!sent.ok) this.#log(`link-page: confirmation DM failed: ${sent.code}`);
  }

  #log(line: string): void {
    this.#deps.log?.(line);
  }
}

function replayed(): LinkPageFailure {
  return failure('replayed_state', 'link.page.used');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
