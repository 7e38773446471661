#!/usr/bin/env node
// Bundles the `convene` command (src/cli/main.ts) into dist/cli/main.js with one chunk per command (each
// command's code is still loaded only when that command runs), so that the CLI starts without stripping
// TypeScript types or resolving a few hundred modules. Writes dist/cli/main.sources.json, the list of the
// source files in the bundle, which bin/entry.js compares with the bundle's time: when any of them is newer
// (or gone), the command runs the sources instead, so an edited source is never shadowed by an old bundle.
//
// Run by `npm install` (postinstall, on a git clone), by `npm run build` (after tsc, so the bundle replaces
// tsc's dist/cli/main.js; prepack and the container image run it) and by hand: `node scripts/build-cli.mjs`.
// Skips with a note, exit 0, where it cannot run: no sources (an installed package, which ships dist/) or no
// bundler (a production install without dev dependencies).
//
// The pure JavaScript libraries the fast commands use are bundled in; every other package stays an import
// (doctor's and discord's Slack, Discord and database clients). Chunks sit beside main.js in dist/cli/, two
// levels under the root like the sources in src/<dir>/, so `new URL('../../…', import.meta.url)` (package.json,
// prisma/migrations) points to the same files from a chunk as from its source.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INPUT = join(ROOT, 'src/cli/main.ts');
const OUT = join(ROOT, 'dist/cli');
/** Packages bundled in: plain JavaScript, no files read at run time. */
const INLINE = [
  'chrono-node',
  'luxon',
  'intl-messageformat',
  '@formatjs/fast-memoize',
  '@formatjs/icu-messageformat-parser',
  '@formatjs/icu-skeleton-parser',
];
const CHUNK_PREFIX = 'chunk-';

const note = (text) => process.stdout.write(`build-cli: ${text}\n`);

if (!existsSync(INPUT)) {
  note('no src/cli/main.ts (an installed package runs dist/): nothing to bundle');
  process.exit(0);
}
let rolldown;
try {
  rolldown = await import('rolldown');
} catch {
  note('the bundler (rolldown, a dev dependency) is not installed: the CLI runs the TypeScript sources');
  process.exit(0);
}

const bare = (id) =>
  !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[a-z]:/i.test(id);
const packageOf = (id) =>
  id
    .split('/')
    .slice(0, id.startsWith('@') ? 2 : 1)
    .join('/');

const started = performance.now();
mkdirSync(OUT, { recursive: true });
// Chunks of an earlier bundle (their names carry a hash) would pile up.
for (const name of readdirSync(OUT)) if (name.startsWith(CHUNK_PREFIX)) rmSync(join(OUT, name));

const bundle = await rolldown.rolldown({
  input: { main: INPUT },
  platform: 'node',
  logLevel: 'warn',
  external: (id) => id.startsWith('node:') || (bare(id) && !INLINE.includes(packageOf(id))),
});
const { output } = await bundle.write({
  dir: OUT,
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: `${CHUNK_PREFIX}[name]-[hash].js`,
  sourcemap: false,
});
await bundle.close();

const sources = new Set();
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  for (const id of chunk.moduleIds) {
    if (id.startsWith('\0') || !id.startsWith(ROOT)) continue;
    const path = relative(ROOT, id).split(sep).join('/');
    if (path.startsWith('src/')) sources.add(path);
  }
}
writeFileSync(
  join(OUT, 'main.sources.json'),
  `${JSON.stringify({ bundle: 'dist/cli/main.js', sources: [...sources].sort() }, null, 1)}\n`,
);
const chunks = output.filter((o) => o.type === 'chunk').length;
note(
  `dist/cli/main.js and ${chunks - 1} chunks from ${sources.size} source files in ${Math.round(performance.now() - started)} ms`,
);
