/**
 * The store's public surface. Only src/store imports Prisma; callers get plain domain objects.
 * When the store uses SQL and when Prisma (and where each table's SQL lives): ./README.md.
 */
export type { KeyRing } from './crypto.ts';
export { generateKeyEntry, KEYS_ENV, parseKeyRing } from './crypto.ts';
export type { OpenDatabaseOptions, Store } from './database.ts';
export { DEFAULT_DATA_DIR, openDatabase, openDatabaseFromEnv } from './database.ts';
export type { ConfigErrorCode, StoreErrorCode } from './errors.ts';
export { ConfigError, StoreError } from './errors.ts';
