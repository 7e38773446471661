/**
 * Composition root for a Convene server with chat platforms: builds the calendar services (provider
 * factory, `CalendarAccess`, `LinkCalendar` with database-backed single-use states) and mounts the
 * adapters that the environment configures (Slack, Discord, the OAuth callbacks). No I/O at import;
 * `main.ts` calls it once at start. Configuration errors are thrown as typed errors with one-line,
 * actionable messages (`SlackConfigError`, `DiscordConfigError`, `LinkConfigError`).
 */

import { hostname } from 'node:os';
import {
  createSyncQueue,
  createWatchLookup,
  ensureWatches,
  reconcileAtStart,
  type SyncSettings,
  syncJobHandlers,
} from './app/calendar-sync/watches.ts';
import { type CalendarSyncDeps, syncActionHandlers } from './app/calendar-sync.ts';
import { IcsOffers } from './app/ics-offer.ts';
import type { LinkConfig } from './app/link/config.ts';
import { linkConfigFromEnv } from './app/link/config.ts';
import { LinkPage, type LinkPageDeps } from './app/link/page.ts';
import { LinkCalendar } from './app/link-calendar.ts';
import { type JobHandler, startWorkers } from './app/outbox.ts';
import type { CalendarLinkProbes } from './app/ports/calendar-link.ts';
import type { DmActionHandler, MeetingThreads, Notifier } from './app/ports/calendars.ts';
import type { SyncQueue, WatchLookup } from './app/ports/sync.ts';
import { relinkWording } from './app/relink-notice.ts';
import {
  accountUseCases,
  calendarChoiceUseCases,
  inboxUseCases,
  installationUseCases,
  requestUseCases,
  teamUseCases,
} from './app/use-cases.ts';
import { manageUseCases, seriesUseCases } from './bot/discord/deps.ts';
import { DISCORD_INBOX_JOB, DISCORD_INBOX_RETENTION_MS } from './bot/discord/inbox.ts';
import { createDiscordAdapter, discordConfigFromEnv, meetingUseCases } from './bot/discord/index.ts';
import { createDiscordNotifier } from './bot/discord/notifier.ts';
import { createDiscordThreads } from './bot/discord/threads.ts';
import { requestLimitsFromEnv } from './bot/rate-limit.ts';
import { createSlackAdapter } from './bot/slack/adapter.ts';
import { slackConfigFromEnv } from './bot/slack/config.ts';
import { INBOX_RETENTION_MS, SLACK_INBOX_JOB } from './bot/slack/inbox.ts';
import type { SlackDmClient } from './bot/slack/notifier.ts';
import { createSlackNotifier } from './bot/slack/notifier.ts';
import { createSlackThreads, type SlackThreadClient } from './bot/slack/threads.ts';
import { createCalendarWebhooks } from './bot/web/calendar-webhooks.ts';
import { createIcsOfferRouter } from './bot/web/ics-offer.ts';
import { createLinkPageRouter } from './bot/web/link-page.ts';
import { createOAuthRouter } from './bot/web/oauth.ts';
import type { MountedRouter } from './bot/web/server.ts';
import { CalendarAccess } from './connectors/access/calendar-access.ts';
import type { ProviderFactory } from './connectors/access/providers.ts';
import { createProviderFactory } from './connectors/access/providers.ts';
import { discoverCalDav } from './connectors/caldav/discover.ts';
import { validateIcsFeed } from './connectors/ics/validate.ts';
import { addressPolicy, allowedNetworksFromEnv } from './connectors/net/address.ts';
import type { Metrics } from './observability/metrics.ts';
import type { Store } from './store/index.ts';

