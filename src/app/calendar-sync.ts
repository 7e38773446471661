/**
 * Two-way sync, the use case: what happens when a participant moves or deletes, in their own calendar,
 * an event Convene wrote for a booking.
 *
 * A `calendar.sync` job (queued by a provider webhook through `SyncQueue`, or run by the poll job of a
 * CalDAV/ICS watch, see ./calendar-sync/watches.ts) calls `syncWatch`:
 * 1. Bumps the watch's generation (notifications from now on queue a new job), loads the events
 *    Convene wrote through that connection for active bookings (BEFORE listing, so an event written
 *    during the listing is never taken for a deleted one), then `listChanges` from the stored cursor.
 * 2. Keeps only changes of those events (provider event id or iCalUID; ICS feeds by UID over all of
 *    the person's events) and ignores echoes of Convene's own writes: a changed event whose times are
 *    the booking's current times or times Convene wrote or is writing to that event (a content
 *    fingerprint recorded by the outbox before and after each provider call; never "a job is queued",
 *    which would swallow a participant's move made meanwhile), any event of a cancelled booking (its
 *    deletion is Convene's). A change is classified before the cursor moves past it.
 *    A `full: true` page (first sync, expired cursor) means a tracked event absent from it was deleted.
 * 3. A real move or deletion: the participant's calendar event is marked (`deleted`), a `SyncDecision`
 *    is stored (one open per booking and person: the same change seen again asks nothing new, a newer
 *    one supersedes it), the booking's conversation gets a note (`MeetingThreads.note`, in the
 *    organiser's language), and the organiser is told by DM, per their policy:
 *    - `ask` (default): buttons "Move everyone to <new time>" (`sync.follow`), "Keep <original time>"
 *      (`sync.restore`), "Cancel the meeting" (`sync.cancel`); for a deletion "Keep without <name>"
 *      (`sync.without`) replaces the move.
 *    - `follow`: a move is applied to everyone at once (`rescheduleBooking`, falling back to `ask` if the
 *      new time is not possible); a deletion keeps the meeting without that person. The organiser is told.
 * 4. Stores the new cursor and stamps `lastSyncAt` (watch and connection: `/meet status`).
 *
 * A series (issue #22) is ONE event per calendar; a change of ONE of its occurrences (`EventChange`
 * with `occurrence`, its original start) is matched to the tracked series event (by `seriesEventId`
 * or iCalUID) and classified for that occurrence only, never as a change of the whole meeting:
 * - an echo when the occurrence shows what Convene stored for it (`BookingRepository.occurrences`:
 *   moved to those times, or cancelled / past the series' end for a deletion) or sits at its rule
 *   position (its original start, the booking's duration: untouched, or Convene's change not written
 *   yet);
 * - otherwise a participant's change of THAT occurrence: a decision with `occurrence` (one open per
 *   booking, person and occurrence) and the organiser's DM with the same choices, for that occurrence:
 *   "Move everyone's <date> to <time>" (`moveOccurrence`), "Keep <time>" (a `calendar.series` job
 *   moving it back in that person's calendar), "Cancel <date> only" (`cancelOccurrence`); for a
 *   deletion "Keep <date> without <name>" replaces the move, and "Keep <time>" puts the occurrence back
 *   in that person's calendar (a `calendar.series` job `restore`: Google's cancelled instance confirmed
 *   again, CalDAV's EXDATE dropped; Graph has no undelete of an occurrence, so there the job fails as
 *   `series_unsupported` and the organiser is told by DM, as for any calendar that refuses a change).
 *   The `follow` policy applies the move (or keeps it without them) to that occurrence.
 *
 * The DM buttons' handlers (`syncActionHandlers`) take the decision id as value, refuse anyone but the
 * organiser, and run once: the decision leaves `open` atomically, so a double click is answered
 * "already decided". A choice made after the booking changed otherwise is refused.
 */
import { DateTime } from 'luxon';
import type { Interval } from '../core/interval.ts';
import { subtract } from '../core/intervals.ts';
import { t } from './i18n/index.ts';
import { cancelBooking, describeBooking, rescheduleBooking } from './manage-booking.ts';
import { cancelOccurrence, moveOccurrence } from './manage-series.ts';
import { CALENDAR_SERIES_JOB, CALENDAR_UPDATE_JOB, jobKey, type SeriesJobPayload } from './outbox.ts';
import type { BusyReader, DmAction, DmActionHandler, MeetingThreads, Notifier } from './ports/calendars.ts';
import type { ChangePage, ChangeSource, EventChange } from './ports/changes.ts';
import type { Booking, CalendarConnection, OccurrenceException, Repositories } from './ports/store.ts';
import type { CalendarWatch, SyncDecision, TrackedEvent } from './ports/sync.ts';
import type { ReminderSettings } from './reminders.ts';
import { dayLabel, type Locale, slotLabel, toLocale } from './views.ts';

