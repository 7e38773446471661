/**
 * Helpers shared by the listeners: the workspace of a team, DMs with the `user_not_in_channel`
 * fallback, language detection for the adapter's own messages.
 */
import { t } from '../../app/i18n/index.ts';
import type { Workspace } from '../../app/ports/store.ts';
import type { Locale } from '../../app/views.ts';
import { LOCALES } from '../../core/locale.ts';
import { detectLocale as detectTextLocale } from '../../core/parse/language.ts';
import type { Block, RespondFn, SlackApi, SlackRuntime } from './deps.ts';
import { errorCode } from './people.ts';

export async function workspaceOf(rt: SlackRuntime, teamId: string | undefined): Promise<Workspace | null> {
  if (!teamId) return null;
  // Bolt's `authorize` has just read the installation through the cache: no second database read.
  const installed = await rt.installations?.find?.(teamId);
  if (installed) return installed.workspace;
  return rt.deps.store.workspaces.findByExternalId('slack', teamId);
}

/** "Convene is not installed here", in every language (for listeners that have no person yet). */
export const NOT_INSTALLED: Readonly<Record<Locale, string>> = Object.fromEntries(
  LOCALES.map((locale) => [locale, t(locale, 'account.notInstalled')]),
) as Record<Locale, string>;

/**
 * The language of a `/meet` text: the language of its subcommand word (`aide`, `statut`…) when it has
 * one, else the parser's detection from the words of the request; `fallback` for an empty text or a text
 * with nothing but mentions, quotes and numbers.
 */
export function detectLocale(text: string, fallback: Locale = 'en'): Locale {
  const first = text.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
  const byCommand = LOCALES.find((locale) =>
    t(locale, 'account.slack.subcommands').split(' ').includes(first),
  );
  if (byCommand) return byCommand;
  if (!/\p{L}{2,}/u.test(text.replace(MENTIONS_AND_QUOTES, ' '))) return fallback;
  return detectTextLocale(text);
}

const MENTIONS_AND_QUOTES = /<[^<>]*>|@[\p{L}\p{M}\p{N}_.-]+|"[^"]*"|“[^”]*”|«[^»]*»/gu;

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
