/**
 * The request use case's pieces (src/app/request/*) on their own: pure functions, worded from the
 * `request` catalogue in each language.
 */
import { describe, expect, it } from 'vitest';
import { msg } from '../../../src/app/i18n/index.ts';
import type { BusyReader } from '../../../src/app/ports/calendars.ts';
import type { Person, Team, TeamMember } from '../../../src/app/ports/store.ts';
import { gapViews, readBusy } from '../../../src/app/request/busy.ts';
import { explainNoSlot, fitsConstraints, searchSlots } from '../../../src/app/request/rank.ts';
import { activeMemberIds } from '../../../src/app/request/resolve.ts';
import type { Member } from '../../../src/app/request/types.ts';
import { DEFAULT_WORKING_HOURS, fail } from '../../../src/app/request/types.ts';
import {
  headline,
  optionalBusyText,
  outsideText,
  slotReason,
  understoodLine,
  withNames,
} from '../../../src/app/request/view.ts';
import type { Participant } from '../../../src/core/availability.ts';
import { HOUR, MINUTE } from '../../../src/core/interval.ts';

const person = (id: string, displayName = id): Person => ({
  id,
  tenantId: 't',
  displayName,
  email: null,
  identities: [],
});
const member = (id: string, extra: Partial<Member> = {}): Member => ({
  person: person(id),
  name: id,
  timeZone: 'UTC',
  workingHours: DEFAULT_WORKING_HOURS,
  requester: false,
  pool: false,
  optional: false,
  ...extra,
});
// Monday 7 December 2026, 00:00 UTC.
const MONDAY = Date.UTC(2026, 11, 7);

describe('view: slot reasons and headline', () => {
  it('says how many are free with each language’s wording', () => {
    const r = (free: number, total: number, locale: 'en' | 'fr') =>
      slotReason({ free, total, outside: [], optionalBusy: [], locale });
    expect([r(1, 1, 'en'), r(2, 2, 'en'), r(3, 3, 'en'), r(2, 3, 'en')]).toEqual([
      'free',
      'both free',
      'all 3 free',
      '2 of 3 free',
    ]);
    expect([r(1, 1, 'fr'), r(2, 2, 'fr'), r(3, 3, 'fr'), r(2, 3, 'fr')]).toEqual([
      'libre',
      'les 2 sont libres',
      'les 3 sont libres',
      '2 sur 3 libres',
    ]);
  });

  it('lists who is outside core hours and who is optional but busy, with plural agreement', () => {
    expect(outsideText([], 'en')).toBe('');
    expect(outsideText(['Ana', 'Li'], 'en')).toBe(', outside core hours for Ana and Li');
    expect(optionalBusyText(['Ana'], 'fr')).toBe(', Ana (facultatif) occupé');
    expect(optionalBusyText(['Ana', 'Li'], 'fr')).toBe(', Ana et Li (facultatif) occupés');
    expect(slotReason({ free: 2, total: 3, outside: ['Li'], optionalBusy: ['Bo'], locale: 'en' })).toBe(
      '2 of 3 free, outside core hours for Li, Bo optional, busy',
    );
  });

  it('words the headline with a plural and the language’s list and quotes', () => {
    expect(headline(1, 'Sync', 30, ['Me', 'Ana'], 'en')).toBe(
      '1 proposal for “Sync” (30 min) with Me and Ana',
    );
    expect(headline(3, 'Sync', 90, ['Me', 'Ana', 'Li'], 'fr')).toBe(
      '3 propositions pour « Sync » (1 h 30) avec Me, Ana et Li',
    );
  });

  it('names a round-robin team instead of its pool', () => {
    const members = [member('Me', { requester: true }), member('Ana', { pool: true }), member('Li')];
    expect(withNames(members, { name: 'Support' }, 'en')).toEqual([
      'Me',
      'Li',
      'the Support team (round-robin)',
    ]);
    expect(withNames(members, { name: 'Support' }, 'fr')).toEqual([
      'Me',
      'Li',
      "l'équipe Support (tournant)",
    ]);
    expect(withNames(members, null, 'en')).toEqual(['Me', 'Ana', 'Li']);
  });

  it('says what was understood: duration, days, alternatives, excluded days and the zone', () => {
    const window = { start: MONDAY, end: MONDAY + 3 * 24 * HOUR };
    const request = {
      window: { zone: 'Europe/Paris' },
      constraints: [
        {
          kind: 'between' as const,
          start: '10:00',
          end: '11:00',
          text: '10am or 2pm',
          anyOf: [
            { start: '10:00', end: '11:00' },
            { start: '14:00', end: '15:00' },
          ],
        },
      ],
      excluded: [{ start: MONDAY + 24 * HOUR, end: MONDAY + 48 * HOUR, text: 'tuesday' }],
    };
    const en = understoodLine(request as never, window, 30, 'en');
    expect(en).toMatch(/^30 min · .+ · 10:00–11:00 or 14:00–15:00 · except Tue 8 Dec · Paris time$/);
    const fr = understoodLine(request as never, window, 30, 'fr');
    expect(fr).toMatch(/ · 10:00–11:00 ou 14:00–15:00 · sauf .+ · heure de Paris$/);
  });
});

