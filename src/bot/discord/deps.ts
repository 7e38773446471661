import type { LinkPage } from '../../app/link/page.ts';
import type { DmActionHandler } from '../../app/ports/calendars.ts';
import type { Repositories } from '../../app/ports/store.ts';
import type { RequestLimits } from '../../app/request-meeting.ts';
import type {
  AccountUseCases,
  CalendarChoiceUseCases,
  CalendarLinking,
  InboxUseCases,
  ManageUseCases,
  MeetingUseCases,
  RequestUseCases,
  SeriesUseCases,
  TeamUseCases,
} from '../../app/use-cases.ts';
import { accountUseCases, inboxUseCases } from '../../app/use-cases.ts';
import type { RateLimitSettings } from '../rate-limit.ts';
import { rateLimitsFromEnv, requestLimitsFromEnv } from '../rate-limit.ts';

export type {
  CalendarLinking,
  ManageUseCases,
  MeetingUseCases,
  RequestUseCases,
  SeriesUseCases,
  TeamUseCases,
} from '../../app/use-cases.ts';
export { manageUseCases, meetingUseCases, seriesUseCases } from '../../app/use-cases.ts';

export type DiscordStore = Pick<
  Repositories,
  'workspaces' | 'people' | 'preferences' | 'connections' | 'requests' | 'audit'
> &
  Partial<Pick<Repositories, 'rotations' | 'bookings' | 'jobs'>>;

export interface DiscordAdapterDeps {
  readonly store: DiscordStore;
  readonly meetings: MeetingUseCases;
  /** Without it, `/meet link` and `/meet unlink` say linking is not configured. */
  readonly link?: CalendarLinking;
  /** Convene's link page (every calendar kind): when set, `/meet link` sends it instead of one provider's. */
  readonly linkPage?: Pick<LinkPage, 'startLink'>;
  /** Preferences and status (default: bound to `store` by `accountOf`). */
  readonly account?: AccountUseCases;
  /** Cancel / reschedule (the confirmation's buttons, `/meet cancel|reschedule`); needs `store.bookings`. */
  readonly manage?: ManageUseCases;
  /**
   * One occurrence of a series: "Move <date> only" / "Cancel <date> only" / "End the series after <date>"
   * (`/meet cancel`, `/meet reschedule`), "Move <date> and following" (`/meet reschedule`).
   */
  readonly series?: SeriesUseCases;
  /** `/meet team …`; without it the command says teams are not available. */
  readonly teams?: TeamUseCases;
  /** Several calendars per person (`/meet calendars`, `/meet unlink account:`); without it they are off. */
  readonly calendarChoice?: CalendarChoiceUseCases;
  /** "More times" / "Cancel" under the proposals, and recording where proposals were posted. */
  readonly requests?: RequestUseCases;
  /**
   * The durable inbox's records (`/meet new` and booking clicks, inbox.ts; bound by compose; default:
   * bound to `store.jobs`, none without it: the work then runs, not durable).
   */
  readonly inbox?: InboxUseCases;
  /** DM buttons (`DmAction`): handlers by action name; an unknown action gets a polite refusal. */
  readonly dmActions?: Readonly<Record<string, DmActionHandler>>;
  /** Epoch ms. Default `Date.now`. */
  readonly clock?: () => number;
  /** One line per event, never a token. Default `console.error`. */
  readonly log?: (line: string) => void;
}

/** The account use cases the composition root bound, or bound here to the adapter's store. */
export function accountOf(deps: Pick<DiscordAdapterDeps, 'account' | 'store'>): AccountUseCases {
  return deps.account ?? accountUseCases({ store: deps.store });
}

/** The inbox use cases the composition root bound, else bound to the store's job queue (none: not durable). */
export function inboxOf(deps: Pick<DiscordAdapterDeps, 'inbox' | 'store'>): InboxUseCases | undefined {
  return deps.inbox ?? (deps.store.jobs ? inboxUseCases({ jobs: deps.store.jobs }) : undefined);
}

export interface DiscordConfig {
  /** `DISCORD_PUBLIC_KEY`: 64 hex chars. */
  readonly publicKey: string;
  /** `DISCORD_APPLICATION_ID`. */
  readonly applicationId: string;
  /** `DISCORD_BOT_TOKEN`. */
  readonly botToken: string;
  /** REST base (`DISCORD_API_URL`), default Discord's `https://discord.com/api`; tests use the fake. */
  readonly api?: string;
  /**
   * Shared tenant (one organisation across Slack and Discord) for the guilds of `tenantGuilds` only.
   * Unset (default): every guild gets its own tenant. Set: guilds not listed are refused.
   */
  readonly tenantId?: string;
  /** Guild ids that share `tenantId` (`DISCORD_TENANT_GUILDS`); required with it. */
  readonly tenantGuilds?: readonly string[];
  /** Rate limits longer than this fail the call instead of being waited out. Default 30 s. */
  readonly maxRateLimitWaitMs?: number;
  /** Most members a role may add to a meeting. Default 20. */
  readonly maxRoleMembers?: number;
  /** Per-user and per-guild limits on every interaction (in memory, per replica). None: unlimited. */
  readonly rateLimit?: RateLimitSettings;
  /** The work budget of one request; its people are counted before any member listing. */
  readonly limits?: RequestLimits;
  /**
   * Lease of a recorded interaction (inbox.ts, default 60 s): after this long without renewal (its replica
   * died) another replica's worker takes it over. Tests shorten it.
   */
  readonly inboxLeaseMs?: number;
}

