import type { Catalogue } from '../catalogue.ts';
import { en } from '../en/index.ts';
import { common } from './common.ts';
import { link } from './link.ts';

// INTERIM (merge in progress): domains not yet translated fall back to English; replaced by de/<domain>.ts files.
export const de: Catalogue = {
  ...en,
  ...common,
  ...link,
};
