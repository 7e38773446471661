/**
 * `npm run bench:load`: Convene under concurrent `/meet` load, end to end over loopback.
 *
 * The server is the production composition (bench/load-server.ts) in a CHILD process on PostgreSQL
 * (`BENCH_DATABASE_URL`, default postgresql://postgres@127.0.0.1:5432/postgres; a fresh database is
 * created and dropped). This process runs the Slack fake (signs every request like Slack, receives the
 * proposals) and the Google fake (free/busy answered after 150 ms), and drives signed `/meet` commands
 * with 10 participants each (the requester and 9 mentions, every one with a linked Google calendar) at
 * a fixed OPEN-LOOP arrival rate (a request is sent on schedule whether or not earlier ones answered).
 *
 * Per rate (50, 200 and 500 req/s by default, `--duration` s each, default 4), on a freshly started server:
 *   cold: every request names 10 people whose free/busy is not cached (one provider round trip each);
 *   warm: the same groups again, in the same order (their free/busy is cached), started only once the
 *   cold phase has drained (every proposal posted, no database work in flight), so it measures the cache
 *   and not the cold backlog.
 * Ack = HTTP answer of the slash command; first proposal = until the proposals message reaches the
 * Slack fake (chat.postMessage); one not posted within 120 s counts as infinitely late (shown "> 120 s").
 * Watches poll hourly in the bench (BENCH_POLL_SECONDS, see load-harness.ts); the first server start on
 * the fresh database reconciles every connection's watch before it is ready (later starts find the hourly
 * job scheduled and skip it). Then: a search for the highest rate where p99 ack < 1 s (mixed cache),
 * RSS after the load, and the RSS growth per 1,000 people whose calendars were read (a fresh server,
 * after GC: before, and after /meet requests covering 2,000 people). The search takes at most 3 probes
 * of 5 s. A default run takes a few minutes on a quiet 2-core machine.
 *
 * Hostile phase (at the lowest rate, on fresh servers, cold caches): the same open-loop load twice, first
 * plain, then with 5 % of the requests maximal (the largest the work budget allows: 50 people mentioned,
 * a 90-day window, two of the people linked to a large pathological ICS feed served by this process:
 * 3,000 open-ended daily series with exceptions, read through the ordinary ICS connector). Reported:
 * ack p99 and first-proposal p95 of the OTHER 95 % next to the plain run, and the hostile requests' own.
 *
 * Options: --runs N (medians of N runs), --quick (short smoke run), --duration S, --rates a,b,c,
 * --no-hostile (skip the hostile phase),
 * --two-process (two servers on one database, alternate load and concurrent clicks on the same slots;
 * checks no double booking, no duplicate message, no lost job). Writes bench/results/load-<ts>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IcsFeedCounters } from '../src/connectors/ics/feed-cache.ts';
import { buttons } from '../test/bot/slack/harness.ts';
import {
  checkInvariants,
  createWorld,
  DEFAULT_DATABASE_URL,
  hostileMeetText,
  type LoadWorld,
  postgresCpuMs,
  type ServerProcess,
  sendClick,
  sendMeet,
  sendMeetText,
  waitFor,
} from './load-harness.ts';

interface Args {
  runs: number;
  quick: boolean;
  duration: number;
  rates: number[];
  twoProcess: boolean;
  latencyMs: number;
  hostile: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    runs: 1,
    quick: false,
    duration: 4,
    rates: [50, 200, 500],
    twoProcess: false,
    latencyMs: 150,
    hostile: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--runs') args.runs = Math.max(1, Number(next()));
    else if (a === '--quick') args.quick = true;
    else if (a === '--duration') args.duration = Number(next());
    else if (a === '--rates') args.rates = next().split(',').map(Number);
    else if (a === '--two-process') args.twoProcess = true;
    else if (a === '--latency') args.latencyMs = Number(next());
    else if (a === '--no-hostile') args.hostile = false;
    else throw new Error(`unknown option ${a} (see the comment at the top of bench/load.bench.ts)`);
  }
  if (args.quick) {
    args.duration = Math.min(args.duration, 2);
    args.rates = args.rates.map((r) => Math.min(r, 50));
    args.rates = [...new Set(args.rates)];
  }
  return args;
}

const GROUP = 10;
/** A hostile request: the requester and the most people the work budget allows (CONVENE_MAX_PARTICIPANTS). */
const HOSTILE_GROUP = 51;
/** Of each hostile group, this many are linked to the hostile ICS feed. */
const HOSTILE_ICS_PEOPLE = 2;
/** One request in this many is hostile (5 %). */
const HOSTILE_EVERY = 20;
/** A proposal not posted within this time counts as infinitely late (the percentiles then say so). */
const PROPOSAL_TIMEOUT_MS = 120_000;
/** How long to wait for a phase's backlog to drain before the next phase (then it is reported). */
const DRAIN_TIMEOUT_MS = 120_000;
const SEARCH_STEPS = 3;
const MEMORY_PEOPLE = 2000;