export const CALENDAR_SYNC_JOB = 'calendar.sync';

/** DM button actions (registered in the chat adapters' `DmActionHandler` registry). */
export const SYNC_ACTIONS = {
  follow: 'sync.follow',
  restore: 'sync.restore',
  cancel: 'sync.cancel',
  without: 'sync.without',
} as const;

/** How far back and ahead a full listing looks (events of bookings that ended earlier are ignored). */
export const SYNC_PAST_MS = 24 * 3_600_000;
export const SYNC_FUTURE_MS = 366 * 24 * 3_600_000;

export type SyncPolicy = 'ask' | 'follow';

/** The change source of a stored connection (wired to `CalendarAccess.changeSource`). */
export interface ChangeSources {
  open(
    tenantId: string,
    connectionId: string,
  ): Promise<{ readonly connection: CalendarConnection; readonly source: ChangeSource | null } | null>;
}

export type SyncStore = Pick<
  Repositories,
  'bookings' | 'people' | 'preferences' | 'jobs' | 'connections' | 'watches' | 'requests'
>;

export interface CalendarSyncDeps {
  readonly store: SyncStore;
  readonly sources: ChangeSources;
  readonly notifier: Notifier;
  readonly threads?: MeetingThreads;
  /** Live re-check when the organiser moves everyone (see `rescheduleBooking`). */
  readonly busy?: BusyReader;
  readonly reminders?: ReminderSettings;
  /** The organiser's policy; default `ask`. */
  readonly policy?: (tenantId: string, organiserId: string) => SyncPolicy | Promise<SyncPolicy>;
  readonly log?: (line: string) => void;
}

export interface SyncOutcome {
  readonly code: 'synced' | 'idle' | 'no_watch' | 'no_connection' | 'unsupported' | 'superseded';
  /** Real participant changes acted on. */
  readonly moved: number;
  readonly deleted: number;
  /** Changes of Convene's events that were echoes of its own writes. */
  readonly echoes: number;
}

const NONE = { moved: 0, deleted: 0, echoes: 0 };

/** Runs one sync of a watch (see the file comment). Provider failures are thrown (the job retries). */
export async function syncWatch(
  deps: CalendarSyncDeps,
  tenantId: string,
  watchId: string,
  now: number,
): Promise<SyncOutcome> {
  const { store } = deps;
  const watch = await store.watches.get(tenantId, watchId);
  if (!watch) return { code: 'no_watch', ...NONE };
  const generation = await store.watches.beginSync(watch.id);
  const since = now - SYNC_PAST_MS;
  const byFeed = watch.provider === 'ics';
  // A calendar's tracked events are known before it is opened; a feed's are the person's (read once opened).
  const trackedHere = byFeed
    ? null
    : await store.watches.trackedEvents(tenantId, { connectionId: watch.connectionId }, since);
  if (trackedHere?.length === 0) {
    // None of Convene's events lives in this calendar: nothing to compare, so no provider call (a poll of
    // every linked calendar every few minutes would spend the people's API quota for nothing). The cursor
    // is dropped: the first sync after a booking lists the whole window, which also catches deletions.
    if (watch.cursor !== null) await store.watches.saveSync(tenantId, watch.id, null, now);
    return { code: 'idle', ...NONE };
  }
  const opened = await deps.sources.open(tenantId, watch.connectionId);
  if (!opened) {
    await store.watches.remove(tenantId, watch.id);
    return { code: 'no_connection', ...NONE };
  }
  if (!opened.source) return { code: 'unsupported', ...NONE };
  const window: Interval = { start: since, end: now + SYNC_FUTURE_MS };
  let current = watch;
  let tracked = trackedHere;
  for (let attempt = 0; attempt < SYNC_ATTEMPTS; attempt++) {
    tracked ??= await store.watches.trackedEvents(
      tenantId,
      byFeed ? { personId: opened.connection.personId } : { connectionId: watch.connectionId },
      since,
    );
    const page = await opened.source.listChanges({
      calendarId: watch.calendarId,
      cursor: current.cursor,
      window,
      tracked: tracked.flatMap((e) => (e.providerEventId !== null ? [e.providerEventId] : [])),
    });
    // Another sync of this watch saved a newer cursor while we listed (a late notification, a second
    // replica): our page may be older than what it already classified. List again from its cursor
    // rather than apply a stale page or move the cursor back.
    const latest = await store.watches.get(tenantId, watch.id);
    if (!latest) return { code: 'no_watch', ...NONE };
    // A newer sync of this watch began after us: it lists later, so its page is the newer one. Applying
    // ours now could undo what it classified (e.g. take an event it saw deleted for alive again).
    if ((await store.watches.generation(watch.id)) !== generation) return { code: 'superseded', ...NONE };
    if (latest.cursor !== current.cursor) {
      current = latest;
      tracked = null;
      continue;
    }
    const outcome = await applyPage(deps, watch, tracked, page, window, now);
    if (await store.watches.saveSync(tenantId, watch.id, page.cursor, now, { from: current.cursor }))
      return { code: 'synced', ...outcome };
    // Lost the race at the very end: the changes were classified (decisions are idempotent); the
    // newer cursor stands.
    return { code: 'synced', ...outcome };
  }
  return { code: 'superseded', ...NONE };
}

