/**
 * English, domain `parse`: what the request parser (src/core/parse) reports, one actionable sentence per
 * code (worded by src/app/request/parse.ts). These texts are part of `convene parse --json`: keep them stable.
 */
export const parse = {
  'parse.emptyRequest': 'Tell me who to meet and when, for example: /meet @ana 30m next week "Q3 review".',
  'parse.textTooLong': 'That request is too long ({length} characters); keep it under {max} characters.',
  'parse.invalidNow':
    'The current time given to the parser is not a valid instant; this is a setup problem, please report it.',
  'parse.invalidZone':
    'The time zone "{zone}" is not a valid IANA time zone; set one like Europe/Paris or America/New_York.',
  'parse.noParticipants': "I couldn't find anyone to invite — mention people like @ana or <@U123>.",
  'parse.severalDurations': 'I found more than one duration ({list}); say just one, like 45m.',
  'parse.invalidDuration':
    '"{text}" is not a usable duration; say how long the meeting lasts, like 30m or 1h30.',
  'parse.durationTooLong': '"{text}" is longer than the {max}-hour maximum; say a shorter duration, like 1h.',
  // A duration that reads as a clock time in some languages (`25h`); in English it is a duration.
  'parse.durationTooLongClock':
    '"{text}" is longer than the {max}-hour maximum; say a shorter duration, like 1h.',
  'parse.windowInPast': '"{text}" is already over; pick a time from now on, like tomorrow or next week.',
  'parse.contradictoryWindow':
    '"{text}" leaves no time to meet; check the dates and times, for example "after 2pm before 5pm".',
  'parse.windowTooFar':
    'I can look up to {max} days ahead, and "{text}" goes further; pick a nearer window, like next week or next month.',
  'parse.tooManyParticipants':
    'That request names {count} people; I can schedule up to {max} at once, so invite fewer people or a team.',
  'parse.broadcastMentionIgnored':
    'I ignored {text}: invite people or groups directly, like @ana or a user group.',
  'parse.extraTitleIgnored': 'I used the first quoted text as the title and ignored {text}.',
  'parse.windowWidened':
    "You named separate days ({text}); I'll look from the first to the end of the last one.",
  'parse.seriesEndImplied':
    'You didn\'t say when "{text}" ends, so I\'ll plan it until {until} ({months, plural, one {# month} other {# months}}); add an end like "for 6 weeks" or "until March" to change it.',
  'parse.seriesExceptCapped':
    'You listed {count} dates to leave out of the series; a series leaves out at most {max}, so I left out the first {max}. Cancel the others from the series once it is booked, or end it sooner.',
  'parse.ambiguousRecurrence': 'How often do you mean by "{text}": {options}?',
  'parse.ambiguousZone': 'Which time zone do you mean by "{text}": {options}?',
} as const;
