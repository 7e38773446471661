import type { Catalogue } from '../catalogue.ts';
import { common } from './common.ts';
import { parse } from './parse.ts';
import { request } from './request.ts';
import { rotation } from './rotation.ts';
import { teams } from './teams.ts';

export const de: Catalogue = {
  ...common,
  ...request,
  ...parse,
  ...teams,
  ...rotation,
};
