import type { chat as en } from '../en/chat.ts';
import type { Messages } from '../types.ts';

export const chat: Messages<typeof en> = {
  'chat.cancelRequest.unknownProposal': "Cette proposition n'existe plus.",
  'chat.cancelRequest.notRequester': "Seul l'organisateur peut annuler cette demande.",
  'chat.cancelRequest.alreadyBooked':
    'Cette réunion est déjà réservée : utilisez son bouton « Annuler la réunion » ou /meet annuler.',
  'chat.cancelRequest.alreadyClosed': 'Cette proposition est déjà close.',
  'chat.cancelRequest.cancelledBy': 'Annulée par {who}.',
  'chat.moreTimes.notAllowed':
    "Seuls l'organisateur et les participants de cette réunion peuvent demander d'autres horaires.",
  'chat.button.moreTimes': 'Autres horaires',
  'chat.button.cancelRequest': 'Annuler',
  'chat.button.reschedule': 'Replanifier',
  'chat.button.cancelMeeting': 'Annuler la réunion',
  'chat.slack.cannotUse': 'Ce compte Slack ne peut pas utiliser Convene.',
  'chat.slack.cannotBook': 'Ce compte Slack ne peut pas réserver.',
  'chat.slack.cannotManage': 'Ce compte Slack ne peut pas modifier de réunion.',
  'chat.slack.cannotSchedule': 'Je ne peux pas planifier pour ce compte Slack (désactivé ou robot).',
  'chat.slack.cannotInvite':
    '{names} ne peut pas être invité (compte désactivé ou robot) : retirez cette mention et réessayez.',
  'chat.button.invalidAskAgain': 'Ce bouton est invalide : refaites la demande avec /meet.',
  'chat.button.invalidCancel': 'Ce bouton est invalide : utilisez /meet annuler.',
  'chat.button.invalidReschedule': 'Ce bouton est invalide : utilisez /meet replanifier.',
  'chat.question.gone': "Cette question n'existe plus : refaites la demande avec /meet.",
  'chat.question.gotIt': 'Compris : {choice}.',
  'chat.linkDm.intro':
    'Reliez votre agenda pour que Convene connaisse vos disponibilités (jamais le contenu de vos événements).',
  'chat.linkDm.introFrom':
    '{organiser} cherche un créneau avec vous. Reliez votre agenda pour que Convene connaisse vos disponibilités (jamais le contenu de vos événements).',
  'chat.linkDm.notConfigured':
    "La liaison d'agenda n'est pas configurée sur ce serveur Convene : prévenez son administrateur.",
  'chat.slack.viewer': 'votre heure',
  'chat.slack.book': 'Réserver',
  'chat.slack.remaining': 'Encore libres :',
  'chat.slack.written': "ajoutée à l'agenda",
  'chat.slack.kept': 'gardée dans Convene',
  'chat.slack.failed': "mise à jour de l'agenda en attente",
  'chat.slack.bookedBy': 'Choisi par {who}.',
  'chat.slack.movedBy': 'Déplacée par {who}.',
  'chat.slack.confirmTitle': 'Annuler la réunion ?',
  'chat.slack.confirmText': "Tout le monde est prévenu et l'événement est retiré de leurs agendas.",
  'chat.slack.confirmYes': 'Annuler',
  'chat.slack.confirmNo': 'La garder',
  'chat.slack.moveTo': 'Déplacer au',
  'chat.slack.joinCall': 'Rejoindre la visio',
  'chat.discord.window': 'Période : {window}',
  'chat.discord.personTime': '{name} : {time}',
  'chat.discord.written': 'ajouté à son agenda',
  'chat.discord.notUpdated': 'agenda non mis à jour',
  'chat.discord.videoCall': 'Visio: <{url}>',
  // Un créneau de série avec des conflits : son bouton le réserve quand même.
  'chat.button.bookAnyway': 'Réserver quand même',
  // ... ou le réserve et déplace chaque date en conflit vers un horaire proche libre pour tous.
  'chat.button.bookAndMove': 'Réserver, déplacer les dates en conflit',
};
