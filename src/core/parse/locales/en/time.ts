/** English words for when: parts of the day, named periods, clock words, days of the month, bounds. */

import { daytime, meridiem } from '../../clock.ts';
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
import type { BoundRule, ClockRule, PartOfDayRule, PeriodRule, TimeWordRule } from '../types.ts';
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
  partOfDay('first\\s+thing(?:\\s+in\\s+the\\s+morning)?', '08:00', '10:00'),
  partOfDay('late\\s+mornings?|mid-?mornings?', '10:00', '12:00'),
  partOfDay('mornings?', '09:00', '12:00'),
  partOfDay('after\\s+lunch', '14:00', '24:00'),
  partOfDay('(?:over\\s+)?(?:lunch\\s*time|lunch)', '12:00', '14:00'),
  partOfDay('late\\s+afternoons?', '15:00', '17:00'),
  partOfDay('afternoons?', '13:00', '17:00'),
  partOfDay('end\\s+of\\s+(?:the\\s+)?day', '16:00', '18:00'),
  partOfDay('evenings?', '17:00', '20:00'),
  { pattern: wordRegex(`${WB}tonight${WE}`), start: '17:00', end: '20:00', today: () => true },
  // "tomorrow am", "friday pm" (not "3 pm": chrono reads that one)
  { pattern: wordRegex(`${WB}(?<!\\d\\s*)a\\.?m\\.?(?![\\p{L}\\p{N}_])`), start: '09:00', end: '12:00' },
  { pattern: wordRegex(`${WB}(?<!\\d\\s*)p\\.?m\\.?(?![\\p{L}\\p{N}_])`), start: '13:00', end: '17:00' },
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
  '(?:towards\\s+)?(early|(?:the\\s+)?(?:beginning|start)\\s+of|mid-?|(?:the\\s+)?middle\\s+of|late|(?:the\\s+)?end\\s+of|(?:the\\s+)?(?:first|second)\\s+half\\s+of)';
const part = (raw: string | undefined): Part => {
  const t = (raw ?? '').toLowerCase();
  if (/first\s+half/.test(t)) return 'first-half';
  if (/second\s+half/.test(t)) return 'second-half';
  return /early|beginning|start/.test(t) ? 'early' : /mid/.test(t) ? 'mid' : 'late';
};
const ORD = '(?:st|nd|rd|th)?';

export const periods: readonly PeriodRule[] = [
  {
    // "before the end of the month", "by the end of this week": from today to that end
    pattern: wordRegex(`${WB}(?:before|by)\\s+(?:the\\s+)?end\\s+of\\s+(?:the|this)\\s+(month|week)${WE}`),
    resolve: (m, now) =>
      m[1]?.toLowerCase() === 'week'
        ? { start: now.startOf('day'), end: partOfWeek('late', now).end }
        : { start: now.startOf('day'), end: monthOf(now).end },
  },
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
      `${WB}(?:in\\s+${COUNT}\\s+days?|${COUNT}\\s+days?\\s+from\\s+(?:now|today)|(a|one)\\s+week\\s+(?:from\\s+)?(?:now|today))${WE}`,
    ),
    resolve: (m, now) => dayFromToday(m[3] ? 7 : numberValue(m[1] ?? m[2], numbers), now),
  },
  {
    // "(over) (the) next 3 days", "the coming two weeks", "within 3 days": from today
    pattern: wordRegex(
      `${WB}(?:(?:(?:within|in|over|during)\\s+)?(?:the\\s+)?(?:next|coming)|within)\\s+${COUNT}\\s+(days|weeks)${WE}`,
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
    pattern: wordRegex(`${WB}tomorrow\\s+or\\s+the\\s+day\\s+after${WE}`),
    resolve: (_m, now) => ({
      start: now.startOf('day').plus({ days: 1 }),
      end: now.startOf('day').plus({ days: 3 }),
    }),
  },
  {
    // "this coming monday", "tues": the next such day
    pattern: wordRegex(
      `${WB}(?:this\\s+coming\\s+)?(monday|tuesday|tues|wednesday|thursday|thurs|friday)${WE}(?<=coming\\s+\\p{L}+|tues|thurs)`,
    ),
    resolve: (m, now) => {
      const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
      const name = (m[1] ?? '').toLowerCase();
      const index = days.findIndex((d) => d.startsWith(name.slice(0, 3)));
      return index < 0 ? null : dayFromToday((index + 1 - now.weekday + 7) % 7 || 7, now);
    },
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
  { pattern: wordRegex(`${WB}not\\s+after${WE}`), kind: 'until' },
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
      `${WB}(?:except|excluding|but\\s+not|anytime\\s+but|other\\s+than|avoid(?:ing)?|not|no)(?:\\s+(?:on|at|in|during|for))?${WE}`,
    ),
    kind: 'except',
  },
];

export const rangeJoiner = /^[\s,]*(?:and|&)?[\s,]*$/iu;

