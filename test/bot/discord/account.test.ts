/**
 * Discord cells of the feature × surface table (docs/surfaces.md) that no other test covered: `/meet unlink`
 * through the unlink use case, and German end to end (help, settings, status and a request proposed in
 * German by the real meeting use cases). Signed endpoint against the Discord fake, PGlite in memory,
 * calendars that are free all the time.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusyReader, EventWriter } from '../../../src/app/ports/calendars.ts';
import { meetingUseCases, requestUseCases, teamUseCases } from '../../../src/app/use-cases.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/adapter.ts';
import { MANAGE_GUILD } from '../../../src/bot/discord/context.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { FakeDiscord, type FakeUser } from '../../fakes/discord/server.ts';

const now = Date.UTC(2030, 0, 14, 9); // Monday 14 Jan 2030
let store: Store;
let fake: FakeDiscord;
let adapter: DiscordAdapter;
let server: Server;
let endpoint: string;
let guildId: string;
let channelId: string;
let dieter: FakeUser;
let ana: FakeUser;
let olga: FakeUser;
let admin: FakeUser;
const unlinked: string[] = [];

const FREE: BusyReader = {
  async busyFor(_tenantId, personIds) {
    return { people: personIds.map((personId) => ({ personId, busy: [], complete: true })), gaps: [] };
  },
};
const NO_WRITES: EventWriter = {
  async writeFor() {
    return { ok: false, connectionId: null, code: 'not_linked', message: 'no calendar in this test' };
  },
};

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('k'),
    log: () => undefined,
  });
  fake = await FakeDiscord.start({ now: () => now });
  guildId = fake.addGuild('Acme').id;
  channelId = fake.addChannel(guildId).id;
  dieter = fake.addUser('dieter');
  ana = fake.addUser('ana');
  olga = fake.addUser('olga');
  for (const user of [dieter, ana, olga]) fake.addMember(guildId, user);
  admin = fake.addUser('admin');
  fake.addMember(guildId, admin, { permissions: MANAGE_GUILD });
  adapter = createDiscordAdapter(
    {
      store,
      clock: () => now,
      log: () => undefined,
      meetings: meetingUseCases({ store, busy: FREE, writer: NO_WRITES }),
      requests: requestUseCases({ store, busy: FREE }),
      teams: teamUseCases({ store }),
      link: {
        async startLink() {
          return { ok: true, url: 'https://convene.test/oauth/google/start', expiresAt: now };
        },
        // The real LinkCalendar revokes and deletes the connection; here the store row is removed.
        async unlink(input) {
          unlinked.push(input.connectionId);
          await store.connections.remove(input.tenantId, input.connectionId);
          return { ok: true, connectionId: input.connectionId, revocation: 'revoked' };
        },
      },
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

/** `/meet <subcommand>` by `user`; the answer's text once the adapter is idle. */
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
  const inline = (delivered.body as { data?: { content?: string } }).data?.content;
  const original = fake.original(delivered.interaction.id);
  return { delivered, original, text: inline ?? original?.content ?? '' };
}

async function personOf(user: FakeUser) {
  const workspace = (await store.workspaces.findByExternalId('discord', guildId))!;
  return { workspace, person: (await store.people.findByIdentity(workspace.id, user.id))! };
}

async function link(user: FakeUser, provider: 'google' | 'microsoft', account: string) {
  const { workspace, person } = await personOf(user);
  return (await store.connections.save({
    tenantId: workspace.tenantId,
    personId: person.id,
    provider,
    account,
    busyCalendarIds: [account],
    writeCalendarId: account,
    secrets: { accessToken: 'a', refreshToken: 'r' },
  }))!;
}

