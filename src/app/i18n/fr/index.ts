import type { Catalogue } from '../catalogue.ts';
import { access } from './access.ts';
import { account } from './account.ts';
import { booking } from './booking.ts';
import { calendars } from './calendars.ts';
import { chat } from './chat.ts';
import { commands } from './commands.ts';
import { common } from './common.ts';
import { discord } from './discord.ts';
import { help } from './help.ts';
import { link } from './link.ts';
import { occurrences } from './occurrences.ts';
import { parse } from './parse.ts';
import { playground } from './playground.ts';
import { reminders } from './reminders.ts';
import { request } from './request.ts';
import { rotation } from './rotation.ts';
import { sync } from './sync.ts';
import { teams } from './teams.ts';

export const fr: Catalogue = {
  ...access,
  ...account,
  ...booking,
  ...calendars,
  ...chat,
  ...commands,
  ...common,
  ...discord,
  ...help,
  ...link,
  ...occurrences,
  ...parse,
  ...playground,
  ...reminders,
  ...request,
  ...rotation,
  ...sync,
  ...teams,
};
