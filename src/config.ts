/**
 * Start-up validation of every environment variable Convene reads, so that a misconfigured server says
 * everything that is wrong at once — one line per wrong or missing variable — and exits 1 before it
 * opens anything. Field shapes are checked with zod; the cross-field rules (a half-configured Slack,
 * Discord or calendar linking, the encryption key ring) reuse the readers that build the real config,
 * so the messages are the same ones those readers give. Never prints a value of a secret.
 */
import { z } from 'zod';
import { linkConfigFromEnv } from './app/link/config.ts';
import { discordConfigFromEnv } from './bot/discord/deps.ts';
import { slackConfigFromEnv } from './bot/slack/config.ts';
import { addressPolicy, allowedNetworksFromEnv } from './connectors/net/address.ts';
import { parseKeyRing } from './store/crypto.ts';

export type ConfigCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly problems: readonly string[] };

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const flag = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^(?:|0|1|true|false|yes|no)$/i, `${name} must be 1 or 0 (true/false, yes/no)`);
const positiveInt = (name: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .refine((v) => Number(v) >= 1 && Number(v) <= max, `${name} must be between 1 and ${max}`);
const httpUrl = (name: string, example: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) => /^https?:$/.test(safeUrl(v)?.protocol ?? ''),
      `${name} must be an http(s) URL, e.g. ${example}`,
    );

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** One schema per variable: the message names the variable and says what is expected. */
const FIELDS: Record<string, z.ZodType<unknown>> = {
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, 'PORT must be a port number between 0 and 65535')
    .refine((v) => Number(v) <= 65535, 'PORT must be a port number between 0 and 65535'),
  HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'HOST must be an address such as 127.0.0.1 or 0.0.0.0'),
  LOG_LEVEL: z.enum(LEVELS, { error: `LOG_LEVEL must be one of ${LEVELS.join(', ')}` }),
  LOG_FORMAT: z
    .string()
    .trim()
    .regex(
      /^(?:json|pretty)$/i,
      'LOG_FORMAT must be `json` or `pretty` (unset: pretty on a terminal, else JSON)',
    ),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (v) => ['postgres:', 'postgresql:'].includes(safeUrl(v)?.protocol ?? ''),
      'DATABASE_URL must be postgresql://user:password@host:5432/database (or unset for the embedded database)',
    ),
  DATABASE_POOL_SIZE: positiveInt('DATABASE_POOL_SIZE', 1_000),
  CONVENE_MIGRATE: flag('CONVENE_MIGRATE'),
  CONVENE_PLAYGROUND: flag('CONVENE_PLAYGROUND'),
  CONVENE_LINK_CALDAV: flag('CONVENE_LINK_CALDAV'),
  CONVENE_LINK_ICS: flag('CONVENE_LINK_ICS'),
  SLACK_SOCKET_MODE: flag('SLACK_SOCKET_MODE'),
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .startsWith('xapp-', 'SLACK_APP_TOKEN must be an app-level token (xapp-…)'),
  SLACK_REDIRECT_URI: httpUrl('SLACK_REDIRECT_URI', 'https://convene.example.com/slack/oauth_redirect'),
  SLACK_API_URL: httpUrl('SLACK_API_URL', 'https://slack.com/api/'),
  DISCORD_API_URL: httpUrl('DISCORD_API_URL', 'https://discord.com/api'),
  CONVENE_RATE_LIMIT_USER_PER_MINUTE: positiveInt('CONVENE_RATE_LIMIT_USER_PER_MINUTE', 10_000),
  CONVENE_RATE_LIMIT_WORKSPACE_PER_MINUTE: positiveInt('CONVENE_RATE_LIMIT_WORKSPACE_PER_MINUTE', 100_000),
  CONVENE_REQUEST_CONCURRENCY: positiveInt('CONVENE_REQUEST_CONCURRENCY', 10_000),
  CONVENE_SYNC_POLL_SECONDS: positiveInt('CONVENE_SYNC_POLL_SECONDS', 86_400),
  CONVENE_MAX_WINDOW_DAYS: positiveInt('CONVENE_MAX_WINDOW_DAYS', 365),
  CONVENE_MAX_PARTICIPANTS: positiveInt('CONVENE_MAX_PARTICIPANTS', 500),
  CONVENE_MAX_SERIES_DAYS: positiveInt('CONVENE_MAX_SERIES_DAYS', 366),
  CONVENE_METRICS_TOKEN: z
    .string()
    .trim()
    .min(16, 'CONVENE_METRICS_TOKEN must be at least 16 characters (generate one: openssl rand -hex 32)'),
  CONVENE_SYNC_POLICY: z
    .string()
    .trim()
    .regex(/^(?:ask|follow)$/, 'CONVENE_SYNC_POLICY must be `ask` or `follow`'),
};

