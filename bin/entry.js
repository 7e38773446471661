// Which code the published commands run: the compiled JavaScript in dist/ (`npm run build`; built before
// the package is packed and in the container image) when it is there and no source file is newer, else the
// TypeScript sources through Node's type stripping (a git clone, or sources edited after a build), so an
// edited source is never shadowed by an old build. Node's compile cache is turned on for both.
import { readdirSync, statSync } from 'node:fs';
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

/** The URL of `relative` (e.g. `cli/main`) in dist/ when the build is current, else in src/. */
export function entry(relative) {
  module.enableCompileCache?.();
  const built = join(ROOT, 'dist', `${relative}.js`);
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    // No build: run the sources.
  }
  let sourcesAt = 0;
  try {
    sourcesAt = builtAt > 0 ? newestSource(join(ROOT, 'src')) : 0;
  } catch {
    // No sources (a package that ships dist only).
  }
  const file = builtAt > 0 && builtAt >= sourcesAt ? built : join(ROOT, 'src', `${relative}.ts`);
  return pathToFileURL(file).href;
}
