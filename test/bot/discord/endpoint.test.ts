/**
 * The interactions endpoint's front door and the Discord REST fake it is tested against: Ed25519
 * signatures (valid → handled; bad, tampered, missing → 401), PING → PONG, inline deferrals; the fake's
 * bot-token check, component limits (50035), interaction-token lifetime on an injected clock
 * (10062 late ack, 40060 double ack, 50027 after 15 min), 429 with retry_after waited out, 50007.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/adapter.ts';
import { DiscordApi, type DiscordCallError } from '../../../src/bot/discord/api.ts';
import type { DiscordAdapterDeps } from '../../../src/bot/discord/deps.ts';
import { slotButtons } from '../../../src/bot/discord/render.ts';
import {
  createSignatureVerifier,
  DiscordKeyError,
  discordPublicKey,
} from '../../../src/bot/discord/verify.ts';
import { FakeDiscord, type FakeUser, INTERACTION_TOKEN_MS } from '../../fakes/discord/server.ts';

let now = Date.UTC(2030, 0, 14, 9);
const clock = () => now;
let fake: FakeDiscord;
let server: Server;
let endpoint: string;
let adapter: DiscordAdapter;
let api: DiscordApi;
let guildId: string;
let channelId: string;
let ana: FakeUser;
const logs: string[] = [];
const calls: string[] = [];

/** Use cases that must not be reached by anything in this file except where a test says so. */
const deps: DiscordAdapterDeps = {
  store: new Proxy({} as DiscordAdapterDeps['store'], {
    get(_t, repo) {
      return new Proxy(
        {},
        {
          get(_r, method) {
            return async () => {
              calls.push(`${String(repo)}.${String(method)}`);
              return null;
            };
          },
        },
      );
    },
  }),
  meetings: {
    request: async () => {
      throw new Error('not reached');
    },
    book: async () => {
      throw new Error('not reached');
    },
  },
  clock,
  log: (line) => logs.push(line),
};

beforeAll(async () => {
  fake = await FakeDiscord.start({ now: clock });
  adapter = createDiscordAdapter(deps, {
    publicKey: fake.publicKey,
    applicationId: fake.applicationId,
    botToken: fake.botToken,
    api: fake.api,
  });
  const app = express();
  app.use(adapter.router);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
  api = new DiscordApi({ applicationId: fake.applicationId, botToken: fake.botToken, api: fake.api });
  guildId = fake.addGuild('Acme').id;
  channelId = fake.addChannel(guildId).id;
  ana = fake.addUser('ana');
  fake.addMember(guildId, ana);
});

afterAll(async () => {
  await adapter?.idle();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await fake?.close();
});

beforeEach(() => {
  fake.clearFailures();
  logs.length = 0;
  calls.length = 0;
});

