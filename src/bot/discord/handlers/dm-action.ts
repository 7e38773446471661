/**
 * A DM button (`dm:<action>:<value>`, see `DmAction`): runs the handler registered under `<action>` for
 * the person behind the clicking Discord user in the tenant the DM was sent for (its `ref:` footer; the
 * user must have a Discord identity there, so a forged footer finds nobody), then replaces the DM's
 * buttons with the handler's answer. An action nobody registered gets a polite private refusal.
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import { t } from '../../../app/i18n/index.ts';
import type { Person } from '../../../app/ports/store.ts';
import type { HandlerEnv } from '../context.ts';
import { localeOf, replyPrivately } from '../context.ts';
import { TENANT_REF } from '../notifier.ts';
import { textMessage } from '../render.ts';

export async function handleDmAction(
  env: HandlerEnv,
  interaction: APIMessageComponentInteraction,
  target: { action: string; value: string },
): Promise<void> {
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const locale = localeOf(interaction);
  const registry = env.deps.dmActions ?? {};
  const handler = Object.hasOwn(registry, target.action) ? registry[target.action] : undefined;
  if (!handler)
    return void (await replyPrivately(
      env,
      interaction,
      userId,
      textMessage(t(locale, 'account.dmUnknownAction')),
    ));
  const footer = (interaction.message?.embeds?.[0] as { footer?: { text?: string } } | undefined)?.footer
    ?.text;
  const tenantId = footer?.startsWith(TENANT_REF) ? footer.slice(TENANT_REF.length) : null;
  let person: Person | null = null;
  if (tenantId) {
    const { workspaces, people } = env.deps.store;
    for (const workspace of await workspaces.listForTenant(tenantId)) {
      if (workspace.platform !== 'discord') continue;
      person = await people.findByIdentity(workspace.id, userId);
      if (person) break;
    }
  }
  if (!tenantId || !person)
    return void (await replyPrivately(
      env,
      interaction,
      userId,
      textMessage(t(locale, 'account.dmNotYours')),
    ));
  const answer = await handler({ tenantId, actorPersonId: person.id, value: target.value, now: env.clock() });
  const before = interaction.message?.content ?? '';
  // The clicked DM keeps its text; its buttons (and the reference footer) give way to the answer.
  await env.api.editOriginal(interaction.token, textMessage(`${before}\n\n${answer.text}`.trim()));
}
