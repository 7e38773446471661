/**
 * Checking an ICS feed link before it is saved: the link page calls `validateIcsFeed` with what the
 * person pasted. `webcal://` becomes `https://`; the feed is fetched through the address guard
 * (../net/user-fetch.ts), size- and time-bounded, and fully parsed (in the expander's worker thread).
 * Failures are values with stable codes whose wording is the `link.ics.*` catalogue entries.
 */
import {
  forbiddenCause,
  type Resolve,
  ResponseTooLargeError,
  sharedUserFetch,
  userUrl,
} from '../net/user-fetch.ts';
import { type IcsExpander, sharedIcsExpander } from './expand-pool.ts';

export type IcsLinkErrorCode =
  | 'invalid_address'
  | 'forbidden_address'
  | 'unreachable'
  | 'timeout'
  | 'certificate'
  | 'not_found'
  | 'refused'
  | 'too_large'
  | 'not_calendar';

const KEYS: Record<IcsLinkErrorCode, string> = {
  invalid_address: 'link.ics.invalidAddress',
  forbidden_address: 'link.ics.forbiddenAddress',
  unreachable: 'link.ics.unreachable',
  timeout: 'link.ics.timeout',
  certificate: 'link.ics.certificate',
  not_found: 'link.ics.notFound',
  refused: 'link.ics.refused',
  too_large: 'link.ics.tooLarge',
  not_calendar: 'link.ics.notCalendar',
};

export interface IcsLinkError {
  readonly code: IcsLinkErrorCode;
  /** A `link.ics.*` catalogue key and its parameters. */
  readonly key: string;
  readonly params: { readonly host: string; readonly megabytes: number };
  /** For logs only. */
  readonly detail: string;
}

export interface ValidatedIcsFeed {
  /** The URL to save and poll (`webcal://` already rewritten to `https://`). */
  readonly url: string;
  /** The feed's own name (X-WR-CALNAME), if any. */
  readonly name?: string;
  readonly events: number;
}

export type IcsFeedValidation =
  | { readonly ok: true; readonly feed: ValidatedIcsFeed }
  | { readonly ok: false; readonly error: IcsLinkError };

export interface IcsValidationOptions {
  readonly fetch?: typeof fetch;
  readonly allowedNetworks?: readonly string[];
  readonly resolve?: Resolve;
  /** Default 20 MiB. */
  readonly maxBytes?: number;
  /** Default 15 s. */
  readonly timeoutMs?: number;
  readonly expander?: IcsExpander;
  readonly signal?: AbortSignal;
}

const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)/;

export async function validateIcsFeed(
  input: string,
  options: IcsValidationOptions = {},
): Promise<IcsFeedValidation> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  let host = input.trim();
  const fail = (code: IcsLinkErrorCode, detail: string): IcsFeedValidation => ({
    ok: false,
    error: {
      code,
      key: KEYS[code],
      params: { host, megabytes: Math.max(1, Math.round(maxBytes / 2 ** 20)) },
      detail,
    },
  });
  let url: URL;
  try {
    url = userUrl(input);
  } catch (error) {
    return fail('invalid_address', (error as Error).message);
  }
  host = url.host;
  const doFetch =
    options.fetch ??
    sharedUserFetch({
      ...(options.allowedNetworks ? { allowedNetworks: options.allowedNetworks } : {}),
      ...(options.resolve ? { resolve: options.resolve } : {}),
      maxBytes,
    });
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let text: string;
  try {
    const response = await doFetch(url, { headers: { accept: 'text/calendar, */*;q=0.5' }, signal });
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      return fail('not_found', `HTTP ${response.status}`);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return fail('refused', `HTTP ${response.status}`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      return fail('unreachable', `HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel();
      return fail('too_large', `declared ${declared} bytes`);
    }
    text = await readCapped(response, maxBytes);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const forbidden = forbiddenCause(error);
    if (forbidden)
      return fail(
        forbidden.reason === 'address' ? 'forbidden_address' : 'invalid_address',
        forbidden.message,
      );
    if (error instanceof ResponseTooLargeError) return fail('too_large', error.message);
    const detail = describe(error);
    if (CERTIFICATE.test(detail)) return fail('certificate', detail);
    if (/TimeoutError|UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT/.test(detail)) return fail('timeout', detail);
    return fail('unreachable', detail);
  }
  const structure = structureProblem(text);
  if (structure) return fail('not_calendar', structure);
  try {
    const events = await (options.expander ?? sharedIcsExpander()).eventTimes(text, {
      defaultZone: 'UTC',
      signal,
    });
    const name = /^X-WR-CALNAME[^:]*:(.*)$/im.exec(text)?.[1]?.trim();
    return { ok: true, feed: { url: url.href, ...(name ? { name } : {}), events: events.length } };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return fail('not_calendar', describe(error));
  }
}

/**
 * Why `text` is not a whole iCalendar object: no VCALENDAR first, or BEGIN/END lines that do not
 * pair up (a truncated or mangled download). A line scan, cheap on the largest feeds.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.4
 */
function structureProblem(text: string): string | undefined {
  const head =
    text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .split(/\r?\n/, 1)[0] ?? '';
  if (!/^BEGIN:VCALENDAR\s*$/i.test(head)) {
    return 'does not start with BEGIN:VCALENDAR';
  }
  const open: string[] = [];
  for (const match of text.matchAll(/^(BEGIN|END):([A-Za-z0-9-]+)\s*$/gm)) {
    const name = match[2]!.toUpperCase();
    if (match[1]!.toUpperCase() === 'BEGIN') open.push(name);
    else if (open.pop() !== name) return `END:${name} does not close what is open`;
  }
  return open.length > 0 ? `${open.join(' > ')} never ends` : undefined;
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new ResponseTooLargeError(maxBytes);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/** Name, code and message of an error and its causes, for classification and logs. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(`${e.name}${typeof code === 'string' ? ` ${code}` : ''}: ${e.message}`);
  }
  return parts.length > 0 ? parts.join(' <- ') : String(error);
}
