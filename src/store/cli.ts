/**
 * Database maintenance commands (no Prisma CLI needed, so they work on a production install):
 *   node src/store/cli.ts migrate   apply pending migrations to DATABASE_URL (or the embedded database)
 *   node src/store/cli.ts status    show applied / pending migrations
 *   node src/store/cli.ts rekey     re-encrypt stored tokens with the first key of CONVENE_ENCRYPTION_KEYS
 *                                   (and re-seal legacy v1 envelopes as v2, bound to their row)
 *   node src/store/cli.ts keygen ID print a new key entry "ID:<base64>"
 * They read `.env` (or CONVENE_ENV_FILE) like `npm start`. Errors are printed as one line (exit code 1), never as a stack trace.
 */
import pg from 'pg';
import { EnvFileError, loadEnvFile } from '../env-file.ts';
import { generateKeyEntry } from './crypto.ts';
import { DEFAULT_DATA_DIR, openDatabaseFromEnv } from './database.ts';
import { ConfigError, redactUrl, StoreError } from './errors.ts';
import { applyMigrations, loadMigrations, migrationStatus } from './migrate.ts';

async function main(argv: readonly string[]): Promise<number> {
  const [command, arg] = argv;
  if (command !== 'keygen') loadEnvFile(process.env); // the same settings as `npm start`
  const url = process.env.DATABASE_URL?.trim();
  switch (command) {
    case 'keygen':
      console.log(generateKeyEntry(arg ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`));
      return 0;
    case 'migrate':
    case 'status': {
      if (!url) {
        // The embedded database migrates itself on every start; opening it is enough.
        if (command === 'migrate') {
          const store = await openDatabaseFromEnv(process.env);
          console.log(`store: ${store.location} is migrated`);
          await store.close();
          return 0;
        }
        console.log(
          `DATABASE_URL is not set: the embedded database (${process.env.CONVENE_DATA_DIR || DEFAULT_DATA_DIR}) migrates itself at start`,
        );
        return 0;
      }
      const where = redactUrl(url);
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
      await client.connect().catch((cause: unknown) => {
        throw new ConfigError(
          'database_unreachable',
          `Cannot reach the database at ${where}: ${(cause as Error).message}`,
        );
      });
      try {
        const migrations = loadMigrations();
        if (command === 'migrate') {
          const applied = await applyMigrations(client, migrations, where, (line) => console.error(line));
          console.log(
            applied.length > 0 ? `applied ${applied.join(', ')} to ${where}` : `${where} is up to date`,
          );
        } else {
          const status = await migrationStatus(client, migrations);
          console.log(JSON.stringify({ database: where, ...status }, null, 2));
        }
      } finally {
        await client.end();
      }
      return 0;
    }
    case 'rekey': {
      const store = await openDatabaseFromEnv(process.env);
      try {
        const count = await store.reencryptSecrets();
        console.log(
          `re-encrypted ${count} stored secret(s) with key ${store.keyRing.primaryKeyId} in ${store.location}`,
        );
      } finally {
        await store.close();
      }
      return 0;
    }
    default:
      console.error('usage: node src/store/cli.ts migrate | status | rekey | keygen [keyId]');
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StoreError || error instanceof EnvFileError) {
      console.error(`convene: ${error.message}`);
    } else {
      console.error(`convene: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    process.exit(1);
  },
);
