/** The sample input the README points to for `convene slots` is in the repository and valid. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/slots.ts';
import type { CliIo } from '../../src/cli/io.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('bench/sample-slots.json', () => {
  it('is a calbench-slots/v1 case that `convene slots --input bench/sample-slots.json --json` ranks', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      readFile: async (path) => readFileSync(new URL(path, `file://${ROOT}`), 'utf8'),
    };
    expect(await run(['--input', 'bench/sample-slots.json', '--json'], io)).toBe(0);
    expect(err).toEqual([]);
    const result = JSON.parse(out.join('\n')) as {
      slots: { start: string; available: number[] }[];
      proposals: { rank: number; reason: { code: string } }[];
    };
    expect(result.slots.length).toBeGreaterThan(10);
    expect(result.proposals.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(result.proposals[0]!.reason.code).toBe('all_free');
  });

  it('bench/FORMAT.md, which bench/gen.mjs points to, is in the repository', () => {
    expect(readFileSync(new URL('../../bench/gen.mjs', import.meta.url), 'utf8')).toContain('see FORMAT.md');
    expect(readFileSync(new URL('../../bench/FORMAT.md', import.meta.url), 'utf8')).toContain(
      '# Slots benchmark input (`calbench-slots/v1`)',
    );
  });
});