function quantile(values: readonly number[], q: number): number {
  // NaN = not measured (dropped); +Infinity = never answered (kept: it is the slowest).
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

interface Dist {
  p50: number;
  p95: number;
  p99: number;
}
const dist = (values: readonly number[]): Dist => ({
  p50: quantile(values, 0.5),
  p95: quantile(values, 0.95),
  p99: quantile(values, 0.99),
});

interface PhaseResult {
  rate: number;
  sent: number;
  ackFailed: number;
  noProposal: number;
  /** Hostile requests only: until the first answer of any kind (proposals, or a private "no slot"/refusal). */
  answer?: Dist;
  /** Hostile requests only: how many were answered privately rather than with proposals. */
  privateAnswers?: number;
  ack: Dist;
  proposal: Dist;
  /** How late the generator sent requests (its own lag), p99 ms. */
  sendLagP99: number;
  clientLoopP99Ms: number;
  serverLoopP99Ms: number;
  pgActiveMax: number;
  /** CPU per request over the phase (until its proposals were posted), ms: the server process and PostgreSQL. */
  serverCpuMsPerRequest: number;
  pgCpuMsPerRequest: number;
  /** This process (the Slack and Google fakes and the load generator), ms per request. */
  benchCpuMsPerRequest: number;
}

let channelSeq = 0;

/** Sends `rate × duration` requests open-loop; request i uses `groupOf(i)`. Waits for the proposals. */
async function phase(
  world: LoadWorld,
  servers: readonly ServerProcess[],
  rate: number,
  durationS: number,
  groupOf: (i: number) => number[],
  channels?: string[],
  options: {
    waitForProposals?: boolean;
    /** Request i is sent with this text instead (its requester is `groupOf(i)[0]`); the rest as usual. */
    hostileText?: (i: number) => string | null;
    /** Filled with the hostile requests' own figures. */
    hostileOut?: PhaseResult[];
  } = {},
): Promise<PhaseResult> {
  const total = Math.max(1, Math.round(rate * durationS));
  const acks: Array<Promise<{ status: number; ackMs: number }>> = [];
  const sentAt: number[] = [];
  const lags: number[] = [];
  const names: string[] = [];
  const hostile = new Set<number>();
  const clientLoop = monitorEventLoopDelay({ resolution: 10 });
  clientLoop.enable();
  const cpuBefore = await Promise.all(servers.map((s) => s.stats())); // also resets the loop histograms
  const pgBefore = postgresCpuMs();
  const benchBefore = process.cpuUsage();
  let pgActiveMax = 0;
  const sampler = setInterval(() => {
    world.store
      .query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()`,
      )
      .then(([row]) => {
        pgActiveMax = Math.max(pgActiveMax, row?.n ?? 0);
      })
      .catch(() => undefined);
  }, 250);
  const start = performance.now();
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
      while (i < due) {
        const channel = `CL${++channelSeq}`;
        names.push(channel);
        lags.push(performance.now() - (start + (i * 1000) / rate));
        sentAt.push(performance.now());
        const text = options.hostileText?.(i) ?? null;
        if (text !== null) hostile.add(i);
        const via = servers[i % servers.length]!;
        acks.push(
          text === null
            ? sendMeet(world, via, groupOf(i), channel)
            : sendMeetText(world, via, groupOf(i)[0]!, channel, text),
        );
        i++;
      }
      if (i >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const results = await Promise.all(acks);
  // A maximal request may be answered privately (its `response_url`: "no slot works", a refusal) instead
  // of with proposals in the channel: that is its answer.
  const privateAnswerAt = (k: number): number | undefined => {
    const id = hostile.has(k) ? (results[k] as { responseId?: string }).responseId : undefined;
    return id === undefined ? undefined : world.answered.get(id);
  };
  if (options.waitForProposals !== false)
    await waitFor(
      () => names.every((c, k) => world.posted.has(c) || privateAnswerAt(k) !== undefined),
      PROPOSAL_TIMEOUT_MS,
    );
  clearInterval(sampler);
  clientLoop.disable();
  const pgAfter = postgresCpuMs();
  const benchCpu = process.cpuUsage(benchBefore);
  const cpuAfter = await Promise.all(servers.map((s) => s.stats()));
  const server = cpuAfter[0]!;
  const serverCpuMs = cpuAfter.reduce((sum, s, k) => sum + s.cpuMs - cpuBefore[k]!.cpuMs, 0);
  const proposalMs = names.map((c, k) =>
    world.posted.has(c) ? world.posted.get(c)! - sentAt[k]! : Number.POSITIVE_INFINITY,
  );
  // Hostile requests: the first answer of either kind.
  const answerMs = names.map((_, k) => {
    const privately = privateAnswerAt(k);
    return Math.min(
      proposalMs[k]!,
      privately === undefined ? Number.POSITIVE_INFINITY : privately - sentAt[k]!,
    );
  });
  channels?.push(...names);
  // Figures of the ordinary requests only; the hostile ones are reported apart.
  const figures = (keep: (k: number) => boolean) => {
    const acked = results.filter((_, k) => keep(k));
    const proposals = proposalMs.filter((_, k) => keep(k));
    return {
      sent: acked.length,
      ackFailed: acked.filter((r) => r.status !== 200).length,
      noProposal: proposals.filter((v) => !Number.isFinite(v)).length,
      ack: dist(acked.filter((r) => r.status === 200).map((r) => r.ackMs)),
      proposal: dist(proposals),
    };
  };
  const ordinary = figures((k) => !hostile.has(k));
  if (options.hostileOut && hostile.size > 0)
    options.hostileOut.push({
      ...figures((k) => hostile.has(k)),
      answer: dist(answerMs.filter((_, k) => hostile.has(k))),
      privateAnswers: [...hostile].filter(
        (k) => !world.posted.has(names[k]!) && privateAnswerAt(k) !== undefined,
      ).length,
      rate,
      sendLagP99: Number.NaN,
      clientLoopP99Ms: Number.NaN,
      serverLoopP99Ms: Number.NaN,
      pgActiveMax: Number.NaN,
      serverCpuMsPerRequest: Number.NaN,
      pgCpuMsPerRequest: Number.NaN,
      benchCpuMsPerRequest: Number.NaN,
    });
  return {
    rate,
    ...ordinary,
    sendLagP99: quantile(lags, 0.99),
    clientLoopP99Ms: clientLoop.percentile(99) / 1e6,
    serverLoopP99Ms: server.loopP99Ms,
    pgActiveMax,
    serverCpuMsPerRequest: serverCpuMs / total,
    pgCpuMsPerRequest: pgBefore !== null && pgAfter !== null ? (pgAfter - pgBefore) / total : Number.NaN,
    benchCpuMsPerRequest: (benchCpu.user + benchCpu.system) / 1000 / total,
  };
}

/**
 * Waits until a phase's backlog is gone: every proposal posted and no database statement in flight on
 * two samples in a row. Returns how long it took (ms), or null after DRAIN_TIMEOUT_MS.
 */
async function drain(world: LoadWorld, channels: readonly string[]): Promise<number | null> {
  const started = performance.now();
  let quiet = 0;
  const done = await waitFor(async () => {
    if (!channels.every((c) => world.posted.has(c))) return false;
    const [row] = await world.store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()`,
    );
    quiet = (row?.n ?? 1) === 0 ? quiet + 1 : 0;
    return quiet >= 2;
  }, DRAIN_TIMEOUT_MS);
  return done ? performance.now() - started : null;
}

