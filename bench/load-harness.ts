/**
 * The world of the load benchmark and of the two-process test: a fresh PostgreSQL database (created
 * and dropped here), the Slack fake (signed requests, Web API) and the Google fake (free/busy after an
 * injected latency) in this process, people with linked Google calendars seeded in bulk, and Convene
 * server processes (bench/load-server.ts) started as children on that database.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { IcsFeedCounters } from '../src/connectors/ics/feed-cache.ts';
import { generateKeyEntry, secretContext } from '../src/store/crypto.ts';
import { openDatabase, type Store } from '../src/store/index.ts';
import { type FakeClient, type FakeGoogle, startFakeGoogle } from '../test/fakes/google/server.ts';
import { FakeSlack } from '../test/fakes/slack/server.ts';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const SERVER = fileURLToPath(new URL('./load-server.ts', import.meta.url));
const TEAM = 'TBENCH';
/** The jobs a booking enqueues and that must all finish (sync/poll jobs recur; reminders are due later). */
const BOOKING_JOB_KINDS = ['calendar.write', 'calendar.update', 'calendar.delete'];

export interface ServerStats {
  readonly rss: number;
  readonly heapUsed: number;
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
  readonly logCount: number;
  readonly logTail: readonly string[];
  readonly metrics: string;
  /** The server process's CPU time so far (user + system), ms. */
  readonly cpuMs: number;
  /** The ICS connector's feed requests by purpose in the server process so far. */
  readonly ics: IcsFeedCounters;
}

/**
 * CPU time (user + system, ms) of the local PostgreSQL server's processes now alive, from /proc; null when
 * they cannot be read (another host, no /proc). Backends that exited are not counted.
 */
export function postgresCpuMs(): number | null {
  try {
    const tick = 10; // USER_HZ = 100 on Linux
    let total = 0;
    let found = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
      found++;
    }
    return found > 0 ? total : null;
  } catch {
    return null;
  }
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stats(gc?: boolean): Promise<ServerStats>;
  stop(): Promise<void>;
}

