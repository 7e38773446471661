import type { playground as en } from '../en/playground.ts';
import type { Messages } from '../types.ts';

export const playground: Messages<typeof en> = {
  'playground.page.title': 'Convene-Playground (Demodaten)',
  'playground.page.skip': 'Zum Anfragefeld springen',
  'playground.page.tagline':
    'Tipp eine /meet-Anfrage ein, wähle eine vorgeschlagene Zeit und sieh zu, wie sie in allen Kalendern landet.',
  'playground.page.demoData': 'DEMODATEN',
  'playground.page.whoTitle': '1. Wer bist du?',
  'playground.page.pickPerson': 'Wähle die Demo-Person, als die du handelst',
  'playground.page.loading': 'Demo-Personen werden geladen…',
  'playground.page.feeds':
    'Ihre Kalender sind mitgelieferte ICS-Dateien, gelesen über den ICS-Connector von Convene:',
  'playground.page.reset': 'Demodaten zurücksetzen',
  'playground.page.chatTitle': '2. Frag nach einem Termin',
  'playground.page.requestLabel': 'Deine /meet-Anfrage',
  'playground.page.send': 'Senden',
  'playground.page.try': 'Probier:',
  'playground.page.calTitle': '3. Die Kalender aller',
  'playground.page.calHint':
    'Nachdem du eine Zeit gewählt hast, erscheint hier die Woche jeder teilnehmenden Person in ihrer eigenen Zeitzone: graue Blöcke sind belegte Zeit (Titel werden nie angezeigt), der hervorgehobene Block ist der neue Termin.',
  'playground.page.nextTitle': 'Als Nächstes: Slack oder Discord verbinden',
  'playground.page.next':
    'Der Playground ist nur ein weiterer Adapter: Slack und Discord rufen dieselben Use Cases auf und zeigen dieselben Vorschläge. Wenn du so weit bist, folge „Connect Slack“ oder „Connect Discord“ im README und starte Convene neu: sobald eine Chat-Plattform eingerichtet ist, werden keine Demodaten geladen.',
  'playground.example': '/meet @ana @li 30m nächste Woche „Roadmap“',
  'playground.you': 'Du',
  'playground.placeholder': '/meet {others} 30m nächste Woche „Roadmap“',
  'playground.heat.free': 'frei',
  'playground.heat.busy': 'beschäftigt',
  'playground.heat.off': 'außerhalb der Arbeitszeit',
  'playground.heat.everyone': 'alle frei',
  'playground.heat.all': 'Alle',
  'playground.heat.freeCount': '{free}/{total} frei',
  'playground.heat.title': 'Verfügbarkeit der Gruppe (Ortszeit {city})',
  'playground.window': 'Zeitraum: {window}',
  'playground.slots': 'Vorgeschlagene Zeiten',
  'playground.answers': 'Antworten',
  'playground.failed': 'Etwas ist schiefgelaufen.',
  'playground.noAnswer': 'Convene hat nicht geantwortet: läuft der Server noch?',
  'playground.httpError': 'Der Server hat mit HTTP {status} geantwortet.',
  'playground.calendarsBelow': 'Die Kalender aller werden unten angezeigt.',
  'playground.week.none': 'Kein Convene-Termin in dieser Woche.',
  'playground.week.incomplete':
    'Dieser Kalender konnte nicht gelesen werden: nur Convene-Termine werden angezeigt.',
  'playground.resetting': 'Wird zurückgesetzt…',
  'playground.resetDone':
    'Demo zurückgesetzt: {count, plural, =0 {keine Buchung abgesagt} one {# Buchung abgesagt} other {# Buchungen abgesagt}}.',
  'playground.resetFailed': 'Zurücksetzen fehlgeschlagen.',
};
