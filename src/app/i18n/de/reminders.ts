import type { reminders as en } from '../en/reminders.ts';
import type { Messages } from '../types.ts';

export const reminders: Messages<typeof en> = {
  'reminders.dm': 'Erinnerung: „{title}“ beginnt in {minutes} Min. ({when}).',
};
