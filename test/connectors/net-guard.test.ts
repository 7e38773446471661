import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/config.ts';
import { CalDavProvider } from '../../src/connectors/caldav/client.ts';
import { IcsProvider } from '../../src/connectors/ics/client.ts';
import {
  addressPolicy,
  allowedNetworksFromEnv,
  checkAddress,
  createUserFetch,
  ForbiddenAddressError,
  InvalidNetworkError,
  type Resolve,
  ResponseTooLargeError,
  TooManyRedirectsError,
  userUrl,
} from '../../src/connectors/net/index.ts';

let server: Server;
let port: number;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const path = req.url ?? '/';
    if (path === '/hello') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    } else if (path === '/to-loopback') {
      res.writeHead(302, { location: `http://127.0.0.2:${port}/secret` }).end();
    } else if (path === '/to-metadata') {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (path === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    } else if (path === '/to-named') {
      res.writeHead(307, { location: `http://named.test:${port}/hello` }).end();
    } else if (path === '/loop') {
      res.writeHead(302, { location: '/loop' }).end();
    } else if (path === '/big-declared') {
      res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
    } else if (path === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 10; i++) res.write('y'.repeat(500));
      res.end();
    } else if (path === '/slow') {
      // never answers
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const LOOPBACK = ['127.0.0.1/32'];

function resolver(table: Record<string, string[]>): Resolve {
  return async (host) =>
    (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

async function refusal(promise: Promise<unknown>): Promise<ForbiddenAddressError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForbiddenAddressError);
  return error as ForbiddenAddressError;
}

describe('address classification', () => {
  const none = addressPolicy();
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.20', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (ip, range) => {
    expect(checkAddress(ip, none)).toEqual({ ok: false, address: expect.any(String), range });
  });

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700:4700::1111'])('accepts public %s', (ip) => {
    expect(checkAddress(ip, none).ok).toBe(true);
  });

  it('lets allowlisted networks through, IPv4-mapped forms included, and nothing else', () => {
    const lan = addressPolicy(['192.168.1.0/24', '127.0.0.1']);
    expect(checkAddress('192.168.1.7', lan).ok).toBe(true);
    expect(checkAddress('::ffff:192.168.1.7', lan).ok).toBe(true);
    expect(checkAddress('127.0.0.1', lan).ok).toBe(true);
    expect(checkAddress('192.168.2.7', lan).ok).toBe(false);
    expect(checkAddress('127.0.0.2', lan).ok).toBe(false);
    expect(checkAddress('::1', lan).ok).toBe(false);
  });

  it('reads CONVENE_ALLOW_PRIVATE_NETWORKS and rejects malformed networks', () => {
    expect(
      allowedNetworksFromEnv({ CONVENE_ALLOW_PRIVATE_NETWORKS: '192.168.1.0/24, 127.0.0.1/32 fd00::/8' }),
    ).toEqual(['192.168.1.0/24', '127.0.0.1/32', 'fd00::/8']);
    expect(allowedNetworksFromEnv({})).toEqual([]);
    expect(() => addressPolicy(['192.168.1.0/33'])).toThrow(InvalidNetworkError);
    expect(() => addressPolicy(['nextcloud.lan'])).toThrow(InvalidNetworkError);
  });

  it('checks CONVENE_ALLOW_PRIVATE_NETWORKS at start-up', () => {
    expect(checkConfig({ CONVENE_ALLOW_PRIVATE_NETWORKS: '192.168.1.0/24,fd00::/8' })).toEqual({ ok: true });
    expect(checkConfig({ CONVENE_ALLOW_PRIVATE_NETWORKS: '192.168.1.0/24,nextcloud.lan' })).toEqual({
      ok: false,
      problems: [
        'CONVENE_ALLOW_PRIVATE_NETWORKS: "nextcloud.lan" is not a network in CIDR notation (e.g. 192.168.1.0/24)',
      ],
    });
  });
});

describe('userUrl', () => {
  it('rewrites webcal:// to https:// and keeps http(s)', () => {
    expect(userUrl('webcal://example.com/feed.ics?k=1').href).toBe('https://example.com/feed.ics?k=1');
    expect(userUrl(' https://example.com/a ').href).toBe('https://example.com/a');
    expect(userUrl('http://example.com/').href).toBe('http://example.com/');
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'gopher://127.0.0.1:6379/_', 'javascript:alert(1)'])(
    'refuses the non-http scheme of %s',
    (input) => {
      expect(() => userUrl(input)).toThrow(ForbiddenAddressError);
      try {
        userUrl(input);
      } catch (error) {
        expect((error as ForbiddenAddressError).reason).toBe('scheme');
      }
    },
  );

  it('refuses text that is not a URL', () => {
    expect(() => userUrl('my calendar')).toThrow(ForbiddenAddressError);
  });
});

