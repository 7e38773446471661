/**
 * Platform-neutral views → Discord message bodies (legacy components: ≤ 5 rows of ≤ 5 buttons, or one
 * select per row; `custom_id` ≤ 100 chars; button labels ≤ 80). Built with `@discordjs/builders`, whose
 * `toJSON()` validates those limits before anything is sent. No mentions ping (`allowed_mentions`).
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  EmbedBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
} from '@discordjs/builders';
import { ButtonStyle } from 'discord-api-types/v10';
import type { BookMeetingError } from '../../app/book-meeting.ts';
import { t, translator } from '../../app/i18n/index.ts';
import type { BookingSummaryView, RescheduleOptionsView } from '../../app/manage-booking.ts';
import type {
  ManagedOccurrenceView,
  OccurrenceMoveOptionsView,
  SeriesChoicesView,
} from '../../app/manage-series.ts';
import type { DmAction } from '../../app/ports/calendars.ts';
import type { PendingAsk, RequestMeetingError } from '../../app/request-meeting.ts';
import type { BookingView, Locale, ProposalView, SlotView } from '../../app/views.ts';
import type { DiscordMessageBody } from './api.ts';
import {
  answerCustomId,
  bookCustomId,
  dmCustomId,
  followingToCustomId,
  manageCustomId,
  moveCustomId,
  occurrenceCustomId,
  occurrenceToCustomId,
  requestCustomId,
  ZONE_CUSTOM_ID,
} from './custom-id.ts';
import { messages } from './messages.ts';

export const EPHEMERAL = 64;
const MAX_CONTENT = 2000;
const MAX_BUTTONS = 25;
const NO_PINGS = { parse: [] as string[] };

/** Zones offered by the "ask once" select (Discord allows 25 options); others via `/meet settings zone:`. */
export const COMMON_ZONES: readonly string[] = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Helsinki',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Casablanca',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'America/Toronto',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Pacific/Honolulu',
];

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function textMessage(content: string, options: { ephemeral?: boolean } = {}): DiscordMessageBody {
  return {
    content: clip(content, MAX_CONTENT),
    components: [],
    embeds: [],
    allowed_mentions: NO_PINGS,
    ...(options.ephemeral ? { flags: EPHEMERAL } : {}),
  };
}

/**
 * Buttons for slots: 5 per row, at most `max` buttons (5 rows). A series time with conflicts books with its
 * "book anyway" id (`series.bookSlotId`) and its button says so; next to it, "Book, move clashing dates"
 * (`series.moveSlotId`). A slot's buttons are shown together or not at all.
 */
export function slotButtons(
  slots: readonly SlotView[],
  proposalId: string,
  locale: Locale = 'en',
  max = MAX_BUTTONS,
): unknown[] {
  const buttons: ButtonBuilder[] = [];
  for (const slot of slots) {
    const moveId = slot.series?.moveSlotId;
    if (buttons.length + (moveId ? 2 : 1) > max) break;
    buttons.push(
      new ButtonBuilder()
        .setCustomId(bookCustomId(proposalId, slot.series?.bookSlotId ?? slot.id))
        .setLabel(
          clip(
            slot.series && slot.series.bookSlotId !== slot.id
              ? `${slot.rank}. ${t(locale, 'chat.button.bookAnyway')}: ${slot.label}`
              : `${slot.rank}. ${slot.label}`,
            80,
          ),
        )
        .setStyle(slot.rank === 1 ? ButtonStyle.Success : ButtonStyle.Primary),
    );
    if (moveId)
      buttons.push(
        new ButtonBuilder()
          .setCustomId(bookCustomId(proposalId, moveId))
          .setLabel(clip(`${slot.rank}. ${t(locale, 'chat.button.bookAndMove')}: ${slot.label}`, 80))
          .setStyle(ButtonStyle.Secondary),
      );
  }
  const rows: unknown[] = [];
  for (let i = 0; i < buttons.length; i += 5)
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(...buttons.slice(i, i + 5)).toJSON());
  return rows;
}

/** "More times" and "Cancel" under a request's proposals (ids only). */
export function requestRow(proposalId: string, locale: Locale): unknown {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder()
        .setCustomId(requestCustomId('more', proposalId))
        .setLabel(t(locale, 'chat.button.moreTimes'))
        .setStyle(ButtonStyle.Secondary),
      new ButtonBuilder()
        .setCustomId(requestCustomId('cancel', proposalId))
        .setLabel(t(locale, 'chat.button.cancelRequest'))
        .setStyle(ButtonStyle.Danger),
    )
    .toJSON();
}

/** The request cancelled: the proposals give way to "X — cancelled by Y", without buttons. */
export function renderCancelledRequest(title: string, who: string, locale: Locale): DiscordMessageBody {
  return textMessage(`~~${title}~~\n${t(locale, 'chat.cancelRequest.cancelledBy', { who })}`);
}