export interface LoadWorld {
  readonly slack: FakeSlack;
  readonly google: FakeGoogle;
  readonly store: Store;
  readonly databaseUrl: string;
  readonly tenantId: string;
  people: number;
  /** Time (performance.now) each channel's first chat.postMessage arrived. */
  readonly posted: Map<string, number>;
  /** First `response_url` post (a private answer, e.g. "no slot works"), by response id: when it arrived. */
  readonly answered: Map<string, number>;
  startServer(options?: {
    exposeGc?: boolean;
    poolSize?: number;
    inboxLeaseMs?: number;
  }): Promise<ServerProcess>;
  /** People 1…n (Slack user `UP<n>`), each with a Google calendar `p<n>@bench.test` linked. */
  seedPeople(count: number): Promise<void>;
  /**
   * Relinks people to an ICS feed served by this process (the hostile feed, see `hostileIcs`) instead of
   * their Google calendar: an ordinary `ics` connection, read by the ICS connector like any other.
   */
  linkIcs(people: readonly number[]): Promise<void>;
  /**
   * The hostile feed's URL, how many bytes it has served, and how many requests it answered (`conditional`:
   * those with If-None-Match / If-Modified-Since). The feed sends no validators (the worst case).
   */
  readonly ics: { readonly url: string; served: number; requests: number; conditional: number };
  close(): Promise<void>;
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function userId(n: number): string {
  return `UP${n}`;
}

/**
 * A large, pathological iCalendar feed: `events` open-ended daily series (every one expanded over the
 * whole requested window), each with EXDATEs and an overriding instance, plus long folded descriptions.
 * Valid iCalendar: a hostile but legitimate calendar, not garbage.
 */
export function hostileIcs(events = 3000): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Convene bench//hostile//EN',
    'X-WR-TIMEZONE:Europe/Paris',
  ];
  const filler = 'x'.repeat(70);
  for (let k = 0; k < events; k++) {
    const minute = String((k * 7) % 60).padStart(2, '0');
    const hour = String(8 + (k % 10)).padStart(2, '0');
    const start = `20250101T${hour}${minute}00`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:hostile-${k}@bench.test`,
      'DTSTAMP:20250101T000000Z',
      `DTSTART;TZID=Europe/Paris:${start}`,
      'DURATION:PT5M',
      `RRULE:FREQ=DAILY;INTERVAL=${1 + (k % 3)}`,
      `EXDATE;TZID=Europe/Paris:20250105T${hour}${minute}00,20250106T${hour}${minute}00`,
      `DESCRIPTION:${filler}`,
      ` ${filler}`,
      'END:VEVENT',
      'BEGIN:VEVENT',
      `UID:hostile-${k}@bench.test`,
      'DTSTAMP:20250101T000000Z',
      `RECURRENCE-ID;TZID=Europe/Paris:20250110T${hour}${minute}00`,
      `DTSTART;TZID=Europe/Paris:20250110T${String(8 + ((k + 1) % 10)).padStart(2, '0')}${minute}00`,
      'DURATION:PT10M',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

/** The `/meet` text mentioning everyone of `group` but the requester (its first member). */
export function meetText(group: readonly number[], title = 'Sync'): string {
  return `${group
    .slice(1)
    .map((n) => `<@${userId(n)}|p${n}>`)
    .join(' ')} 30m next week "${title}"`;
}

export async function createWorld(
  options: { adminUrl?: string; latencyMs?: number; log?: (line: string) => void } = {},
): Promise<LoadWorld> {
  const adminUrl = options.adminUrl ?? DEFAULT_DATABASE_URL;
  const name = `convene_load_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const keys = generateKeyEntry('bench');
  const children = new Set<ChildProcess>();
  let store: Store | undefined;
  let slack: FakeSlack | undefined;
  let google: { fake: FakeGoogle; client: FakeClient } | undefined;
  let icsServer: Server | undefined;
  const cleanup = async () => {
    icsServer?.closeAllConnections();
    await new Promise((resolve) => (icsServer ? icsServer.close(resolve) : resolve(undefined)));
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await slack?.close();
    await google?.fake.stop();
    await store?.close();
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    store = await openDatabase({
      databaseUrl,
      encryptionKeys: keys,
      migrate: true,
      poolSize: 4,
      log: () => undefined,
    });
    slack = await FakeSlack.start();
    slack.recordCalls = false;
    const team = slack.addTeam({ id: TEAM, name: 'Bench' });
    google = await startFakeGoogle();
    if (options.latencyMs) google.fake.setLatency(options.latencyMs);
    const workspace = await store.workspaces.install({
      platform: 'slack',
      externalId: TEAM,
      name: 'Bench',
      botToken: team.botToken,
    });
    const tokens = google.fake.issueTokens({ clientId: google.client.clientId, expiresInSec: 24 * 3600 });
    const posted = new Map<string, number>();
    const answered = new Map<string, number>();
    slack.onResponse = (id) => {
      if (!answered.has(id)) answered.set(id, performance.now());
    };
    slack.onCall = (call) => {
      if (call.method !== 'chat.postMessage' || !call.ok) return;
      const channel = String(call.params.channel ?? '');
      if (!posted.has(channel)) posted.set(channel, performance.now());
    };

    const feed = hostileIcs();
    const ics = { url: '', served: 0, requests: 0, conditional: 0 };
    icsServer = createServer((req, res) => {
      ics.requests++;
      if (req.headers['if-none-match'] || req.headers['if-modified-since']) ics.conditional++;
      ics.served += Buffer.byteLength(feed);
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
      res.end(feed);
    });
    icsServer.listen(0, '127.0.0.1');
    await new Promise((resolve) => icsServer!.once('listening', resolve));
    ics.url = `http://127.0.0.1:${(icsServer.address() as AddressInfo).port}/hostile.ics`;

    const world: LoadWorld = {
      ics,
      async linkIcs(people) {
        if (people.length === 0) return;
        await store!.query(
          `UPDATE calendar_connection SET provider = 'ics', account = $2 || '#' || person_id,
                  busy_calendar_ids = ARRAY[$2::text], write_calendar_id = NULL, updated_at = now()
           WHERE person_id = ANY(SELECT md5('p' || n)::uuid FROM unnest($1::int[]) n)`,
          [people, ics.url],
        );
      },
      slack,
      google: google.fake,
      store,
      databaseUrl,
      tenantId: workspace.tenantId,
      people: 0,
      posted,
      answered,
      async seedPeople(count) {
        const s = store!;
        const from = world.people + 1;
        if (count < from) return;
        for (let n = from; n <= count; n++) {
          slack!.addUser(TEAM, {
            id: userId(n),
            name: `p${n}`,
            real_name: `Person ${n}`,
            tz: 'Europe/Paris',
            email: `p${n}@bench.test`,
          });
          google!.fake.addCalendar({ id: `p${n}@bench.test`, primary: true, timeZone: 'Europe/Paris' });
        }
        // One connection through the repository gives the sealed tokens every bulk row copies.
        if (from === 1) {
          const first = await s.people.upsertByIdentity({
            workspaceId: workspace.id,
            externalUserId: userId(0),
            displayName: 'Template',
          });
          await s.connections.save({
            tenantId: workspace.tenantId,
            personId: first!.id,
            provider: 'google',
            account: 'template@bench.test',
            busyCalendarIds: ['template@bench.test'],
            writeCalendarId: 'template@bench.test',
            secrets: {
              accessToken: tokens.access_token,
              refreshToken: tokens.refresh_token,
              expiresAt: Date.now() + 24 * 3600_000,
              scope: tokens.scope,
            },
          });
        }
        const params = [from, count, workspace.tenantId, workspace.id];
        const id = (kind: string) => `md5('${kind}' || n)::uuid`;
        await s.query(
          `INSERT INTO person (id, tenant_id, display_name, email, updated_at)
           SELECT ${id('p')}, $3::uuid, 'Person ' || n, 'p' || n || '@bench.test', now()
           FROM generate_series($1::int, $2::int) n`,
          params.slice(0, 3),
        );
        await s.query(
          `INSERT INTO chat_identity (id, person_id, workspace_id, platform, external_user_id, handle)
           SELECT ${id('i')}, ${id('p')}, $3::uuid, 'slack', 'UP' || n, 'p' || n
           FROM generate_series($1::int, $2::int) n`,
          [from, count, workspace.id],
        );
        await s.query(
          `INSERT INTO preferences (person_id, time_zone, locale, working_hours, updated_at)
           SELECT ${id('p')}, 'Europe/Paris', 'en-GB',
                  '{"rules":[{"days":[1,2,3,4,5],"start":"09:00","end":"17:00"}],"overrides":[]}'::jsonb, now()
           FROM generate_series($1::int, $2::int) n`,
          [from, count],
        );
        await s.query(
          `INSERT INTO calendar_connection (id, tenant_id, person_id, provider, account, busy_calendar_ids,
                                            write_calendar_id, tokens_enc, tokens_key_id, status, updated_at)
           SELECT ${id('c')}, $3::uuid, ${id('p')}, 'google', 'p' || n || '@bench.test',
                  ARRAY['p' || n || '@bench.test'], 'p' || n || '@bench.test', t.tokens_enc, t.tokens_key_id, 'ok', now()
           FROM generate_series($1::int, $2::int) n,
                (SELECT tokens_enc, tokens_key_id FROM calendar_connection WHERE account = 'template@bench.test') t`,
          params.slice(0, 3),
        );
        // A sealed value only opens in its own row (tenant and connection id are authenticated): re-seal the
        // copies for their rows, in one UPDATE.
        const [template] = await s.query<{ id: string; tokens_enc: string }>(
          `SELECT id::text, tokens_enc FROM calendar_connection WHERE tenant_id = $1::uuid AND account = 'template@bench.test'`,
          [workspace.tenantId],
        );
        const secrets = JSON.stringify(await s.connections.secrets(workspace.tenantId, template!.id));
        const copies = await s.query<{ id: string }>(
          `SELECT id::text FROM calendar_connection WHERE tenant_id = $1::uuid AND tokens_enc = $2 AND id <> $3::uuid`,
          [workspace.tenantId, template!.tokens_enc, template!.id],
        );
        await s.query(
          `UPDATE calendar_connection c SET tokens_enc = u.enc FROM unnest($1::uuid[], $2::text[]) AS u(id, enc)
           WHERE c.id = u.id`,
          [
            copies.map((c) => c.id),
            copies.map((c) => s.keyRing.encrypt(secrets, secretContext.connection(workspace.tenantId, c.id))),
          ],
        );
        world.people = count;
      },
      async startServer(serverOptions = {}) {
        const child = fork(SERVER, [], {
          execArgv: [...(serverOptions.exposeGc ? ['--expose-gc'] : [])],
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: databaseUrl,
            CONVENE_ENCRYPTION_KEYS: keys,
            SLACK_SIGNING_SECRET: slack!.signingSecret,
            SLACK_BOT_TOKEN: team.botToken,
            SLACK_API_URL: slack!.apiUrl,
            BENCH_GOOGLE_URL: google!.fake.url,
            // The bench has tens of thousands of linked Google calendars and no public https URL, so every watch
            // polls (production Google/Microsoft watches are pushed). Polling them all every 5 minutes would add
            // ~70 polls/s of background work to what is measured; the bench polls hourly (BENCH_POLL_SECONDS).
            CONVENE_SYNC_POLL_SECONDS: process.env.BENCH_POLL_SECONDS ?? '3600',
            // The hostile ICS feed is served by the bench process on loopback: allowed through the address guard
            // the way a self-hoster allows a LAN server (without it every hostile read is refused at connect time
            // and the hostile phase measures nothing).
            CONVENE_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8',
            ...(process.env.CONVENE_REQUEST_CONCURRENCY
              ? { CONVENE_REQUEST_CONCURRENCY: process.env.CONVENE_REQUEST_CONCURRENCY }
              : {}),
            BENCH_GOOGLE_CLIENT_ID: google!.client.clientId,
            BENCH_GOOGLE_CLIENT_SECRET: google!.client.clientSecret,
            ...(serverOptions.poolSize ? { BENCH_POOL_SIZE: String(serverOptions.poolSize) } : {}),
            ...(serverOptions.inboxLeaseMs
              ? { BENCH_INBOX_LEASE_MS: String(serverOptions.inboxLeaseMs) }
              : {}),
            // Diagnostics only (e.g. `--import` a query counter into the server).
            ...(process.env.BENCH_SERVER_NODE_OPTIONS
              ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
              : {}),
          },
          stdio: [
            'ignore',
            'ignore',
            process.env.BENCH_SERVER_STDERR === 'inherit' ? 'inherit' : 'pipe',
            'ipc',
          ],
        });
        children.add(child);
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          stderr = (stderr + chunk.toString()).slice(-4000);
        });
        const port = await new Promise<number>((resolve, reject) => {
          child.on('message', (m: { type: string; port?: number }) => {
            if (m.type === 'ready') resolve(m.port!);
          });
          child.once('exit', (code) => reject(new Error(`load-server exited ${code}: ${stderr}`)));
        });
        const ask = <T>(message: object, type: string) =>
          new Promise<T>((resolve) => {
            const on = (m: { type: string }) => {
              if (m.type !== type) return;
              child.off('message', on);
              resolve(m as T);
            };
            child.on('message', on);
            child.send(message);
          });
        return {
          url: `http://127.0.0.1:${port}/slack/events`,
          child,
          stats: (gc = false) => ask<ServerStats>({ type: 'stats', gc }, 'stats'),
          async stop() {
            if (child.exitCode !== null) return;
            const exited = new Promise((resolve) => child.once('exit', resolve));
            child.send({ type: 'stop' });
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(timer);
            children.delete(child);
          },
        };
      },
      close: cleanup,
    };
    return world;
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
}

