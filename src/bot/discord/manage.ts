/**
 * Shared by the cancel / reschedule handlers: rewriting the meeting's own message (the proposals that
 * became the confirmation) with the bot token, wherever the change was made from (its buttons, an
 * ephemeral list of times, `/meet cancel`). Ids in custom_ids are never trusted: the use cases look the
 * booking up in the clicking server's tenant and check the clicker.
 */
import type { DiscordMessageBody } from './api.ts';
import { DiscordCallError } from './api.ts';
import type { HandlerEnv } from './context.ts';

export async function updateMeetingMessage(
  env: HandlerEnv,
  tenantId: string,
  bookingId: string,
  body: DiscordMessageBody,
): Promise<boolean> {
  const where = await env.deps.store.bookings?.conversation(tenantId, bookingId);
  if (where?.platform !== 'discord') return false;
  try {
    await env.api.editMessage(where.channelId, where.messageId, body);
    return true;
  } catch (error) {
    if (!(error instanceof DiscordCallError)) throw error;
    env.log(`discord: could not update the meeting message (${error.code})`);
    return false;
  }
}
