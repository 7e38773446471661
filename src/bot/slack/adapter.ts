/**
 * The Slack adapter: a Bolt app whose listeners (one per file under ./listeners) translate Slack
 * payloads into use-case calls and render the views as Block Kit.
 *
 * - HTTP mode (production): an `ExpressReceiver` whose `router` Convene mounts on its one web server
 *   (`POST /slack/events` for commands, interactivity and events; with OAuth also `GET /slack/install`
 *   and `GET /slack/oauth_redirect`). Bolt verifies every signature (bad or older than 5 min → 401).
 * - Socket Mode (development): `start()` opens the WebSocket with the app-level token; no router.
 * - Tokens: OAuth v2 multi-workspace installs in the database (`InstallationStore`, token rotation
 *   handled by Bolt's installer), or a single-workspace `SLACK_BOT_TOKEN` (recorded on first use).
 */

import type { AuthorizeResult, Logger, ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import { App, ExpressReceiver, LogLevel, webApi } from '@slack/bolt';
import type { Router } from 'express';
import type { JobHandler } from '../../app/outbox.ts';
import type { Locale } from '../../app/views.ts';
import { CommandRateLimiter, rateLimitedMessage } from '../rate-limit.ts';
import { detectLocale } from './common.ts';
import { Deduper } from './dedupe.ts';
import type { AckFn, RespondFn, SlackApi, SlackConfig, SlackDeps, SlackRuntime } from './deps.ts';
import { inboxOf, installsOf } from './deps.ts';
import { AlreadyReceived, createInbox, ephemeralRespond, inboxPayloadOf, SLACK_INBOX_JOB } from './inbox.ts';
import { InstallationCache } from './installation-cache.ts';
import {
  createInstallationLookup,
  createInstallationStore,
  NotInstalledError,
  type StoredInstallation,
} from './installation-store.ts';
import { answerQuestionAction } from './listeners/answer-question.ts';
import { appHomeOpened } from './listeners/app-home-opened.ts';
import { purgeInstallation } from './listeners/app-uninstalled.ts';
import { bookSlot } from './listeners/book-slot.ts';
import { cancelBookingAction } from './listeners/cancel-booking.ts';
import { cancelRequest } from './listeners/cancel-request.ts';
import { dmAction } from './listeners/dm-action.ts';
import { linkButton } from './listeners/link-button.ts';
import { meetCommand, route } from './listeners/meet-command.ts';
import { moreTimes } from './listeners/more-times.ts';
import { occurrenceAction } from './listeners/occurrence-action.ts';
import { occurrenceMoveAction } from './listeners/occurrence-move.ts';
import { openSettingsAction } from './listeners/open-settings.ts';
import { rescheduleBookingAction } from './listeners/reschedule-booking.ts';
import { reschedulePick } from './listeners/reschedule-pick.ts';
import { settingsSubmit } from './listeners/settings-submit.ts';
import { forgetUser } from './listeners/user-change.ts';
import { createUserInfoCache, errorCode } from './people.ts';
import { ACTIONS, decodeValue, SETTINGS_CALLBACK } from './render.ts';
import { createRequestLanes } from './request-lanes.ts';

export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'users:read', 'users:read.email'] as const;

