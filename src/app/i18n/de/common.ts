import type { common as en } from '../en/common.ts';
import type { Messages } from '../types.ts';

export const common: Messages<typeof en> = {
  'common.linkingNotConfigured':
    'Die Kalenderverknüpfung ist auf diesem Convene-Server nicht eingerichtet: bitte die Administration, die Anmeldung mit Google oder Microsoft einzurichten.',
  'common.lastSynced.never': 'nie synchronisiert',
  'common.lastSynced.justNow': 'gerade eben synchronisiert',
  'common.lastSynced.minutes': 'zuletzt synchronisiert vor {count} Min.',
  'common.lastSynced.hours': 'zuletzt synchronisiert vor {count, plural, one {# Stunde} other {# Stunden}}',
  'common.lastSynced.days': 'zuletzt synchronisiert vor {count, plural, one {# Tag} other {# Tagen}}',
};
