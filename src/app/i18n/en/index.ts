/** The English catalogue: every domain's messages. The reference language: other catalogues have exactly its keys. */
import { common } from './common.ts';
import { link } from './link.ts';
import { parse } from './parse.ts';
import { request } from './request.ts';
import { teams } from './teams.ts';

export const en = {
  ...common,
  ...request,
  ...parse,
  ...teams,
  ...link,
} as const;
