/**
 * The chat wording of the calendar choice (./calendar-choice.ts), shared by Slack and Discord: the
 * accounts and calendars by number (`1.2`), with their flags, and the outcome of a change. Names pass
 * through the surface's `esc` (Slack mrkdwn, Discord markdown).
 */
import {
  type AccountView,
  type ChatChoiceResult,
  chatChoiceMessage,
  type ListAccountsResult,
  MAX_CALENDARS_SHOWN,
} from './calendar-choice.ts';
import { type Locale, render, t } from './i18n/index.ts';
import { CALENDAR_NAMES } from './preferences.ts';

export type { ChatChoiceResult, ListAccountsResult } from './calendar-choice.ts';

function accountLines(
  account: AccountView,
  n: number,
  locale: Locale,
  esc: (text: string) => string,
): string[] {
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
export function calendarsText(
  list: ListAccountsResult,
  locale: Locale,
  esc: (text: string) => string = (text) => text,
): string {
  if (list.accounts.length === 0) return t(locale, 'calendars.chat.none');
  return [
    t(locale, 'calendars.chat.head'),
    ...list.accounts.flatMap((a, i) => accountLines(a, i + 1, locale, esc)),
    ...(list.hiddenAccounts > 0
      ? [t(locale, 'calendars.hiddenAccounts', { count: list.hiddenAccounts })]
      : []),
    t(locale, 'calendars.chat.help'),
  ].join('\n');
}

export function chatChoiceText(
  result: ChatChoiceResult,
  locale: Locale,
  esc: (text: string) => string = (text) => text,
): string {
  if (!result.ok) return render(locale, chatChoiceMessage(result));
  if (result.kind === 'list') return calendarsText(result.list, locale, esc);
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
