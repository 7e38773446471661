/**
 * Persistence ports: the repository interfaces the use cases depend on. `src/store` implements them
 * on PostgreSQL/PGlite through Prisma; nothing here knows about Prisma or SQL.
 *
 * Conventions:
 * - Times are epoch milliseconds (UTC); ranges are half-open `[start, end)`.
 * - Every query is scoped to a tenant (`tenantId`): a repository never returns another tenant's rows.
 * - Expected outcomes (a booking conflict, a duplicate idempotency key, an unknown id) are values;
 *   thrown errors mean bugs or outages (`StoreError`, see src/store/errors.ts).
 */

import type { Locale } from '../../core/locale.ts';
import type { ExcludedWindow, TimeOfDayConstraint } from '../../core/parse/index.ts';
import type { Explanation, WordedExplanation } from '../../core/rotation.ts';
import type { SeriesRule } from '../../core/series.ts';
import type { WatchRepository } from './sync.ts';

export type ChatPlatform = 'slack' | 'discord';
export type CalendarProviderKind = 'google' | 'microsoft' | 'caldav' | 'ics';

// --- tenants and workspaces -------------------------------------------------------------------

export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
}

/** A Slack team or a Discord guild where Convene is installed. */
export interface Workspace {
  readonly id: string;
  readonly tenantId: string;
  readonly platform: ChatPlatform;
  /** Slack team id (`T…`) or Discord guild id. */
  readonly externalId: string;
  readonly name: string;
  readonly hasBotToken: boolean;
  readonly installedAt: number;
}

export interface InstallWorkspaceInput {
  readonly platform: ChatPlatform;
  readonly externalId: string;
  readonly name: string;
  /** Attach to an existing tenant (e.g. a Discord guild of an organisation already on Slack). Default: a new tenant named after the workspace. */
  readonly tenantId?: string;
  /** Stored encrypted. `undefined` leaves a stored token as it is; `null` removes it. */
  readonly botToken?: string | null;
}

export interface WorkspaceRepository {
  /** Idempotent by (platform, externalId): reinstalling updates the name (and token if given). */
  install(input: InstallWorkspaceInput): Promise<Workspace>;
  findByExternalId(platform: ChatPlatform, externalId: string): Promise<Workspace | null>;
  get(tenantId: string, workspaceId: string): Promise<Workspace | null>;
  listForTenant(tenantId: string): Promise<Workspace[]>;
  /** Decrypted bot token; null when none is stored. */
  botToken(tenantId: string, workspaceId: string): Promise<string | null>;
}

// --- people and identities --------------------------------------------------------------------

export interface ChatIdentity {
  readonly workspaceId: string;
  readonly platform: ChatPlatform;
  readonly externalUserId: string;
  readonly handle: string | null;
}

export interface Person {
  readonly id: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly identities: readonly ChatIdentity[];
}

export interface UpsertByIdentityInput {
  readonly workspaceId: string;
  readonly externalUserId: string;
  readonly displayName: string;
  readonly email?: string | null;
  readonly handle?: string | null;
}

export type LinkIdentityResult =
  | { readonly ok: true; readonly person: Person }
  /** The identity already belongs to another person of the tenant. */
  | { readonly ok: false; readonly reason: 'taken'; readonly personId: string }
  | { readonly ok: false; readonly reason: 'not_found' };

export interface PersonRepository {
  /**
   * The person behind a chat user, created on first sight (with a new identity). Later calls update
   * the display name, handle and (when given) email. Concurrent calls for one identity yield one person.
   * Null when the workspace is not installed.
   */
  upsertByIdentity(input: UpsertByIdentityInput): Promise<Person | null>;
  findByIdentity(workspaceId: string, externalUserId: string): Promise<Person | null>;
  /** `findByIdentity` of several users of one workspace in one read (unknown users are absent). */
  findByIdentities(workspaceId: string, externalUserIds: readonly string[]): Promise<Map<string, Person>>;
  get(tenantId: string, personId: string): Promise<Person | null>;
  /** Attach another platform's identity (e.g. Discord) to an existing person of the same tenant. */
  linkIdentity(
    tenantId: string,
    personId: string,
    identity: { workspaceId: string; externalUserId: string; handle?: string | null },
  ): Promise<LinkIdentityResult>;
}

// --- preferences ------------------------------------------------------------------------------

/** Same shape as the core's working-hours rules (src/core/working-hours.ts). */
export interface WorkingHoursRuleData {
  /** Local weekdays, 0 = Sunday … 6 = Saturday. */
  readonly days: readonly number[];
  readonly start: string;
  readonly end: string;
}

