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
  'chat.slack.cannotUse': 'This Slack account cannot use Convene.',
  'chat.slack.cannotBook': 'This Slack account cannot book.',
  'chat.slack.cannotManage': 'This Slack account cannot change meetings.',
  'chat.slack.cannotSchedule': 'I cannot schedule for this Slack account (deactivated or a bot).',
  'chat.slack.cannotInvite':
    '{names} cannot be invited (deactivated account or a bot): remove the mention and try again.',
  'chat.button.invalidAskAgain': 'This button is not valid: ask again with /meet.',
  'chat.button.invalidCancel': 'This button is not valid: use /meet cancel.',
  'chat.button.invalidReschedule': 'This button is not valid: use /meet reschedule.',
  'chat.question.gone': 'This question no longer exists: ask again with /meet.',
  'chat.question.gotIt': 'Got it: {choice}.',
  'chat.linkDm.intro': 'Link your calendar so Convene knows when you are free (never what your events are).',
  'chat.linkDm.introFrom':
    '{organiser} is looking for a time with you. Link your calendar so Convene knows when you are free (never what your events are).',
  'chat.linkDm.notConfigured': 'Calendar linking is not configured on this Convene server: tell its admin.',
  'chat.slack.viewer': 'your time',
  'chat.slack.book': 'Book',
  'chat.slack.remaining': 'Still free:',
  'chat.slack.written': 'added to the calendar',
  'chat.slack.kept': 'kept in Convene',
  'chat.slack.failed': 'calendar update pending',
  'chat.slack.bookedBy': 'Picked by {who}.',
  'chat.slack.movedBy': 'Moved by {who}.',
  'chat.slack.confirmTitle': 'Cancel the meeting?',
  'chat.slack.confirmText': 'Everyone is told and the event is removed from their calendars.',
  'chat.slack.confirmYes': 'Cancel it',
  'chat.slack.confirmNo': 'Keep it',
  'chat.slack.moveTo': 'Move to',
  'chat.slack.joinCall': 'Join the video call',
  'chat.discord.window': 'Window: {window}',
  'chat.discord.personTime': '{name}: {time}',
  'chat.discord.written': 'added to their calendar',
  'chat.discord.notUpdated': 'calendar not updated',
  'chat.discord.videoCall': 'Video call: <{url}>',
  // A series candidate with conflicts: its button books it anyway.
  'chat.button.bookAnyway': 'Book anyway',
  // ... or books it and moves each occurrence in conflict to a nearby time everyone can make.
  'chat.button.bookAndMove': 'Book, move clashing dates',
} as const;
