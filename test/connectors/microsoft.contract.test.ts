/**
 * The shared connector contract, run against MicrosoftCalendarProvider talking to the local Graph fake
 * over TLS (one server per file; a fresh mailbox per case).
 */
import { afterAll, beforeAll } from 'vitest';
import { MicrosoftCalendarProvider } from '../../src/connectors/microsoft/provider.ts';
import { RefreshingTokenSource } from '../../src/connectors/oauth/token-source.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import { FakeMicrosoft } from '../fakes/microsoft/server.ts';
import { defineProviderContract } from './contract.ts';

let fake: FakeMicrosoft;
let counter = 0;
/** The token source's clock is pinned; the fake checks expiry against real time (tokens live ~1 h). */
const NOW = Date.UTC(2030, 2, 1);

const noWait: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => {},
  random: () => 0,
};

beforeAll(async () => {
  fake = await FakeMicrosoft.start();
});

afterAll(async () => {
  await fake?.close();
});

defineProviderContract(
  'microsoft (Graph fake over TLS)',
  async () => {
    counter += 1;
    const mailbox = `contract-${counter}@contoso.test`;
    fake.addMailbox(mailbox);
    const issued = fake.issueTokens(mailbox);
    const tokenSource = new RefreshingTokenSource({
      tokens: {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresAt: NOW + 3_000_000,
      },
      clock: () => NOW,
      refresh: async () => {
        throw new Error('the contract cases never need a refresh');
      },
    });
    const provider = new MicrosoftCalendarProvider({
      tokenSource,
      mailbox,
      baseUrl: fake.graphBaseUrl,
      fetch: fake.fetch,
      retryPolicy: noWait,
    });
    return {
      provider,
      calendarId: mailbox,
      missingCalendarId: `nobody-${counter}@contoso.test`,
      seed: async (events) => {
        fake.seed(mailbox, events);
      },
      listStored: async () =>
        fake.storedEvents(mailbox).map((e) => ({ id: e.id, start: e.start, end: e.end })),
      capabilities: { write: true },
      teardown: async () => {
        fake.removeMailbox(mailbox);
      },
    };
  },
  { changes: true },
);