/** Listings retried when other syncs of the same watch keep moving the cursor meanwhile. */
const SYNC_ATTEMPTS = 3;

function matches(event: TrackedEvent, change: EventChange, byFeed: boolean): boolean {
  // One occurrence of a series: its series' event (Graph gives each occurrence an iCalUId of its own).
  if (
    !byFeed &&
    change.occurrence !== undefined &&
    event.providerEventId !== null &&
    event.providerEventId === change.seriesEventId
  )
    return true;
  if (!byFeed && event.providerEventId !== null && event.providerEventId === change.eventId) return true;
  const uid = change.iCalUID ?? (byFeed ? change.eventId : undefined);
  return event.iCalUID !== null && uid !== undefined && event.iCalUID === uid;
}

async function applyPage(
  deps: CalendarSyncDeps,
  watch: CalendarWatch,
  tracked: readonly TrackedEvent[],
  page: ChangePage,
  window: Interval,
  now: number,
): Promise<{ moved: number; deleted: number; echoes: number }> {
  const byFeed = watch.provider === 'ics';
  const seen = new Set<TrackedEvent>();
  let moved = 0;
  let deleted = 0;
  let echoes = 0;
  for (const change of page.changes) {
    for (const event of tracked) {
      if (!matches(event, change, byFeed)) continue;
      seen.add(event);
      if (change.occurrence !== undefined) {
        // One occurrence of the series, never the whole meeting (see the file comment).
        const outcome = await occurrenceChanged(deps, watch, event, change, change.occurrence, now);
        if (outcome === 'moved') moved++;
        else if (outcome === 'deleted') deleted++;
        else if (outcome === 'echo') echoes++;
        continue;
      }
      if (change.kind === 'deleted') {
        if (event.status !== 'created') continue;
        if (await participantDeleted(deps, watch, event, now)) deleted++;
        else echoes++;
        continue;
      }
      if (change.start === undefined || change.end === undefined) continue;
      const atBooking = change.start === event.start && change.end === event.end;
      if (atBooking || isConvenes(event, change.start, change.end)) {
        echoes++;
        // The participant put a deleted event back themselves: it is live again.
        if (atBooking && event.status === 'deleted' && !byFeed)
          await markEvent(deps, watch, event, 'created');
        continue;
      }
      if (event.status !== 'created') continue;
      if (await participantMoved(deps, watch, event, change.start, change.end, now)) moved++;
      else echoes++;
    }
  }
  if (page.full && !byFeed) {
    for (const event of tracked) {
      if (seen.has(event) || event.status !== 'created' || event.connectionId !== watch.connectionId)
        continue;
      if (event.calendarId !== watch.calendarId || event.providerEventId === null) continue;
      if (event.end <= window.start || event.start >= window.end) continue;
      if (await participantDeleted(deps, watch, event, now)) deleted++;
      else echoes++;
    }
  }
  return { moved, deleted, echoes };
}

/**
 * Echo detection by content, never by timing: the event shows times Convene wrote or is writing (the
 * fingerprints the outbox records before and after each provider call). A queued job says nothing about
 * who changed the event: a participant's move made while one waits is still theirs.
 */
function isConvenes(event: TrackedEvent, start: number, end: number): boolean {
  return event.expected.some(([s, e]) => s === start && e === end);
}

/** Where Convene has the occurrence at `originalStart` (null: cancelled, or past the series' end). */
function occurrenceExpected(event: TrackedEvent, originalStart: number): Interval | null {
  const exceptions: readonly OccurrenceException[] = event.exceptions ?? [];
  if (exceptions.some((x) => x.status === 'ended' && x.originalStart <= originalStart)) return null;
  const x = exceptions.find((e) => e.originalStart === originalStart);
  if (x?.status === 'cancelled') return null;
  if (x?.status === 'moved') return { start: x.start, end: x.end };
  return { start: originalStart, end: originalStart + (event.end - event.start) };
}

/**
 * A change of one occurrence of a tracked series (see the file comment): an echo of what Convene stored
 * or of the rule, else the participant's change of that occurrence (a decision, the organiser asked).
 */
