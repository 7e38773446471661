import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandIcs, wallClockToInstant } from '../../src/connectors/ics/expand.ts';
import type { Interval } from '../../src/core/interval.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/ics/${name}`, import.meta.url), 'utf8');
const range = (from: string, to: string): Interval => ({ start: Date.parse(from), end: Date.parse(to) });
const span = (from: string, to: string) =>
  `${new Date(Date.parse(from)).toISOString()}/${new Date(Date.parse(to)).toISOString()}`;

function busyOf(text: string, r: Interval, options = {}): { busy: string[]; warnings: string[] } {
  const result = expandIcs(text, r, options);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return {
    busy: result.busy.map((b) => `${new Date(b.start).toISOString()}/${new Date(b.end).toISOString()}`),
    warnings: result.warnings,
  };
}

const stripVtimezone = (text: string) => text.replace(/BEGIN:VTIMEZONE[\s\S]*?END:VTIMEZONE\r?\n/g, '');

describe('expandIcs: recurrence with exceptions across the Paris DST switch (31 March 2030)', () => {
  const text = fixture('recurring-exceptions.ics');
  const spring = range('2030-03-01T00:00:00Z', '2030-05-01T00:00:00Z');
  // Mondays 09:00–10:00 Paris, COUNT=6: 11 Mar, 18 Mar (EXDATE), 25 Mar (moved to Tue 26 Mar 14:00–15:30),
  // 1 Apr (now CEST, one hour earlier in UTC), 8 Apr (cancelled override), 15 Apr; plus RDATE Wed 13 Mar 16:00.
  const expected = [
    span('2030-03-11T08:00Z', '2030-03-11T09:00Z'),
    span('2030-03-13T15:00Z', '2030-03-13T16:00Z'),
    span('2030-03-26T13:00Z', '2030-03-26T14:30Z'),
    span('2030-04-01T07:00Z', '2030-04-01T08:00Z'),
    span('2030-04-15T07:00Z', '2030-04-15T08:00Z'),
  ];

  it('applies RRULE COUNT, EXDATE, RDATE, a moved and a cancelled RECURRENCE-ID with exact instants', () => {
    expect(busyOf(text, spring)).toEqual({ busy: expected, warnings: [] });
  });

  it('gives the same instants whichever way the zone is known', () => {
    // IANA name with no VTIMEZONE block (computed from the tz database)
    expect(busyOf(stripVtimezone(text), spring).busy).toEqual(expected);
    // Windows zone name, as Outlook writes it
    const windows = stripVtimezone(text).replaceAll('Europe/Paris', 'Romance Standard Time');
    expect(busyOf(windows, spring).busy).toEqual(expected);
    // A custom TZID only the file's VTIMEZONE defines (computed by ical.js from that definition)
    const custom = text.replaceAll('Europe/Paris', 'Paris local (custom)');
    expect(busyOf(custom, spring)).toEqual({ busy: expected, warnings: [] });
  });

  it('finds a moved instance by its new time, not its original slot', () => {
    expect(busyOf(text, range('2030-03-25T00:00Z', '2030-03-26T00:00Z')).busy).toEqual([]);
    expect(busyOf(text, range('2030-03-26T00:00Z', '2030-03-27T00:00Z')).busy).toEqual([
      span('2030-03-26T13:00Z', '2030-03-26T14:30Z'),
    ]);
  });

  it('clips instances that cross the range edges', () => {
    expect(busyOf(text, range('2030-03-11T08:30Z', '2030-03-13T15:15Z')).busy).toEqual([
      span('2030-03-11T08:30Z', '2030-03-11T09:00Z'),
      span('2030-03-13T15:00Z', '2030-03-13T15:15Z'),
    ]);
  });

  it('never puts titles in the result', () => {
    const result = expandIcs(text, spring);
    expect(JSON.stringify(result)).not.toMatch(/secret project|moved to Tuesday|Weekly sync/);
  });
});

