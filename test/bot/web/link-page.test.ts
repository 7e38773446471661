/**
 * The link page over HTTP (the router of src/bot/web/link-page.ts on the LinkPage use case, real
 * connectors' discovery and feed validation, the real store): every CalDAV / ICS error is shown on the
 * page in the reader's language, the form keeps what was typed except the password, nothing is saved
 * and the link stays usable; `webcal://` is saved as `https://`; a linked CalDAV password is stored
 * sealed (the raw row holds no plain text).
 */

import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Locale, type MessageKey, type MsgParams, t } from '../../../src/app/i18n/index.ts';
import { LinkPage } from '../../../src/app/link/page.ts';
import type { CalendarLinkProbes } from '../../../src/app/ports/calendar-link.ts';
import type { Person, Workspace } from '../../../src/app/ports/store.ts';
import { createLinkPageRouter, PAGE_COOKIE } from '../../../src/bot/web/link-page.ts';
import { discoverCalDav } from '../../../src/connectors/caldav/discover.ts';
import { validateIcsFeed } from '../../../src/connectors/ics/validate.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { type RadicaleServer, startRadicale } from '../../support/radicale.ts';
import { localCertificate } from '../../support/tls.ts';

const LOOPBACK = ['127.0.0.1/32'];
const NOW = Date.UTC(2030, 0, 16, 10);
const SECRET = 'link-page-http-test-state-secret-0123456789';
const PASSWORD = 'S3cret-app-pass-do-not-echo';

const FEED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//convene test//EN',
  'X-WR-CALNAME:Rota',
  'BEGIN:VEVENT',
  'UID:shift-1',
  'DTSTAMP:20300116T100000Z',
  'DTSTART:20300121T140000Z',
  'DTEND:20300121T150000Z',
  'SUMMARY:shift',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

let store: Store;
let radicale: RadicaleServer;
let workspace: Workspace;
let me: Person;
let base = '';
let app: Server;
let page: LinkPage;
const servers: Server[] = [];
/** What the probes run with, set per test (the address guard's allowlist, a fake fetch, a timeout). */
let probeOptions: { allowedNetworks?: readonly string[]; fetch?: typeof fetch; timeoutMs?: number } = {};
const seenIcsUrls: string[] = [];

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Fake servers, each on loopback. */
const fakes = { unauthorized: '', website: '', tls: '', silent: '', toMetadata: '' };

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('link-page-http'),
    log: () => undefined,
  });
  radicale = await startRadicale();
  await radicale.mkcalendar('work');
  workspace = await store.workspaces.install({ platform: 'slack', externalId: 'TPAGE', name: 'Acme' });
  me = (await store.people.upsertByIdentity({
    workspaceId: workspace.id,
    externalUserId: 'UME',
    displayName: 'Mia',
    handle: 'mia',
  }))!;

  fakes.unauthorized = await listen(
    createHttpServer((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="dav"' });
      res.end();
    }),
  );
  fakes.website = await listen(
    createHttpServer((req, res) => {
      res.writeHead(req.url === '/.well-known/caldav' ? 404 : 200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Welcome</title><p>Our website</p>');
    }),
  );
  const tls = await localCertificate();
  fakes.tls = await listen(
    createHttpsServer({ key: tls.key, cert: tls.cert }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      res.end(FEED);
    }) as unknown as Server,
  );
  fakes.silent = await listen(createHttpServer(() => undefined));
  fakes.toMetadata = await listen(
    createHttpServer((_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    }),
  );

  const probes: CalendarLinkProbes = {
    discoverCalDav: (input) => discoverCalDav(input, { ...probeOptions, now: () => NOW }),
    validateIcs: (url) => validateIcsFeed(url, probeOptions),
  };
  page = new LinkPage({
    people: store.people,
    workspaces: store.workspaces,
    preferences: store.preferences,
    connections: store.connections,
    nonces: store.nonces,
    notifier: { dm: async () => ({ ok: true }) },
    probes,
    oauthConfigured: () => false,
    settings: { caldav: true, ics: true },
    publicBaseUrl: 'https://convene.example',
    stateSecret: SECRET,
    clock: () => NOW,
  });
  const web = express();
  web.use(createLinkPageRouter({ page, secureCookies: false }));
  app = createHttpServer(web);
  base = `http://${await listen(app)}`;
}, 60_000);

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
  await radicale?.stop();
  await store?.close();
});

beforeEach(() => {
  probeOptions = { allowedNetworks: LOOPBACK, timeoutMs: 5_000 };
});

