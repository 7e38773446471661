/**
 * `convene parse`'s own zone (src/cli/process-zone.ts): offsets read from the process's local time must be
 * luxon's, for every zone, and the parser must read every phrase of the tables the same with it installed.
 * The zone changes the whole process, so each check runs in a child process
 * (test/cli/fixtures/process-zone-child.ts); this process parses with luxon's own zones to compare.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/parse.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { formatParseJson, parseRequest } from '../../src/core/parse/index.ts';
import { german } from '../parse/phrases.de.ts';
import { english } from '../parse/phrases.en.ts';
import { french } from '../parse/phrases.fr.ts';
import { requestText } from '../parse/phrases.ts';

const ROOT = join(import.meta.dirname, '../..');
const CHILD = join(import.meta.dirname, 'fixtures/process-zone-child.ts');

function child(args: string[]) {
  const text = execFileSync(process.execPath, [CHILD, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Pacific/Chatham' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(text);
}

describe('ProcessZone offsets', () => {
  it("equal luxon's IANAZone for every zone the runtime lists, 1900 to 2100", { timeout: 60_000 }, () => {
    const { compared, report } = child(['offsets', 'sparse']);
    expect(compared).toBeGreaterThan(1200);
    expect(Object.keys(report).length).toBe(Intl.supportedValuesOf('timeZone').length);
    expect(Object.entries(report).filter(([, wrong]) => (wrong as number[]).length > 0)).toEqual([]);
  });

  it('equal them hour by hour across three years of DST changes, odd offsets included', {
    timeout: 60_000,
  }, () => {
    const zones = [
      'Europe/Paris',
      'America/St_Johns', // -3:30, DST
      'Asia/Kathmandu', // +5:45
      'Australia/Lord_Howe', // a 30-minute DST
      'America/Santiago', // DST changes at midnight
      'Africa/Casablanca', // DST suspended each Ramadan
      'Pacific/Apia',
      'UTC',
    ];
    const { compared, report } = child(['offsets', 'dense', ...zones]);
    expect(compared).toBeGreaterThan(25_000);
    expect(report).toEqual(Object.fromEntries(zones.map((z) => [z, []])));
  });
});

describe('the parser with the process zone installed', () => {
  const rows = [...english, ...french, ...german];
  const cases = [
    { zone: 'Europe/Paris', now: '2026-11-25T10:00:00+01:00', every: 1, installed: true },
    // The day before DST starts (14 March 2027), at -3:30.
    { zone: 'America/St_Johns', now: '2027-03-13T12:00:00-03:30', every: 3, installed: true },
    // The day before its 30-minute DST starts (4 October 2026).
    { zone: 'Australia/Lord_Howe', now: '2026-10-03T09:00:00+10:30', every: 3, installed: true },
    // An alias the runtime does not list: nothing is installed, luxon's own zones answer.
    { zone: 'Asia/Kolkata', now: '2026-11-25T10:00:00+05:30', every: 5, installed: false },
  ];
  for (const c of cases) {
    it(`reads ${c.every === 1 ? 'every phrase' : `one phrase in ${c.every}`} as luxon's zones do: ${c.zone}`, {
      timeout: 60_000,
    }, () => {
      const got = child(['parse', c.zone, c.now, String(c.every)]);
      expect({
        installed: got.installed,
        tz: got.tz,
        zoneClass: got.zoneClass,
        otherZoneClass: got.otherZoneClass,
        validAlias: got.validAlias,
        validNonsense: got.validNonsense,
      }).toEqual({
        installed: c.installed,
        tz: c.installed ? c.zone : 'Pacific/Chatham',
        zoneClass: c.installed ? 'ProcessZone' : 'IANAZone',
        otherZoneClass: 'IANAZone',
        validAlias: true,
        validNonsense: false,
      });
      const now = DateTime.fromISO(c.now).toMillis();
      const picked = rows.filter((_, i) => i % c.every === 0);
      const want = picked.map((row) =>
        formatParseJson(parseRequest(requestText(row), { now, zone: c.zone }), (item) => item.code),
      );
      expect(got.out).toHaveLength(picked.length);
      const differ = picked.flatMap((row, i) => (got.out[i] === want[i] ? [] : [row.phrase]));
      expect(differ).toEqual([]);
    });
  }
});

describe('convene parse', () => {
  it('prints from its own process what run() prints from a test, a second zone named included', () => {
    const args = [
      'parse',
      '/meet @ana 45 min mardi prochain à 15h heure de New York « Revue »',
      '--now',
      '2026-03-27T23:30:00Z', // Paris changes to summer time two and a half hours later
      '--tz',
      'Europe/Paris',
      '--json',
    ];
    const r = spawnSync(process.execPath, ['bin/convene.js', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CONVENE_ENV_FILE: 'none' },
    });
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t), readFile: async () => '' };
    return run(args.slice(1), io).then((code) => {
      expect([r.status, r.stderr]).toEqual([code, '']);
      expect(r.stdout).toBe(`${out.join('\n')}\n`);
      expect(JSON.parse(r.stdout).request.timeZone.value).toBe('America/New_York');
    });
  });
});
