/**
 * One Convene server process for the load benchmark (bench/load.bench.ts) and the two-process test
 * (test/e2e/two-process.test.ts): the production composition (`composeChat`: Slack adapter in HTTP
 * mode, CalendarAccess, outbox workers; `createWebServer` with /metrics and the JSON request log) on
 * PostgreSQL, with the Google provider pointed at a fake. Started as a child process with an IPC
 * channel, so the load generator never shares its event loop.
 *
 * Environment: DATABASE_URL, CONVENE_ENCRYPTION_KEYS, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN,
 * SLACK_API_URL, BENCH_GOOGLE_URL (the fake's base URL), BENCH_GOOGLE_CLIENT_ID/SECRET, optional
 * BENCH_POOL_SIZE (default: the store's 10), BENCH_INBOX_LEASE_MS (lease of a recorded Slack request; the
 * replicas kill test shortens it so that a dead replica's requests are taken over within seconds).
 *
 * IPC: sends `{type:'ready', port}`; answers `{type:'stats'}` (RSS after an optional GC, event-loop
 * delay since the last stats, adapter log lines) and `{type:'stop'}` (drains and exits 0).
 */
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createWebServer, LISTEN_BACKLOG } from '../src/bot/web/server.ts';
import { composeChat } from '../src/compose.ts';
import { createProviderFactory } from '../src/connectors/access/providers.ts';
import { icsFeedCounters } from '../src/connectors/ics/feed-cache.ts';
import { allowedNetworksFromEnv } from '../src/connectors/net/address.ts';
import { createLogger } from '../src/observability/log.ts';
import { createMetrics } from '../src/observability/metrics.ts';
import { openDatabase } from '../src/store/index.ts';

const env = process.env;
const need = (name: string): string => {
  const value = env[name]?.trim();
  if (!value) throw new Error(`load-server: ${name} is required`);
  return value;
};

const logLines: string[] = [];
let logCount = 0;
const log = (line: string) => {
  logCount++;
  logLines.push(line);
  if (logLines.length > 20) logLines.shift();
};

const store = await openDatabase({
  databaseUrl: need('DATABASE_URL'),
  encryptionKeys: need('CONVENE_ENCRYPTION_KEYS'),
  ...(env.BENCH_POOL_SIZE ? { poolSize: Number(env.BENCH_POOL_SIZE) } : {}),
  log,
});
const google = need('BENCH_GOOGLE_URL');
const metrics = createMetrics({ defaults: true });
// As production composes them (src/compose.ts): feeds and CalDAV servers reach private networks only when
// CONVENE_ALLOW_PRIVATE_NETWORKS lists them (the harness allows loopback, where the hostile feed is served).
const allowedNetworks = allowedNetworksFromEnv(env);
const providers = createProviderFactory({
  caldav: { allowedNetworks },
  ics: { allowedNetworks },
  google: {
    clientId: need('BENCH_GOOGLE_CLIENT_ID'),
    clientSecret: need('BENCH_GOOGLE_CLIENT_SECRET'),
    tokenEndpoint: `${google}/token`,
    revokeEndpoint: `${google}/revoke`,
    rootUrl: `${google}/`,
  },
});
const chat = composeChat(store, env, log, {
  metrics,
  providers,
  ...(env.BENCH_INBOX_LEASE_MS ? { inboxLeaseMs: Number(env.BENCH_INBOX_LEASE_MS) } : {}),
});
if (!chat) throw new Error('load-server: Slack is not configured');
const app = createWebServer({
  routers: chat.routers,
  metrics,
  log,
  // Production writes one JSON line per request to stdout; the parent discards it.
  logger: createLogger({ level: 'info' }),
});
const server = app.listen(0, '127.0.0.1', LISTEN_BACKLOG);
await new Promise<void>((resolve, reject) => {
  server.once('listening', resolve);
  server.once('error', reject);
});
await chat.start();

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

type Message = { type: 'stats'; gc?: boolean } | { type: 'stop' };
process.on('message', async (message: Message) => {
  if (message.type === 'stats') {
    if (message.gc && typeof globalThis.gc === 'function') globalThis.gc();
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send?.({
      type: 'stats',
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMaxMs: loop.max / 1e6,
      logCount,
      logTail: [...logLines],
      metrics: await metrics.registry.metrics(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      ics: icsFeedCounters(),
    });
    loop.reset();
  } else if (message.type === 'stop') {
    server.closeAllConnections();
    server.close();
    await chat.stop();
    await store.close();
    process.exit(0);
  }
});
process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
