/**
 * Three Convene replicas (bench/load-server.ts: the production composition, outbox workers included)
 * on ONE PostgreSQL database, behind a round-robin proxy on loopback (bench/load-harness.ts
 * `startRoundRobinProxy`); the Slack fake retries like Slack (a request without a 2xx is sent again with
 * `X-Slack-Retry-Num`). In the middle of a load run of `/meet` requests and booking clicks, one replica
 * is killed with SIGKILL. Afterwards:
 * - no request is lost: every request Slack sent got a 2xx, after retries for those the dead replica
 *   never answered;
 * - no duplicate: no double booking, no channel with two proposals messages, no message updated twice,
 *   no reminder twice, no calendar event twice; every calendar job of a booking is done;
 * - nothing the dead replica had ACKED is lost either (Convene acks first, then works, for Slack's 3 s):
 *   such a request was recorded (bot/slack/inbox.ts) and a surviving replica takes it over once its
 *   lease expires, so every `/meet` has its proposals message and every click its booking.
 * Bounded: about 60 s with the start of the three replicas, most of it the outbox grace period (15 s)
 * of the calendar jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkInvariants,
  createWorld,
  type LoadWorld,
  type RoundRobinProxy,
  type ServerProcess,
  sendClick,
  sendMeet,
  startRoundRobinProxy,
  waitFor,
} from '../../bench/load-harness.ts';
import { buttons } from '../bot/slack/harness.ts';

const adminUrl = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const GROUP = 5;
const BEFORE = 9; // /meet requests answered before the kill (their slots are clicked during the run)
const DURING = 9; // /meet requests sent during the run, interleaved with those clicks
let world: LoadWorld;
let servers: ServerProcess[] = [];
let proxy: RoundRobinProxy;

beforeAll(async () => {
  world = await createWorld({ adminUrl });
  await world.seedPeople((BEFORE + DURING) * GROUP);
  // A recorded request of a dead replica is taken over once its lease (8 s here, 60 s by default) expires.
  const options = { inboxLeaseMs: 8_000 };
  servers = await Promise.all([
    world.startServer(options),
    world.startServer(options),
    world.startServer(options),
  ]);
  proxy = await startRoundRobinProxy(servers.map((s) => s.url));
  world.slack.retries = 3;
}, 90_000);

afterAll(async () => {
  await proxy?.close();
  for (const server of servers)
    if (server.child.exitCode === null && !server.child.killed) await server.stop();
  await world?.close();
});

const group = (k: number) => Array.from({ length: GROUP }, (_, i) => k * GROUP + i + 1);
const channelOf = (k: number) => `CRR${k}`;
/** The channel a proxied request was about (a `/meet` form, or a click's payload). */
function requestChannel(body: string): string | undefined {
  const form = new URLSearchParams(body);
  const payload = form.get('payload');
  if (payload) return (JSON.parse(payload) as { channel?: { id?: string } }).channel?.id;
  return form.get('channel_id') ?? undefined;
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('three replicas behind a round-robin proxy, one killed with SIGKILL mid-load', () => {
  it('loses no request after Slack retries, duplicates nothing, does every calendar job once', async () => {
    const via = { url: proxy.url } as ServerProcess;
    const killed = 2;

    // Before: proposals in BEFORE channels, through all three replicas.
    const first = await Promise.all(
      Array.from({ length: BEFORE }, (_, k) => sendMeet(world, via, group(k), channelOf(k))),
    );
    expect(first.map((m) => m.status)).toEqual(first.map(() => 200));
    expect(
      await waitFor(
        () =>
          Array.from({ length: BEFORE }, (_, k) => k).every(
            (k) => world.slack.channelMessages(channelOf(k)).length > 0,
          ),
        30_000,
      ),
    ).toBe(true);
    const clickOf = (k: number) => {
      const message = world.slack.channelMessages(channelOf(k))[0]!;
      const book = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
      return () =>
        sendClick(world, via, {
          user: group(k)[1]!,
          channelId: channelOf(k),
          messageTs: message.ts,
          actionId: book.actionId,
          value: book.value,
        });
    };

    // The run: clicks on those proposals interleaved with new /meet requests, 40 ms apart; replica 2 is
    // SIGKILLed halfway, with requests in flight.
    const sent: Promise<{ status: number }>[] = [];
    const before = proxy.answers.length;
    for (let i = 0; i < BEFORE + DURING; i++) {
      if (i === Math.floor((BEFORE + DURING) / 2)) servers[killed]!.child.kill('SIGKILL');
      const k = i >> 1;
      sent.push(i % 2 === 0 ? clickOf(k)() : sendMeet(world, via, group(BEFORE + k), channelOf(BEFORE + k)));
      await pause(40);
    }
    const statuses = (await Promise.all(sent)).map((r) => r.status);
    // After the dead replica's: the rest of the run's /meets' proposals, clicked through the survivors.
    const during = Array.from({ length: DURING }, (_, i) => BEFORE + i);
    const answeredBy = new Map<string, number>();
    for (const answer of proxy.answers.slice(before))
      if (answer.status === 200) answeredBy.set(requestChannel(answer.body) ?? '', answer.backend);
    const byDead = (k: number) => answeredBy.get(channelOf(k)) === killed;
    // Every /meet of the run gets its proposals, those the dead replica had acked after its lease.
    expect(
      await waitFor(() => during.every((k) => world.slack.channelMessages(channelOf(k)).length > 0), 30_000),
    ).toBe(true);
    const proposed = during.filter((k) => world.slack.channelMessages(channelOf(k)).length > 0);
    const lateAnswers = proxy.answers.length;
    const lateClicks = await Promise.all(proposed.map((k) => clickOf(k)()));
    expect(lateClicks.map((c) => c.status)).toEqual(lateClicks.map(() => 200));
    for (const answer of proxy.answers.slice(lateAnswers)) expect(answer.backend).not.toBe(killed);

    // Every calendar job of a booking done (due after the outbox grace period), none running or queued.
    const drained = await waitFor(async () => {
      const [row] = await world.store.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM job WHERE status IN ('queued', 'running')
           AND kind IN ('calendar.write', 'calendar.update', 'calendar.delete', 'slack.inbox')`,
      );
      return row?.n === 0;
    }, 45_000);
    expect(drained).toBe(true);

    const channels = Array.from({ length: BEFORE + DURING }, (_, k) => channelOf(k));
    const invariants = await checkInvariants(world, channels);
    const [reminders] = await world.store.query<{ total: number; duplicates: number }>(
      `SELECT count(*)::int AS total, (count(*) - count(DISTINCT (payload->>'bookingId', payload->>'personId')))::int AS duplicates
         FROM job WHERE kind = 'reminder.dm' AND status <> 'cancelled'`,
    );
    const [calendarJobs] = await world.store.query<{ done: number; attempts: number }>(
      `SELECT count(*)::int AS done, coalesce(sum(attempts), 0)::int AS attempts FROM job
        WHERE kind = 'calendar.write' AND status = 'done'`,
    );
    const updatesOf = (k: number) =>
      world.slack.channelMessages(channelOf(k)).reduce((sum, m) => sum + m.updates, 0);
    const bookedChannels = channels.filter((_, k) => updatesOf(k) > 0).length;
    // Work the dead replica acked but did not finish: proposals never posted, clicks never booked.
    const lostMeets = during.filter((k) => world.slack.channelMessages(channelOf(k)).length === 0);
    const [inbox] = await world.store.query<{ recorded: number; takenOver: number; open: number }>(
      `SELECT count(*)::int AS recorded, count(*) FILTER (WHERE attempts > 0)::int AS "takenOver",
              count(*) FILTER (WHERE status <> 'done')::int AS open
         FROM job WHERE kind = 'slack.inbox'`,
    );
    const clickedBefore = Array.from({ length: BEFORE }, (_, k) => k);
    const [bookedRows] = await world.store.query<{ n: number }>(
      `SELECT count(DISTINCT r.channel_id)::int AS n FROM booking b JOIN proposal p ON p.id = b.proposal_id
         JOIN meeting_request r ON r.id = p.request_id WHERE b.status = 'booked'`,
    );
    const counts = {
      requestsSent: world.slack.deliveries.sent,
      retried: world.slack.deliveries.retried,
      failedAfterRetries: world.slack.deliveries.failed,
      answered: proxy.answers.filter((a) => a.status === 200).length,
      proxy502: proxy.answers.filter((a) => a.status === 502).length,
      answeredByKilledDuringRun: [...answeredBy.values()].filter((b) => b === killed).length,
      bookings: invariants.bookings,
      doubleBooked: invariants.doubleBooked,
      duplicateMessages: invariants.duplicateMessages,
      confirmationsUpdated: bookedChannels,
      reminders: reminders?.total ?? 0,
      duplicateReminders: reminders?.duplicates ?? 0,
      calendarWriteJobsDone: calendarJobs?.done ?? 0,
      calendarWriteAttempts: calendarJobs?.attempts ?? 0,
      calendarEvents: invariants.calendarEvents,
      bookedSeats: invariants.bookedSeats,
      inboxRecorded: inbox?.recorded ?? 0,
      inboxTakenOver: inbox?.takenOver ?? 0,
      inboxOpen: inbox?.open ?? 0,
      lostAfterAckMeets: lostMeets.length,
      lostAfterAckClicks: clickedBefore.filter((k) => updatesOf(k) === 0 && byDead(k)).length,
    };
    console.log(`replicas kill test: ${JSON.stringify(counts)}`);

    // No request lost after Slack's retries; at least one was retried (the dead replica's).
    expect(statuses).toEqual(statuses.map(() => 200));
    expect(counts.failedAfterRetries).toBe(0);
    expect(counts.retried).toBeGreaterThanOrEqual(1);
    expect(proxy.down.has(killed)).toBe(true);
    // No duplicate of anything.
    expect(invariants.doubleBooked).toBe(0);
    expect(invariants.duplicateMessages).toBe(0);
    for (const k of channels.keys()) expect(updatesOf(k)).toBeLessThanOrEqual(1);
    expect(counts.duplicateReminders).toBe(0);
    expect(invariants.calendarEvents).toBe(invariants.bookedSeats);
    expect(invariants.lostJobs).toBe(0);
    expect(calendarJobs?.done).toBe(invariants.bookedSeats);
    // Nothing lost, not even what the dead replica had acked: every request recorded is done.
    expect(counts.lostAfterAckMeets).toBe(0);
    expect(counts.lostAfterAckClicks).toBe(0);
    expect(counts.inboxRecorded).toBe(2 * (BEFORE + DURING));
    expect(counts.inboxOpen).toBe(0);
    for (const k of channels.keys()) expect(updatesOf(k)).toBe(1);
    expect(bookedRows?.n).toBe(BEFORE + DURING);
    expect(invariants.bookings).toBe(BEFORE + DURING);
  }, 150_000);
});
