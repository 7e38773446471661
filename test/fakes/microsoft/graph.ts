/**
 * Fake Microsoft Graph v1.0 calendar endpoints, checked the way Graph checks them.
 * @see https://learn.microsoft.com/graph/api/calendar-getschedule
 * @see https://learn.microsoft.com/graph/outlook-get-free-busy-schedule (limits: 20 schedules, < 62 days)
 * @see https://learn.microsoft.com/graph/api/user-post-events (transactionId)
 * @see https://learn.microsoft.com/graph/api/event-delta
 */
import { DateTime } from 'luxon';
import { occurrencesIn } from '../recurrence.ts';
import { type FakeRequest, type FakeResponse, graphError, header, INVALID_JSON, jsonBody } from './http.ts';
import type { FakeState } from './server.ts';
import {
  type FakeCalendar,
  type FakeEvent,
  fakeZone,
  formatDateTime,
  type Mailbox,
  opaque,
  parseDateTime,
  type ShowAs,
} from './state.ts';

const DAY = 86_400_000;
const SHOW_AS: readonly ShowAs[] = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];
/** availabilityView digits. @see https://learn.microsoft.com/graph/api/resources/scheduleinformation */
const VIEW_DIGIT: Record<ShowAs, number> = {
  free: 0,
  tentative: 1,
  busy: 2,
  oof: 3,
  workingElsewhere: 4,
  unknown: 2,
};
const VIEW_RANK: Record<ShowAs, number> = {
  free: 0,
  workingElsewhere: 1,
  tentative: 2,
  unknown: 3,
  busy: 4,
  oof: 5,
};

export interface GraphContext {
  readonly state: FakeState;
  readonly req: FakeRequest;
  readonly mailbox: Mailbox;
  readonly scopes: readonly string[];
  /** Path segments after `/v1.0/`, decoded. */
  readonly segments: readonly string[];
}

const canRead = (scopes: readonly string[]) =>
  scopes.some((s) => /^Calendars\.(Read|ReadWrite)(\.Shared)?$/i.test(s));
const canWrite = (scopes: readonly string[]) =>
  scopes.some((s) => /^Calendars\.ReadWrite(\.Shared)?$/i.test(s));
const accessDenied = () =>
  graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
const notFound = () =>
  graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

/** Zone named in `Prefer: outlook.timezone="…"`, if any. */
function preferredZone(req: FakeRequest): string | undefined {
  const prefer = header(req, 'prefer') ?? '';
  return /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(prefer)?.[1];
}

export function handleGraph(ctx: GraphContext): FakeResponse {
  const { req, segments } = ctx;
  const lower = segments.map((s) => s.toLowerCase());
  const method = req.method;
  if (lower[0] !== 'me') return graphError(400, 'BadRequest', 'Only /me is implemented by the fake.');
  const rest = lower.slice(1);
  const is = (...parts: string[]) =>
    rest.length === parts.length && parts.every((p, i) => p === '*' || p === rest[i]);

  if (is('calendar', 'getschedule') && method === 'POST') return getSchedule(ctx);
  if (is('calendars') && method === 'GET') return listCalendars(ctx);
  if (is('calendarview') && method === 'GET') return calendarView(ctx, defaultCalendar(ctx.mailbox));
  if (is('calendars', '*', 'calendarview') && method === 'GET') {
    const calendar = ctx.mailbox.calendars.find((c) => c.id === segments[2]);
    return calendar ? calendarView(ctx, calendar) : notFound();
  }
  if (is('calendarview', 'delta') && method === 'GET') {
    return delta(ctx, defaultCalendar(ctx.mailbox), `${ctx.state.origin}/v1.0/me/calendarView/delta`);
  }
  if (is('calendars', '*', 'calendarview', 'delta') && method === 'GET') {
    const calendar = ctx.mailbox.calendars.find((c) => c.id === segments[2]);
    if (!calendar) return notFound();
    return delta(
      ctx,
      calendar,
      `${ctx.state.origin}/v1.0/me/calendars/${encodeURIComponent(calendar.id)}/calendarView/delta`,
    );
  }
  if (is('events') && method === 'POST') return createEvent(ctx, defaultCalendar(ctx.mailbox));
  if (is('calendars', '*', 'events') && method === 'POST') {
    const calendar = ctx.mailbox.calendars.find((c) => c.id === segments[2]);
    return calendar ? createEvent(ctx, calendar) : notFound();
  }
  let eventId: string | undefined;
  let calendar: FakeCalendar | undefined;
  if (is('events', '*')) {
    eventId = segments[2];
  } else if (is('calendars', '*', 'events', '*')) {
    calendar = ctx.mailbox.calendars.find((c) => c.id === segments[2]);
    if (!calendar) return notFound();
    eventId = segments[4];
  }
  if (is('events', '*', 'instances') && method === 'GET') {
    const master = ctx.mailbox.events.get(segments[2] ?? '');
    return master ? instances(ctx, master) : notFound();
  }
  if (eventId !== undefined && !ctx.mailbox.events.has(eventId)) {
    // An occurrence of a series: read, moved (PATCH: an exception) or cancelled (DELETE) on its own.
    const occurrence = findOccurrence(ctx, eventId);
    if (occurrence && (!calendar || occurrence.master.calendarId === calendar.id)) {
      if (method === 'GET')
        return { status: 200, body: occurrenceJson(ctx, occurrence.master, occurrence.o) };
      if (method === 'PATCH') return patchOccurrence(ctx, occurrence.master, occurrence.o);
      if (method === 'DELETE') return cancelOccurrence(ctx, occurrence.master, occurrence.o.originalStart);
    }
  }
  if (eventId !== undefined) {
    const event = ctx.mailbox.events.get(eventId);
    const found = event && (!calendar || event.calendarId === calendar.id) ? event : undefined;
    if (method === 'GET') return found ? { status: 200, body: eventJson(ctx, found) } : notFound();
    if (method === 'PATCH') return found ? patchEvent(ctx, found) : notFound();
    if (method === 'DELETE') return found ? deleteEvent(ctx, found) : notFound();
  }
  return graphError(
    400,
    'BadRequest',
    `Resource not found for the segment '${segments.at(-1) ?? ''}' (fake: ${method} not routed).`,
  );
}

