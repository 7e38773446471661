/** `/meet unlink [google|microsoft|caldav|ics|all]`: removes linked calendars through the use case. */
import { t } from '../../../app/i18n/index.ts';
import type { Person, Workspace } from '../../../app/ports/store.ts';
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
  const connections = await rt.deps.store.connections.listForPerson(workspace.tenantId, person.id);
  if (connections.length === 0) return t(locale, 'account.unlink.none');
  const wanted = which.trim().toLowerCase();
  const targets =
    meansAll(wanted) || (wanted === '' && connections.length === 1)
      ? connections
      : connections.filter((c) => c.provider === wanted);
  if (targets.length === 0)
    return t(locale, 'account.unlink.which', {
      choices: connections.map((c) => c.provider).join('|'),
      linked: connections.map((c) => `\`${c.provider}\``).join(', '),
    });
  if (!rt.deps.linking) return t(locale, 'common.linkingNotConfigured');
  const done: string[] = [];
  for (const c of targets) {
    const result = await rt.deps.linking.unlink({
      tenantId: workspace.tenantId,
      personId: person.id,
      connectionId: c.id,
    });
    if (result.ok) done.push(`${c.provider} (${c.account})`);
  }
  return t(locale, 'account.unlink.done', { calendars: done.join(', ') });
}
