/**
 * Expands ICS feeds off the event loop, in a small fixed pool of worker threads (default 1), so a large
 * or hostile feed never takes turns from other requests: a server's busy time is read while it runs.
 *
 * - Bounded: at most `maxQueued` feeds wait (more are refused with `IcsExpanderBusy`, a clear message to
 *   the reader); each expansion has a time budget (`timeBudgetTotalMs`, default 2 s; past it the rest
 *   of the file is skipped with a warning) and a hard limit after which the worker is replaced; each
 *   worker has a heap limit.
 * - Cached: a result is kept per (content hash, default zone, range rounded out to whole UTC days), in a
 *   bounded LRU (entries and intervals), and identical expansions in flight are shared: the same feed
 *   read by many requests (many people on one shared calendar, or one request after another on the same
 *   day) is parsed and expanded once. The busy time handed out is clipped to each caller's range.
 * - A caller whose signal aborts gets its reason at once; a queued expansion nobody waits for any more is
 *   dropped; a running one finishes (bounded) and fills the cache.
 */
import { Worker } from 'node:worker_threads';
import type { Interval } from '../../core/interval.ts';
import type { EventTimes } from './changes.ts';
import { DEFAULT_TIME_BUDGET_TOTAL_MS, type IcsErrorCode } from './expand.ts';
import type { ExpandJob } from './expand-worker.ts';
import { feedContentHash as contentHash } from './feed-cache.ts';

export type PooledExpandResult =
  | { readonly ok: true; readonly busy: readonly Interval[]; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: { readonly code: IcsErrorCode; readonly message: string } };

export interface IcsExpanderOptions {
  /** Worker threads. Default 1. */
  readonly size?: number;
  /** Expansions waiting for a worker before more are refused. Default 32. */
  readonly maxQueued?: number;
  /** Time budget of one file (ms), inside the worker. Default 2,000. */
  readonly timeBudgetTotalMs?: number;
  /** A worker still busy this long after it started a file is terminated and replaced. Default budget × 4 + 5 s. */
  readonly hardLimitMs?: number;
  /** Cached results (entries). Default 64. */
  readonly cacheEntries?: number;
  /** Busy intervals kept in the cache in total. Default 500,000. */
  readonly cacheIntervals?: number;
  /** Heap limit of a worker (MiB). Default 512. */
  readonly workerHeapMb?: number;
}

/** Too many feeds are already waiting to be expanded. */
export class IcsExpanderBusy extends Error {
  constructor(queued: number) {
    super(`too many calendar feeds are being read right now (${queued} waiting); try again in a minute`);
    this.name = 'IcsExpanderBusy';
  }
}

const DAY = 86_400_000;

type JobMessage =
  | Omit<Extract<ExpandJob, { kind: 'expand' }>, 'id'>
  | Omit<Extract<ExpandJob, { kind: 'times' }>, 'id'>;
type JobResult = PooledExpandResult | EventTimes[];

interface Job {
  readonly key: string;
  readonly message: JobMessage;
  readonly promise: Promise<JobResult>;
  resolve(result: JobResult): void;
  reject(error: Error): void;
  waiters: number;
  started: boolean;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

let nextId = 0;

export class IcsExpander {
  readonly #size: number;
  readonly #maxQueued: number;
  readonly #budgetMs: number;
  readonly #hardLimitMs: number;
  readonly #cacheEntries: number;
  readonly #cacheIntervals: number;
  readonly #heapMb: number;
  readonly #queue: Job[] = [];
  readonly #slots: Slot[] = [];
  readonly #inflight = new Map<string, Job>();
  readonly #cache = new Map<string, JobResult>();
  #cachedIntervals = 0;
  #closed = false;
  /** Expansions run by the workers (for tests and metrics). */
  expansions = 0;

