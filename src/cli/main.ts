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
import { type CommandName, SYNOPSIS, usage } from './usage.ts';

interface Command {
  /** Reads Convene's configuration from the environment: `.env` is loaded first. */
  readonly env?: boolean;
  readonly load: () => Promise<{ run: (argv: string[], io: CliIo) => Promise<number> }>;
}

const COMMANDS: Record<CommandName, Command> = {
  parse: { load: () => import('./commands/parse.ts') },
  slots: { load: () => import('./commands/slots.ts') },
  expand: { load: () => import('./commands/expand.ts') },
  discord: { env: true, load: () => import('./commands/discord.ts') },
  doctor: { env: true, load: () => import('./commands/doctor.ts') },
};

/** The usage text: every command's synopsis, `--version`, `--help`, and what the exit codes mean. */
export const USAGE_TEXT = [
  'usage:',
  ...Object.values(SYNOPSIS).map((s) => `  ${s}`),
  '  convene --help',
  '  convene <command> --help',
  '  convene --version',
  '--json prints stable JSON; without it the output is for people.',
  'exit codes: 0 done; 1 the input was read but refused (parse) or a check or call failed (doctor, discord);',
  '2 bad usage, with one line on stderr (`convene` alone: this text).',
].join('\n');

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

async function version(): Promise<string> {
  // node:fs through process.getBuiltinModule, as src/cli/io.ts reads files.
  const { readFileSync } = process.getBuiltinModule('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // `convene` alone: the usage text too, on stdout, but as bad usage (exit 2).
    io.out(USAGE_TEXT);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`convene ${await version()}`);
    return 0;
  }
  if (!isCommand(name)) {
    io.err(`convene: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')}, --version)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(usage(name));
    return 0;
  }
  const command = COMMANDS[name];
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
