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
import { bookMeeting } from '../../../src/app/book-meeting.ts';
import type { BusyReader } from '../../../src/app/ports/calendars.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bot/slack/adapter.ts';
import { SLACK_INBOX_JOB } from '../../../src/bot/slack/inbox.ts';
import { createWebServer } from '../../../src/bot/web/server.ts';
import {
  blockText,
  buttons,
  type Harness,
  installTeam,
  memoryCalendars,
  settle,
  startHarness,
  until,
} from './harness.ts';

const START = Date.UTC(2030, 0, 16, 10);
let h: Harness;
let other: { adapter: SlackAdapter; url: string; server: Server };
const gates: Array<() => void> = [];
let gated = false;
/** Every person read has no linked calendar: the proposals nudge them by DM. */
let unlinked = false;
const calendars = memoryCalendars();
const busy: BusyReader = {
  async busyFor(tenantId, personIds, range, options) {
    if (gated) await new Promise<void>((resolve) => gates.push(resolve));
    const read = await calendars.busy.busyFor(tenantId, personIds, range, options);
    if (!unlinked) return read;
    const gaps = personIds.map((personId) => ({
      personId,
      connectionId: null,
      code: 'not_linked' as const,
      message: 'no calendar linked',
    }));
    return { people: read.people.map((p) => ({ ...p, complete: false })), gaps };
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

  it('a click whose replica booked and stopped before confirming is confirmed in the channel by the replica that takes it over', async () => {
    h.fake.target = `${h.url}/slack/events`;
    expect(
      (
        await h.fake.send(
          meetForm('CIN3', '<@UBB> 30m tomorrow "Confirmed late"'),
          'application/x-www-form-urlencoded',
        )
      ).status,
    ).toBe(200);
    const message = await until(() => h.fake.channelMessages('CIN3')[0], 'the proposals');
    const book = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
    // What the stopped replica did for UBB's click: the booking made, the message not updated yet.
    const workspace = (await h.store.workspaces.findByExternalId('slack', 'T1'))!;
    const ubb = (await h.store.people.findByIdentity(workspace.id, 'UBB'))!;
    const [, proposalId, slotId] = book.actionId.split(':') as [string, string, string];
    const made = await bookMeeting(
      { store: h.store, busy, writer: calendars.writer },
      { tenantId: workspace.tenantId, proposalId, slotId, actorPersonId: ubb.id, now: START },
    );
    expect(made.ok && made.view.alreadyBooked).toBe(false);
    expect(message.updates).toBe(0);
    // Its recorded click, the lease expired: claimed and run by replica B.
    const action = { action_id: book.actionId, value: book.value, action_ts: '1893456000.000001' };
    const job = await h.store.jobs.enqueue({
      kind: SLACK_INBOX_JOB,
      payload: {
        v: 1,
        listener: 'book',
        teamId: 'T1',
        nonce: 'dead-replica-click',
        args: {
          body: {
            type: 'block_actions',
            team: { id: 'T1' },
            user: { id: 'UBB' },
            container: { type: 'message', message_ts: message.ts, channel_id: 'CIN3', is_ephemeral: false },
            channel: { id: 'CIN3' },
          },
          action,
        },
      },
      maxAttempts: 1,
      dedupeKey: `${SLACK_INBOX_JOB}:action:UBB:${action.action_ts}:${action.action_id}`,
      lease: { worker: 'slack-inbox:dead', until: Date.now() - 1 },
    });
    const [claimed] = await h.store.jobs.claim('worker-b', {
      limit: 5,
      leaseMs: 60_000,
      kinds: [SLACK_INBOX_JOB],
    });
    expect(claimed?.id).toBe(job.id);
    expect(await other.adapter.jobHandlers[SLACK_INBOX_JOB]!(claimed!, Date.now())).toEqual({ kind: 'done' });
    // The proposals became the confirmation, once; no second booking.
    expect(message.updates).toBe(1);
    expect(blockText(message.blocks)).toContain('Booked: “Confirmed late”');
    expect(blockText(message.blocks)).not.toContain('Already booked');
    expect(buttons(message.blocks).map((b) => b.actionId.split(':')[0])).toEqual(['mresched', 'mcancel']);
    // One event per participant, each written once: the takeover booked nothing again.
    const events = calendars.written.filter((w) => w.key.startsWith(`proposal:${proposalId}:`));
    expect(events.map((w) => w.title)).toEqual(['Confirmed late', 'Confirmed late']);
    // A later, distinct click (not a takeover) is answered privately; the message is left alone.
    const again = await h.fake.click({
      teamId: 'T1',
      userId: 'UAA',
      actionId: book.actionId,
      value: book.value,
      channelId: 'CIN3',
      messageTs: message.ts,
    });
    const [reply] = await until(
      () => h.fake.responsesTo(again.responseId).length > 0 && h.fake.responsesTo(again.responseId),
      'already booked',
    );
    expect(blockText(reply?.body.blocks as unknown[])).toContain('Already booked');
    expect(message.updates).toBe(1);
  });

  it("a /meet's record is done once its proposals are posted, before the people without a calendar are nudged", async () => {
    // A replica stopping during the nudges (a DM each) must not have the request run, and posted, again.
    const jobs = h.store.jobs;
    const complete = jobs.complete.bind(jobs);
    const nudgesAtCompletion: number[] = [];
    jobs.complete = async (jobId, worker) => {
      nudgesAtCompletion.push(h.fake.callsTo('conversations.open').length);
      return complete(jobId, worker);
    };
    unlinked = true;
    try {
      h.fake.target = `${h.url}/slack/events`;
      const before = h.fake.callsTo('conversations.open').length;
      const form = meetForm('CIN4', '<@UBB> 30m tomorrow "Nudged"');
      expect((await h.fake.send(form, 'application/x-www-form-urlencoded')).status).toBe(200);
      await until(() => h.fake.channelMessages('CIN4')[0], 'the proposals');
      await until(() => h.fake.callsTo('conversations.open').length > before, 'a nudge');
      await settle(300);
      expect(nudgesAtCompletion).toEqual([before]);
      const trigger = new URLSearchParams(form).get('trigger_id');
      const [job] = await h.store.jobs.listByDedupePrefix(`${SLACK_INBOX_JOB}:trigger:${trigger}`);
      expect(job?.status).toBe('done');
    } finally {
      unlinked = false;
      jobs.complete = complete;
    }
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
