/** Deutsch, Bereich `calendars`: mehrere Kalender pro Person. Dieselben Schlüssel und Parameter wie Englisch. */
import type { calendars as en } from '../en/calendars.ts';
import type { Messages } from '../types.ts';

export const calendars: Messages<typeof en> = {
  'calendars.error.unknownAccount':
    'Dieses Konto ist keines (oder keines mehr) deiner verknüpften Kalenderkonten.',
  'calendars.error.unavailable':
    'Die Kalender von {account} können gerade nicht abgerufen werden: Versuch es in ein paar Minuten noch einmal, oder verknüpfe das Konto neu, falls das anhält.',
  'calendars.error.unknownCalendar': '„{name}“ ist keiner der Kalender dieses Kontos.',
  'calendars.error.readOnly':
    '„{name}“ ist schreibgeschützt: Convene kann dort keine Termine eintragen. Wähle einen beschreibbaren Kalender für neue Termine.',
  'calendars.error.busyUnreadable':
    '„{name}“ kann nicht als belegt zählen: Der Anbieter meldet belegte Zeiten nur für den Hauptkalender.',
  'calendars.error.noBusy':
    'Wähle mindestens einen Kalender, der als belegt zählt: Sonst kann Convene nicht erkennen, wann du frei bist.',
  'calendars.error.tooMany': 'Von einem Konto können höchstens {max} Kalender gewählt werden.',
  'calendars.saved':
    'Gespeichert für {account}: {busy, plural, =0 {kein Kalender zählt} one {# Kalender zählt} other {# Kalender zählen}} als belegt; {hasWrite, select, yes {neue Termine landen in „{write}“} other {neue Termine landen nicht in diesem Konto}}.',
  'calendars.movedFrom': '{account} erhält keine neuen Termine mehr.',
  'calendars.hidden':
    '{count, plural, one {# weiterer Kalender wird} other {# weitere Kalender werden}} nicht angezeigt: Nur die ersten {max} eines Kontos sind wählbar.',
  'calendars.hiddenAccounts':
    '{count, plural, one {# weiteres Konto wird} other {# weitere Konten werden}} nicht angezeigt.',
  'calendars.listError': 'seine Kalender können gerade nicht abgerufen werden',
  'calendars.flag.writable': 'beschreibbar',
  'calendars.flag.readOnly': 'schreibgeschützt',
  'calendars.flag.busy': 'zählt als belegt',
  'calendars.flag.receives': 'erhält neue Termine',
  'calendars.flag.busyUnreadable': 'kann nicht als belegt zählen',
  'calendars.chat.head': 'Deine Kalender, nach Nummer:',
  'calendars.chat.help':
    'Ändern mit `/meet kalender belegt 1.1 1.3` (in Konto 1 zählen die Kalender 1 und 3 als belegt; `1.0`: keiner von Konto 1), `/meet kalender termine 1.2` (dieser Kalender erhält neue Termine) und `/meet unlink 1` (trennt Konto 1).',
  'calendars.chat.none': 'Du hast keinen verknüpften Kalender: `/meet link` verknüpft einen.',
  'calendars.chat.usage':
    'Sag, welche Kalender: `/meet kalender belegt 1.1 1.3` oder `/meet kalender termine 1.2`, mit den Nummern, die `/meet kalender` anzeigt.',
  'calendars.chat.unknownRef':
    '„{ref}“ ist keine Kalendernummer aus `/meet kalender` (Konto.Kalender, zum Beispiel 1.2): Nichts wurde geändert.',
  'calendars.words.busy': 'belegt',
  'calendars.words.write': 'termine schreiben',
  'calendars.page.title': 'Wähle deine Kalender',
  'calendars.page.intro':
    'Hake die Kalender ab, deren Termine dich belegt machen, und wähle den, der neue Termine erhält. Du kannst das später mit /meet kalender ändern.',
  'calendars.page.busyLegend': 'Zählen als belegt',
  'calendars.page.writeLegend': 'Erhält neue Termine',
  'calendars.page.noWrite': 'Keiner der Kalender dieses Kontos',
  'calendars.page.save': 'Speichern',
  'calendars.page.savedTitle': 'Kalender gespeichert',
};
