/**
 * The README's CLI section, the usage text and the commands agree: every command the README names exists in
 * `convene --help` and runs; every synopsis the README shows is the command's own usage line; each
 * command prints that line for `--help` and inside its bad-usage error (exit 2, one line on stderr).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, USAGE_TEXT } from '../../src/cli/main.ts';
import { type CommandName, SYNOPSIS, usage } from '../../src/cli/usage.ts';
import { LOCALES } from '../../src/core/locale.ts';

const ROOT = join(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CLI_SECTION = README.slice(
  README.indexOf('\n## Command line'),
  README.indexOf('\n## ', README.indexOf('\n## Command line') + 1),
);
const NAMES = Object.keys(SYNOPSIS) as CommandName[];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => err.push(t),
    readFile: async (path: string) => readFileSync(join(ROOT, path), 'utf8'),
  };
  return { out, err, io };
}

// doctor and discord read the set-up: no .env from the working tree, no settings of the machine.
const saved = { ...process.env };
beforeEach(() => {
  process.env.CONVENE_ENV_FILE = 'none';
  for (const key of Object.keys(process.env))
    if (/^(SLACK|DISCORD|GOOGLE|MICROSOFT|DATABASE_URL|CONVENE_PUBLIC_URL)/.test(key))
      delete process.env[key];
});
afterEach(() => {
  process.env = { ...saved };
});

describe("the README's CLI section and the usage text", () => {
  it('the section is there and names every command', () => {
    expect(CLI_SECTION.length).toBeGreaterThan(500);
    const row = README.split('\n').find((l) => l.startsWith('| CLI |')) ?? '';
    const named = [...row.matchAll(/`convene ([^`]+)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const name of NAMES) expect(named.some((n) => n.split(' ')[0] === name)).toBe(true);
  });

  it('every command the README names is in `convene --help` and runs', async () => {
    const row = README.split('\n').find((l) => l.startsWith('| CLI |')) ?? '';
    const named = [...`${row}\n${CLI_SECTION}`.matchAll(/`convene ([a-z-]+(?: register)?)`/g)].map(
      (m) => m[1]!,
    );
    for (const words of new Set(named)) {
      expect(USAGE_TEXT).toContain(`convene ${words}`);
      const { out, err, io } = capture();
      if (words === '--help') {
        expect(await main(['--help'], io)).toBe(0);
        expect(out).toEqual([USAGE_TEXT]);
        continue;
      }
      if (words === '--version') {
        expect(await main(['--version'], io)).toBe(0);
        expect(out[0]).toMatch(/^convene \d+\.\d+\.\d+/);
        continue;
      }
      const [name] = words.split(' ') as [CommandName];
      expect(NAMES).toContain(name);
      expect(await main([name, '--help'], io)).toBe(0);
      expect({ words, out, err }).toEqual({ words, out: [usage(name)], err: [] });
    }
  });

  it("every synopsis in the README's CLI section is a command's usage line, word for word", () => {
    const blocks = [...CLI_SECTION.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const synopses = blocks.flatMap((b) => b.split('\n')).filter((l) => l.startsWith('convene '));
    expect(synopses.length).toBeGreaterThanOrEqual(4);
    const shown = Object.values(SYNOPSIS) as string[];
    for (const line of synopses) expect(shown).toContain(line);
  });

  it('the usage text lists each synopsis, marks --json optional, and gives the exit codes', () => {
    for (const name of NAMES) expect(USAGE_TEXT).toContain(`  ${SYNOPSIS[name]}`);
    for (const line of Object.values(SYNOPSIS)) {
      expect(line).toContain('[--json]');
      expect(line).not.toMatch(/[^[]--json/);
    }
    expect(USAGE_TEXT).toContain('convene --version');
    expect(USAGE_TEXT).toMatch(/exit codes: 0 .*1 .*\n?.*2 bad usage/s);
    expect(SYNOPSIS.parse).toContain(`[--locale ${LOCALES.join('|')}]`);
  });

  it("the README's exit codes are the usage text's", () => {
    expect(CLI_SECTION).toMatch(/Exit\s+codes: 0 done; 1 the input was read but refused/);
    expect(CLI_SECTION).toMatch(/2 bad\s+usage, with one line on stderr/);
  });
});

describe("each command's own usage line", () => {
  it.each(NAMES)(
    'convene %s: an unknown option exits 2 with one line that carries the usage line',
    async (name) => {
      const { out, err, io } = capture();
      expect(await main([name, '--no-such-option'], io)).toBe(2);
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      expect(err[0]).toContain(`(${usage(name)})`);
      expect(err[0]).toMatch(new RegExp(`^convene ${name}: `));
    },
  );

  it('commands run with and without --json (parse, slots, expand: the contract of the design)', async () => {
    const cases: [string[], number][] = [
      [['parse', '@ana 30m tomorrow', '--now', '2026-12-07T09:00:00Z', '--tz', 'Europe/Paris'], 0],
      [['slots', '--input', 'bench/sample-slots.json'], 0],
      [
        [
          'expand',
          'test/fixtures/ics/recurring-exceptions.ics',
          '--from',
          '2030-03-25T00:00Z',
          '--to',
          '2030-03-27T00:00Z',
        ],
        0,
      ],
    ];
    for (const [argv, code] of cases) {
      const human = capture();
      expect(await main(argv, human.io)).toBe(code);
      expect(() => JSON.parse(human.out.join('\n'))).toThrow();
      const json = capture();
      expect(await main([...argv, '--json'], json.io)).toBe(code);
      expect(JSON.parse(json.out.join('\n'))).toBeTypeOf('object');
      expect(json.err).toEqual([]);
    }
  });

  it('doctor and discord run: doctor exits 0 with nothing set, 1 on a broken setting; discord register needs its settings (2)', async () => {
    const fine = capture();
    expect(await main(['doctor', '--offline', '--json'], fine.io)).toBe(0);
    expect((JSON.parse(fine.out.join('\n')) as { ok: boolean }).ok).toBe(true);
    process.env.SLACK_BOT_TOKEN = 'xoxb-1-2-3';
    const broken = capture();
    expect(await main(['doctor', '--offline', '--json'], broken.io)).toBe(1);
    const report = JSON.parse(broken.out.join('\n')) as {
      ok: boolean;
      checks: { id: string; status: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.id === 'config')?.status).toBe('fail');
    const discord = capture();
    expect(await main(['discord', 'register', '--json'], discord.io)).toBe(2);
    expect(discord.err).toHaveLength(1);
  });
});