/** Every variable Convene reads, for `.env.example` and the README (kept in sync by a test). */
export const CONFIG_VARIABLES = [
  'CONVENE_ENV_FILE',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'CONVENE_MIGRATE',
  'CONVENE_DATA_DIR',
  'CONVENE_ENCRYPTION_KEYS',
  'CONVENE_PLAYGROUND',
  'CONVENE_PUBLIC_URL',
  'CONVENE_STATE_SECRET',
  'CONVENE_ALLOW_PRIVATE_NETWORKS',
  'CONVENE_LINK_CALDAV',
  'CONVENE_LINK_ICS',
  'GOOGLE_CLIENT_ID',
  'GOOGLE_CLIENT_SECRET',
  'MICROSOFT_CLIENT_ID',
  'MICROSOFT_CLIENT_SECRET',
  'MICROSOFT_TENANT',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_SOCKET_MODE',
  'SLACK_APP_TOKEN',
  'SLACK_REDIRECT_URI',
  'SLACK_API_URL',
  'DISCORD_PUBLIC_KEY',
  'DISCORD_APPLICATION_ID',
  'DISCORD_BOT_TOKEN',
  'DISCORD_API_URL',
  'DISCORD_TENANT_ID',
  'DISCORD_TENANT_GUILDS',
  'CONVENE_RATE_LIMIT_USER_PER_MINUTE',
  'CONVENE_RATE_LIMIT_WORKSPACE_PER_MINUTE',
  'CONVENE_REQUEST_CONCURRENCY',
  'CONVENE_SYNC_POLL_SECONDS',
  'CONVENE_SYNC_POLICY',
  'CONVENE_MAX_WINDOW_DAYS',
  'CONVENE_MAX_PARTICIPANTS',
  'CONVENE_MAX_SERIES_DAYS',
  'CONVENE_METRICS_TOKEN',
  'NODE_ENV',
] as const;

/** Checks `env`; lists every problem, one line each, in a stable order. */
export function checkConfig(env: NodeJS.ProcessEnv): ConfigCheck {
  const problems: string[] = [];
  const flagged = new Set<string>();
  const set = (name: string) => (env[name]?.trim() ?? '') !== '';

  for (const [name, schema] of Object.entries(FIELDS)) {
    if (!set(name)) continue;
    const result = schema.safeParse(env[name]);
    if (!result.success) {
      problems.push(result.error.issues[0]?.message ?? `${name} is not valid`);
      flagged.add(name);
    }
  }
  // Cross-field rules, through the readers that build the real configuration.
  const reader = (variables: readonly string[], read: () => unknown) => {
    if (variables.some((v) => flagged.has(v))) return;
    try {
      read();
    } catch (error) {
      problems.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
  };
  reader(['SLACK_SOCKET_MODE', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'SLACK_REDIRECT_URI'], () =>
    slackConfigFromEnv(env),
  );
  reader(['DISCORD_API_URL', 'DISCORD_TENANT_ID', 'DISCORD_TENANT_GUILDS'], () => discordConfigFromEnv(env));
  if (set('CONVENE_PUBLIC_URL') || set('CONVENE_STATE_SECRET')) reader([], () => linkConfigFromEnv(env));
  reader([], () => {
    try {
      addressPolicy(allowedNetworksFromEnv(env));
    } catch (error) {
      throw new Error(`CONVENE_ALLOW_PRIVATE_NETWORKS: ${(error as Error).message}`);
    }
  });
  // With PostgreSQL the key ring is mandatory; the embedded database creates a key file when unset.
  if (set('CONVENE_ENCRYPTION_KEYS') || (set('DATABASE_URL') && !flagged.has('DATABASE_URL')))
    reader([], () => parseKeyRing(env.CONVENE_ENCRYPTION_KEYS));
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
