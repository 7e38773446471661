/** Signed OAuth state, PKCE verifier derivation, browser binding and the single-use nonce store. */
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkConfigError, linkConfigFromEnv } from '../../src/app/link/config.ts';
import { InMemoryStateNonceStore } from '../../src/app/link/nonces.ts';
import { type LinkState, StateSigner } from '../../src/app/link/state.ts';

const SECRET = 'x'.repeat(16) + 'state-secret-for-tests-only-0123456789';
const NOW = Date.UTC(2030, 0, 15, 12);

const state: LinkState = {
  tenantId: '0b8f8a4e-4a8c-4b1c-9d0e-1a2b3c4d5e6f',
  personId: '9c1d2e3f-1111-4222-8333-444455556666',
  workspaceId: '5a6b7c8d-aaaa-4bbb-8ccc-ddddeeeeffff',
  externalUserId: 'U012ABCDEF',
  provider: 'google',
  nonce: 'n-123',
  expiresAt: NOW + 15 * 60_000,
};

function swapChar(text: string, index: number): string {
  const c = text[index];
  return text.slice(0, index) + (c === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('StateSigner', () => {
  const signer = new StateSigner(SECRET);

  it('round-trips a state until its expiry, and refuses it from the expiry instant on', () => {
    const token = signer.sign(state);
    expect(signer.verify(token, NOW)).toEqual({ ok: true, state });
    expect(signer.verify(token, state.expiresAt - 1)).toEqual({ ok: true, state });
    expect(signer.verify(token, state.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses any single-character change of the token (payload or signature)', () => {
    const token = signer.sign(state);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), (index) => {
        if (token[index] === '.') return;
        const result = signer.verify(swapChar(token, index), NOW);
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('refuses a state signed with another secret and a payload rewritten with a valid-looking signature', () => {
    const other = new StateSigner(`${SECRET}-other`);
    expect(signer.verify(other.sign(state), NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    const [version, , signature] = signer.sign(state).split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...state, p: 'someone-else' })).toString('base64url');
    expect(signer.verify(`${version}.${forgedPayload}.${signature}`, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses malformed tokens without throwing', () => {
    for (const bad of ['', 'v1', 'v1..', 'v2.a.b', 'a.b.c.d', 'v1.%%%.sig', 'x'.repeat(5000)]) {
      expect(signer.verify(bad, NOW).ok).toBe(false);
    }
  });

  it('refuses a correctly signed payload that lacks fields (never trusts the shape)', () => {
    // Sign a payload by hand with the same derived key the signer uses.
    const key = createHmac('sha256', SECRET).update('convene/oauth-state/v1').digest();
    const payload = Buffer.from(JSON.stringify({ t: 'x', v: 'google', e: NOW + 1000 })).toString('base64url');
    const mac = createHmac('sha256', key).update(`v1.${payload}`).digest('base64url');
    expect(signer.verify(`v1.${payload}.${mac}`, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('derives a PKCE verifier per nonce: 43 unreserved characters, S256 challenge, secret-dependent', () => {
    const verifier = signer.pkceVerifier('nonce-a');
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signer.pkceVerifier('nonce-a')).toBe(verifier);
    expect(signer.pkceVerifier('nonce-b')).not.toBe(verifier);
    expect(new StateSigner(`${SECRET}-other`).pkceVerifier('nonce-a')).not.toBe(verifier);
    expect(signer.pkceChallenge('nonce-a')).toBe(createHash('sha256').update(verifier).digest('base64url'));
    // The verifier is not derivable from the state (it is keyed separately).
    expect(signer.sign({ ...state, nonce: 'nonce-a' })).not.toContain(verifier);
  });

  it('binds a browser to a chat identity and refuses forged bindings', () => {
    const binding = signer.bindIdentity({ workspaceId: 'W1', externalUserId: 'U1' });
    expect(signer.boundIdentity(binding)).toEqual({ workspaceId: 'W1', externalUserId: 'U1' });
    const [body] = binding.split('.');
    const forgedBody = Buffer.from(JSON.stringify(['W1', 'U2'])).toString('base64url');
    expect(signer.boundIdentity(`${forgedBody}.${binding.split('.')[1]}`)).toBeNull();
    expect(signer.boundIdentity(`${body}.AAAA`)).toBeNull();
    expect(signer.boundIdentity('garbage')).toBeNull();
    // A state MAC is never accepted as a binding (separate keys).
    expect(signer.boundIdentity(signer.sign(state).split('.').slice(1).join('.'))).toBeNull();
  });

  it('refuses a short secret', () => {
    expect(() => new StateSigner('too-short')).toThrow(/at least 32 bytes/);
  });
});

describe('InMemoryStateNonceStore', () => {
  const TENANT = '00000000-0000-4000-8000-000000000001';

  it('consumes a nonce once; forgets it only after its expiry', async () => {
    let now = NOW;
    const nonces = new InMemoryStateNonceStore(() => now);
    expect(await nonces.isConsumed('a', TENANT)).toBe(false);
    expect(await nonces.consume('a', TENANT, NOW + 1000)).toBe(true);
    expect(await nonces.consume('a', TENANT, NOW + 1000)).toBe(false);
    expect(await nonces.isConsumed('a', TENANT)).toBe(true);
    expect(await nonces.isConsumed('a', '00000000-0000-4000-8000-000000000002')).toBe(false);
    now = NOW + 1000;
    expect(await nonces.consume('b', TENANT, NOW + 5000)).toBe(true);
    expect(await nonces.isConsumed('a', TENANT)).toBe(false);
    expect(await nonces.prune(NOW + 5000)).toBe(1);
    expect(await nonces.isConsumed('b', TENANT)).toBe(false);
  });

  it('lets exactly one of many concurrent consumers win', async () => {
    const nonces = new InMemoryStateNonceStore(() => NOW);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => nonces.consume('same', TENANT, NOW + 1000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('linkConfigFromEnv', () => {
  const secret = 's'.repeat(40);

  it('reads the public URL, the secret and the configured providers', () => {
    const config = linkConfigFromEnv({
      CONVENE_PUBLIC_URL: 'https://convene.example.org/',
      CONVENE_STATE_SECRET: secret,
      GOOGLE_CLIENT_ID: 'gid',
      GOOGLE_CLIENT_SECRET: 'gsecret',
      MICROSOFT_CLIENT_ID: 'mid',
      MICROSOFT_TENANT: 'contoso.onmicrosoft.com',
    });
    expect(config).toEqual({
      publicBaseUrl: 'https://convene.example.org',
      stateSecret: secret,
      providers: {
        google: { clientId: 'gid', clientSecret: 'gsecret' },
        microsoft: { clientId: 'mid', tenant: 'contoso.onmicrosoft.com' },
      },
    });
    expect(
      linkConfigFromEnv({ CONVENE_PUBLIC_URL: 'http://localhost:3000', CONVENE_STATE_SECRET: secret })
        .providers,
    ).toEqual({});
  });

  it('refuses missing or unsafe settings with the variable name and how to fix it', () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ CONVENE_STATE_SECRET: secret }, 'CONVENE_PUBLIC_URL', /not set/],
      [
        { CONVENE_PUBLIC_URL: 'http://convene.example.org', CONVENE_STATE_SECRET: secret },
        'CONVENE_PUBLIC_URL',
        /https/,
      ],
      [{ CONVENE_PUBLIC_URL: 'not a url', CONVENE_STATE_SECRET: secret }, 'CONVENE_PUBLIC_URL', /not a URL/],
      [{ CONVENE_PUBLIC_URL: 'https://c.example' }, 'CONVENE_STATE_SECRET', /openssl rand/],
      [
        { CONVENE_PUBLIC_URL: 'https://c.example', CONVENE_STATE_SECRET: 'short' },
        'CONVENE_STATE_SECRET',
        /too short/,
      ],
      [
        { CONVENE_PUBLIC_URL: 'https://c.example', CONVENE_STATE_SECRET: secret, GOOGLE_CLIENT_ID: 'gid' },
        'GOOGLE_CLIENT_SECRET',
        /both/,
      ],
    ];
    for (const [env, variable, message] of cases) {
      let caught: unknown;
      try {
        linkConfigFromEnv(env);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(LinkConfigError);
      expect(caught).toMatchObject({ variable, message: expect.stringMatching(message) });
    }
  });
});