/** Frees the fakes' memory of a finished phase (messages and recorded requests). */
function forget(world: LoadWorld): void {
  world.slack.messages.clear();
  world.slack.responses.length = 0;
  world.slack.ephemerals.length = 0;
  world.google.requests.length = 0;
}

const groupAt = (g: number, offset = 0): number[] =>
  Array.from({ length: GROUP }, (_, k) => offset + g * GROUP + k + 1);

interface RunResult {
  rates: Array<{ rate: number; cold: PhaseResult; warm: PhaseResult; rssAfterMb: number }>;
  search: Array<{ rate: number; ackP99: number; ok: boolean }>;
  maxRateP99AckUnder1s: number | null;
  memory: { rssBeforeMb: number; rssAfterMb: number; growthPer1000Mb: number; heapGrowthPer1000Mb: number };
  hostile: HostileResult | null;
  failedFirst: string[];
}

interface HostileResult {
  rate: number;
  /** The plain run: every request ordinary. */
  plain: PhaseResult;
  /** The same load with 5 % maximal requests: figures of the other 95 %. */
  others: PhaseResult;
  /** The maximal requests' own figures (a refusal or a late answer is fine; they must not hurt the others). */
  maximal: PhaseResult | null;
  /** Bytes of the hostile ICS feed served during the mixed run. */
  icsBytesServed: number;
  /**
   * Hostile feed requests during the mixed run (server start, load and drain): as the feed server saw them
   * (`requests`, `conditional`), and by purpose as the server's ICS connector counted them (free/busy reads
   * and sync polls: downloaded, 304, shared another read's request; polled bodies unchanged or parsed);
   * `other` = requests the connector did not count (retries, anything else).
   */
  icsFeed: IcsFeedCounters & { requests: number; conditional: number; other: number };
}

