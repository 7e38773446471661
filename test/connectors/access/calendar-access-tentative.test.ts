/**
 * Issue #15: a tentative event is busy by default and free for a person who treats tentative as free.
 * The real IcsProvider reads a feed served by a fake fetch; connections and preferences live in memory.
 * The preference is part of the free/busy cache key, so changing it applies to the very next read.
 */
import { describe, expect, it } from 'vitest';
import type {
  CalendarConnection,
  CalendarConnectionRepository,
  Preferences,
} from '../../../src/app/ports/store.ts';
import { CalendarAccess } from '../../../src/connectors/access/calendar-access.ts';
import { createProviderFactory } from '../../../src/connectors/access/providers.ts';
import { FeedDownloads } from '../../../src/connectors/ics/feed-cache.ts';

const START = Date.UTC(2030, 2, 4);
const HOUR = 3_600_000;
const RANGE = { start: START, end: START + 24 * HOUR };
const FEED = 'https://calendars.example.test/me.ics';

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'UID:confirmed@convene.test',
  'DTSTART:20300304T090000Z',
  'DURATION:PT1H',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:maybe@convene.test',
  'STATUS:TENTATIVE',
  'DTSTART:20300304T140000Z',
  'DURATION:PT1H',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

function setup(withPreferences = true) {
  const connection: CalendarConnection = {
    id: 'c1',
    tenantId: 't1',
    personId: 'p1',
    provider: 'ics',
    account: FEED,
    busyCalendarIds: [FEED],
    writeCalendarId: null,
    status: 'ok',
    statusDetail: null,
    lastSyncAt: START,
    keyId: 'k',
  };
  const repo = {
    listForPerson: async () => [connection],
    listForPeople: async () => [connection],
    secrets: async () => ({}),
    secretsMany: async () => new Map(),
    setHealth: async () => true,
    markSynced: async () => 1,
  } as unknown as CalendarConnectionRepository;
  let fetches = 0;
  const providers = createProviderFactory({
    clock: () => START,
    ics: {
      // Every read that is not cached by CalendarAccess reaches the feed (no connector-side sharing).
      downloads: new FeedDownloads({ ttlMs: 0 }),
      fetch: async () => {
        fetches += 1;
        return new Response(ICS, { status: 200, headers: { 'content-type': 'text/calendar' } });
      },
    },
  } as never);
  let tentativeFree = false;
  const prefs = (personId: string): Preferences => ({
    personId,
    timeZone: 'UTC',
    locale: 'en-GB',
    workingHours: { rules: [], overrides: [] },
    tentativeFree,
    updatedAt: 0,
  });
  const calendars = new CalendarAccess({
    connections: repo,
    providers,
    notifier: { dm: async () => ({ ok: true }) },
    clock: () => START,
    ...(withPreferences
      ? {
          preferences: {
            get: async (_t: string, id: string) => prefs(id),
            getMany: async (_t: string, ids: readonly string[]) => new Map(ids.map((id) => [id, prefs(id)])),
          },
        }
      : {}),
  });
  return {
    calendars,
    fetches: () => fetches,
    setTentativeFree: (value: boolean) => {
      tentativeFree = value;
    },
  };
}

const CONFIRMED = { start: START + 9 * HOUR, end: START + 10 * HOUR };
const TENTATIVE = { start: START + 14 * HOUR, end: START + 15 * HOUR };

describe('tentative events and the "treat tentative as free" preference', () => {
  it('counts a tentative event as busy by default, and without a preferences repository', async () => {
    for (const withPreferences of [true, false]) {
      const { calendars } = setup(withPreferences);
      const read = await calendars.busyFor('t1', ['p1'], RANGE);
      expect(read.people[0]?.busy).toEqual([CONFIRMED, TENTATIVE]);
    }
  });

  it('counts it as free for a person with the preference, and a change applies to the next cached read', async () => {
    const { calendars, fetches, setTentativeFree } = setup();
    expect((await calendars.busyFor('t1', ['p1'], RANGE)).people[0]?.busy).toEqual([CONFIRMED, TENTATIVE]);
    expect(fetches()).toBe(1);

    setTentativeFree(true);
    expect((await calendars.busyFor('t1', ['p1'], RANGE)).people[0]?.busy).toEqual([CONFIRMED]);
    expect(fetches()).toBe(2);
    // Cached per preference: reading again makes no request.
    expect((await calendars.busyFor('t1', ['p1'], RANGE)).people[0]?.busy).toEqual([CONFIRMED]);
    expect(fetches()).toBe(2);

    setTentativeFree(false);
    expect((await calendars.busyFor('t1', ['p1'], RANGE)).people[0]?.busy).toEqual([CONFIRMED, TENTATIVE]);
  });
});
