/**
 * `/meet status`, `/meet settings name:value …`, `/meet cancel` / `/meet reschedule` (one's upcoming
 * meetings) and `/meet link` / `/meet unlink` typed as text (the playground's request box): which of them a text asks for, the settings it names read into a `PreferencesChange` for `savePreferences`,
 * and the lines every surface shows for a person's account. The command words of each language are the
 * catalogue's (`commands.*.words`); option names are Discord's (`zone:`, `language:`, `hours:`,
 * `tentative-free:`) in every language, as the status lines and help say. Pure: no store.
 */
import type { Locale } from '../core/locale.ts';
import { LOCALES } from '../core/locale.ts';
import { type Msg, msg, render, t } from './i18n/index.ts';
import type { AccountStatusView, PreferencesChange, PreferencesChangeSummary } from './preferences.ts';
import { languageName } from './preferences.ts';

export type AccountCommandKind = 'status' | 'settings' | 'cancel' | 'reschedule' | 'link' | 'unlink';

export interface AccountCommand {
  readonly kind: AccountCommandKind;
  /** The language of the command word, when only one language has it (`statut` → fr); else null. */
  readonly locale: Locale | null;
  /** The text after the command word. */
  readonly rest: string;
}

const WORDS = {
  status: 'commands.status.words',
  settings: 'commands.settings.words',
  cancel: 'commands.cancel.words',
  reschedule: 'commands.reschedule.words',
  link: 'commands.link.words',
  unlink: 'commands.unlink.words',
} as const;

/** Which account command `text` (with or without `/meet`) is; undefined if none. */
export function readAccountCommand(text: string): AccountCommand | undefined {
  const trimmed = text
    .trim()
    .replace(/^\/meet\b/i, '')
    .trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  for (const kind of Object.keys(WORDS) as AccountCommandKind[]) {
    const languages = LOCALES.filter((l) => t(l, WORDS[kind]).split(' ').includes(word));
    if (languages.length > 0)
      return { kind, locale: languages.length === 1 ? (languages[0] ?? null) : null, rest: rest.join(' ') };
  }
  return undefined;
}

export type SettingsRead =
  | { readonly ok: true; readonly change: PreferencesChange; readonly hours?: string }
  | { readonly ok: false; readonly message: Msg };

/** At most this many options are read (four exist): a long text is refused, not walked. */
const MAX_TOKENS = 16;
const YES = new Set(['yes', 'true', 'on', 'oui', 'vrai', 'ja', 'wahr']);
const NO = new Set(['no', 'false', 'off', 'non', 'faux', 'nein', 'falsch']);

/**
 * `zone:Europe/Paris hours:09:00-17:00 language:fr tentative-free:yes` (a space after the colon is
 * allowed) → the change; nothing, an unknown option or a bad yes/no → a message saying how to write it.
 * The values themselves are checked by `savePreferences`.
 */
export function readSettingsOptions(rest: string): SettingsRead {
  const tokens = rest.trim() === '' ? [] : rest.trim().split(/\s+/);
  if (tokens.length === 0 || tokens.length > MAX_TOKENS)
    return { ok: false, message: msg('commands.settings.usage') };
  const values = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    const match = /^([\p{L}-]+):(.*)$/u.exec(tokens[i] ?? '');
    if (!match) return { ok: false, message: msg('commands.settings.usage') };
    const name = (match[1] ?? '').toLowerCase();
    let value = match[2] ?? '';
    if (value === '' && i + 1 < tokens.length && !/^[\p{L}-]+:/u.test(tokens[i + 1] ?? '')) {
      i += 1;
      value = tokens[i] ?? '';
    }
    if (!['zone', 'language', 'hours', 'tentative-free'].includes(name))
      return { ok: false, message: msg('commands.settings.unknownOption', { option: `${name}:` }) };
    if (value === '') return { ok: false, message: msg('commands.settings.usage') };
    values.set(name, value);
  }
  const tentative = values.get('tentative-free')?.toLowerCase();
  if (tentative !== undefined && !YES.has(tentative) && !NO.has(tentative))
    return { ok: false, message: msg('commands.settings.yesNo', { value: tentative }) };
  const zone = values.get('zone');
  const language = values.get('language');
  const hours = values.get('hours');
  return {
    ok: true,
    change: {
      ...(zone !== undefined ? { timeZone: zone } : {}),
      ...(language !== undefined ? { language } : {}),
      ...(hours !== undefined ? { hours } : {}),
      ...(tentative !== undefined ? { tentativeFree: YES.has(tentative) } : {}),
    },
    ...(hours !== undefined ? { hours } : {}),
  };
}

/** The preferences lines of `/meet status` (zone, language, tentative events), in `locale`. */
export function statusLines(status: AccountStatusView, locale: Locale): string[] {
  return [
    status.timeZone === null
      ? t(locale, 'account.status.zoneUnset')
      : t(locale, 'account.status.zone', { zone: status.timeZone }),
    t(locale, 'account.status.language', { language: languageName(status.language ?? locale) }),
    t(locale, 'account.status.tentative', { free: status.tentativeFree ? 'yes' : 'no' }),
  ];
}

/** The working-hours line of `/meet status`: "Working hours: Mon–Fri 09:00-17:00". */
export function hoursLine(status: AccountStatusView, locale: Locale): string {
  const ranges = status.workingHours.rules.map((rule) =>
    t(locale, 'commands.status.hoursRule', {
      days: rule.days.map((d) => dayName(d, locale)).join(', '),
      start: rule.start,
      end: rule.end,
    }),
  );
  return t(locale, 'commands.status.hours', { hours: ranges.join('; ') });
}

/** A day of the week (0 = Sunday) by its short name in `locale`. */
function dayName(day: number, locale: Locale): string {
  // 2023-01-01 was a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
    Date.UTC(2023, 0, 1 + day),
  );
}

/**
 * "Saved: Europe/Paris, Français, 09:00-17:00, tentative events count as free": what a save changed, hours
 * as typed; `who` first when someone else's settings were changed.
 */
export function savedText(
  changed: PreferencesChangeSummary,
  hours: string | undefined,
  locale: Locale,
  who?: string,
): string {
  const parts = [
    ...(who !== undefined ? [who] : []),
    ...(changed.timeZone ? [changed.timeZone] : []),
    ...(changed.language ? [languageName(changed.language)] : []),
    ...(changed.hours ? [hours ?? `${changed.hours.start}-${changed.hours.end}`] : []),
    ...(changed.tentativeFree !== undefined
      ? [t(locale, 'account.preferences.tentative', { free: changed.tentativeFree ? 'yes' : 'no' })]
      : []),
  ];
  return t(locale, 'account.preferences.saved', { parts: parts.join(', ') });
}

/** A refusal's messages, one per line, in `locale`. */
export function problemsText(messages: readonly Msg[], locale: Locale): string {
  return messages.map((m) => render(locale, m)).join('\n');
}
