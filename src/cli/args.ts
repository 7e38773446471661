import { parseArgs } from 'node:util';

export type ArgSpec = Record<string, { type: 'string' | 'boolean' }>;

/** Parses argv strictly; returns an error message (one line) instead of throwing on unknown flags. */
export function parseCliArgs<T extends ArgSpec>(
  argv: string[],
  options: T,
):
  | {
      ok: true;
      values: { [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean };
      positionals: string[];
    }
  | { ok: false; error: string } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { ok: true, values: values as never, positionals };
  } catch (e) {
    return { ok: false, error: (e as Error).message.split('\n')[0] ?? 'invalid arguments' };
  }
}
