/** Several calendars per person: list, choose busy / write calendars, change from chat, with fake ports. */
import { describe, expect, it } from 'vitest';
import {
  accountByWord,
  chatChoice,
  chooseCalendars,
  listAccounts,
  MAX_CALENDARS_SHOWN,
} from '../../src/app/calendar-choice.ts';
import { render } from '../../src/app/i18n/index.ts';
import type { CalendarRef } from '../../src/app/ports/provider.ts';
import { ProviderError } from '../../src/app/ports/provider-errors.ts';
import type { CalendarConnection } from '../../src/app/ports/store.ts';
import { calendarChoiceUseCases } from '../../src/app/use-cases.ts';

const who = { tenantId: 't1', personId: 'p1' };

function conn(
  id: string,
  provider: CalendarConnection['provider'],
  busy: string[],
  write: string | null,
): CalendarConnection {
  return {
    id,
    tenantId: 't1',
    personId: 'p1',
    provider,
    account: `${id}@example.com`,
    busyCalendarIds: busy,
    writeCalendarId: write,
    status: 'ok',
    statusDetail: null,
    lastSyncAt: null,
    keyId: 'k',
  };
}

const ref = (id: string, writable = true, extra: Partial<CalendarRef> = {}): CalendarRef => ({
  id,
  name: `Cal ${id}`,
  primary: false,
  writable,
  ...extra,
});

function fakes(connections: CalendarConnection[], calendars: Record<string, CalendarRef[] | 'down'>) {
  const rows = new Map(connections.map((c) => [c.id, c]));
  const invalidated: string[] = [];
  const audit: string[] = [];
  const deps = {
    connections: {
      listForPerson: async (tenantId: string, personId: string) =>
        [...rows.values()].filter((c) => c.tenantId === tenantId && c.personId === personId),
      selectCalendars: async (
        tenantId: string,
        id: string,
        selection: { busyCalendarIds: readonly string[]; writeCalendarId: string | null },
      ) => {
        const row = rows.get(id);
        if (!row || row.tenantId !== tenantId) return false;
        rows.set(id, { ...row, ...selection, busyCalendarIds: [...selection.busyCalendarIds] });
        return true;
      },
    },
    calendars: {
      calendarsOf: async (c: CalendarConnection) => {
        const listed = calendars[c.id];
        if (listed === 'down' || !listed) throw new ProviderError(c.provider, 'unavailable', 'down');
        return listed;
      },
    },
    invalidate: (id: string) => invalidated.push(id),
    audit: {
      append: async (entry: { action: string; target?: string | null }) => {
        audit.push(`${entry.action} ${entry.target}`);
        return {} as never;
      },
    },
  };
  return { deps, rows, invalidated, audit };
}

describe('listAccounts', () => {
  it('shows each account with its calendars: writable, busy, receiving new meetings', async () => {
    const f = fakes([conn('g', 'google', ['a'], 'a'), conn('c', 'caldav', ['x'], null)], {
      g: [ref('a'), ref('b', false)],
      c: [ref('x'), ref('y')],
    });
    const list = await listAccounts(f.deps, who);
    expect(list.accounts.map((a) => a.connectionId)).toEqual(['g', 'c']);
    expect(list.accounts[0]!.calendars).toEqual([
      { id: 'a', name: 'Cal a', writable: true, busy: true, receives: true },
      { id: 'b', name: 'Cal b', writable: false, busy: false, receives: false },
    ]);
    expect(list.accounts[1]!.calendars!.map((c) => [c.id, c.busy, c.receives])).toEqual([
      ['x', true, false],
      ['y', false, false],
    ]);
  });

  it('shows only the meeting calendar the writer really uses when two accounts have one', async () => {
    // A second account linked after the choice comes with its own default: the first account's still wins.
    const f = fakes([conn('g', 'google', ['a'], 'a'), conn('c', 'caldav', ['x'], 'x')], {
      g: [ref('a')],
      c: [ref('x')],
    });
    const list = await listAccounts(f.deps, who);
    expect(list.accounts.map((a) => a.calendars![0]!.receives)).toEqual([true, false]);
  });

  it('caps a person with 500 calendars at the shown maximum and says how many are hidden', async () => {
    const many = Array.from({ length: 500 }, (_, i) => ref(`cal-${i}`));
    const f = fakes([conn('g', 'google', ['cal-0'], 'cal-0')], { g: many });
    const [account] = (await listAccounts(f.deps, who)).accounts;
    expect(account!.calendars).toHaveLength(MAX_CALENDARS_SHOWN);
    expect(account!.hidden).toBe(500 - MAX_CALENDARS_SHOWN);
    expect(render('en', { key: 'calendars.hidden', params: { count: 400, max: 100 } })).toBe(
      '400 more calendars are not shown: only the first 100 of an account can be chosen.',
    );
  });

  it('lists an account whose provider is down without its calendars, never throwing', async () => {
    const f = fakes([conn('g', 'google', ['a'], 'a')], { g: 'down' });
    const [account] = (await listAccounts(f.deps, who)).accounts;
    expect(account).toMatchObject({ connectionId: 'g', calendars: null, listError: 'unavailable' });
  });
});

