/**
 * `/meet settings zone: language: hours: tentative-free: [for:]` (ephemeral). Setting another person's preferences is
 * an admin action: it needs Manage Server (or Administrator) in `member.permissions`, checked here —
 * never trusted to the client. `hours` sets Monday–Friday working hours; `tentative-free` whether
 * tentative events count as free (issue #15; default busy).
 */
import type { APIChatInputApplicationCommandInteraction, APIUser } from 'discord-api-types/v10';
import { IANAZone } from 'luxon';
import { DEFAULT_WORKING_HOURS } from '../../../app/request-meeting.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, isServerManager, resolveContext, upsertUser } from '../context.ts';
import { messages } from '../messages.ts';
import { readOptions, stringOption } from '../options.ts';
import { textMessage } from '../render.ts';

const HOURS = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-4]):([0-5]\d)$/;

export async function handleSettings(
  env: HandlerEnv,
  interaction: APIChatInputApplicationCommandInteraction,
) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const m = messages(ctx?.locale ?? 'en');
  const answer = (content: string) =>
    editOrFallback(env, interaction, { channelId: ctx?.channelId ?? '', userId }, textMessage(content), {
      publicFallback: false,
    });
  if (!ctx) return void (await answer(m.notInGuild));
  const options = readOptions(interaction.data);
  const zone = stringOption(options, 'zone')?.trim() || null;
  const language = stringOption(options, 'language');
  const hours = stringOption(options, 'hours')?.trim() || null;
  const forId = stringOption(options, 'for');
  const tentativeValue = options.values.get('tentative-free');
  const tentativeFree = typeof tentativeValue === 'boolean' ? tentativeValue : null;

  let person = ctx.person;
  if (forId && forId !== ctx.userId) {
    if (!isServerManager(ctx.permissions)) return void (await answer(m.notAdmin));
    const users = (interaction.data.resolved as { users?: Record<string, APIUser> } | undefined)?.users ?? {};
    const user = users[forId];
    const target = user ? await upsertUser(env, ctx.workspace, user) : null;
    if (!target) return void (await answer(m.personUnknown));
    person = target;
  }
  if (!zone && !language && !hours && tentativeFree === null) return void (await answer(m.settingsNothing));
  if (zone && !IANAZone.isValidZone(zone)) return void (await answer(m.zoneInvalid(zone)));
  let workingHours = null;
  if (hours) {
    const match = HOURS.exec(hours);
    if (!match || `${match[1]}:${match[2]}` >= `${match[3]}:${match[4]}`)
      return void (await answer(m.hoursInvalid(hours)));
    workingHours = {
      rules: [{ days: [1, 2, 3, 4, 5], start: `${match[1]}:${match[2]}`, end: `${match[3]}:${match[4]}` }],
      overrides: [],
    };
  }
  const tenantId = ctx.workspace.tenantId;
  const prefs = await env.deps.store.preferences.get(tenantId, person.id);
  const timeZone = zone ?? prefs?.timeZone ?? 'UTC';
  const saved = await env.deps.store.preferences.set(tenantId, person.id, {
    timeZone,
    locale: language ?? prefs?.locale ?? ctx.locale,
    workingHours: workingHours ?? prefs?.workingHours ?? DEFAULT_WORKING_HOURS,
    ...(tentativeFree !== null ? { tentativeFree } : {}),
  });
  if (!saved) return void (await answer(m.personUnknown));
  if (person.id !== ctx.person.id)
    await env.deps.store.audit.append({
      tenantId,
      actorId: ctx.person.id,
      actor: `discord:${ctx.userId}`,
      action: 'preferences.set_for_other',
      target: person.id,
      details: { zone: !!zone, language: !!language, hours: !!hours, tentativeFree: tentativeFree !== null },
    });
  const parts = [
    ...(zone ? [zone] : []),
    ...(language ? [language] : []),
    ...(workingHours ? [hours ?? ''] : []),
    ...(tentativeFree !== null ? [m.tentativeFree(tentativeFree)] : []),
  ];
  await answer(m.settingsSaved(person.id === ctx.person.id ? parts : [person.displayName, ...parts]));
}

/** Autocomplete for `zone`: IANA names containing what was typed (at most 25). */
export function zoneChoices(typed: string): { name: string; value: string }[] {
  const needle = typed.trim().toLowerCase().replaceAll(' ', '_');
  return Intl.supportedValuesOf('timeZone')
    .filter((z) => z.toLowerCase().includes(needle))
    .slice(0, 25)
    .map((z) => ({ name: z, value: z }));
}
