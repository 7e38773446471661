/**
 * Platform-neutral views → Block Kit. Nothing is recomputed here: times and wording come from the
 * views; this file only lays them out within Slack's limits (50 blocks per message, 25 elements per
 * actions block, 255-char action ids, 75-char button text, 3000-char section text).
 *
 * A channel message is seen by many people: every time is also written as Slack's `<!date^…>` token,
 * which each viewer's Slack client renders in their own zone, next to each participant's label in
 * their own zone (from `users.info.tz`).
 */

import { isLocale, translator } from '../../app/i18n/index.ts';
import type { BookingSummaryView, RescheduleOptionsView } from '../../app/manage-booking.ts';
import type {
  ManagedOccurrenceView,
  OccurrenceMoveOptionsView,
  SeriesChoicesView,
} from '../../app/manage-series.ts';
import type { ConnectionHealth } from '../../app/ports/store.ts';
import type { PendingAsk } from '../../app/request-meeting.ts';
import type { BookingView, Locale, ProposalView, SlotView } from '../../app/views.ts';
import type { Block } from './deps.ts';

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  buttonText: 75,
  sectionText: 3000,
  actionId: 255,
} as const;

export const ACTIONS = {
  book: 'book',
  more: 'more',
  cancel: 'cancel',
  openSettings: 'open_settings',
  link: 'link_url',
  /** `mcancel:<bookingId>`: cancel a booked meeting (a confirm dialog first). */
  manageCancel: 'mcancel',
  /** `mresched:<bookingId>`: propose new times for a booked meeting. */
  manageReschedule: 'mresched',
  /** `mto:<bookingId>:<start epoch ms>`: move the meeting there. */
  manageTo: 'mto',
  /** `ocancel:<bookingId>:<occurrence start epoch ms>`: cancel that one occurrence of a series. */
  occurrenceCancel: 'ocancel',
  /** `oend:<bookingId>:<occurrence start epoch ms>`: end the series there (it and the later ones). */
  occurrenceEnd: 'oend',
  /** `omove:<bookingId>:<occurrence start epoch ms>`: new times for that one occurrence of a series. */
  occurrenceMove: 'omove',
  /** `oto:<bookingId>:<occurrence start>:<new start epoch ms>`: move that one occurrence there. */
  occurrenceTo: 'oto',
  /** `ofmove:<bookingId>:<occurrence start epoch ms>`: new times for that occurrence and the following ones. */
  occurrenceFollowing: 'ofmove',
  /** `ofto:<bookingId>:<occurrence start>:<new start epoch ms>`: move that occurrence and the following ones. */
  occurrenceFollowingTo: 'ofto',
  /** `ask:<questionId>:<choice index>`: the requester answers a question (ids only, never the text). */
  answer: 'ask',
  /** `convene_dm_action:<action>` (value: the action's value): a DM button (`DmAction`). */
  dmAction: 'convene_dm_action',
} as const;

export const SETTINGS_CALLBACK = 'convene_settings';

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `<!date^1700000000^{date_short_pretty} {time}|fallback>`: Slack renders it in the viewer's zone. */
export function viewerTime(start: number, end: number, fallback: string): string {
  const a = Math.floor(start / 1000);
  const b = Math.floor(end / 1000);
  return `<!date^${a}^{date_short_pretty} {time}|${esc(fallback)}>–<!date^${b}^{time}|·>`;
}

export function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function section(text: string, accessory?: Block): Block {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) },
    ...(accessory ? { accessory } : {}),
  };
}

function context(texts: readonly string[]): Block {
  return {
    type: 'context',
    elements: texts.slice(0, 10).map((t) => ({ type: 'mrkdwn', text: clip(t, 2000) })),
  };
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Block {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, LIMITS.buttonText), emoji: true },
    action_id: clip(actionId, LIMITS.actionId),
    value,
    ...(style ? { style } : {}),
  };
}

