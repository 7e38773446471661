/**
 * A chat surface's installation in a workspace (a Slack team, a Discord guild): recording the bot's
 * credential when the app is installed, and purging it when the app is uninstalled or its token is
 * revoked. The workspace's people, calendars and bookings stay (a reinstall resumes). Surfaces call
 * these instead of writing the workspace repository themselves (docs/architecture.md).
 */
import type {
  AuditLogRepository,
  ChatPlatform,
  InstallWorkspaceInput,
  Workspace,
  WorkspaceRepository,
} from './ports/store.ts';

export interface InstallationDeps {
  readonly store: {
    readonly workspaces: Pick<WorkspaceRepository, 'install' | 'findByExternalId'>;
    readonly audit: Pick<AuditLogRepository, 'append'>;
  };
}

/** Records (or refreshes) a workspace's installation and its bot credential (stored encrypted). */
export function installWorkspace(deps: InstallationDeps, input: InstallWorkspaceInput): Promise<Workspace> {
  return deps.store.workspaces.install(input);
}

export interface PurgeTokenInput {
  readonly platform: ChatPlatform;
  readonly externalId: string;
  /** Recorded in the audit log when given (`slack.uninstalled`, by `slack:<team>`); none: not audited. */
  readonly audit?: { readonly actor: string; readonly action: string };
}

export type PurgeTokenResult =
  | { readonly purged: true; readonly workspace: Workspace }
  /** Unknown workspace, or no stored credential (a redelivered uninstall): nothing written. */
  | { readonly purged: false };

/** Forgets a workspace's stored bot credential (idempotent: a second purge writes nothing). */
export async function purgeBotToken(
  deps: InstallationDeps,
  input: PurgeTokenInput,
): Promise<PurgeTokenResult> {
  const { workspaces, audit } = deps.store;
  const workspace = await workspaces.findByExternalId(input.platform, input.externalId);
  if (!workspace?.hasBotToken) return { purged: false };
  await workspaces.install({
    platform: input.platform,
    externalId: input.externalId,
    name: workspace.name,
    botToken: null,
  });
  if (input.audit)
    await audit.append({
      tenantId: workspace.tenantId,
      actor: input.audit.actor,
      action: input.audit.action,
      target: workspace.id,
    });
  return { purged: true, workspace };
}
