/**
 * The newcomer's first minute, in a real browser: `node src/main.ts` (fresh data directory, free
 * port), the playground page in the system Chromium (playwright-core, no browser download), a request
 * typed in the message box, the first proposal clicked, and each participant's week grid checked for
 * the new meeting. The screenshot lands in test-results/playground.png (a CI artifact).
 *
 * "Move … and following" needs a series whose first date is past, so its describe composes the playground
 * in this process as main.ts does (the embedded store, in memory here, the demo seeded, the demo ICS feeds
 * read back over HTTP) but with the router's clock (`now`, which main.ts leaves to the real time) a variable
 * the test moves forward.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorld } from '../../src/app/demo/index.ts';
import { loadDemoConfig, seedDemo } from '../../src/app/demo/index.ts';
import { createPlaygroundRouter } from '../../src/bot/web/playground/router.ts';
import { createWebServer } from '../../src/bot/web/server.ts';
import { createDemoBusyReader } from '../../src/connectors/demo/busy-reader.ts';
import type { Store } from '../../src/store/index.ts';
import { openDatabase } from '../../src/store/index.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOT = join(ROOT, 'test-results', 'playground.png');

let dataDir: string;
let profileDir: string;
let child: ChildProcess | undefined;
let output = '';
let url = '';
let browser: BrowserContext | undefined;
/**
 * The store of the playground with a moved clock (the last describe), in memory, opened while main.ts
 * starts: migrating a fresh PGlite takes seconds, and the two overlap.
 */
