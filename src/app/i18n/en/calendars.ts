/**
 * English, domain `calendars`: several calendars per person (src/app/calendar-choice.ts) — which calendars
 * count as busy, which one receives new meetings, one account unlinked — on the link page and in chat.
 */
export const calendars = {
  'calendars.error.unknownAccount':
    'That account is not (or no longer) one of your linked calendar accounts.',
  'calendars.error.unavailable':
    'The calendars of {account} cannot be listed right now: try again in a few minutes, or link the account again if this goes on.',
  'calendars.error.unknownCalendar': '“{name}” is not one of this account’s calendars.',
  'calendars.error.readOnly':
    '“{name}” is read-only: Convene cannot add meetings to it. Choose a writable calendar to receive new meetings.',
  'calendars.error.busyUnreadable':
    '“{name}” cannot count as busy: its provider reports the busy times of the main calendar only.',
  'calendars.error.noBusy':
    'Choose at least one calendar that counts as busy: otherwise Convene cannot tell when you are free.',
  'calendars.error.tooMany': 'At most {max} calendars of an account can be chosen.',
  'calendars.saved':
    'Saved for {account}: {busy, plural, =0 {no calendar counts} one {# calendar counts} other {# calendars count}} as busy; {hasWrite, select, yes {new meetings go to “{write}”} other {new meetings do not go to this account}}.',
  'calendars.movedFrom': '{account} no longer receives new meetings.',
  'calendars.hidden':
    '{count, plural, one {# more calendar is} other {# more calendars are}} not shown: only the first {max} of an account can be chosen.',
  'calendars.hiddenAccounts':
    '{count, plural, one {# more account is} other {# more accounts are}} not shown.',
  'calendars.listError': 'its calendars cannot be listed right now',
  'calendars.flag.writable': 'writable',
  'calendars.flag.readOnly': 'read-only',
  'calendars.flag.busy': 'counts as busy',
  'calendars.flag.receives': 'receives new meetings',
  'calendars.flag.busyUnreadable': 'cannot count as busy',
  'calendars.chat.head': 'Your calendars, by number:',
  'calendars.chat.help':
    'Change them with `/meet calendars busy 1.1 1.3` (in account 1, calendars 1 and 3 count as busy; `1.0`: none of account 1), `/meet calendars write 1.2` (that calendar receives new meetings) and `/meet unlink 1` (unlinks account 1).',
  'calendars.chat.none': 'You have no linked calendar: `/meet link` links one.',
  'calendars.chat.usage':
    'Say which calendars: `/meet calendars busy 1.1 1.3` or `/meet calendars write 1.2`, with the numbers `/meet calendars` shows.',
  'calendars.chat.unknownRef':
    '“{ref}” is not a calendar number from `/meet calendars` (account.calendar, for example 1.2): nothing was changed.',
  /** The words of `/meet calendars <word> …` in this language, space-separated. */
  'calendars.words.busy': 'busy',
  'calendars.words.write': 'write meetings',
  'calendars.page.title': 'Choose your calendars',
  'calendars.page.intro':
    'Tick the calendars whose events make you busy, and pick the one that receives new meetings. You can change this later with /meet calendars.',
  'calendars.page.busyLegend': 'Count as busy',
  'calendars.page.writeLegend': 'Receives new meetings',
  'calendars.page.noWrite': 'None of this account’s calendars',
  'calendars.page.save': 'Save',
  'calendars.page.savedTitle': 'Calendars saved',
} as const;