function defaultCalendar(mailbox: Mailbox): FakeCalendar {
  return mailbox.calendars.find((c) => c.isDefaultCalendar)!;
}

function getSchedule(ctx: GraphContext): FakeResponse {
  if (!canRead(ctx.scopes)) return accessDenied();
  const body = jsonBody(ctx.req);
  if (body === INVALID_JSON || typeof body !== 'object' || body === null) {
    return graphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  // Graph binds the action's parameters case-insensitively (the docs' own example sends "Schedules").
  const params = new Map(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v as unknown]));
  const schedules = params.get('schedules');
  if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((s) => typeof s === 'string')) {
    return graphError(400, 'ErrorInvalidParameter', "The parameter 'Schedules' is missing or invalid.");
  }
  // "getSchedule can support looking up free/busy information for up to 20 entities at once."
  if (schedules.length > 20) {
    return graphError(
      400,
      'ErrorInvalidParameter',
      'The number of schedules requested exceeds the limit of 20.',
    );
  }
  const start = parseDateTime(params.get('starttime'));
  const end = parseDateTime(params.get('endtime'));
  if (start === undefined || end === undefined || end <= start) {
    return graphError(
      400,
      'ErrorInvalidParameter',
      'StartTime and EndTime must be valid dateTimeTimeZone values.',
    );
  }
  // "The time period to look up must be less than 62 days."
  if (end - start >= 62 * DAY) {
    return graphError(400, 'ErrorTimeIntervalTooBig', 'The requested time duration specified is too large.');
  }
  const rawInterval = params.get('availabilityviewinterval') ?? 30;
  const interval = Number(rawInterval);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    return graphError(400, 'ErrorInvalidParameter', 'availabilityViewInterval must be between 5 and 1440.');
  }
  ctx.state.scheduleWindows.push({ start, end, schedules: schedules.length, interval });
  // Without a Prefer header the times are UTC.
  const zoneName = ctx.state.responseTimeZone ?? preferredZone(ctx.req) ?? 'UTC';
  if (!fakeZone(zoneName)) {
    return graphError(400, 'ErrorTimeZoneNotSupportedException', `Time zone '${zoneName}' is not supported.`);
  }
  const slots = Math.ceil((end - start) / (interval * 60_000));
  const value = (schedules as string[]).map((scheduleId) => {
    const mailbox = ctx.state.mailboxes.get(scheduleId.toLowerCase());
    if (!mailbox) {
      // "If getSchedule cannot identify a specified user or resource, it returns a single schedule item
      // and indicates the error." The responseCode string is not documented; this one is plausible.
      return {
        scheduleId,
        availabilityView: '',
        scheduleItems: [],
        error: {
          message: `The specified user ${scheduleId} could not be found.`,
          responseCode: 'ErrorMailRecipientNotFound',
        },
      };
    }
    const calendar = defaultCalendar(mailbox);
    // A series master is busy at each occurrence (getSchedule lists occurrences, not the master).
    const events = [...mailbox.events.values()]
      .filter((e) => e.calendarId === calendar.id)
      .flatMap((e) => occurrencesOf(e, { start, end }))
      .filter((e) => e.start < end && e.end > start)
      .sort((a, b) => a.start - b.start);
    let view = '';
    for (let i = 0; i < slots; i++) {
      const slotStart = start + i * interval * 60_000;
      const slotEnd = Math.min(end, slotStart + interval * 60_000);
      let top: ShowAs = 'free';
      for (const e of events) {
        if (e.start < slotEnd && e.end > slotStart && VIEW_RANK[e.showAs] > VIEW_RANK[top]) top = e.showAs;
      }
      view += String(VIEW_DIGIT[top]);
    }
    return {
      scheduleId,
      availabilityView: view,
      scheduleItems: events.map((e) => ({
        isPrivate: false,
        status: e.showAs,
        // The caller may see subjects (own mailbox, or shared calendar): the connector must drop them.
        subject: e.subject,
        location: '',
        start: formatDateTime(e.start, zoneName),
        end: formatDateTime(e.end, zoneName),
      })),
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '08:00:00.0000000',
        endTime: '17:00:00.0000000',
        timeZone: { name: 'UTC' },
      },
    };
  });
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.state.origin}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`,
      value,
    },
  };
}

/**
 * `GET /me/calendarView?startDateTime&endDateTime`: the events in the range with series expanded into
 * their occurrences (`type: occurrence`, `seriesMasterId`); one page, no `$top` paging in the fake.
 * @see https://learn.microsoft.com/graph/api/user-list-calendarview
 */
function calendarView(ctx: GraphContext, calendar: FakeCalendar): FakeResponse {
  if (!canRead(ctx.scopes)) return accessDenied();
  const q = ctx.req.url.searchParams;
  const start = Date.parse(q.get('startDateTime') ?? '');
  const end = Date.parse(q.get('endDateTime') ?? '');
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    return graphError(400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required.');
  }
  const value = [...ctx.mailbox.events.values()]
    .filter((e) => e.calendarId === calendar.id)
    .flatMap((e) =>
      occurrencesOf(e, { start, end }).map((o) =>
        e.recurrence ? occurrenceJson(ctx, e, o) : eventJson(ctx, { ...o, recurrence: undefined }),
      ),
    );
  const inRange = value.filter((o) => {
    const s = parseDateTime(o.start);
    const e = parseDateTime(o.end);
    return s !== undefined && e !== undefined && s < end && e > start;
  });
  return { status: 200, body: { value: inRange } };
}

function calendarJson(ctx: GraphContext, c: FakeCalendar) {
  return {
    id: c.id,
    name: c.name,
    color: 'auto',
    hexColor: '',
    isDefaultCalendar: c.isDefaultCalendar,
    changeKey: 'fake',
    canShare: c.isDefaultCalendar,
    canViewPrivateItems: c.isDefaultCalendar,
    canEdit: c.canEdit,
    allowedOnlineMeetingProviders: ctx.mailbox.teams ? ['teamsForBusiness'] : [],
    defaultOnlineMeetingProvider: ctx.mailbox.teams ? 'teamsForBusiness' : 'none',
    isTallyingResponses: true,
    isRemovable: !c.isDefaultCalendar,
    owner: { name: ctx.mailbox.displayName, address: ctx.mailbox.address },
  };
}

function listCalendars(ctx: GraphContext): FakeResponse {
  if (!canRead(ctx.scopes)) return accessDenied();
  const q = ctx.req.url.searchParams;
  const top = Math.min(Number(q.get('$top') ?? ctx.state.calendarPageSize), ctx.state.calendarPageSize);
  const skip = Number(q.get('$skip') ?? 0);
  if (!Number.isInteger(top) || top < 1 || !Number.isInteger(skip) || skip < 0) {
    return graphError(400, 'BadRequest', 'Invalid $top or $skip.');
  }
  const all = ctx.mailbox.calendars;
  const page = all.slice(skip, skip + top);
  const next =
    skip + top < all.length
      ? `${ctx.state.origin}/v1.0/me/calendars?$top=${top}&$skip=${skip + top}`
      : undefined;
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.state.origin}/v1.0/$metadata#users('${ctx.mailbox.address}')/calendars`,
      value: page.map((c) => calendarJson(ctx, c)),
      ...(next ? { '@odata.nextLink': next } : {}),
    },
  };
}

