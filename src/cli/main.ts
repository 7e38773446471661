#!/usr/bin/env node
/**
 * `convene` command-line entry point. Each command lives in `./commands/<name>.ts` and exports
 * `run(argv, io): Promise<number>` (the exit code), loaded only when it is the one asked for, so that
 * `convene parse` loads the parser and nothing else. Commands print stable JSON with `--json` and a
 * one-line error on stderr with a non-zero exit code on bad input. Commands that read the set-up
 * (`doctor`, `discord`) first load `.env` like `npm start` does (src/env-file.ts).
 */
import type { CliIo } from './io.ts';
import { processIo } from './io.ts';

interface Command {
  readonly summary: string;
  /** Reads Convene's configuration from the environment: `.env` is loaded first. */
  readonly env?: boolean;
  readonly load: () => Promise<{ run: (argv: string[], io: CliIo) => Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  parse: {
    summary: 'convene parse "<request text>" --now <ISO instant> --tz <IANA zone> [--locale en|fr] [--json]',
    load: () => import('./commands/parse.ts'),
  },
  slots: {
    summary: 'convene slots --input <file.json> [--json] [--count N]',
    load: () => import('./commands/slots.ts'),
  },
  expand: {
    summary: 'convene expand <file.ics> --from <ISO> --to <ISO> [--tz <zone>] [--json]',
    load: () => import('./commands/expand.ts'),
  },
  discord: {
    summary: 'convene discord register [--guild <id>] [--force] [--json]',
    env: true,
    load: () => import('./commands/discord.ts'),
  },
  doctor: {
    summary: 'convene doctor [--json] [--guild <id>] [--offline]',
    env: true,
    load: () => import('./commands/doctor.ts'),
  },
};

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(
      [
        'usage:',
        ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
        '  convene --version',
        '(--json prints stable JSON; without it the output is for people)',
      ].join('\n'),
    );
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`convene ${await version()}`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`convene: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')}, --version)`);
    return 2;
  }
  if (command.env) {
    const { EnvFileError, loadEnvFile } = await import('../env-file.ts');
    try {
      loadEnvFile(process.env);
    } catch (error) {
      if (!(error instanceof EnvFileError)) throw error;
      io.err(`convene ${name}: ${error.message}`);
      return 2;
    }
  }
  return (await command.load()).run(rest, io);
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
