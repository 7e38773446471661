/**
 * The "ask once" time-zone select (after DEFERRED_UPDATE_MESSAGE, type 6): stores the zone (keeping
 * language and working hours), then runs the request that was waiting in the picker and replaces the
 * picker with the proposals. Only the person who typed the request may answer it.
 */
import type { APIMessageComponentInteraction } from 'discord-api-types/v10';
import { IANAZone } from 'luxon';
import { DEFAULT_WORKING_HOURS } from '../../../app/request-meeting.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, replyPrivately, resolveContext } from '../context.ts';
import { messages } from '../messages.ts';
import { type PickerMessage, pendingRequestOf, textMessage } from '../render.ts';
import { runRequest } from './meet-new.ts';

export async function handleZoneSelect(env: HandlerEnv, interaction: APIMessageComponentInteraction) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  if (!ctx) {
    await replyPrivately(env, interaction, userId, textMessage(messages('en').notInGuild));
    return;
  }
  const m = messages(ctx.locale);
  const pending = pendingRequestOf(interaction.message as PickerMessage | undefined);
  if (pending.requesterUserId !== ctx.userId) {
    await replyPrivately(env, interaction, ctx.userId, textMessage(m.notYourPrompt));
    return;
  }
  const values = (interaction.data as { values?: unknown }).values;
  const zone = Array.isArray(values) && typeof values[0] === 'string' ? values[0] : '';
  if (!IANAZone.isValidZone(zone)) {
    await replyPrivately(env, interaction, ctx.userId, textMessage(m.zoneInvalid(zone)));
    return;
  }
  await saveZone(env, ctx.workspace.tenantId, ctx.person.id, zone, ctx.locale);
  if (!pending.text) {
    await editOrFallback(env, interaction, ctx, textMessage(m.zoneSaved(zone)), { publicFallback: false });
    return;
  }
  await runRequest(env, interaction, ctx, pending.text, zone);
}

export async function saveZone(
  env: HandlerEnv,
  tenantId: string,
  personId: string,
  zone: string,
  locale: string,
): Promise<void> {
  const prefs = await env.deps.store.preferences.get(tenantId, personId);
  await env.deps.store.preferences.set(tenantId, personId, {
    timeZone: zone,
    locale: prefs?.locale ?? locale,
    workingHours: prefs?.workingHours ?? DEFAULT_WORKING_HOURS,
  });
}
