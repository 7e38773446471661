/** `/meet status`: which calendars are linked, their health and last sync (private to the asker). */
import { statusDetailText } from '../../../app/access-status.ts';
import { t } from '../../../app/i18n/index.ts';
import type { CalendarConnection, Person, Workspace } from '../../../app/ports/store.ts';
import { CALENDAR_NAMES } from '../../../app/preferences.ts';
import { type Locale, syncedAgo } from '../../../app/views.ts';
import { accountOf, type SlackRuntime } from '../deps.ts';
import { esc, HEALTH_EMOJI } from '../render.ts';

/** `now`: the caller's clock, for "last synced 3 min ago". */
export function connectionLine(c: CalendarConnection, locale: Locale, now: number): string {
  const health = t(locale, 'account.status.health', { status: c.status });
  const synced = syncedAgo(c.lastSyncAt, now, locale);
  const detail = c.statusDetail ? ` (${esc(statusDetailText(c.statusDetail, locale))})` : '';
  return `${HEALTH_EMOJI[c.status]} *${CALENDAR_NAMES[c.provider]}* ${esc(c.account)}: ${health}${detail}, ${synced}`;
}

export function statusText(connections: readonly CalendarConnection[], locale: Locale, now: number): string {
  if (connections.length === 0) return t(locale, 'account.status.slack.none');
  return [
    t(locale, 'account.status.slack.head'),
    ...connections.map((c) => connectionLine(c, locale, now)),
  ].join('\n');
}

/** `/meet status` for a person: the account use case's view, worded for Slack. */
export async function statusFor(
  rt: SlackRuntime,
  workspace: Workspace,
  person: Person,
  locale: Locale,
): Promise<string> {
  const status = await accountOf(rt.deps).status({ tenantId: workspace.tenantId, personId: person.id });
  return statusText(status.connections, locale, rt.now());
}
