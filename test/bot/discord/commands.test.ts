/**
 * The personal and admin subcommands, roles as participants, and command registration, through the
 * signed endpoint against the Discord fake, with the store on in-memory PGlite. The meeting and linking
 * use cases are recording stubs here (their own suites test them; the e2e test runs the real ones).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StartLinkInput } from '../../../src/app/link-calendar.ts';
import type { RequestMeetingInput } from '../../../src/app/request-meeting.ts';
import { calendarChoiceUseCases } from '../../../src/app/use-cases.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/adapter.ts';
import { MANAGE_GUILD } from '../../../src/bot/discord/context.ts';
import { run as discordCli } from '../../../src/cli/commands/discord.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { FakeDiscord, type FakeUser } from '../../fakes/discord/server.ts';

const now = Date.UTC(2030, 0, 14, 9);
let store: Store;
let fake: FakeDiscord;
let adapter: DiscordAdapter;
let server: Server;
let endpoint: string;
let guildId: string;
let channelId: string;
let ana: FakeUser;
let closed: FakeUser;
let admin: FakeUser;
const requests: RequestMeetingInput[] = [];
const links: StartLinkInput[] = [];
const unlinks: string[] = [];
const LINK_URL = 'https://convene.test/oauth/google/start?state=abc';

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('k'),
    log: () => undefined,
  });
  fake = await FakeDiscord.start({ now: () => now });
  guildId = fake.addGuild('Acme').id;
  channelId = fake.addChannel(guildId).id;
  ana = fake.addUser('ana');
  closed = fake.addUser('closed', { dmClosed: true });
  admin = fake.addUser('admin');
  fake.addMember(guildId, ana);
  fake.addMember(guildId, closed);
  fake.addMember(guildId, admin, { permissions: MANAGE_GUILD });
  adapter = createDiscordAdapter(
    {
      store,
      clock: () => now,
      log: () => undefined,
      meetings: {
        async request(input) {
          requests.push(input);
          return {
            ok: false,
            error: { code: 'no_slot', locale: input.locale ?? 'en', message: 'No slot works.' },
          };
        },
        book: async () => {
          throw new Error('not used here');
        },
      },
      link: {
        async startLink(input) {
          links.push(input);
          return { ok: true, url: LINK_URL, expiresAt: now + 15 * 60_000 };
        },
        unlink: async (input) => {
          unlinks.push(input.connectionId);
          return { ok: true, connectionId: input.connectionId, revocation: 'revoked' };
        },
      },
      calendarChoice: calendarChoiceUseCases({
        connections: store.connections,
        calendars: {
          calendarsOf: async (c) => [
            { id: `${c.account}a/`, name: 'Work_main', primary: true, writable: true },
            { id: `${c.account}b/`, name: 'Holidays', primary: false, writable: false },
          ],
        },
      }),
    },
    { publicKey: fake.publicKey, applicationId: fake.applicationId, botToken: fake.botToken, api: fake.api },
  );
  const app = express();
  app.use(adapter.router);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
});

afterAll(async () => {
  await adapter?.idle();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await fake?.close();
  await store?.close();
});

beforeEach(() => {
  requests.length = 0;
  links.length = 0;
});

async function command(
  user: FakeUser,
  subcommand: string,
  options: { name: string; type: number; value: string | boolean }[] = [],
  extra: { locale?: string; resolved?: Record<string, unknown> } = {},
) {
  const delivered = await fake.deliver(
    endpoint,
    fake.commandInteraction({ guildId, channelId, user, subcommand, options, ...extra }),
  );
  expect(delivered.status).toBe(200);
  await adapter.idle();
  return delivered;
}

async function personOf(user: FakeUser) {
  const workspace = await store.workspaces.findByExternalId('discord', guildId);
  return store.people.findByIdentity(workspace!.id, user.id);
}

describe('/meet link', () => {
  it('sends the link by DM and says so privately', async () => {
    const { interaction } = await command(ana, 'link', [{ name: 'provider', type: 3, value: 'google' }]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ provider: 'google', chatIdentity: { externalUserId: ana.id } });
    const dmChannel = [...fake.channels.values()].find((c) => c.recipientId === ana.id)!;
    const dm = fake.channelMessages(dmChannel.id).at(-1)!;
    expect(dm.components).toEqual([
      { type: 1, components: [{ type: 2, style: 5, label: 'Connect calendar', url: LINK_URL }] },
    ]);
    const answer = fake.original(interaction.id)!;
    expect(answer.flags).toBe(64);
    expect(answer.content).toContain('direct message');
    expect(answer.components).toEqual([]);
  });

  it('falls back to the ephemeral answer when the user does not accept DMs (50007), in French', async () => {
    const { interaction } = await command(
      closed,
      'link',
      [{ name: 'provider', type: 3, value: 'microsoft' }],
      {
        locale: 'fr',
      },
    );
    expect(fake.requests.some((r) => r.status === 403 && r.path.endsWith('/messages'))).toBe(true);
    const answer = fake.original(interaction.id)!;
    expect(answer.flags).toBe(64);
    expect(answer.content).toContain('Je ne peux pas vous envoyer de message privé');
    expect(JSON.stringify(answer.components)).toContain(LINK_URL);
  });
});

describe('/meet new with roles', () => {
  it('expands a role option and a typed role mention to the members (bots left out)', async () => {
    const person = await personOf(ana);
    await store.preferences.set(person!.tenantId, person!.id, {
      timeZone: 'Europe/Paris',
      locale: 'en',
      workingHours: { rules: [], overrides: [] },
    });
    const team = '1200000000000000001';
    const design = '1200000000000000002';
    const bob = fake.addUser('bob');
    const carl = fake.addUser('carl');
    const robot = fake.addUser('robot', { bot: true });
    fake.addMember(guildId, bob, { roles: [team] });
    fake.addMember(guildId, carl, { roles: [design] });
    fake.addMember(guildId, robot, { roles: [team] });
    await command(
      ana,
      'new',
      [
        { name: 'request', type: 3, value: `30 min tomorrow with <@&${design}>` },
        { name: 'with', type: 9, value: team },
      ],
      { resolved: { roles: { [team]: { id: team, name: 'team' } } } },
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]?.text).toBe(`30 min tomorrow with <@${carl.id}> <@${bob.id}>`);
    expect(requests[0]?.text).not.toContain(robot.id);
    // Members became people, so the use case can resolve their mentions.
    expect(await personOf(bob)).toMatchObject({ displayName: 'bob' });
    expect(await personOf(robot)).toBeNull();
  });

  it('says how to fix a role with no members, without calling the use case', async () => {
    const empty = '1200000000000000009';
    const { interaction } = await command(
      ana,
      'new',
      [
        { name: 'request', type: 3, value: '30 min tomorrow' },
        { name: 'with', type: 9, value: empty },
      ],
      { resolved: { roles: { [empty]: { id: empty, name: 'ghosts' } } } },
    );
    expect(requests).toHaveLength(0);
    const reply = fake
      .channelMessages(channelId)
      .find((m) => m.interactionId === interaction.id && m.flags === 64);
    expect(reply?.content).toBe('The role @ghosts has no members I can invite.');
    expect(fake.original(interaction.id)?.deleted).toBe(true);
  });
});

describe('/meet new: the work budget', () => {
  it('three roles of 20 (60 people) are refused before anyone is stored, DMed or searched', async () => {
    const roles = ['1300000000000000001', '1300000000000000002', '1300000000000000003'];
    const users: FakeUser[] = [];
    for (const [r, role] of roles.entries())
      for (let i = 0; i < 20; i++) {
        const user = fake.addUser(`r${r}m${i}`);
        fake.addMember(guildId, user, { roles: [role] });
        users.push(user);
      }
    const dms = fake.count('POST', /\/users\/@me\/channels/);
    const { interaction } = await command(ana, 'new', [
      { name: 'request', type: 3, value: `30 min tomorrow ${roles.map((id) => `<@&${id}>`).join(' ')}` },
    ]);
    expect(requests).toHaveLength(0);
    const reply = fake
      .channelMessages(channelId)
      .find((m) => m.interactionId === interaction.id && m.flags === 64);
    expect(reply?.content).toBe(
      'That request names 60 people; I can schedule up to 50 at once, so invite fewer people or a team.',
    );
    for (const user of users) expect(await personOf(user)).toBeNull();
    expect(fake.count('POST', /\/users\/@me\/channels/)).toBe(dms);
  });
});

describe('/meet calendars and /meet unlink account:', () => {
  it('lists calendars by number, changes them, refuses a read-only meeting calendar, unlinks one account', async () => {
    const cal = fake.addUser('cal');
    fake.addMember(guildId, cal);
    await command(cal, 'calendars');
    const person = (await personOf(cal))!;
    const save = (account: string) =>
      store.connections.save({
        tenantId: person.tenantId,
        personId: person.id,
        provider: 'caldav',
        account,
        busyCalendarIds: [`${account}a/`],
        writeCalendarId: `${account}a/`,
        secrets: { username: 'cal', password: 'pw' },
      });
    const first = (await save('https://one.example/'))!;
    const second = (await save('https://two.example/'))!;
    const listed = await command(cal, 'calendars');
    const text = fake.original(listed.interaction.id)?.content ?? '';
    expect(text).toContain('`1.1` Work\\_main (writable, counts as busy, receives new meetings)');
    expect(text).toContain('`2.2` Holidays (read-only)');
    const refused = await command(cal, 'calendars', [{ name: 'change', type: 3, value: 'write 2.2' }], {
      locale: 'fr',
    });
    expect(fake.original(refused.interaction.id)?.content).toContain('est en lecture seule');
    const changed = await command(cal, 'calendars', [{ name: 'change', type: 3, value: 'busy 1.1 1.2' }]);
    expect(fake.original(changed.interaction.id)?.content).toContain('2 calendars count as busy');
    expect((await store.connections.get(person.tenantId, first.id))?.busyCalendarIds).toEqual([
      'https://one.example/a/',
      'https://one.example/b/',
    ]);
    const status = await command(cal, 'status');
    expect(fake.original(status.interaction.id)?.content).toContain(
      '`2.1` Work\\_main (writable, counts as busy',
    );
    unlinks.length = 0;
    await command(cal, 'unlink', [{ name: 'account', type: 4, value: 2 as never }]);
    expect(unlinks).toEqual([second.id]);
  });
});

describe('/meet settings and status', () => {
  it('stores zone, language and hours, and status shows them', async () => {
    await command(ana, 'settings', [
      { name: 'zone', type: 3, value: 'Europe/Paris' },
      { name: 'hours', type: 3, value: '08:30-16:00' },
    ]);
    const person = await personOf(ana);
    const prefs = await store.preferences.get(person!.tenantId, person!.id);
    expect(prefs).toMatchObject({
      timeZone: 'Europe/Paris',
      workingHours: { rules: [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '16:00' }] },
    });
    const { interaction } = await command(ana, 'status');
    expect(fake.original(interaction.id)?.content).toContain('Time zone: Europe/Paris');
    const connection = (await store.connections.save({
      tenantId: person!.tenantId,
      personId: person!.id,
      provider: 'caldav',
      account: 'https://dav.example/ana/',
      busyCalendarIds: ['https://dav.example/ana/work/'],
      writeCalendarId: null,
      secrets: { username: 'ana', password: 'pw' },
    }))!;
    await store.connections.setHealth(person!.tenantId, connection.id, {
      status: 'ok',
      syncedAt: now - 2 * 3_600_000,
    });
    const after = await command(ana, 'status');
    expect(fake.original(after.interaction.id)?.content).toContain(
      'CalDAV (https://dav.example/ana/): ok, last synced 2 hours ago',
    );
    const statut = await command(ana, 'status', [], { locale: 'fr' });
    expect(fake.original(statut.interaction.id)?.content).toContain('dernière synchro il y a 2 h');
  });

  it('tentative-free: stored alone, kept by later settings, shown in status, in French too', async () => {
    const on = await command(ana, 'settings', [{ name: 'tentative-free', type: 5, value: true }], {
      locale: 'fr',
    });
    expect(fake.original(on.interaction.id)?.content).toBe(
      'Enregistré : événements provisoires comptés libres.',
    );
    const person = await personOf(ana);
    const stored = async () => (await store.preferences.get(person!.tenantId, person!.id))?.tentativeFree;
    expect(await stored()).toBe(true);
    await command(ana, 'settings', [{ name: 'zone', type: 3, value: 'Europe/Paris' }]);
    expect(await stored()).toBe(true);
    const { interaction } = await command(ana, 'status');
    expect(fake.original(interaction.id)?.content).toContain('Tentative events: free');
    const off = await command(ana, 'settings', [{ name: 'tentative-free', type: 5, value: false }]);
    expect(fake.original(off.interaction.id)?.content).toBe('Saved: tentative events count as busy.');
    expect(await stored()).toBe(false);
  });

  it('refuses a bad zone with an actionable message', async () => {
    const { interaction } = await command(
      ana,
      'settings',
      [{ name: 'zone', type: 3, value: 'Mars/Olympus' }],
      {
        locale: 'fr',
      },
    );
    expect(fake.original(interaction.id)?.content).toContain(
      "« Mars/Olympus » n'est pas un fuseau horaire connu",
    );
  });

  it('gates setting someone else on Manage Server', async () => {
    const target = { name: 'for', type: 6, value: closed.id };
    const resolved = fake.resolvedFor(guildId, [closed.id]);
    const refused = await command(ana, 'settings', [target, { name: 'zone', type: 3, value: 'Asia/Tokyo' }], {
      resolved,
    });
    expect(fake.original(refused.interaction.id)?.content).toContain('Manage Server');
    const closedPerson = await personOf(closed);
    expect(
      closedPerson ? await store.preferences.get(closedPerson.tenantId, closedPerson.id) : null,
    ).toBeNull();

    await command(admin, 'settings', [target, { name: 'zone', type: 3, value: 'Asia/Tokyo' }], { resolved });
    const person = await personOf(closed);
    expect((await store.preferences.get(person!.tenantId, person!.id))?.timeZone).toBe('Asia/Tokyo');
  });
});

describe('convene discord register', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), readFile: async () => '' };
    return { cli, out, err };
  }
  const env = () => ({
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_BOT_TOKEN: fake.botToken,
    DISCORD_API_URL: fake.api,
  });
  const puts = (scope: RegExp) => fake.count('PUT', scope);

  it('registers per guild, then does nothing when already up to date', async () => {
    const path = new RegExp(`/guilds/${guildId}/commands$`);
    const first = io();
    expect(await discordCli(['register', '--guild', guildId, '--json'], first.cli, env())).toBe(0);
    expect(JSON.parse(first.out[0]!)).toEqual({
      ok: true,
      status: 'registered',
      scope: guildId,
      commands: ['meet'],
    });
    const meet = fake.commands.get(guildId)?.[0] as { options: { name: string }[] };
    expect(meet.options.map((o) => o.name)).toEqual([
      'new',
      'link',
      'unlink',
      'status',
      'calendars',
      'settings',
      'team',
      'cancel',
      'reschedule',
      'help',
    ]);
    const again = io();
    expect(await discordCli(['register', '--guild', guildId, '--json'], again.cli, env())).toBe(0);
    expect(JSON.parse(again.out[0]!)).toMatchObject({ status: 'unchanged' });
    expect(puts(path)).toBe(1);
  });

  it('stops, without retrying, when the daily create limit is reached', async () => {
    fake.setCommandCreatesLeft('global', 0);
    const run = io();
    const started = performance.now();
    expect(await discordCli(['register'], run.cli, env())).toBe(1);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(run.err[0]).toContain('200 creates per day');
    expect(puts(/^\/applications\/\d+\/commands$/)).toBe(1);
    expect(fake.commands.get('global')).toBeUndefined();
  });

  it('explains missing configuration and a refused token', async () => {
    const missing = io();
    expect(await discordCli(['register'], missing.cli, {})).toBe(2);
    expect(missing.err[0]).toContain('DISCORD_APPLICATION_ID');
    const wrong = io();
    expect(
      await discordCli(['register', '--guild', guildId], wrong.cli, { ...env(), DISCORD_BOT_TOKEN: 'nope' }),
    ).toBe(1);
    expect(wrong.err[0]).toContain('refused the bot token');
    expect(wrong.err.join('')).not.toContain('nope');
  });
});
