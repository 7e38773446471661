/**
 * The .ics offer (src/app/ics-offer.ts) on the booking confirmation: a participant kept in Convene
 * (read-only calendar) gets a signed, expiring link to the meeting's VEVENT in the request's language;
 * the others do not. The served calendar parses with the project's ICS expander, carries the meeting and
 * nothing about anyone else; the link expires, is bound to its tenant, booking and person, and refuses
 * tampering and cancelled meetings.
 */
import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { bookMeeting } from '../../src/app/book-meeting.ts';
import type { Locale } from '../../src/app/i18n/index.ts';
import { ICS_OFFER_GRACE_MS, IcsOffers, meetingCalendar } from '../../src/app/ics-offer.ts';
import { moveFollowing } from '../../src/app/manage-series.ts';
import type { Booking, Person } from '../../src/app/ports/store.ts';
import { requestMeeting } from '../../src/app/request-meeting.ts';
import { occurrenceStarts, seriesOf } from '../../src/app/series.ts';
import type { ProposalView } from '../../src/app/views.ts';
import { expandIcs } from '../../src/connectors/ics/expand.ts';
import { DAY } from '../../src/core/interval.ts';
import { FakeBusyReader, FakeWriter, MemoryStore, TENANT, WORKSPACE } from './request-meeting.fakes.ts';

const NOW = Date.UTC(2026, 10, 23, 8, 0); // Monday 23 Nov 2026
const SECRET = 'ics-offer-test-state-secret-0123456789abcdef';
const BASE = 'https://convene.example';
const OTHER_TENANT = '00000000-0000-4000-8000-000000000002';

let now = NOW;
let store: MemoryStore;
let writer: FakeWriter;
let offers: IcsOffers;
let ana: Person;
let li: Person;
let sam: Person;
let view: ProposalView;

beforeEach(async () => {
  now = NOW;
  store = new MemoryStore();
  writer = new FakeWriter();
  const busy = new FakeBusyReader();
  offers = new IcsOffers({
    bookings: store.bookings,
    requests: store.requests,
    publicBaseUrl: BASE,
    stateSecret: SECRET,
    clock: () => now,
  });
  ana = store.addPerson({ name: 'Ana', handle: 'ana', timeZone: 'Europe/Paris' });
  li = store.addPerson({ name: 'Li', handle: 'li', timeZone: 'America/New_York' });
  sam = store.addPerson({ name: 'Sam', handle: 'sam', timeZone: 'Europe/London' });
  const result = await requestMeeting(
    { store, busy, directory: store.directory },
    {
      tenantId: TENANT,
      workspaceId: WORKSPACE,
      requesterPersonId: ana.id,
      text: '/meet @li @sam 30m next week "Roadmap; Q1, review"',
      now: NOW,
      zone: 'Europe/Paris',
    },
  );
  if (!result.ok) throw new Error(result.error.message);
  view = result.view;
  // Li's only calendar is an ICS feed: read-only, the meeting is kept in Convene.
  writer.outcomes.set(li.id, {
    ok: false,
    connectionId: null,
    code: 'read_only',
    message: 'ICS feeds are read-only',
  });
});

