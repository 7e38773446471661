import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import { moreTimes } from '../../src/app/more-times.ts';
import type { Person } from '../../src/app/ports/store.ts';
import { requestMeeting } from '../../src/app/request-meeting.ts';
import type { Interval } from '../../src/core/interval.ts';
import { FakeBusyReader, FakeWriter, MemoryStore, TENANT, WORKSPACE } from './request-meeting.fakes.ts';

// Monday 23 November 2026, 09:00 in Paris. "next week" is Mon 30 Nov – Sun 6 Dec.
const NOW = Date.UTC(2026, 10, 23, 8, 0);
const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';

const paris = (iso: string) => DateTime.fromISO(iso, { zone: PARIS }).toMillis();
const local = (t: number, zone: string) => DateTime.fromMillis(t, { zone });

let store: MemoryStore;
let busy: FakeBusyReader;
let ana: Person;
let li: Person;
let zoe: Person;

beforeEach(() => {
  store = new MemoryStore();
  busy = new FakeBusyReader();
  ana = store.addPerson({ name: 'Ana', handle: 'ana', timeZone: PARIS });
  li = store.addPerson({ name: 'Li', handle: 'li', timeZone: NEW_YORK });
  zoe = store.addPerson({ name: 'Zoé', handle: 'zoe', timeZone: PARIS, locale: 'fr-FR' });
});

const deps = () => ({ store, busy, directory: store.directory });
const ask = (requester: Person, text: string, zone = PARIS) =>
  requestMeeting(deps(), {
    tenantId: TENANT,
    workspaceId: WORKSPACE,
    requesterPersonId: requester.id,
    text,
    now: NOW,
    zone,
  });

function overlaps(a: Interval, list: readonly Interval[]): boolean {
  return list.some((b) => b.start < a.end && b.end > a.start);
}

