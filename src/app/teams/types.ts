/** The types of the team use case (`/meet team …`): its store, its actor, its input and its results. */
import type { FairnessWindow, Standing } from '../../core/rotation.ts';
import type { MemberRef, TeamCommand } from '../../core/rotation-command.ts';
import type { Msg } from '../i18n/index.ts';
import type {
  AuditLogRepository,
  Person,
  PersonRepository,
  RotationRepository,
  Team,
} from '../ports/store.ts';
import type { Locale } from '../views.ts';

export interface TeamStore {
  readonly rotations: RotationRepository;
  readonly audit: Pick<AuditLogRepository, 'append'>;
  readonly people: Pick<PersonRepository, 'findByIdentity' | 'get'>;
}

export interface TeamActor {
  /** The acting person, when known. */
  readonly personId: string | null;
  /** For the audit log: `slack:U123`, `discord:123…`. */
  readonly label: string;
  /** Decided by the adapter: Slack workspace admin/owner, Discord Manage Server. */
  readonly isAdmin: boolean;
}

/**
 * Resolves a member mention to a person (adapters may create the person on first sight). Default:
 * chat mentions by identity in the workspace; `@name` is not resolved.
 */
export type MemberResolver = (ref: MemberRef) => Promise<Person | null>;

export interface TeamCommandDeps {
  readonly store: TeamStore;
  /** Used when the input brings none. */
  readonly resolveMember?: MemberResolver;
}

export interface TeamCommandInput {
  readonly tenantId: string;
  readonly workspaceId: string;
  /** Chat admins decide; people they granted Convene admin rights (`team grant`) may change teams too. */
  readonly actor: TeamActor;
  /** The text after `/meet`, starting with `team` / `équipe` / …. */
  readonly text: string;
  readonly now: number;
  /** The actor's IANA zone: pause dates and new teams' fairness windows use it. */
  readonly zone: string;
  /** The language of the reply; default: the language of the command's head word. */
  readonly locale?: Locale;
  readonly resolveMember?: MemberResolver;
}

export type TeamCommandErrorCode =
  | 'not_a_team_command'
  | 'invalid'
  | 'forbidden'
  | 'not_found'
  | 'name_taken'
  | 'group_taken'
  | 'unknown_member'
  | 'not_member';

export interface StandingsView {
  readonly teamId: string;
  readonly teamName: string;
  readonly mode: Team['mode'];
  readonly window: FairnessWindow;
  readonly rows: readonly (Standing & { readonly paused: boolean })[];
}

/** What applying a command led to, before it is given its language. */
export type TeamOutcome =
  | {
      readonly ok: true;
      /** The reply; `lines` (list rows, standings rows) follow it, one per line. */
      readonly message: Msg;
      readonly lines?: readonly Msg[];
      readonly team?: Team;
      readonly standings?: StandingsView;
    }
  | { readonly ok: false; readonly code: TeamCommandErrorCode; readonly message: Msg };

export type TeamCommandResult =
  | (Extract<TeamOutcome, { ok: true }> & { readonly locale: Locale; readonly op: TeamCommand['op'] })
  | (Extract<TeamOutcome, { ok: false }> & { readonly locale: Locale });

/** One applied change, as the audit log records it. */
export interface TeamChange {
  /** `team.create`, `team.member.add`, `admin.grant`, … */
  readonly action: string;
  /** The team's or the person's id. */
  readonly target: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Who runs the command where: what every step of the use case reads. */
export interface TeamScope {
  readonly store: TeamStore;
  readonly tenantId: string;
  readonly workspaceId: string;
  readonly actor: TeamActor;
  readonly now: number;
  readonly zone: string;
  readonly resolveMember?: MemberResolver;
}

/** The outcome of applying a command and the changes made on the way (also when it failed half-way). */
export interface Applied {
  readonly outcome: TeamOutcome;
  readonly changes: readonly TeamChange[];
}
