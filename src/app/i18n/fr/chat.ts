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
};
