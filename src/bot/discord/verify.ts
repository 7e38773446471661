/**
 * Ed25519 verification of Discord's interaction requests: `X-Signature-Ed25519` (hex) over
 * `X-Signature-Timestamp + rawBody`, checked with the application's public key (32 bytes, hex, from the
 * Developer Portal). Anything malformed is simply "not verified": Discord probes the endpoint with bad
 * signatures and removes the URL if one is accepted.
 *
 * The signed timestamp (Unix seconds) must also be fresh — within 5 minutes of the bot's clock, the
 * same window as Slack's request signatures — so a captured interaction cannot be replayed later.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

export class DiscordKeyError extends Error {
  readonly code = 'invalid_public_key';
  constructor() {
    super('DISCORD_PUBLIC_KEY must be the 64 hexadecimal characters shown in the Discord Developer Portal.');
    this.name = 'DiscordKeyError';
  }
}

/** Builds the KeyObject from the raw 32-byte key (hex), via JWK. Throws `DiscordKeyError` when malformed. */
export function discordPublicKey(hex: string): KeyObject {
  const trimmed = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(trimmed)) throw new DiscordKeyError();
  const x = Buffer.from(trimmed, 'hex').toString('base64url');
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch {
    throw new DiscordKeyError();
  }
}

export type SignatureVerifier = (
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
) => boolean;

/** How far the signed timestamp may be from the bot's clock, either way (Slack uses the same 5 minutes). */
export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;

/** `clock` is the bot's clock (epoch ms); tests pin it. */
export function createSignatureVerifier(
  publicKeyHex: string,
  clock: () => number = Date.now,
): SignatureVerifier {
  const key = discordPublicKey(publicKeyHex);
  return (signature, timestamp, body) => {
    if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
    if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^[0-9]{1,12}$/.test(timestamp)) return false;
    if (Math.abs(clock() - Number(timestamp) * 1000) > MAX_SIGNATURE_AGE_MS) return false;
    try {
      return verify(
        null,
        Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
        key,
        Buffer.from(signature, 'hex'),
      );
    } catch {
      return false;
    }
  };
}
