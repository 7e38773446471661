/**
 * Brute-force reference for the series search (issue #22): occurrences enumerated day by day with luxon
 * (no RRULE engine, no offset tables), working hours read per occurrence from each person's local date and
 * time, busy time scanned linearly. Random series (daily/weekly/monthly, intervals, ordinals, COUNT or
 * UNTIL), organisers and participants in Europe/Paris, America/New_York, Australia/Sydney (their DST
 * changes fall inside the horizons drawn), random working hours and busy sets; the optimised search must
 * give the same ranking, counts and conflicts.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DAY, type Interval, MINUTE } from '../../src/core/interval.ts';
import type { SeriesDay } from '../../src/core/parse/types.ts';
import { type SeriesRule, searchSeries } from '../../src/core/series.ts';
import { compileWorkingHours } from '../../src/core/working-hours.ts';

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney'];

interface RefPerson {
  readonly id: string;
  readonly zone: string;
  readonly days: readonly number[]; // 0 = Sunday
  readonly start: number; // minutes
  readonly end: number;
  readonly busy: readonly Interval[];
}

/** Occurrence starts by walking the days from the first one (DTSTART is always the first occurrence). */
function refOccurrences(rule: SeriesRule, first: number, zone: string, max: number): number[] {
  const d0 = DateTime.fromMillis(first, { zone });
  const out: number[] = [first];
  const until = rule.until ? DateTime.fromISO(rule.until, { zone }).endOf('day') : null;
  const days = rule.byDay && rule.byDay.length > 0 ? rule.byDay : null;
  const monday0 = d0.startOf('day').minus({ days: d0.weekday - 1 });
  for (let i = 1; i < 3000 && out.length < max + 1; i++) {
    const day = d0.startOf('day').plus({ days: i });
    const match = (() => {
      if (rule.freq === 'DAILY') return i % rule.interval === 0;
      if (rule.freq === 'WEEKLY') {
        const weeks = Math.round(
          day
            .startOf('day')
            .minus({ days: day.weekday - 1 })
            .diff(monday0, 'days').days / 7,
        );
        if (weeks % rule.interval !== 0) return false;
        return days ? days.some((d) => d.weekday === day.weekday - 1) : day.weekday === d0.weekday;
      }
      const months = (day.year - d0.year) * 12 + day.month - d0.month;
      if (months % rule.interval !== 0) return false;
      if (!days) return day.day === d0.day;
      return days.some((d: SeriesDay) => {
        if (d.weekday !== day.weekday - 1) return false;
        if (d.n > 0) return Math.ceil(day.day / 7) === d.n;
        return day.day + 7 > day.daysInMonth!;
      });
    })();
    if (!match) continue;
    const at = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: d0.hour, minute: d0.minute },
      { zone },
    );
    if (until && at > until) break;
    out.push(at.toMillis());
    if (rule.count !== undefined && out.length >= rule.count) break;
  }
  return out.slice(0, Math.min(max, rule.count ?? max));
}

function refFree(p: RefPerson, start: number, end: number): 'busy' | 'outside_hours' | null {
  if (p.busy.some((b) => b.start < end && b.end > start)) return 'busy';
  const s = DateTime.fromMillis(start, { zone: p.zone });
  const e = DateTime.fromMillis(end, { zone: p.zone });
  const sameDay =
    e.toISODate() === s.toISODate() ||
    (e.hour === 0 && e.minute === 0 && +e.startOf('day') === +s.startOf('day').plus({ days: 1 }));
  if (!sameDay || !p.days.includes(s.weekday % 7)) return 'outside_hours';
  const from = s.hour * 60 + s.minute;
  const to = e.toISODate() === s.toISODate() ? e.hour * 60 + e.minute : 1440;
  return from >= p.start && to <= p.end ? null : 'outside_hours';
}

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const byDayArb = fc.oneof(
  fc.constant(undefined),
  fc
    .uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 })
    .map((ws) => ws.map((weekday) => ({ n: 0, weekday }))),
);
const ruleArb: fc.Arbitrary<SeriesRule> = fc
  .record({
    kind: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'MONTHLY_NTH'),
    interval: fc.integer({ min: 1, max: 3 }),
    byDay: byDayArb,
    nth: fc.constantFrom(1, 2, 3, 4, -1),
    weekday: fc.integer({ min: 0, max: 6 }),
    end: fc.oneof(
      fc.integer({ min: 1, max: 30 }).map((count) => ({ count })),
      fc.integer({ min: 7, max: 200 }).map((days) => ({ days })),
    ),
  })
  .map((r) => ({
    freq: r.kind === 'MONTHLY_NTH' ? 'MONTHLY' : r.kind,
    interval: r.interval,
    ...(r.kind === 'WEEKLY' && r.byDay ? { byDay: r.byDay } : {}),
    ...(r.kind === 'MONTHLY_NTH' ? { byDay: [{ n: r.nth, weekday: r.weekday }] } : {}),
    ...('count' in r.end ? { count: r.end.count } : { until: `@${r.end.days}` }),
  })) as fc.Arbitrary<SeriesRule>;

