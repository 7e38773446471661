/**
 * `/meet settings zone: language: hours: tentative-free: [for:]` (ephemeral): reads the options and hands
 * them to the preferences use case, which checks and saves them. Setting another person's preferences is
 * an admin action: it needs Manage Server (or Administrator) in `member.permissions`, read here from the
 * interaction — never trusted to the client — and passed to the use case, which refuses and audits.
 */
import type { APIChatInputApplicationCommandInteraction, APIUser } from 'discord-api-types/v10';
import { savedText } from '../../../app/account-command.ts';
import { render, t } from '../../../app/i18n/index.ts';
import type { PreferencesChange } from '../../../app/preferences.ts';
import type { HandlerEnv } from '../context.ts';
import { editOrFallback, isServerManager, resolveContext, upsertUser } from '../context.ts';
import { accountOf } from '../deps.ts';
import { messages } from '../messages.ts';
import { readOptions, stringOption } from '../options.ts';
import { textMessage } from '../render.ts';

export async function handleSettings(
  env: HandlerEnv,
  interaction: APIChatInputApplicationCommandInteraction,
) {
  const ctx = await resolveContext(env, interaction);
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? '';
  const answer = (content: string) =>
    editOrFallback(env, interaction, { channelId: ctx?.channelId ?? '', userId }, textMessage(content), {
      publicFallback: false,
    });
  if (!ctx) return void (await answer(messages('en').notInGuild));
  const { locale } = ctx;
  const options = readOptions(interaction.data);
  const zone = stringOption(options, 'zone')?.trim() || undefined;
  const language = stringOption(options, 'language') || undefined;
  const hours = stringOption(options, 'hours')?.trim() || undefined;
  const forId = stringOption(options, 'for');
  const tentativeValue = options.values.get('tentative-free');
  const change: PreferencesChange = {
    ...(zone !== undefined ? { timeZone: zone } : {}),
    ...(language !== undefined ? { language } : {}),
    ...(hours !== undefined ? { hours } : {}),
    ...(typeof tentativeValue === 'boolean' ? { tentativeFree: tentativeValue } : {}),
  };

  let person = ctx.person;
  const other = Boolean(forId && forId !== ctx.userId);
  if (other && !isServerManager(ctx.permissions))
    return void (await answer(t(locale, 'account.preferences.notAdmin')));
  if (other && forId) {
    const users = (interaction.data.resolved as { users?: Record<string, APIUser> } | undefined)?.users ?? {};
    const user = users[forId];
    const target = user ? await upsertUser(env, ctx.workspace, user) : null;
    if (!target) return void (await answer(t(locale, 'account.preferences.unknownPerson')));
    person = target;
  }
  const saved = await accountOf(env.deps).savePreferences({
    tenantId: ctx.workspace.tenantId,
    personId: person.id,
    change,
    defaults: { locale },
    ...(other
      ? {
          actor: {
            personId: ctx.person.id,
            label: `discord:${ctx.userId}`,
            mayEditOthers: isServerManager(ctx.permissions),
          },
        }
      : {}),
  });
  if (!saved.ok) return void (await answer(saved.problems.map((p) => render(locale, p.message)).join('\n')));
  await answer(savedText(saved.changed, hours, locale, other ? person.displayName : undefined));
}

/** Autocomplete for `zone`: IANA names containing what was typed (at most 25). */
export function zoneChoices(typed: string): { name: string; value: string }[] {
  const needle = typed.trim().toLowerCase().replaceAll(' ', '_');
  return Intl.supportedValuesOf('timeZone')
    .filter((z) => z.toLowerCase().includes(needle))
    .slice(0, 25)
    .map((z) => ({ name: z, value: z }));
}
