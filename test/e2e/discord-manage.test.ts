/**
 * Cancel and reschedule from Discord, end to end: Ana's calendar on the Google fake, Ben's on the
 * Microsoft 365 fake, Chloé without one; the store on PGlite, the real use cases, CalendarAccess and
 * outbox worker; the Discord REST fake delivering signed interactions.
 *
 * The confirmation carries "Reschedule" and "Cancel meeting"; cancelling asks first (ephemeral), then
 * the message says who cancelled and the outbox deletes the events; rescheduling offers new times
 * privately and moves the SAME provider events; the others are DMed and the channel gets a reply to the
 * meeting's message. Outsiders and forged ids of another tenant change nothing. `/meet cancel` lists the
 * caller's meetings (in French too); DM buttons reach their registered handler.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutboxOnce } from '../../src/app/outbox.ts';
import type { DmActionHandler, MeetingThreads, Notifier } from '../../src/app/ports/calendars.ts';
import type { Person, Workspace } from '../../src/app/ports/store.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/bot/discord/adapter.ts';
import { manageUseCases, meetingUseCases, seriesUseCases } from '../../src/bot/discord/deps.ts';
import { createDiscordNotifier } from '../../src/bot/discord/notifier.ts';
import { createDiscordThreads } from '../../src/bot/discord/threads.ts';
import { CalendarAccess } from '../../src/connectors/access/calendar-access.ts';
import { HOUR } from '../../src/core/interval.ts';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../src/store/index.ts';
import { FakeDiscord, type FakeMessage, type FakeUser } from '../fakes/discord/server.ts';
import { type FakeGoogle, startFakeGoogle } from '../fakes/google/server.ts';
import { FakeMicrosoft } from '../fakes/microsoft/server.ts';
import { connectGoogle, connectMicrosoft, fakeProviderFactory } from './harness/providers.ts';

// Monday 14 January 2030, 08:00 UTC.
const START = Date.UTC(2030, 0, 14, 8);
/** The clock of every part (store use cases, adapter, fakes): START, unless a test moves it (and puts it back). */
let now = START;
const clock = () => now;
const accounts = { google: 'ana@acme.test', microsoft: 'ben@contoso.test' };

