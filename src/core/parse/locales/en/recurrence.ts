/**
 * English recurring requests: `every other tuesday`, `biweekly`, `monthly on the first monday`, `every 2nd and
 * 4th tuesday`, `quarterly`, `every day except friday`, `for 6 weeks`, `until 15 March`; `twice a week` and
 * `bimonthly` are asked.
 */

import { exceptList, holidayWords } from '../holidays.ts';
import {
  alternation,
  byPrefix,
  dayList,
  dayRange,
  exceptOf,
  monthlyOn,
  monthlyOnPairs,
  monthlyWhich,
  numberValue,
  ordinalList,
  phrase,
  readDays,
  readOrdinals,
  readPairs,
  small,
  WORKING_DAYS,
} from '../recurrence-kit.ts';
import type { RecurrenceRule } from '../types.ts';
import { holidays } from './holidays.ts';
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
const DAYS = dayList(DAY, 'and|&|\\+|or|/');
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
  ['fifth', 5],
  ['5th', 5],
  ['last', -1],
  ['second to last', -2],
  ['next to last', -2],
  ['penultimate', -2],
]);
const ORD = `(?:${alternation(ORDINALS.keys())})`;
const ORDS = `(${ordinalList(ORD, 'and|&|\\+|or', 'the')})`;
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
const ranks = (text: string | undefined) => readOrdinals(text, ORDINALS);
const ON_DAYS = `(?:\\s+(?:on\\s+)?(?:the\\s+)?(${DAYS}))?`;
const PLURAL_DAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)days';
/** Day of the month: `15`, `15th`, `the 15th`. */
const DATE_DAY = '(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?';
const dayNumber = (raw: string | undefined) => small(raw === undefined ? null : Number(raw), 31);

/** `twice a week`: which two days? A few common pairs to choose from (or the request is rephrased). */
const TWICE_A_WEEK = [
  'FREQ=WEEKLY;BYDAY=MO,TH',
  'FREQ=WEEKLY;BYDAY=TU,TH',
  'FREQ=WEEKLY;BYDAY=MO,WE',
  'FREQ=WEEKLY;BYDAY=TU,FR',
];
const THRICE_A_WEEK = ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'FREQ=WEEKLY;BYDAY=TU,WE,TH'];
/** `bimonthly`: every two months, or twice a month (every other week)? */
export const BIMONTHLY = ['FREQ=MONTHLY;INTERVAL=2', 'FREQ=WEEKLY;INTERVAL=2'];
/** `biannual`: twice a year (every six months), or every two years? */
export const BIANNUAL = ['FREQ=MONTHLY;INTERVAL=6', 'FREQ=MONTHLY;INTERVAL=24'];
/** `twice a month`: every other week, or two ranked weekdays (on the weekday said, else Monday)? */
export const twiceAMonth = (weekday = 'MO') => [
  `FREQ=WEEKLY;INTERVAL=2${weekday === 'MO' ? '' : `;BYDAY=${weekday}`}`,
  `FREQ=MONTHLY;BYDAY=1${weekday},3${weekday}`,
  `FREQ=MONTHLY;BYDAY=2${weekday},4${weekday}`,
];
const RFC = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A ranked weekday after a list joiner (`monday and [the first wednesday]`): part of a list of pairs. */
const AFTER_PAIR = `(?<!${DAY}\\s*(?:,|and|&|\\+)\\s*(?:the\\s*)?)`;
const PAIR = `${ORD}\\s+${DAY}`;
/** Two ranked weekdays or more: `first monday and third wednesday`, `1st mon, and every 3rd wed`. */
const PAIRS = `(${PAIR}(?:\\s*(?:,|and|&|\\+)\\s*(?:(?:and|the|every|each)\\s+)*${PAIR})+)`;
const MONTHLY = '(?:monthly|every\\s+month|each\\s+month|once\\s+a\\s+month)';
const OF_MONTH = `(?:(?:of|in)\\s+(?:every|each|the|a)\\s+month|${MONTHLY})`;

