/**
 * Slack configuration from the environment. Null when Slack is not configured (no
 * `SLACK_SIGNING_SECRET`); a `SlackConfigError` with an actionable message when it is half configured.
 *
 *   SLACK_SIGNING_SECRET   required (Basic Information → App Credentials → Signing Secret)
 *   SLACK_SOCKET_MODE=1    Socket Mode (development) — needs SLACK_APP_TOKEN (xapp-…, connections:write)
 *   SLACK_BOT_TOKEN        single-workspace install (xoxb-…), or:
 *   SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET   OAuth v2 multi-workspace install
 *   SLACK_REDIRECT_URI     optional, e.g. https://convene.example.com/slack/oauth_redirect
 *   SLACK_API_URL          optional Web API base (default https://slack.com/api/)
 */
import { rateLimitsFromEnv } from '../rate-limit.ts';
import type { SlackConfig } from './deps.ts';

export class SlackConfigError extends Error {
  readonly code: 'missing' | 'invalid';
  constructor(code: 'missing' | 'invalid', message: string) {
    super(message);
    this.name = 'SlackConfigError';
    this.code = code;
  }
}

export function slackConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SlackConfig | null {
  const get = (name: string) => env[name]?.trim() || undefined;
  const signingSecret = get('SLACK_SIGNING_SECRET');
  if (!signingSecret) {
    // Other Slack settings without the signing secret are a half-done set-up, not "Slack off".
    const others = ['SLACK_BOT_TOKEN', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_APP_TOKEN'].filter(
      get,
    );
    if (others.length > 0)
      throw new SlackConfigError(
        'missing',
        `SLACK_SIGNING_SECRET is not set but ${others.join(', ')} is: copy it from Basic Information → App Credentials → Signing Secret.`,
      );
    return null;
  }
  const socket = ['1', 'true', 'yes'].includes((get('SLACK_SOCKET_MODE') ?? '').toLowerCase());
  const appToken = get('SLACK_APP_TOKEN');
  const botToken = get('SLACK_BOT_TOKEN');
  const clientId = get('SLACK_CLIENT_ID');
  const clientSecret = get('SLACK_CLIENT_SECRET');
  const stateSecret = get('SLACK_STATE_SECRET');
  if (socket && !appToken?.startsWith('xapp-'))
    throw new SlackConfigError(
      'missing',
      'SLACK_SOCKET_MODE=1 needs SLACK_APP_TOKEN (an xapp-… app-level token with connections:write).',
    );
  const oauthParts = [clientId, clientSecret, stateSecret].filter(Boolean).length;
  if (oauthParts > 0 && oauthParts < 3)
    throw new SlackConfigError(
      'missing',
      'OAuth install needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET.',
    );
  if (oauthParts === 0 && !botToken)
    throw new SlackConfigError(
      'missing',
      'Set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth install).',
    );
  if (botToken && !botToken.startsWith('xoxb-') && !botToken.startsWith('xoxe.xoxb-'))
    throw new SlackConfigError('invalid', 'SLACK_BOT_TOKEN must be a bot token (xoxb-…).');
  if (socket && oauthParts === 3 && !botToken)
    throw new SlackConfigError(
      'invalid',
      'Socket Mode serves no OAuth pages: set SLACK_BOT_TOKEN for development.',
    );
  const apiUrl = get('SLACK_API_URL');
  const rateLimits = rateLimitsFromEnv(env);
  const redirectUri = get('SLACK_REDIRECT_URI');
  const concurrency = Number(get('CONVENE_REQUEST_CONCURRENCY') ?? Number.NaN);
  return {
    signingSecret,
    mode: socket ? 'socket' : 'http',
    ...(appToken ? { appToken } : {}),
    ...(botToken ? { botToken } : {}),
    ...(oauthParts === 3 && !socket ? { clientId, clientSecret, stateSecret } : {}),
    ...(redirectUri ? { redirectUri } : {}),
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    ...(rateLimits ? { rateLimit: rateLimits } : {}),
    ...(Number.isInteger(concurrency) && concurrency > 0 ? { requestConcurrency: concurrency } : {}),
  } as SlackConfig;
}
