/**
 * Several calendars per person against a real CalDAV server (Radicale, Basic auth): after
 * `chooseCalendars`, the busy read reads exactly the chosen calendars (an event on another calendar of the
 * account does not count), and a booking is written to the calendar chosen to receive meetings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseCalendars, listAccounts } from '../../../src/app/calendar-choice.ts';
import { CalendarAccess } from '../../../src/connectors/access/calendar-access.ts';
import { createProviderFactory } from '../../../src/connectors/access/providers.ts';
import { CalDavProvider } from '../../../src/connectors/caldav/index.ts';
import { HOUR } from '../../../src/core/interval.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { type RadicaleServer, startRadicale } from '../../support/radicale.ts';

const LOOPBACK = ['127.0.0.1/32'];
const DAY0 = Date.UTC(2031, 2, 3); // Monday 3 March 2031
const clock = () => DAY0 - 2 * 24 * HOUR;

let store: Store;
let radicale: RadicaleServer;
let access: CalendarAccess;
let first = '';
let second = '';
let tenantId = '';
let personId = '';
let connectionId = '';

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('choice'),
    log: () => undefined,
  });
  radicale = await startRadicale();
  first = await radicale.mkcalendar('first');
  second = await radicale.mkcalendar('second');
  const direct = new CalDavProvider({
    allowedNetworks: LOOPBACK,
    serverUrl: radicale.url,
    credentials: { type: 'basic', username: radicale.username, password: radicale.password },
    now: clock,
  });
  const event = { timeZone: 'UTC', attendees: [], conference: false, title: 'x' };
  // first: busy 09:00–10:00; second: busy 11:00–12:00.
  await direct.createEvent({
    ...event,
    idempotencyKey: 'f',
    calendarId: first,
    start: DAY0 + 9 * HOUR,
    end: DAY0 + 10 * HOUR,
  });
  await direct.createEvent({
    ...event,
    idempotencyKey: 's',
    calendarId: second,
    start: DAY0 + 11 * HOUR,
    end: DAY0 + 12 * HOUR,
  });

  const ws = await store.workspaces.install({ platform: 'slack', externalId: 'TRAD', name: 'Acme' });
  tenantId = ws.tenantId;
  const person = await store.people.upsertByIdentity({
    workspaceId: ws.id,
    externalUserId: 'U1',
    displayName: 'Li',
    handle: 'li',
    email: null,
  });
  personId = person!.id;
  // Linked as the page does by default: both calendars busy, the first receives meetings.
  const saved = await store.connections.save({
    tenantId,
    personId,
    provider: 'caldav',
    account: radicale.url,
    busyCalendarIds: [first, second],
    writeCalendarId: first,
    secrets: { username: radicale.username, password: radicale.password },
  });
  connectionId = saved!.id;
  access = new CalendarAccess({
    connections: store.connections,
    providers: createProviderFactory({ clock, caldav: { allowedNetworks: LOOPBACK } }),
    notifier: { dm: async () => ({ ok: true }) },
    clock,
  });
}, 120_000);

afterAll(async () => {
  await radicale?.stop();
  await store?.close();
});

const deps = () => ({
  connections: store.connections,
  calendars: access,
  invalidate: (id: string) => access.invalidate(id),
});
const day = () => ({ start: DAY0, end: DAY0 + 24 * HOUR });

describe('calendar choice on Radicale', () => {
  it('lists both calendars, then reads only the chosen busy calendar and writes to the chosen one', async () => {
    const [account] = (await listAccounts(deps(), { tenantId, personId })).accounts;
    expect(account!.calendars!.map((c) => [c.id, c.writable, c.busy, c.receives])).toEqual([
      [first, true, true, true],
      [second, true, true, false],
    ]);
    // Before: both calendars block (and are cached).
    const before = await access.busyFor(tenantId, [personId], day());
    expect(before.people[0]!.busy).toEqual([
      { start: DAY0 + 9 * HOUR, end: DAY0 + 10 * HOUR },
      { start: DAY0 + 11 * HOUR, end: DAY0 + 12 * HOUR },
    ]);

    const chosen = await chooseCalendars(deps(), {
      tenantId,
      personId,
      connectionId,
      busy: [second],
      write: second,
    });
    expect(chosen).toMatchObject({ ok: true });

    // After: only the second calendar counts, and the booking lands on it.
    const after = await access.busyFor(tenantId, [personId], day());
    expect(after.people[0]!.busy).toEqual([{ start: DAY0 + 11 * HOUR, end: DAY0 + 12 * HOUR }]);
    const written = await access.writeFor(tenantId, personId, {
      idempotencyKey: 'booking-1',
      title: 'Planning',
      start: DAY0 + 14 * HOUR,
      end: DAY0 + 15 * HOUR,
      timeZone: 'UTC',
      attendees: [],
      conference: false,
    });
    expect(written).toMatchObject({ ok: true, calendarId: second });
    const fresh = await access.busyFor(tenantId, [personId], day(), { fresh: true });
    expect(fresh.people[0]!.busy).toEqual([
      { start: DAY0 + 11 * HOUR, end: DAY0 + 12 * HOUR },
      { start: DAY0 + 14 * HOUR, end: DAY0 + 15 * HOUR },
    ]);
    const direct = new CalDavProvider({
      allowedNetworks: LOOPBACK,
      serverUrl: radicale.url,
      credentials: { type: 'basic', username: radicale.username, password: radicale.password },
      now: clock,
    });
    const onFirst = await direct.getBusy({ calendarIds: [first], range: day() });
    expect(onFirst.calendars[first]).toEqual({
      ok: true,
      busy: [{ start: DAY0 + 9 * HOUR, end: DAY0 + 10 * HOUR }],
    });
  });
});
