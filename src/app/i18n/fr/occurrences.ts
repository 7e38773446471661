import type { occurrences as en } from '../en/occurrences.ts';
import type { Messages } from '../types.ts';

export const occurrences: Messages<typeof en> = {
  'occurrences.error.notASeries': "Cette réunion n'est pas une série : utilisez Annuler ou Déplacer.",
  'occurrences.error.unknownOccurrence':
    "La série n'a pas de réunion à cet horaire : choisissez l'une de ses dates.",
  'occurrences.error.occurrencePast': 'Cette réunion de la série a déjà commencé.',
  'occurrences.error.firstOccurrence':
    "C'est la première réunion de la série : pour arrêter la série là, annulez toute la série.",
  'occurrences.cancelled.headline':
    'Annulé : « {title} » du {when} seulement. Les autres réunions de la série sont maintenues.',
  'occurrences.cancelled.dm':
    '{who} a annulé « {title} » du {when} (cette réunion seulement ; la série continue). Votre agenda est mis à jour.',
  'occurrences.moved.headline': 'Déplacé : « {title} » du {was} au {when} (cette réunion seulement).',
  'occurrences.moved.thread':
    '{who} a déplacé la réunion du {date} : {when} (au lieu de {was}) ; le reste de la série ne change pas.',
  'occurrences.moved.dm':
    '{who} a déplacé « {title} » du {was} au {when} (cette réunion seulement ; la série continue). Votre agenda est mis à jour.',
  'occurrences.ended.headline': '« {title} » s’arrête : les réunions à partir du {when} sont annulées.',
  'occurrences.ended.dm':
    '{who} a arrêté la série « {title} » : les réunions à partir du {when} sont annulées. Votre agenda est mis à jour.',
  'occurrences.button.cancelOne': 'Annuler le {date} seulement',
  'occurrences.button.endAfter': 'Arrêter la série après le {date}',
  'occurrences.button.moveOne': 'Déplacer le {date} seulement',
  'occurrences.moveOptions.headline':
    'Nouveaux horaires pour « {title} », cette réunion seulement (actuellement {now}) :',
  'occurrences.error.noOtherTime':
    'Aucun autre horaire ne convient à tous dans les trois jours autour de cette réunion : gardez-la, ou annulez celle-ci seulement.',
  'occurrences.button.moveFollowing': 'Déplacer le {date} et les suivantes',
  'occurrences.followingOptions.headline':
    'Nouveaux horaires pour « {title} » à partir du {date}, cette réunion et les suivantes (actuellement {now}) :',
  'occurrences.followingMoved.headline':
    'Déplacé : « {title} » à partir du {was} au {when}, cette réunion et les suivantes ({series}). Les réunions précédentes sont maintenues.',
  'occurrences.followingMoved.dm':
    '{who} a déplacé « {title} » à partir du {was} au {when}, cette réunion et les suivantes ({series}) ; les réunions précédentes sont maintenues. Votre agenda est mis à jour.',
  'occurrences.followingMoved.conflicts':
    'Tout le monde n’est pas libre pour {count, plural, one {# réunion suivante} other {# réunions suivantes}} : {conflicts}.',
  'occurrences.followingMoved.keptCancelled':
    '{count, plural, one {# date annulée le reste} other {# dates annulées le restent}}.',
  'occurrences.followingMoved.followed':
    '{count, plural, one {# réunion déplacée seule suit} other {# réunions déplacées seules suivent}} désormais le nouvel horaire.',
  'occurrences.followingMoved.ics':
    'Convene n’écrit pas dans votre agenda : ajoutez-y vous-même la nouvelle série (.ics) : {url}',
  'occurrences.error.followingDay':
    'Une série mensuelle garde son jour : déplacez cette réunion et les suivantes à un autre horaire le même jour, ou cette réunion seulement.',
  'occurrences.error.followingPattern':
    'Ce jour changerait les jours où la série se répète : choisissez un horaire le même jour, ou déplacez cette réunion seulement.',
  'occurrences.error.followingFirst':
    'C’est la première réunion de la série encore prévue : déplacez plutôt toute la série.',
  'occurrences.error.followingBefore':
    'Le nouvel horaire doit venir après la réunion précédente de la série : choisissez un horaire plus tard.',
  'occurrences.outbox.notChanged':
    "La modification de « {title} » ({when}) n'a pas pu être faite dans l'agenda de {name} : il montre peut-être encore cette réunion telle qu'elle était.",
};