describe('requestMeeting', () => {
  it('proposes collective slots inside everyone’s working hours, outside everyone’s busy time', async () => {
    // Li is busy all of Monday afternoon (Paris), which is the whole Paris/New York overlap that day.
    const liBusy = [{ start: paris('2026-11-30T14:00'), end: paris('2026-11-30T18:00') }];
    const anaBusy = [{ start: paris('2026-12-01T15:00'), end: paris('2026-12-01T16:00') }];
    busy.busy.set(li.id, liBusy);
    busy.busy.set(ana.id, anaBusy);

    const result = await ask(ana, '/meet @li 30m next week');
    if (!result.ok) throw new Error(result.error.message);
    const { view } = result;

    expect(view.slots.length).toBeGreaterThanOrEqual(3);
    expect(view.participants.map((p) => p.name)).toEqual(['Ana', 'Li']);
    for (const slot of view.slots) {
      expect(slot.end - slot.start).toBe(30 * 60_000);
      // Paris 09–17 ∩ New York 09–17 on a weekday of next week.
      const p = local(slot.start, PARIS);
      const ny = local(slot.start, NEW_YORK);
      expect(p >= local(paris('2026-11-30T00:00'), PARIS)).toBe(true);
      expect(p.weekday).toBeLessThanOrEqual(5);
      expect(p.hour).toBeGreaterThanOrEqual(9);
      expect(local(slot.end, PARIS).hour * 60 + local(slot.end, PARIS).minute).toBeLessThanOrEqual(17 * 60);
      expect(ny.hour).toBeGreaterThanOrEqual(9);
      expect(overlaps(slot, liBusy)).toBe(false);
      expect(overlaps(slot, anaBusy)).toBe(false);
      // Core hours (10:00–16:00 local) drive the "outside core hours" note.
      const outside = (zone: string) => {
        const a = local(slot.start, zone);
        const b = local(slot.end, zone);
        return a.hour < 10 || b.hour * 60 + b.minute > 16 * 60;
      };
      const who = [...(outside(PARIS) ? ['Ana'] : []), ...(outside(NEW_YORK) ? ['Li'] : [])];
      expect(slot.reason).toBe(
        who.length === 0 ? 'both free' : `both free, outside core hours for ${who.join(' and ')}`,
      );
      // Ids only: each surface builds its own button id from the proposal id and this.
      expect(slot.id).toBe(String(slot.rank));
      expect(slot).not.toHaveProperty('actionId');
      // Labelled for each participant in their own zone.
      const liLabel = slot.labels.find((l) => l.personId === li.id)!;
      expect(liLabel.text).toContain(`${ny.toFormat('HH:mm')}–`);
      expect(liLabel.text).toContain('(New York time)');
      expect(slot.label).toContain(`${p.toFormat('HH:mm')}–`);
      expect(slot.label).toContain('(Paris time)');
    }
    // Spread across days rather than stacked on one afternoon.
    const days = new Set(view.slots.map((s) => local(s.start, PARIS).toISODate()));
    expect(days.size).toBeGreaterThanOrEqual(3);

    // Persisted: the request (Li as participant, Ana as requester) and the proposal with the same slots.
    const request = store.requestRows.get(view.requestId)!;
    expect(request.requesterId).toBe(ana.id);
    expect(request.participants.map((p) => p.personId)).toEqual([li.id]);
    expect(request.durationMinutes).toBe(30);
    const proposal = store.proposalRows.get(view.proposalId)!;
    expect(proposal.slots.map((s) => [s.start, s.end])).toEqual(view.slots.map((s) => [s.start, s.end]));
    expect(busy.calls[0]?.personIds).toEqual([ana.id, li.id]);
    expect(busy.calls[0]?.fresh).toBe(false);

    // The heat-map shows Li busy on Monday afternoon and free on Wednesday afternoon (Paris hours).
    const col = (iso: string) => view.heatmap.columns.findIndex((c) => c.start === paris(iso));
    const liRow = view.heatmap.rows.find((r) => r.personId === li.id)!;
    expect(liRow.cells[col('2026-11-30T15:00')]).toBe('busy');
    expect(liRow.cells[col('2026-12-02T15:00')]).toBe('free');
    expect(liRow.cells[col('2026-12-02T10:00')]).toBe('off'); // 04:00 in New York
    expect(view.heatmap.freeCount[col('2026-12-02T15:00')]).toBe(2);
    expect(view.heatmap.freeCount[col('2026-11-30T15:00')]).toBe(1);
  });

  it('treats existing Convene bookings as busy time', async () => {
    // Ana and Li already have a Convene meeting over all of Tuesday to Friday's shared hours.
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'])
      store.addBooking([ana.id], { start: paris(`${day}T15:00`), end: paris(`${day}T17:00`) });
    const result = await ask(ana, '/meet @li 30m next week');
    if (!result.ok) throw new Error(result.error.message);
    for (const slot of result.view.slots) expect(local(slot.start, PARIS).toISODate()).toBe('2026-11-30');
  });

  it('optional attendees never remove a slot; the reason names who would miss it (en/fr); booking leaves them out only when busy', async () => {
    // Zoé (optional) is busy all of Monday 30 Nov; Ana and Li are free.
    const zoeBusy = [{ start: paris('2026-11-30T00:00'), end: paris('2026-12-01T00:00') }];
    busy.busy.set(zoe.id, zoeBusy);
    const en = await ask(ana, '/meet @li @zoe? 30m next week');
    if (!en.ok) throw new Error(en.error.message);
    expect(en.view.participants.map((p) => [p.name, p.optional])).toEqual([
      ['Ana', false],
      ['Li', false],
      ['Zoé', true],
    ]);
    const monday = en.view.slots.filter((s) => overlaps(s, zoeBusy));
    const other = en.view.slots.filter((s) => !overlaps(s, zoeBusy));
    expect(monday.length).toBeGreaterThan(0);
    for (const slot of monday) expect(slot.reason).toMatch(/^2 of 3 free.*, Zoé optional, busy$/);
    for (const slot of other) expect(slot.reason).not.toMatch(/optional/);

    busy.busy.set(ana.id, [{ start: paris('2026-12-01T15:00'), end: paris('2026-12-01T17:00') }]);
    const fr = await ask(zoe, '/meet @li @ana (facultatif) 30 min mardi prochain');
    if (!fr.ok) throw new Error(fr.error.message);
    expect(fr.view.participants.find((p) => p.name === 'Ana')?.optional).toBe(true);
    expect(fr.view.slots.some((s) => /, Ana \(facultatif\) occupé$/.test(s.reason))).toBe(true);
    busy.busy.delete(ana.id);

    // Booking a Monday slot: Zoé is busy, so only Ana and Li are booked; the time stays bookable.
    const pick = monday[0]!;
    const booked = await bookMeeting(
      { store, busy, writer: new FakeWriter() },
      { tenantId: TENANT, proposalId: en.view.proposalId, slotId: pick.id, actorPersonId: ana.id, now: NOW },
    );
    if (!booked.ok) throw new Error(booked.error.message);
    expect(booked.view.participants.map((p) => p.name)).toEqual(['Ana', 'Li']);
  });

  it('an optional attendee who is free is booked with everyone else', async () => {
    const result = await ask(ana, '/meet @li optional @zoe 30m next week');
    if (!result.ok) throw new Error(result.error.message);
    const booked = await bookMeeting(
      { store, busy, writer: new FakeWriter() },
      {
        tenantId: TENANT,
        proposalId: result.view.proposalId,
        slotId: result.view.slots[0]!.id,
        actorPersonId: li.id,
        now: NOW,
      },
    );
    if (!booked.ok) throw new Error(booked.error.message);
    expect(booked.view.participants.map((p) => p.name).sort()).toEqual(['Ana', 'Li', 'Zoé']);
  });

  it('resolves chat mentions by identity and plain names by handle or name, accents ignored', async () => {
    const result = await ask(ana, '/meet <@ULI> @zoe 30m next week');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.participants.map((p) => p.personId)).toEqual([ana.id, li.id, zoe.id]);
    expect(result.view.slots[0]?.reason).toMatch(/^all 3 free(, outside core hours for (Ana|Li|Zoé))?/);
  });

  it('returns unknown participants as a value, in English, and persists nothing', async () => {
    const result = await ask(ana, '/meet @li @bob @carol 30m next week');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unknown_participants');
    expect(result.error.mentions).toEqual(['@bob', '@carol']);
    expect(result.error.message).toBe(
      "I don't know @bob and @carol: check the spelling, or ask them to use Convene once so I can find them.",
    );
    expect(store.requestRows.size).toBe(0);
    expect(busy.calls).toHaveLength(0);
  });

  it('answers a French request in French: proposals, labels and errors', async () => {
    const result = await ask(zoe, '/meet @ana 30 min la semaine prochaine');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.locale).toBe('fr');
    expect(result.view.understood).toBe('30 min · lun. 30 nov. – dim. 6 déc. · heure de Paris');
    expect(result.view.headline).toMatch(/^\d propositions pour « Réunion » \(30 min\) avec Zoé et Ana$/);
    expect(result.view.slots[0]?.reason).toMatch(
      /^les 2 sont libres(, hors des heures confortables pour .+)?$/,
    );
    expect(result.view.slots[0]?.label).toContain('(heure de Paris)');
    expect(result.view.slots[0]?.label).toMatch(/^(lun\.|mar\.|mer\.|jeu\.|ven\.) /);

    const unknown = await ask(zoe, '/meet @bob 30 min demain');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.locale).toBe('fr');
      expect(unknown.error.message).toMatch(/^Je ne connais pas @bob : vérifiez l'orthographe/);
    }
    const unparseable = await ask(zoe, '/meet 30 min demain');
    expect(unparseable.ok).toBe(false);
    if (!unparseable.ok) {
      expect(unparseable.error.code).toBe('unparseable');
      expect(unparseable.error.message).toContain('Je n');
      expect(unparseable.error.issues?.[0]?.code).toBe('no_participants');
    }
  });

  it('returns "no slot" as a value with the heat-map, in the request’s language', async () => {
    busy.busy.set(li.id, [{ start: paris('2026-11-28T00:00'), end: paris('2026-12-08T00:00') }]);
    const en = await ask(ana, '/meet @li 1h next week');
    expect(en.ok).toBe(false);
    if (!en.ok) {
      expect(en.error.code).toBe('no_slot');
      expect(en.error.message).toMatch(
        /^No 1h slot works with Li \(Mon 30 Nov – Sun 6 Dec\): Li is busy at every time that fits\. Closest: making Li optional would give Mon 30 Nov, 09:00–10:00 \(Paris time\)\.$/,
      );
      expect(en.error.heatmap?.rows.find((r) => r.personId === li.id)?.cells.every((c) => c === 'busy')).toBe(
        true,
      );
    }
    const fr = await ask(zoe, '/meet @li 1h la semaine prochaine');
    expect(fr.ok).toBe(false);
    if (!fr.ok) expect(fr.error.message).toMatch(/^Aucun créneau de 1 h ne convient avec Li/);
    expect(store.requestRows.size).toBe(0);
  });

  it('"no slot" names who is actually busy, not everyone invited, and suggests the closest relaxation', async () => {
    // Zoé is free; Li (New York) is busy next week except Tue 1 Dec 15:00–15:30 Paris: no hour works.
    busy.busy.set(li.id, [
      { start: paris('2026-11-28T00:00'), end: paris('2026-12-01T15:00') },
      { start: paris('2026-12-01T15:30'), end: paris('2026-12-08T00:00') },
    ]);
    const en = await ask(ana, '/meet @li @zoe 1h next week');
    expect(en.ok).toBe(false);
    if (!en.ok) {
      expect(en.error.code).toBe('no_slot');
      expect(en.error.message).toBe(
        'No 1h slot works with Li and Zoé (Mon 30 Nov – Sun 6 Dec): Li is busy at every time that fits. ' +
          'Closest: a 30 min meeting would fit (Tue 1 Dec, 15:00–15:30 (Paris time)).',
      );
    }
    const fr = await ask(zoe, '/meet @li @ana 1h la semaine prochaine');
    expect(fr.ok).toBe(false);
    if (!fr.ok) {
      expect(fr.error.message).toMatch(
        /: Li est occupé·e à chaque moment possible\. Au plus proche : une réunion de 30 min tiendrait/,
      );
      expect(fr.error.message).not.toMatch(/Ana est occupé/);
    }
    // Working hours that never meet: said as such, not blamed on anyone.
    const night = await ask(ana, '/meet @li 1h next week after 8pm');
    expect(night.ok).toBe(false);
    if (!night.ok)
      expect(night.error.message).toContain(
        "everyone's working hours and the requested window have no time in common",
      );
  });

  it('carries exclusions, time alternatives and a named zone through to the proposals', async () => {
    const result = await ask(ana, '/meet @zoe 30m next week except monday at 10am or 2pm');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.slots.length).toBeGreaterThan(0);
    for (const slot of result.view.slots) {
      const p = local(slot.start, PARIS);
      expect(p.weekday).not.toBe(1);
      expect([10, 14]).toContain(p.hour);
      expect(p.minute).toBe(0);
    }
    expect(result.view.understood).toBe(
      '30 min · Mon 30 Nov – Sun 6 Dec · 10:00–10:30 or 14:00–14:30 · except Mon 30 Nov · Paris time',
    );
    // "10am ET": 10:00 in New York (16:00 in Paris), though the organiser is in Paris.
    const zoned = await ask(ana, '/meet @li 30m next week 10am ET');
    if (!zoned.ok) throw new Error(zoned.error.message);
    expect(zoned.view.slots.length).toBeGreaterThan(0);
    expect(zoned.view.understood).toBe('30 min · Mon 30 Nov – Sun 6 Dec · 10:00–10:30 · New York time');
    for (const slot of zoned.view.slots) {
      expect(local(slot.start, NEW_YORK).hour).toBe(10);
      expect(local(slot.start, NEW_YORK).minute).toBe(0);
    }
  });

  it('asks which zone an ambiguous abbreviation means instead of guessing, and persists nothing', async () => {
    const result = await ask(ana, '/meet @li 30m tomorrow 3pm IST');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('needs_answer');
      expect(result.error.message).toBe(
        'Which time zone do you mean by "IST": Asia/Kolkata, Europe/Dublin, Asia/Jerusalem? ' +
          'Say it again with the zone you mean (for example IST → Asia/Kolkata).',
      );
      expect(result.error.questions?.[0]?.options).toEqual([
        'Asia/Kolkata',
        'Europe/Dublin',
        'Asia/Jerusalem',
      ]);
    }
    expect(store.requestRows.size).toBe(0);
  });

  it('asks which series a phrase with two readings means, in words, and persists nothing', async () => {
    const result = await ask(ana, '/meet @li 30m biannual');
    if (result.ok) throw new Error('expected a question');
    expect(result.error.code).toBe('needs_answer');
    expect(result.error.message).toBe(
      'How often do you mean by "biannual": every 6 months or every 24 months? ' +
        'Say it again with the series you mean (for example biannual → every 6 months).',
    );
    expect(store.requestRows.size).toBe(0);
  });

  it('"no slot" still names who has no calendar linked, with their gap for the link DM (issue #20)', async () => {
    busy.busy.set(li.id, [{ start: paris('2026-11-28T00:00'), end: paris('2026-12-08T00:00') }]);
    busy.gaps.push({ personId: li.id, connectionId: null, code: 'not_linked', message: 'no calendar' });
    const en = await ask(ana, '/meet @li 1h next week');
    if (en.ok) throw new Error('expected no slot');
    expect(en.error.code).toBe('no_slot');
    expect(en.error.message).toMatch(/ Li has no calendar linked: they are sent a link by direct message\.$/);
    expect(en.error.gaps?.map((g) => [g.personId, g.code])).toEqual([[li.id, 'not_linked']]);
    const fr = await ask(zoe, '/meet @li 1h la semaine prochaine');
    if (fr.ok) throw new Error('expected no slot');
    expect(fr.error.message).toMatch(/ Li n'a pas d'agenda relié : un lien pour le relier lui est envoyé/);
  });

  it('reports calendars that could not be read, and still proposes', async () => {
    busy.gaps.push({ personId: li.id, connectionId: 'c1', code: 'timeout', message: 'timed out' });
    const result = await ask(ana, '/meet @li 30m next week');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.gaps).toEqual([
      {
        personId: li.id,
        name: 'Li',
        code: 'timeout',
        message: "Li's calendar could not be read: the proposals assume Li is free.",
      },
    ]);
    expect(result.view.participants.find((p) => p.personId === li.id)?.complete).toBe(false);
    expect(result.view.slots.length).toBeGreaterThan(0);
  });

  it('applies time-of-day constraints in the organiser’s zone', async () => {
    const result = await ask(li, '/meet @ana 30m next week before 10am', NEW_YORK);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.slots.length).toBeGreaterThan(0);
    for (const slot of result.view.slots) {
      const ny = local(slot.end, NEW_YORK);
      expect(ny.hour * 60 + ny.minute).toBeLessThanOrEqual(10 * 60);
      expect(local(slot.start, NEW_YORK).hour).toBeGreaterThanOrEqual(9);
    }
  });
});