/** The proposals: a line per slot with every participant's own-zone time, its buttons, more times and cancel. */
export function renderProposals(view: ProposalView): DiscordMessageBody {
  const w = translator(view.locale);
  const lines: string[] = [
    `**${view.headline}**`,
    ...(view.understood ? [view.understood] : []),
    w('chat.discord.window', { window: view.window.label }),
  ];
  // Four rows of slots at most: the fifth holds "More times" and "Cancel".
  const slots = view.slots.slice(0, MAX_BUTTONS - 5);
  for (const slot of slots) {
    lines.push('', `**${slot.rank}.** ${slot.label} — ${slot.reason}`);
    // A series: "free on 11 of 12 Tuesdays; Li is busy on Tue 3 Feb".
    if (slot.series) lines.push(`  🔁 ${slot.series.line}`);
    for (const label of slot.labels) {
      if (label.timeZone === view.timeZone && label.text === slot.label) continue;
      lines.push(`  ${w('chat.discord.personTime', { name: label.name, time: label.text })}`);
    }
  }
  for (const gap of view.gaps) lines.push('', `⚠️ ${gap.message}`);
  for (const note of view.notes) lines.push('', `ℹ️ ${note}`);
  return {
    content: clip(lines.join('\n'), MAX_CONTENT),
    components: [
      ...slotButtons(slots, view.proposalId, view.locale, MAX_BUTTONS - 5),
      requestRow(view.proposalId, view.locale),
    ],
    embeds: [],
    allowed_mentions: NO_PINGS,
  };
}

/**
 * The outcome of a change to a series' dates: its headline, and after a split the new series' .ics links
 * for the participants kept in Convene (one line each, as the booking confirmation shows them).
 */
export function renderOccurrenceOutcome(view: ManagedOccurrenceView): DiscordMessageBody {
  const lines = [view.headline, ...(view.ics ?? []).map((o) => `• ${o.name} · [${o.label}](<${o.url}>)`)];
  return textMessage(lines.join('\n'));
}

/** The confirmation that replaces the proposals (buttons removed). */
export function renderBooking(view: BookingView): DiscordMessageBody {
  const w = translator(view.locale);
  const status = (c: BookingView['participants'][number]) => {
    if (c.calendar === 'written') return w('chat.discord.written');
    return c.note ?? w('chat.discord.notUpdated');
  };
  const lines = [`✅ **${view.headline}**`];
  for (const p of view.participants) {
    const ics = p.ics ? ` · [${p.ics.label}](<${p.ics.url}>)` : '';
    lines.push(
      `• ${w('chat.discord.personTime', { name: p.name, time: `${p.label} — ${status(p)}` })}${ics}`,
    );
  }
  if (view.conferenceUrl) lines.push(`🎥 ${w('chat.discord.videoCall', { url: view.conferenceUrl })}`);
  if (view.seriesConflicts) lines.push(`⚠️ ${view.seriesConflicts}`);
  if (view.seriesMoves) lines.push(`🔁 ${view.seriesMoves.text}`);
  return {
    content: clip(lines.join('\n'), MAX_CONTENT),
    components: [manageRow(view.bookingId, view.locale)],
    embeds: [],
    allowed_mentions: NO_PINGS,
  };
}

/**
 * "Reschedule" and "Cancel meeting" under a booked meeting (`prefix` numbers them in a list); for a
 * series also "Move <date> only", "Cancel <date> only" and "End the series after <date>" (5 buttons: a
 * row's most). In `/meet reschedule` (`mode`), a series with "Move <date> and following" has it after
 * "Move <date> only" instead of "End the series after" (which `/meet cancel` keeps), unless the series has
 * begun: it is no longer moved whole, so it has no "Reschedule" and room for both.
 */
export function manageRow(
  bookingId: string,
  locale: Locale,
  prefix = '',
  series?: SeriesChoicesView | null,
  mode: 'cancel' | 'reschedule' = 'cancel',
): unknown {
  const m = messages(locale);
  const following = mode === 'reschedule' ? series?.moveFollowing : undefined;
  const occurrences = series
    ? [
        new ButtonBuilder()
          .setCustomId(occurrenceCustomId('move', bookingId, series.move.start))
          .setLabel(clip(`${prefix}${series.move.label}`, 80))
          .setStyle(ButtonStyle.Secondary),
        ...(following
          ? [
              new ButtonBuilder()
                .setCustomId(occurrenceCustomId('moveFollowing', bookingId, following.start))
                .setLabel(clip(`${prefix}${following.label}`, 80))
                .setStyle(ButtonStyle.Secondary),
            ]
          : []),
        new ButtonBuilder()
          .setCustomId(occurrenceCustomId('cancel', bookingId, series.next.start))
          .setLabel(clip(`${prefix}${series.next.label}`, 80))
          .setStyle(ButtonStyle.Secondary),
        ...(series.endFrom && (!following || series.begun)
          ? [
              new ButtonBuilder()
                .setCustomId(occurrenceCustomId('end', bookingId, series.endFrom.start))
                .setLabel(clip(`${prefix}${series.endFrom.label}`, 80))
                .setStyle(ButtonStyle.Danger),
            ]
          : []),
      ]
    : [];
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      ...(series?.begun
        ? []
        : [
            new ButtonBuilder()
              .setCustomId(manageCustomId('reschedule', bookingId))
              .setLabel(clip(`${prefix}${m.reschedule}`, 80))
              .setStyle(ButtonStyle.Secondary),
          ]),
      new ButtonBuilder()
        .setCustomId(manageCustomId('cancel', bookingId))
        .setLabel(clip(`${prefix}${m.cancelMeeting}`, 80))
        .setStyle(ButtonStyle.Danger),
      ...occurrences,
    )
    .toJSON();
}

