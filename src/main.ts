/**
 * `npm start`: loads `.env` (or CONVENE_ENV_FILE; see src/env-file.ts; the environment wins), opens the store (PostgreSQL from DATABASE_URL, else the embedded PGlite in
 * CONVENE_DATA_DIR, default .convene-data), starts the web server on HOST:PORT (default
 * 127.0.0.1:3000) and, when no chat platform is configured, seeds the demo and serves the playground.
 *
 * Environment:
 *   PORT, HOST                      where to listen (PORT=0 picks a free port; the URL is printed)
 *   LOG_LEVEL, LOG_FORMAT           pino level; json | pretty (default: pretty on a terminal, else JSON)
 *   DATABASE_URL, CONVENE_DATA_DIR, CONVENE_ENCRYPTION_KEYS   see the store
 *   CONVENE_PLAYGROUND=1|0          force the playground on (even with a chat platform) or off; unset:
 *                                   on only without chat, on a loopback HOST, outside NODE_ENV=production
 *   CONVENE_METRICS_TOKEN           bearer token for /metrics (unset: loopback clients only)
 *   CONVENE_MAX_WINDOW_DAYS, CONVENE_MAX_PARTICIPANTS, CONVENE_MAX_SERIES_DAYS   the work budget of one request
 *   SLACK_* / DISCORD_*             a chat platform is configured (see src/compose.ts and the README):
 *                                   its adapter is mounted and no demo data is seeded
 *   CONVENE_PUBLIC_URL, CONVENE_STATE_SECRET, GOOGLE_*, MICROSOFT_*   calendar linking (the link page, OAuth;
 *                                   also `/meet link` in the playground)
 *
 * Bad configuration prints one line per problem (all of them, checked first by src/config.ts) and exits 1. SIGINT/SIGTERM close the server and the store.
 */
import type { AddressInfo } from 'node:net';
import { DemoDataError, loadDemoConfig, seedDemo } from './app/demo/index.ts';
import { LinkConfigError } from './app/link/config.ts';
import { DiscordConfigError } from './bot/discord/index.ts';
import { rateLimitsFromEnv, requestLimitsFromEnv, withDefaultRateLimits } from './bot/rate-limit.ts';
import { SlackConfigError } from './bot/slack/config.ts';
import { playgroundDecision } from './bot/web/exposure.ts';
import { createPlaygroundRouter } from './bot/web/playground/router.ts';
import type { MountedRouter } from './bot/web/server.ts';
import { createWebServer, LISTEN_BACKLOG } from './bot/web/server.ts';
import type { ChatServices } from './compose.ts';
import { composeChat, composePlaygroundLinking } from './compose.ts';
import { checkConfig } from './config.ts';
import { createDemoBusyReader } from './connectors/demo/busy-reader.ts';
import { EnvFileError, loadEnvFile } from './env-file.ts';
import { createLogger, logFormat, prettyStream } from './observability/log.ts';
import { createMetrics } from './observability/metrics.ts';
import type { Store } from './store/index.ts';
import { ConfigError, openDatabaseFromEnv } from './store/index.ts';
import { databaseReady } from './store/readiness.ts';

class StartError extends Error {}

function readPort(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (text === '') return 3000;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new StartError(`PORT must be a port number between 0 and 65535 (got "${text}")`);
  return port;
}

