import type { occurrences as en } from '../en/occurrences.ts';
import type { Messages } from '../types.ts';

export const occurrences: Messages<typeof en> = {
  'occurrences.error.notASeries': 'Dieser Termin ist keine Serie: nutze Absagen oder Verschieben.',
  'occurrences.error.unknownOccurrence':
    'Die Serie hat zu dieser Zeit keinen Termin: wähle eines ihrer Daten.',
  'occurrences.error.occurrencePast': 'Dieser Termin der Serie hat schon begonnen.',
  'occurrences.error.firstOccurrence':
    'Das ist der erste Termin der Serie: um die Serie dort zu beenden, sag die ganze Serie ab.',
  'occurrences.cancelled.headline':
    'Abgesagt: „{title}“ nur am {when}. Die anderen Termine der Serie bleiben.',
  'occurrences.cancelled.dm':
    '{who} hat „{title}“ am {when} abgesagt (nur diesen Termin; die Serie läuft weiter). Dein Kalender wird aktualisiert.',
  'occurrences.moved.headline': 'Verschoben: „{title}“ vom {was} auf {when} (nur dieser Termin).',
  'occurrences.moved.thread':
    '{who} hat den Termin vom {date} auf {when} verschoben (vorher {was}); der Rest der Serie bleibt.',
  'occurrences.moved.dm':
    '{who} hat „{title}“ vom {was} auf {when} verschoben (nur diesen Termin; die Serie läuft weiter). Dein Kalender wird aktualisiert.',
  'occurrences.ended.headline': '„{title}“ endet: die Termine ab {when} sind abgesagt.',
  'occurrences.ended.dm':
    '{who} hat die Serie „{title}“ beendet: die Termine ab {when} sind abgesagt. Dein Kalender wird aktualisiert.',
  'occurrences.button.cancelOne': 'Nur {date} absagen',
  'occurrences.button.endAfter': 'Serie nach {date} beenden',
  'occurrences.button.moveOne': 'Nur {date} verschieben',
  'occurrences.moveOptions.headline': 'Neue Zeiten für „{title}“, nur dieser Termin (jetzt {now}):',
  'occurrences.error.noOtherTime':
    'Innerhalb von drei Tagen um diesen Termin passt keine andere Zeit für alle: behalte ihn oder sag nur diesen ab.',
  'occurrences.outbox.notChanged':
    'Die Änderung an „{title}“ ({when}) konnte im Kalender von {name} nicht vorgenommen werden: er zeigt diesen Termin vielleicht noch wie vorher.',
};
