/** Start-up configuration check: one line per wrong variable, all at once; .env.example lists them all. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requestLimitsFromEnv } from '../src/bot/rate-limit.ts';
import { CONFIG_VARIABLES, checkConfig } from '../src/config.ts';
import { generateKeyEntry } from '../src/store/crypto.ts';

const problems = (env: NodeJS.ProcessEnv) => {
  const result = checkConfig(env);
  return result.ok ? [] : [...result.problems];
};

describe('checkConfig', () => {
  it('accepts an empty environment (playground on the embedded database)', () => {
    expect(checkConfig({})).toEqual({ ok: true });
  });

  it('accepts a complete production set-up', () => {
    expect(
      problems({
        PORT: '8080',
        HOST: '0.0.0.0',
        LOG_LEVEL: 'warn',
        DATABASE_URL: 'postgresql://convene:pw@db:5432/convene',
        CONVENE_ENCRYPTION_KEYS: generateKeyEntry('k1'),
        CONVENE_PUBLIC_URL: 'https://convene.example.org',
        CONVENE_STATE_SECRET: 'x'.repeat(48),
        GOOGLE_CLIENT_ID: 'g',
        GOOGLE_CLIENT_SECRET: 'gs',
        SLACK_SIGNING_SECRET: 's',
        SLACK_BOT_TOKEN: 'xoxb-1',
        DISCORD_PUBLIC_KEY: 'a'.repeat(64),
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_BOT_TOKEN: 'd',
        CONVENE_RATE_LIMIT_USER_PER_MINUTE: '5',
        DATABASE_POOL_SIZE: '40',
      }),
    ).toEqual([]);
  });

  it('refuses a database pool size that is not a whole number from 1 to 1000', () => {
    for (const value of ['0', '-3', 'ten', '2.5', '1001'])
      expect(problems({ DATABASE_POOL_SIZE: value })).toEqual([
        expect.stringContaining('DATABASE_POOL_SIZE must be'),
      ]);
    expect(problems({ DATABASE_POOL_SIZE: '1000' })).toEqual([]);
  });

  it('CONVENE_MAX_SERIES_DAYS: a whole number of days from 1 to 366, read into the request limits', () => {
    for (const value of ['0', '367', 'six months', '30.5'])
      expect(problems({ CONVENE_MAX_SERIES_DAYS: value })).toEqual([
        expect.stringContaining('CONVENE_MAX_SERIES_DAYS must be'),
      ]);
    expect(problems({ CONVENE_MAX_SERIES_DAYS: '366' })).toEqual([]);
    expect(requestLimitsFromEnv({ CONVENE_MAX_SERIES_DAYS: '90', CONVENE_MAX_WINDOW_DAYS: '30' })).toEqual({
      maxSeriesDays: 90,
      maxWindowDays: 30,
    });
    expect(requestLimitsFromEnv({ CONVENE_MAX_SERIES_DAYS: '' })).toEqual({});
  });

  it('lists every problem at once, one line each, naming the variable', () => {
    const found = problems({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://db/convene',
      CONVENE_PLAYGROUND: 'maybe',
      SLACK_BOT_TOKEN: 'xoxb-1',
      DISCORD_PUBLIC_KEY: 'a'.repeat(64),
      CONVENE_STATE_SECRET: 'short',
      CONVENE_RATE_LIMIT_USER_PER_MINUTE: '0',
    });
    const expected = [
      'PORT',
      'LOG_LEVEL',
      'DATABASE_URL',
      'CONVENE_PLAYGROUND',
      'CONVENE_RATE_LIMIT_USER_PER_MINUTE',
      'SLACK_SIGNING_SECRET',
      'DISCORD_APPLICATION_ID',
      'CONVENE_PUBLIC_URL',
    ];
    expect(found).toHaveLength(expected.length);
    for (const [i, name] of expected.entries()) expect(found[i]).toContain(name);
    for (const line of found) expect(line).not.toContain('\n');
  });

  it('never prints a secret value', () => {
    const found = problems({
      DATABASE_URL: 'postgresql://u:pw@db/c',
      CONVENE_ENCRYPTION_KEYS: 'k1:c2VjcmV0LWtleS1tYXRlcmlhbA==',
      SLACK_SIGNING_SECRET: 'sig',
      SLACK_BOT_TOKEN: 'not-a-bot-token-secret',
    });
    expect(found.length).toBe(2);
    expect(found.join(' ')).not.toMatch(/c2VjcmV0|not-a-bot-token-secret|pw@/);
  });

  it('.env.example documents every variable Convene reads', () => {
    const example = readFileSync(fileURLToPath(new URL('../.env.example', import.meta.url)), 'utf8');
    // `# NAME=`: a variable read from the real environment only (CONVENE_ENV_FILE), documented commented out.
    const listed = new Set([...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...listed].sort()).toEqual([...CONFIG_VARIABLES].sort());
    // Every variable the source reads by name is in the list.
    // A bare `get('NAME')`/`read('NAME')` is a config reader; `x.get('TZID')` (a map of iCalendar parameters,
    // a rule's parts) is not.
    const src = execFileSync(
      'grep',
      ['-rhoE', "(env\\.|(^|[^.[:alnum:]_])(get|read)\\(')[A-Z][A-Z0-9_]{2,}", 'src'],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        encoding: 'utf8',
      },
    );
    const read = new Set(
      src
        .split('\n')
        .filter(Boolean)
        .map((m) => m.replace(/^(env\.|[^a-z]?(get|read)\(')/, '')),
    );
    expect(read.size).toBeGreaterThan(20);
    for (const name of read) expect(CONFIG_VARIABLES as readonly string[]).toContain(name);
  });
});
