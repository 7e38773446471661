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
} as const;
