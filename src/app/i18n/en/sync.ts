/**
 * English, domain `sync`: two-way calendar sync (./calendar-sync.ts): a participant moved or deleted
 * Convene's event in their own calendar, and the organiser's choice.
 */
export const sync = {
  'sync.change.deleted': '{name} removed “{title}” ({booked}) from their calendar.',
  'sync.change.moved': '{name} moved “{title}” in their calendar to {moved} (booked for {booked}).',
  'sync.organiserDecides': 'The organiser decides what happens next.',
  'sync.question.moved': 'Move the meeting for everyone, keep the booked time, or cancel?',
  'sync.question.deleted': 'Keep the meeting without them, put the event back in their calendar, or cancel?',
  'sync.action.follow': 'Move everyone to {when}',
  'sync.action.without': 'Keep without {name}',
  'sync.action.restore': 'Keep {when}',
  'sync.action.cancel': 'Cancel the meeting',
  'sync.error.cancelled': 'This meeting was cancelled.',
  'sync.error.changed': 'The meeting changed since: this choice no longer applies.',
  'sync.error.noNewTime': 'There is no new time.',
  'sync.error.unknownChoice': 'This choice no longer exists.',
  'sync.error.onlyOrganiser': 'Only the organiser of this meeting can choose.',
  'sync.alreadyDecided':
    'Already decided: {status, select, followed {everyone was moved} restored {the booked time was kept} cancelled {the meeting was cancelled} kept {the meeting goes ahead without them} other {a newer change replaced this one}}.',
  'sync.thread.movedForEveryone': 'Meeting moved for everyone to {when}.',
  'sync.thread.cancelled': 'Meeting cancelled.',
  'sync.thread.restored': "The meeting stays at {when}; {name}'s calendar is being put back.",
  'sync.thread.without': 'The meeting goes ahead without {name}.',
  'sync.reply.restored': "Kept at {when}: {name}'s calendar is being put back to that time.",
  'sync.reply.without': 'Kept at {when}, without {name}.',
  // One occurrence of a series (issue #22): the same choices, for that occurrence only.
  'sync.occurrence.change.moved':
    '{name} moved the {date} occurrence of “{title}” in their calendar to {moved} (booked for {booked}).',
  'sync.occurrence.change.deleted':
    '{name} removed the {date} occurrence of “{title}” ({booked}) from their calendar.',
  'sync.occurrence.question.moved':
    'Move this occurrence for everyone, keep its booked time, or cancel it only? The rest of the series stays.',
  'sync.occurrence.question.deleted':
    'Keep this occurrence without them, put it back in their calendar, or cancel it only? The rest of the series stays.',
  'sync.occurrence.action.follow': 'Move everyone’s {date} to {when}',
  'sync.occurrence.action.cancel': 'Cancel {date} only',
  'sync.occurrence.action.without': 'Keep {date} without {name}',
  'sync.occurrence.thread.moved':
    'The {date} occurrence moved for everyone to {when}; the rest of the series stays.',
  'sync.occurrence.thread.cancelled': 'The {date} occurrence is cancelled; the rest of the series stays.',
  'sync.occurrence.thread.restored':
    "The {date} occurrence stays at {when}; {name}'s calendar is being put back.",
  'sync.occurrence.thread.without': 'The {date} occurrence goes ahead without {name}.',
} as const;