describe('rank: constraints and the "no slot" explanation', () => {
  it('keeps a slot only inside a time-of-day range, in the zone the request was read in', () => {
    const at = (h: number) => ({ start: MONDAY + h * HOUR, end: MONDAY + h * HOUR + 30 * MINUTE });
    const afternoon = [{ kind: 'after', start: '13:00', end: '17:00', text: 'afternoon' }] as never;
    expect(fitsConstraints(at(14), afternoon, 'UTC')).toBe(true);
    expect(fitsConstraints(at(10), afternoon, 'UTC')).toBe(false);
    // 12:00 UTC is 13:00 in Paris in December.
    expect(fitsConstraints(at(12), afternoon, 'Europe/Paris')).toBe(true);
    expect(fitsConstraints(at(10), [], 'UTC')).toBe(true);
  });

  const members = [member('me', { requester: true }), member('ana')];
  const participants: Participant[] = [
    { id: 'me', timeZone: 'UTC', workingHours: [], busy: [] },
    { id: 'ana', timeZone: 'UTC', workingHours: [], busy: [{ start: MONDAY, end: MONDAY + 24 * HOUR }] },
  ];
  const window = { start: MONDAY + 9 * HOUR, end: MONDAY + 17 * HOUR };

  it('says who is busy at every open time, then the closest relaxation (a shorter meeting)', async () => {
    const open = [{ start: MONDAY + 9 * HOUR, end: MONDAY + 10 * HOUR }];
    const why = await explainNoSlot({
      members,
      participants,
      window,
      durationMinutes: 60,
      // No busy time: one open hour; with busy time: a 30-minute meeting fits, nothing else.
      run: (ps, _w, minutes) =>
        ps.every((p) => p.busy.length === 0)
          ? open
          : minutes === 30
            ? [{ start: MONDAY + 12 * HOUR, end: MONDAY + 12.5 * HOUR }]
            : [],
      zone: 'UTC',
      locale: 'en',
    });
    expect(why.key).toBe('request.noSlot.shorter');
    const worded = fail('en', 'no_slot', why).error.message;
    expect(worded).toMatch(
      /^ana is busy at every time that fits\. Closest: a 30 min meeting would fit \(.+\)\.$/,
    );
    expect(fail('fr', 'no_slot', why).error.message).toMatch(/^ana est occupé·e à chaque moment possible\./);
  });

  it('says so when working hours never meet, and suggests widening after its bounded tries', async () => {
    const why = await explainNoSlot({
      members,
      participants,
      window,
      durationMinutes: 15,
      run: () => [],
      zone: 'UTC',
      locale: 'en',
    });
    expect(fail('en', 'no_slot', why).error.message).toBe(
      "everyone's working hours and the requested window have no time in common; try a longer window, a shorter meeting, or fewer people.",
    );
  });

  it('tells "busy at every time" from "busy at some times" by overlap, whatever the order of busy time', async () => {
    // Four open half-hours; ana is busy over two of them (unsorted, one interval spanning, one touching
    // an end exactly, which is not an overlap); li over all four through many small intervals.
    const open = [0, 1, 2, 3].map((k) => ({
      start: MONDAY + (9 + k) * HOUR,
      end: MONDAY + (9.5 + k) * HOUR,
    }));
    const crowd = [member('me', { requester: true }), member('ana'), member('li')];
    const ps = [
      { id: 'me', timeZone: 'UTC', workingHours: [], busy: [] },
      {
        id: 'ana',
        timeZone: 'UTC',
        workingHours: [],
        busy: [
          { start: MONDAY + 11.25 * HOUR, end: MONDAY + 11.75 * HOUR },
          { start: MONDAY + 8 * HOUR, end: MONDAY + 9.25 * HOUR },
          { start: MONDAY + 10.5 * HOUR, end: MONDAY + 11 * HOUR },
        ],
      },
      {
        id: 'li',
        timeZone: 'UTC',
        workingHours: [],
        busy: [3, 0, 2, 1].map((k) => ({ start: MONDAY + (9.1 + k) * HOUR, end: MONDAY + (9.2 + k) * HOUR })),
      },
    ];
    const why = await explainNoSlot({
      members: crowd,
      participants: ps,
      window,
      durationMinutes: 30,
      run: (all) => (all.every((p) => p.busy.length === 0) ? open : []),
      zone: 'UTC',
      locale: 'en',
    });
    const worded = fail('en', 'no_slot', why).error.message;
    expect(worded).toMatch(/^li is busy at every time that fits/);
    expect(worded).not.toContain('ana');
    // Without li, and zoé busy over three of the four: both named, the busier first (ana's two overlaps;
    // counting the touching ends would make her busy at every time).
    const zoe = {
      id: 'zoé',
      timeZone: 'UTC',
      workingHours: [],
      busy: [{ start: MONDAY + 10 * HOUR, end: MONDAY + 13 * HOUR }],
    };
    const some = await explainNoSlot({
      members: [crowd[0]!, crowd[1]!, member('zoé')],
      participants: [ps[0]!, ps[1]!, zoe],
      window,
      durationMinutes: 30,
      run: (all) => (all.every((p) => p.busy.length === 0) ? open : []),
      zone: 'UTC',
      locale: 'en',
    });
    expect(fail('en', 'no_slot', some).error.message).toMatch(/^zoé and ana are busy at the times that fit/);
  });

  it('gives the event loop a turn before each availability run', async () => {
    const order: string[] = [];
    let runs = 0;
    const pending = explainNoSlot({
      members,
      participants,
      window,
      durationMinutes: 60,
      run: () => {
        order.push(`run ${++runs}`);
        return [];
      },
      zone: 'UTC',
      locale: 'en',
    });
    // Queued after the call started: it must get its turn between two availability runs, not after all.
    setImmediate(() => order.push('other work'));
    await pending;
    expect(runs).toBeGreaterThan(2);
    // The other work ran, and ran between the first and the second run (not after the last one).
    expect(order.indexOf('other work')).toBeGreaterThan(order.indexOf('run 1'));
    expect(order.indexOf('other work')).toBeLessThan(order.indexOf('run 2'));
  });

  it('names whose stored settings the core refuses', () => {
    const search = searchSlots({
      members: [member('me', { requester: true }), member('ana', { timeZone: 'Mars/Base' })],
      busyById: new Map(),
      window,
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      zone: 'UTC',
      now: MONDAY,
      roundRobin: false,
      constraints: [],
      constraintZone: 'UTC',
      excluded: [],
    });
    expect(search.ok).toBe(false);
    expect(!search.ok && search.who).toBe('ana');
  });

  it('leaves out excluded time', () => {
    const base = {
      members: [member('me', { requester: true })],
      busyById: new Map(),
      window: { start: MONDAY + 9 * HOUR, end: MONDAY + 11 * HOUR },
      durationMinutes: 60,
      slotIntervalMinutes: 60,
      zone: 'UTC',
      now: MONDAY,
      roundRobin: false,
      constraints: [],
      constraintZone: 'UTC',
    };
    const all = searchSlots({ ...base, excluded: [] });
    const some = searchSlots({
      ...base,
      excluded: [{ start: MONDAY + 9 * HOUR, end: MONDAY + 10 * HOUR, text: '9am' }],
    });
    expect(all.ok && all.slots.map((s) => s.start)).toEqual([MONDAY + 9 * HOUR, MONDAY + 10 * HOUR]);
    expect(some.ok && some.slots.map((s) => s.start)).toEqual([MONDAY + 10 * HOUR]);
  });
});

