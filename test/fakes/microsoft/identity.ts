/**
 * Fake Microsoft identity platform v2 endpoints: `/{tenant}/oauth2/v2.0/authorize` (auto-approves as
 * the signed-in mailbox and redirects back with a code) and `/{tenant}/oauth2/v2.0/token`
 * (authorization_code with PKCE, refresh_token with rolling refresh tokens, AADSTS errors).
 * @see https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
 * @see https://learn.microsoft.com/entra/identity-platform/refresh-tokens
 * @see https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
import { createHash } from 'node:crypto';
import type { FakeRequest, FakeResponse } from './http.ts';
import type { FakeState } from './server.ts';
import { opaque } from './state.ts';

const AADSTS_TEXT: Record<string, string> = {
  AADSTS700082:
    'The refresh token has expired due to inactivity. The token was issued on 2030-01-01T00:00:00Z and was inactive for 90.00:00:00.',
  AADSTS50173:
    'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
  AADSTS65001:
    "The user or administrator has not consented to use the application with ID 'convene' named 'Convene'. Send an interactive authorization request for this user and resource.",
  AADSTS70000: 'The request was denied because one or more scopes requested are unauthorized or expired.',
  AADSTS9002313: 'Invalid request. Request is malformed or invalid.',
  AADSTS54005: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code.',
  AADSTS70008: 'The provided authorization code or refresh token has expired due to inactivity.',
  AADSTS501481: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
  AADSTS50148:
    'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
  AADSTS700016: "Application with identifier was not found in the directory 'contoso'.",
  AADSTS7000215: 'Invalid client secret provided.',
  AADSTS50011:
    'The redirect URI specified in the request does not match the redirect URIs configured for the application.',
  AADSTS900144: "The request body must contain the following parameter: 'grant_type'.",
};

export function aadError(status: number, error: string, aadsts: string, suberror?: string): FakeResponse {
  const code = Number(aadsts.replace('AADSTS', ''));
  const traceId = crypto.randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ');
  return {
    status,
    body: {
      error,
      error_description: `${aadsts}: ${AADSTS_TEXT[aadsts] ?? 'Error.'}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${crypto.randomUUID()}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: crypto.randomUUID(),
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...(suberror ? { suberror } : {}),
    },
  };
}

export function handleAuthorize(state: FakeState, req: FakeRequest): FakeResponse {
  const q = req.url.searchParams;
  const app = state.apps.get(q.get('client_id') ?? '');
  // Before the redirect URI is validated, errors are shown to the user (no redirect).
  if (!app) return aadError(400, 'unauthorized_client', 'AADSTS700016');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) return aadError(400, 'invalid_request', 'AADSTS50011');
  const back = new URL(redirectUri);
  const stateParam = q.get('state');
  if (stateParam !== null) back.searchParams.set('state', stateParam);
  const fail = (error: string, description: string): FakeResponse => {
    back.searchParams.set('error', error);
    back.searchParams.set('error_description', description);
    return { status: 302, headers: { location: back.toString() } };
  };
  if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'AADSTS70005');
  const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0) return fail('invalid_request', 'AADSTS900144: scope is required');
  const method = q.get('code_challenge_method') ?? undefined;
  const challenge = q.get('code_challenge') ?? undefined;
  if (challenge && method !== 'S256' && method !== 'plain' && method !== undefined) {
    return fail('invalid_request', 'AADSTS501491: Invalid code_challenge_method');
  }
  if (state.consentRequired) return fail('consent_required', 'AADSTS65001: consent required');
  const mailbox = state.signedIn;
  if (!mailbox || !state.mailboxes.has(mailbox)) return fail('login_required', 'AADSTS50058: no user');
  const code = opaque('0.AAAA-code-');
  state.codes.set(code, {
    mailbox,
    clientId: app.clientId,
    redirectUri,
    codeChallenge: challenge,
    codeChallengeMethod: challenge ? (method ?? 'plain') : undefined,
    scopes,
    expiresAt: state.now() + 10 * 60_000,
    redeemed: false,
  });
  back.searchParams.set('code', code);
  return { status: 302, headers: { location: back.toString() } };
}

export function handleToken(state: FakeState, req: FakeRequest): FakeResponse {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.includes('application/x-www-form-urlencoded')) {
    return aadError(400, 'invalid_request', 'AADSTS9002313');
  }
  const form = new URLSearchParams(req.rawBody.toString('utf8'));
  const app = state.apps.get(form.get('client_id') ?? '');
  if (!app) return aadError(400, 'unauthorized_client', 'AADSTS700016');
  if (app.clientSecret !== undefined && form.get('client_secret') !== app.clientSecret) {
    return aadError(401, 'invalid_client', 'AADSTS7000215');
  }
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') return redeemCode(state, form, app.clientId);
  if (grantType === 'refresh_token') return redeemRefreshToken(state, form, app.clientId);
  if (!grantType) return aadError(400, 'invalid_request', 'AADSTS900144');
  return aadError(400, 'unsupported_grant_type', 'AADSTS70003');
}

function redeemCode(state: FakeState, form: URLSearchParams, clientId: string): FakeResponse {
  const code = state.codes.get(form.get('code') ?? '');
  if (!code || code.clientId !== clientId) return aadError(400, 'invalid_grant', 'AADSTS9002313');
  if (code.redeemed) return aadError(400, 'invalid_grant', 'AADSTS54005');
  if (code.expiresAt <= state.now()) return aadError(400, 'invalid_grant', 'AADSTS70008');
  if (form.get('redirect_uri') !== code.redirectUri) return aadError(400, 'invalid_grant', 'AADSTS50011');
  if (code.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier') ?? '';
    const computed =
      code.codeChallengeMethod === 'S256'
        ? createHash('sha256').update(verifier).digest('base64url')
        : verifier;
    if (computed !== code.codeChallenge) return aadError(400, 'invalid_grant', 'AADSTS501481');
  }
  code.redeemed = true;
  if (state.consentRequired) return aadError(400, 'invalid_grant', 'AADSTS65001', 'consent_required');
  return issue(state, code.mailbox, clientId, code.scopes);
}

function redeemRefreshToken(state: FakeState, form: URLSearchParams, clientId: string): FakeResponse {
  const presented = form.get('refresh_token') ?? '';
  const grant = state.refreshTokens.get(presented);
  if (!grant || grant.clientId !== clientId) return aadError(400, 'invalid_grant', 'AADSTS9002313');
  const revoked = state.refreshFailures.get(grant.mailbox);
  if (revoked) return aadError(400, 'invalid_grant', revoked);
  if (state.consentRequired) return aadError(400, 'invalid_grant', 'AADSTS65001', 'consent_required');
  const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const unknown = asked.filter((s) => !grant.scopes.includes(s));
  if (unknown.length > 0) return aadError(400, 'invalid_grant', 'AADSTS65001', 'consent_required');
  // Refresh tokens roll: a new one on every redemption. The old one is NOT revoked (it stays usable
  // until it expires), which is why the client must always persist the newest.
  // @see https://learn.microsoft.com/entra/identity-platform/refresh-tokens
  return issue(state, grant.mailbox, clientId, grant.scopes);
}

export function issue(state: FakeState, mailbox: string, clientId: string, scopes: string[]): FakeResponse {
  const accessToken = opaque('eyJ0eXAiOiJKV1QiLCJmYWtlIjp0cnVlfQ.', 24);
  const lifetime = state.accessTokenLifetimeSeconds;
  state.accessTokens.set(accessToken, {
    mailbox,
    scopes,
    expiresAt: state.now() + lifetime * 1000,
    revoked: false,
  });
  let refreshToken: string | undefined;
  // Without offline_access there is no refresh token.
  if (scopes.some((s) => s.toLowerCase() === 'offline_access')) {
    refreshToken = opaque('0.AAAA-refresh-', 24);
    state.refreshTokens.set(refreshToken, { mailbox, clientId, scopes });
    state.issuedRefreshTokens.push(refreshToken);
  }
  const resourceScopes = scopes.filter((s) => !['offline_access', 'openid', 'profile', 'email'].includes(s));
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      scope: resourceScopes.join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    },
  };
}
