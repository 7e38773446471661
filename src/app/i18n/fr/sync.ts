import type { sync as en } from '../en/sync.ts';
import type { Messages } from '../types.ts';

export const sync: Messages<typeof en> = {
  'sync.change.deleted': '{name} a supprimé « {title} » ({booked}) de son agenda.',
  'sync.change.moved': '{name} a déplacé « {title} » dans son agenda : {moved} (réservé {booked}).',
  'sync.organiserDecides': "L'organisateur choisit la suite.",
  'sync.question.moved': 'Déplacer la réunion pour tout le monde, garder l’horaire prévu, ou annuler ?',
  'sync.question.deleted':
    'Garder la réunion sans cette personne, remettre l’événement dans son agenda, ou annuler ?',
  'sync.action.follow': 'Déplacer pour tous : {when}',
  'sync.action.without': 'Garder sans {name}',
  'sync.action.restore': 'Garder {when}',
  'sync.action.cancel': 'Annuler la réunion',
  'sync.error.cancelled': 'Cette réunion est annulée.',
  'sync.error.changed': 'La réunion a changé depuis : ce choix ne s’applique plus.',
  'sync.error.noNewTime': 'Aucun nouvel horaire.',
  'sync.error.unknownChoice': 'Ce choix n’existe plus.',
  'sync.error.onlyOrganiser': 'Seul l’organisateur de cette réunion peut choisir.',
  'sync.alreadyDecided':
    'Déjà décidé : {status, select, followed {tout le monde a été déplacé} restored {l’horaire prévu a été gardé} cancelled {la réunion a été annulée} kept {la réunion a lieu sans cette personne} other {un changement plus récent l’a remplacé}}.',
  'sync.thread.movedForEveryone': 'Réunion déplacée pour tout le monde : {when}.',
  'sync.thread.cancelled': 'Réunion annulée.',
  'sync.thread.restored': 'La réunion reste {when} ; l’agenda de {name} est remis à jour.',
  'sync.thread.without': 'La réunion a lieu sans {name}.',
  'sync.reply.restored': 'Gardé {when} : l’agenda de {name} est remis à cet horaire.',
  'sync.reply.without': 'Gardé {when}, sans {name}.',
  // One occurrence of a series (issue #22): the same choices, for that occurrence only.
  'sync.occurrence.change.moved':
    '{name} a déplacé l’occurrence du {date} de « {title} » dans son agenda : {moved} (réservée {booked}).',
  'sync.occurrence.change.deleted':
    '{name} a supprimé l’occurrence du {date} de « {title} » ({booked}) de son agenda.',
  'sync.occurrence.question.moved':
    'Déplacer cette occurrence pour tout le monde, garder son horaire prévu, ou l’annuler seule ? Le reste de la série ne change pas.',
  'sync.occurrence.question.deleted':
    'Garder cette occurrence sans cette personne, la remettre dans son agenda, ou l’annuler seule ? Le reste de la série ne change pas.',
  'sync.occurrence.action.follow': 'Déplacer le {date} pour tous : {when}',
  'sync.occurrence.action.cancel': 'Annuler le {date} seulement',
  'sync.occurrence.action.without': 'Garder le {date} sans {name}',
  'sync.occurrence.thread.moved':
    'L’occurrence du {date} est déplacée pour tout le monde : {when} ; le reste de la série ne change pas.',
  'sync.occurrence.thread.cancelled':
    'L’occurrence du {date} est annulée ; le reste de la série ne change pas.',
  'sync.occurrence.thread.restored':
    'L’occurrence du {date} reste {when} ; l’agenda de {name} est remis à jour.',
  'sync.occurrence.thread.without': 'L’occurrence du {date} a lieu sans {name}.',
};
