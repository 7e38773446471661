/**
 * Token encryption at rest: AES-256-GCM with keys from `CONVENE_ENCRYPTION_KEYS`.
 *
 * `CONVENE_ENCRYPTION_KEYS="k2:<base64 of 32 bytes>,k1:<base64 of 32 bytes>"` — the FIRST key
 * encrypts new writes, every listed key decrypts. Envelope: `v1:<keyId>:<iv>:<tag>:<ciphertext>`
 * (base64url parts, 12-byte random IV, 16-byte tag, key id bound as additional data).
 *
 * There is no plaintext fallback: a missing or malformed key is a `ConfigError` at start-up, and a
 * ciphertext that does not authenticate is a `StoreError('decrypt_failed')`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, StoreError } from './errors.ts';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const ENVELOPE_VERSION = 'v1';

export interface KeyRing {
  /** Key id used for new writes. */
  readonly primaryKeyId: string;
  /** All key ids, primary first. */
  readonly keyIds: readonly string[];
  /** Encrypts with the primary key (or the given key id, for key checks). */
  encrypt(plaintext: string, keyId?: string): string;
  /** Throws `StoreError('decrypt_failed')` on an unknown key id or a ciphertext that does not authenticate. */
  decrypt(envelope: string): string;
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
  const keyIdOf = (envelope: string): string => {
    const parts = envelope.split(':');
    if (parts.length !== 5 || parts[0] !== ENVELOPE_VERSION || !parts[1]) {
      throw new StoreError('decrypt_failed', 'stored secret is not a v1 encryption envelope');
    }
    return parts[1];
  };
  return {
    primaryKeyId,
    keyIds: order,
    keyIdOf,
    encrypt(plaintext, keyId = primaryKeyId) {
      const key = keys.get(keyId);
      if (!key) throw new StoreError('decrypt_failed', `no encryption key with id ${keyId}`);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(`${ENVELOPE_VERSION}:${keyId}`));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [ENVELOPE_VERSION, keyId, b64(iv), b64(tag), b64(ct)].join(':');
    },
    decrypt(envelope) {
      const keyId = keyIdOf(envelope);
      const key = keys.get(keyId);
      if (!key) {
        throw new StoreError(
          'decrypt_failed',
          `stored secret was encrypted with key ${keyId}, which ${KEYS_ENV} does not provide`,
        );
      }
      const [, , iv, tag, ct] = envelope.split(':') as [string, string, string, string, string];
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(`${ENVELOPE_VERSION}:${keyId}`));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (cause) {
        throw new StoreError(
          'decrypt_failed',
          `stored secret does not decrypt with key ${keyId} (wrong key material or tampered data)`,
          { cause },
        );
      }
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
