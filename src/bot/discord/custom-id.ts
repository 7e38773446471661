/**
 * `custom_id` values Convene puts on Discord components (1–100 chars, Discord's limit). They carry ids
 * only, never trust: a click is re-checked against the clicking guild's tenant before anything happens.
 */

const PREFIX = 'cv1';
export const MAX_CUSTOM_ID = 100;

export type CustomId =
  | { readonly kind: 'book'; readonly proposalId: string; readonly slotId: string }
  | { readonly kind: 'zone' }
  /** `cv1:mc:<id>` asks to confirm, `cv1:mcy:<id>` cancels, `cv1:mr:<id>` proposes new times. */
  | { readonly kind: 'manage'; readonly op: 'cancel' | 'confirm' | 'reschedule'; readonly bookingId: string }
  /** `cv1:mt:<id>:<start epoch ms>`: move the meeting there. */
  | { readonly kind: 'move'; readonly bookingId: string; readonly start: number }
  /**
   * `cv1:oc:<id>:<start>` cancels that occurrence of a series, `cv1:oe:<id>:<start>` ends the series there,
   * `cv1:om:<id>:<start>` offers new times for that occurrence only, `cv1:of:<id>:<start>` new times for
   * that occurrence and all the following ones.
   */
  | {
      readonly kind: 'occurrence';
      readonly op: 'cancel' | 'end' | 'move' | 'moveFollowing';
      readonly bookingId: string;
      readonly occurrence: number;
    }
  /** `cv1:ot:<id>:<occurrence start>:<new start>`: move that occurrence of a series there (≤ 72 chars). */
  | {
      readonly kind: 'occurrenceTo';
      readonly bookingId: string;
      readonly occurrence: number;
      readonly start: number;
    }
  /** `cv1:ft:<id>:<occurrence start>:<new start>`: move that occurrence and the following ones there. */
  | {
      readonly kind: 'followingTo';
      readonly bookingId: string;
      readonly occurrence: number;
      readonly start: number;
    }
  /** `dm:<action>:<value>`: a DM button (`DmAction`). */
  | { readonly kind: 'dm'; readonly action: string; readonly value: string }
  /** `cv1:ask:<questionId>:<choice index>`: the requester answers a question (ids only, never the text). */
  | { readonly kind: 'answer'; readonly questionId: string; readonly choice: number }
  /** `cv1:more:<proposalId>` asks for more times, `cv1:rc:<proposalId>` cancels the request (ids only). */
  | { readonly kind: 'request'; readonly op: 'more' | 'cancel'; readonly proposalId: string };

const MANAGE_OPS = { mc: 'cancel', mcy: 'confirm', mr: 'reschedule' } as const;
const REQUEST_OPS = { more: 'more', rc: 'cancel' } as const;
const DM_ACTION = /^[A-Za-z0-9_.-]{1,24}$/;

export function manageCustomId(op: 'cancel' | 'confirm' | 'reschedule', bookingId: string): string {
  if (!ID.test(bookingId)) throw new Error('manageCustomId: ids must be 1–64 URL-safe chars');
  const code = op === 'cancel' ? 'mc' : op === 'confirm' ? 'mcy' : 'mr';
  return `${PREFIX}:${code}:${bookingId}`;
}

export function moveCustomId(bookingId: string, start: number): string {
  if (!ID.test(bookingId) || !Number.isSafeInteger(start) || start < 0)
    throw new Error('moveCustomId: a booking id and an epoch-ms start');
  return `${PREFIX}:mt:${bookingId}:${start}`;
}

const OCCURRENCE_OPS = { oc: 'cancel', oe: 'end', om: 'move', of: 'moveFollowing' } as const;
const OCCURRENCE_CODES = { cancel: 'oc', end: 'oe', move: 'om', moveFollowing: 'of' } as const;

/**
 * One occurrence of a series (its original start): cancel it only, end the series there, move it, or
 * move it and the following ones.
 */
export function occurrenceCustomId(
  op: 'cancel' | 'end' | 'move' | 'moveFollowing',
  bookingId: string,
  occurrence: number,
): string {
  if (!ID.test(bookingId) || !Number.isSafeInteger(occurrence) || occurrence < 0)
    throw new Error('occurrenceCustomId: a booking id and an epoch-ms start');
  return `${PREFIX}:${OCCURRENCE_CODES[op]}:${bookingId}:${occurrence}`;
}

/** A new time for one occurrence: the booking, the occurrence's original start and the new start. */
export function occurrenceToCustomId(bookingId: string, occurrence: number, start: number): string {
  return newTimeCustomId('ot', bookingId, occurrence, start);
}

/** A new time for an occurrence and all the following ones (`cv1:ft:`, the same parts as `cv1:ot:`). */
export function followingToCustomId(bookingId: string, occurrence: number, start: number): string {
  return newTimeCustomId('ft', bookingId, occurrence, start);
}

function newTimeCustomId(code: 'ot' | 'ft', bookingId: string, occurrence: number, start: number): string {
  if (
    !ID.test(bookingId) ||
    ![occurrence, start].every((n) => Number.isSafeInteger(n) && n >= 0 && String(n).length <= 15)
  )
    throw new Error(`${code} custom id: a booking id and two epoch-ms starts`);
  const id = `${PREFIX}:${code}:${bookingId}:${occurrence}:${start}`;
  if (id.length > MAX_CUSTOM_ID) throw new Error(`${code} custom id: over 100 chars`);
  return id;
}

