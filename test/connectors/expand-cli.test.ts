import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/expand.ts';
import type { CliIo } from '../../src/cli/io.ts';

const FIXTURES = new URL('../fixtures/ics/', import.meta.url);

function fakeIo(files: Record<string, string | NodeJS.ErrnoException> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readFile: async (path) => {
      const entry = files[path];
      if (entry === undefined) {
        // Real files for fixtures, so the command reads what is on disk.
        return readFile(new URL(path, FIXTURES), 'utf8');
      }
      if (typeof entry === 'string') return entry;
      throw entry;
    },
  };
  return { io, out, err };
}

const errno = (code: string) => Object.assign(new Error(`${code}: boom\n    at stack`), { code });

describe('convene expand', () => {
  it('prints stable JSON busy time in ISO UTC for a recurring calendar', async () => {
    const { io, out, err } = fakeIo();
    const code = await run(
      [
        'recurring-exceptions.ics',
        '--from',
        '2030-03-25T00:00:00Z',
        '--to',
        '2030-04-08T00:00:00+02:00',
        '--json',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toBe(
      [
        '{',
        '  "busy": [',
        '    {',
        '      "start": "2030-03-26T13:00:00.000Z",',
        '      "end": "2030-03-26T14:30:00.000Z"',
        '    },',
        '    {',
        '      "start": "2030-04-01T07:00:00.000Z",',
        '      "end": "2030-04-01T08:00:00.000Z"',
        '    }',
        '  ],',
        '  "intervals": [',
        '    {',
        '      "start": "2030-03-26T13:00:00.000Z",',
        '      "end": "2030-03-26T14:30:00.000Z",',
        '      "type": "BUSY"',
        '    },',
        '    {',
        '      "start": "2030-04-01T07:00:00.000Z",',
        '      "end": "2030-04-01T08:00:00.000Z",',
        '      "type": "BUSY"',
        '    }',
        '  ],',
        '  "warnings": []',
        '}',
      ].join('\n'),
    );
  });

  it('reads floating times in --tz and reports warnings in the JSON', async () => {
    const { io, out } = fakeIo({
      'mars.ics': (await readFile(new URL('new-york-until.ics', FIXTURES), 'utf8')).replaceAll(
        'America/New_York',
        'Mars/Base',
      ),
    });
    expect(
      await run(
        [
          'mars.ics',
          '--from',
          '2030-03-08T00:00Z',
          '--to',
          '2030-03-09T00:00Z',
          '--tz',
          'Tokyo Standard Time',
          '--json',
        ],
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(out[0]!)).toEqual({
      busy: [{ start: '2030-03-08T00:00:00.000Z', end: '2030-03-08T00:30:00.000Z' }],
      intervals: [{ start: '2030-03-08T00:00:00.000Z', end: '2030-03-08T00:30:00.000Z', type: 'BUSY' }],
      warnings: ['unknown TZID "Mars/Base" without VTIMEZONE; its times are read in Asia/Tokyo'],
    });
  });

  it('reports the free/busy type of each interval and reads past an unreadable event (exit 0)', async () => {
    const files: Record<string, string> = {
      'mixed.ics': [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:maybe@convene.test',
        'DTSTART:20300304T090000Z',
        'DURATION:PT1H',
        'STATUS:TENTATIVE',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:moved@convene.test',
        'RECURRENCE-ID:20200914',
        'DTSTART:2030030',
        'END:VEVENT',
        'BEGIN:VFREEBUSY',
        'FREEBUSY:20300304T120000Z/PT30M',
        'END:VFREEBUSY',
        'END:VCALENDAR',
      ].join('\r\n'),
    };
    const { io, out, err } = fakeIo(files);
    expect(
      await run(['mixed.ics', '--from', '2030-03-04T00:00Z', '--to', '2030-03-05T00:00Z', '--json'], io),
    ).toBe(0);
    expect(err).toEqual([]);
    const free = fakeIo({ 'mixed.ics': files['mixed.ics']! });
    const argv = ['mixed.ics', '--from', '2030-03-04T00:00Z', '--to', '2030-03-05T00:00Z', '--json'];
    expect(await run([...argv, '--tentative', 'free'], free.io)).toBe(0);
    expect(JSON.parse(free.out[0]!).busy).toEqual([
      { start: '2030-03-04T12:00:00.000Z', end: '2030-03-04T12:30:00.000Z' },
    ]);
    expect(JSON.parse(out[0]!)).toEqual({
      busy: [
        { start: '2030-03-04T09:00:00.000Z', end: '2030-03-04T10:00:00.000Z' },
        { start: '2030-03-04T12:00:00.000Z', end: '2030-03-04T12:30:00.000Z' },
      ],
      intervals: [
        { start: '2030-03-04T09:00:00.000Z', end: '2030-03-04T10:00:00.000Z', type: 'BUSY-TENTATIVE' },
        { start: '2030-03-04T12:00:00.000Z', end: '2030-03-04T12:30:00.000Z', type: 'BUSY' },
      ],
      warnings: [
        'UID moved@convene.test: skipped, cannot be read: line 11: DTSTART "2030030" is not a date or date-time',
      ],
    });
  });

  it('prints one line per busy block without --json', async () => {
    const { io, out } = fakeIo();
    expect(
      await run(['all-day-floating.ics', '--from', '2030-03-07T00:00Z', '--to', '2030-03-08T00:00Z'], io),
    ).toBe(0);
    expect(out).toEqual([
      '2030-03-07T08:30:00.000Z  2030-03-07T08:45:00.000Z\n2030-03-07T12:00:00.000Z  2030-03-07T13:30:00.000Z',
    ]);
  });

  const bad: Array<[string, string[], Record<string, string | NodeJS.ErrnoException>, string]> = [
    [
      'a missing file',
      ['x.ics', '--from', '2030-03-01T00:00Z', '--to', '2030-03-02T00:00Z'],
      { 'x.ics': errno('ENOENT') },
      'convene expand: cannot read "x.ics": no such file',
    ],
    [
      'a directory',
      ['dir', '--from', '2030-03-01T00:00Z', '--to', '2030-03-02T00:00Z'],
      { dir: errno('EISDIR') },
      'convene expand: cannot read "dir": is a directory',
    ],
    [
      'a date without a zone',
      ['x.ics', '--from', '2030-03-01', '--to', '2030-03-02T00:00Z'],
      {},
      'convene expand: --from is not an ISO instant: "2030-03-01" (e.g. 2030-03-04T00:00:00Z)',
    ],
    [
      'a nonsense --to',
      ['x.ics', '--from', '2030-03-01T00:00Z', '--to', 'tomorrow'],
      {},
      'convene expand: --to is not an ISO instant: "tomorrow" (e.g. 2030-03-11T00:00:00Z)',
    ],
    [
      'an impossible date',
      ['x.ics', '--from', '2030-02-31T25:00Z', '--to', '2030-03-02T00:00Z'],
      {},
      'convene expand: --from is not an ISO instant: "2030-02-31T25:00Z" (e.g. 2030-03-04T00:00:00Z)',
    ],
    [
      'a date that does not exist',
      ['x.ics', '--from', '2030-02-28T00:00Z', '--to', '2030-02-31T10:00Z'],
      {},
      'convene expand: --to is not an ISO instant: "2030-02-31T10:00Z" (e.g. 2030-03-11T00:00:00Z)',
    ],
    [
      'an inverted range',
      ['x.ics', '--from', '2030-03-02T00:00Z', '--to', '2030-03-01T00:00Z'],
      {},
      'convene expand: --to must be after --from',
    ],
    [
      'an unknown zone',
      ['x.ics', '--from', '2030-03-01T00:00Z', '--to', '2030-03-02T00:00Z', '--tz', 'Mars/Base'],
      {},
      'convene expand: --tz is not a known time zone: "Mars/Base" (e.g. Europe/Paris)',
    ],
    [
      'an unknown --tentative',
      ['x.ics', '--from', '2030-03-01T00:00Z', '--to', '2030-03-02T00:00Z', '--tentative', 'maybe'],
      {},
      'convene expand: --tentative must be "busy" or "free", not "maybe"',
    ],
    [
      'a CSV file',
      ['not-a-calendar.csv', '--from', '2030-03-01T00:00Z', '--to', '2030-03-02T00:00Z'],
      {},
      'convene expand: not-a-calendar.csv is not an iCalendar file (no BEGIN:VCALENDAR)',
    ],
    [
      'a truncated file',
      ['truncated.ics', '--from', '2030-03-01T00:00Z', '--to', '2030-03-02T00:00Z'],
      {},
      'convene expand: truncated.ics: not a valid iCalendar file: it is cut off (BEGIN:VCALENDAR without END:VCALENDAR)',
    ],
    [
      'no file',
      ['--from', '2030-03-01T00:00Z', '--to', '2030-03-02T00:00Z'],
      {},
      'convene expand: missing <file.ics> (usage: convene expand <file.ics> --from <ISO instant> --to <ISO instant> [--tz <zone>] [--tentative busy|free] [--json])',
    ],
    [
      'no --from',
      ['x.ics', '--to', '2030-03-02T00:00Z'],
      {},
      'convene expand: missing --from <ISO instant> (usage: convene expand <file.ics> --from <ISO instant> --to <ISO instant> [--tz <zone>] [--tentative busy|free] [--json])',
    ],
  ];

  it.each(bad)('exits 2 with one clear line for %s', async (_label, argv, files, message) => {
    const { io, out, err } = fakeIo(files);
    expect(await run(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([message]);
  });

  it('rejects unknown flags with one line', async () => {
    const { io, err } = fakeIo();
    expect(await run(['x.ics', '--form', '2030-03-01T00:00Z'], io)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^convene expand: Unknown option '--form'.* \(usage: convene expand/);
  });
});
