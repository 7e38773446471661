/**
 * `Notifier` (the use cases' DM port) over Discord: finds the person's Discord identity and DMs them
 * (link as a link button). 50007 (DMs closed) and a person without a Discord identity are values.
 */
import type { Notifier } from '../../app/ports/calendars.ts';
import type { PersonRepository } from '../../app/ports/store.ts';
import type { DiscordApi } from './api.ts';
import { DiscordCallError } from './api.ts';
import { linkButtonRow, textMessage } from './render.ts';

export function createDiscordNotifier(people: Pick<PersonRepository, 'get'>, api: DiscordApi): Notifier {
  return {
    async dm(tenantId, personId, message) {
      const person = await people.get(tenantId, personId);
      const identity = person?.identities.find((i) => i.platform === 'discord');
      if (!identity) return { ok: false, code: 'no_discord_identity' };
      try {
        await api.sendDm(identity.externalUserId, {
          ...textMessage(message.text),
          ...(message.link
            ? { components: [linkButtonRow(message.link.label.slice(0, 80), message.link.url)] }
            : {}),
        });
        return { ok: true };
      } catch (error) {
        if (error instanceof DiscordCallError) return { ok: false, code: error.code };
        throw error;
      }
    },
  };
}
