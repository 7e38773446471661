/**
 * Meeting requests after their ack run at most `requestConcurrency` at once, in arrival order: under a
 * burst the rest wait (acked already) instead of every request slowing every other (issue 10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusyReader } from '../../../src/app/ports/calendars.ts';
import { type Harness, installTeam, memoryCalendars, startHarness, until } from './harness.ts';

const START = Date.UTC(2030, 0, 16, 10);
let h: Harness;
/** Free/busy reads in progress, and the gates that finish them. */
const reads: Array<{ personIds: readonly string[]; release: () => void }> = [];
const busy: BusyReader = {
  busyFor(_tenantId, personIds) {
    return new Promise((resolve) => {
      reads.push({
        personIds,
        release: () =>
          resolve({
            people: personIds.map((personId) => ({ personId, busy: [], complete: true })),
            gaps: [],
          }),
      });
    });
  },
};

beforeAll(async () => {
  h = await startHarness({
    deps: { busy, writer: memoryCalendars().writer, clock: () => START },
    config: { requestConcurrency: 2 },
  });
  await installTeam(h, 'T1', 'Acme');
  for (const id of ['UAA', 'UBB', 'UCC', 'UDD'])
    h.fake.addUser('T1', { id, name: id.toLowerCase(), real_name: id, tz: 'Europe/Paris' });
});

afterAll(async () => {
  await h?.close();
});

describe('request concurrency', () => {
  it('acks every request at once, works on two at a time, and starts the waiting ones in order', async () => {
    const users = ['UAA', 'UBB', 'UCC', 'UDD'];
    const sent = await Promise.all(
      users.map((userId, i) =>
        h.fake.command({
          teamId: 'T1',
          userId,
          channelId: `CQ${i}`,
          text: `<@${users[(i + 1) % users.length]}> 30m tomorrow "Queue"`,
        }),
      ),
    );
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    await until(() => reads.length >= 2, 'two free/busy reads');
    // Give a third request every chance to start: it must not while two are in progress.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reads).toHaveLength(2);
    const firstTwo = new Set(reads.map((r) => r.personIds[0]));
    reads[0]!.release();
    await until(() => reads.length === 3, 'the third read');
    reads[1]!.release();
    await until(() => reads.length === 4, 'the fourth read');
    reads[2]!.release();
    reads[3]!.release();
    for (let i = 0; i < users.length; i++)
      await until(() => h.fake.channelMessages(`CQ${i}`)[0], `the proposals of request ${i}`);
    // Four different requesters, each read once.
    expect(new Set(reads.map((r) => r.personIds[0])).size).toBe(4);
    expect(firstTwo.size).toBe(2);
  });
});