export interface DateOverrideData {
  readonly date: string;
  readonly start: string;
  readonly end: string;
}

export interface WorkingHoursData {
  readonly rules: readonly WorkingHoursRuleData[];
  readonly overrides: readonly DateOverrideData[];
}

export interface Preferences {
  readonly personId: string;
  /** IANA zone. */
  readonly timeZone: string;
  /** BCP 47 tag, e.g. `en-GB`. */
  readonly locale: string;
  readonly workingHours: WorkingHoursData;
  /** Tentative events count as free when reading this person's calendars (default false: busy). */
  readonly tentativeFree: boolean;
  readonly updatedAt: number;
}

export interface PreferencesRepository {
  get(tenantId: string, personId: string): Promise<Preferences | null>;
  /** The preferences of several people in one read (people without any are absent). Optional. */
  getMany(tenantId: string, personIds: readonly string[]): Promise<Map<string, Preferences>>;
  /** Returns null when the person is not in the tenant. */
  set(
    tenantId: string,
    personId: string,
    prefs: {
      timeZone: string;
      locale: string;
      workingHours: WorkingHoursData;
      /** Omitted: unchanged (false for a person without preferences). */
      tentativeFree?: boolean;
    },
  ): Promise<Preferences | null>;
}

// --- calendar connections ---------------------------------------------------------------------

/** OAuth tokens (or CalDAV credentials) of one connection; stored encrypted, never logged. */
export interface ConnectionSecrets {
  readonly accessToken?: string;
  readonly refreshToken?: string;
  /** Epoch ms. */
  readonly expiresAt?: number;
  readonly username?: string;
  readonly password?: string;
  readonly scope?: string;
}

export type ConnectionHealth = 'ok' | 'reauth_required' | 'error';

export interface CalendarConnection {
  readonly id: string;
  readonly tenantId: string;
  readonly personId: string;
  readonly provider: CalendarProviderKind;
  /** Account e-mail, CalDAV principal or ICS URL. */
  readonly account: string;
  /** Calendars read for busy times. */
  readonly busyCalendarIds: readonly string[];
  /** The calendar Convene writes bookings to; null = none (read-only connection). */
  readonly writeCalendarId: string | null;
  readonly status: ConnectionHealth;
  readonly statusDetail: string | null;
  readonly lastSyncAt: number | null;
  /** Id of the key that encrypted the stored secrets (rotation bookkeeping). */
  readonly keyId: string;
}

export interface SaveConnectionInput {
  readonly tenantId: string;
  readonly personId: string;
  readonly provider: CalendarProviderKind;
  readonly account: string;
  readonly busyCalendarIds: readonly string[];
  readonly writeCalendarId: string | null;
  readonly secrets: ConnectionSecrets;
}

export interface CalendarConnectionRepository {
  /** Creates or replaces (by person, provider, account); resets health to `ok`. Null when the person is not in the tenant. */
  save(input: SaveConnectionInput): Promise<CalendarConnection | null>;
  get(tenantId: string, connectionId: string): Promise<CalendarConnection | null>;
  listForPerson(tenantId: string, personId: string): Promise<CalendarConnection[]>;
  /**
   * The connections of several people in one read (each person's in creation order).
   */
  listForPeople(tenantId: string, personIds: readonly string[]): Promise<CalendarConnection[]>;
  /**
   * Decrypted secrets of several connections in one read. A connection that is gone, or whose secrets
   * cannot be decrypted, is left out (`secrets` then gives the precise answer or error).
   */
  secretsMany(tenantId: string, connectionIds: readonly string[]): Promise<Map<string, ConnectionSecrets>>;
  /**
   * Marks connections successfully read at `syncedAt` (status `ok`, detail cleared) in one write;
   * returns how many were updated.
   */
  markSynced(tenantId: string, connectionIds: readonly string[], syncedAt: number): Promise<number>;
  /** Decrypted secrets. Throws `StoreError('decrypt_failed')` if they cannot be decrypted (never returns garbage). */
  secrets(tenantId: string, connectionId: string): Promise<ConnectionSecrets | null>;
  /** After a token refresh. Returns false when the connection does not exist. */
  updateSecrets(tenantId: string, connectionId: string, secrets: ConnectionSecrets): Promise<boolean>;
  selectCalendars(
    tenantId: string,
    connectionId: string,
    selection: { busyCalendarIds: readonly string[]; writeCalendarId: string | null },
  ): Promise<boolean>;
  setHealth(
    tenantId: string,
    connectionId: string,
    health: { status: ConnectionHealth; detail?: string | null; syncedAt?: number },
  ): Promise<boolean>;
  remove(tenantId: string, connectionId: string): Promise<boolean>;
}