/** First person number of the hostile pools (after every measured, warm-up and memory group). */
function hostileBase(args: Args): number {
  const maxRequests = Math.max(...args.rates) * args.duration;
  return maxRequests * GROUP + 20 * GROUP + (args.quick ? 500 : MEMORY_PEOPLE);
}

/** People the hostile phase needs past `hostileBase`: ordinary groups for two runs and the hostile ones. */
function hostilePeople(args: Args): number {
  const total = Math.max(1, Math.round(Math.min(...args.rates) * args.duration));
  return 2 * total * GROUP + Math.ceil(total / HOSTILE_EVERY) * HOSTILE_GROUP;
}

async function hostilePhase(
  world: LoadWorld,
  args: Args,
  log: (line: string) => void,
): Promise<HostileResult> {
  const rate = Math.min(...args.rates);
  const total = Math.max(1, Math.round(rate * args.duration));
  const base = hostileBase(args);
  const plainAt = (i: number) => groupAt(i, base);
  const mixedBase = base + total * GROUP;
  const maximalBase = mixedBase + total * GROUP;
  const maximalAt = (h: number) =>
    Array.from({ length: HOSTILE_GROUP }, (_, k) => maximalBase + h * HOSTILE_GROUP + k + 1);
  // Two people of each maximal group read the hostile ICS feed instead of Google.
  const icsPeople: number[] = [];
  for (let h = 0; h < Math.ceil(total / HOSTILE_EVERY); h++)
    icsPeople.push(...maximalAt(h).slice(1, 1 + HOSTILE_ICS_PEOPLE));
  await world.linkIcs(icsPeople);
  const isMaximal = (i: number) => i % HOSTILE_EVERY === HOSTILE_EVERY - 1;
  const maximalIndex = (i: number) => Math.floor(i / HOSTILE_EVERY);
  const warmup = (i: number) => groupAt(i, base - 20 * GROUP - (args.quick ? 500 : MEMORY_PEOPLE));

  let feedCounters: IcsFeedCounters | null = null;
  const once = async (mixed: boolean, hostileOut?: PhaseResult[]) => {
    const server = await world.startServer();
    const channels: string[] = [];
    try {
      await phase(world, [server], 20, 1, warmup);
      const result = await phase(
        world,
        [server],
        rate,
        args.duration,
        (i) =>
          mixed && isMaximal(i) ? maximalAt(maximalIndex(i)) : mixed ? groupAt(i, mixedBase) : plainAt(i),
        channels,
        {
          ...(mixed
            ? {
                hostileText: (i: number) =>
                  isMaximal(i) ? hostileMeetText(maximalAt(maximalIndex(i))) : null,
              }
            : {}),
          ...(hostileOut ? { hostileOut } : {}),
        },
      );
      await drain(world, channels);
      if (mixed) feedCounters = (await server.stats()).ics;
      return result;
    } finally {
      await server.stop();
      forget(world);
    }
  };
  const plain = await once(false);
  const servedBefore = world.ics.served;
  const requestsBefore = world.ics.requests;
  const conditionalBefore = world.ics.conditional;
  const maximal: PhaseResult[] = [];
  const others = await once(true, maximal);
  const counted: IcsFeedCounters = feedCounters ?? {
    busyDownloads: 0,
    busyNotModified: 0,
    busyShared: 0,
    pollDownloads: 0,
    pollNotModified: 0,
    pollShared: 0,
    pollUnchanged: 0,
    pollParsed: 0,
  };
  const requests = world.ics.requests - requestsBefore;
  const result: HostileResult = {
    rate,
    plain,
    others,
    maximal: maximal[0] ?? null,
    icsBytesServed: world.ics.served - servedBefore,
    icsFeed: {
      ...counted,
      requests,
      conditional: world.ics.conditional - conditionalBefore,
      other:
        requests -
        counted.busyDownloads -
        counted.busyNotModified -
        counted.pollDownloads -
        counted.pollNotModified,
    },
  };
  const f = result.icsFeed;
  if (f.requests === 0 && (result.maximal?.sent ?? 0) > 0)
    // The hostile phase is void if the hostile feed was never fetched (e.g. refused by the address guard).
    throw new Error(
      'bench: the hostile ICS feed received no request during the mixed run; the hostile phase measured nothing',
    );
  log(
    `  hostile at ${rate} req/s: ack p99 plain ${ms(plain.ack.p99)} / others with 5 % maximal ${ms(others.ack.p99)}; first proposal p95 plain ${ms(plain.proposal.p95)} / others ${ms(others.proposal.p95)}; maximal requests: ${result.maximal?.sent ?? 0} sent, ack p99 ${ms(result.maximal?.ack.p99 ?? Number.NaN)}, first answer p95 ${ms(result.maximal?.answer?.p95 ?? Number.NaN)} (${(result.maximal?.sent ?? 0) - (result.maximal?.noProposal ?? 0)} with proposals, ${result.maximal?.privateAnswers ?? 0} answered privately: no slot or refused); hostile ICS served ${(result.icsBytesServed / 2 ** 20).toFixed(1)} MiB`,
  );
  log(
    `  hostile ICS feed (mixed run): ${f.requests} requests at the feed server (${f.conditional} conditional); free/busy reads: ${f.busyDownloads} downloaded, ${f.busyNotModified} answered 304, ${f.busyShared} shared another read's request; sync polls: ${f.pollDownloads} downloaded, ${f.pollNotModified} answered 304, ${f.pollShared} shared another read's request; of the polled bodies ${f.pollUnchanged} unchanged (not parsed), ${f.pollParsed} parsed; other requests (retries, anything else) ${f.other}`,
  );
  log(
    `  CPU per request plain / mixed: server ${plain.serverCpuMsPerRequest.toFixed(1)}/${others.serverCpuMsPerRequest.toFixed(1)} ms, PostgreSQL ${plain.pgCpuMsPerRequest.toFixed(1)}/${others.pgCpuMsPerRequest.toFixed(1)} ms, fakes and load generator (this process) ${plain.benchCpuMsPerRequest.toFixed(1)}/${others.benchCpuMsPerRequest.toFixed(1)} ms`,
  );
  return result;
}

