/** `.env` loading (src/env-file.ts): the file fills what the environment leaves unset, never more. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvFileError, loadEnvFile } from '../src/env-file.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convene-env-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadEnvFile', () => {
  it('reads .env in the working directory: quotes, comments and empty values as node --env-file does', () => {
    writeFileSync(
      join(dir, '.env'),
      '# a comment\nPORT=4123\nSLACK_SIGNING_SECRET="s3cret # not a comment"\nDATABASE_URL=\nexport HOST=0.0.0.0\n',
    );
    const env: NodeJS.ProcessEnv = {};
    const result = loadEnvFile(env, dir);
    expect(env).toEqual({
      PORT: '4123',
      SLACK_SIGNING_SECRET: 's3cret # not a comment',
      DATABASE_URL: '',
      HOST: '0.0.0.0',
    });
    expect(result).toEqual({
      path: join(dir, '.env'),
      loaded: ['DATABASE_URL', 'HOST', 'PORT', 'SLACK_SIGNING_SECRET'],
      overridden: [],
    });
  });

  it('a variable already in the environment wins over the file, even an empty one', () => {
    writeFileSync(join(dir, '.env'), 'PORT=4123\nLOG_LEVEL=debug\nHOST=0.0.0.0\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000', LOG_LEVEL: '', HOST: '0.0.0.0' };
    const result = loadEnvFile(env, dir);
    expect(env).toEqual({ PORT: '5000', LOG_LEVEL: '', HOST: '0.0.0.0' });
    expect(result.loaded).toEqual([]);
    expect(result.overridden).toEqual(['LOG_LEVEL', 'PORT']);
  });

  it('no .env and no CONVENE_ENV_FILE: nothing is loaded and nothing fails', () => {
    const env: NodeJS.ProcessEnv = { PORT: '1' };
    expect(loadEnvFile(env, dir)).toEqual({ path: null, loaded: [], overridden: [] });
    expect(env).toEqual({ PORT: '1' });
  });

  it('CONVENE_ENV_FILE names another file, relative to the working directory', () => {
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, '.env'), 'PORT=1111\n');
    writeFileSync(join(dir, 'conf', 'prod.env'), 'PORT=2222\nCONVENE_ENV_FILE=ignored\n');
    const env: NodeJS.ProcessEnv = { CONVENE_ENV_FILE: 'conf/prod.env' };
    expect(loadEnvFile(env, dir).path).toBe(join(dir, 'conf', 'prod.env'));
    expect(env).toEqual({ CONVENE_ENV_FILE: 'conf/prod.env', PORT: '2222' });
  });

  it('CONVENE_ENV_FILE=none loads no file', () => {
    writeFileSync(join(dir, '.env'), 'PORT=1111\n');
    const env: NodeJS.ProcessEnv = { CONVENE_ENV_FILE: 'none' };
    expect(loadEnvFile(env, dir).path).toBeNull();
    expect(env.PORT).toBeUndefined();
  });

  it('a named file that does not exist, or a directory, is an actionable error', () => {
    expect(() => loadEnvFile({ CONVENE_ENV_FILE: 'missing.env' }, dir)).toThrow(EnvFileError);
    expect(() => loadEnvFile({ CONVENE_ENV_FILE: 'missing.env' }, dir)).toThrow(
      /CONVENE_ENV_FILE is missing\.env but .*missing\.env does not exist: create it \(cp \.env\.example missing\.env\)/,
    );
    mkdirSync(join(dir, 'conf'));
    expect(() => loadEnvFile({ CONVENE_ENV_FILE: 'conf' }, dir)).toThrow(/is a directory, not an env file/);
  });

  it('refuses a file over 1 MiB instead of reading it into the environment', () => {
    writeFileSync(join(dir, '.env'), `A=${'x'.repeat(1024 * 1024)}\n`);
    expect(() => loadEnvFile({}, dir)).toThrow(/larger than 1 MiB/);
  });
});
