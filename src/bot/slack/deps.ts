/**
 * What the Slack adapter needs from the rest of Convene (ports), its configuration, and the small
 * slice of the Slack Web API / Bolt listener arguments the listeners use — so every listener is a plain
 * function testable with fake `ack` / `respond` / `client`.
 */

import type { IcsOfferLinks } from '../../app/ics-offer.ts';
import type { LinkPage } from '../../app/link/page.ts';
import type {
  LinkProviderKind,
  StartLinkInput,
  StartLinkResult,
  UnlinkInput,
  UnlinkResult,
} from '../../app/link-calendar.ts';
import type {
  BusyReader,
  DmActionHandler,
  EventWriter,
  MeetingThreads,
  Notifier,
} from '../../app/ports/calendars.ts';
import type { Invalidations } from '../../app/ports/invalidations.ts';
import type { BookingMetrics } from '../../app/ports/metrics.ts';
import type { Repositories, Workspace } from '../../app/ports/store.ts';
import type { ReminderSettings } from '../../app/reminders.ts';
import type { PeopleDirectory, RequestLimits } from '../../app/request-meeting.ts';
import type {
  AccountUseCases,
  CalendarChoiceUseCases,
  InboxUseCases,
  InstallationUseCases,
  RequestUseCases,
  TeamUseCases,
} from '../../app/use-cases.ts';
import {
  accountUseCases,
  inboxUseCases,
  installationUseCases,
  requestUseCases,
} from '../../app/use-cases.ts';
import type { RateLimitSettings } from '../rate-limit.ts';
import type { Deduper } from './dedupe.ts';
import type { InstallationCache } from './installation-cache.ts';

export type SlackStore = Pick<
  Repositories,
  'workspaces' | 'people' | 'preferences' | 'connections' | 'requests' | 'bookings' | 'audit'
> &
  Partial<Pick<Repositories, 'jobs' | 'rotations' | 'questions'>>;

/** Calendar linking (wire `LinkCalendar`); without it `/meet link` explains that linking is not configured. */
export interface SlackLinking {
  startLink(input: StartLinkInput): Promise<StartLinkResult>;
  unlink(input: UnlinkInput): Promise<UnlinkResult>;
}

export interface SlackDeps {
  readonly store: SlackStore;
  readonly busy: BusyReader;
  readonly writer: EventWriter;
  /** DMs of the booking side (a calendar refused the booking); default: none sent. */
  readonly notifier?: Notifier;
  /** .ics links for participants whose calendar is kept in Convene (on the confirmation); default: none. */
  readonly icsOffers?: IcsOfferLinks;
  readonly linking?: SlackLinking;
  /** Convene's link page (every calendar kind): when set, `/meet link` and link DMs open it. */
  readonly linkPage?: Pick<LinkPage, 'startLink'>;
  /** `/meet team …`; without it the command says teams are not available. */
  readonly teams?: TeamUseCases;
  /** Several calendars per person (`/meet calendars`, `/meet unlink <n>`); without it `/meet calendars` says it is off. */
  readonly calendarChoice?: CalendarChoiceUseCases;
  /** Preferences and status (default: bound to `store` by `accountOf`). */
  readonly account?: AccountUseCases;
  /** Where cancel / reschedule say what happened (the booking's thread); default: nowhere. */
  readonly threads?: MeetingThreads;
  /** DM buttons (`DmAction`): handlers by action name; an unknown action gets a polite refusal. */
  readonly dmActions?: Readonly<Record<string, DmActionHandler>>;
  /** Reminder lead times (reschedule moves the reminders). Default: 15 minutes. */
  readonly reminders?: ReminderSettings;
  /** Providers offered by `/meet link` (default: Google and Microsoft; unconfigured ones are skipped). */
  readonly linkProviders?: readonly LinkProviderKind[];
  readonly directory?: PeopleDirectory;
  /** The work budget of one request (look-ahead, people); defaults apply when unset. */
  readonly limits?: RequestLimits;
  /** Epoch ms; default `Date.now`. */
  readonly clock?: () => number;
  /** One line per event, never a token. Default: console.error. */
  readonly log?: (line: string) => void;
  /** Booking outcomes and conflicts. */
  readonly metrics?: BookingMetrics;
  /**
   * Cross-replica invalidation of the installation and `users.info` caches (the store's
   * `invalidations`); none = each replica's caches are invalidated by its own events only.
   */
  readonly invalidations?: Invalidations;
  /** More times, cancel request, record where proposals were posted (bound by compose; default: bound here). */
  readonly requestUseCases?: RequestUseCases;
  /** The team's installation recorded and its token purged (bound by compose; default: bound here). */
  readonly installs?: InstallationUseCases;
  /** The durable inbox's records (bound by compose; default: bound to `store.jobs`, none without it). */
  readonly inbox?: InboxUseCases;
}

/** The request use cases the deps carry, else bound to the deps' own ports (tests build deps by hand). */
export function requestUseCasesOf(deps: SlackDeps): RequestUseCases {
  return (
    deps.requestUseCases ??
    requestUseCases({
      store: deps.store,
      busy: deps.busy,
      ...(deps.directory ? { directory: deps.directory } : {}),
      ...(deps.limits ? { limits: deps.limits } : {}),
      ...(deps.store.rotations ? { rotations: deps.store.rotations } : {}),
    })
  );
}

