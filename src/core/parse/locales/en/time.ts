/** English words for when: parts of the day, named periods, clock words, days of the month, bounds. */

import { WB, WE, wordRegex } from '../../text.ts';
import {
  alternation,
  comingWeekend,
  dayFromToday,
  dayRange,
  monthOf,
  namedMonth,
  nextDayNumbered,
  nextDays,
  nextWeeks,
  numberValue,
  type Part,
  partOfMonth,
  partOfWeek,
  restOfWeek,
  weekOf,
} from '../shared.ts';
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

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);
const MONTH = `(${alternation(MONTHS.keys())})\\.?`;
const month = (raw: string | undefined) => MONTHS.get((raw ?? '').toLowerCase());
const PART =
  '(early|(?:the\\s+)?(?:beginning|start)\\s+of|mid-?|(?:the\\s+)?middle\\s+of|late|(?:the\\s+)?end\\s+of)';
const part = (raw: string | undefined): Part => {
  const t = (raw ?? '').toLowerCase();
  return /early|beginning|start/.test(t) ? 'early' : /mid/.test(t) ? 'mid' : 'late';
};
const ORD = '(?:st|nd|rd|th)?';

export const periods: readonly PeriodRule[] = [
  {
    // "early december", "mid-january", "end of the month", "late next month"
    pattern: wordRegex(`${WB}${PART}\\s*(?:${MONTH}|(the|this|next)\\s+month)${WE}`),
    resolve: (m, now) => {
      const named = month(m[2]);
      const start = named
        ? namedMonth(named, now)
        : now.plus({ months: m[3]?.toLowerCase() === 'next' ? 1 : 0 });
      return partOfMonth(part(m[1]), start);
    },
  },
  {
    // "early next week", "mid next week", "end of the week"
    pattern: wordRegex(`${WB}${PART}\\s*(the|this|next)\\s+week${WE}`),
    resolve: (m, now) => partOfWeek(part(m[1]), now.plus({ weeks: m[2]?.toLowerCase() === 'next' ? 1 : 0 })),
  },
  {
    // "the week of december 7", "week of the 14th"
    pattern: wordRegex(
      `${WB}(?:the\\s+)?week\\s+of\\s+(?:${MONTH}\\s+(\\d{1,2})${ORD}|(?:the\\s+)?(\\d{1,2})${ORD}(?:\\s+(?:of\\s+)?${MONTH})?)${WE}`,
    ),
    resolve: (m, now) => {
      const day = nextDayNumbered(Number(m[2] ?? m[3]), now, month(m[1] ?? m[4]));
      return day ? weekOf(day) : null;
    },
  },
  {
    // "from the 7th to the 11th", "between the 14th and the 18th of december"
    pattern: wordRegex(
      `${WB}(?:(?:from|between)\\s+)?the\\s+(\\d{1,2})${ORD}\\s+(?:to|and|until|till|through|-)\\s+(?:the\\s+)?(\\d{1,2})${ORD}(?:\\s+(?:of\\s+)?${MONTH})?${WE}`,
    ),
    resolve: (m, now) => dayRange(Number(m[1]), Number(m[2]), now, month(m[3])),
  },
  {
    pattern: wordRegex(`${WB}(?:the\\s+)?day\\s+after\\s+tomorrow${WE}`),
    resolve: (_m, now) => dayFromToday(2, now),
  },
  {
    // "tmrw": chat spellings of tomorrow
    pattern: wordRegex(`${WB}(?:tmrw|tmr|tmw|tomorow|tommorow|tommorrow)${WE}`),
    resolve: (_m, now) => dayFromToday(1, now),
  },
  {
    // "in 3 days", "2 days from now", "a week from today"
    pattern: wordRegex(
      `${WB}(?:in\\s+${COUNT}\\s+days?|${COUNT}\\s+days?\\s+from\\s+(?:now|today)|(a|one)\\s+week\\s+from\\s+(?:now|today))${WE}`,
    ),
    resolve: (m, now) => dayFromToday(m[3] ? 7 : numberValue(m[1] ?? m[2], numbers), now),
  },
  {
    // "(over) (the) next 3 days", "the coming two weeks": from today
    pattern: wordRegex(
      `${WB}(?:(?:within|in|over|during)\\s+)?(?:the\\s+)?(?:next|coming)\\s+${COUNT}\\s+(days|weeks)${WE}`,
    ),
    resolve: (m, now) => {
      const n = numberValue(m[1], numbers);
      return m[2]?.toLowerCase() === 'weeks' ? nextWeeks(n, now) : nextDays(n, now);
    },
  },
  {
    pattern: wordRegex(`${WB}this\\s+week\\s+or\\s+next(?:\\s+week)?${WE}`),
    resolve: (_m, now) => ({ start: now.startOf('day'), end: weekOf(now.plus({ weeks: 1 })).end }),
  },
  {
    pattern: wordRegex(`${WB}next\\s+wk${WE}`),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 1 })),
  },
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
