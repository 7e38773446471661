/**
 * Google OAuth client against the fake's authorization and token endpoints (PKCE, offline access,
 * invalid_grant mapping, token-endpoint retries).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import {
  createPkcePair,
  DEFAULT_GOOGLE_SCOPES,
  GOOGLE_SCOPES,
  GoogleCalendarProvider,
  GoogleOAuthClient,
  hasScopes,
  pkceChallenge,
} from '../../src/connectors/google/index.ts';
import type { FakeClient, FakeGoogle } from '../fakes/google/server.ts';
import { startFakeGoogle } from '../fakes/google/server.ts';

const NOW = Date.UTC(2030, 0, 15, 12);
const clock = () => NOW;
const REDIRECT = 'http://127.0.0.1:9/oauth/google/callback';
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

function oauth(options: { attempts?: number; waits?: number[]; secret?: string } = {}) {
  return new GoogleOAuthClient({
    clientId: client.clientId,
    clientSecret: options.secret ?? client.clientSecret,
    redirectUri: REDIRECT,
    authorizationEndpoint: fake.endpoints.authorizationUrl,
    tokenEndpoint: fake.endpoints.tokenUrl,
    revokeEndpoint: fake.endpoints.revokeUrl,
    clock,
    retryPolicy: {
      attempts: options.attempts ?? 1,
      baseDelayMs: 100,
      maxDelayMs: 30_000,
      sleep: async (ms) => {
        options.waits?.push(ms);
      },
      random: () => 0,
    },
  });
}

/** Follows the consent URL like a browser would (the fake auto-approves) and returns the redirect. */
async function consent(url: string): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

describe('authorizationUrl', () => {
  it('asks for offline access with forced consent, the minimum scopes, PKCE S256 and the state', () => {
    const url = new URL(oauth().authorizationUrl({ state: 'st-123', codeChallenge: 'challenge-abc' }));
    expect(`${url.origin}${url.pathname}`).toBe(fake.endpoints.authorizationUrl);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      client_id: client.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      access_type: 'offline',
      prompt: 'consent',
      state: 'st-123',
      code_challenge: 'challenge-abc',
      code_challenge_method: 'S256',
    });
    expect(q.scope!.split(' ').sort()).toEqual(
      [
        'https://www.googleapis.com/auth/calendar.events',
        'https://www.googleapis.com/auth/calendar.freebusy',
      ].sort(),
    );
  });

  it('creates PKCE pairs whose challenge is base64url(SHA-256(verifier))', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    // RFC 7636 appendix B test vector.
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    expect(a.challenge).toBe(pkceChallenge(a.verifier));
  });
});

describe('code exchange and refresh against the fake', () => {
  it('runs the whole flow: consent → code + state → exchange with the verifier → working tokens', async () => {
    const google = oauth();
    const pkce = createPkcePair();
    const back = await consent(google.authorizationUrl({ state: 'xyz', codeChallenge: pkce.challenge }));
    expect(back.searchParams.get('state')).toBe('xyz');
    const code = back.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const tokens = await google.exchangeCode(code, pkce.verifier);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.expiresAt).toBe(NOW + 3599_000);
    expect(hasScopes(tokens.scope)).toBe(true);
    const sent = fake.requests.find((r) => r.route === TOKEN)!.body as Record<string, string>;
    expect(sent).toMatchObject({
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
      code_verifier: pkce.verifier,
    });

    // The access token works for the Calendar API (freeBusy scope granted).
    fake.addCalendar({ id: 'flow@example.com' });
    const provider = new GoogleCalendarProvider({
      tokenSource: google.tokenSource({
        tokens: {
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken!,
          expiresAt: tokens.expiresAt,
        },
      }),
      rootUrl: fake.rootUrl,
      clock,
    });
    const busy = await provider.getBusy({
      calendarIds: ['flow@example.com'],
      range: { start: NOW, end: NOW + 3_600_000 },
    });
    expect(busy.calendars['flow@example.com']).toEqual({ ok: true, busy: [] });
    fake.removeCalendar('flow@example.com');
  });

  it('rejects a wrong PKCE verifier and a reused code (invalid_grant → reauth_required)', async () => {
    const google = oauth();
    const pkce = createPkcePair();
    const code = (
      await consent(google.authorizationUrl({ state: 's', codeChallenge: pkce.challenge }))
    ).searchParams.get('code')!;
    await expect(google.exchangeCode(code, createPkcePair().verifier)).rejects.toMatchObject({
      code: 'reauth_required',
      status: 400,
    });
    await google.exchangeCode(code, pkce.verifier);
    await expect(google.exchangeCode(code, pkce.verifier)).rejects.toMatchObject({ code: 'reauth_required' });
    expect(fake.count(TOKEN)).toBe(3);
  });

  it('reports a denied consent as a redirect with error=access_denied and the state', async () => {
    fake.denyNextConsent();
    const back = await consent(
      oauth().authorizationUrl({ state: 'deny-me', codeChallenge: createPkcePair().challenge }),
    );
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('deny-me');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('refreshes, and maps a revoked refresh token to ProviderError reauth_required', async () => {
    const google = oauth();
    const issued = fake.issueTokens({ clientId: client.clientId });
    const fresh = await google.refresh(issued.refresh_token);
    expect(fresh.accessToken).not.toBe(issued.access_token);
    expect(fresh.refreshToken).toBeUndefined();

    await google.revoke(issued.refresh_token);
    const failure = google.refresh(issued.refresh_token);
    await expect(failure).rejects.toBeInstanceOf(ProviderError);
    await expect(failure).rejects.toMatchObject({ code: 'reauth_required', status: 400, provider: 'google' });
    await expect(failure).rejects.not.toThrow(issued.refresh_token);
  });

  it('retries the token endpoint on 503 and 429 (honouring Retry-After), never on invalid_grant', async () => {
    const waits: number[] = [];
    const google = oauth({ attempts: 3, waits });
    const issued = fake.issueTokens({ clientId: client.clientId });
    fake.failNext(TOKEN, { status: 503, body: { error: 'internal_failure' } });
    fake.failNext(TOKEN, {
      status: 429,
      headers: { 'Retry-After': '3' },
      body: { error: 'rate_limit_exceeded' },
    });
    await google.refresh(issued.refresh_token);
    expect(fake.count(TOKEN)).toBe(3);
    expect(waits).toEqual([50, 3000]);

    fake.resetControls();
    fake.failNext(TOKEN, {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    await expect(google.refresh(issued.refresh_token)).rejects.toMatchObject({ code: 'reauth_required' });
    expect(fake.count(TOKEN)).toBe(1);
  });

  it('maps a wrong client secret (401 invalid_client) to invalid_request without retrying', async () => {
    const google = oauth({ attempts: 3, secret: 'GOCSPX-wrong' });
    const issued = fake.issueTokens({ clientId: client.clientId });
    await expect(google.refresh(issued.refresh_token)).rejects.toMatchObject({
      code: 'invalid_request',
      status: 401,
    });
    expect(fake.count(TOKEN)).toBe(1);
  });

  it('hasScopes detects a user who unticked the events scope', () => {
    expect(hasScopes(`${GOOGLE_SCOPES.freebusy} ${GOOGLE_SCOPES.events}`)).toBe(true);
    expect(hasScopes(GOOGLE_SCOPES.freebusy)).toBe(false);
    expect(hasScopes(undefined, [])).toBe(true);
    expect(DEFAULT_GOOGLE_SCOPES).toEqual([GOOGLE_SCOPES.freebusy, GOOGLE_SCOPES.events]);
  });
});
