/**
 * `/meet @support 30m tomorrow` with a team: round-robin (one member free per slot, each proposal names
 * who it books and why), collective (everyone free), extra individuals, pauses, Slack user groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import { rescheduleBooking, rescheduleOptions } from '../../src/app/manage-booking.ts';
import { moreTimes } from '../../src/app/more-times.ts';
import type { BusyReader } from '../../src/app/ports/calendars.ts';
import type { Person, Team, Workspace } from '../../src/app/ports/store.ts';
import { requestMeeting } from '../../src/app/request-meeting.ts';
import type { Interval } from '../../src/core/interval.ts';
import { openDatabase, type Store } from '../../src/store/database.ts';
import { TEST_KEYS } from '../store/backends.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 9, 8); // Monday 9 Nov 2026, 08:00 UTC
const TUE = Date.UTC(2026, 10, 10);
const at = (h: number) => TUE + h * HOUR;

describe('requestMeeting with a team', () => {
  let store: Store;
  let ws: Workspace;
  let asker: Person;
  let ana: Person;
  let bo: Person;
  let li: Person;
  let dan: Person;
  let team: Team;
  const busy = new Map<string, Interval[]>();
  const reader: BusyReader = {
    async busyFor(_tenant, ids) {
      return {
        people: ids.map((id) => ({ personId: id, busy: busy.get(id) ?? [], complete: true })),
        gaps: [],
      };
    },
  };

  beforeAll(async () => {
    store = await openDatabase({ dataDir: 'memory://', encryptionKeys: TEST_KEYS, log: () => undefined });
    ws = await store.workspaces.install({ platform: 'slack', externalId: 'T-team-req', name: 'Acme' });
    const person = async (id: string, name: string) =>
      (await store.people.upsertByIdentity({ workspaceId: ws.id, externalUserId: id, displayName: name }))!;
    [asker, ana, bo, li, dan] = [
      await person('U0ASK', 'Asker'),
      await person('U0ANA', 'Ana'),
      await person('U0BO', 'Bo'),
      await person('U0LI', 'Li'),
      await person('U0DAN', 'Dan'),
    ];
    const created = await store.rotations.createTeam({
      tenantId: ws.tenantId,
      name: 'support',
      groupRef: 'S0SUP',
    });
    if (!created.ok) throw new Error('team');
    for (const p of [ana, bo, li])
      await store.rotations.upsertMember(ws.tenantId, created.team.id, p.id, {}, 0);
    // Ana already hosted twice this month.
    await store.rotations.recordAssignment(ws.tenantId, created.team.id, ana.id, Date.UTC(2026, 10, 2, 10));
    await store.rotations.recordAssignment(ws.tenantId, created.team.id, ana.id, Date.UTC(2026, 10, 3, 10));
    team = (await store.rotations.findTeam(ws.tenantId, { id: created.team.id }))!;
    busy.set(bo.id, [{ start: at(9), end: at(17) }]);
    busy.set(li.id, [{ start: at(9), end: at(12) }]);
    busy.set(asker.id, [{ start: at(16), end: at(17) }]);
  });
  afterAll(async () => {
    await store?.close();
  });

  const ask = (text: string, proposalCount = 10) =>
    requestMeeting(
      { store, busy: reader, rotations: store.rotations, proposalCount },
      { tenantId: ws.tenantId, workspaceId: ws.id, requesterPersonId: asker.id, text, now: NOW, zone: 'UTC' },
    );

  it('round-robin: a slot needs one member free; each proposal books one member and says why', async () => {
    const result = await ask('@support 30m tomorrow');
    if (!result.ok) throw new Error(result.error.message);
    const view = result.view;
    expect(view.headline).toContain('the support team (round-robin)');
    expect(view.slots.length).toBeGreaterThan(3);
    for (const slot of view.slots) {
      expect(slot.start).toBeGreaterThanOrEqual(at(9));
      expect(slot.end).toBeLessThanOrEqual(at(16)); // the asker is busy from 16:00
      expect(slot.assignee).toBeDefined();
      if (slot.start < at(12)) {
        // Only Ana is free in the morning.
        expect(slot.assignee).toMatchObject({ personId: ana.id, team: 'support' });
        expect(slot.reason).toMatch(/^Ana: the only team member free/);
      } else {
        // Li and Ana are free: Li is below target, Ana is above.
        expect(slot.assignee).toMatchObject({ personId: li.id, name: 'Li' });
        expect(slot.reason).toBe('Li: 1 below target this month (0 booked, target 1)');
      }
      expect(slot.labels.map((l) => l.name).sort()).toEqual(['Asker', slot.assignee!.name].sort());
    }
    expect(view.slots.some((s) => s.start >= at(12))).toBe(true);
    expect(view.slots.some((s) => s.start < at(12))).toBe(true);
    // The picks are stored for the booking, slot by slot.
    for (const [i, slot] of view.slots.entries()) {
      const pick = await store.rotations.pickFor(ws.tenantId, view.proposalId, i + 1);
      expect(pick).toMatchObject({ rotationId: team.id, personId: slot.assignee!.personId });
    }
  });

  it('more times on a round-robin proposal stays round-robin (from the stored request and picks)', async () => {
    const first = await ask('@support 30m tomorrow', 5);
    if (!first.ok) throw new Error(first.error.message);
    const more = await moreTimes(
      { store, busy: reader, rotations: store.rotations },
      {
        tenantId: ws.tenantId,
        workspaceId: ws.id,
        proposalId: first.view.proposalId,
        actorPersonId: asker.id,
        now: NOW,
      },
    );
    if (!more.ok) throw new Error(more.error.message);
    expect(more.view.requestId).toBe(first.view.requestId);
    expect(more.view.headline).toContain('the support team (round-robin)');
    expect(more.view.slots.length).toBe(10);
    // One member free suffices (a collective search would need Bo, busy all day): mornings are Ana's.
    for (const slot of more.view.slots) expect(slot.assignee).toBeDefined();
    expect(more.view.slots.some((s) => s.start < at(12) && s.assignee?.personId === ana.id)).toBe(true);
    expect((await store.requests.getProposal(ws.tenantId, first.view.proposalId))?.status).toBe('superseded');
    // Someone outside the meeting may not ask.
    const outsider = await moreTimes(
      { store, busy: reader, rotations: store.rotations },
      {
        tenantId: ws.tenantId,
        workspaceId: ws.id,
        proposalId: more.view.proposalId,
        actorPersonId: dan.id,
        now: NOW,
      },
    );
    expect(!outsider.ok && outsider.error.code).toBe('not_allowed');
  });

  it('explains in French when asked in French', async () => {
    const result = await ask('@support 30 min demain après-midi');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.headline).toContain("l'équipe support (tournant)");
    expect(result.view.slots[0]?.reason).toBe("Li : 1 sous l'objectif ce mois-ci (0 réservé, objectif 1)");
  });

  it('accepts extra individuals: they must be free too', async () => {
    busy.set(dan.id, [{ start: at(12), end: at(14) }]);
    const result = await ask('@support <@U0DAN> 30m tomorrow', 20);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.headline).toContain('Dan');
    expect(result.view.slots.every((s) => s.end <= at(12) || s.start >= at(14))).toBe(true);
    expect(result.view.slots.every((s) => s.labels.some((l) => l.name === 'Dan'))).toBe(true);
  });

  it('resolves a Slack user group bound to the team', async () => {
    const result = await ask('<!subteam^S0SUP|@support> 30m tomorrow');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.slots.every((s) => s.assignee !== undefined)).toBe(true);
  });

  it('skips paused members', async () => {
    await store.rotations.pauseMember(ws.tenantId, team.id, li.id, NOW - HOUR, NOW + 48 * HOUR);
    const result = await ask('@support 30m tomorrow');
    await store.rotations.resumeMember(ws.tenantId, team.id, li.id, NOW);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.slots.every((s) => s.assignee?.personId === ana.id)).toBe(true);
  });

  it('collective: everyone must be free', async () => {
    await store.rotations.configureTeam(ws.tenantId, team.id, { mode: 'collective' });
    busy.set(bo.id, [{ start: at(9), end: at(13) }]);
    const result = await ask('@support 30m tomorrow', 20);
    await store.rotations.configureTeam(ws.tenantId, team.id, { mode: 'round_robin' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.slots.length).toBeGreaterThan(0);
    expect(result.view.slots.every((s) => s.start >= at(13) && s.end <= at(16))).toBe(true);
    expect(result.view.slots.every((s) => s.assignee === undefined)).toBe(true);
    expect(result.view.participants.map((p) => p.name).sort()).toEqual(['Ana', 'Asker', 'Bo', 'Li']);
  });

  it('refuses two teams in one request, in the request language', async () => {
    await store.rotations.createTeam({ tenantId: ws.tenantId, name: 'billing' });
    const result = await ask('@support @billing 30m tomorrow');
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported_mention' } });
    if (!result.ok) expect(result.error.message).toContain('One team per request');
  });

  it('a team taking turns per occurrence: the proposals say the turn order, or why one member hosts the series', async () => {
    const note = (text: string) =>
      ask(text).then((r) => {
        if (!r.ok) throw new Error(r.error.message);
        return r.view.notes.filter((n) => n.startsWith('Team “support” takes turns'));
      });
    // Default (fixed): nothing said.
    expect(await note('@support 30m every tuesday')).toEqual([]);
    await store.rotations.configureTeam(ws.tenantId, team.id, { seriesRotation: 'rotate' });
    try {
      const [turns] = await note('@support 30m every tuesday');
      expect(turns).toMatch(
        /^Team “support” takes turns per occurrence, in this order from the first date: (Ana|Bo|Li), (Ana|Bo|Li) and (Ana|Bo|Li)\. Each member is checked on their own dates only\.$/,
      );
      expect(new Set(turns!.match(/Ana|Bo|Li/g))).toEqual(new Set(['Ana', 'Bo', 'Li']));
      expect(await note('@support 30m every monday and thursday')).toEqual([
        'Team “support” takes turns per occurrence, but a series on several days per period cannot be split into turns: the member shown hosts every occurrence.',
      ]);
      // A one-off request of the same team: nothing to say.
      expect(await note('@support 30m tomorrow')).toEqual([]);
    } finally {
      await store.rotations.configureTeam(ws.tenantId, team.id, { seriesRotation: 'fixed' });
    }
  });

  it('says so when the team has no available member', async () => {
    const result = await ask('@billing 30m demain');
    expect(result).toMatchObject({ ok: false, error: { code: 'no_slot', locale: 'fr' } });
    if (!result.ok) expect(result.error.message).toContain("L'équipe billing n'a aucun membre disponible");
  });
  // Last: it books and counts, changing the standings the tests above read.
  it('booking a round-robin slot books only the member chosen for it and counts it', async () => {
    const result = await ask('@support 30m tomorrow');
    if (!result.ok) throw new Error(result.error.message);
    const slot = result.view.slots.find((s) => s.assignee);
    if (!slot?.assignee) throw new Error('expected a slot with an assignee');
    const before = await store.rotations.assignments(ws.tenantId, team.id, { since: 0, until: at(24) });
    const writes: string[] = [];
    const booked = await bookMeeting(
      {
        store,
        busy: reader,
        writer: {
          async writeFor(_t, personId) {
            writes.push(personId);
            return { ok: false, connectionId: null, code: 'not_linked', message: 'no calendar' };
          },
        },
      },
      {
        tenantId: ws.tenantId,
        proposalId: result.view.proposalId,
        slotId: slot.id,
        actorPersonId: asker.id,
        now: NOW,
      },
    );
    if (!booked.ok) throw new Error(booked.error.message);
    // The asker and the slot's member — none of the other team members.
    const member = slot.assignee.personId;
    expect([ana.id, bo.id, li.id]).toContain(member);
    expect(booked.view.participants.map((p) => p.personId).sort()).toEqual([asker.id, member].sort());
    expect(writes.sort()).toEqual([asker.id, member].sort());
    const after = await store.rotations.assignments(ws.tenantId, team.id, { since: 0, until: at(24) });
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((a) => a.personId === member).length).toBe(
      before.filter((a) => a.personId === member).length + 1,
    );
  });

  it('rescheduling a round-robin booking keeps its member (no other member added, not counted twice)', async () => {
    const result = await ask('@support 30m tomorrow');
    if (!result.ok) throw new Error(result.error.message);
    const slot = result.view.slots.find((s) => s.assignee);
    if (!slot?.assignee) throw new Error('expected a slot with an assignee');
    const writer = {
      async writeFor() {
        return { ok: false as const, connectionId: null, code: 'not_linked', message: 'no calendar' };
      },
    };
    const booked = await bookMeeting({ store, busy: reader, writer, rotations: store.rotations } as never, {
      tenantId: ws.tenantId,
      proposalId: result.view.proposalId,
      slotId: slot.id,
      actorPersonId: asker.id,
      now: NOW,
    });
    if (!booked.ok) throw new Error(booked.error.message);
    const member = slot.assignee.personId;
    const before = await store.rotations.assignments(ws.tenantId, team.id, { since: 0, until: at(48) });
    const deps = { store, busy: reader, notifier: { dm: async () => ({ ok: true as const }) } };
    const input = {
      tenantId: ws.tenantId,
      bookingId: booked.view.bookingId,
      actorPersonId: asker.id,
      now: NOW,
    };
    // New times only need the asker and the member: Bo's full day is not an obstacle unless Bo is the member.
    const options = await rescheduleOptions(deps, input);
    if (!options.ok) throw new Error(options.error.message);
    expect(
      options.view.options.every(
        (o) =>
          o.labels
            .map((l) => l.personId)
            .sort()
            .join() === [asker.id, member].sort().join(),
      ),
    ).toBe(true);
    const pick = options.view.options[0]!;
    const moved = await rescheduleBooking(deps, { ...input, newStart: pick.start });
    if (!moved.ok) throw new Error(moved.error.message);
    const after = (await store.bookings.get(ws.tenantId, booked.view.bookingId))!;
    expect([after.start, after.end]).toEqual([pick.start, pick.end]);
    expect([...after.participantIds].sort()).toEqual([asker.id, member].sort());
    expect(await store.rotations.assignments(ws.tenantId, team.id, { since: 0, until: at(48) })).toHaveLength(
      before.length,
    );
  });

  // After the tests reading the standings: books three members.
  it('booking a series of a team taking turns books every member for their own turn, counted once each', async () => {
    await store.rotations.configureTeam(ws.tenantId, team.id, { seriesRotation: 'rotate' });
    try {
      const result = await ask('@support 30m every thursday for 6 weeks');
      if (!result.ok) throw new Error(result.error.message);
      const slot = result.view.slots[0]!;
      const pick = await store.rotations.pickFor(ws.tenantId, result.view.proposalId, Number(slot.id));
      const order = pick?.turns ?? [];
      expect([...order].sort()).toEqual([ana.id, bo.id, li.id].sort());
      expect(slot.assignee?.personId).toBe(order[0]);
      const drafts = new Map<string, { start: number; recurrence?: { interval: number; until?: number } }>();
      const before = await store.rotations.assignments(ws.tenantId, team.id, {
        since: 0,
        until: NOW + 400 * 24 * HOUR,
      });
      const booked = await bookMeeting(
        {
          store,
          busy: reader,
          writer: {
            async writeFor(_t, personId, draft) {
              drafts.set(personId, draft);
              return { ok: false, connectionId: null, code: 'not_linked', message: 'no calendar' };
            },
          },
        },
        {
          tenantId: ws.tenantId,
          proposalId: result.view.proposalId,
          slotId: slot.series?.bookSlotId ?? slot.id,
          actorPersonId: asker.id,
          now: NOW,
        },
      );
      if (!booked.ok) throw new Error(booked.error.message);
      expect(booked.view.participants.map((p) => p.personId).sort()).toEqual(
        [asker.id, ana.id, bo.id, li.id].sort(),
      );
      const WEEK = 7 * 24 * HOUR;
      // The organiser: the whole series (six Thursdays); member i: every third Thursday from the i-th.
      const until = drafts.get(asker.id)?.recurrence?.until;
      expect(drafts.get(asker.id)).toMatchObject({
        start: slot.start,
        recurrence: { interval: 1, byDay: ['TH'] },
      });
      for (const [i, id] of order.entries())
        expect(drafts.get(id)).toMatchObject({
          start: slot.start + i * WEEK,
          recurrence: { interval: 3, byDay: ['TH'], until },
        });
      const name = (id: string) => [ana, bo, li].find((p) => p.id === id)!.displayName;
      expect(booked.view.headline).toContain(
        `Turns: ${name(order[0]!)} on Thu 12 Nov and Thu 3 Dec; ${name(order[1]!)} on Thu 19 Nov and Thu 10 Dec; ${name(order[2]!)} on Thu 26 Nov and Thu 17 Dec.`,
      );
      const stored = await store.bookings.get(ws.tenantId, booked.view.bookingId);
      expect(stored?.turns).toEqual({ of: 3, byPerson: Object.fromEntries(order.map((id, i) => [id, i])) });
      // The database holds each member at their own first occurrence (issue #22): the second member is free
      // at the series' first occurrence (another meeting there books) and taken at their own.
      const probe = (key: string, at: number) =>
        store.bookings.bookSlot({
          tenantId: ws.tenantId,
          title: 'Probe',
          people: [order[1]!],
          start: at,
          end: at + (slot.end - slot.start),
          idempotencyKey: key,
        });
      const atFirst = await probe('turn-probe-0', slot.start);
      try {
        expect(atFirst.ok).toBe(true);
        expect(await probe('turn-probe-1', slot.start + WEEK)).toEqual({
          ok: false,
          reason: 'conflict',
          people: [order[1]],
        });
        expect(await probe('turn-probe-2', slot.start + 2 * WEEK)).toMatchObject({ ok: true });
      } finally {
        for (const key of ['turn-probe-0', 'turn-probe-2']) {
          const made = await store.bookings.findByIdempotencyKey(ws.tenantId, key);
          if (made) await store.bookings.cancel(ws.tenantId, made.id);
        }
      }
      // Fairness: one assignment per member for the series.
      const after = await store.rotations.assignments(ws.tenantId, team.id, {
        since: 0,
        until: NOW + 400 * 24 * HOUR,
      });
      expect(after.length).toBe(before.length + 3);
    } finally {
      await store.rotations.configureTeam(ws.tenantId, team.id, { seriesRotation: 'fixed' });
    }
  });
});
