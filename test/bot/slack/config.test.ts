/** Slack configuration from the environment: off, single workspace, OAuth, Socket Mode, half-configured. */
import { describe, expect, it } from 'vitest';
import { slackConfigFromEnv } from '../../../src/bot/slack/config.ts';

describe('slackConfigFromEnv', () => {
  it('is off when no Slack variable is set', () => {
    expect(slackConfigFromEnv({ PORT: '3000' })).toBeNull();
  });

  it('refuses other Slack settings without SLACK_SIGNING_SECRET (a half-done set-up)', () => {
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /SLACK_SIGNING_SECRET is not set/,
    );
  });

  it('reads HTTP single-workspace, OAuth and Socket Mode set-ups', () => {
    expect(
      slackConfigFromEnv({
        SLACK_SIGNING_SECRET: 's',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_API_URL: 'http://127.0.0.1:9/api',
      }),
    ).toEqual({
      signingSecret: 's',
      mode: 'http',
      botToken: 'xoxb-1',
      slackApiUrl: 'http://127.0.0.1:9/api/',
    });
    expect(
      slackConfigFromEnv({
        SLACK_SIGNING_SECRET: 's',
        SLACK_CLIENT_ID: 'id',
        SLACK_CLIENT_SECRET: 'cs',
        SLACK_STATE_SECRET: 'st',
      }),
    ).toMatchObject({ mode: 'http', clientId: 'id', clientSecret: 'cs', stateSecret: 'st' });
    expect(
      slackConfigFromEnv({
        SLACK_SIGNING_SECRET: 's',
        SLACK_SOCKET_MODE: '1',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_BOT_TOKEN: 'xoxb-1',
      }),
    ).toMatchObject({ mode: 'socket', appToken: 'xapp-1', botToken: 'xoxb-1' });
  });

  it('says what is missing when half configured', () => {
    expect(() => slackConfigFromEnv({ SLACK_SIGNING_SECRET: 's' })).toThrow('Set SLACK_BOT_TOKEN');
    expect(() => slackConfigFromEnv({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'id' })).toThrow(
      'SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
    );
    expect(() =>
      slackConfigFromEnv({ SLACK_SIGNING_SECRET: 's', SLACK_SOCKET_MODE: '1', SLACK_BOT_TOKEN: 'xoxb-1' }),
    ).toThrow('SLACK_APP_TOKEN');
    expect(() => slackConfigFromEnv({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxp-user' })).toThrow(
      'bot token',
    );
  });
});
