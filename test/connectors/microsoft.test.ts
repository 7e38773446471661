/**
 * MicrosoftCalendarProvider against the TLS Graph fake: chunking, retries with exact request counts and
 * honoured Retry-After (recorded by the injected sleep, no real waiting), 401 → refresh → retry once,
 * rolling refresh tokens, invalid_grant → reauth_required, the MailboxConcurrency cap, Windows zones,
 * Teams links and transactionId idempotency.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventDraft } from '../../src/app/ports/provider.ts';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import { MicrosoftOAuthClient } from '../../src/connectors/microsoft/oauth.ts';
import { MicrosoftCalendarProvider } from '../../src/connectors/microsoft/provider.ts';
import { RefreshingTokenSource, type StoredTokens } from '../../src/connectors/oauth/token-source.ts';
import type { RetryPolicy } from '../../src/connectors/retry.ts';
import { DAY, HOUR, MINUTE } from '../../src/core/interval.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeMicrosoft } from '../fakes/microsoft/server.ts';

/** Token-source and transport clock (pinned). The fake checks token expiry against real time. */
const T0 = Date.UTC(2030, 3, 1, 8);
const BASE = Date.UTC(2030, 4, 6); // Monday 6 May 2030, 00:00 UTC
const at = (day: number, hour: number, minute = 0) => BASE + day * DAY + hour * HOUR + minute * MINUTE;
const GET_SCHEDULE = 'POST /v1.0/me/calendar/getSchedule';
const TOKEN = 'POST /organizations/oauth2/v2.0/token';

let fake: FakeMicrosoft;
let counter = 0;

beforeAll(async () => {
  fake = await FakeMicrosoft.start();
});

afterAll(async () => {
  await fake?.close();
});

interface Harness {
  mailbox: string;
  provider: MicrosoftCalendarProvider;
  tokenSource: RefreshingTokenSource;
  waits: number[];
  persisted: StoredTokens[];
  reauth: ProviderError[];
  issued: { accessToken: string; refreshToken: string };
}

function harness(
  options: {
    teams?: boolean;
    attempts?: number;
    maxConcurrency?: number;
    calendars?: Array<{ name: string; canEdit?: boolean }>;
  } = {},
): Harness {
  counter += 1;
  const mailbox = `user-${counter}@contoso.test`;
  fake.addMailbox(mailbox, {
    ...(options.teams === undefined ? {} : { teams: options.teams }),
    ...(options.calendars ? { calendars: options.calendars } : {}),
  });
  const waits: number[] = [];
  const policy: RetryPolicy = {
    attempts: options.attempts ?? 4,
    baseDelayMs: 100,
    maxDelayMs: 60_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0,
  };
  const oauth = new MicrosoftOAuthClient({
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    tenant: 'organizations',
    authorityHost: fake.authorityHost,
    fetch: fake.fetch,
    clock: () => T0,
    retryPolicy: policy,
  });
  const issued = fake.issueTokens(mailbox);
  const persisted: StoredTokens[] = [];
  const reauth: ProviderError[] = [];
  const tokenSource = new RefreshingTokenSource({
    tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: T0 + HOUR },
    refresh: oauth.refreshFunction,
    onTokens: (tokens) => {
      persisted.push(tokens);
    },
    onReauthRequired: (error) => {
      reauth.push(error);
    },
    clock: () => T0,
  });
  const provider = new MicrosoftCalendarProvider({
    tokenSource,
    mailbox,
    baseUrl: fake.graphBaseUrl,
    fetch: fake.fetch,
    clock: () => T0,
    retryPolicy: policy,
    ...(options.maxConcurrency ? { maxConcurrency: options.maxConcurrency } : {}),
  });
  return { mailbox, provider, tokenSource, waits, persisted, reauth, issued };
}