/** The Slack renderer's own words, from the `chat` catalogue. */
export function texts(locale: Locale) {
  const w = translator(locale);
  return {
    viewer: w('chat.slack.viewer'),
    more: w('chat.button.moreTimes'),
    cancel: w('chat.button.cancelRequest'),
    book: w('chat.slack.book'),
    bookAnyway: w('chat.button.bookAnyway'),
    bookAndMove: w('chat.button.bookAndMove'),
    remaining: w('chat.slack.remaining'),
    written: w('chat.slack.written'),
    kept: w('chat.slack.kept'),
    failed: w('chat.slack.failed'),
    cancelled: (who: string) => w('chat.cancelRequest.cancelledBy', { who }),
    bookedBy: (who: string) => w('chat.slack.bookedBy', { who }),
    movedBy: (who: string) => w('chat.slack.movedBy', { who }),
    reschedule: w('chat.button.reschedule'),
    cancelMeeting: w('chat.button.cancelMeeting'),
    confirmTitle: w('chat.slack.confirmTitle'),
    confirmText: w('chat.slack.confirmText'),
    confirmYes: w('chat.slack.confirmYes'),
    confirmNo: w('chat.slack.confirmNo'),
    moveTo: w('chat.slack.moveTo'),
  };
}

/** Value carried by the buttons: the language of the request (so the answer to a click keeps it). */
export interface ButtonValue {
  readonly l: Locale;
}

export function encodeValue(value: ButtonValue): string {
  const text = JSON.stringify(value);
  if (text.length <= 2000) return text;
  return JSON.stringify({ l: value.l });
}

export function decodeValue(value: string | undefined): ButtonValue {
  try {
    const parsed = JSON.parse(value ?? '') as Partial<ButtonValue>;
    return { l: isLocale(parsed.l) ? parsed.l : 'en' };
  } catch {
    return { l: 'en' };
  }
}

/** `book:<proposalId>:<slotId>`: what a click on a proposed slot sends back (`parseBookAction` reads it). */
export function bookActionId(proposalId: string, slotId: string): string {
  return `${ACTIONS.book}:${proposalId}:${slotId}`;
}

/**
 * A proposed slot: its section (the button books it, or books it anyway); a series time with conflicts
 * adds an actions block with "Book, move clashing dates" (`series.moveSlotId`).
 */
function slotBlocks(slot: SlotView, proposalId: string, locale: Locale, value: string): Block[] {
  const t = texts(locale);
  const moveId = slot.series?.moveSlotId;
  const move: Block[] = moveId
    ? [
        {
          type: 'actions',
          elements: [button(`${t.bookAndMove}: ${slot.label}`, bookActionId(proposalId, moveId), value)],
        },
      ]
    : [];
  return [slotBlock(slot, proposalId, locale, value), ...move];
}

/** Appends slots' blocks while they fit in `budget` blocks (a slot's blocks go in whole or not at all). */
function pushSlots(
  blocks: Block[],
  slots: readonly SlotView[],
  budget: number,
  proposalId: string,
  locale: Locale,
  value: string,
): void {
  let left = budget;
  for (const slot of slots) {
    const these = slotBlocks(slot, proposalId, locale, value);
    if (these.length > left) break;
    blocks.push(...these);
    left -= these.length;
  }
}

function slotBlock(slot: SlotView, proposalId: string, locale: Locale, value: string): Block {
  const t = texts(locale);
  const people = slot.labels.map((l) => `${esc(l.name)}: ${esc(l.text)}`).join('\n');
  // A series: "free on 11 of 12 Tuesdays; Li is busy on Tue 3 Feb"; with conflicts, the button books anyway.
  const series = slot.series ? `\n:repeat: ${esc(slot.series.line)}` : '';
  const anyway = slot.series !== undefined && slot.series.bookSlotId !== slot.id;
  const text = `*${slot.rank}.* ${viewerTime(slot.start, slot.end, slot.label)} _(${t.viewer})_ — ${esc(slot.reason)}${series}\n${people}`;
  return section(
    text,
    button(
      `${anyway ? t.bookAnyway : t.book}: ${slot.label}`,
      bookActionId(proposalId, slot.series?.bookSlotId ?? slot.id),
      value,
      slot.rank === 1 ? 'primary' : undefined,
    ),
  );
}

