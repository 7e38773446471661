import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/slots.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { parseIsoInstant } from '../../src/core/bench-format.ts';
import type { RefCase } from './reference.ts';
import { refSlots } from './reference.ts';

const GEN = fileURLToPath(new URL('../../bench/gen.mjs', import.meta.url));

function fakeIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readFile: async (path) => {
      if (path in files) return files[path]!;
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
  };
  return { io, out, err };
}

async function slots(doc: unknown, extra: string[] = []) {
  const { io, out, err } = fakeIo({ 'case.json': typeof doc === 'string' ? doc : JSON.stringify(doc) });
  const code = await run(['--input', 'case.json', '--json', ...extra], io);
  return { code, out, err, json: code === 0 ? JSON.parse(out.join('')) : undefined };
}

const SMALL = {
  format: 'calbench-slots/v1',
  window: { start: '2030-03-04T00:00:00.000Z', end: '2030-03-06T00:00:00.000Z' },
  bookerTimeZone: 'UTC',
  durationMinutes: 60,
  slotIntervalMinutes: 60,
  minimumBookingNoticeMinutes: 0,
  schedulingType: 'COLLECTIVE',
  participants: [
    {
      id: 1,
      timeZone: 'Europe/London',
      workingHours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '13:00' }],
      dateOverrides: [{ date: '2030-03-05', start: '00:00', end: '00:00' }],
      busy: [
        { start: '2030-03-04T10:30:00.000Z', end: '2030-03-04T11:00:00.000Z' },
        { start: '2030-03-04T10:00:00.000Z', end: '2030-03-04T10:45:00.000Z' },
      ],
    },
    {
      id: 2,
      timeZone: 'Europe/Berlin',
      workingHours: [{ days: [1, 2, 3, 4, 5], start: '10:00', end: '18:00' }],
      busy: [],
    },
  ],
};

