/**
 * What an ICS feed costs to read, and how repeated reads of one feed are shared (per replica, in memory).
 *
 * - `FeedDownloads`: free/busy reads of the same feed URL share one download while it is in flight and
 *   for `ttlMs` after it (default 10 s; the free/busy cache keeps results per connection for a minute, so
 *   a body 10 s old is well within what a reader already accepts). After that the next read asks again,
 *   conditionally when the kept body came with validators: a 304 reuses the kept body (the expand pool
 *   then finds its result by content hash: nothing downloaded, nothing parsed). Bounded: at most
 *   `maxEntries` bodies and `maxChars` in total are kept (oldest first out); a larger body is handed out
 *   but never kept; validators longer than `MAX_VALIDATOR_CHARS` are not kept. The key
 *   is the exact feed URL (secret feed links carry their token in it): only a caller that knows the URL
 *   gets the body. A shared download runs without any one caller's abort signal (each caller still stops
 *   waiting when its own signal aborts) and with the connector's per-attempt timeout.
 * - Change polls send the previous response's validators (`If-None-Match`, `If-Modified-Since`, kept in
 *   the watch's cursor, see ./client.ts) on their own; a poll without validators (a server that sends
 *   none, a first poll) reads through the share like a free/busy read. Either way the body's content hash
 *   is compared with the one in the cursor, so an unchanged feed is neither parsed nor diffed.
 * - `icsFeedCounters()`: downloads and their outcomes by purpose since the process started (for the load
 *   bench and diagnostics).
 */
import { createHash } from 'node:crypto';

/** Validators longer than this are not kept (nor sent back): an absurd header never grows a cursor. */
export const MAX_VALIDATOR_CHARS = 256;

/** A validator worth storing, or null (missing, too long, or with characters no header may carry). */
export function keptValidator(value: string | null): string | null {
  if (value === null || value.length === 0 || value.length > MAX_VALIDATOR_CHARS) return null;
  // Printable ASCII only: it is sent back verbatim as a request header.
  return /^[\x20-\x7e]+$/.test(value) ? value : null;
}

/** SHA-256 of the feed text (the expand pool keys its cache with the same hash). */
export function feedContentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Why a feed is read. */
export type FeedPurpose = 'busy' | 'poll';

/**
 * Per purpose: `Downloads` requests answered with a body, `NotModified` requests answered 304,
 * `Shared` reads answered by another read's request (in flight or within the TTL) without a request of
 * their own. Polls only: `pollUnchanged` bodies identical to the last poll's (content hash: not parsed,
 * not diffed), `pollParsed` bodies parsed and diffed.
 */
export interface IcsFeedCounters {
  busyDownloads: number;
  busyNotModified: number;
  busyShared: number;
  pollDownloads: number;
  pollNotModified: number;
  pollShared: number;
  pollUnchanged: number;
  pollParsed: number;
}

const counters: IcsFeedCounters = {
  busyDownloads: 0,
  busyNotModified: 0,
  busyShared: 0,
  pollDownloads: 0,
  pollNotModified: 0,
  pollShared: 0,
  pollUnchanged: 0,
  pollParsed: 0,
};

/** A snapshot of this process's feed counters. */
export function icsFeedCounters(): IcsFeedCounters {
  return { ...counters };
}

/** Counts one event (see `IcsFeedCounters`). */
export function countFeed(name: keyof IcsFeedCounters): void {
  counters[name]++;
}

export interface FeedDownloadsOptions {
  /** How long a finished download is handed to later reads without asking the server. Default 10,000 ms. */
  readonly ttlMs?: number;
  /** Bodies kept (for sharing and for conditional requests). Default 16. */
  readonly maxEntries?: number;
  /** Characters kept in total (UTF-16 code units). Default 32 Mi. */
  readonly maxChars?: number;
  readonly clock?: () => number;
}

/** A feed response: 304 only ever answers a conditional request. */
export type FeedResponse =
  | { readonly status: 304 }
  | {
      readonly status: 200;
      readonly text: string;
      readonly etag: string | null;
      readonly lastModified: string | null;
    };

/** A body with the validators it came with (kept ones only: see `keptValidator`). */
export interface FeedBody {
  readonly text: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

interface Entry {
  readonly promise: Promise<FeedBody>;
  /** When the download finished; null while in flight. */
  doneAt: number | null;
  text: string | null;
  etag: string | null;
  lastModified: string | null;
}

export class FeedDownloads {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxChars: number;
  readonly #clock: () => number;
  readonly #entries = new Map<string, Entry>();
  #chars = 0;
  /** Requests sent to feed servers (tests). */
  requests = 0;

