/**
 * Everything the Discord adapter says by itself (the use cases bring their own wording), from the `discord`
 * catalogue domain. The language follows the interaction's `locale` (the user's Discord client language).
 */
import { t } from '../../app/i18n/index.ts';
import type { Locale } from '../../core/locale.ts';

function wording(locale: Locale) {
  return {
    thinking: t(locale, 'discord.thinking'),
    notInGuild: t(locale, 'discord.notInGuild'),
    guildNotAllowed: t(locale, 'discord.guildNotAllowed'),
    zoneQuestion: t(locale, 'discord.zoneQuestion'),
    zonePlaceholder: t(locale, 'discord.zonePlaceholder'),
    pendingTitle: t(locale, 'discord.pendingTitle'),
    notYourPrompt: t(locale, 'discord.notYourPrompt'),
    unknownAction: t(locale, 'discord.unknownAction'),
    otherGuild: t(locale, 'discord.otherGuild'),
    bookedElsewhere: (where: string) => t(locale, 'discord.bookedElsewhere', { where }),
    failed: t(locale, 'discord.failed'),
    requestEmpty: t(locale, 'discord.requestEmpty'),
    roleEmpty: (role: string) => t(locale, 'discord.roleEmpty', { role }),
    roleTooBig: (role: string, count: number) => t(locale, 'discord.roleTooBig', { role, count }),
    membersUnavailable: t(locale, 'discord.membersUnavailable'),
    dmNotice: (who: string) => t(locale, 'discord.dmNotice', { who }),
    reschedule: t(locale, 'discord.reschedule'),
    cancelMeeting: t(locale, 'discord.cancelMeeting'),
    confirmCancel: (title: string) => t(locale, 'discord.confirmCancel', { title }),
    confirmYes: t(locale, 'discord.confirmYes'),
    cancelledBy: (who: string) => t(locale, 'discord.cancelledBy', { who }),
    movedBy: (who: string) => t(locale, 'discord.movedBy', { who }),
    pickNewTime: t(locale, 'discord.pickNewTime'),
  };
}

export type Messages = ReturnType<typeof wording>;

// Worded once per language (bounded by LOCALES).
const cache = new Map<Locale, Messages>();

export function messages(locale: Locale): Messages {
  let m = cache.get(locale);
  if (m === undefined) {
    m = wording(locale);
    cache.set(locale, m);
  }
  return m;
}
