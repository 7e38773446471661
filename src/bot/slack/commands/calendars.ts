/**
 * `/meet calendars` (`agendas`, `kalender`): the caller's accounts and their calendars by number, and the
 * changes `busy 1.1 1.3` / `write 1.2` (src/app/calendar-choice.ts `chatChoice`); `/meet status` shows the
 * same list under the connections' health. Worded here from the `calendars.*` catalogue.
 */
import {
  type AccountView,
  type ChatChoiceResult,
  chatChoiceMessage,
  type ListAccountsResult,
  MAX_CALENDARS_SHOWN,
} from '../../../app/calendar-choice.ts';
import { render, t } from '../../../app/i18n/index.ts';
import type { Person, Workspace } from '../../../app/ports/store.ts';
import { CALENDAR_NAMES } from '../../../app/preferences.ts';
import type { Locale } from '../../../app/views.ts';
import type { SlackRuntime } from '../deps.ts';
import { esc } from '../render.ts';

function accountLines(account: AccountView, n: number, locale: Locale): string[] {
  const head = `*${n}.* *${CALENDAR_NAMES[account.provider]}* ${esc(account.account)}`;
  if (!account.calendars) return [`${head}: ${t(locale, 'calendars.listError')}`];
  const lines = [head];
  account.calendars.forEach((c, i) => {
    const flags = [
      t(locale, c.writable ? 'calendars.flag.writable' : 'calendars.flag.readOnly'),
      ...(c.busy ? [t(locale, 'calendars.flag.busy')] : []),
      ...(c.receives ? [t(locale, 'calendars.flag.receives')] : []),
      ...(c.busyUnreadable ? [t(locale, 'calendars.flag.busyUnreadable')] : []),
    ];
    lines.push(`    \`${n}.${i + 1}\` ${esc(c.name)} (${flags.join(', ')})`);
  });
  if (account.hidden > 0)
    lines.push(`    ${t(locale, 'calendars.hidden', { count: account.hidden, max: MAX_CALENDARS_SHOWN })}`);
  return lines;
}

/** The numbered list, with how to change it (empty when nothing is linked). */
export function calendarsText(list: ListAccountsResult, locale: Locale): string {
  if (list.accounts.length === 0) return t(locale, 'calendars.chat.none');
  return [
    t(locale, 'calendars.chat.head'),
    ...list.accounts.flatMap((a, i) => accountLines(a, i + 1, locale)),
    ...(list.hiddenAccounts > 0
      ? [t(locale, 'calendars.hiddenAccounts', { count: list.hiddenAccounts })]
      : []),
    t(locale, 'calendars.chat.help'),
  ].join('\n');
}

export function chatChoiceText(result: ChatChoiceResult, locale: Locale): string {
  if (!result.ok) return render(locale, chatChoiceMessage(result));
  if (result.kind === 'list') return calendarsText(result.list, locale);
  return result.saved
    .flatMap((s) => {
      const calendars = s.account.calendars ?? [];
      const receiving = calendars.find((c) => c.receives);
      return [
        t(locale, 'calendars.saved', {
          account: s.account.account,
          busy: calendars.filter((c) => c.busy).length,
          hasWrite: receiving ? 'yes' : 'no',
          write: receiving?.name ?? '',
        }),
        ...(s.writeMovedFrom ? [t(locale, 'calendars.movedFrom', { account: s.writeMovedFrom })] : []),
      ];
    })
    .join('\n');
}

/** `/meet calendars [busy … | write …]` for the caller. */
export async function calendarsCommand(
  rt: SlackRuntime,
  workspace: Workspace,
  person: Person,
  userId: string,
  text: string,
  locale: Locale,
): Promise<string> {
  const choice = rt.deps.calendarChoice;
  if (!choice) return t(locale, 'common.linkingNotConfigured');
  const result = await choice.chat({
    tenantId: workspace.tenantId,
    personId: person.id,
    text,
    actor: `slack:${userId}`,
  });
  return chatChoiceText(result, locale);
}