const frequencies: RecurrenceRule[] = [
  {
    // the first monday and the first wednesday of the month · every 1st monday and 1st wednesday · every first
    // monday and third wednesday (of the month): a rank per weekday, 1MO, 3WE
    // · monthly on the first monday and the third wednesday · the 1st monday and 3rd wednesday every month
    pattern: phrase(
      `(?:on\\s+)?(?:the\\s+)?${PAIRS}\\s*,?\\s+${OF_MONTH}|(?:every|each)\\s+(?:the\\s+)?${PAIRS}(?:\\s*,?\\s+${OF_MONTH})?|${MONTHLY}\\s*,?\\s+on\\s+(?:the\\s+)?${PAIRS}`,
    ),
    read: (m) =>
      monthlyOnPairs(readPairs(m[1] ?? m[2] ?? m[3], ORDINALS, DAY, weekdayOf)) ?? { unread: true },
  },
  {
    // once a month on thursday · monthly on thursdays: which Thursday of the month? Asked.
    pattern: phrase(
      `(?:monthly|every\\s+month|each\\s+month|once\\s+a\\s+month)\\s*,?\\s+on\\s+(?:a\\s+)?(${DAY})(?!\\s*(?:\\d|the\\s+\\d))`,
    ),
    read: (m) => ({ ask: monthlyWhich(days(m[1])) }),
  },
  {
    // monday to thursday every week · every week from monday to thursday: each of those days
    pattern: phrase(
      `(?:(?:every\\s+week|weekly)\\s*,?\\s+(?:from\\s+)?(${DAY})\\s*(?:to|through|thru|-|–)\\s*(${DAY})|(?:from\\s+)?(${DAY})\\s*(?:to|through|thru|-|–)\\s*(${DAY})\\s*,?\\s+(?:every\\s+week|weekly))`,
    ),
    read: (m) => dayRange(days(m[1] ?? m[3]), days(m[2] ?? m[4])),
  },
  {
    // monthly on the first monday · the first monday of every month · the 2nd and 4th tuesday of the month
    pattern: phrase(
      `(?:monthly|every\\s+month|each\\s+month)\\s+on\\s+the\\s+${ORDS}\\s+(${DAYS})|${AFTER_PAIR}(?:on\\s+)?(?:the\\s+|every\\s+|each\\s+)?${ORDS}\\s+(${DAYS})\\s+(?:of|in)\\s+(?:every|each|the|a)\\s+month`,
    ),
    read: (m) => monthlyOn(ranks(m[1] ?? m[3]), days(m[2] ?? m[4])),
  },
  {
    // every 3rd wednesday · every 2nd and 4th tuesday · every last friday (ranked in the month); a lone
    // `every second thursday` is every other one (below)
    pattern: phrase(`(?:every|each)\\s+(?:the\\s+)?${ORDS}\\s+(${DAYS})`),
    read: (m) => {
      const r = ranks(m[1]);
      return r.length === 1 && r[0] === 2 ? null : monthlyOn(r, days(m[2]));
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
    // every 2 months · every other month · every 6 months
    pattern: phrase(`every\\s+(?:${OTHER}|${N})\\s+months?`),
    read: (m) => {
      const interval = m[1] ? 2 : count(m[2]);
      return interval === null ? null : { freq: 'MONTHLY', interval };
    },
  },
  {
    // quarterly · every quarter · once a quarter
    pattern: phrase('quarterly|every\\s+quarter|each\\s+quarter|once\\s+a\\s+quarter'),
    read: () => ({ freq: 'MONTHLY', interval: 3 }),
  },
  {
    // semiannually · every six months (above) · twice a year · half-yearly
    pattern: phrase('semi-?annual(?:ly)?|half-?yearly|twice\\s+a\\s+year'),
    read: () => ({ freq: 'MONTHLY', interval: 6 }),
  },
  {
    // yearly · annually · every year · once a year (every 12 months: the same RFC 5545 dates as YEARLY)
    pattern: phrase('yearly|annually|every\\s+year|each\\s+year|once\\s+a\\s+year'),
    read: () => ({ freq: 'MONTHLY', interval: 12 }),
  },
  {
    // biennially · every other year · every 2 years
    pattern: phrase('bienniall?y?|every\\s+(?:other|two|2)\\s+years'),
    read: () => ({ freq: 'MONTHLY', interval: 24 }),
  },
  {
    // biannual: twice a year or every two years? Asked.
    pattern: phrase('bi-?annual(?:ly)?'),
    read: () => ({ ask: BIANNUAL }),
  },
  {
    // bimonthly: every two months or twice a month? Asked.
    pattern: phrase('bi-?monthly'),
    read: () => ({ ask: BIMONTHLY }),
  },
  {
    // twice a month (on tuesdays) · semimonthly: every other week or two ranked weekdays? Asked.
    pattern: phrase(
      `(?:twice\\s+a\\s+month|semi-?monthly|two\\s+times\\s+a\\s+month)(?:\\s+on\\s+(?:the\\s+)?(${DAY}))?`,
    ),
    read: (m) => ({ ask: twiceAMonth(RFC[days(m[1])[0]?.weekday ?? 0]) }),
  },
  {
    // twice a week on mon and thu (the days say it) · twice a week (which days? asked)
    pattern: phrase(`(twice|two\\s+times|three\\s+times|thrice)\\s+(?:a|per|every)\\s+week${ON_DAYS}`),
    read: (m) => {
      const byDay = days(m[2]);
      if (byDay.length > 1) return { freq: 'WEEKLY', interval: 1, byDay };
      return { ask: /^(?:twice|two)/iu.test(m[1]!) ? TWICE_A_WEEK : THRICE_A_WEEK };
    },
  },
  {
    // every 3 days · every other day
    pattern: phrase(`every\\s+(?:(other)|${N})\\s+days?`),
    read: (m) => {
      const interval = m[1] ? 2 : count(m[2]);
      return interval === null ? null : { freq: 'DAILY', interval };
    },
  },
  {
    // every weekday · every working day · weekdays · on weekdays (not `weekdays only`: one meeting on some weekday)
    pattern: phrase(
      '(?:every|each)\\s+(?:week\\s*day|work(?:ing)?\\s*day|business\\s+day)|(?<!only\\s+(?:on\\s+)?)(?:on\\s+)?(?:week\\s*days|working\\s+days|business\\s+days)(?=\\s|$)(?!\\s+only)',
    ),
    read: () => ({ freq: 'WEEKLY', interval: 1, byDay: WORKING_DAYS }),
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
    // daily · daily standup · every day · every morning (the part of the day is read as usual)
    pattern: phrase(
      '(?:daily|every\\s+day|each\\s+day|every\\s+single\\s+day)(?:\\s+(?:stand-?ups?|scrums?|check-?ins?|sync))?|(?:every|each)(?=\\s+(?:morning|afternoon|evening|lunchtime)(?:$|\\s))',
    ),
    read: () => ({ freq: 'DAILY', interval: 1 }),
  },
  {
    // monthly · every month
    pattern: phrase('monthly|every\\s+month|each\\s+month|once\\s+a\\s+month'),
    read: () => ({ freq: 'MONTHLY', interval: 1 }),
  },
  {
    // tuesdays (plural alone): every tuesday · on mondays and thursdays · mondays, wednesdays and fridays
    pattern: phrase(`(?:on\\s+)?(${dayList(PLURAL_DAY, 'and|&|\\+|/')})`),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
  },
];

const ends: RecurrenceRule[] = [
  {
    // for 6 weeks · for the next 3 months · for 10 days · for a month
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
    // until 15 March · until March 15th · till the 15th of march · through march 15
    pattern: phrase(
      `(?:until|till|til|through|thru|up\\s+to|ending(?:\\s+on)?|ends?\\s+on)\\s+(?:${DATE_DAY}\\s+(?:of\\s+)?${MONTH}|${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?)`,
    ),
    read: (m) => {
      const month = monthOf((m[2] ?? m[3])!);
      const day = dayNumber(m[1] ?? m[4]);
      return month === undefined || day === null ? null : { untilDay: { month, day } };
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
  {
    // till end of Q1 · until the end of the first quarter
    pattern: phrase(
      `(?:until|till|til|through|thru)\\s+(?:the\\s+)?(?:end\\s+of\\s+)?(?:(?:the\\s+)?q([1-4])|the\\s+(first|second|third|fourth)\\s+quarter)`,
    ),
    read: (m) => {
      const q = m[1] ? Number(m[1]) : ['first', 'second', 'third', 'fourth'].indexOf(m[2]!.toLowerCase()) + 1;
      return q >= 1 && q <= 4 ? { untilQuarter: q } : null;
    },
  },
];

/** A date said in an exception list: `december 28`, `28 december`, `the 28th of december`, `dec 28th`. */
const EX_DATE = `(?:(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH.slice(1, -1)})|(?:${MONTH.slice(1, -1)})\\s+\\d{1,2}(?:st|nd|rd|th)?)`;
const EX_DATE_PARTS = new RegExp(
  `(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}|${MONTH}\\s+(\\d{1,2}))`,
  'giu',
);

/** A date or a fixed-date holiday (`christmas`, `new year's day`) in an exception list. */
const EX_ITEM = `(?:${EX_DATE}|${holidayWords(holidays)})`;
const readExDate = (d: RegExpExecArray) => {
  const month = monthOf((d[2] ?? d[3])!);
  const day = dayNumber(d[1] ?? d[4]);
  return month === undefined || day === null ? null : { month, day };
};

const excepts: RecurrenceRule[] = [
  {
    // except december 28 · but not on dec 28 and jan 4 · excluding the 28th of december · skipping 24 and 31 december
    // · except christmas and new year's day (fixed-date holidays: `./holidays.ts`)
    pattern: phrase(
      `(?:except|but\\s+not|excluding|apart\\s+from|other\\s+than|not|skipping|skip|without|no\\s+(?:meetings?|sessions?|calls?|sync))\\s+(?:(?:on|for|during)\\s+)?(${EX_ITEM}(?:\\s*(?:,|and|&|\\+|or)\\s*(?:on\\s+)?${EX_ITEM})*)`,
    ),
    read: (m) => {
      const exceptDates = exceptList(m[1]!, { pattern: EX_DATE_PARTS, read: readExDate }, holidays);
      return exceptDates.length > 0 ? { exceptDates } : null;
    },
  },
  {
    // except friday · except on fridays · but not wednesdays · excluding saturday and sunday · not on weekends;
    // not `except friday afternoon` (a time on that day only: read as a window exclusion)
    pattern: phrase(
      `(?:except|but\\s+not|excluding|apart\\s+from|other\\s+than|not)\\s+(?:on\\s+)?(?:the\\s+)?(?:(${DAYS})|(week-?ends?))(?!\\s*,?\\s*(?:morning|afternoon|evening|night|noon|lunch|at|from|before|after|between|\\d)(?![a-z]))`,
    ),
    read: (m) =>
      exceptOf(
        m[2]
          ? [
              { n: 0, weekday: 5 },
              { n: 0, weekday: 6 },
            ]
          : days(m[1]),
      ),
  },
];

export const recurrence = { frequencies, ends, excepts };
