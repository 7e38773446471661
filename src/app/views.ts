/**
 * Platform-neutral results of the meeting use cases. Adapters (Slack Block Kit, Discord components,
 * the web playground) render these; they never recompute times or wording. Every text is already in
 * the request's language, every time label is already in the viewer's zone.
 *
 * Privacy: views carry busy blocks only, never another person's event titles.
 */
import { DateTime } from 'luxon';
import type { Locale } from '../core/locale.ts';
import { t } from './i18n/index.ts';

export type { Locale } from '../core/locale.ts';
export { toLocale } from '../core/locale.ts';

/** A time label for one person, in that person's zone. */
export interface ZonedLabel {
  readonly personId: string;
  readonly name: string;
  readonly timeZone: string;
  /** e.g. "Tue 1 Dec, 15:00–15:30 (Paris time)" / "mar. 1 déc., 15:00–15:30 (heure de Paris)". */
  readonly text: string;
}

export interface SlotView {
  /**
   * Stable within its proposal ("1" = best). A surface builds its own button id from the proposal id
   * and this (Slack: `src/bot/slack/render.ts`, Discord: `src/bot/discord/custom-id.ts`).
   */
  readonly id: string;
  readonly rank: number;
  readonly start: number;
  readonly end: number;
  /** In the requester's zone. */
  readonly label: string;
  /** One per participant, in their own zone (requester included). */
  readonly labels: readonly ZonedLabel[];
  /** "all 3 free", "outside core hours for Sam". */
  readonly reason: string;
  readonly free: number;
  readonly total: number;
  /** Team round-robin: the member this slot would book, and why ("Li: 2 below target this month"). */
  readonly assignee?: {
    readonly personId: string;
    readonly name: string;
    readonly team: string;
    readonly explanation: string;
  };
  /** A recurring request: this time checked over the series (src/app/request/series.ts). */
  readonly series?: SlotSeriesView;
}

/** "free on 11 of 12 Tuesdays; Li is busy on Tue 3 Feb" as data and words. */
export interface SlotSeriesView {
  /** Occurrences checked (the series up to the request's horizon). */
  readonly occurrences: number;
  /** Occurrences everyone required can make. */
  readonly free: number;
  /** The other occurrences, in order: who cannot make each and why. */
  readonly conflicts: readonly {
    readonly start: number;
    readonly end: number;
    readonly people: readonly {
      readonly personId: string;
      readonly name: string;
      readonly reason: 'busy' | 'outside_hours';
    }[];
  }[];
  /** The line to show under the slot, in the view's language. */
  readonly line: string;
  /**
   * The slot id a button books this time with: the slot's own id when every occurrence is free, else
   * `<id>-anyway` ("book anyway": the click books it despite the conflicts, and the confirmation names them).
   */
  readonly bookSlotId: string;
  /**
   * With conflicts only: `<id>-move` ("book and move the clashing dates": the click books the series and
   * moves each occurrence in conflict to a nearby time everyone can make; the confirmation says which
   * moved and which stayed).
   */
  readonly moveSlotId?: string;
}

export interface ParticipantView {
  readonly personId: string;
  readonly name: string;
  readonly timeZone: string;
  readonly optional: boolean;
  readonly requester: boolean;
  /** False when some of the person's calendars could not be read. */
  readonly complete: boolean;
}

export interface GapView {
  readonly personId: string;
  /** The person's display name. */
  readonly name?: string;
  readonly code: string;
  /** "Li's calendar could not be read: proposals assume Li is free then." */
  readonly message: string;
}

export type HeatCell = 'free' | 'busy' | 'off';

/** People × time for the request's window (hour columns in the requester's zone). */
export interface HeatmapView {
  readonly timeZone: string;
  readonly stepMinutes: number;
  readonly columns: readonly {
    readonly start: number;
    /** Local date "YYYY-MM-DD" in the requester's zone. */
    readonly day: string;
    readonly dayLabel: string;
    /** Local hour 0–23 of the column start. */
    readonly hour: number;
  }[];
  readonly rows: readonly {
    readonly personId: string;
    readonly name: string;
    readonly cells: readonly HeatCell[];
  }[];
  /** Per column: how many required participants are free for the whole column. */
  readonly freeCount: readonly number[];
}

