/**
 * `app_uninstalled` and `tokens_revoked` (bot tokens): purge the workspace's stored token so nothing
 * calls Slack with it again; the workspace's people, calendars and bookings stay (a reinstall resumes).
 * The local installation cache is invalidated. Bolt skips authorization for these two events; redeliveries are harmless (the purge is idempotent).
 */
import type { SlackRuntime } from '../deps.ts';

export interface UninstallArgs {
  readonly event: {
    readonly type: string;
    readonly tokens?: { readonly bot?: readonly string[]; readonly oauth?: readonly string[] };
  };
  readonly body: { readonly team_id?: string; readonly event_id?: string };
}

export async function purgeInstallation(rt: SlackRuntime, args: UninstallArgs): Promise<void> {
  const { event, body } = args;
  if (event.type === 'tokens_revoked' && (event.tokens?.bot ?? []).length === 0) return;
  const teamId = body.team_id;
  if (!teamId) return;
  const { workspaces, audit } = rt.deps.store;
  const workspace = await workspaces.findByExternalId('slack', teamId);
  if (!workspace?.hasBotToken) {
    rt.installations?.invalidate(teamId);
    return;
  }
  await workspaces.install({ platform: 'slack', externalId: teamId, name: workspace.name, botToken: null });
  // This replica stops authorizing the team at once; others within their cache TTL (installation-cache.ts).
  rt.installations?.invalidate(teamId);
  await audit.append({
    tenantId: workspace.tenantId,
    actor: `slack:${teamId}`,
    action: event.type === 'app_uninstalled' ? 'slack.uninstalled' : 'slack.tokens_revoked',
    target: workspace.id,
  });
  rt.log(`slack: ${event.type} for ${teamId}: stored bot token purged`);
}
