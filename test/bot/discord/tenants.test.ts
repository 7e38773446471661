/**
 * Tenants on Discord (issue #16): a Discord bot is public, so anyone can add it to their server. With a
 * shared tenant (`DISCORD_TENANT_ID`) only the servers of `DISCORD_TENANT_GUILDS` join it; any other server
 * gets a polite refusal (en/fr) and nothing is recorded, so its Manage Server members never administer the
 * tenant's teams. Without a shared tenant each server is its own tenant and admin rights stay in it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamUseCases } from '../../../src/app/use-cases.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/adapter.ts';
import { MANAGE_GUILD } from '../../../src/bot/discord/context.ts';
import { DiscordConfigError, discordConfigFromEnv } from '../../../src/bot/discord/deps.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { FakeDiscord, type FakeUser } from '../../fakes/discord/server.ts';

const now = Date.UTC(2030, 0, 14, 9);
let store: Store;
let fake: FakeDiscord;
const servers: Server[] = [];
const adapters: DiscordAdapter[] = [];
let sharedTenant: string;
let acme: string;
let stranger: string;
let other: string;
let acmeAdmin: FakeUser;
let strangerAdmin: FakeUser;
let otherAdmin: FakeUser;
/** The shared-tenant deployment (acme listed) and a default one (a tenant per guild). */
let sharedEndpoint: string;
let defaultEndpoint: string;

async function start(config: { tenantId?: string; tenantGuilds?: string[] }): Promise<string> {
  const adapter = createDiscordAdapter(
    {
      store,
      clock: () => now,
      log: () => undefined,
      teams: teamUseCases({ store }),
      meetings: {
        request: async () => ({ ok: false, error: { code: 'no_slot', locale: 'en', message: 'No slot.' } }),
        book: async () => {
          throw new Error('not used here');
        },
      },
    },
    {
      publicKey: fake.publicKey,
      applicationId: fake.applicationId,
      botToken: fake.botToken,
      api: fake.api,
      ...config,
    },
  );
  adapters.push(adapter);
  const app = express();
  app.use(adapter.router);
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
}

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('k'),
    log: () => undefined,
  });
  // The organisation's tenant, created by its Slack workspace.
  sharedTenant = (await store.workspaces.install({ platform: 'slack', externalId: 'T-ACME', name: 'Acme' }))
    .tenantId;
  fake = await FakeDiscord.start({ now: () => now });
  acme = fake.addGuild('Acme').id;
  stranger = fake.addGuild('Stranger').id;
  other = fake.addGuild('Other').id;
  acmeAdmin = fake.addUser('acme-admin');
  strangerAdmin = fake.addUser('mallory');
  otherAdmin = fake.addUser('olga');
  fake.addMember(acme, acmeAdmin, { permissions: MANAGE_GUILD });
  fake.addMember(stranger, strangerAdmin, { permissions: MANAGE_GUILD });
  fake.addMember(other, otherAdmin, { permissions: MANAGE_GUILD });
  sharedEndpoint = await start({ tenantId: sharedTenant, tenantGuilds: [acme] });
  defaultEndpoint = await start({});
});

afterAll(async () => {
  for (const adapter of adapters) await adapter.idle();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await fake?.close();
  await store?.close();
});

/** `/meet team <sub>` in `guild`: the inline answer and, once the work ran, the private answer's content. */
async function team(
  endpoint: string,
  guild: string,
  user: FakeUser,
  sub: string,
  options: { name: string; type: number; value: string }[] = [],
  locale?: string,
): Promise<{ inline: unknown; answer: string }> {
  const payload = fake.commandInteraction({
    guildId: guild,
    channelId: fake.addChannel(guild).id,
    user,
    subcommand: 'team',
    ...(locale ? { locale } : {}),
  }) as { id: string; data: { options: unknown[] } };
  payload.data.options = [{ name: 'team', type: 2, options: [{ name: sub, type: 1, options }] }];
  const delivered = await fake.deliver(endpoint, payload);
  expect(delivered.status).toBe(200);
  for (const adapter of adapters) await adapter.idle();
  return { inline: delivered.body, answer: fake.original(delivered.interaction.id)?.content ?? '' };
}

const name = (value: string) => [{ name: 'name', type: 3, value }];
const teamOpt = (value: string) => [{ name: 'team', type: 3, value }];

