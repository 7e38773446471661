/** English, domain `reminders`: the reminder DM before a booked meeting (./reminders.ts). */
export const reminders = {
  'reminders.dm': 'Reminder: “{title}” starts in {minutes} min ({when}).',
} as const;
