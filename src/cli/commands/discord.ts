/**
 * `convene discord register [--guild <id>] [--force] [--json]`
 *
 * Registers Convene's application commands (`/meet`) globally (up to an hour to show everywhere) or in
 * one guild (instant: use it while testing), with a bulk overwrite. It first reads what is registered
 * and does nothing when it already matches (`--force` skips that check), so re-running it spends none of
 * Discord's 200 command creates per day; when that limit (or a long rate limit) is hit, it stops and says
 * so instead of retrying.
 *
 * Reads `DISCORD_APPLICATION_ID`, `DISCORD_BOT_TOKEN` and optionally `DISCORD_API_URL`.
 * Exit codes: 0 registered or already up to date; 1 Discord refused; 2 bad usage or configuration.
 */
import { DiscordApi, DiscordCallError } from '../../bot/discord/api.ts';
import { allCommands } from '../../bot/discord/commands.ts';
import { parseCliArgs } from '../args.ts';
import type { CliIo } from '../io.ts';
import { usage } from '../usage.ts';

const USAGE = usage('discord');

export async function run(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const fail = (msg: string, code = 2) => {
    io.err(`convene discord: ${msg}`);
    return code;
  };
  const args = parseCliArgs(argv, {
    guild: { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (!args.ok) return fail(`${args.error} (${USAGE})`);
  const { values, positionals } = args;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals[0] !== 'register' || positionals.length > 1) return fail(`expected "register" (${USAGE})`);
  const guild = values.guild?.trim();
  if (guild !== undefined && !/^\d{15,25}$/.test(guild)) return fail('--guild must be a numeric server id');
  const applicationId = env.DISCORD_APPLICATION_ID?.trim();
  const botToken = env.DISCORD_BOT_TOKEN?.trim();
  if (!applicationId || !botToken)
    return fail('set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (Developer Portal → your application)');

  const api = new DiscordApi({
    applicationId,
    botToken,
    ...(env.DISCORD_API_URL?.trim() ? { api: env.DISCORD_API_URL.trim() } : {}),
    maxRateLimitWaitMs: 10_000,
  });
  const wanted = allCommands();
  const scope = guild ? `server ${guild}` : 'global';
  const report = (status: 'registered' | 'unchanged', names: string[]) => {
    if (values.json) io.out(JSON.stringify({ ok: true, status, scope: guild ?? 'global', commands: names }));
    else
      io.out(
        status === 'unchanged'
          ? `Commands already up to date (${scope}): ${names.map((n) => `/${n}`).join(', ')}; nothing registered.`
          : `Registered (${scope}): ${names.map((n) => `/${n}`).join(', ')}.${guild ? '' : ' Global commands can take up to an hour to appear.'}`,
      );
    return 0;
  };
  try {
    if (!values.force) {
      const existing = (await api.getCommands(guild)) as Record<string, unknown>[];
      if (sameCommands(wanted as unknown as Record<string, unknown>[], existing))
        return report(
          'unchanged',
          wanted.map((c) => c.name),
        );
    }
    const saved = (await api.putCommands(wanted, guild)) as { name: string }[];
    return report(
      'registered',
      saved.map((c) => c.name),
    );
  } catch (error) {
    if (!(error instanceof DiscordCallError)) throw error;
    if (error.code === 'daily_limit' || error.code === 'rate_limited')
      return fail(
        `Discord's limit on command registrations is reached (${scope}; 200 creates per day). Not retrying: try again tomorrow${guild ? '' : ', or register in one server with --guild'}.`,
        1,
      );
    if (error.code === 'unauthorized') return fail('Discord refused the bot token (DISCORD_BOT_TOKEN).', 1);
    if (error.code === 'missing_access')
      return fail(
        guild
          ? `the bot is not in server ${guild}, or was invited without the applications.commands scope.`
          : 'DISCORD_APPLICATION_ID does not match the bot token.',
        1,
      );
    return fail(`Discord refused the commands: ${error.message}`, 1);
  }
}

/** Same names, and each wanted field equal to the registered one (fields Discord adds are ignored). */
export function sameCommands(
  wanted: readonly Record<string, unknown>[],
  existing: readonly Record<string, unknown>[],
): boolean {
  if (wanted.length !== existing.length) return false;
  return wanted.every((w) => {
    const e = existing.find((c) => c.name === w.name);
    return e !== undefined && Object.keys(w).every((k) => stable(w[k]) === stable(e[k]));
  });
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}
