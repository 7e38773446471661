/**
 * Two-way sync, the plumbing: which calendars are watched, how (push channel or poll), and the
 * durable jobs that keep them current. All of it runs on the outbox worker (`OutboxDeps.handlers`),
 * so any replica may run any job and the job table's locking runs each exactly once.
 *
 * - Watches: one per (connection, calendar): the write calendar of Google / Microsoft / CalDAV
 *   connections (where Convene's events live), every feed of an ICS connection. `ensureWatches` makes
 *   them when a connection is linked; `reconcileWatches` at start and hourly (`calendar.reconcile`)
 *   catches connections made otherwise and drops watches of calendars no longer used.
 * - Push (Google, Microsoft, when `CONVENE_PUBLIC_URL` is https and a state secret is set): a
 *   `calendar.watch` job opens the channel (address `<public url>/webhooks/google|microsoft`, secret =
 *   HMAC of the watch id), then renews it `renewBeforeMs` before expiry (Graph: `renewWatch`; Google
 *   has no renewal: a new channel is opened, then the old one stopped). A watch that cannot be opened
 *   (no public HTTPS URL, the provider refuses the address) falls back to polling.
 * - Poll (CalDAV, ICS, fallback): a `calendar.poll` job per watch every `pollIntervalMs` (default 5 min),
 *   at slots aligned on the interval plus a per-watch offset: the dedupe key names the slot, so however
 *   many replicas (re)schedule it, one job per slot exists and one worker runs it.
 * - `SyncQueue` (webhooks): `calendar.sync` jobs keyed by the watch's generation (bumped when a sync
 *   starts): notifications arriving while a sync is queued share it; Google message numbers at or
 *   below the last seen are duplicates.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { CALENDAR_SYNC_JOB, type CalendarSyncDeps, syncWatch } from '../calendar-sync.ts';
import { safeEqual } from '../link/state.ts';
import type { JobHandler } from '../outbox.ts';
import type { ChangeSource, WatchChannel } from '../ports/changes.ts';
import { ProviderError } from '../ports/provider-errors.ts';
import type { Job, Repositories } from '../ports/store.ts';
import type { CalendarWatch, SyncQueue, WatchLookup, WatchTarget } from '../ports/sync.ts';

export const CALENDAR_POLL_JOB = 'calendar.poll';
export const CALENDAR_WATCH_JOB = 'calendar.watch';
export const CALENDAR_RECONCILE_JOB = 'calendar.reconcile';

export const DEFAULT_POLL_INTERVAL_MS = 5 * 60_000;
/** Under Graph's cap for event subscriptions (10 080 min); Google caps channels itself. */
export const DEFAULT_WATCH_TTL_MS = 6 * 24 * 3_600_000;
export const DEFAULT_RENEW_BEFORE_MS = 12 * 3_600_000;
export const DEFAULT_RECONCILE_INTERVAL_MS = 3_600_000;

export interface SyncSettings {
  /** `CONVENE_PUBLIC_URL`; push needs https. */
  readonly publicUrl?: string | null;
  /** `CONVENE_STATE_SECRET`: keys the channel secrets. */
  readonly stateSecret?: string | null;
  readonly pollIntervalMs?: number;
  readonly watchTtlMs?: number;
  readonly renewBeforeMs?: number;
  readonly reconcileIntervalMs?: number;
  /** Tests only (loopback fakes over http): accept an http `publicUrl` for push. Never read from the environment. */
  readonly allowInsecurePush?: boolean;
}

/** The secret a watch's channel presents (Google channel token, Graph clientState): never stored. */
export function channelSecret(stateSecret: string, watchId: string): string {
  return createHmac('sha256', stateSecret).update(`calendar-watch:${watchId}`).digest('base64url');
}