describe('signature verification', () => {
  it('answers a signed PING with PONG', async () => {
    const result = await fake.deliver(endpoint, fake.ping());
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ type: 1 });
  });

  it.each(['bad', 'tampered', 'missing'] as const)(
    'rejects a %s signature with 401 and does nothing',
    async (mode) => {
      const result = await fake.deliver(endpoint, fake.ping(), { signature: mode });
      expect(result.status).toBe(401);
      const command = fake.commandInteraction({
        guildId,
        channelId,
        user: ana,
        subcommand: 'new',
        options: [],
      });
      const refused = await fake.deliver(endpoint, command, { signature: mode });
      expect(refused.status).toBe(401);
      await adapter.idle();
      expect(refused.interaction.ack).toBeNull();
      expect(calls).toEqual([]);
    },
  );

  it.each([
    ['30 days old', () => String(Math.floor((now - 30 * 86_400_000) / 1000))],
    ['6 minutes old', () => String(Math.floor((now - 6 * 60_000) / 1000))],
    ['6 minutes ahead', () => String(Math.floor((now + 6 * 60_000) / 1000))],
    ['not a number', () => 'yesterday'],
    ['a float', () => `${Math.floor(now / 1000)}.5`],
  ])('refuses a validly signed interaction whose timestamp is %s (replay) with 401', async (_name, ts) => {
    const command = fake.commandInteraction({
      guildId,
      channelId,
      user: ana,
      subcommand: 'new',
      options: [],
    });
    const replayed = await fake.deliver(endpoint, command, { timestamp: ts() });
    expect(replayed.status).toBe(401);
    await adapter.idle();
    expect(replayed.interaction.ack).toBeNull();
    expect(calls).toEqual([]);
  });

  it('accepts a signed timestamp 4 minutes off either way (clock skew)', async () => {
    for (const offset of [-4 * 60_000, 4 * 60_000]) {
      const result = await fake.deliver(endpoint, fake.ping(), {
        timestamp: String(Math.floor((now + offset) / 1000)),
      });
      expect(result.status).toBe(200);
    }
  });

  it('verifies with node:crypto from the raw 32-byte key and refuses malformed keys and signatures', () => {
    const verify = createSignatureVerifier(fake.publicKey, clock);
    expect(verify('00'.repeat(64), '1', Buffer.from('{}'))).toBe(false);
    expect(verify('zz', '1', Buffer.from('{}'))).toBe(false);
    expect(verify(undefined, '1', Buffer.from('{}'))).toBe(false);
    expect(() => discordPublicKey('abc')).toThrow(DiscordKeyError);
    expect(discordPublicKey(fake.publicKey).asymmetricKeyType).toBe('ed25519');
  });

  it('answers help inline in the user locale, without deferring', async () => {
    const fr = await fake.deliver(
      endpoint,
      fake.commandInteraction({ guildId, channelId, user: ana, locale: 'fr', subcommand: 'help' }),
    );
    expect(fr.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect((fr.body as { data: { content: string } }).data.content).toContain('trouve un horaire');
    const en = await fake.deliver(
      endpoint,
      fake.commandInteraction({ guildId, channelId, user: ana, locale: 'en-GB', subcommand: 'help' }),
    );
    expect((en.body as { data: { content: string } }).data.content).toContain('finds a time');
    expect(en.interaction.ack?.type).toBe(4);
  });

  it('defers commands inline well within 3 s (public for new, ephemeral for personal ones)', async () => {
    const neu = await fake.deliver(
      endpoint,
      fake.commandInteraction({ guildId, channelId, user: ana, subcommand: 'new', options: [] }),
    );
    expect(neu.body).toEqual({ type: 5 });
    expect(neu.elapsedMs).toBeLessThan(3000);
    expect(neu.interaction.ack).toMatchObject({ type: 5, via: 'inline' });
    const status = await fake.deliver(
      endpoint,
      fake.commandInteraction({ guildId, channelId, user: ana, subcommand: 'status' }),
    );
    expect(status.body).toEqual({ type: 5, data: { flags: 64 } });
    await adapter.idle();
  });

  it('refuses a component it did not make', async () => {
    const message = await api.sendMessage(channelId, { content: 'x' });
    const click = fake.componentInteraction({
      guildId,
      user: ana,
      messageId: message.id,
      customId: 'evil:1',
    });
    const result = await fake.deliver(endpoint, click);
    expect(result.body).toMatchObject({ type: 4, data: { flags: 64 } });
  });
});

