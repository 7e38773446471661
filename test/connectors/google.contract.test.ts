/**
 * The shared connector contract against the Google connector talking to the local Google fake.
 */
import { afterAll, beforeAll } from 'vitest';
import { GoogleCalendarProvider, GoogleOAuthClient } from '../../src/connectors/google/index.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import type { FakeClient, FakeGoogle } from '../fakes/google/server.ts';
import { startFakeGoogle } from '../fakes/google/server.ts';
import { defineProviderContract } from './contract.ts';

/** Fixed instant for token expiry on both sides (no Date.now in what the tests pin). */
const NOW = Date.UTC(2030, 0, 15, 12);
const clock = () => NOW;
const noWait: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 10,
  maxDelayMs: 100,
  sleep: async () => {},
  random: () => 0.5,
};

let fake: FakeGoogle;
let client: FakeClient;
let counter = 0;

beforeAll(async () => {
  ({ fake, client } = await startFakeGoogle({ now: clock }));
});

afterAll(async () => {
  await fake.stop();
});

defineProviderContract(
  'google (fake Calendar API)',
  async () => {
    const calendarId = `contract-${++counter}@group.calendar.google.com`;
    fake.addCalendar({ id: calendarId, summary: 'Contract calendar', accessRole: 'owner', timeZone: 'UTC' });
    fake.addCalendar({ id: `readonly-${counter}@group.calendar.google.com`, accessRole: 'reader' });
    const issued = fake.issueTokens({ clientId: client.clientId });
    const oauth = new GoogleOAuthClient({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      tokenEndpoint: fake.endpoints.tokenUrl,
      clock,
      retryPolicy: noWait,
    });
    const tokenSource = oauth.tokenSource({
      tokens: {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
        expiresAt: NOW + issued.expires_in * 1000,
      },
    });
    const provider = new GoogleCalendarProvider({
      tokenSource,
      rootUrl: fake.rootUrl,
      clock,
      retryPolicy: noWait,
    });
    return {
      provider,
      calendarId,
      missingCalendarId: `missing-${counter}@group.calendar.google.com`,
      seed: async (events) => fake.seed(calendarId, events),
      // A series' exceptions (moved or cancelled instances) are part of their series, not events of their own.
      listStored: async () =>
        fake
          .stored(calendarId)
          .filter((e) => !e.recurringEventId)
          .map((e) => ({ id: e.id, start: e.start, end: e.end })),
      // Google answers 400 "time range too long" past ~90 days (the fake enforces it).
      capabilities: { write: true, maxRangeDays: 90 },
      teardown: async () => {
        fake.removeCalendar(calendarId);
        fake.removeCalendar(`readonly-${counter}@group.calendar.google.com`);
        fake.resetControls();
      },
    };
  },
  { changes: true },
);