// --- meeting requests and proposals -----------------------------------------------------------

/** Where a chat message lives. */
export interface MessageRef {
  readonly channelId: string;
  readonly messageId: string | null;
  readonly threadId?: string | null;
}

export type MeetingRequestStatus = 'open' | 'proposed' | 'booked' | 'cancelled' | 'expired';

export interface MeetingRequest {
  readonly id: string;
  readonly tenantId: string;
  readonly workspaceId: string;
  readonly requesterId: string;
  readonly title: string;
  readonly durationMinutes: number;
  readonly window: { readonly start: number; readonly end: number };
  readonly participants: readonly { readonly personId: string; readonly optional: boolean }[];
  readonly status: MeetingRequestStatus;
  readonly message: MessageRef;
  readonly createdAt: number;
  /** What the request said beyond window and duration; null for requests stored before it was kept. */
  readonly criteria: RequestCriteria | null;
}

/** The rules a request's slots obey besides window and duration: "more times" applies them again. */
export interface RequestCriteria {
  /** The zone the window's days and the time-of-day constraints are read in. */
  readonly zone: string;
  readonly constraints: readonly TimeOfDayConstraint[];
  readonly excluded: readonly ExcludedWindow[];
  /** A recurring request's series (issue #22); its occurrences keep their wall-clock time in `zone`. */
  readonly recurrence?: SeriesRule;
}

export interface CreateMeetingRequestInput {
  readonly tenantId: string;
  readonly workspaceId: string;
  readonly requesterId: string;
  readonly title: string;
  readonly durationMinutes: number;
  readonly window: { readonly start: number; readonly end: number };
  readonly participants: readonly { readonly personId: string; readonly optional?: boolean }[];
  readonly message: MessageRef;
  readonly criteria?: RequestCriteria;
}

export type ProposalStatus = 'open' | 'accepted' | 'superseded' | 'expired';