async function occurrenceChanged(
  deps: CalendarSyncDeps,
  watch: CalendarWatch,
  event: TrackedEvent,
  change: EventChange,
  occurrence: number,
  now: number,
): Promise<'moved' | 'deleted' | 'echo' | 'ignored'> {
  // The participant removed the whole series: that question is open or decided already.
  if (event.status !== 'created') return 'ignored';
  const expected = occurrenceExpected(event, occurrence);
  const duration = event.end - event.start;
  // An occurrence over (and a provider reporting past ones leaving its window): nothing to decide.
  if (Math.max(expected?.end ?? 0, occurrence + duration, change.end ?? 0) <= now) return 'ignored';
  if (change.kind === 'deleted') {
    if (expected === null) return 'echo';
  } else {
    if (change.start === undefined || change.end === undefined) return 'ignored';
    const at = (i: Interval | null) => i !== null && i.start === change.start && i.end === change.end;
    // Untouched (its rule position), Convene's stored move, or a change Convene has not written yet.
    if (expected === null || at(expected) || at({ start: occurrence, end: occurrence + duration }))
      return 'echo';
  }
  const booking = await deps.store.bookings.get(watch.tenantId, event.bookingId);
  if (booking?.status !== 'booked') return 'echo';
  const kind = change.kind === 'deleted' ? 'deleted' : 'moved';
  const start = kind === 'moved' ? change.start! : null;
  const end = kind === 'moved' ? change.end! : null;
  // The same change asked about (a replayed page, a second notification) or already decided (kept
  // without them, being put back) is not asked again; a superseded question is not an answer.
  const last = await deps.store.watches.latestDecisionFor(
    watch.tenantId,
    booking.id,
    event.personId,
    occurrence,
  );
  if (
    last &&
    last.status !== 'superseded' &&
    last.kind === kind &&
    last.start === start &&
    last.end === end &&
    last.bookingStart === booking.start
  )
    return kind;
  const decision = await deps.store.watches.openDecision({
    tenantId: watch.tenantId,
    bookingId: booking.id,
    personId: event.personId,
    kind,
    start,
    end,
    bookingStart: booking.start,
    occurrence,
    now,
  });
  if (decision) await announce(deps, booking, decision, now);
  return kind;
}

async function markEvent(
  deps: CalendarSyncDeps,
  watch: CalendarWatch,
  event: TrackedEvent,
  status: 'created' | 'deleted',
): Promise<void> {
  await deps.store.bookings.recordEvent(watch.tenantId, event.bookingId, {
    personId: event.personId,
    calendarId: event.calendarId,
    connectionId: event.connectionId,
    providerEventId: event.providerEventId,
    iCalUID: event.iCalUID,
    status,
  });
}

async function participantMoved(
  deps: CalendarSyncDeps,
  watch: CalendarWatch,
  event: TrackedEvent,
  start: number,
  end: number,
  now: number,
): Promise<boolean> {
  const booking = await deps.store.bookings.get(watch.tenantId, event.bookingId);
  if (booking?.status !== 'booked') return false;
  const open = await deps.store.watches.openDecisionFor(watch.tenantId, booking.id, event.personId);
  if (
    open?.kind === 'moved' &&
    open.start === start &&
    open.end === end &&
    open.bookingStart === booking.start
  )
    return true; // Already asked (a replayed page, a second notification).
  const decision = await deps.store.watches.openDecision({
    tenantId: watch.tenantId,
    bookingId: booking.id,
    personId: event.personId,
    kind: 'moved',
    start,
    end,
    bookingStart: booking.start,
    now,
  });
  if (decision) await announce(deps, booking, decision, now);
  return true;
}

async function participantDeleted(
  deps: CalendarSyncDeps,
  watch: CalendarWatch,
  event: TrackedEvent,
  now: number,
): Promise<boolean> {
  const booking = await deps.store.bookings.get(watch.tenantId, event.bookingId);
  if (booking?.status !== 'booked') return false;
  await markEvent(deps, watch, event, 'deleted');
  const open = await deps.store.watches.openDecisionFor(watch.tenantId, booking.id, event.personId);
  if (open?.kind === 'deleted' && open.bookingStart === booking.start) return true;
  const decision = await deps.store.watches.openDecision({
    tenantId: watch.tenantId,
    bookingId: booking.id,
    personId: event.personId,
    kind: 'deleted',
    start: null,
    end: null,
    bookingStart: booking.start,
    now,
  });
  if (decision) await announce(deps, booking, decision, now);
  return true;
}

// --- wording ------------------------------------------------------------------------------------

/** "Tue 1 Dec 15:00" / "mar. 1 déc. 15:00" in a zone (button labels are short). */
function shortLabel(start: number, zone: string, locale: Locale): string {
  return `${dayLabel(start, zone, locale)} ${DateTime.fromMillis(start, { zone }).toFormat('HH:mm')}`;
}

