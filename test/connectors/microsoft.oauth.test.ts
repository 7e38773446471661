/**
 * MicrosoftOAuthClient against the fake identity platform: authorize URL, code + PKCE exchange, error
 * mapping (invalid_grant / AADSTS65001 / invalid_client), token-endpoint retries.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import { createPkcePair, MicrosoftOAuthClient } from '../../src/connectors/microsoft/oauth.ts';
import { MicrosoftCalendarProvider } from '../../src/connectors/microsoft/provider.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import {
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_REDIRECT_URI,
  FakeMicrosoft,
} from '../fakes/microsoft/server.ts';

const T0 = Date.UTC(2030, 3, 1, 8);
let fake: FakeMicrosoft;
let waits: number[];
let counter = 0;

const policy: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 60_000,
  sleep: async (ms) => {
    waits.push(ms);
  },
  random: () => 0,
};

const client = (overrides: { clientSecret?: string } = {}) =>
  new MicrosoftOAuthClient({
    clientId: FAKE_CLIENT_ID,
    clientSecret: overrides.clientSecret ?? FAKE_CLIENT_SECRET,
    tenant: 'organizations',
    redirectUri: FAKE_REDIRECT_URI,
    authorityHost: fake.authorityHost,
    fetch: fake.fetch,
    clock: () => T0,
    retryPolicy: policy,
  });

/** Follows the fake's auto-approving /authorize and returns the redirect's query parameters. */
async function authorize(url: string): Promise<URLSearchParams> {
  const response = await fake.fetch(url);
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(FAKE_REDIRECT_URI);
  return location.searchParams;
}

function newMailbox(): string {
  counter += 1;
  const mailbox = `oauth-${counter}@contoso.test`;
  fake.addMailbox(mailbox);
  fake.signInAs(mailbox);
  return mailbox;
}

