/** English recurring requests: `every other tuesday`, `biweekly`, `monthly on the first monday`, `for 6 weeks`. */
import { alternation, byPrefix, dayList, numberValue, phrase, readDays, small } from '../recurrence-kit.ts';
import type { RecurrenceRule } from '../types.ts';
import { numbers } from './numbers.ts';

const DAY =
  '(?:mon(?:day)?s?|tue(?:s(?:day)?)?s?|wed(?:s|nesday)?s?|thu(?:r(?:s(?:day)?)?)?s?|fri(?:day)?s?|sat(?:urday)?s?|sun(?:day)?s?)\\.?';
const weekdayOf = byPrefix([
  ['mo', 0],
  ['tu', 1],
  ['we', 2],
  ['th', 3],
  ['fr', 4],
  ['sa', 5],
  ['su', 6],
]);
const DAYS = dayList(DAY, 'and|&|\\+|or');
const N = `(\\d{1,2}|${alternation(numbers.keys())})`;
const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['first', 1],
  ['1st', 1],
  ['second', 2],
  ['2nd', 2],
  ['third', 3],
  ['3rd', 3],
  ['fourth', 4],
  ['4th', 4],
  ['last', -1],
]);
const ORD = `(${alternation(ORDINALS.keys())})`;
const MONTHS = [
  'jan(?:uary)?',
  'feb(?:ruary)?',
  'mar(?:ch)?',
  'apr(?:il)?',
  'may',
  'june?',
  'july?',
  'aug(?:ust)?',
  'sept?(?:ember)?',
  'oct(?:ober)?',
  'nov(?:ember)?',
  'dec(?:ember)?',
];
const MONTH = `(${MONTHS.join('|')})`;
const monthOf = (raw: string) =>
  MONTHS.findIndex((m) => new RegExp(`^(?:${m})$`, 'iu').test(raw)) + 1 || undefined;
const OTHER = '(other|second|2nd|alternate)';
const count = (raw: string | undefined) => small(numberValue(raw, numbers));
const days = (text: string | undefined, n = 0) => readDays(text, DAY, weekdayOf, n);
const ON_DAYS = `(?:\\s+(?:on\\s+)?(?:the\\s+)?(${DAYS}))?`;

const frequencies: RecurrenceRule[] = [
  {
    // monthly on the first monday · every month on the last friday · the first monday of every month
    pattern: phrase(
      `(?:monthly|every\\s+month|each\\s+month)\\s+on\\s+the\\s+${ORD}\\s+(${DAY})|(?:on\\s+)?(?:the\\s+|every\\s+|each\\s+)?${ORD}\\s+(${DAY})\\s+of\\s+(?:every|each|the)\\s+month`,
    ),
    read: (m) => {
      const n = ORDINALS.get((m[1] ?? m[3])!.toLowerCase());
      const byDay = days(m[2] ?? m[4], n);
      return n === undefined || byDay.length === 0 ? null : { freq: 'MONTHLY', interval: 1, byDay };
    },
  },
  {
    // every 2 weeks on mon and thu · every other week · every three weeks
    pattern: phrase(`every\\s+(?:${OTHER}|${N})\\s+weeks?${ON_DAYS}`),
    read: (m) => {
      const interval = m[1] ? 2 : count(m[2]);
      return interval === null ? null : { freq: 'WEEKLY', interval, byDay: days(m[3]) };
    },
  },
  {
    // every 2 months · every other month
    pattern: phrase(`every\\s+(?:${OTHER}|${N})\\s+months?`),
    read: (m) => {
      const interval = m[1] ? 2 : count(m[2]);
      return interval === null ? null : { freq: 'MONTHLY', interval };
    },
  },
  {
    // every weekday · weekdays
    pattern: phrase('every\\s+(?:week\\s*day|working\\s+day|business\\s+day)'),
    read: () => ({
      freq: 'WEEKLY',
      interval: 1,
      byDay: [0, 1, 2, 3, 4].map((weekday) => ({ n: 0, weekday })),
    }),
  },
  {
    // every other tuesday · every tuesday and thursday · each monday · on tuesdays every week
    pattern: phrase(`(?:every|each)\\s+(?:${OTHER}\\s+)?(${DAYS})(?:\\s+every\\s+week)?`),
    read: (m) => {
      const byDay = days(m[2]);
      return byDay.length === 0 ? null : { freq: 'WEEKLY', interval: m[1] ? 2 : 1, byDay };
    },
  },
  {
    // biweekly · fortnightly · every fortnight · bi-weekly on fridays
    pattern: phrase(`(?:bi-?weekly|fortnightly|every\\s+(?:two\\s+weeks|fortnight))${ON_DAYS}`),
    read: (m) => ({ freq: 'WEEKLY', interval: 2, byDay: days(m[1]) }),
  },
  {
    // weekly · every week · once a week · weekly on mondays
    pattern: phrase(`(?:weekly|every\\s+week|each\\s+week|once\\s+a\\s+week)${ON_DAYS}`),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
  },
  {
    // daily · daily standup · every day
    pattern: phrase('(?:daily|every\\s+day|each\\s+day)(?:\\s+(?:stand-?ups?|scrums?|check-?ins?|sync))?'),
    read: () => ({ freq: 'DAILY', interval: 1 }),
  },
  {
    // monthly · every month
    pattern: phrase('monthly|every\\s+month|each\\s+month|once\\s+a\\s+month'),
    read: () => ({ freq: 'MONTHLY', interval: 1 }),
  },
  {
    // tuesdays (plural alone): every tuesday
    pattern: phrase('(?:on\\s+)?(mondays|tuesdays|wednesdays|thursdays|fridays)'),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
  },
];

const ends: RecurrenceRule[] = [
  {
    // for 6 weeks · for the next 3 months · for 10 days
    pattern: phrase(`for\\s+(?:the\\s+next\\s+)?${N}\\s+(weeks?|months?|days?)`),
    read: (m) => {
      const n = count(m[1]);
      const unit = m[2]!.toLowerCase().replace(/s$/, '') as 'day' | 'week' | 'month';
      return n === null ? null : { length: { n, unit } };
    },
  },
  {
    // 6 times · for 8 sessions · 10 occurrences
    pattern: phrase(`(?:for\\s+)?${N}\\s+(?:times|sessions|occurrences|meetings)`),
    read: (m) => {
      const n = small(numberValue(m[1], numbers), 200);
      return n === null ? null : { count: n };
    },
  },
  {
    // until March · until the end of march · through april · till may
    pattern: phrase(`(?:until|till|til|through|thru)\\s+(?:the\\s+end\\s+of\\s+)?${MONTH}`),
    read: (m) => {
      const month = monthOf(m[1]!);
      return month === undefined ? null : { untilMonth: month };
    },
  },
];

export const recurrence = { frequencies, ends };
