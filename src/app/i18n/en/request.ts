/**
 * English, domain `request`: the `/meet` request use case (src/app/request/*), "more times" and answers to
 * a question. ICU MessageFormat; `{names}` parameters are lists already worded with `list()`.
 */
export const request = {
  'request.unparseable': '{issues}',
  // What the parser said when it could not read the request (`parse` domain, already worded).
  // Questions the requester must settle (an ambiguous zone).
  'request.question.pick': '{question} Pick one below.',
  'request.question.rephrase': '{questions} Say it again with the zone you mean (for example {example}).',
  // Refusals.
  'request.question.rephraseSeries':
    '{questions} Say it again with the series you mean (for example {example}).',
  'request.unknownRequester':
    'I cannot find you in this workspace: try again from the workspace where Convene is installed.',
  'request.tooManyParticipants':
    'That request brings in {count} people; I can schedule up to {max} at once, so invite fewer people or a smaller team.',
  'request.invalidSettings': 'Settings are invalid ({error}); fix them and try again.',
  'request.invalidSettingsOf': "{name}'s settings are invalid ({error}); fix them and try again.",
  'request.unsupportedMention': 'I cannot invite a group yet ({mentions}): mention the people one by one.',
  'request.unknownParticipants':
    "I don't know {names}: check the spelling, or ask them to use Convene once so I can find them.",
  'request.ambiguousParticipants':
    'Several people match {names}: mention them with a chat mention (type @ and pick from the list).',
  'request.oneTeam': 'One team per request ({teams}): make one request per team.',
  'request.teamEmpty':
    'The {team} team has no available member (paused or empty): an admin can add some with /meet team add {team} @member.',
  // Notes next to the proposals.
  'request.unrecognised': 'I did not understand: {words}.',
  'request.quoted': '"{text}"',
  'request.defaultTitle': 'Meeting',
  'request.roundRobinTeam': 'the {team} team (round-robin)',
  // No slot: what, why, and the closest change that would give a time.
  'request.noSlot': 'No {duration} slot works ({when}): {why}',
  'request.noSlotWith': 'No {duration} slot works with {names} ({when}): {why}',
  'request.noSlot.noCommonTime': "everyone's working hours and the requested window have no time in common",
  'request.noSlot.busyAlways': '{names} {count, plural, one {is} other {are}} busy at every time that fits',
  'request.noSlot.busyAtTimes': '{names} {count, plural, one {is} other {are}} busy at the times that fit',
  'request.noSlot.shorter': '{reason}. Closest: a {duration} meeting would fit ({at}).',
  'request.noSlot.optional': '{reason}. Closest: making {name} optional would give {at}.',
  'request.noSlot.week': '{reason}. Closest: one more week would give {at}.',
  'request.noSlot.widen': '{reason}; try a longer window, a shorter meeting, or fewer people.',
  'request.unlinked':
    '{names} {count, plural, one {has} other {have}} no calendar linked: they are sent a link by direct message.',
  // Calendars that could not be read (partial failure).
  'request.gap.notLinked': '{name} has not linked a calendar yet: the proposals assume {name} is free.',
  'request.gap.reauthRequired':
    "{name}'s calendar must be linked again: the proposals assume {name} is free.",
  'request.gap.unreadable': "{name}'s calendar could not be read: the proposals assume {name} is free.",
  // Proposals.
  'request.headline':
    '{count, plural, one {# proposal} other {# proposals}} for “{title}” ({duration}) with {names}',
  'request.slot.free': '{total, plural, =1 {free} =2 {both free} other {all # free}}',
  'request.slot.someFree': '{free} of {total} free',
  'request.slot.outside': ', outside core hours for {names}',
  'request.slot.optionalBusy':
    '{count, plural, one {, {names} optional, busy} other {, {names} optional, busy}}',
  'request.understood.except': 'except {days}',
  'request.understood.zone': '{city} time',
  // Answering a question (buttons carry its id only).
  'request.answer.notFound': 'This question no longer exists: ask again with /meet.',
  'request.answer.notRequester': 'Only the person who made this request can answer this question.',
  'request.answer.expired': 'This question has expired: ask again with /meet.',
  'request.answer.answered': 'This question has already been answered.',
  'request.answer.invalidChoice': 'This answer is not one of the choices: pick one of the buttons.',
  // More times (from the stored request).
  'request.more.unknownProposal': 'This proposal no longer exists: ask again with /meet.',
  'request.more.notAllowed': 'Only the organiser or a participant of this meeting can ask for more times.',
  'request.more.closed': 'This proposal is closed.',
  'request.more.organiserGone': 'The organiser of this meeting is no longer here: ask again with /meet.',
  // A recurring request: each proposal checked over the series (src/app/series.ts).
  'request.series.allFree':
    '{total, plural, =1 {free on its one date} other {free on all # {day, select, mon {Mondays} tue {Tuesdays} wed {Wednesdays} thu {Thursdays} fri {Fridays} sat {Saturdays} sun {Sundays} other {occurrences}}}}',
  'request.series.someFree':
    'free on {free} of {total} {day, select, mon {Mondays} tue {Tuesdays} wed {Wednesdays} thu {Thursdays} fri {Fridays} sat {Saturdays} sun {Sundays} other {occurrences}}; {conflicts}',
  'request.series.busyOn':
    '{count, plural, one {{name} is busy on {dates}} other {{name} is busy on {dates}}}',
  'request.series.outsideOn':
    '{count, plural, one {{name} is outside working hours on {dates}} other {{name} is outside working hours on {dates}}}',
  'request.series.moreDates': '{count} more',
  'request.series.morePeople':
    '{count, plural, one {# more person has conflicts} other {# more people have conflicts}}',
  'request.series.separator': '; ',
  'request.series.cut':
    'This series runs past {date}: I checked its occurrences up to then only ({count, plural, one {# occurrence} other {# occurrences}}; one search looks at most {days} days ahead).',
  // A round-robin team set to take turns per occurrence: one member hosts the series (and why).
  'request.series.rotationTurns':
    'Team “{team}” takes turns per occurrence, in this order from the first date: {names}. Each member is checked on their own dates only.',
  'request.series.rotationFixed':
    'Team “{team}” takes turns per occurrence, but {reason, select, several_days_per_period {a series on several days per period cannot be split into turns} month_day_not_every_month {a monthly series on the 29th, 30th or 31st cannot be split into turns} days_left_out {a series with days left out cannot be split into turns} other {fewer than two members can take turns}}: the member shown hosts every occurrence.',
} as const;
