/**
 * `app_uninstalled` and `tokens_revoked` (bot tokens): purge the workspace's stored token so nothing
 * calls Slack with it again; the workspace's people, calendars and bookings stay (a reinstall resumes).
 * The local installation cache is invalidated. Bolt skips authorization for these two events; redeliveries are harmless (the purge is idempotent).
 */
import { installsOf, type SlackRuntime } from '../deps.ts';

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
  const purged = await installsOf(rt.deps).purgeToken({
    platform: 'slack',
    externalId: teamId,
    audit: {
      actor: `slack:${teamId}`,
      action: event.type === 'app_uninstalled' ? 'slack.uninstalled' : 'slack.tokens_revoked',
    },
  });
  // This replica stops authorizing the team at once; others within their cache TTL (installation-cache.ts).
  rt.installations?.invalidate(teamId);
  if (purged.purged) rt.log(`slack: ${event.type} for ${teamId}: stored bot token purged`);
}
