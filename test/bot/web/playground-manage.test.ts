/**
 * The playground's request and booking buttons over HTTP: "more times" and "cancel" on a proposal, and
 * "cancel" and "reschedule" on a booked meeting, through the same use cases as Slack and Discord. Real
 * store (PGlite in a temp dir), the real demo calendars, a pinned clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorld } from '../../../src/app/demo/index.ts';
import { loadDemoConfig, seedDemo } from '../../../src/app/demo/index.ts';
import type { ProposalView } from '../../../src/app/views.ts';
import { createPlaygroundRouter } from '../../../src/bot/web/playground/router.ts';
import { createWebServer } from '../../../src/bot/web/server.ts';
import { createDemoBusyReader } from '../../../src/connectors/demo/busy-reader.ts';
import type { Store } from '../../../src/store/index.ts';
import { openDatabase } from '../../../src/store/index.ts';

const NOW = Date.UTC(2026, 10, 23, 8, 0); // Monday 23 Nov 2026, 09:00 in Paris
/** The router's clock: NOW, unless a test moves it (and puts it back). */
let now = NOW;

let dir: string;
let store: Store;
let server: Server;
let base: string;
let world: DemoWorld;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convene-playground-manage-'));
  store = await openDatabase({ dataDir: dir, log: () => undefined });
  world = await seedDemo(store, loadDemoConfig());
  const busy = createDemoBusyReader(world, { baseUrl: () => base });
  const app = createWebServer({
    routers: [
      { router: createPlaygroundRouter({ store, world, busy, now: () => now, log: () => undefined }) },
    ],
    log: () => undefined,
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const id = (key: string) => world.people.find((p) => p.key === key)!.id;

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
type Json = any;

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}/playground/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function get(path: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}/playground/api${path}`);
  return { status: res.status, body: (await res.json()) as Json };
}

async function meetingsOf(key: string, at: number) {
  const { body } = await get(`/calendars/${id(key)}?viewer=${id(key)}&at=${at}`);
  return (
    body.week.blocks as { kind: string; bookingId?: string; day: number; startMinute: number }[]
  ).filter((b) => b.kind === 'meeting');
}

async function propose(text: string, who = 'ana'): Promise<ProposalView> {
  const asked = await post('/requests', { personId: id(who), text });
  expect(asked.status).toBe(200);
  return asked.body.view as ProposalView;
}

describe('playground: more times and cancel on a proposal', () => {
  it('more times answers from the stored request for a participant; an outsider is refused in her language', async () => {
    const first = await propose('/meet @li 30m next week "Sync"');
    const more = await post(`/proposals/${first.proposalId}/more`, { personId: id('li') });
    expect(more.status).toBe(200);
    const view = more.body.view as ProposalView;
    expect(view.requestId).toBe(first.requestId);
    expect(view.proposalId).not.toBe(first.proposalId);
    expect(view.slots.length).toBeGreaterThan(first.slots.length);
    expect(view.headline).toContain('Sync');

    const outsider = await post(`/proposals/${view.proposalId}/more`, { personId: id('zoe') });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error).toMatchObject({ code: 'not_allowed', locale: 'fr' });
    expect(outsider.body.error.message).toMatch(/^Seuls l'organisateur et les participants/);

    // The superseded proposal is closed.
    const stale = await post(`/proposals/${first.proposalId}/more`, { personId: id('ana') });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('proposal_closed');
    const unknown = await post('/proposals/nope/more', { personId: id('ana') });
    expect(unknown.status).toBe(404);
  });

  it('cancel: the organiser only; afterwards the proposal cannot be booked, and a second cancel is refused', async () => {
    const view = await propose('/meet @li @sam 30m next week "Planning"');
    const byLi = await post(`/proposals/${view.proposalId}/cancel`, { personId: id('li') });
    expect(byLi.status).toBe(403);
    expect(byLi.body.error).toEqual({
      code: 'not_requester',
      locale: 'en',
      message: 'Only the organiser can cancel this request.',
    });

    const byAna = await post(`/proposals/${view.proposalId}/cancel`, { personId: id('ana') });
    expect(byAna.status).toBe(200);
    expect(byAna.body).toMatchObject({
      ok: true,
      code: 'cancelled',
      requestId: view.requestId,
      title: 'Planning',
      message: 'Cancelled by Ana.',
    });
    expect((await store.requests.get(world.tenantId, view.requestId))?.status).toBe('cancelled');

    const book = await post('/bookings', {
      personId: id('li'),
      proposalId: view.proposalId,
      slotId: view.slots[0]!.id,
    });
    expect(book.status).toBe(409);
    const again = await post(`/proposals/${view.proposalId}/cancel`, { personId: id('ana') });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_closed');
    const nobody = await post(`/proposals/${view.proposalId}/cancel`, {});
    expect(nobody.status).toBe(400);
  });
});

describe('playground: cancel and reschedule a booked meeting', () => {
  it('offers new times, moves the meeting there, then cancels it; a booked request cannot be cancelled as a request', async () => {
    const view = await propose('/meet @li 30m next week "Review"');
    const slot = view.slots[0]!;
    const booked = await post('/bookings', {
      personId: id('ana'),
      proposalId: view.proposalId,
      slotId: slot.id,
    });
    expect(booked.status).toBe(200);
    const bookingId = booked.body.view.bookingId as string;

    const asRequest = await post(`/proposals/${view.proposalId}/cancel`, { personId: id('ana') });
    expect(asRequest.status).toBe(409);
    expect(asRequest.body.error.code).toBe('already_booked');

    const outsiderTimes = await get(`/bookings/${bookingId}/times?personId=${id('zoe')}`);
    expect(outsiderTimes.status).toBe(403);
    const times = await get(`/bookings/${bookingId}/times?personId=${id('li')}`);
    expect(times.status).toBe(200);
    const options = times.body.view.options as { start: number; end: number }[];
    expect(options.length).toBeGreaterThan(0);
    expect(options.every((o) => o.start !== slot.start)).toBe(true);

    const bad = await post(`/bookings/${bookingId}/reschedule`, { personId: id('li'), start: 'soon' });
    expect(bad.status).toBe(400);
    const past = await post(`/bookings/${bookingId}/reschedule`, {
      personId: id('li'),
      start: NOW - 3_600_000,
    });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('invalid_time');

    const target = options[0]!;
    const moved = await post(`/bookings/${bookingId}/reschedule`, {
      personId: id('li'),
      start: target.start,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.view).toMatchObject({ kind: 'rescheduled', bookingId, start: target.start });
    const booking = await store.bookings.get(world.tenantId, bookingId);
    expect(booking?.start).toBe(target.start);
    expect((await meetingsOf('ana', target.start)).map((m) => m.bookingId)).toContain(bookingId);

    const byZoe = await post(`/bookings/${bookingId}/cancel`, { personId: id('zoe') });
    expect(byZoe.status).toBe(403);
    const cancelled = await post(`/bookings/${bookingId}/cancel`, { personId: id('ana') });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.view).toMatchObject({ kind: 'cancelled', bookingId, title: 'Review' });
    expect((await meetingsOf('ana', target.start)).map((m) => m.bookingId)).not.toContain(bookingId);
    const twice = await post(`/bookings/${bookingId}/cancel`, { personId: id('ana') });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_cancelled');
  });
});

describe('playground: one occurrence of a series (issue #22)', () => {
  const WEEK = 7 * 24 * 3_600_000;

  it('the cancel list offers cancelling one date only and ending the series after it; each goes through the use case', async () => {
    const view = await propose('/meet @li 30m every tuesday "Weekly"');
    const slot = view.slots.find((s) => s.series?.free === s.series?.occurrences) ?? view.slots[0]!;
    const booked = await post('/bookings', {
      personId: id('ana'),
      proposalId: view.proposalId,
      slotId: slot.series?.bookSlotId ?? slot.id,
    });
    expect(booked.status).toBe(200);
    const bookingId = booked.body.view.bookingId as string;
    const first = slot.start;
    expect(new Date(first).toISOString().slice(0, 10)).toBe('2026-11-24');

    // Li's list (New York): the series' buttons, worded and dated for him; a single meeting has none.
    const single = await propose('/meet @li 30m next week "One-off"');
    const one = await post('/bookings', {
      personId: id('ana'),
      proposalId: single.proposalId,
      slotId: single.slots[0]!.id,
    });
    expect(one.status).toBe(200);
    const list = await post('/requests', { personId: id('li'), text: '/meet cancel' });
    expect(list.status).toBe(200);
    const meetings = list.body.upcoming.meetings as { bookingId: string; series: Json }[];
    expect(meetings.find((m) => m.bookingId === bookingId)?.series).toEqual({
      next: { start: first, label: 'Cancel Tue 24 Nov only' },
      move: { start: first, label: 'Move Tue 24 Nov only' },
      endFrom: { start: first + WEEK, label: 'End the series after Tue 24 Nov' },
      begun: false,
    });
    expect(meetings.find((m) => m.bookingId === one.body.view.bookingId)?.series).toBeNull();

    // Refusals, as values: an outsider, a malformed start, a time that is not an occurrence, not a series,
    // ending from the first occurrence.
    const path = `/bookings/${bookingId}/occurrences`;
    const byZoe = await post(`${path}/cancel`, { personId: id('zoe'), start: first });
    expect([byZoe.status, byZoe.body.error.code]).toEqual([403, 'not_allowed']);
    const bad = await post(`${path}/cancel`, { personId: id('li'), start: 'tuesday' });
    expect(bad.status).toBe(400);
    const off = await post(`${path}/cancel`, { personId: id('li'), start: first + 60_000 });
    expect([off.status, off.body.error.code]).toEqual([404, 'unknown_occurrence']);
    const notSeries = await post(`/bookings/${one.body.view.bookingId}/occurrences/cancel`, {
      personId: id('li'),
      start: single.slots[0]!.start,
    });
    expect([notSeries.status, notSeries.body.error.code]).toEqual([422, 'not_a_series']);
    const fromFirst = await post(`${path}/end`, { personId: id('li'), start: first });
    expect([fromFirst.status, fromFirst.body.error.code]).toEqual([422, 'first_occurrence']);

    const cancelled = await post(`${path}/cancel`, { personId: id('li'), start: first });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.view).toMatchObject({ kind: 'occurrence_cancelled', bookingId, occurrence: first });
    expect(cancelled.body.view.headline).toMatch(/^Cancelled: “Weekly” on Tue 24 Nov.* only\./);
    const ended = await post(`${path}/end`, { personId: id('li'), start: first + WEEK });
    expect(ended.status).toBe(200);
    expect(ended.body.view).toMatchObject({ kind: 'series_ended', bookingId, occurrence: first + WEEK });
    expect((await store.bookings.get(world.tenantId, bookingId))?.status).toBe('booked');
  });

  it('the reschedule list offers moving one date only: new times for that date, a pick moves that one', async () => {
    const view = await propose('/meet @li 30m every wednesday "Sync"');
    const slot = view.slots.find((s) => s.series?.free === s.series?.occurrences) ?? view.slots[0]!;
    const booked = await post('/bookings', {
      personId: id('ana'),
      proposalId: view.proposalId,
      slotId: slot.series?.bookSlotId ?? slot.id,
    });
    expect(booked.status).toBe(200);
    const bookingId = booked.body.view.bookingId as string;
    const first = slot.start;
    expect(new Date(first).toISOString().slice(0, 10)).toBe('2026-11-25');

    const list = await post('/requests', { personId: id('ana'), text: '/meet reschedule' });
    expect(list.status).toBe(200);
    const series = (list.body.upcoming.meetings as { bookingId: string; series: Json }[]).find(
      (m) => m.bookingId === bookingId,
    )?.series;
    expect(series.move).toEqual({ start: first, label: 'Move Wed 25 Nov only' });

    const path = `/bookings/${bookingId}/occurrences`;
    // Refusals, as values: an outsider, a malformed start, a time that is not an occurrence.
    const byZoe = await get(`${path}/times?personId=${id('zoe')}&start=${first}`);
    expect([byZoe.status, byZoe.body.error.code]).toEqual([403, 'not_allowed']);
    expect((await get(`${path}/times?personId=${id('ana')}&start=soon`)).status).toBe(400);
    const off = await get(`${path}/times?personId=${id('ana')}&start=${first + 60_000}`);
    expect([off.status, off.body.error.code]).toEqual([404, 'unknown_occurrence']);

    // Ana's new times for Wednesday 25 Nov only (16:30–17:00 is Ana and Li's only common time that day):
    // nearest days first, all within three days of it, none before now.
    const times = await get(`${path}/times?personId=${id('ana')}&start=${first}`);
    expect(times.status).toBe(200);
    expect(times.body.view).toMatchObject({ bookingId, occurrence: first });
    expect(times.body.view.headline).toContain('this meeting only');
    const options = times.body.view.options as { start: number; end: number; label: string }[];
    expect(options.length).toBeGreaterThan(0);
    const distance = (at: number) => Math.abs(new Date(at + 3_600_000).getUTCDate() - 25); // Paris day
    const distances = options.map((o) => distance(o.start));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const o of options) {
      expect(distance(o.start)).toBeLessThanOrEqual(3);
      expect(o.start).toBeGreaterThanOrEqual(NOW);
      expect(o.end - o.start).toBe(30 * 60_000);
      expect(o.start).not.toBe(first);
    }
    const bad = await post(`${path}/move`, { personId: id('ana'), start: first, newStart: 'later' });
    expect(bad.status).toBe(400);
    const moved = await post(`${path}/move`, {
      personId: id('ana'),
      start: first,
      newStart: options[0]!.start,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.view).toMatchObject({
      kind: 'occurrence_moved',
      bookingId,
      occurrence: first,
      start: options[0]!.start,
    });
    expect(moved.body.view.headline).toMatch(/^Moved: “Sync” of Wed 25 Nov.*this meeting only/);
    // The series stays one booking at its first occurrence; the calendars get the exception.
    expect((await store.bookings.get(world.tenantId, bookingId))?.start).toBe(first);

    // Once that first Wednesday is over, the list still has the series, at its next Wednesday.
    now = first + 24 * 3_600_000;
    try {
      const later = await post('/requests', { personId: id('ana'), text: '/meet reschedule' });
      const listed = (
        later.body.upcoming.meetings as { bookingId: string; start: number; label: string; series: Json }[]
      ).find((m) => m.bookingId === bookingId);
      expect(listed).toMatchObject({
        start: first + 7 * 24 * 3_600_000,
        series: { move: { label: 'Move Wed 2 Dec only' } },
      });
      expect(listed?.label).toMatch(/^Wed 2 Dec/);
    } finally {
      now = NOW;
    }
  });

  it('the reschedule list offers moving a date and the following ones once an earlier date is past; the pick goes through the use case by id', async () => {
    const view = await propose('/meet @zoe 30m every thursday "Retro"');
    const slot = view.slots.find((s) => s.series?.free === s.series?.occurrences) ?? view.slots[0]!;
    const booked = await post('/bookings', {
      personId: id('ana'),
      proposalId: view.proposalId,
      slotId: slot.series?.bookSlotId ?? slot.id,
    });
    expect(booked.status).toBe(200);
    const bookingId = booked.body.view.bookingId as string;
    const first = slot.start;
    expect(new Date(first).toISOString().slice(0, 10)).toBe('2026-11-26');
    const second = first + WEEK;
    const listed = async () =>
      (
        (await post('/requests', { personId: id('ana'), text: '/meet reschedule' })).body.upcoming
          .meetings as { bookingId: string; series: Json }[]
      ).find((m) => m.bookingId === bookingId)?.series;
    // Nothing earlier is kept before the first Thursday: the whole-series reschedule does that.
    expect((await listed()).moveFollowing).toBeUndefined();

    now = first + WEEK / 7; // Thursday 26 Nov is over: 3 Dec is next.
    try {
      expect((await listed()).moveFollowing).toEqual({
        start: second,
        label: 'Move Thu 3 Dec and following',
      });
      const path = `/bookings/${bookingId}/occurrences`;
      // Refusals, as values: an outsider, a malformed start, the first date (nothing earlier to keep).
      const byLi = await get(`${path}/following-times?personId=${id('li')}&start=${second}`);
      expect([byLi.status, byLi.body.error.code]).toEqual([403, 'not_allowed']);
      expect((await get(`${path}/following-times?personId=${id('ana')}&start=soon`)).status).toBe(400);

      const times = await get(`${path}/following-times?personId=${id('ana')}&start=${second}`);
      expect(times.status).toBe(200);
      expect(times.body.view).toMatchObject({ bookingId, occurrence: second });
      expect(times.body.view.headline).toMatch(
        /^New times for “Retro” from Thu 3 Dec on, this meeting and the following ones/,
      );
      const options = times.body.view.options as { start: number; reason: string }[];
      expect(options.length).toBeGreaterThan(0);
      for (const o of options) expect(o.reason).toMatch(/^free on /);

      const bad = await post(`${path}/following`, { personId: id('ana'), start: second, newStart: 'later' });
      expect(bad.status).toBe(400);
      // Only ids and times count: a title in the body changes nothing.
      const pick = { personId: id('ana'), start: second, newStart: options[0]!.start, title: 'Smuggled' };
      const moved = await post(`${path}/following`, pick);
      expect(moved.status).toBe(200);
      expect(moved.body.view).toMatchObject({
        kind: 'following_moved',
        bookingId,
        occurrence: second,
        start: options[0]!.start,
      });
      expect(moved.body.view.headline).toMatch(
        /^Moved: “Retro” from Thu 3 Dec.* on to .*, this meeting and the following ones/,
      );
      const newBookingId = moved.body.view.newBookingId as string;
      const created = (await store.bookings.get(world.tenantId, newBookingId))!;
      expect(created).toMatchObject({ title: 'Retro', start: options[0]!.start, status: 'booked' });
      // The old series ends before 3 Dec (the earlier date stays); a repeat does nothing twice.
      const ended = await store.bookings.occurrences(world.tenantId, bookingId);
      expect(ended.filter((o) => o.status === 'ended').map((o) => o.originalStart)).toEqual([second]);
      const again = await post(`${path}/following`, pick);
      expect(again.status).toBe(200);
      expect(again.body.view.newBookingId).toBe(newBookingId);
      // The new series is listed with its own buttons; the old one has no date left to change.
      const list = await post('/requests', { personId: id('ana'), text: '/meet reschedule' });
      const ids = (list.body.upcoming.meetings as { bookingId: string }[]).map((m) => m.bookingId);
      expect(ids).toContain(newBookingId);
      expect(ids).not.toContain(bookingId);
    } finally {
      now = NOW;
    }
  });
});
