import type { Catalogue } from '../catalogue.ts';
import { account } from './account.ts';
import { common } from './common.ts';
import { help } from './help.ts';
import { playground } from './playground.ts';

export const fr: Catalogue = {
  ...common,
  ...account,
  ...help,
  ...playground,
};