describe('the REST fake', () => {
  it('checks the bot token', async () => {
    const wrong = new DiscordApi({ applicationId: fake.applicationId, botToken: 'nope', api: fake.api });
    await expect(wrong.sendMessage(channelId, { content: 'hi' })).rejects.toMatchObject({
      code: 'unauthorized',
      status: 401,
    });
    expect(fake.requests.at(-1)?.authorization).toBe('Bot nope');
  });

  it('enforces the component limits with 50035 (6th row, 6th button, long or duplicate custom_id)', async () => {
    const button = (id: string) => ({ type: 2, style: 1, label: 'x', custom_id: id });
    const row = (n: number, prefix: string) => ({
      type: 1,
      components: Array.from({ length: n }, (_, i) => button(`${prefix}${i}`)),
    });
    const cases = [
      { components: Array.from({ length: 6 }, (_, r) => row(1, `r${r}-`)) },
      { components: [row(6, 'a')] },
      { components: [{ type: 1, components: [button('x'.repeat(101))] }] },
      { components: [{ type: 1, components: [button('same'), button('same')] }] },
    ];
    for (const body of cases) {
      const error = (await api.sendMessage(channelId, body).catch((e) => e)) as DiscordCallError;
      expect(error).toMatchObject({ code: 'invalid_form', discordCode: 50035, status: 400 });
    }
    // What the adapter renders for 25 slots stays inside the limits.
    const slots = Array.from({ length: 30 }, (_, i) => ({
      id: String(i + 1),
      rank: i + 1,
      start: 0,
      end: 1,
      label: `Slot ${i + 1} with a rather long label that keeps going and going and going on`,
      labels: [],
      reason: '',
      free: 1,
      total: 1,
    }));
    const components = slotButtons(slots, '0b9f7a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b');
    expect(components).toHaveLength(5);
    await expect(api.sendMessage(channelId, { content: 'ok', components })).resolves.toMatchObject({
      channel_id: channelId,
    });
  });

  it('kills interaction tokens: 10062 after 3 s, 40060 on a second ack, 50027 after 15 min', async () => {
    const late = fake.commandInteraction({ guildId, channelId, user: ana, subcommand: 'status' });
    now += 3_001;
    await expect(api.respond(String(late.id), String(late.token), { type: 5 })).rejects.toMatchObject({
      code: 'unknown_interaction',
      discordCode: 10062,
    });
    await expect(api.editOriginal(String(late.token), { content: 'x' })).rejects.toMatchObject({
      code: 'token_expired',
      discordCode: 10015,
    });

    const ok = fake.commandInteraction({ guildId, channelId, user: ana, subcommand: 'status' });
    await api.respond(String(ok.id), String(ok.token), { type: 5 });
    await expect(api.respond(String(ok.id), String(ok.token), { type: 5 })).rejects.toMatchObject({
      code: 'already_acknowledged',
      discordCode: 40060,
    });
    now += INTERACTION_TOKEN_MS - 1;
    await expect(api.editOriginal(String(ok.token), { content: 'in time' })).resolves.toMatchObject({
      content: 'in time',
    });
    now += 2;
    await expect(api.followUp(String(ok.token), { content: 'too late' })).rejects.toMatchObject({
      code: 'token_expired',
      discordCode: 50027,
      status: 401,
    });
    // The 401 on a webhook call did not cost the client its bot token.
    await expect(api.sendMessage(channelId, { content: 'still here' })).resolves.toBeTruthy();
  });

  it('waits out a 429 for its retry_after, then succeeds', async () => {
    fake.rateLimitNext('POST', /^\/channels\/\d+\/messages$/, 0.3);
    const started = performance.now();
    const message = await api.sendMessage(channelId, { content: 'after the wait' });
    const waited = performance.now() - started;
    expect(message.content).toBe('after the wait');
    expect(waited).toBeGreaterThanOrEqual(290);
    const attempts = fake.requests.filter((r) => r.path === `/channels/${channelId}/messages`).slice(-2);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
  });

  it('fails fast on a rate limit longer than the configured wait', async () => {
    const impatient = new DiscordApi({
      applicationId: fake.applicationId,
      botToken: fake.botToken,
      api: fake.api,
      maxRateLimitWaitMs: 100,
    });
    fake.rateLimitNext('POST', /^\/channels\/\d+\/messages$/, 5, { global: true });
    const started = performance.now();
    await expect(impatient.sendMessage(channelId, { content: 'x' })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports 50007 when a user does not accept DMs, and 50001 without channel access', async () => {
    const closed = fake.addUser('closed', { dmClosed: true });
    await expect(api.sendDm(closed.id, { content: 'hi' })).rejects.toMatchObject({
      code: 'cannot_dm',
      discordCode: 50007,
    });
    await expect(api.sendDm(ana.id, { content: 'hi' })).resolves.toMatchObject({ content: 'hi' });
    const hidden = fake.addChannel(guildId, { botCanSend: false });
    await expect(api.sendMessage(hidden.id, { content: 'x' })).rejects.toMatchObject({
      code: 'missing_access',
      discordCode: 50001,
    });
  });
});
