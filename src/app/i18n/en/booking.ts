/**
 * English, domain `booking`: booking a proposed slot (./book-meeting.ts), cancelling and moving a booking
 * (./manage-booking.ts) and the outbox's DMs when a calendar refuses (./outbox.ts).
 */
export const booking = {
  // bookMeeting: refusals
  'booking.error.unknownProposal': 'This proposal no longer exists: ask again with /meet.',
  'booking.error.notAllowed': 'Only the organiser or a participant of this meeting can pick its time.',
  'booking.error.unknownSlot': 'That slot is not part of this proposal: pick one of the buttons shown.',
  'booking.error.proposalAccepted': 'Another time was already booked from this proposal.',
  'booking.error.proposalExpired': 'This proposal has expired: ask again with /meet for fresh times.',
  'booking.error.slotTaken': 'That time was just taken: pick one of the remaining slots.',
  'booking.error.slotTakenNoneLeft':
    'That time was just taken and no other proposed slot is still free: ask again with /meet.',
  'booking.error.calendarRefused':
    'Not booked: a calendar refused the event, so the meeting was cancelled and everyone was told. Ask again with /meet.',
  'booking.slot.stillFree': 'still free for all {count}',
  // bookMeeting: the confirmation
  'booking.headline.booked': 'Booked: “{title}”, {when}, with {names}.',
  'booking.headline.alreadyBooked': 'Already booked: “{title}”, {when}, with {names}.',
  // A series booking (./series.ts): "Booked: “1:1”, every other Tuesday, 6 times, from Tue 3 Mar, 10:00–10:30 …"
  'booking.headline.bookedSeries': 'Booked: “{title}”, {series}, from {when}, with {names}.',
  'booking.headline.alreadyBookedSeries': 'Already booked: “{title}”, {series}, from {when}, with {names}.',
  'booking.series.daily': '{interval, plural, =1 {every day} =2 {every other day} other {every # days}}',
  'booking.series.weekly':
    '{interval, plural, =1 {every {days}} =2 {every other {days}} other {every # weeks on {days}}}',
  'booking.series.monthly':
    '{interval, plural, =1 {every month} =2 {every other month} other {every # months}}',
  'booking.series.monthlyOn':
    'the {rank, select, 1 {first} 2 {second} 3 {third} 4 {fourth} other {last}} {days} of {interval, plural, =1 {every month} =2 {every other month} other {every # months}}',
  'booking.series.everyWeeks':
    '{interval, plural, =1 {every week} =2 {every other week} other {every # weeks}}',
  // Several ranks or one the monthlyOn wording lacks: "the second and the fourth Tuesday of every month".
  'booking.series.monthlyOnRanks':
    '{ranks} {days} of {interval, plural, =1 {every month} =2 {every other month} other {every # months}}',
  // Ranks that differ between weekdays: "the first Monday and the third Wednesday of every month".
  'booking.series.monthlyOnPairs':
    '{pairs} of {interval, plural, =1 {every month} =2 {every other month} other {every # months}}',
  // One ranked weekday of monthlyOnPairs: {rank} is a booking.series.rank ("the first"), {day} a weekday.
  'booking.series.rankedDay': '{rank} {day}',
  'booking.series.rank':
    '{rank, select, first {the first} second {the second} third {the third} fourth {the fourth} fifth {the fifth} penultimate {the second to last} other {the last}}',
  'booking.series.withCount': '{pattern}, {count, plural, one {# time} other {# times}}',
  'booking.series.withUntil': '{pattern}, until {date}',
  // A series with days left out (`every monday except december 28`): "every Monday, except Mon 28 Dec".
  'booking.series.withExcept': '{pattern}, except {dates}{more, plural, =0 {} other { and # more}}',
  // The answer to `le lundi` (every Monday or one Monday?) that books one meeting.
  'booking.series.once': 'just once',
  'booking.calendar.readOnly': 'read-only calendar: the meeting is kept in Convene',
  'booking.calendar.noWriteCalendar':
    'kept in Convene, read-only calendar: none of the linked calendars accepts new events',
  'booking.calendar.notLinked': 'no linked calendar: the meeting is kept in Convene',
  'booking.calendar.willRetry': 'the calendar could not be updated: Convene will retry',
  'booking.calendar.addIcs': 'Add to calendar (.ics)',
  // cancelBooking, rescheduleBooking, rescheduleOptions
  'booking.error.unknownBooking': 'This meeting no longer exists.',
  'booking.error.notAllowedToChange': 'Only the organiser or a participant of this meeting can change it.',
  'booking.error.alreadyCancelled': 'This meeting was already cancelled.',
  'booking.error.timeInPast': 'The new time must be in the future.',
  'booking.error.sameTime': 'The meeting is already at that time.',
  'booking.error.timeNotFree': 'That time is not free for everyone: pick another one.',
  'booking.error.invalidTime': 'That time is not valid.',
  // A series whose first occurrence has started cannot move whole (rescheduleBooking, rescheduleOptions).
  'booking.error.seriesBegun':
    'This series has already begun: move one date, or a date and the following ones, instead.',
  // A series on set weekdays moved whole to another day (rescheduleBooking): its rule's days would stay.
  'booking.error.seriesDay':
    'A series moves whole only to another time of its first day: to change its days, cancel it and book a new one, or once it has begun, move a date and the following ones.',
  'booking.error.noOtherTime':
    'No other time works for everyone in the next two weeks: keep this one or cancel.',
  'booking.cancelled.dm':
    '{who} cancelled “{title}” ({when}). The event is being removed from your calendar.',
  'booking.cancelled.thread': '{who} cancelled this meeting ({when}).',
  'booking.cancelled.headline': 'Cancelled: “{title}”, {when}.',
  'booking.moved.dm': '{who} moved “{title}” to {when} (was {was}). Your calendar is being updated.',
  'booking.moved.thread': '{who} moved this meeting to {when} (was {was}).',
  'booking.moved.headline': 'Moved: “{title}” to {when}.',
  'booking.rescheduleOptions.headline': 'New times for “{title}” (now {now}):',
  // outbox
  'booking.outbox.staleEvent':
    "“{title}” is at {when}, but {name}'s calendar could not be updated and still shows the old time.",
  'booking.outbox.notBooked':
    "“{title}” ({when}) is NOT booked: {name}'s calendar refused the event. Events already written are being removed; ask again with /meet.",
  // A series with conflicts on later occurrences (the click's re-check, src/app/book-meeting.ts).
  'booking.error.seriesConflict':
    'Since these times were proposed, the series has {count, plural, one {a conflict} other {conflicts}}: {conflicts}. Book anyway, or pick another time.',
  'booking.seriesConflicts':
    'Booked anyway, with {count, plural, one {# occurrence} other {# occurrences}} in conflict: {conflicts}.',
  // "Book and move the clashing dates" (slot id `<n>-move`): the occurrences moved, and those that stay.
  'booking.seriesMoved':
    'Moved {count, plural, one {# occurrence} other {# occurrences}} in conflict: {moves}.',
  'booking.seriesMove': '{was} to {when}',
  'booking.seriesStayed':
    '{count, plural, one {# occurrence stays} other {# occurrences stay}} as booked, with no time everyone can make within {days, plural, one {a day} other {# days}}: {conflicts}.',
  // A round-robin team taking turns per occurrence: who hosts which dates (src/app/series-turns.ts).
  'booking.turns.line': 'Turns: {turns}.',
  'booking.turns.member': '{name} on {dates}',
  'booking.turns.separator': '; ',
  'booking.turns.moreDates': '{count, plural, one {# more} other {# more}}',
  'booking.turns.onwards': 'so on',
} as const;