function eventJson(ctx: GraphContext, e: FakeEvent) {
  const zone = preferredZone(ctx.req) ?? e.timeZone;
  return {
    '@odata.etag': `W/"${e.changeKey}"`,
    id: e.id,
    changeKey: String(e.changeKey),
    iCalUId: e.iCalUId,
    subject: e.subject,
    body: { contentType: 'text', content: e.bodyContent },
    start: formatDateTime(e.start, zone),
    end: formatDateTime(e.end, zone),
    originalStartTimeZone: e.timeZone,
    originalEndTimeZone: e.timeZone,
    isAllDay: e.isAllDay,
    showAs: e.showAs,
    type: e.recurrence ? 'seriesMaster' : 'singleInstance',
    recurrence: e.recurrence ? e.recurrence.graph : null,
    transactionId: e.transactionId ?? null,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider,
    onlineMeeting: e.isOnlineMeeting && e.joinUrl ? { joinUrl: e.joinUrl } : null,
    attendees: e.attendees.map((a) => ({ ...a, status: { response: 'none', time: '0001-01-01T00:00:00Z' } })),
    organizer: { emailAddress: { name: ctx.mailbox.displayName, address: ctx.mailbox.address } },
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(e.id)}`,
  };
}

interface EventFields {
  subject?: string;
  bodyContent?: string;
  start?: number;
  end?: number;
  timeZone?: string;
  isAllDay?: boolean;
  showAs?: ShowAs;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  attendees?: FakeEvent['attendees'];
  transactionId?: string;
  recurrence?: FakeEvent['recurrence'];
}

type Occurrence = FakeEvent & { originalStart: number; exception: boolean };

/** How far a moved occurrence may be from its original start and still be found by range (fake bound). */
const EXCEPTION_REACH = 62 * DAY;

/**
 * The occurrences of an event overlapping `range` (itself when it is not a series), exceptions applied:
 * a cancelled one is gone, a moved one is at its new time (and found there).
 */
function occurrencesOf(e: FakeEvent, range: { start: number; end: number }): Occurrence[] {
  if (!e.recurrence) return [{ ...e, originalStart: e.start, exception: false }];
  const zone = fakeZone(e.timeZone) ?? 'UTC';
  const exceptions = e.exceptions ?? new Map();
  const wide = exceptions.size > 0 ? EXCEPTION_REACH : 0;
  const out: Occurrence[] = [];
  for (const o of occurrencesIn(e.recurrence.rrule, e.start, e.end, zone, {
    start: range.start - wide,
    end: range.end + wide,
  })) {
    const x = exceptions.get(o.start);
    if (x?.cancelled) continue;
    const times = x ? { start: x.start, end: x.end } : o;
    if (times.end <= range.start || times.start >= range.end) continue;
    out.push({ ...e, ...times, originalStart: o.start, exception: x !== undefined });
  }
  return out;
}

function occurrenceJson(ctx: GraphContext, master: FakeEvent, o: Occurrence) {
  return {
    ...eventJson(ctx, { ...o, recurrence: undefined }),
    id: `${master.id}_${o.originalStart}`,
    // "This ID is different for each occurrence in a recurring series" (the series' is `uid`).
    // @see https://learn.microsoft.com/graph/api/resources/event#properties (iCalUId, uid)
    iCalUId: `${master.iCalUId}${o.originalStart.toString(16).toUpperCase()}`,
    uid: master.iCalUId,
    type: o.exception ? 'exception' : 'occurrence',
    seriesMasterId: master.id,
    originalStart: new Date(o.originalStart).toISOString().replace('.000Z', 'Z'),
    recurrence: null,
  };
}

/** `<seriesId>_<original start ms>` → the series and that (not cancelled) occurrence. */
function findOccurrence(ctx: GraphContext, id: string): { master: FakeEvent; o: Occurrence } | undefined {
  const m = /^(.+)_(\d+)$/.exec(id);
  if (!m) return undefined;
  const master = ctx.mailbox.events.get(m[1]!);
  if (!master?.recurrence) return undefined;
  const originalStart = Number(m[2]);
  const o = occurrencesOf(master, {
    start: originalStart - EXCEPTION_REACH,
    end: originalStart + EXCEPTION_REACH,
  }).find((x) => x.originalStart === originalStart);
  return o ? { master, o } : undefined;
}

/**
 * `GET /me/events/{seriesId}/instances?startDateTime&endDateTime`: occurrences and exceptions of the series
 * whose CURRENT time overlaps the range, each with `originalStart`.
 * @see https://learn.microsoft.com/graph/api/event-list-instances
 */
function instances(ctx: GraphContext, master: FakeEvent): FakeResponse {
  if (!canRead(ctx.scopes)) return accessDenied();
  const q = ctx.req.url.searchParams;
  const start = Date.parse(q.get('startDateTime') ?? '');
  const end = Date.parse(q.get('endDateTime') ?? '');
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    return graphError(400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required.');
  }
  if (!master.recurrence) return { status: 200, body: { value: [] } };
  const value = occurrencesOf(master, { start, end }).map((o) => occurrenceJson(ctx, master, o));
  return { status: 200, body: { value } };
}

function patchOccurrence(ctx: GraphContext, master: FakeEvent, o: Occurrence): FakeResponse {
  if (!canWrite(ctx.scopes)) return accessDenied();
  const fields = readEventBody(ctx, false);
  if (isResponse(fields)) return fields;
  const start = fields.start ?? o.start;
  const end = fields.end ?? o.end;
  if (end < start)
    return graphError(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
  master.exceptions ??= new Map();
  master.exceptions.set(o.originalStart, { cancelled: false, start, end });
  bumpOccurrence(ctx.mailbox, master, o.originalStart);
  ctx.state.onEventChange?.(ctx.mailbox, master.calendarId, master.id, 'updated');
  return { status: 200, body: occurrenceJson(ctx, master, { ...o, start, end, exception: true }) };
}

function cancelOccurrence(ctx: GraphContext, master: FakeEvent, originalStart: number): FakeResponse {
  if (!canWrite(ctx.scopes)) return accessDenied();
  master.exceptions ??= new Map();
  master.exceptions.set(originalStart, { cancelled: true });
  bumpOccurrence(ctx.mailbox, master, originalStart);
  ctx.state.onEventChange?.(ctx.mailbox, master.calendarId, master.id, 'updated');
  return { status: 204 };
}

const GRAPH_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const RRULE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const GRAPH_INDEX: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };

/**
 * Reads a `patternedRecurrence` as Graph does and turns it into the RRULE the fake expands: pattern
 * daily/weekly/absoluteMonthly/relativeMonthly, range numbered/endDate/noEnd, `startDate` equal to the
 * event's start date (Graph refuses otherwise).
 * @see https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence
 */
function readRecurrence(value: unknown, start: number, zoneName: string): { rrule: string } | string {
  const r = value as { pattern?: Record<string, unknown>; range?: Record<string, unknown> } | null;
  const pattern = r?.pattern;
  const range = r?.range;
  if (!pattern || !range) return 'recurrence needs a pattern and a range.';
  const interval = Number(pattern.interval ?? 1);
  if (!Number.isInteger(interval) || interval < 1) return 'pattern.interval must be a positive integer.';
  const days = Array.isArray(pattern.daysOfWeek) ? (pattern.daysOfWeek as unknown[]).map(String) : [];
  if (days.some((d) => !GRAPH_DAYS.includes(d))) return 'pattern.daysOfWeek holds an unknown day.';
  const byDay = days.map((d) => RRULE_DAYS[GRAPH_DAYS.indexOf(d)]).join(',');
  const parts = [`INTERVAL=${interval}`];
  switch (pattern.type) {
    case 'daily':
      parts.unshift('FREQ=DAILY');
      break;
    case 'weekly':
      if (!byDay) return 'A weekly pattern needs daysOfWeek.';
      parts.unshift('FREQ=WEEKLY');
      parts.push(`BYDAY=${byDay}`, `WKST=${pattern.firstDayOfWeek === 'sunday' ? 'SU' : 'MO'}`);
      break;
    case 'absoluteMonthly': {
      const day = Number(pattern.dayOfMonth);
      if (!Number.isInteger(day) || day < 1 || day > 31) return 'absoluteMonthly needs dayOfMonth.';
      parts.unshift('FREQ=MONTHLY');
      parts.push(`BYMONTHDAY=${day}`);
      break;
    }
    case 'relativeMonthly': {
      const index = GRAPH_INDEX[String(pattern.index ?? 'first')];
      if (!byDay || index === undefined) return 'relativeMonthly needs daysOfWeek and an index.';
      parts.unshift('FREQ=MONTHLY');
      parts.push(`BYDAY=${byDay}`, `BYSETPOS=${index}`);
      break;
    }
    default:
      return `Unsupported pattern type ${String(pattern.type)}.`;
  }
  const zone = fakeZone(zoneName) ?? 'UTC';
  const startDate = DateTime.fromMillis(start, { zone }).toFormat('yyyy-MM-dd');
  if (range.startDate !== startDate) return `range.startDate must be the start date (${startDate}).`;
  if (range.type === 'numbered') {
    const n = Number(range.numberOfOccurrences);
    if (!Number.isInteger(n) || n < 1) return 'A numbered range needs numberOfOccurrences.';
    parts.push(`COUNT=${n}`);
  } else if (range.type === 'endDate') {
    if (typeof range.endDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(range.endDate))
      return 'An endDate range needs endDate.';
    parts.push(`UNTIL=${range.endDate.replace(/-/g, '')}`);
  } else if (range.type !== 'noEnd') return `Unsupported range type ${String(range.type)}.`;
  return { rrule: parts.join(';') };
}

/** Validates an event body as Graph would; returns the fields or an error response. */
function readEventBody(
  ctx: GraphContext,
  requireTimes: boolean,
  existing?: FakeEvent,
): EventFields | FakeResponse {
  const body = jsonBody(ctx.req);
  if (body === INVALID_JSON || typeof body !== 'object' || body === null || Array.isArray(body)) {
    return graphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  const b = body as Record<string, unknown>;
  const out: EventFields = {};
  if (b.subject !== undefined) {
    if (typeof b.subject !== 'string') return graphError(400, 'BadRequest', "Invalid value for 'subject'.");
    out.subject = b.subject;
  }
  if (b.body !== undefined) {
    const content = (b.body as { content?: unknown } | null)?.content;
    if (typeof content !== 'string') return graphError(400, 'BadRequest', "Invalid value for 'body'.");
    out.bodyContent = content;
  }
  for (const key of ['start', 'end'] as const) {
    if (b[key] === undefined) {
      if (requireTimes) {
        return graphError(400, 'ErrorPropertyValidationFailure', `The '${key}' property is required.`);
      }
      continue;
    }
    const ms = parseDateTime(b[key]);
    if (ms === undefined) {
      return graphError(
        400,
        'ErrorInvalidRequest',
        `'${key}' must be a dateTimeTimeZone with a known time zone.`,
      );
    }
    out[key] = ms;
    out.timeZone = (b[key] as { timeZone: string }).timeZone;
  }
  if (b.isAllDay !== undefined) out.isAllDay = b.isAllDay === true;
  if (b.showAs !== undefined) {
    if (!SHOW_AS.includes(b.showAs as ShowAs))
      return graphError(400, 'BadRequest', "Invalid value for 'showAs'.");
    out.showAs = b.showAs as ShowAs;
  }
  if (b.isOnlineMeeting !== undefined) out.isOnlineMeeting = b.isOnlineMeeting === true;
  if (b.onlineMeetingProvider !== undefined) {
    if (
      !['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown'].includes(
        String(b.onlineMeetingProvider),
      )
    ) {
      return graphError(400, 'BadRequest', "Invalid value for 'onlineMeetingProvider'.");
    }
    out.onlineMeetingProvider = String(b.onlineMeetingProvider);
  }
  if (b.attendees !== undefined) {
    if (!Array.isArray(b.attendees)) return graphError(400, 'BadRequest', "Invalid value for 'attendees'.");
    const attendees: FakeEvent['attendees'] = [];
    for (const a of b.attendees as Array<Record<string, unknown>>) {
      const email = a?.emailAddress as { address?: unknown; name?: unknown } | undefined;
      if (typeof email?.address !== 'string' || !email.address.includes('@')) {
        return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
      }
      const type = a.type ?? 'required';
      if (!['required', 'optional', 'resource'].includes(String(type))) {
        return graphError(400, 'BadRequest', "Invalid value for attendee 'type'.");
      }
      attendees.push({
        emailAddress: {
          address: email.address,
          ...(typeof email.name === 'string' ? { name: email.name } : {}),
        },
        type: String(type),
      });
    }
    out.attendees = attendees;
  }
  if (b.transactionId !== undefined) {
    if (typeof b.transactionId !== 'string') return graphError(400, 'BadRequest', "Invalid 'transactionId'.");
    out.transactionId = b.transactionId;
  }
  if (b.recurrence !== undefined && b.recurrence !== null) {
    const seriesStart = out.start ?? existing?.start;
    if (seriesStart === undefined) return graphError(400, 'ErrorInvalidRequest', 'A series needs its start.');
    const read = readRecurrence(b.recurrence, seriesStart, out.timeZone ?? existing?.timeZone ?? 'UTC');
    if (typeof read === 'string') return graphError(400, 'ErrorPropertyValidationFailure', read);
    out.recurrence = { graph: b.recurrence, rrule: read.rrule };
  }
  return out;
}

const isResponse = (v: EventFields | FakeResponse): v is FakeResponse => 'status' in v;

function bump(mailbox: Mailbox, e: FakeEvent): void {
  mailbox.seq += 1;
  e.seq = mailbox.seq;
  e.seriesSeq = mailbox.seq;
  e.changeKey += 1;
}

/** One occurrence of a series changed on its own (delta lists that occurrence only). */
export function bumpOccurrence(mailbox: Mailbox, master: FakeEvent, originalStart: number): void {
  master.seriesSeq ??= master.seq;
  mailbox.seq += 1;
  master.seq = mailbox.seq;
  master.changeKey += 1;
  master.occurrenceSeq ??= new Map();
  master.occurrenceSeq.set(originalStart, mailbox.seq);
}

/** Changes by original start of one series (exceptions applied), as the user makes them in Outlook. */
export function userChangeOccurrence(
  mailbox: Mailbox,
  master: FakeEvent,
  originalStart: number,
  change: { cancelled: true } | { cancelled: false; start: number; end: number },
): void {
  if (!master.recurrence) throw new Error(`fake: ${master.id} is not a series`);
  master.exceptions ??= new Map();
  master.exceptions.set(originalStart, change);
  bumpOccurrence(mailbox, master, originalStart);
}

function createEvent(ctx: GraphContext, calendar: FakeCalendar): FakeResponse {
  if (!canWrite(ctx.scopes)) return accessDenied();
  if (!calendar.canEdit) return accessDenied();
  const fields = readEventBody(ctx, true);
  if (isResponse(fields)) return fields;
  if (fields.end! < fields.start!) {
    return graphError(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
  }
  // "transactionId: a custom identifier specified by a client app for the server to avoid redundant POST
  // operations in case of client retries to create the same event." A repeat returns the first event.
  if (fields.transactionId) {
    const existing = [...ctx.mailbox.events.values()].find((e) => e.transactionId === fields.transactionId);
    if (existing) {
      ctx.state.transactionReplays += 1;
      return { status: 201, body: eventJson(ctx, existing) };
    }
  }
  const wantsTeams =
    fields.isOnlineMeeting === true &&
    (fields.onlineMeetingProvider ?? 'teamsForBusiness') === 'teamsForBusiness';
  const id = opaque('AAMkAGI2TG93AAA=', 24);
  const event: FakeEvent = {
    id,
    calendarId: calendar.id,
    subject: fields.subject ?? '',
    bodyContent: fields.bodyContent ?? '',
    start: fields.start!,
    end: fields.end!,
    timeZone: fields.timeZone ?? 'UTC',
    isAllDay: fields.isAllDay ?? false,
    showAs: fields.showAs ?? 'busy',
    transactionId: fields.transactionId,
    isOnlineMeeting: fields.isOnlineMeeting ?? false,
    onlineMeetingProvider: fields.isOnlineMeeting
      ? (fields.onlineMeetingProvider ?? 'teamsForBusiness')
      : 'unknown',
    // A tenant without Teams still creates the event; onlineMeeting.joinUrl is then null.
    joinUrl:
      wantsTeams && ctx.mailbox.teams
        ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${opaque('', 12)}%40thread.v2/0`
        : null,
    attendees: fields.attendees ?? [],
    ...(fields.recurrence ? { recurrence: fields.recurrence } : {}),
    iCalUId: opaque('040000008200E00074C5B7101A82E008', 16),
    changeKey: 0,
    seq: 0,
  };
  bump(ctx.mailbox, event);
  ctx.mailbox.events.set(id, event);
  ctx.state.onEventChange?.(ctx.mailbox, calendar.id, id, 'created');
  return { status: 201, body: eventJson(ctx, event) };
}

