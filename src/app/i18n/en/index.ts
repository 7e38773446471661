/** The English catalogue: every domain's messages. The reference language: other catalogues have exactly its keys. */
import { access } from './access.ts';
import { common } from './common.ts';

export const en = {
  ...common,
  ...access,
} as const;
