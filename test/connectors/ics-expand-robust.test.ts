/**
 * Issue #15: the ICS reading the connectors and `convene expand` share must be correct, bounded and
 * liberal. Each case below is one the ical.js-based expansion got wrong (see the issue).
 */
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { expandIcs, expandIcsAsync } from '../../src/connectors/ics/expand.ts';
import type { Interval } from '../../src/core/interval.ts';

const range = (from: string, to: string): Interval => ({ start: Date.parse(from), end: Date.parse(to) });
const iso = (ms: number) => new Date(ms).toISOString();
const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (uid: string, ...lines: string[]) => ['BEGIN:VEVENT', `UID:${uid}`, ...lines, 'END:VEVENT'];

function starts(text: string, r: Interval, options = {}) {
  const result = expandIcs(text, r, options);
  if (!result.ok) throw new Error(result.error.message);
  return { starts: result.busy.map((b) => iso(b.start)), warnings: result.warnings, result };
}

const VTIMEZONE = (tzid: string, standard: string[], daylight?: string[]) => [
  'BEGIN:VTIMEZONE',
  `TZID:${tzid}`,
  'BEGIN:STANDARD',
  ...standard,
  'END:STANDARD',
  ...(daylight ? ['BEGIN:DAYLIGHT', ...daylight, 'END:DAYLIGHT'] : []),
  'END:VTIMEZONE',
];
const NEW_YORK = VTIMEZONE(
  'America/New_York',
  [
    'TZOFFSETFROM:-0400',
    'TZOFFSETTO:-0500',
    'DTSTART:20071104T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  ],
  [
    'TZOFFSETFROM:-0500',
    'TZOFFSETTO:-0400',
    'DTSTART:20070311T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  ],
);
const TOKYO = VTIMEZONE('Asia/Tokyo', ['TZOFFSETFROM:+0900', 'TZOFFSETTO:+0900', 'DTSTART:19700101T000000']);

describe('UNTIL in UTC against a zoned DTSTART with a VTIMEZONE in the file', () => {
  it('keeps the last New York instance that UNTIL names exactly', () => {
    const text = calendar(
      ...NEW_YORK,
      ...event(
        'ny@convene.test',
        'DTSTART;TZID=America/New_York:20260105T100000',
        'DTEND;TZID=America/New_York:20260105T110000',
        'RRULE:FREQ=WEEKLY;UNTIL=20260126T150000Z',
      ),
    );
    expect(starts(text, range('2026-01-01T00:00Z', '2026-03-01T00:00Z')).starts).toEqual([
      '2026-01-05T15:00:00.000Z',
      '2026-01-12T15:00:00.000Z',
      '2026-01-19T15:00:00.000Z',
      '2026-01-26T15:00:00.000Z',
    ]);
  });

  it('adds nothing after UNTIL east of UTC', () => {
    // 19 January 10:00 Tokyo is 01:00Z; UNTIL one second earlier ends the series on the 12th.
    const text = calendar(
      ...TOKYO,
      ...event(
        'tokyo@convene.test',
        'DTSTART;TZID=Asia/Tokyo:20260105T100000',
        'DURATION:PT1H',
        'RRULE:FREQ=WEEKLY;UNTIL=20260119T005959Z',
      ),
    );
    expect(starts(text, range('2026-01-01T00:00Z', '2026-03-01T00:00Z')).starts).toEqual([
      '2026-01-05T01:00:00.000Z',
      '2026-01-12T01:00:00.000Z',
    ]);
  });
});

describe('rule families', () => {
  const r = range('2024-01-01T00:00Z', '2030-01-01T00:00Z');
  const series = (rule: string, dtstart = 'DTSTART:20240102T090000Z', duration = 'DURATION:PT1M') =>
    calendar(...event('s@convene.test', dtstart, duration, `RRULE:${rule}`));

  it('finishes DAILY;BYMONTHDAY=-1 from a DATE start (it hung before)', () => {
    const text = series('FREQ=DAILY;BYMONTHDAY=-1;COUNT=4', 'DTSTART;VALUE=DATE:20241030', 'DURATION:PT1H');
    expect(starts(text, r).starts).toEqual([
      '2024-10-30T00:00:00.000Z', // DTSTART, the first instance (RFC 5545)
      '2024-10-31T00:00:00.000Z',
      '2024-11-30T00:00:00.000Z',
      '2024-12-31T00:00:00.000Z',
    ]);
  });

  it('gives two instances a year for YEARLY;BYHOUR=6,18', () => {
    expect(starts(series('FREQ=YEARLY;BYHOUR=6,18;COUNT=4'), r).starts).toEqual([
      '2024-01-02T09:00:00.000Z',
      '2024-01-02T18:00:00.000Z',
      '2025-01-02T06:00:00.000Z',
      '2025-01-02T18:00:00.000Z',
    ]);
  });

  it('reads an unordered BYMONTH list', () => {
    expect(starts(series('FREQ=YEARLY;BYMONTH=5,4;COUNT=3', 'DTSTART:20240401T090000Z'), r).starts).toEqual([
      '2024-04-01T09:00:00.000Z',
      '2024-05-01T09:00:00.000Z',
      '2025-04-01T09:00:00.000Z',
    ]);
  });

  it('skips the years without 29 February for a yearly event from a leap day', () => {
    const text = series('FREQ=YEARLY;COUNT=3', 'DTSTART;VALUE=DATE:20120229', 'DURATION:P1D');
    expect(starts(text, range('2012-01-01T00:00Z', '2030-01-01T00:00Z')).starts).toEqual([
      '2012-02-29T00:00:00.000Z',
      '2016-02-29T00:00:00.000Z',
      '2020-02-29T00:00:00.000Z',
    ]);
  });

  it('applies several BYSETPOS positions inside a WEEKLY period', () => {
    const text = series('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,3;COUNT=4', 'DTSTART:20240101T090000Z');
    expect(starts(text, r).starts).toEqual([
      '2024-01-01T09:00:00.000Z',
      '2024-01-03T09:00:00.000Z',
      '2024-01-08T09:00:00.000Z',
      '2024-01-10T09:00:00.000Z',
    ]);
  });

  it('keeps BYYEARDAY with a sub-daily frequency', () => {
    const text = series('FREQ=HOURLY;BYHOUR=12;BYYEARDAY=-366;COUNT=2', 'DTSTART:20120101T120000Z');
    expect(starts(text, range('2012-01-01T00:00Z', '2030-01-01T00:00Z')).starts).toEqual([
      '2012-01-01T12:00:00.000Z',
      '2016-01-01T12:00:00.000Z',
    ]);
  });

  it('accepts Google’s trailing semicolon, lowercase and unknown X- parts', () => {
    const { starts: got, warnings } = starts(series('freq=weekly;count=2;byday=tu;X-FOO=1;'), r);
    expect(got).toEqual(['2024-01-02T09:00:00.000Z', '2024-01-09T09:00:00.000Z']);
    expect(warnings).toEqual([]);
  });
});

describe('one bad component never costs the rest of the feed', () => {
  const r = range('2018-01-01T00:00Z', '2021-01-01T00:00Z');

  it('reads a DATE RECURRENCE-ID and a DATE DTSTART written without VALUE=DATE', () => {
    const text = calendar(
      ...event('daily@convene.test', 'DTSTART:20200913', 'RRULE:FREQ=DAILY;COUNT=3'),
      ...event('daily@convene.test', 'RECURRENCE-ID:20200914', 'DTSTART:20200914T150000Z', 'DURATION:PT1H'),
      ...event('allday@convene.test', 'DTSTART:20180110'),
    );
    const { starts: got, warnings, result } = starts(text, r);
    expect(warnings).toEqual([]);
    expect(result.ok && result.busy.map((b) => `${iso(b.start)}/${iso(b.end)}`)).toEqual([
      '2018-01-10T00:00:00.000Z/2018-01-11T00:00:00.000Z',
      '2020-09-13T00:00:00.000Z/2020-09-14T00:00:00.000Z',
      '2020-09-14T15:00:00.000Z/2020-09-14T16:00:00.000Z', // the moved instance, not the whole day
      '2020-09-15T00:00:00.000Z/2020-09-16T00:00:00.000Z',
    ]);
    expect(got).toHaveLength(4);
  });

  it('applies a DATE RECURRENCE-ID to the instance of that day of a DATE-TIME series', () => {
    const text = calendar(
      ...event('timed@convene.test', 'DTSTART:20200913T100000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=3'),
      ...event('timed@convene.test', 'RECURRENCE-ID:20200914', 'DTSTART:20200914T150000Z', 'DURATION:PT1H'),
    );
    expect(starts(text, r)).toMatchObject({
      starts: ['2020-09-13T10:00:00.000Z', '2020-09-14T15:00:00.000Z', '2020-09-15T10:00:00.000Z'],
      warnings: [],
    });
  });

  it('turns an unreadable component into a warning with its UID and line, and reads the others', () => {
    const text = calendar(
      ...event('bad-start@convene.test', 'DTSTART:20200101T10', 'DURATION:PT1H'),
      ...event('bad-rule@convene.test', 'DTSTART:20200102T100000Z', 'DURATION:PT1H', 'RRULE:FREQ=SOMETIMES'),
      'this line is not iCalendar',
      ...event('good@convene.test', 'DTSTART:20200103T100000Z', 'DURATION:PT1H'),
    );
    const { starts: got, warnings } = starts(text, r);
    expect(got).toEqual(['2020-01-03T10:00:00.000Z']);
    expect(warnings).toEqual([
      'line 14: not an iCalendar content line, ignored',
      'UID bad-start@convene.test: skipped, cannot be read: line 5: DTSTART "20200101T10" is not a date or date-time',
      'UID bad-rule@convene.test: skipped, cannot be read: line 12: RRULE cannot be read: unknown FREQ "SOMETIMES"',
    ]);
  });

  it('reads a component left open up to the end of the calendar, with a warning', () => {
    const text = [
      'BEGIN:VCALENDAR',
      ...event('ok@convene.test', 'DTSTART:20200103T100000Z', 'DURATION:PT1H'),
      'BEGIN:VEVENT',
      'UID:open@convene.test',
      'DTSTART:20200104T100000Z',
      'DURATION:PT1H',
      'END:VCALENDAR',
    ].join('\r\n');
    const { starts: got, warnings } = starts(text, r);
    expect(got).toEqual(['2020-01-03T10:00:00.000Z', '2020-01-04T10:00:00.000Z']);
    expect(warnings).toEqual(['line 7: BEGIN:VEVENT has no END:VEVENT; read up to line 11']);
  });
});

describe('free/busy types', () => {
  const r = range('2030-03-04T00:00Z', '2030-03-05T00:00Z');
  const text = calendar(
    ...event('confirmed@convene.test', 'DTSTART:20300304T090000Z', 'DURATION:PT1H'),
    ...event('maybe@convene.test', 'DTSTART:20300304T110000Z', 'DURATION:PT1H', 'STATUS:TENTATIVE'),
    ...event(
      'oof@convene.test',
      'DTSTART:20300304T130000Z',
      'DURATION:PT1H',
      'X-MICROSOFT-CDO-BUSYSTATUS:OOF',
    ),
    'BEGIN:VFREEBUSY',
    'UID:fb@convene.test',
    'FREEBUSY:20300304T150000Z/PT30M,20300304T160000Z/20300304T163000Z',
    'FREEBUSY;FBTYPE=BUSY-TENTATIVE:20300304T170000Z/PT1H',
    'FREEBUSY;FBTYPE=FREE:20300304T180000Z/PT1H',
    'END:VFREEBUSY',
  );

  it('keeps TENTATIVE as its own type, busy by default, and reads VFREEBUSY periods', () => {
    const result = expandIcs(text, r);
    if (!result.ok) throw new Error(result.error.message);
    expect(
      result.intervals.map((i) => `${iso(i.start).slice(11, 16)}-${iso(i.end).slice(11, 16)} ${i.type}`),
    ).toEqual([
      '09:00-10:00 BUSY',
      '11:00-12:00 BUSY-TENTATIVE',
      '13:00-14:00 BUSY-UNAVAILABLE',
      '15:00-15:30 BUSY',
      '16:00-16:30 BUSY',
      '17:00-18:00 BUSY-TENTATIVE',
    ]);
    expect(result.busy).toHaveLength(6);
  });

  it('treats tentative time as free when the person prefers it', () => {
    const result = expandIcs(text, r, { tentative: 'free' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.busy.map((b) => iso(b.start).slice(11, 16))).toEqual(['09:00', '13:00', '15:00', '16:00']);
    expect(result.intervals.filter((i) => i.type === 'BUSY-TENTATIVE')).toHaveLength(2);
  });
});

describe('bounded work', () => {
  const hostile = (n: number) =>
    calendar(
      ...Array.from({ length: n }, (_, i) =>
        event(
          `hostile-${i}@convene.test`,
          'DTSTART:20000101T000000Z',
          'DURATION:PT1S',
          // Every second, counted from 2000: COUNT forbids skipping ahead, so every step must be walked.
          'RRULE:FREQ=SECONDLY;COUNT=999999999',
        ),
      ).flat(),
      ...event('real@convene.test', 'DTSTART:20300304T090000Z', 'DURATION:PT1H'),
    );

  it('cuts a series short at its time budget with a warning, and reads the rest', () => {
    let now = 0;
    // A clock that advances 1 ms per reading: the 5 ms series budget runs out after a few polls.
    const clock = () => now++;
    const result = expandIcs(hostile(1), range('2030-03-04T00:00Z', '2030-03-05T00:00Z'), {
      clock,
      timeBudgetPerSeriesMs: 5,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.busy.map((b) => iso(b.start))).toEqual(['2030-03-04T09:00:00.000Z']);
    expect(result.warnings).toEqual([
      'UID hostile-0@convene.test (line 7): stopped expanding, the time limit for one series was reached; later instances are missing',
    ]);
  });

  it('stops when its caller gives up (an aborted signal rejects at the next component)', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error('read timed out')), 50);
    await expect(
      expandIcsAsync(hostile(40), range('2030-03-04T00:00Z', '2030-03-05T00:00Z'), {
        timeBudgetPerSeriesMs: 40,
        maxIterationsPerSeries: 1e12,
        maxIterationsTotal: 1e12,
        signal: controller.signal,
      }),
    ).rejects.toThrow('read timed out');
    // 40 series × 40 ms would take 1.6 s; it stopped within a few series of the abort.
    expect(performance.now() - started).toBeLessThan(600);
  });

  it('answers another request while a hostile feed is expanded (expandIcsAsync yields)', async () => {
    const server = createServer((_req, res) => res.end('pong'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      let expansionDone = 0;
      const expansion = expandIcsAsync(hostile(40), range('2030-03-04T00:00Z', '2030-03-05T00:00Z'), {
        timeBudgetPerSeriesMs: 40,
        maxIterationsPerSeries: 1e12,
        maxIterationsTotal: 1e12,
      }).then((result) => {
        expansionDone = performance.now();
        return result;
      });
      const sent = performance.now();
      const answer = await new Promise<{ text: string; at: number }>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: '/' }, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ text: body, at: performance.now() }));
        }).on('error', reject);
      });
      const result = await expansion;
      expect(answer.text).toBe('pong');
      // The request was answered while the expansion (40 series × 40 ms) was still running, within a
      // few series' time budgets; a synchronous expansion would have held it for the whole 1.6 s.
      expect(answer.at).toBeLessThan(expansionDone);
      expect(answer.at - sent).toBeLessThan(500);
      expect(expansionDone - sent).toBeGreaterThan(1_000);
      expect(result.ok && result.busy.map((b) => iso(b.start))).toEqual(['2030-03-04T09:00:00.000Z']);
      expect(result.ok && result.warnings).toHaveLength(40);
    } finally {
      server.close();
    }
  });
});
