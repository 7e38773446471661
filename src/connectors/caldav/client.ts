/**
 * CalDAV connector (Radicale, Nextcloud, Fastmail, iCloud, Baïkal, SOGo...). Calendar ids are absolute
 * collection URLs on the configured server; event ids are absolute resource URLs.
 *
 * Transport: tsdav's `davRequest` builds and parses the WebDAV XML (PROPFIND, REPORT); every request goes
 * through our own fetch wrapper (auth header, per-attempt timeout, status → typed error) inside our
 * bounded `withRetry`. PUT/GET/DELETE are plain fetch so we control `If-None-Match` / `If-Match`.
 * Busy time: calendar-query REPORT with a time-range filter per chunk, full VEVENT data, recurrences
 * expanded client-side by `expandIcsAsync` (never the server's `<expand>`). Titles are never returned.
 */

import { type DAVRequest, type DAVResponse, davRequest } from 'tsdav';
import type { ChangePage, ChangeQuery, ChangeSource, EventChange } from '../../app/ports/changes.ts';
import type {
  BusyQuery,
  BusyResult,
  CalendarBusy,
  CalendarProvider,
  CalendarRef,
  EventDraft,
  EventRecurrence,
  OccurrenceRef,
  RecurrenceCheck,
  SeriesChangeResult,
  SeriesEditor,
  TokenSource,
  WrittenEvent,
} from '../../app/ports/provider.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type { Interval } from '../../core/interval.ts';
import { DAY } from '../../core/interval.ts';
import { busyPerCalendar } from '../busy.ts';
import { eventTimesOf, occurrenceExceptionsOf, parseCursor } from '../ics/changes.ts';
import { expandIcsAsync } from '../ics/expand.ts';
import { clipAndMerge } from '../ics/mapper.ts';
import type { Resolve } from '../net/user-fetch.ts';
import { sharedUserFetch } from '../net/user-fetch.ts';
import { checkCommon } from '../recurrence.ts';
import type { RetryPolicy } from '../retry.ts';
import { defaultRetryPolicy, withRetry } from '../retry.ts';
import { CalDavHttpError, classifyCalDavError, toProviderError } from './errors.ts';
import {
  calendarQueryBody,
  canWrite,
  childNames,
  componentsOf,
  DAV_NS,
  draftToIcs,
  editSeriesIcs,
  hrefOf,
  identityOf,
  privilegesOf,
  propfindBody,
  resourceName,
  type SeriesEdit,
  textOf,
} from './mapper.ts';

interface CalDavCursor {
  readonly v: 1;
  readonly ctag: string | null;
  /** Absolute resource URL → ETag. */
  readonly etags: Record<string, string>;
  /**
   * A series' resource → its occurrence exceptions as last seen (`occurrenceExceptionsOf`: original start
   * → `x` or `start/end`); only resources that have some. Absent in older cursors.
   */
  readonly occ?: Record<string, Record<string, string>>;
}

const DAV_NS_CS = { ...DAV_NS, 'xmlns:cs': 'http://calendarserver.org/ns/' } as const;

export type CalDavCredentials =
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'bearer'; readonly tokens: TokenSource };

export interface CalDavProviderOptions {
  /** Where discovery starts: the server root, a principal or a calendar home URL. */
  readonly serverUrl: string;
  readonly credentials: CalDavCredentials;
  /**
   * Default: the server-side request forgery guard (../net/user-fetch.ts), since server addresses are
   * typed by people. Give a plain fetch only for a server the operator configured.
   */
  readonly fetch?: typeof fetch;
  /** Private networks (CIDRs) the guard lets the server be on, e.g. a self-hoster's LAN. Default none. */
  readonly allowedNetworks?: readonly string[];
  /** Host name resolver for the guard (tests). */
  readonly resolve?: Resolve;
  readonly retry?: RetryPolicy;
  /** Per attempt. Default 20 s. */
  readonly timeoutMs?: number;
  /** Longest time range per REPORT. Default 90 days. */
  readonly maxRangeDays?: number;
  /** Zone for floating times and all-day dates in stored events. Default UTC. */
  readonly defaultZone?: string;
  readonly onWarning?: (calendarId: string, warning: string) => void;
  /** Clock for DTSTAMP and Retry-After dates. */
  readonly now?: () => number;
}

interface SendOptions {
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Statuses handed back to the caller instead of thrown (besides 2xx). */
  readonly accept?: readonly number[];
  readonly signal?: AbortSignal | undefined;
}

