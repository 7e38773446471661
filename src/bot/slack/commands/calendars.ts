/**
 * `/meet calendars` (`agendas`, `kalender`): the caller's accounts and their calendars by number, and the
 * changes `busy 1.1 1.3` / `write 1.2` (src/app/calendar-choice.ts `chatChoice`); `/meet status` shows the
 * same list under the connections' health. Worded here from the `calendars.*` catalogue.
 */
import {
  type ChatChoiceResult,
  chatChoiceText,
  type ListAccountsResult,
  calendarsText as worded,
} from '../../../app/calendar-choice-text.ts';
import { t } from '../../../app/i18n/index.ts';
import type { Person, Workspace } from '../../../app/ports/store.ts';
import type { Locale } from '../../../app/views.ts';
import type { SlackRuntime } from '../deps.ts';
import { esc } from '../render.ts';

/** The numbered list for Slack (names escaped for mrkdwn). */
export function calendarsText(list: ListAccountsResult, locale: Locale): string {
  return worded(list, locale, esc);
}

export function choiceText(result: ChatChoiceResult, locale: Locale): string {
  return chatChoiceText(result, locale, esc);
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
  return choiceText(result, locale);
}
