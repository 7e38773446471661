/**
 * Linking a CalDAV account: from a server address or just an e-mail address to the calendars, checked
 * live before anything is saved.
 *
 * Where to start (first that answers like CalDAV wins):
 *  1. the address given (no scheme → https://), or iCloud's / Fastmail's known endpoint for their
 *     e-mail domains;
 *  2. from an e-mail alone: DNS SRV `_caldavs._tcp.<domain>` (+ TXT `path=`), then
 *     `https://<domain>/.well-known/caldav`;
 *  3. for a server without a context path, its `/.well-known/caldav` (redirect followed).
 * Then current-user-principal → calendar-home-set → the home's calendars (name, colour, writable from
 * current-user-privilege-set, VEVENT support), and one calendar-query REPORT on the first calendar.
 * Every request goes through the address guard (../net/user-fetch.ts). Failures are values with stable
 * codes; their wording is the `link.caldav.*` catalogue entries (`key` + `params`).
 * @see https://www.rfc-editor.org/rfc/rfc6764 (discovery)
 * @see https://www.rfc-editor.org/rfc/rfc4791 (CalDAV)  https://www.rfc-editor.org/rfc/rfc5397 (principal)
 */
import { resolveSrv as dnsResolveSrv, resolveTxt as dnsResolveTxt } from 'node:dns/promises';
import { type DAVRequest, type DAVResponse, davRequest } from 'tsdav';
import { DAY } from '../../core/interval.ts';
import { addressPolicy } from '../net/address.ts';
import {
  forbiddenCause,
  type Resolve,
  ResponseTooLargeError,
  sharedUserFetch,
  TooManyRedirectsError,
} from '../net/user-fetch.ts';
import { CalDavHttpError } from './errors.ts';
import {
  calendarQueryBody,
  canWrite,
  childNames,
  componentsOf,
  DAV_NS,
  hrefOf,
  privilegesOf,
  textOf,
} from './mapper.ts';

export const ICLOUD_CALDAV = 'https://caldav.icloud.com/';
export const FASTMAIL_CALDAV = 'https://caldav.fastmail.com/dav/';

export type CalDavService = 'icloud' | 'fastmail' | 'other';

const ICLOUD_DOMAINS = new Set(['icloud.com', 'me.com', 'mac.com']);
const FASTMAIL_DOMAINS = new Set(['fastmail.com', 'fastmail.fm', 'fastmail.cn', 'messagingengine.com']);

export type CalDavLinkErrorCode =
  | 'unauthorized'
  | 'not_caldav'
  | 'certificate'
  | 'timeout'
  | 'unreachable'
  | 'forbidden_address'
  | 'invalid_address';

/** Catalogue key for each code (`link.caldav.*`). */
const KEYS: Record<CalDavLinkErrorCode, string> = {
  unauthorized: 'link.caldav.unauthorized',
  not_caldav: 'link.caldav.notCaldav',
  certificate: 'link.caldav.certificate',
  timeout: 'link.caldav.timeout',
  unreachable: 'link.caldav.unreachable',
  forbidden_address: 'link.caldav.forbiddenAddress',
  invalid_address: 'link.caldav.invalidAddress',
};

export interface CalDavLinkError {
  readonly code: CalDavLinkErrorCode;
  /** The message to show: a `link.caldav.*` catalogue key and its parameters. */
  readonly key: string;
  readonly params: { readonly host: string; readonly service: CalDavService };
  /** For logs: what actually failed. Never shown to the person (may name internal addresses). */
  readonly detail: string;
}

export interface DiscoveredCalendar {
  /** Absolute collection URL: the calendar id. */
  readonly id: string;
  readonly name: string;
  /** `#rrggbb` (alpha dropped) when the server has one. */
  readonly color?: string;
  readonly writable: boolean;
}

export interface DiscoveredCalDav {
  /** What to save as the connection's server address (the context path discovery ended on). */
  readonly serverUrl: string;
  readonly principalUrl: string;
  readonly homeUrl: string;
  readonly service: CalDavService;
  /** Calendars that hold events, sorted by id. */
  readonly calendars: readonly DiscoveredCalendar[];
}

export type CalDavDiscovery =
  | { readonly ok: true; readonly account: DiscoveredCalDav }
  | { readonly ok: false; readonly error: CalDavLinkError };

