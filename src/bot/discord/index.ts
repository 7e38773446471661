/** The Discord adapter: mount `createDiscordAdapter(deps, config).router` on Convene's express app. */
export type { DiscordAdapter } from './adapter.ts';
export { createDiscordAdapter, INTERACTIONS_PATH } from './adapter.ts';
export { DiscordApi, DiscordCallError } from './api.ts';
export { allCommands, meetCommand } from './commands.ts';
export type { DiscordAdapterDeps, DiscordConfig, MeetingUseCases } from './deps.ts';
export { DiscordConfigError, discordConfigFromEnv, meetingUseCases } from './deps.ts';
export { createDiscordNotifier } from './notifier.ts';
