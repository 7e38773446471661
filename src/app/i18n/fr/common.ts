import type { common as en } from '../en/common.ts';
import type { Messages } from '../types.ts';

export const common: Messages<typeof en> = {
  'common.linkingNotConfigured':
    'La liaison d’agenda n’est pas configurée sur ce serveur Convene : demandez à son administrateur.',
  'common.lastSynced.never': 'jamais synchronisé',
  'common.lastSynced.justNow': 'synchronisé à l’instant',
  'common.lastSynced.minutes': 'dernière synchro il y a {count} min',
  'common.lastSynced.hours': 'dernière synchro il y a {count} h',
  'common.lastSynced.days': 'dernière synchro il y a {count, plural, one {# jour} other {# jours}}',
};
