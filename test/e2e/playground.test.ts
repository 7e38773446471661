/**
 * The newcomer's first minute, in a real browser: `node src/main.ts` (fresh data directory, free
 * port), the playground page in the system Chromium (playwright-core, no browser download), a request
 * typed in the message box, the first proposal clicked, and each participant's week grid checked for
 * the new meeting. The screenshot lands in test-results/playground.png (a CI artifact).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOT = join(ROOT, 'test-results', 'playground.png');

let dataDir: string;
let profileDir: string;
let child: ChildProcess | undefined;
let output = '';
let url = '';
let browser: BrowserContext | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH)`,
    );
  }
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
