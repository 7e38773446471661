/**
 * Token encryption at rest: AES-256-GCM with keys from `CONVENE_ENCRYPTION_KEYS`.
 *
 * `CONVENE_ENCRYPTION_KEYS="k2:<base64 of 32 bytes>,k1:<base64 of 32 bytes>"` — the FIRST key
 * encrypts new writes, every listed key decrypts. Envelope: `v2:<keyId>:<iv>:<tag>:<ciphertext>`
 * (base64url parts, 12-byte random IV, a tag of exactly 16 bytes). The additional data binds the value
 * to its place: version, key id and a context naming the column, the tenant and the row
 * (`secretContext`), so a sealed value copied to another row, tenant or column does not open.
 *
 * The older `v1` envelope bound only the version and key id; `decrypt` refuses it. The store re-seals
 * `v1` values as `v2` when it opens (and `npm run db:rekey` does too) through `openLegacy`.
 *
 * There is no plaintext fallback: a missing or malformed key is a `ConfigError` at start-up, and a
 * ciphertext that does not authenticate is a `StoreError('decrypt_failed')`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, StoreError } from './errors.ts';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const ENVELOPE_VERSION = 'v2';
const LEGACY_VERSION = 'v1';
/** GCM tag length in bytes: fixed, a shorter tag (4, 8, 12 bytes) is refused before decryption. */
const TAG_BYTES = 16;

/** Where a sealed value lives: part of the authenticated data, so it only opens there. */
export const secretContext = {
  connection: (tenantId: string, connectionId: string) =>
    `calendar_connection.tokens_enc:${tenantId}:${connectionId}`,
  workspace: (tenantId: string, workspaceId: string) => `workspace.bot_token_enc:${tenantId}:${workspaceId}`,
  keyCheck: (keyId: string) => `encryption_key.check_value:${keyId}`,
  /** A job's secret: its dedupe key is unique, so the sealed value opens on that job only. */
  job: (tenantId: string | null, kind: string, dedupeKey: string) =>
    `job.secret_enc:${tenantId ?? ''}:${kind}:${dedupeKey}`,
} as const;

export interface KeyRing {
  /** Key id used for new writes. */
  readonly primaryKeyId: string;
  /** All key ids, primary first. */
  readonly keyIds: readonly string[];
  /** Encrypts with the primary key (or the given key id, for key checks), bound to `context`. */
  encrypt(plaintext: string, context: string, keyId?: string): string;
  /**
   * Throws `StoreError('decrypt_failed')` on an unknown key id, a legacy `v1` envelope, a tag that is not
   * 16 bytes, or a ciphertext that does not authenticate for this `context`.
   */
  decrypt(envelope: string, context: string): string;
  /** Opens a legacy `v1` envelope (bound to its key id only): for re-sealing it as `v2`, nothing else. */
  openLegacy(envelope: string): string;
  /** Whether an envelope is in the legacy `v1` format. */
  isLegacy(envelope: string): boolean;
  /** Key id of an envelope, without decrypting. */
  keyIdOf(envelope: string): string;
}

export const KEYS_ENV = 'CONVENE_ENCRYPTION_KEYS';

/** Generates a new `id:base64` key entry (what `npm run db:keygen` prints). */
export function generateKeyEntry(keyId: string): string {
  if (!KEY_ID.test(keyId)) throw new Error(`invalid key id ${JSON.stringify(keyId)}`);
  return `${keyId}:${randomBytes(32).toString('base64')}`;
}

/** Parses `CONVENE_ENCRYPTION_KEYS`. Messages name the key id at fault, never key material. */
export function parseKeyRing(spec: string | undefined, source = KEYS_ENV): KeyRing {
  if (spec === undefined || spec.trim() === '') {
    throw new ConfigError(
      'encryption_key_missing',
      `${source} is not set: it must hold at least one token-encryption key, e.g. ${source}=k1:$(openssl rand -base64 32)`,
    );
  }
  const keys = new Map<string, Buffer>();
  const order: string[] = [];
  for (const [index, rawEntry] of spec.split(',').entries()) {
    const entry = rawEntry.trim();
    const colon = entry.indexOf(':');
    if (colon <= 0) {
      throw new ConfigError(
        'encryption_key_invalid',
        `${source}: entry ${index + 1} is not "<keyId>:<base64 key>" (expected e.g. k1:$(openssl rand -base64 32))`,
      );
    }
    const keyId = entry.slice(0, colon);
    const material = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(keyId)) {
      throw new ConfigError(
        'encryption_key_invalid',
        `${source}: key id ${JSON.stringify(keyId)} must be 1-32 letters, digits, "_" or "-"`,
      );
    }
    if (keys.has(keyId)) {
      throw new ConfigError('encryption_key_invalid', `${source}: key id ${keyId} is listed twice`);
    }
    const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(material)
      ? Buffer.from(material, 'base64')
      : Buffer.alloc(0);
    if (bytes.length !== 32) {
      throw new ConfigError(
        'encryption_key_invalid',
        `${source}: key ${keyId} must be 32 random bytes in base64 (got ${bytes.length} bytes); generate one with: openssl rand -base64 32`,
      );
    }
    keys.set(keyId, bytes);
    order.push(keyId);
  }
  return createKeyRing(order, keys);
}

