#!/usr/bin/env node
// Bundles the `convene` command (src/cli/main.ts) into dist/cli/main.js with one chunk per command (each
// command's code is still loaded only when that command runs), so that the CLI starts without stripping
// TypeScript types or resolving a few hundred modules. Writes dist/cli/main.sources.json, the list of the
// source files in the bundle (`sources`), of those main.js loads itself (`main`) and of those each command can
// load (`commands`), which bin/entry.js compares with the bundle's time: when any of them is newer (or gone),
// the command runs the sources instead, so an edited source is never shadowed by an old bundle. Writes
// dist/cli/prefilter.json too: the request parser's prefilter readings (see PREFILTER_SAMPLES below).
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
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/**
 * Node's built-in modules through `process.getBuiltinModule` instead of `import … from 'node:fs'`: an ESM
 * import of a built-in builds a facade with every export, which reads each lazy getter (`fs.ReadStream` loads
 * the streams, `fs.promises` fs/promises, `util`'s a dozen more), about 10 ms of `convene --version` for
 * node:fs alone on a quiet machine; `process.getBuiltinModule` returns the loaded module as it is. The
 * bundler writes every import on one line (`import { a as b } from "node:fs";`), at the top of the chunk:
 * each becomes a `const` there, which `builtinImports` reports if one is left.
 */
const BUILTIN_IMPORT = /^import (\{[^}]*\}|\* as [\w$]+|[\w$]+) from "(node:[\w/]+)";$/gm;
/**
 * Every character outside ASCII written as a `\u` escape. Node reads a module's source as UTF-8: an ASCII
 * file becomes a one-byte string at once, while a single `é` makes the whole file a two-byte string, decoded
 * character by character (the parser's French and German words, the catalogues: about 7 ms of CPU of each
 * `convene parse`, measured with and without). The escape means the same character in every place the bundle
 * has one: strings, templates, regex literals (with or without `u`), identifiers, comments. One backslash
 * before the character (`\é` in a string or a regex without `u`) escaped it, which means the character
 * itself: that backslash goes. A regex built from `String.raw` now has `\u00e9` in its source where the
 * sources have `é` (the same regex): the prefilter's readings are saved under both (below).
 */
function asciiOnly(code) {
  return code.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, c) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

const builtins = {
  name: 'convene-builtins',
  renderChunk(code) {
    return code
      .replace(BUILTIN_IMPORT, (_, names, id) => {
        const binding = names.startsWith('* as ') ? names.slice(5) : names.replaceAll(' as ', ': ');
        return `const ${binding} = process.getBuiltinModule(${JSON.stringify(id)});`;
      })
      .replace(
        /\bimport\("(node:[\w/]+)"\)/g,
        (_, id) => `Promise.resolve(process.getBuiltinModule(${JSON.stringify(id)}))`,
      );
  },
};

const bundle = await rolldown.rolldown({
  input: { main: INPUT },
  platform: 'node',
  logLevel: 'warn',
  plugins: [builtins],
  external: (id) => isBuiltin(id) || (bare(id) && !INLINE.includes(packageOf(id))),
});
const { output } = await bundle.write({
  dir: OUT,
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: `${CHUNK_PREFIX}[name]-[hash].js`,
  sourcemap: false,
});
await bundle.close();
// After the bundler (which prints string literals back as UTF-8 after `renderChunk`): every chunk in ASCII.
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  const path = join(OUT, chunk.fileName);
  const code = readFileSync(path, 'utf8');
  const ascii = asciiOnly(code);
  if (ascii !== code) writeFileSync(path, ascii);
}

/** The source files (src/…, relative to the root, `/`-separated) bundled into one chunk. */
const sourcesOf = (chunk) =>
  chunk.moduleIds
    .filter((id) => !id.startsWith('\0') && id.startsWith(ROOT))
    .map((id) => relative(ROOT, id).split(sep).join('/'))
    .filter((path) => path.startsWith('src/'));
