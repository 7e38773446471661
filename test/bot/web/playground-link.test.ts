/**
 * `/meet link` and `/meet unlink` in the playground, over HTTP: the link page's URL for the acting demo
 * person (the same signed `page` state as Slack and Discord, bound to the demo identity), refused in the
 * person's language when the server has no public address and state secret; an ICS feed served on
 * loopback (allowlisted, as in the other link-page tests) linked through the page's POST, after which the
 * person's requests avoid the feed's busy time; `/meet unlink` drops it. Real store (PGlite), the real
 * demo calendars, the wiring of main.ts (`composePlaygroundLinking`), a pinned request clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorld } from '../../../src/app/demo/index.ts';
import { loadDemoConfig, seedDemo } from '../../../src/app/demo/index.ts';
import type { WeekBlock } from '../../../src/app/demo/week.ts';
import { t } from '../../../src/app/i18n/index.ts';
import { StateSigner } from '../../../src/app/link/state.ts';
import type { ProposalView } from '../../../src/app/views.ts';
import { PAGE_COOKIE } from '../../../src/bot/web/link-page.ts';
import { createPlaygroundRouter } from '../../../src/bot/web/playground/router.ts';
import { createWebServer } from '../../../src/bot/web/server.ts';
import { composePlaygroundLinking } from '../../../src/compose.ts';
import { createDemoBusyReader } from '../../../src/connectors/demo/busy-reader.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import type { Store } from '../../../src/store/index.ts';
import { openDatabase } from '../../../src/store/index.ts';

const NOW = Date.UTC(2026, 10, 23, 8, 0); // Monday 23 Nov 2026, 09:00 in Paris
const SECRET = 'playground-link-test-state-secret-0123456789';

let dir: string;
let store: Store;
let world: DemoWorld;
/** The playground with linking configured, and one without (same store and world). */
let base = '';
let bare = '';
let feedUrl = '';
/** What the loopback feed serves (set before it is linked). */
let feedText = '';
const servers: Server[] = [];

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convene-playground-link-'));
  store = await openDatabase({
    dataDir: dir,
    encryptionKeys: generateKeyEntry('playground-link'),
    log: () => undefined,
  });
  world = await seedDemo(store, loadDemoConfig());
  const demoBusy = createDemoBusyReader(world, { baseUrl: () => base });
  const linking = composePlaygroundLinking(
    store,
    {
      CONVENE_PUBLIC_URL: 'http://localhost:3000',
      CONVENE_STATE_SECRET: SECRET,
      // The feed below is on loopback: allowlisted, as a self-hoster would for a LAN server.
      CONVENE_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32',
    },
    () => undefined,
  );
  if (!linking) throw new Error('linking should be configured');
  const linked = createWebServer({
    routers: [
      ...linking.routers,
      { router: createPlaygroundRouter({ store, world, busy: demoBusy, linking, now: () => NOW }) },
    ],
    log: () => undefined,
  });
  base = await listen(createServer(linked));
  const unconfigured = createWebServer({
    routers: [{ router: createPlaygroundRouter({ store, world, busy: demoBusy, now: () => NOW }) }],
    log: () => undefined,
  });
  bare = await listen(createServer(unconfigured));
  feedUrl = `${await listen(
    createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      res.end(feedText);
    }),
  )}/rota.ics`;
}, 120_000);

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const person = (key: string) => world.people.find((p) => p.key === key)!;

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
type Json = any;

async function meet(at: string, key: string, text: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${at}/playground/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId: person(key).id, text }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