export function createWatchLookup(
  watches: Pick<Repositories['watches'], 'findByChannel' | 'findManyByChannel'>,
  stateSecret: string,
): WatchLookup {
  return {
    findByChannel: (provider, channelId) => watches.findByChannel(provider, channelId),
    findManyByChannel: (provider, channelIds) => watches.findManyByChannel(provider, channelIds),
    secretMatches(watch, presented) {
      return safeEqual(channelSecret(stateSecret, watch.id), typeof presented === 'string' ? presented : '');
    },
  };
}

function pushAddress(settings: SyncSettings, provider: 'google' | 'microsoft'): string | null {
  const base = settings.publicUrl?.trim().replace(/\/+$/, '');
  const secure = base?.startsWith('https://') || (settings.allowInsecurePush && base?.startsWith('http://'));
  if (!base || !secure || !settings.stateSecret) return null;
  return `${base}/webhooks/${provider}`;
}

const isPushProvider = (p: string): p is 'google' | 'microsoft' => p === 'google' || p === 'microsoft';

/** Aligned slot after `now` for a recurring job (a per-key offset spreads the load). */
export function nextSlot(key: string, now: number, interval: number): number {
  const offset = Number.parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) % interval;
  return offset + (Math.floor((now - offset) / interval) + 1) * interval;
}

type WatchStore = Pick<Repositories, 'jobs' | 'watches'>;

interface WatchPayload {
  readonly watchId: string;
  readonly reason?: 'open' | 'renew';
}

function watchPayload(job: Job): WatchPayload | null {
  const p = job.payload as Partial<WatchPayload> | null;
  return p && typeof p.watchId === 'string'
    ? { watchId: p.watchId, ...(p.reason === 'renew' || p.reason === 'open' ? { reason: p.reason } : {}) }
    : null;
}

/** Queues the next poll of a watch (one job per slot, whoever schedules it). */
export async function schedulePoll(
  store: WatchStore,
  watch: Pick<CalendarWatch, 'id' | 'tenantId'>,
  now: number,
  settings: SyncSettings,
): Promise<Job> {
  const interval = settings.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const at = nextSlot(watch.id, now, interval);
  return store.jobs.enqueue({
    kind: CALENDAR_POLL_JOB,
    tenantId: watch.tenantId,
    payload: { watchId: watch.id } satisfies WatchPayload,
    runAt: at,
    maxAttempts: 3,
    dedupeKey: `${CALENDAR_POLL_JOB}:${watch.id}:${at}`,
  });
}

async function scheduleWatchJob(
  store: WatchStore,
  watch: Pick<CalendarWatch, 'id' | 'tenantId'>,
  reason: 'open' | 'renew',
  runAt: number,
  key: string,
): Promise<void> {
  await store.jobs.enqueue({
    kind: CALENDAR_WATCH_JOB,
    tenantId: watch.tenantId,
    payload: { watchId: watch.id, reason } satisfies WatchPayload,
    runAt,
    dedupeKey: `${CALENDAR_WATCH_JOB}:${watch.id}:${key}`,
  });
}

async function scheduleRenewal(store: WatchStore, watch: CalendarWatch, settings: SyncSettings, now: number) {
  if (watch.expiresAt === null) return;
  const at = Math.max(now, watch.expiresAt - (settings.renewBeforeMs ?? DEFAULT_RENEW_BEFORE_MS));
  await scheduleWatchJob(store, watch, 'renew', at, `renew:${watch.channelId}:${watch.expiresAt}`);
}

async function queueSync(store: WatchStore, watch: Pick<CalendarWatch, 'id' | 'tenantId'>, now: number) {
  const generation = await store.watches.generation(watch.id);
  if (generation === null) return 'duplicate' as const;
  const key = `${CALENDAR_SYNC_JOB}:${watch.id}:${generation}:`;
  const existing = await store.jobs.listByDedupePrefix(key);
  if (existing.length > 0) return 'duplicate' as const;
  await store.jobs.enqueue({
    kind: CALENDAR_SYNC_JOB,
    tenantId: watch.tenantId,
    payload: { watchId: watch.id } satisfies WatchPayload,
    runAt: now,
    dedupeKey: key,
  });
  return 'queued' as const;
}

