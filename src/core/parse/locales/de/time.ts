/** German words for when: parts of the day, named periods, clock words, days of the month, bounds. */

import { daytime } from '../../clock.ts';
import { pattern, WB, WE, wordRegex } from '../../text.ts';
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
  weekdayRange,
  weekOf,
} from '../shared.ts';
import type { BoundRule, ClockRule, PartOfDayRule, PeriodRule, TimeWordRule } from '../types.ts';
import { numbers } from './numbers.ts';

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['montag', 1],
  ['mo', 1],
  ['dienstag', 2],
  ['di', 2],
  ['mittwoch', 3],
  ['mi', 3],
  ['donnerstag', 4],
  ['do', 4],
  ['freitag', 5],
  ['fr', 5],
  ['samstag', 6],
  ['sonnabend', 6],
  ['sa', 6],
  ['sonntag', 7],
  ['so', 7],
]);
const WEEKDAY = `(${alternation(WEEKDAYS.keys())})\\.?`;
const weekday = (raw: string | undefined) => WEEKDAYS.get((raw ?? '').toLowerCase()) ?? 1;
/** Full weekday names, for compounds: `Dienstagnachmittag`, `Freitagvormittag`. */
const DAY_NAMES = 'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag';
/** The same, for the case-sensitive `Morgen` (the morning) as opposed to `morgen` (tomorrow). */
const CAPITAL_DAYS = DAY_NAMES.split('|')
  .map((d) => `[${d[0]!.toUpperCase()}${d[0]}]${d.slice(1)}`)
  .join('|');

/**
 * `(nur) (am|den|jeden|diesen|heute|<Wochentag>) <words> (nur)`; group 1 is `heute`/`diesen`, which
 * also names today. Compounds (`Dienstagnachmittag`) are read too: the weekday is left for chrono.
 */
function partOfDay(words: string, start: string, end: string): PartOfDayRule {
  return {
    pattern: wordRegex(
      `(?:${WB}(?:nur\\s+)?(?:(heute|diesen|dieser|diese)\\s+|(?:am|den|jeden|im\\s+laufe\\s+des|während\\s+des)\\s+)?|(?<=(?:${DAY_NAMES}|morgen)))(?:${words})(?:\\s+nur)?${WE}`,
    ),
    start,
    end,
    today: (m) => m[1] !== undefined,
  };
}

export const partsOfDay: readonly PartOfDayRule[] = [
  partOfDay(
    'fr[üu]h\\s+morgens|fr[üu]hmorgens|fr[üu]h\\s+am\\s+morgen|am\\s+fr[üu]hen\\s+morgen',
    '08:00',
    '10:00',
  ),
  partOfDay(
    'sp[äa]t(?:en)?\\s+vormittags?|sp[äa]tvormittags?|am\\s+sp[äa]ten\\s+vormittag',
    '10:00',
    '12:00',
  ),
  partOfDay(
    'sp[äa]t(?:en)?\\s+nachmittags?|sp[äa]tnachmittags?|am\\s+sp[äa]ten\\s+nachmittag',
    '15:00',
    '17:00',
  ),
  partOfDay(
    '(?:gegen\\s+)?ende\\s+des\\s+(?:arbeits)?tages|zum\\s+feierabend|vor\\s+feierabend',
    '16:00',
    '18:00',
  ),
  partOfDay('nach\\s+dem\\s+mittag(?:essen)?', '14:00', '24:00'),
  partOfDay('vormittags?', '09:00', '12:00'),
  partOfDay('nachmittags?', '13:00', '17:00'),
  partOfDay(
    'mittags?|(?:über|ueber)\\s+mittag|(?:in\\s+der\\s+)?mittagspause|(?:zur\\s+)?mittagszeit',
    '12:00',
    '14:00',
  ),
  partOfDay('abends?', '17:00', '20:00'),
  // `morgen` alone is tomorrow: the morning is `morgens`, `früh` after a day, or `Morgen` after
  // `am`/`heute`/a weekday.
  partOfDay('morgens', '09:00', '12:00'),
  {
    pattern: pattern(
      String.raw`(?<=(?:^|[^\p{L}\p{M}\p{N}_])(?:morgen|übermorgen|uebermorgen|heute|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\s+)fr[üu]h(?![\p{L}\p{M}\p{N}_])`,
      'giu',
    ),
    start: '09:00',
    end: '12:00',
  },
  {
    // Capitalised `Morgen` after `am`, `heute`, a weekday, or in a compound (`Montagmorgen`).
    pattern: pattern(
      `(?:(?<![\\p{L}\\p{M}\\p{N}_])(?:(heute)|[Hh]eute|am|jeden|[Dd]iesen)\\s+Morgen|(?<=(?:${CAPITAL_DAYS})\\s+)Morgen|(?<=(?:${CAPITAL_DAYS}))morgen)(?![\\p{L}\\p{M}\\p{N}_])`,
      'gu',
    ),
    start: '09:00',
    end: '12:00',
    today: (m) => m[1] !== undefined,
  },
];