export interface SlackConfig {
  /** `SLACK_SIGNING_SECRET`. */
  readonly signingSecret: string;
  /** `http` (production, default) or `socket` (development; needs `appToken`). */
  readonly mode?: 'http' | 'socket';
  /** `SLACK_APP_TOKEN` (xapp-…, `connections:write`) for Socket Mode. */
  readonly appToken?: string;
  /** `SLACK_BOT_TOKEN`: single-workspace install (no OAuth). */
  readonly botToken?: string;
  /** OAuth v2 multi-workspace install: `SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET`, `SLACK_STATE_SECRET`. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly stateSecret?: string;
  /** `SLACK_REDIRECT_URI`, e.g. `https://convene.example.com/slack/oauth_redirect`. */
  readonly redirectUri?: string;
  /** Web API base (`SLACK_API_URL`; a fake in tests). Default `https://slack.com/api/`. */
  readonly slackApiUrl?: string;
  /** Where `/slack/install` sends the browser (a fake in tests). */
  readonly authorizationUrl?: string;
  /**
   * Lease of a recorded request (inbox.ts, default 60 s): after this long without renewal (its replica
   * died) another replica runs it.
   */
  readonly inboxLeaseMs?: number;
  /** WebClient retries (default: the SDK's, about 10 over 30 min). */
  readonly retries?: number;
  /** The slash command (default `/meet`, as in manifest.yml). */
  readonly command?: string;
  /** Path of the events/commands/interactivity endpoint. Default `/slack/events`. */
  readonly endpoint?: string;
  /** Bolt's per-request ack deadline; default 3001 ms. */
  readonly unhandledRequestTimeoutMillis?: number;
  /** Per-user and per-workspace limits on the slash command (in memory, per replica). None: unlimited. */
  readonly rateLimit?: RateLimitSettings;
  /** Meeting requests worked on at once after their ack (the rest wait in order): `CONVENE_REQUEST_CONCURRENCY`, default 128. */
  readonly requestConcurrency?: number;
}

export type Block = Record<string, unknown>;

export interface RespondMessage {
  readonly text: string;
  readonly blocks?: readonly Block[];
  readonly response_type?: 'ephemeral' | 'in_channel';
  readonly replace_original?: boolean;
  readonly delete_original?: boolean;
}

export type AckFn = (response?: Record<string, unknown>) => Promise<void>;
export type RespondFn = (message: RespondMessage) => Promise<unknown>;

export interface SlackUserInfo {
  readonly id?: string;
  readonly name?: string;
  readonly real_name?: string;
  readonly tz?: string;
  readonly locale?: string;
  readonly deleted?: boolean;
  readonly is_admin?: boolean;
  readonly is_owner?: boolean;
  readonly is_bot?: boolean;
  readonly profile?: { readonly email?: string; readonly display_name?: string; readonly real_name?: string };
}

/** `users.info` answers by `<team id>:<user id>` (people.ts `createUserInfoCache`). */
export type UserInfoCache = InstallationCache<SlackUserInfo>;

type Args = Record<string, unknown>;
interface ApiResult {
  readonly ok?: boolean;
  readonly error?: string;
}

/** The Web API methods Convene calls (Bolt's `client` satisfies it). */
export interface SlackApi {
  readonly users: {
    info(args: { user: string; include_locale?: boolean }): Promise<ApiResult & { user?: SlackUserInfo }>;
  };
  readonly chat: {
    postMessage(args: Args): Promise<ApiResult & { ts?: string; channel?: string }>;
    postEphemeral(args: Args): Promise<ApiResult & { message_ts?: string }>;
    update(args: Args): Promise<ApiResult & { ts?: string }>;
  };
  readonly views: {
    open(args: Args): Promise<ApiResult & { view?: { id?: string } }>;
    publish(args: Args): Promise<ApiResult>;
  };
  readonly conversations: {
    open(args: { users: string }): Promise<ApiResult & { channel?: { id?: string } }>;
  };
}

/** Everything a listener gets besides the request: the ports, the clock, the log, the de-duplicator. */
export interface SlackRuntime {
  readonly deps: SlackDeps;
  readonly now: () => number;
  readonly log: (line: string) => void;
  readonly dedupe: Deduper;
  /** The installation cache `authorize` reads through; the uninstall listeners invalidate it. */
  readonly installations?: {
    invalidate(teamId: string): void;
    /** The cached installation of a team (its workspace included), read from the store when not cached. */
    find?(teamId: string): Promise<{ readonly workspace: Workspace } | null>;
  };
  /**
   * Runs a meeting request's work after its ack with at most `requestConcurrency` at once, first come first
   * served. Under a burst the event loop then stays free for acks (Slack's 3 s) and the first requests finish
   * first, instead of every request slowing every other. `weight` (the people a request names) puts a very
   * large request in a lane of its own that yields to ordinary ones (./request-lanes.ts). None: no limit.
   */
  readonly requests?: <T>(work: () => Promise<T>, weight?: number) => Promise<T>;
  /** `users.info` answers by workspace and user (see `people.ts`); none = every call goes to Slack. */
  readonly users?: UserInfoCache;
}

/** The installation use cases the composition root bound, or bound here to the adapter's store. */
export function installsOf(deps: Pick<SlackDeps, 'installs' | 'store'>): InstallationUseCases {
  return deps.installs ?? installationUseCases({ store: deps.store });
}

/** The inbox use cases the composition root bound, else bound to the store's job queue (none: not durable). */
export function inboxOf(deps: Pick<SlackDeps, 'inbox' | 'store'>): InboxUseCases | undefined {
  return deps.inbox ?? (deps.store.jobs ? inboxUseCases({ jobs: deps.store.jobs }) : undefined);
}

/** The account use cases the composition root bound, or bound here to the adapter's store. */
export function accountOf(deps: Pick<SlackDeps, 'account' | 'store'>): AccountUseCases {
  return deps.account ?? accountUseCases({ store: deps.store });
}