interface Audience {
  readonly locale: Locale;
  readonly zone: string;
}

async function audienceOf(
  deps: CalendarSyncDeps,
  tenantId: string,
  personId: string | null,
): Promise<Audience> {
  const prefs = personId ? await deps.store.preferences.get(tenantId, personId) : null;
  return { locale: toLocale(prefs?.locale), zone: prefs?.timeZone ?? 'UTC' };
}

async function nameOf(deps: CalendarSyncDeps, tenantId: string, personId: string): Promise<string> {
  return (await deps.store.people.get(tenantId, personId))?.displayName ?? '?';
}

/** The slot the change is compared with: the booking's, or (one occurrence) where Convene has it. */
async function bookedSlot(
  deps: CalendarSyncDeps,
  booking: Booking,
  decision: SyncDecision,
): Promise<Interval> {
  if (decision.occurrence === null) return { start: booking.start, end: booking.end };
  const exceptions = await deps.store.bookings.occurrences(booking.tenantId, booking.id);
  const x = exceptions.find((e) => e.originalStart === decision.occurrence);
  return x?.status === 'moved'
    ? { start: x.start, end: x.end }
    : { start: decision.occurrence, end: decision.occurrence + (booking.end - booking.start) };
}

function changeText(
  booking: Booking,
  decision: SyncDecision,
  name: string,
  a: Audience,
  slot: Interval,
): string {
  const title = booking.title;
  const booked = slotLabel(slot.start, slot.end, a.zone, a.locale);
  if (decision.occurrence !== null) {
    const date = dayLabel(decision.occurrence, a.zone, a.locale);
    if (decision.kind === 'deleted')
      return t(a.locale, 'sync.occurrence.change.deleted', { name, title, booked, date });
    const moved = slotLabel(decision.start!, decision.end!, a.zone, a.locale);
    return t(a.locale, 'sync.occurrence.change.moved', { name, title, moved, booked, date });
  }
  if (decision.kind === 'deleted') return t(a.locale, 'sync.change.deleted', { name, title, booked });
  const moved = slotLabel(decision.start!, decision.end!, a.zone, a.locale);
  return t(a.locale, 'sync.change.moved', { name, title, moved, booked });
}

const cap = (label: string) => (label.length > 75 ? `${label.slice(0, 74)}…` : label);

function actionsFor(
  decision: SyncDecision,
  booking: Booking,
  name: string,
  a: Audience,
  slot: Interval,
): DmAction[] {
  if (decision.occurrence !== null) return occurrenceActions(decision, decision.occurrence, name, a, slot);
  const first: DmAction =
    decision.kind === 'moved'
      ? {
          action: SYNC_ACTIONS.follow,
          value: decision.id,
          label: cap(
            t(a.locale, 'sync.action.follow', { when: shortLabel(decision.start!, a.zone, a.locale) }),
          ),
          style: 'primary',
        }
      : {
          action: SYNC_ACTIONS.without,
          value: decision.id,
          label: cap(t(a.locale, 'sync.action.without', { name })),
          style: 'primary',
        };
  return [
    first,
    {
      action: SYNC_ACTIONS.restore,
      value: decision.id,
      label: cap(t(a.locale, 'sync.action.restore', { when: shortLabel(booking.start, a.zone, a.locale) })),
    },
    {
      action: SYNC_ACTIONS.cancel,
      value: decision.id,
      label: t(a.locale, 'sync.action.cancel'),
      style: 'danger',
    },
  ];
}

/** One occurrence: move everyone's (moved) or keep without them (deleted) / keep its time / cancel that one only. */
function occurrenceActions(
  decision: SyncDecision,
  occurrence: number,
  name: string,
  a: Audience,
  slot: Interval,
): DmAction[] {
  const date = dayLabel(occurrence, a.zone, a.locale);
  const cancel: DmAction = {
    action: SYNC_ACTIONS.cancel,
    value: decision.id,
    label: cap(t(a.locale, 'sync.occurrence.action.cancel', { date })),
    style: 'danger',
  };
  const restore: DmAction = {
    action: SYNC_ACTIONS.restore,
    value: decision.id,
    label: cap(t(a.locale, 'sync.action.restore', { when: shortLabel(slot.start, a.zone, a.locale) })),
  };
  if (decision.kind === 'deleted')
    return [
      {
        action: SYNC_ACTIONS.without,
        value: decision.id,
        label: cap(t(a.locale, 'sync.occurrence.action.without', { date, name })),
        style: 'primary',
      },
      restore,
      cancel,
    ];
  return [
    {
      action: SYNC_ACTIONS.follow,
      value: decision.id,
      label: cap(
        t(a.locale, 'sync.occurrence.action.follow', {
          date,
          when: shortLabel(decision.start!, a.zone, a.locale),
        }),
      ),
      style: 'primary',
    },
    restore,
    cancel,
  ];
}

