/**
 * Google connector behaviour against the fake: chunking, our own retries (exact request counts,
 * Retry-After via the injected sleep), 401 → refresh → retry once, invalid_grant → reauth,
 * idempotent insert after a lost response, Meet polling, paging, deletes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventDraft } from '../../src/app/ports/provider.ts';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import {
  eventIdFromKey,
  FREEBUSY_MAX_WINDOW_MS,
  GoogleCalendarProvider,
  GoogleOAuthClient,
} from '../../src/connectors/google/index.ts';
import type { RefreshingTokenSource } from '../../src/connectors/oauth/token-source.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import { DAY, HOUR } from '../../src/core/interval.ts';
import type { FakeClient, FakeGoogle } from '../fakes/google/server.ts';
import { startFakeGoogle } from '../fakes/google/server.ts';

const NOW = Date.UTC(2030, 0, 15, 12);
const clock = () => NOW;
const BASE = Date.UTC(2030, 2, 4);
const FREEBUSY = 'POST /calendar/v3/freeBusy';
const INSERT = 'POST /calendar/v3/calendars/:calendarId/events';
const GET = 'GET /calendar/v3/calendars/:calendarId/events/:eventId';
const PATCH = 'PATCH /calendar/v3/calendars/:calendarId/events/:eventId';
const DELETE = 'DELETE /calendar/v3/calendars/:calendarId/events/:eventId';
const TOKEN = 'POST /token';
const CAL = 'team@group.calendar.google.com';

let fake: FakeGoogle;
let client: FakeClient;

beforeAll(async () => {
  ({ fake, client } = await startFakeGoogle({ now: clock, calendarListPageSize: 2 }));
});

afterAll(async () => {
  await fake.stop();
});

interface Harness {
  provider: GoogleCalendarProvider;
  tokenSource: RefreshingTokenSource;
  waits: number[];
  onReauthRequired: ReturnType<typeof vi.fn>;
  onTokens: ReturnType<typeof vi.fn>;
}

function harness(overrides: { attempts?: number } = {}): Harness {
  const waits: number[] = [];
  const policy: RetryPolicy = {
    attempts: overrides.attempts ?? 4,
    baseDelayMs: 100,
    maxDelayMs: 30_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0,
  };
  const issued = fake.issueTokens({ clientId: client.clientId });
  const oauth = new GoogleOAuthClient({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    tokenEndpoint: fake.endpoints.tokenUrl,
    clock,
    retryPolicy: { ...policy, attempts: 1 },
  });
  const onReauthRequired = vi.fn();
  const onTokens = vi.fn();
  const tokenSource = oauth.tokenSource({
    tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresAt: NOW + HOUR },
    onReauthRequired,
    onTokens,
  });
  const provider = new GoogleCalendarProvider({
    tokenSource,
    rootUrl: fake.rootUrl,
    clock,
    retryPolicy: policy,
  });
  return { provider, tokenSource, waits, onReauthRequired, onTokens };
}

function draft(key: string, overrides: Partial<EventDraft> = {}): EventDraft {
  return {
    idempotencyKey: key,
    calendarId: CAL,
    title: 'Quarterly planning',
    start: BASE + 9 * HOUR,
    end: BASE + 10 * HOUR,
    timeZone: 'Europe/Paris',
    attendees: [
      { email: 'ada@example.com', name: 'Ada' },
      { email: 'bob@example.com', optional: true },
    ],
    conference: false,
    ...overrides,
  };
}

const freeBusyBodies = () =>
  fake.requests
    .filter((r) => r.route === FREEBUSY)
    .map((r) => r.body as { timeMin: string; timeMax: string; items: Array<{ id: string }> });

beforeEach(() => {
  for (const id of [...fake.calendars.keys()]) fake.removeCalendar(id);
  fake.resetControls();
  fake.addCalendar({ id: CAL, summary: 'Team', accessRole: 'owner', primary: true });
});

describe('getBusy chunking', () => {
  it('splits a 150-day range into three ≤60-day freeBusy requests that tile the range', async () => {
    const { provider } = harness();
    fake.seed(CAL, [
      { id: 'a', start: BASE + HOUR, end: BASE + 2 * HOUR },
      // Crosses the first window boundary: comes back as one merged block.
      { id: 'b', start: BASE + 60 * DAY - HOUR, end: BASE + 60 * DAY + HOUR },
      { id: 'c', start: BASE + 149 * DAY, end: BASE + 149 * DAY + HOUR },
    ]);
    const result = await provider.getBusy({
      calendarIds: [CAL],
      range: { start: BASE, end: BASE + 150 * DAY },
    });

    const bodies = freeBusyBodies();
    expect(bodies).toHaveLength(3);
    const windows = bodies
      .map((b) => ({ start: Date.parse(b.timeMin), end: Date.parse(b.timeMax) }))
      .sort((x, y) => x.start - y.start);
    expect(windows.map((w) => (w.end - w.start) / DAY)).toEqual([60, 60, 30]);
    expect(windows[0]!.start).toBe(BASE);
    expect(windows[1]!.start).toBe(windows[0]!.end);
    expect(windows[2]!.end).toBe(BASE + 150 * DAY);
    expect(windows.every((w) => w.end - w.start <= FREEBUSY_MAX_WINDOW_MS)).toBe(true);
    expect(result.calendars[CAL]).toEqual({
      ok: true,
      busy: [
        { start: BASE + HOUR, end: BASE + 2 * HOUR },
        { start: BASE + 60 * DAY - HOUR, end: BASE + 60 * DAY + HOUR },
        { start: BASE + 149 * DAY, end: BASE + 149 * DAY + HOUR },
      ],
    });
  });

  it('sends at most 50 calendars per request: 120 calendars → 3 requests per window', async () => {
    const { provider } = harness();
    const ids = Array.from({ length: 120 }, (_, i) => `room-${i}@resource.calendar.google.com`);
    for (const id of ids) fake.addCalendar({ id });
    fake.seed(ids[119]!, [{ id: 'last', start: BASE + HOUR, end: BASE + 2 * HOUR }]);

    const oneWindow = await provider.getBusy({ calendarIds: ids, range: { start: BASE, end: BASE + DAY } });
    expect(freeBusyBodies().map((b) => b.items.length)).toEqual([50, 50, 20]);
    expect(new Set(freeBusyBodies().flatMap((b) => b.items.map((i) => i.id))).size).toBe(120);
    expect(Object.keys(oneWindow.calendars)).toHaveLength(120);
    expect(oneWindow.calendars[ids[119]!]).toEqual({
      ok: true,
      busy: [{ start: BASE + HOUR, end: BASE + 2 * HOUR }],
    });

    fake.resetControls();
    await provider.getBusy({ calendarIds: ids, range: { start: BASE, end: BASE + 150 * DAY } });
    expect(fake.count(FREEBUSY)).toBe(9);
    expect(Math.max(...freeBusyBodies().map((b) => b.items.length))).toBe(50);
  });

  it('never sends an empty range (timeMax <= timeMin): answers free without a request', async () => {
    const { provider } = harness();
    const result = await provider.getBusy({ calendarIds: [CAL], range: { start: BASE, end: BASE } });
    expect(result.calendars[CAL]).toEqual({ ok: true, busy: [] });
    expect(fake.count(FREEBUSY)).toBe(0);
  });

  it('maps a per-calendar notFound inside the 200 to a not_found value and keeps the others', async () => {
    const { provider } = harness();
    fake.seed(CAL, [{ id: 'x', start: BASE + HOUR, end: BASE + 2 * HOUR }]);
    const result = await provider.getBusy({
      calendarIds: [CAL, 'ghost@example.com'],
      range: { start: BASE, end: BASE + DAY },
    });
    expect(fake.count(FREEBUSY)).toBe(1);
    expect(result.calendars['ghost@example.com']).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(result.calendars[CAL]).toEqual({ ok: true, busy: [{ start: BASE + HOUR, end: BASE + 2 * HOUR }] });
  });

  it('reports a calendar that fails in one window as failed, even if other windows had busy data', async () => {
    const { provider } = harness();
    const injected = {
      kind: 'calendar#freeBusy',
      calendars: { [CAL]: { busy: [], errors: [{ domain: 'global', reason: 'internalError' }] } },
    };
    fake.failNext(FREEBUSY, { status: 200, body: injected });
    const result = await provider.getBusy({
      calendarIds: [CAL],
      range: { start: BASE, end: BASE + 100 * DAY },
    });
    expect(fake.count(FREEBUSY)).toBe(2);
    expect(result.calendars[CAL]).toMatchObject({ ok: false, error: { code: 'provider_error' } });
  });
});

describe('retries (our withRetry; the SDK retry is off)', () => {
  const range = { start: BASE, end: BASE + DAY };

  it('honours Retry-After on 429: two requests, one wait of exactly the header value', async () => {
    const { provider, waits } = harness();
    fake.failNext(FREEBUSY, { status: 429, reason: 'rateLimitExceeded', headers: { 'Retry-After': '2' } });
    const result = await provider.getBusy({ calendarIds: [CAL], range });
    expect(result.calendars[CAL]).toEqual({ ok: true, busy: [] });
    expect(fake.count(FREEBUSY)).toBe(2);
    expect(waits).toEqual([2000]);
  });

  it('retries 403 rateLimitExceeded / userRateLimitExceeded / quotaExceeded (gaxios would not)', async () => {
    const { provider, waits } = harness();
    fake.failNext(FREEBUSY, { status: 403, reason: 'rateLimitExceeded' });
    fake.failNext(FREEBUSY, { status: 403, reason: 'userRateLimitExceeded' });
    fake.failNext(FREEBUSY, { status: 403, reason: 'quotaExceeded' });
    await provider.getBusy({ calendarIds: [CAL], range });
    expect(fake.count(FREEBUSY)).toBe(4);
    // Exponential backoff with random()=0: half of 100, 200, 400.
    expect(waits).toEqual([50, 100, 200]);
  });

  it('gives up after the bounded attempts on persistent 503 with ProviderError unavailable', async () => {
    const { provider } = harness({ attempts: 3 });
    fake.failNext(FREEBUSY, { status: 503, reason: 'backendError' }, 5);
    const failure = provider.getBusy({ calendarIds: [CAL], range });
    await expect(failure).rejects.toBeInstanceOf(ProviderError);
    await expect(failure).rejects.toMatchObject({ code: 'unavailable', status: 503, provider: 'google' });
    expect(fake.count(FREEBUSY)).toBe(3);
  });

  it('surfaces rate_limited after the bounded attempts on persistent 429', async () => {
    const { provider, waits } = harness({ attempts: 2 });
    fake.failNext(FREEBUSY, { status: 429, reason: 'rateLimitExceeded', headers: { 'Retry-After': '7' } }, 2);
    await expect(provider.getBusy({ calendarIds: [CAL], range })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(fake.count(FREEBUSY)).toBe(2);
    expect(waits).toEqual([7000]);
  });

  it('does not retry 400 (bad request) or 403 insufficientPermissions', async () => {
    const { provider } = harness();
    fake.failNext(FREEBUSY, { status: 400, reason: 'invalid', message: 'Bad Request' });
    await expect(provider.getBusy({ calendarIds: [CAL], range })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(fake.count(FREEBUSY)).toBe(1);

    fake.failNext(FREEBUSY, { status: 403, reason: 'insufficientPermissions' });
    await expect(provider.getBusy({ calendarIds: [CAL], range })).rejects.toMatchObject({
      code: 'consent_required',
    });
    expect(fake.count(FREEBUSY)).toBe(2);
  });

  it('a 403 dailyLimitExceeded (domain usageLimits) is rate_limited, retried, never read_only (issue #20)', async () => {
    const { provider } = harness({ attempts: 2 });
    fake.failNext(INSERT, { status: 403, reason: 'dailyLimitExceeded', message: 'Daily Limit Exceeded' }, 2);
    await expect(provider.createEvent(draft('daily-limit'))).rejects.toMatchObject({
      code: 'rate_limited',
      status: 403,
    });
    expect(fake.count(INSERT)).toBe(2);
  });

  it('an undocumented 403 reason is unknown (retried by the outbox, then reported), never read_only', async () => {
    const { provider } = harness();
    fake.failNext(INSERT, { status: 403, reason: 'somethingNew', message: 'Forbidden' });
    await expect(provider.createEvent(draft('unknown-403'))).rejects.toMatchObject({
      code: 'unknown',
      status: 403,
    });
    expect(fake.count(INSERT)).toBe(1);
  });

  it('does not retry a 404 on patch', async () => {
    const { provider } = harness();
    await expect(provider.updateEvent('nosuchevent1', draft('k-404'))).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });
    expect(fake.count(PATCH)).toBe(1);
  });

  it('retries a GET (calendarList) on 500 as well', async () => {
    const { provider } = harness();
    fake.failNext('GET /calendar/v3/users/me/calendarList', { status: 500, reason: 'backendError' });
    const calendars = await provider.listCalendars();
    expect(calendars.map((c) => c.id)).toEqual([CAL]);
    expect(fake.count('GET /calendar/v3/users/me/calendarList')).toBe(2);
  });
});

describe('auth', () => {
  const range = { start: BASE, end: BASE + DAY };

  it('401 (token expired early at Google) → one refresh → the request retried once with the new token', async () => {
    const { provider, tokenSource, onTokens, waits } = harness();
    const before = tokenSource.tokens.accessToken;
    fake.expireAccessTokens();
    const result = await provider.getBusy({ calendarIds: [CAL], range });
    expect(result.calendars[CAL]).toEqual({ ok: true, busy: [] });
    expect(fake.count(FREEBUSY)).toBe(2);
    expect(fake.count(TOKEN)).toBe(1);
    const [first, second] = fake.requests.filter((r) => r.route === FREEBUSY);
    expect(first).toMatchObject({ status: 401, bearer: before });
    expect(second?.status).toBe(200);
    expect(second?.bearer).not.toBe(before);
    expect(second?.bearer).toBe(tokenSource.tokens.accessToken);
    expect(onTokens).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  it('a second 401 after the refresh is not retried again: reauth_required', async () => {
    const { provider } = harness();
    fake.failNext(FREEBUSY, { status: 401, reason: 'authError', message: 'Invalid Credentials' }, 2);
    await expect(provider.getBusy({ calendarIds: [CAL], range })).rejects.toMatchObject({
      code: 'reauth_required',
      status: 401,
    });
    expect(fake.count(FREEBUSY)).toBe(2);
    expect(fake.count(TOKEN)).toBe(1);
  });

  it('invalid_grant on refresh → ProviderError reauth_required, onReauthRequired called once, no more refreshes', async () => {
    const { provider, onReauthRequired } = harness();
    fake.expireAccessTokens();
    fake.revokeRefreshToken();
    const failure = provider.getBusy({ calendarIds: [CAL], range });
    await expect(failure).rejects.toBeInstanceOf(ProviderError);
    await expect(failure).rejects.toMatchObject({ code: 'reauth_required', provider: 'google' });
    expect(onReauthRequired).toHaveBeenCalledTimes(1);
    expect(fake.count(TOKEN)).toBe(1);
    expect(fake.count(FREEBUSY)).toBe(1);

    await expect(provider.listCalendars()).rejects.toMatchObject({ code: 'reauth_required' });
    expect(fake.count(TOKEN)).toBe(1);
    expect(onReauthRequired).toHaveBeenCalledTimes(1);
  });

  it('never puts the bearer token into the thrown error', async () => {
    const { provider, tokenSource } = harness();
    fake.failNext(FREEBUSY, { status: 400, reason: 'invalid' });
    const error = await provider.getBusy({ calendarIds: [CAL], range }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    const serialised = JSON.stringify(error, Object.getOwnPropertyNames(error));
    expect(serialised).not.toContain(tokenSource.tokens.accessToken);
    expect(JSON.stringify((error as ProviderError).cause)).not.toContain(tokenSource.tokens.accessToken);
  });
});

describe('createEvent', () => {
  it('sends a client-set base32hex id, sendUpdates=all and attendees; no conference unless asked', async () => {
    const { provider } = harness();
    const written = await provider.createEvent(draft('booking-42'));
    const id = eventIdFromKey('booking-42');
    expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(written.eventId).toBe(id);
    const insert = fake.requests.find((r) => r.route === INSERT)!;
    expect(insert.query).toMatchObject({ sendUpdates: 'all' });
    expect(insert.query).not.toHaveProperty('conferenceDataVersion');
    expect(insert.body).toMatchObject({
      id,
      summary: 'Quarterly planning',
      start: { dateTime: new Date(BASE + 9 * HOUR).toISOString(), timeZone: 'Europe/Paris' },
      attendees: [
        { email: 'ada@example.com', displayName: 'Ada' },
        { email: 'bob@example.com', optional: true },
      ],
    });
    expect(insert.body).not.toHaveProperty('conferenceData');
    expect(written.conferenceUrl).toBeUndefined();
    expect(fake.stored(CAL).map((e) => [e.id, e.start, e.end])).toEqual([
      [id, BASE + 9 * HOUR, BASE + 10 * HOUR],
    ]);
  });

  it('derives different ids from different keys, the same id from the same key', () => {
    expect(eventIdFromKey('a')).toBe(eventIdFromKey('a'));
    expect(eventIdFromKey('a')).not.toBe(eventIdFromKey('b'));
    expect(eventIdFromKey('a')).toHaveLength(52);
  });

  it('a retried insert whose first response was lost (503 after commit) gets 409 → returns the stored event', async () => {
    const { provider } = harness();
    fake.failNext(INSERT, { status: 503, reason: 'backendError', afterProcessing: true });
    const written = await provider.createEvent(draft('lost-response-1'));
    expect(fake.count(INSERT)).toBe(2);
    expect(fake.requests.filter((r) => r.route === INSERT).map((r) => r.status)).toEqual([503, 409]);
    expect(fake.count(GET)).toBe(1);
    expect(written.eventId).toBe(eventIdFromKey('lost-response-1'));
    expect(written.etag).toEqual(expect.any(String));
    expect(fake.stored(CAL)).toHaveLength(1);
  });

  it('refuses (conflict) when the key’s event was created and later deleted, instead of resurrecting it', async () => {
    const { provider } = harness();
    const first = await provider.createEvent(draft('deleted-later'));
    await provider.deleteEvent(CAL, first.eventId);
    await expect(provider.createEvent(draft('deleted-later'))).rejects.toMatchObject({ code: 'conflict' });
    expect(fake.stored(CAL)).toHaveLength(0);
  });

  it('asks for Meet with conferenceDataVersion=1 and polls while pending, then returns the link', async () => {
    const { provider, waits } = harness();
    fake.setConferencePendingPolls(2);
    const written = await provider.createEvent(draft('meet-1', { conference: true }));
    const insert = fake.requests.find((r) => r.route === INSERT)!;
    expect(insert.query).toMatchObject({ conferenceDataVersion: '1', sendUpdates: 'all' });
    expect(insert.body).toMatchObject({
      conferenceData: {
        createRequest: { requestId: 'meet-1', conferenceSolutionKey: { type: 'hangoutsMeet' } },
      },
    });
    // Insert answered pending; two GETs still pending; the third has the link (waits double).
    expect(fake.count(GET)).toBe(3);
    expect(waits).toEqual([500, 1000, 2000]);
    expect(written.conferenceUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
  });

  it('returns the link at once when Meet is ready in the insert response (no polling)', async () => {
    const { provider } = harness();
    const written = await provider.createEvent(draft('meet-ready', { conference: true }));
    expect(fake.count(GET)).toBe(0);
    expect(written.conferenceUrl).toMatch(/^https:\/\/meet\.google\.com\//);
  });

  it('stops polling after the bounded number of polls and returns the event without a link', async () => {
    const { provider } = harness();
    fake.setConferencePendingPolls(100);
    const written = await provider.createEvent(draft('meet-stuck', { conference: true }));
    expect(fake.count(GET)).toBe(5);
    expect(written.eventId).toBe(eventIdFromKey('meet-stuck'));
    expect(written.conferenceUrl).toBeUndefined();
  });

  it('refuses writes to a read-only calendar with read_only (403, not retried)', async () => {
    const { provider } = harness();
    fake.addCalendar({ id: 'holidays@group.v.calendar.google.com', accessRole: 'reader' });
    await expect(
      provider.createEvent(draft('ro', { calendarId: 'holidays@group.v.calendar.google.com' })),
    ).rejects.toMatchObject({ code: 'read_only', status: 403 });
    expect(fake.count(INSERT)).toBe(1);
  });
});

describe('update and delete', () => {
  it('patches times with sendUpdates=all', async () => {
    const { provider } = harness();
    const created = await provider.createEvent(draft('move-me'));
    const moved = await provider.updateEvent(
      created.eventId,
      draft('move-me', { start: BASE + 14 * HOUR, end: BASE + 15 * HOUR }),
    );
    expect(moved.eventId).toBe(created.eventId);
    expect(moved.etag).not.toBe(created.etag);
    expect(fake.requests.find((r) => r.route === PATCH)?.query).toMatchObject({ sendUpdates: 'all' });
    expect(fake.stored(CAL).map((e) => [e.start, e.end])).toEqual([[BASE + 14 * HOUR, BASE + 15 * HOUR]]);
  });

  it('treats 410 (already deleted) and 404 (never existed) as success', async () => {
    const { provider } = harness();
    const created = await provider.createEvent(draft('delete-me'));
    await provider.deleteEvent(CAL, created.eventId);
    await provider.deleteEvent(CAL, created.eventId);
    await provider.deleteEvent(CAL, 'neverexisted1');
    expect(fake.requests.filter((r) => r.route === DELETE).map((r) => r.status)).toEqual([204, 410, 404]);
    expect(fake.stored(CAL)).toEqual([]);
  });

  it('still fails a delete on an outage (not "already gone")', async () => {
    const { provider } = harness({ attempts: 2 });
    fake.failNext(DELETE, { status: 500, reason: 'backendError' }, 2);
    await expect(provider.deleteEvent(CAL, 'whatever1')).rejects.toMatchObject({ code: 'unavailable' });
    expect(fake.count(DELETE)).toBe(2);
  });
});

describe('listCalendars', () => {
  it('follows pageToken across pages and maps access roles to writable', async () => {
    const { provider } = harness();
    fake.addCalendar({ id: 'writer@group.calendar.google.com', accessRole: 'writer', summary: 'Shared' });
    fake.addCalendar({ id: 'reader@group.calendar.google.com', accessRole: 'reader' });
    fake.addCalendar({ id: 'fb@example.com', accessRole: 'freeBusyReader', timeZone: 'Europe/Paris' });
    fake.addCalendar({ id: 'fifth@group.calendar.google.com', accessRole: 'owner' });
    const calendars = await provider.listCalendars();
    expect(fake.count('GET /calendar/v3/users/me/calendarList')).toBe(3);
    expect(calendars.map((c) => [c.id, c.writable, c.primary])).toEqual([
      [CAL, true, true],
      ['writer@group.calendar.google.com', true, false],
      ['reader@group.calendar.google.com', false, false],
      ['fb@example.com', false, false],
      ['fifth@group.calendar.google.com', true, false],
    ]);
    expect(calendars.find((c) => c.id === 'fb@example.com')?.timeZone).toBe('Europe/Paris');
    expect(calendars.find((c) => c.id === 'writer@group.calendar.google.com')?.name).toBe('Shared');
  });
});
