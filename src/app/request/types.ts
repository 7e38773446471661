/**
 * The request use case's types, limits and constants, shared by its pieces (resolve, busy, rank, view) and
 * re-exported by the facade `../request-meeting.ts`.
 */

import type { Interval } from '../../core/interval.ts';
import { HOUR } from '../../core/interval.ts';
import type {
  MeetingRequest,
  ParseAnswers,
  ParseIssue,
  ParseQuestion,
  TimeOfDayConstraint,
} from '../../core/parse/index.ts';
import { MAX_PARTICIPANTS, MAX_WINDOW_DAYS } from '../../core/parse/index.ts';
import type { SeriesRule } from '../../core/series.ts';
import type { Msg } from '../i18n/index.ts';
import { list, msg, render } from '../i18n/index.ts';
import type { BusyReader } from '../ports/calendars.ts';
import type {
  MessageRef,
  PendingQuestionRepository,
  Person,
  Repositories,
  RotationRepository,
  Team,
  WorkingHoursData,
} from '../ports/store.ts';
import type { GapView, HeatmapView, Locale, ProposalView } from '../views.ts';

/** Finds people by a plain `@name`: their chat handle or display name. */
export interface PeopleDirectory {
  /** People of the tenant whose handle or first name matches `name` (case- and accent-insensitive). */
  findByName(tenantId: string, name: string): Promise<readonly Person[]>;
}

export type MeetingStore = Pick<Repositories, 'people' | 'preferences' | 'requests' | 'bookings'>;

export interface RequestMeetingDeps {
  readonly store: MeetingStore;
  readonly busy: BusyReader;
  /** Resolves plain `@name` mentions; without it, only chat mentions (`<@U123>`) resolve. */
  readonly directory?: PeopleDirectory;
  /** Grid step of candidate starts. Default 30. */
  readonly slotIntervalMinutes?: number;
  /** How many proposals to offer. Default 5. */
  readonly proposalCount?: number;
  /** Teams: without it, `@team` names go to the directory and group mentions are refused. */
  readonly rotations?: Pick<RotationRepository, 'findTeam' | 'assignments' | 'savePicks'>;
  /** The work budget of one request (defaults: 90 days, 50 people). */
  readonly limits?: RequestLimits;
  /**
   * Questions: with it, a `needs_answer` request is kept (`error.pending`) so the surface can ask with
   * buttons and run it again with the answer (../answer-question.ts); without it, the answer is text only.
   */
  readonly questions?: Pick<PendingQuestionRepository, 'create'>;
}

/** Bounds on what one request may ask for, whatever the surface (`CONVENE_MAX_*`, src/config.ts). */
export interface RequestLimits {
  /** A window must end within this many days from today. Default 90. */
  readonly maxWindowDays?: number;
  /** Most people invited besides the organiser (mentions, and team members once expanded). Default 50. */
  readonly maxParticipants?: number;
  /**
   * A recurring request: its occurrences are checked (and busy time read) up to this many days from today;
   * a longer series is checked up to there and says so. Default 184 (`MAX_SERIES_DAYS`, src/app/series.ts).
   */
  readonly maxSeriesDays?: number;
}

/** Most proposals one answer may hold ("more times" adds 5 each time up to this). */
export const MAX_PROPOSALS = 40;

export function maxParticipantsOf(limits: RequestLimits | undefined): number {
  const n = limits?.maxParticipants;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : MAX_PARTICIPANTS;
}

export function maxWindowDaysOf(limits: RequestLimits | undefined): number {
  const n = limits?.maxWindowDays;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : MAX_WINDOW_DAYS;
}

export interface RequestMeetingInput {
  readonly tenantId: string;
  /** The workspace the request was typed in (chat mentions are resolved there). */
  readonly workspaceId: string;
  readonly requesterPersonId: string;
  readonly text: string;
  /** The clock, epoch ms. */
  readonly now: number;
  /** The requester's IANA zone. */
  readonly zone: string;
  /** Forces the language; detected from the text otherwise. */
  readonly locale?: Locale;
  /**
   * The requester's chosen language (their preference, else the platform's locale): every answer is in
   * it. Without it, answers follow the request's language.
   */
  readonly replyLocale?: Locale;
  /** Where the request was typed. Default: no channel. */
  readonly message?: MessageRef;
  /** Answers to an earlier `needs_answer` question (the text itself is never rewritten). */
  readonly answers?: ParseAnswers;
}

export type RequestMeetingErrorCode =
  | 'unparseable'
  | 'unknown_requester'
  | 'unknown_participants'
  | 'ambiguous_participants'
  | 'unsupported_mention'
  | 'invalid_settings'
  | 'needs_answer'
  | 'too_many_participants'
  | 'no_slot';