describe('busy: partial failure is reported', () => {
  it('merges calendars with bookings and marks who could not be read, once per reason', async () => {
    const reader: BusyReader = {
      busyFor: async () => ({
        people: [
          { personId: 'me', busy: [{ start: MONDAY + HOUR, end: MONDAY + 2 * HOUR }], complete: true },
          { personId: 'ana', busy: [], complete: false },
        ],
        gaps: [
          { personId: 'ana', connectionId: 'c1', code: 'timeout', message: 'x' },
          { personId: 'ana', connectionId: 'c2', code: 'timeout', message: 'y' },
          { personId: 'li', connectionId: null, code: 'not_linked', message: 'z' },
        ],
      }),
    } as unknown as BusyReader;
    const bookings = {
      busyForPeople: async (_t: string, ids: readonly string[]) =>
        new Map(
          ids.map((id) => [id, id === 'me' ? [{ start: MONDAY + 2 * HOUR, end: MONDAY + 3 * HOUR }] : []]),
        ),
    };
    const read = await readBusy({ busy: reader, store: { bookings } as never }, 't', ['me', 'ana', 'li'], {
      start: MONDAY,
      end: MONDAY + 24 * HOUR,
    });
    expect(read.busyById.get('me')).toEqual([{ start: MONDAY + HOUR, end: MONDAY + 3 * HOUR }]);
    expect([...read.incomplete].sort()).toEqual(['ana', 'li']);
    const views = gapViews(read.gaps, [member('ana'), member('li')], 'en');
    expect(views.map((g) => g.message)).toEqual([
      "ana's calendar could not be read: the proposals assume ana is free.",
      'li has not linked a calendar yet: the proposals assume li is free.',
    ]);
    expect(gapViews(read.gaps, [member('li')], 'fr')[1]!.message).toBe(
      "li n'a pas encore relié d'agenda : les propositions supposent que li est libre.",
    );
  });

  it('a failure says who has no calendar linked, with plural agreement', () => {
    const gaps = [
      { personId: 'a', name: 'Ana', code: 'not_linked' as const, message: '' },
      { personId: 'b', name: 'Li', code: 'not_linked' as const, message: '' },
    ];
    expect(fail('en', 'no_slot', msg('request.unknownRequester'), { gaps }).error.message).toMatch(
      / Ana and Li have no calendar linked: they are sent a link by direct message\.$/,
    );
    expect(
      fail('fr', 'no_slot', msg('request.unknownRequester'), { gaps: gaps.slice(0, 1) }).error.message,
    ).toMatch(/ Ana n'a pas d'agenda relié : un lien pour le relier lui est envoyé en message privé\.$/);
  });
});

describe('resolve: team members', () => {
  it('invites the active members with a weight, not the paused ones', () => {
    const m = (personId: string, extra: Partial<TeamMember> = {}): TeamMember => ({
      personId,
      weight: 1,
      priority: 0,
      assignedCount: 0,
      lastAssignedAt: null,
      active: true,
      joinedAt: 0,
      pausedFrom: null,
      pausedUntil: null,
      ...extra,
    });
    const team = {
      members: [
        m('a'),
        m('b', { active: false }),
        m('c', { weight: 0 }),
        m('d', { pausedFrom: MONDAY - HOUR, pausedUntil: MONDAY + HOUR }),
      ],
    } as Pick<Team, 'members'>;
    expect(activeMemberIds(team, MONDAY)).toEqual(['a']);
    expect(activeMemberIds(team, MONDAY + 2 * HOUR)).toEqual(['a', 'd']);
  });
});