/** `dm:<action>:<value>` (action ≤ 24, value ≤ 64: always within Discord's 100). */
export function dmCustomId(action: string, value: string): string {
  if (!DM_ACTION.test(action) || value.length > 64) throw new Error('dmCustomId: action ≤ 24, value ≤ 64');
  return `dm:${action}:${value}`;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function bookCustomId(proposalId: string, slotId: string): string {
  if (!ID.test(proposalId) || !ID.test(slotId))
    throw new Error('bookCustomId: ids must be 1–64 URL-safe chars');
  const id = `${PREFIX}:book:${proposalId}:${slotId}`;
  if (id.length > MAX_CUSTOM_ID) throw new Error('bookCustomId: custom_id over 100 chars');
  return id;
}

export function answerCustomId(questionId: string, choice: number): string {
  if (!ID.test(questionId) || !Number.isInteger(choice) || choice < 0 || choice > 99)
    throw new Error('answerCustomId: a question id and a choice index (0–99)');
  return `${PREFIX}:ask:${questionId}:${choice}`;
}

/** "More times" or "Cancel" under a request's proposals. */
export function requestCustomId(op: 'more' | 'cancel', proposalId: string): string {
  if (!ID.test(proposalId)) throw new Error('requestCustomId: ids must be 1–64 URL-safe chars');
  return `${PREFIX}:${op === 'more' ? 'more' : 'rc'}:${proposalId}`;
}

export const ZONE_CUSTOM_ID = `${PREFIX}:zone`;

/** Null for anything Convene did not make (or a malformed one). */
export function parseCustomId(value: unknown): CustomId | null {
  if (typeof value !== 'string' || value.length > MAX_CUSTOM_ID) return null;
  if (value === ZONE_CUSTOM_ID) return { kind: 'zone' };
  if (value.startsWith('dm:')) {
    const rest = value.slice(3);
    const colon = rest.indexOf(':');
    const action = colon < 0 ? '' : rest.slice(0, colon);
    return DM_ACTION.test(action) ? { kind: 'dm', action, value: rest.slice(colon + 1) } : null;
  }
  const parts = value.split(':');
  const op = Object.hasOwn(MANAGE_OPS, parts[1] ?? '')
    ? MANAGE_OPS[parts[1] as keyof typeof MANAGE_OPS]
    : undefined;
  if (parts.length === 3 && parts[0] === PREFIX && op && parts[2] && ID.test(parts[2]))
    return { kind: 'manage', op, bookingId: parts[2] };
  const requestOp = Object.hasOwn(REQUEST_OPS, parts[1] ?? '')
    ? REQUEST_OPS[parts[1] as keyof typeof REQUEST_OPS]
    : undefined;
  if (parts.length === 3 && parts[0] === PREFIX && requestOp && parts[2] && ID.test(parts[2]))
    return { kind: 'request', op: requestOp, proposalId: parts[2] };
  if (parts.length === 4 && parts[0] === PREFIX && parts[1] === 'mt' && parts[2] && ID.test(parts[2])) {
    const start = /^\d{1,15}$/.test(parts[3] ?? '') ? Number(parts[3]) : Number.NaN;
    if (Number.isSafeInteger(start)) return { kind: 'move', bookingId: parts[2], start };
  }
  const occurrenceOp = Object.hasOwn(OCCURRENCE_OPS, parts[1] ?? '')
    ? OCCURRENCE_OPS[parts[1] as keyof typeof OCCURRENCE_OPS]
    : undefined;
  if (parts.length === 4 && parts[0] === PREFIX && occurrenceOp && parts[2] && ID.test(parts[2])) {
    const occurrence = /^\d{1,15}$/.test(parts[3] ?? '') ? Number(parts[3]) : Number.NaN;
    if (Number.isSafeInteger(occurrence))
      return { kind: 'occurrence', op: occurrenceOp, bookingId: parts[2], occurrence };
  }
  if (
    parts.length === 5 &&
    parts[0] === PREFIX &&
    (parts[1] === 'ot' || parts[1] === 'ft') &&
    parts[2] &&
    ID.test(parts[2])
  ) {
    const [occurrence, start] = [parts[3], parts[4]].map((p) =>
      /^\d{1,15}$/.test(p ?? '') ? Number(p) : Number.NaN,
    );
    if (Number.isSafeInteger(occurrence) && Number.isSafeInteger(start))
      return {
        kind: parts[1] === 'ot' ? 'occurrenceTo' : 'followingTo',
        bookingId: parts[2],
        occurrence: occurrence!,
        start: start!,
      };
  }
  if (parts.length === 4 && parts[0] === PREFIX && parts[1] === 'ask' && parts[2] && ID.test(parts[2])) {
    if (/^\d{1,2}$/.test(parts[3] ?? ''))
      return { kind: 'answer', questionId: parts[2], choice: Number(parts[3]) };
  }
  if (parts.length === 4 && parts[0] === PREFIX && parts[1] === 'book') {
    const [, , proposalId, slotId] = parts;
    if (proposalId && slotId && ID.test(proposalId) && ID.test(slotId))
      return { kind: 'book', proposalId, slotId };
  }
  return null;
}
