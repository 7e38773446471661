/**
 * Several calendars per person (#18): a person's linked accounts with their calendars, which of them
 * count as busy, and which ONE writable calendar receives new meetings — shown and changed from the
 * link page (right after a link) and from chat (`/meet status`, `/meet calendars`), and one account
 * unlinked at a time.
 *
 * The choice is stored on each connection (`busyCalendarIds`, `writeCalendarId`); the busy read
 * (connectors/access/calendar-access.ts) reads exactly `busyCalendarIds` and the writer writes to the
 * first connection that has a `writeCalendarId`, so choosing a write calendar clears it on the person's
 * other accounts: exactly one calendar receives new meetings.
 *
 * Bounded: at most `MAX_CALENDARS_SHOWN` calendars of an account are shown and choosable (the rest are
 * counted, and the person is told), at most `MAX_ACCOUNTS_SHOWN` accounts are listed. Outcomes are codes
 * with parameters; the surfaces word them from the `calendars.*` catalogue.
 */
import { LOCALES, type MessageKey, type Msg, msg, t } from './i18n/index.ts';
import type { ConnectionCalendars } from './ports/calendars.ts';
import type { CalendarRef } from './ports/provider.ts';
import type { AuditLogRepository, CalendarConnection, CalendarConnectionRepository } from './ports/store.ts';

/** Calendars of one account shown and choosable (a person with 500 calendars sees the first 100). */
export const MAX_CALENDARS_SHOWN = 100;
/** Accounts of one person listed (far more than anyone links). */
export const MAX_ACCOUNTS_SHOWN = 20;
/** Calendar ids accepted in one choice (the form posts at most the shown calendars). */
const MAX_IDS_IN_CHOICE = MAX_CALENDARS_SHOWN;
/** Longest calendar id accepted from a surface (a CalDAV collection URL, a Graph id). */
const MAX_ID_LENGTH = 2048;

export interface CalendarChoiceView {
  readonly id: string;
  readonly name: string;
  readonly writable: boolean;
  /** Counted as busy: its events block proposed times. */
  readonly busy: boolean;
  /** Receives new meetings (at most one calendar over all the person's accounts). */
  readonly receives: boolean;
  /** The provider cannot report this calendar's busy times to Convene (it cannot count as busy). */
  readonly busyUnreadable?: boolean;
}

export interface AccountView {
  readonly connectionId: string;
  readonly provider: CalendarConnection['provider'];
  readonly account: string;
  readonly status: CalendarConnection['status'];
  /** The shown calendars (null when the provider could not list them now: `listError`). */
  readonly calendars: readonly CalendarChoiceView[] | null;
  /** Calendars not shown (beyond `MAX_CALENDARS_SHOWN`). */
  readonly hidden: number;
  /** Why the calendars could not be listed (`unavailable`), when they could not. */
  readonly listError?: 'unavailable';
}

export interface ListAccountsResult {
  readonly ok: true;
  readonly accounts: readonly AccountView[];
  /** Accounts not listed (beyond `MAX_ACCOUNTS_SHOWN`). */
  readonly hiddenAccounts: number;
  readonly maxCalendars: number;
}

export interface CalendarChoiceDeps {
  readonly connections: Pick<CalendarConnectionRepository, 'listForPerson' | 'selectCalendars'>;
  readonly calendars: ConnectionCalendars;
  readonly audit?: Pick<AuditLogRepository, 'append'>;
  /** Drops cached free/busy of a connection whose choice changed (CalendarAccess.invalidate). */
  readonly invalidate?: (connectionId: string) => void;
  readonly log?: (line: string) => void;
}

export interface ChooseCalendarsInput {
  readonly tenantId: string;
  readonly personId: string;
  readonly connectionId: string;
  /** The calendars of this account that count as busy (replaces the current set); absent: unchanged. */
  readonly busy?: readonly string[];
  /**
   * The calendar of this account that receives new meetings: an id, `null` (none of this account's),
   * or absent (unchanged).
   */
  readonly write?: string | null;
  /** The audit log's actor (`slack:<user>`, `link-page`…). */
  readonly actor?: string;
}

