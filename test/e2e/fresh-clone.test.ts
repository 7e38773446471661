/**
 * The README's path from a fresh clone, against the Slack and Discord fakes and a fresh PostgreSQL
 * database: `cp .env.example .env`, fill it in, `npm run db:migrate`, `npx convene discord register`, `npm start` (bin/start.js,
 * in the directory that holds the .env, nothing Convene-related in the real environment), then
 * `npx convene doctor` passes. Convene must run with the file's settings: its port, its Slack signing
 * secret (a signed `/meet help` from the fake is answered), Slack and Discord on, the playground off.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/bot/slack/adapter.ts';
import type { DoctorReport } from '../../src/cli/commands/doctor.ts';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { FakeDiscord } from '../fakes/discord/server.ts';
import { FakeSlack } from '../fakes/slack/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const run = promisify(execFile);

let slack: FakeSlack;
let discord: FakeDiscord;
let dir: string;
let dbName: string;
let child: ChildProcess | undefined;
let output = '';
let port: number;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port: p } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return p;
}

/** What a person does to .env: sets `NAME=value` on the line that lists NAME. */
function fillIn(text: string, values: Record<string, string>): string {
  let out = text;
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^${name}=.*$`, 'm');
    expect(out, `.env.example lists ${name}`).toMatch(line);
    out = out.replace(line, `${name}=${value}`);
  }
  return out;
}

/** The environment of a shell with nothing of Convene's in it. */
const bareEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  CHECKPOINT_DISABLE: '1',
});

beforeAll(async () => {
  slack = await FakeSlack.start();
  const team = slack.addTeam({ id: 'T0FRESH', name: 'Fresh', scopes: [...BOT_SCOPES] });
  slack.addUser(team.id, { id: 'U0ANA', name: 'ana' });
  discord = await FakeDiscord.start();
  dbName = `convene_fresh_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  port = await freePort();

  dir = mkdtempSync(join(tmpdir(), 'convene-fresh-'));
  copyFileSync(join(ROOT, '.env.example'), join(dir, '.env'));
  const filled = fillIn(readFileSync(join(dir, '.env'), 'utf8'), {
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    CONVENE_ENCRYPTION_KEYS: generateKeyEntry('k1'),
    CONVENE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    CONVENE_STATE_SECRET: randomBytes(48).toString('base64'),
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_BOT_TOKEN: team.botToken,
    SLACK_API_URL: slack.apiUrl,
    DISCORD_PUBLIC_KEY: discord.publicKey,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_BOT_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.api,
  });
  writeFileSync(join(dir, '.env'), filled);
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((ok) => child!.once('exit', ok));
  }
  await slack?.close();
  await discord?.close();
  if (dbName) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('from a fresh clone: cp .env.example .env, fill it in, npm start, convene doctor', () => {
  it('registers the Discord commands with the settings of .env', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'bin/convene.js'), 'discord', 'register', '--json'],
      {
        cwd: dir,
        env: bareEnv(),
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({
      ok: true,
      status: 'registered',
      scope: 'global',
      commands: ['meet'],
    });
  });

  it('npm run db:migrate migrates the database of .env', async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'src/store/cli.ts'), 'migrate'], {
      cwd: dir,
      env: bareEnv(),
    });
    expect(stdout).toMatch(
      new RegExp(`^applied 2\\d+_init, .* to postgresql://postgres@127\\.0\\.0\\.1:5432/${dbName}`),
    );
  }, 60_000);

  it('npm start runs Convene with the settings of .env: its port, Slack and Discord on, no playground', async () => {
    child = spawn(process.execPath, [join(ROOT, 'bin/start.js')], {
      cwd: dir,
      env: bareEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const deadline = Date.now() + 90_000;
    const started = await new Promise<boolean>((ok) => {
      const timer = setInterval(() => {
        const done = /Convene is listening on|Convene playground/.test(output);
        if (done || child!.exitCode !== null || Date.now() > deadline) {
          clearInterval(timer);
          ok(done && child!.exitCode === null);
        }
      }, 50);
    });
    expect(started, output).toBe(true);
    expect(output).toContain(`Convene: settings from ${join(dir, '.env')}`);
    expect(output).toContain(
      `Convene is listening on http://127.0.0.1:${port} (slack, discord; calendar linking on)`,
    );
    expect(output).not.toContain('playground');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    // The signing secret came from .env: a signed slash command is accepted and answered.
    slack.target = `http://127.0.0.1:${port}/slack/events`;
    const help = await slack.command({
      teamId: 'T0FRESH',
      userId: 'U0ANA',
      channelId: 'C0FRESH',
      text: 'help',
    });
    expect(help.status).toBe(200);
    const forged = await slack.command(
      { teamId: 'T0FRESH', userId: 'U0ANA', channelId: 'C0FRESH', text: 'help' },
      { secret: 'not-the-secret' },
    );
    expect(forged.status).toBe(401);
  }, 120_000);

  it('convene doctor --json passes against the fakes and lists the URLs to paste', async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'bin/convene.js'), 'doctor', '--json'], {
      cwd: dir,
      env: bareEnv(),
    });
    const report = JSON.parse(stdout) as DoctorReport;
    const status = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    expect(report.ok, stdout).toBe(true);
    expect(status).toMatchObject({
      config: 'ok',
      database: 'ok',
      'public-url': 'warn', // http on this machine: Slack and Discord could not reach it for real
      'public-url-reachable': 'ok',
      'slack-auth': 'ok',
      'slack-scopes': 'ok',
      'slack-token-rotation': 'ok',
      'discord-application': 'ok',
      'discord-commands': 'ok',
    });
    expect(report.urls.map((u) => u.url)).toEqual([
      `http://127.0.0.1:${port}/slack/events`,
      `http://127.0.0.1:${port}/slack/events`,
      `http://127.0.0.1:${port}/slack/events`,
      `http://127.0.0.1:${port}/discord/interactions`,
    ]);
  }, 60_000);

  it('an explicit environment variable wins over .env: doctor with another Slack token fails', async () => {
    const failed = await run(process.execPath, [join(ROOT, 'bin/convene.js'), 'doctor'], {
      cwd: dir,
      env: { ...bareEnv(), SLACK_BOT_TOKEN: 'xoxb-revoked' },
    }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('[FAIL] slack-auth: Slack refused SLACK_BOT_TOKEN (invalid_auth)');
  }, 60_000);
});
