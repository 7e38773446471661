/**
 * bin/entry.js: the commands run the compiled dist/ when it is current, and the TypeScript sources when
 * there is no build or a source is newer than it (an edited source is never shadowed by an old build).
 * `convene --version` and the usage text.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
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
let entry: (relative: string) => string;

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

  it('a package without src/ (dist only): dist', () => {
    rmSync(join(root, 'src'), { recursive: true });
    expect(entry('cli/main')).toBe(pathToFileURL(join(root, 'dist/cli/main.js')).href);
  });
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
