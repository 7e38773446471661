import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyEntry, loadOrCreateKeyFile, parseKeyRing } from '../../src/store/crypto.ts';
import { ConfigError, StoreError } from '../../src/store/errors.ts';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('token encryption (AES-256-GCM)', () => {
  const k1 = generateKeyEntry('k1');
  const k2 = generateKeyEntry('k2');

  it('round-trips and never stores the plaintext', () => {
    const ring = parseKeyRing(k1);
    const envelope = ring.encrypt('ya29.refresh-token');
    expect(envelope).toMatch(/^v1:k1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(envelope).not.toContain('refresh-token');
    expect(ring.encrypt('ya29.refresh-token')).not.toBe(envelope); // random IV
    expect(ring.decrypt(envelope)).toBe('ya29.refresh-token');
  });

  it('rotation: new writes use the first key, the old key id still decrypts', () => {
    const old = parseKeyRing(k1).encrypt('secret');
    const rotated = parseKeyRing(`${k2},${k1}`);
    expect(rotated.primaryKeyId).toBe('k2');
    expect(rotated.decrypt(old)).toBe('secret');
    expect(rotated.keyIdOf(rotated.encrypt('secret'))).toBe('k2');
  });

  it('a wrong key, a missing key id or tampering is a typed error, never plaintext', () => {
    const envelope = parseKeyRing(k1).encrypt('secret');
    const wrong = thrown(() => parseKeyRing(generateKeyEntry('k1')).decrypt(envelope));
    expect(wrong).toBeInstanceOf(StoreError);
    expect((wrong as StoreError).code).toBe('decrypt_failed');
    const missing = thrown(() => parseKeyRing(k2).decrypt(envelope));
    expect((missing as StoreError).message).toContain('key k1');
    const parts = envelope.split(':');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString('base64url');
    expect((thrown(() => parseKeyRing(k1).decrypt(parts.join(':'))) as StoreError).code).toBe(
      'decrypt_failed',
    );
    // Relabelling the key id is caught too (the id is authenticated).
    const relabelled = envelope.replace('v1:k1:', 'v1:k2:');
    expect((thrown(() => parseKeyRing(`${k1},${k2}`).decrypt(relabelled)) as StoreError).code).toBe(
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
      expect(second.decrypt(first.encrypt('x'))).toBe('x');
      expect(lines[0]).not.toContain(readFileSync(join(dir, 'encryption.key'), 'utf8').split(':')[1]!.trim());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
