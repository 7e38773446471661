import type { playground as en } from '../en/playground.ts';
import type { Messages } from '../types.ts';

export const playground: Messages<typeof en> = {
  'playground.page.title': 'Bac à sable Convene (données de démo)',
  'playground.page.skip': 'Aller à la zone de demande',
  'playground.page.tagline':
    'Tapez une demande /meet, choisissez un créneau proposé, regardez-le arriver dans les agendas de chacun.',
  'playground.page.demoData': 'DONNÉES DE DÉMO',
  'playground.page.whoTitle': '1. Qui êtes-vous ?',
  'playground.page.pickPerson': 'Choisissez la personne de démo que vous incarnez',
  'playground.page.loading': 'Chargement des personnes de démo…',
  'playground.page.feeds':
    'Leurs agendas sont des fichiers ICS fournis, lus par le connecteur ICS de Convene :',
  'playground.page.reset': 'Réinitialiser la démo',
  'playground.page.chatTitle': '2. Demandez une réunion',
  'playground.page.requestLabel': 'Votre demande /meet',
  'playground.page.send': 'Envoyer',
  'playground.page.try': 'Essayez :',
  'playground.page.calTitle': '3. Les agendas de chacun',
  'playground.page.calHint':
    'Après votre choix, la semaine de chaque participant s’affiche ici dans son propre fuseau : les blocs gris sont des moments occupés (les titres ne sont jamais montrés), le bloc en surbrillance est la nouvelle réunion.',
  'playground.page.nextTitle': 'Ensuite : connecter Slack ou Discord',
  'playground.page.next':
    'Le bac à sable n’est qu’un adaptateur de plus : Slack et Discord appellent les mêmes cas d’usage et montrent les mêmes propositions. Quand vous êtes prêt, suivez « Connect Slack » ou « Connect Discord » dans le README, puis redémarrez Convene : avec une plateforme de chat configurée, aucune donnée de démo n’est chargée.',
  'playground.example': '/meet @ana @sam 45 min la semaine prochaine « Point produit »',
  'playground.you': 'Vous',
  'playground.placeholder': '/meet {others} 30 min la semaine prochaine « Point »',
  'playground.heat.free': 'libre',
  'playground.heat.busy': 'occupé',
  'playground.heat.off': 'hors horaires',
  'playground.heat.everyone': 'tout le monde est libre',
  'playground.heat.all': 'Tous',
  'playground.heat.freeCount': '{free}/{total} libres',
  'playground.heat.title': 'Disponibilités du groupe (heure de {city})',
  'playground.window': 'Période : {window}',
  'playground.slots': 'Créneaux proposés',
  'playground.answers': 'Réponses',
  'playground.failed': 'Un problème est survenu.',
  'playground.noAnswer': 'Convene n’a pas répondu : le serveur tourne-t-il encore ?',
  'playground.httpError': 'Le serveur a répondu HTTP {status}.',
  'playground.calendarsBelow': 'Les agendas de chacun sont affichés plus bas.',
  'playground.week.none': 'Aucune réunion Convene cette semaine.',
  'playground.week.incomplete': 'Cet agenda n’a pas pu être lu : seules les réunions Convene sont affichées.',
  'playground.resetting': 'Réinitialisation…',
  'playground.resetDone':
    'Démo réinitialisée : {count, plural, =0 {aucune réservation annulée} one {# réservation annulée} other {# réservations annulées}}.',
  'playground.resetFailed': 'La réinitialisation a échoué.',
};
