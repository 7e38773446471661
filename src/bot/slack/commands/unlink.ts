/** `/meet unlink [google|microsoft|caldav|ics|all|<n>]`: removes linked calendars (or account n) through the use case. */
import { accountByWord } from '../../../app/calendar-choice.ts';
import { t } from '../../../app/i18n/index.ts';
import type { Person, Workspace } from '../../../app/ports/store.ts';
import { unlinkCalendars as unlink } from '../../../app/unlink-calendars.ts';
import type { Locale } from '../../../app/views.ts';
import { LOCALES } from '../../../core/locale.ts';
import type { SlackRuntime } from '../deps.ts';

/** Whether `word` means "every calendar" in any language (`all`, `tout`…). */
function meansAll(word: string): boolean {
  return LOCALES.some((locale) => t(locale, 'account.unlink.allWords').split(' ').includes(word));
}

export async function unlinkCalendars(
  rt: SlackRuntime,
  workspace: Workspace,
  person: Person,
  which: string,
  locale: Locale,
): Promise<string> {
  const wanted = which.trim().toLowerCase();
  // `/meet unlink 2`: the account numbered 2 in `/meet calendars` (an unknown number unlinks nothing).
  const numbered = /^\d{1,3}$/.test(wanted)
    ? (accountByWord(await rt.deps.store.connections.listForPerson(workspace.tenantId, person.id), wanted) ??
      'none')
    : null;
  const result = await unlink(
    { store: rt.deps.store, ...(rt.deps.linking ? { linking: rt.deps.linking } : {}) },
    {
      tenantId: workspace.tenantId,
      personId: person.id,
      ...(numbered
        ? { connectionId: numbered }
        : meansAll(wanted)
          ? { all: true }
          : wanted
            ? { provider: wanted }
            : {}),
    },
  );
  if (result.ok)
    return t(locale, 'account.unlink.done', {
      calendars: result.unlinked.map((c) => `${c.provider} (${c.account})`).join(', '),
    });
  if (result.code === 'none_linked') return t(locale, 'account.unlink.none');
  if (result.code === 'not_configured') return t(locale, 'common.linkingNotConfigured');
  return t(locale, 'account.unlink.which', {
    choices: result.linked.map((c) => c.provider).join('|'),
    linked: result.linked.map((c) => `\`${c.provider}\``).join(', '),
  });
}
