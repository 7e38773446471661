/**
 * Pure CalDAV mapping: XML request bodies (in tsdav's js2xml shape), multistatus props → values,
 * and the iCalendar resource Convene writes for an `EventDraft`.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { EventDraft } from '../../app/ports/provider.ts';
import type { Interval } from '../../core/interval.ts';
import {
  endRuleBefore,
  lastOccurrenceBound,
  rruleText,
  ruleOccursAt,
  utcBasic,
  vtimezone,
} from '../recurrence.ts';

export const DAV_NS = { 'xmlns:d': 'DAV:', 'xmlns:c': 'urn:ietf:params:xml:ns:caldav' } as const;

export function propfindBody(props: readonly string[]): unknown {
  return {
    'd:propfind': {
      _attributes: DAV_NS,
      'd:prop': Object.fromEntries(props.map((p) => [p, {}])),
    },
  };
}

/**
 * VEVENTs with an instance in the range, full data. We expand recurrences ourselves instead of using
 * the server's `<c:expand>`, which servers implement unevenly.
 * Its time-range takes the UTC basic form (`20300304T090000Z`).
 * @see https://www.rfc-editor.org/rfc/rfc4791#section-7.8.1
 * @see https://www.rfc-editor.org/rfc/rfc4791#section-9.9
 */
export function calendarQueryBody(range: Interval): unknown {
  return {
    'c:calendar-query': {
      _attributes: DAV_NS,
      'd:prop': { 'd:getetag': {}, 'c:calendar-data': {} },
      'c:filter': {
        'c:comp-filter': {
          _attributes: { name: 'VCALENDAR' },
          'c:comp-filter': {
            _attributes: { name: 'VEVENT' },
            'c:time-range': { _attributes: { start: utcBasic(range.start), end: utcBasic(range.end) } },
          },
        },
      },
    },
  };
}

/** tsdav's xml2js gives text either directly or as `{ _cdata }` / `{ _text }`. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const v = value as { _cdata?: unknown; _text?: unknown };
    return textOf(v._cdata ?? v._text);
  }
  return undefined;
}

export function hrefOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'href' in value) return textOf((value as { href: unknown }).href);
  return textOf(value);
}

/** Keys of an element after tsdav's camelCasing, e.g. resourcetype → ['collection', 'calendar']. */
export function childNames(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.keys(value).filter((k) => !k.startsWith('_'));
}

/** Privileges from `current-user-privilege-set`; `undefined` when the server did not say. @see https://www.rfc-editor.org/rfc/rfc3744#section-5.4 */
export function privilegesOf(value: unknown): string[] | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const privilege = (value as { privilege?: unknown }).privilege;
  const list = Array.isArray(privilege) ? privilege : privilege === undefined ? [] : [privilege];
  return list.flatMap((p) => childNames(p));
}

export function canWrite(privileges: string[] | undefined): boolean {
  if (privileges === undefined) return true;
  return privileges.some((p) => p === 'all' || p === 'write' || p === 'writeContent' || p === 'bind');
}

/** Supported components, e.g. ['VEVENT', 'VTODO']; `undefined` when not reported (then all are). */
export function componentsOf(value: unknown): string[] | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const comp = (value as { comp?: unknown }).comp;
  const list = Array.isArray(comp) ? comp : comp === undefined ? [] : [comp];
  return list
    .map((c) =>
      c && typeof c === 'object' ? (c as { _attributes?: { name?: string } })._attributes?.name : undefined,
    )
    .filter((n): n is string => typeof n === 'string')
    .map((n) => n.toUpperCase());
}

/** A safe resource name for an idempotency key: keeps `[A-Za-z0-9._-]`, percent-encodes the rest. */
export function resourceName(idempotencyKey: string): string {
  return `${encodeURIComponent(idempotencyKey).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}.ics`;
}

/**
 * The resource Convene writes: one VEVENT, UID = idempotency key, times in UTC (no VTIMEZONE needed;
 * a series: local times with TZID, its VTIMEZONE and an RRULE),
 * opaque and confirmed. Attendees are not written: with RFC 6638 scheduling servers would send
 * invitations on their own, which the booking flow does not ask for here.
 */
