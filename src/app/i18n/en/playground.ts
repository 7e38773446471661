/**
 * English, domain `playground`: the web playground's own page text (served to the browser by
 * `GET /playground/api/strings?locale=`, so the page carries no wording of its own) and its router's answers.
 */
export const playground = {
  'playground.page.title': 'Convene playground (demo data)',
  'playground.page.skip': 'Skip to the request box',
  'playground.page.tagline':
    'Type a /meet request, pick a proposed time, watch it land on everyone’s calendar.',
  'playground.page.demoData': 'DEMO DATA',
  'playground.page.whoTitle': '1. Who are you?',
  'playground.page.pickPerson': 'Pick the demo person you act as',
  'playground.page.loading': 'Loading the demo people…',
  'playground.page.feeds': 'Their calendars are shipped ICS files, read through Convene’s ICS connector:',
  'playground.page.reset': 'Reset demo data',
  'playground.page.chatTitle': '2. Ask for a meeting',
  'playground.page.requestLabel': 'Your /meet request',
  'playground.page.send': 'Send',
  'playground.page.try': 'Try:',
  'playground.page.calTitle': '3. Everyone’s calendar',
  'playground.page.calHint':
    'After you pick a slot, each participant’s week appears here in their own time zone: grey blocks are busy time (titles are never shown), the highlighted block is the new meeting.',
  'playground.page.nextTitle': 'Next: connect Slack or Discord',
  'playground.page.next':
    'The playground is just another adapter: Slack and Discord call the same use cases and show the same proposals. When you are ready, follow “Connect Slack” or “Connect Discord” in the README, then restart Convene: with a chat platform configured, no demo data is loaded.',
  'playground.example': '/meet @ana @li 30m next week "Roadmap"',
  'playground.you': 'You',
  'playground.placeholder': '/meet {others} 30m next week "Roadmap"',
  'playground.heat.free': 'free',
  'playground.heat.busy': 'busy',
  'playground.heat.off': 'outside working hours',
  'playground.heat.everyone': 'everyone free',
  'playground.heat.all': 'All',
  'playground.heat.freeCount': '{free}/{total} free',
  'playground.heat.title': 'Group availability ({city} time)',
  'playground.window': 'Window: {window}',
  'playground.slots': 'Proposed slots',
  'playground.answers': 'Answers',
  'playground.failed': 'Something went wrong.',
  'playground.noAnswer': 'Convene did not answer: is the server still running?',
  'playground.httpError': 'The server answered HTTP {status}.',
  'playground.calendarsBelow': 'Everyone’s calendar is shown below.',
  'playground.week.none': 'No Convene meeting this week.',
  'playground.week.incomplete': 'This calendar could not be read: only Convene meetings are shown.',
  'playground.resetting': 'Resetting…',
  'playground.resetDone':
    'Demo reset: {count, plural, =0 {no booking cancelled} one {# booking cancelled} other {# bookings cancelled}}.',
  'playground.resetFailed': 'Reset failed.',
} as const;