async function run(world: LoadWorld, args: Args, log: (line: string) => void): Promise<RunResult> {
  const maxRequests = Math.max(...args.rates) * args.duration;
  const warmupOffset = maxRequests * GROUP; // warm-up groups live after the measured ones
  const rates: RunResult['rates'] = [];
  const failedFirst: string[] = [];
  for (const rate of args.rates) {
    const coldChannels: string[] = [];
    const server = await world.startServer();
    try {
      // JIT, connections: 20 requests on people the measured phases never use.
      await phase(world, [server], 20, 1, (i) => groupAt(i, warmupOffset));
      const groups = (i: number) => groupAt(i);
      const cold = await phase(world, [server], rate, args.duration, groups, coldChannels);
      const drainedMs = await drain(world, coldChannels);
      if (drainedMs === null) log(`  ${rate} req/s: the cold backlog did not drain; warm figures include it`);
      const warm = await phase(world, [server], rate, args.duration, groups);
      const stats = await server.stats();
      rates.push({ rate, cold, warm, rssAfterMb: stats.rss / 2 ** 20 });
      log(
        `  ${rate} req/s: ack p99 cold ${cold.ack.p99.toFixed(0)} ms / warm ${warm.ack.p99.toFixed(0)} ms; first proposal p95 cold ${cold.proposal.p95.toFixed(0)} ms / warm ${warm.proposal.p95.toFixed(0)} ms; server loop p99 ${cold.serverLoopP99Ms.toFixed(0)}/${warm.serverLoopP99Ms.toFixed(0)} ms; client loop p99 ${cold.clientLoopP99Ms.toFixed(0)} ms; CPU per request cold/warm: server ${cold.serverCpuMsPerRequest.toFixed(1)}/${warm.serverCpuMsPerRequest.toFixed(1)} ms, PostgreSQL ${cold.pgCpuMsPerRequest.toFixed(1)}/${warm.pgCpuMsPerRequest.toFixed(1)} ms, fakes and load generator ${cold.benchCpuMsPerRequest.toFixed(1)}/${warm.benchCpuMsPerRequest.toFixed(1)} ms; PG busy max ${Math.max(cold.pgActiveMax, warm.pgActiveMax)}; adapter log lines ${stats.logCount}`,
      );
      if (stats.logCount > 0) log(`    last adapter lines: ${stats.logTail.slice(-3).join(' | ')}`);
    } finally {
      await server.stop();
      forget(world);
    }
  }

  // The highest rate where p99 ack stays under 1 s: grow past the best measured rate, or bisect.
  const search: RunResult['search'] = [];
  const probeDuration = Math.min(args.duration, 5);
  const probe = async (rate: number): Promise<boolean> => {
    const server = await world.startServer();
    try {
      await phase(world, [server], 20, 1, (i) => groupAt(i, warmupOffset));
      const groups = Math.max(1, Math.floor(world.people / GROUP) - 20);
      const result = await phase(
        world,
        [server],
        rate,
        probeDuration,
        (i) => groupAt(i % groups),
        undefined,
        {
          waitForProposals: false,
        },
      );
      const ok = result.ack.p99 < 1000 && result.ackFailed === 0;
      search.push({ rate, ackP99: result.ack.p99, ok });
      log(`  search ${rate} req/s: ack p99 ${result.ack.p99.toFixed(0)} ms ${ok ? 'OK' : 'over 1 s'}`);
      return ok;
    } finally {
      await server.stop();
      forget(world);
    }
  };
  const measuredOk = rates.filter((r) => r.cold.ack.p99 < 1000 && r.warm.ack.p99 < 1000).map((r) => r.rate);
  let good = measuredOk.length > 0 ? Math.max(...measuredOk) : 0;
  let bad = rates.find((r) => r.rate > good)?.rate ?? Number.POSITIVE_INFINITY;
  for (let step = 0; step < (args.quick ? 1 : SEARCH_STEPS); step++) {
    const next = Number.isFinite(bad) ? Math.round((good + bad) / 2) : Math.max(good * 1.5, 10);
    if (Number.isFinite(bad) && bad - good <= Math.max(10, good * 0.1)) break;
    if ((await probe(Math.round(next))) === true) good = Math.round(next);
    else bad = Math.round(next);
  }

  // RSS growth per 1,000 people whose calendars were read, in a fresh server after GC.
  const people = args.quick ? 500 : MEMORY_PEOPLE;
  const server = await world.startServer({ exposeGc: true });
  let memory: RunResult['memory'];
  try {
    await phase(world, [server], 20, 1, (i) => groupAt(i, warmupOffset));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await server.stats(true);
    await phase(world, [server], 100, people / GROUP / 100, (i) => groupAt(i));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await server.stats(true);
    memory = {
      rssBeforeMb: before.rss / 2 ** 20,
      rssAfterMb: after.rss / 2 ** 20,
      growthPer1000Mb: ((after.rss - before.rss) / 2 ** 20) * (1000 / people),
      heapGrowthPer1000Mb: ((after.heapUsed - before.heapUsed) / 2 ** 20) * (1000 / people),
    };
  } finally {
    await server.stop();
    forget(world);
  }

  const hostile = args.hostile ? await hostilePhase(world, args, log) : null;

  for (const r of rates) {
    if (r.rate === 200 && r.cold.ack.p99 >= 100)
      failedFirst.push(`p99 ack ${r.cold.ack.p99.toFixed(0)} ms at 200 req/s (goal < 100 ms)`);
    if (r.cold.proposal.p95 >= 400)
      failedFirst.push(
        `cold first-proposal p95 ${r.cold.proposal.p95.toFixed(0)} ms at ${r.rate} req/s (goal < 400 ms)`,
      );
    if (r.warm.proposal.p95 >= 50)
      failedFirst.push(
        `warm first-proposal p95 ${r.warm.proposal.p95.toFixed(0)} ms at ${r.rate} req/s (goal < 50 ms)`,
      );
  }
  if (hostile && hostile.others.ack.p99 >= 1000)
    failedFirst.push(
      `ack p99 of the others ${hostile.others.ack.p99.toFixed(0)} ms with 5 % maximal requests (goal < 1 s)`,
    );
  return { rates, search, maxRateP99AckUnder1s: good > 0 ? good : null, memory, hostile, failedFirst };
}