function draft(h: Harness, key: string, conference = false): EventDraft {
  return {
    idempotencyKey: key,
    calendarId: h.mailbox,
    title: 'Quarterly planning',
    description: 'Booked by Convene',
    start: at(1, 9),
    end: at(1, 10),
    timeZone: 'Europe/Paris',
    attendees: [
      { email: 'grace@contoso.test', name: 'Grace' },
      { email: 'alan@contoso.test', optional: true },
    ],
    conference,
  };
}

const busyOf = (result: Awaited<ReturnType<MicrosoftCalendarProvider['getBusy']>>, id: string) => {
  const entry = result.calendars[id];
  if (!entry?.ok) throw new Error(`expected busy for ${id}, got ${JSON.stringify(entry)}`);
  return entry.busy;
};

beforeEach(() => {
  fake.resetObservations();
  fake.clearFailures();
});

afterEach(() => {
  fake.setLatency(0);
  fake.respondInTimeZone(undefined);
  fake.requireConsent(false);
  fake.setMailboxConcurrencyLimit(4);
});

describe('getBusy chunking', () => {
  it('splits 25 schedules × 150 days into 2 × 3 = 6 getSchedule calls within the limits', async () => {
    const h = harness();
    const colleagues = Array.from({ length: 24 }, (_, i) => `colleague-${counter}-${i}@contoso.test`);
    for (const c of colleagues) fake.addMailbox(c);
    const last = colleagues.at(-1)!; // 25th schedule: second group of 20
    fake.seed(h.mailbox, [{ title: 'Early', start: at(0, 9), end: at(0, 10) }]);
    fake.seed(last, [
      { title: 'Near the start', start: at(0, 11), end: at(0, 12) },
      // Crosses the 61-day window boundary: must come back as one merged block.
      { title: 'Across windows', start: at(60, 22), end: at(61, 2) },
      { title: 'Near the end', start: at(149, 20), end: at(149, 21) },
    ]);
    const ids = [h.mailbox, ...colleagues];
    const range = { start: at(0, 0), end: at(150, 0) };

    const result = await h.provider.getBusy({ calendarIds: ids, range });

    expect(fake.count(GET_SCHEDULE)).toBe(6);
    const sent = fake.requestsFor(GET_SCHEDULE);
    for (const request of sent) {
      const body = request.body as {
        schedules: string[];
        startTime: { dateTime: string; timeZone: string };
        endTime: { dateTime: string; timeZone: string };
        availabilityViewInterval: number;
      };
      expect(body.schedules.length).toBeLessThanOrEqual(20);
      expect(body.startTime.timeZone).toBe('UTC');
      expect(body.endTime.timeZone).toBe('UTC');
      expect([5, 15]).toContain(body.availabilityViewInterval);
      expect(request.headers.prefer).toBe('outlook.timezone="UTC"');
    }
    expect(fake.state.scheduleWindows.map((w) => w.schedules).sort((a, b) => a - b)).toEqual([
      5, 5, 5, 20, 20, 20,
    ]);
    for (const w of fake.state.scheduleWindows) expect(w.end - w.start).toBeLessThan(62 * DAY);
    // The windows tile the range exactly.
    const starts = [...new Set(fake.state.scheduleWindows.map((w) => w.start))].sort((a, b) => a - b);
    expect(starts).toEqual([at(0, 0), at(61, 0), at(122, 0)]);

    expect(Object.keys(result.calendars)).toEqual(ids);
    expect(busyOf(result, h.mailbox)).toEqual([{ start: at(0, 9), end: at(0, 10) }]);
    expect(busyOf(result, last)).toEqual([
      { start: at(0, 11), end: at(0, 12) },
      { start: at(60, 22), end: at(61, 2) },
      { start: at(149, 20), end: at(149, 21) },
    ]);
    expect(busyOf(result, colleagues[0]!)).toEqual([]);
  });

  it('deduplicates repeated ids and answers one call for a short range', async () => {
    const h = harness();
    await h.provider.getBusy({
      calendarIds: [h.mailbox, h.mailbox],
      range: { start: at(0, 0), end: at(1, 0) },
    });
    expect(fake.count(GET_SCHEDULE)).toBe(1);
    expect((fake.requestsFor(GET_SCHEDULE)[0]!.body as { schedules: string[] }).schedules).toEqual([
      h.mailbox,
    ]);
  });

  it('the fake rejects what the chunking avoids: 21 schedules and a 62-day window', async () => {
    const h = harness();
    const headers = {
      authorization: `Bearer ${h.issued.accessToken}`,
      'content-type': 'application/json',
    };
    const post = (body: unknown) =>
      fake.fetch(`${fake.origin}/v1.0/me/calendar/getSchedule`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
    const utc = (ms: number) => ({ dateTime: new Date(ms).toISOString().slice(0, 19), timeZone: 'UTC' });
    const tooMany = await post({
      schedules: Array.from({ length: 21 }, (_, i) => `x${i}@contoso.test`),
      startTime: utc(at(0, 0)),
      endTime: utc(at(1, 0)),
    });
    expect(tooMany.status).toBe(400);
    const tooLong = await post({ schedules: [h.mailbox], startTime: utc(at(0, 0)), endTime: utc(at(62, 0)) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { code: string } }).error.code).toBe(
      'ErrorTimeIntervalTooBig',
    );
  });
});

