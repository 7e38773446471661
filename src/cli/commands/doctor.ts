/**
 * `convene doctor [--json] [--guild <id>] [--offline]`
 *
 * Checks the whole set-up with the settings `npm start` would use (the environment, then `.env` or
 * CONVENE_ENV_FILE) and says what to fix: the configuration, the database and its migrations, the
 * public URL (scheme, and whether Convene answers there), Slack (`auth.test`, granted scopes against
 * the manifest's, a 12-hour rotating token given as SLACK_BOT_TOKEN, the OAuth client's id and secret), Discord (application id and
 * public key against the bot token's application, `/meet` registered), Google and Microsoft client
 * settings; then prints the exact URLs to paste into each console.
 *
 * Every check makes at most one or two outbound calls with a 10 s timeout. `--offline` makes none.
 * Output: human text, or stable JSON with `--json` ({ ok, checks: [{ id, status, summary, fix? }],
 * urls: [{ console, field, url }] }). Exit codes: 0 nothing failed (warnings allowed), 1 a check
 * failed, 2 bad usage.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { linkConfigFromEnv } from '../../app/link/config.ts';
import { BOT_SCOPES } from '../../bot/slack/adapter.ts';
import { checkConfig } from '../../config.ts';
import { parseCliArgs } from '../args.ts';
import type { CliIo } from '../io.ts';
import { usage } from '../usage.ts';

const USAGE = usage('doctor');
const TIMEOUT_MS = 10_000;

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  readonly id: string;
  readonly status: CheckStatus;
  readonly summary: string;
  readonly fix?: string;
}

export interface ConsoleUrl {
  readonly console: string;
  readonly field: string;
  readonly url: string;
}

export interface DoctorReport {
  readonly ok: boolean;
  readonly checks: readonly Check[];
  readonly urls: readonly ConsoleUrl[];
}

export interface DoctorOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly guild?: string;
  readonly offline?: boolean;
  readonly fetch?: typeof fetch;
}

const get = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;

function check(id: string, status: CheckStatus, summary: string, fix?: string): Check {
  return fix ? { id, status, summary, fix } : { id, status, summary };
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.name === 'TimeoutError' ? 'no answer within 10 s' : error.message}${detail}`.split(
      '\n',
    )[0]!;
  }
  return String(error);
}

/** Runs every check; never throws for a bad set-up (that is what it reports). */
export async function diagnose(options: DoctorOptions): Promise<DoctorReport> {
  const env = options.env;
  const http = options.fetch ?? fetch;
  const checks: Check[] = [];
  const urls: ConsoleUrl[] = [];
  const call = (url: string, init: RequestInit = {}) =>
    http(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });

  // --- configuration ------------------------------------------------------------------------------
  const config = checkConfig(env);
  if (config.ok) checks.push(check('config', 'ok', 'every variable is well formed'));
  else
    for (const problem of config.problems)
      checks.push(check('config', 'fail', problem, 'fix the variable in .env (or the environment)'));

  // --- database -----------------------------------------------------------------------------------
  checks.push(await databaseCheck(env, options.cwd ?? process.cwd(), options.offline === true));

  // --- public URL ---------------------------------------------------------------------------------
  const slackOn = get(env, 'SLACK_SIGNING_SECRET') !== undefined;
  const slackHttp =
    slackOn && !['1', 'true', 'yes'].includes(get(env, 'SLACK_SOCKET_MODE')?.toLowerCase() ?? '');
  const discordOn =
    get(env, 'DISCORD_PUBLIC_KEY') !== undefined || get(env, 'DISCORD_APPLICATION_ID') !== undefined;
  const oauthOn = ['GOOGLE_CLIENT_ID', 'MICROSOFT_CLIENT_ID'].some((v) => get(env, v));
  const publicRaw = get(env, 'CONVENE_PUBLIC_URL');
  let publicUrl: URL | null = null;
  if (publicRaw) {
    try {
      publicUrl = new URL(publicRaw);
    } catch {
      publicUrl = null;
    }
  }
  const base = publicUrl ? publicUrl.toString().replace(/\/+$/, '') : 'https://<your public host>';
  const needsPublic = slackHttp || discordOn || oauthOn;
  if (!publicRaw) {
    checks.push(
      check(
        'public-url',
        needsPublic ? 'fail' : 'skip',
        needsPublic
          ? `CONVENE_PUBLIC_URL is not set, but ${[slackHttp && 'Slack (HTTP mode)', discordOn && 'Discord', oauthOn && 'calendar linking'].filter(Boolean).join(', ')} must reach Convene over HTTPS`
          : 'CONVENE_PUBLIC_URL is not set (only the playground and Socket Mode work without it)',
        needsPublic
          ? 'set CONVENE_PUBLIC_URL to an https address: a tunnel for a trial, a reverse proxy with TLS in production (README, "A public URL")'
          : undefined,
      ),
    );
  } else if (!publicUrl) {
    checks.push(check('public-url', 'fail', `CONVENE_PUBLIC_URL is not a URL: ${publicRaw}`));
  } else {
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(publicUrl.hostname);
    if (publicUrl.protocol === 'https:') checks.push(check('public-url', 'ok', `${base} is https`));
    else if (publicUrl.protocol === 'http:' && local)
      checks.push(
        check(
          'public-url',
          'warn',
          `${base} is plain http on this machine: Slack, Discord, Google and Microsoft cannot reach it`,
          'for a trial, start a tunnel (e.g. `cloudflared tunnel --url http://localhost:3000`) and set CONVENE_PUBLIC_URL to its https address',
        ),
      );
    else
      checks.push(
        check(
          'public-url',
          'fail',
          `${base} must be https (Slack, Discord and the OAuth providers refuse plain http)`,
          'put Convene behind a reverse proxy with TLS (deploy/Caddyfile) or a tunnel, and set CONVENE_PUBLIC_URL to its https address',
        ),
      );
    if (!options.offline && publicUrl.protocol.startsWith('http')) {
      try {
        const res = await call(`${base}/healthz`);
        checks.push(
          res.ok
            ? check('public-url-reachable', 'ok', `Convene answers at ${base}/healthz`)
            : check(
                'public-url-reachable',
                'warn',
                `${base}/healthz answered HTTP ${res.status}, not Convene's 200`,
                'check that the tunnel or proxy forwards to Convene (HOST/PORT)',
              ),
        );
      } catch (error) {
        checks.push(
          check(
            'public-url-reachable',
            'warn',
            `nothing answers at ${base}/healthz (${errorText(error)})`,
            'start Convene (npm start), then the tunnel or proxy in front of it',
          ),
        );
      }
    }
  }

  // --- Slack --------------------------------------------------------------------------------------
  if (!slackOn) checks.push(check('slack', 'skip', 'Slack is off (SLACK_SIGNING_SECRET is not set)'));
  else {
    checks.push(...(await slackChecks(env, call, options.offline === true)));
    if (slackHttp) {
      for (const field of [
        'Slash Commands → /meet → Request URL',
        'Interactivity & Shortcuts → Request URL',
        'Event Subscriptions → Request URL',
      ])
        urls.push({ console: 'Slack', field, url: `${base}/slack/events` });
      if (get(env, 'SLACK_CLIENT_ID')) {
        urls.push({
          console: 'Slack',
          field: 'OAuth & Permissions → Redirect URLs',
          url: get(env, 'SLACK_REDIRECT_URI') ?? `${base}/slack/oauth_redirect`,
        });
        urls.push({
          console: 'Slack',
          field: 'Install page (open it to add a workspace)',
          url: `${base}/slack/install`,
        });
      }
    }
  }

  // --- Discord ------------------------------------------------------------------------------------
  if (!discordOn) checks.push(check('discord', 'skip', 'Discord is off (DISCORD_* are not set)'));
  else {
    checks.push(...(await discordChecks(env, call, options)));
    urls.push({
      console: 'Discord',
      field: 'General Information → Interactions Endpoint URL',
      url: `${base}/discord/interactions`,
    });
  }

  // --- calendar linking ---------------------------------------------------------------------------
  let linkProblem: string | null = null;
  if (oauthOn || get(env, 'CONVENE_PUBLIC_URL') || get(env, 'CONVENE_STATE_SECRET')) {
    try {
      linkConfigFromEnv(env);
    } catch (error) {
      linkProblem = errorText(error);
    }
  }
  const googleId = get(env, 'GOOGLE_CLIENT_ID');
  if (!googleId && !get(env, 'GOOGLE_CLIENT_SECRET'))
    checks.push(check('google', 'skip', 'Google linking is off (GOOGLE_CLIENT_ID is not set)'));
  else {
    if (linkProblem) checks.push(check('google', 'fail', linkProblem));
    else if (!googleId?.endsWith('.apps.googleusercontent.com'))
      checks.push(
        check(
          'google',
          'fail',
          'GOOGLE_CLIENT_ID does not look like a Google OAuth client id (…apps.googleusercontent.com)',
          'copy the Client ID of a "Web application" client from Google Cloud console → APIs & Services → Credentials',
        ),
      );
    else
      checks.push(
        check(
          'google',
          'ok',
          'client id and secret set; the consent screen must list the calendar.events scope and, while unverified (External), your test users',
        ),
      );
    urls.push({
      console: 'Google Cloud',
      field: 'Credentials → OAuth client → Authorized redirect URIs',
      url: `${base}/oauth/google/callback`,
    });
  }
  const microsoftId = get(env, 'MICROSOFT_CLIENT_ID');
  if (!microsoftId && !get(env, 'MICROSOFT_CLIENT_SECRET'))
    checks.push(check('microsoft', 'skip', 'Microsoft 365 linking is off (MICROSOFT_CLIENT_ID is not set)'));
  else {
    const tenant = get(env, 'MICROSOFT_TENANT') ?? 'organizations';
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (!microsoftId)
      checks.push(
        check('microsoft', 'fail', 'MICROSOFT_CLIENT_SECRET is set but MICROSOFT_CLIENT_ID is not'),
      );
    else if (linkProblem) checks.push(check('microsoft', 'fail', linkProblem));
    else if (!guid.test(microsoftId))
      checks.push(
        check(
          'microsoft',
          'fail',
          'MICROSOFT_CLIENT_ID is not an Application (client) ID (a GUID such as 1b2c3d4e-…)',
          'copy it from Entra admin center → App registrations → your app → Overview',
        ),
      );
    else if (!get(env, 'MICROSOFT_CLIENT_SECRET'))
      checks.push(
        check(
          'microsoft',
          'fail',
          'MICROSOFT_CLIENT_SECRET is not set',
          'create one under Certificates & secrets → New client secret and copy its Value (not its ID)',
        ),
      );
    else if (
      !['organizations', 'common', 'consumers'].includes(tenant) &&
      !guid.test(tenant) &&
      !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(tenant)
    )
      checks.push(
        check(
          'microsoft',
          'fail',
          `MICROSOFT_TENANT "${tenant}" is not a tenant id, a domain, organizations or common`,
        ),
      );
    else
      checks.push(
        check(
          'microsoft',
          'ok',
          ['organizations', 'common'].includes(tenant)
            ? `multi-tenant (${tenant}): the app registration must accept accounts in any organizational directory; tenants that block user consent need an admin to grant it (admin consent URL below)`
            : `single tenant ${tenant}: only that organisation's accounts can link; an admin can grant consent for everyone (URL below)`,
        ),
      );
    urls.push({
      console: 'Microsoft Entra',
      field: 'App registration → Authentication → Web → Redirect URIs',
      url: `${base}/oauth/microsoft/callback`,
    });
    if (microsoftId)
      urls.push({
        console: 'Microsoft Entra',
        field: 'Admin consent (send to a tenant administrator)',
        url: `https://login.microsoftonline.com/${tenant === 'common' || tenant === 'consumers' ? 'organizations' : tenant}/adminconsent?client_id=${encodeURIComponent(microsoftId)}&redirect_uri=${encodeURIComponent(`${base}/oauth/microsoft/callback`)}`,
      });
  }

  return { ok: !checks.some((c) => c.status === 'fail'), checks, urls };
}

