/** Deutsch, Bereich `parse`: was der Anfrage-Parser meldet. Gleiche Schlüssel und Parameter wie Englisch. */
import type { parse as en } from '../en/parse.ts';
import type { Messages } from '../types.ts';

export const parse: Messages<typeof en> = {
  'parse.emptyRequest':
    'Sag mir, mit wem und wann, zum Beispiel: /meet @ana 30 Min. nächsten Dienstag „Q3-Rückblick“.',
  'parse.textTooLong': 'Diese Anfrage ist zu lang ({length} Zeichen); bleib unter {max} Zeichen.',
  'parse.invalidNow':
    'Die an den Parser übergebene aktuelle Zeit ist kein gültiger Zeitpunkt; das ist ein Einrichtungsproblem, bitte melde es.',
  'parse.invalidZone':
    'Die Zeitzone „{zone}“ ist keine gültige IANA-Zeitzone; wähle eine wie Europe/Berlin oder America/New_York.',
  'parse.noParticipants':
    'Ich habe niemanden zum Einladen gefunden — erwähne Personen wie @ana oder <@U123>.',
  'parse.severalDurations': 'Ich habe mehr als eine Dauer gefunden ({list}); nenne nur eine, etwa 45 Min.',
  'parse.invalidDuration':
    '„{text}“ ist keine brauchbare Dauer; sag, wie lange das Treffen dauert, etwa 30 Min. oder 1,5 Std.',
  'parse.durationTooLong':
    '„{text}“ ist länger als das Maximum von {max} Stunden; nenne eine kürzere Dauer, etwa 1 Std.',
  'parse.durationTooLongClock':
    '„{text}“ ist länger als das Maximum von {max} Stunden; für eine Uhrzeit schreib „um {text}“.',
  'parse.windowInPast':
    '„{text}“ ist schon vorbei; wähle eine Zeit ab jetzt, etwa morgen oder nächste Woche.',
  'parse.contradictoryWindow':
    '„{text}“ lässt keine Zeit für ein Treffen; prüfe Daten und Uhrzeiten, zum Beispiel „nach 14 Uhr vor 17 Uhr“.',
  'parse.windowTooFar':
    'Ich kann bis zu {max} Tage vorausschauen, und „{text}“ geht weiter; wähle einen näheren Zeitraum, etwa nächste Woche oder nächsten Monat.',
  'parse.tooManyParticipants':
    'Diese Anfrage nennt {count} Personen; ich kann höchstens {max} auf einmal einplanen, lade also weniger Personen oder ein Team ein.',
  'parse.broadcastMentionIgnored':
    'Ich habe {text} ignoriert: lade Personen oder Gruppen direkt ein, etwa @ana oder eine Benutzergruppe.',
  'parse.extraTitleIgnored':
    'Ich habe den ersten Text in Anführungszeichen als Titel genommen und {text} ignoriert.',
  'parse.windowWidened':
    'Du hast getrennte Tage genannt ({text}); ich suche vom ersten bis zum Ende des letzten.',
  'parse.ambiguousRecurrence': 'Wie oft meinst du mit „{text}“: {options}?',
  'parse.ambiguousZone': 'Welche Zeitzone meinst du mit „{text}“: {options}?',
  'parse.seriesEndImplied':
    'Du hast nicht gesagt, wann „{text}“ endet, also plane ich bis {until} ({months, plural, one {# Monat} other {# Monate}}); gib ein Ende an wie „6 Wochen lang“ oder „bis März“, um das zu ändern.',
  'parse.seriesExceptCapped':
    'Du hast {count} Termine genannt, die in der Serie ausfallen sollen; eine Serie lässt höchstens {max} aus, also habe ich die ersten {max} ausgelassen. Sag die übrigen nach der Buchung in der Serie ab oder beende sie früher.',
};