describe('getBusy mapping', () => {
  it('reads Windows zone names in responses (a server ignoring the Prefer header)', async () => {
    const h = harness();
    fake.respondInTimeZone('W. Europe Standard Time');
    fake.seed(h.mailbox, [
      // 09:00–10:00 UTC in May = 11:00–12:00 W. Europe (CEST).
      { title: 'Summer', start: at(0, 9), end: at(0, 10) },
      { title: 'Tentative', start: at(0, 13), end: at(0, 14), showAs: 'tentative' },
      { title: 'OOF', start: at(0, 15), end: at(0, 16), showAs: 'oof' },
      { title: 'WFH', start: at(0, 16), end: at(0, 17), showAs: 'workingElsewhere' },
      { title: 'Free', start: at(0, 18), end: at(0, 19), showAs: 'free' },
    ]);
    const result = await h.provider.getBusy({
      calendarIds: [h.mailbox],
      range: { start: at(0, 0), end: at(1, 0) },
    });
    const raw = fake.requestsFor(GET_SCHEDULE);
    expect(raw).toHaveLength(1);
    expect(busyOf(result, h.mailbox)).toEqual([
      { start: at(0, 9), end: at(0, 10) },
      { start: at(0, 13), end: at(0, 14) },
      { start: at(0, 15), end: at(0, 17) },
    ]);
  });

  it('drops tentative items when asked to treat tentative as free (issue #15), keeps them busy otherwise', async () => {
    const h = harness();
    fake.seed(h.mailbox, [
      { title: 'Sure', start: at(0, 9), end: at(0, 10) },
      { title: 'Maybe', start: at(0, 13), end: at(0, 14), showAs: 'tentative' },
    ]);
    const range = { start: at(0, 0), end: at(1, 0) };
    const busy = await h.provider.getBusy({ calendarIds: [h.mailbox], range, tentative: 'busy' });
    expect(busyOf(busy, h.mailbox)).toEqual([
      { start: at(0, 9), end: at(0, 10) },
      { start: at(0, 13), end: at(0, 14) },
    ]);
    const free = await h.provider.getBusy({ calendarIds: [h.mailbox], range, tentative: 'free' });
    expect(busyOf(free, h.mailbox)).toEqual([{ start: at(0, 9), end: at(0, 10) }]);
  });

  it('keeps an unknown schedule as a per-calendar not_found value next to a good one', async () => {
    const h = harness();
    fake.seed(h.mailbox, [{ title: 'Known', start: at(0, 9), end: at(0, 10) }]);
    const missing = `ghost-${counter}@contoso.test`;
    const result = await h.provider.getBusy({
      calendarIds: [missing, h.mailbox],
      range: { start: at(0, 0), end: at(1, 0) },
    });
    expect(fake.count(GET_SCHEDULE)).toBe(1);
    expect(result.calendars[missing]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(busyOf(result, h.mailbox)).toEqual([{ start: at(0, 9), end: at(0, 10) }]);
  });

  it('answers a secondary calendar id with a per-calendar provider_error without calling Graph for it', async () => {
    const h = harness({ calendars: [{ name: 'Side project' }] });
    const side = fake.mailbox(h.mailbox).calendars[1]!.id;
    const result = await h.provider.getBusy({
      calendarIds: [side],
      range: { start: at(0, 0), end: at(1, 0) },
    });
    expect(result.calendars[side]).toMatchObject({ ok: false, error: { code: 'provider_error' } });
    expect(fake.count(GET_SCHEDULE)).toBe(0);
  });
});

describe('retries', () => {
  it('retries 429 honouring Retry-After in seconds: exact request count and recorded waits', async () => {
    const h = harness();
    fake.failNext(GET_SCHEDULE, { status: 429, headers: { 'Retry-After': '2' } }, 2);
    const result = await h.provider.getBusy({
      calendarIds: [h.mailbox],
      range: { start: at(0, 0), end: at(1, 0) },
    });
    expect(busyOf(result, h.mailbox)).toEqual([]);
    expect(fake.count(GET_SCHEDULE)).toBe(3);
    expect(h.waits).toEqual([2000, 2000]);
  });

  it('honours Retry-After given as an HTTP date against the injected clock', async () => {
    const h = harness();
    fake.failNext(GET_SCHEDULE, {
      status: 503,
      headers: { 'Retry-After': new Date(T0 + 7000).toUTCString() },
    });
    await h.provider.getBusy({ calendarIds: [h.mailbox], range: { start: at(0, 0), end: at(1, 0) } });
    expect(fake.count(GET_SCHEDULE)).toBe(2);
    expect(h.waits).toEqual([7000]);
  });

  it('backs off exponentially on 504 without Retry-After', async () => {
    const h = harness();
    fake.failNext(GET_SCHEDULE, { status: 504 }, 3);
    await h.provider.getBusy({ calendarIds: [h.mailbox], range: { start: at(0, 0), end: at(1, 0) } });
    expect(fake.count(GET_SCHEDULE)).toBe(4);
    // base 100 ms, random() = 0 → half of 100, 200, 400.
    expect(h.waits).toEqual([50, 100, 200]);
  });

  it('gives up after the bounded attempts with rate_limited', async () => {
    const h = harness({ attempts: 3 });
    fake.failNext(GET_SCHEDULE, { status: 429, headers: { 'Retry-After': '1' } }, 3);
    const attempt = h.provider.getBusy({
      calendarIds: [h.mailbox],
      range: { start: at(0, 0), end: at(1, 0) },
    });
    await expect(attempt).rejects.toBeInstanceOf(ProviderError);
    await expect(attempt).rejects.toMatchObject({ code: 'rate_limited', status: 429, provider: 'microsoft' });
    expect(fake.count(GET_SCHEDULE)).toBe(3);
    expect(h.waits).toEqual([1000, 1000]);
  });

  it('retries a dropped connection (no response) and then succeeds', async () => {
    const h = harness();
    fake.failNext(GET_SCHEDULE, { status: 0, resetConnection: true });
    const result = await h.provider.getBusy({
      calendarIds: [h.mailbox],
      range: { start: at(0, 0), end: at(1, 0) },
    });
    expect(busyOf(result, h.mailbox)).toEqual([]);
    expect(fake.count(GET_SCHEDULE)).toBe(2);
    expect(h.waits).toEqual([50]);
  });

  it('stops on an aborted signal without sending anything', async () => {
    const h = harness();
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    await expect(
      h.provider.getBusy({
        calendarIds: [h.mailbox],
        range: { start: at(0, 0), end: at(1, 0) },
        signal: controller.signal,
      }),
    ).rejects.toThrow('user cancelled');
    expect(fake.count(GET_SCHEDULE)).toBe(0);
  });

  it('does not retry 400 or 404', async () => {
    const h = harness();
    fake.failNext(GET_SCHEDULE, { status: 400, code: 'ErrorInvalidParameter' });
    await expect(
      h.provider.getBusy({ calendarIds: [h.mailbox], range: { start: at(0, 0), end: at(1, 0) } }),
    ).rejects.toMatchObject({ code: 'invalid_request', status: 400 });
    expect(fake.count(GET_SCHEDULE)).toBe(1);

    await expect(h.provider.updateEvent('AAMk-does-not-exist', draft(h, 'k-404'))).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });
    expect(fake.count('PATCH /v1.0/me/events/*')).toBe(1);
    expect(h.waits).toEqual([]);
  });
});

