/**
 * The use cases every surface (Slack, Discord, the playground) calls, each bound to its dependencies once by
 * the composition root (`src/compose.ts`). A surface receives these, never raw repositories for writes.
 * Groups are added here as use cases move out of the adapters (#17).
 */
import type { AnswerQuestionInput, AnswerQuestionResult } from './answer-question.ts';
import { answerQuestion } from './answer-question.ts';
import type { BookMeetingDeps, BookMeetingInput, BookMeetingResult } from './book-meeting.ts';
import { bookMeeting } from './book-meeting.ts';
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
import type { BusyReader } from './ports/calendars.ts';
import type { PendingQuestionRepository } from './ports/store.ts';
import type { RequestMeetingDeps, RequestMeetingInput, RequestMeetingResult } from './request-meeting.ts';
import { requestMeeting } from './request-meeting.ts';
import type { TeamCommandInput, TeamCommandResult, TeamStore } from './rotations.ts';
import { runTeamCommand } from './rotations.ts';

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
