/**
 * `MeetingThreads` over Slack: a reply in the thread of the booking's proposal message (which became its
 * confirmation), with the bot token of the workspace the meeting was booked in (stored through OAuth, or
 * the single-workspace `SLACK_BOT_TOKEN`). A booking made elsewhere (Discord) or without a recorded
 * message is `no_thread`; Slack's refusals are values; the token and the text are never logged.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage (`thread_ts`)
 */
import type { MeetingThreads } from '../../app/ports/calendars.ts';
import type { BookingRepository, WorkspaceRepository } from '../../app/ports/store.ts';
import type { Block } from './deps.ts';
import { decodeBotSecret } from './installation-store.ts';
import { errorCode } from './people.ts';
import { clip, renderMoved } from './render.ts';

export interface SlackThreadClient {
  chat: {
    postMessage(args: { token: string; channel: string; thread_ts: string; text: string }): Promise<unknown>;
    update?(args: {
      token: string;
      channel: string;
      ts: string;
      text: string;
      blocks: readonly Block[];
    }): Promise<unknown>;
  };
}

export function createSlackThreads(
  store: {
    bookings: Pick<BookingRepository, 'conversation'>;
    workspaces: Pick<WorkspaceRepository, 'botToken'>;
  },
  client: SlackThreadClient,
  options: { botToken?: string; log?: (line: string) => void } = {},
): MeetingThreads {
  const log = options.log ?? (() => undefined);
  return {
    async note(tenantId, bookingId, text) {
      const where = await store.bookings.conversation(tenantId, bookingId);
      if (where?.platform !== 'slack') return { ok: false, code: 'no_thread' };
      const stored = decodeBotSecret(await store.workspaces.botToken(tenantId, where.workspaceId));
      const token = stored?.token ?? options.botToken;
      if (!token) return { ok: false, code: 'not_installed' };
      try {
        await client.chat.postMessage({
          token,
          channel: where.channelId,
          thread_ts: where.threadId ?? where.messageId,
          text: clip(text, 3000),
        });
        return { ok: true };
      } catch (error) {
        const code = errorCode(error);
        log(`slack: thread reply for booking ${bookingId} failed: ${code}`);
        return { ok: false, code };
      }
    },
    async showMoved(tenantId, bookingId, view, headline, movedBy) {
      const where = await store.bookings.conversation(tenantId, bookingId);
      if (where?.platform !== 'slack') return { ok: false, code: 'no_thread' };
      const stored = decodeBotSecret(await store.workspaces.botToken(tenantId, where.workspaceId));
      const token = stored?.token ?? options.botToken;
      if (!token) return { ok: false, code: 'not_installed' };
      if (!client.chat.update) return { ok: false, code: 'unsupported' };
      try {
        await client.chat.update({
          token,
          channel: where.channelId,
          ts: where.messageId,
          ...renderMoved(view, headline, movedBy),
        });
        return { ok: true };
      } catch (error) {
        const code = errorCode(error);
        log(`slack: chat.update of booking ${bookingId}'s message failed: ${code}`);
        return { ok: false, code };
      }
    },
  };
}
