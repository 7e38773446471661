/**
 * Prisma CLI configuration: the JavaScript schema engine through the `pg` driver adapter, so that
 * `prisma generate`, `migrate deploy`, `migrate diff` and `migrate status` work offline (no native
 * engine download). Every migrate command (even `migrate diff --from-empty`) connects to
 * `DATABASE_URL`; `generate` and `format` need no database.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

const databaseUrl = process.env.DATABASE_URL;
// The schema's `env("DATABASE_URL")` must resolve for `generate` and `format`, which never connect.
process.env.DATABASE_URL ??= 'postgresql://unset@127.0.0.1:1/unset';

export default defineConfig({
  experimental: { adapter: true },
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  adapter: async () => {
    if (!databaseUrl) {
      throw new Error(
        'DATABASE_URL is not set: migrate commands need a PostgreSQL server, e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres',
      );
    }
    return new PrismaPg({ connectionString: databaseUrl });
  },
});
