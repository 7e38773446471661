/**
 * Calendar access for the use cases: the `BusyReader`, `EventWriter` and `EventEditor` ports
 * (src/app/ports/calendars.ts) over the stored connections — an adapter, wired by src/compose.ts.
 * Opening a connection and the re-link DM are in ./connections.ts, the time box and provider metrics of
 * each call in ./calls.ts, the free/busy cache in ./cache.ts, the real provider factory in ./providers.ts.
 *
 * - Every connection of every person is read in parallel, each call time-boxed (default 2.5 s);
 *   results merge per person, and anything missing is reported as a `BusyGap` value, never thrown.
 * - Database work per `busyFor` is batched (issue 10): one read of everyone's connections, one read of
 *   the secrets of the uncached ones, one write recording the successful reads — skipped when nothing
 *   changed (status already `ok` and `lastSyncAt` younger than `SYNC_WRITE_INTERVAL_MS`). No database
 *   connection is held while a provider answers. A fully cached request makes one query (two with
 *   `preferences`: the people's "treat tentative as free", read in one query).
 * - Tentative events are busy unless the person treats tentative as free (issue #15): the preference is
 *   passed to the connectors as `tentative`, and is part of the cache key, so changing it applies at once.
 * - OAuth connections get a `RefreshingTokenSource` whose rotated tokens are persisted
 *   (`connections.updateSecrets`); a dead refresh token marks the connection `reauth_required` and DMs
 *   the owner a re-link link once (later reads skip the connection without a request until re-linked).
 * - Free/busy is cached per (connection, calendar, range) with a TTL; `fresh: true` bypasses the cache
 *   (booking re-checks), `invalidate(connectionId)` drops a connection's entries — on every replica
 *   when `invalidations` is given (a write or a provider webhook seen by one replica).
 * - With `metrics`, every provider call (getBusy, createEvent, updateEvent, deleteEvent) is timed by
 *   provider, operation and outcome, and every failed one counted by its error code.
 */
import type {
  BusyGap,
  BusyReader,
  BusyReadResult,
  ConnectionCalendars,
  DeleteOutcome,
  EventEditor,
  EventTarget,
  EventWriter,
  Notifier,
  PersonBusy,
  RelinkWording,
  SeriesChange,
  SeriesOccurrenceEditor,
  WriteOutcome,
} from '../../app/ports/calendars.ts';
import type { ChangeSource } from '../../app/ports/changes.ts';
import { unreadableDetail } from '../../app/ports/connection-detail.ts';
import type { Invalidations } from '../../app/ports/invalidations.ts';
import type { ProviderMetrics } from '../../app/ports/metrics.ts';
import type { CalendarRef, EventDraft } from '../../app/ports/provider.ts';
import { ProviderError } from '../../app/ports/provider-errors.ts';
import type {
  CalendarConnection,
  CalendarConnectionRepository,
  ConnectionHealth,
  ConnectionSecrets,
  PreferencesRepository,
} from '../../app/ports/store.ts';
import type { Interval } from '../../core/interval.ts';
import { clip, normalize } from '../../core/intervals.ts';
import { BusyCache } from './cache.ts';
import { describe, measured, Timeout, timeBoxed } from './calls.ts';
import { ConnectionOpener, grantKeyOf, isRelinkError, LABELS } from './connections.ts';
import type { OAuthProviderKind, ProviderFactory } from './providers.ts';

export { BusyCache, DEFAULT_CACHE_TTL_MS } from './cache.ts';
export type { OAuthProvider, OAuthProviderKind, ProviderFactory } from './providers.ts';
export { createProviderFactory } from './providers.ts';

export const DEFAULT_READ_TIMEOUT_MS = 2_500;
/** Listing an account's calendars (a person is waiting, but it is one call): at least this long. */
const LIST_TIMEOUT_MS = 10_000;

/** An ICS feed's label when its calendar name is not stored: the host and last path segment. */
function feedName(url: string): string {
  try {
    const parsed = new URL(url);
    const last = parsed.pathname.split('/').filter(Boolean).pop();
    return last ? `${parsed.host}/${decodeURIComponent(last)}` : parsed.host;
  } catch {
    return url;
  }
}
/** A successful read rewrites `lastSyncAt` of an `ok` connection at most this often. */
export const SYNC_WRITE_INTERVAL_MS = 60_000;
const SYNC_WRITTEN_MAX = 10_000;

