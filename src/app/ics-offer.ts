/**
 * The .ics offer: a participant whose calendar Convene cannot write (an ICS feed, only read-only
 * calendars, nothing linked) gets, on the booking confirmation, a link to add the meeting themselves:
 * `<base>/ics/<token>`, a signed, expiring link served by Convene (src/bot/web/ics-offer.ts) that answers
 * `text/calendar` with the meeting's one VEVENT: its time, title and a stable UID — no attendee, organiser
 * or anyone else's data. A series booking (./series.ts) is served as one recurring VEVENT: DTSTART/DTEND
 * local to the series' zone with TZID, that zone's VTIMEZONE and the RRULE — the same text the CalDAV
 * writer emits (src/core/icalendar-recurrence.ts) — so every occurrence keeps its wall-clock time across a
 * DST change. Its changed occurrences (the booking's stored exceptions, `BookingRepository.occurrences`)
 * are served as the CalDAV writer applies them (src/connectors/caldav/mapper.ts `editSeriesIcs`): an EXDATE
 * for a cancelled one, an overriding VEVENT (same UID, RECURRENCE-ID = its original start) for a moved one,
 * and the RRULE ended (UNTIL just before, COUNT dropped) where the series was ended. A member of a team
 * taking turns per occurrence (./series-turns.ts) is served their turn's recurring event, as their calendar
 * gets it: its first start and rule, and the changes of their own occurrences only.
 *
 * The token is `i1.<payload>.<mac>`: base64url JSON of tenant, booking, person and expiry, HMAC-SHA256
 * with a key derived from the state secret for this purpose only (a link-page or OAuth state never
 * verifies as an offer, nor the reverse). It is bound to its tenant: the booking is looked up in the
 * token's tenant, so a token naming another tenant's booking finds nothing. A cancelled booking, or a
 * person no longer in it, is `not_found`. Links expire a week after the meeting ends (and never sooner
 * than a week after they were made).
 * @see https://www.rfc-editor.org/rfc/rfc5545 (iCalendar)
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DateTime } from 'luxon';
import { lastOccurrenceBound, rruleText, utcBasic, vtimezone } from '../core/icalendar-recurrence.ts';
import type { EventRecurrence } from './ports/provider.ts';
import type { BookingRepository, MeetingRequestRepository, OccurrenceException } from './ports/store.ts';
import { eventRecurrence, occurrenceStarts } from './series.ts';
import { bookingSeries } from './series-changes.ts';
import { attends, bookedTurns, turnEvent } from './series-turns.ts';

export const ICS_OFFER_GRACE_MS = 7 * 24 * 60 * 60_000;
const VERSION = 'i1';
const MAX_TOKEN_LENGTH = 1024;
const ID = /^[A-Za-z0-9-]{1,64}$/;

export interface IcsOfferDeps {
  /** `occurrences`: a series' changed occurrences (without it: the series as its rule only). */
  readonly bookings: Pick<BookingRepository, 'get'> & Partial<Pick<BookingRepository, 'occurrences'>>;
  /** The booking's request, to serve a series as its recurring event (without it: one VEVENT). */
  readonly requests?: Pick<MeetingRequestRepository, 'get' | 'getProposal'>;
  readonly publicBaseUrl: string;
  /** `CONVENE_STATE_SECRET` (a key is derived from it for offers only). */
  readonly stateSecret: string;
  readonly clock?: () => number;
  /** How long after the meeting's end a link works (default a week). */
  readonly graceMs?: number;
}

export interface IcsOfferTarget {
  readonly tenantId: string;
  readonly bookingId: string;
  readonly personId: string;
  /** The meeting's end (epoch ms; a series: its last occurrence's): the link expires `graceMs` after it. */
  readonly end: number;
}

/** What the booking confirmation needs: a link for one participant (null when none can be made). */
export interface IcsOfferLinks {
  urlFor(target: IcsOfferTarget): string | null;
}

export type IcsOfferResult =
  | { readonly ok: true; readonly calendar: string; readonly filename: string }
  | { readonly ok: false; readonly code: 'invalid' | 'expired' | 'not_found' };

interface OfferPayload {
  readonly t: string;
  readonly b: string;
  readonly p: string;
  readonly e: number;
}

export class IcsOffers implements IcsOfferLinks {
  readonly #deps: IcsOfferDeps;
  readonly #key: Buffer;
  readonly #clock: () => number;
  readonly #baseUrl: string;