async function note(deps: CalendarSyncDeps, booking: Booking, text: (a: Audience) => string): Promise<void> {
  if (!deps.threads) return;
  const a = await audienceOf(deps, booking.tenantId, booking.organizerId);
  const sent = await deps.threads
    .note(booking.tenantId, booking.id, text(a))
    .catch(() => ({ ok: false as const, code: 'exception' }));
  if (!sent.ok && sent.code !== 'no_thread')
    deps.log?.(`sync: thread note for booking ${booking.id} failed (${sent.code})`);
}

/** Tells the booking's conversation and its organiser, per the organiser's policy. */
async function announce(
  deps: CalendarSyncDeps,
  booking: Booking,
  decision: SyncDecision,
  now: number,
): Promise<void> {
  const name = await nameOf(deps, booking.tenantId, decision.personId);
  const slot = await bookedSlot(deps, booking, decision);
  const organiserId = booking.organizerId;
  const policy = organiserId ? await (deps.policy?.(booking.tenantId, organiserId) ?? 'ask') : 'ask';
  if (policy === 'follow' && organiserId) {
    const applied = await applyDecision(
      deps,
      decision,
      organiserId,
      decision.kind === 'moved' ? 'follow' : 'without',
      now,
    );
    if (applied.ok) {
      const a = await audienceOf(deps, booking.tenantId, organiserId);
      await deps.notifier.dm(booking.tenantId, organiserId, {
        text: `${changeText(booking, decision, name, a, slot)} ${applied.text}`,
      });
      return;
    }
    deps.log?.(`sync: automatic follow of decision ${decision.id} not applied; asking the organiser`);
  }
  await note(deps, booking, (a) =>
    `${changeText(booking, decision, name, a, slot)} ${organiserId ? t(a.locale, 'sync.organiserDecides') : ''}`.trim(),
  );
  if (!organiserId) return;
  const a = await audienceOf(deps, booking.tenantId, organiserId);
  const question = t(
    a.locale,
    decision.occurrence !== null
      ? decision.kind === 'moved'
        ? 'sync.occurrence.question.moved'
        : 'sync.occurrence.question.deleted'
      : decision.kind === 'moved'
        ? 'sync.question.moved'
        : 'sync.question.deleted',
  );
  const sent = await deps.notifier.dm(booking.tenantId, organiserId, {
    text: `${changeText(booking, decision, name, a, slot)} ${question}`,
    actions: actionsFor(decision, booking, name, a, slot),
  });
  if (!sent.ok) deps.log?.(`sync: could not DM organiser of booking ${booking.id} (${sent.code})`);
}

// --- the organiser's choice ---------------------------------------------------------------------

type Choice = 'follow' | 'restore' | 'cancel' | 'without';

const RESOLVED: Record<Choice, 'followed' | 'restored' | 'cancelled' | 'kept'> = {
  follow: 'followed',
  restore: 'restored',
  cancel: 'cancelled',
  without: 'kept',
};

/** A busy reader that does not count the mover's own (moved) event at the new time against them. */
function ignoringMovedEvent(busy: BusyReader, personId: string, moved: Interval): BusyReader {
  return {
    async busyFor(tenantId, personIds, range, options) {
      const read = await busy.busyFor(tenantId, personIds, range, options);
      return {
        ...read,
        people: read.people.map((p) =>
          p.personId === personId ? { ...p, busy: subtract(p.busy, [moved]) } : p,
        ),
      };
    },
  };
}

/**
 * Applies a choice to an open decision, once (the decision leaves `open` first; a failure reopens it).
 * `ok: false` texts explain why nothing was done.
 */
