/** `/meet help`: answered inline (type 4, ephemeral), no deferral needed. */
import type {
  APIChatInputApplicationCommandInteraction,
  APIInteractionResponse,
} from 'discord-api-types/v10';
import { localeOf } from '../context.ts';
import { messages } from '../messages.ts';
import { textMessage } from '../render.ts';

export function handleHelp(
  interaction: Pick<APIChatInputApplicationCommandInteraction, 'locale' | 'guild_locale'>,
) {
  return {
    type: 4,
    data: textMessage(messages(localeOf(interaction)).help, { ephemeral: true }),
  } as APIInteractionResponse;
}
