/**
 * `/meet team …` / `/meet équipe …`: team rotations from Slack. Admin = the workspace's admins and owners
 * (`users.info` `is_admin` / `is_owner`); the use case refuses changes from anyone else and audits the
 * rest. Members are resolved (and created on first sight) from their Slack mentions.
 */
import type { Person, Workspace } from '../../../app/ports/store.ts';
import { runTeamCommand } from '../../../app/rotations.ts';
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
  const { store } = rt.deps;
  if (!store.rotations)
    return locale === 'fr'
      ? 'Les équipes ne sont pas disponibles sur ce serveur Convene : prévenez son administrateur.'
      : 'Teams are not available on this Convene server: tell its admin.';
  // Admin rights decide what may change: read live, never from the users.info cache.
  const me = await resolveUser(rt, client, workspace, userId, undefined, { fresh: true });
  if (!me.ok)
    return locale === 'fr'
      ? 'Ce compte Slack ne peut pas utiliser Convene.'
      : 'This Slack account cannot use Convene.';
  const result = await runTeamCommand(
    {
      store: { rotations: store.rotations, audit: store.audit, people: store.people },
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
    },
    {
      tenantId: workspace.tenantId,
      workspaceId: workspace.id,
      actor: { personId: me.person.id, label: `slack:${userId}`, isAdmin: me.admin },
      text,
      now: rt.now(),
      zone: me.zone,
    },
  );
  return result.message;
}
