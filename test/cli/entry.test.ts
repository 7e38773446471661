/**
 * bin/entry.js: the commands run the compiled dist/ when it is current, and the TypeScript sources when
 * there is no build or a source is newer than it (an edited source is never shadowed by an old build);
 * with the CLI bundle's list of sources, only those count. The bundle (scripts/build-cli.mjs) answers
 * every command as the sources do, also without src/ (a published package). `convene --version` and the
 * usage text.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '../..');
let root: string;
let entry: (relative: string, command?: string) => string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'convene-entry-'));
  for (const dir of ['bin', 'src/cli', 'dist/cli']) mkdirSync(join(root, dir), { recursive: true });
  copyFileSync(join(ROOT, 'bin/entry.js'), join(root, 'bin/entry.js'));
  writeFileSync(join(root, 'src/cli/main.ts'), '');
  writeFileSync(join(root, 'src/other.ts'), '');
  ({ entry } = (await import(pathToFileURL(join(root, 'bin/entry.js')).href)) as { entry: typeof entry });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);

describe('bin/entry.js', () => {
  it('no build: the sources', () => {
    expect(entry('cli/main')).toBe(pathToFileURL(join(root, 'src/cli/main.ts')).href);
  });

  it('a build newer than every source: dist', () => {
    writeFileSync(join(root, 'dist/cli/main.js'), '');
    at('src/cli/main.ts', 1_000);
    at('src/other.ts', 1_000);
    at('dist/cli/main.js', 2_000);
    expect(entry('cli/main')).toBe(pathToFileURL(join(root, 'dist/cli/main.js')).href);
  });

  it('any source edited after the build, however deep: the sources again', () => {
    mkdirSync(join(root, 'src/core/deep'), { recursive: true });
    writeFileSync(join(root, 'src/core/deep/x.ts'), '');
    at('src/core/deep/x.ts', 3_000);
    expect(entry('cli/main')).toBe(pathToFileURL(join(root, 'src/cli/main.ts')).href);
  });

  it('CONVENE_FROM_SOURCES=1: the sources even when the build is current', () => {
    at('src/core/deep/x.ts', 1_000);
    expect(entry('cli/main')).toBe(pathToFileURL(join(root, 'dist/cli/main.js')).href);
    process.env.CONVENE_FROM_SOURCES = '1';
    try {
      expect(entry('cli/main')).toBe(pathToFileURL(join(root, 'src/cli/main.ts')).href);
    } finally {
      delete process.env.CONVENE_FROM_SOURCES;
    }
  });

  describe("with the bundle's list of sources (dist/cli/main.sources.json)", () => {
    const url = (path: string) => pathToFileURL(join(root, path)).href;
    const list = (sources: string[]) =>
      writeFileSync(join(root, 'dist/cli/main.sources.json'), JSON.stringify({ sources }));

    it('only the listed sources count: an unlisted newer file keeps the bundle, a listed one does not', () => {
      list(['src/cli/main.ts', 'src/other.ts']);
      at('src/cli/main.ts', 1_000);
      at('src/other.ts', 1_000);
      at('dist/cli/main.js', 2_000);
      at('src/core/deep/x.ts', 5_000); // not in the bundle
      expect(entry('cli/main')).toBe(url('dist/cli/main.js'));
      at('src/other.ts', 2_001);
      expect(entry('cli/main')).toBe(url('src/cli/main.ts'));
      at('src/other.ts', 2_000); // same time as the build: current
      expect(entry('cli/main')).toBe(url('dist/cli/main.js'));
    });

    it("with the command's name, only main.js's sources and that command's count", () => {
      writeFileSync(join(root, 'src/parse.ts'), '');
      writeFileSync(join(root, 'src/slots.ts'), '');
      writeFileSync(
        join(root, 'dist/cli/main.sources.json'),
        JSON.stringify({
          sources: ['src/cli/main.ts', 'src/parse.ts', 'src/slots.ts'],
          main: ['src/cli/main.ts'],
          commands: { parse: ['src/parse.ts'], slots: ['src/slots.ts'] },
        }),
      );
      for (const path of ['src/cli/main.ts', 'src/parse.ts', 'src/slots.ts']) at(path, 1_000);
      at('dist/cli/main.js', 2_000);
      at('src/slots.ts', 3_000); // edited after the build
      expect(entry('cli/main', 'parse')).toBe(url('dist/cli/main.js'));
      expect(entry('cli/main', '--version')).toBe(url('dist/cli/main.js'));
      expect(entry('cli/main', 'slots')).toBe(url('src/cli/main.ts'));
      expect(entry('cli/main')).toBe(url('src/cli/main.ts')); // no command: every listed source
      at('src/slots.ts', 1_000);
      at('src/cli/main.ts', 3_000); // main.js's own source: stale for every command
      expect(entry('cli/main', '--version')).toBe(url('src/cli/main.ts'));
      expect(entry('cli/main', 'parse')).toBe(url('src/cli/main.ts'));
      at('src/cli/main.ts', 1_000);
      rmSync(join(root, 'src/parse.ts'));
      expect(entry('cli/main', 'parse')).toBe(url('src/cli/main.ts')); // gone
      expect(entry('cli/main', 'slots')).toBe(url('dist/cli/main.js'));
    });

    it('a listed source that is gone makes the bundle stale', () => {
      list(['src/cli/main.ts', 'src/gone.ts']);
      expect(entry('cli/main')).toBe(url('src/cli/main.ts'));
      rmSync(join(root, 'dist/cli/main.sources.json'));
    });
  });

  it('a package without src/ (dist only): dist', () => {
    rmSync(join(root, 'src'), { recursive: true });
    expect(entry('cli/main')).toBe(pathToFileURL(join(root, 'dist/cli/main.js')).href);
  });
});

describe('the CLI bundle (scripts/build-cli.mjs) answers as the sources do', () => {
  // A copy of the package (sources, bin, the build script, a sample input; node_modules linked), bundled.
  let pkg: string;
  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, ['bin/convene.js', ...args], {
      cwd: pkg,
      encoding: 'utf8',
      env: { ...process.env, CONVENE_ENV_FILE: 'none', CONVENE_FROM_SOURCES: '0', ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const which = () =>
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import { entry } from './bin/entry.js'; console.log(entry('cli/main'))"],
      { cwd: pkg, encoding: 'utf8', env: { ...process.env, CONVENE_FROM_SOURCES: '0' } },
    ).trim();
  const COMMANDS = [
    ['--version'],
    ['--help'],
    ['parse', '--json', '@ana 30m tomorrow', '--now', '2026-12-07T09:00:00Z', '--tz', 'Europe/Paris'],
    ['parse', 'lunch with @bo friday', '--now', '2026-12-07T09:00:00Z', '--tz', 'Europe/Paris'],
    // Words outside ASCII, which the bundle holds as `\u` escapes (strings, String.raw rules, catalogues).
    [
      'parse',
      '--json',
      '@ana 45 min mardi prochain après-midi « Revue » un mardi sur deux jusqu’au 15 mars',
      '--now',
      '2026-12-07T09:00:00Z',
      '--tz',
      'Europe/Paris',
    ],
    [
      'parse',
      '@ana 30 Minuten übermorgen früh „Planung“',
      '--now',
      '2026-12-07T09:00:00Z',
      '--tz',
      'Europe/Paris',
    ],
    ['slots', '--input', 'bench/sample-slots.json', '--json'],
    ['slots', '--input', 'bench/sample-slots.json', '--count', '2'],
    ['expand', 'fixture.ics', '--from', '2030-03-25T00:00Z', '--to', '2030-03-27T00:00Z', '--json'],
    ['doctor', '--offline', '--json'],
    ['nonsense'],
  ];

  beforeAll(() => {
    pkg = mkdtempSync(join(tmpdir(), 'convene-bundle-'));
    for (const path of ['src', 'bin', 'scripts/build-cli.mjs', 'package.json', 'bench/sample-slots.json'])
      cpSync(join(ROOT, path), join(pkg, path), { recursive: true });
    copyFileSync(join(ROOT, 'test/fixtures/ics/recurring-exceptions.ics'), join(pkg, 'fixture.ics'));
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: pkg, encoding: 'utf8' });
  }, 60_000);
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));

  it('the bundle lists its sources, and is the code that runs while it is current', () => {
    const { sources } = JSON.parse(readFileSync(join(pkg, 'dist/cli/main.sources.json'), 'utf8')) as {
      sources: string[];
    };
    expect(sources).toContain('src/cli/main.ts');
    expect(sources).toContain('src/cli/commands/parse.ts');
    expect(sources).toContain('src/core/parse/index.ts');
    expect(which()).toBe(pathToFileURL(join(pkg, 'dist/cli/main.js')).href);
  });

  it("the list names main.js's own sources and each command's, which bin/entry.js checks alone", () => {
    const list = JSON.parse(readFileSync(join(pkg, 'dist/cli/main.sources.json'), 'utf8')) as {
      sources: string[];
      main: string[];
      commands: Record<string, string[]>;
    };
    expect(list.main).toContain('src/cli/main.ts');
    expect(list.main).toContain('src/cli/usage.ts');
    expect(list.main).not.toContain('src/core/parse/index.ts');
    expect(Object.keys(list.commands).sort()).toEqual(['discord', 'doctor', 'expand', 'parse', 'slots']);
    expect(list.commands.parse).toContain('src/core/parse/index.ts');
    expect(list.commands.slots).not.toContain('src/core/parse/index.ts');
    expect(list.commands.doctor).toContain('src/env-file.ts');
    for (const files of [list.main, ...Object.values(list.commands)])
      for (const file of files) expect(list.sources).toContain(file);
    // An edited source of another command leaves `--version` and `slots` on the bundle.
    const parse = join(pkg, 'src/cli/commands/parse.ts');
    const later = Date.now() / 1000 + 60;
    utimesSync(parse, later, later);
    try {
      const r = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "import { entry } from './bin/entry.js'; for (const c of ['--version', 'slots', 'parse']) console.log(entry('cli/main', c))",
        ],
        { cwd: pkg, encoding: 'utf8', env: { ...process.env, CONVENE_FROM_SOURCES: '0' } },
      );
      const bundle = pathToFileURL(join(pkg, 'dist/cli/main.js')).href;
      const source = pathToFileURL(join(pkg, 'src/cli/main.ts')).href;
      expect(r.stdout.trim().split('\n')).toEqual([bundle, bundle, source]);
    } finally {
      utimesSync(parse, later - 120, later - 120);
    }
  });

  it("the bundle reads Node's built-in modules with process.getBuiltinModule, not an ESM import", () => {
    const chunks = readdirSync(join(pkg, 'dist/cli')).filter((name) => name.endsWith('.js'));
    const code = chunks.map((name) => readFileSync(join(pkg, 'dist/cli', name), 'utf8')).join('\n');
    expect(code).toContain('process.getBuiltinModule("node:util")');
    expect(code).not.toMatch(/from "node:|import\("node:/);
  });

  it('the bundle and the prefilter readings are ASCII; a rule written with é is saved as both sources', () => {
    const dir = join(pkg, 'dist/cli');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.js') || n.endsWith('.json')))
      expect({ name, outside: /[\u0080-\uffff]/.exec(readFileSync(join(dir, name), 'utf8'))?.[0] }).toEqual({
        name,
        outside: undefined,
      });
    const sources = new Set(
      (JSON.parse(readFileSync(join(dir, 'prefilter.json'), 'utf8')) as [string, string][]).map(([, s]) => s),
    );
    const accented = [...sources].filter((s) => s.includes('é'));
    expect(accented.length).toBeGreaterThan(0);
    // As JavaScript reads it: `\\é` (an identity escape) is `é`, so its backslash goes with the escape.
    const escaped = (s: string) =>
      s.replace(
        /(\\*)([\u0080-\uffff])/g,
        (_, slashes: string, c: string) =>
          `${slashes.slice(slashes.length % 2)}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
    for (const s of accented) expect(sources).toContain(escaped(s));
  });

  it('every command prints the same and exits the same from the bundle as from the sources', () => {
    for (const args of COMMANDS) {
      const bundled = run(args);
      const sources = run(args, { CONVENE_FROM_SOURCES: '1' });
      expect({ args, ...bundled }).toEqual({ args, ...sources });
    }
    expect(run(['--version']).stdout).toMatch(/^convene \d+\.\d+\.\d+\n$/);
    const parsed = JSON.parse(run(COMMANDS[2]!).stdout) as { ok: boolean };
    expect(parsed.ok).toBe(true);
    const slots = run(COMMANDS.find((c) => c[0] === 'slots' && c.includes('--json'))!);
    expect(slots.status).toBe(0);
    expect(JSON.stringify(JSON.parse(slots.stdout))).toContain('2030-03-');
  }, 120_000);

  it("keeps Node's compile cache in $XDG_CACHE_HOME/convene, and runs without it where that cannot be written", () => {
    const cache = mkdtempSync(join(tmpdir(), 'convene-xdg-'));
    try {
      const ran = run(['--version'], { XDG_CACHE_HOME: cache });
      expect(ran.status).toBe(0);
      expect(readdirSync(join(cache, 'convene/compile-cache')).length).toBeGreaterThan(0);
      const file = join(cache, 'a-file');
      writeFileSync(file, '');
      expect(run(['--version'], { XDG_CACHE_HOME: file })).toEqual(ran);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('an edited source is run instead of the bundle', () => {
    const main = join(pkg, 'src/cli/main.ts');
    const later = Date.now() / 1000 + 60;
    utimesSync(main, later, later);
    expect(which()).toBe(pathToFileURL(main).href);
    utimesSync(main, later - 120, later - 120); // older than the bundle again
    expect(which()).toBe(pathToFileURL(join(pkg, 'dist/cli/main.js')).href);
  });

  it('without src/ (a published package) the bundle still answers every fast command', () => {
    const expected = COMMANDS.slice(0, 7).map((args) => run(args));
    renameSync(join(pkg, 'src'), join(pkg, 'src.away'));
    try {
      expect(existsSync(join(pkg, 'src'))).toBe(false);
      COMMANDS.slice(0, 7).forEach((args, i) => {
        expect({ args, ...run(args) }).toEqual({ args, ...expected[i] });
      });
    } finally {
      renameSync(join(pkg, 'src.away'), join(pkg, 'src'));
    }
  }, 120_000);
});

describe('convene --version and usage', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readFile: async () => '' },
    };
  };

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { out, io } = capture();
    expect(await main(['--version'], io)).toBe(0);
    expect(out).toEqual([`convene ${version}`]);
  });

  it('the usage text marks --json optional for every command and lists doctor and --version', async () => {
    const { out, io } = capture();
    expect(await main(['--help'], io)).toBe(0);
    const text = out.join('\n');
    for (const command of ['parse', 'slots', 'expand', 'discord register', 'doctor'])
      expect(text).toMatch(new RegExp(`convene ${command} .*\\[--json\\]`));
    for (const line of out
      .join('\n')
      .split('\n')
      .filter((l) => l.startsWith('  convene ')))
      expect(line).not.toMatch(/[^[]--json(?!\])/);
    expect(text).toContain('convene --version');
  });
});