export function draftToIcs(draft: EventDraft, stampMs: number, sequence: number): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', '-//Convene//CalDAV connector//EN');
  const event = new ICAL.Component('vevent');
  event.addPropertyWithValue('uid', draft.idempotencyKey);
  event.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(stampMs), true));
  const series = draft.recurrence;
  if (series) {
    // A series keeps its wall-clock time in its zone across DST: DTSTART/DTEND local with TZID, the
    // zone's VTIMEZONE in the resource, UNTIL in UTC.
    // @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.3 (RRULE), #section-3.6.5 (VTIMEZONE)
    calendar.addSubcomponent(
      new ICAL.Component(
        ICAL.parse(
          vtimezone(series.timeZone, draft.start, lastOccurrenceBound(series, draft.start)),
        ) as unknown[],
      ),
    );
    for (const [name, ms] of [
      ['dtstart', draft.start],
      ['dtend', draft.end],
    ] as const) {
      const local = DateTime.fromMillis(ms, { zone: series.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
      const property = new ICAL.Property(name);
      property.setValue(ICAL.Time.fromDateTimeString(local));
      property.setParameter('tzid', series.timeZone);
      event.addProperty(property);
    }
    event.addPropertyWithValue('rrule', ICAL.Recur.fromString(rruleText(series)));
  } else {
    event.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(draft.start), true));
    event.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(draft.end), true));
  }
  event.addPropertyWithValue('sequence', sequence);
  event.addPropertyWithValue('summary', draft.title);
  if (draft.description) event.addPropertyWithValue('description', draft.description);
  event.addPropertyWithValue('transp', 'OPAQUE');
  event.addPropertyWithValue('status', 'CONFIRMED');
  // The organiser's zone, for clients that display it; the instants themselves are UTC.
  event.addPropertyWithValue('x-convene-time-zone', draft.timeZone);
  calendar.addSubcomponent(event);
  return `${calendar.toString()}\r\n`;
}

/** UID and SEQUENCE of the first VEVENT of a stored resource. */
export function identityOf(text: string): { uid?: string; sequence: number } {
  try {
    const root = new ICAL.Component(ICAL.parse(text) as never);
    const event = root.getFirstSubcomponent('vevent');
    const uid = event?.getFirstPropertyValue('uid');
    const sequence = Number(event?.getFirstPropertyValue('sequence') ?? 0);
    return {
      ...(typeof uid === 'string' ? { uid } : {}),
      sequence: Number.isFinite(sequence) ? sequence : 0,
    };
  } catch {
    return { sequence: 0 };
  }
}

/** A change to one occurrence of a series resource (or its end), applied by `editSeriesIcs`. */
export type SeriesEdit =
  | { readonly kind: 'cancel'; readonly originalStart: number }
  | { readonly kind: 'move'; readonly originalStart: number; readonly start: number; readonly end: number }
  /** A deleted (EXDATE) occurrence put back at `[start, end)`: the EXDATE dropped, an override if moved. */
  | { readonly kind: 'restore'; readonly originalStart: number; readonly start: number; readonly end: number }
  | { readonly kind: 'end'; readonly before: number };

export type SeriesEditOutcome =
  | { readonly kind: 'changed'; readonly text: string }
  /** Already so (a retried change): nothing to write. */
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'occurrence_not_found' | 'first_occurrence' | 'not_a_series' };

/** The instant of a DATE-TIME property value: TZID (IANA) local time, UTC, or floating read as UTC. */
function instantOf(value: ICAL.Time, tzid: string | undefined): number {
  const text = value.toString();
  if (text.endsWith('Z')) return Date.parse(text);
  const zone = tzid && DateTime.local().setZone(tzid).isValid ? tzid : 'UTC';
  return DateTime.fromISO(text, { zone }).toMillis();
}

/** A DATE-TIME property `name` at `ms`, local to `tzid` with that parameter (or UTC without one). */
function timeProperty(name: string, ms: number, tzid: string | undefined): ICAL.Property {
  const property = new ICAL.Property(name);
  if (tzid) {
    property.setValue(
      ICAL.Time.fromDateTimeString(DateTime.fromMillis(ms, { zone: tzid }).toFormat("yyyy-MM-dd'T'HH:mm:ss")),
    );
    property.setParameter('tzid', tzid);
  } else property.setValue(ICAL.Time.fromJSDate(new Date(ms), true));
  return property;
}

const tzidOf = (property: ICAL.Property | null): string | undefined => {
  const tzid = property?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : undefined;
};

/**
 * Applies a series change inside the ONE resource of a series, as RFC 5545 says it:
 * - cancel one occurrence: an EXDATE for its original start (a RECURRENCE-ID override there is dropped);
 * - move one occurrence: an overriding VEVENT with the same UID and RECURRENCE-ID = its original start;
 * - end the series: RRULE UNTIL just before the first occurrence removed (COUNT dropped), and the
 *   overrides and EXDATEs past the end dropped with it.
 * The master's SEQUENCE is bumped on every change. Pure; the caller PUTs the text with If-Match.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.1 (EXDATE)
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.8.4.4 (RECURRENCE-ID)
 * @see https://www.rfc-editor.org/rfc/rfc4791#section-4.1 (one resource holds the series and its overrides)
 */
