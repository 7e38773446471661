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
} as const;
