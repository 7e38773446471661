/** German recurring requests: `jeden Dienstag`, `alle zwei Wochen`, `jeden ersten Montag im Monat`, `6 Wochen lang`. */
import { alternation, byPrefix, dayList, numberValue, phrase, readDays, small } from '../recurrence-kit.ts';
import type { RecurrenceRule } from '../types.ts';
import { numbers } from './numbers.ts';

const DAY = '(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)(?:s|en)?';
const weekdayOf = byPrefix([
  ['mo', 0],
  ['di', 1],
  ['mi', 2],
  ['do', 3],
  ['fr', 4],
  ['samstag', 5],
  ['sonna', 5],
  ['so', 6],
]);
const DAYS = dayList(DAY, 'und|&|\\+|oder');
const N = `(\\d{1,2}|${alternation(numbers.keys())})`;
const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['ersten', 1],
  ['erste', 1],
  ['1.', 1],
  ['zweiten', 2],
  ['zweite', 2],
  ['2.', 2],
  ['dritten', 3],
  ['dritte', 3],
  ['3.', 3],
  ['vierten', 4],
  ['vierte', 4],
  ['4.', 4],
  ['letzten', -1],
  ['letzte', -1],
]);
const ORD = `(${alternation(ORDINALS.keys())})`;
const MONTHS = [
  'jan(?:uar)?',
  'feb(?:ruar)?',
  'm(?:ä|ae|a)rz',
  'apr(?:il)?',
  'mai',
  'juni?',
  'juli?',
  'aug(?:ust)?',
  'sept?(?:ember)?',
  'okt(?:ober)?',
  'nov(?:ember)?',
  'dez(?:ember)?',
];
const MONTH = `(${MONTHS.join('|')})`;
const monthOf = (raw: string) =>
  MONTHS.findIndex((m) => new RegExp(`^(?:${m})$`, 'iu').test(raw)) + 1 || undefined;
const count = (raw: string | undefined) => small(numberValue(raw, numbers));
const days = (text: string | undefined, n = 0) => readDays(text, DAY, weekdayOf, n);
const ON_DAYS = `(?:\\s+(?:am|an|jeweils\\s+am)\\s+(${DAYS}))?`;
const OTHER = '(zweiten|2\\.|anderen)';

const frequencies: RecurrenceRule[] = [
  {
    // jeden ersten Montag im Monat · am ersten Montag des Monats · jeden letzten Freitag im Monat
    pattern: phrase(
      `(?:(?:jeden|jeweils\\s+am|am)\\s+)?${ORD}\\s+(${DAY})\\s+(?:im\\s+monat|des\\s+monats|jedes\\s+monats|in\\s+jedem\\s+monat)`,
    ),
    read: (m) => {
      const n = ORDINALS.get(m[1]!.toLowerCase());
      const byDay = days(m[2], n);
      return n === undefined || byDay.length === 0 ? null : { freq: 'MONTHLY', interval: 1, byDay };
    },
  },
  {
    // alle zwei Wochen · alle 3 Wochen am Dienstag · alle 14 Tage · zweiwöchentlich · jede zweite Woche
    pattern: phrase(
      `(?:alle\\s+${N}\\s+wochen|alle\\s+(14|vierzehn)\\s+tage|(zwei)w(?:ö|oe|o)chentlich|vierzehnt(?:ä|ae|a)gig|jede\\s+(zweite|andere)\\s+woche)${ON_DAYS}`,
    ),
    read: (m) => {
      const interval = m[2] || m[3] || m[4] ? 2 : /^vierzehn/iu.test(m[0]) ? 2 : count(m[1]);
      return interval === null ? null : { freq: 'WEEKLY', interval, byDay: days(m[5]) };
    },
  },
  {
    // alle zwei Monate
    pattern: phrase(`alle\\s+${N}\\s+monate`),
    read: (m) => {
      const interval = count(m[1]);
      return interval === null ? null : { freq: 'MONTHLY', interval };
    },
  },
  {
    // jeden Werktag · werktags
    pattern: phrase('jeden\\s+(?:werktag|arbeitstag)|werktags|an\\s+allen\\s+werktagen'),
    read: () => ({
      freq: 'WEEKLY',
      interval: 1,
      byDay: [0, 1, 2, 3, 4].map((weekday) => ({ n: 0, weekday })),
    }),
  },
  {
    // jeden Dienstag · jeden zweiten Dienstag · jeden Montag und Donnerstag
    pattern: phrase(`jeden\\s+(?:${OTHER}\\s+)?(${DAYS})`),
    read: (m) => {
      const byDay = days(m[2]);
      return byDay.length === 0 ? null : { freq: 'WEEKLY', interval: m[1] ? 2 : 1, byDay };
    },
  },
  {
    // wöchentlich · jede Woche · einmal pro Woche · wöchentlich am Montag
    pattern: phrase(
      `(?:w(?:ö|oe|o)chentlich|jede\\s+woche|einmal\\s+(?:pro|die|in\\s+der)\\s+woche)${ON_DAYS}`,
    ),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
  },
  {
    // täglich · jeden Tag · tägliches Standup
    pattern: phrase(
      't(?:ä|ae|a)glich(?:e[snmr]?)?(?:\\s+(?:stand-?up|standup-meeting|abstimmung|meeting))?|jeden\\s+tag',
    ),
    read: () => ({ freq: 'DAILY', interval: 1 }),
  },
  {
    // monatlich · jeden Monat · einmal im Monat
    pattern: phrase('monatlich|jeden\\s+monat|einmal\\s+(?:im|pro)\\s+monat'),
    read: () => ({ freq: 'MONTHLY', interval: 1 }),
  },
  {
    // dienstags · montags und donnerstags
    pattern: phrase(
      '(montags|dienstags|mittwochs|donnerstags|freitags)(?:\\s+und\\s+(montags|dienstags|mittwochs|donnerstags|freitags))?',
    ),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(`${m[1]} ${m[2] ?? ''}`) }),
  },
];

const ends: RecurrenceRule[] = [
  {
    // 6 Wochen lang · für 6 Wochen · drei Monate lang · über 6 Wochen
    pattern: phrase(
      `(?:(?:für|fuer|über|ueber)\\s+(?:die\\s+n(?:ä|ae|a)chsten\\s+)?${N}\\s+(wochen?|monate?|tage?)|${N}\\s+(wochen?|monate?|tage?)\\s+lang)`,
    ),
    read: (m) => {
      const n = count(m[1] ?? m[3]);
      const w = (m[2] ?? m[4])!.toLowerCase();
      const unit = w.startsWith('woche') ? 'week' : w.startsWith('monat') ? 'month' : 'day';
      return n === null ? null : { length: { n, unit } };
    },
  },
  {
    // 6 Mal · 8 Termine
    pattern: phrase(`${N}\\s*(?:-\\s*)?(?:mal|termine|sitzungen)`),
    read: (m) => {
      const n = small(numberValue(m[1], numbers), 200);
      return n === null ? null : { count: n };
    },
  },
  {
    // bis März · bis Ende März · bis einschließlich März
    pattern: phrase(`bis\\s+(?:(?:ende|einschlie(?:ß|ss)lich)\\s+)?${MONTH}`),
    read: (m) => {
      const month = monthOf(m[1]!);
      return month === undefined ? null : { untilMonth: month };
    },
  },
];

export const recurrence = { frequencies, ends };