export interface RequestMeetingError {
  readonly code: RequestMeetingErrorCode;
  readonly locale: Locale;
  /** One or two actionable sentences in the request's language (`detail` worded in `locale`). */
  readonly message: string;
  /** What `message` says, as a code with parameters, for a surface that words it itself. */
  readonly detail?: Msg;
  /** Parser issues (`unparseable`). */
  readonly issues?: readonly ParseIssue[];
  /** The mentions that could not be resolved, as typed. */
  readonly mentions?: readonly string[];
  /** For `needs_answer`: what to ask (an ambiguous zone and its candidates), nothing guessed. */
  readonly questions?: readonly ParseQuestion[];
  /** For `needs_answer` when the request was kept: one button per choice (ids only, never the text). */
  readonly pending?: PendingAsk;
  /** For `no_slot`: what the group's time looks like, so the user can see why. */
  readonly heatmap?: HeatmapView;
  readonly gaps?: readonly GapView[];
}

export type RequestMeetingResult =
  | { readonly ok: true; readonly view: ProposalView }
  | { readonly ok: false; readonly error: RequestMeetingError };

export type RequestFailure = { ok: false; error: RequestMeetingError };

/** A kept question: its id, when it expires, and the choices to offer. */
export interface PendingAsk {
  readonly id: string;
  readonly expiresAt: number;
  readonly choices: readonly { readonly index: number; readonly value: string; readonly label: string }[];
}

/** How long a question waits for its answer. */
export const QUESTION_TTL_MS = 24 * HOUR;
/** Answers offered at most (one button each). */
export const MAX_QUESTION_OPTIONS = 5;

export const DEFAULT_WORKING_HOURS: WorkingHoursData = {
  rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
  overrides: [],
};

export interface Resolved {
  readonly person: Person;
  readonly requester: boolean;
  /** Round-robin pool member (one of them hosts each slot). */
  readonly pool?: boolean;
  /** Said to be optional (`@ana?`): scored per slot, never required. */
  readonly optional?: boolean;
}

/** A resolved person with what the search needs: name, zone, working hours and role. */
export interface Member {
  readonly person: Person;
  readonly name: string;
  readonly timeZone: string;
  readonly workingHours: WorkingHoursData;
  readonly requester: boolean;
  readonly pool: boolean;
  readonly optional: boolean;
}

/** What a request asks for once read and resolved: from the text (`requestMeeting`) or a stored request. */
export interface ResolvedRequest {
  readonly locale: Locale;
  /** The requester first. */
  readonly people: readonly Resolved[];
  readonly team: Team | null;
  /** The search window and the zone its days and time-of-day constraints are read in. */
  readonly window: Interval & { readonly zone: string };
  /** Days or ranges said to be excluded ("not Wednesday"). */
  readonly excluded?: MeetingRequest['excluded'];
  readonly durationMinutes: number;
  readonly constraints: readonly TimeOfDayConstraint[];
  readonly title: string;
  /** Warnings to show next to the proposals. */
  readonly notes: readonly string[];
  /**
   * A recurring request: the proposals are the first occurrence's times, each checked over the series and
   * ranked by how many occurrences are fully free (./series.ts); booked as one series.
   */
  readonly recurrence?: SeriesRule;
  /** Propose again for this stored request ("more times") instead of storing a new one. */
  readonly existingRequestId?: string;
  /** Where the request was typed (for a new request). */
  readonly message?: MessageRef;
}

/**
 * An expected failure: `detail` worded in `locale`, followed by who has no calendar linked (`gaps`):
 * their working hours are only a guess, and the chat surfaces send each of them a link by DM.
 * `detail`'s parameters may hold text already worded in `locale` (names lists, slot labels).
 */
export function fail(
  locale: Locale,
  code: RequestMeetingErrorCode,
  detail: Msg,
  extra: Omit<RequestMeetingError, 'code' | 'locale' | 'message' | 'detail'> = {},
): RequestFailure {
  const note = unlinkedNote(extra.gaps, locale);
  const message = render(locale, detail) + (note ? ` ${render(locale, note)}` : '');
  return { ok: false, error: { code, locale, message, detail, ...extra } };
}

/** "Ana and Li have no calendar linked…", or null when everyone has one. */
export function unlinkedNote(gaps: readonly GapView[] | undefined, locale: Locale): Msg | null {
  const names = (gaps ?? []).filter((g) => g.code === 'not_linked').map((g) => g.name ?? '?');
  if (names.length === 0) return null;
  return msg('request.unlinked', { names: list(locale, names), count: names.length });
}
