/**
 * The container files, read statically (no container engine runs here; scripts/image-steps.sh runs the
 * image's steps for real in .ci/run): the Dockerfile copies files that exist, installs production
 * dependencies the way image-steps.sh does, starts in production mode with the playground off and checks
 * /readyz; compose.yaml starts PostgreSQL (healthcheck, volume), migrates, then Convene.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const dockerfile = read('Dockerfile');
const stages = dockerfile.split(/^FROM /m).slice(1);
const runtime = stages.at(-1)!;

describe('Dockerfile', () => {
  it('copies only files that exist in the repository (and .dockerignore keeps .env and node_modules out)', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) =>
      m[1]!.split(/\s+/),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true);
    const ignored = read('.dockerignore').split('\n');
    for (const path of ['node_modules', '.env', 'dist', '.convene-data']) expect(ignored).toContain(path);
  });

  it('installs production dependencies without dev or optional peers, exactly as image-steps.sh does', () => {
    const flags = '--omit=dev --omit=optional --ignore-scripts';
    expect(dockerfile).toContain(`RUN npm install ${flags}`);
    expect(read('scripts/image-steps.sh')).toContain(`npm install ${flags}`);
    expect(dockerfile).toContain('COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma');
  });

  it('runs the compiled server in production mode, playground off, as an unprivileged user, with a /readyz healthcheck', () => {
    expect(runtime).toMatch(/^ENV .*NODE_ENV=production/m);
    expect(runtime).toMatch(/^ENV .*CONVENE_PLAYGROUND=0/m);
    expect(runtime).toMatch(/^ENV .*HOST=0\.0\.0\.0/m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK[\s\S]*\/readyz/m);
    expect(runtime).toContain('CMD ["node", "bin/start.js"]');
    expect(runtime).not.toMatch(/COPY .*src/);
  });
});

describe('compose.yaml', () => {
  // merge: Compose applies YAML merge keys (`<<: *database`).
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<string, Record<string, unknown>>;
    volumes: Record<string, unknown>;
  };
  const { db, migrate, convene } = compose.services;

  it('PostgreSQL with a healthcheck and its data on a named volume', () => {
    expect(db?.image).toMatch(/^postgres:1[3-9]/);
    expect(JSON.stringify(db?.healthcheck)).toContain('pg_isready');
    expect(db?.volumes).toEqual(['db-data:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes)).toEqual(['db-data']);
  });

  it('migrations run once the database is healthy, Convene once they succeeded', () => {
    expect(migrate?.command).toEqual(['node', 'dist/store/cli.js', 'migrate']);
    expect(migrate?.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(convene?.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    expect(existsSync(join(ROOT, 'src/store/cli.ts'))).toBe(true);
  });

  it('Convene reads .env, reaches the db service, checks /readyz and is published on loopback only', () => {
    expect(convene?.env_file).toEqual(['.env']);
    expect(((convene?.environment ?? {}) as Record<string, string>).DATABASE_URL).toMatch(
      /@db:5432\/convene$/,
    );
    expect(JSON.stringify(convene?.healthcheck)).toContain('/readyz');
    expect(convene?.ports).toEqual(['127.0.0.1:3000:3000']);
  });
});
