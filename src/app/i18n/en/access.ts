/** Calendar access: connection details shown by `/meet status`. */
export const access = {
  'access.unreadable':
    '{count, plural, one {# event in your feed could not be read: {first}} other {# events in your feed could not be read; the first: {first}}}',
} as const;