async function databaseCheck(env: NodeJS.ProcessEnv, cwd: string, offline: boolean): Promise<Check> {
  const url = get(env, 'DATABASE_URL');
  if (!url) {
    const dir = resolve(cwd, get(env, 'CONVENE_DATA_DIR') ?? '.convene-data');
    return check(
      'database',
      'warn',
      `embedded database in ${dir}${existsSync(dir) ? '' : ' (created at first start)'}: one process only, migrated at start`,
      'for production set DATABASE_URL to PostgreSQL (README, "PostgreSQL")',
    );
  }
  const { redactUrl } = await import('../../store/errors.ts');
  const where = redactUrl(url);
  if (offline) return check('database', 'skip', `${where} not contacted (--offline)`);
  const [{ default: pg }, { loadMigrations, migrationStatus }] = await Promise.all([
    import('pg'),
    import('../../store/migrate.ts'),
  ]);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    return check(
      'database',
      'fail',
      `cannot reach the database at ${where}: ${errorText(error)}`,
      'check DATABASE_URL (host, port, user, password, database name) and that PostgreSQL is running',
    );
  }
  try {
    const status = await migrationStatus(client, loadMigrations());
    if (status.failed.length > 0 || status.modified.length > 0)
      return check(
        'database',
        'fail',
        `${where}: migration(s) ${[...status.failed, ...status.modified].join(', ')} failed or were changed after being applied`,
        'see prisma/README.md: resolve the failed migration, then run npm run db:migrate',
      );
    if (status.pending.length > 0)
      return check(
        'database',
        'fail',
        `${where} reachable, but ${status.pending.length} migration(s) are not applied: Convene refuses to start on it`,
        'run npm run db:migrate (it reads the same .env)',
      );
    return check('database', 'ok', `${where} reachable, all ${status.applied.length} migrations applied`);
  } catch (error) {
    return check('database', 'fail', `${where}: reading the migrations failed: ${errorText(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

type Call = (url: string, init?: RequestInit) => Promise<Response>;

const SLACK_ERRORS: Record<string, string> = {
  invalid_auth:
    'the token is wrong or was revoked: reinstall the app and copy the Bot User OAuth Token again',
  not_authed: 'no token was sent',
  account_inactive: 'the app was uninstalled or the workspace deleted: reinstall it',
  token_revoked: 'the token was revoked: reinstall the app and copy the new token',
  token_expired:
    'the token expired: it was a rotating token (token rotation on). Use the OAuth install, or an app created from manifest.yml (rotation off)',
};

async function slackChecks(env: NodeJS.ProcessEnv, call: Call, offline: boolean): Promise<Check[]> {
  const out: Check[] = [];
  const token = get(env, 'SLACK_BOT_TOKEN');
  const oauth =
    get(env, 'SLACK_CLIENT_ID') && get(env, 'SLACK_CLIENT_SECRET') && get(env, 'SLACK_STATE_SECRET');
  const socket = ['1', 'true', 'yes'].includes(get(env, 'SLACK_SOCKET_MODE')?.toLowerCase() ?? '');
  out.push(
    check(
      'slack-mode',
      'ok',
      `${socket ? 'Socket Mode (development)' : 'HTTP mode'}; ${token ? 'one workspace (SLACK_BOT_TOKEN)' : oauth ? 'OAuth install for many workspaces (token rotation handled)' : 'no token'}`,
    ),
  );
  if (token?.startsWith('xoxe.'))
    out.push(
      check(
        'slack-token-rotation',
        'fail',
        'SLACK_BOT_TOKEN is a rotating token (xoxe.xoxb-…): the app has token rotation on, and this token stops working 12 hours after it was issued',
        oauth
          ? 'unset SLACK_BOT_TOKEN and install through /slack/install (the OAuth install refreshes rotating tokens)'
          : 'use the OAuth install (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, then /slack/install); token rotation cannot be turned off once on, so for the copy-the-token route create a new app from manifest.yml (rotation off)',
      ),
    );
  else if (token)
    out.push(
      check('slack-token-rotation', 'ok', 'SLACK_BOT_TOKEN does not rotate (xoxb-…): it does not expire'),
    );
  const api = (get(env, 'SLACK_API_URL') ?? 'https://slack.com/api/').replace(/\/?$/, '/');
  if (oauth && !offline) out.push(await slackClientCheck(env, api, call));
  if (!token) return out;
  if (offline) {
    out.push(check('slack-auth', 'skip', 'auth.test not called (--offline)'));
    return out;
  }
  try {
    const res = await call(`${api}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (body.ok !== true) {
      const code = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
      out.push(check('slack-auth', 'fail', `Slack refused SLACK_BOT_TOKEN (${code})`, SLACK_ERRORS[code]));
      return out;
    }
    out.push(
      check(
        'slack-auth',
        'ok',
        `auth.test: workspace ${String(body.team)} (${String(body.team_id)}), bot user ${String(body.user_id)}`,
      ),
    );
    const header = res.headers.get('x-oauth-scopes');
    if (header === null)
      out.push(
        check(
          'slack-scopes',
          'warn',
          'Slack did not say which scopes the token has (no x-oauth-scopes header)',
        ),
      );
    else {
      const granted = new Set(
        header
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
      const missing = BOT_SCOPES.filter((s) => !granted.has(s));
      out.push(
        missing.length === 0
          ? check('slack-scopes', 'ok', `every scope of manifest.yml is granted (${BOT_SCOPES.join(', ')})`)
          : check(
              'slack-scopes',
              'fail',
              `the token lacks scope(s) ${missing.join(', ')} that manifest.yml asks for`,
              'add them under OAuth & Permissions → Bot Token Scopes (or paste manifest.yml again), then reinstall the app and copy the new token',
            ),
      );
    }
  } catch (error) {
    out.push(
      check(
        'slack-auth',
        'fail',
        `cannot reach Slack at ${api} (${errorText(error)})`,
        'check the network (or SLACK_API_URL)',
      ),
    );
  }
  return out;
}

/**
 * The OAuth client's id and secret, checked by exchanging a code that cannot exist: Slack answers
 * `invalid_code` once the client is accepted, `invalid_client_id` or `bad_client_secret` otherwise.
 */
async function slackClientCheck(env: NodeJS.ProcessEnv, api: string, call: Call): Promise<Check> {
  try {
    const res = await call(`${api}oauth.v2.access`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: get(env, 'SLACK_CLIENT_ID') ?? '',
        client_secret: get(env, 'SLACK_CLIENT_SECRET') ?? '',
        code: 'convene-doctor-probe',
      }),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    const error = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    if (error === 'invalid_code')
      return check(
        'slack-oauth-client',
        'ok',
        'SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are accepted by Slack',
      );
    if (error === 'invalid_client_id' || error === 'bad_client_secret')
      return check(
        'slack-oauth-client',
        'fail',
        `Slack refused the OAuth client (${error})`,
        'copy the Client ID and Client Secret from Basic Information → App Credentials of the same app',
      );
    return check(
      'slack-oauth-client',
      'warn',
      `oauth.v2.access answered ${error}, not the expected invalid_code`,
    );
  } catch (error) {
    return check('slack-oauth-client', 'fail', `cannot reach Slack at ${api} (${errorText(error)})`);
  }
}

