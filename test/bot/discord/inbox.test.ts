/**
 * The durable inbox of Discord interactions (src/bot/discord/inbox.ts), with two adapters ("replicas")
 * on one store and one Discord fake, the real meeting use cases on in-memory calendars:
 * - a `/meet new` recorded by a replica that died after its deferral (the lease expired) is claimed and
 *   run by the other replica: the deferred message becomes the proposals;
 * - a booking click whose replica booked and died before confirming is confirmed once by the replica
 *   that takes it over ("Booked", not "Already booked"), nothing booked twice;
 * - the same interaction delivered to the other replica while the first works on it runs nothing there.
 * The replica that "died" is a stub endpoint giving the deferral the adapter gives (`decide`), its record
 * written as the adapter writes it, with a lease already over.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../../src/app/book-meeting.ts';
import type { BusyReader } from '../../../src/app/ports/calendars.ts';
import { DEFAULT_WORKING_HOURS } from '../../../src/app/request-meeting.ts';
import { requestUseCases } from '../../../src/app/use-cases.ts';
import { createDiscordAdapter, type DiscordAdapter, decide } from '../../../src/bot/discord/adapter.ts';
import { meetingUseCases } from '../../../src/bot/discord/deps.ts';
import { DISCORD_INBOX_JOB, recordOf } from '../../../src/bot/discord/inbox.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { FakeDiscord, type FakeMessage, type FakeUser } from '../../fakes/discord/server.ts';
import { memoryCalendars } from '../slack/harness.ts';

const START = Date.UTC(2030, 0, 14, 9); // Monday 14 Jan 2030, 09:00 UTC
const calendars = memoryCalendars();
const gates: Array<() => void> = [];
let gated = false;
/** Every person read has no linked calendar: the proposals nudge them by DM. */
let unlinked = false;
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
const logs: string[] = [];
let store: Store;
let fake: FakeDiscord;
let guildId: string;
let channelId: string;
let ana: FakeUser;
let ben: FakeUser;
const servers: Server[] = [];
/** Replica A, replica B, and the endpoint of a replica that answers and then dies (a stub). */
let a: { adapter: DiscordAdapter; url: string };
let b: { adapter: DiscordAdapter; url: string };
let dead: string;

async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
}

async function replica(name: string): Promise<{ adapter: DiscordAdapter; url: string }> {
  const adapter = createDiscordAdapter(
    {
      store,
      clock: () => START,
      log: (line) => logs.push(`${name}: ${line}`),
      meetings: meetingUseCases({ store, busy, writer: calendars.writer }),
      requests: requestUseCases({ store, busy }),
    },
    { publicKey: fake.publicKey, applicationId: fake.applicationId, botToken: fake.botToken, api: fake.api },
  );
  const app = express();
  app.use(adapter.router);
  return { adapter, url: await listen(app) };
}

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('k'),
    log: () => undefined,
  });
  fake = await FakeDiscord.start({ now: () => START });
  guildId = fake.addGuild('Acme').id;
  channelId = fake.addChannel(guildId).id;
  ana = fake.addUser('ana', { globalName: 'Ana' });
  ben = fake.addUser('ben', { globalName: 'Ben' });
  for (const u of [ana, ben]) fake.addMember(guildId, u);
  a = await replica('A');
  b = await replica('B');
  // The replica that dies: it answers as the adapter does (signature not checked here) and does no work.
  const stub = express();
  stub.post('/discord/interactions', express.json(), (req, res) => {
    res.json(decide(req.body).response);
  });
  dead = await listen(stub);
  // Ana is known with a time zone (else `/meet new` asks for it first).
  await fake.deliver(a.url, fake.commandInteraction({ guildId, channelId, user: ana, subcommand: 'status' }));
  await a.adapter.idle();
  const workspace = (await store.workspaces.findByExternalId('discord', guildId))!;
  const person = (await store.people.findByIdentity(workspace.id, ana.id))!;
  await store.preferences.set(person.tenantId, person.id, {
    timeZone: 'Europe/London',
    locale: 'en',
    workingHours: DEFAULT_WORKING_HOURS,
  });
}, 60_000);

