import type { Catalogue } from '../catalogue.ts';
import { chat } from './chat.ts';
import { common } from './common.ts';

export const fr: Catalogue = {
  ...common,
  ...chat,
};
