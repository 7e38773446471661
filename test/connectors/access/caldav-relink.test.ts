/**
 * A CalDAV password that stops working later (Radicale's htpasswd changed under a linked connection):
 * a free/busy read or a write answered 401 marks the connection `reauth_required` and DMs the owner
 * ONE re-link message with a link to Convene's link page, like `invalid_grant` for Google/Microsoft;
 * later requests do not reach the server nor DM again; a re-linked connection (new password) that
 * breaks again gets its own notice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LinkPage } from '../../../src/app/link/page.ts';
import type { Notifier } from '../../../src/app/ports/calendars.ts';
import type { CalendarConnection, Person } from '../../../src/app/ports/store.ts';
import { relinkWording } from '../../../src/app/relink-notice.ts';
import { CalendarAccess } from '../../../src/connectors/access/calendar-access.ts';
import { createProviderFactory } from '../../../src/connectors/access/providers.ts';
import { HOUR } from '../../../src/core/interval.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { type RadicaleServer, startRadicale } from '../../support/radicale.ts';

const LOOPBACK = ['127.0.0.1/32'];
const NOW = Date.UTC(2030, 0, 15, 8);
const RANGE = { start: NOW, end: NOW + 10 * HOUR };
const BASE = 'https://convene.test';

interface Dm {
  personId: string;
  message: { text: string; link?: { label: string; url: string } };
}

let store: Store;
let radicale: RadicaleServer;
let calendarId: string;
let page: LinkPage;
let workspaceId: string;
let person: Person;
let connection: CalendarConnection;
const dms: Dm[] = [];
const notifier: Notifier = {
  async dm(_tenantId, personId, message) {
    dms.push({ personId, message });
    return { ok: true };
  },
};
/** Requests that reached Radicale (counted through the connector's fetch). */
let requests = 0;
/** This process's CalendarAccess: it remembers the notices it sent (one per connection and password). */
let calendars: CalendarAccess;

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('caldav-relink'),
    log: () => undefined,
  });
  radicale = await startRadicale();
  calendarId = await radicale.mkcalendar('work');
  workspaceId = (await store.workspaces.install({ platform: 'slack', externalId: 'TRL', name: 'Acme' })).id;
  person = (await store.people.upsertByIdentity({
    workspaceId,
    externalUserId: 'URL1',
    displayName: 'Rae',
  }))!;
  page = new LinkPage({
    people: store.people,
    connections: store.connections,
    nonces: store.nonces,
    notifier,
    probes: {
      discoverCalDav: async () => {
        throw new Error('not used');
      },
      validateIcs: async () => {
        throw new Error('not used');
      },
    },
    oauthConfigured: () => false,
    settings: { caldav: true, ics: true },
    publicBaseUrl: BASE,
    stateSecret: 'caldav-relink-test-secret-0123456789abcdef',
    clock: () => NOW,
  });
}, 60_000);

afterAll(async () => {
  await radicale?.stop();
  await store?.close();
});

beforeEach(() => {
  dms.length = 0;
});

function access(): CalendarAccess {
  const counting = (async (input: string | URL | Request, init?: RequestInit) => {
    requests += 1;
    return fetch(input, init);
  }) as typeof fetch;
  return new CalendarAccess({
    connections: store.connections,
    providers: createProviderFactory({
      clock: () => NOW,
      caldav: { allowedNetworks: LOOPBACK, fetch: counting },
    }),
    notifier,
    pageRelinkUrl: (tenantId, personId) => page.relinkUrl(tenantId, personId),
    relinkWording: relinkWording(store.preferences),
    clock: () => NOW,
  });
}

async function link(password: string): Promise<CalendarConnection> {
  return (await store.connections.save({
    tenantId: person.tenantId,
    personId: person.id,
    provider: 'caldav',
    account: radicale.url,
    busyCalendarIds: [calendarId],
    writeCalendarId: calendarId,
    secrets: { username: radicale.username, password },
  }))!;
}

const draft = {
  title: 'Sync',
  start: NOW + 2 * HOUR,
  end: NOW + 3 * HOUR,
  timeZone: 'UTC',
  attendees: [],
  conference: false,
};