/** What the webhooks call: quick (a few queries), durable, idempotent. */
export function createSyncQueue(store: WatchStore, clock: () => number = Date.now): SyncQueue {
  return {
    async requestSync(watch, notice) {
      if (
        notice.messageNumber !== undefined &&
        !(await store.watches.noteMessage(watch.id, notice.messageNumber))
      )
        return 'duplicate';
      return queueSync(store, watch, clock());
    },
    async requestRewatch(watch, reason) {
      const now = clock();
      if (reason === 'missed') {
        await queueSync(store, watch, now);
        return;
      }
      // Graph asks to reauthorize: renewing the subscription does it. Removed / expired: a new channel.
      const renew = reason === 'reauthorization_required';
      await scheduleWatchJob(
        store,
        watch,
        renew ? 'renew' : 'open',
        now,
        `${reason}:${watch.channelId ?? '-'}`,
      );
    },
  };
}

/**
 * Makes the watches of a connection's calendars (and drops those of calendars no longer used), and
 * queues what keeps them current: the channel's opening/renewal (push) or the next poll.
 */
export async function ensureWatches(
  store: WatchStore,
  settings: SyncSettings,
  target: WatchTarget,
  now: number,
): Promise<CalendarWatch[]> {
  const calendars =
    target.provider === 'ics'
      ? [...new Set(target.busyCalendarIds)]
      : target.writeCalendarId
        ? [target.writeCalendarId]
        : [];
  for (const old of await store.watches.listForConnection(target.tenantId, target.connectionId)) {
    if (!calendars.includes(old.calendarId)) await store.watches.remove(target.tenantId, old.id);
  }
  const push = isPushProvider(target.provider) && pushAddress(settings, target.provider) !== null;
  const out: CalendarWatch[] = [];
  for (const calendarId of calendars) {
    const watch = await store.watches.ensure({
      tenantId: target.tenantId,
      connectionId: target.connectionId,
      calendarId,
      provider: target.provider,
      mode: push ? 'push' : 'poll',
    });
    if (!watch) continue;
    out.push(watch);
    const renewBefore = settings.renewBeforeMs ?? DEFAULT_RENEW_BEFORE_MS;
    if (push && watch.mode === 'push' && watch.channelId && (watch.expiresAt ?? 0) > now + renewBefore) {
      await scheduleRenewal(store, watch, settings, now);
    } else if (push) {
      // No live channel (new watch, expired one, or a poll fallback to retry): try to open one; the
      // dedupe key allows one attempt per hour from reconciliation.
      await scheduleWatchJob(store, watch, 'open', now, `open:${Math.floor(now / 3_600_000)}`);
      if (watch.mode === 'poll') await schedulePoll(store, watch, now, settings);
    } else {
      if (watch.mode === 'push')
        await store.watches.setChannel(watch.tenantId, watch.id, {
          mode: 'poll',
          channelId: null,
          resourceId: null,
          expiresAt: null,
        });
      await schedulePoll(store, watch, now, settings);
    }
  }
  return out;
}

/** Every connection of every tenant: at start, then hourly (`calendar.reconcile`). */
export async function reconcileWatches(
  store: WatchStore,
  settings: SyncSettings,
  now: number,
): Promise<number> {
  let count = 0;
  for (const target of await store.watches.targets()) {
    count += (await ensureWatches(store, settings, target, now)).length;
  }
  const interval = settings.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
  const at = nextSlot(CALENDAR_RECONCILE_JOB, now, interval);
  await store.jobs.enqueue({
    kind: CALENDAR_RECONCILE_JOB,
    payload: {},
    runAt: at,
    maxAttempts: 3,
    dedupeKey: `${CALENDAR_RECONCILE_JOB}:${at}`,
  });
  return count;
}

/**
 * At start: reconcile now only when no reconciliation is scheduled (a first start, or the hourly job was
 * lost). A restart of a running deployment does not re-check every connection before it serves: the
 * scheduled `calendar.reconcile` job does it within the hour, and a connection linked meanwhile got its
 * watches when it was linked. (With 20,000 linked calendars a reconciliation is about 60,000 statements.)
 */
