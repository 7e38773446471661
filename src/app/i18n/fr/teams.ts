/** Français, domaine `teams` : `/meet équipe …` (équipes tournantes). Mêmes clés et paramètres que l’anglais. */
import type { teams as en } from '../en/teams.ts';
import type { Messages } from '../types.ts';

export const teams: Messages<typeof en> = {
  'teams.notTeamCommand': 'Ce n’est pas une commande d’équipe : commencez par /meet équipe.',
  'teams.unavailable':
    'Les équipes ne sont pas disponibles sur ce serveur Convene : prévenez son administrateur.',
  'teams.accountRefused': 'Ce compte Slack ne peut pas utiliser Convene.',
  'teams.help': [
    'Équipes (administrateurs pour les modifications) :',
    '• /meet équipe liste · /meet équipe classement <équipe>',
    '• /meet équipe créer <équipe> [tournant|collectif] [jour|semaine|mois]',
    '• /meet équipe renommer <équipe> <nom> · /meet équipe supprimer <équipe>',
    '• /meet équipe ajouter|retirer <équipe> @membre… [poids N] [priorité N]',
    '• /meet équipe poids|priorité <équipe> @membre N',
    '• /meet équipe mode <équipe> tournant|collectif · /meet équipe fenêtre <équipe> jour|semaine|mois',
    '• /meet équipe série <équipe> fixe|tournant (une réunion récurrente : un membre, ou chacun son tour)',
    "• /meet équipe pause <équipe> @membre [jusqu'au AAAA-MM-JJ] · /meet équipe reprendre <équipe> @membre",
    '• /meet équipe lier <équipe> @groupe · /meet équipe délier <équipe>',
    '• /meet équipe administrateurs · /meet équipe accorder|révoquer @personne',
    'Puis : /meet @<équipe> 30m demain',
  ].join('\n'),

  'teams.parse.unknownCommand': "Commande d'équipe inconnue « {word} » : essayez /meet équipe aide.",
  'teams.parse.unknown': "Commande d'équipe inconnue : essayez /meet équipe aide.",
  'teams.parse.noTeamName': "Nommez l'équipe : /meet équipe {word} <équipe> …",
  'teams.parse.badTeamName':
    "« {name} » n'est pas un nom d'équipe valide : lettres, chiffres, - _ . (40 au plus), sans espace.",
  'teams.parse.noMembers': 'Mentionnez au moins un membre.',
  'teams.usage.grant': 'Syntaxe : /meet équipe accorder @personne…',
  'teams.usage.revoke': 'Syntaxe : /meet équipe révoquer @personne…',
  'teams.usage.create': 'Syntaxe : /meet équipe créer <équipe> [tournant|collectif] [jour|semaine|mois]',
  'teams.usage.rename': 'Syntaxe : /meet équipe renommer <équipe> <nouveau nom>',
  'teams.usage.delete': 'Syntaxe : /meet équipe supprimer <équipe>',
  'teams.usage.unbind': 'Syntaxe : /meet équipe délier <équipe>',
  'teams.usage.add': 'Syntaxe : /meet équipe ajouter <équipe> @membre… [poids N] [priorité N]',
  'teams.usage.remove': 'Syntaxe : /meet équipe retirer <équipe> @membre…',
  'teams.usage.weight': 'Syntaxe : /meet équipe poids <équipe> @membre N (N ≥ 0)',
  'teams.usage.priority': 'Syntaxe : /meet équipe priorité <équipe> @membre N',
  'teams.usage.mode': 'Syntaxe : /meet équipe mode <équipe> tournant|collectif',
  'teams.usage.window': 'Syntaxe : /meet équipe fenêtre <équipe> jour|semaine|mois',
  'teams.usage.series': 'Syntaxe : /meet équipe série <équipe> fixe|tournant',
  'teams.usage.pause': "Syntaxe : /meet équipe pause <équipe> @membre [jusqu'au AAAA-MM-JJ]",
  'teams.usage.resume': 'Syntaxe : /meet équipe reprendre <équipe> @membre',
  'teams.usage.bind': 'Syntaxe : /meet équipe lier <équipe> @groupe (Slack) ou @rôle (Discord)',

  'teams.forbidden.grant':
    'Seuls les administrateurs et propriétaires de l’espace peuvent accorder ou retirer les droits d’administration de Convene.',
  'teams.forbidden.change':
    'Seuls les administrateurs peuvent modifier les équipes (Slack : administrateurs et propriétaires ; Discord : Gérer le serveur). Vous pouvez toujours utiliser /meet équipe classement.',
  'teams.notFound': "Il n'y a pas d'équipe « {team} » : voir /meet équipe liste.",
  'teams.unknownMembers':
    'Je ne connais pas {names} : mentionnez-les avec la mention du chat (@ puis choisir dans la liste).',

  'teams.nameTaken': "Une équipe s'appelle déjà « {name} » : choisissez un autre nom.",
  'teams.groupTaken': "Ce groupe est déjà lié à une autre équipe : déliez-le d'abord.",
  'teams.notMember': "Cette personne n'est pas membre de l'équipe.",
  'teams.unknownPerson': 'Cette personne ne fait pas partie de cet espace.',
  'teams.badDate': "« {date} » n'est pas une date valide.",
  'teams.pastDate': 'Cette date est déjà passée.',
  'teams.mode':
    '{mode, select, collective {collectif (tout le monde)} other {tournant (une personne par réunion)}}',
  'teams.period': '{period, select, day {par jour} week {par semaine} other {par mois}}',
  'teams.admins.none':
    "Aucun administrateur Convene désigné : les administrateurs et propriétaires de l'espace gèrent les équipes.",
  'teams.admins.list': "Administrateurs Convene (en plus des administrateurs de l'espace) : {names}.",
  'teams.granted': 'Droit de gérer les équipes accordé à : {names}.',
  'teams.grantedNone': 'Rien n’a changé.',
  'teams.revoked': 'Droit de gérer les équipes retiré à : {names}.',
  'teams.revokedNone': 'Ces personnes n’étaient pas administrateurs Convene.',
  'teams.list.title': 'Équipes :',
  'teams.list.row': '• {team} — {mode}, {count, plural, one {# membre} other {# membres}}',
  'teams.list.empty': 'Aucune équipe : un administrateur peut en créer une avec /meet équipe créer <nom>.',
  'teams.created':
    "Équipe « {team} » créée ({mode}, équité {period}). Ajoutez des membres avec /meet équipe ajouter {team} @quelqu'un.",
  'teams.renamed': "L'équipe « {from} » s'appelle maintenant « {to} ».",
  'teams.deleted': 'Équipe « {team} » supprimée.',
  'teams.modeSet': "L'équipe « {team} » est maintenant {mode}.",
  'teams.windowSet': "L'équipe « {team} » équilibre maintenant les réservations {period}.",
  'teams.seriesSet': "L'équipe « {team} » réserve maintenant les réunions récurrentes avec {rotation}.",
  'teams.seriesRotation':
    '{rotation, select, rotate {ses membres à tour de rôle, date par date} other {un seul membre pour toute la série}}',
  'teams.bound': "Mentionner {group} dans /meet désigne maintenant l'équipe « {team} ».",
  'teams.unbound': "L'équipe « {team} » n'est plus liée à un groupe du chat.",
  'teams.added':
    "Ajout à « {team} » : {names}. Les nouveaux partent à égalité avec l'équipe : pas de rattrapage massif.",
  'teams.removed': 'Retrait de « {team} » : {names}.',
  'teams.weightSet': '{name} a maintenant le poids {value} dans « {team} ».',
  'teams.prioritySet': '{name} a maintenant la priorité {value} dans « {team} ».',
  'teams.paused': "{name} est en pause dans « {team} » jusqu'à reprise (/meet équipe reprendre {team} @…).",
  'teams.pausedUntil':
    "{name} est en pause dans « {team} » jusqu'au {date} inclus ; au retour, pas de rattrapage massif.",
  'teams.resumed': '{name} est de retour dans « {team} ».',

  'teams.standings.nameTheTeam': "Nommez l'équipe : /meet équipe classement <équipe>.",
  'teams.standings.title':
    "Classement de « {team} » {period, select, day {aujourd'hui} week {cette semaine} other {ce mois-ci}} :",
  'teams.standings.empty':
    "Classement de « {team} » {period, select, day {aujourd'hui} week {cette semaine} other {ce mois-ci}} : aucun membre.",
  'teams.standings.row':
    '• {name} (poids {weight}, priorité {priority}) : {count, plural, one {# réservé} other {# réservés}}, objectif {target}, {status}{paused, select, yes { — en pause} other {}}',
  'teams.standings.onTarget': "à l'objectif",
  'teams.standings.below': "{gap} sous l'objectif",
  'teams.standings.above': '{gap} au-dessus',
};
