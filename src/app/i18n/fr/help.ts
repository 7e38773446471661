import type { help as en } from '../en/help.ts';
import type { Messages } from '../types.ts';

export const help: Messages<typeof en> = {
  'help.words': 'aide ?',
  'help.slack': [
    '*Convene trouve un créneau et le réserve dans les agendas de tous.*',
    '• `/meet @ana @li 30m la semaine prochaine « Point Q3 »` : propose les meilleurs créneaux ; cliquez pour réserver.',
    '• `/meet lier` : relier votre agenda (Google, Microsoft 365).',
    '• `/meet délier [google|microsoft]` : retirer un agenda relié.',
    '• `/meet statut` : vos agendas reliés, leur état et la dernière synchronisation.',
    '• `/meet agendas [occupé 1.1 1.3 | réunions 1.2]` : vos agendas par numéro, ceux qui comptent comme occupé et celui qui reçoit les nouvelles réunions ; `/meet délier 2` délie le compte 2.',
    '• `/meet réglages` : heures de travail, fuseau horaire, langue.',
    '• `/meet annuler` / `/meet replanifier` : vos prochaines réunions, à annuler ou à déplacer (aussi par les boutons « Annuler la réunion » et « Replanifier » de la confirmation).',
    'Durées : `30m`, `1h30`, `45 minutes`. Périodes : `demain`, `mardi prochain`, `la semaine prochaine`, `entre mardi et jeudi`, `après-midi`.',
  ].join('\n'),
  'help.discord': [
    '**Convene** trouve un horaire qui convient à tous et le réserve dans tous les agendas.',
    '• `/meet nouvelle demande: 30 min avec @Ana la semaine prochaine` — des propositions en boutons ; cliquez pour réserver.',
    '• Les options `avec`…`avec5` acceptent des personnes ou des rôles (un rôle invite ses membres).',
    '• `/meet relier fournisseur:` — reliez Google ou Microsoft 365 (envoyé en message privé).',
    '• `/meet delier` — déliez vos agendas. `/meet etat` — ce que Convene sait de vous.',
    '• `/meet agendas changement:` — vos agendas par numéro : lesquels comptent comme occupé, lequel reçoit les nouvelles réunions. `/meet delier compte:` — un seul compte.',
    '• `/meet preferences zone: langue: heures:` — votre fuseau horaire, votre langue et vos heures de travail.',
    '• `/meet annuler` / `/meet replanifier` — vos prochaines réunions, à annuler ou à déplacer (aussi par les boutons « Annuler la réunion » et « Replanifier » de la confirmation).',
  ].join('\n'),
  'help.playground': [
    'Convene trouve un horaire qui convient à tous et le réserve dans leurs agendas.',
    '• /meet @ana @sam 45 min la semaine prochaine « Point produit » : propose les meilleurs créneaux ; cliquez pour réserver.',
    '• Nommez les personnes de la démo avec @ et leur nom court (@ana, @li, @sam…) ; choisissez qui vous êtes à gauche.',
    '• Durées : 30m, 1h30, 45 minutes. Périodes : demain, mardi prochain, la semaine prochaine, entre mardi et jeudi, après-midi.',
    '• /meet statut : votre fuseau, votre langue, vos heures de travail et votre agenda de démo ; /meet réglages zone:Europe/Paris hours:09:00-17:00 language:fr tentative-free:oui les change.',
    '• /meet équipe créer support, /meet équipe ajouter support @ana @li, /meet équipe classement support : les rotations d’équipe (dans la démo, tout le monde peut gérer les équipes).',
    '• /meet annuler ou /meet replanifier : vos prochaines réunions, chacune avec ses boutons Replanifier et Annuler la réunion.',
    '• /meet lier : un lien pour relier votre propre agenda (si ce serveur a une adresse publique) ; ses heures occupées comptent alors avec votre fichier de démo. /meet délier le retire.',
  ].join('\n'),
};
