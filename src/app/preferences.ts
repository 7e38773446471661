/**
 * A person's preferences (time zone, language, working hours, tentative events), read, checked and saved
 * in one place for every surface: Slack's settings modal, Discord's `/meet settings` and zone picker, the
 * playground. Invalid input comes back as problems (a stable code, the field it concerns and a message),
 * never thrown; setting another person's preferences needs the actor's permission and is audited.
 *
 * `/meet status` is here too: a person's preferences and calendars as one view the surfaces render.
 */
import { IANAZone } from 'luxon';
import type { Locale } from '../core/locale.ts';
import { isLocale, LOCALES, toLocale } from '../core/locale.ts';
import { type Msg, msg } from './i18n/index.ts';
import type {
  AuditLogRepository,
  CalendarConnection,
  CalendarConnectionRepository,
  Preferences,
  PreferencesRepository,
  WorkingHoursData,
} from './ports/store.ts';
import { intlTag } from './views.ts';

/** Monday–Friday 09:00–17:00: what a person without preferences works. */
export const DEFAULT_HOURS: WorkingHoursData = {
  rules: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
  overrides: [],
};

export type PreferencesErrorCode =
  | 'invalid_zone'
  | 'invalid_language'
  | 'invalid_hours'
  | 'invalid_time'
  | 'end_before_start'
  | 'no_days'
  | 'nothing_to_change'
  | 'not_admin'
  | 'unknown_person';

/** The input a problem concerns, so a form can show it next to that field. */
export type PreferencesField = 'zone' | 'language' | 'hours' | 'days' | 'start' | 'end' | 'person';

export interface PreferencesProblem {
  readonly code: PreferencesErrorCode;
  readonly field: PreferencesField;
  readonly message: Msg;
}

/** What to change; absent fields keep their stored value (or the default for a first save). */
export interface PreferencesChange {
  /** An IANA zone such as `Europe/Paris`. */
  readonly timeZone?: string;
  /** A language tag; its primary subtag must be one of `LOCALES`. */
  readonly language?: string;
  /** Monday–Friday working hours as typed: `09:00-17:00`. */
  readonly hours?: string;
  /** Working days (0 = Sunday … 6 = Saturday) and their hours, as a form gives them. */
  readonly week?: { readonly days: readonly number[]; readonly start: string; readonly end: string };
  readonly tentativeFree?: boolean;
}

export interface SavePreferencesInput {
  readonly tenantId: string;
  /** Whose preferences. */
  readonly personId: string;
  /** Who asks, when not the person themself: needs `mayEditOthers`; the change is audited. */
  readonly actor?: {
    readonly personId: string;
    /** The audit log's actor, e.g. `discord:<user id>`. */
    readonly label: string;
    readonly mayEditOthers: boolean;
  };
  readonly change: PreferencesChange;
  /** For a first save: the zone and language the surface knows (Slack's `users.info`, the client's). */
  readonly defaults?: { readonly timeZone?: string; readonly locale?: Locale };
}

export type SavePreferencesResult =
  | { readonly ok: true; readonly preferences: Preferences; readonly changed: PreferencesChangeSummary }
  | { readonly ok: false; readonly problems: readonly PreferencesProblem[] };

/** What a save changed, for the confirmation ("Saved: Europe/Paris, 09:00-17:00"). */
export interface PreferencesChangeSummary {
  readonly timeZone?: string;
  readonly language?: Locale;
  readonly hours?: { readonly start: string; readonly end: string };
  readonly tentativeFree?: boolean;
}

export interface PreferencesDeps {
  readonly store: {
    readonly preferences: PreferencesRepository;
    readonly audit?: Pick<AuditLogRepository, 'append'>;
  };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HOURS = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-4]):([0-5]\d)$/;

/** An IANA zone name Luxon knows (`Europe/Paris`, `UTC`); abbreviations and offsets are refused. */
export function isIanaZone(zone: string): boolean {
  return zone !== '' && IANAZone.isValidZone(zone) && (zone.includes('/') || zone === 'UTC');
}

/** `09:00-17:00` → its start and end (end after start), or null. */
export function parseHoursRange(text: string): { start: string; end: string } | null {
  const match = HOURS.exec(text.trim());
  if (!match) return null;
  const start = `${match[1]}:${match[2]}`;
  const end = `${match[3]}:${match[4]}`;
  return start < end ? { start, end } : null;
}

/** The problems of a change (empty: valid). Pure: no store. */
export function validatePreferences(change: PreferencesChange): PreferencesProblem[] {
  const problems: PreferencesProblem[] = [];
  const problem = (code: PreferencesErrorCode, field: PreferencesField, message: Msg) =>
    problems.push({ code, field, message });
  if (change.timeZone !== undefined && !isIanaZone(change.timeZone.trim()))
    problem('invalid_zone', 'zone', msg('account.preferences.invalidZone', { zone: change.timeZone.trim() }));
  if (change.language !== undefined && !isLocale(change.language.trim().toLowerCase().split(/[-_]/, 1)[0]))
    problem(
      'invalid_language',
      'language',
      msg('account.preferences.invalidLanguage', {
        language: change.language,
        languages: LOCALES.join(', '),
      }),
    );
  if (change.hours !== undefined && parseHoursRange(change.hours) === null)
    problem('invalid_hours', 'hours', msg('account.preferences.invalidHours', { hours: change.hours }));
  if (change.week !== undefined) {
    const { days, start, end } = change.week;
    if (!days.some((d) => Number.isInteger(d) && d >= 0 && d <= 6))
      problem('no_days', 'days', msg('account.preferences.noDays'));
    if (!HHMM.test(start))
      problem('invalid_time', 'start', msg('account.preferences.invalidTime', { example: '09:00' }));
    if (!HHMM.test(end))
      problem('invalid_time', 'end', msg('account.preferences.invalidTime', { example: '17:00' }));
    else if (HHMM.test(start) && end <= start)
      problem('end_before_start', 'end', msg('account.preferences.endBeforeStart'));
  }
  const empty =
    change.timeZone === undefined &&
    change.language === undefined &&
    change.hours === undefined &&
    change.week === undefined &&
    change.tentativeFree === undefined;
  if (empty) problem('nothing_to_change', 'person', msg('account.preferences.nothing'));
  return problems;
}

