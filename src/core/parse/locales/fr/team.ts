/** French words of `/meet équipe …` (folded: lower case, no accents). */
import type { TeamWords } from '../team.ts';

export const teamWords: TeamWords = {
  heads: ['equipe', 'equipes'],
  ops: {
    aide: 'help',
    liste: 'list',
    lister: 'list',
    classement: 'standings',
    creer: 'create',
    renommer: 'rename',
    supprimer: 'delete',
    ajouter: 'add',
    retirer: 'remove',
    poids: 'weight',
    priorite: 'priority',
    mode: 'mode',
    fenetre: 'window',
    serie: 'series',
    pause: 'pause',
    reprendre: 'resume',
    lier: 'bind',
    delier: 'unbind',
    administrateurs: 'admins',
    accorder: 'grant',
    revoquer: 'revoke',
  },
  modes: {
    tournant: 'round_robin',
    'a-tour-de-role': 'round_robin',
    collectif: 'collective',
  },
  windows: { jour: 'day', semaine: 'week', mois: 'month' },
  series: { fixe: 'fixed', tournant: 'rotate', tour: 'rotate', 'a-tour-de-role': 'rotate' },
  until: ["jusqu'au", 'jusqu’au', 'jusquau', 'au'],
};
