/**
 * What an ICS feed costs to read, and how repeated reads of one feed are shared (per replica, in memory).
 *
 * - `FeedDownloads`: free/busy reads of the same feed URL share one download while it is in flight and
 *   for `ttlMs` after it (default 10 s; the free/busy cache keeps results per connection for a minute, so
 *   a body 10 s old is well within what a reader already accepts). Bounded: at most `maxEntries` bodies
 *   and `maxBytes` in total are kept; a body larger than `maxBytes` is handed out but never kept. The key
 *   is the exact feed URL (secret feed links carry their token in it): only a caller that knows the URL
 *   gets the body. A shared download runs without any one caller's abort signal (each caller still stops
 *   waiting when its own signal aborts) and with the connector's per-attempt timeout.
 * - Change polls do not use it: they send the previous response's validators (`If-None-Match`,
 *   `If-Modified-Since`, see ./client.ts) and compare the body's content hash with the one stored in the
 *   watch's cursor, so an unchanged feed is neither parsed nor diffed.
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

export interface IcsFeedCounters {
  /** Free/busy reads that downloaded the feed. */
  busyDownloads: number;
  /** Free/busy reads answered by a download in flight or kept from the last `ttlMs`. */
  busyShared: number;
  /** Change polls that reached the feed server. */
  pollRequests: number;
  /** …answered 304 Not Modified (nothing downloaded or parsed). */
  pollNotModified: number;
  /** …answered with a body identical to the last poll's (content hash): not parsed, not diffed. */
  pollUnchanged: number;
  /** …whose body was parsed and diffed. */
  pollParsed: number;
}

const counters: IcsFeedCounters = {
  busyDownloads: 0,
  busyShared: 0,
  pollRequests: 0,
  pollNotModified: 0,
  pollUnchanged: 0,
  pollParsed: 0,
};

/** A snapshot of this process's feed counters. */
export function icsFeedCounters(): IcsFeedCounters {
  return { ...counters };
}

export function countFeed(name: keyof IcsFeedCounters): void {
  counters[name]++;
}

export interface FeedDownloadsOptions {
  /** How long a finished download is handed to later reads of the same URL. Default 10,000 ms; 0: in flight only. */
  readonly ttlMs?: number;
  /** Bodies kept. Default 16. */
  readonly maxEntries?: number;
  /** Characters kept in total (UTF-16 code units, ~bytes × 2 in memory). Default 32 Mi. */
  readonly maxChars?: number;
  readonly clock?: () => number;
}

interface Entry {
  readonly promise: Promise<string>;
  /** When the download finished; null while in flight. */
  doneAt: number | null;
  chars: number;
}

export class FeedDownloads {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxChars: number;
  readonly #clock: () => number;
  readonly #entries = new Map<string, Entry>();
  #chars = 0;
  /** Downloads started (tests). */
  downloads = 0;

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

  /**
   * The body of `url`: shared with a download of it in flight or finished less than `ttlMs` ago, else
   * `download()` (called without the caller's signal). A failed download is not kept.
   */
  async get(url: string, download: () => Promise<string>, signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const now = this.#clock();
    const current = this.#entries.get(url);
    let entry: Entry;
    if (current && (current.doneAt === null || now - current.doneAt < this.#ttlMs)) {
      countFeed('busyShared');
      entry = current;
    } else {
      if (current) this.#drop(url, current);
      countFeed('busyDownloads');
      this.downloads++;
      const promise = download();
      entry = { promise, doneAt: null, chars: 0 };
      this.#entries.set(url, entry);
      promise.then(
        (text) => {
          if (this.#entries.get(url) !== entry) return;
          entry.doneAt = this.#clock();
          entry.chars = text.length;
          this.#chars += text.length;
          if (this.#ttlMs === 0 || text.length > this.#maxChars) this.#drop(url, entry);
          else this.#evict();
        },
        () => {
          if (this.#entries.get(url) === entry) this.#drop(url, entry);
        },
      );
      this.#evict();
    }
    return signal ? raceAbort(entry.promise, signal) : entry.promise;
  }

  #drop(url: string, entry: Entry): void {
    this.#entries.delete(url);
    this.#chars -= entry.chars;
  }

  /** Oldest first (Map order): past the entry or size cap, finished bodies go; downloads in flight stay. */
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

let shared: FeedDownloads | undefined;

/** The process-wide share of free/busy feed downloads. */
export function sharedFeedDownloads(): FeedDownloads {
  shared ??= new FeedDownloads();
  return shared;
}
