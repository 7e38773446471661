/**
 * CalendarAccess against the Google and Microsoft fakes with connections stored on in-memory PGlite:
 * merged busy times, cache (hit, TTL, fresh, invalidate), gaps instead of throws (not linked, 429 storm,
 * timeout, unknown calendar), token rotation persisted, invalid_grant → reauth_required + one re-link DM,
 * idempotent writes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryStateNonceStore } from '../../../src/app/link/nonces.ts';
import { LinkCalendar } from '../../../src/app/link-calendar.ts';
import type { Notifier } from '../../../src/app/ports/calendars.ts';
import type { CalendarConnection, Person } from '../../../src/app/ports/store.ts';
import { relinkWording } from '../../../src/app/relink-notice.ts';
import { CalendarAccess } from '../../../src/connectors/access/calendar-access.ts';
import { createProviderFactory, type ProviderFactory } from '../../../src/connectors/access/providers.ts';
import type { RetryPolicy } from '../../../src/connectors/retry.ts';
import { HOUR, MINUTE } from '../../../src/core/interval.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { type FakeClient, type FakeGoogle, startFakeGoogle } from '../../fakes/google/server.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeMicrosoft } from '../../fakes/microsoft/server.ts';

const START = Date.UTC(2030, 0, 15, 8);
let now = START;
const clock = () => now;
const DAY_RANGE = { start: START, end: START + 10 * HOUR };
const FREEBUSY = 'POST /calendar/v3/freeBusy';
const TOKEN = 'POST /token';
const BASE = 'https://convene.test';
const retryPolicy: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 1,
  sleep: async () => undefined,
  random: () => 0,
};

interface Dm {
  personId: string;
  message: { text: string; link?: { label: string; url: string } };
}

let store: Store;
let google: FakeGoogle;
let googleClient: FakeClient;
let microsoft: FakeMicrosoft;
let providers: ProviderFactory;
let link: LinkCalendar;
const dms: Dm[] = [];
const notifier: Notifier = {
  async dm(_tenantId, personId, message) {
    dms.push({ personId, message });
    return { ok: true };
  },
};
let workspaceId: string;
let counter = 0;

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('t1'),
    log: () => undefined,
  });
  workspaceId = (await store.workspaces.install({ platform: 'slack', externalId: 'T1', name: 'Acme' })).id;
  ({ fake: google, client: googleClient } = await startFakeGoogle({ now: clock }));
  microsoft = await FakeMicrosoft.start({ now: clock });
  providers = createProviderFactory({
    clock,
    google: {
      clientId: googleClient.clientId,
      clientSecret: googleClient.clientSecret,
      tokenEndpoint: google.endpoints.tokenUrl,
      revokeEndpoint: google.endpoints.revokeUrl,
      rootUrl: google.rootUrl,
      retryPolicy,
    },
    microsoft: {
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      authorityHost: microsoft.authorityHost,
      graphBaseUrl: microsoft.graphBaseUrl,
      fetch: microsoft.fetch,
      retryPolicy,
    },
  });
  link = new LinkCalendar({
    people: store.people,
    connections: store.connections,
    providers,
    notifier,
    nonces: new InMemoryStateNonceStore(clock),
    publicBaseUrl: BASE,
    stateSecret: 'calendar-access-test-secret-0123456789abcdef',
    clock,
  });
});

afterAll(async () => {
  await google?.stop();
  await microsoft?.close();
  await store?.close();
});

beforeEach(() => {
  now = START;
  dms.length = 0;
  google.resetControls();
  microsoft.resetObservations();
  microsoft.clearFailures();
});

function access(options: { timeoutMs?: number; cacheTtlMs?: number } = {}): CalendarAccess {
  return new CalendarAccess({
    connections: store.connections,
    providers,
    notifier,
    relinkUrl: (tenantId, personId, provider) => link.relinkUrl(tenantId, personId, provider),
    relinkWording: relinkWording(store.preferences),
    clock,
    ...options,
  });
}

async function newPerson(): Promise<Person> {
  counter += 1;
  return (await store.people.upsertByIdentity({
    workspaceId,
    externalUserId: `U${counter}`,
    displayName: `Person ${counter}`,
  }))!;
}

/** A person with a Google connection on their own calendar of the fake (tokens minted by the fake). */
async function googlePerson(options: { expired?: boolean } = {}) {
  const person = await newPerson();
  const calendarId = `p${counter}@acme.test`;
  google.addCalendar({ id: calendarId, primary: false });
  const tokens = google.issueTokens({ clientId: googleClient.clientId });
  const connection = (await store.connections.save({
    tenantId: person.tenantId,
    personId: person.id,
    provider: 'google',
    account: calendarId,
    busyCalendarIds: [calendarId],
    writeCalendarId: calendarId,
    secrets: {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: options.expired ? now - 1 : now + HOUR,
      scope: tokens.scope,
    },
  }))!;
  return { person, calendarId, connection, tokens };
}