describe('chooseCalendars', () => {
  it('saves the busy calendars and the meeting calendar, and invalidates the cached free/busy', async () => {
    const f = fakes([conn('c', 'caldav', ['x'], 'x')], { c: [ref('x'), ref('y')] });
    const result = await chooseCalendars(f.deps, { ...who, connectionId: 'c', busy: ['y'], write: 'x' });
    expect(result).toMatchObject({ ok: true, writeMovedFrom: null });
    expect(f.rows.get('c')).toMatchObject({ busyCalendarIds: ['y'], writeCalendarId: 'x' });
    expect(f.invalidated).toEqual(['c']);
    expect(f.audit).toEqual(['calendar.chosen c']);
  });

  it('refuses a read-only calendar for new meetings, with its name, and changes nothing', async () => {
    const f = fakes([conn('c', 'caldav', ['x'], 'x')], { c: [ref('x'), ref('ro', false)] });
    const result = await chooseCalendars(f.deps, { ...who, connectionId: 'c', busy: ['x'], write: 'ro' });
    expect(result).toEqual({ ok: false, code: 'read_only', params: { name: 'Cal ro' } });
    expect(render('en', { key: 'calendars.error.readOnly', params: { name: 'Cal ro' } })).toContain(
      'Choose a writable calendar',
    );
    expect(render('fr', { key: 'calendars.error.readOnly', params: { name: 'Cal ro' } })).toContain(
      'lecture seule',
    );
    expect(f.rows.get('c')).toMatchObject({ busyCalendarIds: ['x'], writeCalendarId: 'x' });
  });

  it('makes exactly one calendar receive new meetings across the person’s accounts', async () => {
    const f = fakes([conn('g', 'google', ['a'], 'a'), conn('c', 'caldav', ['x'], 'x')], {
      g: [ref('a')],
      c: [ref('x'), ref('y')],
    });
    const result = await chooseCalendars(f.deps, { ...who, connectionId: 'c', busy: ['x'], write: 'y' });
    expect(result).toMatchObject({ ok: true, writeMovedFrom: 'g@example.com' });
    expect(f.rows.get('g')).toMatchObject({ busyCalendarIds: ['a'], writeCalendarId: null });
    expect(f.rows.get('c')).toMatchObject({ writeCalendarId: 'y' });
  });

  it('refuses unknown accounts and calendars, another person’s account, and no busy calendar at all', async () => {
    const other = { ...conn('o', 'google', ['z'], 'z'), personId: 'p2' };
    const f = fakes([conn('c', 'caldav', ['x'], null), other], { c: [ref('x')], o: [ref('z')] });
    expect(await chooseCalendars(f.deps, { ...who, connectionId: 'o', busy: ['z'] })).toMatchObject({
      ok: false,
      code: 'unknown_account',
    });
    expect(await chooseCalendars(f.deps, { ...who, connectionId: 'c', busy: ['nope'] })).toEqual({
      ok: false,
      code: 'unknown_calendar',
      params: { name: 'nope' },
    });
    expect(await chooseCalendars(f.deps, { ...who, connectionId: 'c', busy: [] })).toMatchObject({
      ok: false,
      code: 'no_busy',
    });
    const tooMany = Array.from({ length: MAX_CALENDARS_SHOWN + 1 }, (_, i) => `id-${i}`);
    expect(await chooseCalendars(f.deps, { ...who, connectionId: 'c', busy: tooMany })).toMatchObject({
      ok: false,
      code: 'too_many',
    });
    expect(f.rows.get('c')).toMatchObject({ busyCalendarIds: ['x'] });
    expect(f.rows.get('o')).toMatchObject({ busyCalendarIds: ['z'], writeCalendarId: 'z' });
  });

  it('refuses a calendar the provider cannot read busy times of, and an account it cannot list now', async () => {
    const f = fakes([conn('m', 'microsoft', ['me@x'], 'me@x'), conn('d', 'caldav', ['x'], null)], {
      m: [ref('me@x'), ref('AAMk2', true, { readsBusy: false })],
      d: 'down',
    });
    expect(await chooseCalendars(f.deps, { ...who, connectionId: 'm', busy: ['me@x', 'AAMk2'] })).toEqual({
      ok: false,
      code: 'busy_unreadable',
      params: { name: 'Cal AAMk2' },
    });
    // …but it can receive new meetings.
    expect(
      await chooseCalendars(f.deps, { ...who, connectionId: 'm', busy: ['me@x'], write: 'AAMk2' }),
    ).toMatchObject({ ok: true });
    expect(await chooseCalendars(f.deps, { ...who, connectionId: 'd', busy: ['x'] })).toMatchObject({
      ok: false,
      code: 'unavailable',
      params: { account: 'd@example.com' },
    });
  });
});

