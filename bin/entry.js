// Which code the published commands run: the compiled JavaScript in dist/ when it is there and no source
// file is newer, else the TypeScript sources through Node's type stripping (a git clone without a build, or
// sources edited after a build), so an edited source is never shadowed by an old build. Node's compile
// cache is turned on for both.
//
// dist/cli/main.js is the CLI's bundle (scripts/build-cli.mjs, run by postinstall, `npm run build`, prepack
// and the image); dist/cli/main.sources.json lists the source files in it, so only those are compared (a
// dozen stat calls at most for one command, not a walk of src/); a listed file that is gone makes the
// bundle stale too. Other entries (dist/main.js from tsc) are compared with every .ts file under src/.
// CONVENE_FROM_SOURCES=1 runs the sources whatever the build (bench/cli-start.bench.ts compares both).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The newest of the listed sources; Infinity when one is gone (the build no longer matches them). */
function newestListed(list) {
  let newest = 0;
  for (const path of list) {
    const at = statSync(join(ROOT, path), { throwIfNoEntry: false })?.mtimeMs;
    if (at === undefined) return Number.POSITIVE_INFINITY;
    newest = Math.max(newest, at);
  }
  return newest;
}

/** When the sources behind dist/`relative`.js last changed: 0 when there are no sources (dist only). */
function sourcesChangedAt(relative) {
  if (statSync(join(ROOT, 'src'), { throwIfNoEntry: false }) === undefined) return 0;
  let listed;
  try {
    listed = JSON.parse(readFileSync(join(ROOT, 'dist', `${relative}.sources.json`), 'utf8')).sources;
  } catch {
    // No list: every source counts.
  }
  return Array.isArray(listed) ? newestListed(listed) : newestSource(join(ROOT, 'src'));
}

/** The URL of `relative` (e.g. `cli/main`) in dist/ when the build is current, else in src/. */
export function entry(relative) {
  module.enableCompileCache?.();
  const built = join(ROOT, 'dist', `${relative}.js`);
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const current =
    builtAt > 0 && process.env.CONVENE_FROM_SOURCES !== '1' && builtAt >= sourcesChangedAt(relative);
  return pathToFileURL(current ? built : join(ROOT, 'src', `${relative}.ts`)).href;
}
