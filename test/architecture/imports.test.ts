/**
 * The import rule of docs/architecture.md, checked on every file under src/. Each file belongs to one
 * layer (by its path); each relative import specifier (static `import`, `import type`, `export … from`,
 * dynamic `import()`) is resolved and must land in a layer the importer may use. Package imports
 * (npm, `node:`) are always allowed: the rule is about our own layers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

type Layer = 'core' | 'app' | 'ports' | 'connectors' | 'store' | 'observability' | 'bot' | 'wiring';

/** The layer of a path relative to the repository root (`src/...`), or undefined outside src/. */
function layerOf(path: string): Layer | undefined {
  if (!path.startsWith('src/')) return undefined;
  const rest = path.slice('src/'.length);
  if (rest.startsWith('core/')) return 'core';
  if (rest.startsWith('app/ports/')) return 'ports';
  if (rest.startsWith('app/')) return 'app';
  if (rest.startsWith('connectors/')) return 'connectors';
  if (rest.startsWith('store/')) return 'store';
  if (rest.startsWith('observability/')) return 'observability';
  if (rest.startsWith('bot/')) return 'bot';
  // Entry points and their start-up helpers: they build everything, so they may import everything.
  if (['compose.ts', 'main.ts', 'config.ts', 'env-file.ts'].includes(rest) || rest.startsWith('cli/'))
    return 'wiring';
  return undefined;
}

const ALL: readonly Layer[] = [
  'core',
  'app',
  'ports',
  'connectors',
  'store',
  'observability',
  'bot',
  'wiring',
];

/** Which layers each layer may import (its own included). */
const ALLOWED: Readonly<Record<Layer, readonly Layer[]>> = {
  core: ['core'],
  ports: ['core', 'ports'],
  app: ['core', 'ports', 'app'],
  connectors: ['core', 'ports', 'connectors'],
  store: ['core', 'ports', 'store'],
  observability: ['core', 'ports', 'observability'],
  bot: ['core', 'ports', 'app', 'bot'],
  wiring: ALL,
};

/** Files an entry point of a layer may import although the layer rule would forbid it (with the reason). */
const ENTRY_POINTS: Readonly<Record<string, readonly string[]>> = {
  // `npm run db:*`: a command-line entry point that reads the same .env file as the server.
  'src/store/cli.ts': ['src/env-file.ts'],
};

type Violation = { readonly file: string; readonly specifier: string; readonly target: string };

/** Every module specifier of a source text: imports and exports (type-only included) and dynamic import(). */
function specifiersOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** The forbidden imports of one file (path relative to the repository root, posix separators). */
function violationsOf(file: string, source: string): Violation[] {
  const from = layerOf(file);
  if (from === undefined) return [];
  const out: Violation[] = [];
  for (const specifier of specifiersOf(source)) {
    if (!specifier.startsWith('.')) continue;
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    const to = layerOf(target);
    if (to === undefined) {
      out.push({ file, specifier, target });
      continue;
    }
    if (ALLOWED[from].includes(to)) continue;
    if (ENTRY_POINTS[file]?.includes(target)) continue;
    out.push({ file, specifier, target });
  }
  return out;
}

function sourceFiles(root: string, dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(root, path));
    else if (/\.(?:ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const ROOT = relative(process.cwd(), join(dirname(new URL(import.meta.url).pathname), '..', '..')) || '.';

describe('import rule (docs/architecture.md)', () => {
  it('every file under src/ belongs to a layer', () => {
    const orphans = sourceFiles(ROOT, 'src').filter((f) => layerOf(f) === undefined);
    expect(orphans).toEqual([]);
  });

  it('no file under src/ imports a layer it may not use', () => {
    const violations = sourceFiles(ROOT, 'src')
      // The playground's browser script is served as a static file, not imported by Node.
      .filter((f) => !f.includes('/static/'))
      .flatMap((f) => violationsOf(f, readFileSync(join(ROOT, f), 'utf8')));
    const lines = violations.map((v) => `${v.file} imports '${v.specifier}' (${v.target})`);
    expect(lines).toEqual([]);
  });
});

describe('the checker itself', () => {
  it('catches a forbidden static, type-only, re-export and dynamic import', () => {
    const source = [
      "import { x } from '../bot/slack/render.ts';",
      "import type { Y } from '../connectors/google/client.ts';",
      "export { z } from '../store/index.ts';",
      "const m = await import('../compose.ts');",
      "import { ok } from './locale.ts';",
      "import { DateTime } from 'luxon';",
    ].join('\n');
    expect(violationsOf('src/core/example.ts', source).map((v) => v.target)).toEqual([
      'src/bot/slack/render.ts',
      'src/connectors/google/client.ts',
      'src/store/index.ts',
      'src/compose.ts',
    ]);
  });

  it('lets app use its ports and core, and adapters use port types, but not app use cases', () => {
    expect(violationsOf('src/app/a.ts', "import type { P } from './ports/store.ts';")).toEqual([]);
    expect(
      violationsOf('src/connectors/google/a.ts', "import type { P } from '../../app/ports/calendars.ts';"),
    ).toEqual([]);
    expect(violationsOf('src/store/a.ts', "import { book } from '../app/book-meeting.ts';")).toHaveLength(1);
    expect(
      violationsOf('src/app/a.ts', "import { GoogleCalendar } from '../connectors/google/calendar.ts';"),
    ).toEqual([
      {
        file: 'src/app/a.ts',
        specifier: '../connectors/google/calendar.ts',
        target: 'src/connectors/google/calendar.ts',
      },
    ]);
  });

  it('lets only the wiring import everything', () => {
    const source = "import { x } from './bot/slack/adapter.ts'; import { y } from './store/index.ts';";
    expect(violationsOf('src/compose.ts', source)).toEqual([]);
    expect(violationsOf('src/cli/main.ts', source.replaceAll('./', '../'))).toEqual([]);
  });
});
