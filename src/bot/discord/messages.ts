/**
 * Everything the Discord adapter says by itself (the use cases bring their own wording), in English and
 * French. The language follows the interaction's `locale` (the user's Discord client language).
 */
import type { Locale } from '../../app/views.ts';

const en = {
  thinking: 'Looking at calendars…',
  notInGuild: 'Use /meet in a server where Convene is installed (not in direct messages).',
  guildNotAllowed:
    'Sorry, this Convene server only serves the Discord servers its administrator has listed, and this one is not among them. Nothing was recorded. If you run Convene, add this server’s id to DISCORD_TENANT_GUILDS.',
  zoneQuestion:
    'Discord does not tell me your time zone. Pick it below (asked once, you can change it with `/meet settings zone:`); then I will look for times.',
  zonePlaceholder: 'Your time zone',
  pendingTitle: 'Your request',
  notYourPrompt: 'This question is for the person who typed the request.',
  unknownAction: 'This button is no longer understood: ask again with /meet.',
  otherGuild: 'This proposal belongs to another server: ask again with /meet here.',
  bookedElsewhere: (where: string) =>
    `Booked. (The button's response window had closed, so here is the confirmation ${where}.)`,
  failed: 'Something went wrong on our side; nothing was booked. Try again in a minute.',
  requestEmpty: 'Tell me what to schedule, e.g. `/meet new request: 30 min with @Ana tomorrow afternoon`.',
  roleEmpty: (role: string) => `The role ${role} has no members I can invite.`,
  roleTooBig: (role: string, n: number) =>
    `The role ${role} has ${n} members: invite at most 20 people at once.`,
  membersUnavailable:
    'I could not read the role members (the Server Members intent must be enabled for Convene): mention the people instead.',
  dmNotice: (who: string) =>
    `${who} wants to meet with you. Connect a calendar with \`/meet link\` in the server so Convene can see when you are free.`,
  reschedule: 'Reschedule',
  cancelMeeting: 'Cancel meeting',
  confirmCancel: (title: string) =>
    `Cancel “${title}”? Everyone is told and the event is removed from their calendars.`,
  confirmYes: 'Yes, cancel the meeting',
  cancelledBy: (who: string) => `Cancelled by ${who}.`,
  movedBy: (who: string) => `Moved by ${who}.`,
  pickNewTime: 'Pick a new time:',
};

type Messages = typeof en;

const fr: Messages = {
  thinking: 'Je consulte les agendas…',
  notInGuild: 'Utilisez /meet dans un serveur où Convene est installé (pas en message privé).',
  guildNotAllowed:
    'Désolé, ce serveur Convene ne sert que les serveurs Discord listés par son administrateur, et celui-ci n’en fait pas partie. Rien n’a été enregistré. Si vous administrez Convene, ajoutez l’identifiant de ce serveur à DISCORD_TENANT_GUILDS.',
  zoneQuestion:
    'Discord ne me donne pas votre fuseau horaire. Choisissez-le ci-dessous (une seule fois ; modifiable avec `/meet settings zone:`), puis je cherche des créneaux.',
  zonePlaceholder: 'Votre fuseau horaire',
  pendingTitle: 'Votre demande',
  notYourPrompt: "Cette question s'adresse à la personne qui a fait la demande.",
  unknownAction: "Ce bouton n'est plus compris : refaites la demande avec /meet.",
  otherGuild: 'Cette proposition appartient à un autre serveur : refaites la demande avec /meet ici.',
  bookedElsewhere: (where) =>
    `Réservé. (Le délai de réponse du bouton était écoulé, voici donc la confirmation ${where}.)`,
  failed: "Un problème est survenu de notre côté ; rien n'a été réservé. Réessayez dans une minute.",
  requestEmpty:
    'Dites-moi quoi planifier, par exemple `/meet new request: 30 min avec @Ana demain après-midi`.',
  roleEmpty: (role) => `Le rôle ${role} n'a aucun membre à inviter.`,
  roleTooBig: (role, n) => `Le rôle ${role} compte ${n} membres : invitez au plus 20 personnes à la fois.`,
  membersUnavailable:
    "Je n'ai pas pu lire les membres du rôle (l'intent « Server Members » doit être activé pour Convene) : mentionnez plutôt les personnes.",
  dmNotice: (who) =>
    `${who} souhaite vous rencontrer. Reliez un agenda avec \`/meet link\` dans le serveur pour que Convene voie vos disponibilités.`,
  reschedule: 'Replanifier',
  cancelMeeting: 'Annuler la réunion',
  confirmCancel: (title) =>
    `Annuler « ${title} » ? Tout le monde est prévenu et l'événement est retiré de leurs agendas.`,
  confirmYes: 'Oui, annuler la réunion',
  cancelledBy: (who) => `Annulée par ${who}.`,
  movedBy: (who) => `Déplacée par ${who}.`,
  pickNewTime: 'Choisissez un nouvel horaire :',
};

export function messages(locale: Locale): Messages {
  return locale === 'fr' ? fr : en;
}
