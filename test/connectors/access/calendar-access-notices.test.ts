/**
 * Issue #15: an ICS/CalDAV calendar read with parts that could not be read stays `ok`, and the person sees
 * what was not read in `/meet status` ("1 event in your feed could not be read: …"); the rest is used.
 * The real IcsProvider reads a feed served by a fake fetch; connections live in an in-memory repository.
 */
import { describe, expect, it } from 'vitest';
import { statusDetailText } from '../../../src/app/access-status.ts';
import { unreadableDetail } from '../../../src/app/ports/connection-detail.ts';
import type { CalendarConnection, CalendarConnectionRepository } from '../../../src/app/ports/store.ts';
import { statusText } from '../../../src/bot/slack/commands/status.ts';
import { CalendarAccess } from '../../../src/connectors/access/calendar-access.ts';
import { createProviderFactory } from '../../../src/connectors/access/providers.ts';

const START = Date.UTC(2030, 2, 4);
const RANGE = { start: START, end: START + 86_400_000 };
const FEED = 'https://calendars.example.test/me.ics';

function feed(bad: boolean): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:good@convene.test',
    'DTSTART:20300304T090000Z',
    'DURATION:PT1H',
    'END:VEVENT',
    ...(bad ? ['BEGIN:VEVENT', 'UID:bad@convene.test', 'DTSTART:2030030', 'END:VEVENT'] : []),
    'END:VCALENDAR',
  ].join('\r\n');
}

function setup() {
  let connection: CalendarConnection = {
    id: 'c1',
    tenantId: 't1',
    personId: 'p1',
    provider: 'ics',
    account: FEED,
    busyCalendarIds: [FEED],
    writeCalendarId: null,
    status: 'ok',
    statusDetail: null,
    lastSyncAt: null,
    keyId: 'k',
  };
  const writes: string[] = [];
  const repo = {
    listForPerson: async () => [connection],
    listForPeople: async () => [connection],
    secrets: async () => ({}),
    secretsMany: async () => new Map(),
    setHealth: async (
      _t: string,
      _id: string,
      health: { status: 'ok'; detail?: string | null; syncedAt?: number },
    ) => {
      writes.push(`setHealth ${health.detail ?? null}`);
      connection = {
        ...connection,
        status: health.status,
        statusDetail: health.detail ?? null,
        lastSyncAt: health.syncedAt ?? null,
      };
      return true;
    },
    markSynced: async (_t: string, _ids: readonly string[], syncedAt: number) => {
      writes.push('markSynced');
      connection = { ...connection, status: 'ok', statusDetail: null, lastSyncAt: syncedAt };
      return 1;
    },
  } as unknown as CalendarConnectionRepository;
  let bad = true;
  const providers = createProviderFactory({
    clock: () => START,
    ics: {
      fetch: async () =>
        new Response(feed(bad), { status: 200, headers: { 'content-type': 'text/calendar' } }),
    },
  } as never);
  const calendars = new CalendarAccess({
    connections: repo,
    providers,
    notifier: { dm: async () => ({ ok: true }) },
    clock: () => START,
  });
  return {
    calendars,
    writes,
    connection: () => connection,
    fix: () => {
      bad = false;
    },
  };
}

describe('unreadable parts of a calendar reach /meet status', () => {
  it('keeps the readable events, records the problem as the connection detail, and clears it once fixed', async () => {
    const { calendars, writes, connection, fix } = setup();
    const result = await calendars.busyFor('t1', ['p1'], RANGE, { fresh: true });
    expect(result.people[0]).toEqual({
      personId: 'p1',
      busy: [{ start: START + 9 * 3_600_000, end: START + 10 * 3_600_000 }],
      complete: true,
    });
    const detail =
      '1 event in your feed could not be read: UID bad@convene.test: skipped, cannot be read: line 10: DTSTART "2030030" is not a date or date-time';
    expect(writes).toEqual([`setHealth ${detail}`]);
    expect(connection()).toMatchObject({ status: 'ok', statusDetail: detail });
    expect(statusText([connection()], 'en', START)).toContain(`ICS* ${FEED}: OK (${detail})`);

    // Read again with the same problem shortly after: nothing new to write.
    await calendars.busyFor('t1', ['p1'], RANGE, { fresh: true });
    expect(writes).toHaveLength(1);

    // The feed is fixed: the next read clears the detail.
    fix();
    await calendars.busyFor('t1', ['p1'], RANGE, { fresh: true });
    expect(writes.at(-1)).toBe('markSynced');
    expect(connection().statusDetail).toBeNull();
  });

  it('speaks French to a French speaker in /meet status, for one and for several unreadable events', async () => {
    const { calendars, connection } = setup();
    await calendars.busyFor('t1', ['p1'], RANGE, { fresh: true });
    const parser =
      'UID bad@convene.test: skipped, cannot be read: line 10: DTSTART "2030030" is not a date or date-time';
    expect(statusText([connection()], 'fr', START)).toContain(
      `ICS* ${FEED}: OK (1 événement de votre agenda n’a pas pu être lu : ${parser})`,
    );
    expect(statusText([connection()], 'fr', START)).not.toContain('could not be read');
    const several = unreadableDetail(['UID a: skipped', 'UID b: skipped', 'UID c: skipped']);
    expect(several).toBe('3 events in your feed could not be read; the first: UID a: skipped');
    expect(statusDetailText(several, 'fr')).toBe(
      '3 événements de votre agenda n’ont pas pu être lus ; le premier : UID a: skipped',
    );
    expect(statusDetailText(several, 'en')).toBe(several);
    // Any other detail is shown as stored.
    expect(statusDetailText('provider_error: boom', 'fr')).toBe('provider_error: boom');
  });
});
