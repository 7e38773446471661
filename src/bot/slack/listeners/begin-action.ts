/**
 * The start every button listener shares: ack at once (Slack's 3 s), drop a redelivered click
 * (same user, action and `action_ts`: null), read the locale the button was rendered in, and a way
 * to answer the clicking user privately (ephemeral through `response_url`, else `chat.postEphemeral`).
 */

import { tellPrivately } from '../common.ts';
import type { Block, SlackRuntime } from '../deps.ts';
import type { ButtonValue } from '../render.ts';
import { decodeValue, renderText } from '../render.ts';
import type { ActionArgs } from './book-slot.ts';

export interface ActionStart {
  /** The decoded button value (`l` is the locale the button was rendered in). */
  readonly value: ButtonValue;
  readonly channelId?: string;
  /** Answers the clicking user only. */
  privately(message: { text: string; blocks?: readonly Block[] }): Promise<void>;
  /** `privately` with plain text. */
  say(text: string): Promise<void>;
}

export async function beginAction(rt: SlackRuntime, args: ActionArgs): Promise<ActionStart | null> {
  await args.ack();
  const { body, action, client, respond } = args;
  if (!rt.dedupe.first(`action:${body.user.id}:${action.action_ts}:${action.action_id}`)) return null;
  const channelId = body.container?.channel_id ?? body.channel?.id;
  const privately = (message: { text: string; blocks?: readonly Block[] }) =>
    tellPrivately(
      rt,
      { client, respond, userId: body.user.id, ...(channelId ? { channelId } : {}) },
      message,
    );
  return {
    value: decodeValue(action.value),
    ...(channelId ? { channelId } : {}),
    privately,
    say: (text) => privately(renderText(text)),
  };
}