describe('tokens', () => {
  it('401 InvalidAuthenticationToken → one refresh → the request is repeated once', async () => {
    const h = harness();
    fake.expireAccessTokens();
    const result = await h.provider.getBusy({
      calendarIds: [h.mailbox],
      range: { start: at(0, 0), end: at(1, 0) },
    });
    expect(busyOf(result, h.mailbox)).toEqual([]);
    expect(fake.requestsFor(GET_SCHEDULE).map((r) => r.status)).toEqual([401, 200]);
    expect(fake.count(TOKEN)).toBe(1);
    expect(h.persisted).toHaveLength(1);
    expect(h.tokenSource.tokens.accessToken).not.toBe(h.issued.accessToken);
  });

  it('refreshes once for concurrent requests that all got 401', async () => {
    const h = harness();
    fake.expireAccessTokens();
    const range = { start: at(0, 0), end: at(1, 0) };
    await Promise.all([1, 2, 3].map(() => h.provider.getBusy({ calendarIds: [h.mailbox], range })));
    expect(fake.count(TOKEN)).toBe(1);
    expect(fake.requestsFor(GET_SCHEDULE).filter((r) => r.status === 200)).toHaveLength(3);
  });

  it('a second 401 after the refresh is not retried again: reauth_required, tokens never in messages', async () => {
    const h = harness();
    fake.failNext(GET_SCHEDULE, { status: 401, code: 'InvalidAuthenticationToken' }, 2);
    const error = await h.provider
      .getBusy({ calendarIds: [h.mailbox], range: { start: at(0, 0), end: at(1, 0) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'reauth_required', status: 401 });
    expect(fake.count(GET_SCHEDULE)).toBe(2);
    expect(fake.count(TOKEN)).toBe(1);
    const text = `${(error as Error).message} ${String((error as Error).stack)}`;
    for (const secret of [h.issued.accessToken, h.issued.refreshToken, h.tokenSource.tokens.accessToken]) {
      expect(text).not.toContain(secret);
    }
  });

  it('persists the rolling refresh token on every refresh', async () => {
    const h = harness();
    const range = { start: at(0, 0), end: at(1, 0) };
    for (let i = 0; i < 3; i++) {
      fake.expireAccessTokens();
      await h.provider.getBusy({ calendarIds: [h.mailbox], range });
    }
    expect(fake.count(TOKEN)).toBe(3);
    const refreshTokens = h.persisted.map((t) => t.refreshToken);
    expect(refreshTokens).toHaveLength(3);
    expect(new Set([h.issued.refreshToken, ...refreshTokens]).size).toBe(4);
    // Each refresh presented the newest token and persisted the one the fake just issued.
    expect(refreshTokens).toEqual(fake.issuedRefreshTokens.slice(-3));
    const presented = fake.requestsFor(TOKEN).map((r) => (r.body as { refresh_token: string }).refresh_token);
    expect(presented).toEqual([h.issued.refreshToken, refreshTokens[0], refreshTokens[1]]);
    expect(h.tokenSource.tokens.refreshToken).toBe(refreshTokens[2]);
  });

  it.each(['AADSTS700082', 'AADSTS50173'])(
    '%s on refresh → reauth_required and onReauthRequired once',
    async (code) => {
      const h = harness();
      fake.revokeRefreshToken(code, h.mailbox);
      fake.expireAccessTokens();
      const range = { start: at(0, 0), end: at(1, 0) };
      const first = h.provider.getBusy({ calendarIds: [h.mailbox], range });
      await expect(first).rejects.toMatchObject({ code: 'reauth_required', provider: 'microsoft' });
      await expect(first).rejects.toThrow(code);
      await expect(h.provider.getBusy({ calendarIds: [h.mailbox], range })).rejects.toMatchObject({
        code: 'reauth_required',
      });
      expect(h.reauth).toHaveLength(1);
      expect(fake.count(TOKEN)).toBe(1); // the dead grant is not hammered
      expect(fake.count(GET_SCHEDULE)).toBe(1); // the 401 that triggered the refresh
    },
  );

  it('AADSTS65001 on refresh → consent_required (not reauth)', async () => {
    const h = harness();
    fake.requireConsent();
    fake.expireAccessTokens();
    await expect(
      h.provider.getBusy({ calendarIds: [h.mailbox], range: { start: at(0, 0), end: at(1, 0) } }),
    ).rejects.toMatchObject({ code: 'consent_required' });
    expect(h.reauth).toEqual([]);
  });
});

describe('MailboxConcurrency', () => {
  it('20 parallel queries never have more than 4 requests in flight at the fake', async () => {
    const h = harness();
    fake.setLatency(30);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.provider.getBusy({ calendarIds: [h.mailbox], range: { start: at(i, 0), end: at(i + 1, 0) } }),
      ),
    );
    expect(results.every((r) => r.calendars[h.mailbox]?.ok)).toBe(true);
    expect(fake.count(GET_SCHEDULE)).toBe(20);
    expect(fake.requestsFor(GET_SCHEDULE).every((r) => r.status === 200)).toBe(true);
    expect(fake.maxInFlight(h.mailbox)).toBeLessThanOrEqual(4);
    expect(fake.maxInFlight(h.mailbox)).toBeGreaterThan(1); // the cap is a limit, not serialisation
  });

  it('the fake answers 429 "MailboxConcurrency" when a client exceeds 4 in flight', async () => {
    const h = harness({ maxConcurrency: 10, attempts: 1 });
    fake.setLatency(60);
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        h.provider.getBusy({ calendarIds: [h.mailbox], range: { start: at(i, 0), end: at(i + 1, 0) } }),
      ),
    );
    const throttled = fake.requestsFor(GET_SCHEDULE).filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(throttled.length);
    expect(fake.maxInFlight(h.mailbox)).toBe(4);
  });
});