/** The confirmation step of "Cancel meeting" (ephemeral). */
export function renderCancelConfirm(bookingId: string, title: string, locale: Locale): DiscordMessageBody {
  const m = messages(locale);
  const row = new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder()
        .setCustomId(manageCustomId('confirm', bookingId))
        .setLabel(m.confirmYes)
        .setStyle(ButtonStyle.Danger),
    )
    .toJSON();
  return { ...textMessage(m.confirmCancel(title), { ephemeral: true }), components: [row] };
}

/** The meeting's message once cancelled: struck through, who did it, no buttons. */
export function renderCancelledMeeting(headline: string, who: string, locale: Locale): DiscordMessageBody {
  return textMessage(`~~${headline}~~\n${messages(locale).cancelledBy(who)}`);
}

/** The meeting's message at its new time: every participant's own zone, who moved it, the buttons. */
export function renderMovedMeeting(
  view: BookingSummaryView,
  headline: string,
  who: string,
): DiscordMessageBody {
  const w = translator(view.locale);
  const lines = [`✅ **${headline}**`];
  for (const p of view.participants)
    lines.push(`• ${w('chat.discord.personTime', { name: p.name, time: p.label })}`);
  lines.push(messages(view.locale).movedBy(who));
  return { ...textMessage(lines.join('\n')), components: [manageRow(view.bookingId, view.locale)] };
}

/** New times for a meeting (ephemeral), one button each. */
export function renderRescheduleOptions(view: RescheduleOptionsView): DiscordMessageBody {
  return renderNewTimes(view, (start) => moveCustomId(view.bookingId, start));
}

/** New times for one occurrence of a series (ephemeral), one button each (`cv1:ot:<id>:<occurrence>:<start>`). */
export function renderOccurrenceMoveOptions(view: OccurrenceMoveOptionsView): DiscordMessageBody {
  return renderNewTimes(view, (start) => occurrenceToCustomId(view.bookingId, view.occurrence, start));
}

/**
 * New times for an occurrence and the following ones (ephemeral): each says how many of the following
 * occurrences are free there; one button each (`cv1:ft:<id>:<occurrence>:<start>`).
 */
export function renderFollowingMoveOptions(view: OccurrenceMoveOptionsView): DiscordMessageBody {
  return renderNewTimes(view, (start) => followingToCustomId(view.bookingId, view.occurrence, start));
}

/** A headline, the numbered times (with each participant's own where it differs), a button per time. */
function renderNewTimes(
  view: RescheduleOptionsView | OccurrenceMoveOptionsView,
  customId: (start: number) => string,
): DiscordMessageBody {
  const w = translator(view.locale);
  const shown = view.options.slice(0, MAX_BUTTONS);
  const lines = [`**${view.headline}**`];
  for (const [i, o] of shown.entries()) {
    lines.push('', `**${i + 1}.** ${o.label}`);
    if (o.reason) lines.push(`  ${o.reason}`);
    for (const l of o.labels)
      if (l.text !== o.label) lines.push(`  ${w('chat.discord.personTime', { name: l.name, time: l.text })}`);
  }
  const rows: unknown[] = [];
  for (let i = 0; i < shown.length; i += 5) {
    const row = new ActionRowBuilder<ButtonBuilder>();
    for (const [j, o] of shown.slice(i, i + 5).entries())
      row.addComponents(
        new ButtonBuilder()
          .setCustomId(customId(o.start))
          .setLabel(clip(`${i + j + 1}. ${o.label}`, 80))
          .setStyle(i + j === 0 ? ButtonStyle.Success : ButtonStyle.Primary),
      );
    rows.push(row.toJSON());
  }
  return { ...textMessage(lines.join('\n'), { ephemeral: true }), components: rows };
}