export class CalDavProvider implements CalendarProvider {
  readonly kind = 'caldav' as const;
  readonly #options: CalDavProviderOptions;
  readonly #server: URL;
  readonly #etags = new Map<string, string>();
  /** Change detection by polling (CalDAV has no push): ctag, then per-resource ETags. */
  readonly changes: ChangeSource = { listChanges: (query) => this.#listChanges(query) };

  constructor(options: CalDavProviderOptions) {
    let server: URL;
    try {
      server = new URL(options.serverUrl);
    } catch {
      throw new ProviderError('caldav', 'invalid_request', `"${options.serverUrl}" is not a URL`);
    }
    if (server.protocol !== 'https:' && server.protocol !== 'http:') {
      throw new ProviderError('caldav', 'invalid_request', `"${options.serverUrl}" is not an http(s):// URL`);
    }
    this.#server = server;
    this.#options = options;
  }

  // ---- discovery -------------------------------------------------------------------------------------

  async listCalendars(signal?: AbortSignal): Promise<CalendarRef[]> {
    try {
      const home = await this.#calendarHome(signal);
      const responses = await this.#dav(
        home,
        {
          method: 'PROPFIND',
          headers: { depth: '1' },
          body: propfindBody([
            'd:resourcetype',
            'd:displayname',
            'd:current-user-privilege-set',
            'c:supported-calendar-component-set',
          ]),
        },
        signal,
      );
      const calendars: CalendarRef[] = [];
      for (const response of responses) {
        const href = hrefOf(response.href);
        const props = response.props ?? {};
        if (!response.ok || !href || !childNames(props.resourcetype).includes('calendar')) continue;
        const components = componentsOf(props.supportedCalendarComponentSet);
        if (components && !components.includes('VEVENT')) continue;
        const id = new URL(href, home).href;
        calendars.push({
          id,
          name: textOf(props.displayname) || decodeURIComponent(id.replace(/\/$/, '').split('/').pop() ?? id),
          primary: false,
          writable: canWrite(privilegesOf(props.currentUserPrivilegeSet)),
        });
      }
      calendars.sort((a, b) => a.id.localeCompare(b.id));
      // CalDAV has no "primary" calendar for free/busy purposes; the first one stands in for it.
      return calendars.map((c, i) => (i === 0 ? { ...c, primary: true } : c));
    } catch (error) {
      throw toProviderError(error, false);
    }
  }