describe('Discord: /meet unlink', () => {
  it('unlinks one provider, then every calendar, through the use case; none left says so', async () => {
    expect((await command(olga, 'unlink')).text).toBe('You have no linked calendar.');
    const google = await link(olga, 'google', 'olga@acme.test');
    const microsoft = await link(olga, 'microsoft', 'olga@acme.onmicrosoft.test');
    const one = await command(olga, 'unlink', [{ name: 'provider', type: 3, value: 'google' }]);
    expect(one.original?.flags).toBe(64);
    expect(one.text).toBe('Unlinked 1 calendar.');
    expect(unlinked).toEqual([google.id]);
    const { workspace, person } = await personOf(olga);
    expect((await store.connections.listForPerson(workspace.tenantId, person.id)).map((c) => c.id)).toEqual([
      microsoft.id,
    ]);
    expect((await command(olga, 'unlink')).text).toBe('Unlinked 1 calendar.');
    expect(await store.connections.listForPerson(workspace.tenantId, person.id)).toEqual([]);
    expect((await command(olga, 'unlink', [], { locale: 'fr' })).text).toBe(
      "Vous n'avez aucun agenda relié.",
    );
  });
});

describe('Discord: German end to end', () => {
  it('help, settings and status in German; a German request is proposed in German', async () => {
    expect((await command(dieter, 'help', [], { locale: 'de' })).text).toContain(
      'Convene** findet eine Zeit',
    );
    const saved = await command(dieter, 'settings', [{ name: 'zone', type: 3, value: 'Europe/Berlin' }], {
      locale: 'de',
    });
    expect(saved.text).toBe('Gespeichert: Europe/Berlin.');
    const status = await command(dieter, 'status', [], { locale: 'de' });
    expect(status.text).toContain('Zeitzone: Europe/Berlin');
    expect(status.text).toContain('Sprache: Deutsch');

    // Ana's zone is known, so nobody is asked for one.
    await command(ana, 'settings', [{ name: 'zone', type: 3, value: 'Europe/Paris' }]);
    const asked = await command(
      dieter,
      'new',
      [
        { name: 'request', type: 3, value: '30 Minuten nächste Woche „Planung“' },
        { name: 'with', type: 6, value: ana.id },
      ],
      { locale: 'de', resolved: fake.resolvedFor(guildId, [ana.id]) },
    );
    const proposals = asked.original!;
    expect(proposals.content).toContain('Planung');
    expect(proposals.content).toContain('Ortszeit Berlin');
    const labels = (proposals.components ?? []).flatMap((row) =>
      ((row as { components?: { label?: string }[] }).components ?? []).map((b) => b.label),
    );
    expect(labels[0]).toBe('1. Mo. 21 Jan., 10:00–10:30 (Ortszeit Berlin)');
    expect(labels.slice(-2)).toEqual(['Weitere Zeiten', 'Abbrechen']);
  });
});

/** `/meet team <sub> …` (a subcommand group); the private answer's content. */
async function team(user: FakeUser, sub: string, options: { name: string; type: number; value: string }[]) {
  const payload = fake.commandInteraction({ guildId, channelId, user, subcommand: 'team' }) as {
    data: { options: unknown[] };
  };
  payload.data.options = [{ name: 'team', type: 2, options: [{ name: sub, type: 1, options }] }];
  const delivered = await fake.deliver(endpoint, payload);
  expect(delivered.status).toBe(200);
  await adapter.idle();
  return fake.original(delivered.interaction.id)?.content ?? '';
}

describe('Discord: /meet team rename and list', () => {
  it('a server manager renames and deletes a team; the list shows the new name to anyone; a member can do neither', async () => {
    expect(await team(admin, 'create', [{ name: 'name', type: 3, value: 'ops' }])).toContain(
      'Team “ops” created',
    );
    const rename = [
      { name: 'team', type: 3, value: 'ops' },
      { name: 'name', type: 3, value: 'helpdesk' },
    ];
    expect(await team(ana, 'rename', rename)).toContain('Only workspace admins');
    expect(await team(admin, 'rename', rename)).toBe('Team “ops” is now “helpdesk”.');
    const list = await team(ana, 'list', []);
    expect(list).toContain('helpdesk');
    expect(list).not.toContain('• ops');
    expect(await team(ana, 'delete', [{ name: 'team', type: 3, value: 'helpdesk' }])).toContain(
      'Only workspace admins',
    );
    expect(await team(admin, 'delete', [{ name: 'team', type: 3, value: 'helpdesk' }])).toBe(
      'Team “helpdesk” deleted.',
    );
    const tenantId = (await store.workspaces.findByExternalId('discord', guildId))!.tenantId;
    expect(await store.rotations.listTeams(tenantId)).toEqual([]);
  });
});