  constructor(options: FeedDownloadsOptions = {}) {
    this.#ttlMs = Math.max(0, options.ttlMs ?? 10_000);
    this.#maxEntries = Math.max(1, options.maxEntries ?? 16);
    this.#maxChars = Math.max(0, options.maxChars ?? 32 * 1024 * 1024);
    this.#clock = options.clock ?? Date.now;
  }

  /** Bodies kept or in flight. */
  get size(): number {
    return this.#entries.size;
  }

  /** Characters of the bodies kept. */
  get chars(): number {
    return this.#chars;
  }

  /**
   * The body of `url`: shared with a request for it in flight or finished less than `ttlMs` ago; else
   * `fetchFeed` is called (without the caller's signal), conditionally when a kept body has validators,
   * and a 304 hands out the kept body. A failed request keeps nothing.
   */
  async get(
    url: string,
    fetchFeed: (conditions: Record<string, string>) => Promise<FeedResponse>,
    options: {
      readonly purpose?: FeedPurpose;
      readonly signal?: AbortSignal;
      /** Only a request in flight is shared, never a finished one (it is still revalidated conditionally). */
      readonly fresh?: boolean;
    } = {},
  ): Promise<FeedBody> {
    const { signal, purpose = 'busy', fresh = false } = options;
    signal?.throwIfAborted();
    const now = this.#clock();
    const current = this.#entries.get(url);
    if (current && (current.doneAt === null || (!fresh && now - current.doneAt < this.#ttlMs))) {
      countFeed(`${purpose}Shared`);
      return signal ? raceAbort(current.promise, signal) : current.promise;
    }
    const kept = current?.text ?? null;
    const conditions: Record<string, string> = {};
    if (kept !== null && current?.etag) conditions['if-none-match'] = current.etag;
    else if (kept !== null && current?.lastModified) conditions['if-modified-since'] = current.lastModified;
    if (current) this.#drop(url, current);
    this.requests++;
    let entry!: Entry;
    const promise = fetchFeed(conditions).then(
      (response) => {
        if (response.status === 304 && kept !== null) {
          countFeed(`${purpose}NotModified`);
          const body = {
            text: kept,
            etag: current?.etag ?? null,
            lastModified: current?.lastModified ?? null,
          };
          this.#settle(url, entry, body);
          return body;
        }
        if (response.status === 304) throw new Error('ICS: "not modified" to an unconditional request');
        countFeed(`${purpose}Downloads`);
        const body = {
          text: response.text,
          etag: keptValidator(response.etag),
          lastModified: keptValidator(response.lastModified),
        };
        this.#settle(url, entry, body);
        return body;
      },
      (error: unknown) => {
        if (this.#entries.get(url) === entry) this.#drop(url, entry);
        throw error;
      },
    );
    entry = { promise, doneAt: null, text: null, etag: null, lastModified: null };
    // A request nobody waits for any more must not fail unhandled.
    promise.catch(() => undefined);
    this.#entries.set(url, entry);
    this.#evict();
    return signal ? raceAbort(promise, signal) : promise;
  }

  #settle(url: string, entry: Entry, { text, etag, lastModified }: FeedBody): void {
    if (this.#entries.get(url) !== entry) return;
    entry.doneAt = this.#clock();
    if (text.length > this.#maxChars) {
      this.#drop(url, entry);
      return;
    }
    entry.text = text;
    entry.etag = etag;
    entry.lastModified = lastModified;
    this.#chars += text.length;
    this.#evict();
  }

  #drop(url: string, entry: Entry): void {
    this.#entries.delete(url);
    this.#chars -= entry.text?.length ?? 0;
  }

  /** Oldest first (Map order): past the entry or size cap, finished bodies go; requests in flight stay. */
  #evict(): void {
    for (const [url, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#chars <= this.#maxChars) return;
      if (entry.doneAt !== null) this.#drop(url, entry);
    }
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const shared = new WeakMap<typeof fetch, FeedDownloads>();

/**
 * The process-wide share of free/busy feed downloads, one per fetch function (production has one; a
 * test's fake fetch never answers for another's).
 */
export function sharedFeedDownloads(doFetch: typeof fetch = fetch): FeedDownloads {
  let downloads = shared.get(doFetch);
  if (!downloads) {
    downloads = new FeedDownloads();
    shared.set(doFetch, downloads);
  }
  return downloads;
}