export type ChooseCalendarsFailureCode =
  /** No such account of this person. */
  | 'unknown_account'
  /** The provider could not list the account's calendars now (try again later). */
  | 'unavailable'
  /** A chosen id is not among the account's shown calendars (`name`: the id as given, shortened). */
  | 'unknown_calendar'
  /** The calendar chosen to receive meetings is read-only (`name`). */
  | 'read_only'
  /** The provider cannot report this calendar's busy times (`name`). */
  | 'busy_unreadable'
  /** The choice would leave the person with no calendar counted as busy at all. */
  | 'no_busy'
  /** More ids than can be shown (`max`). */
  | 'too_many';

export type ChooseCalendarsResult =
  | {
      readonly ok: true;
      readonly account: AccountView;
      /** Another account's calendar received meetings until now and no longer does (its account). */
      readonly writeMovedFrom: string | null;
    }
  | {
      readonly ok: false;
      readonly code: ChooseCalendarsFailureCode;
      readonly params: Readonly<Record<string, string | number>>;
    };

function short(id: string): string {
  return id.length > 80 ? `${id.slice(0, 79)}…` : id;
}

/** One account's calendars as choices (the provider's order, capped), or null when they cannot be listed. */
async function calendarsOf(
  deps: CalendarChoiceDeps,
  connection: CalendarConnection,
): Promise<{ refs: readonly CalendarRef[]; total: number } | null> {
  try {
    const refs = await deps.calendars.calendarsOf(connection);
    return { refs: refs.slice(0, MAX_CALENDARS_SHOWN), total: refs.length };
  } catch (error) {
    deps.log?.(
      `calendar-choice: listing ${connection.id} failed: ${error instanceof Error ? error.name : 'unknown'}`,
    );
    return null;
  }
}

/**
 * The account whose meeting calendar the writer uses (connectors/access/calendar-access.ts `writeFor`):
 * the first with one that need not be linked again, else the first with one. A person who linked a second
 * account since choosing may have two set; only this one really receives meetings.
 */
function writerOf(all: readonly CalendarConnection[]): string | null {
  const writable = all.filter((c) => c.writeCalendarId !== null);
  return (writable.find((c) => c.status !== 'reauth_required') ?? writable[0])?.id ?? null;
}

function viewOf(
  connection: CalendarConnection,
  listed: { refs: readonly CalendarRef[]; total: number } | null,
  writer: string | null = connection.id,
): AccountView {
  const base = {
    connectionId: connection.id,
    provider: connection.provider,
    account: connection.account,
    status: connection.status,
  };
  if (!listed) return { ...base, calendars: null, hidden: 0, listError: 'unavailable' };
  const busy = new Set(connection.busyCalendarIds);
  return {
    ...base,
    calendars: listed.refs.map((c) => ({
      id: c.id,
      name: c.name,
      writable: c.writable,
      busy: busy.has(c.id),
      receives: c.id === connection.writeCalendarId && connection.id === writer,
      ...(c.readsBusy === false ? { busyUnreadable: true } : {}),
    })),
    hidden: Math.max(0, listed.total - listed.refs.length),
  };
}

/** The person's accounts (creation order) with their calendars and the current choice. */
export async function listAccounts(
  deps: CalendarChoiceDeps,
  input: { readonly tenantId: string; readonly personId: string },
): Promise<ListAccountsResult> {
  const all = await deps.connections.listForPerson(input.tenantId, input.personId);
  const shown = all.slice(0, MAX_ACCOUNTS_SHOWN);
  const writer = writerOf(all);
  const accounts = await Promise.all(shown.map(async (c) => viewOf(c, await calendarsOf(deps, c), writer)));
  return {
    ok: true,
    accounts,
    hiddenAccounts: all.length - shown.length,
    maxCalendars: MAX_CALENDARS_SHOWN,
  };
}

/**
 * Sets which calendars of one account count as busy and (optionally) which one receives new meetings.
 * Every id must be one of the account's shown calendars; the meeting calendar must be writable; the
 * person must keep at least one calendar counted as busy. Choosing a meeting calendar here takes the
 * role from the person's other accounts.
 */
