/**
 * `/meet calendars` and `/meet unlink <n>` through the Slack endpoint (several calendars per person):
 * the numbered list, a change by number, a read-only meeting calendar refused in the asker's language,
 * `/meet status` listing the calendars, and one account unlinked by its number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarRef } from '../../../src/app/ports/provider.ts';
import type { CalendarConnection, Person, Workspace } from '../../../src/app/ports/store.ts';
import { calendarChoiceUseCases } from '../../../src/app/use-cases.ts';
import { generateKeyEntry } from '../../../src/store/crypto.ts';
import { openDatabase, type Store } from '../../../src/store/index.ts';
import { blockText, type Harness, memoryCalendars, startHarness, until } from './harness.ts';

const START = Date.UTC(2030, 0, 16, 10);
const REFS: Record<string, CalendarRef[]> = {
  'https://dav.example.test/': [
    { id: 'https://dav.example.test/a/', name: 'Meetings', primary: true, writable: true },
    { id: 'https://dav.example.test/b/', name: 'Rota', primary: false, writable: true },
    { id: 'https://dav.example.test/c/', name: 'Holidays', primary: false, writable: false },
  ],
  'li@example.test': [{ id: 'li@example.test', name: 'Calendar', primary: true, writable: true }],
};

let store: Store;
let h: Harness;
let workspace: Workspace;
let li: Person;
const unlinked: string[] = [];

beforeAll(async () => {
  store = await openDatabase({
    dataDir: 'memory://',
    encryptionKeys: generateKeyEntry('cal'),
    log: () => undefined,
  });
  const cal = memoryCalendars();
  const linking = {
    async startLink() {
      return { ok: false, code: 'not_configured' } as never;
    },
    async unlink(input: { tenantId: string; personId: string; connectionId: string }) {
      unlinked.push(input.connectionId);
      await store.connections.remove(input.tenantId, input.connectionId);
      return { ok: true, connectionId: input.connectionId, revocation: 'revoked' } as never;
    },
  };
  h = await startHarness({
    store,
    deps: {
      busy: cal.busy,
      writer: cal.writer,
      clock: () => START,
      linking,
      calendarChoice: calendarChoiceUseCases({
        connections: store.connections,
        calendars: { calendarsOf: async (c: CalendarConnection) => REFS[c.account] ?? [] },
        linking,
      }),
    },
  });
  const team = h.fake.addTeam({ id: 'TCAL', name: 'Acme' });
  workspace = await store.workspaces.install({
    platform: 'slack',
    externalId: 'TCAL',
    name: 'Acme',
    botToken: team.botToken,
  });
  h.fake.addUser('TCAL', { id: 'ULI', name: 'li', real_name: 'Li', tz: 'Europe/London', locale: 'en-GB' });
  li = (await store.people.upsertByIdentity({
    workspaceId: workspace.id,
    externalUserId: 'ULI',
    displayName: 'Li',
    handle: 'li',
    email: null,
  }))!;
  await store.connections.save({
    tenantId: workspace.tenantId,
    personId: li.id,
    provider: 'google',
    account: 'li@example.test',
    busyCalendarIds: ['li@example.test'],
    writeCalendarId: 'li@example.test',
    secrets: { refreshToken: 'r' },
  });
  await store.connections.save({
    tenantId: workspace.tenantId,
    personId: li.id,
    provider: 'caldav',
    account: 'https://dav.example.test/',
    busyCalendarIds: ['https://dav.example.test/a/'],
    writeCalendarId: null,
    secrets: { username: 'li', password: 'p' },
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await store?.close();
});

async function meet(text: string): Promise<string> {
  const sent = await h.fake.command({ teamId: 'TCAL', userId: 'ULI', channelId: 'CCAL', text });
  expect(sent.status).toBe(200);
  const [first] = await until(
    () => h.fake.responsesTo(sent.responseId).length > 0 && h.fake.responsesTo(sent.responseId),
    `the answer to /meet ${text}`,
  );
  const body = first!.body as { text?: string; blocks?: unknown[] };
  return body.blocks ? blockText(body.blocks) : String(body.text ?? '');
}

const connections = () => store.connections.listForPerson(workspace.tenantId, li.id);

describe('/meet calendars through Slack', () => {
  it('lists the accounts and calendars by number, changes them by number, refuses a read-only meeting calendar', async () => {
    const list = await meet('calendars');
    expect(list).toContain('`1.1` Calendar (writable, counts as busy, receives new meetings)');
    expect(list).toContain('`2.1` Meetings (writable, counts as busy)');
    expect(list).toContain('`2.3` Holidays (read-only)');
    expect(list).toContain('/meet unlink 1');

    const refused = await meet('agendas réunions 2.3');
    expect(refused).toContain('« Holidays » est en lecture seule');

    const saved = await meet('calendars busy 2.2 2.3');
    expect(saved).toContain('2 calendars count as busy');
    const moved = await meet('calendars write 2.1');
    expect(moved).toContain('new meetings go to “Meetings”');
    expect(moved).toContain('li@example.test no longer receives new meetings.');
    const [google, caldav] = await connections();
    expect(google).toMatchObject({ busyCalendarIds: ['li@example.test'], writeCalendarId: null });
    expect(caldav).toMatchObject({
      busyCalendarIds: ['https://dav.example.test/b/', 'https://dav.example.test/c/'],
      writeCalendarId: 'https://dav.example.test/a/',
    });
    expect(await meet('calendars write 7.1')).toContain('“7.1” is not a calendar number');

    const status = await meet('status');
    expect(status).toContain('`2.1` Meetings (writable, receives new meetings)');
  });

  it('unlinks one account by its number, leaving the other', async () => {
    const [google, caldav] = await connections();
    expect(await meet('unlink 9')).toContain('Say which calendar to unlink');
    expect(unlinked).toEqual([]);
    const done = await meet('unlink 1');
    expect(done).toContain('Unlinked: google (li@example.test)');
    expect(unlinked).toEqual([google!.id]);
    expect((await connections()).map((c) => c.id)).toEqual([caldav!.id]);
  });
});