export interface ProposedSlot {
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

export interface Proposal {
  readonly id: string;
  readonly tenantId: string;
  readonly requestId: string;
  readonly status: ProposalStatus;
  /** In rank order, best first. */
  readonly slots: readonly ProposedSlot[];
  readonly message: MessageRef | null;
  readonly expiresAt: number | null;
  readonly createdAt: number;
}

export interface MeetingRequestRepository {
  /** Null when the workspace, the requester or a participant is not part of `tenantId`. */
  create(input: CreateMeetingRequestInput): Promise<MeetingRequest | null>;
  get(tenantId: string, requestId: string): Promise<MeetingRequest | null>;
  setStatus(tenantId: string, requestId: string, status: MeetingRequestStatus): Promise<boolean>;
  setMessage(tenantId: string, requestId: string, message: MessageRef): Promise<boolean>;
  /** Offers slots; earlier open proposals of the request become `superseded`, the request `proposed`. */
  propose(
    tenantId: string,
    requestId: string,
    proposal: { slots: readonly ProposedSlot[]; message?: MessageRef | null; expiresAt?: number | null },
  ): Promise<Proposal | null>;
  getProposal(tenantId: string, proposalId: string): Promise<Proposal | null>;
  setProposalMessage(tenantId: string, proposalId: string, message: MessageRef): Promise<boolean>;
  setProposalStatus(tenantId: string, proposalId: string, status: ProposalStatus): Promise<boolean>;
}

// --- pending questions ----------------------------------------------------------------------

/** A request Convene asked about instead of guessing (`needs_answer`), kept until answered or expired. */
export interface PendingQuestion {
  readonly id: string;
  readonly tenantId: string;
  readonly workspaceId: string;
  readonly requesterId: string;
  /** The request as typed: run again with the answer applied, never rewritten. */
  readonly text: string;
  /** The requester's zone when they asked. */
  readonly zone: string;
  /** The language forced on the parser, if any. */
  readonly locale: Locale | null;
  /** The language of the answers, if chosen. */
  readonly replyLocale: Locale | null;
  readonly message: MessageRef;
  readonly code: string;
  /** What was unclear, as typed (`IST`). */
  readonly questionText: string;
  /** The possible answers (IANA zones for `ambiguous_zone`), a few at most. */
  readonly options: readonly string[];
  readonly expiresAt: number;
  readonly answeredAt: number | null;
  readonly createdAt: number;
}

export type CreatePendingQuestionInput = Omit<PendingQuestion, 'id' | 'answeredAt' | 'createdAt'>;

export interface PendingQuestionRepository {
  /** Null when the workspace or the requester is not part of `tenantId`. */
  create(input: CreatePendingQuestionInput): Promise<PendingQuestion | null>;
  get(tenantId: string, id: string): Promise<PendingQuestion | null>;
  /** Marks it answered at `now`: true once, false when already answered, expired or not this tenant's. */
  claim(tenantId: string, id: string, now: number): Promise<boolean>;
}

// --- bookings ---------------------------------------------------------------------------------

export type BookingStatus = 'booked' | 'cancelled';
export type CalendarEventStatus = 'pending' | 'created' | 'failed' | 'deleted';

export interface CalendarEventRecord {
  readonly id: string;
  readonly personId: string;
  readonly connectionId: string | null;
  readonly calendarId: string;
  readonly providerEventId: string | null;
  readonly iCalUID: string | null;
  readonly status: CalendarEventStatus;
  readonly lastError: string | null;
  /**
   * The times Convene wrote to this event, or is writing (a fingerprint `[start, end]` per write not yet
   * superseded by a confirmed one): two-way sync takes a change for Convene's own only when it matches.
   */
  readonly expected: readonly ExpectedTimes[];
}

/** `[start, end]` epoch ms of a write of Convene's. */
export type ExpectedTimes = readonly [number, number];

export interface Booking {
  readonly id: string;
  readonly tenantId: string;
  readonly proposalId: string | null;
  readonly organizerId: string | null;
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly status: BookingStatus;
  readonly idempotencyKey: string;
  readonly participantIds: readonly string[];
  readonly events: readonly CalendarEventRecord[];
  readonly createdAt: number;
  /**
   * A series (issue #22): when its last occurrence ends (`start`/`end` are its FIRST occurrence). Absent or
   * null for a single meeting, and for a series booked before it was recorded.
   */
  readonly seriesEndsAt?: number | null;
  /**
   * A round-robin team taking turns per occurrence (issue #22, ../series-turns.ts): each member's turn
   * (0-based) and the number of turns. Absent: everyone attends every occurrence.
   */
  readonly turns?: SeriesTurns;
}

/** Who takes which turn of a series (member person id → 0-based turn) over `of` turns (≥ 2). */
export interface SeriesTurns {
  readonly of: number;
  readonly byPerson: Readonly<Record<string, number>>;
}

export interface BookSlotInput {
  readonly tenantId: string;
  /** Every person whose time this booking takes (the organiser too, if they attend). */
  readonly people: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly title: string;
  /** Unique per tenant: a retry with the same key never books twice. */
  readonly idempotencyKey: string;
  readonly proposalId?: string | null;
  readonly organizerId?: string | null;
  /** A series: when its last occurrence ends (`start`/`end` are the first one's). */
  readonly seriesEndsAt?: number | null;
  /** A series whose members take turns per occurrence (ids of `people`; others attend every occurrence). */
  readonly turns?: SeriesTurns;
  /**
   * The range a person's row holds when it is not `start`/`end` (issue #22: a turn member's OWN first
   * occurrence): the overlap check and the exclusion constraint hold them there, not at the series' first
   * occurrence they do not attend. Keys outside `people` are ignored; a malformed range is `invalid_range`.
   */
  readonly holds?: Readonly<Record<string, { readonly start: number; readonly end: number }>>;
  /**
   * Outbox: jobs to enqueue IN THE SAME TRANSACTION as the booking (calendar writes, reminders), so a
   * process killed right after the commit still leaves them queued. Jobs whose `dedupeKey` exists are skipped.
   */
  readonly jobs?: (booking: Booking) => readonly EnqueueInput[];
}

export type BookSlotResult =
  | { readonly ok: true; readonly booking: Booking }
  /** The people (of those asked) already held or booked in an overlapping range. */
  | { readonly ok: false; readonly reason: 'conflict'; readonly people: readonly string[] }
  /** The idempotency key was used before: the booking it made. */
  | { readonly ok: false; readonly reason: 'duplicate'; readonly booking: Booking }
  /** These people are not part of the tenant. */
  | { readonly ok: false; readonly reason: 'unknown_person'; readonly people: readonly string[] }
  /** `proposalId` is not a proposal of the tenant. */
  | { readonly ok: false; readonly reason: 'unknown_proposal' }
  | { readonly ok: false; readonly reason: 'invalid_range' };

export interface RecordEventInput {
  readonly personId: string;
  readonly calendarId: string;
  readonly connectionId?: string | null;
  readonly providerEventId?: string | null;
  readonly iCalUID?: string | null;
  readonly status: CalendarEventStatus;
  readonly lastError?: string | null;
  /** Replaces the event's expected times (omitted: unchanged). */
  readonly expected?: readonly ExpectedTimes[];
}

export interface RescheduleInput {
  readonly tenantId: string;
  readonly bookingId: string;
  readonly start: number;
  readonly end: number;
  /**
   * A series: when its last occurrence ends once moved (its rule expanded from the new first occurrence,
   * in local time). Absent: a stored end moves by the same shift as the first occurrence.
   */
  readonly seriesEndsAt?: number;
  /**
   * A series whose members take turns: each member's own first occurrence once moved (as
   * `BookSlotInput.holds`). Absent: each row keeps its offset from the first occurrence.
   */
  readonly holds?: Readonly<Record<string, { readonly start: number; readonly end: number }>>;
  /** Withdrawn in the same transaction (queued jobs whose dedupe key starts with it: old reminders). */
  readonly withdrawJobs?: string;
  readonly jobs?: (booking: Booking) => readonly EnqueueInput[];
}

export type RescheduleResult =
  | { readonly ok: true; readonly booking: Booking }
  | { readonly ok: false; readonly reason: 'conflict'; readonly people: readonly string[] }
  | { readonly ok: false; readonly reason: 'not_found' | 'cancelled' | 'invalid_range' };

/** Where a booking was made: the chat message its proposals (then its confirmation) live in. */
export interface BookingConversation {
  readonly platform: ChatPlatform;
  readonly workspaceId: string;
  readonly channelId: string;
  /** The proposal message (Slack `ts`, Discord message id); the confirmation replaced it. */
  readonly messageId: string;
  /** The thread the message is in, when it was posted in one (Slack `thread_ts`). */
  readonly threadId: string | null;
}

export interface BookingRepository {
  /** Books atomically: all people or none. Two overlapping bookings of one person can never both succeed. */
  bookSlot(input: BookSlotInput): Promise<BookSlotResult>;
  get(tenantId: string, bookingId: string): Promise<Booking | null>;
  findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<Booking | null>;
  /** Active bookings of a person overlapping `[start, end)`. */
  listForPerson(
    tenantId: string,
    personId: string,
    range: { start: number; end: number },
  ): Promise<Booking[]>;
  /**
   * A person's active SERIES bookings with an occurrence ending after `after` (`seriesEndsAt > after`),
   * whatever their first occurrence, soonest first start, at most `limit` (an index read: never a scan of
   * the tenant's bookings). A series booked before `seriesEndsAt` was recorded (null, its request has a
   * rule) is listed too, as ongoing: the caller expands its rule and records its end (`recordSeriesEnd`).
   */
  listOngoingSeries(tenantId: string, personId: string, after: number, limit: number): Promise<Booking[]>;
  /**
   * Backfills the end of a series booked before `seriesEndsAt` was recorded (set only while it is null:
   * a recorded end is never overwritten). False when nothing was written.
   */
  recordSeriesEnd(tenantId: string, bookingId: string, seriesEndsAt: number): Promise<boolean>;
  /**
   * A series ended early (its `ended` exception: "End the series after", and the old part of a split): its
   * stored end becomes `seriesEndsAt`, the end of the last occurrence it keeps, when that is earlier than
   * the stored one or none was recorded; never later (a later end is a move's: `recordOccurrence`). So
   * `listOngoingSeries` stops listing it once that occurrence is over. False when nothing was written (not
   * in the tenant, or its stored end is already that early).
   */
  shortenSeriesEnd(tenantId: string, bookingId: string, seriesEndsAt: number): Promise<boolean>;
  /**
   * The times several people hold in active bookings, overlapping `[start, end)`, in one read (every
   * person of `personIds` has an entry). A person's time is the booking's, except a member taking turns
   * in a rotating series, who holds their own first occurrence (`BookSlotInput.holds`).
   */
  busyForPeople(
    tenantId: string,
    personIds: readonly string[],
    range: { start: number; end: number },
  ): Promise<Map<string, { start: number; end: number }[]>>;
  /**
   * Frees the participants' time. Returns false if not found or already cancelled. In the same
   * transaction: `withdrawJobs` withdraws the queued jobs whose dedupe key starts with it (reminders),
   * `jobs` are enqueued (calendar deletions).
   */
  cancel(
    tenantId: string,
    bookingId: string,
    options?: { withdrawJobs?: string; jobs?: (booking: Booking) => readonly EnqueueInput[] },
  ): Promise<boolean>;
  /**
   * Moves an active booking (same participants) to `[start, end)` under the same database guard as
   * `bookSlot`; `jobs` are enqueued in the same transaction. A row holding its own range (`holds`) moves by
   * the same shift as the booking's start and takes the new duration.
   */
  reschedule(input: RescheduleInput): Promise<RescheduleResult>;
  /**
   * The chat message the booking was made from (its proposal's message, else its request's); null when
   * none was recorded (an ephemeral or response_url post) or the booking is not in the tenant.
   */
  conversation(tenantId: string, bookingId: string): Promise<BookingConversation | null>;
  /** Upserts the event of (booking, person, calendar). Null when the booking is not in the tenant. */
  recordEvent(
    tenantId: string,
    bookingId: string,
    event: RecordEventInput,
  ): Promise<CalendarEventRecord | null>;
  /**
   * Records what Convene did to one occurrence of a series booking (upsert by original start: a second
   * move replaces the first). A move ending after the stored `seriesEndsAt` extends it to the moved end
   * (so the lists keep the series until then). False when the booking is not in the tenant.
   */
  recordOccurrence(tenantId: string, bookingId: string, exception: OccurrenceException): Promise<boolean>;
  /** The booking's occurrence exceptions, by original start (bounded: one per occurrence of the series). */
  occurrences(tenantId: string, bookingId: string): Promise<OccurrenceException[]>;
}

/**
 * An exception of a series booking (issue #22), named by the occurrence's ORIGINAL start (where the rule
 * puts it): `cancelled` (that occurrence only), `moved` (to `start`/`end`), or `ended` (the series was
 * ended there: it and every later occurrence are gone). The booking keeps its rule.
 */
export type OccurrenceException =
  | { readonly originalStart: number; readonly status: 'cancelled' | 'ended' }
  | {
      readonly originalStart: number;
      readonly status: 'moved';
      readonly start: number;
      readonly end: number;
    };

// --- rotations --------------------------------------------------------------------------------

export interface RotationMember {
  readonly personId: string;
  readonly weight: number;
  readonly priority: number;
  readonly assignedCount: number;
  readonly lastAssignedAt: number | null;
  readonly active: boolean;
}

export interface RotationRepository {
  /**
   * Atomically increments the member's counter, stamps `lastAssignedAt` and appends the assignment to
   * the history (with the booking, when known).
   */
  recordAssignment(
    tenantId: string,
    rotationId: string,
    personId: string,
    at: number,
    bookingId?: string | null,
  ): Promise<boolean>;

