import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AvailabilityRequest, Participant } from '../../src/core/availability.ts';
import { computeAvailability } from '../../src/core/availability.ts';
import { MINUTE } from '../../src/core/interval.ts';
import type { RefCase } from './reference.ts';
import { refSlots } from './reference.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString().slice(0, 16);
const WEEKDAYS = [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }];
// Monday 2030-03-04 .. Tuesday 2030-03-05, UTC.
const WINDOW = { start: at('2030-03-04T00:00:00Z'), end: at('2030-03-06T00:00:00Z') };

function person(id: string, extra: Partial<Participant> = {}): Participant {
  return { id, timeZone: 'UTC', workingHours: WEEKDAYS, busy: [], ...extra };
}

function request(extra: Partial<AvailabilityRequest>): AvailabilityRequest {
  return {
    window: WINDOW,
    durationMinutes: 60,
    slotIntervalMinutes: 30,
    bookerTimeZone: 'UTC',
    mode: 'COLLECTIVE',
    participants: [],
    ...extra,
  };
}

function slotsOf(req: AvailabilityRequest) {
  const r = computeAvailability(req);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.slots.map((s) => ({ start: iso(s.start), available: s.available }));
}

describe('collective', () => {
  it('keeps only times when every required person is free', () => {
    const slots = slotsOf(
      request({
        window: { start: at('2030-03-04T00:00:00Z'), end: at('2030-03-05T00:00:00Z') },
        participants: [
          person('ana', { busy: [{ start: at('2030-03-04T09:00:00Z'), end: at('2030-03-04T12:00:00Z') }] }),
          // Berlin is UTC+1 in March: 09:00–17:00 local = 08:00–16:00 UTC.
          person('ben', {
            timeZone: 'Europe/Berlin',
            busy: [{ start: at('2030-03-04T13:00:00Z'), end: at('2030-03-04T14:30:00Z') }],
          }),
        ],
      }),
    );
    expect(slots.map((s) => s.start)).toEqual(['2030-03-04T12:00', '2030-03-04T14:30', '2030-03-04T15:00']);
    expect(slots.every((s) => s.available.join() === 'ana,ben')).toBe(true);
  });

  it('a busy interval overlapping a slot by one minute, at either end, removes that slot (deterministic)', () => {
    const day = { start: at('2030-03-04T00:00:00Z'), end: at('2030-03-05T00:00:00Z') };
    const all = slotsOf(request({ window: day, participants: [person('ana')] })).map((s) => s.start);
    expect(all).toContain('2030-03-04T10:00');
    // 10:59–11:30 overlaps 10:00–11:00 by one minute; 12:30–13:01 overlaps 13:00–14:00 by one minute.
    const slots = slotsOf(
      request({
        window: day,
        participants: [
          person('ana', {
            busy: [
              { start: at('2030-03-04T10:59:00Z'), end: at('2030-03-04T11:30:00Z') },
              { start: at('2030-03-04T13:59:00Z'), end: at('2030-03-04T14:01:00Z') },
            ],
          }),
        ],
      }),
    ).map((s) => s.start);
    expect(slots).not.toContain('2030-03-04T10:00'); // ends one minute into the busy time
    expect(slots).not.toContain('2030-03-04T10:30');
    expect(slots).not.toContain('2030-03-04T13:00'); // busy 13:59, one minute before the end
    expect(slots).not.toContain('2030-03-04T14:00'); // busy until 14:01, one minute after the start
    expect(slots).toContain('2030-03-04T11:30'); // back to back with the end of the busy time
    expect(slots).toContain('2030-03-04T09:30');
    expect(slots).toContain('2030-03-04T12:30');
  });

  it('scores optional attendees without ever dropping a required one', () => {
    const slots = slotsOf(
      request({
        window: { start: at('2030-03-04T00:00:00Z'), end: at('2030-03-05T00:00:00Z') },
        participants: [
          person('ana', { busy: [{ start: at('2030-03-04T09:00:00Z'), end: at('2030-03-04T15:00:00Z') }] }),
          person('li', {
            optional: true,
            busy: [{ start: at('2030-03-04T15:00:00Z'), end: at('2030-03-04T16:00:00Z') }],
          }),
          person('mo', { optional: true, workingHours: [] }),
        ],
      }),
    );
    expect(slots).toEqual([
      { start: '2030-03-04T15:00', available: ['ana'] },
      { start: '2030-03-04T15:30', available: ['ana'] },
      { start: '2030-03-04T16:00', available: ['ana', 'li'] },
    ]);
  });

  it('applies buffers around busy time', () => {
    const busy = [{ start: at('2030-03-04T12:00:00Z'), end: at('2030-03-04T13:00:00Z') }];
    const base = request({
      window: { start: at('2030-03-04T10:00:00Z'), end: at('2030-03-04T15:00:00Z') },
      participants: [person('ana', { busy })],
    });
    expect(slotsOf(base).map((s) => s.start)).toEqual([
      '2030-03-04T10:00',
      '2030-03-04T10:30',
      '2030-03-04T11:00',
      '2030-03-04T13:00',
      '2030-03-04T13:30',
      '2030-03-04T14:00',
    ]);
    const buffered = slotsOf({ ...base, bufferBeforeMinutes: 30, bufferAfterMinutes: 60 }).map(
      (s) => s.start,
    );
    expect(buffered).toEqual(['2030-03-04T10:00', '2030-03-04T10:30', '2030-03-04T14:00']);
  });

  it('counts minimum notice from the injected clock', () => {
    const base = request({ participants: [person('ana')] });
    const first = (req: AvailabilityRequest) => slotsOf(req)[0]?.start;
    expect(first(base)).toBe('2030-03-04T09:00');
    expect(first({ ...base, minimumNoticeMinutes: 60 * 24 })).toBe('2030-03-05T09:00');
    expect(first({ ...base, now: at('2030-03-04T10:10:00Z'), minimumNoticeMinutes: 60 })).toBe(
      '2030-03-04T11:30',
    );
  });

  it('aligns the grid to midnight of the booker zone', () => {
    const req = request({
      window: { start: at('2030-03-04T00:00:00Z'), end: at('2030-03-05T00:00:00Z') },
      slotIntervalMinutes: 45,
      bookerTimeZone: 'Asia/Kolkata', // UTC+05:30: local midnight is 18:30 UTC
      participants: [person('ana')],
    });
    // Local day 4 Mar starts 3 Mar 18:30Z; 45-minute steps from there: 09:00Z is 870 min after (not on
    // the grid), 09:30Z is 900 min after (20 steps). The last start whose hour ends by 17:00Z is 15:30Z.
    expect(slotsOf(req).map((s) => s.start)).toEqual([
      '2030-03-04T09:30',
      '2030-03-04T10:15',
      '2030-03-04T11:00',
      '2030-03-04T11:45',
      '2030-03-04T12:30',
      '2030-03-04T13:15',
      '2030-03-04T14:00',
      '2030-03-04T14:45',
      '2030-03-04T15:30',
    ]);
  });
});