interface ReadOptions {
  readonly fresh?: boolean;
  readonly signal?: AbortSignal;
  /** Secrets read in one batch for this request (a connection missing here is read on its own). */
  readonly secrets: ReadonlyMap<string, ConnectionSecrets>;
  /** Collects the connections read successfully, recorded once at the end of the request. */
  readonly synced: CalendarConnection[];
  /** Connections read with parts that could not be read: id → the detail `/meet status` shows. */
  readonly notices: Map<string, string>;
  /** The people who treat tentative events as free. */
  readonly tentativeFree: ReadonlySet<string>;
}

export interface CalendarAccessDeps {
  readonly connections: CalendarConnectionRepository;
  readonly providers: ProviderFactory;
  readonly notifier: Notifier;
  /** A fresh link for the re-link DM (wire `LinkCalendar.relinkUrl`); null → the DM has no link. */
  readonly relinkUrl?: (
    tenantId: string,
    personId: string,
    provider: OAuthProviderKind,
  ) => Promise<string | null>;
  /** A fresh link-page link for the re-link DM of a CalDAV connection (wire `LinkPage.relinkUrl`). */
  readonly pageRelinkUrl?: (tenantId: string, personId: string) => Promise<string | null>;
  /** Words the re-link DM in the person's language (wire `relinkWording` of src/app/relink-notice.ts). */
  readonly relinkWording?: RelinkWording;
  readonly clock?: () => number;
  /** Per connection read (default 2500 ms). */
  readonly timeoutMs?: number;
  readonly cacheTtlMs?: number;
  readonly cacheMaxEntries?: number;
  /** One line per event, no secrets. */
  readonly log?: (line: string) => void;
  /** Provider call latency and errors (src/observability/metrics.ts). */
  readonly metrics?: ProviderMetrics;
  /** Monotonic clock in ms for call durations; default `performance.now`. */
  readonly monotonic?: () => number;
  /** Free/busy invalidations reach every replica through it (the store's); none = this process only. */
  readonly invalidations?: Invalidations;
  /** The people's "treat tentative as free" (the store's); none = tentative is busy for everyone. */
  readonly preferences?: Pick<PreferencesRepository, 'get' | 'getMany'>;
}

export interface ConnectionHealthView {
  readonly connectionId: string;
  readonly provider: CalendarConnection['provider'];
  readonly account: string;
  readonly status: ConnectionHealth;
  readonly detail: string | null;
  readonly lastSyncAt: number | null;
}

interface ConnectionRead {
  readonly busy: readonly Interval[];
  readonly gaps: readonly BusyGap[];
}

/** Warnings that mean part of a calendar was not read (not the informational ones, e.g. an assumed zone). */
const isUnreadable = (warning: string) =>
  /cannot be read|stopped expanding|not read|not an iCalendar content line|has no END:/.test(warning);

/**
 * The cache slot of a calendar: free/busy read with tentative events as free is kept apart from the
 * default, so a person changing the preference gets the other reading at once, never a stale one.
 */
function cacheCalendar(calendarId: string, tentativeFree: boolean): string {
  return tentativeFree ? `${calendarId}\u0000tentative-free` : calendarId;
}

