/**
 * End to end, in Chromium: `/meet link` through the Slack endpoint DMs a link to Convene's link page; the
 * page (real forms, no script) links a real Radicale (Basic auth on) for Li and an ICS feed served on
 * loopback for Bo (the address guard's allowlist opts loopback in, as a self-hoster would for a LAN).
 * Then `/meet @bo 30m next week` proposes only times free in both calendars, and booking writes the
 * event to Radicale while the confirmation reports the feed participant's copy as kept in Convene, with
 * a link to the meeting as an .ics that Convene serves.
 */

import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IcsOffers } from '../../src/app/ics-offer.ts';
import { LinkPage } from '../../src/app/link/page.ts';
import type { Notifier } from '../../src/app/ports/calendars.ts';
import type { Workspace } from '../../src/app/ports/store.ts';
import { createIcsOfferRouter } from '../../src/bot/web/ics-offer.ts';
import { createLinkPageRouter } from '../../src/bot/web/link-page.ts';
import { linkProbes } from '../../src/compose.ts';
import { CalendarAccess } from '../../src/connectors/access/calendar-access.ts';
import { createProviderFactory } from '../../src/connectors/access/providers.ts';
import { CalDavProvider } from '../../src/connectors/caldav/index.ts';
import { expandIcs } from '../../src/connectors/ics/expand.ts';
import { HOUR } from '../../src/core/interval.ts';
import { generateKeyEntry } from '../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../src/store/index.ts';
import { blockText, buttons, type Harness, startHarness, until } from '../bot/slack/harness.ts';
import { type RadicaleServer, startRadicale } from '../support/radicale.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOOPBACK = ['127.0.0.1/32'];
// Wednesday 16 January 2030, 10:00 UTC: "next week" is Monday 21 – Sunday 27 January.
const START = Date.UTC(2030, 0, 16, 10);
const MONDAY = Date.UTC(2030, 0, 21);
const clock = () => START;
const SECRET = 'link-page-e2e-state-secret-0123456789abcdef';

let store: Store;
let radicale: RadicaleServer;
let feed: Server;
let feedUrl = '';
let feedFetches = 0;
let h: Harness;
let workspace: Workspace;
let browser: BrowserContext;
let profileDir = '';
let liCalendar = '';
const dms: Array<{ personId: string; text: string }> = [];