export function editSeriesIcs(text: string, edit: SeriesEdit, stampMs: number): SeriesEditOutcome {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as never);
  } catch {
    return { kind: 'not_a_series' };
  }
  const events = root.getAllSubcomponents('vevent');
  const master = events.find((e) => !e.getFirstProperty('recurrence-id'));
  const rrule = master?.getFirstPropertyValue('rrule');
  const dtstart = master?.getFirstProperty('dtstart') ?? null;
  if (!master || !rrule || !dtstart) return { kind: 'not_a_series' };
  const tzid = tzidOf(dtstart);
  const zone = tzid ?? 'UTC';
  const first = instantOf(dtstart.getFirstValue() as ICAL.Time, tzid);
  const ruleText = String(rrule);
  const overrides = events
    .filter((e) => e !== master)
    .map((e) => {
      const id = e.getFirstProperty('recurrence-id')!;
      return { event: e, original: instantOf(id.getFirstValue() as ICAL.Time, tzidOf(id)) };
    });
  const exdates = master
    .getAllProperties('exdate')
    .flatMap((p) => p.getValues().map((v) => ({ property: p, at: instantOf(v as ICAL.Time, tzidOf(p)) })));
  const bump = () => {
    const sequence = Number(master.getFirstPropertyValue('sequence') ?? 0);
    master.updatePropertyWithValue('sequence', (Number.isFinite(sequence) ? sequence : 0) + 1);
    master.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(stampMs), true));
  };
  const done = (): SeriesEditOutcome => ({ kind: 'changed', text: `${root.toString()}\r\n` });

  if (edit.kind === 'end') {
    if (edit.before <= first) return { kind: 'first_occurrence' };
    const ended = endRuleBefore(ruleText, edit.before) ?? ruleText;
    const late = overrides.filter((o) => o.original >= edit.before);
    const lateExdates = exdates.filter((x) => x.at >= edit.before);
    if (ended === ruleText && late.length === 0 && lateExdates.length === 0) return { kind: 'unchanged' };
    master.updatePropertyWithValue('rrule', ICAL.Recur.fromString(ended));
    for (const o of late) root.removeSubcomponent(o.event);
    for (const x of lateExdates) master.removeProperty(x.property);
    bump();
    return done();
  }

  const override = overrides.find((o) => o.original === edit.originalStart);
  const excluded = exdates.some((x) => x.at === edit.originalStart);
  if (edit.kind === 'cancel') {
    if (excluded && !override) return { kind: 'unchanged' };
    if (!excluded && !override && !ruleOccursAt(ruleText, first, zone, edit.originalStart))
      return { kind: 'occurrence_not_found' };
    if (override) root.removeSubcomponent(override.event);
    if (!excluded) master.addProperty(timeProperty('exdate', edit.originalStart, tzid));
    bump();
    return done();
  }

  if (!ruleOccursAt(ruleText, first, zone, edit.originalStart)) return { kind: 'occurrence_not_found' };
  const dtend = master.getFirstProperty('dtend');
  const duration = dtend ? instantOf(dtend.getFirstValue() as ICAL.Time, tzidOf(dtend)) - first : undefined;
  const atRule = edit.start === edit.originalStart && edit.end - edit.start === duration;
  if (edit.kind === 'restore' && !excluded && !override && atRule) return { kind: 'unchanged' };
  if (edit.kind === 'restore' && excluded) {
    // Put back: its EXDATE values go (a property may list several instants: the others stay).
    for (const x of exdates.filter((e) => e.at === edit.originalStart)) {
      const kept = x.property
        .getValues()
        .filter((v) => instantOf(v as ICAL.Time, tzidOf(x.property)) !== edit.originalStart);
      if (kept.length === 0) master.removeProperty(x.property);
      else x.property.setValues(kept as never[]);
    }
    // At its rule position: the rule holds it again, no override needed.
    if (atRule) {
      bump();
      return done();
    }
  } else if (excluded) return { kind: 'occurrence_not_found' };
  // move (or a restore at another time than its rule's)
  if (override) {
    const start = override.event.getFirstProperty('dtstart');
    const end = override.event.getFirstProperty('dtend');
    if (
      start &&
      end &&
      instantOf(start.getFirstValue() as ICAL.Time, tzidOf(start)) === edit.start &&
      instantOf(end.getFirstValue() as ICAL.Time, tzidOf(end)) === edit.end
    )
      return { kind: 'unchanged' };
    root.removeSubcomponent(override.event);
  }
  bump();
  const moved = new ICAL.Component('vevent');
  moved.addPropertyWithValue('uid', String(master.getFirstPropertyValue('uid') ?? ''));
  moved.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(stampMs), true));
  moved.addProperty(timeProperty('recurrence-id', edit.originalStart, tzid));
  moved.addProperty(timeProperty('dtstart', edit.start, tzid));
  moved.addProperty(timeProperty('dtend', edit.end, tzid));
  moved.addPropertyWithValue('sequence', Number(master.getFirstPropertyValue('sequence') ?? 0));
  for (const name of ['summary', 'description', 'x-convene-time-zone']) {
    const value = master.getFirstPropertyValue(name);
    if (typeof value === 'string') moved.addPropertyWithValue(name, value);
  }
  moved.addPropertyWithValue('transp', 'OPAQUE');
  moved.addPropertyWithValue('status', 'CONFIRMED');
  root.addSubcomponent(moved);
  return done();
}
