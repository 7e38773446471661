import type { sync as en } from '../en/sync.ts';
import type { Messages } from '../types.ts';

export const sync: Messages<typeof en> = {
  'sync.change.deleted': '{name} hat „{title}“ ({booked}) aus dem eigenen Kalender entfernt.',
  'sync.change.moved':
    '{name} hat „{title}“ im eigenen Kalender auf {moved} verschoben (gebucht für {booked}).',
  'sync.organiserDecides': 'Die organisierende Person entscheidet, wie es weitergeht.',
  'sync.question.moved': 'Den Termin für alle verschieben, die gebuchte Zeit behalten oder absagen?',
  'sync.question.deleted':
    'Den Termin ohne diese Person behalten, den Eintrag in ihren Kalender zurücklegen oder absagen?',
  'sync.action.follow': 'Alle auf {when} verschieben',
  'sync.action.without': 'Ohne {name} behalten',
  'sync.action.restore': '{when} behalten',
  'sync.action.cancel': 'Termin absagen',
  'sync.error.cancelled': 'Dieser Termin wurde abgesagt.',
  'sync.error.changed': 'Der Termin hat sich inzwischen geändert: diese Auswahl gilt nicht mehr.',
  'sync.error.noNewTime': 'Es gibt keine neue Zeit.',
  'sync.error.unknownChoice': 'Diese Auswahl gibt es nicht mehr.',
  'sync.error.onlyOrganiser': 'Nur die organisierende Person dieses Termins kann wählen.',
  'sync.alreadyDecided':
    'Bereits entschieden: {status, select, followed {alle wurden verschoben} restored {die gebuchte Zeit wurde behalten} cancelled {der Termin wurde abgesagt} kept {der Termin findet ohne diese Person statt} other {eine neuere Änderung hat diese ersetzt}}.',
  'sync.thread.movedForEveryone': 'Termin für alle auf {when} verschoben.',
  'sync.thread.cancelled': 'Termin abgesagt.',
  'sync.thread.restored': 'Der Termin bleibt {when}; der Kalender von {name} wird zurückgesetzt.',
  'sync.thread.without': 'Der Termin findet ohne {name} statt.',
  'sync.reply.restored': 'Behalten für {when}: der Kalender von {name} wird auf diese Zeit zurückgesetzt.',
  'sync.reply.without': 'Behalten für {when}, ohne {name}.',
  // One occurrence of a series (issue #22): the same choices, for that occurrence only.
  'sync.occurrence.change.moved':
    '{name} hat den Termin vom {date} der Serie „{title}“ im eigenen Kalender auf {moved} verschoben (gebucht für {booked}).',
  'sync.occurrence.change.deleted':
    '{name} hat den Termin vom {date} der Serie „{title}“ ({booked}) aus dem eigenen Kalender entfernt.',
  'sync.occurrence.question.moved':
    'Diesen Termin für alle verschieben, seine gebuchte Zeit behalten oder nur ihn absagen? Der Rest der Serie bleibt.',
  'sync.occurrence.question.deleted':
    'Diesen Termin ohne diese Person behalten, ihn in ihren Kalender zurücklegen oder nur ihn absagen? Der Rest der Serie bleibt.',
  'sync.occurrence.action.follow': '{date} für alle auf {when}',
  'sync.occurrence.action.cancel': 'Nur {date} absagen',
  'sync.occurrence.action.without': '{date} ohne {name} behalten',
  'sync.occurrence.thread.moved':
    'Der Termin vom {date} wurde für alle auf {when} verschoben; der Rest der Serie bleibt.',
  'sync.occurrence.thread.cancelled': 'Der Termin vom {date} ist abgesagt; der Rest der Serie bleibt.',
  'sync.occurrence.thread.restored':
    'Der Termin vom {date} bleibt {when}; der Kalender von {name} wird zurückgesetzt.',
  'sync.occurrence.thread.without': 'Der Termin vom {date} findet ohne {name} statt.',
};