describe('expandIcs: all-day, floating, DURATION, free and cancelled events', () => {
  const text = fixture('all-day-floating.ics');
  const march = range('2030-03-01T00:00Z', '2030-03-20T00:00Z');

  it('reads floating times and all-day dates in UTC by default', () => {
    expect(busyOf(text, march)).toEqual({
      busy: [
        span('2030-03-04T00:00Z', '2030-03-06T00:00Z'), // DATE 4–6 March (DTEND exclusive)
        span('2030-03-07T08:30Z', '2030-03-07T08:45Z'), // DURATION PT15M, daily COUNT=2
        span('2030-03-07T12:00Z', '2030-03-07T13:30Z'), // floating 12:00 + PT1H30M
        span('2030-03-08T08:30Z', '2030-03-08T08:45Z'),
        span('2030-03-10T00:00Z', '2030-03-11T00:00Z'), // DATE without DTEND: one day
        span('2030-03-12T16:00Z', '2030-03-12T16:30Z'), // only the opaque, confirmed one of four
      ],
      warnings: [],
    });
  });

  it('reads them in the given default zone, with a 23-hour day on the New York DST switch', () => {
    expect(busyOf(text, march, { defaultZone: 'America/New_York' }).busy).toEqual([
      span('2030-03-04T05:00Z', '2030-03-06T05:00Z'),
      span('2030-03-07T08:30Z', '2030-03-07T08:45Z'), // UTC times do not move
      span('2030-03-07T17:00Z', '2030-03-07T18:30Z'),
      span('2030-03-08T08:30Z', '2030-03-08T08:45Z'),
      span('2030-03-10T05:00Z', '2030-03-11T04:00Z'), // 10 March 2030 is 23 hours long there
      span('2030-03-12T16:00Z', '2030-03-12T16:30Z'),
    ]);
  });

  it('uses the calendar X-WR-TIMEZONE for floating times over the default zone', () => {
    expect(busyOf(fixture('x-wr-timezone.ics'), march, { defaultZone: 'Europe/London' }).busy).toEqual([
      span('2030-03-05T01:00Z', '2030-03-05T02:00Z'), // 10:00 Tokyo (UTC+9)
      span('2030-03-05T15:00Z', '2030-03-06T15:00Z'), // 6 March in Tokyo
    ]);
  });
});