export interface SlackAdapter {
  readonly mode: 'http' | 'socket';
  /** HTTP mode: mount on Convene's web server at `/` (routes `/slack/...`). Null in Socket Mode. */
  readonly router: Router | null;
  readonly app: App;
  /**
   * Job handlers for the outbox worker: `slack.inbox` runs a request whose replica died after acking it
   * (inbox.ts).
   */
  readonly jobHandlers: Readonly<Record<string, JobHandler>>;
  /** Socket Mode: connects. HTTP mode: nothing (the web server serves the router). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const SORRY: Record<Locale, string> = {
  en: 'Something went wrong on our side; nothing was booked twice. Try again in a minute.',
  fr: 'Un problème est survenu de notre côté ; rien n’a été réservé deux fois. Réessayez dans une minute.',
  de: 'Bei uns ist etwas schiefgelaufen; nichts wurde doppelt gebucht. Versuche es in einer Minute erneut.',
};

/** Tokens never reach the log, whatever an error message contains. */
export function redact(line: string): string {
  return line.replace(
    /xox[a-z]-[A-Za-z0-9.-]+|xoxe\.xox[a-z]-[A-Za-z0-9.-]+|xapp-[A-Za-z0-9-]+/g,
    '[redacted-token]',
  );
}

function boltLogger(log: (line: string) => void): Logger {
  let level = LogLevel.WARN;
  const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const line = (lvl: LogLevel, parts: unknown[]) => {
    if (rank[lvl] < rank[level]) return;
    // One line, messages only: Bolt never puts tokens in warn/error messages, errors keep their name.
    const text = parts
      .map((p) =>
        p instanceof Error
          ? `${p.name}: ${p.message.split('\n')[0]}`
          : typeof p === 'string'
            ? p
            : errorCode(p),
      )
      .join(' ');
    log(redact(`slack[${lvl}]: ${text}`));
  };
  return {
    debug: (...m) => line(LogLevel.DEBUG, m),
    info: (...m) => line(LogLevel.INFO, m),
    warn: (...m) => line(LogLevel.WARN, m),
    error: (...m) => line(LogLevel.ERROR, m),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** See `SlackConfig.requestConcurrency`. */
export const DEFAULT_REQUEST_CONCURRENCY = 128;

export function createSlackAdapter(deps: SlackDeps, config: SlackConfig): SlackAdapter {
  const log = deps.log ?? ((line: string) => console.error(line));
  // Bolt authorizes every request before the listener can ack: read the installation through a short
  // in-memory cache, so an ack never waits for a database connection (installation-cache.ts).
  const installations = createInstallationLookup(
    deps.store.workspaces,
    new InstallationCache<StoredInstallation>(
      deps.invalidations ? { shared: { bus: deps.invalidations, name: 'slack.installation' } } : {},
    ),
  );
  const users = createUserInfoCache(deps.clock ?? Date.now, deps.invalidations);
  const rt: SlackRuntime = {
    deps,
    now: deps.clock ?? Date.now,
    log,
    dedupe: new Deduper(),
    installations,
    users,
    requests: createRequestLanes({ concurrency: config.requestConcurrency ?? DEFAULT_REQUEST_CONCURRENCY }),
  };
  const logger = boltLogger(log);
  const mode = config.mode ?? 'http';
  const clientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...(config.retries !== undefined ? { retryConfig: { retries: config.retries } } : {}),
  };
  const oauth = Boolean(config.clientId && config.clientSecret && config.stateSecret);
  const installationStore = createInstallationStore(installsOf(deps), installations, log);
  const endpoint = config.endpoint ?? '/slack/events';

  let bootstrap: App | null = null;
  // Without OAuth: the stored token of the team, else the single-workspace SLACK_BOT_TOKEN (recorded once).
  const authorize = async (source: { teamId?: string | undefined }): Promise<AuthorizeResult> => {
    const teamId = source.teamId;
    const stored = teamId ? (await installations.find(teamId))?.secret : null;
    if (stored)
      return {
        botToken: stored.token,
        ...(stored.botId ? { botId: stored.botId } : {}),
        ...(stored.botUserId ? { botUserId: stored.botUserId } : {}),
        ...(teamId ? { teamId } : {}),
      };
    if (config.botToken && teamId && bootstrap) {
      const info = await bootstrap.client.auth.test({ token: config.botToken });
      if (info.team_id === teamId) {
        await installsOf(deps).install({
          platform: 'slack',
          externalId: teamId,
          name: info.team ?? teamId,
          botToken: config.botToken,
        });
        installations.invalidate(teamId);
        return {
          botToken: config.botToken,
          ...(info.bot_id ? { botId: info.bot_id } : {}),
          ...(info.user_id ? { botUserId: info.user_id } : {}),
          teamId,
        };
      }
    }
    throw new NotInstalledError(teamId);
  };

  let app: App;
  let router: Router | null = null;
  if (mode === 'socket') {
    if (!config.appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN (an xapp-… app-level token)');
    app = new App({ socketMode: true, appToken: config.appToken, authorize, clientOptions, logger });
  } else {
    const receiver = new ExpressReceiver({
      signingSecret: config.signingSecret,
      endpoints: endpoint,
      logger,
      processBeforeResponse: false,
      processEventErrorHandler: refuseMalformed(log),
      ...(config.unhandledRequestTimeoutMillis
        ? { unhandledRequestTimeoutMillis: config.unhandledRequestTimeoutMillis }
        : {}),
      ...(oauth
        ? {
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            stateSecret: config.stateSecret,
            scopes: [...BOT_SCOPES],
            installationStore,
            ...(config.redirectUri ? { redirectUri: config.redirectUri } : {}),
            installerOptions: {
              directInstall: true,
              clientOptions,
              ...(config.authorizationUrl ? { authorizationUrl: config.authorizationUrl } : {}),
            },
          }
        : {}),
    });
    router = receiver.router as Router;
    app = new App({ receiver, clientOptions, logger, ...(oauth ? {} : { authorize }) });
  }
  bootstrap = app;

  /** An unexpected failure after the ack: logged on one line, and the user hears it in their language. */
  const guarded = async (locale: Locale, respond: RespondFn, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (error instanceof AlreadyReceived) return; // another delivery of it is handled (inbox.ts)
      log(
        redact(
          `slack: listener failed: ${errorCode(error)}: ${(error as Error)?.message?.split('\n')[0] ?? ''}`,
        ),
      );
      await respond({ response_type: 'ephemeral', replace_original: false, text: SORRY[locale] }).catch(
        () => undefined,
      );
    }
  };
  const limiter = config.rateLimit ? new CommandRateLimiter(config.rateLimit) : null;
  const inbox = createInbox({
    jobs: inboxOf(deps),
    ...(config.inboxLeaseMs !== undefined ? { leaseMs: config.inboxLeaseMs } : {}),
    clock: rt.now,
    log,
  });
  /** Runs a recorded request again, on this replica, for one whose replica died (inbox.ts). */
  const takeOver: JobHandler = async (job) => {
    const payload = inboxPayloadOf(job);
    if (!payload) return { kind: 'done' };
    const token = (await installations.find(payload.teamId))?.secret.token ?? config.botToken;
    if (!token) {
      log(`slack: request ${job.id} of ${payload.teamId} not taken over: the workspace is not installed`);
      return { kind: 'done' };
    }
    const client = new webApi.WebClient(token, { ...clientOptions, logger }) as unknown as SlackApi;
    const noAck = async () => undefined;
    log(`slack: taking over request ${job.id} (${payload.listener}) from a replica that stopped`);
    if (payload.listener === 'meet') {
      const command = payload.args.command as { text: string; channel_id: string; user_id: string };
      const respond = ephemeralRespond(client, command.channel_id, command.user_id);
      await guarded(detectLocale(command.text), respond, () =>
        meetCommand(rt, { command: command as never, ack: noAck, respond, client }),
      );
    } else {
      const body = payload.args.body as {
        user: { id: string };
        container?: { channel_id?: string };
        channel?: { id?: string };
      };
      const action = payload.args.action as { value?: string };
      const respond = ephemeralRespond(client, body.container?.channel_id ?? body.channel?.id, body.user.id);
      await guarded(decodeValue(action.value).l, respond, () =>
        bookSlot(rt, {
          body: body as never,
          action: action as never,
          ack: noAck,
          respond,
          client,
          takenOver: true,
        }),
      );
    }
    return { kind: 'done' };
  };
  app.command(config.command ?? '/meet', async ({ command, ack, respond, client }) => {
    const decision = limiter?.take('slack', String(command.team_id), String(command.user_id));
    if (decision && !decision.ok) {
      // Refused in the ack itself: private to the user, nothing else happens.
      await ack({
        response_type: 'ephemeral',
        text: rateLimitedMessage(decision, detectLocale(command.text)),
      });
      return;
    }
    // A meeting request's work outlives the ack: recorded so that another replica finishes it (inbox.ts).
    const { response_url: _url, ...stored } = command;
    const recorded =
      route(command.text).sub === 'request' && command.trigger_id
        ? inbox.wrap(ack, `trigger:${command.trigger_id}`, {
            listener: 'meet',
            teamId: command.team_id,
            args: { command: stored },
          })
        : null;
    try {
      return await guarded(detectLocale(command.text), respond as RespondFn, () =>
        meetCommand(rt, {
          command,
          ack: recorded?.ack ?? ack,
          respond,
          client: client as unknown as SlackApi,
          ...(recorded ? { shown: recorded.finish } : {}),
        }),
      );
    } finally {
      await recorded?.finish();
    }
  });
  /** Buttons and view submissions count against the same per-user and per-workspace budget as /meet. */
  const limitInteraction = (body: unknown) => {
    const b = body as { team?: { id?: unknown } | null; user?: { id?: unknown; team_id?: unknown } };
    const team = String(b.team?.id ?? b.user?.team_id ?? '');
    return limiter?.take('slack', team, String(b.user?.id ?? ''));
  };
  const action =
    (handler: typeof bookSlot, durable = false) =>
    async ({ body, action, ack, respond, client }: ActionListenerArgs) => {
      const decision = limitInteraction(body);
      if (decision && !decision.ok) {
        await (ack as () => Promise<void>)();
        const locale = decodeValue((action as { value?: string }).value).l;
        await (respond as RespondFn)({
          response_type: 'ephemeral',
          replace_original: false,
          text: rateLimitedMessage(decision, locale),
        }).catch(() => undefined);
        return;
      }
      const clicked = action as { action_id?: string; action_ts?: string };
      // Stored without the response_url (a capability), the token and the message (unused by the listener).
      const {
        response_url: _url,
        token: _token,
        message: _message,
        state: _state,
        ...stored
      } = body as unknown as Record<string, unknown>;
      const user = (body as { user?: { id?: string } }).user?.id;
      const recorded =
        durable && user && clicked.action_ts
          ? inbox.wrap(ack as AckFn, `action:${user}:${clicked.action_ts}:${clicked.action_id}`, {
              listener: 'book',
              teamId: String((body as { team?: { id?: string } | null }).team?.id ?? ''),
              args: { body: stored, action },
            })
          : null;
      try {
        return await guarded(decodeValue((action as { value?: string }).value).l, respond as RespondFn, () =>
          handler(rt, {
            body: body as never,
            action: action as never,
            ack: (recorded?.ack ?? ack) as never,
            respond: respond as never,
            client: client as unknown as SlackApi,
          }),
        );
      } finally {
        await recorded?.finish();
      }
    };
  app.action(new RegExp(`^${ACTIONS.book}:`), action(bookSlot, true));
  app.action(new RegExp(`^${ACTIONS.more}:`), action(moreTimes));
  app.action(new RegExp(`^${ACTIONS.answer}:`), action(answerQuestionAction));
  app.action(new RegExp(`^${ACTIONS.cancel}:`), action(cancelRequest));
  app.action(new RegExp(`^${ACTIONS.manageCancel}:`), action(cancelBookingAction));
  app.action(new RegExp(`^${ACTIONS.manageReschedule}:`), action(rescheduleBookingAction));
  app.action(new RegExp(`^${ACTIONS.manageTo}:`), action(reschedulePick));
  app.action(
    new RegExp(`^(${ACTIONS.occurrenceCancel}|${ACTIONS.occurrenceEnd}):`),
    action(occurrenceAction),
  );
  app.action(
    new RegExp(
      `^(${ACTIONS.occurrenceMove}|${ACTIONS.occurrenceTo}|${ACTIONS.occurrenceFollowing}|${ACTIONS.occurrenceFollowingTo}):`,
    ),
    action(occurrenceMoveAction),
  );
  app.action(new RegExp(`^${ACTIONS.dmAction}:`), action(dmAction));
  app.action(ACTIONS.openSettings, action(openSettingsAction));
  app.action(new RegExp(`^${ACTIONS.link}`), async ({ ack }) => linkButton({ ack: ack as never }));
  app.view(SETTINGS_CALLBACK, async ({ body, view, ack, client }) => {
    const decision = limitInteraction(body);
    if (decision && !decision.ok) {
      // The modal stays open with the reason on its first field, so nothing typed is lost.
      const metadata = (view as { private_metadata?: string }).private_metadata ?? '';
      const locale = /"l"\s*:\s*"fr"/.test(metadata) ? 'fr' : 'en';
      await (ack as (response: unknown) => Promise<void>)({
        response_action: 'errors',
        errors: { days: rateLimitedMessage(decision, locale) },
      });
      return;
    }
    return settingsSubmit(rt, {
      body: body as never,
      view: view as never,
      ack: ack as never,
      client: client as unknown as SlackApi,
    });
  });
  app.event('app_home_opened', async ({ event, body, client }) =>
    appHomeOpened(rt, { event, body: body as never, client: client as unknown as SlackApi }),
  );
  app.event('app_uninstalled', async ({ event, body }) =>
    purgeInstallation(rt, { event, body: body as never }),
  );
  app.event('tokens_revoked', async ({ event, body }) =>
    purgeInstallation(rt, { event, body: body as never }),
  );
  app.event('user_change', async ({ event, body }) => forgetUser(rt, { event, body: body as never }));
  app.error(async (error) => {
    log(redact(`slack: ${errorCode(error)}: ${(error as Error)?.message?.split('\n')[0] ?? ''}`));
  });

  return {
    mode,
    router,
    app,
    jobHandlers: { [SLACK_INBOX_JOB]: takeOver },
    async start() {
      if (mode === 'socket') await app.start();
    },
    async stop() {
      installations.cache.dispose();
      users.dispose();
      if (mode === 'socket') await app.stop();
    },
  };
}

/**
 * Bolt's default answers 500 when it cannot read a validly signed body (a JSON `null`, a `team_id`
 * that is not a string…): a TypeError before any listener acked. That is the sender's mistake: 400,
 * one log line. A missing installation stays 401; anything else stays a 500.
 */
function refuseMalformed(log: (line: string) => void) {
  return async (args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    const { error, request, response } = args;
    if (response.headersSent) return false;
    const body = (request as { body?: unknown }).body;
    const malformed = error instanceof TypeError || typeof body !== 'object' || body === null;
    const status =
      (error as { code?: unknown })?.code === 'slack_bolt_authorization_error' ? 401 : malformed ? 400 : 500;
    log(
      redact(
        `slack: request refused with ${status}: ${errorCode(error)}: ${(error as Error)?.message?.split('\n')[0] ?? ''}`,
      ),
    );
    response.writeHead(status);
    response.end();
    return status !== 500;
  };
}

interface ActionListenerArgs {
  body: unknown;
  action: unknown;
  ack: unknown;
  respond: unknown;
  client: unknown;
}
