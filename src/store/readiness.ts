/**
 * Readiness of a Convene server: the database answers and every migration of this build is applied
 * (none pending, failed or modified). Throws with a one-line reason, which `/readyz` logs.
 */
import { loadMigrations, migrationStatus } from './migrate.ts';

export interface QueryStore {
  query<Row extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export function databaseReady(store: QueryStore, migrationsDir?: string): () => Promise<boolean> {
  const migrations = loadMigrations(migrationsDir);
  return async () => {
    await store.query('SELECT 1');
    const db = { query: async (sql: string) => ({ rows: await store.query(sql) }) };
    const status = await migrationStatus(db as never, migrations);
    const wrong = [...status.pending, ...status.failed, ...status.modified];
    if (wrong.length > 0) throw new Error(`migrations not applied: ${wrong.join(', ')}`);
    return true;
  };
}