describe('writes', () => {
  it('creates with a deterministic transactionId, Windows zone, attendees and a Teams link', async () => {
    const h = harness({ teams: true });
    const written = await h.provider.createEvent(draft(h, 'booking-42', true));
    expect(written.conferenceUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(written.eventId.length).toBeGreaterThan(0);
    expect(written.iCalUID).toEqual(expect.any(String));
    const [request] = fake.requestsFor('POST /v1.0/me/events');
    const body = request!.body as Record<string, unknown>;
    expect(body.transactionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(body.isOnlineMeeting).toBe(true);
    expect(body.onlineMeetingProvider).toBe('teamsForBusiness');
    // 09:00 UTC on 7 May 2030 is 11:00 in Paris (CEST), sent as the Windows zone Graph knows.
    expect(body.start).toEqual({ dateTime: '2030-05-07T11:00:00', timeZone: 'Romance Standard Time' });
    expect(body.attendees).toEqual([
      { emailAddress: { address: 'grace@contoso.test', name: 'Grace' }, type: 'required' },
      { emailAddress: { address: 'alan@contoso.test' }, type: 'optional' },
    ]);
    const [stored] = fake.storedEvents(h.mailbox);
    expect([stored!.start, stored!.end]).toEqual([at(1, 9), at(1, 10)]);
  });

  it('a tenant without Teams still books the event, without a link', async () => {
    const h = harness({ teams: false });
    const written = await h.provider.createEvent(draft(h, 'no-teams', true));
    expect(written.conferenceUrl).toBeUndefined();
    expect(fake.storedEvents(h.mailbox)).toHaveLength(1);
  });

  it('a create whose response was lost is retried with the same transactionId: one event', async () => {
    const h = harness();
    fake.failNext('POST /v1.0/me/events', { status: 504, afterHandling: true });
    const written = await h.provider.createEvent(draft(h, 'lost-response'));
    const posts = fake.requestsFor('POST /v1.0/me/events');
    expect(posts.map((p) => p.status)).toEqual([504, 201]);
    const ids = posts.map((p) => (p.body as { transactionId: string }).transactionId);
    expect(ids[0]).toBe(ids[1]);
    const stored = fake.storedEvents(h.mailbox);
    expect(stored).toHaveLength(1);
    expect(written.eventId).toBe(stored[0]!.id);
    expect(h.waits).toHaveLength(1);
  });

  it('different idempotency keys create different events', async () => {
    const h = harness();
    const a = await h.provider.createEvent(draft(h, 'key-a'));
    const b = await h.provider.createEvent(draft(h, 'key-b'));
    expect(a.eventId).not.toBe(b.eventId);
    expect(fake.storedEvents(h.mailbox)).toHaveLength(2);
  });

  it('writes to a secondary calendar through /me/calendars/{id}/events; a read-only one → read_only', async () => {
    const h = harness({ calendars: [{ name: 'Team' }, { name: 'Holidays', canEdit: false }] });
    const [, team, holidays] = fake.mailbox(h.mailbox).calendars;
    await h.provider.createEvent({ ...draft(h, 'team-1'), calendarId: team!.id });
    expect(fake.storedEvents(h.mailbox, team!.id)).toHaveLength(1);
    expect(fake.count(`POST /v1.0/me/calendars/${team!.id}/events`)).toBe(1);
    await expect(
      h.provider.createEvent({ ...draft(h, 'hol-1'), calendarId: holidays!.id }),
    ).rejects.toMatchObject({
      code: 'read_only',
      status: 403,
    });
    await expect(
      h.provider.createEvent({ ...draft(h, 'other-1'), calendarId: 'someone-else@contoso.test' }),
    ).rejects.toMatchObject({ code: 'read_only' });
  });

  it('delete of an event that is already gone succeeds (404 is not retried)', async () => {
    const h = harness();
    await expect(h.provider.deleteEvent(h.mailbox, 'AAMk-gone')).resolves.toBeUndefined();
    expect(fake.requestsFor('DELETE /v1.0/me/events/*').map((r) => r.status)).toEqual([404]);
  });
});

describe('listCalendars', () => {
  it('follows @odata.nextLink and maps the default calendar to the mailbox address', async () => {
    const h = harness({
      calendars: [{ name: 'A' }, { name: 'B', canEdit: false }, { name: 'C' }, { name: 'D' }],
    });
    fake.setCalendarPageSize(2);
    try {
      const calendars = await h.provider.listCalendars();
      expect(fake.count('GET /v1.0/me/calendars')).toBe(3);
      expect(calendars.map((c) => c.name)).toEqual(['Calendar', 'A', 'B', 'C', 'D']);
      expect(calendars[0]).toEqual({ id: h.mailbox, name: 'Calendar', primary: true, writable: true });
      const graphIds = fake.mailbox(h.mailbox).calendars.map((c) => c.id);
      expect(calendars.slice(1).map((c) => c.id)).toEqual(graphIds.slice(1));
      expect(calendars.map((c) => c.writable)).toEqual([true, true, false, true, true]);
    } finally {
      fake.setCalendarPageSize(10);
    }
  });
});
