/**
 * Linking a CalDAV account against a real Radicale (basic auth on): discovery from the server root, from
 * `/.well-known/caldav` with a redirect, SRV and the built-in iCloud/Fastmail endpoints, the calendar
 * list (name, colour, writable, VEVENT only) and every typed error with its English and French message.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageKey } from '../../src/app/i18n/index.ts';
import { t } from '../../src/app/i18n/index.ts';
import {
  type CalDavDiscoveryOptions,
  type CalDavLinkError,
  discoverCalDav,
} from '../../src/connectors/caldav/discover.ts';
import { createUserFetch } from '../../src/connectors/net/index.ts';
import { type RadicaleServer, startRadicale } from '../support/radicale.ts';
import { localCertificate } from '../support/tls.ts';

const LOOPBACK = ['127.0.0.1/32'];
const NOW = Date.UTC(2030, 0, 1);

let radicale: RadicaleServer;
let work: string;
let front: Server;
let frontUrl: string;
let tls: Server;
let tlsPort: number;
let silent: Server;
let silentUrl: string;
let closedUrl: string;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

async function close(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

beforeAll(async () => {
  radicale = await startRadicale();
  work = await radicale.mkcalendar('work');
  // A colour (Apple's property) on "work", and a task list that must not be offered.
  const proppatch = await fetch(work, {
    method: 'PROPPATCH',
    headers: { authorization: radicale.authorization, 'content-type': 'application/xml' },
    body: `<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" xmlns:ic="http://apple.com/ns/ical/"><d:set><d:prop><d:displayname>Work</d:displayname><ic:calendar-color>#FF5733FF</ic:calendar-color></d:prop></d:set></d:propertyupdate>`,
  });
  expect(proppatch.status).toBe(207);
  const tasks = await fetch(new URL(`${radicale.username}/tasks/`, radicale.url), {
    method: 'MKCALENDAR',
    headers: { authorization: radicale.authorization, 'content-type': 'application/xml' },
    body: `<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>`,
  });
  expect(tasks.status).toBe(201);

  // A website whose /.well-known/caldav redirects to the CalDAV server on another port (origin).
  front = createHttpServer((req, res) => {
    if (req.url === '/.well-known/caldav') res.writeHead(301, { location: radicale.url }).end();
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>');
  });
  frontUrl = `http://127.0.0.1:${await listen(front)}/`;

  const { key, cert } = await localCertificate();
  tls = createHttpsServer({ key, cert }, (_req, res) => res.writeHead(207).end());
  tlsPort = await listen(tls);

  silent = createHttpServer(() => {
    // never answers
  });
  silentUrl = `http://127.0.0.1:${await listen(silent)}/`;

  const gone = createHttpServer();
  closedUrl = `http://127.0.0.1:${await listen(gone)}/`;
  await close(gone);
}, 60_000);

afterAll(async () => {
  await Promise.all([close(front), close(tls), close(silent)]);
  await radicale?.stop();
});

function options(overrides: Partial<CalDavDiscoveryOptions> = {}): CalDavDiscoveryOptions {
  return { allowedNetworks: LOOPBACK, now: () => NOW, timeoutMs: 5_000, ...overrides };
}

function credentials(password = radicale.password) {
  return { username: radicale.username, password };
}

async function failure(promise: ReturnType<typeof discoverCalDav>): Promise<CalDavLinkError> {
  const result = await promise;
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.account)}`);
  return result.error;
}

function say(locale: 'en' | 'fr' | 'de', error: CalDavLinkError): string {
  return t(locale, error.key as MessageKey, error.params);
}

describe('CalDAV discovery against Radicale', () => {
  it('finds principal, home and the event calendars from the server root, checked with a live REPORT', async () => {
    const methods: string[] = [];
    const guarded = createUserFetch({ allowedNetworks: LOOPBACK });
    const recording = (async (input: string | URL | Request, init?: RequestInit) => {
      methods.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return guarded(input, init);
    }) as typeof fetch;
    const result = await discoverCalDav(
      { server: radicale.url, ...credentials() },
      options({ fetch: recording }),
    );
    expect(result).toEqual({
      ok: true,
      account: {
        serverUrl: radicale.url,
        principalUrl: new URL(`/${radicale.username}/`, radicale.url).href,
        homeUrl: new URL(`/${radicale.username}/`, radicale.url).href,
        service: 'other',
        calendars: [{ id: work, name: 'Work', color: '#ff5733', writable: true }],
      },
    });
    expect(methods.at(-1)).toBe(`REPORT ${new URL(work).pathname}`);
  });

  it('follows /.well-known/caldav and its redirect to the context path', async () => {
    const result = await discoverCalDav(
      { server: new URL('/.well-known/caldav', radicale.url).href, ...credentials() },
      options(),
    );
    expect(result.ok && result.account.serverUrl).toBe(radicale.url);
    expect(result.ok && result.account.calendars.map((c) => c.id)).toEqual([work]);
  });

  it('falls back from a website to its /.well-known/caldav, redirected to the CalDAV server elsewhere', async () => {
    const result = await discoverCalDav({ server: frontUrl, ...credentials() }, options());
    expect(result.ok && result.account.serverUrl).toBe(radicale.url);
    expect(result.ok && result.account.calendars.map((c) => c.name)).toEqual(['Work']);
  });

  it('from an e-mail alone asks DNS SRV _caldavs._tcp (and TXT path) for the server', async () => {
    const asked: string[] = [];
    const error = await failure(
      discoverCalDav(
        { email: 'ana@example.test', ...credentials() },
        options({
          resolveSrv: async (name) => {
            asked.push(name);
            return [{ name: 'dav.example.test', port: tlsPort, priority: 0, weight: 1 }];
          },
          resolveTxt: async () => [['path=/dav/']],
          resolve: async (host) => (host === 'dav.example.test' ? [{ address: '127.0.0.1', family: 4 }] : []),
        }),
      ),
    );
    expect(asked).toEqual(['_caldavs._tcp.example.test']);
    // The SRV target serves TLS with a self-signed certificate: reached, and refused for that.
    expect(error.code).toBe('certificate');
    expect(error.params.host).toBe('example.test');
  });

  it.each([
    ['ana@icloud.com', 'https://caldav.icloud.com/', 'icloud'],
    ['ana@me.com', 'https://caldav.icloud.com/', 'icloud'],
    ['ana@fastmail.com', 'https://caldav.fastmail.com/dav/', 'fastmail'],
  ])('knows the endpoint for %s', async (email, endpoint, service) => {
    const requested: string[] = [];
    const fake = (async (input: string | URL | Request) => {
      requested.push(String(input));
      return new Response('', { status: 401 });
    }) as typeof fetch;
    const error = await failure(discoverCalDav({ email, ...credentials() }, options({ fetch: fake })));
    expect(requested[0]).toBe(endpoint);
    expect(error).toMatchObject({ code: 'unauthorized', params: { service } });
  });
});

describe('CalDAV link errors, worded in English and French', () => {
  it('unauthorized: names app-specific passwords, with the provider’s help link', async () => {
    const error = await failure(discoverCalDav({ server: radicale.url, ...credentials('wrong') }, options()));
    expect(error.code).toBe('unauthorized');
    expect(say('en', error)).toContain('app-specific password');
    expect(say('fr', error)).toContain('mot de passe pour app');
    const icloud = { ...error, params: { ...error.params, service: 'icloud' as const } };
    const fastmail = { ...error, params: { ...error.params, service: 'fastmail' as const } };
    expect(say('en', icloud)).toContain('https://support.apple.com/en-us/102654');
    expect(say('fr', icloud)).toContain('https://support.apple.com/fr-fr/102654');
    expect(say('de', icloud)).toContain('https://support.apple.com/de-de/102654');
    expect(say('en', fastmail)).toContain('https://www.fastmail.help/hc/en-us/articles/360058752854');
    expect(say('fr', fastmail)).toContain('https://www.fastmail.help/hc/en-us/articles/360058752854');
  });

  it('not_caldav: a website without CalDAV', async () => {
    const website = createHttpServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>'),
    );
    const port = await listen(website);
    try {
      const error = await failure(
        discoverCalDav({ server: `http://127.0.0.1:${port}/`, ...credentials() }, options()),
      );
      expect(error).toMatchObject({ code: 'not_caldav', params: { host: `127.0.0.1:${port}` } });
      expect(say('en', error)).toBe(
        `127.0.0.1:${port} does not answer like a CalDAV calendar server. Check the address (for Nextcloud it ends in /remote.php/dav), or enter just your e-mail address.`,
      );
      expect(say('fr', error)).toContain('ne répond pas comme un serveur d’agenda CalDAV');
    } finally {
      await close(website);
    }
  });

  it('certificate: a self-signed certificate', async () => {
    const error = await failure(
      discoverCalDav({ server: `https://127.0.0.1:${tlsPort}/`, ...credentials() }, options()),
    );
    expect(error.code).toBe('certificate');
    expect(say('en', error)).toContain('certificate of 127.0.0.1');
    expect(say('fr', error)).toContain('certificat de sécurité de 127.0.0.1');
  });

  it('timeout: a server that never answers', async () => {
    const error = await failure(
      discoverCalDav({ server: silentUrl, ...credentials() }, options({ timeoutMs: 300 })),
    );
    expect(error.code).toBe('timeout');
    expect(say('en', error)).toContain('did not answer in time');
    expect(say('fr', error)).toContain('n’a pas répondu à temps');
  });

  it('unreachable: nothing listening', async () => {
    const error = await failure(discoverCalDav({ server: closedUrl, ...credentials() }, options()));
    expect(error.code).toBe('unreachable');
    expect(say('en', error)).toContain('could not reach');
    expect(say('fr', error)).toContain('n’a pas pu joindre');
  });

  it('forbidden_address: Radicale on loopback without the allowlist, or a name resolving there', async () => {
    const error = await failure(
      discoverCalDav({ server: radicale.url, ...credentials() }, options({ allowedNetworks: [] })),
    );
    expect(error.code).toBe('forbidden_address');
    expect(say('en', error)).toContain('private or local network');
    expect(say('fr', error)).toContain('réseau privé ou local');
    const named = await failure(
      discoverCalDav(
        { server: 'https://calendar.example.test/', ...credentials() },
        options({ allowedNetworks: [], resolve: async () => [{ address: '127.0.0.1', family: 4 }] }),
      ),
    );
    expect(named.code).toBe('forbidden_address');
    expect(named.detail).not.toContain(radicale.password);
  });

  it('invalid_address: neither a server nor an e-mail, or another scheme', async () => {
    for (const server of ['ftp://files.example.test/', 'http://']) {
      expect((await failure(discoverCalDav({ server, ...credentials() }, options()))).code).toBe(
        'invalid_address',
      );
    }
    const error = await failure(discoverCalDav({ email: 'not an address', ...credentials() }, options()));
    expect(error.code).toBe('invalid_address');
    expect(say('en', error)).toBe(
      '“not an address” is not a server address (https://…) or an e-mail address.',
    );
    expect(say('fr', error)).toBe(
      '« not an address » n’est ni une adresse de serveur (https://…) ni une adresse e-mail.',
    );
  });
});