function ics(): string {
  const stamp = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  // Bo's rota: busy Monday 14:00–15:00 and 16:00–17:00 UTC.
  const event = (uid: string, start: number, end: number) =>
    [
      'BEGIN:VEVENT',
      `UID:${uid}`,
      `DTSTAMP:${stamp(START)}`,
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(end)}`,
      'SUMMARY:shift',
      'END:VEVENT',
    ].join('\r\n');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//convene test//EN',
    'X-WR-CALNAME:Bo rota',
    event('shift-1', MONDAY + 14 * HOUR, MONDAY + 15 * HOUR),
    event('shift-2', MONDAY + 16 * HOUR, MONDAY + 17 * HOUR),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('e2e-link'),
    log: () => undefined,
  });
  radicale = await startRadicale();
  liCalendar = await radicale.mkcalendar('work');
  feed = createServer((_req, res) => {
    feedFetches += 1;
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
    res.end(ics());
  });
  feed.listen(0, '127.0.0.1');
  await once(feed, 'listening');
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/bo.ics`;

  const providers = createProviderFactory({
    clock,
    caldav: { allowedNetworks: LOOPBACK },
    ics: { allowedNetworks: LOOPBACK },
  });
  const notifier: Notifier = {
    dm: async (_tenantId, personId, message) => {
      dms.push({ personId, text: message.text });
      return { ok: true };
    },
  };
  const calendars = new CalendarAccess({ connections: store.connections, providers, notifier, clock });
  // The page needs the server's address, known once it listens: the router and the use case are bound then.
  let inner: express.Router = express.Router();
  const delegate = express.Router();
  delegate.use((req, res, next) => inner(req, res, next));
  let page: LinkPage | undefined;
  let offers: IcsOffers | undefined;
  h = await startHarness({
    store,
    routers: [{ router: delegate }],
    deps: {
      busy: calendars,
      writer: calendars,
      clock,
      notifier,
      linkPage: { startLink: (input) => page!.startLink(input) },
      icsOffers: { urlFor: (target) => offers?.urlFor(target) ?? null },
    },
  });
  page = new LinkPage({
    people: store.people,
    workspaces: store.workspaces,
    preferences: store.preferences,
    connections: store.connections,
    nonces: store.nonces,
    notifier,
    probes: linkProbes(LOOPBACK),
    oauthConfigured: () => false,
    settings: { caldav: true, ics: true },
    publicBaseUrl: h.url,
    stateSecret: SECRET,
    log: () => undefined,
  });
  offers = new IcsOffers({ bookings: store.bookings, publicBaseUrl: h.url, stateSecret: SECRET, clock });
  const routes = express.Router();
  routes.use(createLinkPageRouter({ page, secureCookies: false }));
  routes.use(createIcsOfferRouter({ offers }));
  inner = routes;

  const team = h.fake.addTeam({ id: 'TLINK', name: 'Acme' });
  workspace = await store.workspaces.install({
    platform: 'slack',
    externalId: 'TLINK',
    name: 'Acme',
    botToken: team.botToken,
  });
  h.fake.addUser('TLINK', { id: 'ULI', name: 'li', real_name: 'Li', tz: 'Europe/London' });
  h.fake.addUser('TLINK', { id: 'UBO', name: 'bo', real_name: 'Bo', tz: 'Europe/London' });

  // Li's Radicale calendar is busy Monday 15:00–16:00 UTC.
  await new CalDavProvider({
    allowedNetworks: LOOPBACK,
    serverUrl: radicale.url,
    credentials: { type: 'basic', username: radicale.username, password: radicale.password },
    now: clock,
  }).createEvent({
    idempotencyKey: 'li-busy',
    calendarId: liCalendar,
    title: 'dentist',
    start: MONDAY + 15 * HOUR,
    end: MONDAY + 16 * HOUR,
    timeZone: 'Europe/London',
    attendees: [],
    conference: false,
  });

  profileDir = mkdtempSync(join(tmpdir(), 'convene-e2e-link-'));
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
  await radicale?.stop();
  if (feed) await new Promise((resolve) => feed.close(resolve));
  await store?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

/** `/meet link` as `userId`: the DM's button leads to the link page. */
async function linkUrl(userId: string): Promise<string> {
  const sent = await h.fake.command({ teamId: 'TLINK', userId, channelId: 'CLINK', text: 'link' });
  expect(sent.status).toBe(200);
  const dm = await until(() => h.fake.channelMessages(`D${userId}`).at(-1), 'the link DM', 15_000);
  const url = JSON.stringify(dm.blocks).match(/"url":"(http[^"]*\/link\?state=[^"]*)"/)?.[1];
  expect(url, 'a button to the link page').toBeDefined();
  return url!;
}

describe('the link page in Chromium, then /meet through Slack', () => {
  it('links Radicale and an ICS feed, proposes only times free in both, books on Radicale and keeps the feed copy in Convene', async () => {
    // --- Li links Radicale (CalDAV, Basic auth) ---------------------------------------------------
    const tab = await browser.newPage();
    await tab.goto(await linkUrl('ULI'));
    expect(await tab.textContent('#intro')).toContain('@li');
    expect(await tab.textContent('#intro')).toContain('Acme');
    const kinds = await tab.$$eval('section', (sections) => sections.map((s) => s.id));
    expect(kinds).toEqual(['kind-icloud', 'kind-caldav', 'kind-ics']); // no OAuth configured here
    // A wrong password first: the 401 message names app-specific passwords; the link stays usable.
    await tab.fill('#address-caldav', radicale.url);
    await tab.fill('#username-caldav', radicale.username);
    await tab.fill('#password-caldav', 'not the password');
    await Promise.all([tab.waitForNavigation(), tab.click('#kind-caldav button')]);
    expect(await tab.textContent('#error')).toContain('app-specific password');
    await tab.fill('#address-caldav', radicale.url);
    await tab.fill('#username-caldav', radicale.username);
    await tab.fill('#password-caldav', radicale.password);
    await Promise.all([tab.waitForNavigation(), tab.click('#kind-caldav button')]);
    expect(await tab.textContent('h1')).toBe('Calendar linked');
    const listed = await tab.$$eval('li', (items) => items.map((i) => i.textContent ?? ''));
    expect(listed).toEqual([expect.stringMatching(/work \(writable.*counts as busy.*receives new meetings/)]);

    // --- Bo links the feed (webcal:// rewritten is covered in the page test; here plain http on loopback)
    await tab.goto(await linkUrl('UBO'));
    await tab.fill('#url-ics', feedUrl);
    await Promise.all([tab.waitForNavigation(), tab.click('#kind-ics button')]);
    expect(await tab.textContent('h1')).toBe('Calendar linked');
    expect(await tab.textContent('#done')).toContain('“Bo rota” is linked, read-only');
    expect(feedFetches).toBeGreaterThan(0);

    const li = (await store.people.findByIdentity(workspace.id, 'ULI'))!;
    const bo = (await store.people.findByIdentity(workspace.id, 'UBO'))!;
    const [liConn] = await store.connections.listForPerson(workspace.tenantId, li.id);
    const [boConn] = await store.connections.listForPerson(workspace.tenantId, bo.id);
    expect(liConn).toMatchObject({
      provider: 'caldav',
      busyCalendarIds: [liCalendar],
      writeCalendarId: liCalendar,
    });
    expect(boConn).toMatchObject({ provider: 'ics', busyCalendarIds: [feedUrl], writeCalendarId: null });
    expect(dms.map((d) => d.personId)).toEqual([li.id, bo.id]);

    // --- /meet from Li with Bo ---------------------------------------------------------------------
    const channelId = 'CMEET';
    await h.fake.command({ teamId: 'TLINK', userId: 'ULI', channelId, text: '<@UBO|bo> 30m next week' });
    const message = await until(() => h.fake.channelMessages(channelId)[0], 'the proposals', 20_000);
    const books = buttons(message.blocks).filter((b) => b.actionId.startsWith('book:'));
    expect(books.length).toBeGreaterThan(0);
    const busy = [
      { start: MONDAY + 14 * HOUR, end: MONDAY + 15 * HOUR }, // Bo's feed
      { start: MONDAY + 15 * HOUR, end: MONDAY + 16 * HOUR }, // Li's Radicale
      { start: MONDAY + 16 * HOUR, end: MONDAY + 17 * HOUR }, // Bo's feed
    ];
    const slots = [];
    for (const b of books) {
      const [, proposalId, slotId] = b.actionId.split(':');
      const proposal = await store.requests.getProposal(workspace.tenantId, proposalId!);
      slots.push(proposal!.slots[Number(slotId) - 1]!);
    }
    for (const slot of slots) {
      for (const b of busy) expect(slot.end <= b.start || slot.start >= b.end).toBe(true);
    }
    const first = books[0]!;
    const slot = slots[0]!;
    await h.fake.click({
      teamId: 'TLINK',
      userId: 'UBO',
      actionId: first.actionId,
      value: first.value,
      channelId,
      messageTs: message.ts,
    });
    await until(() => message.updates >= 1, 'the confirmation', 20_000);
    const confirmed = blockText(message.blocks);
    expect(confirmed).toContain('Booked');
    expect(confirmed).toContain(
      'Bo*: Mon 21 Jan, 10:00–10:30 (London time) — _kept in Convene, read-only calendar',
    );
    expect(confirmed).not.toContain('will retry');
    // Bo's line offers the meeting as an .ics served by Convene; Li's (written to Radicale) does not.
    // (blockText is the blocks' JSON: a line break in a section is the two characters \ and n.)
    const boLine = confirmed.split('\\n').find((line) => line.includes('Bo*'))!;
    expect(boLine).not.toContain('Li*');
    const icsUrl = boLine.match(/<(http[^|>]*\/ics\/[^|>]+)\|Add to calendar \(\.ics\)>/)?.[1];
    expect(icsUrl, 'an .ics link on Bo’s line').toBeDefined();
    expect(confirmed.match(/\/ics\//g)).toHaveLength(1);
    const offered = await fetch(icsUrl!);
    expect(offered.status).toBe(200);
    expect(offered.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const vevent = expandIcs(await offered.text(), { start: slot.start - HOUR, end: slot.end + HOUR });
    expect(vevent.ok && vevent.busy).toEqual([{ start: slot.start, end: slot.end }]);
    // The event is on Li's Radicale calendar.
    let written: { start: number; end: number }[] = [];
    for (let i = 0; i < 100 && written.length === 0; i++) {
      const read = await new CalDavProvider({
        allowedNetworks: LOOPBACK,
        serverUrl: radicale.url,
        credentials: { type: 'basic', username: radicale.username, password: radicale.password },
        now: clock,
      }).getBusy({ calendarIds: [liCalendar], range: { start: slot.start, end: slot.end } });
      written = (read.calendars[liCalendar] as { busy?: { start: number; end: number }[] }).busy ?? [];
      if (written.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(written).toEqual([{ start: slot.start, end: slot.end }]);
  });
});