export interface SrvAnswer {
  readonly name: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

export interface CalDavDiscoveryInput {
  /** A server or calendar address (`https://…`, or a bare host). Either this or `email`. */
  readonly server?: string;
  readonly email?: string;
  readonly username: string;
  readonly password: string;
}

export interface CalDavDiscoveryOptions {
  /** Default: the address guard with `allowedNetworks`/`resolve`. */
  readonly fetch?: typeof fetch;
  readonly allowedNetworks?: readonly string[];
  readonly resolve?: Resolve;
  /** DNS SRV lookup (default `dns.resolveSrv`); no answer → []. */
  readonly resolveSrv?: (name: string) => Promise<readonly SrvAnswer[]>;
  /** DNS TXT lookup for `path=` (default `dns.resolveTxt`). */
  readonly resolveTxt?: (name: string) => Promise<readonly (readonly string[])[]>;
  /** Per request. Default 15 s. */
  readonly timeoutMs?: number;
  readonly now: () => number;
  readonly signal?: AbortSignal;
}

const CALENDAR_PROPS = {
  ...DAV_NS,
  'xmlns:ic': 'http://apple.com/ns/ical/',
} as const;

function body(props: readonly string[], namespaces: Record<string, string> = DAV_NS): unknown {
  return {
    'd:propfind': { _attributes: namespaces, 'd:prop': Object.fromEntries(props.map((p) => [p, {}])) },
  };
}

export function serviceOf(url: URL | string): CalDavService {
  const host = new URL(url).hostname.toLowerCase();
  if (host === 'icloud.com' || host.endsWith('.icloud.com')) return 'icloud';
  if (host === 'fastmail.com' || host.endsWith('.fastmail.com')) return 'fastmail';
  return 'other';
}

class Failure extends Error {
  readonly code: CalDavLinkErrorCode;
  constructor(code: CalDavLinkErrorCode, detail: string) {
    super(detail);
    this.code = code;
  }
}

/** Where discovery may start, most specific first. */
async function startingPoints(
  input: CalDavDiscoveryInput,
  options: CalDavDiscoveryOptions,
): Promise<{ urls: URL[]; label: string }> {
  const server = input.server?.trim();
  if (server) {
    const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `https://${server}`;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Failure('invalid_address', `"${server}" is not an address`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Failure('invalid_address', `"${server}" is not an http(s) address`);
    }
    return { urls: [url], label: url.host };
  }
  const email = input.email?.trim() ?? '';
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? email.slice(at + 1).toLowerCase() : '';
  if (!domain || !/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)) {
    throw new Failure('invalid_address', `"${email}" is neither a server address nor an e-mail address`);
  }
  if (ICLOUD_DOMAINS.has(domain)) return { urls: [new URL(ICLOUD_CALDAV)], label: domain };
  if (FASTMAIL_DOMAINS.has(domain)) return { urls: [new URL(FASTMAIL_CALDAV)], label: domain };
  const urls: URL[] = [];
  const srv = await (options.resolveSrv ?? dnsResolveSrv)(`_caldavs._tcp.${domain}`).catch(() => []);
  const best = [...srv]
    .filter((r) => r.name && r.name !== '.')
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
  if (best) {
    const txt = await (options.resolveTxt ?? dnsResolveTxt)(`_caldavs._tcp.${domain}`).catch(() => []);
    const path = txt
      .map((parts) => parts.join(''))
      .find((entry) => entry.startsWith('path='))
      ?.slice('path='.length);
    const host = best.name.replace(/\.$/, '');
    const origin = `https://${host}${best.port === 443 ? '' : `:${best.port}`}`;
    urls.push(new URL(path?.startsWith('/') ? path : '/.well-known/caldav', origin));
  }
  urls.push(new URL(`https://${domain}/.well-known/caldav`));
  return { urls, label: domain };
}