describe('round robin', () => {
  it('never stitches a slot across two members', () => {
    const window = { start: at('2030-03-04T00:00:00Z'), end: at('2030-03-05T00:00:00Z') };
    const slots = slotsOf(
      request({
        window,
        mode: 'ROUND_ROBIN',
        participants: [
          person('ana', { workingHours: [{ days: [1], start: '09:00', end: '10:30' }] }),
          person('ben', { workingHours: [{ days: [1], start: '10:30', end: '12:00' }] }),
        ],
      }),
    );
    // 10:00–11:00 is covered by ana then ben, but by no single person: not offered.
    expect(slots).toEqual([
      { start: '2030-03-04T09:00', available: ['ana'] },
      { start: '2030-03-04T09:30', available: ['ana'] },
      { start: '2030-03-04T10:30', available: ['ben'] },
      { start: '2030-03-04T11:00', available: ['ben'] },
    ]);
  });

  it('reports every member free for the slot', () => {
    const slots = slotsOf(
      request({
        window: { start: at('2030-03-04T09:00:00Z'), end: at('2030-03-04T11:00:00Z') },
        mode: 'ROUND_ROBIN',
        participants: [
          person('ana'),
          person('ben', { busy: [{ start: at('2030-03-04T09:00:00Z'), end: at('2030-03-04T09:30:00Z') }] }),
        ],
      }),
    );
    expect(slots).toEqual([
      { start: '2030-03-04T09:00', available: ['ana'] },
      { start: '2030-03-04T09:30', available: ['ana', 'ben'] },
      { start: '2030-03-04T10:00', available: ['ana', 'ben'] },
    ]);
  });
});