let store: Store;
let google: FakeGoogle;
let microsoft: FakeMicrosoft;
let discord: FakeDiscord;
let adapter: DiscordAdapter;
let server: Server;
let endpoint: string;
let guildId: string;
let channelId: string;
let workspace: Workspace;
let calendars: CalendarAccess;
let notifier: Notifier;
const users: Record<string, FakeUser> = {};
const people: Record<string, Person> = {};
const dms: { personId: string; text: string }[] = [];
const handled: unknown[] = [];
const dmActions: Record<string, DmActionHandler> = {
  'test.ping': async (input) => {
    handled.push(input);
    return { text: `Done: ${input.value}` };
  },
};

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('e2e'),
    log: () => undefined,
  });
  const started = await startFakeGoogle({ now: clock });
  google = started.fake;
  microsoft = await FakeMicrosoft.start({ now: clock });
  discord = await FakeDiscord.start({ now: clock });
  guildId = discord.addGuild('Acme').id;
  channelId = discord.addChannel(guildId).id;
  workspace = await store.workspaces.install({ platform: 'discord', externalId: guildId, name: 'Acme' });
  const hours = { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], overrides: [] };
  for (const [name, zone] of [
    ['Ana', 'Europe/Paris'],
    ['Ben', 'America/New_York'],
    ['Chloé', 'Europe/London'],
    ['Zed', 'Europe/Paris'],
  ] as const) {
    const user = discord.addUser(name.toLowerCase(), { globalName: name });
    discord.addMember(guildId, user);
    users[name] = user;
    const person = (await store.people.upsertByIdentity({
      workspaceId: workspace.id,
      externalUserId: user.id,
      displayName: name,
    }))!;
    people[name] = person;
    await store.preferences.set(workspace.tenantId, person.id, {
      timeZone: zone,
      locale: 'en-GB',
      workingHours: hours,
    });
  }
  const tenantId = workspace.tenantId;
  await connectGoogle(store, started, { tenantId, personId: people.Ana!.id }, accounts.google, START + HOUR);
  await connectMicrosoft(
    store,
    microsoft,
    { tenantId, personId: people.Ben!.id },
    accounts.microsoft,
    START + HOUR,
  );
  const providers = fakeProviderFactory({
    clock,
    google: started,
    microsoft,
  });
  let discordNotifier: Notifier | undefined;
  let discordThreads: MeetingThreads | undefined;
  notifier = {
    async dm(t, personId, message) {
      dms.push({ personId, text: message.text });
      return discordNotifier ? discordNotifier.dm(t, personId, message) : { ok: false, code: 'not_ready' };
    },
  };
  const threads: MeetingThreads = {
    note: async (t, b, text) =>
      discordThreads ? discordThreads.note(t, b, text) : { ok: false, code: 'not_ready' },
  };
  calendars = new CalendarAccess({ connections: store.connections, providers, notifier, clock });
  adapter = createDiscordAdapter(
    {
      store,
      meetings: meetingUseCases({ store, busy: calendars, writer: calendars }),
      manage: manageUseCases({ store, busy: calendars, notifier, threads }),
      series: seriesUseCases({ store, busy: calendars, notifier }),
      dmActions,
      clock,
      log: () => undefined,
    },
    {
      publicKey: discord.publicKey,
      applicationId: discord.applicationId,
      botToken: discord.botToken,
      api: discord.api,
    },
  );
  discordNotifier = createDiscordNotifier(store.people, adapter.api);
  discordThreads = createDiscordThreads(store, adapter.api);
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
  await discord?.close();
  await google?.stop();
  await microsoft?.close();
  await store?.close();
});

function buttons(message: FakeMessage): { custom_id: string; label: string }[] {
  return (message.components as { components: { custom_id: string; label: string }[] }[]).flatMap(
    (r) => r.components,
  );
}

async function command(
  user: FakeUser,
  subcommand: string,
  options: { name: string; type: number; value: string }[] = [],
  locale = 'en-GB',
  resolved?: Record<string, unknown>,
) {
  const delivered = await discord.deliver(
    endpoint,
    discord.commandInteraction({
      guildId,
      channelId,
      user,
      locale,
      subcommand,
      options,
      ...(resolved ? { resolved } : {}),
    }),
  );
  expect(delivered.status).toBe(200);
  await adapter.idle();
  return delivered.interaction;
}

async function click(
  user: FakeUser,
  message: FakeMessage,
  customId: string,
  options: { locale?: string; guild?: string | null } = {},
) {
  const delivered = await discord.deliver(
    endpoint,
    discord.componentInteraction({
      guildId: options.guild === undefined ? guildId : options.guild,
      user,
      locale: options.locale ?? 'en-GB',
      messageId: message.id,
      customId,
    }),
  );
  expect(delivered.body).toEqual({ type: 6 });
  await adapter.idle();
  return delivered.interaction;
}

const latest = (channel = channelId) => discord.channelMessages(channel).at(-1)!;

async function drainOutbox() {
  for (let i = 0; i < 5; i++) {
    const run = await runOutboxOnce(
      { store, writer: calendars, notifier, log: () => undefined },
      { worker: 'test', now: now + 2 * HOUR },
    );
    if (run.claimed === 0) return;
  }
}