export async function chooseCalendars(
  deps: CalendarChoiceDeps,
  input: ChooseCalendarsInput,
): Promise<ChooseCalendarsResult> {
  const fail = (
    code: ChooseCalendarsFailureCode,
    params: Record<string, string | number> = {},
  ): ChooseCalendarsResult => ({ ok: false, code, params });
  const chosenBusy = input.busy === undefined ? null : [...new Set(input.busy)];
  if (chosenBusy && chosenBusy.length > MAX_IDS_IN_CHOICE)
    return fail('too_many', { max: MAX_CALENDARS_SHOWN });
  const tooLong = [...(chosenBusy ?? []), input.write ?? ''].find((id) => id.length > MAX_ID_LENGTH);
  if (tooLong !== undefined) return fail('unknown_calendar', { name: short(tooLong) });

  const all = await deps.connections.listForPerson(input.tenantId, input.personId);
  const connection = all.find((c) => c.id === input.connectionId);
  if (!connection) return fail('unknown_account');
  const listed = await calendarsOf(deps, connection);
  if (!listed) return fail('unavailable', { account: connection.account });
  const byId = new Map(listed.refs.map((c) => [c.id, c]));
  const busyIds = chosenBusy ?? [...connection.busyCalendarIds];
  for (const id of chosenBusy ?? []) {
    const ref = byId.get(id);
    if (!ref) return fail('unknown_calendar', { name: short(id) });
    if (ref.readsBusy === false) return fail('busy_unreadable', { name: ref.name });
  }
  let write = connection.writeCalendarId;
  if (input.write !== undefined) {
    if (input.write === null) write = null;
    else {
      const ref = byId.get(input.write);
      if (!ref) return fail('unknown_calendar', { name: short(input.write) });
      if (!ref.writable) return fail('read_only', { name: ref.name });
      write = ref.id;
    }
  }
  const othersBusy = all.some((c) => c.id !== connection.id && c.busyCalendarIds.length > 0);
  if (busyIds.length === 0 && !othersBusy) return fail('no_busy');

  const saved = await deps.connections.selectCalendars(input.tenantId, connection.id, {
    busyCalendarIds: busyIds,
    writeCalendarId: write,
  });
  if (!saved) return fail('unknown_account');
  deps.invalidate?.(connection.id);
  // Exactly one calendar receives new meetings: the person's other accounts give the role up.
  let writeMovedFrom: string | null = null;
  if (write !== null) {
    for (const other of all) {
      if (other.id === connection.id || other.writeCalendarId === null) continue;
      await deps.connections.selectCalendars(input.tenantId, other.id, {
        busyCalendarIds: other.busyCalendarIds,
        writeCalendarId: null,
      });
      writeMovedFrom = other.account;
    }
  }
  await deps.audit
    ?.append({
      tenantId: input.tenantId,
      actorId: input.personId,
      actor: input.actor ?? 'person',
      action: 'calendar.chosen',
      target: connection.id,
      details: { busy: busyIds.length, write: write !== null },
    })
    .catch(() => deps.log?.('calendar-choice: audit append failed'));
  const updated: CalendarConnection = { ...connection, busyCalendarIds: busyIds, writeCalendarId: write };
  return { ok: true, account: viewOf(updated, listed), writeMovedFrom };
}

/**
 * The account a chat surface means by `which`: its number in `listAccounts` order (`2`), or a provider
 * name when the person has exactly one account of it. Null when it names none.
 */
export function accountByWord(
  accounts: readonly Pick<CalendarConnection, 'id' | 'provider'>[],
  which: string,
): string | null {
  const word = which.trim().toLowerCase();
  if (/^\d{1,3}$/.test(word)) return accounts[Number(word) - 1]?.id ?? null;
  const of = accounts.filter((a) => a.provider === word);
  return of.length === 1 ? of[0]!.id : null;
}

/** `/meet calendars …` from chat: list, or one change made with the numbers the list shows. */
export type ChatChoiceResult =
  | { readonly ok: true; readonly kind: 'list'; readonly list: ListAccountsResult }
  | {
      readonly ok: true;
      readonly kind: 'saved';
      readonly saved: readonly Extract<ChooseCalendarsResult, { ok: true }>[];
    }
  | { readonly ok: false; readonly code: 'usage' | 'none_linked'; readonly params: Record<string, never> }
  | { readonly ok: false; readonly code: 'unknown_ref'; readonly params: { readonly ref: string } }
  | Extract<ChooseCalendarsResult, { ok: false }>;