describe('convene slots', () => {
  it('refuses a window to the year 9999 with a clear error instead of running out of memory', async () => {
    const far = { ...SMALL, window: { start: SMALL.window.start, end: '9999-12-31T00:00:00.000Z' } };
    const r = await slots(far);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/window: the window is longer than 366 days/);
    // A year at a one-minute grid for 50 people is over the budget of candidate cells too.
    const people = Array.from({ length: 50 }, (_, i) => ({ ...SMALL.participants[1]!, id: i + 1 }));
    const dense = {
      ...SMALL,
      window: { start: '2030-03-04T00:00:00.000Z', end: '2031-03-04T00:00:00.000Z' },
      slotIntervalMinutes: 1,
      participants: people,
    };
    const d = await slots(dense);
    expect(d.code).toBe(2);
    expect(d.err.join('\n')).toMatch(/slotIntervalMinutes: 525600 candidate starts × 50 participants/);
  });

  it('prints slots and ranked proposals for a hand-made case', async () => {
    const r = await slots(SMALL);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    // London 09:00–13:00Z on Monday minus busy 10:00–11:00Z; Berlin 10:00–18:00 local = 09:00–17:00Z;
    // Tuesday is a day off for participant 1.
    expect(r.json.slots).toEqual([
      { start: '2030-03-04T09:00:00.000Z', end: '2030-03-04T10:00:00.000Z', available: [1, 2] },
      { start: '2030-03-04T11:00:00.000Z', end: '2030-03-04T12:00:00.000Z', available: [1, 2] },
      { start: '2030-03-04T12:00:00.000Z', end: '2030-03-04T13:00:00.000Z', available: [1, 2] },
    ]);
    // 11:00Z and 12:00Z are inside both people's 10:00–16:00 core hours; 09:00Z is 09:00 in London
    // (an hour early), so it comes last even though it is the earliest.
    expect(r.json.proposals.map((p: { start: string }) => p.start)).toEqual([
      '2030-03-04T11:00:00.000Z',
      '2030-03-04T12:00:00.000Z',
      '2030-03-04T09:00:00.000Z',
    ]);
    expect(r.json.proposals[2].summary).toBe('all 2 free, outside core hours for 1');
    expect(Object.keys(r.json.proposals[0])).toEqual([
      'rank',
      'start',
      'end',
      'available',
      'reason',
      'summary',
      'outsideCoreHours',
      'score',
    ]);
    expect(r.json.proposals[0].reason).toEqual({ code: 'all_free', free: 2, total: 2 });
  });

  it('round robin lists each member free for the whole slot', async () => {
    const r = await slots({ ...SMALL, schedulingType: 'ROUND_ROBIN' });
    expect(r.json.slots.filter((s: { start: string }) => s.start.startsWith('2030-03-05')).length).toBe(8);
    expect(r.json.slots[1]).toEqual({
      start: '2030-03-04T10:00:00.000Z',
      end: '2030-03-04T11:00:00.000Z',
      available: [2],
    });
  });

  it('matches a brute-force per-slot check on generated cases', async () => {
    for (const args of [
      ['--n', '4', '--b', '40', '--days', '9', '--seed', '7', '--tz-pool', 'overlap', '--overrides', '3'],
      [
        '--n',
        '3',
        '--b',
        '25',
        '--days',
        '8',
        '--seed',
        '3',
        '--tz-pool',
        'global',
        '--mode',
        'ROUND_ROBIN',
        '--notice',
        '300',
      ],
      [
        '--n',
        '3',
        '--b',
        '12',
        '--days',
        '7',
        '--seed',
        '1',
        '--booker-tz',
        'America/New_York',
        '--interval',
        '20',
        '--duration',
        '45',
        '--overrides',
        '4',
        '--placement',
        'working',
      ],
    ]) {
      const text = execFileSync(process.execPath, [GEN, ...args], { encoding: 'utf8' });
      const doc = JSON.parse(text);
      const r = await slots(text);
      expect(r.code).toBe(0);
      const ref: RefCase = {
        window: { start: parseIsoInstant(doc.window.start), end: parseIsoInstant(doc.window.end) },
        bookerTimeZone: doc.bookerTimeZone,
        durationMinutes: doc.durationMinutes,
        slotIntervalMinutes: doc.slotIntervalMinutes,
        minimumNoticeMinutes: doc.minimumBookingNoticeMinutes,
        mode: doc.schedulingType,
        participants: doc.participants.map(
          (
            p: Omit<RefCase['participants'][number], 'busy'> & { busy: { start: string; end: string }[] },
          ) => ({
            ...p,
            busy: p.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })),
          }),
        ),
      };
      const expected = refSlots(ref).map((s) => ({
        start: new Date(s.start).toISOString(),
        end: new Date(s.end).toISOString(),
        available: s.available,
      }));
      expect(expected.length).toBeGreaterThan(0);
      expect(r.json.slots).toEqual(expected);
      expect(r.json.proposals.length).toBe(Math.min(5, expected.length));
    }
  });

  it.each([
    [
      'a missing file',
      null,
      ['--input', 'nope.json'],
      'convene slots: cannot read input file "nope.json": no such file',
    ],
    ['invalid JSON', '{"format":', null, /^convene slots: "case\.json" is not valid JSON: /],
    [
      'a wrong format tag',
      { ...SMALL, format: 'other/v2' },
      null,
      'convene slots: format must be "calbench-slots/v1", got "other/v2"',
    ],
    [
      'an invalid zone',
      {
        ...SMALL,
        participants: [SMALL.participants[0], { ...SMALL.participants[1], timeZone: 'Mars/Base' }],
      },
      null,
      'convene slots: participants[1].timeZone "Mars/Base" is not a valid IANA time zone',
    ],
    [
      'an interval ending before it starts',
      {
        ...SMALL,
        participants: [
          {
            ...SMALL.participants[1],
            busy: [{ start: '2030-03-04T10:00:00.000Z', end: '2030-03-04T09:00:00.000Z' }],
          },
        ],
      },
      null,
      'convene slots: participants[0].busy[0] end 2030-03-04T09:00:00.000Z is before start 2030-03-04T10:00:00.000Z',
    ],
    [
      'a window ending before it starts',
      { ...SMALL, window: { start: '2030-03-06T00:00:00.000Z', end: '2030-03-04T00:00:00.000Z' } },
      null,
      'convene slots: window end 2030-03-04T00:00:00.000Z is before start 2030-03-06T00:00:00.000Z',
    ],
    [
      'a malformed time',
      {
        ...SMALL,
        participants: [
          { ...SMALL.participants[1], workingHours: [{ days: [1], start: '9:00', end: '17:00' }] },
        ],
      },
      null,
      'convene slots: participants[0].workingHours[0].start "9:00" is not a time "HH:MM"',
    ],
    [
      'a zero duration',
      { ...SMALL, durationMinutes: 0 },
      null,
      'convene slots: durationMinutes must be a whole number >= 1, got 0',
    ],
    ['no --input', SMALL, ['--json'], /^convene slots: missing --input <file\.json>/],
    ['an unknown flag', SMALL, ['--input', 'case.json', '--fast'], /^convene slots: Unknown option '--fast'/],
  ])('rejects %s with exit code 2 and one line', async (_name, doc, argv, message) => {
    const { io, out, err } = fakeIo(
      doc === null ? {} : { 'case.json': typeof doc === 'string' ? doc : JSON.stringify(doc) },
    );
    const code = await run(argv ?? ['--input', 'case.json', '--json'], io);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('\n');
    if (typeof message === 'string') expect(err[0]).toBe(message);
    else expect(err[0]).toMatch(message);
  });
});

describe('parseIsoInstant', () => {
  it('reads RFC 3339 instants and rejects malformed ones', () => {
    expect(parseIsoInstant('2030-03-04T09:15:00.250Z')).toBe(Date.UTC(2030, 2, 4, 9, 15, 0, 250));
    expect(parseIsoInstant('2030-03-04T10:15:00+01:00')).toBe(Date.UTC(2030, 2, 4, 9, 15));
    expect(parseIsoInstant('2030-03-04T05:45-03:30')).toBe(Date.UTC(2030, 2, 4, 9, 15));
    expect(parseIsoInstant('2032-02-29T00:00:00.000Z')).toBe(Date.UTC(2032, 1, 29));
    for (const bad of [
      '2030-02-29T00:00:00.000Z',
      '2030-13-01T00:00:00.000Z',
      '2030-03-04T24:00:00.000Z',
      '2030-03-04 09:00',
      'March 4',
      '2030-03-04T09:00:00.000',
    ])
      expect(parseIsoInstant(bad)).toBeNaN();
  });
});