/** Ana asks for 30 min with Ben and Chloé; Ben books the first slot: the confirmation message. */
async function book(title: string) {
  const interaction = await command(
    users.Ana!,
    'new',
    [
      { name: 'request', type: 3, value: `30 min next week "${title}"` },
      { name: 'with', type: 9, value: users.Ben!.id },
      { name: 'with2', type: 9, value: users.Chloé!.id },
    ],
    'en-GB',
    discord.resolvedFor(guildId, [users.Ben!.id, users.Chloé!.id]),
  );
  const proposals = discord.original(interaction.id)!;
  await click(users.Ben!, proposals, buttons(proposals)[0]!.custom_id);
  const message = discord.messages.get(proposals.id)!;
  const bookingId = buttons(message)
    .find((b) => b.custom_id.startsWith('cv1:mc:'))!
    .custom_id.split(':')[2]!;
  return { message, bookingId };
}

describe('Discord: cancel and reschedule a booked meeting', () => {
  it('the confirmation has Reschedule and Cancel meeting; an outsider and a forged id of another tenant are refused', async () => {
    const { message, bookingId } = await book('Sync');
    expect(buttons(message)).toEqual([
      expect.objectContaining({ label: 'Reschedule', custom_id: `cv1:mr:${bookingId}` }),
      expect.objectContaining({ label: 'Cancel meeting', custom_id: `cv1:mc:${bookingId}` }),
    ]);
    await click(users.Zed!, message, `cv1:mc:${bookingId}`);
    expect(latest()).toMatchObject({ flags: 64, via: 'interaction' });
    expect(latest().content).toBe('Only the organiser or a participant of this meeting can change it.');
    // Skipping the confirmation step does not help.
    await click(users.Zed!, message, `cv1:mcy:${bookingId}`);
    expect(latest().content).toBe('Only the organiser or a participant of this meeting can change it.');

    const other = await store.workspaces.install({
      platform: 'discord',
      externalId: '999999999999999999',
      name: 'Other',
    });
    const stranger = await store.people.upsertByIdentity({
      workspaceId: other.id,
      externalUserId: '1',
      displayName: 'S',
    });
    const foreign = await store.bookings.bookSlot({
      tenantId: other.tenantId,
      people: [stranger!.id],
      start: START + 30 * HOUR,
      end: START + 31 * HOUR,
      title: 'Theirs',
      idempotencyKey: 'foreign',
      organizerId: stranger!.id,
    });
    if (!foreign.ok) throw new Error('seed');
    const forged = await adapter.api.sendMessage(channelId, {
      content: 'forged',
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 4, label: 'x', custom_id: `cv1:mcy:${foreign.booking.id}` },
            { type: 2, style: 1, label: 'y', custom_id: `cv1:mt:${foreign.booking.id}:${START + 50 * HOUR}` },
          ],
        },
      ],
    });
    const forgedMessage = discord.messages.get(forged.id)!;
    for (const id of buttons(forgedMessage).map((b) => b.custom_id)) {
      await click(users.Ana!, forgedMessage, id);
      expect(latest().content).toBe('This meeting no longer exists.');
    }
    expect((await store.bookings.get(other.tenantId, foreign.booking.id))?.status).toBe('booked');
    expect((await store.bookings.get(workspace.tenantId, bookingId))?.status).toBe('booked');
  });

  it('reschedule: new times privately; a pick moves the same provider events, edits the message, DMs the others and replies in the channel', async () => {
    const { message, bookingId } = await book('Roadmap');
    const before = (await store.bookings.get(workspace.tenantId, bookingId))!;
    const eventIds = before.events
      .filter((e) => e.status === 'created')
      .map((e) => e.providerEventId!)
      .sort();
    expect(eventIds).toHaveLength(2);
    const counts = [google.stored(accounts.google).length, microsoft.storedEvents(accounts.microsoft).length];

    await click(users.Chloé!, message, `cv1:mr:${bookingId}`);
    const options = latest();
    expect(options.flags).toBe(64);
    const moves = buttons(options).filter((b) => b.custom_id.startsWith(`cv1:mt:${bookingId}:`));
    expect(moves.length).toBeGreaterThan(0);
    const newStart = Number(moves[0]!.custom_id.split(':')[3]);
    expect(moves.map((b) => Number(b.custom_id.split(':')[3]))).not.toContain(before.start);
    dms.length = 0;
    await click(users.Chloé!, options, moves[0]!.custom_id);

    const edited = discord.messages.get(message.id)!;
    expect(edited.content).toMatch(/^✅ \*\*Moved: “Roadmap” to /);
    expect(edited.content).toContain(`Moved by <@${users.Chloé!.id}>.`);
    expect(edited.content).toContain('(New York time)');
    expect(buttons(edited).map((b) => b.label)).toEqual(['Reschedule', 'Cancel meeting']);
    expect(discord.messages.get(options.id)!.components).toEqual([]);
    expect(discord.messages.get(options.id)!.content).toMatch(/^Moved: “Roadmap”/);
    const after = (await store.bookings.get(workspace.tenantId, bookingId))!;
    expect([after.start, after.end]).toEqual([newStart, newStart + 30 * 60_000]);
    expect(dms.map((d) => d.personId).sort()).toEqual([people.Ana!.id, people.Ben!.id].sort());
    const note = discord.channelMessages(channelId).find((m) => m.replyTo === message.id)!;
    expect(note.via).toBe('bot');
    expect(note.content).toMatch(/^Chloé moved this meeting to /);

    await drainOutbox();
    expect([
      google.stored(accounts.google).length,
      microsoft.storedEvents(accounts.microsoft).length,
    ]).toEqual(counts);
    const g = google.stored(accounts.google).find((e) => eventIds.includes(e.id));
    const ms = microsoft.storedEvents(accounts.microsoft).find((e) => eventIds.includes(e.id));
    expect([g?.start, ms?.start]).toEqual([newStart, newStart]);
  });

  it('/meet cancel lists the caller’s meetings with their buttons; in French too', async () => {
    const interaction = await command(users.Ben!, 'cancel');
    const list = discord.original(interaction.id)!;
    expect(list.flags).toBe(64);
    expect(list.content).toContain('Your upcoming meetings: which one to cancel?');
    expect(list.content).toContain('Sync');
    expect(
      buttons(list)
        .map((b) => b.label)
        .slice(0, 2),
    ).toEqual(['1. Reschedule', '1. Cancel meeting']);
    const fr = discord.original((await command(users.Ben!, 'reschedule', [], 'fr')).id)!;
    expect(fr.content).toContain('Vos prochaines réunions : laquelle replanifier ?');
    expect(
      buttons(fr)
        .map((b) => b.label)
        .slice(0, 2),
    ).toEqual(['1. Replanifier', '1. Annuler la réunion']);
    const none = discord.original((await command(users.Zed!, 'cancel')).id)!;
    expect(none.content).toBe('You have no upcoming meetings booked through Convene.');
    const help = await discord.deliver(
      endpoint,
      discord.commandInteraction({ guildId, channelId, user: users.Zed!, locale: 'fr', subcommand: 'help' }),
    );
    // A French Discord client shows the French command names registered in src/bot/discord/commands.ts.
    expect(JSON.stringify(help.body)).toContain('/meet annuler');
  });

  it('cancel: a confirmation step, then "Cancelled by", the events deleted by the outbox, the others DMed, a reply in the channel', async () => {
    const { message, bookingId } = await book('Retro');
    const eventIds = (await store.bookings.get(workspace.tenantId, bookingId))!.events
      .filter((e) => e.status === 'created')
      .map((e) => e.providerEventId!);
    await click(users.Ana!, message, `cv1:mc:${bookingId}`, { locale: 'fr' });
    const confirm = latest();
    expect(confirm.flags).toBe(64);
    expect(confirm.content).toMatch(/^Annuler « Retro » \?/);
    expect(buttons(confirm)).toEqual([
      expect.objectContaining({ label: 'Oui, annuler la réunion', custom_id: `cv1:mcy:${bookingId}` }),
    ]);
    expect((await store.bookings.get(workspace.tenantId, bookingId))?.status).toBe('booked');
    dms.length = 0;
    await click(users.Ana!, confirm, `cv1:mcy:${bookingId}`, { locale: 'fr' });
    const edited = discord.messages.get(message.id)!;
    expect(edited.content).toMatch(/^~~Annulé : « Retro »/);
    expect(edited.content).toContain(`Annulée par <@${users.Ana!.id}>.`);
    expect(edited.components).toEqual([]);
    expect(discord.messages.get(confirm.id)!.components).toEqual([]);
    expect((await store.bookings.get(workspace.tenantId, bookingId))?.status).toBe('cancelled');
    expect(dms.map((d) => d.personId).sort()).toEqual([people.Ben!.id, people.Chloé!.id].sort());
    expect(discord.channelMessages(channelId).find((m) => m.replyTo === message.id)?.content).toMatch(
      /^Ana a annulé cette réunion/,
    );
    await drainOutbox();
    expect(google.stored(accounts.google).some((e) => eventIds.includes(e.id))).toBe(false);
    expect(microsoft.storedEvents(accounts.microsoft).some((e) => eventIds.includes(e.id))).toBe(false);
  });

  it('DM buttons: a registered action runs for the clicking person, its buttons replaced; an unknown one is refused politely', async () => {
    const sent = await notifier.dm(workspace.tenantId, people.Ana!.id, {
      text: 'Your calendar moved “Sync”.',
      actions: [
        { action: 'test.ping', value: 'b-1', label: 'Follow', style: 'primary' },
        { action: 'nobody.home', value: 'x', label: 'Unknown' },
      ],
    });
    expect(sent).toEqual({ ok: true });
    const dmChannel = [...discord.channels.values()].find((c) => c.recipientId === users.Ana!.id)!;
    const dm = latest(dmChannel.id);
    expect(buttons(dm).map((b) => b.custom_id)).toEqual(['dm:test.ping:b-1', 'dm:nobody.home:x']);
    await click(users.Ana!, dm, 'dm:nobody.home:x', { guild: null });
    expect(latest(dmChannel.id)).toMatchObject({ flags: 64 });
    expect(latest(dmChannel.id).content).toMatch(/no longer supported: nothing was done/);
    expect(handled).toEqual([]);
    await click(users.Ana!, dm, 'dm:test.ping:b-1', { guild: null });
    expect(handled).toEqual([
      { tenantId: workspace.tenantId, actorPersonId: people.Ana!.id, value: 'b-1', now: START },
    ]);
    const edited = discord.messages.get(dm.id)!;
    expect(edited.components).toEqual([]);
    expect(edited.content).toBe('Your calendar moved “Sync”.\n\nDone: b-1');
  });
});

