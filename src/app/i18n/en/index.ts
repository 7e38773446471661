/** The English catalogue: every domain's messages. The reference language: other catalogues have exactly its keys. */
import { booking } from './booking.ts';
import { common } from './common.ts';
import { reminders } from './reminders.ts';
import { sync } from './sync.ts';

export const en = {
  ...common,
  ...booking,
  ...sync,
  ...reminders,
} as const;