const COUNT = `(\\d{1,2}|${alternation(numbers.keys())})`;

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['januar', 1],
  ['jänner', 1],
  ['jan', 1],
  ['februar', 2],
  ['feb', 2],
  ['märz', 3],
  ['maerz', 3],
  ['mär', 3],
  ['april', 4],
  ['apr', 4],
  ['mai', 5],
  ['juni', 6],
  ['jun', 6],
  ['juli', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['oktober', 10],
  ['okt', 10],
  ['november', 11],
  ['nov', 11],
  ['dezember', 12],
  ['dez', 12],
]);
const MONTH = `(${alternation(MONTHS.keys())})\\.?`;
const month = (raw: string | undefined) => MONTHS.get((raw ?? '').toLowerCase());
const PART =
  '(?:(?:gegen|zu|im|am|um\\s+die)\\s+)?(anfang|beginn|mitte|ende|(?:der\\s+|die\\s+)?(?:ersten?|zweiten?)\\s+h[äa]lfte)(?:\\s+(?:des|der|vom|von))?';
const part = (raw: string | undefined): Part => {
  const t = (raw ?? '').toLowerCase();
  if (/erste/.test(t)) return 'first-half';
  if (/zweite/.test(t)) return 'second-half';
  return /anfang|beginn/.test(t) ? 'early' : t.startsWith('mitte') ? 'mid' : 'late';
};
/** `3.` — a day number is written with a dot. */
const DAY = '(\\d{1,2})\\.';
const NEXT = '(?:n[äa]chste[nrs]?|kommende[nrs]?)';
const THIS = '(?:diese[nrsm]?|de[rnm]\\s+laufenden|laufende[nrs]?)';