export class CalendarAccess
  implements BusyReader, EventWriter, EventEditor, SeriesOccurrenceEditor, ConnectionCalendars
{
  readonly #deps: CalendarAccessDeps;
  readonly #clock: () => number;
  readonly #timeoutMs: number;
  readonly #cache: BusyCache;
  readonly #opener: ConnectionOpener;
  /** When this process last recorded a successful read per connection (bounded, oldest dropped). */
  readonly #syncWritten = new Map<string, number>();

  constructor(deps: CalendarAccessDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? Date.now;
    this.#timeoutMs = deps.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    this.#opener = new ConnectionOpener({
      connections: deps.connections,
      providers: deps.providers,
      notifier: deps.notifier,
      ...(deps.relinkUrl ? { relinkUrl: deps.relinkUrl } : {}),
      ...(deps.pageRelinkUrl ? { pageRelinkUrl: deps.pageRelinkUrl } : {}),
      ...(deps.relinkWording ? { relinkWording: deps.relinkWording } : {}),
      clock: this.#clock,
      ...(deps.log ? { log: deps.log } : {}),
    });
    this.#cache = new BusyCache({
      clock: this.#clock,
      ...(deps.cacheTtlMs !== undefined ? { ttlMs: deps.cacheTtlMs } : {}),
      ...(deps.cacheMaxEntries !== undefined ? { maxEntries: deps.cacheMaxEntries } : {}),
    });
    const cache = this.#cache;
    deps.invalidations?.subscribe('calendar.busy', (key) =>
      key === null ? cache.clear() : cache.invalidate(key),
    );
  }

  /** Drops cached free/busy of a connection (after a write, an unlink, a change notification). */
  invalidate(connectionId: string): void {
    if (this.#deps.invalidations) this.#deps.invalidations.publish('calendar.busy', connectionId);
    else this.#cache.invalidate(connectionId);
  }

  async busyFor(
    tenantId: string,
    personIds: readonly string[],
    range: Interval,
    options: { fresh?: boolean; signal?: AbortSignal } = {},
  ): Promise<BusyReadResult> {
    const ids = [...new Set(personIds)];
    const listed = await this.#connectionsOf(tenantId, ids);
    const tentativeFree = await this.#tentativeFree(tenantId, ids, listed);
    // One read of the secrets of every connection that will need a provider call (not the cached ones).
    const uncached = [...listed.values()]
      .flat()
      .filter(
        (c) =>
          c.status !== 'reauth_required' &&
          this.#missing(c, range, options, tentativeFree.has(c.personId)).length > 0,
      )
      .map((c) => c.id);
    const secrets =
      uncached.length > 0
        ? await this.#deps.connections.secretsMany(tenantId, uncached)
        : new Map<string, ConnectionSecrets>();
    const synced: CalendarConnection[] = [];
    const notices = new Map<string, string>();
    const reads = await Promise.all(
      ids.map((id) =>
        this.#personBusy(id, listed.get(id) ?? [], range, {
          ...options,
          secrets,
          synced,
          notices,
          tentativeFree,
        }),
      ),
    );
    await this.#recordSynced(tenantId, synced, notices);
    return { people: reads.map((r) => r.person), gaps: reads.flatMap((r) => r.gaps) };
  }

  /** Connections per person: one read when the repository can list several people at once. */
  async #connectionsOf(
    tenantId: string,
    personIds: readonly string[],
  ): Promise<Map<string, CalendarConnection[]>> {
    const byPerson = new Map<string, CalendarConnection[]>(personIds.map((id) => [id, []]));
    const repo = this.#deps.connections;
    for (const c of await repo.listForPeople(tenantId, personIds)) byPerson.get(c.personId)?.push(c);
    return byPerson;
  }

  /**
   * The people (among those with a calendar to read) who treat tentative events as free: one read of
   * their preferences, none when nobody has a calendar or no preferences repository is wired.
   */
  async #tentativeFree(
    tenantId: string,
    personIds: readonly string[],
    listed: ReadonlyMap<string, readonly CalendarConnection[]>,
  ): Promise<Set<string>> {
    const repo = this.#deps.preferences;
    const readers = personIds.filter((id) =>
      (listed.get(id) ?? []).some((c) => c.busyCalendarIds.length > 0),
    );
    if (!repo || readers.length === 0) return new Set();
    const many = await repo.getMany(tenantId, readers);
    return new Set(readers.filter((id) => many.get(id)?.tentativeFree === true));
  }

  /** The calendars of a connection whose free/busy is not cached for `range` (all with `fresh`). */
  #missing(
    connection: CalendarConnection,
    range: Interval,
    options: { fresh?: boolean },
    tentativeFree: boolean,
  ): string[] {
    if (options.fresh) return [...connection.busyCalendarIds];
    return connection.busyCalendarIds.filter(
      (id) => !this.#cache.get(connection.id, cacheCalendar(id, tentativeFree), range),
    );
  }

  /**
   * Records successful reads: status `ok` and `lastSyncAt`, in one write for the whole request, and
   * only when something changes — the status was not `ok`, or the last recorded sync is older than
   * `SYNC_WRITE_INTERVAL_MS` (so `lastSyncAt` may lag a read by up to that interval).
   */
  async #recordSynced(
    tenantId: string,
    read: readonly CalendarConnection[],
    notices: ReadonlyMap<string, string> = new Map(),
  ): Promise<void> {
    if (read.length === 0) return;
    const now = this.#clock();
    // Read, but with parts that could not be read: status ok, and the detail the person sees in `/meet status`.
    const noticed = read.filter((c) => notices.has(c.id));
    for (const c of noticed) {
      const detail = notices.get(c.id)!;
      const recent = c.lastSyncAt !== null && now - c.lastSyncAt < SYNC_WRITE_INTERVAL_MS;
      if (c.status === 'ok' && c.statusDetail === detail && recent) continue;
      try {
        await this.#deps.connections.setHealth(tenantId, c.id, { status: 'ok', detail, syncedAt: now });
      } catch (error) {
        this.#log(`calendar-access: health update failed: ${describe(error)}`);
      }
    }
    const synced = read.filter((c) => !notices.has(c.id));
    if (synced.length === 0) return;
    const due = synced.filter((c) => {
      if (c.status !== 'ok' || c.statusDetail !== null) return true;
      if (c.lastSyncAt !== null && now - c.lastSyncAt < SYNC_WRITE_INTERVAL_MS) return false;
      const written = this.#syncWritten.get(c.id);
      return written === undefined || now - written >= SYNC_WRITE_INTERVAL_MS;
    });
    if (due.length === 0) return;
    const ids = [...new Set(due.map((c) => c.id))];
    for (const id of ids) {
      this.#syncWritten.delete(id);
      this.#syncWritten.set(id, now);
    }
    while (this.#syncWritten.size > SYNC_WRITTEN_MAX) {
      this.#syncWritten.delete(this.#syncWritten.keys().next().value as string);
    }
    const repo = this.#deps.connections;
    try {
      await repo.markSynced(tenantId, ids, now);
    } catch (error) {
      for (const id of ids) this.#syncWritten.delete(id);
      this.#log(`calendar-access: health update failed: ${describe(error)}`);
    }
  }

  async writeFor(
    tenantId: string,
    personId: string,
    draft: Omit<EventDraft, 'calendarId'>,
  ): Promise<WriteOutcome> {
    const connections = await this.#deps.connections.listForPerson(tenantId, personId);
    const writable = connections.filter((c) => c.writeCalendarId !== null);
    const target = writable.find((c) => c.status !== 'reauth_required') ?? writable[0];
    if (!target || target.writeCalendarId === null) {
      return {
        ok: false,
        connectionId: null,
        code: connections.length === 0 ? 'not_linked' : 'no_write_calendar',
        message:
          connections.length === 0
            ? 'No calendar is linked.'
            : 'None of the linked calendars is set up for writing meetings.',
      };
    }
    if (target.status === 'reauth_required') {
      return {
        ok: false,
        connectionId: target.id,
        calendarId: target.writeCalendarId,
        code: 'reauth_required',
        message: `The ${LABELS[target.provider]} (${target.account}) must be linked again.`,
      };
    }
    let grantKey = grantKeyOf(target.id);
    try {
      const opened = await this.#opener.open(target);
      grantKey = opened.grantKey;
      if (draft.recurrence) {
        // A series the provider cannot express is a value (`recurrence_unsupported`), never a thrown error.
        const check = opened.provider.checkRecurrence?.(draft.recurrence) ?? {
          ok: false as const,
          code: 'recurrence_unsupported' as const,
          message: `The ${LABELS[target.provider]} does not take recurring events from Convene.`,
        };
        if (!check.ok)
          return {
            ok: false,
            connectionId: target.id,
            calendarId: target.writeCalendarId,
            code: check.code,
            message: check.message,
          };
      }
      const event = await measured(
        this.#deps.metrics,
        this.#deps.monotonic,
        target.provider,
        'createEvent',
        () => opened.provider.createEvent({ ...draft, calendarId: target.writeCalendarId! }),
      );
      this.invalidate(target.id);
      return { ok: true, connectionId: target.id, calendarId: target.writeCalendarId, event };
    } catch (error) {
      if (isRelinkError(error)) await this.#opener.needsRelink(target, error, grantKey);
      this.#log(`calendar-access: write to ${target.id} failed: ${describe(error)}`);
      return {
        ok: false,
        connectionId: target.id,
        calendarId: target.writeCalendarId,
        code: error instanceof ProviderError ? error.code : 'provider_error',
        message:
          error instanceof ProviderError
            ? error.message
            : `The ${LABELS[target.provider]} could not be written to.`,
      };
    }
  }

  /**
   * Updates an event Convene wrote (reschedule), in place, through the connection that wrote it.
   * The connection must still belong to that person in that tenant; a vanished one is `not_linked`.
   */
  async updateFor(
    tenantId: string,
    personId: string,
    target: EventTarget,
    draft: Omit<EventDraft, 'calendarId'>,
  ): Promise<WriteOutcome> {
    const found = await this.#writtenThrough(tenantId, personId, target);
    if (!found.ok) return { ...found, connectionId: target.connectionId };
    const connection = found.connection;
    let grantKey = grantKeyOf(connection.id);
    try {
      const opened = await this.#opener.open(connection);
      grantKey = opened.grantKey;
      const event = await measured(
        this.#deps.metrics,
        this.#deps.monotonic,
        connection.provider,
        'updateEvent',
        () => opened.provider.updateEvent(target.eventId, { ...draft, calendarId: target.calendarId }),
      );
      this.invalidate(connection.id);
      return { ok: true, connectionId: connection.id, calendarId: target.calendarId, event };
    } catch (error) {
      return this.#editFailed(connection, error, grantKey, 'update');
    }
  }

  /** Deletes an event Convene wrote (cancel, compensation); an event already gone counts as deleted. */
  async deleteFor(tenantId: string, personId: string, target: EventTarget): Promise<DeleteOutcome> {
    const found = await this.#writtenThrough(tenantId, personId, target);
    if (!found.ok) return found;
    const connection = found.connection;
    let grantKey = grantKeyOf(connection.id);
    try {
      const opened = await this.#opener.open(connection);
      grantKey = opened.grantKey;
      await measured(this.#deps.metrics, this.#deps.monotonic, connection.provider, 'deleteEvent', () =>
        opened.provider.deleteEvent(target.calendarId, target.eventId),
      );
      this.invalidate(connection.id);
      return { ok: true };
    } catch (error) {
      const failed = await this.#editFailed(connection, error, grantKey, 'delete');
      return { ok: false, code: failed.code, message: failed.message };
    }
  }

  /** One occurrence of a series Convene wrote: cancel, move, or end the series there (`SeriesChange`). */
  async changeSeriesFor(
    tenantId: string,
    personId: string,
    target: EventTarget,
    change: SeriesChange,
  ): Promise<DeleteOutcome> {
    const found = await this.#writtenThrough(tenantId, personId, target);
    if (!found.ok) return found;
    const connection = found.connection;
    let grantKey = grantKeyOf(connection.id);
    try {
      const opened = await this.#opener.open(connection);
      grantKey = opened.grantKey;
      const series = opened.provider.series;
      if (!series)
        return {
          ok: false,
          code: 'series_unsupported',
          message: 'This calendar cannot change one occurrence of a series.',
        };
      if (change.kind === 'restore' && !series.restoreOccurrence)
        return {
          ok: false,
          code: 'series_unsupported',
          message: 'This calendar cannot put back a deleted occurrence of a series.',
        };
      const ref = {
        calendarId: target.calendarId,
        eventId: target.eventId,
        originalStart: change.originalStart,
      };
      const result = await measured(
        this.#deps.metrics,
        this.#deps.monotonic,
        connection.provider,
        'updateEvent',
        () =>
          change.kind === 'cancel'
            ? series.cancelOccurrence(ref)
            : change.kind === 'move'
              ? series.moveOccurrence(ref, { start: change.start, end: change.end })
              : change.kind === 'restore'
                ? series.restoreOccurrence!(ref, { start: change.start, end: change.end })
                : series.endBefore(ref),
      );
      this.invalidate(connection.id);
      return result.ok ? { ok: true } : { ok: false, code: result.code, message: result.message };
    } catch (error) {
      const failed = await this.#editFailed(connection, error, grantKey, 'update');
      return { ok: false, code: failed.code, message: failed.message };
    }
  }

  async #writtenThrough(
    tenantId: string,
    personId: string,
    target: EventTarget,
  ): Promise<
    { ok: true; connection: CalendarConnection } | { ok: false; code: 'not_linked'; message: string }
  > {
    const connection = target.connectionId
      ? await this.#deps.connections.get(tenantId, target.connectionId)
      : null;
    if (!connection || connection.personId !== personId)
      return {
        ok: false,
        code: 'not_linked',
        message: 'The calendar this meeting was written to is no longer linked.',
      };
    return { ok: true, connection };
  }

  async #editFailed(
    connection: CalendarConnection,
    error: unknown,
    grantKey: string,
    what: 'update' | 'delete',
  ): Promise<{ ok: false; connectionId: string; code: string; message: string }> {
    if (isRelinkError(error)) await this.#opener.needsRelink(connection, error, grantKey);
    this.#log(`calendar-access: ${what} on ${connection.id} failed: ${describe(error)}`);
    return {
      ok: false,
      connectionId: connection.id,
      code: error instanceof ProviderError ? error.code : 'provider_error',
      message:
        error instanceof ProviderError
          ? error.message
          : `The ${LABELS[connection.provider]} could not be changed.`,
    };
  }

  /**
   * The change source of a stored connection (two-way sync), through the same token handling as reads
   * and writes. Null when the connection is gone; `source` null when its connector reports no changes.
   */
  async changeSource(
    tenantId: string,
    connectionId: string,
  ): Promise<{ connection: CalendarConnection; source: ChangeSource | null } | null> {
    const connection = await this.#deps.connections.get(tenantId, connectionId);
    if (!connection) return null;
    // Known dead grant: no refresh attempt on every poll (the owner was already asked to link again).
    if (connection.status === 'reauth_required')
      throw new ProviderError(connection.provider, 'reauth_required', 'The connection must be linked again');
    const opened = await this.#opener.open(connection);
    return { connection, source: opened.provider.changes ?? null };
  }

  /**
   * The calendars of one account as its provider lists them now (the calendar choice). An ICS connection
   * is its one feed (no fetch); a refused grant sends the re-link DM like a failed read.
   */
  async calendarsOf(connection: CalendarConnection, signal?: AbortSignal): Promise<readonly CalendarRef[]> {
    if (connection.provider === 'ics') {
      return [{ id: connection.account, name: feedName(connection.account), primary: true, writable: false }];
    }
    let grantKey = grantKeyOf(connection.id);
    try {
      const opened = await this.#opener.open(connection);
      grantKey = opened.grantKey;
      return await timeBoxed(
        (timed) => opened.provider.listCalendars(timed),
        signal,
        Math.max(this.#timeoutMs, LIST_TIMEOUT_MS),
      );
    } catch (error) {
      if (isRelinkError(error)) await this.#opener.needsRelink(connection, error, grantKey);
      this.#log(`calendar-access: listing calendars of ${connection.id} failed: ${describe(error)}`);
      throw error;
    }
  }

  /** The person's connections and how they are doing (for a `/convene calendars` view). */
  async health(tenantId: string, personId: string): Promise<ConnectionHealthView[]> {
    const connections = await this.#deps.connections.listForPerson(tenantId, personId);
    return connections.map((c) => ({
      connectionId: c.id,
      provider: c.provider,
      account: c.account,
      status: c.status,
      detail: c.statusDetail,
      lastSyncAt: c.lastSyncAt,
    }));
  }

  async #personBusy(
    personId: string,
    listed: readonly CalendarConnection[],
    range: Interval,
    options: ReadOptions,
  ): Promise<{ person: PersonBusy; gaps: BusyGap[] }> {
    const connections = listed.filter((c) => c.busyCalendarIds.length > 0);
    if (connections.length === 0) {
      return {
        person: { personId, busy: [], complete: false },
        gaps: [{ personId, connectionId: null, code: 'not_linked', message: 'No calendar is linked.' }],
      };
    }
    const reads = await Promise.all(connections.map((c) => this.#readConnection(c, range, options)));
    const gaps = reads.flatMap((r) => r.gaps);
    const busy = clip(normalize(reads.flatMap((r) => r.busy)), range);
    return { person: { personId, busy, complete: gaps.length === 0 }, gaps };
  }

  async #readConnection(
    connection: CalendarConnection,
    range: Interval,
    options: ReadOptions,
  ): Promise<ConnectionRead> {
    const gap = (code: BusyGap['code'], message: string): BusyGap => ({
      personId: connection.personId,
      connectionId: connection.id,
      code,
      message,
    });
    const label = `${LABELS[connection.provider]} (${connection.account})`;
    if (connection.status === 'reauth_required') {
      return { busy: [], gaps: [gap('reauth_required', `${label} must be linked again.`)] };
    }
    const tentativeFree = options.tentativeFree.has(connection.personId);
    const busy: Interval[] = [];
    const missing: string[] = [];
    for (const calendarId of connection.busyCalendarIds) {
      const cached = options.fresh
        ? undefined
        : this.#cache.get(connection.id, cacheCalendar(calendarId, tentativeFree), range);
      if (cached) busy.push(...cached);
      else missing.push(calendarId);
    }
    if (missing.length === 0) return { busy, gaps: [] };

    const gaps: BusyGap[] = [];
    let grantKey = grantKeyOf(connection.id);
    try {
      const opened = await this.#opener.open(connection, options.secrets.get(connection.id));
      grantKey = opened.grantKey;
      const provider = opened.provider;
      const result = await measured(
        this.#deps.metrics,
        this.#deps.monotonic,
        connection.provider,
        'getBusy',
        () =>
          timeBoxed(
            (signal) =>
              provider.getBusy({
                calendarIds: missing,
                range,
                signal,
                tentative: tentativeFree ? 'free' : 'busy',
                ...(options.fresh ? { fresh: true } : {}),
              }),
            options.signal,
            this.#timeoutMs,
          ),
      );
      const unreadable: string[] = [];
      for (const calendarId of missing) {
        const entry = result.calendars[calendarId];
        if (entry?.ok) {
          this.#cache.set(connection.id, cacheCalendar(calendarId, tentativeFree), range, entry.busy);
          busy.push(...entry.busy);
          unreadable.push(...(entry.warnings ?? []).filter(isUnreadable));
        } else {
          const code = entry?.error.code === 'not_found' ? 'not_found' : 'provider_error';
          gaps.push(gap(code, `${label}: calendar "${calendarId}": ${entry?.error.message ?? 'no answer'}`));
        }
      }
      options.synced.push(connection);
      if (unreadable.length > 0) options.notices.set(connection.id, unreadableDetail(unreadable));
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (error instanceof Timeout) {
        gaps.push(gap('timeout', `${label} did not answer within ${this.#timeoutMs} ms.`));
      } else if (isRelinkError(error)) {
        await this.#opener.needsRelink(connection, error, grantKey);
        gaps.push(gap('reauth_required', `${label} must be linked again.`));
      } else {
        const code: BusyGap['code'] =
          error instanceof ProviderError
            ? error.code === 'rate_limited' || error.code === 'unavailable'
              ? 'unavailable'
              : error.code === 'not_found'
                ? 'not_found'
                : 'provider_error'
            : 'provider_error';
        const message =
          error instanceof ProviderError ? error.message : `${label} could not be read (unexpected error).`;
        this.#log(`calendar-access: read of ${connection.id} failed: ${describe(error)}`);
        gaps.push(gap(code, error instanceof ProviderError ? `${label}: ${message}` : message));
        await this.#deps.connections
          .setHealth(connection.tenantId, connection.id, {
            status: 'error',
            detail: `${code}: ${message}`.slice(0, 500),
          })
          .catch(() => undefined);
      }
    }
    return { busy, gaps };
  }

  /** Times one provider call into the metrics (when given): outcome ok, error or timeout. */
  #log(line: string): void {
    this.#deps.log?.(line);
  }
}