describe('a CalDAV password that stops working', () => {
  it('a 401 on a free/busy read: reauth_required and one re-link DM with the link page, even to concurrent reads', async () => {
    connection = await link(radicale.password);
    calendars = access();
    const ok = await calendars.busyFor(person.tenantId, [person.id], RANGE, { fresh: true });
    expect(ok.gaps).toEqual([]);
    expect(dms).toHaveLength(0);

    await radicale.setPassword('rotated by the user');
    const reads = await Promise.all([
      calendars.busyFor(person.tenantId, [person.id], RANGE, { fresh: true }),
      calendars.busyFor(person.tenantId, [person.id], RANGE, { fresh: true }),
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
    expect(dms[0]!.message.text).toMatch(/CalDAV calendar/);
    expect(dms[0]!.message.text).toMatch(/password/);
    expect(dms[0]!.message.text).toMatch(/link it again/i);
    const url = dms[0]!.message.link?.url ?? '';
    expect(url.startsWith(`${BASE}/link?state=`)).toBe(true);
    // The link opens the link page for this person.
    const described = await page.describe(new URL(url).searchParams.get('state') ?? undefined);
    expect(described).toMatchObject({ ok: true, displayName: 'Rae' });

    // Later reads and writes (another instance too) skip the connection: no request, no second DM.
    const before = requests;
    const later = await access().busyFor(person.tenantId, [person.id], RANGE, { fresh: true });
    expect(later.gaps).toEqual([expect.objectContaining({ code: 'reauth_required' })]);
    const write = await access().writeFor(person.tenantId, person.id, { ...draft, idempotencyKey: 'k1' });
    expect(write).toMatchObject({ ok: false, code: 'reauth_required' });
    expect(requests).toBe(before);
    expect(dms).toHaveLength(1);
  }, 30_000);

  it('re-linked with the new password it works again; a 401 on a write later gets its own single DM', async () => {
    await radicale.setPassword('second password');
    connection = await link('second password');
    // The same instance that sent the first notice: the new password is a new grant.
    const written = await calendars.writeFor(person.tenantId, person.id, { ...draft, idempotencyKey: 'k2' });
    expect(written).toMatchObject({ ok: true, connectionId: connection.id });
    expect(dms).toHaveLength(0);

    await radicale.setPassword('third password');
    const [first, second] = await Promise.all([
      calendars.writeFor(person.tenantId, person.id, {
        ...draft,
        start: draft.start + HOUR,
        end: draft.end + HOUR,
        idempotencyKey: 'k3',
      }),
      calendars.writeFor(person.tenantId, person.id, {
        ...draft,
        start: draft.start + 2 * HOUR,
        end: draft.end + 2 * HOUR,
        idempotencyKey: 'k4',
      }),
    ]);
    expect(first).toMatchObject({ ok: false, code: 'reauth_required' });
    expect(second).toMatchObject({ ok: false, code: 'reauth_required' });
    expect(await store.connections.get(person.tenantId, connection.id)).toMatchObject({
      status: 'reauth_required',
    });
    expect(dms).toHaveLength(1);
    expect(dms[0]!.message.link?.url.startsWith(`${BASE}/link?state=`)).toBe(true);
  }, 30_000);

  it("the DM is worded in the owner's language: French, then German, once per broken password", async () => {
    const expected = [
      {
        locale: 'fr-FR',
        text: /^Convene ne peut plus lire votre agenda CalDAV \(.+\) : le serveur n’accepte plus le mot de passe enregistré\. Un mot de passe pour app a peut-être été révoqué/,
        label: 'Lier de nouveau votre agenda CalDAV',
      },
      {
        locale: 'de-DE',
        text: /^Convene kann deinen CalDAV-Kalender \(.+\) nicht mehr lesen: Der Server akzeptiert das gespeicherte Passwort nicht mehr\. Vielleicht wurde ein app-spezifisches Passwort widerrufen/,
        label: 'CalDAV-Kalender erneut verbinden',
      },
    ];
    for (const [index, wording] of expected.entries()) {
      dms.length = 0;
      await store.preferences.set(person.tenantId, person.id, {
        timeZone: 'Europe/Paris',
        locale: wording.locale,
        workingHours: { rules: [], overrides: [] },
      });
      const password = `${wording.locale} password`;
      await radicale.setPassword(password);
      connection = await link(password);
      const ok = await calendars.busyFor(person.tenantId, [person.id], RANGE, { fresh: true });
      expect(ok.gaps).toEqual([]);

      await radicale.setPassword(`${wording.locale} rotated`);
      await Promise.all([
        calendars.busyFor(person.tenantId, [person.id], RANGE, { fresh: true }),
        calendars.busyFor(person.tenantId, [person.id], RANGE, { fresh: true }),
        calendars.writeFor(person.tenantId, person.id, { ...draft, idempotencyKey: `lang-${index}` }),
      ]);
      expect(dms).toHaveLength(1);
      expect(dms[0]!.personId).toBe(person.id);
      expect(dms[0]!.message.text).toMatch(wording.text);
      expect(dms[0]!.message.text).toContain(radicale.url);
      expect(dms[0]!.message.link).toMatchObject({ label: wording.label });
      expect(dms[0]!.message.link?.url.startsWith(`${BASE}/link?state=`)).toBe(true);
    }
  }, 30_000);
});
