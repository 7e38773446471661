/**
 * Bolt's `InstallationStore` over Convene's workspace repository (multi-workspace OAuth v2 install).
 *
 * The workspace row holds one encrypted secret (`botToken`). With token rotation Slack also returns a
 * refresh token and an expiry, so the secret is a small JSON envelope `{"v":1,"token",…}`; a plain
 * `xoxb-…` (a single-workspace `SLACK_BOT_TOKEN` install) is read as a token without rotation.
 * The envelope never leaves this file decrypted except as the token Bolt needs; it is never logged.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Workspace, WorkspaceRepository } from '../../app/ports/store.ts';
import type { InstallationUseCases } from '../../app/use-cases.ts';
import { InstallationCache } from './installation-cache.ts';

export interface BotSecret {
  readonly token: string;
  readonly refreshToken?: string;
  /** Unix seconds (Bolt's unit). */
  readonly expiresAt?: number;
  readonly botId?: string;
  readonly botUserId?: string;
  readonly scopes?: readonly string[];
  readonly appId?: string;
  readonly installerUserId?: string;
}

export function encodeBotSecret(secret: BotSecret): string {
  return JSON.stringify({ v: 1, ...secret });
}

export function decodeBotSecret(stored: string | null): BotSecret | null {
  if (!stored) return null;
  if (!stored.startsWith('{')) return { token: stored };
  try {
    const parsed = JSON.parse(stored) as Partial<BotSecret> & { v?: number };
    return typeof parsed.token === 'string' ? (parsed as BotSecret) : null;
  } catch {
    return null;
  }
}

/** The decoded secret of a Slack team, or null when not installed / purged. */
export async function botSecretOf(
  workspaces: WorkspaceRepository,
  teamId: string,
): Promise<BotSecret | null> {
  const workspace = await workspaces.findByExternalId('slack', teamId);
  if (!workspace?.hasBotToken) return null;
  return decodeBotSecret(await workspaces.botToken(workspace.tenantId, workspace.id));
}

/** A Slack team's installation as `authorize` needs it: the workspace name and the decoded secret. */
export interface StoredInstallation {
  readonly name: string;
  readonly secret: BotSecret;
  /** The workspace row the token belongs to (listeners read it through the same cache). */
  readonly workspace: Workspace;
}

/** The installation of a Slack team (two reads), or null when not installed / purged. */
export async function installationOf(
  workspaces: WorkspaceRepository,
  teamId: string,
): Promise<StoredInstallation | null> {
  const workspace = await workspaces.findByExternalId('slack', teamId);
  if (!workspace?.hasBotToken) return null;
  const secret = decodeBotSecret(await workspaces.botToken(workspace.tenantId, workspace.id));
  return secret ? { name: workspace.name, secret, workspace } : null;
}

/**
 * The cache `authorize` reads through (see installation-cache.ts for the TTL and its trade-off); a
 * `shared` cache carries its invalidations to every replica.
 */
export function createInstallationLookup(
  workspaces: WorkspaceRepository,
  cache: InstallationCache<StoredInstallation> = new InstallationCache(),
) {
  return {
    cache,
    find: (teamId: string) => cache.get(teamId, () => installationOf(workspaces, teamId)),
    invalidate: (teamId: string) => cache.invalidate(teamId),
  };
}
export type InstallationLookup = ReturnType<typeof createInstallationLookup>;

export class NotInstalledError extends Error {
  readonly code = 'not_installed';
  constructor(teamId: string | undefined) {
    super(`Convene is not installed in Slack team ${teamId ?? '(none)'}`);
    this.name = 'NotInstalledError';
  }
}

/** Reads go through `lookup` (the cache over the workspace repository); writes through `installs`. */
export function createInstallationStore(
  installs: InstallationUseCases,
  lookup: InstallationLookup,
  log: (line: string) => void = () => undefined,
): InstallationStore {
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id;
      if (!teamId || !installation.bot)
        throw new Error('Convene supports workspace installs with a bot token only');
      const bot = installation.bot;
      await installs.install({
        platform: 'slack',
        externalId: teamId,
        name: installation.team?.name ?? teamId,
        botToken: encodeBotSecret({
          token: bot.token,
          ...(bot.refreshToken ? { refreshToken: bot.refreshToken } : {}),
          ...(bot.expiresAt ? { expiresAt: bot.expiresAt } : {}),
          botId: bot.id,
          botUserId: bot.userId,
          scopes: bot.scopes,
          ...(installation.appId ? { appId: installation.appId } : {}),
          ...(installation.user?.id ? { installerUserId: installation.user.id } : {}),
        }),
      });
      lookup.invalidate(teamId);
      log(`slack: installation stored for ${teamId}${bot.refreshToken ? ' (token rotation on)' : ''}`);
    },
    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
      const teamId = query.teamId;
      const found = teamId ? await lookup.find(teamId) : null;
      if (!found || !teamId) throw new NotInstalledError(teamId);
      const secret = found.secret;
      return {
        team: { id: teamId, name: found.name },
        enterprise: undefined,
        user: { token: undefined, scopes: undefined, id: secret.installerUserId ?? '' },
        bot: {
          token: secret.token,
          ...(secret.refreshToken ? { refreshToken: secret.refreshToken } : {}),
          ...(secret.expiresAt ? { expiresAt: secret.expiresAt } : {}),
          scopes: [...(secret.scopes ?? [])],
          id: secret.botId ?? '',
          userId: secret.botUserId ?? '',
        },
        ...(secret.appId ? { appId: secret.appId } : {}),
        tokenType: 'bot',
        isEnterpriseInstall: false,
        authVersion: 'v2',
      };
    },
    async deleteInstallation(query) {
      const teamId = query.teamId;
      if (!teamId) return;
      await installs.purgeToken({ platform: 'slack', externalId: teamId });
      lookup.invalidate(teamId);
    },
  };
}