export interface ProposalView {
  readonly kind: 'proposals';
  readonly locale: Locale;
  readonly requestId: string;
  readonly proposalId: string;
  readonly title: string;
  readonly durationMinutes: number;
  readonly window: { readonly start: number; readonly end: number; readonly label: string };
  /** The requester's zone (labels and heat-map). */
  readonly timeZone: string;
  /** One sentence summing up the request, in its language. */
  readonly headline: string;
  /**
   * What was understood, shown above the proposals: "30 min · Tue 1 – Thu 3 Dec · 13:00–17:00 · Paris
   * time" (duration, window, times of day, exclusions, zone), in the reply language.
   */
  readonly understood?: string;
  readonly participants: readonly ParticipantView[];
  readonly slots: readonly SlotView[];
  readonly gaps: readonly GapView[];
  /** Parser warnings and words that were not understood. */
  readonly notes: readonly string[];
  readonly heatmap: HeatmapView;
}

export type CalendarWriteStatus = 'written' | 'kept_in_convene' | 'failed';
/** Why a participant's calendar was not written: kept in Convene (the first three) or retried by the outbox. */
export type CalendarWriteReason = 'read_only' | 'no_write_calendar' | 'not_linked' | 'will_retry';

export interface BookingParticipantView {
  readonly personId: string;
  readonly name: string;
  readonly timeZone: string;
  /** The meeting time in this person's zone. */
  readonly label: string;
  readonly calendar: CalendarWriteStatus;
  /** Why the calendar was not written: a code, and `note` worded in the request's language. */
  readonly reason?: CalendarWriteReason;
  readonly note?: string;
  /**
   * Kept in Convene: a signed, expiring link to the meeting as an .ics file (src/app/ics-offer.ts) for
   * this person to add it to their calendar themselves, and its label in the request's language.
   */
  readonly ics?: { readonly url: string; readonly label: string };
}

export interface BookingView {
  readonly kind: 'booked';
  readonly locale: Locale;
  readonly bookingId: string;
  readonly proposalId: string;
  readonly slotId: string;
  readonly title: string;
  readonly start: number;
  readonly end: number;
  /** True when this click repeated an earlier one (the booking already existed). */
  readonly alreadyBooked: boolean;
  readonly headline: string;
  readonly participants: readonly BookingParticipantView[];
  /** The video link a provider attached (Google Meet, Teams), when one did on this write. */
  readonly conferenceUrl?: string;
  /** A series booked anyway: its occurrences in conflict, in words ("Booked anyway, with 1 occurrence…"). */
  readonly seriesConflicts?: string;
  /**
   * A series booked with "book and move the clashing dates": the occurrences moved (original start → new
   * times) and those left where they were (no time everyone can make nearby), and both in words.
   */
  readonly seriesMoves?: SeriesMovesView;
}

export interface SeriesMovesView {
  readonly moved: readonly { readonly occurrence: number; readonly start: number; readonly end: number }[];
  /** Original starts of the occurrences that stay (still in conflict). */
  readonly stayed: readonly number[];
  /** "Moved 2 occurrences in conflict: Tue 8 Dec to Wed 9 Dec, 10:00–10:30, …. 1 occurrence stays …". */
  readonly text: string;
}

// --- wording ----------------------------------------------------------------------------------

/** The Intl locale a language's dates and lists are formatted in ("en-GB": day before month). */
export function intlTag(locale: Locale): string {
  return t(locale, 'account.label.intlTag');
}

/** A weekday's name (0 = Sunday) in the language's own words: "Monday" / "lundi", or "Mon" / "lun.". */
export function weekdayName(day: number, locale: Locale, width: 'long' | 'short' = 'long'): string {
  // 2023-01-01 was a Sunday; noon UTC is the same weekday in every zone.
  return new Intl.DateTimeFormat(intlTag(locale), { weekday: width, timeZone: 'UTC' }).format(
    Date.UTC(2023, 0, 1 + day, 12),
  );
}

/** "Europe/Paris" → "Paris", "America/Los_Angeles" → "Los Angeles". */
export function zoneCity(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replaceAll('_', ' ');
}

/**
 * One cached Intl formatter per zone and locale for slot labels: a label is built for every proposed
 * slot and every participant of every request, and Luxon's `toFormat` recomputes the zone offset with a
 * fresh `formatToParts` per DateTime (a CPU profile under load put ~10 % of the server in it). The parts
 * are those Luxon's `ccc d LLL` and `HH:mm` give (both come from Intl); test/app/views.test.ts holds the
 * two to the same output over generated instants, zones and both locales.
 */
const labelFormats = new Map<string, Intl.DateTimeFormat>();

interface LabelParts {
  readonly weekday: string;
  readonly day: string;
  readonly month: string;
  readonly time: string;
  /** Local calendar date as a comparable string `Y-M-D`, and whether the instant is local midnight. */
  readonly date: string;
  readonly midnight: boolean;
}

