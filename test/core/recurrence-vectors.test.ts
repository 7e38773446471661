/**
 * Recurrence vectors from RFC 5545 §3.8.5.3, libical and python-dateutil (test/fixtures/recurrence/, licences
 * noted there), run through the same code the ICS and CalDAV connectors and `convene expand` use: each vector
 * becomes a VEVENT, `expandIcsInstances` expands it, and the instance starts are read back as wall-clock
 * times in DTSTART's zone. Expected lists follow RFC 5545 (DTSTART is the first instance); the few vectors
 * where a suite follows another convention are listed in CONVENTIONS with what we produce instead and why.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expandIcsInstances } from '../../src/connectors/ics/expand.ts';
import { formatLike, loadVectors, type Vector, wallOf } from '../support/recurrence-vectors.ts';

/** Convention differences: suite + title → what we produce and why. Regenerate the closing-note table from it. */
const CONVENTIONS: Record<string, { readonly instances: string[]; readonly reason: string }> = {
  'rfc5545: Every 3 hours from 9:00 AM to 5:00 PM on a specific day (as printed in the RFC; see erratum note)':
    {
      instances: ['19970902T090000', '19970902T120000'],
      reason:
        'The RFC prints 15:00 EDT, but UNTIL=19970902T170000Z is 13:00 EDT: we honour UNTIL as an instant (§3.3.10), as the RFC text requires.',
    },
  'libical: yearly, by Feb 29th day of month': {
    instances: ['20240229', '20240329', '20240429'],
    reason:
      'YEARLY;BYMONTHDAY without BYMONTH: RFC 5545 says BYMONTHDAY expands over the year (every month), as dateutil does (testYearlyByMonthDay); recent libical takes the month from DTSTART.',
  },
  'libical: yearly, by last and -29th of Feb': {
    instances: ['20240201', '20240229', '20240303', '20240331'],
    reason: 'Same as above: BYMONTHDAY in a YEARLY rule without BYMONTH means every month of the year.',
  },
  'dateutil: testYearlyByWeekNo': {
    instances: ['19970902T090000', '19980512T090000', '19990518T090000'],
    reason:
      'YEARLY;BYWEEKNO without BYDAY: we take the weekday from DTSTART as libical does (its BYWEEKNO=1,2 vectors); dateutil returns all seven days of the week.',
  },
};

function run(v: Vector): string[] {
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:vector@convene.test',
    ...v.lines,
    'DURATION:PT1S',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const zone = v.tzid ?? 'UTC';
  const instant = (wallText: string) =>
    DateTime.fromMillis(wallOf(wallText), { zone: 'UTC' }).setZone(zone, { keepLocalTime: true }).toMillis();
  const start = instant(v.dtstart) - 2 * 86_400_000;
  const end = v.complete ? Date.UTC(2300, 0, 1) : instant(v.expected.at(-1)!) + 1000;
  const result = expandIcsInstances(
    ics,
    { start, end },
    { maxIterationsPerSeries: 10_000_000, maxIterationsTotal: 10_000_000, timeBudgetPerSeriesMs: 60_000 },
  );
  if (!result.ok) throw new Error(result.error.message);
  expect(result.warnings).toEqual([]);
  return result.intervals
    .filter((i) => i.start < end)
    .map((i) => {
      const local = DateTime.fromMillis(i.start, { zone });
      return formatLike(local.toMillis() + local.offset * 60_000, v.dtstart);
    });
}

for (const suite of ['rfc5545', 'libical', 'dateutil'] as const) {
  describe(`recurrence vectors: ${suite}`, () => {
    const vectors = loadVectors(suite);
    it('has its vectors', () => {
      expect(vectors.length).toBeGreaterThan(40);
    });
    for (const v of vectors) {
      const known = CONVENTIONS[`${suite}: ${v.title}`];
      it(`${v.title} — ${v.rrule}${known ? ' (convention difference)' : ''}`, () => {
        expect(run(v)).toEqual(known ? known.instances : v.expected);
      });
    }
  });
}

describe('recurrence vectors: the convention table is up to date', () => {
  it('names only vectors that exist', () => {
    const titles = new Set(
      (['rfc5545', 'libical', 'dateutil'] as const).flatMap((s) =>
        loadVectors(s).map((v) => `${s}: ${v.title}`),
      ),
    );
    for (const key of Object.keys(CONVENTIONS)) expect(titles).toContain(key);
  });
});
