/** Français, domaine `rotation` : pourquoi un membre d’une équipe tournante est choisi pour un créneau. */
import type { rotation as en } from '../en/rotation.ts';
import type { Messages } from '../types.ts';

export const rotation: Messages<typeof en> = {
  'rotation.alone':
    "{name} : seul membre de l'équipe libre ({count} {count, plural, one {réservé} other {réservés}}, objectif {target} {period, select, day {aujourd'hui} week {cette semaine} other {ce mois-ci}})",
  'rotation.below':
    "{name} : {gap} sous l'objectif {period, select, day {aujourd'hui} week {cette semaine} other {ce mois-ci}} ({count} {count, plural, one {réservé} other {réservés}}, objectif {target})",
  'rotation.closest':
    "{name} : le plus proche de l'objectif {period, select, day {aujourd'hui} week {cette semaine} other {ce mois-ci}} parmi les membres libres ({count} {count, plural, one {réservé} other {réservés}}, objectif {target})",
  'rotation.sticky': '{name} : garde la réunion qui lui était attribuée (replanifiée)',
  'rotation.priority':
    "{name} : à égalité d'équité {period, select, day {aujourd'hui} week {cette semaine} other {ce mois-ci}}, priorité plus haute ({priority})",
  'rotation.leastRecent': "{name} : à égalité d'équité et de priorité, réservé le moins récemment",
  'rotation.nobody': "Aucun membre actif de l'équipe n'est libre sur ce créneau.",
};
