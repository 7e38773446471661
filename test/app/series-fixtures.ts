/**
 * Shared by the series use-case and renderer tests: Ana and Li, both in Paris and working Mon–Fri
 * 09:00–17:00, on a fresh in-memory store, a request for "every tuesday" made on Monday 23 November 2026
 * at 09:00 Paris (it runs 14 Tuesdays, 24 Nov to 23 Feb), and that series booked at a given slot as a
 * slot click books it (requestMeeting, then bookMeeting).
 */
import { DateTime } from 'luxon';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import type { Booking, Person } from '../../src/app/ports/store.ts';
import { requestMeeting } from '../../src/app/request-meeting.ts';
import { seriesOf } from '../../src/app/series.ts';
import type { ProposalView } from '../../src/app/views.ts';
import {
  FakeBusyReader,
  type FakePersonSpec,
  FakeWriter,
  MemoryStore,
  TENANT,
  WORKSPACE,
} from './request-meeting.fakes.ts';

/** Monday 23 November 2026, 09:00 in Paris. */
export const NOW = Date.UTC(2026, 10, 23, 8, 0);
export const PARIS = 'Europe/Paris';
/** Mon–Fri 09:00–17:00. */
export const WORK = { rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], overrides: [] };
export const SERIES_TEXT = '/meet @li 30m every tuesday "1:1"';

/** A Paris wall-clock time, as epoch milliseconds. */
export const paris = (iso: string) => DateTime.fromISO(iso, { zone: PARIS }).toMillis();
/** An instant as a Paris wall-clock label, e.g. "Tue 24 Nov 10:00". */
export const wall = (t: number) => DateTime.fromMillis(t, { zone: PARIS }).toFormat('ccc d LLL HH:mm');

export interface SeriesWorld {
  readonly store: MemoryStore;
  readonly busy: FakeBusyReader;
  readonly ana: Person;
  readonly li: Person;
}

/** A fresh store and busy reader with Ana and Li; `li` overrides parts of Li's spec (e.g. her locale). */
export function seriesWorld(options: { li?: Partial<FakePersonSpec> } = {}): SeriesWorld {
  const store = new MemoryStore();
  const busy = new FakeBusyReader();
  const ana = store.addPerson({ name: 'Ana', handle: 'ana', timeZone: PARIS, workingHours: WORK });
  const li = store.addPerson({
    name: 'Li',
    handle: 'li',
    timeZone: PARIS,
    workingHours: WORK,
    ...options.li,
  });
  return { store, busy, ana, li };
}

type Asker = Pick<SeriesWorld, 'store' | 'busy' | 'ana'>;

/** Ana's request `text` at NOW in Paris; throws if it is refused. */
export async function askSeries(world: Asker, text = SERIES_TEXT): Promise<ProposalView> {
  const { store, busy, ana } = world;
  const asked = await requestMeeting(
    { store, busy, directory: store.directory },
    { tenantId: TENANT, workspaceId: WORKSPACE, requesterPersonId: ana.id, text, now: NOW, zone: PARIS },
  );
  if (!asked.ok) throw new Error(asked.error.message);
  return asked.view;
}

/**
 * Asks `text` and books the proposed slot starting at `at` (default Tue 24 Nov 10:00 Paris) as Ana, with
 * a fresh writer; returns the stored booking. Throws if the request, the slot or the booking fails.
 */
export async function bookSeries(
  world: Asker,
  options: { text?: string; at?: number } = {},
): Promise<Booking> {
  const { store, busy, ana } = world;
  const at = options.at ?? paris('2026-11-24T10:00');
  const view = await askSeries(world, options.text);
  const slot = view.slots.find((s) => s.start === at);
  if (!slot) throw new Error(`no slot at ${wall(at)}`);
  const booked = await bookMeeting(
    { store, busy, writer: new FakeWriter() },
    { tenantId: TENANT, proposalId: view.proposalId, slotId: slot.id, actorPersonId: ana.id, now: NOW },
  );
  if (!booked.ok) throw new Error(booked.error.message);
  return store.bookingRows.find((b) => b.id === booked.view.bookingId)!;
}

/** The series (rule and zone) of the request a booking was made from, or null. */
export async function seriesOfBooking(store: MemoryStore, booking: Booking) {
  const proposal = await store.requests.getProposal(TENANT, booking.proposalId!);
  return seriesOf(await store.requests.get(TENANT, proposal!.requestId));
}