describe('searchSeries against a brute-force reference', () => {
  it('gives the same ranking, counts and conflicts over random series, zones, DST changes and busy sets', () => {
    fc.assert(
      fc.property(
        ruleArb,
        fc.constantFrom(...ZONES),
        // First day: around the March/April and October/November DST changes of the three zones, or anywhere.
        fc.constantFrom('2027-02-20', '2027-03-08', '2027-03-25', '2027-09-28', '2027-10-20', '2027-06-01'),
        fc.uniqueArray(fc.integer({ min: 6 * 4, max: 21 * 4 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(15, 30, 60, 90),
        fc.array(
          fc.record({
            zone: fc.constantFrom(...ZONES),
            days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
            start: fc.integer({ min: 0, max: 12 * 4 }).map((q) => q * 15),
            length: fc.integer({ min: 4, max: 14 * 4 }).map((q) => q * 15),
            busy: fc.array(
              fc.record({
                week: fc.integer({ min: 0, max: 30 }),
                offset: fc.integer({ min: -8, max: 8 }),
                length: fc.integer({ min: 1, max: 12 }),
              }),
              { maxLength: 25 },
            ),
          }),
          { maxLength: 4 },
        ),
        (rawRule, zone, firstDay, quarters, minutes, peopleRaw) => {
          const rule: SeriesRule = rawRule.until?.startsWith('@')
            ? {
                ...rawRule,
                until: DateTime.fromISO(firstDay)
                  .plus({ days: Number(rawRule.until.slice(1)) })
                  .toISODate()!,
              }
            : rawRule;
          const candidates = quarters.map((q) =>
            DateTime.fromISO(firstDay, { zone })
              .plus({ minutes: q * 15 })
              .toMillis(),
          );
          const base = candidates[0]!;
          const people: RefPerson[] = peopleRaw.map((p, i) => ({
            id: `p${i}`,
            zone: p.zone,
            days: p.days,
            start: p.start,
            end: Math.min(1440, p.start + p.length),
            // Busy time near the candidates' times, some weeks later (so it hits occurrences).
            busy: p.busy.map((b) => {
              const start = base + b.week * 7 * DAY + b.offset * 30 * MINUTE;
              return { start, end: start + b.length * 15 * MINUTE };
            }),
          }));
          const result = searchSeries({
            candidates,
            durationMs: minutes * MINUTE,
            rule,
            zone,
            maxOccurrences: 40,
            participants: people.map((p) => {
              const compiled = compileWorkingHours([
                { days: p.days, start: hhmm(p.start), end: p.end === 1440 ? '24:00' : hhmm(p.end) },
              ]);
              if (!compiled.ok) throw new Error(compiled.error.message);
              return { id: p.id, zone: p.zone, hours: compiled.value, busy: p.busy };
            }),
          });
          const reference = [...candidates]
            .sort((a, b) => a - b)
            .map((first) => {
              const occ = refOccurrences(rule, first, zone, 40);
              let clashes = 0;
              const conflicts = occ.flatMap((start, index) => {
                const end = start + minutes * MINUTE;
                const who = people.flatMap((p) => {
                  const reason = refFree(p, start, end);
                  return reason ? [{ id: p.id, reason }] : [];
                });
                clashes += who.length;
                return who.length > 0 ? [{ index, start, end, people: who }] : [];
              });
              return {
                start: first,
                occurrences: occ.length,
                free: occ.length - conflicts.length,
                conflicts,
                clashes,
              };
            })
            .sort((a, b) => b.free - a.free || a.clashes - b.clashes || a.start - b.start)
            .map(({ clashes: _, ...c }) => c);
          expect(result.candidates).toEqual(reference);
        },
      ),
      { numRuns: 150, seed: 22 },
    );
  });
});
