/**
 * `fetch` for addresses a person typed (a CalDAV server, an ICS feed) and every redirect they lead to:
 * server-side request forgery guard.
 *  - only http(s); `webcal://` is rewritten to `https://` (`userUrl`);
 *  - the host is resolved here and each address classified (./address.ts): loopback, private, link-local,
 *    metadata, CGNAT, multicast, unique-local, IPv4-mapped... are refused unless an allowlisted network;
 *  - the connection itself goes through an undici `Agent` whose `connect` resolves with the same guard
 *    and re-checks the socket's actual remote address, so a name that answers a public address to the
 *    check and 127.0.0.1 to the connection (DNS rebinding) still fails;
 *  - redirects are followed here, at most `maxRedirects`, each hop checked again; credentials are dropped
 *    when a redirect leaves the host or downgrades https to http;
 *  - one deadline covers the whole exchange (redirects included), and bodies are capped at `maxBytes`.
 * Refusals reject with `ForbiddenAddressError` (code `forbidden_address`), never a bare TypeError, so
 * callers do not retry them.
 */

import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { type AddressPolicy, addressPolicy, checkAddress, isIpLiteral } from './address.ts';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Name → addresses (in the order to try). Default: the system resolver (`dns.lookup`, all answers). */
export type Resolve = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface UserFetchOptions {
  /** Networks (CIDRs) a self-hoster opts in, e.g. `['192.168.1.0/24']`. Default none. */
  readonly allowedNetworks?: readonly string[];
  readonly resolve?: Resolve;
  /** Default 5. */
  readonly maxRedirects?: number;
  /** Whole exchange, redirects included. Default 30 s. */
  readonly timeoutMs?: number;
  /** Response bodies larger than this fail to read. Default 20 MiB. */
  readonly maxBytes?: number;
}

export type ForbiddenReason = 'scheme' | 'address' | 'url';

export class ForbiddenAddressError extends Error {
  readonly code = 'forbidden_address' as const;
  readonly reason: ForbiddenReason;
  /** The refused address (IP) or URL. */
  readonly target: string;
  constructor(reason: ForbiddenReason, target: string, detail: string) {
    super(detail);
    this.name = 'ForbiddenAddressError';
    this.reason = reason;
    this.target = target;
  }
}

export class TooManyRedirectsError extends Error {
  readonly code = 'too_many_redirects' as const;
  constructor(max: number) {
    super(`more than ${max} redirects`);
    this.name = 'TooManyRedirectsError';
  }
}

export class ResponseTooLargeError extends Error {
  readonly code = 'too_large' as const;
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`the response is larger than ${maxBytes} bytes`);
    this.name = 'ResponseTooLargeError';
    this.maxBytes = maxBytes;
  }
}

/**
 * A user-typed address as the URL to fetch: trimmed, `webcal(s)://` → `https://`, only http(s).
 * Throws ForbiddenAddressError (`url` when unparseable, `scheme` otherwise).
 * @see https://www.iana.org/assignments/uri-schemes/prov/webcal
 */
