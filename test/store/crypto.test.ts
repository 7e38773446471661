import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateKeyEntry,
  loadOrCreateKeyFile,
  parseKeyRing,
  secretContext,
} from '../../src/store/crypto.ts';
import { ConfigError, StoreError } from '../../src/store/errors.ts';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const C1 = 'c1c1c1c1-0000-4000-8000-000000000001';
const C2 = 'c2c2c2c2-0000-4000-8000-000000000002';
const ctx = secretContext.connection(T1, C1);

/** A v1 envelope as the previous release wrote it (AAD = version and key id only), with a tag of `tagBytes`. */
function legacyEnvelope(entry: string, plaintext: string, tagBytes = 16): string {
  const [keyId, material] = entry.split(':') as [string, string];
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(material, 'base64'), iv, {
    authTagLength: tagBytes,
  });
  cipher.setAAD(Buffer.from(`v1:${keyId}`));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    keyId,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ct.toString('base64url'),
  ].join(':');
}

describe('token encryption (AES-256-GCM)', () => {
  const k1 = generateKeyEntry('k1');
  const k2 = generateKeyEntry('k2');

  it('a sealed value moved to another row, tenant or column does not open', () => {
    const ring = parseKeyRing(k1);
    const sealed = ring.encrypt('ya29.refresh-token', secretContext.connection(T1, C1));
    expect(ring.decrypt(sealed, secretContext.connection(T1, C1))).toBe('ya29.refresh-token');
    for (const elsewhere of [
      secretContext.connection(T1, C2), // another row of the same tenant
      secretContext.connection(T2, C1), // another tenant
      secretContext.workspace(T1, C1), // another column
      secretContext.keyCheck('k1'),
    ]) {
      const error = thrown(() => ring.decrypt(sealed, elsewhere));
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('decrypt_failed');
    }
  });

  it.each([4, 8, 12])('refuses a %i-byte GCM tag (only 16 bytes are accepted)', (bytes) => {
    const ring = parseKeyRing(k1);
    const parts = ring.encrypt('secret', ctx).split(':');
    // A truncated tag of a genuine envelope: GCM would verify it if the length were not fixed.
    parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, bytes).toString('base64url');
    const error = thrown(() => ring.decrypt(parts.join(':'), ctx));
    expect((error as StoreError).code).toBe('decrypt_failed');
    expect((error as StoreError).message).toContain(`${bytes}-byte authentication tag`);
    // The legacy reader refuses short tags too.
    const short = legacyEnvelope(k1, 'secret', bytes);
    expect((thrown(() => ring.openLegacy(short)) as StoreError).code).toBe('decrypt_failed');
  });

  it('a legacy v1 value is refused by decrypt (with the upgrade step named) and opened only by openLegacy', () => {
    const ring = parseKeyRing(k1);
    const old = legacyEnvelope(k1, 'xoxb-legacy');
    expect(ring.isLegacy(old)).toBe(true);
    expect((thrown(() => ring.decrypt(old, ctx)) as StoreError).message).toContain('npm run db:rekey');
    expect(ring.openLegacy(old)).toBe('xoxb-legacy');
    expect(ring.isLegacy(ring.encrypt('x', ctx))).toBe(false);
  });

  it('round-trips and never stores the plaintext', () => {
    const ring = parseKeyRing(k1);
    const envelope = ring.encrypt('ya29.refresh-token', ctx);
    expect(envelope).toMatch(/^v2:k1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(Buffer.from(envelope.split(':')[3]!, 'base64url')).toHaveLength(16);
    expect(envelope).not.toContain('refresh-token');
    expect(ring.encrypt('ya29.refresh-token', ctx)).not.toBe(envelope); // random IV
    expect(ring.decrypt(envelope, ctx)).toBe('ya29.refresh-token');
  });

  it('rotation: new writes use the first key, the old key id still decrypts', () => {
    const old = parseKeyRing(k1).encrypt('secret', ctx);
    const rotated = parseKeyRing(`${k2},${k1}`);
    expect(rotated.primaryKeyId).toBe('k2');
    expect(rotated.decrypt(old, ctx)).toBe('secret');
    expect(rotated.keyIdOf(rotated.encrypt('secret', ctx))).toBe('k2');
  });

  it('a wrong key, a missing key id or tampering is a typed error, never plaintext', () => {
    const envelope = parseKeyRing(k1).encrypt('secret', ctx);
    const wrong = thrown(() => parseKeyRing(generateKeyEntry('k1')).decrypt(envelope, ctx));
    expect(wrong).toBeInstanceOf(StoreError);
    expect((wrong as StoreError).code).toBe('decrypt_failed');
    const missing = thrown(() => parseKeyRing(k2).decrypt(envelope, ctx));
    expect((missing as StoreError).message).toContain('key k1');
    const parts = envelope.split(':');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString('base64url');
    expect((thrown(() => parseKeyRing(k1).decrypt(parts.join(':'), ctx)) as StoreError).code).toBe(
      'decrypt_failed',
    );
    // Relabelling the key id is caught too (the id is authenticated).
    const relabelled = envelope.replace('v2:k1:', 'v2:k2:');
    expect((thrown(() => parseKeyRing(`${k1},${k2}`).decrypt(relabelled, ctx)) as StoreError).code).toBe(
      'decrypt_failed',
    );
  });

  it.each([
    [undefined, 'encryption_key_missing', /^CONVENE_ENCRYPTION_KEYS is not set/],
    ['', 'encryption_key_missing', /is not set/],
    ['no-colon', 'encryption_key_invalid', /entry 1 is not "<keyId>:<base64 key>"/],
    ['k1:c2hvcnQ=', 'encryption_key_invalid', /key k1 must be 32 random bytes in base64 \(got 5 bytes\)/],
    ['bad id!:AAAA', 'encryption_key_invalid', /key id "bad id!"/],
  ])('rejects %j with a one-line message', (spec, code, message) => {
    const error = thrown(() => parseKeyRing(spec));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe(code);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('rejects a duplicated key id', () => {
    expect((thrown(() => parseKeyRing(`${k1},${k1}`)) as ConfigError).message).toMatch(/listed twice/);
  });

  it('embedded default: generates a key file once (0600), logs it, reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convene-key-'));
    try {
      const lines: string[] = [];
      const first = loadOrCreateKeyFile(dir, (l) => lines.push(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(join(dir, 'encryption.key'));
      expect(statSync(join(dir, 'encryption.key')).mode & 0o777).toBe(0o600);
      const second = loadOrCreateKeyFile(dir, (l) => lines.push(l));
      expect(lines).toHaveLength(1);
      expect(second.decrypt(first.encrypt('x', ctx), ctx)).toBe('x');
      expect(lines[0]).not.toContain(readFileSync(join(dir, 'encryption.key'), 'utf8').split(':')[1]!.trim());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
