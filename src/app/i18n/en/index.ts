/** The English catalogue: every domain's messages. The reference language: other catalogues have exactly its keys. */
import { account } from './account.ts';
import { chat } from './chat.ts';
import { common } from './common.ts';
import { discord } from './discord.ts';
import { help } from './help.ts';
import { parse } from './parse.ts';
import { playground } from './playground.ts';
import { request } from './request.ts';
import { teams } from './teams.ts';

export const en = {
  ...account,
  ...chat,
  ...common,
  ...discord,
  ...help,
  ...parse,
  ...playground,
  ...request,
  ...teams,
} as const;