  constructor(deps: IcsOfferDeps) {
    this.#deps = deps;
    this.#key = createHmac('sha256', deps.stateSecret).update('convene/ics-offer/v1').digest();
    this.#clock = deps.clock ?? Date.now;
    this.#baseUrl = deps.publicBaseUrl.replace(/\/+$/, '');
  }

  urlFor(target: IcsOfferTarget): string | null {
    if (![target.tenantId, target.bookingId, target.personId].every((id) => ID.test(id))) return null;
    const grace = this.#deps.graceMs ?? ICS_OFFER_GRACE_MS;
    const payload: OfferPayload = {
      t: target.tenantId,
      b: target.bookingId,
      p: target.personId,
      e: Math.max(target.end, this.#clock()) + grace,
    };
    const body = `${VERSION}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${this.#baseUrl}/ics/${body}.${this.#mac(body)}`;
  }

  /** `GET /ics/<token>`: the meeting as an iCalendar object, or why not. */
  async serve(token: string): Promise<IcsOfferResult> {
    const payload = this.#verify(token);
    if (!payload) return { ok: false, code: 'invalid' };
    const now = this.#clock();
    if (now >= payload.e) return { ok: false, code: 'expired' };
    const booking = await this.#deps.bookings.get(payload.t, payload.b);
    if (
      !booking ||
      booking.tenantId !== payload.t ||
      booking.status !== 'booked' ||
      !booking.participantIds.includes(payload.p)
    ) {
      return { ok: false, code: 'not_found' };
    }
    const { requests } = this.#deps;
    const series = requests ? await bookingSeries({ requests }, booking) : null;
    const duration = booking.end - booking.start;
    // A member of a team taking turns gets their turn's event (as their calendar does, ./outbox.ts): its
    // first start and rule, and only the changes of their own occurrences (another member's moved one
    // would otherwise come back as an override in their calendar).
    const plan = series ? bookedTurns(series, booking) : null;
    const own = plan ? turnEvent(plan, payload.p, duration) : null;
    const recurrence = own?.recurrence ?? (series ? eventRecurrence(series.rule, series.zone) : undefined);
    // Bounded: one row per occurrence of the series.
    const stored =
      recurrence && this.#deps.bookings.occurrences
        ? await this.#deps.bookings.occurrences(booking.tenantId, booking.id)
        : [];
    const starts = own && series ? occurrenceStarts(series.rule, booking.start, series.zone) : [];
    const exceptions = own
      ? stored.filter((x) => {
          if (x.status === 'ended') return true;
          // A record at a time the series no longer has (left by a whole-series move) is no one's date.
          const index = starts.indexOf(x.originalStart);
          return index >= 0 && attends(plan!, payload.p, index);
        })
      : stored;
    return {
      ok: true,
      calendar: meetingCalendar({
        uid: `${booking.id}@convene`,
        title: booking.title,
        start: own?.start ?? booking.start,
        end: own?.end ?? booking.end,
        stamp: now,
        ...(recurrence ? { recurrence } : {}),
        ...(exceptions.length > 0 ? { exceptions } : {}),
      }),
      filename: 'meeting.ics',
    };
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url');
  }

  #verify(token: string): OfferPayload | null {
    if (token.length > MAX_TOKEN_LENGTH) return null;
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION) return null;
    const body = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.#mac(body));
    const actual = Buffer.from(parts[2] ?? '');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    try {
      const value = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as unknown;
      if (typeof value !== 'object' || value === null) return null;
      const { t, b, p, e } = value as Record<string, unknown>;
      if (typeof t !== 'string' || typeof b !== 'string' || typeof p !== 'string') return null;
      if (typeof e !== 'number' || !Number.isFinite(e)) return null;
      return { t, b, p, e };
    } catch {
      return null;
    }
  }
}

export interface MeetingEvent {
  readonly uid: string;
  readonly title: string;
  /** Epoch ms. */
  readonly start: number;
  readonly end: number;
  /** DTSTAMP, epoch ms. */
  readonly stamp: number;
  /** A series: `start`/`end` are its first occurrence, repeated by this rule in `recurrence.timeZone`. */
  readonly recurrence?: EventRecurrence;
  /** A series: its changed occurrences, by ORIGINAL start (ignored without `recurrence`). */
  readonly exceptions?: readonly OccurrenceException[];
}

