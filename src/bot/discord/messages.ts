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
  zoneSaved: (zone: string) => `Time zone saved: **${zone}**.`,
  zoneInvalid: (zone: string) =>
    `"${zone}" is not a time zone I know. Use an IANA name such as Europe/Paris or America/New_York.`,
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
  linkDm: (provider: string) => `I sent you a direct message with a link to connect your ${provider}.`,
  linkFallback: (provider: string) =>
    `I cannot send you direct messages (your privacy settings block them), so here is your link to connect your ${provider}. Only you can see this message; the link works once, for 15 minutes.`,
  linkDmText: (provider: string) =>
    `Connect your ${provider} to Convene: the link works once, for 15 minutes. Convene only reads free/busy times and writes the meetings you book.`,
  linkButton: 'Connect calendar',
  linkUnavailable: 'Calendar linking is not configured on this Convene server: ask its administrator.',
  unlinked: (n: number) =>
    n === 0 ? 'You have no linked calendar.' : `Unlinked ${n} calendar${n > 1 ? 's' : ''}.`,
  status: (lines: string[]) => lines.join('\n'),
  statusZone: (zone: string | null) => `Time zone: ${zone ?? 'not set (use `/meet settings zone:`)'}`,
  statusLanguage: (locale: string) => `Language: ${locale}`,
  statusNone: 'Calendars: none linked (use `/meet link`).',
  statusCalendar: (label: string, account: string, status: string) => `• ${label} (${account}): ${status}`,
  settingsSaved: (parts: string[]) => `Saved: ${parts.join(', ')}.`,
  settingsNothing:
    'Nothing to change: give `zone`, `language`, `hours` (e.g. `09:00-17:00`) or `tentative-free`.',
  tentativeFree: (free: boolean): string =>
    free ? 'tentative events count as free' : 'tentative events count as busy',
  statusTentative: (free: boolean) =>
    `Tentative events: ${free ? 'free' : 'busy'} (change with \`/meet settings tentative-free:\`)`,
  hoursInvalid: (hours: string) => `"${hours}" is not a range of hours: write it like 09:00-17:00.`,
  notAdmin: 'Changing another person\'s settings needs the "Manage Server" permission.',
  personUnknown: 'That person has not used Convene yet.',
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
  upcomingNone: 'You have no upcoming meetings booked through Convene.',
  upcomingCancel: 'Your upcoming meetings: which one to cancel?',
  upcomingReschedule: 'Your upcoming meetings: which one to reschedule?',
  dmUnknownAction: 'Sorry, this button is no longer supported: nothing was done.',
  dmNotYours: 'Convene cannot tell who you are for this message: use /meet in your server instead.',
  help: [
    '**Convene** finds a time that works for everyone and books it in all calendars.',
    '• `/meet new request: 30 min with @Ana next week` — proposals as buttons; click one to book.',
    '• Options `with`…`with5` take people or roles (roles invite their members).',
    '• `/meet link provider:` — connect Google or Microsoft 365 (sent by DM).',
    '• `/meet unlink` — disconnect your calendars. `/meet status` — what Convene knows about you.',
    '• `/meet settings zone: language: hours:` — your time zone, language and working hours.',
    '• `/meet cancel` / `/meet reschedule` — your upcoming meetings, to cancel or move (also from the confirmation’s “Cancel meeting” and “Reschedule” buttons).',
  ].join('\n'),
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
  zoneSaved: (zone) => `Fuseau horaire enregistré : **${zone}**.`,
  zoneInvalid: (zone) =>
    `« ${zone} » n'est pas un fuseau horaire connu. Utilisez un nom IANA comme Europe/Paris ou America/Montreal.`,
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
  linkDm: (provider) => `Je vous ai envoyé un message privé avec un lien pour relier votre ${provider}.`,
  linkFallback: (provider) =>
    `Je ne peux pas vous envoyer de message privé (vos paramètres de confidentialité l'empêchent) : voici donc votre lien pour relier votre ${provider}. Vous seul voyez ce message ; le lien ne sert qu'une fois, pendant 15 minutes.`,
  linkDmText: (provider) =>
    `Reliez votre ${provider} à Convene : le lien ne sert qu'une fois, pendant 15 minutes. Convene lit seulement vos disponibilités et écrit les réunions que vous réservez.`,
  linkButton: "Relier l'agenda",
  linkUnavailable:
    "La liaison d'agenda n'est pas configurée sur ce serveur Convene : demandez à son administrateur.",
  unlinked: (n) =>
    n === 0 ? "Vous n'avez aucun agenda relié." : `${n} agenda${n > 1 ? 's' : ''} délié${n > 1 ? 's' : ''}.`,
  status: (lines) => lines.join('\n'),
  statusZone: (zone) => `Fuseau horaire : ${zone ?? 'non défini (utilisez `/meet settings zone:`)'}`,
  statusLanguage: (locale) => `Langue : ${locale}`,
  statusNone: 'Agendas : aucun relié (utilisez `/meet link`).',
  statusCalendar: (label, account, status) => `• ${label} (${account}) : ${status}`,
  settingsSaved: (parts) => `Enregistré : ${parts.join(', ')}.`,
  settingsNothing:
    'Rien à changer : indiquez `zone`, `language`, `hours` (par ex. `09:00-17:00`) ou `tentative-free`.',
  tentativeFree: (free) =>
    free ? 'événements provisoires comptés libres' : 'événements provisoires comptés occupés',
  statusTentative: (free) =>
    `Événements provisoires : ${free ? 'libres' : 'occupés'} (à changer avec \`/meet settings tentative-free:\`)`,
  hoursInvalid: (hours) => `« ${hours} » n'est pas une plage horaire : écrivez-la comme 09:00-17:00.`,
  notAdmin: "Modifier les préférences d'une autre personne demande la permission « Gérer le serveur ».",
  personUnknown: "Cette personne n'a pas encore utilisé Convene.",
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
  upcomingNone: "Vous n'avez aucune réunion Convene à venir.",
  upcomingCancel: 'Vos prochaines réunions : laquelle annuler ?',
  upcomingReschedule: 'Vos prochaines réunions : laquelle replanifier ?',
  dmUnknownAction: "Désolé, ce bouton n'est plus pris en charge : rien n'a été fait.",
  dmNotYours: 'Convene ne sait pas qui vous êtes pour ce message : utilisez /meet dans votre serveur.',
  help: [
    '**Convene** trouve un horaire qui convient à tous et le réserve dans tous les agendas.',
    '• `/meet new request: 30 min avec @Ana la semaine prochaine` — des propositions en boutons ; cliquez pour réserver.',
    '• Les options `with`…`with5` acceptent des personnes ou des rôles (un rôle invite ses membres).',
    '• `/meet link provider:` — reliez Google ou Microsoft 365 (envoyé en message privé).',
    '• `/meet unlink` — déliez vos agendas. `/meet status` — ce que Convene sait de vous.',
    '• `/meet settings zone: language: hours:` — votre fuseau horaire, votre langue et vos heures de travail.',
    '• `/meet cancel` / `/meet reschedule` — vos prochaines réunions, à annuler ou à déplacer (aussi par les boutons « Annuler la réunion » et « Replanifier » de la confirmation).',
  ].join('\n'),
};

/** Typed on `Locale`: a new language does not compile until it is here (or these move to a catalogue). */
const BY_LOCALE: Readonly<Record<Locale, Messages>> = { en, fr };

export function messages(locale: Locale): Messages {
  return BY_LOCALE[locale];
}