async function discordChecks(env: NodeJS.ProcessEnv, call: Call, options: DoctorOptions): Promise<Check[]> {
  const out: Check[] = [];
  const applicationId = get(env, 'DISCORD_APPLICATION_ID');
  const publicKey = get(env, 'DISCORD_PUBLIC_KEY');
  const token = get(env, 'DISCORD_BOT_TOKEN');
  if (!applicationId || !publicKey || !token) {
    out.push(
      check(
        'discord',
        'fail',
        'Discord needs DISCORD_APPLICATION_ID, DISCORD_PUBLIC_KEY and DISCORD_BOT_TOKEN (all three)',
        'copy them from the Developer Portal: General Information (id, public key) and Bot (token)',
      ),
    );
    return out;
  }
  if (options.offline) {
    out.push(check('discord-application', 'skip', 'Discord not contacted (--offline)'));
    return out;
  }
  const api = (get(env, 'DISCORD_API_URL') ?? 'https://discord.com/api').replace(/\/+$/, '');
  const versioned = /\/v\d+$/.test(api) ? api : `${api}/v10`;
  const headers = { authorization: `Bot ${token}` };
  try {
    const res = await call(`${versioned}/applications/@me`, { headers });
    if (res.status === 401) {
      out.push(
        check(
          'discord-application',
          'fail',
          'Discord refused DISCORD_BOT_TOKEN (401)',
          'Developer Portal → Bot → Reset Token, and copy the new token',
        ),
      );
      return out;
    }
    if (!res.ok) {
      out.push(
        check('discord-application', 'fail', `Discord answered HTTP ${res.status} to GET /applications/@me`),
      );
      return out;
    }
    const app = (await res.json()) as { id?: string; verify_key?: string; name?: string };
    if (app.id !== applicationId)
      out.push(
        check(
          'discord-application',
          'fail',
          `DISCORD_APPLICATION_ID is ${applicationId} but the bot token belongs to application ${String(app.id)}`,
          'copy the Application ID and the bot token from the same application',
        ),
      );
    else if ((app.verify_key ?? '').toLowerCase() !== publicKey.toLowerCase())
      out.push(
        check(
          'discord-application',
          'fail',
          "DISCORD_PUBLIC_KEY is not this application's public key: Discord's signed requests would all be refused",
          'copy the Public Key from General Information',
        ),
      );
    else
      out.push(
        check(
          'discord-application',
          'ok',
          `application ${app.name ?? applicationId} (${applicationId}); public key matches`,
        ),
      );
  } catch (error) {
    out.push(check('discord-application', 'fail', `cannot reach Discord at ${api} (${errorText(error)})`));
    return out;
  }
  try {
    const scope = options.guild ? `server ${options.guild}` : 'global';
    const path = options.guild
      ? `/applications/${applicationId}/guilds/${options.guild}/commands`
      : `/applications/${applicationId}/commands`;
    const res = await call(`${versioned}${path}`, { headers });
    if (!res.ok) {
      out.push(
        check(
          'discord-commands',
          'fail',
          `Discord answered HTTP ${res.status} listing the ${scope} commands`,
        ),
      );
      return out;
    }
    const existing = (await res.json()) as Record<string, unknown>[];
    const [{ allCommands }, { sameCommands }] = await Promise.all([
      import('../../bot/discord/commands.ts'),
      import('./discord.ts'),
    ]);
    const wanted = allCommands() as unknown as Record<string, unknown>[];
    const register = `npx convene discord register${options.guild ? ` --guild ${options.guild}` : ''}`;
    if (sameCommands(wanted, existing))
      out.push(check('discord-commands', 'ok', `/meet is registered (${scope}) and up to date`));
    else if (!existing.some((c) => c.name === 'meet'))
      out.push(
        check(
          'discord-commands',
          options.guild ? 'fail' : 'warn',
          `/meet is not registered (${scope})`,
          `run ${register}${options.guild ? '' : " (or check a server's commands with convene doctor --guild <id>)"}`,
        ),
      );
    else
      out.push(
        check(
          'discord-commands',
          'warn',
          `/meet is registered (${scope}) but differs from this version's`,
          `run ${register}`,
        ),
      );
  } catch (error) {
    out.push(check('discord-commands', 'fail', `listing the commands failed (${errorText(error)})`));
  }
  return out;
}

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