/**
 * The rule ended so that no occurrence starts at or after `before` (UNTIL inclusive: one second before,
 * in whole seconds; an earlier UNTIL kept; COUNT dropped), as the calendar writers end a series.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10 (UNTIL)
 */
function endedBefore(rule: EventRecurrence, before: number): EventRecurrence {
  const { count: _count, until, ...rest } = rule;
  const limit = Math.floor((before - 1000) / 1000) * 1000;
  return { ...rest, until: until !== undefined && until < limit ? until : limit };
}

/**
 * One VEVENT in a VCALENDAR, times in UTC, CRLF line ends, text escaped (§3.3.11) and lines folded at
 * 75 octets (§3.1). A series: local times with TZID, the zone's VTIMEZONE (covering the first to a bound
 * on the last occurrence, and any moved one) and the RRULE (UNTIL in UTC); its exceptions as the CalDAV
 * writer applies them: ended → the RRULE ends before that occurrence (and the changes from there on are
 * dropped), cancelled → an EXDATE, moved → an overriding VEVENT with the same UID and RECURRENCE-ID, all
 * local to the series' zone. Bounded: one line or VEVENT per exception.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.3 (RRULE), #section-3.6.5 (VTIMEZONE),
 *   #section-3.8.5.1 (EXDATE), #section-3.8.4.4 (RECURRENCE-ID)
 */
export function meetingCalendar(event: MeetingEvent): string {
  const zone = event.recurrence?.timeZone;
  const all = event.recurrence && zone ? (event.exceptions ?? []) : [];
  // Where the series was ended (its first occurrence cannot be: that is cancelling the whole meeting).
  const endFrom = Math.min(
    ...all.filter((x) => x.status === 'ended' && x.originalStart > event.start).map((x) => x.originalStart),
  );
  const series =
    event.recurrence && Number.isFinite(endFrom) ? endedBefore(event.recurrence, endFrom) : event.recurrence;
  const kept = all.filter((x) => x.originalStart < endFrom);
  const cancelled = [...new Set(kept.filter((x) => x.status === 'cancelled').map((x) => x.originalStart))];
  const moved = kept.flatMap((x) => (x.status === 'moved' ? [x] : []));
  const times =
    series && zone
      ? [
          `DTSTART;TZID=${zone}:${local(event.start, zone)}`,
          `DTEND;TZID=${zone}:${local(event.end, zone)}`,
          `RRULE:${rruleText(series)}`,
          ...cancelled.sort((a, b) => a - b).map((at) => `EXDATE;TZID=${zone}:${local(at, zone)}`),
        ]
      : [`DTSTART:${utcBasic(event.start)}`, `DTEND:${utcBasic(event.end)}`];
  const body = [`SUMMARY:${escapeText(event.title)}`, 'STATUS:CONFIRMED', 'TRANSP:OPAQUE'];
  const overrides =
    series && zone
      ? moved.flatMap((x) => [
          'BEGIN:VEVENT',
          `UID:${escapeText(event.uid)}`,
          `DTSTAMP:${utcBasic(event.stamp)}`,
          `RECURRENCE-ID;TZID=${zone}:${local(x.originalStart, zone)}`,
          `DTSTART;TZID=${zone}:${local(x.start, zone)}`,
          `DTEND;TZID=${zone}:${local(x.end, zone)}`,
          ...body,
          'END:VEVENT',
        ])
      : [];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Convene//Meeting//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(series && zone
      ? vtimezone(
          zone,
          Math.min(event.start, ...moved.map((x) => x.start)),
          Math.max(lastOccurrenceBound(series, event.start), ...moved.map((x) => x.end)),
        ).split('\r\n')
      : []),
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcBasic(event.stamp)}`,
    ...times,
    ...body,
    'END:VEVENT',
    ...overrides,
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** `20270316T090000`: the wall-clock time of an instant in `zone` (a DATE-TIME with TZID). */
function local(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyyMMdd'T'HHmmss");
}

function escapeText(text: string): string {
  // Control characters (other than newlines, escaped below) are not allowed in TEXT values.
  const printable = [...text]
    .filter((c) => {
      const code = c.codePointAt(0) ?? 0;
      return c === '\n' || c === '\r' || (code >= 0x20 && code !== 0x7f);
    })
    .join('');
  return printable
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}
