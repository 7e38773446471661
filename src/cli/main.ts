#!/usr/bin/env node
/**
 * `convene` command-line entry point. Each command lives in `./commands/<name>.ts` and exports
 * `run(argv, io): Promise<number>` (the exit code). Commands print stable JSON with `--json`
 * and a one-line error on stderr with a non-zero exit code on bad input.
 */
import type { CliIo } from './io.ts';
import { processIo } from './io.ts';

const COMMANDS: Record<
  string,
  { summary: string; load: () => Promise<{ run: (argv: string[], io: CliIo) => Promise<number> }> }
> = {
  parse: {
    summary: 'convene parse "<request text>" --now <ISO instant> --tz <IANA zone> [--locale en|fr] --json',
    load: () => import('./commands/parse.ts'),
  },
  slots: {
    summary: 'convene slots --input <file.json> --json',
    load: () => import('./commands/slots.ts'),
  },
  expand: {
    summary: 'convene expand <file.ics> --from <ISO> --to <ISO> --json',
    load: () => import('./commands/expand.ts'),
  },
  discord: {
    summary: 'convene discord register [--guild <id>] [--force] [--json]',
    load: () => import('./commands/discord.ts'),
  },
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(['usage:', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join('\n'));
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`convene: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  return (await command.load()).run(rest, io);
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
