/**
 * The use cases every surface (Slack, Discord, the playground) calls, each bound to its dependencies once by
 * the composition root (`src/compose.ts`). A surface receives these, never raw repositories for writes.
 * Groups are added here as use cases move out of the adapters (#17).
 */
import type { AnswerQuestionInput, AnswerQuestionResult } from './answer-question.ts';
import { answerQuestion } from './answer-question.ts';
import type { BookMeetingDeps, BookMeetingInput, BookMeetingResult } from './book-meeting.ts';
import { bookMeeting } from './book-meeting.ts';
import type {
  CalendarChoiceDeps,
  ChatChoiceResult,
  ChooseCalendarsInput,
  ChooseCalendarsResult,
  ListAccountsResult,
} from './calendar-choice.ts';
import { chatChoice, chooseCalendars, listAccounts } from './calendar-choice.ts';
import type { CancelRequestDeps, CancelRequestInput, CancelRequestResult } from './cancel-request.ts';
import { cancelRequest } from './cancel-request.ts';
import type { ReceiveDeliveryInput, ReceiveDeliveryResult } from './inbox.ts';
import { completeDelivery, receiveDelivery, renewDelivery } from './inbox.ts';
import type { InstallationDeps, PurgeTokenInput, PurgeTokenResult } from './installations.ts';
import { installWorkspace, purgeBotToken } from './installations.ts';
import type { StartLinkInput, StartLinkResult, UnlinkInput, UnlinkResult } from './link-calendar.ts';
import type {
  CancelBookingInput,
  ManageBookingDeps,
  ManageBookingResult,
  RescheduleBookingInput,
  RescheduleOptionsInput,
  RescheduleOptionsResult,
} from './manage-booking.ts';
import { cancelBooking, rescheduleBooking, rescheduleOptions } from './manage-booking.ts';
import {
  cancelOccurrence,
  endSeries,
  followingMoveOptions,
  type ManageSeriesDeps,
  type ManageSeriesResult,
  type MoveOccurrenceInput,
  moveFollowing,
  moveOccurrence,
  type OccurrenceInput,
  type OccurrenceMoveOptionsInput,
  type OccurrenceMoveOptionsResult,
  occurrenceMoveOptions,
} from './manage-series.ts';
import type { MoreTimesDeps, MoreTimesInput, MoreTimesResult } from './more-times.ts';
import { moreTimes } from './more-times.ts';
import type { PeopleDeps } from './people.ts';
import { adoptProfile, syncPerson, workspaceOnFirstSight } from './people.ts';
import type { BusyReader } from './ports/calendars.ts';
import type {
  CalendarConnectionRepository,
  InstallWorkspaceInput,
  JobRepository,
  PendingQuestionRepository,
  Person,
  Preferences,
  Workspace,
} from './ports/store.ts';
import type {
  AccountStatusView,
  PreferencesDeps,
  SavePreferencesInput,
  SavePreferencesResult,
} from './preferences.ts';
import { accountStatus, readPreferences, savePreferences } from './preferences.ts';
import type {
  ConfirmationShownInput,
  NudgeInput,
  PresentRequestDeps,
  ProposalSurface,
  RecordMessageInput,
} from './present-request.ts';
import {
  nudgeUnlinked,
  presentProposals,
  recordConfirmationShown,
  recordProposalMessage,
} from './present-request.ts';
import type { RequestMeetingDeps, RequestMeetingInput, RequestMeetingResult } from './request-meeting.ts';
import { requestMeeting } from './request-meeting.ts';
import type { TeamCommandInput, TeamCommandResult, TeamStore } from './rotations.ts';
import { runTeamCommand } from './rotations.ts';
import type { UnlinkCalendarsResult } from './unlink-calendars.ts';
import { unlinkCalendars } from './unlink-calendars.ts';
import type { ProposalView } from './views.ts';

/** Cancel and reschedule a booking (bound to their dependencies by the caller). */
export interface ManageUseCases {
  cancel(input: CancelBookingInput): Promise<ManageBookingResult>;
  reschedule(input: RescheduleBookingInput): Promise<ManageBookingResult>;
  options(input: RescheduleOptionsInput): Promise<RescheduleOptionsResult>;
}

export interface MeetingUseCases {
  request(input: RequestMeetingInput): Promise<RequestMeetingResult>;
  book(input: BookMeetingInput): Promise<BookMeetingResult>;
  /** Answers a question asked instead of a guess; without it, questions are text only. */
  answer?(input: AnswerQuestionInput): Promise<AnswerQuestionResult>;
}

/** `LinkCalendar` satisfies this. */
export interface CalendarLinking {
  startLink(input: StartLinkInput): Promise<StartLinkResult>;
  unlink(input: UnlinkInput): Promise<UnlinkResult>;
}

