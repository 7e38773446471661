/**
 * The link page's calendar choice (#18), over HTTP with a real store: after a CalDAV link the page shows
 * the account's calendars with "counts as busy" checkboxes and a "receives new meetings" radio; the POST
 * is refused without the page's cookie or with a wrong MAC, a read-only meeting calendar is refused with
 * the form shown again, a valid choice is saved, and the same form cannot be posted twice.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkPage } from '../../../src/app/link/page.ts';
import type { CalendarRef } from '../../../src/app/ports/provider.ts';
import type { CalendarConnection } from '../../../src/app/ports/store.ts';
import { calendarChoiceUseCases } from '../../../src/app/use-cases.ts';
import { createLinkPageRouter, PAGE_COOKIE } from '../../../src/bot/web/link-page.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';

const SERVER = 'https://dav.example.test/';
const A = `${SERVER}cal/alice/a-meetings/`;
const B = `${SERVER}cal/alice/b-rota/`;
const RO = `${SERVER}cal/alice/c-holidays/`;
const REFS: CalendarRef[] = [
  { id: A, name: 'Meetings', primary: true, writable: true },
  { id: B, name: 'Rota', primary: false, writable: true },
  { id: RO, name: 'Holidays', primary: false, writable: false },
];

let store: Store;
let server: Server;
let base = '';
let page: LinkPage;
let tenantId = '';
let personId = '';
let workspaceId = '';

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('link-choice'),
    log: () => undefined,
  });
  const ws = await store.workspaces.install({ platform: 'slack', externalId: 'TCHOICE', name: 'Acme' });
  tenantId = ws.tenantId;
  workspaceId = ws.id;
  const person = await store.people.upsertByIdentity({
    workspaceId,
    externalUserId: 'UAL',
    displayName: 'Alice',
    handle: 'alice',
    email: null,
  });
  personId = person!.id;
  const choice = calendarChoiceUseCases({
    connections: store.connections,
    calendars: { calendarsOf: async (c: CalendarConnection) => (c.provider === 'caldav' ? REFS : []) },
  });
  page = new LinkPage({
    people: store.people,
    workspaces: store.workspaces,
    preferences: store.preferences,
    connections: store.connections,
    nonces: store.nonces,
    notifier: { dm: async () => ({ ok: true }) },
    probes: {
      discoverCalDav: async () => ({
        ok: true,
        account: {
          serverUrl: SERVER,
          principalUrl: `${SERVER}principals/alice/`,
          service: 'other',
          calendars: REFS.map((r) => ({ id: r.id, name: r.name, writable: r.writable })),
        },
      }),
      validateIcs: async () => {
        throw new Error('not used');
      },
    },
    oauthConfigured: () => false,
    settings: { caldav: true, ics: true },
    publicBaseUrl: 'http://127.0.0.1',
    stateSecret: 'link-choice-test-state-secret-0123456789',
    choice,
  });
  const app = express();
  app.use(createLinkPageRouter({ page, secureCookies: false }));
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await store?.close();
});

function hidden(html: string, name: string, form = ''): string {
  const scope = form ? html.slice(html.indexOf(form)) : html;
  const value = scope.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];
  expect(value, `hidden field ${name}`).toBeDefined();
  return value!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

function post(path: string, fields: Array<[string, string]>, cookie?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie: `${PAGE_COOKIE}=${cookie}` } : {}),
    },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** Links the CalDAV account through the page; returns the choice form's fields and the page cookie. */
async function linkAndOpenChoice(): Promise<{
  state: string;
  confirm: string;
  account: string;
  cookie: string;
}> {
  const started = await page.startLink({
    tenantId,
    personId,
    chatIdentity: { workspaceId, externalUserId: 'UAL' },
  });
  if (!started.ok) throw new Error('startLink failed');
  const shown = await fetch(started.url.replace('http://127.0.0.1', base));
  const cookie = shown.headers.get('set-cookie')?.match(new RegExp(`${PAGE_COOKIE}=([^;]+)`))?.[1];
  expect(cookie).toBeDefined();
  const html = await shown.text();
  const linked = await post(
    '/link/caldav',
    [
      ['state', hidden(html, 'state', 'id="kind-caldav"')],
      ['confirm', hidden(html, 'confirm', 'id="kind-caldav"')],
      ['address', SERVER],
      ['username', 'alice'],
      ['password', 'app-password'],
    ],
    cookie,
  );
  expect(linked.status).toBe(200);
  const done = await linked.text();
  expect(done).toContain('id="choose"');
  // Each calendar: a busy checkbox (own calendars ticked by default) and a write radio (read-only: disabled).
  expect(done).toMatch(/id="busy-1" type="checkbox" name="busy" value="[^"]*a-meetings\/" checked/);
  expect(done).toMatch(/id="write-1" type="radio" name="write" value="[^"]*a-meetings\/" checked/);
  expect(done).toMatch(/id="write-3" type="radio" name="write" value="[^"]*c-holidays\/" disabled/);
  return {
    state: hidden(done, 'state', 'id="choose"'),
    confirm: hidden(done, 'confirm', 'id="choose"'),
    account: hidden(done, 'account', 'id="choose"'),
    cookie: cookie!,
  };
}

