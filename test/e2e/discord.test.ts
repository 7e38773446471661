/**
 * End to end through the Discord endpoint: three people on Google (fake), Microsoft 365 (TLS fake) and
 * a real Radicale, the store on in-memory PGlite, the real use cases and CalendarAccess, the Discord
 * REST fake delivering signed interactions.
 *
 * `/meet new` → zone asked once (select) → proposals as buttons, labelled in each person's zone → a
 * participant clicks 20 minutes later (the /meet token is dead; the click's own token is used) → booked,
 * events on all three calendars, the message edited. A click whose token dies while booking gets its
 * confirmation in the channel with the bot token. A click from another guild is refused. French in,
 * French out.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notifier } from '../../src/app/ports/calendars.ts';
import type { Person } from '../../src/app/ports/store.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/bot/discord/adapter.ts';
import { type MeetingUseCases, meetingUseCases } from '../../src/bot/discord/deps.ts';
import { CalendarAccess } from '../../src/connectors/access/calendar-access.ts';
import { CalDavProvider } from '../../src/connectors/caldav/index.ts';
import { HOUR, MINUTE } from '../../src/core/interval.ts';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../src/store/index.ts';
import { FakeDiscord, type FakeMessage, type FakeUser } from '../fakes/discord/server.ts';
import { type FakeGoogle, startFakeGoogle } from '../fakes/google/server.ts';
import { FakeMicrosoft } from '../fakes/microsoft/server.ts';
import { type RadicaleServer, startRadicale } from '../support/radicale.ts';
import { connectCaldav, connectGoogle, connectMicrosoft, fakeProviderFactory } from './harness/providers.ts';

// Monday 14 January 2030, 08:00 UTC.
const START = Date.UTC(2030, 0, 14, 8);
let now = START;
const clock = () => now;
const TUESDAY = Date.UTC(2030, 0, 15);

let store: Store;
let google: FakeGoogle;
let microsoft: FakeMicrosoft;
let radicale: RadicaleServer;
let discord: FakeDiscord;
let adapter: DiscordAdapter;
let server: Server;
let endpoint: string;
let guildId: string;
let channelId: string;
let ana: FakeUser;
let ben: FakeUser;
let chloe: FakeUser;
const accounts = { google: 'ana@acme.test', microsoft: 'ben@contoso.test', caldav: '' };
/** Set by a test: the booking takes longer than the click's 15-minute token. */
let slowBooking = false;
const logs: string[] = [];

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('e2e'),
    log: () => undefined,
  });
  const started = await startFakeGoogle({ now: clock });
  google = started.fake;
  microsoft = await FakeMicrosoft.start({ now: clock });
  radicale = await startRadicale();
  discord = await FakeDiscord.start({ now: clock });

  const guild = discord.addGuild('Acme');
  guildId = guild.id;
  channelId = discord.addChannel(guildId).id;
  ana = discord.addUser('ana', { globalName: 'Ana' });
  ben = discord.addUser('ben', { globalName: 'Ben' });
  chloe = discord.addUser('chloe', { globalName: 'Chloé' });
  for (const user of [ana, ben, chloe]) discord.addMember(guildId, user);

  // The three people, already known to Convene with their calendars (linking is tested elsewhere).
  const workspace = await store.workspaces.install({
    platform: 'discord',
    externalId: guildId,
    name: 'Acme',
  });
  const person = async (user: FakeUser, name: string): Promise<Person> =>
    (await store.people.upsertByIdentity({
      workspaceId: workspace.id,
      externalUserId: user.id,
      displayName: name,
      email: `${user.username}@example.test`,
    }))!;
  const pAna = await person(ana, 'Ana');
  const pBen = await person(ben, 'Ben');
  const pChloe = await person(chloe, 'Chloé');
  const tenantId = workspace.tenantId;

  await connectGoogle(store, started, { tenantId, personId: pAna.id }, accounts.google, START + HOUR);
  await connectMicrosoft(store, microsoft, { tenantId, personId: pBen.id }, accounts.microsoft, START + HOUR);
  accounts.caldav = await connectCaldav(store, radicale, { tenantId, personId: pChloe.id }, 'work');
  const hours = { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], overrides: [] };
  await store.preferences.set(tenantId, pBen.id, {
    timeZone: 'America/New_York',
    locale: 'en-US',
    workingHours: hours,
  });
  await store.preferences.set(tenantId, pChloe.id, {
    timeZone: 'Europe/London',
    locale: 'fr-FR',
    workingHours: hours,
  });
  // Ana has no zone yet: Discord has none, Convene asks once.

  // Tuesday, the only common hours are 14:00–16:00 UTC; each calendar blocks half an hour of it.
  google.seed(accounts.google, [{ id: 'anabusy', start: TUESDAY + 14 * HOUR, end: TUESDAY + 14.5 * HOUR }]);
  microsoft.seed(accounts.microsoft, [
    { title: 'private', start: TUESDAY + 14.5 * HOUR, end: TUESDAY + 15 * HOUR },
  ]);
  await caldav().createEvent({
    idempotencyKey: 'chloe-busy',
    calendarId: accounts.caldav,
    title: 'dentist',
    start: TUESDAY + 15 * HOUR,
    end: TUESDAY + 15.5 * HOUR,
    timeZone: 'Europe/London',
    attendees: [],
    conference: false,
  });

  const providers = fakeProviderFactory({
    clock,
    caldav: { allowedNetworks: ['127.0.0.1/32'] }, // Radicale is on loopback: past the address guard
    google: started,
    microsoft,
  });
  const notifier: Notifier = { dm: async () => ({ ok: true }) };
  const calendars = new CalendarAccess({ connections: store.connections, providers, notifier, clock });
  const base = meetingUseCases({ store, busy: calendars, writer: calendars });
  const meetings: MeetingUseCases = {
    request: base.request,
    async book(input) {
      const result = await base.book(input);
      if (slowBooking) now += 16 * MINUTE;
      return result;
    },
  };
  adapter = createDiscordAdapter(
    { store, meetings, clock, log: (line) => logs.push(line) },
    {
      publicKey: discord.publicKey,
      applicationId: discord.applicationId,
      botToken: discord.botToken,
      api: discord.api,
    },
  );
  const app = express();
  app.use(adapter.router);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
}, 120_000);

