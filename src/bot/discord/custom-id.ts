/**
 * `custom_id` values Convene puts on Discord components (1–100 chars, Discord's limit). They carry ids
 * only, never trust: a click is re-checked against the clicking guild's tenant before anything happens.
 */

const PREFIX = 'cv1';
export const MAX_CUSTOM_ID = 100;

export type CustomId =
  | { readonly kind: 'book'; readonly proposalId: string; readonly slotId: string }
  | { readonly kind: 'zone' };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function bookCustomId(proposalId: string, slotId: string): string {
  if (!ID.test(proposalId) || !ID.test(slotId))
    throw new Error('bookCustomId: ids must be 1–64 URL-safe chars');
  const id = `${PREFIX}:book:${proposalId}:${slotId}`;
  if (id.length > MAX_CUSTOM_ID) throw new Error('bookCustomId: custom_id over 100 chars');
  return id;
}

export const ZONE_CUSTOM_ID = `${PREFIX}:zone`;

/** Null for anything Convene did not make (or a malformed one). */
export function parseCustomId(value: unknown): CustomId | null {
  if (typeof value !== 'string' || value.length > MAX_CUSTOM_ID) return null;
  if (value === ZONE_CUSTOM_ID) return { kind: 'zone' };
  const parts = value.split(':');
  if (parts.length === 4 && parts[0] === PREFIX && parts[1] === 'book') {
    const [, , proposalId, slotId] = parts;
    if (proposalId && slotId && ID.test(proposalId) && ID.test(slotId))
      return { kind: 'book', proposalId, slotId };
  }
  return null;
}
