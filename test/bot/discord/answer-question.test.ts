/**
 * Asking instead of guessing, on Discord through the signed endpoint against the Discord fake (store on
 * in-memory PGlite, the real meeting use cases): an ambiguous `/meet new` becomes a question with one
 * button per zone (ids only); the requester's click turns it into proposals in the chosen zone; anyone
 * else, a second click, an expired question and too many clicks get a private message.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS } from '../../../src/app/request-meeting.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/adapter.ts';
import { meetingUseCases } from '../../../src/bot/discord/deps.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { FakeDiscord, type FakeMessage, type FakeUser } from '../../fakes/discord/server.ts';
import { memoryCalendars } from '../slack/harness.ts';

const START = Date.UTC(2030, 0, 14, 9); // Monday 14 Jan 2030, 09:00 UTC
let now = START;
const cal = memoryCalendars();
let store: Store;
let fake: FakeDiscord;
let adapter: DiscordAdapter;
let server: Server;
let endpoint: string;
let guildId: string;
let channelId: string;
let ana: FakeUser;
let ben: FakeUser;
let li: FakeUser;

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('k'),
    log: () => undefined,
  });
  fake = await FakeDiscord.start({ now: () => now });
  guildId = fake.addGuild('Acme').id;
  channelId = fake.addChannel(guildId).id;
  ana = fake.addUser('ana', { globalName: 'Ana' });
  ben = fake.addUser('ben', { globalName: 'Ben' });
  li = fake.addUser('li', { globalName: 'Li' });
  for (const u of [ana, ben, li]) fake.addMember(guildId, u);
  adapter = createDiscordAdapter(
    {
      store,
      clock: () => now,
      log: () => undefined,
      meetings: meetingUseCases({ store, busy: cal.busy, writer: cal.writer, questions: store.questions }),
    },
    {
      publicKey: fake.publicKey,
      applicationId: fake.applicationId,
      botToken: fake.botToken,
      api: fake.api,
      rateLimit: { userPerMinute: 4, workspacePerMinute: 100, clock: () => now },
    },
  );
  const app = express();
  app.use(adapter.router);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
}, 60_000);

afterAll(async () => {
  await adapter?.idle();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await fake?.close();
  await store?.close();
});

function buttons(message: FakeMessage): { custom_id: string; label: string }[] {
  return (message.components as { components: { custom_id: string; label: string }[] }[]).flatMap(
    (r) => r.components,
  );
}

/** `/meet new` by `user` (zone London stored) with Ben; the question message. */
async function ask(user: FakeUser, request = '30 min tomorrow 3pm IST'): Promise<FakeMessage> {
  const workspace = await store.workspaces.findByExternalId('discord', guildId);
  const person = workspace ? await store.people.findByIdentity(workspace.id, user.id) : null;
  if (!person) {
    // First sight: the person appears with the first command; store their zone before asking.
    await fake.deliver(endpoint, fake.commandInteraction({ guildId, channelId, user, subcommand: 'status' }));
    await adapter.idle();
    return ask(user, request);
  }
  await store.preferences.set(person.tenantId, person.id, {
    timeZone: 'Europe/London',
    locale: 'en',
    workingHours: DEFAULT_WORKING_HOURS,
  });
  const delivered = await fake.deliver(
    endpoint,
    fake.commandInteraction({
      guildId,
      channelId,
      user,
      subcommand: 'new',
      options: [
        { name: 'request', type: 3, value: request },
        { name: 'with', type: 9, value: ben.id },
      ],
      resolved: fake.resolvedFor(guildId, [ben.id]),
    }),
  );
  expect(delivered.status).toBe(200);
  await adapter.idle();
  return fake.original(delivered.interaction.id)!;
}

async function click(user: FakeUser, message: FakeMessage, customId: string) {
  const delivered = await fake.deliver(
    endpoint,
    fake.componentInteraction({ guildId, user, messageId: message.id, customId }),
  );
  expect(delivered.status).toBe(200);
  await adapter.idle();
  return delivered;
}

const lastPrivate = () =>
  fake
    .channelMessages(channelId)
    .filter((m) => m.flags === 64)
    .at(-1)?.content;

describe('Discord: a question with buttons instead of a guess', () => {
  it('asks with one button per zone; only the requester’s click proposes, in that zone, once', async () => {
    const question = await ask(ana);
    expect(question.content).toContain('Which time zone do you mean by "IST"');
    const choices = buttons(question);
    expect(choices.map((c) => c.label)).toEqual([
      'Kolkata (UTC+05:30)',
      'Dublin (UTC+00:00)',
      'Jerusalem (UTC+02:00)',
    ]);
    for (const [i, c] of choices.entries())
      expect(c.custom_id).toMatch(new RegExp(`^cv1:ask:[0-9a-f-]{36}:${i}$`));

    await click(ben, question, choices[0]!.custom_id);
    expect(lastPrivate()).toBe('Only the person who made this request can answer this question.');
    expect(buttons(fake.messages.get(question.id)!)[0]?.custom_id).toBe(choices[0]!.custom_id);

    await click(ana, question, choices[0]!.custom_id);
    const proposals = fake.messages.get(question.id)!;
    const books = buttons(proposals).filter((b) => b.custom_id.startsWith('cv1:book:'));
    expect(books.length).toBeGreaterThan(0);
    const tenantId = (await store.workspaces.findByExternalId('discord', guildId))!.tenantId;
    const proposal = await store.requests.getProposal(tenantId, books[0]!.custom_id.split(':')[2]!);
    expect(
      DateTime.fromMillis(proposal!.slots[0]!.start, { zone: 'Asia/Kolkata' }).toFormat('yyyy-MM-dd HH:mm'),
    ).toBe('2030-01-15 15:00');

    await click(ana, question, choices[1]!.custom_id);
    expect(lastPrivate()).toBe('This question has already been answered.');
  });

  it('an expired question says so; answer clicks count against the rate limit', async () => {
    const question = await ask(li);
    const choice = buttons(question)[0]!.custom_id;
    now = START + 25 * 3600_000;
    try {
      await click(li, question, choice);
      expect(lastPrivate()).toBe('This question has expired: ask again with /meet.');
      // 4 a minute (a day later, Li's bucket is full again): the late click and 3 more pass, the next is
      // refused inline, privately.
      for (let i = 0; i < 3; i++) expect((await click(li, question, choice)).body).toEqual({ type: 6 });
      const limited = await click(li, question, choice);
      expect(limited.body).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(JSON.stringify(limited.body)).toContain('You have sent a lot of requests at once');
    } finally {
      now = START;
    }
  });
});
