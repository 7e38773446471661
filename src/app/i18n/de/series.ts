/**
 * German wording of the recurring-request messages of domain `parse` (issue #22), until the whole `parse`
 * domain is translated (then these keys move to `de/parse.ts`).
 */
import type { parse as en } from '../en/parse.ts';
import type { Messages } from '../types.ts';

export const series: Messages<Pick<typeof en, 'parse.seriesEndImplied'>> = {
  'parse.seriesEndImplied':
    'Du hast nicht gesagt, wann „{text}“ endet, also plane ich bis {until} ({months, plural, one {# Monat} other {# Monate}}); gib ein Ende an wie „6 Wochen lang“ oder „bis März“, um das zu ändern.',
};
