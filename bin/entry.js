// Which code the published commands run: the compiled JavaScript in dist/ when it is there and no source
// file is newer, else the TypeScript sources through Node's type stripping (a git clone without a build, or
// sources edited after a build), so an edited source is never shadowed by an old build. Node's compile
// cache is turned on for both (below).
//
// dist/cli/main.js is the CLI's bundle (scripts/build-cli.mjs, run by postinstall, `npm run build`, prepack
// and the image); dist/cli/main.sources.json lists the source files in it, so only those are compared; with
// the command's name (bin/convene.js passes its first argument) only the files main.js loads itself and those
// that command can load count: four stat calls for `--version` or `--help`, about a hundred for `parse`, not
// every file of the bundle. A listed file that is gone makes the bundle stale too. Other entries (dist/main.js
// from tsc) are compared with every .ts file under src/. No src/ next to dist/ (an installed package): no
// check at all. CONVENE_FROM_SOURCES=1 runs the sources whatever the build (bench/cli-start.bench.ts
// compares both).
//
// Built-in modules through process.getBuiltinModule, not `import … from 'node:fs'`: an ESM import of a
// built-in reads every lazy export (node:fs's streams and promises), several milliseconds of each start.
// (bin/node-check.js, evaluated first, stops a Node too old to have it.)
const { readdirSync, readFileSync, statSync } = process.getBuiltinModule('node:fs');
const module = process.getBuiltinModule('node:module');
const { tmpdir } = process.getBuiltinModule('node:os');
const { isAbsolute, join } = process.getBuiltinModule('node:path');
const { fileURLToPath, pathToFileURL } = process.getBuiltinModule('node:url');

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Node's compile cache (V8 code cached on disk, keyed by file content) for everything imported from here on:
 * the bundle's chunks are compiled once, not at every start. In `$XDG_CACHE_HOME/convene`, else the system's
 * temporary directory; where neither is writable Node runs without it (the status is only "failed").
 * NODE_COMPILE_CACHE (its directory) and NODE_DISABLE_COMPILE_CACHE=1 still decide when set.
 */
function enableCompileCache() {
  if (typeof module.enableCompileCache !== 'function' || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const xdg = process.env.XDG_CACHE_HOME;
  // The XDG base directory rules: a relative path is to be ignored.
  const dirs = [
    ...(xdg && isAbsolute(xdg) ? [join(xdg, 'convene', 'compile-cache')] : []),
    join(tmpdir(), 'convene-compile-cache'),
  ];
  for (const dir of dirs) {
    try {
      const { status } = module.enableCompileCache(dir);
      if (status !== module.constants.compileCacheStatus.FAILED) return;
    } catch {
      // Not writable here: try the next directory.
    }
  }
}
enableCompileCache();

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The newest of the listed sources (root-relative, `/`-separated); Infinity when one is gone. */
function newestListed(list) {
  let newest = 0;
  for (const path of list) {
    // ROOT ends with the separator; `/` inside a path is fine for Windows' file calls too.
    const at = statSync(ROOT + path, { throwIfNoEntry: false })?.mtimeMs;
    if (at === undefined) return Number.POSITIVE_INFINITY;
    if (at > newest) newest = at;
  }
  return newest;
}

/**
 * The files of the list that `command` can load: main.js's own and that command's when the list has them
 * (a name that is no command, `--version`, `--help`: main.js's alone), else every listed file.
 */
function listedFor(list, command) {
  if (command === undefined || !Array.isArray(list.main) || typeof list.commands !== 'object') {
    return list.sources;
  }
  const own = Object.hasOwn(list.commands, command) ? list.commands[command] : [];
  return Array.isArray(own) ? [...list.main, ...own] : list.sources;
}

/** When the sources behind dist/`relative`.js last changed: 0 when there are no sources (dist only). */
function sourcesChangedAt(relative, command) {
  if (statSync(join(ROOT, 'src'), { throwIfNoEntry: false }) === undefined) return 0;
  let listed;
  try {
    listed = listedFor(
      JSON.parse(readFileSync(join(ROOT, 'dist', `${relative}.sources.json`), 'utf8')),
      command,
    );
  } catch {
    // No list: every source counts.
  }
  return Array.isArray(listed) ? newestListed(listed) : newestSource(join(ROOT, 'src'));
}

/**
 * The URL of `relative` (e.g. `cli/main`) in dist/ when the build is current, else in src/. `command`, the
 * CLI's first argument, narrows the check to the sources that command loads (see the top of this file).
 */
export function entry(relative, command) {
  const built = join(ROOT, 'dist', `${relative}.js`);
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const current =
    builtAt > 0 && process.env.CONVENE_FROM_SOURCES !== '1' && builtAt >= sourcesChangedAt(relative, command);
  return pathToFileURL(current ? built : join(ROOT, 'src', `${relative}.ts`)).href;
}
