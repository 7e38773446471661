/** `/meet status` and `/meet settings …` typed as text (the playground's request box): their words and answers. */
export const commands = {
  /** The words that ask for `/meet status`, space-separated. */
  'commands.status.words': 'status',
  /** The words that ask for `/meet settings`, space-separated. */
  'commands.settings.words': 'settings',
  /** The words that list one's upcoming meetings to cancel / to reschedule, space-separated. */
  'commands.cancel.words': 'cancel',
  'commands.reschedule.words': 'reschedule',
  /** The words that ask for a link to connect a calendar / to remove linked calendars, space-separated. */
  'commands.link.words': 'link',
  'commands.unlink.words': 'unlink',
  /** After the link page's link in the playground: what a linked calendar changes there. */
  'commands.link.demoToo':
    'Once linked, your busy times here come from that calendar as well as from your demo file; /meet unlink removes it.',
  'commands.settings.usage':
    'Write the settings to change after /meet settings, for example: /meet settings zone:Europe/Paris hours:09:00-17:00 language:en tentative-free:yes',
  'commands.settings.unknownOption':
    'There is no setting “{option}”: use zone:, language:, hours: or tentative-free:.',
  'commands.settings.yesNo': 'tentative-free: takes yes or no, not “{value}”.',
  'commands.status.hours': 'Working hours: {hours}',
  'commands.status.hoursRule': '{days} {start}-{end}',
  'commands.status.demoCalendar': 'Calendar: the demo file {file} (read only)',
} as const;
