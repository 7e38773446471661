/**
 * `/meet team …` / `/meet équipe …`: team rotations from Slack. Admin = the workspace's admins and owners
 * (`users.info` `is_admin` / `is_owner`); the team use case (`deps.teams`) refuses changes from anyone
 * else and audits the rest. Members are resolved (and created on first sight) from their Slack mentions.
 */
import { t } from '../../../app/i18n/index.ts';
import type { Person, Workspace } from '../../../app/ports/store.ts';
import { renderTeamResult } from '../../../app/rotations.ts';
import type { Locale } from '../../../app/views.ts';
import type { SlackApi, SlackRuntime } from '../deps.ts';
import { resolveUser } from '../people.ts';

export async function teamCommand(
  rt: SlackRuntime,
  client: SlackApi,
  workspace: Workspace,
  userId: string,
  text: string,
  locale: Locale,
): Promise<string> {
  const { teams } = rt.deps;
  if (!teams) return t(locale, 'teams.unavailable');
  // Admin rights decide what may change: read live, never from the users.info cache.
  const me = await resolveUser(rt, client, workspace, userId, undefined, { fresh: true });
  if (!me.ok) return t(locale, 'teams.accountRefused');
  const result = await teams.run({
    tenantId: workspace.tenantId,
    workspaceId: workspace.id,
    actor: { personId: me.person.id, label: `slack:${userId}`, isAdmin: me.admin },
    text,
    now: rt.now(),
    zone: me.zone,
    resolveMember: async (ref): Promise<Person | null> => {
      if (ref.kind === 'slack_user') {
        const resolved = await resolveUser(rt, client, workspace, ref.id);
        return resolved.ok ? resolved.person : null;
      }
      if (ref.kind === 'name' && rt.deps.directory) {
        const matches = await rt.deps.directory.findByName(workspace.tenantId, ref.id);
        return matches.length === 1 ? (matches[0] ?? null) : null;
      }
      return null;
    },
  });
  return renderTeamResult(result);
}
