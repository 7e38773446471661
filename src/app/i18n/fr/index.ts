import type { Catalogue } from '../catalogue.ts';
import { booking } from './booking.ts';
import { common } from './common.ts';
import { reminders } from './reminders.ts';
import { sync } from './sync.ts';

export const fr: Catalogue = {
  ...common,
  ...booking,
  ...sync,
  ...reminders,
};
