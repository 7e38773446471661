/** The Slack adapter's public surface (mounted by src/main.ts). */
export type { SlackAdapter } from './adapter.ts';
export { BOT_SCOPES, createSlackAdapter } from './adapter.ts';
export { SlackConfigError, slackConfigFromEnv } from './config.ts';
export type { SlackConfig, SlackDeps, SlackLinking } from './deps.ts';
export { createInstallationStore } from './installation-store.ts';
