/**
 * Checking an ICS feed link before saving it: webcal rewrite, fetch through the address guard, size
 * bound, full parse; each failure a stable code worded in English and French.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MessageKey, t } from '../../src/app/i18n/index.ts';
import { type IcsLinkError, validateIcsFeed } from '../../src/connectors/ics/validate.ts';

const LOOPBACK = ['127.0.0.1/32'];
const FEED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//EN',
  'X-WR-CALNAME:Rota',
  'BEGIN:VEVENT',
  'UID:a@test',
  'DTSTAMP:20300101T000000Z',
  'DTSTART:20300304T090000Z',
  'DTEND:20300304T100000Z',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:b@test',
  'DTSTAMP:20300101T000000Z',
  'DTSTART:20300305T090000Z',
  'DTEND:20300305T100000Z',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

let server: Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits += 1;
    switch (req.url) {
      case '/feed.ics':
        res.writeHead(200, { 'content-type': 'text/calendar' }).end(FEED);
        break;
      case '/moved.ics':
        res.writeHead(302, { location: '/feed.ics' }).end();
        break;
      case '/to-metadata.ics':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        break;
      case '/page.html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
        break;
      case '/broken.ics':
        res
          .writeHead(200, { 'content-type': 'text/calendar' })
          .end('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage');
        break;
      case '/secret.ics':
        res.writeHead(403).end();
        break;
      case '/huge.ics':
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.end(`${FEED}${'X-PAD:'.padEnd(4000, 'x')}\r\n`);
        break;
      case '/slow.ics':
        break;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(
  input: string,
  options: Parameters<typeof validateIcsFeed>[1] = {},
): Promise<IcsLinkError> {
  const result = await validateIcsFeed(input, { allowedNetworks: LOOPBACK, ...options });
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.feed)}`);
  return result.error;
}

function say(locale: 'en' | 'fr', error: IcsLinkError): string {
  return t(locale, error.key as MessageKey, error.params);
}

describe('validateIcsFeed', () => {
  it('fetches and parses a feed, following a redirect, and names it', async () => {
    const result = await validateIcsFeed(`${base}/moved.ics`, { allowedNetworks: LOOPBACK });
    expect(result).toEqual({ ok: true, feed: { url: `${base}/moved.ics`, name: 'Rota', events: 2 } });
  });

  it('rewrites webcal:// to https:// before fetching and saving', async () => {
    const requested: string[] = [];
    const fake = (async (input: string | URL | Request) => {
      requested.push(String(input));
      return new Response(FEED, { status: 200 });
    }) as typeof fetch;
    const result = await validateIcsFeed('webcal://calendar.example.org/private-abc/basic.ics', {
      fetch: fake,
    });
    expect(requested).toEqual(['https://calendar.example.org/private-abc/basic.ics']);
    expect(result.ok && result.feed.url).toBe('https://calendar.example.org/private-abc/basic.ics');
  });

  it('not_calendar: a web page, or a feed that does not parse', async () => {
    const page = await failure(`${base}/page.html`);
    expect(page.code).toBe('not_calendar');
    expect(say('en', page)).toContain('does not lead to a calendar feed (iCalendar)');
    expect(say('fr', page)).toContain('ne mène pas à un flux d’agenda (iCalendar)');
    expect((await failure(`${base}/broken.ics`)).code).toBe('not_calendar');
  });

  it('too_large: refuses past the size bound', async () => {
    const error = await failure(`${base}/huge.ics`, { maxBytes: 2 * 1024 });
    expect(error.code).toBe('too_large');
    const big = { ...error, params: { ...error.params, megabytes: 20 } };
    expect(say('en', big)).toBe(
      `The feed on ${error.params.host} is larger than 20 MB, more than Convene reads.`,
    );
    expect(say('fr', big)).toBe(
      `Le flux sur ${error.params.host} dépasse 20 Mo, plus que ce que Convene lit.`,
    );
  });

  it('unreachable, not_found, refused and timeout', async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const closed = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/feed.ics`;
    await new Promise((resolve) => gone.close(resolve));
    const unreachable = await failure(closed);
    expect(unreachable.code).toBe('unreachable');
    expect(say('en', unreachable)).toContain('could not fetch the feed');
    expect(say('fr', unreachable)).toContain('n’a pas pu récupérer le flux');
    const missing = await failure(`${base}/nothing.ics`);
    expect(missing.code).toBe('not_found');
    expect(say('fr', missing)).toContain('ce flux n’existe pas');
    const refused = await failure(`${base}/secret.ics`);
    expect(refused.code).toBe('refused');
    expect(say('en', refused)).toContain('refused to send this feed');
    const slow = await failure(`${base}/slow.ics`, { timeoutMs: 300 });
    expect(slow.code).toBe('timeout');
    expect(say('fr', slow)).toContain('n’a pas envoyé le flux à temps');
  });

  it('forbidden_address: loopback without the allowlist, a name resolving to it, a redirect to metadata', async () => {
    const before = hits;
    const direct = await failure(`${base}/feed.ics`, { allowedNetworks: [] });
    expect(direct.code).toBe('forbidden_address');
    expect(hits).toBe(before);
    expect(say('en', direct)).toContain('private or local network');
    expect(say('fr', direct)).toContain('réseau privé ou local');
    const named = await failure('https://feeds.example.test/a.ics', {
      allowedNetworks: [],
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(named.code).toBe('forbidden_address');
    expect((await failure(`${base}/to-metadata.ics`)).code).toBe('forbidden_address');
  });

  it('invalid_address: another scheme or no URL at all', async () => {
    const file = await failure('file:///etc/passwd');
    expect(file.code).toBe('invalid_address');
    const text = await failure('my rota');
    expect(text.code).toBe('invalid_address');
    expect(say('en', text)).toBe('“my rota” is not a calendar feed link (https:// or webcal://).');
    expect(say('fr', text)).toBe('« my rota » n’est pas un lien de flux d’agenda (https:// ou webcal://).');
  });
});
