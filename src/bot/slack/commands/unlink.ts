/** `/meet unlink [google|microsoft|caldav|ics|all]`: removes linked calendars through the use case. */
import type { Person, Workspace } from '../../../app/ports/store.ts';
import type { Locale } from '../../../app/views.ts';
import type { SlackRuntime } from '../deps.ts';

export async function unlinkCalendars(
  rt: SlackRuntime,
  workspace: Workspace,
  person: Person,
  which: string,
  locale: Locale,
): Promise<string> {
  const fr = locale === 'fr';
  const connections = await rt.deps.store.connections.listForPerson(workspace.tenantId, person.id);
  if (connections.length === 0)
    return fr ? "Vous n'avez aucun agenda relié." : 'You have no linked calendar.';
  const wanted = which.trim().toLowerCase();
  const all = wanted === 'all' || wanted === 'tout' || wanted === 'tous';
  const targets =
    all || (wanted === '' && connections.length === 1)
      ? connections
      : connections.filter((c) => c.provider === wanted);
  if (targets.length === 0) {
    const names = connections.map((c) => `\`${c.provider}\``).join(', ');
    return fr
      ? `Précisez quel agenda délier : \`/meet délier <${connections.map((c) => c.provider).join('|')}|tout>\` (reliés : ${names}).`
      : `Say which calendar to unlink: \`/meet unlink <${connections.map((c) => c.provider).join('|')}|all>\` (linked: ${names}).`;
  }
  if (!rt.deps.linking)
    return fr
      ? "La liaison d'agenda n'est pas configurée sur ce serveur."
      : 'Calendar linking is not configured on this server.';
  const done: string[] = [];
  for (const c of targets) {
    const result = await rt.deps.linking.unlink({
      tenantId: workspace.tenantId,
      personId: person.id,
      connectionId: c.id,
    });
    if (result.ok) done.push(`${c.provider} (${c.account})`);
  }
  return fr ? `Agenda délié : ${done.join(', ')}.` : `Unlinked: ${done.join(', ')}.`;
}
