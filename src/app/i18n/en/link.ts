/**
 * English, domain `link`: what the link page says when a CalDAV server or an ICS feed cannot be linked
 * (the connector's error codes: `link.caldav.*` from caldav/discover.ts, `link.ics.*` from ics/validate.ts).
 * `{host}` is the address or domain the person typed; `{service}` is icloud, fastmail or other.
 */
export const link = {
  'link.caldav.unauthorized':
    '{host} refused this username and password. Calendar servers usually need an app-specific password, not your account password: {service, select, icloud {create one for iCloud at https://support.apple.com/en-us/102654} fastmail {create one for Fastmail (with CalDAV access) at https://www.fastmail.help/hc/en-us/articles/360058752854} other {create one in your provider’s security settings}}, then try again.',
  'link.caldav.notCaldav':
    '{host} does not answer like a CalDAV calendar server. Check the address (for Nextcloud it ends in /remote.php/dav), or enter just your e-mail address.',
  'link.caldav.certificate':
    'The security certificate of {host} is not valid (expired, self-signed or for another name), so Convene will not send your password there. Ask the server’s administrator to fix the certificate.',
  'link.caldav.timeout': '{host} did not answer in time. Try again in a moment, or check the address.',
  'link.caldav.unreachable':
    'Convene could not reach {host}. Check the address; a server on your home or office network is not reachable from the internet.',
  'link.caldav.forbiddenAddress':
    '{host} is on a private or local network, which this Convene server does not connect to. Its administrator can allow that network.',
  'link.caldav.invalidAddress': '“{host}” is not a server address (https://…) or an e-mail address.',
  'link.ics.notCalendar':
    'The link on {host} does not lead to a calendar feed (iCalendar). Copy the “secret address in iCal format” or the “subscribe” link of your calendar.',
  'link.ics.unreachable': 'Convene could not fetch the feed from {host}. Check the link and try again.',
  'link.ics.timeout': '{host} did not send the feed in time. Try again in a moment.',
  'link.ics.forbiddenAddress':
    'The feed on {host} is on a private or local network, which this Convene server does not connect to. Its administrator can allow that network.',
  'link.ics.invalidAddress': '“{host}” is not a calendar feed link (https:// or webcal://).',
  'link.ics.tooLarge': 'The feed on {host} is larger than {megabytes} MB, more than Convene reads.',
  'link.ics.notFound': '{host} says this feed does not exist. The link may have been reset: copy it again.',
  'link.ics.refused': '{host} refused to send this feed. The secret link may have been reset: copy it again.',
  'link.ics.certificate':
    'The security certificate of {host} is not valid, so Convene will not read the feed from there.',
  'link.page.title': 'Link a calendar for {who}',
  'link.page.intro':
    'This page links a calendar to the chat account {who} in {workspace}. Only continue if that is you: if someone forwarded you their link, close this page — your calendar would be attached to their account.',
  'link.page.unknownWorkspace': 'this workspace',
  'link.page.kind.google': 'Google Calendar',
  'link.page.kind.microsoft': 'Microsoft 365',
  'link.page.kind.icloud': 'Apple iCloud',
  'link.page.kind.caldav': 'CalDAV server (Fastmail, Nextcloud, Radicale…)',
  'link.page.kind.ics': 'Calendar feed (ICS link, read-only)',
  'link.page.oauthButton': 'Link my {provider}',
  'link.page.icloud.help':
    'Use your Apple ID and an app-specific password, not your Apple ID password: create one at https://support.apple.com/en-us/102654.',
  'link.page.caldav.help':
    'Your server address (for Nextcloud it ends in /remote.php/dav) or just your e-mail address, your username and an app-specific password (Fastmail: https://www.fastmail.help/hc/en-us/articles/360058752854). The password is sent over this page only, never in chat.',
  'link.page.ics.help':
    'Paste the secret iCal address of your calendar (https:// or webcal://). Convene only reads it: meetings you book are kept in Convene, not added to the feed.',
  'link.page.field.address': 'Server address or e-mail address',
  'link.page.field.appleId': 'Apple ID (e-mail address)',
  'link.page.field.username': 'Username',
  'link.page.field.password': 'App-specific password',
  'link.page.field.url': 'Feed link',
  'link.page.submit': 'Link this calendar',
  'link.page.failed': 'Nothing was linked',
  'link.page.done.title': 'Calendar linked',
  'link.page.done.caldav':
    '{account} is linked. Convene reads your free/busy times from {count, plural, one {# calendar} other {# calendars}}{write, select, none {.} other { and adds the meetings you book to “{write}”.}}',
  'link.page.done.ics':
    'The feed “{name}” is linked, read-only: Convene reads your busy times from it; meetings you book are kept in Convene.',
  'link.page.calendars': 'Calendars found',
  'link.page.writable': 'writable',
  'link.page.readOnly': 'read-only',
  'link.page.busy': 'counts as busy',
  'link.page.writeTarget': 'receives new meetings',
  'link.page.close': 'You can close this tab and go back to chat.',
  'link.page.invalid':
    'This link is not valid (it was altered or not made by this Convene server). Nothing was linked. Ask Convene for a new link with `/meet link`.',
  'link.page.expired':
    'This link has expired (links are valid for 15 minutes). Nothing was linked. Ask Convene for a new link with `/meet link`.',
  'link.page.used':
    'This link was already used. Ask Convene for a new link with `/meet link` to link another calendar.',
  'link.page.otherUser':
    'This link was made for another Convene user. Nothing was linked. Ask Convene for your own link with `/meet link`.',
  'link.page.unconfirmed':
    'This form must be sent from its own page, in the browser that opened the link. Nothing was linked. Open the link again.',
  'link.page.disabled': 'This kind of calendar is turned off on this Convene server. Nothing was linked.',
  'link.page.missingField': 'Fill in every field, then try again.',
  'link.page.noCalendars': '{host} has no calendar with events for this account. Nothing was linked.',
  'link.dm.caldav':
    'Your calendar on {account} is linked. Convene reads your free/busy times from {count, plural, one {# calendar} other {# calendars}}{writes, select, yes { and adds the meetings you book to “{calendar}”.} other {; none of them can receive meetings.}}',
  'link.dm.ics':
    'Your calendar feed “{name}” is linked, read-only: Convene reads your busy times from it. Meetings you book are kept in Convene, with an .ics file to add them yourself.',
  'link.chat.dm':
    'Open this link to connect a calendar: Google, Microsoft 365, Apple iCloud, a CalDAV server or a calendar feed. It works once, for 15 minutes, and only for you.',
  'link.chat.sent': 'I sent you a direct message with a link to connect a calendar.',
  'link.chat.fallback':
    'I cannot send you direct messages, so here is your link to connect a calendar. Only you can see this message; the link works once, for 15 minutes.',
  'link.chat.button': 'Link a calendar',
  'link.relink.calendar':
    '{provider, select, google {Google Calendar} microsoft {Microsoft 365 calendar} caldav {CalDAV calendar} other {calendar feed}}',
  'link.relink.passwordRejected':
    'Convene can no longer read your {calendar} ({account}): the server no longer accepts the saved password. An app-specific password may have been revoked: create a new one and link it again so your availability stays accurate.',
  'link.relink.consentRemoved':
    'Convene can no longer read your {calendar} ({account}): permissions were removed. Link it again so your availability stays accurate.',
  'link.relink.accessRevoked':
    'Convene can no longer read your {calendar} ({account}): access was revoked or expired. Link it again so your availability stays accurate.',
  'link.relink.button': 'Link {calendar} again',
} as const;
