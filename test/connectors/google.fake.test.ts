/**
 * The Google fake checks what the real service checks. These cases talk to it over plain HTTP so a
 * lenient fake cannot make the connector tests pass by accident.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../fakes/google/server.ts';
import { SCOPE_EVENTS, startFakeGoogle } from '../fakes/google/server.ts';

const NOW = Date.UTC(2030, 0, 15, 12);
const BASE = Date.UTC(2030, 2, 4);
const H = 3_600_000;
const D = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();

let fake: FakeGoogle;
let token: string;

beforeAll(async () => {
  ({ fake } = await startFakeGoogle({ now: () => NOW, eventsPageSize: 2 }));
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  for (const id of [...fake.calendars.keys()]) fake.removeCalendar(id);
  fake.resetControls();
  fake.addCalendar({ id: 'cal@example.com' });
  token = fake.issueTokens().access_token;
});

async function call(method: string, path: string, body?: unknown, bearer: string | null = token) {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: {
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const freeBusy = (timeMin: number, timeMax: number, ids: string[]) =>
  call('POST', '/calendar/v3/freeBusy', {
    timeMin: iso(timeMin),
    timeMax: iso(timeMax),
    items: ids.map((id) => ({ id })),
  });

describe('Google fake fidelity', () => {
  it('answers 401 authError in Google’s error shape for missing, unknown and expired tokens', async () => {
    for (const bearer of [null, 'ya29.not-a-token']) {
      const anon = await call('POST', '/calendar/v3/freeBusy', {}, bearer);
      expect(anon.status).toBe(401);
      expect(anon.json).toMatchObject({
        error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ domain: 'global', reason: 'authError' }] },
      });
    }
    expect((await freeBusy(BASE, BASE + D, ['cal@example.com'])).status).toBe(200);
    fake.expireAccessTokens();
    expect((await freeBusy(BASE, BASE + D, ['cal@example.com'])).status).toBe(401);
  });

  it('answers 403 insufficientPermissions when the token lacks a freeBusy scope', async () => {
    const eventsOnly = fake.issueTokens({ scopes: [SCOPE_EVENTS] }).access_token;
    const r = await call(
      'POST',
      '/calendar/v3/freeBusy',
      { timeMin: iso(BASE), timeMax: iso(BASE + D), items: [] },
      eventsOnly,
    );
    expect(r.status).toBe(403);
    expect(r.json.error.errors[0].reason).toBe('insufficientPermissions');
  });

  it('validates freeBusy ranges: timeRangeEmpty, too long past 90 days, 90 days accepted', async () => {
    const empty = await freeBusy(BASE, BASE, ['cal@example.com']);
    expect(empty.status).toBe(400);
    expect(empty.json.error.errors[0].reason).toBe('timeRangeEmpty');
    const tooLong = await freeBusy(BASE, BASE + 91 * D, ['cal@example.com']);
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.message).toBe('The requested time range is too long.');
    expect((await freeBusy(BASE, BASE + 90 * D, ['cal@example.com'])).status).toBe(200);
    const missing = await call('POST', '/calendar/v3/freeBusy', { timeMax: iso(BASE), items: [] });
    expect(missing.status).toBe(400);
  });

  it('expands only opaque, non-cancelled events, merged and clipped; unknown and >50th calendars get errors', async () => {
    fake.seed('cal@example.com', [
      { id: 'a', title: 'Secret board meeting', start: BASE - H, end: BASE + H },
      { id: 'b', start: BASE + H / 2, end: BASE + 2 * H },
      { id: 'free', start: BASE + 3 * H, end: BASE + 4 * H, transparent: true },
      { id: 'gone', start: BASE + 5 * H, end: BASE + 6 * H, status: 'cancelled' },
    ]);
    const ids = [
      'cal@example.com',
      'nobody@example.com',
      ...Array.from({ length: 49 }, (_, i) => `x${i}@example.com`),
    ];
    const r = await freeBusy(BASE, BASE + D, ids);
    expect(r.status).toBe(200);
    expect(r.json.calendars['cal@example.com']).toEqual({
      busy: [{ start: '2030-03-04T00:00:00Z', end: '2030-03-04T02:00:00Z' }],
    });
    expect(r.json.calendars['nobody@example.com'].errors).toEqual([{ domain: 'global', reason: 'notFound' }]);
    expect(r.json.calendars['x48@example.com'].errors[0].reason).toBe('tooManyCalendarsRequested');
    expect(JSON.stringify(r.json)).not.toContain('Secret');
  });

  it('validates inserts: base32hex id, required times, 409 on a duplicate id, 403 on a read-only calendar', async () => {
    const path = '/calendar/v3/calendars/cal%40example.com/events';
    const times = { start: { dateTime: iso(BASE) }, end: { dateTime: iso(BASE + H) } };
    expect((await call('POST', path, { id: 'Has-Upper-And-Dash', ...times })).status).toBe(400);
    expect((await call('POST', path, { id: 'abc', ...times })).status).toBe(400);
    expect((await call('POST', path, { id: 'valid0id', start: times.start })).json.error.message).toBe(
      'Missing end time.',
    );
    expect((await call('POST', path, { id: 'valid0id', ...times })).status).toBe(200);
    const dup = await call('POST', path, { id: 'valid0id', ...times });
    expect(dup.status).toBe(409);
    expect(dup.json.error.errors[0].reason).toBe('duplicate');
    fake.addCalendar({ id: 'ro@example.com', accessRole: 'reader' });
    const ro = await call('POST', '/calendar/v3/calendars/ro%40example.com/events', {
      id: 'other0id',
      ...times,
    });
    expect(ro.status).toBe(403);
  });

  it('pages events.list, then serves incremental changes (deletions included) via syncToken, 410 once invalidated', async () => {
    fake.seed('cal@example.com', [
      { id: 'e1', start: BASE, end: BASE + H },
      { id: 'e2', start: BASE + H, end: BASE + 2 * H },
      { id: 'e3', start: BASE + 2 * H, end: BASE + 3 * H },
    ]);
    const path = '/calendar/v3/calendars/cal%40example.com/events';
    const page1 = await call('GET', path);
    expect(page1.json.items.map((e: { id: string }) => e.id)).toEqual(['e1', 'e2']);
    expect(page1.json.nextSyncToken).toBeUndefined();
    const page2 = await call('GET', `${path}?pageToken=${page1.json.nextPageToken}`);
    expect(page2.json.items.map((e: { id: string }) => e.id)).toEqual(['e3']);
    const syncToken: string = page2.json.nextSyncToken;
    expect(syncToken).toEqual(expect.any(String));

    expect((await call('DELETE', `${path}/e2`)).status).toBe(204);
    const delta = await call('GET', `${path}?syncToken=${syncToken}`);
    expect(delta.json.items).toEqual([expect.objectContaining({ id: 'e2', status: 'cancelled' })]);
    expect((await call('GET', `${path}?syncToken=${syncToken}&timeMin=${iso(BASE)}`)).status).toBe(400);

    fake.invalidateSyncTokens();
    const gone = await call('GET', `${path}?syncToken=${delta.json.nextSyncToken}`);
    expect(gone.status).toBe(410);
    expect(gone.json.error.errors[0].reason).toBe('fullSyncRequired');
  });

  it('injects failures once, by route pattern or concrete path, with headers', async () => {
    fake.failNext('POST /calendar/v3/freeBusy', { status: 429, headers: { 'Retry-After': '5' } });
    const response = await fetch(`${fake.url}/calendar/v3/freeBusy`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ timeMin: iso(BASE), timeMax: iso(BASE + D), items: [] }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { error: { errors: Array<{ reason: string }> } };
    expect(body.error.errors[0]?.reason).toBe('rateLimitExceeded');
    expect((await freeBusy(BASE, BASE + D, [])).status).toBe(200);
    expect(fake.count('POST /calendar/v3/freeBusy')).toBe(2);
  });
});
