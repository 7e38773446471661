/**
 * English, domain `common`: wording shared by every surface. ICU MessageFormat syntax
 * (`{name}`, `{count, plural, one {# event} other {# events}}`); keys are `domain.name`.
 */
export const common = {
  'common.linkingNotConfigured':
    'Calendar linking is not configured on this Convene server: ask its administrator.',
  'common.lastSynced.never': 'never synced',
  'common.lastSynced.justNow': 'last synced just now',
  'common.lastSynced.minutes': 'last synced {count} min ago',
  'common.lastSynced.hours': 'last synced {count, plural, one {# hour} other {# hours}} ago',
  'common.lastSynced.days': 'last synced {count, plural, one {# day} other {# days}} ago',
} as const;
