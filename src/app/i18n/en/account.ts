/**
 * English, domain `account`: a person's own settings and state on every surface — preferences, status,
 * link / unlink, App Home, upcoming meetings, rate limits — and the time labels of the views.
 */
export const account = {
  // Time labels (src/app/views.ts, src/app/demo/week.ts). `intlTag`: the Intl locale dates are formatted in.
  'account.label.intlTag': 'en-GB',
  'account.label.slot': '{day}, {range} ({city} time)',
  'account.label.possessive': "{name}{sibilant, select, yes {''} other {''s}} {thing}",
  'account.duration.minutes': '{minutes} min',
  'account.duration.hours': '{hours}h',
  'account.duration.hoursMinutes': '{hours}h{minutes}',
  'account.week.working': 'Working hours, {when}',
  'account.week.busy': 'Busy, {when}',

  'account.rateLimited':
    '{scope, select, user {You have sent a lot of requests at once: try again in {wait} s.} other {This workspace has sent a lot of requests at once: try again in {wait} s.}}',
  'account.notInstalled':
    'Convene is not installed in this workspace (or was uninstalled): ask an admin to install it again.',
  'account.noLongerInstalled': 'Convene is no longer installed here.',
  'account.unknownAccount': 'Unknown account.',
  'account.slackAccountRefused': 'This Slack account cannot use Convene.',
  'account.dmUnknownAction': 'Sorry, this button is no longer supported: nothing was done.',
  'account.dmNotYours': 'Convene cannot tell who you are for this message: use /meet in your server instead.',
  /** The Slack subcommand words of this language, space-separated (they tell the language of `/meet <word>`). */
  'account.slack.subcommands': 'help link unlink status calendars settings team teams cancel reschedule',

  // Preferences (src/app/preferences.ts codes), on every surface.
  'account.preferences.invalidZone':
    '"{zone}" is not a time zone I know: use an IANA name such as Europe/Paris or America/New_York.',
  'account.preferences.invalidHours': '"{hours}" is not a range of hours: write it like 09:00-17:00.',
  'account.preferences.invalidTime': 'Expected a time such as {example}.',
  'account.preferences.endBeforeStart': 'The end must be after the start.',
  'account.preferences.noDays': 'Pick at least one day.',
  'account.preferences.invalidLanguage': '"{language}" is not a language Convene speaks ({languages}).',
  'account.preferences.nothing':
    'Nothing to change: give `zone`, `language`, `hours` (e.g. `09:00-17:00`) or `tentative-free`.',
  'account.preferences.notAdmin': 'Changing another person\'s settings needs the "Manage Server" permission.',
  'account.preferences.unknownPerson': 'That person has not used Convene yet.',
  'account.preferences.saved': 'Saved: {parts}.',
  'account.preferences.tentative':
    '{free, select, yes {tentative events count as free} other {tentative events count as busy}}',
  'account.preferences.zoneSaved': 'Time zone saved: **{zone}**.',

  // The Slack settings modal.
  'account.settings.title': 'Convene settings',
  'account.settings.save': 'Save',
  'account.settings.cancel': 'Cancel',
  'account.settings.days': 'Working days',
  'account.settings.start': 'Day starts at',
  'account.settings.end': 'Day ends at',
  'account.settings.zone': 'Time zone (IANA)',
  'account.settings.zoneHint': 'For example Europe/Paris. Overrides your Slack zone.',
  'account.settings.language': 'Language',
  'account.settings.tentative': 'Tentative events',
  'account.settings.tentativeFree': 'Treat tentative events as free',
  'account.settings.tentativeHint': 'Otherwise a tentative ("maybe") event makes you busy.',
  'account.settings.openFailed':
    'Slack did not open the settings window in time: click the button to open it.',
  'account.settings.open': 'Open settings',

  // Status.
  'account.status.slack.none':
    'No calendar linked: type `/meet link` to link one. Until then Convene assumes you are free during your working hours.',
  'account.status.slack.head': '*Your linked calendars*',
  'account.status.health':
    '{status, select, ok {OK} reauth_required {must be linked again (`/meet link`)} other {failing}}',
  'account.status.zone': 'Time zone: {zone}',
  'account.status.zoneUnset': 'Time zone: not set (use `/meet settings zone:`)',
  'account.status.language': 'Language: {language}',
  'account.status.none': 'Calendars: none linked (use `/meet link`).',
  'account.status.calendar': '• {label} ({account}): {status}',
  'account.status.tentative':
    'Tentative events: {free, select, yes {free} other {busy}} (change with `/meet settings tentative-free:`)',

  // Link / unlink.
  'account.link.pick': 'Pick your calendar (the link is personal and expires in 15 minutes):',
  'account.link.sentByDm': 'I sent you the links in a direct message.',
  'account.link.dm': 'I sent you a direct message with a link to connect your {provider}.',
  'account.link.fallback':
    'I cannot send you direct messages (your privacy settings block them), so here is your link to connect your {provider}. Only you can see this message; the link works once, for 15 minutes.',
  'account.link.dmText':
    'Connect your {provider} to Convene: the link works once, for 15 minutes. Convene only reads free/busy times and writes the meetings you book.',
  'account.link.button': 'Connect calendar',
  'account.unlink.none': 'You have no linked calendar.',
  'account.unlink.which': 'Say which calendar to unlink: `/meet unlink <{choices}|all>` (linked: {linked}).',
  'account.unlink.done': 'Unlinked: {calendars}.',
  'account.unlink.count':
    '{count, plural, =0 {You have no linked calendar.} one {Unlinked # calendar.} other {Unlinked # calendars.}}',
  /** The words that mean "every calendar" in `/meet unlink <word>`, space-separated. */
  'account.unlink.allWords': 'all',

  // Upcoming meetings (`/meet cancel`, `/meet reschedule`).
  'account.upcoming.none': 'You have no upcoming meetings booked through Convene.',
  'account.upcoming.cancel': 'Your upcoming meetings: which one to cancel?',
  'account.upcoming.reschedule': 'Your upcoming meetings: which one to reschedule?',

  // Slack App Home.
  'account.home.calendars': 'Your calendars',
  'account.home.noCalendar': 'No calendar linked. Type `/meet link` to link one.',
  'account.home.hours': 'Working hours',
  'account.home.defaultHours': 'Mon–Fri 09:00–17:00 (default)',
  'account.home.tentative':
    '{free, select, yes {Tentative events: counted as free} other {Tentative events: counted as busy}}',
  'account.home.editSettings': 'Edit settings',
  'account.home.upcoming': 'Upcoming meetings',
  'account.home.noUpcoming': 'No meeting booked through Convene in the next 30 days.',
  'account.home.rotations': 'Rotations (admin)',
  'account.home.noRotation': 'No rotation.',
  'account.home.activeMembers': '{count} active members',
} as const;
