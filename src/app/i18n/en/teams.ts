/**
 * English, domain `teams`: `/meet team …` (team rotations: admin commands, standings, refusals).
 * ICU MessageFormat; `{mode}` / `{period}` / `{status}` are nested messages of this domain.
 */
export const teams = {
  'teams.notTeamCommand': 'Not a team command: start with /meet team.',
  'teams.unavailable': 'Teams are not available on this Convene server: tell its admin.',
  'teams.accountRefused': 'This Slack account cannot use Convene.',
  'teams.help': [
    'Teams (changes need an admin):',
    '• /meet team list · /meet team standings <team>',
    '• /meet team create <team> [round-robin|collective] [day|week|month]',
    '• /meet team rename <team> <name> · /meet team delete <team>',
    '• /meet team add|remove <team> @member… [weight N] [priority N]',
    '• /meet team weight|priority <team> @member N',
    '• /meet team mode <team> round-robin|collective · /meet team window <team> day|week|month',
    '• /meet team series <team> fixed|rotate (a recurring meeting: one member, or turns per occurrence)',
    '• /meet team pause <team> @member [until YYYY-MM-DD] · /meet team resume <team> @member',
    '• /meet team bind <team> @user-group-or-role · /meet team unbind <team>',
    '• /meet team admins · /meet team grant|revoke @person',
    'Then: /meet @<team> 30m tomorrow',
  ].join('\n'),

  // Reading the command
  'teams.parse.unknownCommand': 'Unknown team command “{word}”: try /meet team help.',
  'teams.parse.unknown': 'Unknown team command: try /meet team help.',
  'teams.parse.noTeamName': 'Name the team: /meet team {word} <team> …',
  'teams.parse.badTeamName':
    '“{name}” is not a valid team name: letters, digits, - _ . (up to 40), no spaces.',
  'teams.parse.noMembers': 'Mention at least one member.',
  'teams.usage.grant': 'Usage: /meet team grant @person…',
  'teams.usage.revoke': 'Usage: /meet team revoke @person…',
  'teams.usage.create': 'Usage: /meet team create <team> [round-robin|collective] [day|week|month]',
  'teams.usage.rename': 'Usage: /meet team rename <team> <new name>',
  'teams.usage.delete': 'Usage: /meet team delete <team>',
  'teams.usage.unbind': 'Usage: /meet team unbind <team>',
  'teams.usage.add': 'Usage: /meet team add <team> @member… [weight N] [priority N]',
  'teams.usage.remove': 'Usage: /meet team remove <team> @member…',
  'teams.usage.weight': 'Usage: /meet team weight <team> @member N (N ≥ 0)',
  'teams.usage.priority': 'Usage: /meet team priority <team> @member N',
  'teams.usage.mode': 'Usage: /meet team mode <team> round-robin|collective',
  'teams.usage.window': 'Usage: /meet team window <team> day|week|month',
  'teams.usage.series': 'Usage: /meet team series <team> fixed|rotate',
  'teams.usage.pause': 'Usage: /meet team pause <team> @member [until YYYY-MM-DD]',
  'teams.usage.resume': 'Usage: /meet team resume <team> @member',
  'teams.usage.bind': 'Usage: /meet team bind <team> @user-group (Slack) or @role (Discord)',

  // Authorising
  'teams.forbidden.grant': 'Only workspace admins and owners can grant or revoke Convene admin rights.',
  'teams.forbidden.change':
    'Only workspace admins can change teams (Slack: admins and owners; Discord: Manage Server). You can still use /meet team standings.',
  'teams.notFound': 'There is no team “{team}”: see /meet team list.',
  'teams.unknownMembers':
    "I don't know {names}: mention them with a chat mention (type @ and pick from the list).",

  // Applying
  'teams.nameTaken': 'A team is already called “{name}”: pick another name.',
  'teams.groupTaken': 'That group is already bound to another team: unbind it there first.',
  'teams.notMember': 'That person is not a member of the team.',
  'teams.unknownPerson': 'That person is not part of this workspace.',
  'teams.badDate': '“{date}” is not a valid date.',
  'teams.pastDate': 'That date is already past.',
  'teams.mode':
    '{mode, select, collective {collective (everyone)} other {round-robin (one member per meeting)}}',
  'teams.period': '{period, select, day {per day} week {per week} other {per month}}',
  'teams.admins.none': 'No Convene admin granted: workspace admins and owners manage teams.',
  'teams.admins.list': 'Convene admins (besides workspace admins): {names}.',
  'teams.granted': '{names} can now manage teams.',
  'teams.grantedNone': 'Nothing changed.',
  'teams.revoked': '{names} can no longer manage teams.',
  'teams.revokedNone': 'They were not Convene admins.',
  'teams.list.title': 'Teams:',
  'teams.list.row': '• {team} — {mode}, {count, plural, one {# member} other {# members}}',
  'teams.list.empty': 'No team yet: an admin can create one with /meet team create <name>.',
  'teams.created':
    'Team “{team}” created ({mode}, fairness {period}). Add members with /meet team add {team} @someone.',
  'teams.renamed': 'Team “{from}” is now “{to}”.',
  'teams.deleted': 'Team “{team}” deleted.',
  'teams.modeSet': 'Team “{team}” is now {mode}.',
  'teams.windowSet': 'Team “{team}” now balances bookings {period}.',
  'teams.seriesSet': 'Team “{team}” now books recurring meetings with {rotation}.',
  'teams.seriesRotation':
    '{rotation, select, rotate {members taking turns per occurrence} other {one member for the whole series}}',
  'teams.bound': 'Mentioning {group} in /meet now means team “{team}”.',
  'teams.unbound': 'Team “{team}” is no longer bound to a chat group.',
  'teams.added':
    '{names} added to “{team}”. Newcomers start level with the team: they are not flooded with catch-up bookings.',
  'teams.removed': '{names} removed from “{team}”.',
  'teams.weightSet': '{name} now has weight {value} in “{team}”.',
  'teams.prioritySet': '{name} now has priority {value} in “{team}”.',
  'teams.paused': '{name} is paused in “{team}” until resumed (/meet team resume {team} @…).',
  'teams.pausedUntil': '{name} is paused in “{team}” through {date}; back with a fresh start, not a backlog.',
  'teams.resumed': '{name} is back in “{team}”.',

  // Standings
  'teams.standings.nameTheTeam': 'Name the team: /meet team standings <team>.',
  'teams.standings.title':
    'Standings of “{team}” {period, select, day {today} week {this week} other {this month}}:',
  'teams.standings.empty':
    'Standings of “{team}” {period, select, day {today} week {this week} other {this month}}: no members.',
  'teams.standings.row':
    '• {name} (weight {weight}, priority {priority}): {count} booked, target {target}, {status}{paused, select, yes { — paused} other {}}',
  'teams.standings.onTarget': 'on target',
  'teams.standings.below': '{gap} below target',
  'teams.standings.above': '{gap} above target',
} as const;
