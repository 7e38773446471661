/**
 * English, domain `occurrences`: changing one occurrence of a booked series (./manage-series.ts) —
 * cancel it, move it, end the series there — and the outbox's DM when a calendar refuses such a change.
 */
export const occurrences = {
  'occurrences.error.notASeries': 'This meeting is not a series: use Cancel or Reschedule.',
  'occurrences.error.unknownOccurrence': 'The series has no meeting at that time: pick one of its dates.',
  'occurrences.error.occurrencePast': 'That meeting of the series has already started.',
  'occurrences.error.firstOccurrence':
    'That is the first meeting of the series: to end the series there, cancel the whole series.',
  'occurrences.cancelled.headline':
    'Cancelled: “{title}” on {when} only. The other meetings of the series stay.',
  'occurrences.cancelled.dm':
    '{who} cancelled “{title}” on {when} (this meeting only; the series goes on). Your calendar is being updated.',
  'occurrences.moved.headline': 'Moved: “{title}” of {was} to {when} (this meeting only).',
  'occurrences.moved.thread':
    '{who} moved the {date} meeting to {when} (was {was}); the rest of the series stays.',
  'occurrences.moved.dm':
    '{who} moved “{title}” of {was} to {when} (this meeting only; the series goes on). Your calendar is being updated.',
  'occurrences.ended.headline': '“{title}” ends: the meetings from {when} on are cancelled.',
  'occurrences.ended.dm':
    '{who} ended the series “{title}”: the meetings from {when} on are cancelled. Your calendar is being updated.',
  'occurrences.button.cancelOne': 'Cancel {date} only',
  'occurrences.button.endAfter': 'End the series after {date}',
  'occurrences.button.moveOne': 'Move {date} only',
  'occurrences.moveOptions.headline': 'New times for “{title}”, this meeting only (now {now}):',
  'occurrences.error.noOtherTime':
    'No other time works for everyone within three days of this meeting: keep it, or cancel this one only.',
  'occurrences.button.moveFollowing': 'Move {date} and following',
  'occurrences.followingOptions.headline':
    'New times for “{title}” from {date} on, this meeting and the following ones (now {now}):',
  'occurrences.followingMoved.headline':
    'Moved: “{title}” from {was} on to {when}, this meeting and the following ones ({series}). The earlier meetings stay.',
  'occurrences.followingMoved.dm':
    '{who} moved “{title}” from {was} on to {when}, this meeting and the following ones ({series}); the earlier meetings stay. Your calendar is being updated.',
  'occurrences.followingMoved.conflicts':
    'Not everyone is free on {count, plural, one {# later meeting} other {# later meetings}}: {conflicts}.',
  'occurrences.followingMoved.keptCancelled':
    '{count, plural, one {# cancelled date stays} other {# cancelled dates stay}} cancelled.',
  'occurrences.followingMoved.followed':
    '{count, plural, one {# meeting moved on its own now follows} other {# meetings moved on their own now follow}} the new time.',
  'occurrences.followingMoved.ics':
    'Convene does not write to your calendar: add the new series to it yourself (.ics): {url}',
  'occurrences.error.followingDay':
    'A monthly series keeps its day: move this meeting and the following ones to another time on the same day, or move this meeting only.',
  'occurrences.error.followingPattern':
    'Moving to that day would change the days the series repeats on: pick a time on the same day, or move this meeting only.',
  'occurrences.error.followingFirst':
    'That is the first meeting of the series still on: reschedule the whole series instead.',
  'occurrences.error.followingBefore':
    'The new time must come after the previous meeting of the series: pick a later time.',
  'occurrences.outbox.notChanged':
    "The change to “{title}” ({when}) could not be made in {name}'s calendar: it may still show that meeting as it was.",
} as const;
