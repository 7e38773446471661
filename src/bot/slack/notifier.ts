/**
 * `Notifier` (the use cases' DM port) over Slack: finds the person's Slack identity, the bot token of
 * that workspace (installed through OAuth, or the single-workspace `SLACK_BOT_TOKEN`), opens the DM
 * (`conversations.open`) and posts there, the link as a button, the actions as buttons
 * (`convene_dm_action:<action>` with the action's value; ./listeners/dm-action.ts runs them). A person without a Slack identity, a
 * workspace without a token and Slack's refusals are values; the token is never logged.
 * @see https://docs.slack.dev/reference/methods/conversations.open
 */
import type { Notifier } from '../../app/ports/calendars.ts';
import type { PersonRepository, WorkspaceRepository } from '../../app/ports/store.ts';
import { decodeBotSecret } from './installation-store.ts';
import { errorCode } from './people.ts';
import { ACTIONS, clip } from './render.ts';

/** The two Web API calls a DM needs (Bolt's `app.client` fits). */
export interface SlackDmClient {
  conversations: {
    open(args: { token: string; users: string }): Promise<{ channel?: { id?: string } }>;
  };
  chat: {
    postMessage(args: {
      token: string;
      channel: string;
      text: string;
      blocks?: Record<string, unknown>[];
    }): Promise<unknown>;
  };
}

export function createSlackNotifier(
  store: { people: Pick<PersonRepository, 'get'>; workspaces: Pick<WorkspaceRepository, 'get' | 'botToken'> },
  client: SlackDmClient,
  options: { botToken?: string; log?: (line: string) => void } = {},
): Notifier {
  const log = options.log ?? (() => undefined);
  return {
    async dm(tenantId, personId, message) {
      const person = await store.people.get(tenantId, personId);
      const identity = person?.identities.find((i) => i.platform === 'slack');
      if (!identity) return { ok: false, code: 'no_slack_identity' };
      const stored = decodeBotSecret(await store.workspaces.botToken(tenantId, identity.workspaceId));
      const token = stored?.token ?? options.botToken;
      if (!token) return { ok: false, code: 'not_installed' };
      try {
        const opened = await client.conversations.open({ token, users: identity.externalUserId });
        const channel = opened.channel?.id;
        if (!channel) return { ok: false, code: 'no_dm_channel' };
        const blocks: Record<string, unknown>[] = [
          { type: 'section', text: { type: 'mrkdwn', text: clip(message.text, 3000) } },
        ];
        const elements: Record<string, unknown>[] = [];
        if (message.link)
          elements.push({
            type: 'button',
            text: { type: 'plain_text', text: clip(message.link.label, 75) },
            url: message.link.url,
            action_id: 'convene_dm_link',
          });
        // Action ids must be unique in a message: a repeated action gets its position appended.
        const seen = new Set<string>();
        for (const [i, a] of (message.actions ?? []).slice(0, 24).entries()) {
          const id = `${ACTIONS.dmAction}:${a.action}`;
          elements.push({
            type: 'button',
            text: { type: 'plain_text', text: clip(a.label, 75) },
            action_id: seen.has(id) ? `${id}:${i}` : id,
            value: a.value,
            ...(a.style ? { style: a.style } : {}),
          });
          seen.add(id);
        }
        if (elements.length > 0) blocks.push({ type: 'actions', elements });
        await client.chat.postMessage({ token, channel, text: message.text, blocks });
        return { ok: true };
      } catch (error) {
        const code = errorCode(error);
        log(`slack: DM to ${identity.externalUserId} failed: ${code}`);
        return { ok: false, code };
      }
    },
  };
}