async function applyDecision(
  deps: CalendarSyncDeps,
  decision: SyncDecision,
  actorId: string,
  choice: Choice,
  now: number,
): Promise<{ ok: boolean; text: string }> {
  const { store } = deps;
  const tenantId = decision.tenantId;
  const a = await audienceOf(deps, tenantId, actorId);
  const booking = await store.bookings.get(tenantId, decision.bookingId);
  if (booking?.status !== 'booked') {
    await store.watches.resolveDecision(tenantId, decision.id, 'superseded', null, now);
    return { ok: false, text: t(a.locale, 'sync.error.cancelled') };
  }
  if (booking.start !== decision.bookingStart) {
    await store.watches.resolveDecision(tenantId, decision.id, 'superseded', null, now);
    return { ok: false, text: t(a.locale, 'sync.error.changed') };
  }
  if (!(await store.watches.resolveDecision(tenantId, decision.id, RESOLVED[choice], actorId, now)))
    return alreadyDecided(deps, tenantId, decision.id, a.locale);
  const name = await nameOf(deps, tenantId, decision.personId);
  const manage = {
    store,
    notifier: deps.notifier,
    ...(deps.reminders ? { reminders: deps.reminders } : {}),
  };
  if (decision.occurrence !== null)
    return applyToOccurrence(deps, decision, decision.occurrence, booking, actorId, choice, name, a, now);
  if (choice === 'follow') {
    if (decision.start === null || decision.end === null) {
      await store.watches.reopenDecision(tenantId, decision.id);
      return { ok: false, text: t(a.locale, 'sync.error.noNewTime') };
    }
    const moved = await rescheduleBooking(
      {
        ...manage,
        ...(deps.busy
          ? {
              busy: ignoringMovedEvent(deps.busy, decision.personId, {
                start: decision.start,
                end: decision.end,
              }),
            }
          : {}),
      },
      {
        tenantId,
        bookingId: booking.id,
        actorPersonId: actorId,
        now,
        newStart: decision.start,
        locale: a.locale,
      },
    );
    if (!moved.ok) {
      await store.watches.reopenDecision(tenantId, decision.id);
      return { ok: false, text: moved.error.message };
    }
    await note(deps, booking, (to) =>
      t(to.locale, 'sync.thread.movedForEveryone', {
        when: slotLabel(moved.view.start, moved.view.end, to.zone, to.locale),
      }),
    );
    await showMoved(deps, booking.id, tenantId, actorId, moved.view.headline);
    return { ok: true, text: moved.view.headline };
  }
  if (choice === 'cancel') {
    const cancelled = await cancelBooking(manage, {
      tenantId,
      bookingId: booking.id,
      actorPersonId: actorId,
      now,
      locale: a.locale,
    });
    if (!cancelled.ok) {
      await store.watches.reopenDecision(tenantId, decision.id);
      return { ok: false, text: cancelled.error.message };
    }
    await note(deps, booking, (to) => t(to.locale, 'sync.thread.cancelled'));
    return { ok: true, text: cancelled.view.headline };
  }
  const when = slotLabel(booking.start, booking.end, a.zone, a.locale);
  if (choice === 'restore') {
    // The outbox updates the recorded event back to the booked time, or writes it again when it was
    // deleted (CalDAV re-creates the resource; a provider refusing is reported by DM, see outbox.ts).
    await store.jobs.enqueue({
      kind: CALENDAR_UPDATE_JOB,
      tenantId,
      payload: { bookingId: booking.id, personId: decision.personId },
      runAt: now,
      dedupeKey: jobKey(CALENDAR_UPDATE_JOB, booking.id, decision.personId, 'restore', decision.id),
    });
    await note(deps, booking, (to) =>
      t(to.locale, 'sync.thread.restored', {
        when: slotLabel(booking.start, booking.end, to.zone, to.locale),
        name,
      }),
    );
    return { ok: true, text: t(a.locale, 'sync.reply.restored', { when, name }) };
  }
  await note(deps, booking, (to) => t(to.locale, 'sync.thread.without', { name }));
  return { ok: true, text: t(a.locale, 'sync.reply.without', { when, name }) };
}

