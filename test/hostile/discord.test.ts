/**
 * Hostile Discord interactions (issue #10): validly SIGNED (Ed25519) but malformed bodies sent to the
 * real `/discord/interactions` endpoint behind Convene's web server, with the real store (PGlite in
 * memory), the real meeting use cases on in-memory calendars, and the Discord REST fake. Each must get
 * a 4xx or a polite refusal (never a 5xx), and no request, proposal, booking, event or job row may be
 * written.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/bot/discord/adapter.ts';
import { meetingUseCases } from '../../src/bot/discord/deps.ts';
import { DISCORD_INBOX_JOB } from '../../src/bot/discord/inbox.ts';
import { createWebServer } from '../../src/bot/web/server.ts';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../src/store/index.ts';
import { memoryCalendars } from '../bot/slack/harness.ts';
import { FakeDiscord } from '../fakes/discord/server.ts';

const keys = generateKeyPairSync('ed25519');
const publicKeyHex = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString(
  'hex',
);
const now = Date.UTC(2030, 0, 16, 10);
const cal = memoryCalendars();
let store: Store;
let fake: FakeDiscord;
let adapter: DiscordAdapter;
let server: Server;
let endpoint: string;
let guildA: string;
let guildB: string;
const logs: string[] = [];

const TABLES = ['meeting_request', 'proposal', 'booking', 'calendar_event', 'job'] as const;
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    // An interaction recorded by the durable inbox (src/bot/discord/inbox.ts) and completed is not a write
    // of the request's: it is how a replica's death after the answer is survived. One left running counts.
    const where = table === 'job' ? ` WHERE NOT (kind = '${DISCORD_INBOX_JOB}' AND status = 'done')` : '';
    const [row] = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"${where}`);
    out[table] = row?.n ?? -1;
  }
  return out;
}

async function post(body: string): Promise<{ status: number; text: string }> {
  const timestamp = String(Math.floor(now / 1000)); // the bot's pinned clock: a signed timestamp must be fresh
  const signature = sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('h'),
    log: () => undefined,
  });
  fake = await FakeDiscord.start({ now: () => now });
  guildA = fake.addGuild('Acme').id;
  guildB = fake.addGuild('Globex').id;
  await store.workspaces.install({ platform: 'discord', externalId: guildA, name: 'Acme' });
  await store.workspaces.install({ platform: 'discord', externalId: guildB, name: 'Globex' });
  adapter = createDiscordAdapter(
    {
      store,
      meetings: meetingUseCases({ store, busy: cal.busy, writer: cal.writer }),
      clock: () => now,
      log: (line) => logs.push(line),
    },
    { publicKey: publicKeyHex, applicationId: fake.applicationId, botToken: fake.botToken, api: fake.api },
  );
  const app = createWebServer({ routers: [{ router: adapter.router }], log: (line) => logs.push(line) });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await adapter?.idle();
  await fake?.close();
  await store?.close();
});

const user = { id: '400000000000000001', username: 'mallory', global_name: 'Mallory' };
const base = (type: number, extra: Record<string, unknown> = {}) => ({
  id: '500000000000000001',
  application_id: '1',
  type,
  token: 'interaction-token',
  version: 1,
  guild_id: guildB,
  channel_id: '600000000000000001',
  member: { user, roles: [], permissions: '0' },
  locale: 'fr',
  ...extra,
});
const click = (customId: unknown, guild = guildB) =>
  JSON.stringify(
    base(3, { guild_id: guild, data: { custom_id: customId, component_type: 2 }, message: { id: '7' } }),
  );

const CORPUS: Array<[string, () => string]> = [
  ['truncated JSON', () => '{"type":2,"data":{"name":"meet","opt'],
  ['empty body', () => ''],
  ['JSON null', () => 'null'],
  ['JSON array', () => '[2]'],
  ['type as a string', () => JSON.stringify(base(2).type && { ...base(2), type: '2' })],
  ['unknown interaction type', () => JSON.stringify(base(99))],
  ['command with data of the wrong type', () => JSON.stringify(base(2, { data: 'meet' }))],
  [
    'command with options of the wrong type',
    () => JSON.stringify(base(2, { data: { name: 'meet', options: { name: 'new' } } })),
  ],
  ['unknown command', () => JSON.stringify(base(2, { data: { name: 'rm-rf', options: [] } }))],
  [
    'meet new with a huge text option',
    () =>
      JSON.stringify(
        base(2, {
          data: {
            name: 'meet',
            options: [
              { name: 'new', type: 1, options: [{ name: 'request', type: 3, value: 'x'.repeat(500_000) }] },
            ],
          },
        }),
      ),
  ],
  [
    'meet new with member of the wrong type',
    () =>
      JSON.stringify(
        base(2, {
          member: 'admin',
          data: { name: 'meet', options: [{ name: 'new', type: 1, options: [] }] },
        }),
      ),
  ],
  ['unknown custom id', () => click('format_disk')],
  ['custom id of the wrong type', () => click({ book: 1 })],
  ['huge custom id', () => click(`cv1:book:${'a'.repeat(10_000)}:1`)],
  [
    'book click naming a proposal that does not exist',
    () => click('cv1:book:00000000-0000-0000-0000-000000000000:1'),
  ],
  ['book click from a guild that is not installed', () => click('cv1:book:abc:1', '999999999999999999')],
  [
    'book click outside any guild (DM) with no user',
    () =>
      JSON.stringify({
        ...base(3, { data: { custom_id: 'cv1:book:abc:1' } }),
        guild_id: undefined,
        member: undefined,
      }),
  ],
  [
    'autocomplete with options of the wrong type',
    () => JSON.stringify(base(4, { data: { name: 'meet', options: 'zone' } })),
  ],
];

describe('hostile Discord interactions, validly signed', () => {
  it.each(CORPUS)('%s → 4xx or a polite refusal, nothing written', async (_name, body) => {
    const before = await counts();
    const response = await post(body());
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) expect(response.text).toMatch(/"error"/);
    await adapter.idle();
    expect(await counts()).toEqual(before);
    expect(logs.join('\n')).not.toContain(fake.botToken);
  });

  it('an unknown button gets a polite private answer in the user’s language', async () => {
    const response = await post(click('format_disk'));
    expect(response.status).toBe(200);
    const answer = JSON.parse(response.text) as { type: number; data: { content: string; flags: number } };
    expect(answer.type).toBe(4);
    expect(answer.data.flags & 64).toBe(64);
    expect(answer.data.content.length).toBeGreaterThan(0);
  });

  it('an interaction that names no user (a member without user) is a 400, before any work starts', async () => {
    const before = await counts();
    const response = await post(
      JSON.stringify(
        base(2, { member: { roles: [] }, data: { name: 'meet', options: [{ name: 'help', type: 1 }] } }),
      ),
    );
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/must name its user/);
    await adapter.idle();
    expect(await counts()).toEqual(before);
  });

  it('still answers a signed PING after the corpus', async () => {
    const response = await post(
      JSON.stringify({ id: '1', application_id: '1', type: 1, token: 't', version: 1 }),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ type: 1 });
  });
});