/** The ranked proposals, one button per slot, then "more times" and "cancel". */
export function renderProposals(view: ProposalView): { text: string; blocks: Block[] } {
  const t = texts(view.locale);
  const value = encodeValue({ l: view.locale });
  const blocks: Block[] = [section(`*${esc(view.headline)}*`)];
  if (view.understood) blocks.push(context([esc(view.understood)]));
  blocks.push(
    context([
      `${esc(view.window.label)} · ${view.participants.map((p) => `${esc(p.name)} (${p.timeZone})`).join(', ')}`,
    ]),
  );
  // 50 blocks at most: headline, understood, context, notes, actions → at most 45 slot blocks.
  pushSlots(blocks, view.slots, 50 - blocks.length - 2, view.proposalId, view.locale, value);
  const notes = [...view.gaps.map((g) => g.message), ...view.notes];
  if (notes.length > 0) blocks.push(context(notes.map((n) => `:warning: ${esc(n)}`)));
  blocks.push({
    type: 'actions',
    block_id: 'convene_controls',
    elements: [
      // Ids only: "more times" answers from the stored request, never from text carried here.
      button(t.more, `${ACTIONS.more}:${view.proposalId}`, value),
      button(t.cancel, `${ACTIONS.cancel}:${view.proposalId}`, value, 'danger'),
    ],
  });
  return { text: view.headline, blocks };
}

/** A question instead of a guess: the question, then one button per answer (ids only). */
export function renderQuestion(
  message: string,
  pending: PendingAsk,
  locale: Locale,
): { text: string; blocks: Block[] } {
  const value = encodeValue({ l: locale });
  return {
    text: message,
    blocks: [
      section(esc(message)),
      {
        type: 'actions',
        block_id: 'convene_question',
        elements: pending.choices.map((c) =>
          button(c.label, `${ACTIONS.answer}:${pending.id}:${c.index}`, value),
        ),
      },
    ],
  };
}

/**
 * The slots still free after a lost race, as buttons (ephemeral to the clicker); a series conflict: the
 * clicked time's "book anyway" and "book, move clashing dates" buttons first.
 */
export function renderRemaining(
  message: string,
  proposalId: string,
  remaining: readonly SlotView[],
  locale: Locale,
  anyway?: SlotView,
): { text: string; blocks: Block[] } {
  const value = encodeValue({ l: locale });
  const blocks: Block[] = [section(esc(message))];
  if (anyway) blocks.push(...slotBlocks(anyway, proposalId, locale, value));
  if (remaining.length > 0) {
    blocks.push(context([texts(locale).remaining]));
    pushSlots(blocks, remaining, 50 - blocks.length, proposalId, locale, value);
  }
  return { text: message, blocks };
}

/** The confirmed meeting: the time in each participant's zone, and in the viewer's own. */
export function renderBooking(view: BookingView, pickedBy?: string): { text: string; blocks: Block[] } {
  const t = texts(view.locale);
  const lines = view.participants.map((p) => {
    const status =
      p.calendar === 'written' ? t.written : p.calendar === 'kept_in_convene' ? t.kept : t.failed;
    const ics = p.ics ? ` · <${p.ics.url}|${esc(p.ics.label)}>` : '';
    return `• *${esc(p.name)}*: ${esc(p.label)} — _${esc(p.note ?? status)}_${ics}`;
  });
  const first = view.participants[0]?.label ?? '';
  const blocks: Block[] = [
    section(`:white_check_mark: *${esc(view.headline)}*`),
    section(`${viewerTime(view.start, view.end, first)} _(${t.viewer})_\n${lines.join('\n')}`),
  ];
  if (view.conferenceUrl)
    blocks.push(
      section(`:movie_camera: <${view.conferenceUrl}|${translator(view.locale)('chat.slack.joinCall')}>`),
    );
  // A series booked anyway: the occurrences in conflict; booked and moved: what moved, what stayed.
  if (view.seriesConflicts) blocks.push(context([`:warning: ${esc(view.seriesConflicts)}`]));
  if (view.seriesMoves) blocks.push(context([`:repeat: ${esc(view.seriesMoves.text)}`]));
  if (pickedBy) blocks.push(context([t.bookedBy(pickedBy)]));
  blocks.push(manageButtons(view.bookingId, view.locale));
  return { text: view.headline, blocks };
}