describe('chatChoice (/meet calendars …)', () => {
  const setup = () =>
    fakes([conn('g', 'google', ['a'], 'a'), conn('c', 'caldav', ['x'], null)], {
      g: [ref('a'), ref('b')],
      c: [ref('x'), ref('y'), ref('ro', false)],
    });

  it('lists with no words, and sets busy calendars by number (in any language), N.0 for none', async () => {
    const f = setup();
    expect(await chatChoice(f.deps, { ...who, text: '' })).toMatchObject({ ok: true, kind: 'list' });
    expect(await chatChoice(f.deps, { ...who, text: 'busy 2.1 2.2 1.0' })).toMatchObject({
      ok: true,
      kind: 'saved',
    });
    expect(f.rows.get('c')).toMatchObject({ busyCalendarIds: ['x', 'y'] });
    expect(f.rows.get('g')).toMatchObject({ busyCalendarIds: [], writeCalendarId: 'a' });
    await chatChoice(f.deps, { ...who, text: 'belegt 1.2' });
    expect(f.rows.get('g')).toMatchObject({ busyCalendarIds: ['b'] });
  });

  it('moves new meetings to one calendar, refusing a read-only one and unknown numbers', async () => {
    const f = setup();
    expect(await chatChoice(f.deps, { ...who, text: 'réunions 2.3' })).toMatchObject({
      ok: false,
      code: 'read_only',
    });
    expect(await chatChoice(f.deps, { ...who, text: 'write 9.1' })).toEqual({
      ok: false,
      code: 'unknown_ref',
      params: { ref: '9.1' },
    });
    expect(await chatChoice(f.deps, { ...who, text: 'write 2.1 2.2' })).toMatchObject({ code: 'usage' });
    expect(await chatChoice(f.deps, { ...who, text: 'frobnicate 1.1' })).toMatchObject({ code: 'usage' });
    expect(await chatChoice(f.deps, { ...who, text: 'write 2.2' })).toMatchObject({ ok: true });
    expect(f.rows.get('c')).toMatchObject({ busyCalendarIds: ['x'], writeCalendarId: 'y' });
    expect(f.rows.get('g')).toMatchObject({ busyCalendarIds: ['a'], writeCalendarId: null });
  });
});

describe('unlinking one account', () => {
  it('unlinks the account named by its number, only that one', async () => {
    const f = fakes([conn('g', 'google', ['a'], 'a'), conn('c', 'caldav', ['x'], null)], {});
    const unlinked: string[] = [];
    const uc = calendarChoiceUseCases({
      ...f.deps,
      linking: {
        unlink: async (input) => {
          unlinked.push(input.connectionId);
          return { ok: true } as never;
        },
      },
    });
    const accounts = await f.deps.connections.listForPerson('t1', 'p1');
    const id = accountByWord(accounts, '2');
    expect(id).toBe('c');
    expect(await uc.unlinkAccount({ ...who, connectionId: id! })).toMatchObject({
      ok: true,
      unlinked: [{ id: 'c' }],
    });
    expect(unlinked).toEqual(['c']);
    expect(accountByWord(accounts, '3')).toBeNull();
    expect(accountByWord(accounts, 'google')).toBe('g');
    expect(await uc.unlinkAccount({ ...who, connectionId: 'someone-else' })).toMatchObject({
      ok: false,
      code: 'which',
    });
  });
});