afterAll(async () => {
  await adapter?.idle();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await discord?.close();
  await google?.stop();
  await microsoft?.close();
  await radicale?.stop();
  await store?.close();
});

function caldav(): CalDavProvider {
  return new CalDavProvider({
    // Test servers listen on loopback: opt it in past the address guard.
    allowedNetworks: ['127.0.0.1/32'],
    serverUrl: radicale.url,
    credentials: { type: 'basic', username: radicale.username, password: radicale.password },
    now: clock,
  });
}

function buttons(message: FakeMessage): { custom_id: string; label: string }[] {
  return (message.components as { components: { custom_id: string; label: string }[] }[]).flatMap(
    (r) => r.components,
  );
}

async function meet(user: FakeUser, request: string, withUsers: FakeUser[], locale = 'en-GB') {
  const payload = discord.commandInteraction({
    guildId,
    channelId,
    user,
    locale,
    subcommand: 'new',
    options: [
      { name: 'request', type: 3, value: request },
      ...withUsers.map((u, i) => ({ name: i === 0 ? 'with' : `with${i + 1}`, type: 9, value: u.id })),
    ],
    resolved: discord.resolvedFor(
      guildId,
      withUsers.map((u) => u.id),
    ),
  });
  const delivered = await discord.deliver(endpoint, payload);
  expect(delivered.status).toBe(200);
  expect(delivered.body).toEqual({ type: 5 });
  await adapter.idle();
  return delivered.interaction;
}

async function click(
  user: FakeUser,
  message: FakeMessage,
  customId: string,
  values?: string[],
  locale = 'en-GB',
) {
  const delivered = await discord.deliver(
    endpoint,
    discord.componentInteraction({
      guildId,
      user,
      locale,
      messageId: message.id,
      customId,
      ...(values ? { values } : {}),
    }),
  );
  expect(delivered.body).toEqual({ type: 6 });
  await adapter.idle();
  return delivered.interaction;
}

