/**
 * The e2e set-up shared by the files that run Convene against the three writable providers: the Google
 * fake, the Microsoft Graph fake and a real Radicale (CalDAV), wired through the real connectors
 * (createProviderFactory), CalendarAccess and the outbox worker; for the chat-driven scenarios, Slack's
 * fake Web API and a workspace where two people per provider have their calendar connected.
 *
 * Each test file keeps only its scenario: the clock, the team id, the calendar names and how long the
 * stored tokens last are the caller's.
 */
import { runOutboxOnce } from '../../../src/app/outbox.ts';
import type { Notifier } from '../../../src/app/ports/calendars.ts';
import type { Workspace } from '../../../src/app/ports/store.ts';
import { CalendarAccess } from '../../../src/connectors/access/calendar-access.ts';
import {
  createProviderFactory,
  type ProviderFactory,
  type ProviderFactoryConfig,
} from '../../../src/connectors/access/providers.ts';
import type { RetryPolicy } from '../../../src/connectors/retry.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { buttons, type Harness, installTeam, startHarness, until } from '../../bot/slack/harness.ts';
import { type FakeClient, type FakeGoogle, startFakeGoogle } from '../../fakes/google/server.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeMicrosoft } from '../../fakes/microsoft/server.ts';
import { type RadicaleServer, startRadicale } from '../../support/radicale.ts';

/** Two attempts, no waiting: a provider's failure shows at once instead of after back-offs. */
export const FAST_RETRY: RetryPolicy = {
  attempts: 2,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => undefined,
  random: () => 0,
};

/** The connectors' factory over the Google and Graph fakes (with FAST_RETRY); `caldav` as given. */
export function fakeProviderFactory(options: {
  readonly clock: () => number;
  readonly google: { readonly fake: FakeGoogle; readonly client: FakeClient };
  readonly microsoft: FakeMicrosoft;
  readonly caldav?: ProviderFactoryConfig['caldav'];
}): ProviderFactory {
  const { fake: google, client } = options.google;
  const microsoft = options.microsoft;
  return createProviderFactory({
    clock: options.clock,
    ...(options.caldav ? { caldav: options.caldav } : {}),
    google: {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      tokenEndpoint: google.endpoints.tokenUrl,
      revokeEndpoint: google.endpoints.revokeUrl,
      rootUrl: google.rootUrl,
      retryPolicy: FAST_RETRY,
    },
    microsoft: {
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      authorityHost: microsoft.authorityHost,
      graphBaseUrl: microsoft.graphBaseUrl,
      fetch: microsoft.fetch,
      retryPolicy: FAST_RETRY,
    },
  });
}

/** The three providers' servers, started in order; `stop` stops each that started. */
export interface ProviderFakes {
  readonly google: FakeGoogle;
  readonly googleClient: FakeClient;
  readonly microsoft: FakeMicrosoft;
  readonly radicale: RadicaleServer;
  stop(): Promise<void>;
}

export async function startProviderFakes(options: {
  readonly clock: () => number;
  /** How long the fakes' access tokens last (both fakes); default: each fake's own. */
  readonly accessTokenTtlSec?: number;
}): Promise<ProviderFakes> {
  const ttl = options.accessTokenTtlSec;
  const started = await startFakeGoogle({
    now: options.clock,
    ...(ttl === undefined ? {} : { accessTokenTtlSec: ttl }),
  });
  let microsoft: FakeMicrosoft | undefined;
  try {
    microsoft = await FakeMicrosoft.start({ now: options.clock });
    if (ttl !== undefined) microsoft.setAccessTokenLifetime(ttl);
    const radicale = await startRadicale();
    const graph = microsoft;
    return {
      google: started.fake,
      googleClient: started.client,
      microsoft: graph,
      radicale,
      async stop() {
        await started.fake.stop();
        await graph.close();
        await radicale.stop();
      },
    };
  } catch (error) {
    await started.fake.stop();
    await microsoft?.close();
    throw error;
  }
}

/** Whose connection: the tenant and the person. */
export interface Owner {
  readonly tenantId: string;
  readonly personId: string;
}

/**
 * Adds `calendarId` to the Google fake and stores the person's Google connection to it (free/busy and
 * writing), with freshly issued tokens whose access token the store holds until `expiresAt`.
 */
export async function connectGoogle(
  store: Store,
  google: { readonly fake: FakeGoogle; readonly client: FakeClient },
  owner: Owner,
  calendarId: string,
  expiresAt: number,
): Promise<void> {
  google.fake.addCalendar({ id: calendarId, primary: false });
  const g = google.fake.issueTokens({ clientId: google.client.clientId });
  await store.connections.save({
    ...owner,
    provider: 'google',
    account: calendarId,
    busyCalendarIds: [calendarId],
    writeCalendarId: calendarId,
    secrets: { accessToken: g.access_token, refreshToken: g.refresh_token, expiresAt, scope: g.scope },
  });
}