export interface ChatServices {
  /** Configured platforms, e.g. `['slack', 'discord']`. */
  readonly platforms: readonly string[];
  /** Whether calendar linking (OAuth) is configured. */
  readonly linking: boolean;
  readonly routers: readonly MountedRouter[];
  /** Two-way sync: what the provider webhooks use (null without `CONVENE_STATE_SECRET`). */
  readonly sync: { readonly lookup: WatchLookup | null; readonly queue: SyncQueue };
  /** DM button handlers by action (`sync.follow`, …), for the chat adapters' registries. */
  readonly dmActions: Readonly<Record<string, DmActionHandler>>;
  /** Connects what needs a connection (Slack Socket Mode); HTTP adapters need nothing. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A DM goes out on the first platform where the person has an identity. */
function firstDelivering(notifiers: readonly Notifier[]): Notifier {
  return {
    async dm(tenantId, personId, message) {
      let last: { ok: false; code: string } = { ok: false, code: 'no_chat_identity' };
      for (const notifier of notifiers) {
        const sent = await notifier.dm(tenantId, personId, message);
        if (sent.ok) return sent;
        last = sent;
      }
      return last;
    },
  };
}

/** A note goes to the platform the meeting was booked on (each answers `no_thread` for the others). */
function firstThread(all: readonly MeetingThreads[]): MeetingThreads {
  return {
    async note(tenantId, bookingId, text) {
      let last: { ok: false; code: string } = { ok: false, code: 'no_thread' };
      for (const threads of all) {
        const noted = await threads.note(tenantId, bookingId, text);
        if (noted.ok) return noted;
        if (noted.code !== 'no_thread') last = noted;
      }
      return last;
    },
    async showMoved(tenantId, bookingId, view, headline, movedBy) {
      let last: { ok: false; code: string } = { ok: false, code: 'no_thread' };
      for (const threads of all) {
        const shown = await threads.showMoved?.(tenantId, bookingId, view, headline, movedBy);
        if (!shown) continue;
        if (shown.ok) return shown;
        if (shown.code !== 'no_thread') last = shown;
      }
      return last;
    },
  };
}

export interface ComposeOptions {
  /** Provider latency/errors, bookings, conflicts and job lag are recorded here (the server's `/metrics`). */
  readonly metrics?: Metrics;
  /** Replaces the provider factory built from the environment (the load benchmark points it at fakes). */
  readonly providers?: ProviderFactory;
  /** Lease of a recorded Slack request or Discord interaction (bot/inbox.ts; default 60 s). Tests shorten it. */
  readonly inboxLeaseMs?: number;
  /** How long finished Slack inbox jobs are kept (default INBOX_RETENTION_MS, 24 h). */
  readonly inboxRetentionMs?: number;
}

/** Null when no chat platform is configured (the playground runs instead). */
export function composeChat(
  store: Store,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  options: ComposeOptions = {},
): ChatServices | null {
  const { metrics } = options;
  const slackConfig = slackConfigFromEnv(env);
  const discordConfig = discordConfigFromEnv(env);
  if (!slackConfig && !discordConfig) return null;

  const linkingConfigured = Boolean(env.CONVENE_PUBLIC_URL?.trim() || env.CONVENE_STATE_SECRET?.trim());
  const linkConfig: LinkConfig | null = linkingConfigured ? linkConfigFromEnv(env) : null;
  if (!linkConfig)
    log(
      'Convene: calendar linking is off (set CONVENE_PUBLIC_URL and CONVENE_STATE_SECRET, plus Google or Microsoft client credentials)',
    );

  // CalDAV servers and ICS feeds people type may reach private networks only when listed (validated now).
  const allowedNetworks = allowedNetworksFromEnv(env);
  addressPolicy(allowedNetworks);
  const providers =
    options.providers ??
    createProviderFactory({
      ...(linkConfig?.providers ?? {}),
      caldav: { allowedNetworks },
      ics: { allowedNetworks },
    });
  const notifiers: Notifier[] = [];
  const notifier = firstDelivering(notifiers);
  const threadsOf: MeetingThreads[] = [];
  const threads = firstThread(threadsOf);
  /** DM buttons (`DmAction`) by action name: use cases register their handlers here. */
  const dmActions: Record<string, DmActionHandler> = {};
  let calendars: CalendarAccess | undefined;
  const syncSettings: SyncSettings = {
    publicUrl: env.CONVENE_PUBLIC_URL?.trim() || null,
    stateSecret: env.CONVENE_STATE_SECRET?.trim() || null,
    ...(env.CONVENE_SYNC_POLL_SECONDS?.trim()
      ? { pollIntervalMs: Number(env.CONVENE_SYNC_POLL_SECONDS) * 1000 }
      : {}),
  };
  const link = linkConfig
    ? new LinkCalendar({
        people: store.people,
        workspaces: store.workspaces,
        connections: store.connections,
        providers,
        notifier,
        nonces: store.nonces,
        publicBaseUrl: linkConfig.publicBaseUrl,
        stateSecret: linkConfig.stateSecret,
        audit: store.audit,
        onUnlinked: (connectionId) => calendars?.invalidate(connectionId),
        onLinked: (c) =>
          void ensureWatches(store, syncSettings, { ...c, connectionId: c.id }, Date.now()).catch(
            (error: unknown) => log(`sync: watching ${c.id} failed: ${String(error)}`),
          ),
        log,
      })
    : undefined;
  // Several calendars per person: which count as busy, which one receives meetings, one account unlinked.
  const calendarChoice = calendarChoiceUseCases({
    connections: store.connections,
    calendars: { calendarsOf: (c, signal) => calendars!.calendarsOf(c, signal) },
    audit: store.audit,
    invalidate: (connectionId) => calendars?.invalidate(connectionId),
    ...(link ? { linking: link } : {}),
    log,
  });
  const linkPage = linkConfig
    ? linkPageFor(store, env, linkConfig, providers, allowedNetworks, {
        notifier,
        choice: calendarChoice,
        onLinked: (c) =>
          void ensureWatches(store, syncSettings, { ...c, connectionId: c.id }, Date.now()).catch(
            (error: unknown) => log(`sync: watching ${c.id} failed: ${String(error)}`),
          ),
        log,
      })
    : undefined;
  // The .ics offered to participants whose calendar is kept in Convene: a link on this server's address.
  const icsOffers = linkConfig
    ? new IcsOffers({
        bookings: store.bookings,
        requests: store.requests,
        publicBaseUrl: linkConfig.publicBaseUrl,
        stateSecret: linkConfig.stateSecret,
      })
    : undefined;
  calendars = new CalendarAccess({
    connections: store.connections,
    providers,
    notifier,
    ...(link ? { relinkUrl: (t: string, p: string, kind) => link.relinkUrl(t, p, kind) } : {}),
    ...(linkPage ? { pageRelinkUrl: (t: string, p: string) => linkPage.relinkUrl(t, p) } : {}),
    relinkWording: relinkWording(store.preferences),
    log,
    ...(metrics ? { metrics } : {}),
    // A write, an unlink or a provider webhook seen by one replica drops the free/busy of every replica.
    invalidations: store.invalidations,
    preferences: store.preferences,
  });

  // Two-way sync (src/app/calendar-sync.ts): change detection for the events Convene wrote.
  const access = calendars;
  const syncDeps: CalendarSyncDeps = {
    store,
    sources: { open: (tenantId, connectionId) => access.changeSource(tenantId, connectionId) },
    notifier,
    threads,
    busy: calendars,
    policy: () => (env.CONVENE_SYNC_POLICY?.trim() === 'follow' ? 'follow' : 'ask'),
    log,
  };
  Object.assign(dmActions, syncActionHandlers(syncDeps));
  const syncQueue = createSyncQueue(store);
  const sync = {
    lookup: syncSettings.stateSecret ? createWatchLookup(store.watches, syncSettings.stateSecret) : null,
    queue: {
      ...syncQueue,
      // A provider change notification: the calendar changed, so its cached free/busy is stale everywhere.
      async requestSync(watch, notice) {
        const queued = await syncQueue.requestSync(watch, notice);
        access.invalidate(watch.connectionId);
        return queued;
      },
    } satisfies SyncQueue,
  };

  const routers: MountedRouter[] = [];
  // Provider change notifications (Google channels, Graph subscriptions): authenticate, queue, answer.
  if (sync.lookup)
    routers.push({ router: createCalendarWebhooks({ watches: sync.lookup, queue: sync.queue, log }).router });
  if (linkPage)
    routers.push({
      router: createLinkPageRouter({
        page: linkPage,
        secureCookies: linkConfig?.publicBaseUrl.startsWith('https:') ?? true,
        log,
      }),
    });
  if (icsOffers) routers.push({ router: createIcsOfferRouter({ offers: icsOffers, log }) });
  if (link)
    routers.push({
      router: createOAuthRouter({
        link,
        secureCookies: linkConfig?.publicBaseUrl.startsWith('https:') ?? true,
        log,
        // After an OAuth link, the result page offers the calendar choice of the account.
        ...(linkPage ? { choiceLink: (input) => linkPage.choiceLink(input) } : {}),
      }),
    });

  const limits = requestLimitsFromEnv(env);
  const teams = teamUseCases({ store });
  const account = accountUseCases({ store });
  const platforms: string[] = [];
  const starters: Array<() => Promise<void>> = [];
  const stoppers: Array<() => Promise<void>> = [];
  /** Job kinds the chat adapters add to the worker (a Slack request or Discord interaction whose replica died). */
  const adapterHandlers: Record<string, JobHandler> = {};
  if (slackConfig) {
    const slack = createSlackAdapter(
      {
        store,
        busy: calendars,
        writer: calendars,
        notifier,
        ...(icsOffers ? { icsOffers } : {}),
        threads,
        dmActions,
        limits,
        ...(link ? { linking: link } : {}),
        ...(linkPage ? { linkPage } : {}),
        calendarChoice,
        teams,
        account,
        log,
        ...(metrics ? { metrics } : {}),
        invalidations: store.invalidations,
        requestUseCases: requestUseCases({ store, busy: calendars, rotations: store.rotations, limits }),
        installs: installationUseCases({ store }),
        inbox: inboxUseCases({ jobs: store.jobs }),
      },
      options.inboxLeaseMs !== undefined
        ? { ...slackConfig, inboxLeaseMs: options.inboxLeaseMs }
        : slackConfig,
    );
    Object.assign(adapterHandlers, slack.jobHandlers);
    if (slack.router) routers.push({ router: slack.router });
    notifiers.push(
      createSlackNotifier(store, slack.app.client as unknown as SlackDmClient, {
        ...(slackConfig.botToken ? { botToken: slackConfig.botToken } : {}),
        log,
      }),
    );
    threadsOf.push(
      createSlackThreads(store, slack.app.client as unknown as SlackThreadClient, {
        ...(slackConfig.botToken ? { botToken: slackConfig.botToken } : {}),
        log,
      }),
    );
    starters.push(() => slack.start());
    stoppers.push(() => slack.stop());
    platforms.push(slack.mode === 'socket' ? 'slack (socket mode)' : 'slack');
  }
  if (discordConfig) {
    const discord = createDiscordAdapter(
      {
        store,
        meetings: meetingUseCases({
          store,
          busy: calendars,
          writer: calendars,
          notifier,
          ...(icsOffers ? { icsOffers } : {}),
          rotations: store.rotations,
          questions: store.questions,
          limits,
          ...(metrics ? { metrics } : {}),
        }),
        calendarChoice,
        manage: manageUseCases({ store, busy: calendars, notifier, threads }),
        series: seriesUseCases({
          store,
          busy: calendars,
          notifier,
          threads,
          ...(icsOffers ? { icsOffers } : {}),
        }),
        teams,
        requests: requestUseCases({ store, busy: calendars, rotations: store.rotations, limits }),
        dmActions,
        ...(link ? { link } : {}),
        ...(linkPage ? { linkPage } : {}),
        account,
        log,
        inbox: inboxUseCases({ jobs: store.jobs }),
      },
      options.inboxLeaseMs !== undefined
        ? { ...discordConfig, inboxLeaseMs: options.inboxLeaseMs }
        : discordConfig,
    );
    Object.assign(adapterHandlers, discord.jobHandlers);
    routers.push({ router: discord.router });
    notifiers.push(createDiscordNotifier(store.people, discord.api));
    threadsOf.push(createDiscordThreads(store, discord.api, { log }));
    stoppers.push(() => discord.idle());
    platforms.push('discord');
  }

  // Durable jobs (calendar writes, updates, deletes, reminders): every replica runs a worker loop.
  let workers: { stop(): Promise<void> } | undefined;
  starters.push(async () => {
    workers = startWorkers(
      {
        store,
        writer: calendars,
        notifier,
        handlers: { ...syncJobHandlers(syncDeps, syncSettings), ...adapterHandlers },
        log,
        ...(metrics ? { metrics } : {}),
      },
      {
        worker: `${hostname()}:${process.pid}`,
        retention: {
          [SLACK_INBOX_JOB]: options.inboxRetentionMs ?? INBOX_RETENTION_MS,
          // The interaction token's life: a redelivery is refused after 5 min anyway; the token itself, sealed,
          // is erased when the job finishes (bot/discord/inbox.ts).
          [DISCORD_INBOX_JOB]: DISCORD_INBOX_RETENTION_MS,
        },
      },
    );
    // Watches of every connection, unless a reconciliation is already scheduled (idempotent across replicas).
    await reconcileAtStart(store, syncSettings, Date.now()).catch((error: unknown) =>
      log(`sync: reconciling watches failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  stoppers.unshift(async () => {
    await workers?.stop();
  });

  return {
    platforms,
    linking: link !== undefined,
    routers,
    sync,
    dmActions,
    start: async () => {
      for (const start of starters) await start();
    },
    stop: async () => {
      for (const stop of stoppers) await stop();
    },
  };
}

/** What the playground needs for `/meet link` / `/meet unlink` (see `composePlaygroundLinking`). */
export interface PlaygroundLinkingServices {
  readonly page: LinkPage;
  readonly calendars: LinkCalendar;
  readonly connections: Store['connections'];
  /** The demo people's linked calendars (bounded, address-guarded connectors, as for chat people). */
  readonly busy: CalendarAccess;
  /** The link page (and the OAuth callbacks when Google or Microsoft is configured). */
  readonly routers: readonly MountedRouter[];
}

/**
 * Calendar linking for the playground's demo people, when CONVENE_PUBLIC_URL and CONVENE_STATE_SECRET are
 * set (null when neither is; a half-set pair throws `LinkConfigError` as for chat): the same link page,
 * state, connectors and unlink use case as Slack and Discord. The demo people have no chat, so the link
 * page's confirmation DM is not sent (the page itself says what was linked).
 */
export function composePlaygroundLinking(
  store: Store,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): PlaygroundLinkingServices | null {
  if (!env.CONVENE_PUBLIC_URL?.trim() && !env.CONVENE_STATE_SECRET?.trim()) return null;
  const linkConfig = linkConfigFromEnv(env);
  const allowedNetworks = allowedNetworksFromEnv(env);
  addressPolicy(allowedNetworks);
  const providers = createProviderFactory({
    ...linkConfig.providers,
    caldav: { allowedNetworks },
    ics: { allowedNetworks },
  });
  const notifier: Notifier = { dm: async () => ({ ok: false, code: 'no_chat' }) };
  let busy: CalendarAccess | undefined;
  const calendars = new LinkCalendar({
    people: store.people,
    workspaces: store.workspaces,
    connections: store.connections,
    providers,
    notifier,
    nonces: store.nonces,
    publicBaseUrl: linkConfig.publicBaseUrl,
    stateSecret: linkConfig.stateSecret,
    audit: store.audit,
    onUnlinked: (connectionId) => busy?.invalidate(connectionId),
    log,
  });
  // The same calendar choice as chat people get on the page (which calendars count as busy, which one
  // receives meetings).
  const choice = calendarChoiceUseCases({
    connections: store.connections,
    calendars: { calendarsOf: (c, signal) => busy!.calendarsOf(c, signal) },
    audit: store.audit,
    invalidate: (connectionId) => busy?.invalidate(connectionId),
    linking: calendars,
    log,
  });
  const page = linkPageFor(store, env, linkConfig, providers, allowedNetworks, { notifier, choice, log });
  busy = new CalendarAccess({
    connections: store.connections,
    providers,
    notifier,
    relinkUrl: (t, p, kind) => calendars.relinkUrl(t, p, kind),
    pageRelinkUrl: (t, p) => page.relinkUrl(t, p),
    log,
    invalidations: store.invalidations,
    preferences: store.preferences,
  });
  const secureCookies = linkConfig.publicBaseUrl.startsWith('https:');
  const routers: MountedRouter[] = [{ router: createLinkPageRouter({ page, secureCookies, log }) }];
  if (providers.oauth('google') || providers.oauth('microsoft'))
    routers.push({ router: createOAuthRouter({ link: calendars, secureCookies, log }) });
  return { page, calendars, connections: store.connections, busy, routers };
}

/** `CONVENE_LINK_CALDAV` / `CONVENE_LINK_ICS`: on unless set to 0/false/no. */
export function linkPageSettingsFromEnv(env: NodeJS.ProcessEnv): { caldav: boolean; ics: boolean } {
  const on = (name: string) => !/^(0|false|no)$/i.test(env[name]?.trim() ?? '');
  return { caldav: on('CONVENE_LINK_CALDAV'), ics: on('CONVENE_LINK_ICS') };
}

/** What the link page asks of the connectors, through the address guard (`allowedNetworks` opted in). */
/** The link page on this store and configuration (chat and playground alike); `extra` is what differs. */
function linkPageFor(
  store: Store,
  env: NodeJS.ProcessEnv,
  linkConfig: LinkConfig,
  providers: ProviderFactory,
  allowedNetworks: readonly string[],
  extra: Pick<LinkPageDeps, 'notifier' | 'choice' | 'onLinked' | 'log'>,
): LinkPage {
  return new LinkPage({
    people: store.people,
    workspaces: store.workspaces,
    preferences: store.preferences,
    connections: store.connections,
    nonces: store.nonces,
    probes: linkProbes(allowedNetworks),
    oauthConfigured: (kind) => providers.oauth(kind) !== null,
    settings: linkPageSettingsFromEnv(env),
    publicBaseUrl: linkConfig.publicBaseUrl,
    stateSecret: linkConfig.stateSecret,
    audit: store.audit,
    ...extra,
  });
}

export function linkProbes(allowedNetworks: readonly string[]): CalendarLinkProbes {
  return {
    discoverCalDav: (input) => discoverCalDav(input, { allowedNetworks, now: Date.now }),
    validateIcs: (url) => validateIcsFeed(url, { allowedNetworks }),
  };
}
