/** French words for when: parts of the day, named periods, clock words, days of the month, bounds. */

import { WB, WE, wordRegex } from '../../text.ts';
import { alternation, comingWeekend, monthOf, nextDays, numberValue, restOfWeek, weekOf } from '../shared.ts';
import type { BoundRule, PartOfDayRule, PeriodRule, TimeWordRule } from '../types.ts';
import { numbers } from './numbers.ts';

/**
 * `(uniquement|seulement) (le|les|en|dans la|l'|ce|cet|cette) <words> (uniquement|seulement)`: group 1 is
 * `ce/cet/cette`, which also names today.
 */
function partOfDay(words: string, start: string, end: string): PartOfDayRule {
  return {
    pattern: wordRegex(
      `${WB}(?:(?:uniquement|seulement)\\s+)?(?:(ce|cet|cette)\\s+|(?:dans\\s+la|dans\\s+l['’]|en|le|la|les|l['’])\\s*)?(?:${words})(?:\\s+(?:uniquement|seulement))?${WE}`,
    ),
    start,
    end,
    today: (m) => m[1] !== undefined,
  };
}

const AFTERNOON = 'apr[èe]s[\\s-]?midis?|aprem';

export const partsOfDay: readonly PartOfDayRule[] = [
  partOfDay('(?:t[ôo]t\\s+le\\s+matin)', '08:00', '10:00'),
  partOfDay("fin\\s+(?:de\\s+|d[’'])\\s*(?:" + AFTERNOON + ')', '15:00', '17:00'),
  partOfDay('fin\\s+de\\s+(?:la\\s+)?journ[ée]e', '16:00', '18:00'),
  partOfDay('matin[ée]es?|matins?', '09:00', '12:00'),
  partOfDay('d[ée]jeuner|pause\\s+d[ée]jeuner|heure\\s+du\\s+d[ée]jeuner', '12:00', '14:00'),
  partOfDay(AFTERNOON, '13:00', '17:00'),
  partOfDay('soir[ée]es?|soirs?', '17:00', '20:00'),
];

const COUNT = `(\\d{1,2}|${alternation(numbers.keys())})`;

export const periods: readonly PeriodRule[] = [
  {
    pattern: wordRegex(`${WB}(?:cette\\s+semaine|dans\\s+la\\s+semaine|la\\s+semaine\\s+en\\s+cours)${WE}`),
    resolve: (_m, now) => restOfWeek(now),
  },
  {
    pattern: wordRegex(`${WB}(?:(?:la|en)\\s+)?semaine\\s+prochaine${WE}`),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 1 })),
  },
  {
    // "dans deux semaines" = the week (Monday to Monday) that contains today + 2 weeks
    pattern: wordRegex(`${WB}dans\\s+${COUNT}\\s+semaines?${WE}`),
    resolve: (m, now) => {
      const n = numberValue(m[1], numbers);
      return n === null || n < 1 || n > 52 ? null : weekOf(now.plus({ weeks: n }));
    },
  },
  {
    // "dans les 3 prochains jours", "d'ici 3 jours", "sous 3 jours": today and the N days after it
    pattern: wordRegex(
      `${WB}(?:dans\\s+les\\s+${COUNT}\\s+(?:prochains\\s+jours|jours\\s+(?:qui\\s+viennent|à\\s+venir))|(?:d['’]ici|sous)\\s+${COUNT}\\s+jours)${WE}`,
    ),
    resolve: (m, now) => nextDays(numberValue(m[1] ?? m[2], numbers), now),
  },
  {
    pattern: wordRegex(`${WB}dans\\s+(?:quinze|15)\\s+jours${WE}`),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 2 })),
  },
  {
    pattern: wordRegex(`${WB}ce\\s+mois(?:[\\s-]ci)?${WE}`),
    resolve: (_m, now) => ({ ...monthOf(now), start: now.startOf('day') }),
  },
  {
    pattern: wordRegex(`${WB}(?:le\\s+)?mois\\s+prochain${WE}`),
    resolve: (_m, now) => monthOf(now, 1),
  },
  {
    pattern: wordRegex(`${WB}(?:le\\s+)?week[\\s-]?end\\s+prochain${WE}`),
    resolve: (_m, now) => comingWeekend(now, 1),
  },
  {
    pattern: wordRegex(`${WB}(?:(?:ce|le)\\s+)?week[\\s-]?end${WE}`),
    resolve: (_m, now) => comingWeekend(now),
  },
];

export const timeWords: readonly TimeWordRule[] = [
  { pattern: wordRegex(`${WB}midi${WE}`), minutes: 12 * 60 },
  { pattern: wordRegex(`${WB}minuit${WE}`), minutes: 0 },
];

/** "le 12", "le 1er" (a day number not followed by a time or a month). */
export const dayOfMonth = wordRegex(`${WB}le\\s+(\\d{1,2})(?:er)?${WE}(?!\\s*[h:.,]\\s*\\d)(?!\\s*h${WE})`);

export const bounds: readonly BoundRule[] = [
  { pattern: wordRegex(`${WB}pas\\s+avant${WE}`), kind: 'from' },
  {
    pattern: wordRegex(
      `${WB}(?:jusqu['’]\\s*(?:à|a|au)|d['’]ici(?:\\s+(?:à|a|au))?|au\\s+plus\\s+tard)${WE}`,
    ),
    kind: 'until',
  },
  { pattern: wordRegex(`${WB}(?:après|apres|plus\\s+tard\\s+que)${WE}`), kind: 'after' },
  { pattern: wordRegex(`${WB}avant${WE}`), kind: 'before' },
  {
    pattern: wordRegex(`${WB}(?:à\\s+partir\\s+d(?:e|u|['’])|a\\s+partir\\s+d(?:e|u|['’])|dès|depuis)`),
    kind: 'from',
  },
  { pattern: wordRegex(`${WB}entre${WE}`), kind: 'between' },
  {
    pattern: wordRegex(
      `${WB}(?:sauf|hors|except[ée]|à\\s+part|mais\\s+(?:pas|ni)|pas|ni)(?:\\s+(?:le|la|les|l['’]|à|a|pendant(?:\\s+(?:le|la|les|l['’]))?))?${WE}`,
    ),
    kind: 'except',
  },
];

export const rangeJoiner = /^[\s,]*(?:et|&)?[\s,]*$/iu;