describe('shared tenant: only the listed guilds', () => {
  it('a listed guild joins the shared tenant and its Manage Server members run its teams', async () => {
    const created = await team(sharedEndpoint, acme, acmeAdmin, 'create', name('support'));
    expect(created.answer).toMatch(/support/);
    expect((await store.workspaces.findByExternalId('discord', acme))?.tenantId).toBe(sharedTenant);
    expect((await store.rotations!.listTeams(sharedTenant)).map((t) => t.name)).toEqual(['support']);
  });

  it('an unlisted guild gets a polite refusal (en, fr), is not recorded, and its admin cannot list, rename or delete the tenant’s teams', async () => {
    const listed = await team(sharedEndpoint, stranger, strangerAdmin, 'list');
    expect(listed.inline).toMatchObject({ type: 4, data: { flags: 64 } });
    const text = (listed.inline as { data: { content: string } }).data.content;
    expect(text).toContain('not among them');
    expect(text).toContain('DISCORD_TENANT_GUILDS');
    expect(text).not.toContain('support');
    const fr = await team(sharedEndpoint, stranger, strangerAdmin, 'list', [], 'fr');
    expect((fr.inline as { data: { content: string } }).data.content).toContain('n’en fait pas partie');

    await team(sharedEndpoint, stranger, strangerAdmin, 'rename', [...teamOpt('support'), ...name('pwned')]);
    await team(sharedEndpoint, stranger, strangerAdmin, 'delete', teamOpt('support'));
    expect((await store.rotations!.listTeams(sharedTenant)).map((t) => t.name)).toEqual(['support']);
    expect(await store.workspaces.findByExternalId('discord', stranger)).toBeNull();
    expect((await store.workspaces.listForTenant(sharedTenant)).map((w) => w.platform).sort()).toEqual([
      'discord',
      'slack',
    ]);
  });

  it('an unlisted guild’s /meet new reaches no use case and schedules with nobody', async () => {
    const payload = fake.commandInteraction({
      guildId: stranger,
      channelId: fake.addChannel(stranger).id,
      user: strangerAdmin,
      subcommand: 'new',
      options: [{ name: 'request', type: 3, value: `with <@${acmeAdmin.id}> tomorrow 30 min` }],
    });
    const delivered = await fake.deliver(sharedEndpoint, payload);
    expect(delivered.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(await store.workspaces.findByExternalId('discord', stranger)).toBeNull();
  });
});

describe('default: a tenant per guild, admin rights stay in it', () => {
  it('an admin of another guild sees and changes nothing of a first guild’s teams', async () => {
    await team(defaultEndpoint, other, otherAdmin, 'create', name('frontdesk'));
    const otherTenant = (await store.workspaces.findByExternalId('discord', other))!.tenantId;
    expect(otherTenant).not.toBe(sharedTenant);
    const stranger2 = fake.addGuild('Stranger 2').id;
    const mallory2 = fake.addUser('mallory2');
    fake.addMember(stranger2, mallory2, { permissions: MANAGE_GUILD });
    const listed = await team(defaultEndpoint, stranger2, mallory2, 'list');
    expect(listed.answer).not.toContain('frontdesk');
    await team(defaultEndpoint, stranger2, mallory2, 'delete', teamOpt('frontdesk'));
    expect((await store.rotations!.listTeams(otherTenant)).map((t) => t.name)).toEqual(['frontdesk']);
    expect((await store.workspaces.findByExternalId('discord', stranger2))!.tenantId).not.toBe(otherTenant);
  });
});

describe('DISCORD_TENANT_ID / DISCORD_TENANT_GUILDS', () => {
  const base = {
    DISCORD_PUBLIC_KEY: 'a'.repeat(64),
    DISCORD_APPLICATION_ID: '123456789012345678',
    DISCORD_BOT_TOKEN: 'token',
  };
  const tenant = '0b6f3c0e-7f5e-4a43-9f7e-0d7b8a1c2d3e';
  const error = (env: Record<string, string>) => {
    try {
      discordConfigFromEnv({ ...base, ...env });
    } catch (e) {
      expect(e).toBeInstanceOf(DiscordConfigError);
      return (e as Error).message;
    }
    throw new Error('expected a DiscordConfigError');
  };

  it('reads the tenant and its guilds; none means a tenant per guild', () => {
    expect(
      discordConfigFromEnv({
        ...base,
        DISCORD_TENANT_ID: tenant,
        DISCORD_TENANT_GUILDS: ' 111111111111111111, 222222222222222222 ,111111111111111111',
      }),
    ).toMatchObject({ tenantId: tenant, tenantGuilds: ['111111111111111111', '222222222222222222'] });
    const plain = discordConfigFromEnv(base);
    expect(plain?.tenantId).toBeUndefined();
    expect(plain?.tenantGuilds).toBeUndefined();
  });

  it('a shared tenant without its guild list is refused at start with the fix', () => {
    expect(error({ DISCORD_TENANT_ID: tenant })).toMatch(/DISCORD_TENANT_ID now needs DISCORD_TENANT_GUILDS/);
    expect(error({ DISCORD_TENANT_ID: tenant, DISCORD_TENANT_GUILDS: 'acme' })).toMatch(/"acme" is not one/);
    expect(error({ DISCORD_TENANT_GUILDS: '111111111111111111' })).toMatch(/without DISCORD_TENANT_ID/);
    expect(error({ DISCORD_TENANT_ID: 'acme', DISCORD_TENANT_GUILDS: '111111111111111111' })).toMatch(/UUID/);
  });
});
