/**
 * User-facing messages, one actionable sentence per code and language. Codes are stable; wording may
 * improve. Parameters are inserted verbatim (quotes are added here, per language).
 */
import type { Locale, ParseErrorCode, ParseWarningCode } from './types.ts';

export interface MessageParams {
  /** The user's text the message is about. */
  readonly text?: string;
  /** Several user texts (e.g. conflicting durations). */
  readonly list?: readonly string[];
  readonly length?: number;
  readonly max?: number;
  readonly count?: number;
  readonly zone?: string;
  /** Selects a variant of the message. */
  readonly variant?: 'several' | 'clock' | 'now';
}

type Template = (p: MessageParams) => string;

const en: Record<ParseErrorCode | ParseWarningCode, Template> = {
  empty_request: () => 'Tell me who to meet and when, for example: /meet @ana 30m next week "Q3 review".',
  text_too_long: (p) =>
    `That request is too long (${p.length} characters); keep it under ${p.max} characters.`,
  invalid_context: (p) =>
    p.variant === 'now'
      ? 'The current time given to the parser is not a valid instant; this is a setup problem, please report it.'
      : `The time zone "${p.zone}" is not a valid IANA time zone; set one like Europe/Paris or America/New_York.`,
  no_participants: () => "I couldn't find anyone to invite — mention people like @ana or <@U123>.",
  invalid_duration: (p) =>
    p.variant === 'several'
      ? `I found more than one duration (${(p.list ?? []).join(', ')}); say just one, like 45m.`
      : `"${p.text}" is not a usable duration; say how long the meeting lasts, like 30m or 1h30.`,
  duration_too_long: (p) =>
    `"${p.text}" is longer than the ${p.max}-hour maximum; say a shorter duration, like 1h.`,
  window_in_past: (p) => `"${p.text}" is already over; pick a time from now on, like tomorrow or next week.`,
  contradictory_window: (p) =>
    `"${p.text}" leaves no time to meet; check the dates and times, for example "after 2pm before 5pm".`,
  window_too_far: (p) =>
    `I can look up to ${p.max} days ahead, and "${p.text}" goes further; pick a nearer window, like next week or next month.`,
  too_many_participants: (p) =>
    `That request names ${p.count} people; I can schedule up to ${p.max} at once, so invite fewer people or a team.`,
  broadcast_mention_ignored: (p) =>
    `I ignored ${p.text}: invite people or groups directly, like @ana or a user group.`,
  extra_title_ignored: (p) => `I used the first quoted text as the title and ignored ${p.text}.`,
  window_widened: (p) =>
    `You named separate days (${p.text}); I'll look from the first to the end of the last one.`,
};

const fr: Record<ParseErrorCode | ParseWarningCode, Template> = {
  empty_request: () =>
    'Dites-moi qui réunir et quand, par exemple : /meet @ana 30 min mardi prochain « Point Q3 ».',
  text_too_long: (p) =>
    `Cette demande est trop longue (${p.length} caractères) ; restez sous ${p.max} caractères.`,
  invalid_context: (p) =>
    p.variant === 'now'
      ? "L'heure courante transmise à l'analyseur n'est pas valide ; c'est un problème de configuration, signalez-le."
      : `Le fuseau horaire « ${p.zone} » n'est pas un fuseau IANA valide ; choisissez-en un comme Europe/Paris.`,
  no_participants: () => "Je n'ai trouvé personne à inviter — mentionnez des personnes comme @ana.",
  invalid_duration: (p) =>
    p.variant === 'several'
      ? `J'ai trouvé plusieurs durées (${(p.list ?? []).join(', ')}) ; n'en donnez qu'une, comme 45 min.`
      : `« ${p.text} » n'est pas une durée utilisable ; indiquez la durée de la réunion, comme 30 min ou 1h30.`,
  duration_too_long: (p) =>
    p.variant === 'clock'
      ? `« ${p.text} » dépasse la durée maximale de ${p.max} h ; pour une heure de début, écrivez « à ${p.text} ».`
      : `« ${p.text} » dépasse la durée maximale de ${p.max} h ; indiquez une durée plus courte, comme 1h.`,
  window_in_past: (p) =>
    `« ${p.text} » est déjà passé ; choisissez un moment à venir, comme demain ou la semaine prochaine.`,
  contradictory_window: (p) =>
    `« ${p.text} » ne laisse aucun créneau possible ; vérifiez les dates et les heures, par exemple « après 14h avant 17h ».`,
  window_too_far: (p) =>
    `Je peux chercher jusqu'à ${p.max} jours à l'avance, et « ${p.text} » va plus loin ; choisissez une période plus proche, comme la semaine prochaine ou le mois prochain.`,
  too_many_participants: (p) =>
    `Cette demande cite ${p.count} personnes ; je peux en réunir ${p.max} au plus à la fois : invitez moins de monde ou une équipe.`,
  broadcast_mention_ignored: (p) =>
    `J'ai ignoré ${p.text} : invitez directement des personnes ou des groupes, comme @ana.`,
  extra_title_ignored: (p) => `J'ai pris le premier texte entre guillemets comme titre et ignoré ${p.text}.`,
  window_widened: (p) =>
    `Vous avez cité des jours séparés (${p.text}) ; je cherche du premier jusqu'à la fin du dernier.`,
};

