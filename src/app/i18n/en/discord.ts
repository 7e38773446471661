/** English, domain `discord`: what the Discord adapter says by itself (the use cases bring their own wording). */
export const discord = {
  'discord.thinking': 'Looking at calendars…',
  'discord.notInGuild': 'Use /meet in a server where Convene is installed (not in direct messages).',
  'discord.guildNotAllowed':
    'Sorry, this Convene server only serves the Discord servers its administrator has listed, and this one is not among them. Nothing was recorded. If you run Convene, add this server’s id to DISCORD_TENANT_GUILDS.',
  'discord.zoneQuestion':
    'Discord does not tell me your time zone. Pick it below (asked once, you can change it with `/meet settings zone:`); then I will look for times.',
  'discord.zonePlaceholder': 'Your time zone',
  'discord.pendingTitle': 'Your request',
  'discord.notYourPrompt': 'This question is for the person who typed the request.',
  'discord.unknownAction': 'This button is no longer understood: ask again with /meet.',
  'discord.otherGuild': 'This proposal belongs to another server: ask again with /meet here.',
  'discord.bookedElsewhere':
    'Booked. (The button’s response window had closed, so here is the confirmation {where}.)',
  'discord.failed': 'Something went wrong on our side; nothing was booked. Try again in a minute.',
  'discord.requestEmpty':
    'Tell me what to schedule, e.g. `/meet new request: 30 min with @Ana tomorrow afternoon`.',
  'discord.roleEmpty': 'The role {role} has no members I can invite.',
  'discord.roleTooBig': 'The role {role} has {count} members: invite at most 20 people at once.',
  'discord.membersUnavailable':
    'I could not read the role members (the Server Members intent must be enabled for Convene): mention the people instead.',
  'discord.dmNotice':
    '{who} wants to meet with you. Connect a calendar with `/meet link` in the server so Convene can see when you are free.',
  'discord.reschedule': 'Reschedule',
  'discord.cancelMeeting': 'Cancel meeting',
  'discord.confirmCancel':
    'Cancel “{title}”? Everyone is told and the event is removed from their calendars.',
  'discord.confirmYes': 'Yes, cancel the meeting',
  'discord.cancelledBy': 'Cancelled by {who}.',
  'discord.movedBy': 'Moved by {who}.',
  'discord.pickNewTime': 'Pick a new time:',
} as const;