  // Teams (admin-configured rotations).
  /** Every team of the tenant, by name. */
  listTeams(tenantId: string): Promise<Team[]>;
  /** By id, by name (exact, then case-insensitive) or by bound chat group (`groupRef`). */
  findTeam(tenantId: string, key: { id?: string; name?: string; groupRef?: string }): Promise<Team | null>;
  createTeam(input: {
    tenantId: string;
    name: string;
    mode?: RotationMode;
    fairnessWindow?: FairnessPeriod;
    timeZone?: string;
    groupRef?: string | null;
  }): Promise<TeamResult>;
  renameTeam(tenantId: string, rotationId: string, name: string): Promise<TeamResult>;
  /** Also deletes members and history. False when not found. */
  deleteTeam(tenantId: string, rotationId: string): Promise<boolean>;
  configureTeam(
    tenantId: string,
    rotationId: string,
    settings: {
      mode?: RotationMode;
      fairnessWindow?: FairnessPeriod;
      timeZone?: string;
      groupRef?: string | null;
      seriesRotation?: SeriesRotation;
    },
  ): Promise<TeamResult>;
  /** Adds the member (joined at `at`) or updates weight/priority of an existing one (join date kept). */
  upsertMember(
    tenantId: string,
    rotationId: string,
    personId: string,
    settings: { weight?: number; priority?: number },
    at: number,
  ): Promise<TeamResult>;
  removeMember(tenantId: string, rotationId: string, personId: string): Promise<TeamResult>;
  /** Pauses `[from, until)` (`until` null: until resumed). */
  pauseMember(
    tenantId: string,
    rotationId: string,
    personId: string,
    from: number,
    until: number | null,
  ): Promise<TeamResult>;
  /** Ends the pause at `at` (the member is active again from then). */
  resumeMember(tenantId: string, rotationId: string, personId: string, at: number): Promise<TeamResult>;
  /** Stores who each slot of a round-robin proposal would book. False when the proposal is not in the tenant. */
  savePicks(
    tenantId: string,
    proposalId: string,
    picks: readonly Omit<RotationPick, 'proposalId'>[],
  ): Promise<boolean>;
  /** The pick of one slot (1-based `slotRank`), or null. */
  pickFor(tenantId: string, proposalId: string, slotRank: number): Promise<RotationPick | null>;
  /** Convene admins (granted by a chat admin): may change teams. False when the person is not in the tenant. */
  grantAdmin(tenantId: string, personId: string, grantedBy: string | null): Promise<boolean>;
  /** False when the person was not a Convene admin. */
  revokeAdmin(tenantId: string, personId: string): Promise<boolean>;
  isConveneAdmin(tenantId: string, personId: string): Promise<boolean>;
  /** Person ids, oldest grant first. */
  listAdmins(tenantId: string): Promise<string[]>;
  /** Assignments with `since <= at < until`, oldest first. */
  assignments(
    tenantId: string,
    rotationId: string,
    range: { since: number; until: number },
  ): Promise<RotationAssignment[]>;
}

export type RotationMode = 'round_robin' | 'collective';
/** A round-robin team's recurring requests: one member for the whole series, or turns per occurrence. */
export type SeriesRotation = 'fixed' | 'rotate';
export type FairnessPeriod = 'day' | 'week' | 'month';

export interface TeamMember extends RotationMember {
  readonly joinedAt: number;
  readonly pausedFrom: number | null;
  readonly pausedUntil: number | null;
}

export interface Team {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly mode: RotationMode;
  readonly fairnessWindow: FairnessPeriod;
  readonly timeZone: string;
  readonly groupRef: string | null;
  /** Recurring requests of a round-robin team: absent means `fixed` (one member for the whole series). */
  readonly seriesRotation?: SeriesRotation;
  /** Priority (desc), then person id. */
  readonly members: readonly TeamMember[];
}

export type TeamResult =
  | { readonly ok: true; readonly team: Team }
  | { readonly ok: false; readonly reason: 'not_found' | 'name_taken' | 'group_taken' | 'not_member' }
  | { readonly ok: false; readonly reason: 'unknown_person'; readonly people: readonly string[] };

export interface RotationPick {
  readonly proposalId: string;
  /** 1-based: the slot id of the proposal. */
  readonly slotRank: number;
  readonly rotationId: string;
  readonly personId: string;
  /** Why: `shortfall` | `priority` | `least_recent` | `sticky`. */
  readonly code: string;
  /** Code + parameters; picks stored by earlier versions hold the worded sentences. */
  readonly explanation: Explanation | WordedExplanation;
  /**
   * A team taking turns per occurrence (issue #22): the members in turn order (member i hosts occurrences
   * i, i + N, …; the first is `personId`). Absent or empty: `personId` hosts every occurrence.
   */
  readonly turns?: readonly string[];
}

export interface RotationAssignment {
  readonly rotationId: string;
  readonly personId: string;
  readonly bookingId: string | null;
  readonly at: number;
}

// --- jobs / outbox ----------------------------------------------------------------------------

/** `cancelled`: withdrawn before it ran (e.g. the reminder of a cancelled meeting). */
export type JobStatus = 'queued' | 'running' | 'done' | 'dead' | 'cancelled';

export interface Job {
  readonly id: string;
  readonly tenantId: string | null;
  readonly kind: string;
  readonly payload: unknown;
  readonly status: JobStatus;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly runAt: number;
  readonly lastError: string | null;
  readonly dedupeKey: string | null;
  /**
   * The job's secret (`EnqueueInput.secret`), opened; null when it had none, once it finished, or when it
   * no longer opens (its key left the ring): the worker then does without it.
   */
  readonly secret?: string | null;
}

export interface EnqueueInput {
  readonly kind: string;
  /** JSON-serialisable. Never put secrets here: see `secret`. */
  readonly payload: unknown;
  /**
   * A short-lived capability the job's worker needs (a Discord interaction token): stored sealed with the
   * encryption keys like OAuth tokens, bound to the job (a `dedupeKey` is required), and erased when the
   * job finishes (done, dead or withdrawn).
   */
  readonly secret?: string;
  readonly tenantId?: string | null;
  readonly runAt?: number;
  readonly maxAttempts?: number;
  /** A second enqueue with the same key returns the first job instead of adding one. */
  readonly dedupeKey?: string;
  /**
   * Enqueued already claimed (`running`) by `worker` until `until` (epoch ms): work this process
   * does right away, that any worker takes over once the lease expires (the process died).
   */
  readonly lease?: { readonly worker: string; readonly until: number };
}

export interface JobRepository {
  enqueue(input: EnqueueInput): Promise<Job>;
  /**
   * Claims up to `limit` due jobs for `worker` (`FOR UPDATE SKIP LOCKED`: concurrent workers never get
   * the same job). A claim expires after `leaseMs`; an expired running job can be claimed again.
   */
  claim(
    worker: string,
    options: { limit: number; leaseMs: number; now?: number; kinds?: readonly string[] },
  ): Promise<Job[]>;
  complete(jobId: string, worker: string): Promise<boolean>;
  /** Extends the lease of a job `worker` holds (still running) to `until`; false when no longer held. */
  extend(jobId: string, worker: string, until: number): Promise<boolean>;
  /**
   * Records a failure: the job is queued again after an exponential backoff, or `dead` after its
   * last attempt. Returns the new state, or null if the worker no longer holds the job.
   */
  fail(jobId: string, worker: string, error: string, now?: number): Promise<Job | null>;
  get(jobId: string): Promise<Job | null>;
  /**
   * Withdraws the QUEUED jobs whose dedupe key starts with `prefix` (status `cancelled`); a job being
   * run is left alone (its handler re-checks its subject). Returns how many were withdrawn.
   */
  cancelQueued(prefix: string): Promise<number>;
  /** Jobs whose dedupe key starts with `prefix`, oldest first (inspection, tests). */
  listByDedupePrefix(prefix: string): Promise<Job[]>;
  /**
   * Deletes at most `limit` finished jobs (`done`, `dead`, `cancelled`) of `kind` last changed before
   * `before` (epoch ms); returns how many. Bounded work per call: the worker loop prunes in batches.
   */
  pruneFinished(kind: string, before: number, limit: number): Promise<number>;
}

// --- audit log --------------------------------------------------------------------------------

export interface AuditEntry {
  readonly id: string;
  readonly tenantId: string;
  readonly actorId: string | null;
  /** Human-readable actor, e.g. `slack:U123` or `cli`. */
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly at: number;
}

export interface AuditLogRepository {
  append(entry: {
    tenantId: string;
    actorId?: string | null;
    actor: string;
    action: string;
    target?: string | null;
    details?: Record<string, unknown>;
  }): Promise<AuditEntry>;
  /** Newest first. */
  list(tenantId: string, options?: { limit?: number; before?: number }): Promise<AuditEntry[]>;
}

// --- OAuth state nonces ---------------------------------------------------------------------

/**
 * Single use of OAuth `state` values (calendar linking): a nonce is consumed once, atomically; a second
 * consume (a replayed callback, possibly on another replica) is refused.
 */
export interface StateNonceStore {
  /**
   * Marks the nonce of a state issued for `tenantId` used. True the first time, false if it was already
   * used (first use wins, also under concurrency and across instances). `expiresAt` is the state's
   * expiry (after which the record may be pruned); `now` stamps the use (default: the current time).
   */
  consume(nonce: string, tenantId: string, expiresAt: number, now?: number): Promise<boolean>;
  /** Whether the nonce was already used (for `/start`: refuse to restart a finished link). */
  isConsumed(nonce: string, tenantId: string): Promise<boolean>;
}

export interface StateNonceRepository extends StateNonceStore {
  /** Forgets nonces whose state has expired (`expiresAt <= now`); returns how many were removed. */
  prune(now?: number): Promise<number>;
}

// --- all of them ------------------------------------------------------------------------------

export interface Repositories {
  readonly workspaces: WorkspaceRepository;
  readonly people: PersonRepository;
  readonly preferences: PreferencesRepository;
  readonly connections: CalendarConnectionRepository;
  readonly requests: MeetingRequestRepository;
  readonly bookings: BookingRepository;
  readonly rotations: RotationRepository;
  readonly jobs: JobRepository;
  readonly audit: AuditLogRepository;
  readonly nonces: StateNonceRepository;
  /** Two-way sync: watched calendars and organiser decisions (./sync.ts). */
  readonly watches: WatchRepository;
  /** Requests waiting for the requester's answer (./request-meeting.ts `needs_answer`). */
  readonly questions: PendingQuestionRepository;
}