/**
 * "Reschedule" and "Cancel meeting" (with Slack's confirm dialog) for a booked meeting; for a series,
 * also "Move <date> only", "Cancel <date> only" and "End the series after <date>" (ids and the
 * occurrence's start only). A series that has begun has no "Reschedule": it is no longer moved whole.
 */
export function manageButtons(bookingId: string, locale: Locale, series?: SeriesChoicesView | null): Block {
  const t = texts(locale);
  const value = encodeValue({ l: locale });
  const occurrences = series
    ? [
        button(series.move.label, `${ACTIONS.occurrenceMove}:${bookingId}:${series.move.start}`, value),
        ...(series.moveFollowing
          ? [
              button(
                series.moveFollowing.label,
                `${ACTIONS.occurrenceFollowing}:${bookingId}:${series.moveFollowing.start}`,
                value,
              ),
            ]
          : []),
        button(series.next.label, `${ACTIONS.occurrenceCancel}:${bookingId}:${series.next.start}`, value),
        ...(series.endFrom
          ? [
              button(
                series.endFrom.label,
                `${ACTIONS.occurrenceEnd}:${bookingId}:${series.endFrom.start}`,
                value,
              ),
            ]
          : []),
      ]
    : [];
  return {
    type: 'actions',
    block_id: `convene_manage:${bookingId}`,
    elements: [
      ...(series?.begun ? [] : [button(t.reschedule, `${ACTIONS.manageReschedule}:${bookingId}`, value)]),
      {
        ...button(t.cancelMeeting, `${ACTIONS.manageCancel}:${bookingId}`, value, 'danger'),
        confirm: {
          title: { type: 'plain_text', text: t.confirmTitle },
          text: { type: 'plain_text', text: t.confirmText },
          confirm: { type: 'plain_text', text: t.confirmYes },
          deny: { type: 'plain_text', text: t.confirmNo },
          style: 'danger',
        },
      },
      ...occurrences,
    ],
  };
}

/** The meeting at its (new) time, each participant in their zone; the buttons stay. */
export function renderMoved(
  view: BookingSummaryView,
  headline: string,
  movedBy: string,
): { text: string; blocks: Block[] } {
  const t = texts(view.locale);
  const lines = view.participants.map((p) => `• *${esc(p.name)}*: ${esc(p.label)}`);
  return {
    text: headline,
    blocks: [
      section(`:white_check_mark: *${esc(headline)}*`),
      section(`${viewerTime(view.start, view.end, view.label)} _(${t.viewer})_\n${lines.join('\n')}`),
      context([t.movedBy(movedBy)]),
      manageButtons(view.bookingId, view.locale),
    ],
  };
}

/** New times for a booked meeting, one button each (ephemeral to the clicker). */
export function renderRescheduleOptions(view: RescheduleOptionsView): { text: string; blocks: Block[] } {
  return renderNewTimes(view, (start) => `${ACTIONS.manageTo}:${view.bookingId}:${start}`);
}

/**
 * New times for one occurrence of a series (ephemeral to the clicker), one button each
 * (`oto:<bookingId>:<occurrence start>:<new start>`).
 */
export function renderOccurrenceMoveOptions(view: OccurrenceMoveOptionsView): {
  text: string;
  blocks: Block[];
} {
  return renderNewTimes(
    view,
    (start) => `${ACTIONS.occurrenceTo}:${view.bookingId}:${view.occurrence}:${start}`,
  );
}

/**
 * New times for an occurrence AND the following ones (ephemeral to the clicker), each with how many of
 * them are free there, one button each (`ofto:<bookingId>:<occurrence start>:<new start>`).
 */