/** Several calendars per person (./calendar-choice.ts): list, choose, change from chat, unlink one account. */
export interface CalendarChoiceUseCases {
  list(input: { tenantId: string; personId: string }): Promise<ListAccountsResult>;
  choose(input: ChooseCalendarsInput): Promise<ChooseCalendarsResult>;
  /** `/meet calendars [busy 1.1 1.2 | write 1.2]`. */
  chat(input: {
    tenantId: string;
    personId: string;
    text: string;
    actor?: string;
  }): Promise<ChatChoiceResult>;
  /** Unlinks one account (through the linking use case); `not_configured` without it. */
  unlinkAccount(input: {
    tenantId: string;
    personId: string;
    connectionId: string;
  }): Promise<UnlinkCalendarsResult>;
}

/** Binds the calendar choice to the connections, the calendar lister and (for unlinking) the linking use case. */
export function calendarChoiceUseCases(
  deps: CalendarChoiceDeps & { readonly linking?: Pick<CalendarLinking, 'unlink'> },
): CalendarChoiceUseCases {
  const { linking } = deps;
  return {
    list: (input) => listAccounts(deps, input),
    choose: (input) => chooseCalendars(deps, input),
    chat: (input) => chatChoice(deps, input),
    unlinkAccount: (input) =>
      unlinkCalendars({ store: { connections: deps.connections }, ...(linking ? { linking } : {}) }, input),
  };
}

/** Binds the two meeting use cases to their dependencies. */
export function meetingUseCases(
  deps: RequestMeetingDeps & BookMeetingDeps & { readonly questions?: PendingQuestionRepository },
): MeetingUseCases {
  const { questions } = deps;
  return {
    request: (input) => requestMeeting(deps, input),
    book: (input) => bookMeeting(deps, input),
    ...(questions ? { answer: (input) => answerQuestion({ ...deps, questions }, input) } : {}),
  };
}

/** One occurrence of a booked series: cancel it, move it, end the series there (./manage-series.ts). */
export interface SeriesUseCases {
  cancelOccurrence(input: OccurrenceInput): Promise<ManageSeriesResult>;
  moveOccurrence(input: MoveOccurrenceInput): Promise<ManageSeriesResult>;
  endSeries(input: OccurrenceInput): Promise<ManageSeriesResult>;
  /** New times for one occurrence (its day first, then the days around it); the pick is `moveOccurrence`. */
  moveOptions(input: OccurrenceMoveOptionsInput): Promise<OccurrenceMoveOptionsResult>;
  /** Moves this occurrence and every later one (the series is split: ./series-split.ts). */
  moveFollowing(input: MoveOccurrenceInput): Promise<ManageSeriesResult>;
  /** New times for this occurrence and the following ones; the pick is `moveFollowing`. */
  followingMoveOptions(input: OccurrenceMoveOptionsInput): Promise<OccurrenceMoveOptionsResult>;
}

/** Binds the series use cases to their dependencies (the outbox writes, the notifier DMs the others). */
export function seriesUseCases(deps: ManageSeriesDeps): SeriesUseCases {
  return {
    cancelOccurrence: (input) => cancelOccurrence(deps, input),
    moveOccurrence: (input) => moveOccurrence(deps, input),
    endSeries: (input) => endSeries(deps, input),
    moveOptions: (input) => occurrenceMoveOptions(deps, input),
    moveFollowing: (input) => moveFollowing(deps, input),
    followingMoveOptions: (input) => followingMoveOptions(deps, input),
  };
}

/** Binds cancel / reschedule to their dependencies (the notifier DMs the others, threads hear it). */
export function manageUseCases(deps: ManageBookingDeps & { readonly busy: BusyReader }): ManageUseCases {
  return {
    cancel: (input) => cancelBooking(deps, input),
    reschedule: (input) => rescheduleBooking(deps, input),
    options: (input) => rescheduleOptions(deps, input),
  };
}

/** `/meet team …` (read, authorise, apply, audit: `./teams/`); the result is worded by `renderTeamResult`. */
export interface TeamUseCases {
  run(input: TeamCommandInput): Promise<TeamCommandResult>;
}

/** Binds the team use case to its store (rotations, audit log, people). */
export function teamUseCases(deps: { readonly store: TeamStore }): TeamUseCases {
  return { run: (input) => runTeamCommand(deps, input) };
}

