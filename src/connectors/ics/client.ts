/**
 * Read-only connector for iCalendar feeds (secret ICS links from Google, Outlook, iCloud, Fastmail...).
 * Calendar ids are the configured feed URLs; `webcal://` is fetched over HTTPS. Only configured URLs are
 * ever fetched. Busy time comes from `IcsExpander` (a worker thread, see ./expand-pool.ts); titles are never read. Writes are refused.
 * Reads of one feed URL share a download for a few seconds and revalidate it conditionally (./feed-cache.ts).
 */

import type { ChangePage, ChangeQuery, ChangeSource, EventChange } from '../../app/ports/changes.ts';
import type {
  BusyQuery,
  BusyResult,
  CalendarBusy,
  CalendarProvider,
  CalendarRef,
  EventDraft,
  WrittenEvent,
} from '../../app/ports/provider.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type { Interval } from '../../core/interval.ts';
import { busyPerCalendar } from '../busy.ts';
import type { Resolve } from '../net/user-fetch.ts';
import { sharedUserFetch } from '../net/user-fetch.ts';
import type { RetryPolicy } from '../retry.ts';
import { defaultRetryPolicy, withRetry } from '../retry.ts';
import { type EventTimes, parseCursor } from './changes.ts';
import { classifyFeedError, FeedHttpError, feedErrorValue, isAbort } from './errors.ts';
import { type IcsExpander, IcsExpanderBusy, sharedIcsExpander } from './expand-pool.ts';
import {
  countFeed,
  type FeedDownloads,
  type FeedResponse,
  feedContentHash,
  keptValidator,
  sharedFeedDownloads,
} from './feed-cache.ts';
import { feedFetchUrl } from './mapper.ts';

export interface IcsFeed {
  /** http(s):// or webcal:// URL; also the calendar id. */
  readonly url: string;
  readonly name?: string;
}

export interface IcsProviderOptions {
  readonly feeds: readonly IcsFeed[];
  /**
   * Default: the server-side request forgery guard (../net/user-fetch.ts), since feed URLs are typed by
   * people. Give a plain fetch only for URLs the server itself chose.
   */
  readonly fetch?: typeof fetch;
  /** Private networks (CIDRs) the guard lets feeds reach, e.g. a self-hoster's LAN. Default none. */
  readonly allowedNetworks?: readonly string[];
  /** Host name resolver for the guard (tests). */
  readonly resolve?: Resolve;
  readonly retry?: RetryPolicy;
  /** Per attempt. Default 15 s. */
  readonly timeoutMs?: number;
  /** Feeds larger than this are refused. Default 20 MiB. */
  readonly maxBytes?: number;
  /** Zone for floating times when a feed has no X-WR-TIMEZONE. Default UTC. */
  readonly defaultZone?: string;
  /** Expansion warnings (unknown zones, capped rules), for logs. */
  readonly onWarning?: (calendarId: string, warning: string) => void;
  /** Clock for Retry-After dates. */
  readonly now?: () => number;
  /** Where feeds are parsed and expanded (worker threads, cached). Default: the process-wide one. */
  readonly expander?: IcsExpander;
  /**
   * Where free/busy reads of one feed URL share a download (in flight and for a few seconds, see
   * ./feed-cache.ts). Default: the process-wide one.
   */
  readonly downloads?: FeedDownloads;
}

interface IcsCursor {
  readonly v: 1;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** UID → fingerprint of start/end/status. */
  readonly uids: Record<string, string>;
  /** Content hash of the body these fingerprints came from: the same body again is not parsed. */
  readonly h?: string;
}

