import type { Catalogue } from '../catalogue.ts';
import { common } from './common.ts';

export const de: Catalogue = {
  ...common,
};