function labelParts(t: number, zone: string, locale: Locale): LabelParts {
  const key = `${zone}\u0000${locale}`;
  let format = labelFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag(locale), {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    if (labelFormats.size < 2_000) labelFormats.set(key, format);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(t)) part[type] = value;
  const time = `${part.hour}:${part.minute}`;
  return {
    weekday: part.weekday ?? '',
    day: part.day ?? '',
    month: part.month ?? '',
    time,
    date: `${part.year}-${part.month}-${part.day}`,
    midnight: time === '00:00' && part.second === '00' && t % 1000 === 0,
  };
}

/** "Tue 1 Dec" / "mar. 1 déc." (Luxon's `ccc d LLL`) of the local day containing `t`. */
export function dayLabel(t: number, zone: string, locale: Locale): string {
  const p = labelParts(t, zone, locale);
  return `${p.weekday} ${p.day} ${p.month}`;
}

/** "Tue 1 Dec, 15:00–15:30 (Paris time)" / "mar. 1 déc., 15:00–15:30 (heure de Paris)". */
export function slotLabel(start: number, end: number, zone: string, locale: Locale): string {
  const a = labelParts(start, zone, locale);
  const b = labelParts(end, zone, locale);
  const sameDay = a.date === b.date || b.midnight;
  const day = `${a.weekday} ${a.day} ${a.month}`;
  const range = sameDay ? `${a.time}–${b.time}` : `${a.time}–${b.weekday} ${b.time}`;
  return slotWording(locale)(day, range, zoneCity(zone));
}

// The slot label's wording per language, formatted once with markers and then filled in by string
// concatenation: a label is built for every slot and participant, and a full ICU format per label
// costs about a sixth of `slotLabel`'s time.
const slotWordings = new Map<Locale, (day: string, range: string, city: string) => string>();

function slotWording(locale: Locale): (day: string, range: string, city: string) => string {
  let wording = slotWordings.get(locale);
  if (wording === undefined) {
    const marked = t(locale, 'account.label.slot', { day: '\uE000', range: '\uE001', city: '\uE002' });
    const parts = marked.split(/([\uE000-\uE002])/);
    wording = (day, range, city) => {
      let out = '';
      for (const part of parts)
        out += part === '\uE000' ? day : part === '\uE001' ? range : part === '\uE002' ? city : part;
      return out;
    };
    slotWordings.set(locale, wording);
  }
  return wording;
}

/** "Mon 30 Nov – Sun 6 Dec" in a zone (end exclusive). */
export function rangeLabel(start: number, end: number, zone: string, locale: Locale): string {
  const loc = intlTag(locale);
  const a = DateTime.fromMillis(start, { zone }).setLocale(loc);
  const b = DateTime.fromMillis(end - 1, { zone }).setLocale(loc);
  if (a.hasSame(b, 'day')) return a.toFormat('ccc d LLL');
  return `${a.toFormat('ccc d LLL')} – ${b.toFormat('ccc d LLL')}`;
}

/** "Ana, Li and Sam" / "Ana, Li et Sam". */
export function listNames(names: readonly string[], locale: Locale): string {
  if (names.length <= 1) return names.join('');
  return new Intl.ListFormat(intlTag(locale), { style: 'long', type: 'conjunction' }).format(names);
}

/** "Sam's settings" / "James' settings" / "réglages de Sam": `thing` is already in `locale`. */
export function possessive(name: string, locale: Locale, thing: string): string {
  return t(locale, 'account.label.possessive', {
    name,
    thing,
    sibilant: name.endsWith('s') ? 'yes' : 'no',
  });
}

/** "30 min" / "1 h 30". */
export function durationLabel(minutes: number, locale: Locale): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t(locale, 'account.duration.minutes', { minutes: String(m) });
  if (m === 0) return t(locale, 'account.duration.hours', { hours: String(h) });
  return t(locale, 'account.duration.hoursMinutes', {
    hours: String(h),
    minutes: String(m).padStart(2, '0'),
  });
}

/**
 * "last synced 3 min ago" / "dernière synchro il y a 3 min" (`/meet status`): how long since a
 * calendar was last read or synced, relative to `now` (the caller's clock).
 */
export function syncedAgo(lastSyncAt: number | null, now: number, locale: Locale): string {
  if (lastSyncAt === null) return t(locale, 'common.lastSynced.never');
  const seconds = Math.max(0, Math.floor((now - lastSyncAt) / 1000));
  if (seconds < 60) return t(locale, 'common.lastSynced.justNow');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t(locale, 'common.lastSynced.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(locale, 'common.lastSynced.hours', { count: hours });
  return t(locale, 'common.lastSynced.days', { count: Math.floor(hours / 24) });
}