describe('Discord end to end', () => {
  let proposals: FakeMessage;
  let bookId = '';

  it('asks the zone once, then proposes the one common slot with each person’s own-zone time', async () => {
    const interaction = await meet(ana, '30 min tomorrow', [ben, chloe]);
    const picker = discord.original(interaction.id)!;
    expect(picker.content).toContain('time zone');
    expect(buttons(picker)[0]?.custom_id).toBe('cv1:zone');
    // Somebody else cannot answer Ana's question.
    await click(ben, picker, 'cv1:zone', ['America/New_York']);
    const refusal = discord.channelMessages(channelId).at(-1)!;
    expect(refusal).toMatchObject({ flags: 64, via: 'interaction' });
    expect(refusal.content).toContain('person who typed the request');

    await click(ana, picker, 'cv1:zone', ['Europe/Paris']);
    proposals = discord.messages.get(picker.id)!;
    const slots = buttons(proposals).filter((b) => b.custom_id.startsWith('cv1:book:'));
    expect(slots).toHaveLength(1);
    // Under the slots: more times and cancel, ids only.
    expect(
      buttons(proposals)
        .slice(1)
        .map((b) => b.label),
    ).toEqual(['More times', 'Cancel']);
    expect(slots[0]?.label).toBe('1. Tue 15 Jan, 16:30–17:00 (Paris time)');
    expect(slots[0]?.custom_id).toMatch(/^cv1:book:[0-9a-f-]{36}:1$/);
    bookId = slots[0]?.custom_id ?? '';
    expect(proposals.content).toContain('Ben: Tue 15 Jan, 10:30–11:00 (New York time)');
    expect(proposals.content).toContain('Chloé: Tue 15 Jan, 15:30–16:00 (London time)');
    const stored = await store.people.findByIdentity(
      (await store.workspaces.findByExternalId('discord', guildId))!.id,
      ana.id,
    );
    expect((await store.preferences.get(stored!.tenantId, stored!.id))?.timeZone).toBe('Europe/Paris');
  });

  it('books on all three calendars when a participant clicks 20 minutes later, editing the message', async () => {
    now += 20 * MINUTE; // the /meet token is now dead; the click brings its own
    await click(ben, proposals, bookId);
    const edited = discord.messages.get(proposals.id)!;
    expect(edited.content).toContain(
      'Booked: “Meeting”, Tue 15 Jan, 16:30–17:00 (Paris time), with Ana, Ben and Chloé.',
    );
    // The slot buttons are gone; the meeting's own buttons (reschedule, cancel) remain.
    expect(buttons(edited).map((b) => b.custom_id.split(':')[1])).toEqual(['mr', 'mc']);
    const start = TUESDAY + 15.5 * HOUR;
    expect(google.stored(accounts.google).filter((e) => e.start === start)).toHaveLength(1);
    expect(microsoft.storedEvents(accounts.microsoft).filter((e) => e.start === start)).toHaveLength(1);
    const busy = await caldav().getBusy({
      calendarIds: [accounts.caldav],
      range: { start, end: start + 30 * MINUTE },
    });
    expect(busy.calendars[accounts.caldav]).toMatchObject({ busy: [{ start, end: start + 30 * MINUTE }] });
  });

  it('refuses a click on this proposal from another guild', async () => {
    const other = discord.addGuild('Other');
    const otherChannel = discord.addChannel(other.id);
    const mallory = discord.addUser('mallory');
    discord.addMember(other.id, mallory);
    const components = [{ type: 1, components: [{ type: 2, style: 1, label: 'steal', custom_id: bookId }] }];
    const copy = await adapter.api.sendMessage(otherChannel.id, { content: 'copy', components });
    const before = google.stored(accounts.google).length;
    const delivered = await discord.deliver(
      endpoint,
      discord.componentInteraction({
        guildId: other.id,
        user: mallory,
        messageId: copy.id,
        customId: bookId,
      }),
    );
    await adapter.idle();
    expect(delivered.body).toEqual({ type: 6 });
    const answer = discord.channelMessages(otherChannel.id).at(-1)!;
    expect(answer).toMatchObject({ flags: 64 });
    expect(answer.content).toContain('another server');
    expect(google.stored(accounts.google)).toHaveLength(before);
  });

  it('in French: a click whose token dies while booking gets its confirmation in the channel', async () => {
    const interaction = await meet(ana, 'point de 30 min mercredi', [ben, chloe], 'fr');
    const message = discord.original(interaction.id)!;
    const first = buttons(message)[0]!;
    expect(first.label).toMatch(/^1\. mer\. 16 janv\., \d\d:\d\d–\d\d:\d\d \(heure de Paris\)$/);
    slowBooking = true;
    try {
      await click(chloe, message, first.custom_id, undefined, 'fr');
    } finally {
      slowBooking = false;
    }
    const latest = discord.channelMessages(channelId).at(-1)!;
    expect(latest.via).toBe('bot');
    expect(latest.content).toContain('Réservé : « Réunion », mer. 16 janv.');
    // The proposals lost their buttons through the bot-token edit.
    expect(discord.messages.get(message.id)!.components).toEqual([]);
    expect(logs.some((l) => l.includes('token expired'))).toBe(true);
    expect(logs.join('\n')).not.toContain(discord.botToken);
  });
});