async function twoProcess(world: LoadWorld, args: Args, log: (line: string) => void) {
  const rate = args.quick ? 20 : Math.min(...args.rates);
  const duration = args.quick ? 2 : args.duration;
  const a = await world.startServer();
  const b = await world.startServer();
  try {
    const pairs = Math.max(1, Math.round((rate * duration) / 2));
    const channels: string[] = [];
    // Request 2k goes to A and 2k+1 to B, both for the same 10 people: two proposals of the same slots.
    const result = await phase(world, [a, b], rate, duration, (i) => groupAt(Math.floor(i / 2)), channels);
    log(
      `  two processes: ${result.sent} /meet at ${rate} req/s, ack p99 ${result.ack.p99.toFixed(0)} ms, ${result.noProposal} without proposals`,
    );
    // Every pair: slot 1 of A's message clicked through A by two people and slot 1 of B's message through
    // B by two others, all at once (same people, same time: only one of the two proposals can book).
    const clicks: Array<Promise<{ status: number }>> = [];
    for (let k = 0; k < pairs; k++) {
      const group = groupAt(k);
      for (const offset of [0, 1]) {
        const channel = channels[2 * k + offset];
        const message = channel ? world.slack.channelMessages(channel)[0] : undefined;
        const book = message
          ? buttons(message.blocks).find((x) => x.actionId.startsWith('book:'))
          : undefined;
        if (!message || !book || !channel) continue;
        for (const [j, via] of [
          [0, a],
          [1, b],
        ] as const)
          clicks.push(
            sendClick(world, via, {
              user: group[offset * 2 + j]!,
              channelId: channel,
              messageTs: message.ts,
              actionId: book.actionId,
              value: book.value,
            }),
          );
      }
    }
    const clickedPairs = new Set<number>();
    for (let k = 0; k < pairs; k++) if (channels[2 * k] || channels[2 * k + 1]) clickedPairs.add(k);
    const clicked = await Promise.all(clicks);
    log(
      `  ${clicked.length} concurrent clicks, ${clicked.filter((c) => c.status !== 200).length} not acked 200`,
    );
    // Clicks are acked first and booked after (live re-check, database guard): wait until every clicked pair
    // has its booking and the count has stopped moving, or the checks below would run on nothing.
    const booked = async () =>
      (
        await world.store.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM booking WHERE status = 'booked'`,
        )
      )[0]?.n ?? 0;
    let last = -1;
    let unchanged = 0;
    const settled = await waitFor(async () => {
      const n = await booked();
      unchanged = n === last ? unchanged + 1 : 0;
      last = n;
      return n >= clickedPairs.size && unchanged >= 10; // the same count for ~1 s (polled every 100 ms)
    }, 90_000);
    log(`  bookings settled: ${settled} (${last} booked for ${clickedPairs.size} clicked pairs)`);
    // The outbox runs after its grace period; wait until nothing due is left, then check.
    const drained = await waitFor(async () => {
      const [row] = await world.store.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM job WHERE run_at <= now() + interval '20 seconds' AND status IN ('queued', 'running')
           AND kind IN ('calendar.write', 'calendar.update', 'calendar.delete')`,
      );
      return (row?.n ?? 1) === 0;
    }, 90_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const invariants = await checkInvariants(world, channels);
    log(`  drained: ${drained}; invariants: ${JSON.stringify(invariants)}`);
    return { rate, duration, sent: result.sent, clicks: clicked.length, drained, invariants };
  } finally {
    await a.stop();
    await b.stop();
  }
}