/** The report as text for a person: one line per check, its fix indented, then the URLs to paste. */
export function formatReport(report: DoctorReport): string {
  const lines: string[] = [];
  for (const c of report.checks) {
    lines.push(`[${MARK[c.status]}] ${c.id}: ${c.summary}`);
    if (c.fix && c.status !== 'ok') lines.push(`       fix: ${c.fix}`);
  }
  if (report.urls.length > 0) {
    lines.push('', 'Paste these URLs:');
    let last = '';
    for (const u of report.urls) {
      if (u.console !== last) lines.push(`  ${u.console}`);
      last = u.console;
      lines.push(`    ${u.field}:`, `      ${u.url}`);
    }
  }
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const warned = report.checks.filter((c) => c.status === 'warn').length;
  lines.push(
    '',
    failed > 0
      ? `${failed} check(s) failed${warned ? `, ${warned} warning(s)` : ''}: fix them and run convene doctor again.`
      : `All checks passed${warned ? ` (${warned} warning(s))` : ''}.`,
  );
  return lines.join('\n');
}

export async function run(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseCliArgs(argv, {
    json: { type: 'boolean' },
    guild: { type: 'string' },
    offline: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (!args.ok) {
    io.err(`convene doctor: ${args.error} (${USAGE})`);
    return 2;
  }
  if (args.values.help) {
    io.out(USAGE);
    return 0;
  }
  if (args.positionals.length > 0) {
    io.err(`convene doctor: unexpected argument "${args.positionals[0]}" (${USAGE})`);
    return 2;
  }
  const guild = args.values.guild?.trim();
  if (guild !== undefined && !/^\d{15,25}$/.test(guild)) {
    io.err('convene doctor: --guild must be a numeric server id');
    return 2;
  }
  const report = await diagnose({
    env,
    ...(guild ? { guild } : {}),
    ...(args.values.offline ? { offline: true } : {}),
  });
  io.out(args.values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}