  /**
   * current-user-principal → calendar-home-set, falling back to /.well-known/caldav and then to the
   * configured URL itself (for servers that are given a home URL directly).
   * @see https://www.rfc-editor.org/rfc/rfc6764#section-6
   * @see https://www.rfc-editor.org/rfc/rfc4791#section-6.2.1
   */
  async #calendarHome(signal: AbortSignal | undefined): Promise<string> {
    const homeOf = async (url: string): Promise<string | undefined> => {
      const [principalResponse] = await this.#dav(
        url,
        {
          method: 'PROPFIND',
          headers: { depth: '0' },
          body: propfindBody(['d:current-user-principal', 'c:calendar-home-set']),
        },
        signal,
      );
      const directHome = hrefOf(principalResponse?.props?.calendarHomeSet);
      if (directHome) return new URL(directHome, url).href;
      const principal = hrefOf(principalResponse?.props?.currentUserPrincipal);
      if (!principal) return undefined;
      const principalUrl = new URL(principal, url).href;
      const [homeResponse] = await this.#dav(
        principalUrl,
        { method: 'PROPFIND', headers: { depth: '0' }, body: propfindBody(['c:calendar-home-set']) },
        signal,
      );
      const home = hrefOf(homeResponse?.props?.calendarHomeSet);
      return home ? new URL(home, principalUrl).href : undefined;
    };
    const fromServer = await homeOf(this.#server.href);
    if (fromServer) return fromServer;
    try {
      const fromWellKnown = await homeOf(new URL('/.well-known/caldav', this.#server).href);
      if (fromWellKnown) return fromWellKnown;
    } catch (error) {
      if (!(error instanceof CalDavHttpError) || error.status !== 404) throw error;
    }
    return this.#server.href;
  }

  // ---- busy ------------------------------------------------------------------------------------------

  getBusy(query: BusyQuery): Promise<BusyResult> {
    return busyPerCalendar(query, (id) =>
      this.#busyFor(id, query.range, query.signal, query.tentative ?? 'busy'),
    );
  }

  async #busyFor(
    id: string,
    range: Interval,
    signal: AbortSignal | undefined,
    tentative: 'busy' | 'free',
  ): Promise<CalendarBusy> {
    const collection = this.#onServer(id, true);
    if (!collection) {
      return {
        ok: false,
        error: { code: 'not_found', message: 'not a calendar URL on the configured CalDAV server' },
      };
    }
    const instances: Interval[] = [];
    const warnings: string[] = [];
    try {
      for (const chunk of chunks(range, (this.#options.maxRangeDays ?? 90) * DAY)) {
        const responses = await this.#dav(
          collection,
          { method: 'REPORT', headers: { depth: '1' }, body: calendarQueryBody(chunk) },
          signal,
        );
        for (const response of responses) {
          const data = textOf(response.props?.calendarData);
          if (!response.ok || !data) continue;
          const expanded = await expandIcsAsync(data, chunk, {
            tentative,
            ...(this.#options.defaultZone ? { defaultZone: this.#options.defaultZone } : {}),
            ...(signal ? { signal } : {}),
          });
          if (!expanded.ok) {
            const warning = `${hrefOf(response.href) ?? '?'} skipped: ${expanded.error.message}`;
            this.#options.onWarning?.(id, warning);
            warnings.push(`${warning} (not read)`);
            continue;
          }
          for (const warning of expanded.warnings) {
            this.#options.onWarning?.(id, warning);
            warnings.push(warning);
          }
          instances.push(...expanded.busy);
        }
      }
    } catch (error) {
      if (error instanceof CalDavHttpError && (error.status === 404 || error.status === 410)) {
        return {
          ok: false,
          error: {
            code: 'not_found',
            message: `calendar not found on the CalDAV server (HTTP ${error.status})`,
          },
        };
      }
      if (error instanceof CalDavHttpError && error.status === 403) {
        return {
          ok: false,
          error: {
            code: 'forbidden',
            message: 'the CalDAV server refused access to this calendar (HTTP 403)',
          },
        };
      }
      throw toProviderError(error, false);
    }
    const busy = clipAndMerge(instances, range);
    return warnings.length > 0 ? { ok: true, busy, warnings } : { ok: true, busy };
  }

  // ---- changes ---------------------------------------------------------------------------------------

  /**
   * Polling: the collection's `getctag` (or `sync-token`) first: unchanged → no changes, no further
   * request. Otherwise a Depth 1 PROPFIND lists every resource's ETag; only resources whose ETag
   * changed are fetched (calendar-multiget, in batches). The cursor is JSON of the ctag and
   * {href: etag}; a resource gone since the last cursor is a deletion.
   * @see https://github.com/apple/ccs-calendarserver/blob/master/doc/Extensions/caldav-ctag.txt
   * @see https://www.rfc-editor.org/rfc/rfc4791#section-7.9
   */
  async #listChanges(query: ChangeQuery): Promise<ChangePage> {
    const collection = this.#requireOnServer(query.calendarId, true);
    const previous = parseCursor<CalDavCursor>(query.cursor, 1);
    try {
      const [head] = await this.#dav(
        collection,
        {
          method: 'PROPFIND',
          headers: { depth: '0' },
          body: {
            'd:propfind': {
              _attributes: { ...DAV_NS_CS },
              'd:prop': { 'cs:getctag': {}, 'd:sync-token': {} },
            },
          },
        },
        query.signal,
      );
      const ctag = textOf(head?.props?.getctag) ?? textOf(head?.props?.syncToken) ?? null;
      if (previous && ctag !== null && previous.ctag === ctag) {
        return { changes: [], cursor: query.cursor!, full: false };
      }
      const listing = await this.#dav(
        collection,
        {
          method: 'PROPFIND',
          headers: { depth: '1' },
          body: propfindBody(['d:getetag', 'd:resourcetype']),
        },
        query.signal,
      );
      const etags: Record<string, string> = {};
      for (const response of listing) {
        const href = hrefOf(response.href);
        if (!response.ok || !href || childNames(response.props?.resourcetype).includes('collection'))
          continue;
        const url = new URL(href, collection).href;
        if (url === collection) continue;
        etags[url] = textOf(response.props?.getetag) ?? '';
      }
      const before = previous?.etags ?? {};
      const changed = Object.keys(etags).filter(
        (url) => !previous || before[url] !== etags[url] || !etags[url],
      );
      const changes: EventChange[] = [];
      // Occurrence exceptions: carried over for resources not fetched, recomputed for those fetched.
      const occ: Record<string, Record<string, string>> = {};
      for (const [url, known] of Object.entries(previous?.occ ?? {}))
        if (url in etags && !changed.includes(url)) occ[url] = known;
      for (let i = 0; i < changed.length; i += 50) {
        const batch = changed.slice(i, i + 50);
        const responses = await this.#dav(
          collection,
          {
            method: 'REPORT',
            headers: { depth: '1' },
            body: {
              'c:calendar-multiget': {
                _attributes: DAV_NS,
                'd:prop': { 'd:getetag': {}, 'c:calendar-data': {} },
                'd:href': batch.map((url) => new URL(url).pathname),
              },
            },
          },
          query.signal,
        );
        for (const response of responses) {
          const href = hrefOf(response.href);
          const data = textOf(response.props?.calendarData);
          if (!href || !response.ok || !data) continue;
          const url = new URL(href, collection).href;
          const etag = textOf(response.props?.getetag) ?? etags[url];
          const series = occurrenceExceptionsOf(data, this.#options.defaultZone ?? 'UTC');
          if (series) {
            const now = series.exceptions;
            if (Object.keys(now).length > 0) occ[url] = now;
            changes.push(
              ...occurrenceChanges(url, series.uid, series.duration, previous?.occ?.[url] ?? {}, now),
            );
          }
          for (const event of eventTimesOf(data, this.#options.defaultZone ?? 'UTC').slice(0, 1)) {
            changes.push(
              event.cancelled
                ? { eventId: url, iCalUID: event.uid, kind: 'deleted', ...(etag ? { etag } : {}) }
                : {
                    eventId: url,
                    iCalUID: event.uid,
                    kind: 'changed',
                    start: event.start,
                    end: event.end,
                    ...(etag ? { etag } : {}),
                  },
            );
          }
        }
      }
      if (previous) {
        for (const url of Object.keys(before)) {
          if (!(url in etags)) changes.push({ eventId: url, kind: 'deleted' });
        }
      }
      const cursor: CalDavCursor = { v: 1, ctag, etags, ...(Object.keys(occ).length > 0 ? { occ } : {}) };
      return { changes, cursor: JSON.stringify(cursor), full: previous === null };
    } catch (error) {
      throw toProviderError(error, false);
    }
  }

  // ---- writes ----------------------------------------------------------------------------------------

  /**
   * PUT `<collection>/<idempotencyKey>.ics` with `If-None-Match: *`: a retry after a lost response gets
   * 412 because the first PUT landed, and we return that event instead of writing a duplicate.
   * @see https://www.rfc-editor.org/rfc/rfc4791#section-5.3.2
   * @see https://www.rfc-editor.org/rfc/rfc9110#field.if-none-match
   */
  /** An RRULE says anything the draft can: only the common checks apply. */
  checkRecurrence(rule: EventRecurrence): RecurrenceCheck {
    return checkCommon(rule);
  }

  async createEvent(draft: EventDraft): Promise<WrittenEvent> {
    const collection = this.#requireOnServer(draft.calendarId, true);
    const url = new URL(resourceName(draft.idempotencyKey), collection).href;
    try {
      const response = await this.#send('PUT', url, {
        headers: { 'content-type': 'text/calendar; charset=utf-8', 'if-none-match': '*' },
        body: draftToIcs(draft, this.#now(), 0),
        accept: [412],
      });
      if (response.status !== 412) {
        return this.#written(url, draft.idempotencyKey, response.headers.get('etag'));
      }
      const existing = await this.#get(url);
      if (existing.identity.uid !== draft.idempotencyKey) {
        throw new ProviderError('caldav', 'conflict', 'another event already uses this resource name', {
          status: 412,
        });
      }
      return this.#written(url, draft.idempotencyKey, existing.etag);
    } catch (error) {
      throw toProviderError(error, true);
    }
  }

  /**
   * Rewrites the resource, keeping its UID and bumping SEQUENCE, with `If-Match` on the etag we last saw
   * (or the current one), so a concurrent edit surfaces as `conflict` instead of being overwritten.
   * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.7.4
   */
  async updateEvent(eventId: string, draft: EventDraft): Promise<WrittenEvent> {
    const url = this.#requireOnServer(
      new URL(eventId, this.#requireOnServer(draft.calendarId, true)).href,
      false,
    );
    try {
      const current = await this.#get(url);
      const etag = this.#etags.get(url) ?? current.etag;
      const uid = current.identity.uid ?? draft.idempotencyKey;
      const response = await this.#send('PUT', url, {
        headers: { 'content-type': 'text/calendar; charset=utf-8', 'if-match': etag ?? '*' },
        body: draftToIcs({ ...draft, idempotencyKey: uid }, this.#now(), current.identity.sequence + 1),
      });
      return this.#written(url, uid, response.headers.get('etag'));
    } catch (error) {
      throw toProviderError(error, true);
    }
  }

  /** Deleting an event that is already gone (404/410) succeeds. */
  async deleteEvent(calendarId: string, eventId: string): Promise<void> {
    const url = this.#requireOnServer(new URL(eventId, this.#requireOnServer(calendarId, true)).href, false);
    try {
      await this.#send('DELETE', url, { accept: [404, 410] });
      this.#etags.delete(url);
    } catch (error) {
      throw toProviderError(error, true);
    }
  }

  /**
   * Occurrences of a series, in its one resource: EXDATE (cancel one), a RECURRENCE-ID override (move
   * one), RRULE UNTIL (end), see `editSeriesIcs`. Read, change, PUT with `If-Match` on the ETag just read;
   * a 412 (someone changed it meanwhile) reads and applies again, at most three times.
   * @see https://www.rfc-editor.org/rfc/rfc4791#section-5.3.4
   */
  readonly series: SeriesEditor = {
    cancelOccurrence: (ref) => this.#editSeries(ref, { kind: 'cancel', originalStart: ref.originalStart }),
    moveOccurrence: (ref, to) =>
      this.#editSeries(ref, { kind: 'move', originalStart: ref.originalStart, start: to.start, end: to.end }),
    restoreOccurrence: (ref, to) =>
      this.#editSeries(ref, {
        kind: 'restore',
        originalStart: ref.originalStart,
        start: to.start,
        end: to.end,
      }),
    endBefore: (ref) => this.#editSeries(ref, { kind: 'end', before: ref.originalStart }),
  };

  async #editSeries(ref: OccurrenceRef, edit: SeriesEdit): Promise<SeriesChangeResult> {
    const url = this.#requireOnServer(
      new URL(ref.eventId, this.#requireOnServer(ref.calendarId, true)).href,
      false,
    );
    try {
      for (let attempt = 1; ; attempt++) {
        const current = await this.#send('GET', url, { headers: { accept: 'text/calendar' } });
        const etag = current.headers.get('etag');
        const outcome = editSeriesIcs(await current.text(), edit, this.#now());
        if (outcome.kind === 'unchanged') return { ok: true };
        if (outcome.kind === 'first_occurrence')
          return {
            ok: false,
            code: 'first_occurrence',
            message:
              'Ending the series before its first occurrence leaves nothing: cancel the event instead.',
          };
        if (outcome.kind !== 'changed')
          return {
            ok: false,
            code: 'occurrence_not_found',
            message: `The series has no occurrence at ${new Date(ref.originalStart).toISOString()}.`,
          };
        const response = await this.#send('PUT', url, {
          headers: { 'content-type': 'text/calendar; charset=utf-8', 'if-match': etag ?? '*' },
          body: outcome.text,
          accept: attempt < 3 ? [412] : [],
        });
        if (response.status === 412) {
          await response.body?.cancel();
          continue;
        }
        await this.#written(url, '', response.headers.get('etag'));
        return { ok: true };
      }
    } catch (error) {
      throw toProviderError(error, true);
    }
  }

  async #written(url: string, uid: string, etag: string | null | undefined): Promise<WrittenEvent> {
    // Some servers do not return an ETag on PUT (the body may have been rewritten); read it back.
    const known = etag ?? (await this.#get(url)).etag;
    if (known) this.#etags.set(url, known);
    else this.#etags.delete(url);
    return { eventId: url, iCalUID: uid, ...(known ? { etag: known } : {}) };
  }

  async #get(url: string): Promise<{ etag: string | undefined; identity: ReturnType<typeof identityOf> }> {
    const response = await this.#send('GET', url, { headers: { accept: 'text/calendar' } });
    return { etag: response.headers.get('etag') ?? undefined, identity: identityOf(await response.text()) };
  }

  // ---- transport -------------------------------------------------------------------------------------

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** Calendar ids must live on the configured origin: credentials are never sent anywhere else. */
  #onServer(id: string, collection: boolean): string | undefined {
    let url: URL;
    try {
      url = new URL(id);
    } catch {
      return undefined;
    }
    if (url.origin !== this.#server.origin) return undefined;
    if (collection && !url.pathname.endsWith('/')) url.pathname += '/';
    return url.href;
  }

  #requireOnServer(id: string, collection: boolean): string {
    const url = this.#onServer(id, collection);
    if (!url) {
      throw new ProviderError('caldav', 'not_found', 'not a calendar URL on the configured CalDAV server');
    }
    return url;
  }

  async #dav(url: string, init: DAVRequest, signal: AbortSignal | undefined): Promise<DAVResponse[]> {
    return withRetry(
      () =>
        davRequest({
          url,
          init: { ...init, headers: { ...init.headers } },
          fetch: ((input: string | URL | Request, requestInit?: RequestInit) =>
            this.#fetchOnce(init.method, String(input), requestInit ?? {}, signal, [])) as typeof fetch,
        }),
      classifyCalDavError,
      this.#options.retry ?? defaultRetryPolicy,
      signal,
    );
  }

  async #send(method: string, url: string, options: SendOptions): Promise<Response> {
    const init: RequestInit = { method, headers: options.headers ?? {} };
    if (options.body !== undefined) init.body = options.body;
    return withRetry(
      () => this.#fetchOnce(method, url, init, options.signal, options.accept ?? []),
      classifyCalDavError,
      this.#options.retry ?? defaultRetryPolicy,
      options.signal,
    );
  }

  /** One HTTP exchange with auth; non-2xx statuses not in `accept` are thrown as CalDavHttpError. */
  async #fetchOnce(
    method: string,
    url: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    accept: readonly number[],
  ): Promise<Response> {
    const doFetch =
      this.#options.fetch ??
      sharedUserFetch({
        ...(this.#options.allowedNetworks ? { allowedNetworks: this.#options.allowedNetworks } : {}),
        ...(this.#options.resolve ? { resolve: this.#options.resolve } : {}),
      });
    const credentials = this.#options.credentials;
    const exchange = async (authorization: string) => {
      const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 20_000);
      const headers = new Headers(init.headers);
      headers.set('authorization', authorization);
      return doFetch(url, {
        ...init,
        headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    };
    let response: Response;
    if (credentials.type === 'basic') {
      const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
      response = await exchange(`Basic ${basic}`);
    } else {
      const token = await credentials.tokens.accessToken(signal);
      response = await exchange(`Bearer ${token}`);
      if (response.status === 401) {
        // The token may just have expired: refresh once, then give up with reauth_required.
        await response.body?.cancel();
        credentials.tokens.invalidate(token);
        response = await exchange(`Bearer ${await credentials.tokens.accessToken(signal)}`);
      }
    }
    if (response.ok || accept.includes(response.status)) return response;
    await response.body?.cancel();
    throw new CalDavHttpError(method, response.status, response.headers.get('retry-after'), this.#now());
  }
}

/** Consecutive windows of at most `size` ms covering `range`. */
export function chunks(range: Interval, size: number): Interval[] {
  const out: Interval[] = [];
  for (let start = range.start; start < range.end; start += size) {
    out.push({ start, end: Math.min(range.end, start + size) });
  }
  return out;
}

/**
 * The occurrence changes of one series resource between two readings of its exceptions (original start →
 * `x` removed, or `start/end` moved): a new or different exception is that occurrence's change; one gone
 * puts the occurrence back at its rule position (original start, the series' duration). Never the series.
 */
function occurrenceChanges(
  url: string,
  uid: string,
  duration: number,
  before: Readonly<Record<string, string>>,
  now: Readonly<Record<string, string>>,
): EventChange[] {
  const out: EventChange[] = [];
  const ids = { eventId: url, iCalUID: uid, seriesEventId: url };
  for (const [key, value] of Object.entries(now)) {
    if (before[key] === value) continue;
    const occurrence = Number(key);
    if (value === 'x') out.push({ ...ids, occurrence, kind: 'deleted' });
    else {
      const [start, end] = value.split('/').map(Number);
      out.push({ ...ids, occurrence, kind: 'changed', start: start!, end: end! });
    }
  }
  for (const key of Object.keys(before)) {
    if (key in now) continue;
    const occurrence = Number(key);
    out.push({ ...ids, occurrence, kind: 'changed', start: occurrence, end: occurrence + duration });
  }
  return out;
}
