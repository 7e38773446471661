import type { reminders as en } from '../en/reminders.ts';
import type { Messages } from '../types.ts';

export const reminders: Messages<typeof en> = {
  'reminders.dm': 'Rappel : « {title} » commence dans {minutes} min ({when}).',
};