async function addMicrosoft(
  person: Person,
  options: { expired?: boolean } = {},
): Promise<CalendarConnection> {
  const mailbox = `m${counter}@contoso.test`;
  microsoft.addMailbox(mailbox);
  const tokens = microsoft.issueTokens(mailbox);
  return (await store.connections.save({
    tenantId: person.tenantId,
    personId: person.id,
    provider: 'microsoft',
    account: mailbox,
    busyCalendarIds: [mailbox],
    writeCalendarId: mailbox,
    secrets: {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: options.expired ? now - 1 : now + HOUR,
    },
  }))!;
}

describe('busyFor', () => {
  it('merges every calendar of each person, records lastSyncAt, and reports people without calendars', async () => {
    const { person, calendarId, connection } = await googlePerson();
    google.seed(calendarId, [
      { id: 'g1', start: START + HOUR, end: START + 2 * HOUR },
      { id: 'g2', start: START + 5 * HOUR, end: START + 6 * HOUR, transparent: true },
    ]);
    const ms = await addMicrosoft(person);
    microsoft.seed(ms.account, [{ title: 'sync', start: START + 90 * MINUTE, end: START + 3 * HOUR }]);
    const nobody = await newPerson();

    now = START + 5 * MINUTE;
    const result = await access().busyFor(person.tenantId, [person.id, nobody.id, person.id], DAY_RANGE);
    expect(result.people).toEqual([
      { personId: person.id, busy: [{ start: START + HOUR, end: START + 3 * HOUR }], complete: true },
      { personId: nobody.id, busy: [], complete: false },
    ]);
    expect(result.gaps).toEqual([
      { personId: nobody.id, connectionId: null, code: 'not_linked', message: 'No calendar is linked.' },
    ]);
    for (const id of [connection.id, ms.id]) {
      expect(await store.connections.get(person.tenantId, id)).toMatchObject({
        status: 'ok',
        lastSyncAt: START + 5 * MINUTE,
      });
    }
    // Another tenant's id reads nothing of this person.
    const foreign = await access().busyFor('00000000-0000-4000-8000-000000000000', [person.id], DAY_RANGE);
    expect(foreign.gaps.map((g) => g.code)).toEqual(['not_linked']);
    expect(foreign.people[0]!.busy).toEqual([]);
  });

  it('records a successful read only when something changed: lastSyncAt at most once a minute, a status change at once', async () => {
    const { person, calendarId, connection } = await googlePerson();
    google.seed(calendarId, []);
    const calendars = access();
    const lastSync = async () => (await store.connections.get(person.tenantId, connection.id))?.lastSyncAt;
    now = START + 5 * MINUTE;
    await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(await lastSync()).toBe(START + 5 * MINUTE);
    // Read again 30 s later (cache dropped): status already ok, last sync recent → no write.
    now = START + 5 * MINUTE + 30_000;
    calendars.invalidate(connection.id);
    await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(await lastSync()).toBe(START + 5 * MINUTE);
    // A minute after the recorded sync: written again.
    now = START + 6 * MINUTE;
    calendars.invalidate(connection.id);
    await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(await lastSync()).toBe(START + 6 * MINUTE);
    // A connection marked in error is set back to ok by the next successful read, whatever the interval.
    await store.connections.setHealth(person.tenantId, connection.id, { status: 'error', detail: 'x' });
    now = START + 6 * MINUTE + 1_000;
    calendars.invalidate(connection.id);
    await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(await store.connections.get(person.tenantId, connection.id)).toMatchObject({
      status: 'ok',
      statusDetail: null,
      lastSyncAt: START + 6 * MINUTE + 1_000,
    });
  });

  it('reads several people with one connection list, one secrets read and one health write', async () => {
    const people = [await googlePerson(), await googlePerson(), await googlePerson()];
    for (const p of people)
      google.seed(p.calendarId, [{ id: 'x', start: START + HOUR, end: START + 2 * HOUR }]);
    const calls: string[] = [];
    const counted = new Proxy(store.connections, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function'
          ? (...args: unknown[]) => {
              calls.push(String(key));
              return value.apply(target, args);
            }
          : value;
      },
    });
    const calendars = new CalendarAccess({ connections: counted, providers, notifier, clock });
    now = START + 10 * MINUTE;
    const tenantId = people[0]!.person.tenantId;
    const ids = people.map((p) => p.person.id);
    const result = await calendars.busyFor(tenantId, ids, DAY_RANGE);
    expect(result.people.map((p) => p.complete)).toEqual([true, true, true]);
    expect(result.people[2]!.busy).toEqual([{ start: START + HOUR, end: START + 2 * HOUR }]);
    expect(calls.sort()).toEqual(['listForPeople', 'markSynced', 'secretsMany']);
    // Warm: the connection list only, no secrets, no write, no provider call.
    calls.length = 0;
    const before = google.count(FREEBUSY);
    await calendars.busyFor(tenantId, ids, DAY_RANGE);
    expect(calls).toEqual(['listForPeople']);
    expect(google.count(FREEBUSY)).toBe(before);
  });

  it('serves repeated reads from the cache until the TTL; fresh: true and invalidate() go to the provider', async () => {
    const { person, calendarId, connection } = await googlePerson();
    google.seed(calendarId, [{ id: 'c1', start: START + HOUR, end: START + 2 * HOUR }]);
    const calendars = access({ cacheTtlMs: 60_000 });
    const first = await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(google.count(FREEBUSY)).toBe(1);

    google.seed(calendarId, [{ id: 'c2', start: START + 3 * HOUR, end: START + 4 * HOUR }]);
    now += 59_000;
    const cached = await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(google.count(FREEBUSY)).toBe(1);
    expect(cached).toEqual(first);

    const fresh = await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE, { fresh: true });
    expect(google.count(FREEBUSY)).toBe(2);
    expect(fresh.people[0]!.busy).toHaveLength(2);

    // Another range is another cache entry.
    await calendars.busyFor(person.tenantId, [person.id], { start: START, end: START + 11 * HOUR });
    expect(google.count(FREEBUSY)).toBe(3);

    calendars.invalidate(connection.id);
    await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(google.count(FREEBUSY)).toBe(4);
    now += 60_000;
    await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(google.count(FREEBUSY)).toBe(5);
  });

  it('with the store invalidations, a write or invalidate() on one instance drops the free/busy cached by another', async () => {
    const { person, calendarId, connection } = await googlePerson();
    google.seed(calendarId, [{ id: 'r1', start: START + HOUR, end: START + 2 * HOUR }]);
    // Two replicas' CalendarAccess, sharing the store's invalidations (in-process on PGlite, NOTIFY on PostgreSQL).
    const shared = { invalidations: store.invalidations };
    const a = new CalendarAccess({ connections: store.connections, providers, notifier, clock, ...shared });
    const b = new CalendarAccess({ connections: store.connections, providers, notifier, clock, ...shared });
    await b.busyFor(person.tenantId, [person.id], DAY_RANGE);
    await b.busyFor(person.tenantId, [person.id], DAY_RANGE);
    const reads = google.count(FREEBUSY);
    a.invalidate(connection.id); // e.g. a provider webhook received by replica A
    await b.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(google.count(FREEBUSY)).toBe(reads + 1);
    // Without the shared invalidations, B keeps its cache.
    const c = access({ cacheTtlMs: 60_000 });
    await c.busyFor(person.tenantId, [person.id], DAY_RANGE);
    a.invalidate(connection.id);
    await c.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(google.count(FREEBUSY)).toBe(reads + 2);
  });

  it('a 429 storm is retried a bounded number of times and reported as a gap, not thrown', async () => {
    const { person, calendarId, connection } = await googlePerson();
    google.seed(calendarId, [{ id: 'r1', start: START + HOUR, end: START + 2 * HOUR }]);
    google.failNext(FREEBUSY, { status: 429, reason: 'rateLimitExceeded' }, 50);
    const result = await access().busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(google.count(FREEBUSY)).toBe(retryPolicy.attempts);
    expect(result.people[0]).toEqual({ personId: person.id, busy: [], complete: false });
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]).toMatchObject({
      personId: person.id,
      connectionId: connection.id,
      code: 'unavailable',
    });
    expect(await store.connections.get(person.tenantId, connection.id)).toMatchObject({ status: 'error' });
    expect(dms).toHaveLength(0);
  });

  it('a provider slower than the time box is a timeout gap while the other calendars still count', async () => {
    const { person } = await googlePerson();
    const ms = await addMicrosoft(person);
    microsoft.seed(ms.account, [{ title: 'x', start: START + HOUR, end: START + 2 * HOUR }]);
    google.setLatency(1_500);
    const started = performance.now();
    const result = await access({ timeoutMs: 100 }).busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.gaps.map((g) => g.code)).toEqual(['timeout']);
    expect(result.people[0]).toEqual({
      personId: person.id,
      busy: [{ start: START + HOUR, end: START + 2 * HOUR }],
      complete: false,
    });
  });

  it('a calendar the provider does not know is a not_found gap', async () => {
    const { person, calendarId, connection } = await googlePerson();
    await store.connections.selectCalendars(person.tenantId, connection.id, {
      busyCalendarIds: [calendarId, 'gone@acme.test'],
      writeCalendarId: calendarId,
    });
    const result = await access().busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(result.gaps).toEqual([
      expect.objectContaining({
        connectionId: connection.id,
        code: 'not_found',
        message: expect.stringContaining('gone@acme.test'),
      }),
    ]);
  });

  it('persists rotated tokens: a refreshed Google access token, the newest Microsoft refresh token', async () => {
    const { person, connection } = await googlePerson({ expired: true });
    const ms = await addMicrosoft(person, { expired: true });
    const before = (await store.connections.secrets(person.tenantId, connection.id))!;
    const msBefore = (await store.connections.secrets(person.tenantId, ms.id))!;
    const result = await access().busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(result.gaps).toEqual([]);
    expect(google.count(TOKEN)).toBe(1);

    const after = (await store.connections.secrets(person.tenantId, connection.id))!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after.expiresAt).toBeGreaterThan(now);
    const msAfter = (await store.connections.secrets(person.tenantId, ms.id))!;
    expect(msAfter.refreshToken).not.toBe(msBefore.refreshToken);
    expect(msAfter.refreshToken).toBe(microsoft.issuedRefreshTokens.at(-1));
  });

  it("the invalid_grant re-link DM is worded in the owner's language (fr, de), once per broken connection", async () => {
    const expected = {
      'fr-FR': {
        text: /^Convene ne peut plus lire votre agenda Google \(.+\) : l’accès a été révoqué ou a expiré\. Liez-le de nouveau/,
        label: 'Lier de nouveau votre agenda Google',
      },
      'de-DE': {
        text: /^Convene kann deinen Google-Kalender \(.+\) nicht mehr lesen: Der Zugriff wurde widerrufen oder ist abgelaufen\. Verbinde ihn erneut/,
        label: 'Google-Kalender erneut verbinden',
      },
    } as const;
    for (const [locale, wording] of Object.entries(expected)) {
      dms.length = 0;
      const { person, connection, tokens } = await googlePerson({ expired: true });
      await store.preferences.set(person.tenantId, person.id, {
        timeZone: 'Europe/Berlin',
        locale,
        workingHours: { rules: [], overrides: [] },
      });
      google.revokeRefreshToken(tokens.refresh_token);
      const calendars = access();
      await Promise.all([
        calendars.busyFor(person.tenantId, [person.id], DAY_RANGE, { fresh: true }),
        calendars.busyFor(person.tenantId, [person.id], DAY_RANGE, { fresh: true }),
      ]);
      await calendars.writeFor(person.tenantId, person.id, {
        title: 'Sync',
        start: START + 2 * HOUR,
        end: START + 3 * HOUR,
        timeZone: 'UTC',
        attendees: [],
        conference: false,
        idempotencyKey: `relink-${locale}`,
      });
      expect(dms).toHaveLength(1);
      expect(dms[0]!.personId).toBe(person.id);
      expect(dms[0]!.message.text).toMatch(wording.text);
      expect(dms[0]!.message.text).toContain(connection.account);
      expect(dms[0]!.message.link).toMatchObject({ label: wording.label });
      expect(dms[0]!.message.link?.url.startsWith(`${BASE}/oauth/google/start?state=`)).toBe(true);
    }
  });

  it('invalid_grant marks the connection reauth_required and DMs one re-link link, even to concurrent reads', async () => {
    const { person, connection, tokens } = await googlePerson({ expired: true });
    google.revokeRefreshToken(tokens.refresh_token);
    const calendars = access();
    const reads = await Promise.all([
      calendars.busyFor(person.tenantId, [person.id], DAY_RANGE, { fresh: true }),
      calendars.busyFor(person.tenantId, [person.id], DAY_RANGE, { fresh: true }),
    ]);
    for (const read of reads) {
      expect(read.gaps).toEqual([
        expect.objectContaining({ connectionId: connection.id, code: 'reauth_required' }),
      ]);
    }
    expect(await store.connections.get(person.tenantId, connection.id)).toMatchObject({
      status: 'reauth_required',
    });
    expect(dms).toHaveLength(1);
    expect(dms[0]!.personId).toBe(person.id);
    expect(dms[0]!.message.text).toMatch(/link it again/i);
    expect(dms[0]!.message.link?.url.startsWith(`${BASE}/oauth/google/start?state=`)).toBe(true);

    // Later reads (another instance too) skip the connection without a request and without another DM.
    const tokenRequests = google.count(TOKEN);
    const later = await access().busyFor(person.tenantId, [person.id], DAY_RANGE, { fresh: true });
    expect(later.gaps).toEqual([expect.objectContaining({ code: 'reauth_required' })]);
    expect(google.count(TOKEN)).toBe(tokenRequests);
    expect(google.count(FREEBUSY)).toBe(0);
    expect(dms).toHaveLength(1);
    expect((await calendars.health(person.tenantId, person.id))[0]).toMatchObject({
      connectionId: connection.id,
      status: 'reauth_required',
    });
  });

  it('a Microsoft refresh token revoked (AADSTS50173) is handled the same way', async () => {
    const person = await newPerson();
    const ms = await addMicrosoft(person, { expired: true });
    microsoft.revokeRefreshToken('AADSTS50173', ms.account);
    const result = await access().busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(result.gaps).toEqual([expect.objectContaining({ connectionId: ms.id, code: 'reauth_required' })]);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.message.link?.url.startsWith(`${BASE}/oauth/microsoft/start?state=`)).toBe(true);
  });
});