/** Sends a signed `/meet` to `server` (the fake signs like Slack). */
export async function sendMeet(
  world: LoadWorld,
  server: ServerProcess,
  group: readonly number[],
  channelId: string,
  title?: string,
): Promise<{ status: number; ackMs: number }> {
  // `command` reads `target` synchronously before its first await: concurrent sends stay apart.
  world.slack.target = server.url;
  const sent = world.slack.command({
    teamId: TEAM,
    userId: userId(group[0]!),
    channelId,
    text: meetText(group, title),
  });
  try {
    const result = await sent;
    return { status: result.status, ackMs: result.elapsedMs };
  } catch {
    return { status: 0, ackMs: Number.NaN };
  }
}

/**
 * The largest request the work budget allows: everyone of `group` but the requester mentioned (keep it
 * at CONVENE_MAX_PARTICIPANTS + 1), over the longest window (90 days by default).
 */
export function hostileMeetText(group: readonly number[]): string {
  return `${group
    .slice(1)
    .map((n) => `<@${userId(n)}>`)
    .join(' ')} 30m next 90 days "Hostile"`;
}

/** A signed `/meet` with any text. */
export async function sendMeetText(
  world: LoadWorld,
  server: ServerProcess,
  requester: number,
  channelId: string,
  text: string,
): Promise<{ status: number; ackMs: number; responseId?: string }> {
  world.slack.target = server.url;
  const sent = world.slack.command({ teamId: TEAM, userId: userId(requester), channelId, text });
  try {
    const result = await sent;
    return { status: result.status, ackMs: result.elapsedMs, responseId: result.responseId };
  } catch {
    return { status: 0, ackMs: Number.NaN };
  }
}

