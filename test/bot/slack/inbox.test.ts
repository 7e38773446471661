/**
 * The durable inbox of Slack requests (src/bot/slack/inbox.ts), with two adapters ("replicas") on one
 * store and one Slack:
 * - a retry of a `/meet` that reaches the OTHER replica while the first still works on it does nothing
 *   (one proposals message), where the per-process de-duplicator alone let both answer;
 * - a request recorded by a replica that died (its lease expired) is claimed by a worker and run on
 *   another replica: the proposals are posted;
 * - a recorded request is not claimable while its lease runs, and only its holder renews the lease.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusyReader } from '../../../src/app/ports/calendars.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bot/slack/adapter.ts';
import { SLACK_INBOX_JOB } from '../../../src/bot/slack/inbox.ts';
import { createWebServer } from '../../../src/bot/web/server.ts';
import { type Harness, installTeam, memoryCalendars, settle, startHarness, until } from './harness.ts';

const START = Date.UTC(2030, 0, 16, 10);
let h: Harness;
let other: { adapter: SlackAdapter; url: string; server: Server };
const gates: Array<() => void> = [];
let gated = false;
const calendars = memoryCalendars();
const busy: BusyReader = {
  async busyFor(tenantId, personIds, range, options) {
    if (gated) await new Promise<void>((resolve) => gates.push(resolve));
    return calendars.busy.busyFor(tenantId, personIds, range, options);
  },
};

beforeAll(async () => {
  const deps = { busy, writer: calendars.writer, clock: () => START };
  h = await startHarness({ deps });
  await installTeam(h, 'T1', 'Acme');
  for (const id of ['UAA', 'UBB'])
    h.fake.addUser('T1', { id, name: id.toLowerCase(), real_name: id, tz: 'Europe/Paris' });
  // A second replica: same store, same Slack, its own adapter (caches, de-duplicator) and server.
  const adapter = createSlackAdapter(
    { ...deps, store: h.store, log: (line) => h.logs.push(`B: ${line}`) },
    { signingSecret: h.fake.signingSecret, slackApiUrl: h.fake.apiUrl, retries: 0 },
  );
  const server = createWebServer({ routers: [{ router: adapter.router! }] }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  other = { adapter, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` };
});

afterAll(async () => {
  other?.server.closeAllConnections();
  await new Promise((resolve) => other?.server.close(resolve));
  await h?.close();
});

/** The signed form of a `/meet` (the same body can be delivered twice). */
function meetForm(channelId: string, text: string): string {
  return new URLSearchParams({
    team_id: 'T1',
    team_domain: 't1',
    channel_id: channelId,
    channel_name: 'general',
    user_id: 'UAA',
    user_name: 'uaa',
    command: '/meet',
    text,
    api_app_id: 'A0CONVENE',
    is_enterprise_install: 'false',
    response_url: h.fake.newResponseUrl().url,
    trigger_id: h.fake.newTrigger(),
  }).toString();
}

describe('Slack requests recorded across replicas', () => {
  it('a retry that reaches the other replica while the first works on the request posts nothing twice', async () => {
    gated = true;
    const form = meetForm('CIN1', '<@UBB> 30m tomorrow "Inbox"');
    const replicaA = `${h.url}/slack/events`;
    h.fake.target = replicaA;
    expect((await h.fake.send(form, 'application/x-www-form-urlencoded')).status).toBe(200);
    await until(() => gates.length === 1, 'replica A reading free/busy');
    // Slack retries (e.g. A's ack was late); the load balancer sends it to replica B.
    h.fake.target = other.url;
    const retry = await h.fake.send(form, 'application/x-www-form-urlencoded', { retryNum: 1 });
    h.fake.target = replicaA;
    expect(retry.status).toBe(200);
    await settle(300);
    expect(gates).toHaveLength(1); // B did not start the work
    gated = false;
    gates.shift()!();
    await until(() => h.fake.channelMessages('CIN1')[0], 'the proposals');
    await settle(300);
    expect(h.fake.channelMessages('CIN1')).toHaveLength(1);
    const [job] = await h.store.jobs.listByDedupePrefix(`${SLACK_INBOX_JOB}:trigger:`);
    expect(job?.status).toBe('done');
  });

  it('a request recorded by a replica that died is run by another replica once its lease expired', async () => {
    const job = await h.store.jobs.enqueue({
      kind: SLACK_INBOX_JOB,
      payload: {
        v: 1,
        listener: 'meet',
        teamId: 'T1',
        nonce: 'dead-replica',
        args: {
          command: {
            team_id: 'T1',
            channel_id: 'CIN2',
            user_id: 'UAA',
            command: '/meet',
            text: '<@UBB> 30m tomorrow "Taken over"',
            trigger_id: 'dead.1',
          },
        },
      },
      maxAttempts: 1,
      dedupeKey: `${SLACK_INBOX_JOB}:trigger:dead.1`,
      lease: { worker: 'slack-inbox:dead', until: Date.now() - 1 },
    });
    const [claimed] = await h.store.jobs.claim('worker-b', {
      limit: 5,
      leaseMs: 60_000,
      kinds: [SLACK_INBOX_JOB],
    });
    expect(claimed?.id).toBe(job.id);
    expect(await other.adapter.jobHandlers[SLACK_INBOX_JOB]!(claimed!, Date.now())).toEqual({ kind: 'done' });
    const [message] = h.fake.channelMessages('CIN2');
    expect(message?.text ?? '').not.toBe('');
    expect(h.logs.some((line) => line.startsWith('B: slack: taking over request'))).toBe(true);
  });

  it('is not claimable while its lease runs; only its holder renews it', async () => {
    const job = await h.store.jobs.enqueue({
      kind: SLACK_INBOX_JOB,
      payload: { v: 1 },
      maxAttempts: 1,
      dedupeKey: `${SLACK_INBOX_JOB}:trigger:alive.1`,
      lease: { worker: 'slack-inbox:alive', until: Date.now() + 60_000 },
    });
    expect(job.status).toBe('running');
    expect(
      await h.store.jobs.claim('worker-b', { limit: 5, leaseMs: 60_000, kinds: [SLACK_INBOX_JOB] }),
    ).toEqual([]);
    expect(await h.store.jobs.extend!(job.id, 'worker-b', Date.now() + 120_000)).toBe(false);
    expect(await h.store.jobs.extend!(job.id, 'slack-inbox:alive', Date.now() + 120_000)).toBe(true);
    expect(await h.store.jobs.complete(job.id, 'slack-inbox:alive')).toBe(true);
  });
});
