/**
 * German recurring requests: `jeden Dienstag`, `alle zwei Wochen`, `jeden zweiten und vierten Dienstag im
 * Monat`, `vierteljährlich`, `jeden Tag außer Freitag`, `6 Wochen lang`, `bis 15. März`; `zweimal pro Woche`
 * and `halbmonatlich` are asked.
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
import type { RecurrencePiece, RecurrenceRule } from '../types.ts';
import { holidays } from './holidays.ts';
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
const DAYS = dayList(DAY, 'und|&|\\+|oder|/');
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
  ['fünften', 5],
  ['fünfte', 5],
  ['5.', 5],
  ['letzten', -1],
  ['letzte', -1],
  ['vorletzten', -2],
  ['vorletzte', -2],
]);
const ORD = `(?:${alternation(ORDINALS.keys())})`;
const ORDS = `(${ordinalList(ORD, 'und|&|\\+|oder', 'den|dem|am')})`;
const ranks = (text: string | undefined) => readOrdinals(text, ORDINALS);
const OF_MONTH =
  '(?:im\\s+monat|des\\s+monats|jedes\\s+monats|in\\s+jedem\\s+monat|eines\\s+jeden\\s+monats|pro\\s+monat)';
const RFC = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** `zweimal pro Woche`: welche Tage? Einige übliche Paare zur Wahl (oder die Anfrage wird umformuliert). */
const TWICE_A_WEEK = [
  'FREQ=WEEKLY;BYDAY=MO,TH',
  'FREQ=WEEKLY;BYDAY=TU,TH',
  'FREQ=WEEKLY;BYDAY=MO,WE',
  'FREQ=WEEKLY;BYDAY=TU,FR',
];
const THRICE_A_WEEK = ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'FREQ=WEEKLY;BYDAY=TU,WE,TH'];
const twiceAMonth = (weekday = 'MO') => [
  `FREQ=WEEKLY;INTERVAL=2${weekday === 'MO' ? '' : `;BYDAY=${weekday}`}`,
  `FREQ=MONTHLY;BYDAY=1${weekday},3${weekday}`,
  `FREQ=MONTHLY;BYDAY=2${weekday},4${weekday}`,
];
const monthly = (interval: number): RecurrencePiece => ({ freq: 'MONTHLY', interval });
const PLURAL_DAY = '(?:montags|dienstags|mittwochs|donnerstags|freitags|samstags|sonnabends|sonntags)';
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

/** Ein gezählter Wochentag nach einer Liste (`Montag und [ersten Mittwoch]`): Teil einer Paarliste. */
const AFTER_PAIR = `(?<!${DAY}\\s*(?:,|und|&|\\+)\\s*(?:(?:den|dem|am)\\s*)?)`;
const PAIR = `${ORD}\\s+${DAY}`;
const PAIRS = `(${PAIR}(?:\\s*(?:,|und|&|\\+)\\s*(?:(?:den|dem|am|jeden|an\\s+jedem)\\s+)?${PAIR})+)`;
const MONTHLY = '(?:monatlich|jeden\\s+monat|einmal\\s+(?:im|pro)\\s+monat)';