describe('more times', () => {
  it('applies the stored request’s zone, time-of-day constraints and excluded days again', async () => {
    // Said: mornings, not Wednesday, read in New York time; more times must keep all three.
    const first = await ask(ana, '/meet @zoe 30m next week mornings not wednesday New York time');
    if (!first.ok) throw new Error(first.error.message);
    const stored = await store.requests.get(TENANT, first.view.requestId);
    expect(stored?.criteria).toMatchObject({ zone: NEW_YORK, excluded: [expect.anything()] });
    expect(stored?.criteria?.constraints.length).toBeGreaterThan(0);

    const more = await moreTimes(deps(), {
      tenantId: TENANT,
      workspaceId: WORKSPACE,
      proposalId: first.view.proposalId,
      actorPersonId: ana.id,
      now: NOW,
    });
    if (!more.ok) throw new Error(more.error.message);
    expect(more.view.slots.length).toBeGreaterThan(first.view.slots.length);
    const [morning] = stored?.criteria?.constraints ?? [];
    for (const slot of more.view.slots) {
      // Inside the stored New York morning, never on Wednesday (Paris hours alone would allow 03:00 NY).
      expect(local(slot.start, NEW_YORK).toFormat('HH:mm') >= morning!.start).toBe(true);
      expect(local(slot.end, NEW_YORK).toFormat('HH:mm') <= morning!.end).toBe(true);
      expect(local(slot.start, NEW_YORK).weekday).not.toBe(3);
    }
  });
});
