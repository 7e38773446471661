/**
 * `/meet settings`: a modal with working hours (days, start, end), a time-zone override, the
 * language and "treat tentative events as free" (issue #15; off: tentative is busy). `views.open` needs the ~3 s `trigger_id`; when it has expired, the user gets a button that
 * opens the modal with a fresh one.
 */
import { render, t } from '../../../app/i18n/index.ts';
import type { Preferences, WorkingHoursData } from '../../../app/ports/store.ts';
import type { PreferencesChange, PreferencesProblem } from '../../../app/preferences.ts';
import { DEFAULT_HOURS, languageName } from '../../../app/preferences.ts';
import { type Locale, toLocale, weekdayName } from '../../../app/views.ts';
import { LOCALES } from '../../../core/locale.ts';
import type { Block, SlackApi, SlackRuntime } from '../deps.ts';
import { errorCode } from '../people.ts';
import { ACTIONS, renderLinks, SETTINGS_CALLBACK } from '../render.ts';

const opt = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });

export function settingsView(
  prefs: Preferences | null,
  zone: string,
  locale: Locale,
): Record<string, unknown> {
  const text = (key: Parameters<typeof t>[1]) => ({ type: 'plain_text', text: t(locale, key) });
  const hours: WorkingHoursData =
    prefs && prefs.workingHours.rules.length > 0 ? prefs.workingHours : DEFAULT_HOURS;
  const rule = hours.rules[0] ?? { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  const dayOptions = [1, 2, 3, 4, 5, 6, 0].map((d) => opt(weekdayName(d, locale), String(d)));
  const chosen = dayOptions.filter((o) => rule.days.includes(Number(o.value)));
  const language = prefs ? toLocale(prefs.locale) : locale;
  // Every language Convene speaks, each named in its own words.
  const languages = LOCALES.map((l) => opt(languageName(l), l));
  const tentativeOption = {
    ...opt(t(locale, 'account.settings.tentativeFree'), 'free'),
    description: text('account.settings.tentativeHint'),
  };
  const blocks: Block[] = [
    {
      type: 'input',
      block_id: 'days',
      label: text('account.settings.days'),
      element: {
        type: 'checkboxes',
        action_id: 'days',
        options: dayOptions,
        ...(chosen.length > 0 ? { initial_options: chosen } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'start',
      label: text('account.settings.start'),
      element: { type: 'timepicker', action_id: 'start', initial_time: rule.start },
    },
    {
      type: 'input',
      block_id: 'end',
      label: text('account.settings.end'),
      element: { type: 'timepicker', action_id: 'end', initial_time: rule.end },
    },
    {
      type: 'input',
      block_id: 'tz',
      label: text('account.settings.zone'),
      hint: text('account.settings.zoneHint'),
      element: { type: 'plain_text_input', action_id: 'tz', initial_value: prefs?.timeZone ?? zone },
    },
    {
      type: 'input',
      block_id: 'lang',
      label: text('account.settings.language'),
      element: {
        type: 'static_select',
        action_id: 'lang',
        options: languages,
        initial_option: languages.find((o) => o.value === language) ?? languages[0],
      },
    },
    {
      type: 'input',
      block_id: 'tentative',
      optional: true,
      label: text('account.settings.tentative'),
      element: {
        type: 'checkboxes',
        action_id: 'tentative',
        options: [tentativeOption],
        ...(prefs?.tentativeFree ? { initial_options: [tentativeOption] } : {}),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: SETTINGS_CALLBACK,
    title: text('account.settings.title'),
    submit: text('account.settings.save'),
    close: text('account.settings.cancel'),
    private_metadata: JSON.stringify({ l: locale }),
    blocks,
  };
}

type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** The submitted modal → the change it asks for (checked by the preferences use case). */
export function readSettings(values: StateValues, locale: Locale): PreferencesChange {
  const field = (block: string) => values[block]?.[block] ?? {};
  const days = ((field('days').selected_options as { value?: string }[] | undefined) ?? []).map((o) =>
    Number(o.value),
  );
  const lang = (field('lang').selected_option as { value?: string } | undefined)?.value ?? locale;
  // A modal opened before the field existed has no such block: the stored preference is then kept.
  const tentative = values.tentative?.tentative?.selected_options as { value?: string }[] | undefined;
  return {
    timeZone: String(field('tz').value ?? '').trim(),
    language: String(lang),
    week: {
      days,
      start: String(field('start').selected_time ?? ''),
      end: String(field('end').selected_time ?? ''),
    },
    ...(values.tentative ? { tentativeFree: (tentative ?? []).some((o) => o.value === 'free') } : {}),
  };
}

/** The modal's block for each preferences field: where Slack shows the problem. */
const BLOCK_OF: Record<PreferencesProblem['field'], string> = {
  zone: 'tz',
  language: 'lang',
  hours: 'start',
  days: 'days',
  start: 'start',
  end: 'end',
  person: 'tz',
};

/** Problems → `response_action: errors` (one message per block, in the user's language). */
export function settingsErrors(
  problems: readonly PreferencesProblem[],
  locale: Locale,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) errors[BLOCK_OF[p.field]] ??= render(locale, p.message);
  return errors;
}

/** Opens the modal; on `expired_trigger_id`, returns a fallback message with a button that retries. */
export async function openSettings(
  rt: SlackRuntime,
  client: SlackApi,
  triggerId: string,
  view: Record<string, unknown>,
  locale: Locale,
): Promise<{ ok: true } | { ok: false; fallback: { text: string; blocks: Block[] } }> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
    return { ok: true };
  } catch (error) {
    const code = errorCode(error);
    rt.log(`slack: views.open failed: ${code}`);
    return {
      ok: false,
      fallback: renderLinks(t(locale, 'account.settings.openFailed'), [
        { label: t(locale, 'account.settings.open'), actionId: ACTIONS.openSettings, value: locale },
      ]),
    };
  }
}
