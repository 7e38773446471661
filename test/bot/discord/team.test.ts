/**
 * `/meet team …` through the signed endpoint against the Discord fake (store on in-memory PGlite):
 * changes gated on Manage Server (a plain member is refused), audited; standings for everyone; a role
 * bound to a team reaches the meeting use case as the team instead of being expanded to its members.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS, type RequestMeetingInput } from '../../../src/app/request-meeting.ts';
import { teamUseCases } from '../../../src/app/use-cases.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/adapter.ts';
import { MANAGE_GUILD } from '../../../src/bot/discord/context.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { FakeDiscord, type FakeUser } from '../../fakes/discord/server.ts';

const now = Date.UTC(2030, 0, 14, 9);
const ROLE = '1200000000000000042';
let store: Store;
let fake: FakeDiscord;
let adapter: DiscordAdapter;
let server: Server;
let endpoint: string;
let guildId: string;
let channelId: string;
let admin: FakeUser;
let ana: FakeUser;
let li: FakeUser;
const requests: RequestMeetingInput[] = [];

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('k'),
    log: () => undefined,
  });
  fake = await FakeDiscord.start({ now: () => now });
  guildId = fake.addGuild('Acme').id;
  channelId = fake.addChannel(guildId).id;
  admin = fake.addUser('admin');
  ana = fake.addUser('ana');
  li = fake.addUser('li');
  fake.addMember(guildId, admin, { permissions: MANAGE_GUILD });
  fake.addMember(guildId, ana, { roles: [ROLE] });
  fake.addMember(guildId, li, { roles: [ROLE] });
  adapter = createDiscordAdapter(
    {
      store,
      clock: () => now,
      log: () => undefined,
      teams: teamUseCases({ store }),
      meetings: {
        async request(input) {
          requests.push(input);
          return { ok: false, error: { code: 'no_slot', locale: 'en', message: 'No slot works.' } };
        },
        book: async () => {
          throw new Error('not used here');
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

/** `/meet team <sub> …` (a subcommand group); the private answer's content. */
async function team(
  user: FakeUser,
  sub: string,
  options: { name: string; type: number; value: string | number }[] = [],
  extra: { locale?: string; resolved?: Record<string, unknown> } = {},
): Promise<string> {
  const payload = fake.commandInteraction({
    guildId,
    channelId,
    user,
    subcommand: 'team',
    ...extra,
  }) as { id: string; data: { options: unknown[] } };
  payload.data.options = [{ name: 'team', type: 2, options: [{ name: sub, type: 1, options }] }];
  const delivered = await fake.deliver(endpoint, payload);
  expect(delivered.status).toBe(200);
  await adapter.idle();
  const answer = fake.original(delivered.interaction.id);
  expect(answer?.flags).toBe(64);
  return answer?.content ?? '';
}

async function tenantId(): Promise<string> {
  return (await store.workspaces.findByExternalId('discord', guildId))!.tenantId;
}

describe('/meet team on Discord', () => {
  it('refuses a member without Manage Server, in their language, and changes nothing', async () => {
    expect(await team(ana, 'create', [{ name: 'name', type: 3, value: 'support' }])).toContain(
      'Only workspace admins can change teams',
    );
    expect(
      await team(ana, 'create', [{ name: 'name', type: 3, value: 'support' }], { locale: 'fr' }),
    ).toContain('Seuls les administrateurs');
    expect(await store.rotations.listTeams(await tenantId())).toEqual([]);
  });

  it('lets a server manager configure a team, audited', async () => {
    expect(
      await team(admin, 'create', [
        { name: 'name', type: 3, value: 'support' },
        { name: 'window', type: 3, value: 'week' },
      ]),
    ).toContain('Team “support” created');
    const resolved = fake.resolvedFor(guildId, [ana.id, li.id]);
    expect(
      await team(
        admin,
        'add',
        [
          { name: 'team', type: 3, value: 'support' },
          { name: 'member', type: 6, value: ana.id },
        ],
        { resolved },
      ),
    ).toContain('added to “support”');
    await team(
      admin,
      'add',
      [
        { name: 'team', type: 3, value: 'support' },
        { name: 'member', type: 6, value: li.id },
        { name: 'weight', type: 4, value: 3 },
      ],
      { resolved },
    );
    expect(
      await team(admin, 'bind', [
        { name: 'team', type: 3, value: 'support' },
        { name: 'role', type: 8, value: ROLE },
      ]),
    ).toContain('now means team “support”');
    expect(
      await team(
        admin,
        'pause',
        [
          { name: 'team', type: 3, value: 'support' },
          { name: 'member', type: 6, value: ana.id },
          { name: 'until', type: 3, value: '2030-01-20' },
        ],
        { resolved },
      ),
    ).toContain('paused in “support” through 2030-01-20');
    const saved = await store.rotations.findTeam(await tenantId(), { name: 'support' });
    expect(saved).toMatchObject({ fairnessWindow: 'week', groupRef: ROLE });
    expect(saved?.members.map((m) => m.weight).sort()).toEqual([1, 3]);
    const audit = await store.audit.list(await tenantId());
    expect(audit.map((e) => e.action).reverse()).toEqual([
      'team.create',
      'team.member.add',
      'team.member.add',
      'team.bind',
      'team.member.pause',
    ]);
    expect(audit.every((e) => e.actor === `discord:${admin.id}`)).toBe(true);
  });

  it('sets how a team books recurring meetings (fixed or turns); Manage Server only', async () => {
    const options = [
      { name: 'team', type: 3, value: 'support' },
      { name: 'series', type: 3, value: 'rotate' },
    ];
    expect(await team(ana, 'series', options)).toContain('Only workspace admins can change teams');
    expect(await team(admin, 'series', options)).toContain(
      'Team “support” now books recurring meetings with members taking turns per occurrence.',
    );
    expect((await store.rotations.findTeam(await tenantId(), { name: 'support' }))?.seriesRotation).toBe(
      'rotate',
    );
  });

  it('shows the standings to anyone', async () => {
    const text = await team(li, 'standings', [{ name: 'team', type: 3, value: 'support' }]);
    expect(text).toContain('Standings of “support” this week');
    expect(text).toContain('— paused');
  });

  it('/meet new with the bound role sends the team to the use case, not its members', async () => {
    const workspace = (await store.workspaces.findByExternalId('discord', guildId))!;
    const me = (await store.people.findByIdentity(workspace.id, admin.id))!;
    await store.preferences.set(workspace.tenantId, me.id, {
      timeZone: 'UTC',
      locale: 'en',
      workingHours: DEFAULT_WORKING_HOURS,
    });
    const payload = fake.commandInteraction({
      guildId,
      channelId,
      user: admin,
      subcommand: 'new',
      options: [
        { name: 'request', type: 3, value: '30 min tomorrow' },
        { name: 'with', type: 9, value: ROLE },
      ],
      resolved: { roles: { [ROLE]: { id: ROLE, name: 'support' } } },
    });
    await fake.deliver(endpoint, payload);
    await adapter.idle();
    expect(requests.at(-1)?.text).toBe(`30 min tomorrow <@&${ROLE}>`);
  });
});