describe('writeFor', () => {
  it('writes to the write calendar once per idempotency key, and invalidates the cached busy time', async () => {
    const { person, calendarId, connection } = await googlePerson();
    const calendars = access();
    await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    const draft = {
      idempotencyKey: 'booking-123-person',
      title: 'Planning',
      start: START + 2 * HOUR,
      end: START + 3 * HOUR,
      timeZone: 'Europe/Paris',
      attendees: [],
      conference: false,
    };
    const first = await calendars.writeFor(person.tenantId, person.id, draft);
    const second = await calendars.writeFor(person.tenantId, person.id, draft);
    expect(first).toMatchObject({ ok: true, connectionId: connection.id });
    expect(second).toMatchObject({ ok: true, connectionId: connection.id });
    if (!first.ok || !second.ok) throw new Error('unreachable');
    expect(second.event.eventId).toBe(first.event.eventId);
    expect(google.stored(calendarId)).toHaveLength(1);

    const requests = google.count(FREEBUSY);
    const read = await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(google.count(FREEBUSY)).toBe(requests + 1);
    expect(read.people[0]!.busy).toEqual([{ start: START + 2 * HOUR, end: START + 3 * HOUR }]);
  });

  it('answers values for a person without calendars or needing a re-link', async () => {
    const nobody = await newPerson();
    const draft = {
      idempotencyKey: 'k',
      title: 't',
      start: START,
      end: START + HOUR,
      timeZone: 'UTC',
      attendees: [],
      conference: false,
    };
    expect(await access().writeFor(nobody.tenantId, nobody.id, draft)).toMatchObject({
      ok: false,
      connectionId: null,
      code: 'not_linked',
    });
    const { person, connection } = await googlePerson();
    await store.connections.setHealth(person.tenantId, connection.id, { status: 'reauth_required' });
    expect(await access().writeFor(person.tenantId, person.id, draft)).toMatchObject({
      ok: false,
      connectionId: connection.id,
      code: 'reauth_required',
    });
    expect(google.count('POST /calendar/v3/calendars/:calendarId/events')).toBe(0);
  });
});