const frequencies: RecurrenceRule[] = [
  {
    // am ersten Montag und ersten Mittwoch im Monat · jeden ersten Montag und ersten Mittwoch · jeden ersten
    // Montag und dritten Mittwoch (im Monat): ein Rang je Wochentag, 1MO, 3WE
    pattern: phrase(
      `(?:(?:jeden|jeweils\\s+am|am|an\\s+jedem)\\s+)?${PAIRS}\\s*,?\\s+(?:${OF_MONTH}|${MONTHLY})|(?:jeden|an\\s+jedem|jeweils\\s+am)\\s+${PAIRS}(?:\\s*,?\\s+(?:${OF_MONTH}|${MONTHLY}))?|${MONTHLY}\\s*,?\\s+(?:am|jeweils\\s+am)\\s+${PAIRS}`,
    ),
    read: (m) =>
      monthlyOnPairs(readPairs(m[1] ?? m[2] ?? m[3], ORDINALS, DAY, weekdayOf)) ?? { unread: true },
  },
  {
    // jeden ersten Montag im Monat · am ersten Montag des Monats · jeden zweiten und vierten Dienstag im Monat
    pattern: phrase(
      `${AFTER_PAIR}(?:(?:jeden|jeweils\\s+am|am|an\\s+jedem)\\s+)?${ORDS}\\s+(${DAYS})\\s+${OF_MONTH}`,
    ),
    read: (m) => monthlyOn(ranks(m[1]), days(m[2])),
  },
  {
    // monatlich am ersten Montag · jeden Monat am letzten Freitag · einmal im Monat am zweiten Dienstag
    pattern: phrase(
      `(?:monatlich|jeden\\s+monat|einmal\\s+(?:im|pro)\\s+monat)\\s*,?\\s+(?:am|jeweils\\s+am)\\s+${ORDS}\\s+(${DAYS})`,
    ),
    read: (m) => monthlyOn(ranks(m[1]), days(m[2])),
  },
  {
    // einmal im Monat am Donnerstag · monatlich donnerstags: welcher Donnerstag im Monat? Gefragt.
    pattern: phrase(
      `(?:monatlich|jeden\\s+monat|einmal\\s+(?:im|pro)\\s+monat)\\s*,?\\s+(?:(?:am|jeweils\\s+am)\\s+(${DAY})|(${PLURAL_DAY}))`,
    ),
    read: (m) => ({ ask: monthlyWhich(days(m[1] ?? m[2])) }),
  },
  {
    // montags bis donnerstags · jede Woche von Montag bis Donnerstag: jeder dieser Tage
    pattern: phrase(
      `(?:(?:jede\\s+woche|w(?:ö|oe|o)chentlich)\\s*,?\\s+(?:von\\s+)?(${DAY})\\s+bis\\s+(${DAY})|(${PLURAL_DAY})\\s+bis\\s+(${PLURAL_DAY}))`,
    ),
    read: (m) => dayRange(days(m[1] ?? m[3]), days(m[2] ?? m[4])),
  },
  {
    // jeden ersten Montag · jeden zweiten und vierten Dienstag · jeden letzten Freitag (im Monat gezählt);
    // ein einzelnes `jeden zweiten Dienstag` ist vierzehntägig (unten)
    pattern: phrase(`(?:jeden|an\\s+jedem|jeweils\\s+am)\\s+${ORDS}\\s+(${DAYS})`),
    read: (m) => {
      const r = ranks(m[1]);
      return r.length === 1 && r[0] === 2 ? null : monthlyOn(r, days(m[2]));
    },
  },
  {
    // alle zwei Wochen · alle 3 Wochen am Dienstag · alle 14 Tage · zweiwöchentlich · jede zweite Woche
    pattern: phrase(
      `(?:alle\\s+${N}\\s+wochen|alle\\s+(14|vierzehn)\\s+tage|(zwei)w(?:ö|oe|o)chentlich|(?:vierzehn|14\\s*-?\\s*)t(?:ä|ae|a)g(?:ig|lich)|jede\\s+(zweite|andere)\\s+woche)${ON_DAYS}`,
    ),
    read: (m) => {
      const interval = m[2] || m[3] || m[4] ? 2 : /^(?:vierzehn|14)/iu.test(m[0]) ? 2 : count(m[1]);
      return interval === null ? null : { freq: 'WEEKLY', interval, byDay: days(m[5]) };
    },
  },
  {
    // alle acht Tage (jede Woche) · alle 3 Tage · jeden zweiten Tag
    pattern: phrase(`alle\\s+${N}\\s+tage|jeden\\s+(zweiten|2\\.|anderen)\\s+tag`),
    read: (m) => {
      const n = m[2] ? 2 : count(m[1]);
      return n === null
        ? null
        : n === 8 || n === 7
          ? { freq: 'WEEKLY', interval: 1 }
          : { freq: 'DAILY', interval: n };
    },
  },
  {
    // alle zwei Monate · zweimonatlich
    pattern: phrase(`alle\\s+${N}\\s+monate|(zwei)monatlich`),
    read: (m) => {
      const interval = m[2] ? 2 : count(m[1]);
      return interval === null ? null : monthly(interval);
    },
  },
  {
    // vierteljährlich · quartalsweise · jedes Quartal · einmal im Quartal
    pattern: phrase(
      'viertelj(?:ä|ae|a)hrlich|quartalsweise|jedes\\s+quartal|einmal\\s+(?:im|pro)\\s+quartal',
    ),
    read: () => monthly(3),
  },
  {
    // halbjährlich · jedes halbe Jahr · zweimal im Jahr
    pattern: phrase('halbj(?:ä|ae|a)hrlich|jedes\\s+halbe\\s+jahr|zweimal\\s+(?:im|pro)\\s+jahr'),
    read: () => monthly(6),
  },
  {
    // alle zwei Jahre · zweijährlich
    pattern: phrase('alle\\s+(?:zwei|2)\\s+jahre|zweij(?:ä|ae|a)hrlich'),
    read: () => monthly(24),
  },
  {
    // jährlich · jedes Jahr · einmal im Jahr (alle 12 Monate: dieselben Termine wie YEARLY)
    pattern: phrase('(?:all)?j(?:ä|ae|a)hrlich|jedes\\s+jahr|einmal\\s+(?:im|pro)\\s+jahr'),
    read: () => monthly(12),
  },
  {
    // halbmonatlich · zweimal im Monat (am Dienstag): jede zweite Woche oder zwei gezählte Wochentage? Gefragt.
    pattern: phrase(
      `(?:halbmonatlich|zweimal\\s+(?:im|pro)\\s+monat)(?:\\s+(?:am|jeweils\\s+am)\\s+(${DAY}))?`,
    ),
    read: (m) => ({ ask: twiceAMonth(RFC[days(m[1])[0]?.weekday ?? 0]) }),
  },
  {
    // zweimal pro Woche, montags und donnerstags (die Tage sagen es) · zweimal pro Woche (gefragt)
    pattern: phrase(
      `(zwei|drei)mal\\s+(?:pro|die|in\\s+der|je)\\s+woche(?:\\s*,?\\s*(?:(?:am|an)\\s+(${DAYS})|(${dayList(PLURAL_DAY, 'und|&|\\+')})))?`,
    ),
    read: (m) => {
      const byDay = days(m[2] ?? m[3]);
      if (byDay.length > 1) return { freq: 'WEEKLY', interval: 1, byDay };
      return { ask: /^zwei/iu.test(m[1]!) ? TWICE_A_WEEK : THRICE_A_WEEK };
    },
  },
  {
    // jeden Werktag · werktags · wochentags · an Werktagen · montags bis freitags
    pattern: phrase(
      'jeden\\s+(?:werktag|arbeitstag|wochentag)|werktags|wochentags|an\\s+(?:allen\\s+)?wochentagen|an\\s+(?:allen\\s+)?(?:werktagen|arbeitstagen)|montags\\s+bis\\s+freitags',
    ),
    read: () => ({ freq: 'WEEKLY', interval: 1, byDay: WORKING_DAYS }),
  },
  {
    // jeden Dienstag · jeden zweiten Dienstag · jeden Montag und Donnerstag · immer am Montag · immer montags
    pattern: phrase(`(?:jeden|immer\\s+am)\\s+(?:${OTHER}\\s+)?(${DAYS})`),
    read: (m) => {
      const byDay = days(m[2]);
      return byDay.length === 0 ? null : { freq: 'WEEKLY', interval: m[1] ? 2 : 1, byDay };
    },
  },
  {
    // wöchentlich · jede Woche · einmal pro Woche · wöchentlich am Montag
    pattern: phrase(
      `(?:w(?:ö|oe|o)chentlich(?:e[snmr]?)?(?:\\s+(?:meeting|termin|treffen|abstimmung|jour\\s+fixe))?|jede\\s+woche|einmal\\s+(?:pro|die|in\\s+der)\\s+woche)${ON_DAYS}`,
    ),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
  },
  {
    // täglich · jeden Tag · tägliches Standup · jeden Nachmittag (die Tageszeit wird wie sonst gelesen; nicht
    // `jeden Morgen`: `Morgen` liest sich sonst als `morgen`, der nächste Tag)
    pattern: phrase(
      't(?:ä|ae|a)glich(?:e[snmr]?)?(?:\\s+(?:stand-?up|standup-meeting|abstimmung|meeting))?|jeden\\s+tag|(?:jeden|jede)(?=\\s+(?:vormittag|nachmittag|abend|mittag)(?:$|\\s))',
    ),
    read: () => ({ freq: 'DAILY', interval: 1 }),
  },
  {
    // jeden Morgen: `jeden` bleibt für die Tageszeit sichtbar (`jeden Morgen` ist der Morgen, nicht morgen)
    pattern: phrase('jeden(?=\\s+(?-i:M)orgen(?:$|\\s))'),
    shared: true,
    read: () => ({ freq: 'DAILY', interval: 1 }),
  },
  {
    // monatlich · jeden Monat · einmal im Monat
    pattern: phrase('monatlich(?:e[snmr]?)?|jeden\\s+monat|einmal\\s+(?:im|pro)\\s+monat'),
    read: () => ({ freq: 'MONTHLY', interval: 1 }),
  },
  {
    // dienstags · montags und donnerstags · montags, mittwochs und freitags · immer dienstags
    pattern: phrase(`(?:immer\\s+)?(${dayList(PLURAL_DAY, 'und|&|\\+|/')})`),
    read: (m) => ({ freq: 'WEEKLY', interval: 1, byDay: days(m[1]) }),
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
    // 6 Mal · 8-mal · achtmal · 8 Termine
    pattern: phrase(`${N}\\s*(?:-\\s*)?(?:mal|termine|sitzungen|treffen)`),
    read: (m) => {
      const n = small(numberValue(m[1], numbers), 200);
      return n === null ? null : { count: n };
    },
  },
  {
    // bis 15. März · bis zum 15. März · bis einschließlich 15. März
    pattern: phrase(
      `bis\\s+(?:zum\\s+|einschlie(?:ß|ss)lich\\s+|inklusive\\s+)?(?:(?:${DAY})\\s*,?\\s*(?:den\\s+)?)?(\\d{1,2})\\.?\\s*${MONTH}`,
    ),
    read: (m) => {
      const month = monthOf(m[2]!);
      const day = small(Number(m[1]), 31);
      return month === undefined || day === null ? null : { untilDay: { month, day } };
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
  {
    // bis Ende Q1 · bis Ende des ersten Quartals
    pattern: phrase(
      `bis\\s+(?:zum\\s+)?ende\\s+(?:(?:des\\s+)?q([1-4])|des\\s+(ersten|zweiten|dritten|vierten)\\s+quartals)`,
    ),
    read: (m) => {
      const q = m[1]
        ? Number(m[1])
        : ['ers', 'zwe', 'dri', 'vie'].indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
      return q >= 1 && q <= 4 ? { untilQuarter: q } : null;
    },
  },
];

/** Ein Datum einer Ausnahmeliste: `28. Dezember`, `28.12.`. */
const EX_DATE = `\\d{1,2}\\.\\s*(?:${MONTH.slice(1, -1)}|\\d{1,2}\\.(?:\\d{2,4})?)`;
const EX_DATE_PARTS = new RegExp(`(\\d{1,2})\\.\\s*(?:${MONTH}|(\\d{1,2})\\.)`, 'giu');
/** Ein Datum oder ein Feiertag mit festem Datum (`Weihnachten`, `Neujahr`) in einer Ausnahmeliste. */
const EX_ITEM = `(?:${EX_DATE}|${holidayWords(holidays)})`;
const readExDate = (d: RegExpExecArray) => {
  const month = d[2] ? monthOf(d[2]) : (small(Number(d[3]), 12) ?? undefined);
  const day = small(Number(d[1]), 31);
  return month === undefined || day === null ? null : { month, day };
};

const excepts: RecurrenceRule[] = [
  {
    // außer am 28. Dezember · nicht am 28.12. und 4.1. · ausgenommen den 24. und 31. Dezember (nein: je Datum ein Monat)
    // · außer Weihnachten und Neujahr · außer an Heiligabend (Feiertage mit festem Datum: `./holidays.ts`)
    pattern: phrase(
      `(?:au(?:ß|ss)er|ausgenommen|ohne|nicht|kein(?:e|en)?\\s+(?:termin|meeting|treffen))\\s+(?:(?:am|an|den|zu|über)\\s+)?(${EX_ITEM}(?:\\s*(?:,|und|&|\\+)\\s*(?:(?:am|an|den|zu|über)\\s+)?${EX_ITEM})*)`,
    ),
    read: (m) => {
      const exceptDates = exceptList(m[1]!, { pattern: EX_DATE_PARTS, read: readExDate }, holidays);
      return exceptDates.length > 0 ? { exceptDates } : null;
    },
  },
  {
    // außer Freitag · außer freitags · ausgenommen am Montag · außer am Wochenende; nicht `außer Freitag
    // nachmittags` (eine Zeit nur an dem Tag: als Ausschluss aus dem Zeitraum gelesen)
    pattern: phrase(
      `(?:au(?:ß|ss)er|ausgenommen|nicht)\\s+(?:am\\s+|an\\s+|den\\s+)?(?:(${DAYS})|(${dayList(PLURAL_DAY, 'und|&|\\+|oder')})|(wochenenden?))(?!\\s*,?\\s*(?:morgens|vormittags?|nachmittags?|abends?|mittags?|um|ab|vor|nach|zwischen|von|\\d)(?![\\p{L}]))`,
    ),
    read: (m) =>
      exceptOf(
        m[3]
          ? [
              { n: 0, weekday: 5 },
              { n: 0, weekday: 6 },
            ]
          : days(m[1] ?? m[2]),
      ),
  },
];

export const recurrence = { frequencies, ends, excepts };
