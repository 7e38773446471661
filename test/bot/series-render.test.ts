/**
 * The series line of a recurring request's proposals ("free on 13 of 14 Tuesdays; Li is busy on Tue 8
 * Dec") on each surface's renderer, the "book anyway" buttons (their ids parse back to the slot id
 * `bookMeeting` reads), and the re-check's answer and the confirmation of a series booked anyway. The views
 * come from the use cases on the in-memory ports.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { BookMeetingError } from '../../src/app/book-meeting.ts';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import type { ManagedOccurrenceView } from '../../src/app/manage-series.ts';
import type { Person } from '../../src/app/ports/store.ts';
import type { BookingView, ProposalView } from '../../src/app/views.ts';
import { parseCustomId } from '../../src/bot/discord/custom-id.ts';
import * as discord from '../../src/bot/discord/render.ts';
import { parseBookAction } from '../../src/bot/slack/listeners/book-slot.ts';
import * as slack from '../../src/bot/slack/render.ts';
import { type FakeBusyReader, FakeWriter, type MemoryStore, TENANT } from '../app/request-meeting.fakes.ts';
import { askSeries, NOW, paris, seriesWorld } from '../app/series-fixtures.ts';

let store: MemoryStore;
let busy: FakeBusyReader;
let ana: Person;
let li: Person;
let view: ProposalView;

beforeEach(async () => {
  ({ store, busy, ana, li } = seriesWorld());
  // Li is busy on the third Tuesday except 16:30–17:00: only 16:30 is free on all 14 Tuesdays.
  busy.busy.set(li.id, [{ start: paris('2026-12-08T09:00'), end: paris('2026-12-08T16:30') }]);
  view = await askSeries({ store, busy, ana });
  expect(view.slots[0]!.series!.line).toBe('free on all 14 Tuesdays');
  expect(view.slots[1]!.series!.line).toBe('free on 13 of 14 Tuesdays; Li is busy on Tue 8 Dec');
});

const book = (slotId: string) =>
  bookMeeting(
    { store, busy, writer: new FakeWriter() },
    { tenantId: TENANT, proposalId: view.proposalId, slotId, actorPersonId: ana.id, now: NOW, locale: 'en' },
  );

/** A conflict on the fifth Tuesday at the first proposal's time, since the proposal. */
async function seriesConflict(): Promise<BookMeetingError> {
  const fifth = view.slots[0]!.start + 28 * 24 * 3600_000;
  busy.busy.set(li.id, [...(busy.busy.get(li.id) ?? []), { start: fifth, end: fifth + 3600_000 }]);
  const result = await book('1');
  if (result.ok) throw new Error('booked despite a conflict');
  expect(result.error.code).toBe('series_conflict');
  return result.error;
}

async function bookedAnyway(): Promise<BookingView> {
  const result = await book(view.slots[1]!.series!.bookSlotId);
  if (!result.ok) throw new Error(result.error.message);
  return result.view;
}

describe('Slack', () => {
  it('shows each proposal’s series line; a time with conflicts has a "Book anyway" button', () => {
    const json = JSON.stringify(slack.renderProposals(view).blocks);
    expect(json).toContain(':repeat: free on all 14 Tuesdays');
    expect(json).toContain(':repeat: free on 13 of 14 Tuesdays; Li is busy on Tue 8 Dec');
    const buttons = slack
      .renderProposals(view)
      .blocks.flatMap(
        (b) => (b as { accessory?: { text: { text: string }; action_id: string } }).accessory ?? [],
      );
    expect(buttons[0]!.text.text).toMatch(/^Book: Tue 24 Nov, 16:30–17:00/);
    expect(parseBookAction(buttons[0]!.action_id)).toEqual({ proposalId: view.proposalId, slotId: '1' });
    expect(buttons[1]!.text.text).toMatch(/^Book anyway: Tue 24 Nov/);
    expect(parseBookAction(buttons[1]!.action_id)).toEqual({
      proposalId: view.proposalId,
      slotId: '2-anyway',
    });
  });

  it('answers a series conflict with "Book anyway" first, and the confirmation names the clashes', async () => {
    const error = await seriesConflict();
    const { blocks } = slack.renderRemaining(
      error.message,
      view.proposalId,
      error.remaining ?? [],
      error.locale,
      error.anyway,
    );
    const json = JSON.stringify(blocks);
    expect(json).toContain('Li is busy on Tue 22 Dec');
    const ids = json.match(/"action_id":"[^"]*"/g);
    expect(ids?.[0]).toBe(`"action_id":"book:${view.proposalId}:1-anyway"`);
    expect(ids?.[1]).toBe(`"action_id":"book:${view.proposalId}:1-move"`);
    // "Book anyway", "Book, move clashing dates", then the four other times (still free at their first
    // occurrence: plain buttons).
    expect(ids).toHaveLength(6);
    expect(JSON.stringify(slack.renderBooking(await bookedAnyway()).blocks)).toContain(
      ':warning: Booked anyway, with 1 occurrence in conflict: Li is busy on Tue 8 Dec.',
    );
  });

  it('a series that has begun has no "Reschedule" (it is no longer moved whole), its date buttons stay', () => {
    const series = {
      move: { start: 2, label: 'Move Tue 8 Dec only' },
      next: { start: 2, label: 'Cancel Tue 8 Dec only' },
      moveFollowing: { start: 2, label: 'Move Tue 8 Dec and following' },
      begun: false,
    };
    const ids = (begun: boolean) =>
      JSON.stringify(slack.manageButtons('b-1', 'en', { ...series, begun })).match(/"action_id":"[^"]*"/g);
    expect(ids(false)).toContain('"action_id":"mresched:b-1"');
    expect(ids(true)).not.toContain('"action_id":"mresched:b-1"');
    expect(ids(true)).toHaveLength(ids(false)!.length - 1);
  });
});

