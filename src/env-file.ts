/**
 * Loads the `.env` file into the environment before anything reads it (`npm start`, `convene doctor`,
 * `convene discord register`, `npm run db:*`). Node's own parser (`util.parseEnv`, the one behind
 * `node --env-file`) reads the file; a variable already set in the real environment wins over the file,
 * so an orchestrator or a one-off `PORT=4000 npm start` overrides it.
 *
 *   CONVENE_ENV_FILE   path of the file (default `.env` in the current directory). Unset and no `.env`:
 *                      nothing is loaded (configuration from the environment only). Set to a file that
 *                      does not exist: an error, since the operator asked for that file.
 *                      `CONVENE_ENV_FILE=none` loads no file at all.
 *
 * No I/O happens at import; `loadEnvFile` is called by the entry points.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export class EnvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

export interface EnvFileResult {
  /** The file read, absolute; null when none was read. */
  readonly path: string | null;
  /** Variables taken from the file, sorted (the names only: values may be secrets). */
  readonly loaded: readonly string[];
  /** Variables in the file that the environment already set, so the file's value was ignored. */
  readonly overridden: readonly string[];
}

/** Most a `.env` may weigh: a configuration file, not a data file. */
const MAX_BYTES = 1024 * 1024;

/**
 * Reads the env file named by `env.CONVENE_ENV_FILE` (default `.env` under `cwd`) and copies into
 * `env` every variable it sets that `env` does not already have. Throws an `EnvFileError` with one
 * actionable line when the named file cannot be read.
 */
export function loadEnvFile(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): EnvFileResult {
  const named = env.CONVENE_ENV_FILE?.trim();
  if (named === 'none') return { path: null, loaded: [], overridden: [] };
  const path = resolve(cwd, named || '.env');
  let text: string;
  try {
    const buffer = readFileSync(path);
    if (buffer.length > MAX_BYTES)
      throw new EnvFileError(`${path} is larger than 1 MiB: is CONVENE_ENV_FILE the right file?`);
    text = buffer.toString('utf8');
  } catch (error) {
    if (error instanceof EnvFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !named) return { path: null, loaded: [], overridden: [] };
    if (code === 'ENOENT')
      throw new EnvFileError(
        `CONVENE_ENV_FILE is ${named} but ${path} does not exist: create it (cp .env.example ${named}) or unset CONVENE_ENV_FILE`,
      );
    if (code === 'EISDIR') throw new EnvFileError(`${path} is a directory, not an env file`);
    throw new EnvFileError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = parseEnv(text);
  const loaded: string[] = [];
  const overridden: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (name === 'CONVENE_ENV_FILE') continue;
    if (env[name] !== undefined) {
      if (env[name] !== value) overridden.push(name);
      continue;
    }
    env[name] = value;
    loaded.push(name);
  }
  return { path, loaded: loaded.sort(), overridden: overridden.sort() };
}
