/**
 * Shared by the cancel / reschedule listeners and `/meet cancel|reschedule`: the use cases' deps from the
 * runtime, the button ids, and rewriting the meeting's own message (the proposals that became the
 * confirmation) after a change made from elsewhere (a command list, an ephemeral list of times).
 *
 * Button ids carry ids only, never trust: every click is re-checked by the use cases against the
 * clicking workspace's tenant (a booking of another tenant is "unknown") and the clicker (organiser or
 * participant, else `not_allowed`).
 */
import type { ManageBookingDeps } from '../../app/manage-booking.ts';
import type { Workspace } from '../../app/ports/store.ts';
import type { Block, SlackApi, SlackRuntime } from './deps.ts';
import { errorCode } from './people.ts';
import { ACTIONS } from './render.ts';

const UUID = '[0-9a-fA-F-]{36}';

export function manageDeps(rt: SlackRuntime): ManageBookingDeps & { busy: SlackRuntime['deps']['busy'] } {
  return {
    store: rt.deps.store,
    busy: rt.deps.busy,
    notifier: rt.deps.notifier ?? { dm: async () => ({ ok: false, code: 'no_notifier' }) },
    ...(rt.deps.threads ? { threads: rt.deps.threads } : {}),
    ...(rt.deps.reminders ? { reminders: rt.deps.reminders } : {}),
  };
}

/** `mcancel:<id>` / `mresched:<id>` → the booking id; null when malformed. */
export function parseBookingAction(actionId: string, prefix: string): string | null {
  return new RegExp(`^${prefix}:(${UUID})$`).exec(actionId)?.[1] ?? null;
}

/** `mto:<id>:<start>` → booking id and new start; null when malformed. */
export function parseMoveAction(actionId: string): { bookingId: string; start: number } | null {
  const match = new RegExp(`^${ACTIONS.manageTo}:(${UUID}):(\\d{1,15})$`).exec(actionId);
  return match?.[1] && match[2] ? { bookingId: match[1], start: Number(match[2]) } : null;
}

/** `ocancel:<id>:<start>` / `oend:<id>:<start>` → booking id and the occurrence's start; null when malformed. */
export function parseOccurrenceAction(
  actionId: string,
  prefix: string,
): { bookingId: string; occurrence: number } | null {
  const match = new RegExp(`^${prefix}:(${UUID}):(\\d{1,15})$`).exec(actionId);
  return match?.[1] && match[2] ? { bookingId: match[1], occurrence: Number(match[2]) } : null;
}

/** `oto:<id>:<occurrence start>:<new start>` (or `ofto:…`, `prefix`) → booking id, the occurrence and its new start; null when malformed. */
export function parseOccurrenceMoveAction(
  actionId: string,
  prefix: string = ACTIONS.occurrenceTo,
): { bookingId: string; occurrence: number; start: number } | null {
  const match = new RegExp(`^${prefix}:(${UUID}):(\\d{1,15}):(\\d{1,15})$`).exec(actionId);
  return match?.[1] && match[2] && match[3]
    ? { bookingId: match[1], occurrence: Number(match[2]), start: Number(match[3]) }
    : null;
}

/**
 * Rewrites the booking's recorded message (when it lives in this Slack workspace) — e.g. after a
 * change made from `/meet cancel`, or from the ephemeral list of new times. Returns whether it did.
 */
export async function updateBookingMessage(
  rt: SlackRuntime,
  client: SlackApi,
  workspace: Workspace,
  bookingId: string,
  message: { text: string; blocks: readonly Block[] },
): Promise<boolean> {
  const where = await rt.deps.store.bookings.conversation(workspace.tenantId, bookingId);
  if (where?.platform !== 'slack' || where.workspaceId !== workspace.id) return false;
  try {
    await client.chat.update({ channel: where.channelId, ts: where.messageId, ...message });
    return true;
  } catch (error) {
    rt.log(`slack: chat.update of the meeting message failed: ${errorCode(error)}`);
    return false;
  }
}
