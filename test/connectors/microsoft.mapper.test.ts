/** Pure Graph ↔ Convene mappings: zones, statuses, availabilityView fallback, transactionId, errors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyGraphError,
  scheduleErrorCode,
  toProviderError,
} from '../../src/connectors/microsoft/errors.ts';
import {
  calendarToRef,
  eventDateTime,
  isBusyStatus,
  normaliseBusy,
  parseGraphDateTime,
  scheduleToBusy,
  transactionIdFor,
} from '../../src/connectors/microsoft/mapper.ts';

const H = 3_600_000;

describe('parseGraphDateTime', () => {
  it('reads Windows and IANA zone names with 7 fractional digits, DST-aware', () => {
    // 15 March 2030: Pacific is on daylight time (UTC−7).
    expect(
      parseGraphDateTime({ dateTime: '2030-03-15T09:00:00.0000000', timeZone: 'Pacific Standard Time' }),
    ).toBe(Date.UTC(2030, 2, 15, 16));
    expect(
      parseGraphDateTime({ dateTime: '2030-01-15T09:00:00.0000000', timeZone: 'Pacific Standard Time' }),
    ).toBe(Date.UTC(2030, 0, 15, 17));
    expect(parseGraphDateTime({ dateTime: '2030-01-15T09:00:00.0000000', timeZone: 'Europe/Paris' })).toBe(
      Date.UTC(2030, 0, 15, 8),
    );
    expect(parseGraphDateTime({ dateTime: '2030-01-15T09:00:00.0000000', timeZone: 'UTC' })).toBe(
      Date.UTC(2030, 0, 15, 9),
    );
  });

  it('returns undefined for an unknown zone or a malformed time', () => {
    expect(
      parseGraphDateTime({ dateTime: '2030-01-15T09:00:00', timeZone: 'Mars Standard Time' }),
    ).toBeUndefined();
    expect(parseGraphDateTime({ dateTime: 'yesterday', timeZone: 'UTC' })).toBeUndefined();
  });
});

describe('statuses', () => {
  it('counts tentative, busy, oof, workingElsewhere and unknown as busy, free not; any case', () => {
    for (const s of ['busy', 'Busy', 'tentative', 'Tentative', 'oof', 'workingElsewhere', 'unknown']) {
      expect(isBusyStatus(s), s).toBe(true);
    }
    for (const s of ['free', 'Free', undefined, '']) expect(isBusyStatus(s), String(s)).toBe(false);
  });
});

describe('scheduleToBusy', () => {
  const window = { start: Date.UTC(2030, 0, 1), end: Date.UTC(2030, 0, 1, 2), intervalMinutes: 15 };

  it('drops free items and never copies subjects', () => {
    const mapped = scheduleToBusy(
      {
        scheduleId: 'a@x.test',
        scheduleItems: [
          {
            status: 'busy',
            start: { dateTime: '2030-01-01T00:30:00.0000000', timeZone: 'UTC' },
            end: { dateTime: '2030-01-01T01:00:00.0000000', timeZone: 'UTC' },
            subject: 'Secret',
          } as never,
          {
            status: 'free',
            start: { dateTime: '2030-01-01T01:00:00.0000000', timeZone: 'UTC' },
            end: { dateTime: '2030-01-01T02:00:00.0000000', timeZone: 'UTC' },
          },
        ],
      },
      window,
    );
    expect(mapped).toEqual({ ok: true, busy: [{ start: window.start + 0.5 * H, end: window.start + H }] });
  });

  it('falls back to availabilityView when scheduleItems are absent', () => {
    const mapped = scheduleToBusy({ scheduleId: 'a@x.test', availabilityView: '02001000' }, window);
    const q = 15 * 60_000;
    expect(mapped).toEqual({
      ok: true,
      busy: [
        { start: window.start + q, end: window.start + 2 * q },
        { start: window.start + 4 * q, end: window.start + 5 * q },
      ],
    });
  });

  it('keeps a tentative item and a tentative availabilityView slot busy by default, free with the preference', () => {
    const info = {
      scheduleId: 'a@x.test',
      scheduleItems: [
        {
          status: 'Tentative',
          start: { dateTime: '2030-01-01T00:00:00.0000000', timeZone: 'UTC' },
          end: { dateTime: '2030-01-01T00:30:00.0000000', timeZone: 'UTC' },
        },
        {
          status: 'busy',
          start: { dateTime: '2030-01-01T01:00:00.0000000', timeZone: 'UTC' },
          end: { dateTime: '2030-01-01T01:30:00.0000000', timeZone: 'UTC' },
        },
      ],
    };
    const tentative = { start: window.start, end: window.start + 0.5 * H };
    const busy = { start: window.start + H, end: window.start + 1.5 * H };
    expect(scheduleToBusy(info, window)).toEqual({ ok: true, busy: [tentative, busy] });
    expect(scheduleToBusy(info, window, 'free')).toEqual({ ok: true, busy: [busy] });
    const q = 15 * 60_000;
    const view = { scheduleId: 'a@x.test', availabilityView: '10200000' };
    expect(scheduleToBusy(view, window, 'busy')).toEqual({
      ok: true,
      busy: [
        { start: window.start, end: window.start + q },
        { start: window.start + 2 * q, end: window.start + 3 * q },
      ],
    });
    expect(scheduleToBusy(view, window, 'free')).toEqual({
      ok: true,
      busy: [{ start: window.start + 2 * q, end: window.start + 3 * q }],
    });
  });

  it('reports per-schedule errors and unreadable zones as values', () => {
    expect(
      scheduleToBusy(
        { scheduleId: 'x', error: { responseCode: 'ErrorMailRecipientNotFound', message: 'nope' } },
        window,
      ),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      scheduleToBusy(
        {
          scheduleItems: [
            {
              status: 'busy',
              start: { dateTime: '2030-01-01T00:30:00', timeZone: 'Nowhere Time' },
              end: { dateTime: '2030-01-01T01:00:00', timeZone: 'Nowhere Time' },
            },
          ],
        },
        window,
      ),
    ).toMatchObject({ ok: false, error: { code: 'provider_error' } });
  });

  it('maps freeBusyError codes', () => {
    expect(scheduleErrorCode('ErrorMailRecipientNotFound')).toBe('not_found');
    expect(scheduleErrorCode('ErrorInvalidRecipients')).toBe('not_found');
    expect(scheduleErrorCode('ErrorNoFreeBusyAccess')).toBe('forbidden');
    expect(scheduleErrorCode('ErrorProxyRequestProcessingFailed')).toBe('provider_error');
  });
});

describe('normaliseBusy', () => {
  it('sorts, merges overlapping and touching intervals, clips to the range', () => {
    expect(
      normaliseBusy(
        [
          { start: 50, end: 60 },
          { start: 0, end: 20 },
          { start: 20, end: 30 },
          { start: 25, end: 28 },
          { start: 95, end: 200 },
          { start: 300, end: 400 },
        ],
        { start: 10, end: 100 },
      ),
    ).toEqual([
      { start: 10, end: 30 },
      { start: 50, end: 60 },
      { start: 95, end: 100 },
    ]);
  });

  it('property: output is sorted, disjoint, inside the range and covers exactly the clipped input', () => {
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 100 }))
      .map(([s, d]) => ({ start: s, end: s + d }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 30 }), fc.integer({ min: 0, max: 300 }), (list, from) => {
        const range = { start: from, end: from + 250 };
        const out = normaliseBusy(list, range);
        for (let i = 0; i < out.length; i++) {
          expect(out[i]!.start).toBeGreaterThanOrEqual(range.start);
          expect(out[i]!.end).toBeLessThanOrEqual(range.end);
          if (i > 0) expect(out[i]!.start).toBeGreaterThan(out[i - 1]!.end);
        }
        for (let t = range.start; t < range.end; t++) {
          const inInput = list.some((x) => x.start <= t && t < x.end);
          const inOutput = out.some((x) => x.start <= t && t < x.end);
          expect(inOutput).toBe(inInput);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('transactionIdFor', () => {
  it('is a stable UUID v5 per key and differs between keys', () => {
    const a = transactionIdFor('booking-1');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(transactionIdFor('booking-1')).toBe(a);
    expect(transactionIdFor('booking-2')).not.toBe(a);
  });
});

describe('eventDateTime', () => {
  it('sends IANA zones as their Windows name, with wall time in that zone', () => {
    expect(eventDateTime(Date.UTC(2030, 6, 1, 12), 'Asia/Kathmandu')).toEqual({
      dateTime: '2030-07-01T17:45:00',
      timeZone: 'Nepal Standard Time',
    });
  });

  it('falls back to UTC for a zone Windows does not know, keeping the instant', () => {
    expect(eventDateTime(Date.UTC(2030, 6, 1, 12), 'Antarctica/Troll')).toEqual({
      dateTime: '2030-07-01T12:00:00',
      timeZone: 'UTC',
    });
  });
});

describe('errors', () => {
  const graphError = (statusCode: number, retryAfter?: string, code = 'x') => ({
    statusCode,
    code,
    headers: new Headers(retryAfter ? { 'retry-after': retryAfter } : {}),
  });

  it('retries 429/503/504 and network errors only', () => {
    expect(classifyGraphError(graphError(429, '4'), 0)).toEqual({ retry: true, retryAfterMs: 4000 });
    expect(classifyGraphError(graphError(503), 0)).toEqual({ retry: true });
    expect(classifyGraphError(graphError(504), 0)).toEqual({ retry: true });
    expect(classifyGraphError({ statusCode: -1, code: 'TypeError' }, 0)).toEqual({ retry: true });
    expect(classifyGraphError({ statusCode: -1, code: 'AbortError' }, 0)).toEqual({ retry: false });
    for (const status of [400, 401, 403, 404, 409, 500]) {
      expect(classifyGraphError(graphError(status), 0).retry, String(status)).toBe(false);
    }
  });

  it('maps final failures to typed codes', () => {
    // Only a documented access-denied code means read-only; another 403 is `unknown` (retried, then reported).
    expect(toProviderError(graphError(403, undefined, 'ErrorAccessDenied'), 'x', 'write').code).toBe(
      'read_only',
    );
    expect(toProviderError(graphError(403), 'x', 'write').code).toBe('unknown');
    expect(toProviderError(graphError(403), 'x', 'read').code).toBe('consent_required');
    expect(toProviderError(graphError(502), 'x', 'read').code).toBe('unavailable');
    expect(toProviderError({ statusCode: -1, code: 'TypeError' }, 'x', 'read').code).toBe('unavailable');
    expect(toProviderError(graphError(409), 'x', 'write').code).toBe('conflict');
  });
});

describe('calendarToRef', () => {
  it('identifies the default calendar by the mailbox address', () => {
    expect(
      calendarToRef({ id: 'AAMk1', name: 'Calendar', isDefaultCalendar: true, canEdit: true }, 'a@x.test'),
    ).toEqual({ id: 'a@x.test', name: 'Calendar', primary: true, writable: true });
    expect(calendarToRef({ id: 'AAMk2', name: 'Birthdays', canEdit: false }, 'a@x.test')).toEqual({
      id: 'AAMk2',
      name: 'Birthdays',
      primary: false,
      writable: false,
      readsBusy: false, // getSchedule cannot read a secondary calendar: it cannot count as busy
    });
  });
});