function fmt(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return `> ${PROPOSAL_TIMEOUT_MS / 1000} s`;
  return Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '—';
}

/** A duration with its unit ("> 120 s" for one never answered). */
function ms(v: number): string {
  return v === Number.POSITIVE_INFINITY ? fmt(v) : `${fmt(v)} ms`;
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.log(line);
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL;
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
  const loadBefore = os.loadavg();
  log(
    `Convene load benchmark: ${machine}; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );
  log(`options: ${JSON.stringify(args)}`);
  const world = await createWorld({ adminUrl, latencyMs: args.latencyMs });
  const started = Date.now();
  const out: Record<string, unknown> = {
    machine,
    args,
    loadBefore,
    startedAt: new Date(started).toISOString(),
  };
  try {
    const needed = hostileBase(args) + (args.hostile && !args.twoProcess ? hostilePeople(args) : 0);
    const t = performance.now();
    await world.seedPeople(needed);
    log(
      `seeded ${needed} people with linked Google calendars in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    if (args.twoProcess) {
      out.twoProcess = await twoProcess(world, args, log);
    } else {
      const runs: RunResult[] = [];
      for (let r = 1; r <= args.runs; r++) {
        log(
          `run ${r}/${args.runs} (load average ${os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')})`,
        );
        runs.push(await run(world, args, log));
      }
      out.runs = runs;
      const m = (pick: (r: RunResult) => number) => median(runs.map(pick));
      log('');
      log(
        `Medians of ${runs.length} run(s); ms; ${GROUP} participants per /meet; provider answers after ${args.latencyMs} ms`,
      );
      log(
        '| rate | cache | ack p50 | ack p95 | ack p99 | first proposal p50 | p95 | p99 | failed acks | no proposal | server CPU/req | PG CPU/req |',
      );
      log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (let k = 0; k < args.rates.length; k++) {
        for (const cache of ['cold', 'warm'] as const) {
          const p = (f: (x: PhaseResult) => number) => m((r) => f(r.rates[k]![cache]));
          log(
            `| ${args.rates[k]} | ${cache} | ${fmt(p((x) => x.ack.p50))} | ${fmt(p((x) => x.ack.p95))} | ${fmt(p((x) => x.ack.p99))} | ${fmt(p((x) => x.proposal.p50))} | ${fmt(p((x) => x.proposal.p95))} | ${fmt(p((x) => x.proposal.p99))} | ${fmt(p((x) => x.ackFailed))} | ${fmt(p((x) => x.noProposal))} | ${fmt(p((x) => x.serverCpuMsPerRequest))} | ${fmt(p((x) => x.pgCpuMsPerRequest))} |`,
          );
        }
      }
      log('');
      log(
        `highest rate with p99 ack < 1 s (per run): ${runs.map((r) => r.maxRateP99AckUnder1s ?? 'none').join(', ')} req/s`,
      );
      log(`RSS after the run at the highest rate: ${fmt(m((r) => r.rates.at(-1)!.rssAfterMb))} MB (median)`);
      log(
        `RSS growth per 1,000 people read: ${fmt(m((r) => r.memory.growthPer1000Mb))} MB (heap ${fmt(m((r) => r.memory.heapGrowthPer1000Mb))} MB); RSS ${fmt(m((r) => r.memory.rssBeforeMb))} → ${fmt(m((r) => r.memory.rssAfterMb))} MB`,
      );
      if (args.hostile) {
        const h = (f: (x: HostileResult) => number) => m((r) => (r.hostile ? f(r.hostile) : Number.NaN));
        log('');
        log(
          `Hostile phase at ${runs[0]?.hostile?.rate ?? '—'} req/s (cold): 5 % of requests maximal (50 people, 90 days, 2 on a pathological ICS feed)`,
        );
        log('| run | ack p99 (others) | first proposal p95 (others) | no proposal (others) |');
        log('| --- | ---: | ---: | ---: |');
        log(
          `| plain | ${fmt(h((x) => x.plain.ack.p99))} | ${fmt(h((x) => x.plain.proposal.p95))} | ${fmt(h((x) => x.plain.noProposal))} |`,
        );
        log(
          `| with 5 % maximal | ${fmt(h((x) => x.others.ack.p99))} | ${fmt(h((x) => x.others.proposal.p95))} | ${fmt(h((x) => x.others.noProposal))} |`,
        );
        log(
          `maximal requests themselves: ack p99 ${ms(h((x) => x.maximal?.ack.p99 ?? Number.NaN))}, first answer p95 ${ms(h((x) => x.maximal?.answer?.p95 ?? Number.NaN))}, answered privately (no slot or refused) ${fmt(h((x) => x.maximal?.privateAnswers ?? Number.NaN))} of ${fmt(h((x) => x.maximal?.sent ?? Number.NaN))}`,
        );
      }
      const failed = [...new Set(runs.flatMap((r) => r.failedFirst))];
      log(failed.length > 0 ? `goals missed: ${failed.join('; ')}` : 'all goals met');
    }
  } finally {
    await world.close();
  }
  out.loadAfter = os.loadavg();
  out.seconds = (Date.now() - started) / 1000;
  log(
    `load average after ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${(out.seconds as number).toFixed(0)} s`,
  );
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`load-${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`, dir);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  log(`results: ${file.pathname}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