describe('errors are values', () => {
  it('rejects an invalid zone, bad hours, and no required participant', () => {
    const bad = computeAvailability(
      request({ participants: [person('a'), person('b', { timeZone: 'Mars/Base' })] }),
    );
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_time_zone', path: 'participants[1].timeZone' },
    });
    const hours = computeAvailability(
      request({ participants: [person('a', { workingHours: [{ days: [1], start: '9am', end: '17:00' }] })] }),
    );
    expect(hours).toMatchObject({
      ok: false,
      error: { code: 'invalid_working_hours', path: 'participants[0].workingHours[0].start' },
    });
    const none = computeAvailability(request({ participants: [person('a', { optional: true })] }));
    expect(none).toMatchObject({ ok: false, error: { code: 'no_required_participants' } });
    const win = computeAvailability(
      request({ window: { start: WINDOW.end, end: WINDOW.start }, participants: [person('a')] }),
    );
    expect(win).toMatchObject({ ok: false, error: { code: 'invalid_window' } });
  });
});

describe('matches the brute-force reference on random cases', () => {
  const zones = [
    'UTC',
    'Europe/Paris',
    'America/New_York',
    'America/St_Johns',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Australia/Sydney',
  ];
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const endArb = fc.oneof(hhmm, fc.constant('24:00'));
  // Windows around switch dates, so gaps, overlaps and 23/25-hour days are exercised.
  const startArb = fc.constantFrom(
    '2030-03-09',
    '2030-03-30',
    '2030-04-06',
    '2030-10-05',
    '2030-10-26',
    '2030-11-02',
    '2030-06-10',
  );
  const participantArb = fc.record({
    timeZone: fc.constantFrom(...zones),
    workingHours: fc.array(
      fc.record({
        days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
        start: hhmm,
        end: endArb,
      }),
      { minLength: 1, maxLength: 3 },
    ),
    overrideDay: fc.option(fc.record({ offset: fc.integer({ min: 0, max: 3 }), start: hhmm, end: endArb })),
    busy: fc.array(
      fc.record({
        start: fc.integer({ min: -6 * 60, max: 4 * 24 * 60 }),
        len: fc.integer({ min: 0, max: 300 }),
      }),
      { maxLength: 12 },
    ),
    optional: fc.boolean(),
  });
  const caseArb = fc.record({
    start: startArb,
    days: fc.integer({ min: 1, max: 3 }),
    duration: fc.constantFrom(15, 30, 45, 60, 90),
    step: fc.constantFrom(10, 15, 30, 45, 60),
    notice: fc.constantFrom(0, 90, 600),
    before: fc.constantFrom(0, 15),
    after: fc.constantFrom(0, 10),
    booker: fc.constantFrom(...zones),
    mode: fc.constantFrom('COLLECTIVE' as const, 'ROUND_ROBIN' as const),
    people: fc.array(participantArb, { minLength: 1, maxLength: 4 }),
  });

  it('slot starts and available lists are identical', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const start = at(`${c.start}T00:00:00Z`);
        const c0: RefCase = {
          window: { start, end: start + c.days * 24 * 60 * MINUTE },
          bookerTimeZone: c.booker,
          durationMinutes: c.duration,
          slotIntervalMinutes: c.step,
          minimumNoticeMinutes: c.notice,
          mode: c.mode,
          bufferBeforeMinutes: c.before,
          bufferAfterMinutes: c.after,
          participants: c.people.map((p, i) => ({
            id: i + 1,
            timeZone: p.timeZone,
            workingHours: p.workingHours,
            ...(p.overrideDay
              ? {
                  dateOverrides: [
                    {
                      date: new Date(start + p.overrideDay.offset * 86_400_000).toISOString().slice(0, 10),
                      start: p.overrideDay.start,
                      end: p.overrideDay.end,
                    },
                  ],
                }
              : {}),
            busy: p.busy.map((b) => ({
              start: start + b.start * MINUTE,
              end: start + (b.start + b.len) * MINUTE,
            })),
            optional: i > 0 && p.optional,
          })),
        };
        const ours = computeAvailability({ ...c0, minimumNoticeMinutes: c.notice });
        if (!ours.ok) throw new Error(ours.error.message);
        const mine = ours.value.slots.map((s) => ({
          start: s.start,
          end: s.end,
          available: [...s.available],
        }));
        expect(mine).toEqual(refSlots(c0));
      }),
      { numRuns: 60 },
    );
  });
});
