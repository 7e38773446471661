/** The English catalogue: every domain's messages. The reference language: other catalogues have exactly its keys. */
import { account } from './account.ts';
import { common } from './common.ts';
import { help } from './help.ts';
import { parse } from './parse.ts';
import { playground } from './playground.ts';
import { request } from './request.ts';
import { teams } from './teams.ts';

export const en = {
  ...account,
  ...common,
  ...help,
  ...parse,
  ...playground,
  ...request,
  ...teams,
} as const;
