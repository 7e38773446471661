/** English words for when: parts of the day, named periods, clock words, days of the month, bounds. */

import { WB, WE, wordRegex } from '../../text.ts';
import { alternation, comingWeekend, monthOf, nextDays, numberValue, restOfWeek, weekOf } from '../shared.ts';
import type { BoundRule, PartOfDayRule, PeriodRule, TimeWordRule } from '../types.ts';
import { numbers } from './numbers.ts';

/** `(only) (in the|this) <words> (only)`: group 1 is `this`, which also names today. */
function partOfDay(words: string, start: string, end: string): PartOfDayRule {
  return {
    pattern: wordRegex(
      `${WB}(?:(?:only|just)\\s+)?(?:(?:in|during)\\s+the\\s+|(this)\\s+)?(?:${words})(?:\\s+only)?${WE}`,
    ),
    start,
    end,
    today: (m) => m[1] !== undefined,
  };
}

export const partsOfDay: readonly PartOfDayRule[] = [
  partOfDay('early\\s+mornings?', '08:00', '10:00'),
  partOfDay('mornings?', '09:00', '12:00'),
  partOfDay('lunch\\s*time|lunch', '12:00', '14:00'),
  partOfDay('late\\s+afternoons?', '15:00', '17:00'),
  partOfDay('afternoons?', '13:00', '17:00'),
  partOfDay('end\\s+of\\s+(?:the\\s+)?day', '16:00', '18:00'),
  partOfDay('evenings?', '17:00', '20:00'),
  { pattern: wordRegex(`${WB}tonight${WE}`), start: '17:00', end: '20:00', today: () => true },
];

const COUNT = `(\\d{1,2}|${alternation(numbers.keys())})`;

export const periods: readonly PeriodRule[] = [
  {
    pattern: wordRegex(`${WB}(?:the\\s+)?week\\s+after\\s+next${WE}`),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 2 })),
  },
  {
    pattern: wordRegex(`${WB}(?:(?:later|earlier)\\s+)?this\\s+week${WE}|${WB}the\\s+current\\s+week${WE}`),
    resolve: (_m, now) => restOfWeek(now),
  },
  {
    pattern: wordRegex(`${WB}(?:next|the\\s+(?:coming|following))\\s+week${WE}`),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 1 })),
  },
  {
    // "in two weeks" = the week (Monday to Monday) that contains today + 2 weeks
    pattern: wordRegex(`${WB}in\\s+${COUNT}\\s+weeks?(?:['’]?\\s*time)?${WE}`),
    resolve: (m, now) => {
      const n = numberValue(m[1], numbers);
      return n === null || n < 1 || n > 52 ? null : weekOf(now.plus({ weeks: n }));
    },
  },
  {
    // "within the next 3 days": today and the N days after it
    pattern: wordRegex(
      `${WB}(?:(?:within|in|over|during)\\s+)?the\\s+(?:next|coming)\\s+${COUNT}\\s+days${WE}`,
    ),
    resolve: (m, now) => nextDays(numberValue(m[1], numbers), now),
  },
  {
    pattern: wordRegex(`${WB}this\\s+month${WE}`),
    resolve: (_m, now) => ({ ...monthOf(now), start: now.startOf('day') }),
  },
  { pattern: wordRegex(`${WB}next\\s+month${WE}`), resolve: (_m, now) => monthOf(now, 1) },
  { pattern: wordRegex(`${WB}next\\s+weekend${WE}`), resolve: (_m, now) => comingWeekend(now, 1) },
  {
    pattern: wordRegex(`${WB}(?:(?:this|the)\\s+)?week-?end${WE}`),
    resolve: (_m, now) => comingWeekend(now),
  },
];

export const timeWords: readonly TimeWordRule[] = [
  { pattern: wordRegex(`${WB}(?:noon|midday)${WE}`), minutes: 12 * 60 },
  { pattern: wordRegex(`${WB}midnight${WE}`), minutes: 0 },
];

/** "on the 12th", "the 3rd", "21st". */
export const dayOfMonth = wordRegex(`${WB}(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)${WE}`);

export const bounds: readonly BoundRule[] = [
  { pattern: wordRegex(`${WB}not\\s+before${WE}`), kind: 'from' },
  { pattern: wordRegex(`${WB}(?:no\\s+later\\s+than|by|until|till|through)${WE}`), kind: 'until' },
  { pattern: wordRegex(`${WB}(?:after|later\\s+than)${WE}`), kind: 'after' },
  { pattern: wordRegex(`${WB}(?:before|earlier\\s+than)${WE}`), kind: 'before' },
  {
    pattern: wordRegex(`${WB}(?:from|starting(?:\\s+(?:on|at|from))?|as\\s+of|since)${WE}`),
    kind: 'from',
  },
  { pattern: wordRegex(`${WB}between${WE}`), kind: 'between' },
  {
    pattern: wordRegex(
      `${WB}(?:except|excluding|but\\s+not|anytime\\s+but|other\\s+than|not|no)(?:\\s+(?:on|at|in|during|for))?${WE}`,
    ),
    kind: 'except',
  },
];

export const rangeJoiner = /^[\s,]*(?:and|&)?[\s,]*$/iu;
