/**
 * The composition root mounts what the environment configures, behind one web server: Slack and Discord
 * endpoints that verify signatures, and the OAuth callbacks refusing forged states. Config mistakes are
 * typed errors with one-line messages.
 */
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IcsOffers } from '../src/app/ics-offer.ts';
import { LinkConfigError } from '../src/app/link/config.ts';
import { DiscordConfigError } from '../src/bot/discord/index.ts';
import { SlackConfigError } from '../src/bot/slack/config.ts';
import { createWebServer } from '../src/bot/web/server.ts';
import { composeChat } from '../src/compose.ts';
import { openDatabase, type Store } from '../src/store/index.ts';

const discordKeys = generateKeyPairSync('ed25519');
const discordPublicHex = Buffer.from(
  discordKeys.publicKey.export({ format: 'jwk' }).x as string,
  'base64url',
).toString('hex');

const SLACK_SECRET = 'slack-signing-secret-for-tests';
const env: NodeJS.ProcessEnv = {
  SLACK_SIGNING_SECRET: SLACK_SECRET,
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  DISCORD_PUBLIC_KEY: discordPublicHex,
  DISCORD_APPLICATION_ID: '123456789012345678',
  DISCORD_BOT_TOKEN: 'discord-bot-token',
  DISCORD_API_URL: 'http://127.0.0.1:9/api',
  CONVENE_PUBLIC_URL: 'http://localhost:3000',
  CONVENE_STATE_SECRET: 'x'.repeat(48),
  GOOGLE_CLIENT_ID: 'google-client',
  GOOGLE_CLIENT_SECRET: 'google-secret',
};

let store: Store;
let server: Server;
let base: string;
const logged: string[] = [];

beforeAll(async () => {
  store = await openDatabase({ dataDir: 'memory://', log: () => undefined });
  const chat = composeChat(store, env, (line) => logged.push(line));
  if (!chat) throw new Error('expected chat services');
  expect(chat.platforms).toEqual(['slack', 'discord']);
  expect(chat.linking).toBe(true);
  const app = createWebServer({ routers: chat.routers, log: () => undefined });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

describe('composeChat', () => {
  it('returns null when no chat platform is configured', () => {
    expect(composeChat(store, {}, () => undefined)).toBeNull();
  });

  it('serves Slack: a forged signature gets 401, a signed ssl_check gets 200', async () => {
    const body = 'ssl_check=1&token=x';
    const forged = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-slack-signature': 'v0=deadbeef',
      },
      body: 'command=%2Fmeet&text=hi',
    });
    expect(forged.status).toBe(401);
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const ok = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': ts,
        'x-slack-signature': signature,
      },
      body,
    });
    expect(ok.status).toBe(200);
  });

  it('serves Discord: a bad signature gets 401, a signed PING gets PONG', async () => {
    const body = JSON.stringify({ type: 1, id: '1', application_id: env.DISCORD_APPLICATION_ID, token: 't' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const post = (signature: string) =>
      fetch(`${base}/discord/interactions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-signature-ed25519': signature,
          'x-signature-timestamp': timestamp,
        },
        body,
      });
    expect((await post('00'.repeat(64))).status).toBe(401);
    const good = sign(null, Buffer.from(timestamp + body), discordKeys.privateKey).toString('hex');
    const pong = await post(good);
    expect(pong.status).toBe(200);
    expect(await pong.json()).toEqual({ type: 1 });
  });

  it('serves the OAuth callbacks: a forged state gets a 400 page and stores nothing', async () => {
    const response = await fetch(`${base}/oauth/google/start?state=v1.forged.signature`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const page = await response.text();
    expect(page).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    const rows = await store.query('SELECT count(*)::int AS n FROM calendar_connection');
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('serves the .ics offered on confirmations, signed with the configured state secret', async () => {
    const workspace = await store.workspaces.install({ platform: 'slack', externalId: 'TICS', name: 'Ics' });
    const bo = (await store.people.upsertByIdentity({
      workspaceId: workspace.id,
      externalUserId: 'UBO',
      displayName: 'Bo',
    }))!;
    const start = Date.now() + 86_400_000;
    const booked = await store.bookings.bookSlot({
      tenantId: workspace.tenantId,
      people: [bo.id],
      start,
      end: start + 1_800_000,
      title: 'Standup',
      idempotencyKey: 'compose-ics',
    });
    if (!booked.ok) throw new Error(booked.reason);
    const url = new IcsOffers({
      bookings: store.bookings,
      publicBaseUrl: env.CONVENE_PUBLIC_URL!,
      stateSecret: env.CONVENE_STATE_SECRET!,
    }).urlFor({
      tenantId: workspace.tenantId,
      bookingId: booked.booking.id,
      personId: bo.id,
      end: start + 1_800_000,
    })!;
    const path = new URL(url).pathname;
    expect(path.startsWith('/ics/')).toBe(true);
    const served = await fetch(`${base}${path}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await served.text()).toContain('SUMMARY:Standup');
    const forged = await fetch(`${base}/ics/i1.forged.signature`);
    expect(forged.status).toBe(404);
    expect(await forged.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('turns half-done configuration into typed one-line errors', () => {
    expect(() => composeChat(store, { SLACK_BOT_TOKEN: 'xoxb-1' }, () => undefined)).toThrow(
      SlackConfigError,
    );
    expect(() => composeChat(store, { DISCORD_PUBLIC_KEY: discordPublicHex }, () => undefined)).toThrow(
      DiscordConfigError,
    );
    expect(() => composeChat(store, { ...env, CONVENE_STATE_SECRET: 'short' }, () => undefined)).toThrow(
      LinkConfigError,
    );
  });

  it('says so when calendar linking is off', () => {
    const lines: string[] = [];
    const chat = composeChat(
      store,
      {
        DISCORD_PUBLIC_KEY: discordPublicHex,
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_BOT_TOKEN: 't',
      },
      (line) => lines.push(line),
    );
    expect(chat?.linking).toBe(false);
    expect(lines.join('\n')).toMatch(/calendar linking is off/);
  });
});
