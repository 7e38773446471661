/**
 * English, domain `chat`: what the chat surfaces (Slack, Discord, the playground) say around requests and
 * bookings, and the refusals of the request use cases they call (cancel request, more times).
 */
export const chat = {
  'chat.cancelRequest.unknownProposal': 'This proposal no longer exists.',
  'chat.cancelRequest.notRequester': 'Only the organiser can cancel this request.',
  'chat.cancelRequest.alreadyBooked':
    'This meeting is already booked: use its “Cancel meeting” button or /meet cancel.',
  'chat.cancelRequest.alreadyClosed': 'This proposal is already closed.',
  'chat.cancelRequest.cancelledBy': 'Cancelled by {who}.',
  'chat.moreTimes.notAllowed': 'Only the organiser or a participant of this meeting can ask for more times.',
  'chat.button.moreTimes': 'More times',
  'chat.button.cancelRequest': 'Cancel',
  'chat.button.reschedule': 'Reschedule',
  'chat.button.cancelMeeting': 'Cancel meeting',
} as const;
