/** `convene parse`: output, exit codes and usage errors, through `run()` with a fake CliIo. */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/parse.ts';
import type { CliIo } from '../../src/cli/io.ts';

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: async () => {
      throw new Error('not used');
    },
  };
  return { io, out, err };
}

const CLOCK = ['--now', '2026-11-23T10:00:00Z', '--tz', 'Europe/Paris'];

describe('convene parse', () => {
  it('prints stable JSON and exits 0 for an understood request', async () => {
    const { io, out, err } = fakeIo();
    const code = await run(['/meet @ana @li 30m next week "Q3 review"', ...CLOCK, '--json'], io);
    expect([code, err]).toEqual([0, []]);
    expect(out).toHaveLength(1);
    const text = out[0]!;
    expect(text).toContain('\n  "ok": true,\n  "request": {\n    "locale": "en",');
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(['ok', 'request', 'warnings']);
    expect(Object.keys(json.request)).toEqual([
      'locale',
      'participants',
      'duration',
      'window',
      'constraints',
      'title',
      'unrecognised',
    ]);
    expect(json.request.window).toEqual({
      start: '2026-11-30T00:00:00.000+01:00',
      end: '2026-12-07T00:00:00.000+01:00',
      zone: 'Europe/Paris',
      source: 'said',
      text: 'next week',
    });
    expect(json.request.duration).toEqual({ minutes: 30, source: 'said', text: '30m' });
    expect(json.request.participants).toEqual([
      { kind: 'name', id: 'ana', raw: '@ana' },
      { kind: 'name', id: 'li', raw: '@li' },
    ]);
  });

  it('adds a recurrence field, and its default-end warning, only for a recurring request', async () => {
    const { io, out, err } = fakeIo();
    const code = await run(['/meet @ana @li 30m every other tuesday "1:1"', ...CLOCK, '--json'], io);
    expect([code, err]).toEqual([0, []]);
    const json = JSON.parse(out[0]!);
    expect(Object.keys(json.request)).toEqual([
      'locale',
      'participants',
      'duration',
      'window',
      'constraints',
      'title',
      'unrecognised',
      'recurrence',
    ]);
    expect(json.request.unrecognised).toEqual([]);
    expect(json.request.window.start).toBe('2026-11-24T00:00:00.000+01:00');
    expect(json.request.recurrence).toEqual({
      freq: 'WEEKLY',
      interval: 2,
      byDay: [{ n: 0, weekday: 1 }],
      until: '2027-02-23',
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270223T225959Z',
      source: 'said',
      text: 'every other tuesday',
      end: { source: 'implied' },
    });
    expect(json.warnings.map((w: { code: string }) => w.code)).toEqual(['series_end_implied']);
    expect(json.warnings[0].message).toContain('until Tue 23 Feb (3 months)');
  });

  it('reads a said end as COUNT or UNTIL, without a warning', async () => {
    const { io, out } = fakeIo();
    await run(['/meet @ana 1h tous les mardis pendant 6 semaines', ...CLOCK, '--json'], io);
    const json = JSON.parse(out[0]!);
    expect(json.request.recurrence.rrule).toBe('FREQ=WEEKLY;BYDAY=TU;UNTIL=20270104T225959Z');
    expect(json.request.recurrence.end).toEqual({ source: 'said', text: 'pendant 6 semaines' });
    expect(json.warnings).toEqual([]);
  });

  it('prints the error value as JSON and exits 1 when the request is refused', async () => {
    const { io, out, err } = fakeIo();
    const code = await run(['demain après-midi', ...CLOCK, '--json'], io);
    expect([code, err]).toEqual([1, []]);
    const json = JSON.parse(out[0]!);
    expect(Object.keys(json)).toEqual(['ok', 'errors', 'partial', 'warnings']);
    expect(json.errors.map((e: { code: string }) => e.code)).toEqual(['no_participants']);
    expect(json.errors[0].message).toContain('Je n');
    expect(json.partial.locale).toBe('fr');
  });

  it('honours --locale', async () => {
    const { io, out } = fakeIo();
    expect(await run(['@ana 30 min', ...CLOCK, '--locale', 'fr', '--json'], io)).toBe(0);
    expect(JSON.parse(out[0]!).request.locale).toBe('fr');
  });

  it('prints a readable summary without --json', async () => {
    const { io, out } = fakeIo();
    expect(await run(['@ana 45 min mardi prochain après-midi', ...CLOCK], io)).toBe(0);
    expect(out[0]).toContain('window: 2026-12-01T00:00:00.000+01:00 → 2026-12-02T00:00:00.000+01:00');
    expect(out[0]).toContain('time of day: 13:00–17:00 (après-midi)');
  });

  it('prints the named zone, exclusions, alternatives and questions (summary and JSON)', async () => {
    const { io, out } = fakeIo();
    expect(await run(['@ana next week except friday at 10am or 2pm ET', ...CLOCK], io)).toBe(0);
    expect(out[0]).toContain('time zone: America/New_York (said: ET)');
    expect(out[0]).toContain('window: 2026-11-30T00:00:00.000-05:00 → 2026-12-07T00:00:00.000-05:00');
    expect(out[0]).toContain(
      'excluded: 2026-12-04T00:00:00.000-05:00 → 2026-12-05T00:00:00.000-05:00 (except friday)',
    );
    expect(out[0]).toContain('time of day: 10:00–10:30 or 14:00–14:30 (10am or 2pm)');
    const json = fakeIo();
    expect(await run(['@ana tomorrow 3pm IST', ...CLOCK, '--json'], json.io)).toBe(0);
    const request = JSON.parse(json.out[0]!).request;
    expect(request.questions).toEqual([
      {
        code: 'ambiguous_zone',
        message: 'Which time zone do you mean by "IST": Asia/Kolkata, Europe/Dublin, Asia/Jerusalem?',
        text: 'IST',
        options: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
      },
    ]);
    expect(request.timeZone).toBeUndefined();
  });

  it('accepts --locale de and reads the request in German', async () => {
    const { io, out, err } = fakeIo();
    const code = await run(
      [
        '/meet @ana 45 Min. nächsten Dienstag nachmittags „Q3-Rückblick“',
        ...CLOCK,
        '--locale',
        'de',
        '--json',
      ],
      io,
    );
    expect([code, err]).toEqual([0, []]);
    const json = JSON.parse(out[0]!);
    expect(json.request.locale).toBe('de');
    expect(json.request.duration).toEqual({ minutes: 45, source: 'said', text: '45 Min.' });
    // Monday 23rd: `nächsten Dienstag` is the 1st, as `next tuesday` and `mardi prochain` are.
    expect(json.request.window.start).toBe('2026-12-01T00:00:00.000+01:00');
    expect(json.request.constraints[0]).toMatchObject({ start: '13:00', end: '17:00' });
    expect(json.request.title.value).toBe('Q3-Rückblick');
    expect(json.request.unrecognised).toEqual([]);
  });

  it('lists every supported language in its usage', async () => {
    const { io, out } = fakeIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(out[0]).toContain('[--locale en|fr|de]');
  });

  it.each([
    [['@ana', '--tz', 'Europe/Paris', '--json'], '--now'],
    [
      ['@ana', '--now', '2026-11-23', '--tz', 'Europe/Paris'],
      '--now "2026-11-23" is not an ISO 8601 instant',
    ],
    [['@ana', '--now', 'yesterday', '--tz', 'Europe/Paris'], '--now "yesterday"'],
    [['@ana', '--now', '2026-11-23T10:00:00Z'], '--tz'],
    [
      ['@ana', '--now', '2026-11-23T10:00:00Z', '--tz', 'Mars/Base'],
      '--tz "Mars/Base" is not a valid IANA time zone',
    ],
    [['@ana', ...CLOCK, '--locale', 'es'], '--locale "es" is not supported; use en, fr, de'],
    [['@ana', ...CLOCK, '--verbose'], "'--verbose'"],
    [[...CLOCK, '--json'], 'missing the request text'],
    [['@ana', 'tomorrow', ...CLOCK], 'put the request in quotes'],
  ])('exits 2 with one line on stderr for bad usage: %j', async (argv, expected) => {
    const { io, out, err } = fakeIo();
    expect(await run(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('\n');
    expect(err[0]!.startsWith('convene parse: ')).toBe(true);
    expect(err[0]).toContain(expected);
  });

  it('prints the exact message for an unknown zone', async () => {
    const { io, err } = fakeIo();
    await run(['@ana', '--now', '2026-11-23T10:00:00Z', '--tz', 'Mars/Base', '--json'], io);
    expect(err).toEqual(['convene parse: --tz "Mars/Base" is not a valid IANA time zone']);
  });
});
