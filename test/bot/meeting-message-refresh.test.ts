/**
 * After a move made from elsewhere (the organiser's "Move everyone" DM button of two-way sync), the
 * booking's own message in the channel is rewritten at the new time on Slack and Discord (issue #20):
 * the confirmation never keeps showing the old time.
 */
import { describe, expect, it } from 'vitest';
import type { BookingSummaryView } from '../../src/app/manage-booking.ts';
import type { BookingConversation } from '../../src/app/ports/store.ts';
import { createDiscordThreads } from '../../src/bot/discord/threads.ts';
import { createSlackThreads } from '../../src/bot/slack/threads.ts';

const view: BookingSummaryView = {
  locale: 'en',
  bookingId: 'b1',
  title: 'Roadmap',
  start: Date.UTC(2026, 10, 24, 12),
  end: Date.UTC(2026, 10, 24, 12, 30),
  label: 'Tue 24 Nov, 13:00–13:30 (Paris time)',
  participants: [
    { personId: 'p1', name: 'Ana', timeZone: 'Europe/Paris', label: 'Tue 24 Nov, 13:00–13:30 (Paris time)' },
    { personId: 'p2', name: 'Li', timeZone: 'UTC', label: 'Tue 24 Nov, 12:00–12:30 (UTC)' },
  ],
};

const where = (platform: 'slack' | 'discord'): BookingConversation => ({
  platform,
  workspaceId: 'w1',
  channelId: 'C1',
  messageId: '1700000000.000100',
  threadId: null,
});

describe('the meeting message shows the current time after a move from a DM', () => {
  it('Slack: chat.update of the recorded message with the new time and who moved it', async () => {
    const updates: Record<string, unknown>[] = [];
    const threads = createSlackThreads(
      {
        bookings: { conversation: async () => where('slack') },
        workspaces: { botToken: async () => null },
      },
      {
        chat: {
          postMessage: async () => ({}),
          update: async (args) => void updates.push(args),
        },
      },
      { botToken: 'xoxb-test' },
    );
    const shown = await threads.showMoved!(
      't1',
      'b1',
      view,
      'Moved: “Roadmap” to Tue 24 Nov, 13:00–13:30',
      'Ana',
    );
    expect(shown).toEqual({ ok: true });
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ token: 'xoxb-test', channel: 'C1', ts: '1700000000.000100' });
    const json = JSON.stringify(updates[0]);
    expect(json).toContain('Tue 24 Nov, 13:00–13:30 (Paris time)');
    expect(json).toContain('Tue 24 Nov, 12:00–12:30 (UTC)');
    expect(json).toContain('Moved by Ana.');
  });

  it('Discord: the recorded message is edited with the new time; a Slack booking is not Discord’s', async () => {
    const edits: { channelId: string; messageId: string; body: unknown }[] = [];
    let platform: 'slack' | 'discord' = 'discord';
    const threads = createDiscordThreads(
      { bookings: { conversation: async () => where(platform) } },
      {
        sendMessage: async () => ({ id: 'm' }) as never,
        editMessage: async (channelId, messageId, body) => {
          edits.push({ channelId, messageId, body });
          return { id: messageId } as never;
        },
      },
    );
    expect(await threads.showMoved!('t1', 'b1', view, 'Moved: “Roadmap”', 'Ana')).toEqual({ ok: true });
    expect(edits).toHaveLength(1);
    expect(JSON.stringify(edits[0]!.body)).toContain('Tue 24 Nov, 13:00–13:30 (Paris time)');
    platform = 'slack';
    expect(await threads.showMoved!('t1', 'b1', view, 'Moved', 'Ana')).toEqual({
      ok: false,
      code: 'no_thread',
    });
    expect(edits).toHaveLength(1);
  });
});
