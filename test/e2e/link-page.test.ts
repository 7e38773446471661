/**
 * End to end, in Chromium: `/meet link` through the Slack endpoint DMs a link to Convene's link page; the
 * page (real forms, no script) links a real Radicale (Basic auth on) for Li and an ICS feed served on
 * loopback for Bo (the address guard's allowlist opts loopback in, as a self-hoster would for a LAN).
 * Li's Radicale has two calendars: on the page's choice step Li makes only the second ("b-rota") count as
 * busy and the first ("a-meetings") receive new meetings. Then `/meet @bo 30m next week` proposes only
 * times free in Bo's feed and Li's rota (an event on Li's unchosen calendar does not block), and booking
 * writes the event to Li's chosen calendar while the confirmation reports the feed participant's copy as
 * kept in Convene, with a link to the meeting as an .ics that Convene
 * serves. `/meet calendars` through Slack lists the choice by number.
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
import { calendarChoiceUseCases } from '../../src/app/use-cases.ts';
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
import { blockText, buttons, type Harness, installTeam, startHarness, until } from '../bot/slack/harness.ts';
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
/** Li's first calendar: receives new meetings, does not count as busy. */
let liMeetings = '';
/** Li's second calendar: counts as busy. */
let liRota = '';
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
  liMeetings = await radicale.mkcalendar('a-meetings');
  liRota = await radicale.mkcalendar('b-rota');
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
  const calendarChoice = calendarChoiceUseCases({
    connections: store.connections,
    calendars,
    invalidate: (id) => calendars.invalidate(id),
  });
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
      calendarChoice,
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
    choice: calendarChoice,
    log: () => undefined,
  });
  offers = new IcsOffers({ bookings: store.bookings, publicBaseUrl: h.url, stateSecret: SECRET, clock });
  const routes = express.Router();
  routes.use(createLinkPageRouter({ page, secureCookies: false }));
  routes.use(createIcsOfferRouter({ offers }));
  inner = routes;

  ({ workspace } = await installTeam(h, 'TLINK', 'Acme'));
  h.fake.addUser('TLINK', { id: 'ULI', name: 'li', real_name: 'Li', tz: 'Europe/London' });
  h.fake.addUser('TLINK', { id: 'UBO', name: 'bo', real_name: 'Bo', tz: 'Europe/London' });

  // Li's rota is busy Monday 15:00–16:00 UTC; the meetings calendar (not counted as busy once Li has
  // chosen) has an event Monday 10:00–10:15 UTC, which must not block the first proposed time.
  const li = new CalDavProvider({
    allowedNetworks: LOOPBACK,
    serverUrl: radicale.url,
    credentials: { type: 'basic', username: radicale.username, password: radicale.password },
    now: clock,
  });
  const event = { timeZone: 'Europe/London', attendees: [], conference: false };
  await li.createEvent({
    ...event,
    idempotencyKey: 'li-busy',
    calendarId: liRota,
    title: 'dentist',
    start: MONDAY + 15 * HOUR,
    end: MONDAY + 16 * HOUR,
  });
  await li.createEvent({
    ...event,
    idempotencyKey: 'li-not-counted',
    calendarId: liMeetings,
    title: 'optional stand-up',
    start: MONDAY + 10 * HOUR,
    end: MONDAY + 10 * HOUR + 15 * 60_000,
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
  it('links Radicale and an ICS feed, chooses the busy and write calendars, proposes only times free in the chosen ones, books on the chosen calendar and keeps the feed copy in Convene', async () => {
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
    // The choice step: both calendars, both counted as busy by default, the first receiving meetings.
    const rows = await tab.$$eval('#choose li', (items) => items.map((i) => i.getAttribute('data-calendar')));
    expect(rows).toEqual([liMeetings, liRota]);
    expect(await tab.isChecked('#busy-1')).toBe(true);
    expect(await tab.isChecked('#busy-2')).toBe(true);
    expect(await tab.isChecked('#write-1')).toBe(true);
    // Li: only the rota counts as busy; new meetings go to the first calendar.
    await tab.click('#write-2');
    await tab.uncheck('#busy-1');
    await tab.click('#write-1');
    await Promise.all([tab.waitForNavigation(), tab.click('#choose button')]);
    expect(await tab.textContent('h1')).toBe('Calendars saved');
    // (Radicale names a collection without a display name "alice/a-meetings" in some answers: either form.)
    expect(await tab.textContent('#saved')).toMatch(
      /1 calendar counts as busy; new meetings go to “(alice\/)?a-meetings”/,
    );

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
      busyCalendarIds: [liRota],
      writeCalendarId: liMeetings,
    });
    expect(boConn).toMatchObject({ provider: 'ics', busyCalendarIds: [feedUrl], writeCalendarId: null });
    expect(dms.map((d) => d.personId)).toEqual([li.id, bo.id]);

    // --- /meet calendars through Slack: the choice, by number ---------------------------------------
    const asked = await h.fake.command({
      teamId: 'TLINK',
      userId: 'ULI',
      channelId: 'CLINK',
      text: 'calendars',
    });
    const listing = await until(
      () =>
        h.fake.responsesTo(asked.responseId).at(-1) ??
        h.fake.ephemerals.find((m) => m.user === 'ULI' && m.text.includes('Your calendars')),
      'the /meet calendars answer',
      15_000,
    );
    const listed = JSON.stringify(listing);
    expect(listed).toMatch(/`1\.1` (alice\/)?a-meetings \(writable, receives new meetings\)/);
    expect(listed).toMatch(/`1\.2` (alice\/)?b-rota \(writable, counts as busy\)/);

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
    // The unchosen calendar's 10:00–10:15 event did not block the first time: 10:00–10:30 was proposed.
    expect(slot).toMatchObject({ start: MONDAY + 10 * HOUR, end: MONDAY + 10 * HOUR + 30 * 60_000 });
    // The event is on Li's chosen meetings calendar (merged with the 10:00–10:15 one), not on the rota.
    const reader = new CalDavProvider({
      allowedNetworks: LOOPBACK,
      serverUrl: radicale.url,
      credentials: { type: 'basic', username: radicale.username, password: radicale.password },
      now: clock,
    });
    const busyOn = async (calendarId: string) => {
      const read = await reader.getBusy({
        calendarIds: [calendarId],
        range: { start: slot.start, end: slot.end },
      });
      return (read.calendars[calendarId] as { busy?: { start: number; end: number }[] }).busy ?? [];
    };
    let written: { start: number; end: number }[] = [];
    for (let i = 0; i < 100; i++) {
      written = await busyOn(liMeetings);
      if (written[0]?.end === slot.end) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(written).toEqual([{ start: slot.start, end: slot.end }]);
    expect(await busyOn(liRota)).toEqual([]);
  });
});