/** A click on a message's button by `user`, sent to `server`. */
export async function sendClick(
  world: LoadWorld,
  server: ServerProcess,
  input: { user: number; channelId: string; messageTs: string; actionId: string; value: string },
): Promise<{ status: number; responseId: string }> {
  world.slack.target = server.url;
  const result = await world.slack.click({
    teamId: TEAM,
    userId: userId(input.user),
    actionId: input.actionId,
    value: input.value,
    channelId: input.channelId,
    messageTs: input.messageTs,
  });
  return { status: result.status, responseId: result.responseId };
}

export interface Invariants {
  /** Pairs of live bookings of one person that overlap (must be 0). */
  readonly doubleBooked: number;
  readonly bookings: number;
  /** /meet channels with no proposals message, or more than one. */
  readonly missingMessages: number;
  readonly duplicateMessages: number;
  /** Booked proposals whose message was not updated exactly once, and unbooked ones updated. */
  readonly badConfirmations: number;
  /** A booking's calendar jobs due by now that are not done (queued, running or dead). */
  readonly lostJobs: number;
  readonly jobsByStatus: Record<string, number>;
  /** Google events written for booked participants vs bookings' participants (must match). */
  readonly calendarEvents: number;
  readonly bookedSeats: number;
}

export async function checkInvariants(world: LoadWorld, channels: readonly string[]): Promise<Invariants> {
  const { store, slack } = world;
  const [overlap] = await store.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM booking_participant a JOIN booking_participant b
       ON a.person_id = b.person_id AND a.booking_id < b.booking_id
      AND a.status IN ('held', 'booked') AND b.status IN ('held', 'booked')
      AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')`,
  );
  const booked = await store.query<{ channel: string; n: number; seats: number }>(
    `SELECT r.channel_id AS channel, count(DISTINCT b.id)::int AS n, count(bp.person_id)::int AS seats
       FROM booking b JOIN proposal p ON p.id = b.proposal_id JOIN meeting_request r ON r.id = p.request_id
       JOIN booking_participant bp ON bp.booking_id = b.id
      WHERE b.status = 'booked' GROUP BY r.channel_id`,
  );
  const bookedBy = new Map(booked.map((b) => [b.channel, b.n]));
  let missingMessages = 0;
  let duplicateMessages = 0;
  let badConfirmations = 0;
  for (const channel of channels) {
    const messages = slack.channelMessages(channel);
    if (messages.length === 0) missingMessages++;
    if (messages.length > 1) duplicateMessages++;
    const updates = messages.reduce((sum, m) => sum + m.updates, 0);
    if (updates !== (bookedBy.get(channel) ?? 0)) badConfirmations++;
  }
  const jobs = await store.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM job WHERE run_at <= now() AND kind = ANY($1::text[]) GROUP BY status`,
    [BOOKING_JOB_KINDS],
  );
  const jobsByStatus = Object.fromEntries(jobs.map((j) => [j.status, j.n]));
  let calendarEvents = 0;
  for (const calendar of world.google.calendars.keys())
    calendarEvents += world.google.stored(calendar).length;
  return {
    doubleBooked: overlap?.n ?? 0,
    bookings: booked.reduce((s, b) => s + b.n, 0),
    missingMessages,
    duplicateMessages,
    badConfirmations,
    lostJobs: jobs
      .filter((j) => j.status !== 'done' && j.status !== 'cancelled')
      .reduce((s, j) => s + j.n, 0),
    jobsByStatus,
    calendarEvents,
    bookedSeats: booked.reduce((s, b) => s + b.seats, 0),
  };
}

/** Waits until `check()` is true or `timeoutMs` passed; returns whether it became true. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ProxyAnswer {
  /** Index of the backend that answered. */
  readonly backend: number;
  readonly status: number;
  readonly body: string;
}

export interface RoundRobinProxy {
  /** Where to send requests (same path as the backends'). */
  readonly url: string;
  /** Every answer passed back to a client, in order (5xx of the proxy itself included, backend -1). */
  readonly answers: ProxyAnswer[];
  /** Backends taken out of the rotation after a refused connection. */
  readonly down: ReadonlySet<number>;
  close(): Promise<void>;
}

/**
 * A minimal load balancer on loopback: each request goes to the next backend in turn (round robin).
 * A backend whose connection fails is taken out of the rotation (a passive health check, as nginx's
 * `max_fails`) and the client gets 502, as from nginx when the upstream dies mid-request; the request
 * is NOT re-sent to another backend (a POST may have had effects): the client retries.
 */
export async function startRoundRobinProxy(backends: readonly string[]): Promise<RoundRobinProxy> {
  const targets = backends.map((b) => new URL(b));
  const down = new Set<number>();
  const answers: ProxyAnswer[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let index = -1;
      for (let i = 0; i < targets.length; i++) {
        const candidate = (next + i) % targets.length;
        if (!down.has(candidate)) {
          index = candidate;
          break;
        }
      }
      next = (index + 1) % targets.length;
      let done = false;
      const failed = () => {
        if (done) return;
        done = true;
        answers.push({ backend: -1, status: 502, body: body.toString() });
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('bad gateway');
      };
      if (index < 0) return failed();
      const target = targets[index]!;
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, connection: 'close' },
        },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (chunk: Buffer) => parts.push(chunk));
          response.on('error', () => {
            down.add(index);
            failed();
          });
          response.on('end', () => {
            if (done) return;
            done = true;
            answers.push({ backend: index, status: response.statusCode ?? 0, body: body.toString() });
            res.writeHead(response.statusCode ?? 502, response.headers);
            res.end(Buffer.concat(parts));
          });
        },
      );
      upstream.on('error', () => {
        down.add(index);
        failed();
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const path = targets[0]?.pathname ?? '/';
  return {
    url: `http://127.0.0.1:${port}${path}`,
    answers,
    down,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