async function start(env: NodeJS.ProcessEnv): Promise<void> {
  const port = readPort(env.PORT);
  const host = env.HOST?.trim() || '127.0.0.1';
  const store: Store = await openDatabaseFromEnv(env);
  console.log(`Convene: data in ${store.location}`);
  const routers: MountedRouter[] = [];
  let selfUrl = '';
  let chat: ChatServices | null = null;
  let playground = false;
  const metrics = createMetrics({ defaults: true });
  try {
    const limitedEnv = withDefaultRateLimits(env);
    chat = composeChat(store, limitedEnv, (line) => console.log(line), { metrics });
    if (chat) routers.push(...chat.routers);
    const decision = playgroundDecision(env, { chat: chat !== null, host });
    playground = decision.on;
    if (playground) {
      const world = await seedDemo(store, loadDemoConfig());
      const busy = createDemoBusyReader(world, { baseUrl: () => selfUrl });
      const rateLimit = rateLimitsFromEnv(limitedEnv);
      // `/meet link` in the playground: only with a public address and a state secret. With a chat
      // platform too, the chat's link page and OAuth routes are already mounted: only the use cases are added.
      const linking = composePlaygroundLinking(store, env, (line) => console.log(line));
      if (linking && !chat) routers.push(...linking.routers);
      routers.push({
        router: createPlaygroundRouter({
          store,
          world,
          busy,
          ...(linking ? { linking } : {}),
          limits: requestLimitsFromEnv(env),
          ...(rateLimit ? { rateLimit } : {}),
          log: (line) => console.log(line),
        }),
      });
    } else if (!chat)
      console.log(`Convene: playground off (${decision.reason}; CONVENE_PLAYGROUND=1 turns it on)`);
  } catch (error) {
    await store.close();
    throw error;
  }
  const databaseIsReady = databaseReady(store);
  let draining = false;
  const app = createWebServer({
    routers,
    // Not ready while shutting down, so that a load balancer stops sending requests first.
    ready: async () => !draining && (await databaseIsReady()),
    logger: createLogger({
      level: env.LOG_LEVEL?.trim() || 'info',
      ...(logFormat(env.LOG_FORMAT, process.stdout.isTTY === true) === 'pretty'
        ? { destination: prettyStream(process.stdout) }
        : {}),
    }),
    metrics,
    ...(env.CONVENE_METRICS_TOKEN?.trim() ? { metricsToken: env.CONVENE_METRICS_TOKEN.trim() } : {}),
  });
  const server = app.listen(port, host, LISTEN_BACKLOG);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new StartError(
        `Port ${port} on ${host} is already in use: stop the other program or set PORT to another port`,
      );
    if (code === 'EACCES')
      throw new StartError(`Not allowed to listen on ${host}:${port}: use a PORT above 1023`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new StartError(`HOST "${host}" is not an address of this machine: use 127.0.0.1 or 0.0.0.0`);
    throw error;
  }
  const address = server.address() as AddressInfo;
  const loopback =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  selfUrl = `http://${loopback}:${address.port}`;
  if (chat) {
    await chat.start();
    console.log(
      `Convene is listening on ${selfUrl} (${chat.platforms.join(', ')}; calendar linking ${chat.linking ? 'on' : 'off'})`,
    );
  }
  if (playground) console.log(`Convene playground (demo data): ${selfUrl}/playground`);
  if (!chat && !playground)
    console.log(`Convene is listening on ${selfUrl} (no chat platform, playground off)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`Convene: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    draining = true;
    console.log(`Convene: ${signal} received, shutting down`);
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    force.unref();
    server.close(() => {
      (chat ? chat.stop() : Promise.resolve())
        .catch((error: unknown) =>
          console.error(
            `Convene: stopping the chat adapters failed: ${error instanceof Error ? error.message : error}`,
          ),
        )
        .then(() => store.close())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(
              `Convene: closing the store failed: ${error instanceof Error ? error.message : error}`,
            );
            process.exit(1);
          },
        );
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

try {
  const file = loadEnvFile(process.env);
  if (file.path)
    console.log(
      `Convene: settings from ${file.path}${file.overridden.length > 0 ? ` (the environment overrides ${file.overridden.join(', ')})` : ''}`,
    );
} catch (error) {
  if (!(error instanceof EnvFileError)) throw error;
  console.error(`Convene cannot start: ${error.message}`);
  process.exit(1);
}

const checked = checkConfig(process.env);
if (!checked.ok) {
  console.error(`Convene cannot start: ${checked.problems.length} configuration problem(s):`);
  for (const problem of checked.problems) console.error(`  - ${problem}`);
  process.exit(1);
}

start(process.env).catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DemoDataError ||
    error instanceof StartError ||
    error instanceof SlackConfigError ||
    error instanceof DiscordConfigError ||
    error instanceof LinkConfigError
  ) {
    console.error(error.message);
  } else {
    console.error(
      `Convene could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  process.exit(1);
});
