import type { Catalogue } from '../catalogue.ts';
import { common } from './common.ts';
import { teams } from './teams.ts';

export const fr: Catalogue = {
  ...common,
  ...teams,
};