export async function discoverCalDav(
  input: CalDavDiscoveryInput,
  options: CalDavDiscoveryOptions,
): Promise<CalDavDiscovery> {
  let label = input.server?.trim() || input.email?.trim() || '';
  let service: CalDavService = 'other';
  try {
    if (options.allowedNetworks) addressPolicy(options.allowedNetworks);
    const start = await startingPoints(input, options);
    label = start.label;
    service = serviceOf(start.urls[0]!);
    const session = new Session(input, options);
    let lastFailure: Failure | undefined;
    for (const url of start.urls) {
      try {
        const found = await session.principal(url);
        service = serviceOf(found.context);
        const homeUrl = await session.home(found.principal);
        const calendars = await session.calendars(homeUrl);
        if (calendars[0]) await session.liveCheck(calendars[0].id);
        return {
          ok: true,
          account: {
            serverUrl: found.context,
            principalUrl: found.principal,
            homeUrl,
            service,
            calendars,
          },
        };
      } catch (error) {
        const failure = asFailure(error);
        // Only "nothing CalDAV here" moves on to the next candidate; wrong passwords, refused
        // addresses and certificate errors are the answer.
        if (failure.code !== 'not_caldav' && failure.code !== 'unreachable') throw failure;
        lastFailure = lastFailure?.code === 'not_caldav' ? lastFailure : failure;
      }
    }
    throw lastFailure ?? new Failure('not_caldav', 'no candidate address');
  } catch (error) {
    const failure = asFailure(error);
    return {
      ok: false,
      error: {
        code: failure.code,
        key: KEYS[failure.code],
        params: { host: label, service },
        detail: failure.message,
      },
    };
  }
}

class Session {
  readonly #options: CalDavDiscoveryOptions;
  readonly #fetch: typeof fetch;
  readonly #authorization: string;

  constructor(input: CalDavDiscoveryInput, options: CalDavDiscoveryOptions) {
    this.#options = options;
    this.#fetch =
      options.fetch ??
      sharedUserFetch({
        ...(options.allowedNetworks ? { allowedNetworks: options.allowedNetworks } : {}),
        ...(options.resolve ? { resolve: options.resolve } : {}),
      });
    this.#authorization = `Basic ${Buffer.from(`${input.username}:${input.password}`).toString('base64')}`;
  }