/** The same on the Graph fake: `mailbox` added, the person's Microsoft connection to it stored. */
export async function connectMicrosoft(
  store: Store,
  microsoft: FakeMicrosoft,
  owner: Owner,
  mailbox: string,
  expiresAt: number,
): Promise<void> {
  microsoft.addMailbox(mailbox);
  const m = microsoft.issueTokens(mailbox);
  await store.connections.save({
    ...owner,
    provider: 'microsoft',
    account: mailbox,
    busyCalendarIds: [mailbox],
    writeCalendarId: mailbox,
    secrets: { accessToken: m.accessToken, refreshToken: m.refreshToken, expiresAt },
  });
}

/** The same on Radicale: a new calendar `name` (MKCALENDAR), the person's CalDAV connection; its URL. */
export async function connectCaldav(
  store: Store,
  radicale: RadicaleServer,
  owner: Owner,
  name: string,
): Promise<string> {
  const calendarId = await radicale.mkcalendar(name);
  await store.connections.save({
    ...owner,
    provider: 'caldav',
    account: radicale.url,
    busyCalendarIds: [calendarId],
    writeCalendarId: calendarId,
    secrets: { username: radicale.username, password: radicale.password },
  });
  return calendarId;
}

export type Provider = 'google' | 'microsoft' | 'caldav';
export const PROVIDERS: readonly Provider[] = ['google', 'microsoft', 'caldav'];

/** One person of a provider's pair: Slack user id, person id, and the calendar they book into. */
export interface Participant {
  readonly user: string;
  readonly personId: string;
  readonly calendarId: string;
}

/**
 * The three providers behind CalendarAccess, the Slack harness on one installed team, and per provider
 * two people (Olga in London, Ana in Paris; en-GB, Monday to Friday 09:00–17:00) whose calendar there
 * is connected for free/busy and writing.
 */
export interface SlackProvidersWorld extends Omit<ProviderFakes, 'stop'> {
  readonly store: Store;
  readonly h: Harness;
  /** The Slack team id of the workspace. */
  readonly teamId: string;
  readonly workspace: Workspace;
  readonly calendars: CalendarAccess;
  readonly notifier: Notifier;
  /** Per provider: [Olga, Ana]. */
  readonly people: ReadonlyMap<Provider, readonly Participant[]>;
  close(): Promise<void>;
}

export async function startSlackProvidersWorld(options: {
  readonly clock: () => number;
  /** The Slack team id (its workspace is named Acme). */
  readonly teamId: string;
  /** The Radicale calendars are `${calendarPrefix}-olga` and `${calendarPrefix}-ana`. */
  readonly calendarPrefix: string;
  /** When the stored Google and Graph access tokens expire. */
  readonly tokensExpireAt: number;
}): Promise<SlackProvidersWorld> {
  const { clock, teamId, tokensExpireAt: expiresAt } = options;
  const store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('e2e'),
    log: () => undefined,
  });
  let fakes: ProviderFakes | undefined;
  let h: Harness | undefined;
  try {
    fakes = await startProviderFakes({ clock });
    const { google, googleClient, microsoft, radicale } = fakes;
    const notifier: Notifier = { dm: async () => ({ ok: true }) };
    const providers = fakeProviderFactory({
      clock,
      google: { fake: google, client: googleClient },
      microsoft,
      // Radicale listens on loopback, which the connector's address guard refuses unless allowed.
      caldav: { retry: FAST_RETRY, allowedNetworks: ['127.0.0.1/32'] },
    });
    const calendars = new CalendarAccess({ connections: store.connections, providers, notifier, clock });
    h = await startHarness({ store, deps: { busy: calendars, writer: calendars, notifier, clock } });
    const { workspace } = await installTeam(h, teamId, 'Acme');
    const tenantId = workspace.tenantId;
    const people = new Map<Provider, Participant[]>();
    for (const provider of PROVIDERS) {
      const pair: Participant[] = [];
      for (const [name, tz] of [
        ['olga', 'Europe/London'],
        ['ana', 'Europe/Paris'],
      ] as const) {
        const user = `U${name.toUpperCase()}${provider.slice(0, 1).toUpperCase()}`;
        h.fake.addUser(teamId, {
          id: user,
          name: `${name}-${provider}`,
          real_name: `${name} (${provider})`,
          tz,
        });
        const person = (await store.people.upsertByIdentity({
          workspaceId: workspace.id,
          externalUserId: user,
          displayName: `${name} (${provider})`,
        }))!;
        await store.preferences.set(tenantId, person.id, {
          timeZone: tz,
          locale: 'en-GB',
          workingHours: { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], overrides: [] },
        });
        const who = { tenantId, personId: person.id };
        let calendarId: string;
        if (provider === 'google') {
          calendarId = `${name}@acme.test`;
          await connectGoogle(store, { fake: google, client: googleClient }, who, calendarId, expiresAt);
        } else if (provider === 'microsoft') {
          calendarId = `${name}@contoso.test`;
          await connectMicrosoft(store, microsoft, who, calendarId, expiresAt);
        } else {
          calendarId = await connectCaldav(store, radicale, who, `${options.calendarPrefix}-${name}`);
        }
        pair.push({ user, personId: person.id, calendarId });
      }
      people.set(provider, pair);
    }
    const started = fakes;
    const harness = h;
    return {
      google,
      googleClient,
      microsoft,
      radicale,
      store,
      h: harness,
      teamId,
      workspace,
      calendars,
      notifier,
      people,
      async close() {
        await harness.close();
        await started.stop();
        await store.close();
      },
    };
  } catch (error) {
    await h?.close();
    await fakes?.stop();
    await store.close();
    throw error;
  }
}