function decodeEntities(html: string): string {
  return html.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

interface Opened {
  readonly state: string;
  readonly cookie: string;
  readonly confirm: string;
}

/** A fresh link for Mia (or `who`), opened in a "browser": the page's cookie and confirmation field. */
async function openLink(
  locale: Locale = 'en',
  who: { person: Person; userId: string } = { person: me, userId: 'UME' },
): Promise<Opened> {
  const started = await page.startLink({
    tenantId: workspace.tenantId,
    personId: who.person.id,
    chatIdentity: { workspaceId: workspace.id, externalUserId: who.userId },
  });
  if (!started.ok) throw new Error('no link');
  const state = new URL(started.url).searchParams.get('state')!;
  const res = await fetch(`${base}/link?state=${encodeURIComponent(state)}`, {
    headers: { 'accept-language': locale },
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${PAGE_COOKIE}=`));
  const html = await res.text();
  const confirm = /name="confirm" value="([^"]+)"/.exec(html)?.[1];
  if (!cookie || !confirm) throw new Error('the page has no confirmation');
  return { state, cookie: cookie.split(';')[0]!, confirm: decodeEntities(confirm) };
}

async function post(
  opened: Opened,
  path: '/link/caldav' | '/link/icloud' | '/link/ics',
  fields: Record<string, string>,
  locale: Locale = 'en',
): Promise<{ status: number; html: string; error: string }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: opened.cookie,
      'accept-language': locale,
    },
    body: new URLSearchParams({ state: opened.state, confirm: opened.confirm, ...fields }).toString(),
  });
  const html = await res.text();
  const error = decodeEntities(/<div id="error" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '');
  return { status: res.status, html: decodeEntities(html), error };
}

async function saved(): Promise<number> {
  return (await store.connections.listForPerson(workspace.tenantId, me.id)).length;
}

/** The value the page's input `id` shows, or undefined when it has none. */
function inputValue(html: string, id: string): string | undefined {
  const tag = new RegExp(`<input id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
  return /value="([^"]*)"/.exec(tag)?.[1];
}

const LOCALES: readonly Locale[] = ['en', 'fr'];

describe('CalDAV errors on the link page, in the reader’s language', () => {
  it.each(LOCALES)(
    '%s: a 401 names app-specific passwords; the form keeps the address and username, never the password; nothing is saved',
    async (locale) => {
      const opened = await openLink(locale);
      const address = `http://${fakes.unauthorized}/dav/`;
      const shown = await post(
        opened,
        '/link/caldav',
        { address, username: 'mia@example.org', password: PASSWORD },
        locale,
      );
      expect(shown.status).toBe(400);
      expect(shown.error).toContain(
        t(locale, 'link.caldav.unauthorized', { host: fakes.unauthorized, service: 'other' }),
      );
      expect(shown.error).toContain(locale === 'fr' ? 'mot de passe pour app' : 'app-specific password');
      expect(shown.error).toContain('caldav_failed');
      // The page is shown again (the link is still usable) with what was typed, except the password.
      expect(inputValue(shown.html, 'address-caldav')).toBe(address);
      expect(inputValue(shown.html, 'username-caldav')).toBe('mia@example.org');
      expect(inputValue(shown.html, 'password-caldav')).toBeUndefined();
      expect(shown.html).not.toContain(PASSWORD);
      // Other forms are not pre-filled with it.
      expect(inputValue(shown.html, 'username-icloud')).toBeUndefined();
      expect(await saved()).toBe(0);
    },
  );

  it.each(LOCALES)('%s: a 401 from iCloud links to Apple’s app-specific password help', async (locale) => {
    probeOptions = {
      fetch: (async () =>
        new Response('', {
          status: 401,
          headers: { 'www-authenticate': 'Basic realm="x"' },
        })) as typeof fetch,
    };
    const opened = await openLink(locale);
    const shown = await post(
      opened,
      '/link/icloud',
      { username: 'mia@icloud.com', password: PASSWORD },
      locale,
    );
    expect(shown.status).toBe(400);
    expect(shown.error).toContain(`https://support.apple.com/${locale === 'fr' ? 'fr-fr' : 'en-us'}/102654`);
    expect(shown.error).toContain(
      t(locale, 'link.caldav.unauthorized', { host: 'caldav.icloud.com', service: 'icloud' }),
    );
    expect(inputValue(shown.html, 'username-icloud')).toBe('mia@icloud.com');
    expect(shown.html).not.toContain(PASSWORD);
    expect(await saved()).toBe(0);
  });

  it.each(LOCALES)(
    '%s: a 401 from Fastmail (found from the e-mail) links to Fastmail’s help',
    async (locale) => {
      const asked: string[] = [];
      probeOptions = {
        fetch: (async (input: string | URL | Request) => {
          asked.push(String(input));
          return new Response('', { status: 401 });
        }) as typeof fetch,
      };
      const opened = await openLink(locale);
      const shown = await post(
        opened,
        '/link/caldav',
        { address: 'mia@fastmail.com', username: '', password: PASSWORD },
        locale,
      );
      expect(asked[0]).toBe('https://caldav.fastmail.com/dav/');
      expect(shown.error).toContain('https://www.fastmail.help/hc/en-us/articles/360058752854');
      expect(shown.error).toContain(
        t(locale, 'link.caldav.unauthorized', { host: 'fastmail.com', service: 'fastmail' }),
      );
      expect(shown.error).toContain(locale === 'fr' ? 'avec l’accès CalDAV' : 'with CalDAV access');
      expect(inputValue(shown.html, 'address-caldav')).toBe('mia@fastmail.com');
      expect(shown.html).not.toContain(PASSWORD);
      expect(await saved()).toBe(0);
    },
  );

  const cases: ReadonlyArray<{
    name: string;
    address: () => string;
    options?: () => typeof probeOptions;
    key: MessageKey;
    host: () => string;
  }> = [
    {
      name: 'a website that is not a CalDAV server',
      address: () => `http://${fakes.website}/`,
      key: 'link.caldav.notCaldav',
      host: () => fakes.website,
    },
    {
      name: 'a certificate the server cannot prove',
      address: () => `https://${fakes.tls}/dav/`,
      key: 'link.caldav.certificate',
      host: () => fakes.tls,
    },
    {
      name: 'a server that never answers',
      address: () => `http://${fakes.silent}/dav/`,
      options: () => ({ allowedNetworks: LOOPBACK, timeoutMs: 300 }),
      key: 'link.caldav.timeout',
      host: () => fakes.silent,
    },
    {
      name: 'loopback without the allowlist',
      address: () => `http://${fakes.unauthorized}/dav/`,
      options: () => ({ timeoutMs: 2_000 }),
      key: 'link.caldav.forbiddenAddress',
      host: () => fakes.unauthorized,
    },
    {
      name: 'a private (10/8) address',
      address: () => 'http://10.0.0.7/dav/',
      options: () => ({ timeoutMs: 2_000 }),
      key: 'link.caldav.forbiddenAddress',
      host: () => '10.0.0.7',
    },
    {
      name: 'the cloud metadata address',
      address: () => 'http://169.254.169.254/latest/',
      options: () => ({ timeoutMs: 2_000 }),
      key: 'link.caldav.forbiddenAddress',
      host: () => '169.254.169.254',
    },
    {
      name: 'a redirect to the metadata address (loopback allowlisted, the target is not)',
      address: () => `http://${fakes.toMetadata}/dav/`,
      key: 'link.caldav.forbiddenAddress',
      host: () => fakes.toMetadata,
    },
  ];
  for (const locale of LOCALES) {
    for (const c of cases) {
      it(`${locale}: ${c.name}`, async () => {
        if (c.options) probeOptions = c.options();
        const opened = await openLink(locale);
        const address = c.address();
        const shown = await post(
          opened,
          '/link/caldav',
          { address, username: 'mia', password: PASSWORD },
          locale,
        );
        expect(shown.status).toBe(400);
        expect(shown.error).toContain(t(locale, c.key, { host: c.host(), service: 'other' }));
        expect(inputValue(shown.html, 'address-caldav')).toBe(address);
        expect(shown.html).not.toContain(PASSWORD);
        expect(await saved()).toBe(0);
      }, 15_000);
    }
  }
});

describe('the person’s own language', () => {
  it('a person who chose French reads the error in French, whatever the browser says', async () => {
    const zoe = (await store.people.upsertByIdentity({
      workspaceId: workspace.id,
      externalUserId: 'UZOE',
      displayName: 'Zoé',
    }))!;
    await store.preferences.set(workspace.tenantId, zoe.id, {
      timeZone: 'Europe/Paris',
      locale: 'fr-FR',
      workingHours: { rules: [], overrides: [] },
    });
    const opened = await openLink('en', { person: zoe, userId: 'UZOE' });
    const shown = await post(opened, '/link/caldav', {
      address: `http://${fakes.unauthorized}/dav/`,
      username: 'zoe',
      password: PASSWORD,
    });
    expect(shown.html).toContain('<html lang="fr">');
    expect(shown.error).toContain(
      t('fr', 'link.caldav.unauthorized', { host: fakes.unauthorized, service: 'other' }),
    );
    expect(await store.connections.listForPerson(workspace.tenantId, zoe.id)).toEqual([]);
  });
});

describe('ICS errors on the link page', () => {
  const cases: ReadonlyArray<{
    name: string;
    url: () => string;
    options?: () => typeof probeOptions;
    key: MessageKey;
    params: () => MsgParams;
  }> = [
    {
      name: 'a link that is not a calendar (a web page)',
      url: () => `http://${fakes.website}/calendar`,
      key: 'link.ics.notCalendar',
      params: () => ({ host: fakes.website, megabytes: 20 }),
    },
    {
      name: 'a loopback feed without the allowlist',
      url: () => `http://${fakes.website}/feed.ics`,
      options: () => ({}),
      key: 'link.ics.forbiddenAddress',
      params: () => ({ host: fakes.website, megabytes: 20 }),
    },
    {
      name: 'a redirect to the metadata address',
      url: () => `http://${fakes.toMetadata}/feed.ics`,
      key: 'link.ics.forbiddenAddress',
      params: () => ({ host: fakes.toMetadata, megabytes: 20 }),
    },
    {
      name: 'a certificate error',
      url: () => `https://${fakes.tls}/feed.ics`,
      key: 'link.ics.certificate',
      params: () => ({ host: fakes.tls, megabytes: 20 }),
    },
    {
      name: 'a feed server that never answers',
      url: () => `http://${fakes.silent}/feed.ics`,
      options: () => ({ allowedNetworks: LOOPBACK, timeoutMs: 300 }),
      key: 'link.ics.timeout',
      params: () => ({ host: fakes.silent, megabytes: 20 }),
    },
  ];
  for (const locale of LOCALES) {
    for (const c of cases) {
      it(`${locale}: ${c.name}`, async () => {
        if (c.options) probeOptions = c.options();
        const opened = await openLink(locale);
        const url = c.url();
        const shown = await post(opened, '/link/ics', { url }, locale);
        expect(shown.status).toBe(400);
        expect(shown.error).toContain(t(locale, c.key, c.params()));
        expect(shown.error).toContain('ics_failed');
        expect(inputValue(shown.html, 'url-ics')).toBe(url);
        expect(await saved()).toBe(0);
      }, 15_000);
    }
  }
});

describe('linking after an error, and what is saved', () => {
  it('a webcal:// link is fetched and saved as https://', async () => {
    probeOptions = {
      fetch: (async (input: string | URL | Request) => {
        seenIcsUrls.push(String(input));
        return new Response(FEED, { status: 200, headers: { 'content-type': 'text/calendar' } });
      }) as typeof fetch,
    };
    const opened = await openLink();
    const shown = await post(opened, '/link/ics', { url: 'webcal://calendar.example.org/secret/rota.ics' });
    expect(shown.status).toBe(200);
    expect(seenIcsUrls).toEqual(['https://calendar.example.org/secret/rota.ics']);
    const [feed] = await store.connections.listForPerson(workspace.tenantId, me.id);
    expect(feed).toMatchObject({
      provider: 'ics',
      account: 'https://calendar.example.org/secret/rota.ics',
      busyCalendarIds: ['https://calendar.example.org/secret/rota.ics'],
      writeCalendarId: null,
    });
    await store.connections.remove(workspace.tenantId, feed!.id);
  });

  it('a wrong password leaves the link usable; the right one links, and the stored secret is sealed, not the password', async () => {
    const opened = await openLink();
    const wrong = await post(opened, '/link/caldav', {
      address: radicale.url,
      username: radicale.username,
      password: 'not the password',
    });
    expect(wrong.error).toContain('app-specific password');
    const before = await saved();
    const right = await post(opened, '/link/caldav', {
      address: radicale.url,
      username: radicale.username,
      password: radicale.password,
    });
    expect(right.status).toBe(200);
    expect(right.html).toContain('Calendar linked');
    const connections = await store.connections.listForPerson(workspace.tenantId, me.id);
    expect(connections.length).toBe(before + 1);
    const caldav = connections.find((c) => c.provider === 'caldav')!;
    const rows = await store.query<Record<string, unknown>>(
      'SELECT * FROM calendar_connection WHERE id = $1',
      [caldav.id],
    );
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows[0]);
    expect(raw).not.toContain(radicale.password);
    expect(raw).not.toContain('battery');
    expect(String(rows[0]!.tokens_enc)).toMatch(/^v\d+:/);
    // The store opens it again for the connector.
    expect(await store.connections.secrets(workspace.tenantId, caldav.id)).toMatchObject({
      username: radicale.username,
      password: radicale.password,
    });
    // The link was consumed by the success.
    const again = await post(opened, '/link/caldav', {
      address: radicale.url,
      username: radicale.username,
      password: radicale.password,
    });
    expect(again.status).toBe(400);
    expect(again.error).toContain('replayed_state');
  }, 30_000);
});
