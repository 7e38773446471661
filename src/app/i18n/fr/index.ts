import type { Catalogue } from '../catalogue.ts';
import { account } from './account.ts';
import { common } from './common.ts';
import { help } from './help.ts';
import { parse } from './parse.ts';
import { playground } from './playground.ts';
import { request } from './request.ts';
import { teams } from './teams.ts';

export const fr: Catalogue = {
  ...account,
  ...common,
  ...help,
  ...parse,
  ...playground,
  ...request,
  ...teams,
};