  constructor(options: IcsExpanderOptions = {}) {
    this.#size = Math.max(1, options.size ?? 1);
    this.#maxQueued = Math.max(0, options.maxQueued ?? 32);
    this.#budgetMs = options.timeBudgetTotalMs ?? Math.min(2_000, DEFAULT_TIME_BUDGET_TOTAL_MS);
    this.#hardLimitMs = options.hardLimitMs ?? this.#budgetMs * 4 + 5_000;
    this.#cacheEntries = Math.max(0, options.cacheEntries ?? 64);
    this.#cacheIntervals = Math.max(0, options.cacheIntervals ?? 500_000);
    this.#heapMb = options.workerHeapMb ?? 512;
  }

  /** Files waiting for a worker. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Merged busy time of `text` within `range` (clipped), with the expansion's warnings. `tentative: 'free'`
   * leaves tentative time out (the person's "treat tentative as free"); it is part of the cache key.
   */
  async expand(
    text: string,
    range: Interval,
    options: {
      readonly defaultZone?: string;
      readonly tentative?: 'busy' | 'free';
      readonly signal?: AbortSignal;
    } = {},
  ): Promise<PooledExpandResult> {
    options.signal?.throwIfAborted();
    if (this.#closed) throw new Error('ICS expander closed');
    if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.end <= range.start)
      return {
        ok: false,
        error: { code: 'invalid_range', message: 'the range must have a finite start before its end' },
      };
    const zone = options.defaultZone ?? 'UTC';
    const outer: Interval = {
      start: Math.floor(range.start / DAY) * DAY,
      end: Math.ceil(range.end / DAY) * DAY,
    };
    const tentative = options.tentative ?? 'busy';
    const key = `expand|${contentHash(text)}|${zone}|${tentative}|${outer.start}|${outer.end}`;
    const result = await this.#run(
      key,
      {
        kind: 'expand',
        text,
        range: outer,
        options: { defaultZone: zone, tentative, timeBudgetTotalMs: this.#budgetMs },
      },
      options.signal,
    );
    return clipTo(result as PooledExpandResult, range);
  }