describe('POST /link/calendars', () => {
  it('refuses a missing cookie and a wrong MAC, and changes nothing', async () => {
    const form = await linkAndOpenChoice();
    const fields = (confirm: string): Array<[string, string]> => [
      ['state', form.state],
      ['confirm', confirm],
      ['account', form.account],
      ['busy', B],
      ['write', B],
    ];
    const noCookie = await post('/link/calendars', fields(form.confirm));
    expect(noCookie.status).toBe(400);
    expect(await noCookie.text()).toContain('unconfirmed');
    const badMac = await post('/link/calendars', fields(`${form.confirm.slice(0, -2)}xx`), form.cookie);
    expect(badMac.status).toBe(400);
    expect(await badMac.text()).toContain('unconfirmed');
    const noMac = await post('/link/calendars', fields(''), form.cookie);
    expect(noMac.status).toBe(400);
    const [connection] = await store.connections.listForPerson(tenantId, personId);
    expect(connection).toMatchObject({ busyCalendarIds: [A, B], writeCalendarId: A });
  });

  it('refuses a read-only meeting calendar with the form again, saves a valid choice once', async () => {
    const form = await linkAndOpenChoice();
    const base: Array<[string, string]> = [
      ['state', form.state],
      ['confirm', form.confirm],
      ['account', form.account],
      ['busy', B],
    ];
    const readOnly = await post('/link/calendars', [...base, ['write', RO]], form.cookie);
    expect(readOnly.status).toBe(400);
    const again = await readOnly.text();
    expect(again).toContain('“Holidays” is read-only');
    expect(again).toContain('id="choose"'); // the same form, still usable
    const saved = await post('/link/calendars', [...base, ['busy', RO], ['write', A]], form.cookie);
    expect(saved.status).toBe(200);
    const text = await saved.text();
    expect(text).toContain('Calendars saved');
    expect(text).toContain('2 calendars count as busy; new meetings go to “Meetings”');
    const [connection] = await store.connections.listForPerson(tenantId, personId);
    expect(connection).toMatchObject({ busyCalendarIds: [B, RO], writeCalendarId: A });
    // Single use: the same form posted again is refused and changes nothing.
    const replay = await post('/link/calendars', [...base, ['write', B]], form.cookie);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('replayed_state');
    expect((await store.connections.listForPerson(tenantId, personId))[0]).toMatchObject({
      writeCalendarId: A,
    });
  });

  it('does not accept the choice state on the link forms (it links nothing)', async () => {
    const form = await linkAndOpenChoice();
    const refused = await post(
      '/link/caldav',
      [
        ['state', form.state],
        ['confirm', form.confirm],
        ['address', SERVER],
        ['username', 'alice'],
        ['password', 'app-password'],
      ],
      form.cookie,
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('invalid_state');
  });

  it('offers the choice as a page of its own (after an OAuth link): GET sets the cookie, the POST saves once', async () => {
    await linkAndOpenChoice();
    const [connection] = await store.connections.listForPerson(tenantId, personId);
    const url = page.choiceLink({
      tenantId,
      personId,
      workspaceId,
      externalUserId: 'UAL',
      connectionId: connection!.id,
    })!;
    expect(url).toContain('/link/calendars?state=');
    const shown = await fetch(url.replace('http://127.0.0.1', base));
    expect(shown.status).toBe(200);
    const cookie = shown.headers.get('set-cookie')?.match(new RegExp(`${PAGE_COOKIE}=([^;]+)`))?.[1];
    const html = await shown.text();
    expect(html).toMatch(/id="busy-2" type="checkbox" name="busy" value="[^"]*b-rota\/" checked/);
    const fields: Array<[string, string]> = [
      ['state', hidden(html, 'state', 'id="choose"')],
      ['confirm', hidden(html, 'confirm', 'id="choose"')],
      ['account', hidden(html, 'account', 'id="choose"')],
      ['busy', A],
      ['write', B],
    ];
    expect((await post('/link/calendars', fields)).status).toBe(400); // no cookie
    const saved = await post('/link/calendars', fields, cookie);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('new meetings go to “Rota”');
    expect((await store.connections.listForPerson(tenantId, personId))[0]).toMatchObject({
      busyCalendarIds: [A],
      writeCalendarId: B,
    });
    // Used: the page is refused now, and another person's account is never shown.
    expect((await fetch(url.replace('http://127.0.0.1', base))).status).toBe(400);
    const other = page.choiceLink({
      tenantId,
      personId,
      workspaceId,
      externalUserId: 'UAL',
      connectionId: 'not-a-connection-of-alice',
    })!;
    const refused = await fetch(other.replace('http://127.0.0.1', base));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('not (or no longer) one of your linked calendar accounts');
  });
});