let clockedStore: Promise<Store> | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH)`,
    );
  }
  clockedStore = openDatabase({ dataDir: 'memory://', log: () => undefined });
  // Awaited by the describe that uses it; a failure is reported there, not as an unhandled rejection.
  clockedStore.catch(() => undefined);
  dataDir = mkdtempSync(join(tmpdir(), 'convene-e2e-data-'));
  profileDir = mkdtempSync(join(tmpdir(), 'convene-e2e-chromium-'));
  // CONVENE_ENV_FILE=none: a developer's .env in the repository must not change what this test starts.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONVENE_ENV_FILE: 'none',
    CONVENE_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    // One browser drives every test here, well past a person's default 10 writes a minute; the limit itself
    // is tested in test/bot/web/playground.test.ts ("counts every write per client…").
    CONVENE_RATE_LIMIT_USER_PER_MINUTE: '600',
    CONVENE_RATE_LIMIT_WORKSPACE_PER_MINUTE: '6000',
  };
  for (const name of ['DATABASE_URL', 'CONVENE_ENCRYPTION_KEYS', 'CONVENE_PLAYGROUND']) delete env[name];
  for (const name of [
    'SLACK_SIGNING_SECRET',
    'SLACK_BOT_TOKEN',
    'DISCORD_PUBLIC_KEY',
    'DISCORD_APPLICATION_ID',
  ])
    delete env[name];
  child = spawn(process.execPath, ['src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Convene did not print its URL in 90 s:\n${output}`)),
      90_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Convene playground \(demo data\): (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child!.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Convene exited with ${code} before serving:\n${output}`));
    });
  });
  // A fresh profile per run (the persistent-context API is how playwright takes --user-data-dir).
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 900 },
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
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await (await clockedStore?.catch(() => undefined))?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

describe('the playground in a browser', () => {
  it('books the first proposal and shows it on each participant’s calendar', async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await expect(page.locator('.demo-badge').textContent()).resolves.toContain('DEMO DATA');
    await page.locator('label.person[data-person-key="ana"] input').check();

    await page.fill('#request-text', '/meet @li @sam 30m next week "Roadmap"');
    await page.click('#send');
    const first = page.locator('button.slot').first();
    await first.waitFor();
    await expect(page.locator('.heat-day').count()).resolves.toBeGreaterThan(0);
    const label = await first.locator('.when').textContent();
    expect(label).toMatch(/\(Paris time\)$/);

    await first.click();
    await page.locator('.confirm').waitFor();
    await expect(page.locator('.confirm').textContent()).resolves.toContain('Booked: “Roadmap”');
    await page.locator('.person-week').nth(2).waitFor();

    const weeks = page.locator('.person-week');
    await expect(weeks.count()).resolves.toBe(3);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const week = weeks.nth(i);
      names.push(((await week.locator('h3').textContent()) ?? '').trim().split(' ')[0]!);
      const meeting = week.locator('.block.meeting.new');
      await expect(meeting.count()).resolves.toBe(1);
      await expect(meeting.textContent()).resolves.toBe('Roadmap');
      await expect(week.locator('.meeting-line').textContent()).resolves.toContain('Roadmap');
    }
    expect(names).toEqual(['Ana', 'Li', 'Sam']);
    // Busy blocks from the ICS feeds carry no titles.
    await expect(page.locator('.block.busy').first().textContent()).resolves.toBe('');

    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.locator('.calendars').scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('asks which zone "IST" means with buttons, and proposes once one is clicked', async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('label.person[data-person-key="ana"] input').check();
    await page.fill('#request-text', '/meet @zoe 30m next week 3pm IST');
    await page.click('#send');
    const answers = page.locator('button.answer');
    await answers.first().waitFor();
    await expect(answers.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Kolkata \(UTC\+05:30\)$/),
      expect.stringMatching(/^Dublin /),
      expect.stringMatching(/^Jerusalem /),
    ]);
    await answers.first().click();
    const slot = page.locator('button.slot[data-proposal-id]').first();
    await slot.waitFor();
    // 15:00 in Kolkata is 10:30 in Paris (no daylight saving in either in winter).
    await expect(slot.locator('.when').textContent()).resolves.toMatch(/10:30–11:00 \(Paris time\)$/);
    await expect(answers.first().isDisabled()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('speaks the acting person’s language: page text from the server, help in the playground’s syntax', async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('label.person[data-person-key="zoe"] input').check();
    await page.waitForSelector('html[lang="fr"]', { state: 'attached' });
    await expect(page.locator('#who-title').textContent()).resolves.toBe('1. Qui êtes-vous ?');
    await expect(page.locator('#request-text').getAttribute('placeholder')).resolves.toContain(
      'la semaine prochaine',
    );
    await page.fill('#request-text', '/meet aide');
    await page.click('#send');
    const help = page.locator('.msg .help');
    await help.waitFor();
    await expect(help.textContent()).resolves.toContain('Convene trouve un horaire');
    await page.locator('label.person[data-person-key="li"] input').check();
    await page.waitForSelector('html[lang="en"]', { state: 'attached' });
    await expect(page.locator('#who-title').textContent()).resolves.toBe('1. Who are you?');
    expect(pageErrors).toEqual([]);
  });

  it('more times and cancel under proposals; reschedule and cancel under a booked meeting', async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('label.person[data-person-key="ana"] input').check();

    await page.fill('#request-text', '/meet @li 30m next week "Sync"');
    await page.click('#send');
    const proposals = page.locator('.proposals');
    await proposals.first().waitFor();
    const shown = await proposals.first().locator('button.slot').count();
    await proposals.first().locator('.controls button', { hasText: 'More times' }).click();
    await proposals.nth(1).waitFor();
    await expect(proposals.nth(1).locator('button.slot').count()).resolves.toBeGreaterThan(shown);
    await expect(proposals.first().locator('button.slot').first().isDisabled()).resolves.toBe(true);
    await proposals.nth(1).locator('.controls button', { hasText: 'Cancel' }).click();
    await page.locator('.msg.bot', { hasText: 'Cancelled by Ana.' }).waitFor();

    await page.fill('#request-text', '/meet @li 30m next week "Review"');
    await page.click('#send');
    await proposals.nth(2).locator('button.slot').first().click();
    const confirm = page.locator('.confirm');
    await confirm.last().waitFor();
    await confirm.last().locator('.controls button', { hasText: 'Reschedule' }).click();
    const offered = page.locator('.msg.bot', { hasText: 'New times for “Review”' });
    await offered.waitFor();
    await offered.locator('.controls button').first().click();
    await page.locator('.msg.bot', { hasText: 'Moved: “Review” to' }).waitFor();
    await confirm.last().locator('.controls button', { hasText: 'Cancel meeting' }).click();
    await page.locator('.msg.bot', { hasText: 'Cancelled: “Review”' }).waitFor();
    // The weeks are drawn again without the meeting.
    await page.locator('.person-week .block.meeting.new').first().waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('answers /meet status in words, and /meet cancel lists the meetings with their buttons', async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('label.person[data-person-key="li"] input').check();

    await page.fill('#request-text', '/meet status');
    await page.click('#send');
    await page.locator('.msg .help', { hasText: 'Time zone: America/New_York' }).waitFor();

    await page.fill('#request-text', '/meet @sam 30m next week "Plan"');
    await page.click('#send');
    await page.locator('.proposals').last().locator('button.slot').first().click();
    await page.locator('.msg.bot', { hasText: 'Booked: “Plan”' }).waitFor();
    await page.fill('#request-text', '/meet cancel');
    await page.click('#send');
    const listed = page.locator('.upcoming .confirm', { hasText: 'Plan' });
    await listed.waitFor();
    await listed.locator('.controls button', { hasText: 'Cancel meeting' }).click();
    await page.locator('.msg.bot', { hasText: 'Cancelled: “Plan”' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('a recurring request: each proposal shows how many occurrences are free, books a series, and moves one date of it', async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('label.person[data-person-key="ana"] input').check();

    await page.fill('#request-text', '/meet @zoe 30m every tuesday "One to one"');
    await page.click('#send');
    const slots = page.locator('.proposals').last().locator('button.slot:not(.move)');
    await slots.first().waitFor();
    const count = await slots.count();
    for (let i = 0; i < count; i++) {
      const slot = slots.nth(i);
      const line = (await slot.locator('.series').textContent()) ?? '';
      expect(line).toMatch(/^free on (all \d+ Tuesdays|\d+ of \d+ Tuesdays; .+)$/);
      // A time with conflicts says so on its button and books with the "book anyway" id.
      const anyway = line.startsWith('free on all') ? 0 : 1;
      await expect(slot.locator('.anyway').count()).resolves.toBe(anyway);
      if (anyway) await expect(slot.locator('.anyway').textContent()).resolves.toBe('Book anyway:');
      await expect(slot.getAttribute('data-slot-id')).resolves.toMatch(anyway ? /^\d+-anyway$/ : /^\d+$/);
      // ... and next to it "Book, move clashing dates", with the "-move" id.
      const moveId = ((await slot.getAttribute('data-slot-id')) ?? '').replace(/-anyway$/, '-move');
      const move = page.locator('.proposals').last().locator(`button.move[data-slot-id="${moveId}"]`);
      await expect(move.count()).resolves.toBe(anyway);
      if (anyway)
        await expect(move.locator('.anyway').textContent()).resolves.toBe('Book, move clashing dates:');
    }
    await slots.first().click();
    await page.locator('.confirm', { hasText: 'One to one' }).waitFor();
    await expect(page.locator('.confirm', { hasText: 'One to one' }).textContent()).resolves.toContain(
      'every Tuesday',
    );
    // /meet reschedule: "Move <date> only" offers new times for that one date; a click moves it.
    await page.fill('#request-text', '/meet reschedule');
    await page.click('#send');
    const listed = page.locator('.upcoming .confirm', { hasText: 'One to one' });
    await listed.waitFor();
    await listed.locator('.controls button', { hasText: /^Move .+ only$/ }).click();
    const times = page.locator('.msg.bot .occurrence-times', { hasText: 'this meeting only' });
    await times.waitFor();
    await times.locator('.controls button').first().click();
    await page
      .locator('.msg.bot', { hasText: /Moved: “One to one” of .+ \(this meeting only\)\./ })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('a recurring request with a clash: "Book, move clashing dates" books the series and the page says what moved', async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('label.person[data-person-key="ana"] input').check();

    // An hour's workshop with Zoé on the third Tuesday from now: weekly times that day clash with it.
    await page.fill('#request-text', '/meet @zoe 1h on tuesday in 2 weeks "Workshop"');
    await page.click('#send');
    await page.locator('.proposals').last().locator('button.slot').first().click();
    await page.locator('.confirm', { hasText: 'Workshop' }).waitFor();

    await page.fill('#request-text', '/meet @zoe 30m every tuesday "Weekly check-in"');
    await page.click('#send');
    const proposals = page.locator('.proposals');
    const before = await proposals.count();
    await proposals.nth(before).waitFor();
    // "More times" until a proposed time has a clash (each round is a new proposal message).
    let shown = before;
    for (let i = 0; i < 6; i++) {
      if ((await proposals.nth(shown).locator('button.move').count()) > 0) break;
      await proposals.nth(shown).locator('.controls button', { hasText: 'More times' }).click();
      shown += 1;
      await proposals.nth(shown).waitFor();
    }
    const move = proposals.nth(shown).locator('button.move').first();
    await expect(move.locator('.anyway').textContent()).resolves.toBe('Book, move clashing dates:');
    await expect(move.getAttribute('data-slot-id')).resolves.toMatch(/^\d+-move$/);
    await move.click();

    const confirm = page.locator('.confirm', { hasText: 'Weekly check-in' });
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain('every Tuesday');
    await expect(move.getAttribute('class')).resolves.toContain('chosen');
    // What moved (or stayed), worded by the server; no "booked anyway" line: the clashes were handled.
    const moves = confirm.locator('.note.moves');
    await expect(moves.textContent()).resolves.toMatch(/^Moved \d+ occurrences? in conflict: .+\./);
    await expect(confirm.locator('.note:not(.moves)').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('shuts down cleanly on SIGTERM', async () => {
    child!.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child!.once('exit', r));
    expect(code).toBe(0);
    expect(output).toContain('SIGTERM received, shutting down');
  });
});

describe('the playground in a browser, with a clock the test moves', () => {
  const NOW = Date.UTC(2026, 10, 23, 8, 0); // Monday 23 Nov 2026, 09:00 in Paris
  const DAY = 24 * 3_600_000;
  /** The router's clock: NOW until the test moves it past the series' first date. */
  let now = NOW;
  let store: Store;
  let server: Server;
  let base = '';
  let world: DemoWorld;

  beforeAll(async () => {
    store = await clockedStore!;
    world = await seedDemo(store, loadDemoConfig());
    const busy = createDemoBusyReader(world, { baseUrl: () => base });
    const app = createWebServer({
      routers: [
        { router: createPlaygroundRouter({ store, world, busy, now: () => now, log: () => undefined }) },
      ],
      log: () => undefined,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    // The store is closed with the rest, in the file's afterAll.
    if (server) await new Promise((r) => server.close(r));
  });

  it('"Move … and following": a weekly series booked from the page, its first Thursday past, Thursday 3 Dec and the following ones moved to a picked time', async () => {
    const page = await browser!.newPage();
    // A click that does nothing fails here in seconds, not at the test's timeout.
    page.setDefaultTimeout(8_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${base}/playground`);
    await page.waitForSelector('body[data-ready="true"]');
    const actAs = async (key: string, lang: string) => {
      await page.locator(`label.person[data-person-key="${key}"] input`).check();
      await page.waitForSelector(`html[lang="${lang}"]`, { state: 'attached' });
    };
    const send = async (text: string) => {
      await page.fill('#request-text', text);
      await page.click('#send');
    };
    await actAs('ana', 'en');

    await send('/meet @zoe 30m every thursday "Retro"');
    const slot = page
      .locator('.proposals')
      .last()
      .locator('button.slot:not(.move)', { has: page.locator('.series', { hasText: /^free on all / }) })
      .first();
    await slot.click();
    const confirm = page.locator('.confirm', { hasText: 'Retro' });
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain('every Thursday');
    const bookingId = (await confirm.locator('.controls').getAttribute('data-booking-id'))!;
    const booked = (await store.bookings.get(world.tenantId, bookingId))!;
    expect(new Date(booked.start).toISOString().slice(0, 10)).toBe('2026-11-26');
    const second = booked.start + 7 * DAY;

    // `/meet reschedule`: the new list of upcoming meetings (not an earlier one still on the page).
    const upcoming = page.locator('.upcoming');
    const reschedule = async (text = '/meet reschedule') => {
      const shown = await upcoming.count();
      await send(text);
      await upcoming.nth(shown).waitFor();
      return upcoming.nth(shown);
    };
    const listed = () => upcoming.last().locator(`.confirm[data-booking-id="${bookingId}"]`);
    // Before the first Thursday nothing earlier would stay: the whole series is rescheduled instead.
    await reschedule();
    await expect(listed().locator('.controls button').allTextContents()).resolves.toEqual([
      'Reschedule',
      'Cancel meeting',
      'Move Thu 26 Nov only',
      'Cancel Thu 26 Nov only',
      'End the series after Thu 26 Nov',
    ]);

    now = booked.start + DAY; // Friday 27 Nov: the 26th is past, 3 Dec is next.

    // Zoé's list, asked in French (the command word's language), offers the same in French.
    await actAs('zoe', 'fr');
    await reschedule('/meet replanifier');
    await expect(
      listed()
        .locator('.controls button', { hasText: /et les suivantes$/ })
        .textContent(),
    ).resolves.toBe('Déplacer le jeu. 3 déc. et les suivantes');

    await actAs('ana', 'en');
    await reschedule();
    // A series begun is no longer rescheduled whole.
    await expect(
      listed()
        .locator('.controls button', { hasText: /^Reschedule$/ })
        .count(),
    ).resolves.toBe(0);
    await listed().locator('.controls button', { hasText: 'Move Thu 3 Dec and following' }).click();

    const times = page.locator('.msg.bot .following-times');
    await times.waitFor();
    await expect(times.locator('p').first().textContent()).resolves.toMatch(
      /^New times for “Retro” from Thu 3 Dec on, this meeting and the following ones/,
    );
    // The first time offered: half an hour later the same Thursday, free on the 12 Thursdays from 3 Dec.
    const option = times.locator('.controls button').first();
    await expect(option.locator('.series').textContent()).resolves.toBe('free on all 12 Thursdays');
    const newStart = Number(await option.getAttribute('data-start'));
    expect(newStart).toBe(second + 30 * 60_000);
    await option.click();

    const moved = page.locator('.msg.bot', { hasText: 'Moved: “Retro” from' });
    await moved.waitFor();
    await expect(moved.locator('strong').textContent()).resolves.toMatch(
      /^Moved: “Retro” from Thu 3 Dec, 10:00–10:30 \(Paris time\) on to Thu 3 Dec, 10:30–11:00 \(Paris time\), this meeting and the following ones \(every Thursday, until .+\)\. The earlier meetings stay\.$/,
    );

    // The store: a new series from the picked time; the old one ends before 3 Dec (26 Nov stays).
    const ended = await store.bookings.occurrences(world.tenantId, bookingId);
    expect(ended.filter((o) => o.status === 'ended').map((o) => o.originalStart)).toEqual([second]);
    expect((await store.bookings.get(world.tenantId, bookingId))!.status).toBe('booked');

    // The weeks of 3 Dec, drawn again after the headline: the new series' meeting highlighted at the new
    // time (the weeks drawn at the booking highlighted the old one), the old one gone.
    const weeks = page.locator('.person-week');
    const highlighted = weeks.locator(`.block.meeting.new:not([data-booking-id="${bookingId}"])`);
    await highlighted.nth(1).waitFor();
    await expect(weeks.count()).resolves.toBe(2);
    const newBookingId = (await highlighted.first().getAttribute('data-booking-id'))!;
    const created = (await store.bookings.get(world.tenantId, newBookingId))!;
    expect(created).toMatchObject({ title: 'Retro', start: newStart, status: 'booked' });
    // It ends where the old one ended, half an hour later: its last Thursday is the old one's.
    expect(created.seriesEndsAt).toBe(booked.seriesEndsAt! + 30 * 60_000);
    expect((created.seriesEndsAt! - created.end) / (7 * DAY) + 1).toBe(12);
    for (let i = 0; i < 2; i++) {
      const week = weeks.nth(i);
      await expect(week.locator('.block.meeting.new').textContent()).resolves.toBe('Retro');
      await expect(week.locator(`.block.meeting[data-booking-id="${bookingId}"]`).count()).resolves.toBe(0);
      await expect(week.locator('.meeting-line').allTextContents()).resolves.toEqual([
        '★ Retro, Thu 3 Dec, 10:30–11:00 (Paris time)',
      ]);
    }

    // The list now holds the new series from its first date, and not the old one.
    const list = await reschedule();
    await expect(
      list.locator(`.confirm[data-booking-id="${newBookingId}"] p`).first().textContent(),
    ).resolves.toBe('Retro — Thu 3 Dec, 10:30–11:00 (Paris time)');
    await expect(list.locator(`.confirm[data-booking-id="${bookingId}"]`).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