export async function reconcileAtStart(
  store: WatchStore,
  settings: SyncSettings,
  now: number,
): Promise<'reconciled' | 'scheduled'> {
  const pending = (await store.jobs.listByDedupePrefix(`${CALENDAR_RECONCILE_JOB}:`)).some(
    (job) => job.status === 'queued' || job.status === 'running',
  );
  if (pending) return 'scheduled';
  await reconcileWatches(store, settings, now);
  return 'reconciled';
}

function describe(error: unknown): string {
  if (error instanceof ProviderError)
    return `${error.provider}/${error.code}${error.status ? ` (${error.status})` : ''}`;
  return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : 'unknown';
}

/** Failures a retry cannot fix (the person must link again, the calendar is gone): give up quietly. */
function hopeless(error: unknown): boolean {
  return (
    error instanceof ProviderError &&
    ['reauth_required', 'consent_required', 'not_found', 'invalid_request', 'read_only'].includes(error.code)
  );
}

/** The job handlers of two-way sync, for `OutboxDeps.handlers`. */
/**
 * Opens a new push channel for a watch (no renewal possible, or none open yet), then stops the old one.
 * Google sends its `sync` message as soon as the channel exists: the id is recorded first so the webhook
 * finds the watch (the old channel's late notices are then refused; it is stopped next).
 */
async function openChannel(args: {
  readonly store: CalendarSyncDeps['store'];
  readonly source: ChangeSource;
  readonly watch: CalendarWatch;
  readonly current: WatchChannel | null;
  readonly address: string;
  readonly ttl: number;
  readonly settings: SyncSettings;
  readonly now: number;
  readonly log: (line: string) => void;
}): Promise<WatchChannel> {
  const { store, source, watch, current, address, ttl, settings, now, log } = args;
  if (!source.watch) throw new Error(`sync: watch ${watch.id}: the connector cannot watch`);
  const channelId = randomUUID();
  if (watch.provider === 'google')
    await store.watches.setChannel(watch.tenantId, watch.id, {
      mode: 'push',
      channelId,
      resourceId: null,
      expiresAt: now + ttl,
    });
  const channel = await source.watch({
    calendarId: watch.calendarId,
    address,
    secret: channelSecret(settings.stateSecret!, watch.id),
    channelId,
    ttlMs: ttl,
    // Graph lifecycle notifications (src/bot/web/calendar-webhooks.ts MICROSOFT_LIFECYCLE_PATH).
    ...(watch.provider === 'microsoft' ? { lifecycleAddress: `${address}/lifecycle` } : {}),
  });
  // Google has no renewal: the new channel is open, now stop the old one (best effort).
  if (current && current.channelId !== channel.channelId && source.stopWatch)
    await source
      .stopWatch(current)
      .catch((error: unknown) =>
        log(`sync: stopping the old channel of watch ${watch.id} failed: ${describe(error)}`),
      );
  return channel;
}

