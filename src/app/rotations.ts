/**
 * Use cases of team rotations (facade; the code is in `./teams/`):
 *
 * - `runTeamCommand`: `/meet team …` from Slack or Discord — read (`teams/read.ts`), authorise
 *   (`teams/authorise.ts`), apply (`teams/apply.ts`, `members.ts`, `admins.ts`, `standings.ts`), audit
 *   (`teams/audit.ts`); the result carries message codes, worded by `renderTeamResult` (domain `teams`).
 * - `pickForSlots`: for a round-robin team, who each proposed slot would book, and why.
 * - `teamContext`: a team's members as the core sees them plus the window's assignment history.
 * - `bookingPeople` / `recordRotationBooking`: for the booking use case — who a round-robin slot books,
 *   and the assignment to record once it is booked.
 */
export type { TeamContext } from './teams/fairness.ts';
export { bookingPeople, pickForSlots, recordRotationBooking, teamContext } from './teams/fairness.ts';
export { renderTeamResult, runTeamCommand } from './teams/run.ts';
export { standingsMessages, teamStandings } from './teams/standings.ts';
export type {
  MemberResolver,
  StandingsView,
  TeamActor,
  TeamCommandDeps,
  TeamCommandErrorCode,
  TeamCommandInput,
  TeamCommandResult,
  TeamStore,
} from './teams/types.ts';
