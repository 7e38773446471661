/**
 * `Notifier` (the use cases' DM port) over Discord: finds the person's Discord identity and DMs them
 * (link as a link button, actions as buttons `dm:<action>:<value>` that ./handlers/dm-action.ts runs).
 * A DM has no server, so a message with actions carries its tenant in a small embed footer (`ref:<id>`):
 * the click is resolved to the person with that Discord identity in that tenant, nobody else.
 * 50007 (DMs closed) and a person without a Discord identity are values.
 */
import type { Notifier } from '../../app/ports/calendars.ts';
import type { PersonRepository } from '../../app/ports/store.ts';
import type { DiscordApi } from './api.ts';
import { DiscordCallError } from './api.ts';
import { dmActionRows, linkButtonRow, textMessage } from './render.ts';

export const TENANT_REF = 'ref:';

export function createDiscordNotifier(people: Pick<PersonRepository, 'get'>, api: DiscordApi): Notifier {
  return {
    async dm(tenantId, personId, message) {
      const person = await people.get(tenantId, personId);
      const identity = person?.identities.find((i) => i.platform === 'discord');
      if (!identity) return { ok: false, code: 'no_discord_identity' };
      const actions = message.actions ?? [];
      const components = [
        ...(message.link ? [linkButtonRow(message.link.label.slice(0, 80), message.link.url)] : []),
        ...dmActionRows(actions, message.link ? 4 : 5),
      ];
      try {
        await api.sendDm(identity.externalUserId, {
          ...textMessage(message.text),
          ...(components.length > 0 ? { components } : {}),
          ...(actions.length > 0 ? { embeds: [{ footer: { text: `${TENANT_REF}${tenantId}` } }] } : {}),
        });
        return { ok: true };
      } catch (error) {
        if (error instanceof DiscordCallError) return { ok: false, code: error.code };
        throw error;
      }
    },
  };
}