export function userUrl(input: string | URL): URL {
  const text = String(input).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ForbiddenAddressError('url', text, `"${text}" is not a URL`);
  }
  if (url.protocol === 'webcal:' || url.protocol === 'webcals:') {
    url = new URL(`https://${text.slice(url.protocol.length + 2)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ForbiddenAddressError(
      'scheme',
      url.protocol,
      `only http(s) addresses are fetched, not ${url.protocol}`,
    );
  }
  return url;
}

const defaultResolve: Resolve = async (hostname) =>
  (await dnsLookup(hostname, { all: true, order: 'verbatim' })).map((a: LookupAddress) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Finds a guard refusal wrapped in fetch's `TypeError('fetch failed', { cause })`. */
export function forbiddenCause(error: unknown): ForbiddenAddressError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof ForbiddenAddressError) return e;
  }
  return undefined;
}

export function createUserFetch(options: UserFetchOptions = {}): typeof fetch {
  const policy = addressPolicy(options.allowedNetworks);
  const resolve = options.resolve ?? defaultResolve;
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const agent = guardedAgent(policy, resolve);

  return (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    if (input instanceof Request) throw new TypeError('user fetch takes a URL, not a Request');
    let url = userUrl(input);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body ?? null;
    const headers = new Headers(init.headers);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    for (let hop = 0; ; hop++) {
      await precheck(url, policy, resolve);
      let response: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        response = await undiciFetch(url, {
          method,
          headers: [...headers],
          body: body as never,
          redirect: 'manual',
          signal,
          dispatcher: agent,
        });
      } catch (error) {
        throw forbiddenCause(error) ?? error;
      }
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location) {
        await response.body?.cancel();
        if (hop >= maxRedirects) throw new TooManyRedirectsError(maxRedirects);
        const next = userUrl(new URL(location, url));
        if (next.host !== url.host || (url.protocol === 'https:' && next.protocol === 'http:')) {
          for (const name of ['authorization', 'cookie', 'proxy-authorization']) headers.delete(name);
        }
        // @see https://fetch.spec.whatwg.org/#http-redirect-fetch (method rewriting)
        if (
          (response.status === 303 && method !== 'HEAD') ||
          ((response.status === 301 || response.status === 302) && method === 'POST')
        ) {
          method = 'GET';
          body = null;
          headers.delete('content-type');
          headers.delete('content-length');
        }
        url = next;
        continue;
      }
      return capped(response, url, hop > 0, maxBytes);
    }
  }) as typeof fetch;
}

const shared = new Map<string, typeof fetch>();

/**
 * One guarded fetch (one connection pool) per configuration, so connectors built per request share
 * sockets. An injected resolver is not shareable: it gets its own.
 */
export function sharedUserFetch(options: UserFetchOptions = {}): typeof fetch {
  if (options.resolve) return createUserFetch(options);
  const key = JSON.stringify([
    options.allowedNetworks ?? [],
    options.maxRedirects,
    options.timeoutMs,
    options.maxBytes,
  ]);
  let found = shared.get(key);
  if (!found) {
    found = createUserFetch(options);
    shared.set(key, found);
  }
  return found;
}

/** Refuses early, with a clear error, addresses the connection would refuse anyway. */
async function precheck(url: URL, policy: AddressPolicy, resolve: Resolve): Promise<void> {
  const host = url.hostname;
  if (isIpLiteral(host)) {
    const verdict = checkAddress(host, policy);
    if (!verdict.ok) throw refused(verdict.address, verdict.range, url);
    return;
  }
  const addresses = await resolve(host);
  const verdicts = addresses.map((a) => checkAddress(a.address, policy));
  const first = verdicts[0];
  if (!first) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
  if (!verdicts.some((v) => v.ok)) throw refused(first.address, first.ok ? '' : first.range, url);
}

function refused(address: string, range: string, url: URL | string): ForbiddenAddressError {
  return new ForbiddenAddressError(
    'address',
    address,
    `${String(url)} leads to ${address} (${range}), which Convene does not connect to`,
  );
}

type LookupCallback = (error: Error | null, address?: string | LookupAddress[], family?: number) => void;

function guardedAgent(policy: AddressPolicy, resolve: Resolve): Agent {
  const lookup = (hostname: string, opts: { all?: boolean; family?: number }, callback: LookupCallback) => {
    resolve(hostname).then(
      (addresses) => {
        const allowed = addresses.filter(
          (a) => checkAddress(a.address, policy).ok && (!opts.family || a.family === opts.family),
        );
        const first = allowed[0];
        if (!first) {
          const bad = addresses[0];
          const range = bad ? checkAddress(bad.address, policy) : undefined;
          callback(refused(bad?.address ?? hostname, range && !range.ok ? range.range : 'none', hostname));
        } else if (opts.all)
          callback(
            null,
            allowed.map((a) => ({ address: a.address, family: a.family })),
          );
        else callback(null, first.address, first.family);
      },
      (error: Error) => callback(error),
    );
  };
  const base = buildConnector({ lookup } as buildConnector.BuildOptions);
  const connect: buildConnector.connector = (opts, callback) => {
    base(opts, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('no socket'), null);
        return;
      }
      // The address actually connected to, whatever resolved it (IP literals skip `lookup`).
      const remote = socket.remoteAddress;
      const verdict = remote ? checkAddress(remote, policy) : undefined;
      if (!verdict?.ok) {
        socket.destroy();
        callback(
          refused(remote ?? '?', verdict && !verdict.ok ? verdict.range : 'unknown', opts.hostname),
          null,
        );
        return;
      }
      callback(null, socket);
    });
  };
  return new Agent({ connect });
}

/** The response as a standard Response whose body stops at `maxBytes`. */
async function capped(
  response: Awaited<ReturnType<typeof undiciFetch>>,
  url: URL,
  redirected: boolean,
  maxBytes: number,
): Promise<Response> {
  const headers = new Headers([...response.headers]);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new ResponseTooLargeError(maxBytes);
  }
  let body: ReadableStream<Uint8Array> | null = null;
  if (response.body && !NULL_BODY.has(response.status)) {
    let size = 0;
    body = (response.body as ReadableStream<Uint8Array>).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > maxBytes) controller.error(new ResponseTooLargeError(maxBytes));
          else controller.enqueue(chunk);
        },
      }),
    );
  } else {
    await response.body?.cancel();
  }
  const result = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  Object.defineProperty(result, 'url', { value: url.href });
  Object.defineProperty(result, 'redirected', { value: redirected });
  return result;
}