/** A choice on one occurrence (the decision already left `open`; a failure reopens it). */
async function applyToOccurrence(
  deps: CalendarSyncDeps,
  decision: SyncDecision,
  occurrence: number,
  booking: Booking,
  actorId: string,
  choice: Choice,
  name: string,
  a: Audience,
  now: number,
): Promise<{ ok: boolean; text: string }> {
  const { store } = deps;
  const tenantId = decision.tenantId;
  const slot = await bookedSlot(deps, booking, decision);
  const manage = {
    store,
    notifier: deps.notifier,
    ...(deps.reminders ? { reminders: deps.reminders } : {}),
  };
  const input = {
    tenantId,
    bookingId: booking.id,
    actorPersonId: actorId,
    occurrence,
    now,
    locale: a.locale,
  };
  const date = (to: Audience) => dayLabel(occurrence, to.zone, to.locale);
  if (choice === 'follow') {
    if (decision.start === null || decision.end === null) {
      await store.watches.reopenDecision(tenantId, decision.id);
      return { ok: false, text: t(a.locale, 'sync.error.noNewTime') };
    }
    const moved = await moveOccurrence(
      {
        ...manage,
        ...(deps.busy
          ? {
              busy: ignoringMovedEvent(deps.busy, decision.personId, {
                start: decision.start,
                end: decision.end,
              }),
            }
          : {}),
      },
      { ...input, newStart: decision.start },
    );
    if (!moved.ok) {
      await store.watches.reopenDecision(tenantId, decision.id);
      return { ok: false, text: moved.error.message };
    }
    await note(deps, booking, (to) =>
      t(to.locale, 'sync.occurrence.thread.moved', {
        date: date(to),
        when: slotLabel(moved.view.start, moved.view.end, to.zone, to.locale),
      }),
    );
    return { ok: true, text: moved.view.headline };
  }
  if (choice === 'cancel') {
    const cancelled = await cancelOccurrence(manage, input);
    if (!cancelled.ok) {
      await store.watches.reopenDecision(tenantId, decision.id);
      return { ok: false, text: cancelled.error.message };
    }
    await note(deps, booking, (to) => t(to.locale, 'sync.occurrence.thread.cancelled', { date: date(to) }));
    return { ok: true, text: cancelled.view.headline };
  }
  const when = slotLabel(slot.start, slot.end, a.zone, a.locale);
  if (choice === 'restore') {
    // That person's calendar only: the occurrence back where Convene has it (the provider's exception);
    // a deleted one put back (`restore`: see the file comment for a provider that cannot).
    await store.jobs.enqueue({
      kind: CALENDAR_SERIES_JOB,
      tenantId,
      payload: {
        bookingId: booking.id,
        personId: decision.personId,
        change: {
          kind: decision.kind === 'deleted' ? 'restore' : 'move',
          originalStart: occurrence,
          start: slot.start,
          end: slot.end,
        },
      } satisfies SeriesJobPayload,
      runAt: now,
      dedupeKey: jobKey(CALENDAR_SERIES_JOB, booking.id, decision.personId, 'restore', decision.id),
    });
    await note(deps, booking, (to) =>
      t(to.locale, 'sync.occurrence.thread.restored', {
        date: date(to),
        when: slotLabel(slot.start, slot.end, to.zone, to.locale),
        name,
      }),
    );
    return { ok: true, text: t(a.locale, 'sync.reply.restored', { when, name }) };
  }
  await note(deps, booking, (to) => t(to.locale, 'sync.occurrence.thread.without', { date: date(to), name }));
  return { ok: true, text: t(a.locale, 'sync.reply.without', { when, name }) };
}

/** The booking's own message (its confirmation in the channel) shows the new time too. */
async function showMoved(
  deps: CalendarSyncDeps,
  bookingId: string,
  tenantId: string,
  actorId: string,
  headline: string,
): Promise<void> {
  if (!deps.threads?.showMoved) return;
  const [booking, organiser] = await Promise.all([
    deps.store.bookings.get(tenantId, bookingId),
    audienceOf(deps, tenantId, actorId),
  ]);
  if (!booking) return;
  const view = await describeBooking(deps.store, booking, organiser.locale);
  const shown = await deps.threads
    .showMoved(tenantId, bookingId, view, headline, await nameOf(deps, tenantId, actorId))
    .catch(() => ({ ok: false as const, code: 'exception' }));
  if (!shown.ok && shown.code !== 'no_thread')
    deps.log?.(`sync: booking ${bookingId}'s message not updated (${shown.code})`);
}

async function alreadyDecided(
  deps: CalendarSyncDeps,
  tenantId: string,
  decisionId: string,
  locale: Locale,
): Promise<{ ok: false; text: string }> {
  const now = await deps.store.watches.getDecision(tenantId, decisionId);
  // `sync.alreadyDecided` selects on the status (followed, restored, cancelled, kept; anything else: superseded).
  return { ok: false, text: t(locale, 'sync.alreadyDecided', { status: now?.status ?? 'superseded' }) };
}

/** The `DmActionHandler`s of the organiser's buttons, keyed by action (`sync.follow`, …). */
export function syncActionHandlers(deps: CalendarSyncDeps): Record<string, DmActionHandler> {
  const handler =
    (choice: Choice): DmActionHandler =>
    async ({ tenantId, actorPersonId, value, now }) => {
      const a = await audienceOf(deps, tenantId, actorPersonId);
      const decision = await deps.store.watches.getDecision(tenantId, value);
      if (!decision) return { text: t(a.locale, 'sync.error.unknownChoice') };
      const booking = await deps.store.bookings.get(tenantId, decision.bookingId);
      if (!booking || booking.organizerId !== actorPersonId)
        return { text: t(a.locale, 'sync.error.onlyOrganiser') };
      if (decision.status !== 'open') return alreadyDecided(deps, tenantId, decision.id, a.locale);
      return { text: (await applyDecision(deps, decision, actorPersonId, choice, now)).text };
    };
  return {
    [SYNC_ACTIONS.follow]: handler('follow'),
    [SYNC_ACTIONS.restore]: handler('restore'),
    [SYNC_ACTIONS.cancel]: handler('cancel'),
    [SYNC_ACTIONS.without]: handler('without'),
  };
}