export class IcsProvider implements CalendarProvider {
  readonly kind = 'ics' as const;
  readonly #feeds: ReadonlyMap<string, IcsFeed>;
  readonly #options: IcsProviderOptions;
  /** Change detection by polling: the feed's validators, then per-UID fingerprints. Event ids are UIDs. */
  readonly changes: ChangeSource = { listChanges: (query) => this.#listChanges(query) };

  constructor(options: IcsProviderOptions) {
    for (const feed of options.feeds) {
      if (!feedFetchUrl(feed.url)) {
        throw new ProviderError(
          'ics',
          'invalid_request',
          `"${feed.url}" is not an http(s):// or webcal:// URL`,
        );
      }
    }
    this.#feeds = new Map(options.feeds.map((feed) => [feed.url, feed]));
    this.#options = options;
  }

  async listCalendars(): Promise<CalendarRef[]> {
    return [...this.#feeds.values()].map((feed) => ({
      id: feed.url,
      name: feed.name ?? defaultName(feed.url),
      primary: false,
      writable: false,
    }));
  }

  getBusy(query: BusyQuery): Promise<BusyResult> {
    return busyPerCalendar(query, (id) =>
      this.#busyFor(id, query.range, query.signal, query.tentative ?? 'busy', query.fresh === true),
    );
  }

  async #busyFor(
    id: string,
    range: Interval,
    signal: AbortSignal | undefined,
    tentative: 'busy' | 'free',
    fresh: boolean,
  ): Promise<CalendarBusy> {
    const feed = this.#feeds.get(id);
    if (!feed) {
      return { ok: false, error: { code: 'not_found', message: 'not a configured ICS feed' } };
    }
    let text: string;
    try {
      const url = feedFetchUrl(feed.url)!;
      // Shared with other reads of the same URL (other people on one feed, a burst of requests).
      const body = await this.#shared().get(
        url.href,
        (conditions) => this.#conditional(url, conditions, undefined),
        { fresh, ...(signal ? { signal } : {}) },
      );
      text = body.text;
    } catch (error) {
      if (signal?.aborted && isAbort(error)) throw error;
      return { ok: false, error: feedErrorValue(error) };
    }
    let expanded: Awaited<ReturnType<IcsExpander['expand']>>;
    try {
      // Off the event loop (a worker thread), bounded, and cached per feed content and day range.
      expanded = await (this.#options.expander ?? sharedIcsExpander()).expand(text, range, {
        tentative,
        ...(this.#options.defaultZone ? { defaultZone: this.#options.defaultZone } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof IcsExpanderBusy)
        return {
          ok: false,
          error: { code: 'provider_error', message: `ICS feed not read: ${error.message}` },
        };
      throw error;
    }
    if (!expanded.ok) {
      return {
        ok: false,
        error: { code: 'provider_error', message: `ICS feed unusable: ${expanded.error.message}` },
      };
    }
    for (const warning of expanded.warnings) this.#options.onWarning?.(id, warning);
    return expanded.warnings.length > 0
      ? { ok: true, busy: expanded.busy, warnings: expanded.warnings }
      : { ok: true, busy: expanded.busy };
  }

  /**
   * Conditional GET with the stored ETag (`If-None-Match`) or Last-Modified (`If-Modified-Since`):
   * 304 → no changes, nothing parsed. Without validators the poll reads through the download share
   * (./feed-cache.ts). A body whose content hash is the cursor's (a server without validators, or one
   * that ignores them) → no changes, nothing parsed or diffed. Otherwise every master VEVENT is
   * fingerprinted (start, end, status); new or different fingerprints are `changed` (cancelled ones
   * `deleted`), UIDs gone since the last cursor are `deleted`. The first listing is `full`. Validators
   * are kept in the cursor only when short and printable (`keptValidator`).
   * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2
   */
  async #listChanges(query: ChangeQuery): Promise<ChangePage> {
    const feed = this.#feeds.get(query.calendarId);
    if (!feed) throw new ProviderError('ics', 'not_found', 'not a configured ICS feed');
    const previous = parseCursor<IcsCursor>(query.cursor, 1);
    const headers: Record<string, string> = {};
    if (previous?.etag) headers['if-none-match'] = previous.etag;
    else if (previous?.lastModified) headers['if-modified-since'] = previous.lastModified;
    let fetched: FeedResponse;
    try {
      const url = feedFetchUrl(feed.url)!;
      if (Object.keys(headers).length > 0) {
        // Conditional: this watch's own validators.
        fetched = await this.#conditional(url, headers, query.signal);
        countFeed(fetched.status === 304 ? 'pollNotModified' : 'pollDownloads');
      } else {
        // Nothing to ask conditionally: the same download as other reads of this URL, if there is one.
        fetched = {
          status: 200,
          ...(await this.#shared().get(
            url.href,
            (conditions) => this.#conditional(url, conditions, undefined),
            {
              purpose: 'poll',
              ...(query.signal ? { signal: query.signal } : {}),
            },
          )),
        };
      }
    } catch (error) {
      if (query.signal?.aborted && isAbort(error)) throw error;
      const value = feedErrorValue(error);
      throw new ProviderError('ics', value.code === 'not_found' ? 'not_found' : 'unavailable', value.message);
    }
    // Not modified: only ever asked with a previous cursor's validators.
    if (fetched.status === 304) {
      return { changes: [], cursor: query.cursor ?? '', full: false };
    }
    const etag = keptValidator(fetched.etag);
    const lastModified = keptValidator(fetched.lastModified);
    const hash = feedContentHash(fetched.text);
    if (previous && previous.h === hash) {
      countFeed('pollUnchanged');
      const same = previous.etag === etag && previous.lastModified === lastModified;
      const cursor: IcsCursor = { v: 1, etag, lastModified, uids: previous.uids, h: hash };
      return { changes: [], cursor: same ? (query.cursor ?? '') : JSON.stringify(cursor), full: false };
    }
    countFeed('pollParsed');
    const before = previous?.uids ?? {};
    const uids: Record<string, string> = {};
    const changes: EventChange[] = [];
    let events: EventTimes[];
    try {
      // A full parse: in the worker thread, like busy reads.
      events = await (this.#options.expander ?? sharedIcsExpander()).eventTimes(fetched.text, {
        defaultZone: this.#options.defaultZone ?? 'UTC',
        ...(query.signal ? { signal: query.signal } : {}),
      });
    } catch (error) {
      if (query.signal?.aborted) throw error;
      throw new ProviderError('ics', 'unavailable', `ICS feed not read: ${(error as Error).message}`);
    }
    for (const event of events) {
      const fingerprint = `${event.start}/${event.end}/${event.cancelled ? 'cancelled' : 'confirmed'}`;
      uids[event.uid] = fingerprint;
      if (previous && before[event.uid] === fingerprint) continue;
      changes.push(
        event.cancelled
          ? { eventId: event.uid, iCalUID: event.uid, kind: 'deleted' }
          : { eventId: event.uid, iCalUID: event.uid, kind: 'changed', start: event.start, end: event.end },
      );
    }
    if (previous) {
      for (const uid of Object.keys(before)) {
        if (!(uid in uids)) changes.push({ eventId: uid, iCalUID: uid, kind: 'deleted' });
      }
    }
    const cursor: IcsCursor = { v: 1, etag, lastModified, uids, h: hash };
    return { changes, cursor: JSON.stringify(cursor), full: previous === null };
  }

  async #conditional(
    url: URL,
    conditions: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<
    { status: 304 } | { status: 200; text: string; etag: string | null; lastModified: string | null }
  > {
    const timeoutMs = this.#options.timeoutMs ?? 15_000;
    const maxBytes = this.#options.maxBytes ?? 20 * 1024 * 1024;
    const doFetch =
      this.#options.fetch ??
      sharedUserFetch({
        ...(this.#options.allowedNetworks ? { allowedNetworks: this.#options.allowedNetworks } : {}),
        ...(this.#options.resolve ? { resolve: this.#options.resolve } : {}),
        maxBytes,
      });
    const now = this.#options.now ?? Date.now;
    return withRetry(
      async () => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const response = await doFetch(url, {
          headers: { accept: 'text/calendar, */*;q=0.5', ...conditions },
          redirect: 'follow',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        // Only a conditional request can be answered "not modified".
        if (response.status === 304 && Object.keys(conditions).length > 0) {
          await response.body?.cancel();
          return { status: 304 as const };
        }
        if (!response.ok) {
          await response.body?.cancel();
          throw new FeedHttpError(response.status, response.headers.get('retry-after'), now());
        }
        return {
          status: 200 as const,
          text: await readCapped(response, maxBytes),
          etag: response.headers.get('etag'),
          lastModified: response.headers.get('last-modified'),
        };
      },
      classifyFeedError,
      this.#options.retry ?? defaultRetryPolicy,
      signal,
    );
  }

  #shared(): FeedDownloads {
    return this.#options.downloads ?? sharedFeedDownloads(this.#options.fetch);
  }

  async createEvent(_draft: EventDraft): Promise<WrittenEvent> {
    throw readOnly();
  }

  async updateEvent(_eventId: string, _draft: EventDraft): Promise<WrittenEvent> {
    throw readOnly();
  }

  async deleteEvent(_calendarId: string, _eventId: string): Promise<void> {
    throw readOnly();
  }
}

function readOnly(): ProviderError {
  return new ProviderError(
    'ics',
    'read_only',
    'ICS feeds are read-only; connect the calendar over CalDAV to book',
  );
}

function defaultName(url: string): string {
  const parsed = feedFetchUrl(url);
  // Secret feed links carry tokens in the path and query: name the feed by host only.
  return parsed ? `ICS feed (${parsed.host})` : 'ICS feed';
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`feed is larger than ${maxBytes} bytes`);
  }
  if (!response.body) return '';
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new Error(`feed is larger than ${maxBytes} bytes`);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
