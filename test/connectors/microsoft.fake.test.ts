/**
 * The Graph fake itself checks what Graph checks (so connector tests against it mean something):
 * bearer tokens, scopes, required fields, and the delta protocol that later sync work will use.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeMicrosoft } from '../fakes/microsoft/server.ts';

const BASE = Date.UTC(2030, 4, 6);
const H = 3_600_000;
let fake: FakeMicrosoft;
let counter = 0;

beforeAll(async () => {
  fake = await FakeMicrosoft.start();
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(() => {
  fake.clearFailures();
});

function setup(scopes?: string[]) {
  counter += 1;
  const mailbox = `fake-${counter}@contoso.test`;
  fake.addMailbox(mailbox);
  const { accessToken } = fake.issueTokens(mailbox, scopes);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const url = path.startsWith('https://') ? path : `${fake.origin}/v1.0${path}`;
    const response = await fake.fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  return { mailbox, call };
}

const utc = (ms: number) => ({ dateTime: new Date(ms).toISOString().slice(0, 19), timeZone: 'UTC' });

describe('Graph fake: authentication and validation', () => {
  it('answers 401 InvalidAuthenticationToken for a missing, unknown or expired bearer', async () => {
    const { call } = setup();
    const anonymous = await fake.fetch(`${fake.origin}/v1.0/me/calendars`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
      'InvalidAuthenticationToken',
    );
    const bogus = await fake.fetch(`${fake.origin}/v1.0/me/calendars`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(bogus.status).toBe(401);
    expect((await call('GET', '/me/calendars')).status).toBe(200);
    fake.expireAccessTokens();
    const expired = await call('GET', '/me/calendars');
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toMatch(/expired/);
  });

  it('refuses writes with a Calendars.Read token (403 ErrorAccessDenied)', async () => {
    const { call } = setup(['offline_access', 'User.Read', 'Calendars.Read']);
    const created = await call('POST', '/me/events', { subject: 'x', start: utc(BASE), end: utc(BASE + H) });
    expect(created.status).toBe(403);
    expect(created.json.error.code).toBe('ErrorAccessDenied');
    const schedule = await call('POST', '/me/calendar/getSchedule', {
      schedules: ['a@contoso.test'],
      startTime: utc(BASE),
      endTime: utc(BASE + H),
    });
    expect(schedule.status).toBe(200);
  });

  it('validates event bodies: start/end required, end after start, attendee addresses', async () => {
    const { call } = setup();
    expect((await call('POST', '/me/events', { subject: 'no times' })).status).toBe(400);
    expect((await call('POST', '/me/events', { start: utc(BASE + H), end: utc(BASE) })).status).toBe(400);
    const badAttendee = await call('POST', '/me/events', {
      start: utc(BASE),
      end: utc(BASE + H),
      attendees: [{ emailAddress: { address: 'not-an-address' } }],
    });
    expect(badAttendee.json.error.code).toBe('ErrorInvalidRecipients');
    expect((await call('POST', '/me/events', { start: utc(BASE), end: utc(BASE + H) })).status).toBe(201);
  });

  it('answers getSchedule in the Prefer zone, with an availabilityView string', async () => {
    const { mailbox, call } = setup();
    fake.seed(mailbox, [{ title: 'x', start: BASE + 9 * H, end: BASE + 10 * H }]);
    const result = await call(
      'POST',
      '/me/calendar/getSchedule',
      {
        schedules: [mailbox],
        startTime: utc(BASE + 8 * H),
        endTime: utc(BASE + 11 * H),
        availabilityViewInterval: 60,
      },
      { prefer: 'outlook.timezone="Pacific Standard Time"' },
    );
    const [info] = result.json.value;
    expect(info.availabilityView).toBe('020');
    expect(info.scheduleItems[0].start).toEqual({
      dateTime: '2030-05-06T02:00:00.0000000',
      timeZone: 'Pacific Standard Time',
    });
  });
});

describe('Graph fake: calendarView delta', () => {
  it('pages with nextLink, ends with a deltaLink, then returns only changes and removals', async () => {
    const { mailbox, call } = setup();
    const [a, b] = fake.seed(mailbox, [
      { title: 'a', start: BASE + 9 * H, end: BASE + 10 * H },
      { title: 'b', start: BASE + 11 * H, end: BASE + 12 * H },
      { title: 'c', start: BASE + 13 * H, end: BASE + 14 * H },
      { title: 'outside', start: BASE + 72 * H, end: BASE + 73 * H },
    ]);
    const window = `startDateTime=${new Date(BASE).toISOString()}&endDateTime=${new Date(BASE + 24 * H).toISOString()}`;
    const prefer = { prefer: 'odata.maxpagesize=2' };
    const page1 = await call('GET', `/me/calendarView/delta?${window}`, undefined, prefer);
    expect(page1.json.value).toHaveLength(2);
    expect(page1.json['@odata.nextLink']).toMatch(
      new RegExp(`^${fake.origin}/v1\\.0/me/calendarView/delta\\?\\$skiptoken=`),
    );
    const page2 = await call('GET', page1.json['@odata.nextLink'], undefined, prefer);
    expect(page2.json.value.map((e: { subject: string }) => e.subject)).toEqual(['c']);
    const deltaLink = page2.json['@odata.deltaLink'] as string;
    expect(deltaLink).toContain('$deltatoken=');

    const quiet = await call('GET', deltaLink);
    expect(quiet.json.value).toEqual([]);

    await call('PATCH', `/me/events/${a!.id}`, {
      subject: 'a moved',
      start: utc(BASE + 15 * H),
      end: utc(BASE + 16 * H),
    });
    await call('DELETE', `/me/events/${b!.id}`);
    const changes = await call('GET', deltaLink);
    expect(changes.json.value).toEqual([
      expect.objectContaining({ id: a!.id, subject: 'a moved' }),
      { id: b!.id, '@removed': { reason: 'deleted' } },
    ]);
  });

  it('answers 410 Gone with a Location to resync after the sync state is lost', async () => {
    const { call } = setup();
    const window = `startDateTime=${new Date(BASE).toISOString()}&endDateTime=${new Date(BASE + 24 * H).toISOString()}`;
    const first = await call('GET', `/me/calendarView/delta?${window}`);
    fake.invalidateDeltaTokens();
    const gone = await call('GET', first.json['@odata.deltaLink']);
    expect(gone.status).toBe(410);
    const location = gone.headers.get('location')!;
    expect(location.startsWith(`${fake.origin}/v1.0/me/calendarView/delta?startDateTime=`)).toBe(true);
    expect((await call('GET', location)).status).toBe(200);
  });
});