export class DiscordConfigError extends Error {
  readonly code = 'discord_config';
  constructor(message: string) {
    super(message);
    this.name = 'DiscordConfigError';
  }
}

/**
 * Reads `DISCORD_PUBLIC_KEY`, `DISCORD_APPLICATION_ID`, `DISCORD_BOT_TOKEN` (all three, or none → null:
 * Discord disabled), plus optional `DISCORD_API_URL`, and `DISCORD_TENANT_ID` with `DISCORD_TENANT_GUILDS`
 * (the comma-separated guild ids that share that tenant: any other guild is refused).
 */
export function discordConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DiscordConfig | null {
  const publicKey = env.DISCORD_PUBLIC_KEY?.trim();
  const applicationId = env.DISCORD_APPLICATION_ID?.trim();
  const botToken = env.DISCORD_BOT_TOKEN?.trim();
  if (!publicKey && !applicationId && !botToken) return null;
  const missing = [
    ['DISCORD_PUBLIC_KEY', publicKey],
    ['DISCORD_APPLICATION_ID', applicationId],
    ['DISCORD_BOT_TOKEN', botToken],
  ]
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length > 0)
    throw new DiscordConfigError(
      `Discord is half configured: set ${missing.join(', ')} too (Developer Portal → your application), or unset all three.`,
    );
  if (!/^[0-9a-fA-F]{64}$/.test(publicKey ?? ''))
    throw new DiscordConfigError('DISCORD_PUBLIC_KEY must be the 64 hexadecimal characters of "Public Key".');
  if (!/^\d{15,25}$/.test(applicationId ?? ''))
    throw new DiscordConfigError('DISCORD_APPLICATION_ID must be the numeric "Application ID".');
  const tenant = sharedTenantFromEnv(env);
  const rateLimits = rateLimitsFromEnv(env);
  return {
    publicKey: publicKey!,
    applicationId: applicationId!,
    botToken: botToken!,
    ...(env.DISCORD_API_URL?.trim() ? { api: env.DISCORD_API_URL.trim() } : {}),
    ...(tenant ?? {}),
    ...(rateLimits ? { rateLimit: rateLimits } : {}),
    limits: requestLimitsFromEnv(env),
  };
}

const SNOWFLAKE = /^\d{15,25}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `DISCORD_TENANT_ID` + `DISCORD_TENANT_GUILDS`: the shared tenant and the only guilds that may use it.
 * A Discord bot is public by default (anyone can add it to their server), so the list is required: without
 * it any server adding the bot would join the tenant and its Manage Server members would run its teams.
 */
function sharedTenantFromEnv(
  env: NodeJS.ProcessEnv,
): { tenantId: string; tenantGuilds: readonly string[] } | null {
  const tenantId = env.DISCORD_TENANT_ID?.trim();
  const list = env.DISCORD_TENANT_GUILDS?.trim();
  if (!tenantId) {
    if (list)
      throw new DiscordConfigError(
        'DISCORD_TENANT_GUILDS is set without DISCORD_TENANT_ID: set the tenant those servers share, or unset the list (each server then gets its own tenant).',
      );
    return null;
  }
  if (!UUID.test(tenantId))
    throw new DiscordConfigError('DISCORD_TENANT_ID must be a Convene tenant id (a UUID).');
  if (!list)
    throw new DiscordConfigError(
      'DISCORD_TENANT_ID now needs DISCORD_TENANT_GUILDS: the comma-separated ids of the Discord servers that share this tenant (Server Settings → Widget, or right-click the server → Copy Server ID). Any other server that adds the bot is refused.',
    );
  const guilds = list
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const bad = guilds.find((id) => !SNOWFLAKE.test(id));
  if (bad !== undefined || guilds.length === 0)
    throw new DiscordConfigError(
      `DISCORD_TENANT_GUILDS must list numeric Discord server ids separated by commas (${JSON.stringify(bad ?? list)} is not one).`,
    );
  return { tenantId, tenantGuilds: [...new Set(guilds)] };
}
