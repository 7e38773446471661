import type { Catalogue } from '../catalogue.ts';
import { common } from './common.ts';
import { link } from './link.ts';
import { parse } from './parse.ts';
import { request } from './request.ts';
import { teams } from './teams.ts';

export const fr: Catalogue = {
  ...common,
  ...request,
  ...parse,
  ...teams,
  ...link,
};
