/** `/meet help`: answered inline (type 4, ephemeral), no deferral needed; Discord's syntax, the reader's language. */
import type {
  APIChatInputApplicationCommandInteraction,
  APIInteractionResponse,
} from 'discord-api-types/v10';
import { helpText } from '../../../app/help.ts';
import { localeOf } from '../context.ts';
import { textMessage } from '../render.ts';

export function handleHelp(
  interaction: Pick<APIChatInputApplicationCommandInteraction, 'locale' | 'guild_locale'>,
) {
  return {
    type: 4,
    data: textMessage(helpText('discord', localeOf(interaction)), { ephemeral: true }),
  } as APIInteractionResponse;
}