function patchEvent(ctx: GraphContext, event: FakeEvent): FakeResponse {
  if (!canWrite(ctx.scopes)) return accessDenied();
  const calendar = ctx.mailbox.calendars.find((c) => c.id === event.calendarId);
  if (!calendar?.canEdit) return accessDenied();
  const fields = readEventBody(ctx, false, event);
  if (isResponse(fields)) return fields;
  const start = fields.start ?? event.start;
  const end = fields.end ?? event.end;
  if (end < start)
    return graphError(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
  if (fields.transactionId !== undefined && fields.transactionId !== event.transactionId) {
    return graphError(400, 'ErrorInvalidRequest', 'transactionId cannot be changed.');
  }
  Object.assign(event, {
    subject: fields.subject ?? event.subject,
    bodyContent: fields.bodyContent ?? event.bodyContent,
    start,
    end,
    timeZone: fields.timeZone ?? event.timeZone,
    isAllDay: fields.isAllDay ?? event.isAllDay,
    showAs: fields.showAs ?? event.showAs,
    attendees: fields.attendees ?? event.attendees,
  });
  // A series' recurrence may be replaced (e.g. its range ended early); its exceptions stay.
  if (fields.recurrence && event.recurrence) event.recurrence = fields.recurrence;
  if (fields.isOnlineMeeting === true && !event.isOnlineMeeting) {
    event.isOnlineMeeting = true;
    event.onlineMeetingProvider = fields.onlineMeetingProvider ?? 'teamsForBusiness';
    event.joinUrl = ctx.mailbox.teams
      ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${opaque('', 12)}%40thread.v2/0`
      : null;
  }
  bump(ctx.mailbox, event);
  ctx.state.onEventChange?.(ctx.mailbox, event.calendarId, event.id, 'updated');
  return { status: 200, body: eventJson(ctx, event) };
}

function deleteEvent(ctx: GraphContext, event: FakeEvent): FakeResponse {
  if (!canWrite(ctx.scopes)) return accessDenied();
  ctx.mailbox.events.delete(event.id);
  ctx.mailbox.seq += 1;
  ctx.mailbox.tombstones.push({ id: event.id, calendarId: event.calendarId, seq: ctx.mailbox.seq });
  ctx.state.onEventChange?.(ctx.mailbox, event.calendarId, event.id, 'deleted');
  return { status: 204 };
}

interface DeltaToken {
  /** Window. */
  s: number;
  e: number;
  /** Changes with since < seq <= upto. since = -1: initial round (current events only). */
  since: number;
  upto: number;
  offset: number;
  gen: number;
  /** Calendar id the token belongs to. */
  c?: string;
}

const encodeToken = (t: DeltaToken) => Buffer.from(JSON.stringify(t)).toString('base64url');
function decodeToken(raw: string): DeltaToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as DeltaToken;
    return typeof t.s === 'number' && typeof t.upto === 'number' ? t : undefined;
  } catch {
    return undefined;
  }
}

function delta(ctx: GraphContext, calendar: FakeCalendar, base: string): FakeResponse {
  if (!canRead(ctx.scopes)) return accessDenied();
  const q = ctx.req.url.searchParams;
  const skip = q.get('$skiptoken');
  const deltaToken = q.get('$deltatoken');
  let token: DeltaToken;
  if (skip !== null || deltaToken !== null) {
    const parsed = decodeToken(skip ?? deltaToken ?? '');
    if (!parsed || (parsed.c !== undefined && parsed.c !== calendar.id)) {
      return graphError(400, 'BadRequest', 'Invalid token.');
    }
    if (parsed.gen !== ctx.state.deltaGeneration) {
      // The sync state is gone: 410 Gone with a Location to start over.
      // @see https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset
      const restart = `${base}?startDateTime=${new Date(parsed.s).toISOString()}&endDateTime=${new Date(parsed.e).toISOString()}`;
      return graphError(410, 'SyncStateNotFound', 'The sync state is no longer available; resync.', {
        location: restart,
      });
    }
    token =
      deltaToken !== null ? { ...parsed, since: parsed.upto, upto: ctx.mailbox.seq, offset: 0 } : parsed;
  } else {
    const s = Date.parse(q.get('startDateTime') ?? '');
    const e = Date.parse(q.get('endDateTime') ?? '');
    if (Number.isNaN(s) || Number.isNaN(e) || e <= s) {
      return graphError(400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required.');
    }
    token = {
      s,
      e,
      since: -1,
      upto: ctx.mailbox.seq,
      offset: 0,
      gen: ctx.state.deltaGeneration,
      c: calendar.id,
    };
  }
  // A calendarView lists single instances, and a series as its occurrences and exceptions (`type`,
  // `seriesMasterId`, `originalStart`), never its master; a deleted occurrence is `@removed` by its id.
  // @see https://learn.microsoft.com/graph/delta-query-events
  const within = (seq: number | undefined) => seq !== undefined && seq > token.since && seq <= token.upto;
  const listed: Array<{ seq: number; item: Record<string, unknown> }> = [];
  for (const ev of ctx.mailbox.events.values()) {
    if (ev.calendarId !== calendar.id) continue;
    if (!ev.recurrence) {
      if (ev.start < token.e && ev.end > token.s && within(ev.seq))
        listed.push({ seq: ev.seq, item: { ...eventJson(ctx, ev), type: 'singleInstance' } });
      continue;
    }
    const seriesSeq = ev.seriesSeq ?? ev.seq;
    for (const o of occurrencesOf(ev, { start: token.s, end: token.e })) {
      const own = ev.occurrenceSeq?.get(o.originalStart);
      if (within(seriesSeq) || within(own))
        listed.push({ seq: Math.max(seriesSeq, own ?? 0), item: occurrenceJson(ctx, ev, o) });
    }
    if (token.since < 0) continue;
    for (const [originalStart, x] of ev.exceptions ?? []) {
      const own = ev.occurrenceSeq?.get(originalStart);
      if (x.cancelled && within(own))
        listed.push({
          seq: own!,
          item: { id: `${ev.id}_${originalStart}`, '@removed': { reason: 'deleted' } },
        });
    }
  }
  const changed = listed.sort((a, b) => a.seq - b.seq).map((l) => l.item);
  const removed =
    token.since < 0
      ? []
      : ctx.mailbox.tombstones
          .filter((t) => t.calendarId === undefined || t.calendarId === calendar.id)
          .filter((t) => t.seq > token.since && t.seq <= token.upto)
          .map((t) => ({ id: t.id, '@removed': { reason: 'deleted' } }) as Record<string, unknown>);
  const all = [...changed, ...removed];
  const pageSize = Number(/odata\.maxpagesize=(\d+)/i.exec(header(ctx.req, 'prefer') ?? '')?.[1] ?? 10);
  const page = all.slice(token.offset, token.offset + pageSize);
  const more = token.offset + pageSize < all.length;
  const link = more
    ? {
        '@odata.nextLink': `${base}?$skiptoken=${encodeToken({ ...token, offset: token.offset + pageSize })}`,
      }
    : { '@odata.deltaLink': `${base}?$deltatoken=${encodeToken({ ...token, offset: 0 })}` };
  return {
    status: 200,
    body: { '@odata.context': `${ctx.state.origin}/v1.0/$metadata#Collection(event)`, value: page, ...link },
  };
}