/**
 * Olga asks `/meet @ana 30m every tuesday "Weekly <provider>"` in `channelId` and Ana books the first
 * proposal (the calendars are written when the caller drains the outbox): the booking's id.
 */
export async function bookWeeklyFromSlack(
  w: SlackProvidersWorld,
  provider: Provider,
  channelId: string,
): Promise<string> {
  const { h, teamId } = w;
  const [olga, ana] = w.people.get(provider)!;
  await h.fake.command({
    teamId,
    userId: olga!.user,
    channelId,
    text: `<@${ana!.user}|ana> 30m every tuesday "Weekly ${provider}"`,
  });
  const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals', 20_000);
  const book = buttons(message.blocks).find((b) => b.actionId.startsWith('book:'))!;
  await h.fake.click({
    teamId,
    userId: ana!.user,
    actionId: book.actionId,
    value: book.value,
    channelId,
    messageTs: message.ts,
  });
  await until(() => message.updates === 1, 'the confirmation', 20_000);
  return buttons(message.blocks)
    .find((b) => b.actionId.startsWith('mcancel:'))!
    .actionId.split(':')[1]!;
}

/**
 * The people's free/busy read fresh from their providers over `window`: whether every read was
 * complete, and at an instant each one's 'busy' or 'free' (in `personIds` order).
 */
export async function freeBusyAt(
  w: SlackProvidersWorld,
  personIds: readonly string[],
  window: { readonly start: number; readonly end: number },
): Promise<{ complete: boolean; at(t: number): ('busy' | 'free')[] }> {
  const read = await w.calendars.busyFor(w.workspace.tenantId, [...personIds], window, { fresh: true });
  return {
    complete: read.people.every((p) => p.complete),
    at: (t) => read.people.map((p) => (p.busy.some((b) => b.start <= t && b.end > t) ? 'busy' : 'free')),
  };
}

/** Runs the outbox worker (as of `now`) until it claims nothing, six rounds at the most. */
export async function drainOutbox(world: SlackProvidersWorld, now: number): Promise<void> {
  for (let i = 0; i < 6; i++) {
    const run = await runOutboxOnce(
      { store: world.store, writer: world.calendars, notifier: world.notifier, log: () => undefined },
      { worker: 'test', now },
    );
    if (run.claimed === 0) return;
  }
}

/** The URLs (as listed, relative to the server) of a CalDAV collection's `.ics` resources. */
export async function caldavHrefs(radicale: RadicaleServer, collection: string): Promise<string[]> {
  const listing = await fetch(collection, {
    method: 'PROPFIND',
    headers: { authorization: radicale.authorization, depth: '1' },
    body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
  });
  return [...(await listing.text()).matchAll(/<href>([^<]+\.ics)<\/href>/g)].map((m) => m[1]!);
}

/** The CalDAV collection's resources (one per stored event, a series with its overrides in one). */
export async function caldavResources(radicale: RadicaleServer, collection: string): Promise<string[]> {
  const hrefs = await caldavHrefs(radicale, collection);
  return Promise.all(
    hrefs.map(async (href) =>
      (await fetch(new URL(href, collection), { headers: { authorization: radicale.authorization } })).text(),
    ),
  );
}
