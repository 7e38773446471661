import type { Catalogue } from '../catalogue.ts';
import { en } from '../en/index.ts';
import { common } from './common.ts';
import { series } from './series.ts';

// INTERIM (merge in progress): domains not yet translated fall back to English; replaced by de/<domain>.ts files.
export const de: Catalogue = {
  ...en,
  ...common,
  ...series,
};