const de: Record<ParseErrorCode | ParseWarningCode, Template> = {
  empty_request: () =>
    'Sag mir, mit wem und wann, zum Beispiel: /meet @ana 30 Min. nächsten Dienstag „Q3-Rückblick“.',
  text_too_long: (p) => `Diese Anfrage ist zu lang (${p.length} Zeichen); bleib unter ${p.max} Zeichen.`,
  invalid_context: (p) =>
    p.variant === 'now'
      ? 'Die an den Parser übergebene aktuelle Zeit ist kein gültiger Zeitpunkt; das ist ein Einrichtungsproblem, bitte melde es.'
      : `Die Zeitzone „${p.zone}“ ist keine gültige IANA-Zeitzone; wähle eine wie Europe/Berlin oder America/New_York.`,
  no_participants: () => 'Ich habe niemanden zum Einladen gefunden — erwähne Personen wie @ana oder <@U123>.',
  invalid_duration: (p) =>
    p.variant === 'several'
      ? `Ich habe mehr als eine Dauer gefunden (${(p.list ?? []).join(', ')}); nenne nur eine, etwa 45 Min.`
      : `„${p.text}“ ist keine brauchbare Dauer; sag, wie lange das Treffen dauert, etwa 30 Min. oder 1,5 Std.`,
  duration_too_long: (p) =>
    `„${p.text}“ ist länger als das Maximum von ${p.max} Stunden; nenne eine kürzere Dauer, etwa 1 Std.`,
  window_in_past: (p) =>
    `„${p.text}“ ist schon vorbei; wähle eine Zeit ab jetzt, etwa morgen oder nächste Woche.`,
  contradictory_window: (p) =>
    `„${p.text}“ lässt keine Zeit für ein Treffen; prüfe Daten und Uhrzeiten, zum Beispiel „nach 14 Uhr vor 17 Uhr“.`,
  window_too_far: (p) =>
    `Ich kann bis zu ${p.max} Tage vorausschauen, und „${p.text}“ geht weiter; wähle einen näheren Zeitraum, etwa nächste Woche oder nächsten Monat.`,
  too_many_participants: (p) =>
    `Diese Anfrage nennt ${p.count} Personen; ich kann höchstens ${p.max} auf einmal einplanen, lade also weniger Personen oder ein Team ein.`,
  broadcast_mention_ignored: (p) =>
    `Ich habe ${p.text} ignoriert: lade Personen oder Gruppen direkt ein, etwa @ana oder eine Benutzergruppe.`,
  extra_title_ignored: (p) =>
    `Ich habe den ersten Text in Anführungszeichen als Titel genommen und ${p.text} ignoriert.`,
  window_widened: (p) =>
    `Du hast getrennte Tage genannt (${p.text}); ich suche vom ersten bis zum Ende des letzten.`,
};

const CATALOG: Record<Locale, Record<ParseErrorCode | ParseWarningCode, Template>> = { en, fr, de };

const ZONE_QUESTION: Record<Locale, (text: string, list: string) => string> = {
  en: (text, list) => `Which time zone do you mean by "${text}": ${list}?`,
  fr: (text, list) => `Quel fuseau horaire voulez-vous dire par « ${text} » : ${list} ?`,
  de: (text, list) => `Welche Zeitzone meinst du mit „${text}“: ${list}?`,
};

/** The question for an abbreviation that names several zones. */
export function zoneQuestion(locale: Locale, text: string, options: readonly string[]): string {
  return ZONE_QUESTION[locale](text, options.join(', '));
}

export function message(
  code: ParseErrorCode | ParseWarningCode,
  locale: Locale,
  params: MessageParams = {},
): string {
  return CATALOG[locale][code](params);
}
