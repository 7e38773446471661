import type { Catalogue } from '../catalogue.ts';
import { access } from './access.ts';
import { common } from './common.ts';

export const fr: Catalogue = {
  ...common,
  ...access,
};