export const periods: readonly PeriodRule[] = [
  {
    // "bis Ende des Monats", "vor Ende der Woche", "bis zum Monatsende": from today to that end
    pattern: wordRegex(
      `${WB}(?:bis|vor)\\s+(?:zum\\s+)?(?:ende\\s+(?:des\\s+monats|dieses\\s+monats|der\\s+woche|dieser\\s+woche)|monatsende)${WE}`,
    ),
    resolve: (m, now) =>
      /woche/i.test(m[0])
        ? { start: now.startOf('day'), end: partOfWeek('late', now).end }
        : { start: now.startOf('day'), end: monthOf(now).end },
  },
  {
    // "vom 3. bis 5. März", "zwischen dem 3. und 5. März", "vom 7. bis zum 11.", "3.–5. Dezember"
    pattern: wordRegex(
      `${WB}(?:(?:vom|von)\\s+${DAY}\\s*(?:bis(?:\\s+zum)?|-|–)|zwischen\\s+(?:dem\\s+)?${DAY}\\s+und(?:\\s+dem)?|${DAY}\\s*(?:-|–|bis))\\s*${DAY}(?:\\s*${MONTH})?(?!\\s*\\d)`,
    ),
    resolve: (m, now) => dayRange(Number(m[1] ?? m[2] ?? m[3]), Number(m[4]), now, month(m[5])),
  },
  {
    // "3.12.", "am 3.12.2026": a numeric date
    pattern: wordRegex(`${WB}(?:am\\s+|den\\s+)?(\\d{1,2})\\.(\\d{1,2})\\.(?:(20\\d\\d)${WE})?(?!\\d)`),
    resolve: (m, now) => {
      const day = Number(m[1]);
      const mon = Number(m[2]);
      if (mon < 1 || mon > 12) return null;
      const start = m[3]
        ? now.set({ year: Number(m[3]), month: mon, day }).startOf('day')
        : nextDayNumbered(day, now, mon);
      if (!start?.isValid || start.day !== day) return null;
      return { start, end: start.plus({ days: 1 }) };
    },
  },
  {
    // "von Montag bis Mittwoch", "Montag bis Mittwoch", "Mo-Mi"
    pattern: wordRegex(
      `${WB}(?:(?:vo[nm]\\s+)?${WEEKDAY}\\s+bis(?:\\s+zum)?\\s+|${WEEKDAY}\\s*[-–]\\s*)${WEEKDAY}${WE}`,
    ),
    resolve: (m, now) => weekdayRange(weekday(m[1] ?? m[2]), weekday(m[3]), now),
  },
  {
    // "Anfang Dezember", "Mitte Januar", "Ende des Monats", "Ende nächsten Monats", "Anfang des nächsten Monats"
    pattern: wordRegex(
      `${WB}${PART}\\s*(?:${MONTH}|(?:(?:des|dieses)\\s+)?monats|(?:des\\s+)?(${NEXT})\\s+monats)${WE}(?!\\s*\\d)`,
    ),
    resolve: (m, now) => {
      const named = month(m[2]);
      const start = named ? namedMonth(named, now) : now.plus({ months: m[3] ? 1 : 0 });
      return partOfMonth(part(m[1]), start);
    },
  },
  {
    // "Ende der Woche", "Anfang nächster Woche", "Mitte der nächsten Woche", "Ende dieser Woche"
    pattern: wordRegex(`${WB}${PART}\\s*(?:(?:der|dieser)\\s+)?(?:(${NEXT})\\s+)?woche${WE}`),
    resolve: (m, now) => partOfWeek(part(m[1]), now.plus({ weeks: m[2] ? 1 : 0 })),
  },
  {
    // "Wochenanfang", "Wochenmitte", "Wochenende" is the weekend (below)
    pattern: wordRegex(`${WB}(?:(?:am|zum)\\s+)?wochen(anfang|beginn|mitte)${WE}`),
    resolve: (m, now) => partOfWeek(part(m[1]), now),
  },
  {
    // "die Woche vom 7. Dezember", "die Woche ab dem 14."
    pattern: wordRegex(
      `${WB}(?:(?:die|in\\s+der)\\s+)?woche\\s+(?:vom|ab\\s+dem|ab)\\s+${DAY}(?:\\s*${MONTH})?${WE}`,
    ),
    resolve: (m, now) => {
      const day = nextDayNumbered(Number(m[1]), now, month(m[2]));
      return day ? weekOf(day) : null;
    },
  },
  {
    // "im Dezember", "Dezember" (not "3. Dezember", "Dezember 3")
    pattern: wordRegex(`${WB}(?:(?:im|ab|bis)\\s+)?(?<!\\d\\.?\\s*)${MONTH}${WE}(?!\\s*\\d)`),
    resolve: (m, now) => {
      if (/^(?:ab|bis)/i.test(m[0])) return null;
      const named = month(m[1]);
      return named ? monthOf(namedMonth(named, now)) : null;
    },
  },
  {
    pattern: wordRegex(`${WB}(?:[üu]bermorgen|[üu]ber\\s+morgen)${WE}`),
    resolve: (_m, now) => dayFromToday(2, now),
  },
  {
    // chrono reads `morgen` after a blank as a morning (6:00): the day is read here.
    pattern: wordRegex(`${WB}(?:morgen|morgn|moin\\s+morgen)${WE}(?!s)`),
    resolve: (_m, now) => dayFromToday(1, now),
  },
  {
    pattern: wordRegex(`${WB}heute${WE}`),
    resolve: (_m, now) => dayFromToday(0, now),
  },
  {
    // "in den nächsten 3 Tagen", "die nächsten zwei Wochen", "innerhalb der nächsten 3 Tage"
    pattern: wordRegex(
      `${WB}(?:(?:in|innerhalb|während|w[äa]hrend)\\s+)?(?:den|der|die)\\s+${NEXT}\\s+${COUNT}\\s+(tage[n]?|wochen)${WE}`,
    ),
    resolve: (m, now) => {
      const n = numberValue(m[1], numbers);
      return /woche/i.test(m[2] ?? '') ? nextWeeks(n, now) : nextDays(n, now);
    },
  },
  {
    // "innerhalb von 3 Tagen", "binnen 3 Tagen": today and the N days after it
    pattern: wordRegex(`${WB}(?:innerhalb\\s+von|innerhalb|binnen)\\s+${COUNT}\\s+tage[n]?${WE}`),
    resolve: (m, now) => nextDays(numberValue(m[1], numbers), now),
  },
  {
    // "in 3 Tagen", "in zwei Tagen"
    pattern: wordRegex(`${WB}in\\s+${COUNT}\\s+tagen${WE}`),
    resolve: (m, now) => dayFromToday(numberValue(m[1], numbers), now),
  },
  {
    pattern: wordRegex(`${WB}(?:diese|dieser|die)\\s+(?:oder|o\\.)\\s+(?:die\\s+)?${NEXT}\\s+woche${WE}`),
    resolve: (_m, now) => ({ start: now.startOf('day'), end: weekOf(now.plus({ weeks: 1 })).end }),
  },
  {
    pattern: wordRegex(`${WB}(?:(?:in\\s+der|die)\\s+)?[üu]bern[äa]chste[nr]?\\s+woche${WE}`),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 2 })),
  },
  {
    pattern: wordRegex(
      `${WB}(?:(?:in\\s+der|die|der)\\s+)?${NEXT}\\s+(?:woche|wo\\.)(?=$|[^\\p{L}\\p{M}\\p{N}_])`,
    ),
    resolve: (_m, now) => weekOf(now.plus({ weeks: 1 })),
  },
  {
    pattern: wordRegex(
      `${WB}(?:(?:in\\s+)?${THIS}\\s+woche|(?:im\\s+laufe\\s+der|unter\\s+der)\\s+woche)${WE}`,
    ),
    resolve: (_m, now) => restOfWeek(now),
  },
  {
    // "in zwei Wochen" = the week (Monday to Monday) that contains today + 2 weeks
    pattern: wordRegex(`${WB}in\\s+${COUNT}\\s+wochen?${WE}`),
    resolve: (m, now) => {
      const n = numberValue(m[1], numbers);
      return n === null || n < 1 || n > 52 ? null : weekOf(now.plus({ weeks: n }));
    },
  },
  {
    pattern: wordRegex(`${WB}(?:(?:in\\s+)?${THIS}\\s+monat|im\\s+laufe\\s+des\\s+monats)${WE}`),
    resolve: (_m, now) => ({ ...monthOf(now), start: now.startOf('day') }),
  },
  {
    pattern: wordRegex(`${WB}(?:(?:im|den)\\s+)?${NEXT}\\s+monat${WE}`),
    resolve: (_m, now) => monthOf(now, 1),
  },
  {
    pattern: wordRegex(`${WB}(?:(?:am|das)\\s+)?${NEXT}\\s+wochenende${WE}`),
    resolve: (_m, now) => comingWeekend(now, 1),
  },
  {
    pattern: wordRegex(`${WB}(?:(?:am|dieses|das|übers|[üu]ber\\s+das)\\s+)?wochenende${WE}`),
    resolve: (_m, now) => comingWeekend(now),
  },
];

