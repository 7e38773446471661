import type { PrismaClient } from '@prisma/client';
import { StoreError, sqlState } from '../errors.ts';

export type Db = PrismaClient;

/**
 * One SQL statement on a pooled connection, rows as `pg` returns them (timestamptz → Date, jsonb parsed,
 * arrays as arrays, bigint as string). The hot reads and writes of a `/meet` use it: a Prisma query costs
 * its query compiler about a millisecond of CPU each, a raw statement a tenth of that (issue 10 profile).
 * Connection-level failures become `StoreError('unavailable')` (see `rethrow`).
 */
export type Sql = <Row extends Record<string, unknown>>(
  text: string,
  params?: readonly unknown[],
) => Promise<Row[]>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else can match no row (and must not reach PostgreSQL as a cast error). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function ms(date: Date): number {
  return date.getTime();
}

export function msOrNull(date: Date | null): number | null {
  return date === null ? null : date.getTime();
}

/** Interactive transactions wait for a connection (the embedded database has exactly one). */
export const TX_OPTIONS = { maxWait: 60_000, timeout: 60_000 } as const;

/** Connection-level failures become `StoreError('unavailable')`; everything else is rethrown as is. */
export function rethrow(error: unknown): never {
  const state = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  if (
    (state !== undefined && (state.startsWith('08') || state.startsWith('57'))) ||
    /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect/i.test(message)
  ) {
    throw new StoreError('unavailable', `database unavailable: ${message.split('\n')[0]}`, { cause: error });
  }
  throw error;
}

/** Runs one statement of a table's SQL module (src/store/sql/) with the store's `Sql`. */
export function run<Row extends Record<string, unknown> = Record<string, unknown>>(
  sql: Sql,
  [text, params]: readonly [string, readonly unknown[]],
): Promise<Row[]> {
  return sql<Row>(text, params);
}
