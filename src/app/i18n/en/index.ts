/** The English catalogue: every domain's messages. The reference language: other catalogues have exactly its keys. */
import { chat } from './chat.ts';
import { common } from './common.ts';

export const en = {
  ...common,
  ...chat,
} as const;