function createKeyRing(order: readonly string[], keys: ReadonlyMap<string, Buffer>): KeyRing {
  const primaryKeyId = order[0]!;
  const split = (envelope: string, version: string) => {
    const parts = envelope.split(':');
    if (parts.length !== 5 || parts[0] !== version || !parts[1]) {
      if (parts.length === 5 && parts[0] === LEGACY_VERSION) {
        throw new StoreError(
          'decrypt_failed',
          'stored secret is in the old v1 format: restart Convene or run "npm run db:rekey" once to re-seal it',
        );
      }
      throw new StoreError('decrypt_failed', `stored secret is not a ${version} encryption envelope`);
    }
    return parts as [string, string, string, string, string];
  };
  const keyIdOf = (envelope: string): string => {
    const parts = envelope.split(':');
    if (parts.length !== 5 || (parts[0] !== ENVELOPE_VERSION && parts[0] !== LEGACY_VERSION) || !parts[1]) {
      throw new StoreError('decrypt_failed', 'stored secret is not an encryption envelope');
    }
    return parts[1];
  };
  const open = (envelope: string, version: string, aadOf: (keyId: string) => string): string => {
    const [, keyId, iv, tag, ct] = split(envelope, version);
    const key = keys.get(keyId);
    if (!key) {
      throw new StoreError(
        'decrypt_failed',
        `stored secret was encrypted with key ${keyId}, which ${KEYS_ENV} does not provide`,
      );
    }
    const tagBytes = Buffer.from(tag, 'base64url');
    if (tagBytes.length !== TAG_BYTES) {
      throw new StoreError(
        'decrypt_failed',
        `stored secret has a ${tagBytes.length}-byte authentication tag; ${TAG_BYTES} bytes are required (tampered data)`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(aadOf(keyId)));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch (cause) {
      throw new StoreError(
        'decrypt_failed',
        `stored secret does not decrypt with key ${keyId} (wrong key material, tampered data, or a value moved from another row)`,
        { cause },
      );
    }
  };
  return {
    primaryKeyId,
    keyIds: order,
    keyIdOf,
    isLegacy: (envelope) => envelope.startsWith(`${LEGACY_VERSION}:`),
    encrypt(plaintext, context, keyId = primaryKeyId) {
      const key = keys.get(keyId);
      if (!key) throw new StoreError('decrypt_failed', `no encryption key with id ${keyId}`);
      if (context === '') throw new StoreError('decrypt_failed', 'a sealed value needs a context');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(`${ENVELOPE_VERSION}:${keyId}:${context}`));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [ENVELOPE_VERSION, keyId, b64(iv), b64(tag), b64(ct)].join(':');
    },
    decrypt(envelope, context) {
      if (context === '') throw new StoreError('decrypt_failed', 'a sealed value needs a context');
      return open(envelope, ENVELOPE_VERSION, (keyId) => `${ENVELOPE_VERSION}:${keyId}:${context}`);
    },
    openLegacy(envelope) {
      return open(envelope, LEGACY_VERSION, (keyId) => `${LEGACY_VERSION}:${keyId}`);
    },
  };
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** The fixed text whose encryption is kept per key id in `encryption_key` to detect a wrong key. */
export const KEY_CHECK_TEXT = 'convene-key-check';

export const KEY_FILE = 'encryption.key';

/**
 * The embedded default when `CONVENE_ENCRYPTION_KEYS` is not set: a key generated once into
 * `<dataDir>/encryption.key` (mode 0600) and reused on every start. `log` is told when a key is
 * created. The file holds the same `id:base64` list as the environment variable.
 */
export function loadOrCreateKeyFile(dataDir: string, log: (line: string) => void): KeyRing {
  const path = join(dataDir, KEY_FILE);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(
        'encryption_key_invalid',
        `Cannot create the key file ${path}: ${(error as Error).message}`,
      );
    }
  }
  if (fd !== undefined) {
    writeSync(fd, `${generateKeyEntry('local1')}\n`);
    closeSync(fd);
    log(
      `store: generated a token-encryption key in ${path} (mode 0600); back it up with the data directory, or set ${KEYS_ENV} instead`,
    );
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) chmodSync(path, 0o600);
  return parseKeyRing(readFileSync(path, 'utf8').trim(), path);
}