describe('Discord: one occurrence of a series (issue #22)', () => {
  const WEEK = 7 * 24 * HOUR;

  /** Ana's (Google) and Ben's (Microsoft) busy state at each start, read fresh from the fakes. */
  async function busyAt(starts: readonly number[]) {
    const read = await calendars.busyFor(
      workspace.tenantId,
      [people.Ana!.id, people.Ben!.id],
      { start: starts[0]!, end: starts.at(-1)! + HOUR },
      { fresh: true },
    );
    return read.people.map((p) =>
      starts.map((s) => (p.busy.some((b) => b.start <= s && b.end > s) ? 'busy' : 'free')),
    );
  }

  it('/meet cancel offers cancelling one date only and ending the series after it; each changes the provider series', async () => {
    const interaction = await command(
      users.Ana!,
      'new',
      [
        { name: 'request', type: 3, value: '30 min every tuesday "Weekly"' },
        { name: 'with', type: 9, value: users.Ben!.id },
      ],
      'en-GB',
      discord.resolvedFor(guildId, [users.Ben!.id]),
    );
    const proposals = discord.original(interaction.id)!;
    await click(users.Ben!, proposals, buttons(proposals)[0]!.custom_id);
    const message = discord.messages.get(proposals.id)!;
    const bookingId = buttons(message)
      .find((b) => b.custom_id.startsWith('cv1:mc:'))!
      .custom_id.split(':')[2]!;
    const booking = (await store.bookings.get(workspace.tenantId, bookingId))!;
    expect(new Date(booking.start).toISOString().slice(0, 10)).toBe('2030-01-15');
    const starts = [booking.start, booking.start + WEEK, booking.start + 2 * WEEK];
    expect(await busyAt(starts)).toEqual([
      ['busy', 'busy', 'busy'],
      ['busy', 'busy', 'busy'],
    ]);

    const list = discord.original((await command(users.Ben!, 'cancel')).id)!;
    const mine = buttons(list).filter((b) => b.custom_id.includes(bookingId));
    expect(mine.map((b) => b.custom_id)).toEqual([
      `cv1:mr:${bookingId}`,
      `cv1:mc:${bookingId}`,
      `cv1:om:${bookingId}:${starts[0]}`,
      `cv1:oc:${bookingId}:${starts[0]}`,
      `cv1:oe:${bookingId}:${starts[1]}`,
    ]);
    expect(mine[2]!.label).toMatch(/^\d\. Move Tue 15 Jan only$/);
    expect(mine[3]!.label).toMatch(/^\d\. Cancel Tue 15 Jan only$/);
    expect(mine[4]!.label).toMatch(/^\d\. End the series after Tue 15 Jan$/);

    // Zed is not in the meeting; a forged start is not an occurrence: refused, nothing queued.
    await click(users.Zed!, list, `cv1:oc:${bookingId}:${starts[0]}`);
    expect(latest().content).toBe('Only the organiser or a participant of this meeting can change it.');
    await click(users.Ben!, list, `cv1:oc:${bookingId}:${starts[0]! + 60_000}`);
    expect(latest().content).toBe('The series has no meeting at that time: pick one of its dates.');
    await drainOutbox();
    expect(await busyAt(starts)).toEqual([
      ['busy', 'busy', 'busy'],
      ['busy', 'busy', 'busy'],
    ]);

    dms.length = 0;
    await click(users.Ben!, list, `cv1:oc:${bookingId}:${starts[0]}`);
    expect(discord.messages.get(list.id)!.content).toMatch(/^Cancelled: “Weekly” on Tue 15 Jan.* only\./);
    expect(dms.map((d) => d.personId)).toEqual([people.Ana!.id]);
    await drainOutbox();
    expect(await busyAt(starts)).toEqual([
      ['free', 'busy', 'busy'],
      ['free', 'busy', 'busy'],
    ]);

    // Listed again (in French): the cancelled 15 January is no longer offered; the 22nd is next.
    const again = discord.original((await command(users.Ben!, 'cancel', [], 'fr')).id)!;
    const fr = buttons(again).filter((b) => b.custom_id.includes(bookingId));
    expect(fr.slice(2).map((b) => b.custom_id)).toEqual([
      `cv1:om:${bookingId}:${starts[1]}`,
      `cv1:oc:${bookingId}:${starts[1]}`,
      `cv1:oe:${bookingId}:${starts[2]}`,
    ]);
    expect(fr[2]!.label).toMatch(/^\d\. Déplacer le mar\.? 22 janv\.? seulement$/);
    expect(fr[3]!.label).toMatch(/^\d\. Annuler le mar\.? 22 janv\.? seulement$/);
    expect(fr[4]!.label).toMatch(/^\d\. Arrêter la série après le mar\.? 22 janv\.?$/);
    await click(users.Ben!, again, fr[4]!.custom_id, { locale: 'fr' });
    expect(discord.messages.get(again.id)!.content).toMatch(
      /^« Weekly » s’arrête : les réunions à partir du mar\.? 29 janv\.?.* sont annulées\./,
    );
    await drainOutbox();
    expect(await busyAt(starts)).toEqual([
      ['free', 'busy', 'free'],
      ['free', 'busy', 'free'],
    ]);
    expect((await store.bookings.get(workspace.tenantId, bookingId))?.status).toBe('booked');
  }, 60_000);

  it('/meet reschedule offers moving one date only: new times privately, a pick overrides that occurrence in the provider series', async () => {
    const interaction = await command(
      users.Ana!,
      'new',
      [
        { name: 'request', type: 3, value: '30 min every thursday "Thursday"' },
        { name: 'with', type: 9, value: users.Ben!.id },
      ],
      'en-GB',
      discord.resolvedFor(guildId, [users.Ben!.id]),
    );
    const proposals = discord.original(interaction.id)!;
    await click(users.Ben!, proposals, buttons(proposals)[0]!.custom_id);
    const bookingId = buttons(discord.messages.get(proposals.id)!)
      .find((b) => b.custom_id.startsWith('cv1:mc:'))!
      .custom_id.split(':')[2]!;
    const first = (await store.bookings.get(workspace.tenantId, bookingId))!.start;
    expect(new Date(first).toISOString().slice(0, 10)).toBe('2030-01-17');
    await drainOutbox();
    const series = () => [
      google.stored(accounts.google).filter((e) => !e.recurringEventId).length,
      microsoft.storedEvents(accounts.microsoft).length,
    ];
    const counts = series();

    const list = discord.original((await command(users.Ben!, 'reschedule')).id)!;
    const move = buttons(list).find((b) => b.custom_id.startsWith(`cv1:om:${bookingId}:`))!;
    expect(move.custom_id).toBe(`cv1:om:${bookingId}:${first}`);
    expect(move.label).toMatch(/^\d\. Move Thu 17 Jan only$/);
    // Zed is not in the meeting: refused, no times.
    await click(users.Zed!, list, move.custom_id);
    expect(latest().content).toBe('Only the organiser or a participant of this meeting can change it.');

    await click(users.Ben!, list, move.custom_id);
    const options = latest();
    expect(options.flags).toBe(64);
    const picks = buttons(options).filter((b) => b.custom_id.startsWith(`cv1:ot:${bookingId}:${first}:`));
    expect(picks.length).toBeGreaterThan(0);
    for (const b of picks) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    const newStart = Number(picks[0]!.custom_id.split(':')[4]);
    expect(new Date(newStart).toISOString().slice(0, 10)).toBe('2030-01-17');
    expect(newStart).not.toBe(first);
    dms.length = 0;
    await click(users.Ben!, options, picks[0]!.custom_id);
    const answered = discord.messages.get(options.id)!;
    expect(answered.content).toMatch(/^Moved: “Thursday” of Thu 17 Jan.* \(this meeting only\)\.$/);
    expect(answered.components).toEqual([]);
    expect(dms.map((d) => d.personId)).toEqual([people.Ana!.id]);

    await drainOutbox();
    // The same series events (no new single event), that occurrence overridden: old time free, new busy.
    expect(series()).toEqual(counts);
    expect(await busyAt([first, newStart, first + WEEK])).toEqual([
      ['free', 'busy', 'busy'],
      ['free', 'busy', 'busy'],
    ]);
  }, 60_000);

  it('/meet reschedule offers moving a date and the following ones: new times privately, a pick splits the provider series there', async () => {
    const interaction = await command(
      users.Ana!,
      'new',
      [
        { name: 'request', type: 3, value: '30 min every wednesday "Wednesday"' },
        { name: 'with', type: 9, value: users.Ben!.id },
      ],
      'en-GB',
      discord.resolvedFor(guildId, [users.Ben!.id]),
    );
    const proposals = discord.original(interaction.id)!;
    await click(users.Ben!, proposals, buttons(proposals)[0]!.custom_id);
    const bookingId = buttons(discord.messages.get(proposals.id)!)
      .find((b) => b.custom_id.startsWith('cv1:mc:'))!
      .custom_id.split(':')[2]!;
    const first = (await store.bookings.get(workspace.tenantId, bookingId))!.start;
    expect(new Date(first).toISOString().slice(0, 10)).toBe('2030-01-16');
    await drainOutbox();
    const masters = () => [
      google.stored(accounts.google).filter((e) => !e.recurringEventId && e.recurrence).length,
      microsoft.storedEvents(accounts.microsoft).filter((e) => e.recurrence).length,
    ];
    const before = masters();
    // Before the first date has passed there is nothing earlier to keep: the whole-series reschedule does it.
    let list = discord.original((await command(users.Ben!, 'reschedule')).id)!;
    expect(buttons(list).filter((b) => b.custom_id.startsWith(`cv1:of:${bookingId}:`))).toEqual([]);

    now = first + 2 * HOUR; // Wednesday 16 January has passed: the 23rd is next.
    try {
      const second = first + WEEK;
      list = discord.original((await command(users.Ben!, 'reschedule')).id)!;
      const mine = buttons(list).filter((b) => b.custom_id.includes(bookingId));
      // Begun, the series is no longer moved whole: no "Reschedule", so the five of a row are its dates'.
      expect(mine.map((b) => b.custom_id)).toEqual([
        `cv1:mc:${bookingId}`,
        `cv1:om:${bookingId}:${second}`,
        `cv1:of:${bookingId}:${second}`,
        `cv1:oc:${bookingId}:${second}`,
        `cv1:oe:${bookingId}:${second + WEEK}`,
      ]);
      expect(mine[2]!.label).toMatch(/^\d\. Move Wed 23 Jan and following$/);
      // Zed is not in the meeting: refused, no times.
      await click(users.Zed!, list, mine[2]!.custom_id);
      expect(latest().content).toBe('Only the organiser or a participant of this meeting can change it.');

      await click(users.Ben!, list, mine[2]!.custom_id);
      const options = latest();
      expect(options.flags).toBe(64);
      expect(options.content).toMatch(
        /^\*\*New times for “Wednesday” from Wed 23 Jan on, this meeting and the following ones/,
      );
      expect(options.content).toMatch(/free on (all )?\d+/);
      const picks = buttons(options).filter((b) => b.custom_id.startsWith(`cv1:ft:${bookingId}:${second}:`));
      expect(picks.length).toBeGreaterThan(0);
      for (const b of picks) expect(b.custom_id.length).toBeLessThanOrEqual(100);
      const newStart = Number(picks[0]!.custom_id.split(':')[4]);
      expect(new Date(newStart).toISOString().slice(0, 10)).toBe('2030-01-23');
      expect(newStart).not.toBe(second);
      dms.length = 0;
      await click(users.Ben!, options, picks[0]!.custom_id);
      const answered = discord.messages.get(options.id)!;
      expect(answered.content).toMatch(
        /^Moved: “Wednesday” from Wed 23 Jan.* on to Wed 23 Jan.*, this meeting and the following ones \(.+\)\. The earlier meetings stay\./,
      );
      expect(answered.components).toEqual([]);
      expect(dms.map((d) => d.personId)).toEqual([people.Ana!.id]);
      // A repeated click does nothing twice.
      await click(users.Ben!, options, picks[0]!.custom_id);
      await drainOutbox();
      // One more recurring event per calendar (the new series from the 23rd); the old one ends before it.
      expect(masters()).toEqual(before.map((n) => n + 1));
      const shift = newStart - second;
      expect(await busyAt([first, second, second + shift, second + WEEK, second + WEEK + shift])).toEqual([
        ['busy', 'free', 'busy', 'free', 'busy'],
        ['busy', 'free', 'busy', 'free', 'busy'],
      ]);
    } finally {
      now = START;
    }
  }, 60_000);
});