describe('a split’s outcome (move this and following)', () => {
  const view: ManagedOccurrenceView = {
    kind: 'following_moved',
    locale: 'en',
    bookingId: 'b-old',
    newBookingId: 'b-new',
    title: '1:1',
    occurrence: 1,
    start: 2,
    end: 3,
    headline: 'Moved: “1:1” from Tue 8 Dec on.',
    notified: [],
    notNotified: [],
    ics: [
      {
        personId: 'p-li',
        name: 'Li <b>',
        url: 'https://convene.example/ics/i1.a.b',
        label: 'Add to calendar (.ics)',
      },
    ],
  };
  const { ics: _, ...plain } = view;

  it('Slack: the headline, then the new series’ .ics link of each participant kept in Convene', () => {
    const rendered = slack.renderOccurrenceOutcome(view);
    expect(rendered.text).toBe(view.headline);
    expect(JSON.stringify(rendered.blocks)).toContain(
      '• *Li &lt;b&gt;*: <https://convene.example/ics/i1.a.b|Add to calendar (.ics)>',
    );
    expect(slack.renderOccurrenceOutcome(plain)).toEqual(slack.renderText(view.headline));
  });

  it('Discord: the headline, then the new series’ .ics link of each participant kept in Convene', () => {
    expect(discord.renderOccurrenceOutcome(view).content).toBe(
      'Moved: “1:1” from Tue 8 Dec on.\n• Li <b> · [Add to calendar (.ics)](<https://convene.example/ics/i1.a.b>)',
    );
    expect(discord.renderOccurrenceOutcome(plain).content).toBe(view.headline);
  });
});

describe('Discord', () => {
  it('shows each proposal’s series line; a time with conflicts has a "Book anyway" button', () => {
    const body = discord.renderProposals(view);
    expect(body.content).toContain('🔁 free on all 14 Tuesdays');
    expect(body.content).toContain('🔁 free on 13 of 14 Tuesdays; Li is busy on Tue 8 Dec');
    const buttons = (body.components as { components: { custom_id: string; label: string }[] }[])[0]!
      .components;
    expect(parseCustomId(buttons[0]!.custom_id)).toEqual({
      kind: 'book',
      proposalId: view.proposalId,
      slotId: '1',
    });
    expect(buttons[1]!.label).toMatch(/^2\. Book anyway: Tue 24 Nov/);
    expect(parseCustomId(buttons[1]!.custom_id)).toEqual({
      kind: 'book',
      proposalId: view.proposalId,
      slotId: '2-anyway',
    });
  });

  it('answers a series conflict with "Book anyway" first, and the confirmation names the clashes', async () => {
    const error = await seriesConflict();
    const body = discord.renderBookingError(error, view.proposalId);
    expect(body.content).toContain('Li is busy on Tue 22 Dec');
    const buttons = (body.components as { components: { custom_id: string; label: string }[] }[]).flatMap(
      (row) => row.components,
    );
    expect(buttons[0]!.label).toMatch(/^1\. Book anyway: /);
    expect(parseCustomId(buttons[0]!.custom_id)).toMatchObject({ slotId: '1-anyway' });
    expect(buttons[1]!.label).toMatch(/^1\. Book, move clashing dates: /);
    expect(parseCustomId(buttons[1]!.custom_id)).toMatchObject({ slotId: '1-move' });
    // Then the four other times (plain buttons).
    expect(buttons).toHaveLength(6);
    expect(discord.renderBooking(await bookedAnyway()).content).toContain(
      '⚠️ Booked anyway, with 1 occurrence in conflict: Li is busy on Tue 8 Dec.',
    );
  });
});