  /**
   * The times of a feed's master events (`eventTimesOf`: a full ical.js parse, for change detection),
   * in the worker, shared and cached like `expand`.
   */
  async eventTimes(
    text: string,
    options: { readonly defaultZone?: string; readonly signal?: AbortSignal } = {},
  ): Promise<EventTimes[]> {
    options.signal?.throwIfAborted();
    if (this.#closed) throw new Error('ICS expander closed');
    const zone = options.defaultZone ?? 'UTC';
    const key = `times|${contentHash(text)}|${zone}`;
    return (await this.#run(key, { kind: 'times', text, defaultZone: zone }, options.signal)) as EventTimes[];
  }

  async #run(key: string, message: JobMessage, signal: AbortSignal | undefined): Promise<JobResult> {
    const cached = this.#cache.get(key);
    if (cached) {
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    let job = this.#inflight.get(key);
    if (!job) {
      const idle = this.#slots.some((s) => s.job === null) || this.#slots.length < this.#size;
      if (!idle && this.#queue.length >= this.#maxQueued) {
        throw new IcsExpanderBusy(this.#queue.length);
      }
      job = this.#newJob(key, message);
      this.#inflight.set(key, job);
      this.#queue.push(job);
      this.#dispatch();
    }
    job.waiters++;
    const current = job;
    try {
      return signal ? await raceAbort(current.promise, signal) : await current.promise;
    } finally {
      current.waiters--;
      if (current.waiters === 0 && !current.started) {
        // Nobody waits for it any more and it has not started: drop it.
        const at = this.#queue.indexOf(current);
        if (at >= 0) this.#queue.splice(at, 1);
        this.#inflight.delete(current.key);
        current.reject(new Error('ICS expansion dropped: nobody waits for it'));
      }
    }
  }

  /** Stops the workers; waiting callers are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new Error('ICS expander closed'));
    await Promise.all(
      this.#slots.splice(0).map((slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.job?.reject(new Error('ICS expander closed'));
        return slot.worker.terminate();
      }),
    );
    this.#inflight.clear();
    this.#cache.clear();
    this.#cachedIntervals = 0;
  }

  #newJob(key: string, message: JobMessage): Job {
    let resolve!: (result: JobResult) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<JobResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A dropped or failed job may have no waiter left: never an unhandled rejection.
    promise.catch(() => undefined);
    return { key, message, promise, resolve, reject, waiters: 0, started: false };
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      let slot = this.#slots.find((s) => s.job === null);
      if (!slot && this.#slots.length < this.#size) slot = this.#spawn();
      if (!slot) return;
      const job = this.#queue.shift()!;
      job.started = true;
      slot.job = job;
      slot.timer = setTimeout(
        () => this.#replace(slot!, `took longer than ${this.#hardLimitMs} ms`),
        this.#hardLimitMs,
      );
      slot.timer.unref();
      slot.worker.postMessage({ id: ++nextId, ...job.message } satisfies ExpandJob);
    }
  }

  #spawn(): Slot {
    const file = import.meta.url.endsWith('.ts') ? './expand-worker.ts' : './expand-worker.js';
    const worker = new Worker(new URL(file, import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.#heapMb },
    });
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (answer: { result?: JobResult; crash?: string }) => {
      const job = slot.job;
      if (!job) return;
      this.#finish(slot);
      if (answer.result) {
        this.expansions++;
        this.#remember(job.key, answer.result);
        job.resolve(answer.result);
      } else if (job.message.kind === 'times') {
        job.reject(new Error(`the feed could not be read (${answer.crash})`));
      } else {
        job.resolve({
          ok: false,
          error: { code: 'parse_error', message: `the feed could not be read (${answer.crash})` },
        });
      }
      this.#dispatch();
    });
    worker.on('error', (error) => this.#replace(slot, error.message));
    worker.on('exit', () => this.#replace(slot, 'the worker stopped'));
    this.#slots.push(slot);
    return slot;
  }

  #finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.job) this.#inflight.delete(slot.job.key);
    slot.job = null;
  }

  /** A worker failed, hung or died: its file fails, the worker is dropped (a new one starts on demand). */
  #replace(slot: Slot, reason: string): void {
    const at = this.#slots.indexOf(slot);
    if (at < 0) return;
    this.#slots.splice(at, 1);
    const job = slot.job;
    this.#finish(slot);
    void slot.worker.terminate();
    if (job?.message.kind === 'times') job.reject(new Error(`the feed could not be read: ${reason}`));
    else
      job?.resolve({
        ok: false,
        error: { code: 'parse_error', message: `the feed could not be expanded: ${reason}` },
      });
    this.#dispatch();
  }

  #remember(key: string, result: JobResult): void {
    const size = sizeOf(result);
    if (this.#cacheEntries === 0 || size > this.#cacheIntervals) return;
    this.#cache.set(key, result);
    this.#cachedIntervals += size;
    while (this.#cache.size > this.#cacheEntries || this.#cachedIntervals > this.#cacheIntervals) {
      const [oldest, value] = this.#cache.entries().next().value as [string, JobResult];
      this.#cache.delete(oldest);
      this.#cachedIntervals -= sizeOf(value);
    }
  }
}

function sizeOf(result: JobResult): number {
  return Array.isArray(result) ? result.length : result.ok ? result.busy.length : 0;
}

function clipTo(result: PooledExpandResult, range: Interval): PooledExpandResult {
  if (!result.ok) return result;
  const busy: Interval[] = [];
  for (const b of result.busy) {
    const start = Math.max(b.start, range.start);
    const end = Math.min(b.end, range.end);
    if (start < end) busy.push({ start, end });
  }
  return { ok: true, busy, warnings: [...result.warnings] };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
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

let shared: IcsExpander | undefined;

/** The process-wide expander (one worker), created on first use; its workers never keep the process alive. */
export function sharedIcsExpander(): IcsExpander {
  shared ??= new IcsExpander();
  return shared;
}