export const timeWords: readonly TimeWordRule[] = [
  { pattern: wordRegex(`${WB}(?:mitternacht)${WE}`), minutes: 0 },
];

/** "am 12.", "den 1.", "zum 4.", "dem 10." (a day number, not followed by a month or a time). */
export const dayOfMonth = wordRegex(
  `${WB}(?:am|den|dem|zum)\\s+(\\d{1,2})\\.(?!\\s*\\d)(?!\\s*(?:${alternation(MONTHS.keys())})(?![\\p{L}]))`,
);

export const bounds: readonly BoundRule[] = [
  { pattern: wordRegex(`${WB}(?:nicht\\s+vor|fr[üu]hestens(?:\\s+(?:ab|am|um))?)${WE}`), kind: 'from' },
  { pattern: wordRegex(`${WB}(?:nicht\\s+nach|nicht\\s+sp[äa]ter\\s+als)${WE}`), kind: 'until' },
  {
    pattern: wordRegex(
      `${WB}(?:bis\\s+sp[äa]testens|sp[äa]testens(?:\\s+(?:bis|am|um))?|bis(?:\\s+zum|\\s+zur)?)${WE}`,
    ),
    kind: 'until',
  },
  { pattern: wordRegex(`${WB}(?:nach|sp[äa]ter\\s+als)${WE}`), kind: 'after' },
  { pattern: wordRegex(`${WB}(?:vor|fr[üu]her\\s+als|noch\\s+vor)${WE}`), kind: 'before' },
  { pattern: wordRegex(`${WB}(?:ab|von|vom|ab\\s+dem|seit)${WE}`), kind: 'from' },
  { pattern: wordRegex(`${WB}zwischen${WE}`), kind: 'between' },
  {
    pattern: wordRegex(
      `${WB}(?:au(?:ß|ss)er|ausgenommen|ohne|aber\\s+nicht|nur\\s+nicht|bloß\\s+nicht|nicht|(?:keine[nr]?|kein)(?:\\s+(?:termin|treffen|meeting))?|weder)(?:\\s+(?:am|an|den|dem|die|der|um|zur|zum|während\\s+de[rs]|in\\s+der|im))?${WE}`,
    ),
    kind: 'except',
  },
];

