import { beforeEach, describe, expect, it } from 'vitest';
import { bookingIdempotencyKey, bookMeeting, CALENDAR_WRITE_JOB } from '../../src/app/book-meeting.ts';
import { classifyWriteFailure } from '../../src/app/outbox.ts';
import type { Person } from '../../src/app/ports/store.ts';
import { REMINDER_JOB } from '../../src/app/reminders.ts';
import { requestMeeting } from '../../src/app/request-meeting.ts';
import type { ProposalView } from '../../src/app/views.ts';
import { FakeBusyReader, FakeWriter, MemoryStore, TENANT, WORKSPACE } from './request-meeting.fakes.ts';

const NOW = Date.UTC(2026, 10, 23, 8, 0); // Monday 23 Nov 2026, 09:00 Paris

let store: MemoryStore;
let busy: FakeBusyReader;
let writer: FakeWriter;
let ana: Person;
let li: Person;
let sam: Person;
let zoe: Person;
let view: ProposalView;

beforeEach(async () => {
  store = new MemoryStore();
  busy = new FakeBusyReader();
  writer = new FakeWriter();
  ana = store.addPerson({ name: 'Ana', handle: 'ana', timeZone: 'Europe/Paris' });
  li = store.addPerson({ name: 'Li', handle: 'li', timeZone: 'America/New_York' });
  sam = store.addPerson({
    name: 'Sam',
    handle: 'sam',
    timeZone: 'America/Los_Angeles',
    workingHours: { rules: [{ days: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' }], overrides: [] },
  });
  zoe = store.addPerson({ name: 'Zoé', handle: 'zoe', timeZone: 'Europe/Paris', locale: 'fr-FR' });
  const result = await requestMeeting(
    { store, busy, directory: store.directory },
    {
      tenantId: TENANT,
      workspaceId: WORKSPACE,
      requesterPersonId: ana.id,
      text: '/meet @li @sam 30m next week "Roadmap"',
      now: NOW,
      zone: 'Europe/Paris',
    },
  );
  if (!result.ok) throw new Error(result.error.message);
  view = result.view;
  expect(view.slots.length).toBeGreaterThanOrEqual(3);
});

const deps = () => ({ store, busy, writer });
const book = (actor: Person, slotId = '1', locale?: 'en' | 'fr') =>
  bookMeeting(deps(), {
    tenantId: TENANT,
    proposalId: view.proposalId,
    slotId,
    actorPersonId: actor.id,
    now: NOW,
    ...(locale ? { locale } : {}),
  });

describe('bookMeeting', () => {
  it('books the slot for everyone, re-checking live, and writes each calendar once', async () => {
    const slot = view.slots[0]!;
    const result = await book(li);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.view.alreadyBooked).toBe(false);
    expect(result.view.title).toBe('Roadmap');
    expect([result.view.start, result.view.end]).toEqual([slot.start, slot.end]);

    expect(store.bookingRows).toHaveLength(1);
    const booking = store.bookingRows[0]!;
    expect(new Set(booking.participantIds)).toEqual(new Set([ana.id, li.id, sam.id]));
    expect(booking.organizerId).toBe(ana.id);
    expect(booking.idempotencyKey).toBe(bookingIdempotencyKey(view.proposalId, '1'));

    // The live re-check bypassed the cache.
    const recheck = busy.calls.at(-1)!;
    expect(recheck.fresh).toBe(true);
    expect(new Set(recheck.personIds)).toEqual(new Set([ana.id, li.id, sam.id]));

    expect(writer.writes.map((w) => w.personId).sort()).toEqual([ana.id, li.id, sam.id].sort());
    expect(new Set(writer.writes.map((w) => w.draft.idempotencyKey)).size).toBe(3);
    expect(
      writer.writes.every((w) => w.draft.start === slot.start && w.draft.timeZone === 'Europe/Paris'),
    ).toBe(true);
    expect(store.bookingRows[0]!.events.map((e) => e.status)).toEqual(['created', 'created', 'created']);

    // Each participant sees the time in their own zone.
    const labels = Object.fromEntries(result.view.participants.map((p) => [p.name, p.label]));
    expect(labels.Ana).toContain('(Paris time)');
    expect(labels.Li).toContain('(New York time)');
    expect(labels.Sam).toContain('(Los Angeles time)');
    expect(result.view.participants.every((p) => p.calendar === 'written')).toBe(true);

    expect(store.proposalRows.get(view.proposalId)?.status).toBe('accepted');
    expect(store.requestRows.get(view.requestId)?.status).toBe('booked');
  });

  it('refuses someone who is neither the organiser nor a participant', async () => {
    const result = await book(zoe);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'not_allowed',
        locale: 'fr',
        msg: { key: 'booking.error.notAllowed' },
        message: "Seuls l'organisateur et les participants de cette réunion peuvent en choisir l'horaire.",
      },
    });
    expect(store.bookingRows).toHaveLength(0);
    expect(writer.writes).toHaveLength(0);
  });

  it('makes one booking from a double click (and from two participants clicking the same button)', async () => {
    const [first, second, third] = await Promise.all([book(ana), book(ana), book(sam)]);
    for (const r of [first, second, third])
      if (!r?.ok) throw new Error(r?.ok === false ? r.error.message : '');
    expect(store.bookingRows).toHaveLength(1);
    const views = [first, second, third].map((r) => (r?.ok ? r.view : undefined));
    expect(new Set(views.map((v) => v?.bookingId)).size).toBe(1);
    expect(views.filter((v) => v?.alreadyBooked === false)).toHaveLength(1);
    // Write-back is idempotent per person: repeats reuse the recorded events instead of writing again.
    // Racing repeats may write again, but always under the same per-person keys.
    const keys = writer.writes.map((w) => w.draft.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    const writesBefore = writer.writes.length;
    const again = await book(li);
    expect(again.ok && again.view.alreadyBooked).toBe(true);
    expect(writer.writes.length).toBe(writesBefore);
  });

  it('returns "slot taken" with the remaining free slots when the live re-check finds the time gone', async () => {
    const [first, second] = view.slots;
    // Since the proposal, Li accepted another meeting over slot 1.
    busy.busy.set(li.id, [{ start: first!.start, end: first!.end }]);
    const result = await book(ana, '1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('slot_taken');
    expect(result.error.message).toBe('That time was just taken: pick one of the remaining slots.');
    const remaining = result.error.remaining ?? [];
    expect(remaining.map((s) => s.id)).not.toContain('1');
    expect(remaining.map((s) => s.start)).toContain(second!.start);
    expect(remaining.length).toBe(view.slots.length - 1);
    expect(store.bookingRows).toHaveLength(0);
    // One of the remaining slots books fine.
    const retry = await book(ana, remaining[0]!.id);
    expect(retry.ok).toBe(true);
  });

  it('turns a lost race at the database guard into "slot taken", in French for a French request', async () => {
    const first = view.slots[0]!;
    // Another booking of Sam's time commits between our re-check and our insert.
    store.beforeBook = () => {
      store.beforeBook = undefined;
      store.addBooking([sam.id], { start: first.start, end: first.end });
    };
    const result = await book(ana, '1', 'fr');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('slot_taken');
    expect(result.error.message).toBe('Ce créneau vient d’être pris : choisissez un des créneaux restants.');
    expect(result.error.remaining?.map((s) => s.id)).not.toContain('1');
    expect(result.error.remaining?.[0]?.labels.find((l) => l.personId === sam.id)?.text).toContain(
      '(heure de Los Angeles)',
    );
    expect(store.bookingRows.filter((b) => b.proposalId === view.proposalId)).toHaveLength(0);
  });

  it('keeps the booking in Convene when a calendar is read-only, and queues a retry on a failed write', async () => {
    writer.outcomes.set(li.id, {
      ok: false,
      connectionId: null,
      code: 'read_only',
      message: 'ICS feeds are read-only',
    });
    writer.outcomes.set(sam.id, {
      ok: false,
      connectionId: 'conn-sam',
      code: 'unavailable',
      message: 'HTTP 503',
    });
    const result = await book(ana);
    if (!result.ok) throw new Error(result.error.message);
    const byName = Object.fromEntries(result.view.participants.map((p) => [p.name, p]));
    expect(byName.Ana?.calendar).toBe('written');
    expect(byName.Li?.calendar).toBe('kept_in_convene');
    expect(byName.Li?.note).toBe('read-only calendar: the meeting is kept in Convene');
    expect(byName.Li?.reason).toBe('read_only');
    expect(byName.Sam?.reason).toBe('will_retry');
    expect(byName.Sam?.note).toBe('the calendar could not be updated: Convene will retry');
    expect(byName.Sam?.calendar).toBe('failed');
    expect(store.bookingRows).toHaveLength(1);
    expect(store.bookingRows[0]!.events.find((e) => e.personId === sam.id)?.status).toBe('failed');
    // The outbox: one calendar write per participant (the inline writes make Ana's and Li's no-ops,
    // Sam's is retried by the worker), and one reminder each, 15 minutes before the start.
    const booking = store.bookingRows[0]!;
    const writes = store.jobRows.filter((j) => j.kind === CALENDAR_WRITE_JOB);
    expect(writes.map((j) => j.payload)).toEqual(
      expect.arrayContaining([ana, li, sam].map((p) => ({ bookingId: booking.id, personId: p.id }))),
    );
    expect(writes).toHaveLength(3);
    const reminders = store.jobRows.filter((j) => j.kind === REMINDER_JOB);
    expect(reminders.map((j) => (j.payload as { personId: string }).personId).sort()).toEqual(
      [ana.id, li.id, sam.id].sort(),
    );
    for (const r of reminders) expect(r.runAt).toBe(booking.start - 15 * 60_000);
  });

  it('reports a calendar Convene cannot write to (no_write_calendar) as kept, read-only, as the outbox does', async () => {
    // Li linked only read-only calendars (an ICS feed): the outbox counts the write as kept, so must the answer.
    expect(classifyWriteFailure('no_write_calendar')).toBe('kept');
    writer.outcomes.set(li.id, {
      ok: false,
      connectionId: null,
      code: 'no_write_calendar',
      message: 'None of the linked calendars is set up for writing meetings.',
    });
    const result = await book(ana);
    if (!result.ok) throw new Error(result.error.message);
    const liView = result.view.participants.find((p) => p.personId === li.id);
    expect(liView?.calendar).toBe('kept_in_convene');
    expect(liView?.reason).toBe('no_write_calendar');
    expect(liView?.note).toBe(
      'kept in Convene, read-only calendar: none of the linked calendars accepts new events',
    );
    expect(result.view.participants.find((p) => p.personId === ana.id)?.reason).toBeUndefined();
    // Not a failure: no failed event recorded for Li, nothing queued beyond the booking's own jobs.
    const booking = store.bookingRows[0]!;
    expect(booking.events.filter((e) => e.personId === li.id)).toEqual([]);
    expect(store.jobRows.filter((j) => j.kind === CALENDAR_WRITE_JOB)).toHaveLength(3);

    const again = await book(ana, '1', 'fr');
    if (!again.ok) throw new Error(again.error.message);
    expect(again.view.alreadyBooked).toBe(true);
    expect(again.view.participants.find((p) => p.personId === li.id)?.note).toBe(
      'gardée dans Convene, agenda en lecture seule : aucun des agendas reliés n’accepte de nouveaux événements',
    );
  });

  it('refuses an unknown slot and a second slot of an accepted proposal', async () => {
    const unknown = await book(ana, '99');
    expect(unknown.ok === false && unknown.error.code).toBe('unknown_slot');
    expect((await book(ana, '1')).ok).toBe(true);
    const other = await book(ana, '2');
    expect(other.ok === false && other.error.code).toBe('proposal_closed');
    expect(store.bookingRows).toHaveLength(1);
  });
});