describe('expandIcs: zones and rules', () => {
  it('honours a UTC UNTIL for a TZID known only by name, across the New York DST switch', () => {
    // Daily 09:00 New York; UNTIL 12 March 12:00Z falls before that day's 13:00Z instance.
    expect(
      busyOf(fixture('new-york-until.ics'), range('2030-03-01T00:00Z', '2030-04-01T00:00Z')).busy,
    ).toEqual([
      span('2030-03-08T14:00Z', '2030-03-08T14:30Z'),
      span('2030-03-09T14:00Z', '2030-03-09T14:30Z'),
      span('2030-03-10T13:00Z', '2030-03-10T13:30Z'),
      span('2030-03-11T13:00Z', '2030-03-11T13:30Z'),
    ]);
  });

  it('maps a nonexistent wall time forward and an ambiguous one to its first occurrence (RFC 5545 §3.3.5)', () => {
    expect(busyOf(fixture('dst-gap.ics'), range('2030-03-01T00:00Z', '2030-12-01T00:00Z')).busy).toEqual([
      span('2030-03-31T01:30Z', '2030-03-31T02:30Z'), // 02:30 does not exist: read with +01:00 → 03:30 CEST
      span('2030-10-27T00:30Z', '2030-10-27T03:00Z'), // 02:30 happens twice: the first is CEST (+02:00)
    ]);
    expect(wallClockToInstant(Date.UTC(2030, 2, 31, 2, 30), 'Europe/Paris')).toBe(
      Date.UTC(2030, 2, 31, 1, 30),
    );
    expect(wallClockToInstant(Date.UTC(2030, 9, 27, 2, 30), 'Europe/Paris')).toBe(
      Date.UTC(2030, 9, 27, 0, 30),
    );
    expect(wallClockToInstant(Date.UTC(2030, 6, 1, 12, 0), 'Australia/Lord_Howe')).toBe(
      Date.UTC(2030, 6, 1, 1, 30),
    );
  });

  it('bounds infinite rules by the range and caps runaway rules with a warning', () => {
    const text = fixture('infinite.ics');
    const week = range('2030-03-04T00:00Z', '2030-03-11T00:00Z');
    const { busy, warnings } = busyOf(text, week, { maxIterationsPerSeries: 5_000 });
    expect(busy).toEqual([
      span('2030-03-04T10:00Z', '2030-03-04T11:00Z'),
      span('2030-03-06T10:00Z', '2030-03-06T11:00Z'),
    ]);
    expect(warnings).toEqual([
      'UID every-minute@convene.test (line 17): stopped expanding, the work limit for one series was reached; later instances are missing',
    ]);
  });

  it('caps total work across the whole file: later events are skipped with a warning, earlier ones kept', () => {
    const text = fixture('infinite.ics').replace(
      'END:VCALENDAR',
      'BEGIN:VEVENT\r\nUID:after@convene.test\r\nDTSTART:20300305T100000Z\r\nDTEND:20300305T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR',
    );
    const { busy, warnings } = busyOf(text, range('2030-03-04T00:00Z', '2030-03-11T00:00Z'), {
      maxIterationsTotal: 1_000,
    });
    expect(busy).toEqual([
      span('2030-03-04T10:00Z', '2030-03-04T11:00Z'),
      span('2030-03-06T10:00Z', '2030-03-06T11:00Z'),
    ]);
    expect(warnings).toEqual([
      'UID every-minute@convene.test (line 17): stopped expanding, the work limit for one series was reached; later instances are missing',
      '1 event not read: the time or work limit for this calendar was reached',
    ]);
  });

  it('warns about an unknown TZID and reads it in the floating zone', () => {
    const text = fixture('new-york-until.ics').replaceAll('America/New_York', 'Mars/Olympus_Mons');
    const { busy, warnings } = busyOf(text, range('2030-03-08T00:00Z', '2030-03-09T00:00Z'), {
      defaultZone: 'Asia/Tokyo',
    });
    expect(busy).toEqual([span('2030-03-08T00:00Z', '2030-03-08T00:30Z')]);
    expect(warnings).toEqual([
      'unknown TZID "Mars/Olympus_Mons" without VTIMEZONE; its times are read in Asia/Tokyo',
    ]);
  });

  it('does not mutate its input and is deterministic', () => {
    const text = fixture('recurring-exceptions.ics');
    const r = Object.freeze(range('2030-03-01T00:00Z', '2030-05-01T00:00Z'));
    expect(expandIcs(text, r)).toEqual(expandIcs(text, r));
    expect(r).toEqual(range('2030-03-01T00:00Z', '2030-05-01T00:00Z'));
  });
});

describe('expandIcs: bad input', () => {
  const r = range('2030-03-01T00:00Z', '2030-04-01T00:00Z');
  it('rejects text that is not iCalendar', () => {
    expect(expandIcs(fixture('not-a-calendar.csv'), r)).toEqual({
      ok: false,
      error: { code: 'not_icalendar', message: 'not an iCalendar file (no BEGIN:VCALENDAR)' },
    });
  });
  it('rejects a calendar cut off before END:VCALENDAR with a one-line message', () => {
    const result = expandIcs(fixture('truncated.ics'), r);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('parse_error');
      expect(result.error.message).toMatch(/^not a valid iCalendar file: /);
      expect(result.error.message).not.toContain('\n');
    }
  });
  it('rejects an empty or inverted range and an unknown default zone', () => {
    const text = fixture('infinite.ics');
    expect(expandIcs(text, { start: r.end, end: r.start })).toMatchObject({
      ok: false,
      error: { code: 'invalid_range' },
    });
    expect(expandIcs(text, { start: Number.NaN, end: r.end })).toMatchObject({
      ok: false,
      error: { code: 'invalid_range' },
    });
    expect(expandIcs(text, r, { defaultZone: 'Nowhere/Special' })).toMatchObject({ ok: false });
  });
});