  /**
   * The principal, from `url` itself or, when it names none, from its origin's `/.well-known/caldav`.
   * The well-known answer is a redirect to the context path; the principal is asked there.
   */
  async principal(url: URL): Promise<{ context: string; principal: string }> {
    const atUrl = await this.#principalAt(url.href).catch((error: unknown) => {
      // A website (HTML, 404, 405) may still point to its CalDAV server from /.well-known/caldav.
      if (asFailure(error).code === 'not_caldav') return { context: url.href, principal: undefined };
      throw error;
    });
    if (atUrl.principal) return { context: atUrl.context, principal: atUrl.principal };
    if (url.pathname === '/.well-known/caldav') throw new Failure('not_caldav', `${url.href}: no principal`);
    const wellKnown = await this.#principalAt(new URL('/.well-known/caldav', url).href).catch((error) => {
      throw asFailure(error).code === 'not_caldav'
        ? new Failure('not_caldav', `${url.href}: no principal`)
        : error;
    });
    if (!wellKnown.principal) throw new Failure('not_caldav', `${url.href}: no principal`);
    return { context: wellKnown.context, principal: wellKnown.principal };
  }

  async #principalAt(url: string): Promise<{ context: string; principal?: string }> {
    const { responses, finalUrl } = await this.#propfind(url, '0', body(['d:current-user-principal']));
    const href = hrefOf(responses[0]?.props?.currentUserPrincipal);
    return href ? { context: finalUrl, principal: new URL(href, finalUrl).href } : { context: finalUrl };
  }

  async home(principal: string): Promise<string> {
    const { responses, finalUrl } = await this.#propfind(principal, '0', body(['c:calendar-home-set']));
    const href = hrefOf(responses[0]?.props?.calendarHomeSet);
    if (!href) throw new Failure('not_caldav', `${principal}: no calendar-home-set`);
    return new URL(href, finalUrl).href;
  }

  async calendars(home: string): Promise<DiscoveredCalendar[]> {
    const { responses, finalUrl } = await this.#propfind(
      home,
      '1',
      body(
        [
          'd:resourcetype',
          'd:displayname',
          'ic:calendar-color',
          'd:current-user-privilege-set',
          'c:supported-calendar-component-set',
        ],
        CALENDAR_PROPS,
      ),
    );
    const calendars: DiscoveredCalendar[] = [];
    for (const response of responses) {
      const href = hrefOf(response.href);
      const props = response.props ?? {};
      if (!response.ok || !href || !childNames(props.resourcetype).includes('calendar')) continue;
      const components = componentsOf(props.supportedCalendarComponentSet);
      if (components && !components.includes('VEVENT')) continue;
      const id = new URL(href, finalUrl).href;
      const color = colorOf(textOf(props.calendarColor));
      calendars.push({
        id,
        name: textOf(props.displayname) || decodeURIComponent(id.replace(/\/$/, '').split('/').pop() ?? id),
        ...(color ? { color } : {}),
        writable: canWrite(privilegesOf(props.currentUserPrivilegeSet)),
      });
    }
    return calendars.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** One real calendar-query over the next day: the credentials can read events, not only list. */
  async liveCheck(calendarId: string): Promise<void> {
    const start = this.#options.now();
    await this.#dav(calendarId, {
      method: 'REPORT',
      headers: { depth: '1' },
      namespace: 'd',
      body: calendarQueryBody({ start, end: start + DAY }),
    } as DAVRequest);
  }

  async #propfind(
    url: string,
    depth: '0' | '1',
    requestBody: unknown,
  ): Promise<{ responses: DAVResponse[]; finalUrl: string }> {
    let finalUrl = url;
    const responses = await this.#dav(
      url,
      { method: 'PROPFIND', headers: { depth }, body: requestBody } as DAVRequest,
      (final) => {
        finalUrl = final;
      },
    );
    return { responses, finalUrl };
  }

  async #dav(url: string, init: DAVRequest, onFinal?: (url: string) => void): Promise<DAVResponse[]> {
    const send = (async (input: string | URL | Request, requestInit?: RequestInit) => {
      const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 15_000);
      const signal = this.#options.signal ? AbortSignal.any([this.#options.signal, timeout]) : timeout;
      const headers = new Headers(requestInit?.headers);
      headers.set('authorization', this.#authorization);
      let response = await this.#fetch(String(input), { ...requestInit, headers, signal });
      // A redirect to another host drops the credentials (the guard does). RFC 6764 has the client
      // authenticate where /.well-known/caldav leads: ask again there, once, never over a downgrade to http.
      const downgrade = String(input).startsWith('https:') && response.url.startsWith('http:');
      if (response.status === 401 && response.redirected && response.url !== String(input) && !downgrade) {
        await response.body?.cancel();
        response = await this.#fetch(response.url, { ...requestInit, headers, signal });
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        throw new Failure('unauthorized', `${init.method} ${String(input)} answered HTTP ${response.status}`);
      }
      if (response.status !== 207 && !(response.ok && init.method === 'PROPFIND' && isXml(response))) {
        await response.body?.cancel();
        if (response.status >= 500)
          throw new CalDavHttpError(init.method ?? 'PROPFIND', response.status, null, 0);
        throw new Failure('not_caldav', `${init.method} ${String(input)} answered HTTP ${response.status}`);
      }
      onFinal?.(response.url || String(input));
      return response;
    }) as typeof fetch;
    try {
      return await davRequest({ url, init: { ...init, headers: { ...init.headers } }, fetch: send });
    } catch (error) {
      if (error instanceof Failure || forbiddenCause(error) || isTransport(error)) throw error;
      // tsdav could not read the answer as a WebDAV multistatus.
      throw new Failure('not_caldav', `${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function isXml(response: Response): boolean {
  return /xml/i.test(response.headers.get('content-type') ?? '');
}

function isTransport(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    error instanceof CalDavHttpError ||
    error instanceof TooManyRedirectsError ||
    error instanceof ResponseTooLargeError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

/** Apple stores `#RRGGBBAA`; the link page shows `#rrggbb`. */
function colorOf(value: string | undefined): string | undefined {
  const match = value?.trim().match(/^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/i);
  return match ? `#${match[1]!.toLowerCase()}` : undefined;
}

const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function asFailure(error: unknown): Failure {
  if (error instanceof Failure) return error;
  const forbidden = forbiddenCause(error);
  if (forbidden) {
    return new Failure(
      forbidden.reason === 'address' ? 'forbidden_address' : 'invalid_address',
      forbidden.message,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CERTIFICATE_CODES.has(code))
      return new Failure('certificate', `${code}: ${e.message}`);
    if (
      e.name === 'TimeoutError' ||
      code === 'UND_ERR_CONNECT_TIMEOUT' ||
      code === 'UND_ERR_HEADERS_TIMEOUT'
    ) {
      return new Failure('timeout', message);
    }
  }
  if (error instanceof ResponseTooLargeError) return new Failure('not_caldav', message);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return new Failure('unreachable', `${message}${cause}`);
}