function ics(start: Date, end: Date): string {
  const stamp = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//convene test//EN',
    'X-WR-CALNAME:Rota',
    'BEGIN:VEVENT',
    'UID:shift-1',
    `DTSTAMP:${stamp(new Date(NOW))}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(end)}`,
    'SUMMARY:secret shift',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function decodeEntities(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}

describe('playground: /meet link and /meet unlink', () => {
  it('/meet link answers with the link page for the acting demo person, its state bound to the demo identity', async () => {
    const res = await meet(base, 'ana', '/meet link');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.link.locale).toBe('en');
    expect(res.body.link.button).toBe(t('en', 'link.chat.button'));
    expect(res.body.link.text).toContain(t('en', 'link.chat.dm'));
    const url = new URL(res.body.link.url);
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:3000/link');
    const checked = new StateSigner(SECRET).verify(url.searchParams.get('state')!, Date.now());
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.state).toMatchObject({
      tenantId: world.tenantId,
      personId: person('ana').id,
      workspaceId: world.workspaceId,
      externalUserId: 'demo-ana',
      provider: 'page',
    });
    // The page opens for Ana (it names her) on this server.
    const page = await fetch(`${base}/link?state=${encodeURIComponent(url.searchParams.get('state')!)}`);
    expect(page.status).toBe(200);
    expect(decodeEntities(await page.text())).toContain('@ana');
    // French command word, French answer.
    const fr = await meet(base, 'zoe', '/meet lier');
    expect(fr.status).toBe(200);
    expect(fr.body.link.locale).toBe('fr');
    expect(fr.body.link.button).toBe(t('fr', 'link.chat.button'));
  });

  it('/meet link and /meet unlink are refused, in the person’s language, when linking is not configured', async () => {
    const zoe = await meet(bare, 'zoe', '/meet lier');
    expect(zoe.status).toBe(409);
    expect(zoe.body.error).toEqual({
      code: 'not_configured',
      locale: 'fr',
      message: t('fr', 'common.linkingNotConfigured'),
    });
    expect(zoe.body.error.message).toContain('n’est pas configurée');
    const de = await meet(bare, 'ana', '/meet trennen');
    expect(de.status).toBe(409);
    expect(de.body.error.locale).toBe('de');
    expect(de.body.error.message).toBe(t('de', 'common.linkingNotConfigured'));
  });

  it('links an ICS feed through the page; Ana’s requests then avoid its busy time; /meet unlink drops it', async () => {
    const ask = async () => {
      const res = await meet(base, 'ana', '/meet @li 30m next week');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.view as ProposalView;
    };
    const before = await ask();
    const first = before.slots[0]!;
    expect(first).toBeDefined();
    // Ana's rota has a shift over the first proposed slot (an hour around it).
    feedText = ics(new Date(first.start - 15 * 60_000), new Date(first.end + 15 * 60_000));
    const started = await meet(base, 'ana', '/meet link');
    const state = new URL(started.body.link.url).searchParams.get('state')!;
    const opened = await fetch(`${base}/link?state=${encodeURIComponent(state)}`);
    const cookie = opened.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${PAGE_COOKIE}=`))!
      .split(';')[0]!;
    const confirm = decodeEntities(/name="confirm" value="([^"]+)"/.exec(await opened.text())![1]!);
    const posted = await fetch(`${base}/link/ics`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ state, confirm, url: feedUrl }).toString(),
    });
    expect(posted.status, await posted.clone().text()).toBe(200);
    // The same choice step as chat people get: which calendars count as busy, which receives meetings.
    expect(await posted.text()).toContain('action="/link/calendars"');
    const [feed] = await store.connections.listForPerson(world.tenantId, person('ana').id);
    expect(feed).toMatchObject({ provider: 'ics', account: feedUrl, writeCalendarId: null });

    const after = await ask();
    expect(after.slots.length).toBeGreaterThan(0);
    for (const slot of after.slots) {
      expect(slot.end <= first.start - 15 * 60_000 || slot.start >= first.end + 15 * 60_000).toBe(true);
    }
    // Ana's week shows the shift as busy, without its title.
    const shift = {
      start: DateTime.fromMillis(first.start - 15 * 60_000, { zone: person('ana').timeZone }),
      end: DateTime.fromMillis(first.end + 15 * 60_000, { zone: person('ana').timeZone }),
    };
    const shiftShown = async () => {
      const res = await fetch(`${base}/playground/api/calendars/${person('ana').id}?at=${first.start}`);
      const text = await res.text();
      expect(text).not.toContain('secret shift');
      const blocks = (JSON.parse(text) as Json).week.blocks as WeekBlock[];
      return blocks.some(
        (b) =>
          b.kind === 'busy' &&
          b.day === shift.start.weekday - 1 &&
          b.startMinute <= shift.start.hour * 60 + shift.start.minute &&
          b.endMinute >= shift.end.hour * 60 + shift.end.minute,
      );
    };
    expect(await shiftShown()).toBe(true);

    const unlinked = await meet(base, 'ana', '/meet unlink');
    expect(unlinked.status, JSON.stringify(unlinked.body)).toBe(200);
    expect(unlinked.body.reply.text).toBe(t('en', 'account.unlink.done', { calendars: `ics (${feedUrl})` }));
    expect(await store.connections.listForPerson(world.tenantId, person('ana').id)).toEqual([]);
    // The shift no longer counts: gone from the week, and the first slot is offered again.
    expect(await shiftShown()).toBe(false);
    const again = await ask();
    expect(again.slots.some((s) => s.start === first.start)).toBe(true);
    // Nothing left to unlink, said in French for the French word.
    const none = await meet(base, 'ana', '/meet délier');
    expect(none.body.reply).toEqual({ locale: 'fr', text: t('fr', 'account.unlink.none') });
  });
});
