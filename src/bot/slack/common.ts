/**
 * Helpers shared by the listeners: the workspace of a team, DMs with the `user_not_in_channel`
 * fallback, language detection for the adapter's own messages.
 */
import type { Workspace } from '../../app/ports/store.ts';
import type { Locale } from '../../app/views.ts';
import type { Block, RespondFn, SlackApi, SlackRuntime } from './deps.ts';
import { errorCode } from './people.ts';

export async function workspaceOf(rt: SlackRuntime, teamId: string | undefined): Promise<Workspace | null> {
  if (!teamId) return null;
  // Bolt's `authorize` has just read the installation through the cache: no second database read.
  const installed = await rt.installations?.find?.(teamId);
  if (installed) return installed.workspace;
  return rt.deps.store.workspaces.findByExternalId('slack', teamId);
}

export const NOT_INSTALLED: Record<Locale, string> = {
  en: 'Convene is not installed in this workspace (or was uninstalled): ask an admin to install it again.',
  fr: "Convene n'est pas installé dans cet espace (ou a été désinstallé) : demandez à un administrateur de le réinstaller.",
  de: 'Convene ist in diesem Workspace nicht installiert (oder wurde deinstalliert): bitte eine Administratorin oder einen Administrator, es erneut zu installieren.',
};

/**
 * The language of a request text (German in, German out), by the parser's detection (marker words and
 * letters of every language); `fallback` when nothing tells or languages tie.
 */
export { detectLocale } from '../../core/parse/language.ts';

/** Opens a DM with a user and posts there. */
export async function dm(
  rt: SlackRuntime,
  client: SlackApi,
  userId: string,
  message: { text: string; blocks?: readonly Block[] },
): Promise<boolean> {
  try {
    const opened = await client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) return false;
    await client.chat.postMessage({
      channel,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    });
    return true;
  } catch (error) {
    rt.log(`slack: DM to ${userId} failed: ${errorCode(error)}`);
    return false;
  }
}

/**
 * A private answer: `respond` (response_url, ephemeral) first; when it is spent (5 uses / 30 min) or
 * refused, `chat.postEphemeral`; when the user is not in the channel, a DM.
 */
export async function tellPrivately(
  rt: SlackRuntime,
  args: { client: SlackApi; respond?: RespondFn; channelId?: string; userId: string },
  message: { text: string; blocks?: readonly Block[] },
): Promise<void> {
  if (args.respond) {
    try {
      await args.respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    } catch (error) {
      rt.log(`slack: response_url failed: ${errorCode(error)}`);
    }
  }
  if (args.channelId) {
    try {
      await args.client.chat.postEphemeral({ channel: args.channelId, user: args.userId, ...message });
      return;
    } catch (error) {
      const code = errorCode(error);
      rt.log(`slack: chat.postEphemeral failed: ${code}`);
    }
  }
  await dm(rt, args.client, args.userId, message);
}