export function syncJobHandlers(deps: CalendarSyncDeps, settings: SyncSettings): Record<string, JobHandler> {
  const store = deps.store;
  const log = (line: string) => deps.log?.(line);

  const sync: JobHandler = async (job, now) => {
    const payload = watchPayload(job);
    if (!payload || !job.tenantId) return { kind: 'done' };
    try {
      await syncWatch(deps, job.tenantId, payload.watchId, now);
      return { kind: 'done' };
    } catch (error) {
      log(`sync: watch ${payload.watchId} failed: ${describe(error)}`);
      return hopeless(error) ? { kind: 'done' } : { kind: 'retry', error: describe(error) };
    }
  };

  const poll: JobHandler = async (job, now) => {
    const payload = watchPayload(job);
    if (!payload || !job.tenantId) return { kind: 'done' };
    try {
      await syncWatch(deps, job.tenantId, payload.watchId, now);
    } catch (error) {
      // The next poll tries again; nothing to retry here.
      log(`sync: poll of watch ${payload.watchId} failed: ${describe(error)}`);
    }
    const watch = await store.watches.get(job.tenantId, payload.watchId);
    if (watch && watch.mode === 'poll') await schedulePoll(store, watch, now, settings);
    // A poll every few minutes would grow the job table forever: finished ones older than a day go.
    await store.watches.pruneJobs(payload.watchId, now - 24 * 3_600_000);
    return { kind: 'done' };
  };

  const fallBackToPoll = async (watch: CalendarWatch, now: number, why: string) => {
    log(`sync: watch ${watch.id} polls instead of push (${why})`);
    await store.watches.setChannel(watch.tenantId, watch.id, {
      mode: 'poll',
      channelId: null,
      resourceId: null,
      expiresAt: null,
    });
    await schedulePoll(store, { id: watch.id, tenantId: watch.tenantId }, now, settings);
  };

  const rewatch: JobHandler = async (job, now) => {
    const payload = watchPayload(job);
    if (!payload || !job.tenantId) return { kind: 'done' };
    const watch = await store.watches.get(job.tenantId, payload.watchId);
    if (!watch || !isPushProvider(watch.provider)) return { kind: 'done' };
    let opened: Awaited<ReturnType<CalendarSyncDeps['sources']['open']>>;
    try {
      opened = await deps.sources.open(watch.tenantId, watch.connectionId);
    } catch (error) {
      log(`sync: watch ${watch.id}: connection unusable: ${describe(error)}`);
      return hopeless(error) ? { kind: 'done' } : { kind: 'retry', error: describe(error) };
    }
    if (!opened) {
      await store.watches.remove(watch.tenantId, watch.id);
      return { kind: 'done' };
    }
    const source = opened.source;
    const address = pushAddress(settings, watch.provider);
    if (!address || !source?.watch) {
      await fallBackToPoll(watch, now, address ? 'the connector cannot watch' : 'no public https URL');
      return { kind: 'done' };
    }
    const ttl = settings.watchTtlMs ?? DEFAULT_WATCH_TTL_MS;
    const current: WatchChannel | null =
      watch.mode === 'push' && watch.channelId && watch.expiresAt !== null
        ? {
            channelId: watch.channelId,
            ...(watch.resourceId ? { resourceId: watch.resourceId } : {}),
            expiresAt: watch.expiresAt,
          }
        : null;
    try {
      const channel =
        payload.reason === 'renew' && current && source.renewWatch
          ? await source.renewWatch(current, ttl)
          : await openChannel({ store, source, watch, current, address, ttl, settings, now, log });
      await store.watches.setChannel(watch.tenantId, watch.id, {
        mode: 'push',
        channelId: channel.channelId,
        resourceId: channel.resourceId ?? null,
        expiresAt: channel.expiresAt,
      });
      const saved = await store.watches.get(watch.tenantId, watch.id);
      if (saved) {
        await scheduleRenewal(store, saved, settings, now);
        // A first cursor (and anything missed while no channel was open).
        await queueSync(store, saved, now);
      }
      return { kind: 'done' };
    } catch (error) {
      if (
        error instanceof ProviderError &&
        ['invalid_request', 'forbidden', 'consent_required'].includes(error.code)
      ) {
        await fallBackToPoll(watch, now, describe(error));
        return { kind: 'done' };
      }
      log(`sync: opening the channel of watch ${watch.id} failed: ${describe(error)}`);
      if (job.attempts >= job.maxAttempts || hopeless(error)) {
        await fallBackToPoll(watch, now, describe(error));
        return { kind: 'done' };
      }
      return { kind: 'retry', error: describe(error) };
    }
  };

  const reconcile: JobHandler = async (_job, now) => {
    await reconcileWatches(store, settings, now);
    return { kind: 'done' };
  };

  return {
    [CALENDAR_SYNC_JOB]: sync,
    [CALENDAR_POLL_JOB]: poll,
    [CALENDAR_WATCH_JOB]: rewatch,
    [CALENDAR_RECONCILE_JOB]: reconcile,
  };
}
