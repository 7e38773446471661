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
  'occurrences.button.moveFollowing': '{date} und folgende verschieben',
  'occurrences.followingOptions.headline':
    'Neue Zeiten für „{title}“ ab {date}, dieser und die folgenden Termine (jetzt {now}):',
  'occurrences.followingMoved.headline':
    'Verschoben: „{title}“ ab {was} auf {when}, dieser und die folgenden Termine ({series}). Die früheren Termine bleiben.',
  'occurrences.followingMoved.dm':
    '{who} hat „{title}“ ab {was} auf {when} verschoben, diesen und die folgenden Termine ({series}); die früheren Termine bleiben. Dein Kalender wird aktualisiert.',
  'occurrences.followingMoved.conflicts':
    'Nicht alle haben Zeit an {count, plural, one {# späteren Termin} other {# späteren Terminen}}: {conflicts}.',
  'occurrences.followingMoved.keptCancelled':
    '{count, plural, one {# abgesagter Termin bleibt} other {# abgesagte Termine bleiben}} abgesagt.',
  'occurrences.followingMoved.followed':
    '{count, plural, one {# einzeln verschobener Termin folgt} other {# einzeln verschobene Termine folgen}} jetzt der neuen Zeit.',
  'occurrences.followingMoved.ics':
    'Convene schreibt nicht in deinen Kalender: füge die neue Serie selbst hinzu (.ics): {url}',
  'occurrences.error.followingDay':
    'Eine monatliche Serie behält ihren Tag: verschiebe diesen und die folgenden Termine auf eine andere Zeit am selben Tag, oder nur diesen Termin.',
  'occurrences.error.followingPattern':
    'Dieser Tag würde ändern, an welchen Tagen sich die Serie wiederholt: wähle eine Zeit am selben Tag, oder verschiebe nur diesen Termin.',
  'occurrences.error.followingFirst':
    'Das ist der erste noch geplante Termin der Serie: verschiebe stattdessen die ganze Serie.',
  'occurrences.error.followingBefore':
    'Die neue Zeit muss nach dem vorherigen Termin der Serie liegen: wähle eine spätere Zeit.',
  'occurrences.outbox.notChanged':
    'Die Änderung an „{title}“ ({when}) konnte im Kalender von {name} nicht vorgenommen werden: er zeigt diesen Termin vielleicht noch wie vorher.',
};
