/**
 * Typed store failures with stable codes. Expected outcomes (booking conflicts, duplicates, unknown
 * ids) are values returned by the repositories; these errors are for bad configuration, outages and
 * bugs. Messages are one line, actionable, and never contain passwords or tokens.
 */

export type ConfigErrorCode =
  | 'encryption_key_missing'
  | 'encryption_key_invalid'
  | 'encryption_key_mismatch'
  | 'encryption_key_unknown'
  | 'database_url_invalid'
  | 'database_unreachable'
  | 'database_not_migrated'
  | 'database_migration_failed'
  | 'data_dir_locked'
  | 'data_dir_unusable';

/** Bad configuration or environment found at start-up: print `message` (one line) and exit. */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode;

  constructor(code: ConfigErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ConfigError';
    this.code = code;
  }
}

export type StoreErrorCode =
  /** A stored secret cannot be decrypted (wrong key, tampered ciphertext, unknown key id). */
  | 'decrypt_failed'
  /** The database did not answer or the connection broke. */
  | 'unavailable'
  /** The store was closed. */
  | 'closed';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
  }
}

/** `postgresql://user:secret@host/db` → `postgresql://user@host/db`, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass|secret|token|key/i.test(key)) parsed.searchParams.set(key, 'redacted');
    }
    return parsed.toString().replace(/\?$/, '');
  } catch {
    return '<unparseable database URL>';
  }
}

/**
 * The PostgreSQL SQLSTATE behind an error from `pg`, from the Prisma driver adapter
 * (`DriverAdapterError` with `cause.originalCode`) or from Prisma (`P2002` = unique violation).
 */
export function sqlState(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: unknown };
    if (typeof e.originalCode === 'string') return e.originalCode;
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !e.code.startsWith('P')) return e.code;
    if (e.code === 'P2002') return '23505';
    const meta = e.meta as { code?: unknown } | undefined;
    if (meta && typeof meta.code === 'string' && /^[0-9A-Z]{5}$/.test(meta.code)) return meta.code;
    current = e.cause;
  }
  return undefined;
}

export const EXCLUSION_VIOLATION = '23P01';
export const UNIQUE_VIOLATION = '23505';