describe('updateFor and deleteFor (reschedule, cancel)', () => {
  const draft = (start: number) => ({
    idempotencyKey: `booking-edit-${counter}`,
    title: 'Planning',
    start,
    end: start + HOUR,
    timeZone: 'Europe/Paris',
    attendees: [],
    conference: false,
  });

  it('moves the written event in place and deletes it through the connection that wrote it', async () => {
    const { person, calendarId, connection } = await googlePerson();
    const calendars = access();
    const written = await calendars.writeFor(person.tenantId, person.id, draft(START + HOUR));
    if (!written.ok) throw new Error(`write failed: ${written.code}`);
    const target = { connectionId: connection.id, calendarId, eventId: written.event.eventId };

    const moved = await calendars.updateFor(person.tenantId, person.id, target, draft(START + 4 * HOUR));
    expect(moved).toMatchObject({ ok: true, connectionId: connection.id });
    expect(google.stored(calendarId).map((e) => [e.id, e.start, e.end])).toEqual([
      [written.event.eventId, START + 4 * HOUR, START + 5 * HOUR],
    ]);
    const busy = await calendars.busyFor(person.tenantId, [person.id], DAY_RANGE);
    expect(busy.people[0]!.busy).toEqual([{ start: START + 4 * HOUR, end: START + 5 * HOUR }]);

    expect(await calendars.deleteFor(person.tenantId, person.id, target)).toEqual({ ok: true });
    expect(google.stored(calendarId)).toHaveLength(0);
    expect(await calendars.deleteFor(person.tenantId, person.id, target)).toEqual({ ok: true });
  });

  it('refuses to edit through a connection that is gone or belongs to someone else', async () => {
    const { person, calendarId, connection } = await googlePerson();
    const other = await newPerson();
    const target = { connectionId: connection.id, calendarId, eventId: 'abcdefghij' };
    expect(await access().deleteFor(other.tenantId, other.id, target)).toMatchObject({
      ok: false,
      code: 'not_linked',
    });
    expect(
      await access().updateFor(person.tenantId, person.id, { ...target, connectionId: null }, draft(START)),
    ).toMatchObject({ ok: false, code: 'not_linked' });
    expect(google.count('DELETE /calendar/v3/calendars/:calendarId/events/:eventId')).toBe(0);
  });
});

