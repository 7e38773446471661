/**
 * "More times" and "Cancel" under a request's proposals on Discord, through the signed endpoint against the
 * Discord fake (store on in-memory PGlite, the real use cases). The buttons carry the proposal id only; the
 * use cases read the stored request; refusals are told privately, in the clicker's language.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS } from '../../../src/app/request-meeting.ts';
import { requestUseCases } from '../../../src/app/use-cases.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/adapter.ts';
import { parseCustomId, requestCustomId } from '../../../src/bot/discord/custom-id.ts';
import { meetingUseCases } from '../../../src/bot/discord/deps.ts';
import { requestRow } from '../../../src/bot/discord/render.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { FakeDiscord, type FakeMessage, type FakeUser } from '../../fakes/discord/server.ts';
import { memoryCalendars } from '../slack/harness.ts';

const START = Date.UTC(2030, 0, 14, 9); // Monday 14 Jan 2030, 09:00 UTC
const now = START;
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
      meetings: meetingUseCases({ store, busy: cal.busy, writer: cal.writer }),
      requests: requestUseCases({ store, busy: cal.busy }),
    },
    { publicKey: fake.publicKey, applicationId: fake.applicationId, botToken: fake.botToken, api: fake.api },
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

const tenantId = async () => (await store.workspaces.findByExternalId('discord', guildId))!.tenantId;

/** `/meet new` by Ana (zone London stored) with Ben: the proposals message. */
async function propose(request = '30 min tomorrow'): Promise<FakeMessage> {
  const workspace = await store.workspaces.findByExternalId('discord', guildId);
  const person = workspace ? await store.people.findByIdentity(workspace.id, ana.id) : null;
  if (!person) {
    await fake.deliver(
      endpoint,
      fake.commandInteraction({ guildId, channelId, user: ana, subcommand: 'status' }),
    );
    await adapter.idle();
    return propose(request);
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
      user: ana,
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

async function click(user: FakeUser, message: FakeMessage, customId: string, locale?: string) {
  const delivered = await fake.deliver(
    endpoint,
    fake.componentInteraction({
      guildId,
      user,
      messageId: message.id,
      customId,
      ...(locale ? { locale } : {}),
    }),
  );
  expect(delivered.body).toEqual({ type: 6 });
  await adapter.idle();
}

const lastPrivate = () =>
  fake
    .channelMessages(channelId)
    .filter((m) => m.flags === 64)
    .at(-1)?.content;

const proposalOf = (message: FakeMessage) =>
  buttons(message)
    .find((b) => b.custom_id.startsWith('cv1:book:'))!
    .custom_id.split(':')[2]!;

describe('Discord: more times and cancel under the proposals', () => {
  it('the custom ids carry the proposal id only and round-trip; labels follow the language', () => {
    const id = '0b9f7a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(requestCustomId('more', id)).toBe(`cv1:more:${id}`);
    expect(parseCustomId(`cv1:more:${id}`)).toEqual({ kind: 'request', op: 'more', proposalId: id });
    expect(parseCustomId(`cv1:rc:${id}`)).toEqual({ kind: 'request', op: 'cancel', proposalId: id });
    expect(parseCustomId('cv1:rc:has space')).toBeNull();
    const labels = (locale: 'en' | 'fr') =>
      (requestRow(id, locale) as { components: { label: string }[] }).components.map((c) => c.label);
    expect(labels('en')).toEqual(['More times', 'Cancel']);
    expect(labels('fr')).toEqual(['Autres horaires', 'Annuler']);
  });

  it('more times: a participant gets a longer list in the same message, recorded; an outsider is refused', async () => {
    const message = await propose();
    const first = proposalOf(message);
    const ids = buttons(message).map((b) => b.custom_id);
    expect(ids.slice(-2)).toEqual([`cv1:more:${first}`, `cv1:rc:${first}`]);
    const shown = ids.filter((id) => id.startsWith('cv1:book:')).length;

    await click(li, message, `cv1:more:${first}`);
    expect(lastPrivate()).toBe('Only the organiser or a participant of this meeting can ask for more times.');
    await click(li, message, `cv1:more:${first}`, 'fr');
    expect(lastPrivate()).toBe(
      "Seuls l'organisateur et les participants de cette réunion peuvent demander d'autres horaires.",
    );
    expect(fake.messages.get(message.id)!.components).toEqual(message.components);

    await click(ben, message, `cv1:more:${first}`);
    const longer = fake.messages.get(message.id)!;
    const second = proposalOf(longer);
    expect(second).not.toBe(first);
    expect(buttons(longer).filter((b) => b.custom_id.startsWith('cv1:book:')).length).toBeGreaterThan(shown);
    expect(
      buttons(longer)
        .slice(-2)
        .map((b) => b.custom_id),
    ).toEqual([`cv1:more:${second}`, `cv1:rc:${second}`]);
    const stored = await store.requests.getProposal(await tenantId(), second);
    expect(stored?.message).toMatchObject({ channelId, messageId: message.id });
  });

  it('cancel: the organiser only; the message says who cancelled it; a second click and a closed proposal are refused', async () => {
    const message = await propose();
    const first = proposalOf(message);
    await click(ben, message, `cv1:more:${first}`);
    const second = proposalOf(fake.messages.get(message.id)!);

    await click(ben, message, `cv1:rc:${second}`);
    expect(lastPrivate()).toBe('Only the organiser can cancel this request.');
    await click(ana, message, `cv1:rc:${first}`);
    expect(lastPrivate()).toBe('This proposal is already closed.');

    await click(ana, message, `cv1:rc:${second}`);
    const cancelled = fake.messages.get(message.id)!;
    expect(cancelled.content).toBe(`~~Meeting~~\nCancelled by <@${ana.id}>.`);
    expect(cancelled.components).toEqual([]);
    const proposal = await store.requests.getProposal(await tenantId(), second);
    expect((await store.requests.get(await tenantId(), proposal!.requestId))?.status).toBe('cancelled');

    await click(ana, message, `cv1:rc:${second}`);
    expect(lastPrivate()).toBe('This proposal is already closed.');
    await click(ben, message, `cv1:more:${second}`);
    expect(lastPrivate()).toBe('This proposal is closed.');
  });

  it('a booked request cannot be cancelled as a request; an unknown proposal is refused', async () => {
    const message = await propose();
    const proposalId = proposalOf(message);
    await click(ben, message, buttons(message)[0]!.custom_id);
    expect(fake.messages.get(message.id)!.content).toContain('Booked');
    // The shown confirmation is audited through the use case (the handler writes nothing itself).
    const audit = await store.audit.list(await tenantId(), { limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'booking.confirmed', actor: `discord:${ben.id}` });
    expect(audit[0]?.details).toEqual({ via: 'original', alreadyBooked: false });
    await click(ana, message, `cv1:rc:${proposalId}`);
    expect(lastPrivate()).toBe(
      'This meeting is already booked: use its “Cancel meeting” button or /meet cancel.',
    );
    await click(ana, message, 'cv1:rc:00000000-0000-4000-8000-000000000000');
    expect(lastPrivate()).toBe('This proposal no longer exists.');
  });
});
