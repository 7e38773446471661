/**
 * English, domain `help`: `/meet help` on each surface, in that surface's command syntax (Slack's
 * `/meet <words>`, Discord's slash-command options, the playground's request box).
 */
export const help = {
  /** What `/meet <word>` asks for help with, space-separated. */
  'help.words': 'help ?',
  'help.slack': [
    '*Convene finds a time and books it on everyone’s calendar.*',
    '• `/meet @ana @li 30m next week "Q3 review"`: proposes the best slots; click one to book it.',
    '• `/meet link`: link your calendar (Google, Microsoft 365).',
    '• `/meet unlink [google|microsoft]`: remove a linked calendar.',
    '• `/meet status`: your linked calendars, their health and last sync.',
    '• `/meet calendars [busy 1.1 1.3 | write 1.2]`: your calendars by number, which count as busy and which one receives new meetings; `/meet unlink 2` unlinks account 2.',
    '• `/meet settings`: working hours, time zone, language.',
    '• `/meet cancel` / `/meet reschedule`: your upcoming meetings, to cancel or move (also from the confirmation’s “Cancel meeting” and “Reschedule” buttons).',
    'Durations: `30m`, `1h30`, `45 minutes`. Windows: `tomorrow`, `next tuesday`, `next week`, `between tuesday and thursday`, `afternoon`.',
  ].join('\n'),
  'help.discord': [
    '**Convene** finds a time that works for everyone and books it in all calendars.',
    '• `/meet new request: 30 min with @Ana next week` — proposals as buttons; click one to book.',
    '• Options `with`…`with5` take people or roles (roles invite their members).',
    '• `/meet link provider:` — connect Google or Microsoft 365 (sent by DM).',
    '• `/meet unlink` — disconnect your calendars. `/meet status` — what Convene knows about you.',
    '• `/meet calendars change:` — your calendars by number: which count as busy, which one receives new meetings. `/meet unlink account:` — one account.',
    '• `/meet settings zone: language: hours:` — your time zone, language and working hours.',
    '• `/meet cancel` / `/meet reschedule` — your upcoming meetings, to cancel or move (also from the confirmation’s “Cancel meeting” and “Reschedule” buttons).',
  ].join('\n'),
  'help.playground': [
    'Convene finds a time that works for everyone and books it on their calendars.',
    '• /meet @ana @li 30m next week "Roadmap": proposes the best slots; click one to book it.',
    '• Name the demo people with @ and their short name (@ana, @li, @sam…); pick who you are on the left.',
    '• Durations: 30m, 1h30, 45 minutes. Windows: tomorrow, next tuesday, next week, between tuesday and thursday, afternoon.',
    '• /meet status: your zone, language, working hours and demo calendar; /meet settings zone:Europe/Paris hours:09:00-17:00 language:en tentative-free:yes changes them.',
    '• /meet team create support, /meet team add support @ana @li, /meet team standings support: team rotations (in the demo everyone may manage teams).',
    '• /meet cancel or /meet reschedule: your upcoming meetings, each with its Reschedule and Cancel meeting buttons.',
    '• /meet link: a link to connect your own calendar (when this server has a public address); its busy times then count with your demo file. /meet unlink removes it.',
  ].join('\n'),
} as const;
