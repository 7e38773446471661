/**
 * Ed25519 verification of Discord's interaction requests: `X-Signature-Ed25519` (hex) over
 * `X-Signature-Timestamp + rawBody`, checked with the application's public key (32 bytes, hex, from the
 * Developer Portal). Anything malformed is simply "not verified": Discord probes the endpoint with bad
 * signatures and removes the URL if one is accepted.
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

export function createSignatureVerifier(publicKeyHex: string): SignatureVerifier {
  const key = discordPublicKey(publicKeyHex);
  return (signature, timestamp, body) => {
    if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
    if (!/^[0-9a-fA-F]{128}$/.test(signature) || timestamp.length === 0 || timestamp.length > 32)
      return false;
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
