/** The English catalogue: every domain's messages. The reference language: other catalogues have exactly its keys. */
import { common } from './common.ts';
import { teams } from './teams.ts';

export const en = {
  ...common,
  ...teams,
} as const;
