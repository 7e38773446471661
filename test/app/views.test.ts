/**
 * `slotLabel` formats with cached Intl formatters; Luxon (`ccc d LLL`, `HH:mm`) is the reference it
 * replaced. Both must give the same text for any slot, zone and locale.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildHeatmap } from '../../src/app/request-meeting.ts';
import { slotLabel, zoneCity } from '../../src/app/views.ts';

function luxonSlotLabel(start: number, end: number, zone: string, locale: 'en' | 'fr'): string {
  const a = DateTime.fromMillis(start, { zone }).setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB');
  const b = DateTime.fromMillis(end, { zone }).setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB');
  const sameDay = a.hasSame(b, 'day') || b.equals(b.startOf('day'));
  const day = a.toFormat('ccc d LLL');
  const range = sameDay
    ? `${a.toFormat('HH:mm')}–${b.toFormat('HH:mm')}`
    : `${a.toFormat('HH:mm')}–${b.toFormat('ccc HH:mm')}`;
  const city = zoneCity(zone);
  return locale === 'fr' ? `${day}, ${range} (heure de ${city})` : `${day}, ${range} (${city} time)`;
}

const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
];
const MINUTE = 60_000;

describe('slotLabel', () => {
  it('matches the Luxon formatting it replaced for any slot, zone and locale', () => {
    fc.assert(
      fc.property(
        // Minute-aligned starts in 2025–2032 (slots are), durations up to two days, some ending at midnight.
        fc.integer({ min: 29_000_000, max: 33_000_000 }).map((m) => m * MINUTE),
        fc.oneof(fc.integer({ min: 5, max: 2 * 24 * 60 }), fc.constantFrom(30, 60, 24 * 60)),
        fc.constantFrom(...ZONES),
        fc.constantFrom('en' as const, 'fr' as const),
        (start, minutes, zone, locale) => {
          const end = start + minutes * MINUTE;
          expect(slotLabel(start, end, zone, locale)).toBe(luxonSlotLabel(start, end, zone, locale));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('across DST switches, month ends and local midnight', () => {
    const cases: Array<[string, string, string]> = [
      ['2030-03-31T00:30:00Z', '2030-03-31T01:30:00Z', 'Europe/Paris'], // spring forward
      ['2030-10-27T00:30:00Z', '2030-10-27T01:30:00Z', 'Europe/Paris'], // fall back
      ['2030-09-30T21:00:00Z', '2030-09-30T22:00:00Z', 'Europe/Paris'], // ends at local midnight
      ['2030-09-30T21:00:00Z', '2030-10-01T07:00:00Z', 'America/New_York'],
      ['2030-12-31T23:00:00Z', '2031-01-01T01:00:00Z', 'UTC'],
      ['2030-04-06T14:30:00Z', '2030-04-06T15:30:00Z', 'Australia/Lord_Howe'],
    ];
    for (const [from, to, zone] of cases)
      for (const locale of ['en', 'fr'] as const) {
        const start = Date.parse(from);
        const end = Date.parse(to);
        expect(slotLabel(start, end, zone, locale)).toBe(luxonSlotLabel(start, end, zone, locale));
      }
    expect(
      slotLabel(Date.parse('2030-12-03T14:00:00Z'), Date.parse('2030-12-03T14:30:00Z'), 'Europe/Paris', 'en'),
    ).toBe('Tue 3 Dec, 15:00–15:30 (Paris time)');
    expect(
      slotLabel(Date.parse('2030-12-03T14:00:00Z'), Date.parse('2030-12-03T14:30:00Z'), 'Europe/Paris', 'fr'),
    ).toBe('mar. 3 déc., 15:00–15:30 (heure de Paris)');
  });
});

describe('buildHeatmap columns', () => {
  it('are the local hours, dates and day labels Luxon gives, across DST and odd offsets', () => {
    const HOUR = 3_600_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 29_000_000, max: 33_000_000 }).map((m) => m * MINUTE),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom('en' as const, 'fr' as const),
        (start, hours, zone, locale) => {
          const window = { start, end: start + hours * HOUR - 7 * MINUTE };
          const map = buildHeatmap([], new Map(), window, zone, locale);
          const expected: { start: number; day: string; dayLabel: string; hour: number }[] = [];
          let cursor = DateTime.fromMillis(window.start, { zone }).startOf('hour');
          while (cursor.toMillis() < window.end && expected.length < 14 * 24) {
            expected.push({
              start: cursor.toMillis(),
              day: cursor.toISODate() ?? '',
              dayLabel: cursor.setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB').toFormat('ccc d LLL'),
              hour: cursor.hour,
            });
            cursor = cursor.plus({ hours: 1 });
          }
          expect(map.columns).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