export const rangeJoiner = /^[\s,]*(?:und|&)?[\s,]*$/iu;

/** Clock hours in words: the number words ein/eins to zwölf (not the cases of `ein`), then 13 to 23. */
const HOUR_WORDS: ReadonlyMap<string, number> = new Map([
  ...[...numbers].filter(
    ([word, n]) => Number.isInteger(n) && n >= 1 && n <= 12 && !/^ein(?:e[rmn]?)?$/.test(word),
  ),
  ['dreizehn', 13],
  ['vierzehn', 14],
  ['fünfzehn', 15],
  ['sechzehn', 16],
  ['siebzehn', 17],
  ['achtzehn', 18],
  ['neunzehn', 19],
  ['zwanzig', 20],
  ['einundzwanzig', 21],
  ['zweiundzwanzig', 22],
  ['dreiundzwanzig', 23],
]);
const HW = alternation(HOUR_WORDS.keys());
const hourOf = (raw: string | undefined): number => {
  const t = (raw ?? '').toLowerCase();
  return /^\d+$/.test(t) ? Number(t) : (HOUR_WORDS.get(t) ?? Number.NaN);
};
/** `morgens`, `nachmittags`… after a clock time: its half of the day. */
const DAY_HALF = '(?:\\s+(morgens|fr[üu]h|vormittags|mittags|nachmittags|abends|nachts))?';
const withHalf = (hour: number, half: string | undefined): number => {
  if (!half) return daytime(hour);
  const h = half.toLowerCase();
  if (/morgens|fr|vormittags|nachts/.test(h)) return hour === 12 ? 0 : hour;
  return hour < 12 ? hour + 12 : hour;
};
const MINUTE_WORDS: Readonly<Record<string, number>> = {
  fünfzehn: 15,
  dreißig: 30,
  dreissig: 30,
  fünfundvierzig: 45,
};