export function renderFollowingMoveOptions(view: OccurrenceMoveOptionsView): {
  text: string;
  blocks: Block[];
} {
  return renderNewTimes(
    view,
    (start) => `${ACTIONS.occurrenceFollowingTo}:${view.bookingId}:${view.occurrence}:${start}`,
  );
}

/** A headline, then each time in the viewer's zone and every participant's, with its button. */
function renderNewTimes(
  view: RescheduleOptionsView | OccurrenceMoveOptionsView,
  actionId: (start: number) => string,
): { text: string; blocks: Block[] } {
  const t = texts(view.locale);
  const value = encodeValue({ l: view.locale });
  const blocks: Block[] = [section(`*${esc(view.headline)}*`)];
  for (const [i, o] of view.options.slice(0, 45).entries()) {
    const people = [
      ...o.labels.map((l) => `${esc(l.name)}: ${esc(l.text)}`),
      // "Move this and following": how many of the following occurrences are free at this time.
      ...(o.reason ? [`_${esc(o.reason)}_`] : []),
    ].join('\n');
    blocks.push(
      section(
        `*${i + 1}.* ${viewerTime(o.start, o.end, o.label)} _(${t.viewer})_\n${people}`,
        button(`${t.moveTo} ${o.label}`, actionId(o.start), value, i === 0 ? 'primary' : undefined),
      ),
    );
  }
  return { text: view.headline, blocks };
}

/** `/meet cancel` / `/meet reschedule`: the caller's upcoming meetings, each with its buttons. */
export function renderUpcoming(
  intro: string,
  meetings: readonly (BookingSummaryView & { readonly series?: SeriesChoicesView | null })[],
  locale: Locale,
): { text: string; blocks: Block[] } {
  const blocks: Block[] = [section(esc(intro))];
  for (const m of meetings.slice(0, 16)) {
    const names = m.participants.map((p) => esc(p.name)).join(', ');
    blocks.push(section(`*${esc(m.title)}* — ${viewerTime(m.start, m.end, m.label)}\n${names}`));
    blocks.push(manageButtons(m.bookingId, locale, m.series));
  }
  return { text: intro, blocks };
}

export function renderCancelled(
  headline: string,
  by: string,
  locale: Locale,
): { text: string; blocks: Block[] } {
  const text = `~${esc(headline)}~\n${texts(locale).cancelled(by)}`;
  return { text: `${headline} — ${texts(locale).cancelled(by)}`, blocks: [section(text)] };
}

/** Text already written as mrkdwn (its user-provided parts escaped by the caller). */
export function renderMrkdwn(text: string): { text: string; blocks: Block[] } {
  return { text, blocks: [section(text)] };
}

export function renderText(text: string): { text: string; blocks: Block[] } {
  return { text, blocks: [section(esc(text))] };
}

/**
 * The outcome of a change to a series' dates: its headline, and after a split the new series' .ics links
 * for the participants kept in Convene (one line each, as the booking confirmation shows them).
 */
export function renderOccurrenceOutcome(view: ManagedOccurrenceView): { text: string; blocks: Block[] } {
  const offers = view.ics ?? [];
  if (offers.length === 0) return renderText(view.headline);
  const lines = offers.map((o) => `• *${esc(o.name)}*: <${o.url}|${esc(o.label)}>`);
  return { text: view.headline, blocks: [section(esc(view.headline)), section(lines.join('\n'))] };
}

/** A message with link buttons (calendar linking, settings fallback). */
export function renderLinks(
  text: string,
  links: readonly { label: string; url?: string; actionId: string; value?: string }[],
): { text: string; blocks: Block[] } {
  const blocks: Block[] = [section(esc(text))];
  if (links.length > 0)
    blocks.push({
      type: 'actions',
      elements: links.slice(0, 25).map((l) => ({
        ...button(l.label, l.actionId, l.value ?? l.actionId),
        ...(l.url ? { url: l.url } : {}),
      })),
    });
  return { text, blocks };
}

export const HEALTH_EMOJI: Record<ConnectionHealth, string> = {
  ok: ':large_green_circle:',
  reauth_required: ':large_orange_circle:',
  error: ':red_circle:',
};