describe('changeSeriesFor (one occurrence of a series)', () => {
  it('cancels and moves one occurrence of the written series through the connection that wrote it', async () => {
    const { person, calendarId, connection } = await googlePerson();
    const calendars = access();
    const first = START + HOUR; // 15 January 2030, 10:00 Paris, daily, 3 times
    const written = await calendars.writeFor(person.tenantId, person.id, {
      idempotencyKey: `booking-series-${counter}`,
      title: 'Standup',
      start: first,
      end: first + HOUR / 2,
      timeZone: 'Europe/Paris',
      attendees: [],
      conference: false,
      recurrence: { freq: 'DAILY', interval: 1, count: 3, timeZone: 'Europe/Paris' },
    });
    if (!written.ok) throw new Error(`write failed: ${written.code}`);
    const target = { connectionId: connection.id, calendarId, eventId: written.event.eventId };
    const range = { start: START, end: START + 4 * 24 * HOUR };
    const day = 24 * HOUR;
    // Read (and cached) before the changes: three occurrences.
    expect((await calendars.busyFor(person.tenantId, [person.id], range)).people[0]!.busy).toHaveLength(3);

    expect(
      await calendars.changeSeriesFor(person.tenantId, person.id, target, {
        kind: 'cancel',
        originalStart: first + day,
      }),
    ).toEqual({ ok: true });
    expect(
      await calendars.changeSeriesFor(person.tenantId, person.id, target, {
        kind: 'move',
        originalStart: first + 2 * day,
        start: first + 2 * day + 2 * HOUR,
        end: first + 2 * day + 2.5 * HOUR,
      }),
    ).toEqual({ ok: true });
    // The busy cache was invalidated by the edits: the next read sees them.
    const busy = await calendars.busyFor(person.tenantId, [person.id], range);
    expect(busy.people[0]!.busy).toEqual([
      { start: first, end: first + HOUR / 2 },
      { start: first + 2 * day + 2 * HOUR, end: first + 2 * day + 2.5 * HOUR },
    ]);
    // No occurrence there: a value. Someone else's person: not_linked, nothing sent.
    expect(
      await calendars.changeSeriesFor(person.tenantId, person.id, target, {
        kind: 'move',
        originalStart: first + HOUR,
        start: first + 3 * HOUR,
        end: first + 4 * HOUR,
      }),
    ).toMatchObject({ ok: false, code: 'occurrence_not_found' });
    const other = await newPerson();
    const before = google.requests.length;
    expect(
      await calendars.changeSeriesFor(other.tenantId, other.id, target, {
        kind: 'end',
        originalStart: first + day,
      }),
    ).toMatchObject({ ok: false, code: 'not_linked' });
    expect(google.requests.length).toBe(before);
  });
});
