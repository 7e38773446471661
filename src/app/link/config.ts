/**
 * Calendar-linking settings from the environment, checked at start-up with actionable messages:
 *
 *   CONVENE_PUBLIC_URL        Convene's public https origin (redirect URIs are `<it>/oauth/<provider>/callback`)
 *   CONVENE_STATE_SECRET      ≥ 32 bytes; signs OAuth states and derives PKCE verifiers
 *   GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET          optional pair: enables Google linking
 *   MICROSOFT_CLIENT_ID / MICROSOFT_CLIENT_SECRET    optional: enables Microsoft 365 linking
 *   MICROSOFT_TENANT          optional, default `organizations`
 */
import type { OAuthClientSettings } from '../ports/provider-factory.ts';
import { MIN_STATE_SECRET_BYTES } from './state.ts';

export type LinkConfigErrorCode = 'missing' | 'invalid';

export class LinkConfigError extends Error {
  readonly code: LinkConfigErrorCode;
  readonly variable: string;
  constructor(code: LinkConfigErrorCode, variable: string, message: string) {
    super(message);
    this.name = 'LinkConfigError';
    this.code = code;
    this.variable = variable;
  }
}

export interface LinkConfig {
  readonly publicBaseUrl: string;
  readonly stateSecret: string;
  readonly providers: OAuthClientSettings;
}

export function linkConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LinkConfig {
  const read = (name: string) => env[name]?.trim() || undefined;
  const publicUrl = read('CONVENE_PUBLIC_URL');
  if (!publicUrl) {
    throw new LinkConfigError(
      'missing',
      'CONVENE_PUBLIC_URL',
      'CONVENE_PUBLIC_URL is not set: give the https address people reach Convene at, e.g. https://convene.example.org',
    );
  }
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new LinkConfigError(
      'invalid',
      'CONVENE_PUBLIC_URL',
      `CONVENE_PUBLIC_URL is not a URL: ${publicUrl}`,
    );
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new LinkConfigError(
      'invalid',
      'CONVENE_PUBLIC_URL',
      'CONVENE_PUBLIC_URL must be https (plain http is accepted only for localhost)',
    );
  }
  if (url.search || url.hash) {
    throw new LinkConfigError(
      'invalid',
      'CONVENE_PUBLIC_URL',
      'CONVENE_PUBLIC_URL must not have a query or fragment',
    );
  }
  const stateSecret = read('CONVENE_STATE_SECRET');
  if (!stateSecret) {
    throw new LinkConfigError(
      'missing',
      'CONVENE_STATE_SECRET',
      'CONVENE_STATE_SECRET is not set: generate one with `openssl rand -base64 48`',
    );
  }
  if (Buffer.byteLength(stateSecret, 'utf8') < MIN_STATE_SECRET_BYTES) {
    throw new LinkConfigError(
      'invalid',
      'CONVENE_STATE_SECRET',
      `CONVENE_STATE_SECRET is too short (at least ${MIN_STATE_SECRET_BYTES} bytes): generate one with \`openssl rand -base64 48\``,
    );
  }
  const googleId = read('GOOGLE_CLIENT_ID');
  const googleSecret = read('GOOGLE_CLIENT_SECRET');
  if (Boolean(googleId) !== Boolean(googleSecret)) {
    const missing = googleId ? 'GOOGLE_CLIENT_SECRET' : 'GOOGLE_CLIENT_ID';
    throw new LinkConfigError(
      'missing',
      missing,
      `${missing} is not set: Google linking needs both the client id and secret`,
    );
  }
  const microsoftId = read('MICROSOFT_CLIENT_ID');
  const microsoftSecret = read('MICROSOFT_CLIENT_SECRET');
  const microsoftTenant = read('MICROSOFT_TENANT');
  return {
    publicBaseUrl: url.toString().replace(/\/+$/, ''),
    stateSecret,
    providers: {
      ...(googleId && googleSecret ? { google: { clientId: googleId, clientSecret: googleSecret } } : {}),
      ...(microsoftId
        ? {
            microsoft: {
              clientId: microsoftId,
              ...(microsoftSecret ? { clientSecret: microsoftSecret } : {}),
              ...(microsoftTenant ? { tenant: microsoftTenant } : {}),
            },
          }
        : {}),
    },
  };
}