async function book(locale: Locale = 'en', proposalId = view.proposalId) {
  const result = await bookMeeting(
    { store, busy: new FakeBusyReader(), writer, icsOffers: offers },
    { tenantId: TENANT, proposalId, slotId: '1', actorPersonId: ana.id, now: NOW, locale },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.view;
}

function tokenOf(url: string): string {
  expect(url.startsWith(`${BASE}/ics/`)).toBe(true);
  return url.slice(`${BASE}/ics/`.length);
}

describe('the booking confirmation offers an .ics to the read-only participant', () => {
  it.each([
    ['en', 'Add to calendar (.ics)', 'read-only calendar: the meeting is kept in Convene'],
    ['fr', 'Ajouter à l’agenda (.ics)', 'agenda en lecture seule : la réunion est gardée dans Convene'],
    [
      'de',
      'Zum Kalender hinzufügen (.ics)',
      'schreibgeschützter Kalender: der Termin wird in Convene gespeichert',
    ],
  ] as const)(
    '%s: kept in Convene, with a link to add it; the others get none',
    async (locale, label, note) => {
      const booked = await book(locale);
      const byName = Object.fromEntries(booked.participants.map((p) => [p.name, p]));
      expect(byName.Li).toMatchObject({ calendar: 'kept_in_convene', reason: 'read_only', note });
      expect(byName.Li?.ics?.label).toBe(label);
      expect(byName.Li?.ics?.url).toMatch(/^https:\/\/convene\.example\/ics\/i1\.[\w-]+\.[\w-]+$/);
      expect(byName.Ana?.ics).toBeUndefined();
      expect(byName.Sam?.ics).toBeUndefined();
    },
  );

  it('the link serves the meeting as one valid VEVENT, and nothing about anyone else', async () => {
    const booked = await book();
    const url = booked.participants.find((p) => p.personId === li.id)!.ics!.url;
    const served = await offers.serve(tokenOf(url));
    if (!served.ok) throw new Error(served.code);
    const text = served.calendar;
    // The project's expander reads exactly the booked time.
    const parsed = expandIcs(text, { start: booked.start - DAY, end: booked.end + DAY });
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.busy).toEqual([{ start: booked.start, end: booked.end }]);
    expect(parsed.ok && parsed.warnings).toEqual([]);
    expect(text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(1);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // The title, escaped per RFC 5545.
    expect(text).toContain('SUMMARY:Roadmap\\; Q1\\, review');
    expect(text).toContain(`UID:${booked.bookingId}@convene`);
    // No one's name, address or id; no attendee list.
    for (const p of [ana, li, sam]) {
      expect(text).not.toContain(p.displayName);
      expect(text).not.toContain(p.email!);
      expect(text).not.toContain(p.id);
    }
    expect(text).not.toMatch(/ATTENDEE|ORGANIZER/);
  });

  it('expires a week after the meeting ends', async () => {
    const booked = await book();
    const token = tokenOf(booked.participants.find((p) => p.personId === li.id)!.ics!.url);
    now = booked.end + ICS_OFFER_GRACE_MS - 1;
    expect((await offers.serve(token)).ok).toBe(true);
    now = booked.end + ICS_OFFER_GRACE_MS;
    expect(await offers.serve(token)).toEqual({ ok: false, code: 'expired' });
  });

  it('is bound to its tenant, booking and person: another tenant, a non-participant, a cancelled meeting find nothing', async () => {
    const booked = await book();
    const bookingId = booked.bookingId;
    const end = booked.end;
    // Signed correctly but for another tenant: the booking is not that tenant's.
    const otherTenant = offers.urlFor({ tenantId: OTHER_TENANT, bookingId, personId: li.id, end })!;
    expect(await offers.serve(tokenOf(otherTenant))).toEqual({ ok: false, code: 'not_found' });
    // Someone who is not in the meeting.
    const stranger = offers.urlFor({
      tenantId: TENANT,
      bookingId,
      personId: '00000000-0000-4000-8000-0000000000ff',
      end,
    })!;
    expect(await offers.serve(tokenOf(stranger))).toEqual({ ok: false, code: 'not_found' });
    // Cancelled since.
    const token = tokenOf(booked.participants.find((p) => p.personId === li.id)!.ics!.url);
    expect((await offers.serve(token)).ok).toBe(true);
    const index = store.bookingRows.findIndex((b) => b.id === bookingId);
    store.bookingRows[index] = { ...store.bookingRows[index]!, status: 'cancelled' } as Booking;
    expect(await offers.serve(token)).toEqual({ ok: false, code: 'not_found' });
  });

  it('refuses a tampered token, one signed with another secret, and garbage', async () => {
    const booked = await book();
    const token = tokenOf(booked.participants.find((p) => p.personId === li.id)!.ics!.url);
    const [version, payload, mac] = token.split('.') as [string, string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    forged.e = Number(forged.e) + 365 * DAY;
    const extended = `${version}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`;
    expect(await offers.serve(extended)).toEqual({ ok: false, code: 'invalid' });
    const foreign = new IcsOffers({
      bookings: store.bookings,
      publicBaseUrl: BASE,
      stateSecret: 'another-deployment-secret-0123456789abcdef',
      clock: () => now,
    });
    const theirs = foreign.urlFor({
      tenantId: TENANT,
      bookingId: booked.bookingId,
      personId: li.id,
      end: booked.end,
    })!;
    expect(await offers.serve(tokenOf(theirs))).toEqual({ ok: false, code: 'invalid' });
    for (const bad of ['', 'i1', 'i1..', 'x'.repeat(5000), `${token}x`]) {
      expect(await offers.serve(bad)).toEqual({ ok: false, code: 'invalid' });
    }
  });
});

/** The series of the request behind a booking's proposal. */
async function seriesOfProposal(proposalId: string) {
  const proposal = await store.requests.getProposal(TENANT, proposalId);
  const series = seriesOf(await store.requests.get(TENANT, proposal!.requestId));
  if (!series) throw new Error('the request is not a series');
  return series;
}

/**
 * A series request by Ana with Li and Sam, booked (default: every other Tuesday until April, in Paris, where
 * summer time starts on 28 March 2027).
 */
async function bookSeries(text = '/meet @li @sam 30m every other tuesday until april "Roadmap"') {
  const requested = await requestMeeting(
    { store, busy: new FakeBusyReader(), directory: store.directory },
    {
      tenantId: TENANT,
      workspaceId: WORKSPACE,
      requesterPersonId: ana.id,
      text,
      now: NOW,
      zone: 'Europe/Paris',
    },
  );
  if (!requested.ok) throw new Error(requested.error.message);
  const booked = await book('en', requested.view.proposalId);
  return { booked, series: await seriesOfProposal(requested.view.proposalId) };
}

describe('the .ics of a series booking', () => {
  it("serves one recurring VEVENT whose occurrences are the series' (local time kept across the DST change)", async () => {
    const { booked, series } = await bookSeries();
    const url = booked.participants.find((p) => p.personId === li.id)?.ics?.url;
    expect(url).toBeDefined();
    const served = await offers.serve(tokenOf(url!));
    if (!served.ok) throw new Error(served.code);
    const text = served.calendar;

    const starts = occurrenceStarts(series.rule, booked.start, series.zone);
    const duration = booked.end - booked.start;
    // The series spans the change to summer time (28 March 2027): UTC times move by an hour.
    const hours = new Set(starts.map((s) => new Date(s).getUTCHours()));
    expect(hours.size).toBe(2);
    expect(starts.length).toBeGreaterThan(5);

    const parsed = expandIcs(text, { start: booked.start - DAY, end: starts.at(-1)! + 30 * DAY });
    if (!parsed.ok) throw new Error('the served calendar does not parse');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.busy).toEqual(starts.map((start) => ({ start, end: start + duration })));

    expect(text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(1);
    expect(text).toContain('DTSTART;TZID=Europe/Paris:');
    expect(text).toContain('DTEND;TZID=Europe/Paris:');
    expect(text).toMatch(/^RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=\d{8}T\d{6}Z\r$/m);
    expect(text).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r$/m);
    expect(text).toMatch(/^BEGIN:DAYLIGHT\r$/m);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('serves its changed occurrences: EXDATE for a cancelled one, an override for a moved one, the rule ended', async () => {
    const { booked, series } = await bookSeries();
    const starts = occurrenceStarts(series.rule, booked.start, series.zone);
    const duration = booked.end - booked.start;
    expect(starts.length).toBeGreaterThan(5);
    const at = (start: number) => ({ start, end: start + duration });
    // The second occurrence cancelled, the third moved a day and an hour later, the series ended at the
    // fifth (a move recorded after that end, for the sixth, goes with it).
    const movedTo = starts[2]! + DAY + 3_600_000;
    const record = (x: Parameters<typeof store.bookings.recordOccurrence>[2]) =>
      store.bookings.recordOccurrence(TENANT, booked.bookingId, x);
    await record({ originalStart: starts[1]!, status: 'cancelled' });
    await record({ originalStart: starts[2]!, status: 'moved', ...at(movedTo) });
    await record({ originalStart: starts[5]!, status: 'moved', ...at(starts[5]! + DAY) });
    await record({ originalStart: starts[4]!, status: 'ended' });

    const url = booked.participants.find((p) => p.personId === li.id)?.ics?.url;
    const served = await offers.serve(tokenOf(url!));
    if (!served.ok) throw new Error(served.code);
    const text = served.calendar;

    // Expanded by the project's reader (as a subscriber's calendar would): exactly what is left.
    const range = { start: booked.start - DAY, end: starts.at(-1)! + 30 * DAY };
    const parsed = expandIcs(text, range);
    if (!parsed.ok) throw new Error('the served calendar does not parse');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.busy).toEqual([at(starts[0]!), at(movedTo), at(starts[3]!)]);

    // And by ical.js: one series (same UID), its override naming the moved occurrence's original start.
    const root = new ICAL.Component(ICAL.parse(text) as never);
    const events = root.getAllSubcomponents('vevent');
    expect(events).toHaveLength(2);
    const [master, override] = events as [ICAL.Component, ICAL.Component];
    expect(override.getFirstPropertyValue('uid')).toBe(master.getFirstPropertyValue('uid'));
    const recurrenceId = override.getFirstPropertyValue('recurrence-id') as ICAL.Time;
    expect(override.getFirstProperty('recurrence-id')!.getParameter('tzid')).toBe('Europe/Paris');
    // The served VTIMEZONE reads the TZID'd times.
    const zone = new ICAL.Timezone(root.getFirstSubcomponent('vtimezone')!);
    recurrenceId.zone = zone;
    expect(recurrenceId.toUnixTime() * 1000).toBe(starts[2]);
    const rrule = master.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rrule.count ?? null).toBeNull();
    expect(rrule.until!.toJSDate().getTime()).toBe(starts[4]! - 1000);
    const expansion = new ICAL.RecurExpansion({
      component: master,
      dtstart: master.getFirstPropertyValue('dtstart') as ICAL.Time,
    });
    const expanded: number[] = [];
    for (let next = expansion.next(); next && expanded.length < 20; next = expansion.next()) {
      next.zone = zone;
      expanded.push(next.toUnixTime() * 1000);
    }
    // The rule and its EXDATE: the first, third (its original start; the override moves it) and fourth.
    expect(expanded).toEqual([starts[0], starts[2], starts[3]]);

    expect(text.match(/^EXDATE;TZID=Europe\/Paris:\d{8}T\d{6}\r$/gm)).toHaveLength(1);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('a member of a team taking turns is served their turn: its occurrences only, and only their changes', async () => {
    const { booked, series } = await bookSeries();
    const starts = occurrenceStarts(series.rule, booked.start, series.zone);
    const duration = booked.end - booked.start;
    const at = (start: number) => ({ start, end: start + duration });
    expect(starts.length).toBeGreaterThan(5);
    // Sam hosts occurrences 0, 2, 4, …; Li 1, 3, 5, … (as a rotating team's booking records it).
    const row = store.bookingRows.findIndex((b) => b.id === booked.bookingId);
    store.bookingRows[row] = {
      ...store.bookingRows[row]!,
      turns: { of: 2, byPerson: { [sam.id]: 0, [li.id]: 1 } },
    };
    const record = (x: Parameters<typeof store.bookings.recordOccurrence>[2]) =>
      store.bookings.recordOccurrence(TENANT, booked.bookingId, x);
    // Sam's second date moved (not Li's business); Li's second date cancelled; and a moved record at a time
    // the series does not have (what a whole-series move leaves behind): no one's date.
    await record({ originalStart: starts[2]!, status: 'moved', ...at(starts[2]! + DAY) });
    await record({ originalStart: starts[3]!, status: 'cancelled' });
    await record({ originalStart: starts[1]! - 3_600_000, status: 'moved', ...at(starts[1]! + 2 * DAY) });

    const url = booked.participants.find((p) => p.personId === li.id)?.ics?.url;
    const served = await offers.serve(tokenOf(url!));
    if (!served.ok) throw new Error(served.code);
    const parsed = expandIcs(served.calendar, { start: booked.start - DAY, end: starts.at(-1)! + 30 * DAY });
    if (!parsed.ok) throw new Error('the served calendar does not parse');
    expect(parsed.warnings).toEqual([]);
    const lis = starts.filter((_, i) => i % 2 === 1 && i !== 3);
    expect(parsed.busy).toEqual(lis.map(at));
    // One recurring event from Li's first date, every four weeks; no override for Sam's moved date.
    expect(served.calendar.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(1);
    expect(served.calendar).toMatch(/^RRULE:FREQ=WEEKLY;INTERVAL=4;BYDAY=TU/m);
  });

  it('the link of a series lasts until a week after its last occurrence', async () => {
    const { booked, series } = await bookSeries();
    const token = tokenOf(booked.participants.find((p) => p.personId === li.id)!.ics!.url);
    const lastEnd =
      occurrenceStarts(series.rule, booked.start, series.zone).at(-1)! + (booked.end - booked.start);
    now = lastEnd + ICS_OFFER_GRACE_MS - 1;
    expect((await offers.serve(token)).ok).toBe(true);
    now = lastEnd + ICS_OFFER_GRACE_MS;
    expect(await offers.serve(token)).toEqual({ ok: false, code: 'expired' });
  });
});

describe('a split (move this and following) offers the new series as an .ics, as a booking does', () => {
  it('Li, kept in Convene, gets a link to the new series in the view and in her DM; the others none; a repeat offers it again', async () => {
    const { booked, series: old } = await bookSeries(
      '/meet @li @sam 30m every tuesday until march "Roadmap"',
    );
    expect(booked.participants.find((p) => p.personId === li.id)?.ics).toBeDefined();
    const starts = occurrenceStarts(old.rule, booked.start, old.zone);
    const dms: { personId: string; text: string }[] = [];
    const notifier = {
      dm: async (_t: string, personId: string, message: { text: string }) => {
        dms.push({ personId, text: message.text });
        return { ok: true as const };
      },
    };
    // The third date and the following ones a day later (Wednesdays), by Ana.
    const k = starts[2]!;
    const split = (icsOffers?: IcsOffers) =>
      moveFollowing(
        { store, busy: new FakeBusyReader(), notifier, ...(icsOffers ? { icsOffers } : {}) },
        {
          tenantId: TENANT,
          bookingId: booked.bookingId,
          actorPersonId: ana.id,
          occurrence: k,
          newStart: k + DAY,
          now: NOW,
          locale: 'fr',
        },
      );
    const moved = await split(offers);
    if (!moved.ok) throw new Error(moved.error.message);
    const created = store.bookingRows.find((b) => b.id === moved.view.newBookingId)!;
    expect(moved.view.ics).toEqual([
      {
        personId: li.id,
        name: 'Li',
        url: expect.stringMatching(/^https:\/\/convene\.example\/ics\/i1\.[\w-]+\.[\w-]+$/),
        label: 'Ajouter à l’agenda (.ics)',
      },
    ]);
    const url = moved.view.ics![0]!.url;
    // The link serves the NEW series: its Wednesdays, from the new time on.
    const served = await offers.serve(tokenOf(url));
    if (!served.ok) throw new Error(served.code);
    const next = await seriesOfProposal(created.proposalId!);
    const newStarts = occurrenceStarts(next.rule, created.start, next.zone);
    expect(newStarts[0]).toBe(k + DAY);
    const parsed = expandIcs(served.calendar, { start: NOW, end: newStarts.at(-1)! + DAY });
    if (!parsed.ok) throw new Error('the served calendar does not parse');
    expect(parsed.busy).toEqual(newStarts.map((start) => ({ start, end: start + 30 * 60_000 })));
    // Li's DM carries her link; Sam's (his calendar is written) none.
    expect(dms.find((d) => d.personId === li.id)?.text).toContain(
      `Convene does not write to your calendar: add the new series to it yourself (.ics): ${url}`,
    );
    expect(dms.find((d) => d.personId === sam.id)?.text).not.toContain('/ics/');
    // A repeated click answers the same offer.
    const again = await split(offers);
    expect(again).toMatchObject({ ok: true, view: { alreadyMoved: true, ics: moved.view.ics } });
    // Without the offer links (as without a public URL), nothing is offered.
    const plain = await split();
    expect(plain.ok && plain.view.ics).toBeUndefined();
  });
});

describe('a split of a team taking turns offers each member kept in Convene their turn', () => {
  it('Li hosts every other date of the new series: his link serves those dates only', async () => {
    const { booked, series: old } = await bookSeries(
      '/meet @li @sam 30m every tuesday until march "Support"',
    );
    // Li hosts the 1st, 3rd, … Tuesdays, Sam the 2nd, 4th, … (as a rotating team's booking records it).
    const row = store.bookingRows.findIndex((b) => b.id === booked.bookingId);
    store.bookingRows[row] = {
      ...store.bookingRows[row]!,
      turns: { of: 2, byPerson: { [li.id]: 0, [sam.id]: 1 } },
    };
    const starts = occurrenceStarts(old.rule, booked.start, old.zone);
    // Li's third date (index 2) and the following ones, two hours later.
    const k = starts[2]!;
    const moved = await moveFollowing(
      {
        store,
        busy: new FakeBusyReader(),
        notifier: { dm: async () => ({ ok: true as const }) },
        icsOffers: offers,
      },
      {
        tenantId: TENANT,
        bookingId: booked.bookingId,
        actorPersonId: ana.id,
        occurrence: k,
        newStart: k + 7_200_000,
        now: NOW,
      },
    );
    if (!moved.ok) throw new Error(moved.error.message);
    expect(moved.view.ics?.map((o) => o.personId)).toEqual([li.id]);
    const created = store.bookingRows.find((b) => b.id === moved.view.newBookingId)!;
    expect(created.turns).toEqual({ of: 2, byPerson: { [li.id]: 0, [sam.id]: 1 } });
    const next = await seriesOfProposal(created.proposalId!);
    const newStarts = occurrenceStarts(next.rule, created.start, next.zone);
    expect(newStarts.length).toBeGreaterThan(3);
    const served = await offers.serve(tokenOf(moved.view.ics![0]!.url));
    if (!served.ok) throw new Error(served.code);
    const parsed = expandIcs(served.calendar, { start: NOW, end: newStarts.at(-1)! + DAY });
    if (!parsed.ok) throw new Error('the served calendar does not parse');
    expect(parsed.busy).toEqual(
      newStarts.filter((_, i) => i % 2 === 0).map((start) => ({ start, end: start + 30 * 60_000 })),
    );
  });
});

describe('meetingCalendar', () => {
  it('escapes text, drops control characters and folds long lines at 75 octets without splitting characters', () => {
    const title = `Zoé’s planning, part 1; notes\\draft\nline two\u0007 ${'é'.repeat(60)}`;
    const text = meetingCalendar({ uid: 'b1@convene', title, start: NOW, end: NOW + 3_600_000, stamp: NOW });
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      `SUMMARY:Zoé’s planning\\, part 1\\; notes\\\\draft\\nline two ${'é'.repeat(60)}\r\n`,
    );
    expect(text).not.toContain('\u0007');
    const parsed = expandIcs(text, { start: NOW - DAY, end: NOW + DAY });
    expect(parsed.ok && parsed.busy).toEqual([{ start: NOW, end: NOW + 3_600_000 }]);
  });
});