/** Whether `word` is one of a catalogue key's words in any language (`busy`, `occupé`, `belegt`…). */
function isWord(key: 'calendars.words.busy' | 'calendars.words.write', word: string): boolean {
  return LOCALES.some((locale) => t(locale, key).split(' ').includes(word));
}

/** Longest text a chat choice is read from (a few dozen numbers). */
const MAX_CHAT_TEXT = 500;

/**
 * `text` after `/meet calendars`: empty → the list; `busy 1.1 1.3` → in account 1, calendars 1 and 3
 * count as busy (`1.0`: none; accounts not named are unchanged); `write 1.2` → that calendar receives
 * new meetings. Numbers are those of the list (accounts in link order, calendars in provider order).
 */
export async function chatChoice(
  deps: CalendarChoiceDeps,
  input: {
    readonly tenantId: string;
    readonly personId: string;
    readonly text: string;
    readonly actor?: string;
  },
): Promise<ChatChoiceResult> {
  const words = input.text.trim().toLowerCase().slice(0, MAX_CHAT_TEXT).split(/\s+/).filter(Boolean);
  const list = await listAccounts(deps, input);
  if (words.length === 0) return { ok: true, kind: 'list', list };
  if (list.accounts.length === 0) return { ok: false, code: 'none_linked', params: {} };
  const [verb = '', ...refs] = words;
  const busy = isWord('calendars.words.busy', verb);
  if ((!busy && !isWord('calendars.words.write', verb)) || refs.length === 0 || (!busy && refs.length > 1)) {
    return { ok: false, code: 'usage', params: {} };
  }
  // Each ref: <account>.<calendar>, both 1-based; <account>.0 is "none of this account".
  const picked = new Map<string, string[]>();
  for (const ref of refs) {
    const match = /^(\d{1,3})\.(\d{1,3})$/.exec(ref);
    const account = match ? list.accounts[Number(match[1]) - 1] : undefined;
    const index = match ? Number(match[2]) : -1;
    const calendar = index > 0 ? account?.calendars?.[index - 1] : undefined;
    if (!account || (index !== 0 && !calendar) || (!busy && index === 0)) {
      return { ok: false, code: 'unknown_ref', params: { ref: ref.slice(0, 20) } };
    }
    const ids = picked.get(account.connectionId) ?? [];
    if (calendar) ids.push(calendar.id);
    picked.set(account.connectionId, ids);
  }
  const saved: Extract<ChooseCalendarsResult, { ok: true }>[] = [];
  for (const [connectionId, ids] of picked) {
    const result = await chooseCalendars(deps, {
      tenantId: input.tenantId,
      personId: input.personId,
      connectionId,
      ...(busy ? { busy: ids } : { write: ids[0] ?? null }),
      ...(input.actor ? { actor: input.actor } : {}),
    });
    if (!result.ok) return result;
    saved.push(result);
  }
  return { ok: true, kind: 'saved', saved };
}

/** The catalogue message of each refusal (the surfaces word `params` with it). */
export const CHOICE_ERROR_KEYS: Readonly<Record<ChooseCalendarsFailureCode, MessageKey>> = {
  unknown_account: 'calendars.error.unknownAccount',
  unavailable: 'calendars.error.unavailable',
  unknown_calendar: 'calendars.error.unknownCalendar',
  read_only: 'calendars.error.readOnly',
  busy_unreadable: 'calendars.error.busyUnreadable',
  no_busy: 'calendars.error.noBusy',
  too_many: 'calendars.error.tooMany',
};

/** A refusal of `chatChoice` as a message. */
export function chatChoiceMessage(result: Extract<ChatChoiceResult, { ok: false }>): Msg {
  switch (result.code) {
    case 'usage':
      return msg('calendars.chat.usage');
    case 'none_linked':
      return msg('calendars.chat.none');
    case 'unknown_ref':
      return msg('calendars.chat.unknownRef', result.params);
    default:
      return msg(CHOICE_ERROR_KEYS[result.code], result.params);
  }
}