const chunkNamed = new Map(output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
/** The sources of `names`' chunks and of every chunk they import, statically or (with `dynamic`) lazily. */
function closure(names, dynamic) {
  const seen = new Set();
  const files = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const chunk = chunkNamed.get(name);
    for (const path of sourcesOf(chunk)) files.add(path);
    for (const next of chunk.imports) if (chunkNamed.has(next)) visit(next);
    if (dynamic) for (const next of chunk.dynamicImports) if (chunkNamed.has(next)) visit(next);
  };
  for (const name of names) visit(name);
  return [...files].sort();
}
const main = chunkNamed.get('main.js');
const sources = closure([main.fileName], true);
// Per command: what `convene <command>` can load (its chunk and all it imports, lazily too, and main's other
// lazy chunks such as the .env loader), so that bin/entry.js compares a dozen files for `convene parse`
// and only main's own for `--version` or `--help`, not every source in the bundle.
const COMMAND = /\/src\/cli\/commands\/([a-z-]+)\.ts$/;
const lazy = main.dynamicImports.map((name) => chunkNamed.get(name)).filter(Boolean);
const shared = lazy.filter((c) => !COMMAND.test(c.facadeModuleId ?? '')).map((c) => c.fileName);
const commands = {};
for (const chunk of lazy) {
  const name = COMMAND.exec(chunk.facadeModuleId ?? '')?.[1];
  if (name !== undefined) commands[name] = closure([chunk.fileName, ...shared], true);
}
writeFileSync(
  join(OUT, 'main.sources.json'),
  `${JSON.stringify({ bundle: 'dist/cli/main.js', sources, main: closure([main.fileName], false), commands }, null, 1)}\n`,
);
// The parser's prefilter (src/core/parse/prefilter.ts) reads, from each regex's source, what every match
// contains: about 10 ms of `convene parse`'s start for the ~110 regexes a request meets. Read here once, from
// the same sources as the bundle, for requests in each language (a regex they do not meet is read at run
// time), and saved next to the bundle, where the parse command takes the readings back.
const PREFILTER_SAMPLES = [
  '/meet @ana @li 30m tomorrow afternoon or friday at 3pm "Roadmap"',
  '@ana optional @li 1h next week except monday, in 2 hours, this tuesday or last friday',
  '/meet @ana 45 min mardi prochain après-midi ou vendredi à 15h « Revue »',
  '@ana 1h demain matin, dans 2 heures, ce lundi ou vendredi dernier',
  '/meet @ana 30 Minuten morgen Nachmittag oder Freitag um 15 Uhr „Planung“',
  '@ana 1 Stunde nächste Woche außer Montag, in 2 Stunden, diesen Dienstag oder letzten Freitag',
  // Series: their end, count and exception rules are met only with a recurrence.
  '@ana 30m every other tuesday until 15 march',
  '@ana 30m every tuesday for 6 weeks except fridays',
  '@ana 30m weekly 4 times till end of Q1',
  '@ana 30m every other week',
  "@ana 30 min un mardi sur deux jusqu'au 15 mars",
  '@ana 30 min tous les mardis pendant 6 semaines sauf le vendredi',
  "@ana 30 min chaque semaine 4 fois jusqu'en mars",
  '@ana 30 min toutes les deux semaines',
  '@ana 30 Minuten jeden zweiten Dienstag bis zum 15. März',
  '@ana 30 Minuten jeden Dienstag 6 Wochen lang außer freitags',
  '@ana 30 Minuten wöchentlich 4 Mal bis Ende März',
  '@ana 30 Minuten alle zwei Wochen',
];
const source = (path) => import(pathToFileURL(join(ROOT, path)).href);
const parser = await source('src/core/parse/index.ts');
const prefilter = await source('src/core/parse/prefilter.ts');
const { WORD_CHAR } = await source('src/core/parse/text.ts');
for (const text of PREFILTER_SAMPLES) {
  parser.parseRequest(text, { now: Date.UTC(2026, 10, 25, 9), zone: 'Europe/Paris' });
}
// Most of a source is the word-character class of its word boundaries, twice: saved as a NUL, a character
// no source of the parser holds (one that did would be left out), the file is a tenth of the size.
// A source outside ASCII is saved twice: as the sources have it (a regex built from a string, whose escapes
// the string resolved) and as the ASCII bundle's `String.raw` templates and regex literals give it.
const readings = prefilter
  .readings()
  .filter(([, pattern]) => !pattern.includes('\0'))
  .flatMap(([flags, pattern, clauses]) => {
    const ascii = asciiOnly(pattern);
    return (ascii === pattern ? [pattern] : [pattern, ascii]).map((p) => [
      flags,
      p.replaceAll(WORD_CHAR, '\0'),
      clauses,
    ]);
  });
writeFileSync(join(OUT, 'prefilter.json'), `${asciiOnly(JSON.stringify(readings))}\n`);

const chunks = output.filter((o) => o.type === 'chunk').length;
note(
  `dist/cli/main.js and ${chunks - 1} chunks from ${sources.length} source files in ${Math.round(performance.now() - started)} ms`,
);
