/**
 * `MeetingThreads` over Discord: a channel message replying to the booking's proposal message (which
 * became its confirmation), with the bot token (`message_reference`; a deleted original still gets the
 * note, unreferenced). A booking made elsewhere (Slack) or without a recorded message is `no_thread`.
 * @see https://discord.com/developers/docs/resources/message#create-message
 */
import type { MeetingThreads } from '../../app/ports/calendars.ts';
import type { BookingRepository } from '../../app/ports/store.ts';
import type { DiscordApi } from './api.ts';
import { DiscordCallError } from './api.ts';
import { renderMovedMeeting, textMessage } from './render.ts';

export function createDiscordThreads(
  store: { bookings: Pick<BookingRepository, 'conversation'> },
  api: Pick<DiscordApi, 'sendMessage'> & Partial<Pick<DiscordApi, 'editMessage'>>,
  options: { log?: (line: string) => void } = {},
): MeetingThreads {
  const log = options.log ?? (() => undefined);
  return {
    async note(tenantId, bookingId, text) {
      const where = await store.bookings.conversation(tenantId, bookingId);
      if (where?.platform !== 'discord') return { ok: false, code: 'no_thread' };
      try {
        await api.sendMessage(where.channelId, {
          ...textMessage(text),
          message_reference: { message_id: where.messageId, fail_if_not_exists: false },
        });
        return { ok: true };
      } catch (error) {
        if (!(error instanceof DiscordCallError)) throw error;
        log(`discord: thread note for booking ${bookingId} failed (${error.code})`);
        return { ok: false, code: error.code };
      }
    },
    async showMoved(tenantId, bookingId, view, headline, movedBy) {
      const where = await store.bookings.conversation(tenantId, bookingId);
      if (where?.platform !== 'discord') return { ok: false, code: 'no_thread' };
      if (!api.editMessage) return { ok: false, code: 'unsupported' };
      try {
        await api.editMessage(where.channelId, where.messageId, renderMovedMeeting(view, headline, movedBy));
        return { ok: true };
      } catch (error) {
        if (!(error instanceof DiscordCallError)) throw error;
        log(`discord: could not update booking ${bookingId}'s message (${error.code})`);
        return { ok: false, code: error.code };
      }
    },
  };
}
