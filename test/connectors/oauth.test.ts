/**
 * RefreshingTokenSource: single flight, rotation persisted, reauth once, invalidate semantics.
 * Refreshes go to the Google fake's token endpoint, or to a stub where the case needs control.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import { GoogleOAuthClient } from '../../src/connectors/google/oauth.ts';
import type { OAuthTokens } from '../../src/connectors/oauth/token-source.ts';
import { RefreshingTokenSource } from '../../src/connectors/oauth/token-source.ts';
import type { FakeClient, FakeGoogle } from '../fakes/google/server.ts';
import { startFakeGoogle } from '../fakes/google/server.ts';

const NOW = Date.UTC(2030, 0, 15, 12);
const clock = () => NOW;
const TOKEN = 'POST /token';

let fake: FakeGoogle;
let client: FakeClient;

beforeAll(async () => {
  ({ fake, client } = await startFakeGoogle({ now: clock }));
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => fake.resetControls());

function googleOAuth(attempts = 1) {
  return new GoogleOAuthClient({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    tokenEndpoint: fake.endpoints.tokenUrl,
    clock,
    retryPolicy: { attempts, baseDelayMs: 10, maxDelayMs: 100, sleep: async () => {}, random: () => 0 },
  });
}

function expiredSource(extra: { onTokens?: () => void; onReauthRequired?: () => void } = {}) {
  const issued = fake.issueTokens({ clientId: client.clientId });
  const source = googleOAuth().tokenSource({
    tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresAt: NOW - 1 },
    ...extra,
  });
  return { issued, source };
}

describe('RefreshingTokenSource', () => {
  it('50 concurrent accessToken() calls with an expired token → exactly 1 refresh request', async () => {
    const onTokens = vi.fn();
    const { issued, source } = expiredSource({ onTokens });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => source.accessToken()));
    expect(fake.count(TOKEN)).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(issued.access_token);
    expect(onTokens).toHaveBeenCalledTimes(1);
    // Google did not rotate the refresh token: the old one is kept and persisted.
    expect(onTokens).toHaveBeenCalledWith(
      expect.objectContaining({
        accessToken: tokens[0],
        refreshToken: issued.refresh_token,
        expiresAt: NOW + 3599_000,
      }),
    );
    // The new token is valid: no further refresh.
    await source.accessToken();
    expect(fake.count(TOKEN)).toBe(1);
  });

  it('returns a still-valid token without a request, and refreshes within the skew before expiry', async () => {
    const issued = fake.issueTokens({ clientId: client.clientId });
    const valid = googleOAuth().tokenSource({
      tokens: {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
        expiresAt: NOW + 61_000,
      },
    });
    expect(await valid.accessToken()).toBe(issued.access_token);
    expect(fake.count(TOKEN)).toBe(0);

    const nearlyExpired = googleOAuth().tokenSource({
      tokens: {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
        expiresAt: NOW + 59_000,
      },
    });
    expect(await nearlyExpired.accessToken()).not.toBe(issued.access_token);
    expect(fake.count(TOKEN)).toBe(1);
  });

  it('invalidate() refreshes only if the rejected token is still the current one', async () => {
    const issued = fake.issueTokens({ clientId: client.clientId });
    const source = googleOAuth().tokenSource({
      tokens: {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
        expiresAt: NOW + 3_000_000,
      },
    });
    source.invalidate(issued.access_token);
    source.invalidate(issued.access_token);
    const [a, b] = await Promise.all([source.accessToken(), source.accessToken()]);
    expect(a).toBe(b);
    expect(fake.count(TOKEN)).toBe(1);
    // A late 401 for the old token (another request that was in flight) does not refresh again.
    source.invalidate(issued.access_token);
    expect(await source.accessToken()).toBe(a);
    expect(fake.count(TOKEN)).toBe(1);
  });

  it('invalid_grant → reauth_required for every waiting caller, onReauthRequired once, no more requests', async () => {
    const onReauthRequired = vi.fn();
    const { source } = expiredSource({ onReauthRequired });
    fake.revokeRefreshToken();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => source.accessToken()));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    for (const r of results) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ProviderError);
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        code: 'reauth_required',
        provider: 'google',
      });
    }
    expect(fake.count(TOKEN)).toBe(1);
    expect(onReauthRequired).toHaveBeenCalledTimes(1);
    expect(source.needsReauth).toBe(true);
    await expect(source.accessToken()).rejects.toMatchObject({ code: 'reauth_required' });
    expect(fake.count(TOKEN)).toBe(1);
    expect(onReauthRequired).toHaveBeenCalledTimes(1);
  });

  it('a transient refresh failure does not poison the source: the next call refreshes again', async () => {
    const onReauthRequired = vi.fn();
    const { source } = expiredSource({ onReauthRequired });
    fake.failNext(TOKEN, { status: 503, body: { error: 'internal_failure' } });
    await expect(source.accessToken()).rejects.toMatchObject({ code: 'unavailable', status: 503 });
    expect(await source.accessToken()).toEqual(expect.stringMatching(/^ya29\./));
    expect(fake.count(TOKEN)).toBe(2);
    expect(onReauthRequired).not.toHaveBeenCalled();
  });

  it('persists a rotated refresh token and uses it for the next refresh', async () => {
    let n = 0;
    const seen: string[] = [];
    const refresh = vi.fn(async (refreshToken: string): Promise<OAuthTokens> => {
      seen.push(refreshToken);
      n++;
      return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresAt: NOW + 1000 * n };
    });
    const onTokens = vi.fn();
    const source = new RefreshingTokenSource({
      tokens: { accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: NOW - 1 },
      refresh,
      onTokens,
      clock,
      skewMs: 0,
    });
    expect(await source.accessToken()).toBe('access-1');
    expect(onTokens).toHaveBeenLastCalledWith({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresAt: NOW + 1000,
    });
    source.invalidate('access-1');
    expect(await source.accessToken()).toBe('access-2');
    expect(seen).toEqual(['refresh-0', 'refresh-1']);
    expect(source.tokens.refreshToken).toBe('refresh-2');
  });

  it('a caller that aborts stops waiting without cancelling the shared refresh for the others', async () => {
    let release!: (t: OAuthTokens) => void;
    const refresh = vi.fn(() => new Promise<OAuthTokens>((resolve) => (release = resolve)));
    const source = new RefreshingTokenSource({
      tokens: { accessToken: 'old', refreshToken: 'r', expiresAt: NOW - 1 },
      refresh,
      clock,
    });
    const controller = new AbortController();
    const aborted = source.accessToken(controller.signal);
    const patient = source.accessToken();
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    release({ accessToken: 'new', expiresAt: NOW + 3_600_000 });
    expect(await patient).toBe('new');
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