beforeAll(async () => {
  fake = await FakeMicrosoft.start();
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(() => {
  waits = [];
  fake.resetObservations();
  fake.clearFailures();
  fake.requireConsent(false);
});

describe('authorizationUrl', () => {
  it('targets the v2 authorize endpoint of the tenant with the minimum scopes and PKCE S256', () => {
    const url = new URL(
      new MicrosoftOAuthClient({ clientId: 'app-id', tenant: 'contoso.onmicrosoft.com' }).authorizationUrl({
        state: 'st-1',
        codeChallenge: 'challenge-1',
        redirectUri: 'https://convene.example/cb',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app-id',
      response_type: 'code',
      redirect_uri: 'https://convene.example/cb',
      response_mode: 'query',
      scope: 'offline_access User.Read Calendars.ReadWrite',
      state: 'st-1',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
    });
  });

  it('creates an S256 PKCE pair', () => {
    const { codeVerifier, codeChallenge } = createPkcePair();
    expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(codeChallenge).toBe(createHash('sha256').update(codeVerifier).digest('base64url'));
    expect(createPkcePair().codeVerifier).not.toBe(codeVerifier);
  });
});

describe('code exchange', () => {
  it('runs the whole flow: authorize → code → tokens that Graph accepts', async () => {
    const mailbox = newMailbox();
    const oauth = client();
    const { codeVerifier, codeChallenge } = createPkcePair();
    const params = await authorize(oauth.authorizationUrl({ state: 'xyz', codeChallenge }));
    expect(params.get('state')).toBe('xyz');
    const tokens = await oauth.exchangeCode(params.get('code')!, codeVerifier);
    expect(tokens.refreshToken.length).toBeGreaterThan(0);
    expect(tokens.expiresAt).toBe(T0 + 3599 * 1000);
    expect(tokens.scope).toBe('User.Read Calendars.ReadWrite');
    const sent = fake.requestsFor('POST /organizations/oauth2/v2.0/token')[0]!.body as Record<string, string>;
    expect(sent).toMatchObject({ grant_type: 'authorization_code', code_verifier: codeVerifier });

    const provider = new MicrosoftCalendarProvider({
      tokenSource: { accessToken: async () => tokens.accessToken, invalidate: () => {} },
      mailbox,
      baseUrl: fake.graphBaseUrl,
      fetch: fake.fetch,
    });
    const calendars = await provider.listCalendars();
    expect(calendars.map((c) => c.id)).toEqual([mailbox]);
  });

  it('rejects a wrong PKCE verifier and a code redeemed twice (invalid_grant → reauth_required)', async () => {
    newMailbox();
    const oauth = client();
    const { codeVerifier, codeChallenge } = createPkcePair();
    const code = (await authorize(oauth.authorizationUrl({ state: 's', codeChallenge }))).get('code')!;
    const wrong = oauth.exchangeCode(code, createPkcePair().codeVerifier);
    await expect(wrong).rejects.toMatchObject({ code: 'reauth_required', status: 400 });
    await expect(wrong).rejects.toThrow('AADSTS501481');

    const code2 = (await authorize(oauth.authorizationUrl({ state: 's', codeChallenge }))).get('code')!;
    await oauth.exchangeCode(code2, codeVerifier);
    await expect(oauth.exchangeCode(code2, codeVerifier)).rejects.toThrow('AADSTS54005');
  });

  it('without offline_access there is no refresh token: consent_required', async () => {
    newMailbox();
    const oauth = client();
    const { codeVerifier, codeChallenge } = createPkcePair();
    const code = (
      await authorize(
        oauth.authorizationUrl({ state: 's', codeChallenge, scopes: ['User.Read', 'Calendars.Read'] }),
      )
    ).get('code')!;
    await expect(oauth.exchangeCode(code, codeVerifier)).rejects.toMatchObject({ code: 'consent_required' });
  });

  it('consent missing: authorize redirects with consent_required', async () => {
    newMailbox();
    fake.requireConsent();
    const params = await authorize(client().authorizationUrl({ state: 's', codeChallenge: 'c' }));
    expect(params.get('error')).toBe('consent_required');
    expect(params.get('code')).toBeNull();
  });
});

describe('refresh', () => {
  it('returns a rotated refresh token every time', async () => {
    const mailbox = newMailbox();
    const { refreshToken } = fake.issueTokens(mailbox);
    const oauth = client();
    const first = await oauth.refresh(refreshToken);
    const second = await oauth.refresh(first.refreshToken!);
    expect(new Set([refreshToken, first.refreshToken, second.refreshToken]).size).toBe(3);
    expect(fake.issuedRefreshTokens.at(-1)).toBe(second.refreshToken);
  });

  it.each([
    ['AADSTS700082', 'reauth_required'],
    ['AADSTS50173', 'reauth_required'],
    ['AADSTS65001', 'consent_required'],
  ])('maps %s to %s without putting the token in the message', async (aadsts, code) => {
    const mailbox = newMailbox();
    const { refreshToken } = fake.issueTokens(mailbox);
    fake.revokeRefreshToken(aadsts, mailbox);
    const error = await client()
      .refresh(refreshToken)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code, provider: 'microsoft', status: 400 });
    expect((error as Error).message).toContain(aadsts);
    expect((error as Error).message).not.toContain(refreshToken);
    expect(fake.count('POST /organizations/oauth2/v2.0/token')).toBe(1);
  });

  it('a wrong client secret is invalid_request and the secret is not echoed', async () => {
    const mailbox = newMailbox();
    const { refreshToken } = fake.issueTokens(mailbox);
    const error = await client({ clientSecret: 'not-the-secret-123' })
      .refresh(refreshToken)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_request', status: 401 });
    expect((error as Error).message).not.toContain('not-the-secret-123');
  });

  it('retries the token endpoint on 503 honouring Retry-After, not on 400', async () => {
    const mailbox = newMailbox();
    const { refreshToken } = fake.issueTokens(mailbox);
    fake.failNext('POST /organizations/oauth2/v2.0/token', {
      status: 503,
      headers: { 'Retry-After': '3' },
      body: { error: 'temporarily_unavailable' },
    });
    const tokens = await client().refresh(refreshToken);
    expect(tokens.accessToken.length).toBeGreaterThan(0);
    expect(fake.count('POST /organizations/oauth2/v2.0/token')).toBe(2);
    expect(waits).toEqual([3000]);

    fake.revokeRefreshToken('AADSTS700082', mailbox);
    await expect(client().refresh(refreshToken)).rejects.toMatchObject({ code: 'reauth_required' });
    expect(fake.count('POST /organizations/oauth2/v2.0/token')).toBe(3);
  });
});
