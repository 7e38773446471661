/**
 * Two Convene server processes on ONE PostgreSQL database (bench/load-server.ts: the production
 * composition, outbox workers included), the Slack and Google fakes in this process. The same people
 * ask for a meeting through both processes (two proposals of the same slots), then four people click
 * slot 1 of both messages at once, through both processes. Afterwards: nobody is double booked, each
 * channel got exactly one proposals message, a message is updated once exactly when its proposal
 * booked, every due job is done (none lost or stuck), and each booked seat has exactly one event.
 * Correctness only: nothing here depends on speed (the npm run bench:load measures that).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkInvariants,
  createWorld,
  type LoadWorld,
  type ServerProcess,
  sendClick,
  sendMeet,
  waitFor,
} from '../../bench/load-harness.ts';
import { buttons } from '../bot/slack/harness.ts';

const adminUrl = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
let world: LoadWorld;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  world = await createWorld({ adminUrl });
  await world.seedPeople(40);
  [a, b] = await Promise.all([world.startServer(), world.startServer()]);
}, 60_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await world?.close();
});

const group = (k: number) => Array.from({ length: 10 }, (_, i) => k * 10 + i + 1);

describe('two server processes on one database', () => {
  it('no double booking, no duplicate message, one confirmation per booking, no lost job', async () => {
    const pairs = 3;
    const channels: string[] = [];
    const meets = [];
    for (let k = 0; k < pairs; k++)
      for (const [side, server] of [
        ['A', a],
        ['B', b],
      ] as const) {
        const channel = `C2P${k}${side}`;
        channels.push(channel);
        meets.push(sendMeet(world, server, group(k), channel));
      }
    expect((await Promise.all(meets)).map((m) => m.status)).toEqual(channels.map(() => 200));
    expect(
      await waitFor(() => channels.every((c) => world.slack.channelMessages(c).length > 0), 30_000),
    ).toBe(true);

    const clicks = [];
    for (let k = 0; k < pairs; k++) {
      for (const offset of [0, 1]) {
        const channel = channels[2 * k + offset]!;
        const message = world.slack.channelMessages(channel)[0]!;
        const book = buttons(message.blocks).find((x) => x.actionId.startsWith('book:'))!;
        expect(book).toBeDefined();
        for (const [j, via] of [
          [0, a],
          [1, b],
        ] as const)
          clicks.push(
            sendClick(world, via, {
              user: group(k)[offset * 2 + j]!,
              channelId: channel,
              messageTs: message.ts,
              actionId: book.actionId,
              value: book.value,
            }),
          );
      }
    }
    expect((await Promise.all(clicks)).every((c) => c.status === 200)).toBe(true);
    // Each pair's two proposals hold the same slot 1 for the same people: exactly one of them books.
    expect(
      await waitFor(async () => (await checkInvariants(world, channels)).bookings >= pairs, 30_000),
    ).toBe(true);
    // The outbox's calendar jobs are due after a grace period: wait until none is queued or running.
    const drained = await waitFor(async () => {
      const [row] = await world.store.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM job WHERE status IN ('queued', 'running')
           AND kind IN ('calendar.write', 'calendar.update', 'calendar.delete')`,
      );
      return row?.n === 0;
    }, 45_000);
    expect(drained).toBe(true);

    const invariants = await checkInvariants(world, channels);
    expect(invariants).toMatchObject({
      doubleBooked: 0,
      bookings: pairs,
      missingMessages: 0,
      duplicateMessages: 0,
      badConfirmations: 0,
      lostJobs: 0,
    });
    expect(invariants.bookedSeats).toBe(pairs * 10);
    expect(invariants.calendarEvents).toBe(pairs * 10);
    expect(invariants.jobsByStatus.done).toBeGreaterThanOrEqual(pairs * 10);
  }, 120_000);
});
