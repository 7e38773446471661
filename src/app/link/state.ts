/**
 * Signed OAuth `state` for calendar linking: a compact token `v1.<payload>.<mac>` where `payload` is
 * base64url JSON and `mac` is HMAC-SHA256 over `v1.<payload>` with a key derived from the configured
 * secret (`CONVENE_STATE_SECRET`). It carries who asked (tenant, person, chat identity), for which
 * provider, a random nonce (single use is enforced by a `StateNonceStore`) and an expiry.
 *
 * PKCE: the code verifier never leaves the server and is never stored. It is derived from the nonce
 * with a second key (`verifier = base64url(HMAC(pkceKey, nonce))`, 43 characters of the unreserved
 * alphabet, RFC 7636 §4.1), so `/start` and `/callback` compute the same verifier on any instance
 * that shares the secret, and someone who intercepts the redirect (code + state) cannot.
 *
 * The state is signed, not encrypted: it holds ids, never tokens. Signatures are compared in constant time.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type LinkProviderKind = 'google' | 'microsoft';
export const LINK_PROVIDERS: readonly LinkProviderKind[] = ['google', 'microsoft'];
/**
 * What a state opens: one OAuth provider's consent, Convene's link page (every calendar kind), or the
 * page's calendar choice after a link (`calendars`: it chooses calendars, it links nothing).
 */
export type LinkStateKind = LinkProviderKind | 'page' | 'calendars';

export interface LinkState {
  readonly tenantId: string;
  readonly personId: string;
  readonly workspaceId: string;
  readonly externalUserId: string;
  readonly provider: LinkStateKind;
  readonly nonce: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

export type StateCheckFailure = 'malformed' | 'bad_signature' | 'expired';
export type StateCheck = { ok: true; state: LinkState } | { ok: false; reason: StateCheckFailure };

/** Shortest accepted secret (bytes of its UTF-8 form). */
export const MIN_STATE_SECRET_BYTES = 32;
/** Longest token accepted for verification (a real one is ~350 characters). */
const MAX_TOKEN_LENGTH = 2048;
const VERSION = 'v1';

export class StateSigner {
  readonly #stateKey: Buffer;
  readonly #pkceKey: Buffer;
  readonly #bindingKey: Buffer;
  readonly #confirmKey: Buffer;

  constructor(secret: string) {
    if (Buffer.byteLength(secret, 'utf8') < MIN_STATE_SECRET_BYTES) {
      throw new RangeError(`the state secret must be at least ${MIN_STATE_SECRET_BYTES} bytes`);
    }
    // Separate keys per purpose, so a value made for one use can never verify as another.
    this.#stateKey = subkey(secret, 'convene/oauth-state/v1');
    this.#pkceKey = subkey(secret, 'convene/pkce-verifier/v1');
    this.#bindingKey = subkey(secret, 'convene/browser-binding/v1');
    this.#confirmKey = subkey(secret, 'convene/link-confirmation/v1');
  }

  /**
   * The confirmation field of a link page: a MAC of the state's nonce and a random value kept in a
   * SameSite=Strict cookie (double submit), so only a POST from the page this browser was shown passes.
   */
  confirmation(nonce: string, browserSecret: string): string {
    return mac(this.#confirmKey, `${nonce}.${browserSecret}`);
  }

  /** A fresh browser secret for `confirmation` (256 bits). */
  static browserSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  confirmationMatches(
    nonce: string,
    browserSecret: string | undefined,
    presented: string | undefined,
  ): boolean {
    if (!browserSecret || !presented || browserSecret.length > 128 || presented.length > 128) return false;
    return safeEqual(this.confirmation(nonce, browserSecret), presented);
  }

  /** A fresh random nonce (128 bits). */
  static nonce(): string {
    return randomBytes(16).toString('base64url');
  }

  sign(state: LinkState): string {
    const payload = Buffer.from(
      JSON.stringify({
        t: state.tenantId,
        p: state.personId,
        w: state.workspaceId,
        u: state.externalUserId,
        v: state.provider,
        n: state.nonce,
        e: state.expiresAt,
      }),
      'utf8',
    ).toString('base64url');
    const body = `${VERSION}.${payload}`;
    return `${body}.${mac(this.#stateKey, body)}`;
  }

  /** Checks format, signature (constant time) and expiry; does NOT check single use. */
  verify(token: string, now: number): StateCheck {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      return { ok: false, reason: 'malformed' };
    }
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
    const [version, payload, signature] = parts as [string, string, string];
    if (!safeEqual(mac(this.#stateKey, `${version}.${payload}`), signature)) {
      return { ok: false, reason: 'bad_signature' };
    }
    const state = decodePayload(payload);
    if (!state) return { ok: false, reason: 'malformed' };
    if (state.expiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: true, state };
  }

  /** The PKCE code verifier of a linking attempt (deterministic per nonce, secret-keyed). */
  pkceVerifier(nonce: string): string {
    return mac(this.#pkceKey, nonce);
  }

  /** S256 challenge of `pkceVerifier(nonce)`. */
  pkceChallenge(nonce: string): string {
    return createHash('sha256').update(this.pkceVerifier(nonce)).digest('base64url');
  }

  /**
   * A browser-binding value (set as a cookie by `/start`) naming the chat identity that started a link,
   * signed so it cannot be forged: `<base64url(identity)>.<mac>`.
   */
  bindIdentity(identity: { workspaceId: string; externalUserId: string }): string {
    const body = Buffer.from(
      JSON.stringify([identity.workspaceId, identity.externalUserId]),
      'utf8',
    ).toString('base64url');
    return `${body}.${mac(this.#bindingKey, body)}`;
  }

  /** The identity a binding names; null when it is malformed or not signed by us. */
  boundIdentity(binding: string): { workspaceId: string; externalUserId: string } | null {
    if (binding.length > MAX_TOKEN_LENGTH) return null;
    const [body, signature, extra] = binding.split('.');
    if (!body || !signature || extra !== undefined) return null;
    if (!safeEqual(mac(this.#bindingKey, body), signature)) return null;
    try {
      const value: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      if (!Array.isArray(value) || value.length !== 2) return null;
      const [workspaceId, externalUserId] = value as unknown[];
      if (typeof workspaceId !== 'string' || typeof externalUserId !== 'string') return null;
      return { workspaceId, externalUserId };
    } catch {
      return null;
    }
  }
}

function subkey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest();
}

function mac(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

/** Constant-time string comparison (lengths are not secret: every MAC has the same length). */
export function safeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function decodePayload(payload: string): LinkState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const strings = [r.t, r.p, r.w, r.u, r.n];
  if (!strings.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 256)) return null;
  if (r.v !== 'google' && r.v !== 'microsoft' && r.v !== 'page' && r.v !== 'calendars') return null;
  if (typeof r.e !== 'number' || !Number.isFinite(r.e)) return null;
  return {
    tenantId: r.t as string,
    personId: r.p as string,
    workspaceId: r.w as string,
    externalUserId: r.u as string,
    provider: r.v,
    nonce: r.n as string,
    expiresAt: r.e,
  };
}