describe('guarded fetch', () => {
  it('refuses loopback, and the server never sees a request', async () => {
    const before = seen.length;
    const error = await refusal(createUserFetch()(`http://127.0.0.1:${port}/hello`));
    expect(error).toMatchObject({ code: 'forbidden_address', reason: 'address', target: '127.0.0.1' });
    expect(seen.length).toBe(before);
  });

  it.each([
    ['10/8', 'http://10.0.0.1/'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', `http://[::1]:1/`],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]:1/'],
    ['decimal loopback', 'http://2130706433:1/'],
    ['CGNAT', 'http://100.100.100.200/'],
    ['unique-local', 'http://[fd00::1]/'],
  ])('refuses %s (%s)', async (_label, url) => {
    await refusal(createUserFetch()(url));
  });

  it('refuses a name that resolves to 127.0.0.1', async () => {
    const before = seen.length;
    const fetch = createUserFetch({ resolve: resolver({ 'calendar.example': ['127.0.0.1'] }) });
    const error = await refusal(fetch(`http://calendar.example:${port}/hello`));
    expect(error.target).toBe('127.0.0.1');
    expect(seen.length).toBe(before);
  });

  it('refuses a non-http scheme', async () => {
    const error = await refusal(createUserFetch()('file:///etc/passwd'));
    expect(error.reason).toBe('scheme');
  });

  it('refuses DNS rebinding: the check sees a public address, the connection would get 127.0.0.1', async () => {
    const before = seen.length;
    let calls = 0;
    const rebinding: Resolve = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    };
    const error = await refusal(
      createUserFetch({ resolve: rebinding })(`http://rebind.example:${port}/hello`),
    );
    expect(error.target).toBe('127.0.0.1');
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBe(before);
  });

  it('lets loopback through when allowlisted', async () => {
    const response = await createUserFetch({ allowedNetworks: LOOPBACK })(`http://127.0.0.1:${port}/hello`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello');
  });

  it('connects to the checked address of an allowlisted name', async () => {
    const fetch = createUserFetch({
      allowedNetworks: LOOPBACK,
      resolve: resolver({ 'nextcloud.lan': ['127.0.0.1'] }),
    });
    const response = await fetch(`http://nextcloud.lan:${port}/hello`);
    expect(await response.text()).toBe('hello');
    expect(seen.at(-1)?.headers.host).toBe(`nextcloud.lan:${port}`);
  });

  it('checks every redirect: to loopback, to the metadata address, to file://', async () => {
    const fetch = createUserFetch({ allowedNetworks: LOOPBACK });
    expect((await refusal(fetch(`http://127.0.0.1:${port}/to-loopback`))).target).toBe('127.0.0.2');
    expect((await refusal(fetch(`http://127.0.0.1:${port}/to-metadata`))).target).toBe('169.254.169.254');
    expect((await refusal(fetch(`http://127.0.0.1:${port}/to-file`))).reason).toBe('scheme');
    expect(seen.some((req) => req.url === '/secret')).toBe(false);
  });

  it('follows an allowed redirect, keeps PROPFIND on 307 and drops credentials for another host', async () => {
    const fetch = createUserFetch({
      allowedNetworks: LOOPBACK,
      resolve: resolver({ 'named.test': ['127.0.0.1'] }),
    });
    const response = await fetch(`http://127.0.0.1:${port}/to-named`, {
      method: 'PROPFIND',
      headers: { authorization: 'Basic c2VjcmV0', depth: '0' },
      body: '<propfind/>',
    });
    expect(response.status).toBe(200);
    expect(response.url).toBe(`http://named.test:${port}/hello`);
    expect(response.redirected).toBe(true);
    const last = seen.at(-1)!;
    expect(last.method).toBe('PROPFIND');
    expect(last.headers.authorization).toBeUndefined();
    expect(last.headers.depth).toBe('0');
  });

  it('gives up after a bounded number of redirects', async () => {
    const before = seen.length;
    const fetch = createUserFetch({ allowedNetworks: LOOPBACK, maxRedirects: 3 });
    await expect(fetch(`http://127.0.0.1:${port}/loop`)).rejects.toBeInstanceOf(TooManyRedirectsError);
    expect(seen.length - before).toBe(4);
  });

  it('bounds the response size, declared or streamed', async () => {
    const fetch = createUserFetch({ allowedNetworks: LOOPBACK, maxBytes: 1000 });
    await expect(fetch(`http://127.0.0.1:${port}/big-declared`)).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
    const streamed = await fetch(`http://127.0.0.1:${port}/big-chunked`);
    await expect(streamed.text()).rejects.toBeInstanceOf(ResponseTooLargeError);
    const fits = await createUserFetch({ allowedNetworks: LOOPBACK, maxBytes: 5000 })(
      `http://127.0.0.1:${port}/big-chunked`,
    );
    expect((await fits.text()).length).toBe(5000);
  });

  it('bounds the time', async () => {
    const started = Date.now();
    const fetch = createUserFetch({ allowedNetworks: LOOPBACK, timeoutMs: 200 });
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('connectors use the guard for user-supplied addresses by default', () => {
  const range = { start: Date.UTC(2030, 0, 1), end: Date.UTC(2030, 0, 2) };

  it('an ICS feed on loopback is refused as a per-calendar value, without a request', async () => {
    const before = seen.length;
    const id = `http://127.0.0.1:${port}/hello`;
    const result = await new IcsProvider({ feeds: [{ url: id }] }).getBusy({ calendarIds: [id], range });
    expect(result.calendars[id]).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('ICS feed address refused') },
    });
    expect(seen.length).toBe(before);
  });

  it('a CalDAV server on loopback is refused with invalid_request, without a request', async () => {
    const before = seen.length;
    const provider = new CalDavProvider({
      serverUrl: `http://127.0.0.1:${port}/`,
      credentials: { type: 'basic', username: 'a', password: 'b' },
    });
    await expect(provider.listCalendars()).rejects.toMatchObject({
      name: 'ProviderError',
      code: 'invalid_request',
      message: expect.stringContaining('the CalDAV address is refused'),
    });
    expect(seen.length).toBe(before);
  });

  it('the allowlist option lets an ICS feed on loopback through', async () => {
    const before = seen.length;
    const id = `http://127.0.0.1:${port}/hello`;
    const result = await new IcsProvider({ feeds: [{ url: id }], allowedNetworks: LOOPBACK }).getBusy({
      calendarIds: [id],
      range,
    });
    // Reached (the body is not a calendar, which is a different refusal).
    expect(seen.length).toBe(before + 1);
    expect(result.calendars[id]).toMatchObject({ ok: false, error: { code: 'provider_error' } });
  });
});
