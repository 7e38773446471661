/** The English catalogue: every domain's messages. The reference language: other catalogues have exactly its keys. */
import { account } from './account.ts';
import { common } from './common.ts';
import { help } from './help.ts';
import { playground } from './playground.ts';

export const en = {
  ...common,
  ...account,
  ...help,
  ...playground,
} as const;