export const clockTimes: readonly ClockRule[] = [
  {
    // "zwischen 14 und 16 Uhr", "von 9 bis 11 Uhr", "14-16 Uhr", "zwischen 14:00 und 16:30", "9 bis 11 Uhr"
    pattern: wordRegex(
      `${WB}(?:(zwischen|von|ab)\\s+)?(\\d{1,2})(?:[:.]([0-5]\\d))?(\\s*uhr)?\\s*(?:und|bis|-|–)\\s*(\\d{1,2})(?:[:.]([0-5]\\d))?(\\s*uhr)?${WE}`,
    ),
    read: (m) => {
      if (!m[1] && !m[4] && !m[7]) return null;
      if (!m[4] && !m[7] && !m[3] && !m[6]) return null;
      const a = Number(m[2]);
      const b = Number(m[5]);
      if (a > 23 || b > 24) return null;
      return [{ start: a * 60 + Number(m[3] ?? 0), end: b * 60 + Number(m[6] ?? 0) }];
    },
  },
  {
    // "10 oder 14 Uhr": alternatives
    pattern: wordRegex(
      `${WB}(\\d{1,2})(?:[:.]([0-5]\\d))?(?:\\s*uhr)?\\s+oder\\s+(?:um\\s+)?(\\d{1,2})(?:[:.]([0-5]\\d))?\\s*uhr${WE}`,
    ),
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      if (a > 23 || b > 23) return null;
      return [{ start: a * 60 + Number(m[2] ?? 0) }, { start: b * 60 + Number(m[4] ?? 0) }];
    },
  },
  {
    // "um 15 Uhr", "15 Uhr 30", "um drei Uhr nachmittags", "8 Uhr morgens", "15:30 Uhr", "12 Uhr mittags"
    pattern: wordRegex(
      `${WB}(?:(?:um|gegen|so\\s+um)\\s+)?(\\d{1,2}|${HW})(?:[:.]([0-5]\\d))?\\s*uhr(?:\\s*([0-5]\\d)|\\s+(${Object.keys(MINUTE_WORDS).join('|')}))?${DAY_HALF}${WE}`,
    ),
    read: (m) => {
      const h = hourOf(m[1]);
      if (!Number.isFinite(h) || h > 24) return null;
      const minutes = m[2]
        ? Number(m[2])
        : m[3]
          ? Number(m[3])
          : (MINUTE_WORDS[(m[4] ?? '').toLowerCase()] ?? 0);
      const digits = /^\d+$/.test(m[1] ?? '');
      // "9 Uhr" is 9; "3 Uhr" in a request is 15 ("nachts" keeps 3).
      const hour = h > 12 ? h : m[5] ? withHalf(h, m[5]) : digits && h >= 8 ? h : daytime(h);
      return [{ start: hour * 60 + minutes }];
    },
  },
  {
    // "halb drei" (2:30 pm), "Viertel nach drei", "Viertel vor vier", "um halb zehn"
    pattern: wordRegex(
      `${WB}(?:(?:um|gegen)\\s+)?(?:(halb)|(viertel)\\s+(nach|vor))\\s+(\\d{1,2}|${HW})(?:\\s+uhr)?${DAY_HALF}${WE}`,
    ),
    read: (m) => {
      const h = hourOf(m[4]);
      if (!Number.isFinite(h) || h > 24) return null;
      const hour = m[5] ? withHalf(h, m[5]) : daytime(h);
      const start = m[1] ? hour * 60 - 30 : hour * 60 + (m[3]?.toLowerCase() === 'vor' ? -15 : 15);
      return start < 0 ? null : [{ start }];
    },
  },
  {
    // "um drei", "gegen elf", "um zehn morgens"
    pattern: wordRegex(`${WB}(?:um|gegen)\\s+(${HW})${DAY_HALF}${WE}(?!\\s*(?:tage|wochen|minuten|stunden))`),
    read: (m) => {
      const h = hourOf(m[1]);
      if (!Number.isFinite(h)) return null;
      return [{ start: (m[2] ? withHalf(h, m[2]) : daytime(h)) * 60 }];
    },
  },
  {
    // "vor 12", "ab 9", "nach 10", "bis 17", "um 14:30": a bare hour after a bound word (8 to 23;
    // 1 to 7 stay unread, so the bot asks)
    pattern: wordRegex(
      `(?<=(?:^|[^\\p{L}\\p{M}\\p{N}_])(?:vor|nach|ab|bis|um|gegen|spätestens|frühestens)\\s+)(\\d{1,2})(?:[:.]([0-5]\\d))?${WE}(?!\\s*[.\\d])(?!\\s*(?:tage|wochen|monate|minuten|stunden|std|min|uhr))`,
    ),
    read: (m) => {
      const h = Number(m[1]);
      if (h > 23 || (h < 8 && !m[2])) return null;
      return [{ start: h * 60 + Number(m[2] ?? 0) }];
    },
  },
];