afterAll(async () => {
  gated = false;
  for (const release of gates.splice(0)) release();
  await a?.adapter.idle();
  await b?.adapter.idle();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await fake?.close();
  await store?.close();
});

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => T | undefined | null | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value) return value;
    await settle(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function meetNew(title: string): Record<string, unknown> {
  return fake.commandInteraction({
    guildId,
    channelId,
    user: ana,
    subcommand: 'new',
    options: [
      { name: 'request', type: 3, value: `30 min tomorrow "${title}"` },
      { name: 'with', type: 9, value: ben.id },
    ],
    resolved: fake.resolvedFor(guildId, [ben.id]),
  });
}

const bookIds = (message: FakeMessage) =>
  (message.components as { components: { custom_id: string }[] }[])
    .flatMap((row) => row.components)
    .map((c) => c.custom_id)
    .filter((id) => id.startsWith('cv1:book:'));

/**
 * What the dead replica left: its record of the interaction as the adapter writes it (the token as the
 * job's secret), claimed by it, the lease over. `token: 'lost'`: the sealed token did not open (read as
 * none); `'in-payload'`: recorded by an older build, the token in the payload.
 */
async function deadRecord(
  listener: 'meet' | 'book',
  interaction: Record<string, unknown>,
  token: 'sealed' | 'lost' | 'in-payload' = 'sealed',
) {
  const record = recordOf(listener, interaction as never);
  return store.jobs.enqueue({
    kind: DISCORD_INBOX_JOB,
    payload: {
      v: 1,
      nonce: `dead-${String(interaction.id)}`,
      ...(token === 'in-payload' ? { listener, interaction } : record.payload),
    },
    ...(token === 'sealed' ? { secret: record.secret } : {}),
    maxAttempts: 1,
    dedupeKey: `${DISCORD_INBOX_JOB}:interaction:${String(interaction.id)}`,
    lease: { worker: 'discord-inbox:dead', until: Date.now() - 1 },
  });
}

/** The stored row of an interaction's record, as the database holds it. */
async function storedRecord(interaction: Record<string, unknown>) {
  const [row] = await store.query<{ payload: unknown; secret_enc: string | null; status: string }>(
    'SELECT payload, secret_enc, status FROM job WHERE dedupe_key = $1',
    [`${DISCORD_INBOX_JOB}:interaction:${String(interaction.id)}`],
  );
  return row;
}

/** Replica B's worker: claims the expired record and runs its handler. */
async function takeOverOnB(jobId: string) {
  const [claimed] = await store.jobs.claim('worker-b', {
    limit: 5,
    leaseMs: 60_000,
    kinds: [DISCORD_INBOX_JOB],
  });
  expect(claimed?.id).toBe(jobId);
  expect(await b.adapter.jobHandlers[DISCORD_INBOX_JOB]!(claimed!, Date.now())).toEqual({ kind: 'done' });
}

describe('Discord interactions recorded across replicas', () => {
  it("a /meet new's record is done once its proposals are posted, before the people without a calendar are nudged", async () => {
    // A replica stopping during the nudges (a DM each) must not have the request run, and posted, again.
    const DM_OPEN = /\/users\/@me\/channels$/;
    const jobs = store.jobs;
    const complete = jobs.complete.bind(jobs);
    const dmsAtCompletion: number[] = [];
    jobs.complete = async (jobId, worker) => {
      dmsAtCompletion.push(fake.count('POST', DM_OPEN));
      return complete(jobId, worker);
    };
    unlinked = true;
    try {
      const before = fake.count('POST', DM_OPEN);
      const interaction = meetNew('Nudged');
      expect((await fake.deliver(a.url, interaction)).body).toEqual({ type: 5 });
      await a.adapter.idle();
      expect(fake.original(String(interaction.id))?.content).toContain('Nudged');
      expect(fake.count('POST', DM_OPEN)).toBeGreaterThan(before);
      expect(dmsAtCompletion).toEqual([before]);
      const [job] = await store.jobs.listByDedupePrefix(
        `${DISCORD_INBOX_JOB}:interaction:${String(interaction.id)}`,
      );
      expect(job?.status).toBe('done');
    } finally {
      unlinked = false;
      jobs.complete = complete;
    }
  });

  it('a /meet new whose replica died after its deferral is run by the other replica: the proposals reach the user', async () => {
    const interaction = meetNew('Taken over');
    const answered = await fake.deliver(dead, interaction);
    expect(answered.body).toEqual({ type: 5 });
    const job = await deadRecord('meet', interaction);
    await takeOverOnB(job.id);
    const proposals = fake.original(String(interaction.id));
    expect(proposals?.content).toContain('Taken over');
    expect(bookIds(proposals!).length).toBeGreaterThan(0);
    expect(logs.some((line) => line.startsWith('B: discord: taking over interaction'))).toBe(true);
  });

  it('a taken-over /meet new whose token did not open posts its proposals in the channel, without a call on an empty token', async () => {
    const interaction = meetNew('Token lost');
    expect((await fake.deliver(dead, interaction)).body).toEqual({ type: 5 });
    const job = await deadRecord('meet', interaction, 'lost');
    const webhookCalls = fake.count('PATCH', /\/webhooks\/[^/]+\/\/messages/);
    await takeOverOnB(job.id);
    const posted = fake.channelMessages(channelId).find((m) => m.content?.includes('Token lost'));
    expect(posted).toBeDefined();
    expect(bookIds(posted!).length).toBeGreaterThan(0);
    expect(fake.original(String(interaction.id))?.content ?? '').not.toContain('Token lost');
    expect(fake.count('PATCH', /\/webhooks\/[^/]+\/\/messages/)).toBe(webhookCalls);
  });

  it('a record an older build wrote, the token in its payload, is still taken over in place', async () => {
    const interaction = meetNew('Older build');
    expect((await fake.deliver(dead, interaction)).body).toEqual({ type: 5 });
    const job = await deadRecord('meet', interaction, 'in-payload');
    await takeOverOnB(job.id);
    expect(fake.original(String(interaction.id))?.content).toContain('Older build');
  });

  it('a booking click whose replica booked and died before confirming is confirmed once by the replica that takes it over', async () => {
    const request = meetNew('Confirmed late');
    expect((await fake.deliver(a.url, request)).body).toEqual({ type: 5 });
    await a.adapter.idle();
    const message = fake.original(String(request.id))!;
    const customId = bookIds(message)[0]!;
    const [, , proposalId, slotId] = customId.split(':') as [string, string, string, string];
    // The dying replica: the click answered (type 6), recorded, the booking made, the message not edited.
    const click = fake.componentInteraction({ guildId, user: ben, messageId: message.id, customId });
    expect((await fake.deliver(dead, click)).body).toEqual({ type: 6 });
    const workspace = (await store.workspaces.findByExternalId('discord', guildId))!;
    const benPerson = (await store.people.findByIdentity(workspace.id, ben.id))!;
    const made = await bookMeeting(
      { store, busy, writer: calendars.writer },
      { tenantId: workspace.tenantId, proposalId, slotId, actorPersonId: benPerson.id, now: START },
    );
    expect(made.ok && made.view.alreadyBooked).toBe(false);
    const editsBefore = message.edits;
    const job = await deadRecord('book', click);
    await takeOverOnB(job.id);
    // The proposals became the confirmation, once, worded as booked.
    const confirmed = fake.messages.get(message.id)!;
    expect(confirmed.edits).toBe(editsBefore + 1);
    expect(confirmed.content).toContain('Booked: “Confirmed late”');
    expect(confirmed.content).not.toContain('Already booked');
    expect(bookIds(confirmed)).toEqual([]);
    // One event per participant, each written once: the takeover booked nothing again.
    const events = calendars.written.filter((w) => w.key.startsWith(`proposal:${proposalId}:`));
    expect(events.map((w) => w.title)).toEqual(['Confirmed late', 'Confirmed late']);
  });

  it('the same interaction delivered to the other replica while the first works on it runs nothing there', async () => {
    gated = true;
    const interaction = meetNew('Delivered twice');
    expect((await fake.deliver(a.url, interaction)).body).toEqual({ type: 5 });
    // Recorded before the deferral was sent, held by replica A.
    const key = `${DISCORD_INBOX_JOB}:interaction:${String(interaction.id)}`;
    expect((await store.jobs.listByDedupePrefix(key))[0]?.status).toBe('running');
    // The interaction token is not in the stored row: sealed beside the payload, not in it.
    const held = await storedRecord(interaction);
    expect(held?.secret_enc).toMatch(/^v2:/);
    expect(JSON.stringify(held)).not.toContain(String(interaction.token));
    expect((await store.jobs.listByDedupePrefix(key))[0]?.secret).toBe(interaction.token);
    await until(() => gates.length === 1, 'replica A reading free/busy');
    // A redelivery of the same interaction id (a proxy retry, a replay inside the signature window) on B.
    const again = await fake.deliver(b.url, interaction);
    expect(again.status).toBe(200);
    await settle(300);
    expect(gates).toHaveLength(1); // B did not start the work
    gated = false;
    gates.shift()!();
    await a.adapter.idle();
    await b.adapter.idle();
    expect(fake.original(String(interaction.id))?.content).toContain('Delivered twice');
    expect(
      fake.count('PATCH', new RegExp(`/webhooks/[^/]+/${String(interaction.token)}/messages/%40original`)),
    ).toBe(1);
    const [job] = await store.jobs.listByDedupePrefix(
      `${DISCORD_INBOX_JOB}:interaction:${String(interaction.id)}`,
    );
    expect(job?.status).toBe('done');
    expect((await storedRecord(interaction))?.secret_enc).toBeNull(); // erased once the work is done
    expect(
      await store.jobs.claim('worker-b', { limit: 5, leaseMs: 60_000, kinds: [DISCORD_INBOX_JOB] }),
    ).toEqual([]);
  });
});
