import type { discord as en } from '../en/discord.ts';
import type { Messages } from '../types.ts';

export const discord: Messages<typeof en> = {
  'discord.thinking': 'Je consulte les agendas…',
  'discord.notInGuild': 'Utilisez /meet dans un serveur où Convene est installé (pas en message privé).',
  'discord.guildNotAllowed':
    'Désolé, ce serveur Convene ne sert que les serveurs Discord listés par son administrateur, et celui-ci n’en fait pas partie. Rien n’a été enregistré. Si vous administrez Convene, ajoutez l’identifiant de ce serveur à DISCORD_TENANT_GUILDS.',
  'discord.zoneQuestion':
    'Discord ne me donne pas votre fuseau horaire. Choisissez-le ci-dessous (une seule fois ; modifiable avec `/meet settings zone:`), puis je cherche des créneaux.',
  'discord.zonePlaceholder': 'Votre fuseau horaire',
  'discord.pendingTitle': 'Votre demande',
  'discord.notYourPrompt': 'Cette question s’adresse à la personne qui a fait la demande.',
  'discord.unknownAction': 'Ce bouton n’est plus compris : refaites la demande avec /meet.',
  'discord.otherGuild':
    'Cette proposition appartient à un autre serveur : refaites la demande avec /meet ici.',
  'discord.bookedElsewhere':
    'Réservé. (Le délai de réponse du bouton était écoulé, voici donc la confirmation {where}.)',
  'discord.failed':
    'Un problème est survenu de notre côté ; rien n’a été réservé. Réessayez dans une minute.',
  'discord.requestEmpty':
    'Dites-moi quoi planifier, par exemple `/meet new request: 30 min avec @Ana demain après-midi`.',
  'discord.roleEmpty': 'Le rôle {role} n’a aucun membre à inviter.',
  'discord.roleTooBig': 'Le rôle {role} compte {count} membres : invitez au plus 20 personnes à la fois.',
  'discord.membersUnavailable':
    'Je n’ai pas pu lire les membres du rôle (l’intent « Server Members » doit être activé pour Convene) : mentionnez plutôt les personnes.',
  'discord.dmNotice':
    '{who} souhaite vous rencontrer. Reliez un agenda avec `/meet link` dans le serveur pour que Convene voie vos disponibilités.',
  'discord.reschedule': 'Replanifier',
  'discord.cancelMeeting': 'Annuler la réunion',
  'discord.confirmCancel':
    'Annuler « {title} » ? Tout le monde est prévenu et l’événement est retiré de leurs agendas.',
  'discord.confirmYes': 'Oui, annuler la réunion',
  'discord.cancelledBy': 'Annulée par {who}.',
  'discord.movedBy': 'Déplacée par {who}.',
  'discord.pickNewTime': 'Choisissez un nouvel horaire :',
};