/** A person's stored preferences, or null when they have none. */
export function readPreferences(
  deps: PreferencesDeps,
  input: { tenantId: string; personId: string },
): Promise<Preferences | null> {
  return deps.store.preferences.get(input.tenantId, input.personId);
}

/**
 * Checks and saves a change, keeping what it does not mention. The language is stored as the tag dates
 * are formatted in (`fr-FR`), read back with `toLocale`.
 */
export async function savePreferences(
  deps: PreferencesDeps,
  input: SavePreferencesInput,
): Promise<SavePreferencesResult> {
  const { tenantId, personId, change, actor } = input;
  if (actor && actor.personId !== personId && !actor.mayEditOthers)
    return {
      ok: false,
      problems: [{ code: 'not_admin', field: 'person', message: msg('account.preferences.notAdmin') }],
    };
  const problems = validatePreferences(change);
  if (problems.length > 0) return { ok: false, problems };
  const stored = await deps.store.preferences.get(tenantId, personId);
  const zone = change.timeZone?.trim();
  const language = change.language === undefined ? undefined : toLocale(change.language);
  const range = change.hours === undefined ? null : parseHoursRange(change.hours);
  const week = change.week
    ? {
        days: [...new Set(change.week.days.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6))].sort(
          (a, b) => a - b,
        ),
        start: change.week.start,
        end: change.week.end,
      }
    : null;
  const rule = week ?? (range ? { days: [1, 2, 3, 4, 5], ...range } : null);
  const fallbackLocale = input.defaults?.locale;
  const saved = await deps.store.preferences.set(tenantId, personId, {
    timeZone: zone ?? stored?.timeZone ?? input.defaults?.timeZone ?? 'UTC',
    locale:
      language !== undefined
        ? intlTag(language)
        : (stored?.locale ?? (fallbackLocale ? intlTag(fallbackLocale) : intlTag('en'))),
    workingHours: rule ? { rules: [rule], overrides: [] } : (stored?.workingHours ?? DEFAULT_HOURS),
    ...(change.tentativeFree !== undefined ? { tentativeFree: change.tentativeFree } : {}),
  });
  if (!saved)
    return {
      ok: false,
      problems: [
        { code: 'unknown_person', field: 'person', message: msg('account.preferences.unknownPerson') },
      ],
    };
  if (actor && actor.personId !== personId)
    await deps.store.audit?.append({
      tenantId,
      actorId: actor.personId,
      actor: actor.label,
      action: 'preferences.set_for_other',
      target: personId,
      details: {
        zone: zone !== undefined,
        language: language !== undefined,
        hours: rule !== null,
        tentativeFree: change.tentativeFree !== undefined,
      },
    });
  return {
    ok: true,
    preferences: saved,
    changed: {
      ...(zone !== undefined ? { timeZone: zone } : {}),
      ...(language !== undefined ? { language } : {}),
      ...(rule ? { hours: { start: rule.start, end: rule.end } } : {}),
      ...(change.tentativeFree !== undefined ? { tentativeFree: change.tentativeFree } : {}),
    },
  };
}

// --- status -------------------------------------------------------------------------------------

/** Product names of the calendar kinds (not translated). */
export const CALENDAR_NAMES: Readonly<Record<CalendarConnection['provider'], string>> = {
  google: 'Google Calendar',
  microsoft: 'Microsoft 365',
  caldav: 'CalDAV',
  ics: 'ICS',
};

/** `/meet status`: what Convene knows about a person, for the surfaces to word. */
export interface AccountStatusView {
  /** Null: no zone stored (Discord asks once; Slack uses the profile's). */
  readonly timeZone: string | null;
  /** Null: no language stored (the surface's own applies). */
  readonly language: Locale | null;
  readonly tentativeFree: boolean;
  readonly workingHours: WorkingHoursData;
  /** True when `workingHours` is the default (nothing stored). */
  readonly defaultHours: boolean;
  readonly connections: readonly CalendarConnection[];
}

export async function accountStatus(
  deps: {
    readonly store: {
      preferences: PreferencesRepository;
      connections: Pick<CalendarConnectionRepository, 'listForPerson'>;
    };
  },
  input: { tenantId: string; personId: string },
): Promise<AccountStatusView> {
  const [prefs, connections] = await Promise.all([
    deps.store.preferences.get(input.tenantId, input.personId),
    deps.store.connections.listForPerson(input.tenantId, input.personId),
  ]);
  const hours = prefs && prefs.workingHours.rules.length > 0 ? prefs.workingHours : null;
  return {
    timeZone: prefs?.timeZone ?? null,
    language: prefs ? toLocale(prefs.locale) : null,
    tentativeFree: prefs?.tentativeFree === true,
    workingHours: hours ?? DEFAULT_HOURS,
    defaultHours: hours === null,
    connections,
  };
}

/** A language's own name ("English", "Français"), for menus and status lines. */
export function languageName(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  // Standing alone (a menu entry, a status line) the name starts with a capital, as in "Français".
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}