/** Booked with "book and move": 8 Dec (Li busy until 16:30) moves to 16:30 the same day. */
async function bookedAndMoved(): Promise<BookingView> {
  const result = await book(view.slots[1]!.series!.moveSlotId!);
  if (!result.ok) throw new Error(result.error.message);
  expect(result.view.seriesMoves?.moved).toHaveLength(1);
  return result.view;
}

describe('book and move the clashing dates', () => {
  it('Slack: a time with conflicts has "Book, move clashing dates" under it; the confirmation says what moved', async () => {
    const { blocks } = slack.renderProposals(view);
    const actions = blocks.filter((b) => (b as { type: string }).type === 'actions') as {
      elements: { text: { text: string }; action_id: string }[];
    }[];
    // One for slot 2's move (slot 1 is free on every Tuesday), then the request's controls.
    const move = actions.flatMap((a) => a.elements).filter((e) => e.action_id.startsWith('book:'));
    expect(move.map((e) => parseBookAction(e.action_id))).toEqual(
      view.slots
        .filter((s) => s.series!.conflicts.length > 0)
        .map((s) => ({ proposalId: view.proposalId, slotId: `${s.id}-move` })),
    );
    expect(move[0]!.text.text).toMatch(/^Book, move clashing dates: Tue 24 Nov/);
    // The move button sits right after its slot's section.
    const i = blocks.findIndex((b) => JSON.stringify(b).includes(`book:${view.proposalId}:2-anyway`));
    expect(JSON.stringify(blocks[i + 1])).toContain(`book:${view.proposalId}:2-move`);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(slack.renderBooking(await bookedAndMoved()).blocks)).toContain(
      ':repeat: Moved 1 occurrence in conflict: Tue 8 Dec to Tue 8 Dec, 16:30–17:00 (Paris time).',
    );
  });

  it('Slack: never more than 50 blocks, a slot and its move button together', () => {
    const many = {
      ...view,
      slots: Array.from({ length: 40 }, (_, k) => ({ ...view.slots[1]!, id: String(k + 1), rank: k + 1 })),
    };
    const { blocks } = slack.renderProposals(many);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const json = JSON.stringify(blocks);
    const shown = json.match(/-anyway"/g)!.length;
    expect(json.match(/-move"/g)!.length).toBe(shown);
  });

  it('Discord: the move button follows its slot; the confirmation says what moved', async () => {
    const body = discord.renderProposals(view);
    const buttons = (body.components as { components: { custom_id: string; label: string }[] }[]).flatMap(
      (row) => row.components,
    );
    const ids = buttons.map((b) => parseCustomId(b.custom_id));
    const i = ids.findIndex((c) => c && 'slotId' in c && c.slotId === '2-anyway');
    expect(ids[i + 1]).toEqual({ kind: 'book', proposalId: view.proposalId, slotId: '2-move' });
    expect(buttons[i + 1]!.label).toMatch(/^2\. Book, move clashing dates: Tue 24 Nov/);
    // 20 slot buttons at most (the fifth row is "More times" / "Cancel"), a slot's two together.
    const many = {
      ...view,
      slots: Array.from({ length: 20 }, (_, k) => ({ ...view.slots[1]!, id: String(k + 1), rank: k + 1 })),
    };
    const rows = discord.renderProposals(many).components as { components: { custom_id: string }[] }[];
    expect(rows.length).toBeLessThanOrEqual(5);
    const slotIds = rows
      .flatMap((r) => r.components)
      .map((c) => parseCustomId(c.custom_id))
      .filter((c) => c?.kind === 'book');
    expect(slotIds.length).toBe(20);
    expect(discord.renderBooking(await bookedAndMoved()).content).toContain(
      '🔁 Moved 1 occurrence in conflict: Tue 8 Dec to Tue 8 Dec, 16:30–17:00 (Paris time).',
    );
  });
});
