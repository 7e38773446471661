import type { access as en } from '../en/access.ts';
import type { Messages } from '../types.ts';

export const access: Messages<typeof en> = {
  'access.unreadable':
    '{count, plural, one {# Termin in deinem Feed konnte nicht gelesen werden: {first}} other {# Termine in deinem Feed konnten nicht gelesen werden; der erste: {first}}}',
};
