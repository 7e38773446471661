import type { access as en } from '../en/access.ts';
import type { Messages } from '../types.ts';

export const access: Messages<typeof en> = {
  'access.unreadable':
    '{count, plural, one {# événement de votre agenda n’a pas pu être lu : {first}} other {# événements de votre agenda n’ont pas pu être lus ; le premier : {first}}}',
};