/** A person's own account: preferences (read, checked and saved) and `/meet status`. */
export interface AccountUseCases {
  preferences(input: { tenantId: string; personId: string }): Promise<Preferences | null>;
  savePreferences(input: SavePreferencesInput): Promise<SavePreferencesResult>;
  status(input: { tenantId: string; personId: string }): Promise<AccountStatusView>;
  /** The person behind a chat profile, created or refreshed (people sync). */
  syncPerson(input: Parameters<typeof syncPerson>[1]): Promise<Person | null>;
  /** First sight of a person with a profile zone: their preferences start from it. */
  adoptProfile(input: Parameters<typeof adoptProfile>[1]): Promise<Preferences | null>;
  /** A team or guild's workspace, installed on first sight. */
  workspace(input: InstallWorkspaceInput): Promise<Workspace>;
}

/** Binds the account use cases to the store (preferences, audit, calendar connections). */
export function accountUseCases(
  deps: PreferencesDeps & {
    readonly store: PreferencesDeps['store'] &
      PeopleDeps['store'] & {
        readonly connections: Pick<CalendarConnectionRepository, 'listForPerson'>;
      };
  },
): AccountUseCases {
  return {
    preferences: (input) => readPreferences(deps, input),
    savePreferences: (input) => savePreferences(deps, input),
    status: (input) => accountStatus(deps, input),
    syncPerson: (input) => syncPerson(deps, input),
    adoptProfile: (input) => adoptProfile(deps, input),
    workspace: (input) => workspaceOnFirstSight(deps, input),
  };
}

/** Presenting a request's proposals on a surface: the steps every surface shares (./present-request.ts). */
export interface PresentUseCases {
  /** Where the proposals were posted (the request and its proposal), once the surface knows. */
  recordMessage(input: RecordMessageInput): Promise<void>;
  /** Posts the proposals through the surface, records where, DMs (through the surface) the unlinked. */
  present(
    surface: ProposalSurface,
    input: { readonly tenantId: string; readonly view: ProposalView; readonly exceptPersonId?: string },
  ): Promise<{ readonly nudged: number }>;
  /** DMs (through the surface) the people a failed request named without a linked calendar. */
  nudgeUnlinked(surface: Pick<ProposalSurface, 'nudge'>, input: NudgeInput): Promise<number>;
  /** A booking confirmation was shown (audit log). */
  confirmationShown(input: ConfirmationShownInput): Promise<void>;
}

/** An open request's own buttons: more times (from the stored request) and cancel (organiser only). */
export interface RequestUseCases extends PresentUseCases {
  moreTimes(input: MoreTimesInput): Promise<MoreTimesResult>;
  cancel(input: CancelRequestInput): Promise<CancelRequestResult>;
}

/** Binds the presentation steps to the store. */
export function presentUseCases(deps: PresentRequestDeps): PresentUseCases {
  return {
    recordMessage: (input) => recordProposalMessage(deps, input),
    present: (surface, input) => presentProposals(deps, surface, input),
    nudgeUnlinked: (surface, input) => nudgeUnlinked(deps, surface, input),
    confirmationShown: (input) => recordConfirmationShown(deps, input),
  };
}

/** Binds more times / cancel request and the presentation steps to their dependencies. */
export function requestUseCases(
  deps: MoreTimesDeps & CancelRequestDeps & PresentRequestDeps,
): RequestUseCases {
  return {
    ...presentUseCases(deps),
    moreTimes: (input) => moreTimes(deps, input),
    cancel: (input) => cancelRequest(deps, input),
  };
}

/** A surface's installation in a workspace: the bot credential recorded, and purged on uninstall. */
export interface InstallationUseCases {
  install(input: InstallWorkspaceInput): Promise<Workspace>;
  purgeToken(input: PurgeTokenInput): Promise<PurgeTokenResult>;
}

/** Binds the installation use cases to the workspace repository and the audit log. */
export function installationUseCases(deps: InstallationDeps): InstallationUseCases {
  return {
    install: (input) => installWorkspace(deps, input),
    purgeToken: (input) => purgeBotToken(deps, input),
  };
}

/** A surface's durable inbox (./inbox.ts): record a delivery, renew its lease, complete it. */
export interface InboxUseCases {
  receive(input: ReceiveDeliveryInput): Promise<ReceiveDeliveryResult>;
  renew(input: { jobId: string; worker: string; leaseUntil: number }): Promise<boolean>;
  complete(input: { jobId: string; worker: string }): Promise<boolean>;
}

/** Binds the inbox use cases to the job queue. */
export function inboxUseCases(deps: {
  readonly jobs: Pick<JobRepository, 'enqueue' | 'extend' | 'complete'>;
}): InboxUseCases {
  return {
    receive: (input) => receiveDelivery(deps, input),
    renew: (input) => renewDelivery(deps, input),
    complete: (input) => completeDelivery(deps, input),
  };
}
