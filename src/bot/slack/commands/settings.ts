/**
 * `/meet settings`: a modal with working hours (days, start, end), a time-zone override, the
 * language and "treat tentative events as free" (issue #15; off: tentative is busy). `views.open` needs the ~3 s `trigger_id`; when it has expired, the user gets a button that
 * opens the modal with a fresh one.
 */
import type { Preferences, WorkingHoursData } from '../../../app/ports/store.ts';
import { DEFAULT_WORKING_HOURS } from '../../../app/request-meeting.ts';
import type { Locale } from '../../../app/views.ts';
import type { Block, SlackApi, SlackRuntime } from '../deps.ts';
import { errorCode, isZone } from '../people.ts';
import { ACTIONS, renderLinks, SETTINGS_CALLBACK } from '../render.ts';

const DAYS: Record<Locale, string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  de: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
};

const opt = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });

export function settingsView(
  prefs: Preferences | null,
  zone: string,
  locale: Locale,
): Record<string, unknown> {
  const fr = locale === 'fr';
  const hours: WorkingHoursData =
    prefs && prefs.workingHours.rules.length > 0 ? prefs.workingHours : DEFAULT_WORKING_HOURS;
  const rule = hours.rules[0] ?? { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  const dayOptions = [1, 2, 3, 4, 5, 6, 0].map((d) => opt(DAYS[locale][d] ?? String(d), String(d)));
  const chosen = dayOptions.filter((o) => rule.days.includes(Number(o.value)));
  const language = prefs?.locale?.startsWith('fr') ? 'fr' : prefs ? 'en' : locale;
  const tentativeOption = {
    ...opt(
      fr ? 'Me compter libre pendant mes événements provisoires' : 'Treat tentative events as free',
      'free',
    ),
    description: {
      type: 'plain_text',
      text: fr
        ? 'Sinon, un événement provisoire (« peut-être ») vous rend occupé.'
        : 'Otherwise a tentative ("maybe") event makes you busy.',
    },
  };
  const blocks: Block[] = [
    {
      type: 'input',
      block_id: 'days',
      label: { type: 'plain_text', text: fr ? 'Jours travaillés' : 'Working days' },
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
      label: { type: 'plain_text', text: fr ? 'Début de journée' : 'Day starts at' },
      element: { type: 'timepicker', action_id: 'start', initial_time: rule.start },
    },
    {
      type: 'input',
      block_id: 'end',
      label: { type: 'plain_text', text: fr ? 'Fin de journée' : 'Day ends at' },
      element: { type: 'timepicker', action_id: 'end', initial_time: rule.end },
    },
    {
      type: 'input',
      block_id: 'tz',
      label: { type: 'plain_text', text: fr ? 'Fuseau horaire (IANA)' : 'Time zone (IANA)' },
      hint: {
        type: 'plain_text',
        text: fr
          ? 'Par exemple Europe/Paris. Remplace le fuseau de Slack.'
          : 'For example Europe/Paris. Overrides your Slack zone.',
      },
      element: { type: 'plain_text_input', action_id: 'tz', initial_value: prefs?.timeZone ?? zone },
    },
    {
      type: 'input',
      block_id: 'lang',
      label: { type: 'plain_text', text: fr ? 'Langue' : 'Language' },
      element: {
        type: 'static_select',
        action_id: 'lang',
        options: [opt('English', 'en'), opt('Français', 'fr')],
        initial_option: language === 'fr' ? opt('Français', 'fr') : opt('English', 'en'),
      },
    },
    {
      type: 'input',
      block_id: 'tentative',
      optional: true,
      label: { type: 'plain_text', text: fr ? 'Événements provisoires' : 'Tentative events' },
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
    title: { type: 'plain_text', text: fr ? 'Réglages Convene' : 'Convene settings' },
    submit: { type: 'plain_text', text: fr ? 'Enregistrer' : 'Save' },
    close: { type: 'plain_text', text: fr ? 'Annuler' : 'Cancel' },
    private_metadata: JSON.stringify({ l: locale }),
    blocks,
  };
}

export type SettingsParse =
  | {
      ok: true;
      prefs: { timeZone: string; locale: string; workingHours: WorkingHoursData; tentativeFree?: boolean };
    }
  | { ok: false; errors: Record<string, string> };

type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** The submitted modal → preferences, or field errors in the user's language. */
export function parseSettings(values: StateValues, locale: Locale): SettingsParse {
  const fr = locale === 'fr';
  const field = (block: string) => values[block]?.[block] ?? {};
  const days = ((field('days').selected_options as { value?: string }[] | undefined) ?? [])
    .map((o) => Number(o.value))
    .filter((d) => Number.isInteger(d) && d >= 0 && d <= 6);
  const start = String(field('start').selected_time ?? '');
  const end = String(field('end').selected_time ?? '');
  const tz = String(field('tz').value ?? '').trim();
  const lang = String((field('lang').selected_option as { value?: string } | undefined)?.value ?? locale);
  // A modal opened before the field existed has no such block: the stored preference is then kept.
  const tentative = values.tentative?.tentative?.selected_options as { value?: string }[] | undefined;
  const errors: Record<string, string> = {};
  if (days.length === 0) errors.days = fr ? 'Choisissez au moins un jour.' : 'Pick at least one day.';
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (!hhmm.test(start))
    errors.start = fr ? 'Heure attendue, par exemple 09:00.' : 'Expected a time such as 09:00.';
  if (!hhmm.test(end))
    errors.end = fr ? 'Heure attendue, par exemple 17:00.' : 'Expected a time such as 17:00.';
  else if (hhmm.test(start) && end <= start)
    errors.end = fr ? 'La fin doit être après le début.' : 'The end must be after the start.';
  if (!tz || !isZone(tz) || (!tz.includes('/') && tz !== 'UTC'))
    errors.tz = fr
      ? `« ${tz} » n'est pas un fuseau IANA : écrivez par exemple Europe/Paris ou America/New_York.`
      : `"${tz}" is not an IANA time zone: write for example Europe/Paris or America/New_York.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    prefs: {
      timeZone: tz,
      locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
      workingHours: { rules: [{ days: [...new Set(days)].sort(), start, end }], overrides: [] },
      ...(values.tentative ? { tentativeFree: (tentative ?? []).some((o) => o.value === 'free') } : {}),
    },
  };
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
    const fr = locale === 'fr';
    return {
      ok: false,
      fallback: renderLinks(
        fr
          ? 'Slack a refusé d’ouvrir la fenêtre des réglages à temps : cliquez sur le bouton pour l’ouvrir.'
          : 'Slack did not open the settings window in time: click the button to open it.',
        [
          {
            label: fr ? 'Ouvrir les réglages' : 'Open settings',
            actionId: ACTIONS.openSettings,
            value: locale,
          },
        ],
      ),
    };
  }
}
