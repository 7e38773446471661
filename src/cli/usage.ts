/**
 * Each command's synopsis, in one place: the usage text (`convene --help`), each command's own usage line
 * (`convene <command> --help`, and the one in a bad-usage error) and the README's CLI section say the same
 * (test/cli/usage.test.ts). Kept free of imports beyond the list of languages so `--help` loads nothing else.
 */
import { LOCALES } from '../core/locale.ts';

export const SYNOPSIS = {
  parse: `convene parse "<request text>" --now <ISO instant> --tz <IANA zone> [--locale ${LOCALES.join('|')}] [--json]`,
  slots: 'convene slots --input <file.json> [--json] [--count N]',
  expand:
    'convene expand <file.ics> --from <ISO instant> --to <ISO instant> [--tz <zone>] [--tentative busy|free] [--json]',
  discord: 'convene discord register [--guild <server id>] [--force] [--json]',
  doctor: 'convene doctor [--json] [--guild <server id>] [--offline]',
} as const;

export type CommandName = keyof typeof SYNOPSIS;

/** `usage: <synopsis>`, the line a command prints for `--help` and inside a bad-usage error. */
export function usage(name: CommandName): string {
  return `usage: ${SYNOPSIS[name]}`;
}