/** `/meet cancel` / `/meet reschedule` (`mode`): the caller's next meetings (5 at most: one row each). */
export function renderUpcoming(
  intro: string,
  meetings: readonly (BookingSummaryView & { readonly series?: SeriesChoicesView | null })[],
  locale: Locale,
  mode: 'cancel' | 'reschedule' = 'cancel',
): DiscordMessageBody {
  const shown = meetings.slice(0, 5);
  const lines = [intro];
  for (const [i, m] of shown.entries())
    lines.push(`**${i + 1}.** ${m.title} — ${m.label} (${m.participants.map((p) => p.name).join(', ')})`);
  return {
    ...textMessage(lines.join('\n'), { ephemeral: true }),
    components: shown.map((m, i) => manageRow(m.bookingId, locale, `${i + 1}. `, m.series, mode)),
  };
}

/** DM buttons (`DmAction`): 5 per row, after the link row if any (5 rows at most). */
export function dmActionRows(actions: readonly DmAction[], maxRows = 5): unknown[] {
  const rows: unknown[] = [];
  const shown = actions.slice(0, maxRows * 5);
  for (let i = 0; i < shown.length; i += 5) {
    const row = new ActionRowBuilder<ButtonBuilder>();
    for (const a of shown.slice(i, i + 5))
      row.addComponents(
        new ButtonBuilder()
          .setCustomId(dmCustomId(a.action, a.value))
          .setLabel(clip(a.label, 80))
          .setStyle(
            a.style === 'danger'
              ? ButtonStyle.Danger
              : a.style === 'primary'
                ? ButtonStyle.Primary
                : ButtonStyle.Secondary,
          ),
      );
    rows.push(row.toJSON());
  }
  return rows;
}

/**
 * A booking that did not happen: the message, and the slots still free as buttons (a series conflict:
 * "book anyway" and "book, move clashing dates" for the clicked time first).
 */
export function renderBookingError(error: BookMeetingError, proposalId: string): DiscordMessageBody {
  const slots = [...(error.anyway ? [error.anyway] : []), ...(error.remaining ?? [])];
  return {
    content: clip(error.message, MAX_CONTENT),
    components: slots.length > 0 ? slotButtons(slots, proposalId, error.locale) : [],
    embeds: [],
    allowed_mentions: NO_PINGS,
    flags: EPHEMERAL,
  };
}

/** A question instead of a guess: the question, then one button per answer (ids only). */
export function renderQuestion(message: string, pending: PendingAsk): DiscordMessageBody {
  const row = new ActionRowBuilder<ButtonBuilder>();
  for (const choice of pending.choices.slice(0, 5))
    row.addComponents(
      new ButtonBuilder()
        .setCustomId(answerCustomId(pending.id, choice.index))
        .setLabel(clip(choice.label, 80))
        .setStyle(ButtonStyle.Primary),
    );
  return { ...textMessage(message), components: [row.toJSON()] };
}

export function renderRequestError(error: RequestMeetingError): DiscordMessageBody {
  return textMessage(error.message, { ephemeral: true });
}

/**
 * "Which time zone are you in?" with a select of common zones. The pending request rides along in an
 * embed (Discord sends the message back with the selection), so no server-side state is needed.
 */
export function renderZonePicker(
  locale: Locale,
  requesterUserId: string,
  pendingText: string | null,
): DiscordMessageBody {
  const m = messages(locale);
  const select = new StringSelectMenuBuilder()
    .setCustomId(ZONE_CUSTOM_ID)
    .setPlaceholder(m.zonePlaceholder)
    .addOptions(
      COMMON_ZONES.map((zone) => new StringSelectMenuOptionBuilder().setLabel(zone).setValue(zone)),
    );
  const embed = new EmbedBuilder().setTitle(m.pendingTitle).setFooter({ text: requesterUserId });
  if (pendingText) embed.setDescription(clip(pendingText, 4000));
  return {
    content: m.zoneQuestion,
    components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select).toJSON()],
    embeds: [embed.toJSON()],
    allowed_mentions: NO_PINGS,
  };
}

/** The pending request carried by a zone picker (see `renderZonePicker`). */
export function pendingRequestOf(message: PickerMessage | undefined): {
  requesterUserId: string | null;
  text: string | null;
} {
  const embed = message?.embeds?.[0];
  const text = embed?.description;
  const footer = embed?.footer?.text;
  return {
    requesterUserId: typeof footer === 'string' && /^\d{1,25}$/.test(footer) ? footer : null,
    text: typeof text === 'string' && text.trim() ? text : null,
  };
}

export interface PickerMessage {
  readonly embeds?: readonly {
    readonly description?: string;
    readonly footer?: { readonly text?: string };
  }[];
}

export function linkButtonRow(label: string, url: string): unknown {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(new ButtonBuilder().setStyle(ButtonStyle.Link).setLabel(label).setURL(url))
    .toJSON();
}
