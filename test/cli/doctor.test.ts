/**
 * `convene doctor` against the Slack and Discord fakes and the PostgreSQL at TEST_DATABASE_URL: each
 * check passes on a right set-up and fails, saying what to fix, on the mistakes people make (a token
 * without a scope, a 12-hour rotating token, the public key of another application, a plain-http public
 * URL, an unreachable database, /meet not registered).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands } from '../../src/bot/discord/commands.ts';
import { BOT_SCOPES } from '../../src/bot/slack/adapter.ts';
import { type Check, type DoctorReport, diagnose, formatReport, run } from '../../src/cli/commands/doctor.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { FakeDiscord } from '../fakes/discord/server.ts';
import { FakeSlack } from '../fakes/slack/server.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
let slack: FakeSlack;
let discord: FakeDiscord;
let goodToken: string;
let narrowToken: string;
let dbName: string;
let dbUrl: string;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  slack = await FakeSlack.start();
  goodToken = slack.addTeam({ id: 'T0DOC', name: 'Acme', scopes: [...BOT_SCOPES] }).botToken;
  narrowToken = slack.addTeam({ id: 'T0NARROW', scopes: ['commands', 'chat:write'] }).botToken;
  discord = await FakeDiscord.start();
  dbName = `convene_doctor_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  dbUrl = url.toString();
});

afterAll(async () => {
  await slack?.close();
  await discord?.close();
  if (dbName) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

/** Slack on a single-workspace token and Discord, both pointed at the fakes; no public URL. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_BOT_TOKEN: goodToken,
    SLACK_API_URL: slack.apiUrl,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_PUBLIC_KEY: discord.publicKey,
    DISCORD_BOT_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.api,
    CONVENE_PUBLIC_URL: 'https://convene.example.org',
    CONVENE_STATE_SECRET: 'x'.repeat(48),
    ...extra,
  };
}

const byId = (report: DoctorReport, id: string): Check[] => report.checks.filter((c) => c.id === id);
const one = (report: DoctorReport, id: string): Check => {
  const found = byId(report, id);
  expect(found, `${id} in ${JSON.stringify(report.checks)}`).toHaveLength(1);
  return found[0]!;
};

describe('convene doctor: Slack', () => {
  it('auth.test and every scope of the manifest granted: ok, with the request URLs to paste', async () => {
    const report = await diagnose({ env: env() });
    expect(one(report, 'slack-auth')).toMatchObject({ status: 'ok' });
    expect(one(report, 'slack-auth').summary).toContain('workspace Acme (T0DOC)');
    expect(one(report, 'slack-scopes').status).toBe('ok');
    expect(one(report, 'slack-token-rotation').status).toBe('ok');
    expect(report.urls.filter((u) => u.console === 'Slack').map((u) => u.url)).toEqual([
      'https://convene.example.org/slack/events',
      'https://convene.example.org/slack/events',
      'https://convene.example.org/slack/events',
    ]);
    expect(slack.calls.some((c) => c.method === 'auth.test' && c.token === goodToken)).toBe(true);
  });

  it('a token without users:read.email and the others: fails and names the missing scopes', async () => {
    const report = await diagnose({ env: env({ SLACK_BOT_TOKEN: narrowToken }) });
    const scopes = one(report, 'slack-scopes');
    expect(scopes.status).toBe('fail');
    expect(scopes.summary).toBe(
      'the token lacks scope(s) im:write, users:read, users:read.email that manifest.yml asks for',
    );
    expect(scopes.fix).toContain('reinstall the app');
    expect(report.ok).toBe(false);
  });

  it('a revoked or wrong token: fails with what Slack said and how to get a new one', async () => {
    const report = await diagnose({ env: env({ SLACK_BOT_TOKEN: 'xoxb-not-a-real-token' }) });
    const auth = one(report, 'slack-auth');
    expect(auth).toMatchObject({ status: 'fail', summary: 'Slack refused SLACK_BOT_TOKEN (invalid_auth)' });
    expect(auth.fix).toContain('copy the Bot User OAuth Token again');
  });

  it('a rotating token (xoxe.xoxb-…) given as SLACK_BOT_TOKEN fails: it expires in 12 hours', async () => {
    const report = await diagnose({ env: env({ SLACK_BOT_TOKEN: `xoxe.${goodToken}` }) });
    const rotation = one(report, 'slack-token-rotation');
    expect(rotation.status).toBe('fail');
    expect(rotation.summary).toContain('12 hours');
    expect(rotation.fix).toContain('OAuth install');
    expect(report.ok).toBe(false);
  });

  it('the OAuth install adds the redirect URL and the install page to paste', async () => {
    const report = await diagnose({
      env: env({
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: '1111.2222',
        SLACK_CLIENT_SECRET: 'secret',
        SLACK_STATE_SECRET: 'state',
      }),
      offline: true,
    });
    expect(report.urls).toContainEqual({
      console: 'Slack',
      field: 'OAuth & Permissions → Redirect URLs',
      url: 'https://convene.example.org/slack/oauth_redirect',
    });
    expect(one(report, 'slack-mode').summary).toContain('OAuth install');
  });
  it('the OAuth client: the right id and secret are accepted, a wrong secret fails', async () => {
    const oauth = (secret: string) =>
      env({
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: slack.clientId,
        SLACK_CLIENT_SECRET: secret,
        SLACK_STATE_SECRET: 'state',
      });
    const right = await diagnose({ env: oauth(slack.clientSecret) });
    expect(one(right, 'slack-oauth-client')).toMatchObject({
      status: 'ok',
      summary: 'SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are accepted by Slack',
    });
    expect(byId(right, 'slack-auth')).toEqual([]);
    const wrong = await diagnose({ env: oauth('not-the-secret') });
    expect(one(wrong, 'slack-oauth-client').status).toBe('fail');
    expect(one(wrong, 'slack-oauth-client').fix).toContain('Basic Information → App Credentials');
  });
});

describe('convene doctor: Discord', () => {
  it('before registration: the application and key match, /meet is not registered yet (warning)', async () => {
    const report = await diagnose({ env: env() });
    expect(one(report, 'discord-application').status).toBe('ok');
    const commands = one(report, 'discord-commands');
    expect(commands).toMatchObject({ status: 'warn', summary: '/meet is not registered (global)' });
    expect(commands.fix).toContain('npx convene discord register');
    expect(report.urls).toContainEqual({
      console: 'Discord',
      field: 'General Information → Interactions Endpoint URL',
      url: 'https://convene.example.org/discord/interactions',
    });
  });

  it('a server without /meet fails with --guild; registered and current: ok', async () => {
    const guild = discord.addGuild('Doc');
    const missing = await diagnose({ env: env(), guild: guild.id });
    expect(one(missing, 'discord-commands').status).toBe('fail');
    const put = await fetch(
      `${discord.api}/v10/applications/${discord.applicationId}/guilds/${guild.id}/commands`,
      {
        method: 'PUT',
        headers: { authorization: `Bot ${discord.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(allCommands()),
      },
    );
    expect(put.status).toBe(200);
    const report = await diagnose({ env: env(), guild: guild.id });
    expect(one(report, 'discord-commands')).toMatchObject({
      status: 'ok',
      summary: `/meet is registered (server ${guild.id}) and up to date`,
    });
  });

  it('the public key of another application fails: every signed request would be refused', async () => {
    const report = await diagnose({ env: env({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32) }) });
    expect(one(report, 'discord-application').status).toBe('fail');
    expect(one(report, 'discord-application').summary).toContain('DISCORD_PUBLIC_KEY');
  });

  it('an application id that is not the bot token’s, or a wrong token, fails', async () => {
    const wrongId = await diagnose({ env: env({ DISCORD_APPLICATION_ID: '123456789012345678' }) });
    expect(one(wrongId, 'discord-application').summary).toBe(
      `DISCORD_APPLICATION_ID is 123456789012345678 but the bot token belongs to application ${discord.applicationId}`,
    );
    const wrongToken = await diagnose({ env: env({ DISCORD_BOT_TOKEN: 'nope' }) });
    expect(one(wrongToken, 'discord-application')).toMatchObject({
      status: 'fail',
      summary: 'Discord refused DISCORD_BOT_TOKEN (401)',
    });
  });
});

describe('convene doctor: public URL, database, OAuth clients', () => {
  it('no public URL with Slack in HTTP mode fails; plain http on another host fails; localhost warns', async () => {
    const unset = await diagnose({ env: env({ CONVENE_PUBLIC_URL: '' }), offline: true });
    expect(one(unset, 'public-url').status).toBe('fail');
    expect(one(unset, 'public-url').fix).toContain('tunnel');
    const plain = await diagnose({
      env: env({ CONVENE_PUBLIC_URL: 'http://convene.example.org' }),
      offline: true,
    });
    expect(one(plain, 'public-url').status).toBe('fail');
    const local = await diagnose({
      env: env({ CONVENE_PUBLIC_URL: 'http://localhost:3000' }),
      offline: true,
    });
    expect(one(local, 'public-url').status).toBe('warn');
  });

  it('an unreachable database fails; so does a fresh one, not migrated', async () => {
    const down = await diagnose({ env: { DATABASE_URL: 'postgresql://convene:pw@127.0.0.1:1/convene' } });
    const check = one(down, 'database');
    expect(check.status).toBe('fail');
    expect(check.summary).toBe(
      'cannot reach the database at postgresql://convene@127.0.0.1:1/convene: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(check.summary).not.toContain(':pw@');
    const fresh = await diagnose({
      env: { DATABASE_URL: dbUrl, CONVENE_ENCRYPTION_KEYS: generateKeyEntry('k1') },
    });
    expect(one(fresh, 'database')).toMatchObject({
      status: 'fail',
      fix: 'run npm run db:migrate (it reads the same .env)',
    });
    // Every migration the repository ships is pending on a fresh database.
    const shipped = readdirSync(fileURLToPath(new URL('../../prisma/migrations', import.meta.url)), {
      withFileTypes: true,
    }).filter((e) => e.isDirectory()).length;
    expect(one(fresh, 'database').summary).toMatch(
      new RegExp(`but ${shipped} migration\\(s\\) are not applied: Convene refuses to start on it$`),
    );
    expect(fresh.ok).toBe(false);
  });

  it('Google and Microsoft: client id shapes, redirect URIs and the admin consent URL', async () => {
    const report = await diagnose({
      env: {
        CONVENE_PUBLIC_URL: 'https://convene.example.org',
        CONVENE_STATE_SECRET: 'x'.repeat(48),
        GOOGLE_CLIENT_ID: '123-abc.apps.googleusercontent.com',
        GOOGLE_CLIENT_SECRET: 'g',
        MICROSOFT_CLIENT_ID: '1b2c3d4e-0000-4000-8000-000000000001',
        MICROSOFT_CLIENT_SECRET: 'm',
        MICROSOFT_TENANT: 'contoso.onmicrosoft.com',
      },
      offline: true,
    });
    expect(one(report, 'google').status).toBe('ok');
    expect(one(report, 'microsoft')).toMatchObject({ status: 'ok' });
    expect(one(report, 'microsoft').summary).toContain('single tenant contoso.onmicrosoft.com');
    expect(report.urls.map((u) => u.url)).toEqual([
      'https://convene.example.org/oauth/google/callback',
      'https://convene.example.org/oauth/microsoft/callback',
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=1b2c3d4e-0000-4000-8000-000000000001&redirect_uri=https%3A%2F%2Fconvene.example.org%2Foauth%2Fmicrosoft%2Fcallback',
    ]);
    const bad = await diagnose({
      env: {
        CONVENE_PUBLIC_URL: 'https://convene.example.org',
        CONVENE_STATE_SECRET: 'x'.repeat(48),
        GOOGLE_CLIENT_ID: 'my-project',
        GOOGLE_CLIENT_SECRET: 'g',
        MICROSOFT_CLIENT_ID: 'convene',
        MICROSOFT_CLIENT_SECRET: 'm',
      },
      offline: true,
    });
    expect(one(bad, 'google').status).toBe('fail');
    expect(one(bad, 'microsoft').status).toBe('fail');
  });
});

describe('convene doctor: output and exit code', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), readFile: async () => '' };
    return { io, out, err };
  };

  it('--json prints the report as stable JSON and exits 1 when a check fails', async () => {
    const { io, out } = capture();
    const code = await run(['--json'], io, env({ SLACK_BOT_TOKEN: narrowToken }));
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n')) as DoctorReport;
    expect(report.ok).toBe(false);
    expect(Object.keys(report)).toEqual(['ok', 'checks', 'urls']);
    expect(report.checks.every((c) => ['ok', 'warn', 'fail', 'skip'].includes(c.status))).toBe(true);
  });

  it('text for people: a line per check, the fix under a failure, the URLs, a verdict; exit 0 when nothing fails', async () => {
    const { io, out } = capture();
    expect(await run([], io, env())).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('[ok  ] slack-auth: auth.test: workspace Acme (T0DOC)');
    expect(text).toContain('Paste these URLs:');
    expect(text).toContain('      https://convene.example.org/discord/interactions');
    expect(text).toMatch(/All checks passed \(\d+ warning\(s\)\)\.$/);
    const failing = formatReport(await diagnose({ env: env({ SLACK_BOT_TOKEN: narrowToken }) }));
    expect(failing).toContain('[FAIL] slack-scopes');
    expect(failing).toContain('       fix: add them under OAuth & Permissions');
    expect(failing).toMatch(/1 check\(s\) failed/);
  });

  it('bad usage exits 2 with one line', async () => {
    const { io, err } = capture();
    expect(await run(['--guild', 'abc'], io, {})).toBe(2);
    expect(err).toEqual(['convene doctor: --guild must be a numeric server id']);
    expect(await run(['extra'], io, {})).toBe(2);
  });
});