/** Clock hours in words: the number words one to twelve (not `a`/`an`), and the named hours. */
const HOUR_WORDS: ReadonlyMap<string, number> = new Map([
  ...[...numbers].filter(([word, n]) => n >= 1 && n <= 12 && word !== 'a' && word !== 'an'),
  ['noon', 12],
  ['midday', 12],
  ['midnight', 0],
]);
const HW = alternation(HOUR_WORDS.keys());
const hourOf = (raw: string | undefined): number => {
  const t = (raw ?? '').toLowerCase();
  return /^\d+$/.test(t) ? Number(t) : (HOUR_WORDS.get(t) ?? Number.NaN);
};
const MINUTE_WORDS: Readonly<Record<string, number>> = {
  fifteen: 15,
  thirty: 30,
  'forty-five': 45,
  'forty five': 45,
};
const wordHour = (raw: string | undefined, ampm: string | undefined): number | null => {
  const h = hourOf(raw);
  if (!Number.isFinite(h)) return null;
  if (/noon|midday|midnight/i.test(raw ?? '')) return h;
  return ampm ? meridiem(h, ampm) : daytime(h);
};

export const clockTimes: readonly ClockRule[] = [
  {
    // "at 15h", "after 17h30": a 24-hour time with an h after a time preposition
    pattern: wordRegex(`(?<=(?:at|after|before|from|until|till|by|around)\\s+)(\\d{1,2})h(\\d{2})?${WE}`),
    read: (m) => (Number(m[1]) > 23 ? null : [{ start: Number(m[1]) * 60 + Number(m[2] ?? 0) }]),
  },
  {
    // "3 o'clock", "3 o'clock in the afternoon", "ten o'clock am"
    pattern: wordRegex(
      `${WB}(\\d{1,2}|${HW})\\s*o['’]?\\s*clock(?:\\s+in\\s+the\\s+(morning|afternoon|evening)|\\s*([ap]\\.?m\\.?))?${WE}`,
    ),
    read: (m) => {
      const h = hourOf(m[1]);
      if (!Number.isFinite(h)) return null;
      const part = m[2]?.toLowerCase();
      const hour = m[3]
        ? meridiem(h, m[3])
        : part === 'morning'
          ? h
          : part
            ? h < 12
              ? h + 12
              : h
            : daytime(h);
      return hour === null ? null : [{ start: hour * 60 }];
    },
  },
  {
    // "half past two", "a quarter past 10", "a quarter to noon"
    pattern: wordRegex(
      `${WB}(?:(half)|(?:a\\s+)?(quarter))\\s+(past|to)\\s+(\\d{1,2}|${HW})(?:\\s*([ap]\\.?m\\.?))?${WE}`,
    ),
    read: (m) => {
      const hour = wordHour(m[4], m[5]);
      if (hour === null) return null;
      const delta = m[1] ? 30 : 15;
      const start = hour * 60 + (m[3]?.toLowerCase() === 'to' ? -delta : delta);
      return start < 0 ? null : [{ start }];
    },
  },
  {
    // "at eleven", "at ten thirty", "at three pm"
    pattern: wordRegex(
      `${WB}at\\s+(${HW})(?:[\\s-](fifteen|thirty|forty[\\s-]five))?(?:\\s*([ap]\\.?m\\.?))?${WE}`,
    ),
    read: (m) => {
      const hour = wordHour(m[1], m[3]);
      if (hour === null) return null;
      const minutes = MINUTE_WORDS[(m[2] ?? '').toLowerCase().replace(/\s+/, ' ')] ?? 0;
      return [{ start: hour * 60 + minutes }];
    },
  },
  {
    // "between 2 and 4pm", "9-11am", "between 10 and 12", "from 9 to 11am"
    pattern: wordRegex(
      `${WB}(?:(between|from)\\s+)?(\\d{1,2})(?::([0-5]\\d))?\\s*([ap]\\.?m\\.?)?\\s*(?:and|to|until|till|-|–)\\s*(\\d{1,2})(?::([0-5]\\d))?\\s*([ap]\\.?m\\.?)?${WE}`,
    ),
    read: (m) => {
      if (!m[1] && !m[7]) return null;
      const end = meridiem(Number(m[5]), m[7]);
      let start = meridiem(Number(m[2]), m[4]);
      if (start === null || end === null || Number(m[2]) > 23 || Number(m[5]) > 24) return null;
      if (!m[4] && m[7] && start < 12 && start + 12 <= end) start += 12;
      return [{ start: start * 60 + Number(m[3] ?? 0), end: end * 60 + Number(m[6] ?? 0) }];
    },
  },
  {
    // "10 or 11am": alternatives
    pattern: wordRegex(
      `${WB}(\\d{1,2})(?::([0-5]\\d))?\\s*([ap]\\.?m\\.?)?\\s+or\\s+(\\d{1,2})(?::([0-5]\\d))?\\s*([ap]\\.?m\\.?)${WE}`,
    ),
    read: (m) => {
      const second = meridiem(Number(m[4]), m[6]);
      let first = meridiem(Number(m[1]), m[3] ?? undefined);
      if (first === null || second === null) return null;
      if (!m[3] && first < 12 && /p/i.test(m[6] ?? '') && first + 12 <= second) first += 12;
      return [{ start: first * 60 + Number(m[2] ?? 0) }, { start: second * 60 + Number(m[5] ?? 0) }];
    },
  },
];
