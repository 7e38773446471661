/**
 * Command rate limits: the token buckets on an injected clock, then through the real endpoints — the
 * Slack `/meet` command and the Discord `/meet` interaction — a polite private refusal in the user's
 * language once a user or a workspace is over its limit, and nothing written.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/bot/discord/adapter.ts';
import {
  CommandRateLimiter,
  rateLimitedMessage,
  rateLimitsFromEnv,
  withDefaultRateLimits,
} from '../../src/bot/rate-limit.ts';
import { createWebServer } from '../../src/bot/web/server.ts';
import { type Harness, installTeam, memoryCalendars, startHarness } from '../bot/slack/harness.ts';
import { FakeDiscord } from '../fakes/discord/server.ts';

describe('CommandRateLimiter', () => {
  it('lets a user burst up to the limit, then refuses with the wait, and refills with time', () => {
    let now = 0;
    const limiter = new CommandRateLimiter({ userPerMinute: 3, workspacePerMinute: 100, clock: () => now });
    const takes = [1, 2, 3, 4].map(() => limiter.take('slack', 'T1', 'U1'));
    expect(takes.map((t) => t.ok)).toEqual([true, true, true, false]);
    expect(takes[3]).toEqual({ ok: false, scope: 'user', retryAfterSeconds: 20 });
    // Another user of the same workspace is not affected.
    expect(limiter.take('slack', 'T1', 'U2').ok).toBe(true);
    now += 20_000; // one token back
    expect(limiter.take('slack', 'T1', 'U1').ok).toBe(true);
    expect(limiter.take('slack', 'T1', 'U1').ok).toBe(false);
  });

  it('limits a whole workspace across its users, and workspaces separately', () => {
    const now = 0;
    const limiter = new CommandRateLimiter({ userPerMinute: 10, workspacePerMinute: 4, clock: () => now });
    const results = ['U1', 'U2', 'U3', 'U4', 'U5'].map((u) => limiter.take('discord', 'G1', u));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, false]);
    expect(results[4]).toEqual({ ok: false, scope: 'workspace', retryAfterSeconds: 15 });
    expect(limiter.take('discord', 'G2', 'U1').ok).toBe(true);
    expect(limiter.take('slack', 'G1', 'U1').ok).toBe(true);
  });

  it('a refused command takes no token', () => {
    let now = 0;
    const limiter = new CommandRateLimiter({ userPerMinute: 1, workspacePerMinute: 1, clock: () => now });
    expect(limiter.take('slack', 'T', 'U1').ok).toBe(true);
    for (let i = 0; i < 5; i++) expect(limiter.take('slack', 'T', 'U1').ok).toBe(false);
    now += 60_000;
    expect(limiter.take('slack', 'T', 'U1').ok).toBe(true);
  });

  it('says it politely in English and French, and reads its settings from the environment', () => {
    const refused = { ok: false, scope: 'user', retryAfterSeconds: 12 } as const;
    expect(rateLimitedMessage(refused, 'en')).toBe(
      'You have sent a lot of requests at once: try again in 12 s.',
    );
    expect(rateLimitedMessage(refused, 'fr')).toContain('réessayez dans 12 s');
    expect(rateLimitsFromEnv({})).toBeNull();
    expect(rateLimitsFromEnv(withDefaultRateLimits({}))).toEqual({
      userPerMinute: 10,
      workspacePerMinute: 120,
    });
    expect(rateLimitsFromEnv({ CONVENE_RATE_LIMIT_USER_PER_MINUTE: '4' })).toEqual({
      userPerMinute: 4,
      workspacePerMinute: 120,
    });
    expect(
      rateLimitsFromEnv({
        CONVENE_RATE_LIMIT_USER_PER_MINUTE: '3',
        CONVENE_RATE_LIMIT_WORKSPACE_PER_MINUTE: '50',
      }),
    ).toEqual({ userPerMinute: 3, workspacePerMinute: 50 });
  });
});

const TABLES = ['meeting_request', 'proposal', 'booking'] as const;

describe('rate limits on the real endpoints', () => {
  let h: Harness | undefined;
  let server: Server | undefined;
  let fake: FakeDiscord | undefined;
  afterAll(async () => {
    await h?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await fake?.close();
  });

  it('Slack /meet: the user over the limit gets a private, polite refusal in French and nothing is written', async () => {
    const cal = memoryCalendars();
    h = await startHarness({
      deps: { busy: cal.busy, writer: cal.writer, clock: () => Date.UTC(2030, 0, 16, 10) },
      config: { rateLimit: { userPerMinute: 1, workspacePerMinute: 100, clock: () => 0 } },
    });
    await installTeam(h, 'T1', 'Acme');
    h.fake.addUser('T1', { id: 'UORG', name: 'olga', real_name: 'Olga', tz: 'Europe/Paris' });
    const first = await h.fake.command({ teamId: 'T1', userId: 'UORG', channelId: 'C1', text: 'aide' });
    expect(first.status).toBe(200);
    const count = async () => {
      const rows = await Promise.all(
        TABLES.map((t) => h!.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`)),
      );
      return rows.map((r) => r[0]?.n);
    };
    const before = await count();
    const second = await h.fake.command({
      teamId: 'T1',
      userId: 'UORG',
      channelId: 'C1',
      text: '<@UORG> demain 30 minutes',
    });
    expect(second.status).toBe(200);
    const body = JSON.parse(second.text) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/réessayez dans \d+ s/);
    expect(await count()).toEqual(before);
  });

  it('Discord: commands and button clicks share the limit (ephemeral refusal inline); PINGs are not limited', async () => {
    const keys = generateKeyPairSync('ed25519');
    const publicKey = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString(
      'hex',
    );
    fake = await FakeDiscord.start();
    const adapter = createDiscordAdapter(
      {
        store: {} as never,
        meetings: {
          request: async () => ({ ok: false }) as never,
          book: async () => ({ ok: false }) as never,
        },
        log: () => undefined,
      },
      {
        publicKey,
        applicationId: fake.applicationId,
        botToken: fake.botToken,
        api: fake.api,
        rateLimit: { userPerMinute: 1, workspacePerMinute: 10, clock: () => 0 },
      },
    );
    server = createWebServer({ routers: [{ router: adapter.router }] }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
    const post = async (payload: unknown) => {
      const body = JSON.stringify(payload);
      const ts = String(Math.floor(Date.now() / 1000));
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-signature-timestamp': ts,
          'x-signature-ed25519': sign(null, Buffer.from(ts + body), keys.privateKey).toString('hex'),
        },
        body,
      });
      return (await response.json()) as { type: number; data?: { content?: string; flags?: number } };
    };
    const help = {
      id: '1',
      application_id: '1',
      type: 2,
      token: 't',
      version: 1,
      guild_id: '900000000000000001',
      locale: 'en-US',
      member: { user: { id: '800000000000000001', username: 'ana' }, roles: [], permissions: '0' },
      data: { name: 'meet', type: 1, options: [{ name: 'help', type: 1, options: [] }] },
    };
    const first = await post(help);
    expect(first.data?.content).not.toMatch(/a lot of requests/);
    const second = await post(help);
    expect(second.type).toBe(4);
    expect(second.data?.content).toMatch(/^You have sent a lot of requests at once: try again in \d+ s\.$/);
    expect((second.data?.flags ?? 0) & 64).toBe(64);
    expect(await post({ id: '2', application_id: '1', type: 1, token: 't', version: 1 })).toEqual({
      type: 1,
    });
    // A button click (a component interaction) is counted too: same user, no token left.
    const click = await post({
      ...help,
      id: '3',
      type: 3,
      data: { custom_id: 'cv1:book:p1:1', component_type: 2 },
      message: { id: '700000000000000001', channel_id: '600000000000000001' },
    });
    expect(click.type).toBe(4);
    expect(click.data?.content).toMatch(/^You have sent a lot of requests at once: try again in \d+ s\.$/);
    expect((click.data?.flags ?? 0) & 64).toBe(64);
  });
});
